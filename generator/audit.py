"""The last gate: a scan of the built site before it is published.

Every output file is read at the level a browser or a reader would read it: HTML with
an HTML parser (text shown as text is inert, a tag is a tag), the search index as the
HTML fragments the theme renders, feeds as XML whose `type="html"` content is HTML
again, CSV and JSON as text, a zip member by member. It looks for scripts that are
neither the theme's nor ours, event-handler attributes, script URLs, frames,
references to third-party hosts, personal data, redacted names and the content of
records that are not published. Theme files copied unchanged are the theme's own.
"""
from __future__ import annotations

import bisect
import csv
import dataclasses
import gzip
import hashlib
import io
import json
import os
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser

from generator import attachments, headers, privacy, sanitize
from generator.checks import links_of, redacted_names, walk
from generator.load import hidden_in, unseen_in
from generator.normalise import decode_url, normalise
from generator.problems import Location, Problem, problem
from generator.records import Dataset, Rec
from generator.schema import record_types

# Inline scripts the theme writes into every page.
_THEME_INLINE = ("__md_scope=new URL(", "var target=document.getElementById(location.hash",
                 "var palette=__md_get(\"__palette\")")  # the last: palette (大字版) toggle
_URL_ATTRS = sanitize.URL_ATTRIBUTES
# URL attributes the reader follows (a click), to a host links may go to; every other one
# loads when the page is read. A form's action is none: what the reader types is sent
# there, and, as what a page loads, goes to the site itself only.
_FOLLOWED = {"href", "cite", "longdesc", "itemtype", "usemap"}
_FOLLOWED_HREF = {"a", "area"}  # the elements whose href is followed, not loaded
_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet"}
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}
_SCRIPT_SCHEMES = {"javascript:", "vbscript:", "data:"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]{1,2048})|@import\s+['\"]([^'\"]{1,2048})", re.I)
# image-set() fetches a quoted address as url() does: image-set("a.png" 1x, "b.png" 2x)
_IMAGE_SET = re.compile(r"image-set\(", re.I)
_CSS_STRING = re.compile(r"['\"]([^'\"]{1,2048})['\"]")
_JOIN = "\x1f"  # joins the texts of a page for one scan; no scanner reads across it
# The web editor's page (admin/index.html, off the navigation) and the only scripts it may load.
_EDITOR_PAGE = "admin/index.html"
_EDITOR_SCRIPTS = {"admin/vendor/decap-cms/decap-cms.js", "admin/vendor/js-yaml/js-yaml.min.js",
                   "admin/formats.js"}
_INLINE = sanitize.INLINE_ELEMENTS
# The one <style> the site makes: matplotlib's, in each chart drawing (charts.py), inlined
# on the statistics page and served as charts/*.svg. The theme writes none (font: false).
_CHART_STYLE = "*{stroke-linejoin: round; stroke-linecap: butt}"
_OPENING = "(（[【〔"  # a bracket a number may open with: (0874)8212345
_TEXT_ATTRS = {"title", "alt", "aria-label", "content", "value", "placeholder", "label"}


def _longest(texts: tuple[str, ...]) -> int:
    return max(map(len, texts), default=0)


@dataclass
class Policy:
    """What the built site may contain, derived from the published data."""

    scanner: privacy.Scanner
    links: sanitize.Links
    redacted: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)  # site paths of our own scripts
    base_path: str = "/"  # the path of the site URL: where "/x" links point inside the site
    # Published notices' contact numbers (phone keys), allowed only where printed as the
    # contact of a 附注: right after one of `contact_labels` ("联系电话：", normalised: the
    # words labels.yml prints before {phone}, and those each issued notice froze).
    contact_phones: set[str] = field(default_factory=set)
    contact_labels: tuple[str, ...] = ()
    # ... and only in the files that print that 附注: phone key -> the site paths of the
    # pages, documents and search entries of the notices giving it (`contact_places`). The
    # same words and number on another page (a case body reading 联系电话：… after it) are
    # refused there, as check refuses them in the body.
    contact_pages: dict[str, frozenset[str]] = field(default_factory=dict)
    # The 公文 the document writer makes (an issued notice's Word and PDF): their author
    # and last editor are the notice's 发文机关, set by the writer, not a person; the
    # comments and tracked changes their template brought are read as in any file.
    documents: frozenset[str] = frozenset()
    # Every text is read against all redacted names and hidden texts in one pass each.
    redacted_names: privacy.Names = field(init=False, repr=False, compare=False)
    hidden_texts: privacy.Phrases = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.redacted = frozenset(self.redacted)
        self.hidden = frozenset(self.hidden)
        self.contact_phones = frozenset(self.contact_phones)
        self.documents = frozenset(self.documents)
        self.redacted_names = privacy.Names(dict.fromkeys(sorted(self.redacted)))
        self.hidden_texts = privacy.Phrases(self.hidden)

    def fingerprint(self) -> bytes:
        """A digest of everything the audit's verdict on a file depends on besides the
        file: two policies with the same fingerprint find the same problems in it."""
        parts = [sorted(self.scanner.official_phones), sorted(self.scanner.official_emails),
                 sorted(self.scanner.official_addresses), sorted(self.scanner.official_accounts),
                 self.links.site_url, sorted(self.links.hosts), list(self.links.addresses),
                 sorted(self.redacted),
                 sorted(self.hidden), sorted(self.scripts), self.base_path,
                 sorted(self.contact_phones), sorted(self.contact_labels),
                 sorted((k, sorted(v)) for k, v in self.contact_pages.items()),
                 sorted(self.documents)]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).digest()


def _without_query(url: str) -> str:
    """A script's address without its ?query or #fragment (the host, if any, stays)."""
    return url.partition("#")[0].partition("?")[0]


def policy_for(data: Dataset, extra_scripts: list[str] = (),
               texts: RecordTexts | None = None) -> Policy:
    """What the built site may contain. `texts`: record_texts(data), when the caller
    has them already (check reads the same texts for quotes of hidden ones)."""
    contacts = privacy.official_contacts(data.channels)
    # A published notice's contact (an office number, printed in its 附注) is public there
    # only; check refuses the same number anywhere else in the sources, at its file and line.
    notices = data.collections.get("notices") or ()
    contact_phones = {privacy.phone_key(p) for p in privacy.notice_contact_phones(notices)}
    contact_pages: dict[str, set[str]] = {}
    for notice in notices:
        for phone in privacy.notice_contact_phones([notice]):
            contact_pages.setdefault(privacy.phone_key(phone), set()).update(
                contact_places(notice))
    # the words just before the number ("联系电话："), without the mark after the name: as
    # labels.yml prints them, and as each published notice froze them when it was issued
    templates = [((data.labels or {}).get("document") or {}).get("contact") or ""]
    templates += [(n.get("words") or {}).get("contact") or ""
                  for n in data.collections.get("notices") or () if getattr(n, "published", True)]
    labels = tuple(sorted({label for template in templates if isinstance(template, str)
                           and "{phone}" in template and (label := re.sub(
                               r"^[\W_]+", "", normalise(re.split(r"\{[^{}]*\}", template.split(
                                   "{phone}")[0])[-1]).strip()))}))
    # What the site's settings print on every page (the authority in the footer, the
    # channels, the campaign's texts) is public whatever record also holds it: an
    # embargoed 公文's frozen `issuer` is the site's authority, not a leak.
    texts = texts or record_texts(data)
    # A short line the same field of several records not public holds (已按程序办理 in
    # every clue's outcome, 特此通报。 ending every notice) is a set phrase, no record's
    # own words: a published text writing it quotes none. So is a short line of words
    # alone, whoever holds it (已按程序办理完毕, 立行立改，举一反三 in one clue or one
    # draft): that one record holds it says nothing of the phrase, and a published text
    # writing it quotes nothing that tells the record. A longer line stays hidden, and so
    # does a short one some record alone holds in its field that names a unit, a person
    # (张某某 too) or a number or date (东城镇低保审核拖延, 5月拖欠工资3个月).
    specific = _specific(data)
    hidden = {ln for ln, counts in texts.held.items()
              if len(_WORDS.sub("", ln)) > _SET_PHRASE
              or min(counts.values()) < 2 and specific(ln)}
    if hidden:  # (lines a published text shows are public: every line, in C passes of
        # a batch of texts each, so a city's texts are not copied whole at once)
        shown = [*_strings((data.site, data.campaign, data.channels, data.taxonomy)),
                 *texts.texts, *texts.bodies]
        for base in range(0, len(shown), TEXT_BATCH):
            hidden.difference_update(map(str.strip, "\n".join(
                shown[base:base + TEXT_BATCH]).splitlines()))
    # our own scripts are linked with ?v=<digest> (theme.versioned): a file is its path
    scripts = {posixpath.normpath(_without_query(s)) for s in extra_scripts}
    base_path = urlsplit(data.site.get("url") or "/").path or "/"
    hidden = {normalise(line) for line in hidden}
    if hidden:  # the generator's own words (the staff manual's help texts, the same in
        # every county) are no record's: a draft quoting one quotes nothing it hides, and
        # the manual's page printing it is refused by no audit that check would not say
        from generator.docs import data_spec

        hidden.difference_update(privacy.Phrases(hidden).find(normalise(data_spec())))
    from generator import document

    written = {path for notice in document.issued(data) if notice.get("slug")
               for path in document.site_paths(notice).values()}  # (no slug: a bad name)
    return Policy(privacy.Scanner(*contacts), links_of(data.site, data.channels),
                  set(redacted_names(data.collections, data.site).first), hidden, scripts,
                  base_path, contact_phones if labels else set(), labels,
                  {k: frozenset(v) for k, v in contact_pages.items()} if labels else {},
                  frozenset(written))


def _specific(data: Dataset):
    """Whether a short line names what tells one record from another: a unit of the
    register, a person (a case's, as written: 张某某 too; any 某), a number or a date.
    All the names are read in one pass over the line."""
    names = [u.get("name") for u in data.collections.get("units") or ()
             if isinstance(u.get("name"), str)]
    names += [p.get("name") for c in data.collections.get("cases") or ()
              for p in c.get("persons") or () if isinstance(p.get("name"), str)]
    phrases = privacy.Phrases(normalise(n).strip() for n in names if len(n.strip()) > 1)

    def specific(line: str) -> bool:
        line = normalise(line)
        return "某" in line or bool(_A_NUMBER.search(privacy.digit_view(line))) \
            or bool(phrases.find(line))
    return specific


_A_NUMBER = re.compile("[0-9]")
TEXT_BATCH = 4096  # texts joined for one pass (the quote search of checks too)
_TEXT_TYPES = frozenset(("text", "longtext"))


@dataclass
class RecordTexts:
    """Every text of every record, read once (at city scale some hundred thousand
    records): what the public sees of them and what it may not."""

    texts: list[str]  # each text field of each published record (and nested ones)
    places: list[tuple]  # (holder, field name, label, field) of each of `texts`
    bodies: list[str]  # the bodies (notices) of published records
    # each line (stripped, `quotable`) of what is not public -> {field: how many records
    # not public hold it there} (the schema's Field, or "body")
    held: dict[str, dict[object, int]]


def record_texts(data: Dataset) -> RecordTexts:
    """The texts of every record: a published record's text fields are shown, except a
    notice's frozen text of a cited case not public (`_withheld`); a record that is not
    public (a draft, one under embargo) shows none, a withdrawn one only its reason and,
    for a notice, the 文号 it withdraws."""
    types = {rt.collection: rt for rt in record_types().values() if rt.collection}
    public_cases = {c.get("id") for c in data.collections.get("cases", []) if c.published}
    out = RecordTexts([], [], [], {})

    plans: dict[int, tuple] = {}

    def plan(fields: dict) -> tuple:
        """The fields of a type that hold text, or records or lists that may: a record
        of a city's hundred thousand is read by its few such fields, not all of them."""
        made = plans.get(id(fields))
        if made is None:
            made = plans[id(fields)] = (fields, tuple(
                (fname, f) for fname, f in fields.items()
                if f.type in _TEXT_TYPES or f.fields or f.item is not None))
        return made[1]

    def collect(rec, fields: dict, notice: bool, texts: list, places: list,
                withheld: tuple[list, list], secret: bool) -> None:
        """`secret`: the record is not public; then an organ's or a post's name, a set
        wording (`wording` fields) is nobody's secret and is left out."""
        if notice and _withheld(rec, public_cases):
            texts, places = withheld
        made = plans.get(id(fields))
        for fname, f in made[1] if made is not None else plan(fields):
            item = rec.get(fname)
            if item is None:
                continue
            if isinstance(item, str):
                if f.type in _TEXT_TYPES and not (secret and f.wording):
                    texts.append(item)
                    places.append((rec, fname, f.label or fname, f))
            elif isinstance(item, Rec):
                collect(item, f.fields, notice, texts, places, withheld, secret)
            elif isinstance(item, list) and f.item is not None:
                item_type = f.item
                for element in item:
                    if isinstance(element, Rec):
                        collect(element, item_type.fields, notice, texts, places, withheld,
                                secret)
                    elif isinstance(element, str) and item_type.type in _TEXT_TYPES \
                            and not (secret and item_type.wording):
                        texts.append(element)
                        places.append((rec, fname, item_type.label or fname, item_type))

    def lines(texts: list, places: list, stated: set = frozenset()) -> set[tuple]:
        """(field, line) of each quotable line of these texts (the schema's Field, or
        "body"), but the ones `stated`."""
        found = set()
        for text, place in zip(texts, places, strict=True):
            key = place if place == "body" else id(place[3])  # (one Field per field)
            for line in text.splitlines():
                line = line.strip()
                if line not in stated and quotable(line):
                    found.add((key, line))
        return found

    for name, records in data.collections.items():
        fields, notice = types[name].fields, name == "notices"
        for rec in records:
            withheld: tuple[list, list] = ([], [])
            held: set[tuple] = set()
            if rec.published:
                collect(rec, fields, notice, out.texts, out.places, withheld, False)
                if rec.get("body"):
                    out.bodies.append(rec["body"])
            else:
                own: list[str] = []
                places: list = []
                collect(rec, fields, notice, own, places, withheld, True)
                if rec.get("body"):
                    own.append(rec["body"])
                    places.append("body")
                stated: set[str] = set()
                if rec.state == "withdrawn":
                    # its page states the withdrawal, its reason and, for a notice, the 文号
                    # it withdraws: those two values, nothing else of the record
                    stated = {rec["withdrawn"].get("reason") or ""}
                    if name == "notices" and rec.get("doc_number"):
                        stated.add(rec["doc_number"].strip())
                held = lines(own, places, stated)
            if withheld[0]:  # (a notice's frozen text of a case not public is not printed)
                held |= lines(*withheld)
            for key, line in held:  # (each record counted once for a line in a field)
                counts = out.held.setdefault(line, {})
                counts[key] = counts.get(key, 0) + 1
    return out


def contact_places(notice) -> set[str]:
    """The site paths that print a notice's 附注: its page, its Word and PDF documents,
    and its page's entry in the search index (by the location the index gives it)."""
    from generator import document

    slug = notice["slug"]
    return {f"notices/{slug}/index.html", f"notices/{slug}/",
            *document.site_paths(notice).values()}


def _strings(value):
    """Every string in nested settings (mappings, lists), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# What a quote of a record not public is made of: a line of 6 letters or digits at least
# (punctuation and spaces not counted: 已整改到位。 is five); a set phrase is at most 12.
_WORDS = re.compile(r"[\W_]+")
_QUOTED, _SET_PHRASE = 6, 12


def quotable(line: str) -> bool:
    """A line long enough to identify the record it is taken from when quoted."""
    return len(_WORDS.sub("", line)) >= _QUOTED


def _withheld(holder, public_cases: set) -> bool:
    """A notice's frozen text of a cited case (`case_texts`) the public may not see."""
    return holder is not None and "heading" in holder and holder.get("case") is not None \
        and holder["case"] not in public_cases


class _Lines:
    """Line numbers in a page's source for findings in its DOM: the k-th element of a
    tag is the k-th `<tag` in the source (lexbor keeps no positions; a line is a guide
    for the reader of the message, the finding itself comes from the DOM)."""

    def __init__(self, source: str, offset: int) -> None:
        self.source, self.offset = source, offset
        self.starts: dict[str, list[int]] = {}
        self.newlines: list[int] | None = None

    def of(self, tag: str, index: int) -> int:
        if tag not in self.starts:
            self.starts[tag] = [m.start() for m in re.finditer(
                "<" + re.escape(tag) + r"(?=[\s/>])", self.source, re.I)]
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.source)]
        starts = self.starts[tag]
        at = starts[index] if index < len(starts) else (starts[-1] if starts else 0)
        return bisect.bisect_left(self.newlines, at) + 1 + self.offset


@dataclass(frozen=True)
class _Place:
    """Where an element is, resolved to a line only when a finding is reported."""

    lines: _Lines
    path: str
    tag: str
    index: int

    def location(self) -> Location:
        return Location(self.path, self.lines.of(self.tag, self.index))


def _resolve(at) -> Location:
    return at.location() if isinstance(at, _Place) else at


class _Audit:
    def __init__(self, site: Path, policy: Policy, shown_as: str) -> None:
        self.site, self.policy, self.shown_as = site, policy, shown_as
        self.problems: list[Problem] = []
        self.theme = _theme_assets()
        self.clean: set[tuple] = set()  # (tag, attributes) of elements found clean
        # (kind or name, digest) -> (name, problems) of every file scanned (_Audit.file)
        # (kind, sha256 of bytes) or ("search-entry", page, text) -> (where found, problems)
        self.seen: dict[tuple[str, object], tuple[str, list[Problem]]] = {}
        # the site path of the file (or search entry) being read: a notice's contact
        # number is allowed in the files that print its 附注 only
        self.reading = ""

    def shown(self, rel: str) -> str:
        return f"{self.shown_as}/{rel}" if self.shown_as else rel

    def add(self, code: str, at, detail: str) -> None:
        self.problems.append(problem(code, _resolve(at), detail=detail))

    # -- what is looked for -------------------------------------------------

    def url(self, url: str, at: Location, attribute: str = "", loads: bool = False) -> None:
        """A link may go to an allowed host; what the page loads (`loads`) comes from
        the site itself only."""
        links = self.policy.links
        host = links.loads_from_elsewhere(url) if loads else links.third_party(url)
        if host:
            self.add("audit-third-party", at, host)
        scheme = self.policy.links.script_scheme(url)
        if scheme and attribute:
            self.add("audit-script-url", at, f"{attribute}={url[:30]}")
        if ":" in url and not url.startswith(("http", "/", "#", ".")):
            decoded = decode_url(url)
            if decoded.lstrip().lower().startswith(("mailto:", "tel:")):
                self.text(decoded, _resolve(at))
                return
        if _URL_WORDS.search(url):
            # a link's target is published with the page (its source, a copied link, the
            # status bar), as check reads a body's decoded targets: a file or a query
            # naming someone (?tel=138…, 罗小军处分决定.pdf percent-encoded)
            self.text(decode_url(url), _resolve(at))

    def path(self, rel: str) -> None:
        """A file's name is published as well as its bytes: in its address, in every
        link to it and in all.zip (罗小军处分决定.pdf, zhang-13800138000/). Read once per
        name (the preview audits the same names after every edit)."""
        key = ("path", rel)
        seen = self.seen.get(key)
        if seen is None:
            before, self.reading = len(self.problems), ""
            self.text(decode_url(rel), Location(self.shown(rel), 0))
            seen = self.seen[key] = (rel, self.problems[before:])
            del self.problems[before:]
        self.problems.extend(seen[1])

    def script(self, rel: str, script: dict, body: str) -> None:
        if script["src"]:
            src = script["src"]
            if src.startswith(self.policy.base_path):
                base, src = "", src[len(self.policy.base_path):]
            else:
                base = posixpath.dirname(rel)
            target = posixpath.normpath(posixpath.join(base, _without_query(src)))
            if target in self.policy.scripts or self.theme.get(target) is not None:
                return
            if rel == _EDITOR_PAGE and target in _EDITOR_SCRIPTS:
                return
            self.add("audit-script", script["at"], script["src"])
        elif script["id"] == "__config" and script["type"] == "application/json":
            return
        elif not body.startswith(_THEME_INLINE):
            self.add("audit-script", script["at"], body[:40] or "<script>")

    def text(self, text: str, at: Location | list[Location], extracted: bool = False) -> None:
        """Personal data, redacted names and hidden records in text a reader sees.
        Several texts may come joined by _JOIN with one location each. `extracted`: the
        text of a PDF, Word or Excel file, held to what check holds an attachment's to
        (a PDF's text extraction gives control characters for glyphs it cannot map)."""
        places = at if isinstance(at, list) else [at]
        self.hidden_characters(text, places, hidden_in if extracted else unseen_in)
        plain = normalise(text)

        def place(offset: int):
            return places[min(plain.count(_JOIN, 0, offset), len(places) - 1)]

        def line(offset: int) -> Location:
            where = _resolve(place(offset))
            start = plain.rfind(_JOIN, 0, offset) + 1
            return Location(where.path, where.line + plain.count("\n", start, offset))

        for hit in self.policy.scanner.hits(plain, normalised=True):
            if self.policy.contact_phones and hit.kind == "landline" and \
                    self.reading in self.policy.contact_pages.get(privacy.phone_key(hit.value),
                                                                  ()) and \
                    plain[max(hit.start - _longest(self.policy.contact_labels) - 8, 0):hit.start] \
                    .rstrip().rstrip(_OPENING).rstrip().endswith(self.policy.contact_labels):
                continue  # a notice's contact, printed as its 附注 prints it ("(0874)…" too)
            self.problems.append(problem(hit.code, line(hit.start), field="",
                                         value=privacy.mask(hit.kind, hit.value)))
        for name in self.policy.redacted_names.found(plain):
            self.add("audit-redacted-name", places[0], name[:1] + "…")
        for secret, offset in self.policy.hidden_texts.find(plain).items():
            self.add("audit-hidden-content", place(offset), secret[:12] + "…")

    def hidden_characters(self, text: str, places: list, finder=unseen_in) -> None:
        """A bidi control, a tag character, a run of variation selectors or a control
        character (U+0001, ESC, U+FFFE: the browser keeps &#x1; as one) in what the
        build wrote, decoded as the reader's program decodes it (entities, JSON escapes):
        check refuses them where staff write them, but every scan here drops them, so one
        that reached a page by any other road (a generated text, a label, an escape the
        source reader missed) hid a number from the audit or reordered a name. One per
        text; the theme's files and vendored scripts are not read as text at all."""
        found = finder(text)
        if found is None:
            return
        offset, name = found
        index = min(text.count(_JOIN, 0, offset), len(places) - 1)
        where = _resolve(places[index])
        start = text.rfind(_JOIN, 0, offset) + 1
        self.add("audit-hidden-characters",
                 Location(where.path, where.line + text.count("\n", start, offset)), name)

    # -- file kinds -----------------------------------------------------------

    def html(self, rel: str, text: str, offset: int = 0) -> None:
        """An HTML page or fragment, parsed as the browser parses it (lexbor, HTML5).
        A <noscript> is read both ways a browser reads it: as markup (lexbor, and a
        browser not running scripts) and, as a browser running scripts reads it, as text
        up to the first </noscript>, written even inside an attribute value (then as
        <xmp>, which the parser reads alike): what follows it there is markup."""
        noscript, template = _NOSCRIPT.search(text), _TEMPLATE.search(text)
        if not noscript and not template:
            self._html(rel, text, offset)
            return
        before = len(self.problems)
        self._html(rel, text, offset)
        if noscript:
            self._html(rel, _NOSCRIPT.sub(r"\1xmp", text), offset)
        if template:
            # a <template>'s content is a fragment of its own, which the walk of the page
            # does not reach: it shows nothing and runs nothing until a script places it,
            # but it is in the page's source for anyone to read (an ID number), and the
            # theme has none. Read again with it as an ordinary element.
            self._html(rel, _TEMPLATE.sub(r"\1cs-template-q7", text), offset)
        seen: set[tuple] = set()
        kept = []
        for found in self.problems[before:]:
            key = (found.code, found.path, found.line, found.message)
            if key not in seen:
                seen.add(key)
                kept.append(found)
        self.problems[before:] = kept

    def _html(self, rel: str, text: str, offset: int = 0) -> None:
        lines = _Lines(text, offset)
        path = self.shown(rel)
        seen: dict[str, int] = {}
        places: list = []

        def at_element(node) -> _Place:
            return _Place(lines, path, node.tag, order.get(node.mem_id, 0))

        order: dict[int, int] = {}
        tree = LexborHTMLParser(text)
        # The texts of one block (a paragraph, a cell) are read as the browser shows
        # them, as one run: "138<span>1234</span>5678" is a mobile number on the screen.
        # A run ends where a block element starts; attribute texts are read apart.
        block = None  # mem_id of the block the current run is in, None: no run
        attr_texts: list[str] = []
        attr_places: list = []
        # the block (nearest ancestor-or-self not laid out in a line) of every element,
        # found once in document order: a walk up from each text was as long as the
        # nesting, and 3,000 unclosed <b> in one paragraph took the audit 3 s, 10,000 40 s
        holder_of: dict[int, int] = {}
        runs: list[list[str]] = []  # (each run's parts, joined once: += copied the run)
        for node in tree.root.traverse(include_text=True):
            tag = node.tag
            if tag == "-text":
                parent = node.parent
                if parent is None or parent.tag in ("script", "-document"):
                    continue
                value = node.text_content or ""
                if parent.tag == "style":
                    for url in _css_urls(value):
                        self.url(url, at_element(parent), loads=True)
                    continue
                holder_id = holder_of.get(parent.mem_id, 0)
                if block is not None and holder_id == block:
                    runs[-1].append(value)
                elif value.strip():
                    block = holder_id
                    runs.append([value])
                    places.append(at_element(parent) if parent.tag not in ("html",) else
                                  Location(path, offset + 1))
                continue
            if tag is None or tag.startswith("-"):
                continue  # comments (<?…?> too, tagless here), doctype: inert
            if tag in _INLINE:
                parent = node.parent
                holder_of[node.mem_id] = holder_of.get(parent.mem_id, 0) if parent is not None \
                    else 0
            else:
                holder_of[node.mem_id] = node.mem_id
            if tag == "br":
                if block is not None:
                    runs[-1].append(" ")  # a line break on the screen, not in the source
            elif tag not in _INLINE:
                block = None
            order[node.mem_id] = seen.get(tag, 0)
            seen[tag] = order[node.mem_id] + 1
            self._element(rel, node, at_element, attr_texts, attr_places)
        texts = ["".join(run) for run in runs]
        page_start = len(self.problems)
        if texts:
            self.text(_JOIN.join(texts), places)
        if attr_texts:
            self.text(_JOIN.join(attr_texts), attr_places)
        if _TABLE_HEAD.search(text):  # (a table whose header may name its cells)
            self._header_cells(tree, at_element, page_start)

    def _header_cells(self, tree, at_element, page_start: int) -> None:
        """A table's cells under a header naming a phone, a QQ number or an account read
        as one (`header_cells`), as check reads a table's column under such a header:
        1381 234 5678 there is a mobile though no word in its cell says so. A QQ cell's
        number of a mobile's shape, which the page's text (read from `page_start` of the
        problems) said as a phone, is said once, as the QQ number it is (as check says it:
        `privacy.take_back`), unless a phone cell holds it too."""
        mistaken: list[tuple] = []  # (code, path, message) the page's text said wrongly
        phones: Counter = Counter()  # (code, path, message) cells say as a phone
        for cell, kinds in header_cells(tree):
            value = cell.text(deep=True) or ""
            if not _A_NUMBER.search(privacy.digit_view(value)):
                continue
            at = _resolve(at_element(cell))
            plain = {(h.kind, h.value) for h in self.policy.scanner.hits(value)}
            said = self.policy.scanner.hits(value, context=kinds)
            for hit in said:
                found = problem(hit.code, at, field="", value=privacy.mask(hit.kind, hit.value))
                if hit.kind == "phone":
                    phones[(found.code, found.path, found.message)] += 1
                if (hit.kind, hit.value) not in plain:  # (else read with the page's text)
                    self.problems.append(found)
            if "qq" in kinds and not privacy.phone_said(kinds):
                kept = {(h.kind, h.value) for h in said}
                for kind, number in plain - kept:
                    if kind == "phone":
                        wrong = problem(privacy.CODES[kind], at, field="",
                                        value=privacy.mask(kind, number))
                        mistaken.append((wrong.code, wrong.path, wrong.message))
        if not mistaken:
            return
        # the page's text said it as a phone: one such report taken back for each QQ cell,
        # but never one a phone cell says as well (counted, not searched: linear)
        places: dict[tuple, list[int]] = {}
        for index in range(page_start, len(self.problems)):
            found = self.problems[index]
            places.setdefault((found.code, found.path, found.message), []).append(index)
        dropped = set()
        for key in mistaken:
            said = places.get(key, [])
            if len(said) > phones[key]:
                dropped.add(said.pop())
        self.problems[page_start:] = [p for i, p in enumerate(self.problems[page_start:],
                                                              page_start) if i not in dropped]

    def _element(self, rel: str, node, at_element, texts: list, places: list) -> None:
        tag = node.tag
        attrs = [(k.lower(), v or "") for k, v in node.attributes.items()]
        for key, value in attrs:
            if key in _TEXT_ATTRS and value:
                texts.append(value)
                places.append(at_element(node))
        if tag == "script":
            self._checked_element(rel, tag, attrs, node, at_element)
            return
        if tag == "style":  # always read: its text, not its attributes, decides
            self._style(node, attrs, at_element)
        if not attrs and tag not in _FRAMES:
            return
        # Every page repeats the theme's navigation, header and footer: an element (tag
        # and attributes) found clean once is clean on every page; scripts are always
        # checked (their body and their page's folder decide).
        seen = (tag, tuple(attrs))
        if seen in self.clean:
            return
        before = len(self.problems)
        self._checked_element(rel, tag, attrs, node, at_element)
        if len(self.problems) == before:
            self.clean.add(seen)

    def _checked_element(self, rel: str, tag: str, attrs: list, node, at_element) -> None:
        refresh = tag == "meta" and any(k == "http-equiv" and v.strip().lower() == "refresh"
                                        for k, v in attrs)
        if tag in _FRAMES:
            self.add("audit-frame", at_element(node), tag)
        for key, value in attrs:
            if key not in _TEXT_ATTRS:  # (those are read with the texts)
                self.hidden_characters(value, [at_element(node)])
            if key.startswith("on"):
                self.add("audit-event-handler", at_element(node), f"{key}=…")
            elif key in _URL_ATTRS:
                urls = [c.strip().split(" ")[0] for c in value.split(",")] \
                    if key.endswith("srcset") else [value]
                # an href is followed on a link (<a>, <area>) only: <link>'s and an SVG
                # element's (<image>, <use>, <feImage>) load, and <base>'s moves every
                # relative script and stylesheet of the page to its host
                loads = key not in _FOLLOWED or (key == "href" and tag not in _FOLLOWED_HREF)
                for url in urls:
                    if url.strip():
                        self.url(url, at_element(node), key, loads)
            elif key == "style":
                for url in _css_urls(value):
                    self.url(url, at_element(node), loads=True)
            elif key == "content" and tag == "meta" and "url=" in value.lower() \
                    and not refresh:
                self.url(value.lower().split("url=", 1)[1].strip(" '\""), at_element(node))
        if tag in _ANIMATIONS:
            self._animation(attrs, node, at_element)
        if refresh:
            target = _refresh_target(dict(attrs).get("content", ""))
            if target:
                # the reader is taken there without a click: as what the page loads,
                # the site itself only
                self.url(target, at_element(node), "http-equiv", loads=True)
        if tag == "script":
            values = dict(attrs)
            body = "".join(c.text_content or "" for c in node.iter(include_text=True)
                           if c.tag == "-text")
            self.script(rel, {"src": values.get("src"), "type": values.get("type", ""),
                              "id": values.get("id", ""), "at": at_element(node)},
                        body.strip())

    def _animation(self, attrs: list, node, at_element) -> None:
        """An SVG animation sets another attribute to its values: <animate
        attributeName="href" to="javascript:…"> makes a link of the drawing run script
        when clicked. Values set on an href are read as links; any value as a script URL."""
        values = dict(attrs)
        target = values.get("attributename", "").strip().lower()
        for key in ("to", "from", "by", "values"):
            for piece in values.get(key, "").split(";"):
                piece = piece.strip()
                if not piece:
                    continue
                if target in ("href", "xlink:href"):
                    self.url(piece, at_element(node), key)
                elif self.policy.links.script_scheme(piece) in _SCRIPT_SCHEMES:
                    self.add("audit-script-url", at_element(node), f"{key}={piece[:30]}")

    def _style(self, node, attrs: list, at_element) -> None:
        """A <style> hides or rewrites what a page says (a case shown as withdrawn, the
        authority in the footer replaced) and check refuses one wherever staff write it;
        the only one the site makes is the charts' (_CHART_STYLE), inside a drawing."""
        body = "".join(c.text_content or "" for c in node.iter(include_text=True)
                       if c.tag == "-text")
        parent = node.parent
        while parent is not None and parent.tag not in ("svg", "body", "html"):
            parent = parent.parent
        if body == _CHART_STYLE and attrs == [("type", "text/css")] and parent is not None \
                and parent.tag == "svg":
            return
        self.add("audit-style", at_element(node), body.strip()[:40] or "<style>")

    def _instructions(self, rel: str, text: str) -> None:
        """An XML file (an SVG drawing, a feed) opened by the browser obeys its processing
        instructions, which an HTML parser reads as comments: <?xml-stylesheet?> loads a
        stylesheet or an XSLT that turns the file into a page with script."""
        for match in _INSTRUCTION.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            self.add("audit-script", Location(self.shown(rel), line), match.group())

    def search_index(self, rel: str, data: bytes) -> None:
        """Every entry's title and text (mkdocs' `docs`, Zensical's `items`: the exported
        tree's engine, `generator export`). An entry read before (in this index, or in the
        preview's last one: `seen` is kept then) is not parsed again: its problems are
        those found then, at this entry's place (the preview rewrites the index after
        every edit; most of its entries are those of pages not rendered again)."""
        index = json.loads(data)
        entries = "docs" if "docs" in index else "items"
        for number, doc in enumerate(index.get(entries) or [], start=1):
            self.hidden_characters(str(doc.get("location") or ""),
                                   [Location(self.shown(f"{rel}#{entries}[{number}].location"),
                                             1)])
            self.reading = str(doc.get("location") or "").split("#")[0]
            for key in ("title", "text"):
                where, text = f"{rel}#{entries}[{number}].{key}", doc.get(key) or ""
                seen = self.seen.get(("search-entry", self.reading, text))
                if seen is not None:
                    self.problems.extend(_moved(seen[1], self.shown(seen[0]),
                                                self.shown(where)))
                    continue
                before = len(self.problems)
                self.html(where, text)
                self.seen[("search-entry", self.reading, text)] = (where,
                                                                   self.problems[before:])

    def json_file(self, rel: str, data: bytes) -> None:
        def strings(value):
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for v in value.values():
                    yield from strings(v)
            elif isinstance(value, list):
                for v in value:
                    yield from strings(v)

        values = list(strings(json.loads(data)))
        if values:
            where = Location(self.shown(rel), 1)
            self.text(_JOIN.join(values), [where] * len(values))

    def xml(self, rel: str, data: bytes) -> None:
        root = ElementTree.fromstring(data)
        for element in root.iter():
            at = Location(self.shown(rel), 0)
            if str(element.tag).rsplit("}", 1)[-1].lower() in ("script", "foreignobject"):
                self.add("audit-script", at, str(element.tag).rsplit("}", 1)[-1])
            for key, value in element.attrib.items():
                self.hidden_characters(value, [at])
                local = key.rsplit("}", 1)[-1].lower()
                if local.startswith("on"):
                    self.add("audit-event-handler", at, f"{local}=…")
                if local in ("href", "src", "uri"):  # in a picture (SVG) every one loads
                    self.url(value, at, local, loads=local == "src" or rel.endswith(".svg"))
            if element.text and element.text.strip():
                if element.get("type") in ("html", "xhtml"):
                    self.html(rel, element.text)
                else:
                    self.text(element.text, Location(self.shown(rel), 0))

    def _svg_elements(self, rel: str, data: bytes) -> None:
        """A picture is an SVG drawing: the browser reads it as XML, where an XHTML or
        MathML element is one it acts on wherever it sits (<h:meta http-equiv="refresh">
        takes the reader elsewhere, <h:form> posts elsewhere), which the HTML reading
        above sees as an unknown tag."""
        # named as check names it in an attachment (svg-active-content, at its line):
        # an element is no script, and audit-script sent staff looking for one
        try:
            root = ElementTree.fromstring(data)
            lines = iter(attachments._element_lines(data.decode("utf-8", errors="replace")))
        except Exception as err:  # noqa: BLE001 - ParseError, or expat's own on the text
            self.problems.append(problem("attachment-unreadable", Location(self.shown(rel), 1),
                                         value=str(err)[:40]))
            return
        self._svg_prefixed(rel, data)
        for element in root.iter():
            line = next(lines, 1)
            if (element is root and element.tag != _SVG_ROOT) or \
                    str(element.tag).startswith(_ACTIVE_NS):
                self.problems.append(problem(
                    "svg-active-content", Location(self.shown(rel), line),
                    value=f"<{str(element.tag).rsplit('}', 1)[-1]}>"))

    def _svg_prefixed(self, rel: str, data: bytes) -> None:
        """Names written with a prefix, which the XML parser the browser opens a drawing
        with binds to their namespace and the HTML reading above takes as they are
        written: <s:script> (s the SVG namespace) runs, <a l:href="…"> (l XLink) links.
        (Unprefixed names, and xlink:href, are read there already.)"""
        from xml.parsers import expat

        found: list[tuple[str, dict, int]] = []
        parser = expat.ParserCreate()
        parser.StartElementHandler = lambda name, attributes: found.append(
            (name, attributes, parser.CurrentLineNumber))
        parser.Parse(data, True)
        for name, attributes, line in found:
            prefix, _, local = name.rpartition(":")
            at = Location(self.shown(rel), line)
            if prefix and local.lower() in _SVG_RUNS:
                self.problems.append(problem("svg-active-content", at, value=f"<{local}>"))
            for key, value in attributes.items():
                key_prefix, _, key_local = key.rpartition(":")
                if key_prefix and key_prefix.lower() not in ("xlink", "xmlns") \
                        and key_local.lower() == "href":
                    self.url(value, at, "href", loads=local.lower() not in _FOLLOWED_HREF)

    def document(self, rel: str, data: bytes) -> None:
        """A PDF, Word or Excel file (our 公文, an attachment): its text read as `check`
        reads attachments, page by page, paragraph by paragraph, row by row."""
        links: list[attachments.Link] = []
        try:
            passages = attachments.extract_text(rel, data, links)
        except attachments.Refused as refused:
            code, detail, *line = refused.args
            self.problems.append(problem(code, Location(self.shown(rel), line[0] if line else 1),
                                         value=detail))
            return
        self.problems += attachments.author_problems(rel, data, Location(self.shown(rel), 1),
                                                     rel not in self.policy.documents)
        for link in links:  # a hyperlink the reader clicks: held as a link on a page is
            where = f"{rel}!{link.where}" if link.where else rel
            self.url(link.url, Location(self.shown(where), link.line), "href")
        for passage in passages:
            where = f"{rel}!{passage.where}" if passage.where else rel
            at = Location(self.shown(where), passage.line)
            if passage.context:  # a cell under a header naming a phone: what that adds
                for hit in self.policy.scanner.hits(passage.text, context=passage.context):
                    found = problem(hit.code, at, field="", value=privacy.mask(hit.kind, hit.value))
                    if found not in self.problems:
                        self.problems.append(found)
                continue
            self.text(passage.text, at, extracted=True)

    def plain(self, rel: str, data: bytes) -> None:
        """CSV, text and our own CSS/JS. A URL in a data cell is text, not a reference
        (links in data are held to the allowed hosts by `check`); in CSS or JS it loads."""
        text = data.decode("utf-8-sig", errors="replace")
        if rel.lower().endswith((".csv", ".tsv")):
            self._csv(rel, text, "\t" if rel.lower().endswith(".tsv") else ",")
        elif not rel.lower().endswith((".css", ".js")):
            # whole, as a reader sees it: a number may be split over two lines
            self.text(text, Location(self.shown(rel), 1))
        else:
            css = rel.lower().endswith(".css")
            for number, line in enumerate(text.split("\n"), start=1):
                self.text(line, Location(self.shown(rel), number))
                for url in re.findall(r"(?:https?:)?//[^\s\"',)]+", line):
                    self.url(url, Location(self.shown(rel), number), loads=True)
                # url(…) and @import with CSS escapes (\2f\2f evil…) decoded
                for url in _css_urls(line) if css and ("url" in line or "@" in line) else ():
                    self.url(url, Location(self.shown(rel), number), loads=True)

    def _csv(self, rel: str, text: str, delimiter: str = ",") -> None:
        """Every cell, whole: a cell may hold line breaks (a case's facts written over
        two lines in its YAML block, with an ID number split between them); cells are
        read apart, as `check` reads the fields they come from."""
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        cells, places, line = [], [], 1
        try:
            for row in reader:
                for cell in row:
                    if cell.strip():
                        cells.append(cell)
                        places.append(Location(self.shown(rel), line))
                    # a reader opens the table in Excel or WPS: a cell it runs as a
                    # formula reaches out (HYPERLINK, WEBSERVICE, a DDE call)
                    if attachments.runs_as_formula(cell):
                        self.add("audit-csv-formula", Location(self.shown(rel), line),
                                 cell.strip()[:40])
                line = reader.line_num + 1
        except csv.Error:  # not a table after all: read it line by line
            cells = text.split("\n")
            places = [Location(self.shown(rel), n) for n in range(1, len(cells) + 1)]
        if cells:
            self.text(_JOIN.join(cells), places)

    def file(self, rel: str, data: bytes) -> None:
        """The problems of one file. Bytes scanned before under the same name, or as data
        read alike under any name (a CSV or JSON table, which all.zip holds again), are
        not scanned again: their problems are those found then, at this file's place."""
        if self.theme.get(rel) == data or rel == "manifest.json":
            return  # the theme's own file copied unchanged, or the hashes of audited files
        kind = _data_kind(rel)
        key = (kind or rel, hashlib.sha256(data).digest())
        seen = self.seen.get(key)
        if seen is not None:
            self.problems.extend(_moved(seen[1], self.shown(seen[0]), self.shown(rel)))
            return
        before = len(self.problems)
        try:
            self._file(rel, data)
        except Exception as err:  # noqa: BLE001 - what cannot be read cannot be vouched for
            self.add("audit-unreadable", Location(self.shown(rel), 0),
                     f"{type(err).__name__}: {str(err)[:200]}")
        self.seen[key] = (rel, self.problems[before:])

    def _file(self, rel: str, data: bytes) -> None:
        self.reading = rel
        name = rel.lower()
        if name.endswith(".gz"):
            self.file(rel[:-3], gzip.decompress(data))
        elif name.endswith((".pdf", ".docx", ".xlsx")) or \
                name.endswith(tuple(attachments.IMAGE_KINDS)):
            self.document(rel, data)  # (a picture's EXIF, XMP and PNG text, its GPS)
        elif name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    # (a member's name is listed by whoever unpacks it, as a file's is)
                    self.path(f"{rel}!{member}")
                    self.file(f"{rel}!{member}", archive.read(member))
        elif name.endswith((".html", ".htm", ".svg", ".xhtml", ".xht")):
            text = data.decode("utf-8", errors="replace")
            if not name.endswith((".html", ".htm")):
                self._instructions(rel, text)
                self.problems += attachments.author_problems(rel, data,
                                                             Location(self.shown(rel), 1))
            self.html(rel, text)
            if name.endswith(".svg"):
                self._svg_elements(rel, data)
        elif _search_index(name):
            self.search_index(rel, data)
        elif name.endswith(".json"):
            self.json_file(rel, data)
        elif name.endswith((".xml", ".atom", ".rss")):
            self._instructions(rel, data.decode("utf-8", errors="replace"))
            self.xml(rel, data)
        elif name.endswith((".csv", ".tsv", ".txt", ".vcf", ".md", ".css", ".js", ".yml",
                            ".yaml")) or name == headers.SITE_PATH:
            # (.yml: the web editor's admin/config.yml, made from the schema, the messages,
            # the taxonomy and the units' names, served to anyone as the site is)
            # (every text kind an attachment may be, attachments.TEXT_KINDS)
            if not _vendored(rel):  # vendored scripts: checked in by hand with a licence
                self.plain(rel, data)


_NOSCRIPT = re.compile(r"(</?)noscript(?=[\s/>])", re.I)
_TEMPLATE = re.compile(r"(</?)template(?=[\s/>])", re.I)
_INSTRUCTION = re.compile(r"<\?(?!xml[ \t\r\n?])[^ \t\r\n?>]{0,40}", re.I)


_SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
_ACTIVE_NS = ("{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/1998/Math/MathML}")
_SVG_RUNS = {"script", "foreignobject", "handler", "listener"}  # SVG elements that run


# The folders of the vendored scripts (checked in by hand with their licences): the web
# editor's and the site's own. Only there is a file passed over as vendored: a folder
# named vendor elsewhere (notices/files/vendor/) holds what staff publish.
_VENDORED = ("admin/vendor/", "assets/javascripts/vendor/")


def header_cells(tree):
    """(cell, context) of each <td> or <th> of a table that its header or its row's first
    cell says is a phone, a QQ number or an account (<th>联系电话</th>, QQ号, 银行账号;
    <tr><th>联系电话</th><td>…: `privacy.table_contexts`, with colspan and rowspan as the
    browser reads them). The audit reads a built page so; check a body's raw HTML tables
    (`body_header_cells`), a Markdown table's and an attachment's alike."""
    tables: dict[int, list] = {}  # (in document order: a nested table is its own)
    for row in tree.css("tr"):
        table = row.parent
        while table is not None and table.tag in ("thead", "tbody", "tfoot"):
            table = table.parent
        tables.setdefault(table.mem_id if table is not None else 0, []).append(
            [c for c in row.iter() if c.tag in ("th", "td")])
    for rows in tables.values():
        # (the text of a header cell or a row's first is read: only they name the others)
        texts = [[privacy.TableCell(c.text(deep=True) or "" if c.tag == "th" or not i else "",
                                    header=c.tag == "th",
                                    colspan=privacy.span_of(c.attributes.get("colspan"), 1000),
                                    rowspan=privacy.span_of(c.attributes.get("rowspan"), 65534))
                  for i, c in enumerate(cells)] for cells in rows]
        for number, index, kinds in privacy.table_contexts(texts):
            yield rows[number][index], kinds


def body_header_cells(body: str) -> list[tuple[int, str, frozenset]]:
    """(0-based line, text, context) of each cell of a raw HTML table in a Markdown body
    (the engine passes it through as written) under a header naming a phone, a QQ number
    or an account, read as the audit reads the built page (`header_cells`)."""
    if not _TABLE_HEAD.search(body):
        return []
    tree = LexborHTMLParser(body)
    order = {tag: {node.mem_id: index for index, node in enumerate(tree.css(tag))}
             for tag in ("td", "th")}
    lines = _Lines(body, -1)
    return [(lines.of(cell.tag, order[cell.tag].get(cell.mem_id, 0)),
             cell.text(deep=True) or "", kinds) for cell, kinds in header_cells(tree)]


# a table's cell: its header, or its row's first cell, may name what its cells are
_TABLE_HEAD = re.compile(r"<t[hd][\s>]", re.I)


# what in a URL may be personal: seven digits in at most three-character gaps, an
# encoded character (Han text), an @ (bounded: linear)
_URL_WORDS = re.compile(r"(?:[0-9][^0-9]{0,3}){6}[0-9]|%[0-9A-Fa-f]{2}|@|&#")


def _vendored(rel: str) -> bool:
    return rel.lower().startswith(_VENDORED)


def _data_kind(rel: str) -> str:
    """How a file is read when that depends on nothing of its name but the extension
    (tables and JSON data: a problem's place is the file and a line); "" when its name
    matters too (a page resolves its links and scripts against its own path)."""
    name = rel.lower()
    if _vendored(name) or _search_index(name):
        return ""
    for suffix in (".csv", ".tsv", ".txt", ".vcf", ".md", ".json"):
        if name.endswith(suffix):
            return suffix
    return ""


def _moved(found: list[Problem], before: str, after: str) -> list[Problem]:
    """The problems found in a file at `before`, placed in the same bytes at `after`."""
    if before == after:
        return list(found)
    return [dataclasses.replace(p, path=after + p.path[len(before):])
            if p.path == before or p.path.startswith((before + "!", before + "#")) else p
            for p in found]


_REFRESH = re.compile(r"\s*[0-9.]*\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*)", re.I | re.S)


def _refresh_target(content: str) -> str:
    """Where <meta http-equiv="refresh" content="…"> sends the reader, read as the HTML
    standard reads it: "0;https://…", "0; URL = '…'" and "5, url=…" alike ('' if none)."""
    match = _REFRESH.match(content)
    quote, target = match.group(1), match.group(2).strip()
    if quote and quote in target:
        target = target[:target.index(quote)]
    return target


def _css_urls(css: str) -> list[str]:
    """Every url(…) and @import target in CSS, escapes decoded as the browser does."""
    css = re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16))
                 if int(m.group(1), 16) <= 0x10FFFF else "", css)
    css = css.replace("\\", "")
    urls = [a or b for a, b in _CSS_URL.findall(css)]
    for match in _IMAGE_SET.finditer(css):
        depth, end = 1, match.end()
        while end < len(css) and depth:
            depth += {"(": 1, ")": -1}.get(css[end], 0)
            end += 1
        # (an url(…) in it is read above)
        urls += _CSS_STRING.findall(re.sub(r"url\([^)]*\)", "", css[match.end():end]))
    return urls


def _search_index(name: str) -> bool:
    """The search index: mkdocs' search/search_index.json, or the search.json Zensical
    writes at the root of the site it builds from `generator export`."""
    return name.endswith("search_index.json") or name == "search.json"


def _theme_assets() -> dict[str, bytes]:
    """Files of the installed themes, by the site path the engine copies them to: the
    mkdocs build's (Material), and Zensical's, which builds the exported tree (the same
    paths, other names: its bundle is a theme script there, not a stranger)."""
    import importlib.util

    import material

    bases = [Path(material.__file__).parent / "templates"]
    zensical = importlib.util.find_spec("zensical")
    if zensical is not None and zensical.origin:
        bases.append(Path(zensical.origin).parent / "templates")
    found: dict[str, bytes] = {}
    for base in bases:  # a path both have (the favicon) is Material's, the mkdocs build's
        for path in sorted((base / "assets").rglob("*")):
            if path.is_file():
                found.setdefault(path.relative_to(base).as_posix(), path.read_bytes())
    return found


def audit(site: Path, policy: Policy, shown_as: str = "site",
          prescanned: dict[str, tuple[bytes, list[Problem]]] | None = None,
          scanned: dict[str, tuple[tuple, list[Problem]]] | None = None,
          hashes: dict[str, tuple[int, str]] | None = None,
          memo: dict | None = None) -> list[Problem]:
    """Every finding in the built site; an empty list means it may be published.
    `prescanned` holds files already audited while the engine wrote them (`Prescan`):
    a file whose bytes on disk have that digest is not scanned again, any other is.
    `scanned` (the preview, between two rebuilds in one site folder): receives each file's
    (size, mtime, inode) and problems, and `prescanned` is the last rebuild's: a file the
    engine has not written since keeps its result without being read. `hashes`, when given,
    receives each file's size and SHA-256 (the deployment manifest: the site is read once).
    `memo` (the preview): what `_Audit.file` found in the bytes it scanned, kept between two
    audits under the same policy (the caller empties it when the fingerprint changes)."""
    scan = _Audit(Path(site), policy, shown_as)
    if memo is not None:
        scan.seen = memo
    prescanned = prescanned or {}
    base = str(site)
    for rel in site_files(Path(site)):
        scan.path(rel)
        path = os.path.join(base, rel)  # (no pathlib: 14,000 paths a preview rebuild)
        earlier = prescanned.get(rel)
        if scanned is not None:
            stat = os.stat(path)
            key = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            if earlier is not None and earlier[0] == key:
                found = earlier[1]
            else:
                found = _scan_one(scan, rel, _read(path))
            scanned[rel] = (key, list(found))
            scan.problems.extend(found)
            continue
        data = _read(path)
        wanted = earlier is not None or hashes is not None
        digest = _digest(data) if wanted else b""
        if hashes is not None:
            hashes[rel] = (len(data), digest.hex())
        if earlier is not None and earlier[0] == digest:
            scan.problems.extend(earlier[1])
        else:
            scan.problems.extend(_scan_one(scan, rel, data))
    return sorted(set(scan.problems))


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def site_files(site: Path) -> list[str]:
    """Every file under `site` (symlinks to files too; symlinked folders are not entered),
    as relative POSIX paths in the order of sorted(site.rglob("*")): os.scandir reads each
    folder once with the kind of every entry (pathlib stats each path again)."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, prefix + entry.name + "/")
                elif entry.is_file():
                    found.append(prefix + entry.name)

    walk(str(site), "")
    return sorted(found, key=lambda rel: rel.split("/"))


def _scan_one(scan: _Audit, rel: str, data: bytes) -> list[Problem]:
    before = len(scan.problems)
    scan.file(rel, data)
    found = scan.problems[before:]
    del scan.problems[before:]
    return found


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _prescan_worker(site: str, policy: Policy, shown_as: str, files: dict[str, bytes],
                    paths, results) -> None:
    """The second process: the files given at the start, then every path that arrives,
    read from disk; (digest of what was read, problems) for each goes back at the end."""
    scan = _Audit(Path(site), policy, shown_as)
    done: dict[str, tuple[bytes, list[Problem]]] = {}

    def one(rel: str, data: bytes) -> None:
        scan.problems = []
        scan.file(rel, data)
        done[rel] = (_digest(data), scan.problems)

    for rel, data in files.items():
        one(rel, data)
    for rel in iter(paths.get, None):
        try:
            data = (Path(site) / rel).read_bytes()
        except OSError:
            continue  # not there: the audit at the end reads whatever is
        one(rel, data)
    results.put(done)


class Prescan:
    """The audit of files as the engine writes them, in a second process forked now: the
    page scan (the audit's main cost) runs on the other core while the engine renders
    the next pages. `files` (generated ones, known before the engine copies them) are
    scanned from the forked memory; `written(rel)` names a file the engine has finished
    writing, which the worker reads from disk. `audit(..., prescanned=results())` checks
    every file on disk against the digest of what was scanned here and scans again
    whatever differs or was not scanned, so the result is that of `audit` alone."""

    def __init__(self, site: Path, policy: Policy, shown_as: str,
                 files: dict[str, bytes]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.paths, self.out = context.Queue(), context.Queue()
        self.process = context.Process(target=_prescan_worker, daemon=True, args=(
            str(site), policy, shown_as, files, self.paths, self.out))
        self.process.start()

    def written(self, rel: str) -> None:
        self.paths.put(rel)

    def results(self) -> dict[str, tuple[bytes, list[Problem]]]:
        """What the worker scanned; nothing when it died (the audit at the end then
        scans every file itself), never a wait for a process that is gone."""
        import queue

        self.paths.put(None)
        while True:
            try:
                done = self.out.get(timeout=1)
                break
            except queue.Empty:
                if not self.process.is_alive():
                    done = self._left_behind()
                    break
        self.process.join()
        return done

    def _left_behind(self) -> dict[str, tuple[bytes, list[Problem]]]:
        """The worker is gone. It may have put its answer and ended between the last wait
        and the look at it: a worker that ended well (exit code 0) has flushed its answer
        whole into the pipe before it exited, so it is read; one that died gave none."""
        import queue

        self.process.join()
        if self.process.exitcode != 0:
            return {}
        try:
            return self.out.get(timeout=1)
        except queue.Empty:
            return {}

    def close(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
