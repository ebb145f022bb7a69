"""Official documents (公文): one model of a notice's content, for Word and PDF alike.

A notice of a category the taxonomy marks as official (`official: 是`) is also issued as
a document laid out after GB/T 9704-2012. `from_notice` turns the notice's front matter
and Markdown body into a `Document`: 版头 (发文机关标志, 发文字号), title, 主送, body
blocks (paragraphs, headings 一、/（一）/1./（1）, tables), 附件 list, 落款 and 成文日期, and
版记 (抄送, 印发机关, 印发日期). `word.py` writes the .docx from it through the county's
template; `pdf.py` converts that .docx, so both files say the same thing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator import sanitize
from generator.notices import FROZEN_WORDS, NoticeWords, issuers_of, printer_of
from generator.records import Dataset, LabelMissing, Rec, label_line
from generator.softbreak import joinable

# Categories that are official when the taxonomy does not say (before notice_categories).
_DEFAULT_OFFICIAL = ("通报",)
_CN_NUMERAL = "[一二三四五六七八九十]+"
# GB/T 9704 7.3.3: the four levels of headings and how each is numbered.
_LEVELS = (
    (1, re.compile(rf"^{_CN_NUMERAL}、")),
    (2, re.compile(rf"^[（(]{_CN_NUMERAL}[）)]")),
    # 1. as GB/T 9704 writes it, or 1、 as the seeds' 方案 do ("1、迅速动员部署。及时下发……",
    # seed 001, under （一）): the same level. A 、 after more than two digits is a year
    # ("2025、2026年连续两年……"), not a number.
    (3, re.compile(r"^(?:[0-9]+[.．](?![0-9])|[0-9]{1,2}、)")),
    (4, re.compile(r"^[（(][0-9]+[）)]")),
)
# A run-in heading ends at the first full stop: "（一）加强组织领导。正文……".
_WORDS = ("attachments", "cc", "printed", "listing_head", "listing_intro", "listing_columns",
          "listing_ledger_columns", "days",
          "draft_mark", "unpublished_mark", "case_measures", "case_group", "correction",
          "measures_sanction", "measures_other", "measures_and", "sanction_groups",
          "case_withdrawn")
_HEADING_MAX = 40
_RUN_IN = re.compile(rf"^[^。！？]{{1,{_HEADING_MAX}}}?[。！？]")
_SOFT = "\x00"  # a line break in the Markdown source, not a <br>
# GB/T 9704 7.3.4: 附件名称后不加标点符号 (a title typed with a full stop loses it here).
_NAME_END = "。.，,；;：:、 　"
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre"}


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; `lead` is a run-in heading of `level` at its start."""

    text: str
    lead: str = ""
    level: int = 0
    # The rest of the paragraph before it, from a new line without indent (see
    # `keep_last_line`): set as one paragraph would be.
    continues: bool = False
    withheld: bool = False  # the site's statement standing for a case since withdrawn
    withdrawn_on: dt.date | None = None  # (withheld) the day that case was withdrawn


@dataclass(frozen=True)
class Heading:
    """A heading on a line of its own, level 1 (一、) to 4 (（1）)."""

    level: int
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Paragraph | Heading | Table


@dataclass(frozen=True)
class Document:
    """Everything a 公文 shows, in the order GB/T 9704 places it."""

    slug: str
    issuers: tuple[str, ...]  # 发文机关, one organ each (联合行文: several)
    doc_number: str  # 发文字号, "" when the notice has none
    title: str
    to: str  # 主送机关, ending in a full-width colon; "" when none
    blocks: tuple[Block, ...]
    attachments: tuple[str, ...] = ()  # 附件 titles, in order
    signed_on: dt.date | None = None  # 成文日期
    cc: tuple[str, ...] = ()  # 抄送机关
    printer: str = ""  # 印发机关
    printed_on: dt.date | None = None  # 印发日期
    words: dict = field(default_factory=dict, compare=False)  # labels.yml `document`
    # Not (yet) issued: a draft or a notice under embargo, marked on every page of its
    # document so a printed copy cannot pass for the issued one; "" once it is published.
    mark: str = ""
    # 附注 (GB/T 9704 7.3.6) under the 成文日期: the notice's contact (its office and office
    # number), then each correction made since the document was issued, so the copy the
    # site publishes says it is not the text first sealed.
    notes: tuple[str, ...] = ()
    day: dt.date | None = None  # the notice's own date (发布日期), printed nowhere

    @property
    def dated(self) -> dt.date:
        """The day the files' own properties carry (creation date): the 成文日期, else
        the day of the notice (a draft not signed yet)."""
        return self.signed_on or self.printed_on or self.day or dt.date(2000, 1, 1)

    @property
    def signed_text(self) -> str:
        return cn_date(self.signed_on) if self.signed_on else ""

    @property
    def printed_text(self) -> str:
        return self.words["printed"].format(date=cn_date(self.printed_on)) \
            if self.printed_on else ""

    @property
    def cc_text(self) -> str:
        """抄送 after GB/T 9704 7.4.2: names separated by commas, ending in a full stop."""
        return self.words["cc"] + "，".join(self.cc) + "。" if self.cc else ""

    def attachment_lines(self) -> list[str]:
        """附件说明: "附件：名称" or, for several, "附件：1.名称" then "2.名称" aligned."""
        head = self.words["attachments"]
        if len(self.attachments) == 1:
            return [f"{head}{self.attachments[0]}"]
        return [f"{head if i == 1 else ''}{i}.{t}" for i, t in enumerate(self.attachments, 1)]


def cn_date(day: dt.date) -> str:
    """成文日期 after GB/T 9704 7.3.5.3: Arabic numerals, no leading zeros."""
    from generator.normalise import cn_date as written

    return written(day)


def official_categories(taxonomy: Rec | dict) -> set[str]:
    """Names of the notice categories whose notices are 公文."""
    categories = (taxonomy or {}).get("notice_categories")
    if not categories:
        return set(_DEFAULT_OFFICIAL)
    return {c["name"] for c in categories if c.get("official")}


def requirements(category: Rec | dict) -> list[str]:
    """What a notice of a category must hold before it goes out: what the category
    `requires`, and for a 公文 its 成文日期 whatever it lists (GB/T 9704 7.3.5)."""
    names = list(category.get("requires") or ())
    if category.get("official") and "signed_on" not in names:
        names.append("signed_on")
    return names


def issued(data: Dataset) -> list[Rec]:
    """The published notices that are also issued as documents, in file order."""
    official = official_categories(data.taxonomy)
    return [n for n in data.published("notices") if n.get("category") in official
            and not n.get("withdrawn")]


def site_paths(notice: Rec | dict) -> dict[str, str]:
    """Where the site publishes a notice's documents: next to its page."""
    return {kind: f"notices/{notice['slug']}.{kind}" for kind in ("docx", "pdf")}


def from_notice(notice: Rec | dict, site: Rec | dict, labels: dict, links=None,
                cited: tuple = ()) -> Document:
    """The document a notice issues. Fields the notice lacks are simply not shown;
    `labels` is labels.yml, whose `document` section holds the fixed 公文 wording.
    `cited`: what it prints of the cases it cites (`cited_blocks`), after 通报如下."""
    # the words printed inside an issued notice are those frozen into it at issue
    printed = NoticeWords(notice, labels)
    words = {key: printed[key] if key in FROZEN_WORDS else labels["document"][key]
             for key in _WORDS}
    issuers = issuers_of(notice, site)
    to = (notice.get("to") or "").strip().rstrip(":：")
    date = notice.get("date")
    blocks = list(body_blocks(notice.get("body") or "", links))
    if cited:
        at = next((i + 1 for i, b in enumerate(blocks)
                   if isinstance(b, Paragraph) and INTRODUCES.search(b.text)), len(blocks))
        blocks[at:at] = cited
    listing = notice.get("listing")
    if listing and listing.get("rows"):
        blocks += listing_blocks(listing, words)
    mark = unissued_mark(notice, words)
    return Document(
        slug=notice["slug"], issuers=issuers,
        doc_number=(notice.get("doc_number") or "").strip(),
        title=notice["title"].strip(), to=f"{to}：" if to else "",
        blocks=tuple(blocks),
        attachments=tuple(attachment_title(a) for a in notice.get("attachments") or []
                          if attachment_title(a)),
        # no 成文日期 is invented: check refuses an issued 公文 without one, and a draft's
        # document prints the 署名 alone, as its page would, for the date it is signed on
        signed_on=notice.get("signed_on"),
        cc=tuple(c.strip() for c in notice.get("cc") or [] if c and c.strip()),
        printer=printer_of(notice, site), printed_on=None if mark else date, words=words,
        mark=mark, day=date, notes=seal_notes(mark, printed) + contact_notes(notice, printed)
        + correction_notes(notice, words))


def attachment_title(attachment: dict) -> str:
    """An attachment's name as the 附件说明 prints it, on the page and in the documents:
    without a closing punctuation mark (GB/T 9704 7.3.4)."""
    return (attachment.get("title") or "").strip().rstrip(_NAME_END)


def seal_notes(mark: str, words: dict) -> tuple[str, ...]:
    """The 附注 saying the copy the site publishes bears no seal (GB/T 9704 7.3.5.2 lets a
    document go without one; a reader holding it should not take the seal for lost): on
    every issued 公文's Word/PDF and page, in the words frozen into it at issue. A draft's
    or a scheduled notice's document carries its own mark instead (`mark`)."""
    if mark:
        return ()
    return (words["seal"],)


def contact_notes(notice: Rec | dict, words: dict) -> tuple[str, ...]:
    """The 附注 giving the notice's contact, "（联系人：…，联系电话：…）", or none. The number
    is an office's (check refuses any other: `privacy.office_phone`). Its label is read
    only for a notice with a contact: a county's labels.yml from before it still works."""
    contact = notice.get("contact")
    if not isinstance(contact, dict) or not contact.get("name") or not contact.get("phone"):
        return ()
    return (words["contact"].format(name=_clean(str(contact["name"])),
                                    phone=str(contact["phone"]).strip()),)


def correction_notes(notice: Rec | dict, words: dict) -> tuple[str, ...]:
    """One 附注 per correction of the notice, oldest first: "（本文件于2026年6月2日更正：…）"
    (a text that begins with 更正： does not say it twice)."""
    notes = []
    for item in sorted((c for c in notice.get("corrections") or [] if isinstance(c, dict)
                        and c.get("date") and str(c.get("text") or "").strip()),
                       key=lambda c: str(c["date"])):
        day = item["date"]
        text = re.sub(r"^更正\s*[：:]\s*", "", _clean(str(item["text"])))
        notes.append(words["correction"].format(
            date=cn_date(day) if isinstance(day, dt.date) else str(day), text=text))
    return tuple(notes)


def unissued_mark(notice: Rec | dict, words: dict) -> str:
    """What a document made of a notice not yet published says on every page: a draft may be
    printed for review and sealing, but never passes for the issued 公文, nor gives a 印发 date."""
    state = getattr(notice, "state", "published")
    if state == "draft" or notice.get("draft"):
        return words["draft_mark"]
    if state == "embargoed":
        from generator.render import cn_date

        embargo = notice.get("embargo")  # as a 公文 writes a time: 2026年12月1日9时
        return words["unpublished_mark"].format(time=cn_date(embargo) if embargo else "")
    return ""


def refusal(notice: Rec, data: Dataset) -> tuple[str, dict] | None:
    """Why a notice is not made a 公文 at all (a message key of the CLI and its values), or
    None. Only an official category is a 公文; a withdrawn notice is not issued again."""
    if notice.get("category") not in official_categories(data.taxonomy):
        return "document_not_official", {"category": notice.get("category") or "",
                                         "official": "、".join(sorted(official_categories(
                                             data.taxonomy)))}
    if notice.state == "withdrawn" or notice.get("withdrawn"):
        return "document_withdrawn", {}
    return None


# The sentence a 通报 puts before what it reports: "现将……通报如下".
INTRODUCES = re.compile(r"如下[，。：:；]|如下$")


def printed_case(case, site, names: dict, words: dict) -> tuple[str, list[str]]:
    """What a 通报 says of one case, as (heading, paragraphs): the unit and title run in
    after its number, then the facts, who received which measure, and the outcome (its
    page has the rest). `python -m generator notice freeze` writes this into the notice."""
    from generator.policy import display_name

    units, measures = names.get("units") or {}, names.get("measures") or {}
    groups = names.get("measure_groups") or {}
    title = _clean(case.get("title") or "").rstrip("。")
    unit = units.get(case.get("unit")) or ""
    texts = [_clean(t) for t in re.split(r"\n\s*\n|\n", case.get("facts") or "") if t.strip()]
    handled = []
    for person in case.get("persons") or []:
        given = _measures_said(person.get("measures") or [], measures, groups, words)
        if not given:
            continue
        name = display_name(person, site, case.get("kind")) if person.get("name") else None
        who = (words["case_group"].format(count=person["count"],
                                          position=person.get("position") or "")
               if person.get("count") is not None
               else name or person.get("position") or "")
        day = person.get("handled_on")
        if isinstance(day, dt.date) and words.get("case_measures_dated"):
            # when the person was handled, by month, as the seeds' 通报 write it
            handled.append(words["case_measures_dated"].format(
                year=day.year, month=day.month, who=who, measures=given))
        else:
            handled.append(words["case_measures"].format(who=who, measures=given))
    if handled:
        texts = texts or [""]
        texts[-1] += "".join(handled)
    texts += [_clean(t) for t in re.split(r"\n\s*\n|\n", case.get("outcome") or "")
              if t.strip()]
    return ("" if unit in title else unit) + title, texts or [""]


def _measures_said(ids: list, measures: dict, groups: dict, words: dict) -> str:
    """The measures one person received as a 通报 says them: a 党纪/政务 sanction is a
    处分 ("党内警告、政务记大过处分"), every other measure a 处理 ("诫勉谈话处理"), the
    处分 first; a bare "受到严重警告" leaves the reader to guess whose 警告 it was. Each
    named and ordered as the case's page names them (`measures_in_order`)."""
    sanctions = set(words.get("sanction_groups") or ())
    from generator.policy import measures_in_order

    ids = measures_in_order(ids, measures)
    heavy = [measures.get(m, m) for m in ids if groups.get(m) in sanctions]
    light = [measures.get(m, m) for m in ids if groups.get(m) not in sanctions]
    if "measures_sanction" not in words:  # a notice that froze the words of before
        return "、".join(heavy + light)
    parts = ([words["measures_sanction"].format(measures="、".join(heavy))] if heavy else []) + \
        ([words["measures_other"].format(measures="、".join(light))] if light else [])
    return words["measures_and"].join(parts)


def _numbered(number: int, heading: str, texts: list[str]) -> list[Block]:
    """One cited case as blocks: "<number>.<heading>。" run in before its first paragraph."""
    lead = f"{number}.{heading}。" if heading else f"{number}."
    return [Paragraph(texts[0], lead=lead, level=3)] + [Paragraph(t) for t in texts[1:]]


def case_blocks(cases, site, names: dict, words: dict) -> list[Block]:
    """Each cited case as a 通报 reports it, from the case records as they are now (a
    draft, or an issued notice not frozen yet: see `cited_blocks`)."""
    blocks: list[Block] = []
    for number, case in enumerate(cases, start=1):
        heading, texts = printed_case(case, site, names, words)
        blocks += _numbered(number, heading, texts)
    return blocks


def frozen_paragraphs(text: str) -> list[str]:
    """The paragraphs of a frozen case text (`case_texts[].text`): one a line."""
    return [_clean(t) for t in (text or "").split("\n") if t.strip()] or [""]


def frozen_blocks(entries, cases: dict, words: dict, public: bool = True) -> list[Block]:
    """The cases as the notice issued them (front matter `case_texts`), numbered as issued.
    A case since withdrawn is not printed again: its number stays, with the site's statement
    in place of its text (the case's page says why). A case the public cannot see yet
    prints only in a notice not public either (`public` false: a draft's or a scheduled
    notice's document); one withdrawn before it ever was public prints nothing (check
    refuses a public notice citing either)."""
    blocks: list[Block] = []
    for number, entry in enumerate(entries, start=1):
        case = cases.get(entry.get("case"))
        state = getattr(case, "state", "published") if case is not None else "missing"
        if state == "published" or (not public and state in ("embargoed", "draft")):
            blocks += _numbered(number, _clean(entry.get("heading") or "").rstrip("。"),
                                frozen_paragraphs(entry.get("text")))
        elif state == "withdrawn":
            day = (case.get("withdrawn") or {}).get("date")
            statement = words["case_withdrawn"].format(date=cn_date(day) if day else "")
            blocks.append(Paragraph(statement, lead=f"{number}.", level=3, withheld=True,
                                    withdrawn_on=day if isinstance(day, dt.date) else None))
    return blocks


def uncorrected_withdrawals(notice: Rec | dict, blocks) -> list[dt.date]:
    """The days cases an issued notice cites were withdrawn (its `blocks`: cited_blocks,
    where their text gave way to the site's statement) that no `corrections` entry of the
    notice dated on or after states: its text changed on that day, and nothing it prints
    but the statement says so. A 通报 whose case is withdrawn is corrected (or withdrawn)
    by the commission, as the seeds' 撤销/更正 notices do."""
    stated = [c["date"] for c in notice.get("corrections") or []
              if isinstance(c, dict) and isinstance(c.get("date"), dt.date)]
    latest = max(stated, default=None)
    return sorted({b.withdrawn_on for b in blocks if isinstance(b, Paragraph) and b.withheld
                   and (latest is None or b.withdrawn_on is None or b.withdrawn_on > latest)},
                  key=lambda day: day or dt.date.min)


def cited_blocks(notice: Rec | dict, data: Dataset, names: dict | None = None) -> tuple:
    """What an issued notice prints of the cases it cites, after 通报如下, on its page and in
    its Word/PDF alike: the text frozen into it when it was issued (`case_texts`), else (a
    draft, or a notice issued before freezing existed: check says so) the cases as they are."""
    words = data.labels["document"]
    entries = notice.get("case_texts")
    if entries:
        cases = {c["id"]: c for c in data.collections.get("cases", []) if c.get("id")}
        # (the statement for a case withdrawn since is in the words it froze at issue)
        return tuple(frozen_blocks(entries, cases, NoticeWords(notice, data.labels),
                                   getattr(notice, "state", "published") == "published"))
    cited = cited_cases(notice, data)
    if not cited:
        return ()
    return tuple(case_blocks(cited, data.site, names if names is not None else names_of(data),
                             words))


def cited_cases(notice: Rec | dict, data: Dataset, scheduled: bool = False) -> tuple:
    """The published cases a notice cites and its body does not report itself, in the order
    it cites them (`scheduled`: with those under embargo, which a notice not yet public may
    cite). A body that links a case's page (the monthly bulletin lists each case
    with its title, date and measures) has reported it in its own words: printing it again
    after 通报如下 would report the case twice, numbered apart from the list it is in."""
    body = notice.get("body") or ""
    states = ("published", "embargoed") if scheduled else ("published",)
    cases = {c["id"]: c for c in data.collections.get("cases", []) if c.get("id")
             and getattr(c, "state", "published") in states}
    return tuple(cases[i] for i in notice.get("cases") or [] if i in cases
                 and not re.search(rf"cases/{re.escape(str(i))}\.md\b", body))


def names_of(data: Dataset) -> dict:
    """The names a document writes for the ids a case holds."""
    return {"units": {u["id"]: u.get("name") or "" for u in data.collections.get("units", [])
                      if u.get("id")},
            "measures": {m["id"]: m.get("name") or "" for m in
                         (data.taxonomy or {}).get("measures") or [] if m.get("id")},
            "measure_groups": {m["id"]: m.get("group") or "" for m in
                               (data.taxonomy or {}).get("measures") or [] if m.get("id")}}


def listing_blocks(listing: dict, words: dict) -> list[Block]:
    """The frozen 通报名单 as the notice's page prints it: its heading, the line saying
    what it lists, as of when and how many (the words frozen into the notice), the table.
    (The document printed only the subject over the table: its Word/PDF did not say the
    day the list stood on, which its page did.)"""
    as_of = listing.get("as_of")
    intro = words["listing_intro"].format(
        subject=listing.get("subject") or "", count=len(listing["rows"]),
        as_of=cn_date(as_of) if isinstance(as_of, dt.date) else str(as_of or ""))
    return [Heading(1, words["listing_head"]), Paragraph(_clean(intro)),
            dataclasses.replace(listing_table(listing, words), caption="")]


def listing_table(listing: dict, words: dict) -> Table:
    """The frozen list of units a 通报 names (front matter `listing`), as a table."""
    ledger = any(row.get("ledger_item") for row in listing["rows"])
    rows = []
    for number, row in enumerate(listing["rows"], start=1):
        days = row.get("days_late")
        cells = [str(number), row.get("unit_name") or row.get("unit") or ""]
        if ledger:
            cells += [row.get("ledger_item") or "", row.get("problem") or ""]
        cells += [row.get("status") or "",
                  "" if days in (None, "") else words["days"].format(days=days),
                  row.get("measure") or ""]
        rows.append(tuple(cells))
    header = words["listing_ledger_columns" if ledger else "listing_columns"]
    return Table(tuple(header), tuple(rows), listing.get("subject") or "")


def body_blocks(body: str, links=None) -> list[Block]:
    """The blocks of a Markdown body, read from the very HTML its page shows: the same
    Markdown extensions, the same sanitiser (`links`: the allowed hosts)."""
    html = sanitize.clean(sanitize.markdown_html(body), links)
    reader = _BlockReader()
    reader.feed(html)
    reader.close()
    return _numbered_items(reader.blocks, reader.numbered)


def heading_level(text: str) -> int:
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return 0


def _paragraph(text: str, item: bool = False) -> Block:
    """A block of body text: a heading when its numbering says so and it reads as one.
    GB/T 9704 7.3.3 headings on a line of their own end without punctuation (一、工作目标,
    （一）主要清理的问题); a numbered line ending as a sentence or a clause does (the seeds'
    "3.对侵占损害河道……等行为失管失察。"), and so does a list item (`item`: written as
    a Markdown list, "1. 张三……；"): both are body text, a run-in heading kept."""
    level = heading_level(text)
    if not level:
        return Paragraph(text)
    run_in = _RUN_IN.match(text)
    if run_in and run_in.end() < len(text):
        return Paragraph(text[run_in.end():], lead=run_in.group(), level=level)
    if item or len(text) > _HEADING_MAX or text[-1] in _CLAUSE_END:
        return Paragraph(text)
    return Heading(level, text)


# A line that ends with one of these is a sentence or a clause, never a heading.
_CLAUSE_END = "。！？；，、：…—.!?;,:"


def _heads_something(level: int, after: Block | None) -> bool:
    """Whether what follows a numbered line of `level` is its content (text, a table, a
    heading or run-in heading of a lower level), as under a heading, rather than its
    sibling or the end of the body, as after the items of a list."""
    if after is None:
        return False
    if isinstance(after, Table):
        return True
    return (after.level if isinstance(after, Heading) else after.level or 99) > level


def _number(text: str) -> int:
    """The number a 1. or （1） line starts with."""
    return int(re.match(r"[（(]?([0-9]+)", text).group(1))


def _numbered_items(blocks: list[Block], numbered: set[int]) -> list[Block]:
    """The blocks with the numbered lines of levels 3 and 4 (1. and （1）) that are items
    of a list made body paragraphs: those that head nothing, and those that number on from
    an item just before them (1. after a list's 2. starts something new). In a 通报 "1.张三同志在…" lines, one after another, are its items (the
    seeds number headings 1. only run in: "1.完善制度。抓住……"). 一、 and （一） lines
    stay headings: the seeds use them, alone on their line, for nothing else."""
    out = list(blocks)
    for at in sorted(numbered):
        block = out[at]
        if not isinstance(block, Heading) or block.level < 3:
            continue
        before = out[at - 1] if at else None
        item_before = (isinstance(before, Paragraph) and not before.lead
                       and heading_level(before.text) == block.level
                       and _number(block.text) == _number(before.text) + 1)
        if item_before or not _heads_something(block.level,
                                               out[at + 1] if at + 1 < len(out) else None):
            out[at] = Paragraph(block.text)
    return out


class _BlockReader(HTMLParser):
    """Markdown's HTML -> blocks. Links and emphasis keep their text; nothing is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] | None = None
        self.tag = ""
        self.lists: list[list] = []  # [kind, counter] per open list
        self.table: dict | None = None
        self.cell: list[str] | None = None
        self.numbered: set[int] = set()  # blocks that are headings by their numbering only

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):  # an <ol start="3"> goes on from 3., as the page does
            start = dict(attrs).get("start") or "1"
            self.lists.append([tag, int(start) - 1 if tag == "ol" and start.isdigit() else 0])
        elif tag == "table":
            self.table = {"header": [], "rows": [], "row": None}
        elif tag == "tr" and self.table is not None:
            self.table["row"] = []
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
        elif tag == "br" and self.text is not None:
            self.text.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt:
                self._data(f"〔{alt}〕")
        elif tag in _BLOCK_TAGS:
            self._close()
            self.text, self.tag = [], tag
            if tag == "li" and self.lists:
                self.lists[-1][1] += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.table is not None:
            self.table["row"].append(_clean("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.table is not None and self.table["row"] is not None:
            key = "rows" if self.table["header"] else "header"
            if key == "rows":
                self.table["rows"].append(tuple(self.table["row"]))
            else:
                self.table["header"] = tuple(self.table["row"])
            self.table["row"] = None
        elif tag == "table" and self.table is not None:
            self.blocks.append(Table(tuple(self.table["header"]), tuple(self.table["rows"])))
            self.table = None
        elif tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag == self.tag:
            self._close()

    def handle_data(self, data):
        self._data(data.replace("\n", _SOFT))

    def _data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.text is not None:
            self.text.append(data)
        elif data.replace(_SOFT, "").strip():  # text outside any block (raw HTML): kept
            self.numbered.add(len(self.blocks))
            self.blocks.append(_paragraph(_clean(data)))

    def _close(self) -> None:
        if self.text is None:
            return
        text = _clean("".join(self.text))
        tag, self.text, self.tag = self.tag, None, ""
        if not text:
            return
        if tag == "li" and self.lists and self.lists[-1][0] == "ol" and not heading_level(text):
            text = f"{self.lists[-1][1]}.{text}"
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not heading_level(text):
            self.blocks.append(Heading(min(max(int(tag[1]) - 1, 1), 4), text))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):  # marked a heading by its writer
            self.blocks.append(_paragraph(text))
        else:
            self.numbered.add(len(self.blocks))
            self.blocks.append(_paragraph(text, item=tag == "li"))


def _clean(text: str) -> str:
    """Whitespace collapsed; a source line break shows as the page shows it: nothing
    between two wide characters, a space elsewhere (softbreak.joinable, one rule)."""
    text = re.sub(rf"[ \t]*{_SOFT}[{_SOFT} \t]*", _join_soft, text)
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n")).strip()


def _join_soft(match: re.Match) -> str:
    before, after = match.string[match.start() - 1:match.start()], match.string[match.end():][:1]
    return "" if joinable(before, after) else " "


class DocumentsFailed(Exception):
    """The documents could not be made; `problems` says why, in Chinese."""

    def __init__(self, problems: list) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def make(notices: list[Rec], data: Dataset, root: Path) -> dict[str, dict[str, bytes]]:
    """{slug: {"docx": bytes, "pdf": bytes}} for the given notices."""
    from generator import pdf, word
    from generator.checks import links_of
    from generator.problems import Location, problem

    if not notices:
        return {}
    root = Path(root)
    found = word.check_template(root)
    if found:
        raise DocumentsFailed(found)
    try:
        links = links_of(data.site, data.channels)
        names = names_of(data)
        documents = {n["slug"]: from_notice(n, data.site, data.labels, links,
                                            cited_blocks(n, data, names)) for n in notices}
    except LabelMissing as err:
        key = str(err.args[0])
        raise DocumentsFailed([problem("missing-label", Location(
            "site_config/labels.yml", label_line(root, key)), field=key)]) from None
    # each notice is laid out with the template and font rules it froze at issue
    kept = word.kept_styles(root)
    styles = {}
    for n in notices:
        try:
            styles[n["slug"]] = word.style_of(n, root, kept)
        except word.StyleMissing as err:
            raise DocumentsFailed([style_missing(n, *err.args)]) from None
    templates = {path: path.read_bytes() for path, _fonts in styles.values()}
    salt = _written_salt()

    def written(slug: str, document: Document, record_apart: bool = False) -> bytes:
        template = styles[slug][0]
        return _written(document, template, templates[template], record_apart,
                        (root, salt))

    fonts_of = {slug: fonts for slug, (_template, fonts) in styles.items()}
    docx = {slug: written(slug, d) for slug, d in documents.items()}
    try:
        pdfs = pdf.convert({slug: (docx[slug], d.dated.strftime("%Y%m%d"))
                            for slug, d in documents.items()}, root, fonts_of)
        # GB/T 9704 7.3.5: the 署名 keeps body text on its page by keep-with-next, and
        # LibreOffice moves the whole last paragraph with it, leaving the page before with
        # room for all but its last line: that line alone goes with the 署名 instead.
        moved = {slug: kept for slug in documents
                 if (kept := keep_last_line(documents[slug], pdfs[slug])) is not None}
        for slug, kept_doc in moved.items():
            documents[slug] = kept_doc
            docx[slug] = written(slug, kept_doc)
        pdfs.update(pdf.convert({slug: (docx[slug], documents[slug].dated.strftime(
            "%Y%m%d")) for slug in moved}, root, fonts_of))
        # GB/T 9704 7.4: the 版记 is on the last side of the document, an even page. One
        # that ends on an odd page is made again with its 版记 on the next page, alone (the
        # PDF cache keeps both conversions, so a rebuild converts nothing).
        odd = [slug for slug in documents if page_count(pdfs[slug]) % 2]
        for slug in odd:
            docx[slug] = written(slug, documents[slug], True)
        pdfs.update(pdf.convert({slug: (docx[slug], documents[slug].dated.strftime(
            "%Y%m%d")) for slug in odd}, root, fonts_of))
    except pdf.ConverterMissing:
        raise DocumentsFailed([problem("document-converter-missing",
                                       Location(word.TEMPLATE, 0))]) from None
    except (pdf.ConversionFailed, OSError, subprocess.SubprocessError) as err:
        raise DocumentsFailed([problem("document-conversion-failed", Location(word.TEMPLATE, 0),
                                       detail=str(err))]) from None
    return {slug: {"docx": docx[slug], "pdf": pdfs[slug]} for slug in documents}


_WRITTEN: dict[bytes, bytes] = {}  # digest of (document, template) -> .docx bytes


def style_missing(notice, kind: str, digest: str):
    """The problem of a notice whose frozen template or font rules no kept file has."""
    from generator.problems import problem

    frozen = notice.get("document_style")
    where = frozen.at(kind) if hasattr(frozen, "at") else notice.at("document_style")
    return problem("document-style-missing", where, field=kind, value=digest[:12],
                   path=notice.where.path)


def keep_last_line(doc: Document, data: bytes) -> Document | None:
    """The document with its last body paragraph in two, when its PDF (`data`) shows that
    paragraph, of several lines, moved whole to the top of its last page to stay with the
    署名: the first part without keep-with-next, its last line (as LibreOffice set it)
    a paragraph that `continues` it. None when there is nothing to do."""
    if not doc.blocks or not isinstance(doc.blocks[-1], Paragraph):
        return None
    last = doc.blocks[-1]
    whole = last.lead + last.text
    if "\n" in whole or last.continues or len(whole) < 20:  # one line: nothing to move
        return None
    at = _moved_cut(whole, doc.mark, data)
    if at is None or at <= len(last.lead):
        return None
    head = Paragraph(whole[len(last.lead):at], lead=last.lead, level=last.level)
    tail = Paragraph(whole[at:], continues=True)
    return dataclasses.replace(doc, blocks=(*doc.blocks[:-1], head, tail))


_CUTS: dict[bytes, int | None] = {}  # digest of (paragraph, mark, PDF) -> _moved_cut


def _moved_cut(whole: str, mark: str, data: bytes) -> int | None:
    """Where the last line of the paragraph `whole` starts, when the PDF's last page (the
    署名's, before the 版记 is sent to a page of its own) begins with all its lines;
    reading one page per document, once per process for the same PDF (the preview)."""
    import hashlib
    import io

    from pypdf import PdfReader

    key = hashlib.blake2b("\0".join((whole, mark)).encode() + b"\0" + data,
                          digest_size=20).digest()
    if key in _CUTS:
        return _CUTS[key]
    reader = PdfReader(io.BytesIO(data))
    found = None
    if len(reader.pages) > 1:
        target = re.sub(r"\s+", "", whole)
        lines = [line for line in (re.sub(r"\s+", "", text) for text in
                                   reader.pages[-1].extract_text().splitlines())
                 if line and line != re.sub(r"\s+", "", mark)]
        joined, end = "", 0
        while end < len(lines) and len(joined) < len(target):
            joined += lines[end]
            end += 1
        if joined == target and end >= 2:
            found = _index_of(whole, len(target) - len(lines[end - 1]))
    if len(_CUTS) > 4096:
        _CUTS.clear()
    _CUTS[key] = found
    return found


def _index_of(text: str, count: int) -> int:
    """Where `text` has `count` characters other than whitespace before it."""
    seen = 0
    for at, char in enumerate(text):
        if seen == count:
            return at
        seen += not char.isspace()
    return len(text)


def page_count(data: bytes) -> int:
    """Pages of a PDF that LibreOffice wrote."""
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _written(document, template: Path, template_bytes: bytes,
             record_apart: bool = False, store: tuple | None = None) -> bytes:
    """word.write, kept for a document and template met before in this process (the
    preview makes every notice's document again after each edit: 0.3 s at scale 30)
    and, with `store` (root, `_written_salt()`), by the runs before on this machine (`_stored`: the demo county's
    eight documents take 2.7 s to write, most of a `check`). word.write's bytes depend
    on nothing else (it says so; the builds are compared)."""
    import hashlib
    import pickle

    from generator import word

    try:
        key = hashlib.blake2b(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
                              + b"\0" + template_bytes + bytes([record_apart]),
                              digest_size=20).digest()
    except Exception:  # noqa: BLE001 - a document that cannot be pickled is written again
        return word.write(document, template, record_apart)
    if key not in _WRITTEN:
        if len(_WRITTEN) > 512:
            _WRITTEN.clear()
        stored = _stored(*store, key) if store is not None else None
        docx = stored.read() if stored is not None else None
        if docx is None:
            docx = word.write(document, template, record_apart)
            if stored is not None:
                stored.write(docx)
        _WRITTEN[key] = docx
    return _WRITTEN[key]


class _stored:
    """A written .docx kept under .cache/documents/ beside the PDFs, named, as they are,
    by a MAC with this machine's key (cache.machine_key) of everything it is written
    from: the document, the template, the generator's code and the versions of the
    libraries that write and break its lines. A file that came with a commit or from
    another machine is never found, so never published."""

    def __init__(self, root: Path, salt: bytes, key: bytes) -> None:
        import hashlib
        import hmac

        from generator import cache, pdf

        name = hmac.new(cache.machine_key(), salt + key, hashlib.sha256)
        self.path = pdf.cache_dir(root) / f"{name.hexdigest()}.docx"

    def read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def write(self, docx: bytes) -> None:
        import os

        try:  # (a read-only checkout keeps nothing)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            partial.write_bytes(docx)
            partial.replace(self.path)
        except OSError:
            pass


def _written_salt() -> bytes:
    """What a written .docx depends on besides its document and template."""
    from importlib.metadata import version

    from generator import cache

    return cache.generator_key() + "|".join(
        version(package) for package in ("python-docx", "lxml", "jieba")).encode()


def files(data: Dataset, root: Path) -> dict[str, bytes]:
    """Site path -> bytes: the .docx and PDF of every issued notice, next to its page."""
    made = make(issued(data), data, root)
    return {site_paths({"slug": slug})[kind]: content
            for slug, kinds in made.items() for kind, content in kinds.items()}


# A reference-style link definition, its URL on the same line or the next.
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*(?:\n[ \t]*)?\S.*$", re.M)


def split_after_intro(body: str, links=None) -> tuple[str, str]:
    """The body in two at the end of the Markdown block holding the first paragraph that
    introduces what a 通报 reports (…通报如下), the place from_notice puts the
    cited cases; ("body", "") when there is none (they go at the end, as there)."""
    chunks, current = [], []
    # (blank lines trimmed, never the first line's indent: four spaces make it code)
    lines = body.strip("\n").rstrip().split("\n")
    # a blank line inside a fenced block (as the engine reads one) ends nothing: split
    # there, the page would print the cited cases inside the code
    fenced = sanitize.fenced_lines(lines)
    for number, line in enumerate(lines):
        if not line.strip() and number not in fenced:
            if current:
                chunks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        chunks.append("\n".join(current))
    for at, chunk in enumerate(chunks):
        if any(isinstance(b, Paragraph) and INTRODUCES.search(b.text)
               for b in body_blocks(chunk, links)):
            before, after = "\n\n".join(chunks[:at + 1]), "\n\n".join(chunks[at + 1:])
            # reference-style link definitions serve both halves
            refs = [m.group() for m in _REFERENCE_DEF.finditer(after)]
            return (before + ("\n\n" + "\n".join(refs) if refs else ""), after)
    return body.strip(), ""
