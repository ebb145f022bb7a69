"""Notices as issued documents: the 通报 of late units and overdue rectification items.

`python -m generator notice commitments ID --as-of DAY` and `notice ledger --as-of DAY`
draft a notice file whose list (unit, status, days late, measure required) is written
into its front matter as data (`listing`). The page and any Word/PDF document are made
from that list, never from the live records: rebuilding later never changes an issued
notice, whatever happens to the submissions or the ledger afterwards.

`notice freeze FILE` does the same for the cases a 通报 cites: what it prints of each
(unit and title, facts, measures, outcome) is written into its front matter
(`case_texts`), and the page and the documents print that text only. A case edited
later changes the case's page, never the notice; a case withdrawn later is not printed
again through the notice (document.frozen_blocks).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from generator.bulletin import environment
from generator.derive import Duties, commitment_rows, held_against, ledger_standing
from generator.records import Dataset, Rec

MISSING, LATE, OVERDUE = "未报送", "迟报", "逾期未销号"

# The labels an issued 公文 prints inside its text (its page and its Word/PDF), by the key
# its front matter `words` holds them under once frozen: renaming one in labels.yml after
# issue would change the text of every 通报 issued before.
FROZEN_WORDS = {
    "attachments": ("document", "attachments"), "cc": ("document", "cc"),
    "printed": ("document", "printed"), "listing_head": ("notice", "listing_head"),
    "listing_intro": ("notice", "listing_intro"),
    "listing_columns": ("document", "listing_columns"),
    "listing_ledger_columns": ("document", "listing_ledger_columns"),
    "days": ("document", "days"), "contact": ("document", "contact"),
    "correction": ("document", "correction"), "seal": ("document", "seal"),
    # the site's statement standing for a cited case withdrawn after issue: printed in
    # the issued text, at that case's number
    "case_withdrawn": ("document", "case_withdrawn")}


# The cells of each row of a 通报名单 (document.listing_table): a frozen header names each.
LISTING_COLUMNS = {"listing_columns": 5, "listing_ledger_columns": 7}


class NoticeWords(Mapping):
    """The words a notice prints inside its text: those frozen into it when it was issued
    (front matter `words`), else the labels as they are now (a draft, or a notice issued
    before words were frozen: check says so). A label is read only when it is printed: a
    county's labels.yml from before a word existed still works for notices without it."""

    def __init__(self, notice: Rec | dict, labels: dict) -> None:
        self.frozen = notice.get("words") or {}
        self.labels = labels

    def __getitem__(self, key: str):
        value = self.frozen.get(key)
        if value not in (None, "", []):
            return value
        section, name = FROZEN_WORDS[key]
        return self.labels[section][name]

    def __iter__(self):
        return iter(FROZEN_WORDS)

    def __len__(self) -> int:
        return len(FROZEN_WORDS)


def live_words(labels: dict) -> dict:
    """The words as labels.yml has them now: what `notice freeze` writes into a notice."""
    from generator.records import LabelMissing

    words = {}
    for key, (section, name) in FROZEN_WORDS.items():
        try:
            words[key] = labels[section][name]
        except (KeyError, LabelMissing):
            continue  # a county's labels.yml from before the word: nothing to freeze
    return words


def with_words(text: str, added: dict) -> str:
    """A notice file's text with `added` (words it does not hold yet: a word the generator
    came to print after the notice was frozen) written at the end of its `words:` block;
    the rest of the file stays byte for byte. Raises NotFrozen without such a block."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "---"), None) \
        if lines and lines[0].lstrip("\ufeff").rstrip("\r") == "---" else None
    start = next((i for i in range(1, end) if re.match(r"words\s*:", lines[i])), None) \
        if end is not None else None
    if start is None:
        raise NotFrozen("notice_freeze_no_front_matter")
    if not re.fullmatch(r"words\s*:\s*(#.*)?", lines[start].rstrip("\r")):
        raise NotFrozen("notice_freeze_words_inline")  # {…} on one line: staff add it
    stop = next((i for i in range(start + 1, end)
                 if lines[i].strip() and not re.match(r"[ \t#]", lines[i])), end)
    while stop - 1 > start and not lines[stop - 1].strip():
        stop -= 1
    newline = "\r" if lines[0].endswith("\r") else ""
    block = frozen_yaml([], words=added).rstrip("\n").split("\n")[1:]  # without "words:"
    return "\n".join(lines[:stop] + [line + newline for line in block] + lines[stop:])


def file_digest(path) -> str:
    """The SHA-256 of an attachment file, as `attachment_digests` records it."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def issuer_of(notice: Rec, site: Rec) -> str:
    """The issuing authority a notice is signed by (落款): its own, else the site's."""
    return notice.get("issuer") or site["authority"]


def printer_of(notice: Rec, site: Rec) -> str:
    """The 印发机关 of its 版记 (GB/T 9704 7.4.3, the organ that sends it to print, often the
    issuer's office): its own `printer`; else, for a notice whose issuer is fixed in it
    (drafted or frozen before `printer` existed), its first issuer, as it was issued; else
    the site's `printer`, else the first issuer."""
    if notice.get("printer"):
        return str(notice["printer"]).strip()
    first = next(iter(issuers_of(notice, site)), "")
    if notice.get("issuer"):
        return first
    return str(site.get("printer") or "").strip() or first


def issuers_of(notice: Rec, site: Rec) -> tuple[str, ...]:
    """The organs that sign it, one each (联合行文: several, the lead one first): the
    authority written apart by spaces, as the 署名 and the 版头 print them one a line."""
    return tuple(part for part in re.split(r"[\s\u3000]+", issuer_of(notice, site).strip())
                 if part)


def withdrawn_title(notice: Rec, labels: dict) -> str:
    """The site's name for a withdrawn notice: its 文号 when it has one, never its title
    (a title names the unit or person the withdrawn text was about)."""
    number = notice.get("doc_number")
    return labels["notice"]["withdrawn_title_number"].format(number=number) if number \
        else labels["notice"]["withdrawn_title"]


def withdrawn_identity(notice: Rec, labels: dict, date) -> str:
    """What identifies a withdrawn notice to a reader holding the printed copy: its 文号,
    成文日期 and the day the site published it (`date` writes a day)."""
    words = labels["notice"]
    number, signed = notice.get("doc_number"), notice.get("signed_on")
    if number and signed:
        return words["withdrawn_identity"].format(number=number, signed=date(signed),
                                                  published=date(notice["date"]))
    if number:
        return words["withdrawn_identity_unsigned"].format(number=number,
                                                           published=date(notice["date"]))
    return words["withdrawn_identity_unnumbered"].format(published=date(notice["date"]))


def required_measures(taxonomy: Rec, status: str, days: int) -> str:
    """The measures the taxonomy requires for a status and days late, joined by 、."""
    return "、".join(m["name"] for m in taxonomy.get("notice_measures") or []
                    if status in (m.get("applies_to") or []) and days >= (m.get("min_days") or 0))


def commitment_listing(data: Dataset, commitment: Rec, as_of: dt.date) -> list[dict]:
    """Units late or missing on `commitment` as it stood on `as_of`: missing first, then
    by days late, longest first; each with the measure required of it."""
    rows = []
    for row in commitment_rows(data, commitment, as_of, Duties(data)):
        if not held_against(row):
            continue
        status = MISSING if row["state"] == "missing" else LATE
        rows.append({"unit": row["unit"]["id"], "unit_name": row["unit"]["name"],
                     "status": status, "days_late": row["days_late"],
                     "measure": required_measures(data.taxonomy, status, row["days_late"])})
    order = {MISSING: 0, LATE: 1}
    return sorted(rows, key=lambda r: (order[r["status"]], -r["days_late"], r["unit"]))


def ledger_listing(data: Dataset, as_of: dt.date) -> list[dict]:
    """Ledger items 逾期未销号 on `as_of` (derive.ledger_standing), longest overdue first."""
    units = {u["id"]: u for u in data.published("units")}
    rows = []
    for item in data.published("ledger"):
        unit = units.get(item["unit"])
        standing = ledger_standing(item, unit, as_of) if unit is not None else None
        if standing is not None and standing["overdue"]:
            days = standing["days"]
            rows.append({"unit": unit["id"], "unit_name": unit["name"], "status": OVERDUE,
                         "days_late": days, "ledger_item": item["id"],
                         "problem": item["problem"],
                         "measure": required_measures(data.taxonomy, OVERDUE, days)})
    return sorted(rows, key=lambda r: (-r["days_late"], r["unit"], r["ledger_item"]))


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: safe for any text a record holds (a character YAML
    reads as a line break or refuses, such as U+2028 or a C1 control, is escaped)."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if _printable(c) else f"\\u{ord(c):04x}" if ord(c) > 0xff
                         else f"\\x{ord(c):02x}" for c in out) + '"'


def _printable(c: str) -> bool:
    """A character YAML takes as it is inside a scalar on one line."""
    return " " <= c <= "~" or ("\xa0" <= c <= "\ud7ff" and c not in "\u2028\u2029") \
        or "\ue000" <= c <= "\ufffd" and c != "\ufeff" or c > "\uffff"


def _yaml_block(value: str, indent: str) -> str:
    """A YAML literal block (|-) of `value`'s lines, each after `indent`, so staff read and
    edit a case's paragraphs one a line; quoted on one line when a block cannot hold them."""
    lines = value.split("\n")
    if not value or any(not line or line != line.strip() or not all(map(_printable, line))
                        for line in lines):
        return yaml_text(value)
    return "|-\n" + "\n".join(indent + line for line in lines)


def draft_commitments(data: Dataset, commitment: Rec, as_of: dt.date) -> tuple[str, int]:
    """(notice file text, number of units listed) for one commitment."""
    rows = commitment_listing(data, commitment, as_of)
    labels = data.labels["notice_draft"]
    text = environment(finalize=None).get_template("notice_draft.md.j2").render(
        L=labels, q=yaml_text, as_of=as_of, rows=rows, kind="commitments",
        title=labels["commitments_title"].format(title=commitment["title"]),
        subject=labels["commitments_subject"].format(title=commitment["title"]),
        commitment=commitment, site=data.site,
        missing=sum(1 for r in rows if r["status"] == MISSING),
        late=sum(1 for r in rows if r["status"] == LATE))
    return text, len(rows)


def draft_ledger(data: Dataset, as_of: dt.date) -> tuple[str, int, int]:
    """(notice file text, items listed, units they belong to) for the overdue
    rectification items: a unit may have several items on the list."""
    rows = ledger_listing(data, as_of)
    labels = data.labels["notice_draft"]
    units = len({r["unit"] for r in rows})
    text = environment(finalize=None).get_template("notice_draft.md.j2").render(
        L=labels, q=yaml_text, as_of=as_of, rows=rows, kind="ledger",
        title=labels["ledger_title"], subject=labels["ledger_subject"], commitment=None,
        site=data.site, units=units)
    return text, len(rows), units


def case_texts(data: Dataset, notice: Rec) -> list[dict]:
    """What `notice` prints of each case it cites, from the case records as they are now:
    [{"case": id, "heading": unit and title, "text": its paragraphs, one a line}]."""
    from generator.document import cited_cases, names_of, printed_case

    names, words = names_of(data), data.labels["document"]
    out = []
    for case in cited_cases(notice, data, scheduled=notice.state != "published"):
        heading, paragraphs = printed_case(case, data.site, names, words)
        out.append({"case": case["id"], "heading": heading,
                    "text": "\n".join(p for p in paragraphs if p)})
    return out


def frozen_yaml(entries: list[dict], issuer: str | None = None, words: dict | None = None,
                digests: list[tuple[str, str]] | None = None,
                style: dict | None = None, printer: str | None = None) -> str:
    """The front matter lines that fix what a notice would otherwise print from live
    records and settings: `issuer:` (the site's authority, when the notice names none) and
    `printer:` (the site's 印发机关, frozen with it),
    `words:` (the labels it prints, when it has none), `attachment_digests:` (the files
    its 附件 are, when it records none), `document_style:` (the digests of the template and
    font rules its Word/PDF are made with, when it records none) and the block
    `case_texts:` holding `entries`;
    ending in a line break."""
    lines = [f"issuer: {yaml_text(issuer)}"] if issuer else []
    if printer:
        lines.append(f"printer: {yaml_text(printer)}")
    if words:
        lines.append("words:")
        for key, value in words.items():
            shown = "[" + ", ".join(yaml_text(str(v)) for v in value) + "]" \
                if isinstance(value, (list, tuple)) else yaml_text(str(value))
            lines.append(f"  {key}: {shown}")
    if digests:
        lines.append("attachment_digests:")
        for name, digest in digests:
            lines += [f"  - file: {yaml_text(name)}", f"    sha256: {digest}"]
    if style:
        lines.append("document_style:")
        lines += [f"  {kind}: {digest}" for kind, digest in style.items()]
    if entries:
        lines.append("case_texts:")
    for entry in entries:
        lines += [f"  - case: {yaml_text(entry['case'])}",
                  f"    heading: {yaml_text(entry['heading'])}",
                  f"    text: {_yaml_block(entry['text'], ' ' * 6)}"]
    return "\n".join(lines) + "\n"


class NotFrozen(Exception):
    """The file's front matter could not be found to write into (`args[0]`: a cli message key)."""


def with_frozen(text: str, block: str) -> str:
    """A notice file's text with `block` (frozen_yaml) at the end of its front matter; a
    block holding `case_texts:` replaces the one written there before. The rest of the file
    stays byte for byte."""
    lines = text.split("\n")
    if lines[0].lstrip("\ufeff").rstrip("\r") != "---":
        raise NotFrozen("notice_freeze_no_front_matter")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "---"), None)
    if end is None:
        raise NotFrozen("notice_freeze_no_front_matter")
    newline = "\r\n" if lines[0].endswith("\r") else "\n"
    start = next((i for i in range(1, end) if re.match(r"case_texts\s*:", lines[i])), None) \
        if re.search(r"^case_texts:", block, re.M) else None
    if start is not None:  # its own lines: indented, list items, blank or comments
        stop = next((i for i in range(start + 1, end)
                     if lines[i].strip() and not re.match(r"[ \t\-#]", lines[i])), end)
        del lines[start:stop]
        end -= stop - start
    added = block.rstrip("\n").split("\n")
    if newline == "\r\n":
        added = [line + "\r" for line in added]
    return "\n".join(lines[:end] + added + lines[end:])
