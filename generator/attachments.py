"""Static files and attachments copied from `content/` to the site: read, or refused.

Every file the engine copies as it is must be a known kind whose text is scanned like
any record (PDF, DOCX, XLSX, CSV, TSV, TXT, VCF), an image, a plain SVG drawing, or our
own stylesheet or script under `content/assets/`. SVG with script, event handlers,
foreign objects, outside references or XHTML/MathML elements (or whose root is no <svg>), and XML/XHTML/HTML (which run script on the
site's origin) are refused, as is every kind not listed here.

A document is refused too when opening it runs something or reaches outside the file by
itself: macros, ActiveX and OLE objects, a Word template, picture or frame fetched from
an address, INCLUDEPICTURE/LINK/DDE fields, Excel links to other workbooks, data
connections and WEBSERVICE-like formulas, PDF scripts and actions that run on opening
or submit or fetch, an address in a part's markup that is loaded (a VML picture or fill,
`src`/`o:href`). A hyperlink the reader clicks (Word, Excel or PDF: relationships,
HYPERLINK fields and formulas, VML shapes, /URI actions) is held to the rules of a link
on the site: http(s) to the hosts the site may link to (link_hosts), mailto or tel, never
file: or a Windows share; a HYPERLINK formula whose address is computed is refused. Its
address is scanned like the text.
"""
from __future__ import annotations

import hashlib
import io
import logging
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from generator import privacy
from generator.load import hidden_in
from generator.normalise import decode_url, normalise, simplified
from generator.problems import Location, Problem, problem

TEXT_KINDS = {".csv", ".tsv", ".txt", ".vcf"}
DOCUMENT_KINDS = {".pdf", ".docx", ".xlsx"}
IMAGE_KINDS = {".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".ico": (b"\x00\x00\x01\x00",)}
REFUSED_KINDS = {".xml", ".xhtml", ".xht", ".html", ".htm", ".shtml", ".xsl", ".xslt", ".mht",
                 ".mhtml", ".swf", ".jar", ".exe", ".js", ".mjs", ".css", ".docm", ".xlsm",
                 ".svgz"}
# Our own front-end, copied as it is: checked in by hand, scripts listed in mkdocs.yml.
# The readers of staff files log and warn what they met in one (pypdf: "Font resources
# are not a dictionary: " and a string of the file, line breaks and all) on stderr, a
# line of the CI log, where GitHub's runner reads ::error and ##[stop-commands]: they
# tell staff nothing check does not tell in its own words, so they tell nobody.
for _reader in ("pypdf", "PIL"):
    logging.getLogger(_reader).addHandler(logging.NullHandler())
    logging.getLogger(_reader).propagate = False

OWN_ASSETS = ("content/assets/",)
_NOTICES = {"LICENCE", "LICENSE", "README", "COPYING", "NOTICE"}  # of vendored scripts
_LIMIT = 64 * 2 ** 20  # bytes unpacked from one DOCX/XLSX: more is refused, not read
_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
               "animate", "set", "animatemotion", "animatetransform", "image", "use", "style",
               "a", "feimage"}


class Refused(Exception):
    """A file that may not be published: args are (problem code, detail)."""


@dataclass(frozen=True)
class Passage:
    """Text found in a file: `line` is the line, row or page number, `where` the sheet
    or part it is in ('' for plain text); `context`: a table's cell under a header naming
    a phone, a QQ number or an account (联系电话, QQ号, 银行账号: `privacy.context_of`),
    read as one whatever its grouping."""

    line: int
    where: str
    text: str
    context: frozenset = field(default=frozenset(), repr=False)


@dataclass(frozen=True)
class Link:
    """A hyperlink the reader of a file may click: `line` and `where` as a Passage's."""

    line: int
    where: str
    url: str


def extract_text(name: str, data: bytes, links: list[Link] | None = None) -> list[Passage]:
    """The text of an attachment, by its kind (the file name's extension).

    PDF: one passage per page (line = page number); DOCX: one per paragraph of the
    body, headers, footers, notes and comments (line = paragraph number); XLSX: one
    per row (line = row number, where = sheet); CSV/TSV/TXT/VCF: one per line (UTF-8
    or GB18030). SVG is checked for active content and its text returned.
    `links`, when given, receives every hyperlink of a PDF, DOCX or XLSX (relationships,
    HYPERLINK fields and formulas, VML shapes, PDF /URI actions), to be held to the
    hosts the site may link to.
    Raises `Refused(code, detail)` for XML/XHTML/HTML, SVG with script or outside
    references, unreadable documents, documents that run something or reach outside
    the file when opened (the module's docstring lists them) and every unknown kind.

        >>> extract_text("名单.txt", "张三 13812345678".encode())
        [Passage(line=1, where='', text='张三 13812345678')]
    """
    kind = posixpath.splitext(name.lower())[1]
    if kind in TEXT_KINDS:
        text = decode_text(data)
        passages = [Passage(n, "", line) for n, line in enumerate(text.split("\n"), 1)
                    if line.strip()]
        if kind in (".csv", ".tsv"):
            rows = _no_formulas(text, "\t" if kind == ".tsv" else ",")
            passages += context_cells(rows, "")
        return passages
    if kind == ".svg":
        return _svg(data)
    if kind in IMAGE_KINDS:
        if not data.startswith(IMAGE_KINDS[kind]):
            raise Refused("file-refused", _why("not_image", kind=kind[1:].upper()))
        try:
            with warnings.catch_warnings():  # (what Pillow warns of a file: see _reader)
                warnings.simplefilter("ignore")
                return _image(data)
        except Refused:
            raise
        except Exception as err:  # noqa: BLE001 - any damage in a third-party format
            raise Refused("attachment-unreadable", type(err).__name__) from None
    if kind in REFUSED_KINDS:
        raise Refused("file-refused", _why("runs_script", kind=kind))
    if kind not in DOCUMENT_KINDS:
        raise Refused("file-refused", _why("kind", kind=kind) if kind else _why("no_suffix"))
    try:
        found: list[Link] = []
        with warnings.catch_warnings():  # (what pypdf warns of a file: see _reader)
            warnings.simplefilter("ignore")
            passages = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx}[kind](data, links=found)
        if links is not None:
            links += found
        return passages
    except Refused:
        raise
    except Exception as err:  # noqa: BLE001 - any damage in a third-party format
        raise Refused("attachment-unreadable", type(err).__name__) from None


def _reasons() -> dict:
    from generator.problems import messages

    return messages()["attachment_reasons"]


def _places() -> dict:
    from generator.problems import messages

    return messages()["attachment_places"]


def _why(key: str, **params: object) -> str:
    """Why an attachment is refused, in the words of messages.yml (attachment_reasons)."""
    return _reasons()[key].format(**params)


def check_file(root: Path, rel: str, scanner: privacy.Scanner,
               redacted: privacy.Names | None = None, hosts=None,
               properties: bool = True) -> list[Problem]:
    """Problems of one file under content/: refused kinds, personal data and redacted
    names in its text, each at its line (row, page) and, for sheets, with the sheet;
    with `hosts` (sanitize.Links), hyperlinks that are not web, mail or phone addresses
    or go to a host the site may not link to. `properties=False` (the 公文 template,
    whose author the writer sets): authors only where the writer leaves them."""
    from generator.load import read_staff

    data, unreadable = read_staff(root, rel)
    if unreadable:  # a named pipe is never opened: reading it waits for ever
        return [unreadable]
    if rel.startswith(OWN_ASSETS) and (rel.lower().endswith((".css", ".js")) or
                                       posixpath.basename(rel).upper() in _NOTICES):
        # code the site runs: only as the programmers checked it in (own_assets.sha256)
        digest = hashlib.sha256(data).hexdigest()
        if own_assets().get(rel) != digest:
            return [problem("own-asset-changed", Location(rel, 1))]
        return []
    links: list[Link] = []
    try:
        passages = extract_text(rel, data, links)
    except Refused as refused:
        code, detail, *line = refused.args
        return [problem(code, Location(rel, line[0] if line else 1), value=detail)]
    out = author_problems(rel, data, Location(rel, 1), properties=properties)
    told: set[tuple[int, str]] = set()  # one unlisted-host a line and host, wherever on it
    places = _places()
    for link in links if hosts is not None else ():
        at = Location(rel, link.line)
        place = places["part"].format(where=link.where) if link.where else places["file"]
        host = hosts.third_party(link.url) if hosts.site_url else ""
        if hosts.script_scheme(link.url):
            out.append(problem("attachment-link-scheme", at, field=place, url=_short(link.url)))
        elif host and (link.line, host) not in told:
            told.add((link.line, host))
            out.append(problem("unlisted-host", at, field=places["links"].format(place=place),
                               host=host))
    cells: list[Problem] = []  # what the cells a header names say, read as it names them
    mistaken: list[Problem] = []  # a QQ cell's number its row read as a phone
    for passage in passages:
        at = Location(rel, passage.line)
        field = passage.where or places["file"]
        if passage.context:  # a cell its row read already: only what its header adds
            said = scanner.problems(passage.text, field, at, context=passage.context)
            cells += said
            if "qq" in passage.context and not privacy.phone_said(passage.context):
                mistaken += [p for p in scanner.problems(passage.text, field, at)
                             if p.code == privacy.CODES["phone"] and p not in said]
            continue
        hidden = hidden_in(passage.text)
        if hidden:  # the scans drop these characters; a reader of the file sees nothing
            out.append(problem("attachment-hidden-text", at, field=field, char=hidden[1]))
        out += scanner.problems(passage.text, field, at)
        for name in redacted.found(passage.text) if redacted else ():
            if name in redacted.shown:  # printed masked (姓加某), not hidden: say so
                out.append(redacted.masked_problem(name, at, field))
            else:
                out.append(problem("redacted-name-shown", at, field=field, name=name,
                                   first=str(redacted.first[name])))
    # each cell's number once, as its header names it (privacy.scan_markdown does the same)
    told = privacy.add_cell_problems(out, cells)
    return privacy.take_back(out, mistaken, told)


_OWN_ASSETS_FILE = Path(__file__).with_name("own_assets.sha256")


def own_assets() -> dict[str, str]:
    """The site's own scripts and stylesheets under content/assets/ (and their licence
    notices) as checked in with the generator: path -> SHA-256. Staff commit under
    content/; a script there runs on every page, so it is code, reviewed as code."""
    out = {}
    for line in _OWN_ASSETS_FILE.read_text("utf-8").splitlines():
        digest, _, path = line.partition("  ")
        if path:
            out[path.strip()] = digest.strip()
    return out


# A cell Excel or WPS runs as a formula when it opens the table: "=", "@", or "+"/"-"
# (after any spaces, tabs or line breaks, the ideographic space too) before a function,
# a DDE call (cmd|' /C calc'!A0) or a reference; "-" or "+86 …" is text. The full-width
# marks a Chinese input method types (＝＠＋－) are read by WPS as the ASCII ones.
_FORMULA_CELL = re.compile(r"[ \t\r\n\u3000]*(?:[=@＝＠]|[+\-＋－][^\n]*[A-Za-zＡ-Ｚａ-ｚ(（|｜!！])")
_FORMULA_FIRST = frozenset("=@+-＝＠＋－ \t\r\n\u3000")


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet opening a table runs this cell as a formula (what an
    attachment is refused for, and what the audit refuses in every table it publishes;
    the site's own tables are written stricter, opendata.formula_safe)."""
    return cell[:1] in _FORMULA_FIRST and bool(cell) and _FORMULA_CELL.match(cell) is not None


def _no_formulas(text: str, delimiter: str) -> list:
    """Refuses a CSV/TSV a reader's spreadsheet would run: a cell written as a formula
    (HYPERLINK to anywhere, WEBSERVICE, a DDE call), named at its row. The site's own
    tables are written formula-safe (opendata.formula_safe); an attachment is published
    as it is."""
    import csv

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row, rows = 1, []
    try:
        for cells in reader:
            rows.append((row, cells))
            for cell in cells:
                # (a carriage return or line break first, as opendata.formula_safe reads it)
                if runs_as_formula(cell):
                    raise Refused("file-refused", _why("csv_formula", row=row,
                                                       cell=_short(cell.strip())), row)
            row = reader.line_num + 1
    except csv.Error:
        return []  # not a table: its lines are read as text
    return rows


_DIGIT = re.compile("[0-9０-９]")


def context_cells(rows, where: str) -> list[Passage]:
    """The cells of a table that its header or its row's first cell says are a phone, a
    QQ number or an account (联系电话, 手机号码, Tel, QQ号, 银行账号: `privacy.context_of`;
    a row 联系电话 | 1381…), each a passage read as one: 1381 234 5678 there is a mobile
    though no word in its cell says so. A header is a row with no digit in it and such a
    short cell (a row of data naming 举报电话 beside its number is none); its columns hold
    until the next header (`privacy.table_contexts`). `rows`: (line or row number, cells)."""
    rows = [(number, ["" if cell is None else str(cell) for cell in cells])
            for number, cells in rows]
    table = []
    for _number, cells in rows:
        header = not any(_DIGIT.search(cell) for cell in cells) and any(
            len(cell) <= 16 and privacy.context_of(cell) for cell in cells)
        table.append([privacy.TableCell(cell, header=header) for cell in cells])
    return [Passage(rows[r][0], where, rows[r][1][i], context=kinds)
            for r, i, kinds in privacy.table_contexts(table) if rows[r][1][i].strip()]


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise Refused("attachment-unreadable", _why("encoding"))


# CSS that fetches: url(), image-set(), src(), @import, read after CSS escapes are undone.
_CSS_FETCH = re.compile(r"url\(|image-set\(|src\(|@import", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.S)


def _css_text(value: str) -> str:
    """CSS as the browser reads it: "u\\72l(" is "url(" and "\\(" is "("."""
    if "\\" not in value:
        return value

    def char(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_ESCAPE.sub(char, value)


def _svg(data: bytes) -> list[Passage]:
    text = decode_text(data)
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        raise Refused("svg-active-content", "DOCTYPE/ENTITY")
    # a processing instruction (<?xml-stylesheet href="…"?>: outside CSS, or XSLT that
    # turns the drawing into a page with script); the XML declaration is not one
    instruction = re.search(r"<\?(?!xml[ \t\r\n?])[^ \t\r\n?>]{0,40}", text, re.I)
    if instruction:
        raise Refused("svg-active-content", instruction.group())
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as err:
        raise Refused("attachment-unreadable", str(err)[:40]) from None
    if root.tag != _SVG_NS + "svg":
        # served as image/svg+xml, a file whose root is not an SVG drawing is an XML
        # document: an XHTML root is a page (script, a form, a refresh) on the site's origin
        raise Refused("svg-active-content", f"<{_local(root.tag)}>")
    passages = []
    lines = iter(_element_lines(text))
    shown_whole: set[int] = set()  # the elements inside a <text>, <title> or <desc>
    for element in root.iter():
        line = next(lines, 1)
        tag = _local(element.tag).lower()
        if tag in _SVG_ACTIVE or str(element.tag).startswith(_ACTIVE_NS):
            # an XHTML or MathML element anywhere in the drawing is one the browser acts
            # on: <h:meta http-equiv="refresh"> inside <svg> takes the reader elsewhere
            raise Refused("svg-active-content", f"<{tag}>")
        for key, value in element.attrib.items():
            local = key.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href" or _CSS_FETCH.search(_css_text(value)) \
                    or "script:" in normalise(value).lower().replace(" ", ""):
                raise Refused("svg-active-content", f"{local}=")
        # the text as a reader sees it: a <text> with its <tspan>s is one line on the
        # screen (138<tspan>0013</tspan>8000 is one number), read whole at its line; a
        # text after a child's end (its tail) is text too
        if id(element) in shown_whole:
            continue
        if tag in _SVG_TEXTS:
            shown_whole.update(id(child) for child in element.iter())
            whole = "".join(element.itertext())
            if whole.strip():
                passages.append(Passage(line, "", whole))
            if element.tail and element.tail.strip():
                passages.append(Passage(line, "", element.tail))
            continue
        for piece in (element.text, element.tail):
            if piece and piece.strip():
                passages.append(Passage(line, "", piece))
    return passages


_SVG_TEXTS = {"text", "title", "desc"}


def _element_lines(text: str) -> list[int]:
    """The line each element of an XML text starts on, in document order (as
    ElementTree's iter() gives them)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    lines: list[int] = []
    parser.StartElementHandler = lambda _name, _attrs: lines.append(parser.CurrentLineNumber)
    parser.Parse(text, True)
    return lines


_SVG_NS = "{http://www.w3.org/2000/svg}"
_ACTIVE_NS = ("{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/1998/Math/MathML}")


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _image(data: bytes) -> list[Passage]:
    """What a photo carries besides its pixels: EXIF text (description, author,
    comment), XMP and PNG text chunks. A photo that records where it was taken (GPS)
    is refused: a whistle-blower's or a clerk's whereabouts."""
    from PIL import ExifTags, Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            raise Refused("file-refused", _why("gps"))
        values = [exif.get(tag) for tag in exif]
        values += [v for ifd in (ExifTags.IFD.Exif,) for v in exif.get_ifd(ifd).values()]
        values += [v for k, v in image.info.items()
                   if isinstance(v, str) or k in ("xmp", "comment", "XML:com.adobe.xmp")]
    # (each text once: Pillow gives a PNG's XMP as "xmp" and as its chunk's own key, and
    # a number in it was reported twice)
    text = _FIELDS.join(dict.fromkeys(_readable(v) for v in values))
    return [Passage(1, _places()["image"], text)] if text.strip() else []


def _readable(value) -> str:
    """A metadata value as text: strings as they are, bytes (XMP, EXIF UserComment)
    decoded where they can be, numbers and tuples left out."""
    if isinstance(value, str):
        # an EXIF text field written in UTF-8 (a phone's, a Chinese program's), which
        # Pillow reads as Latin-1: read as its writer wrote it (张三, not å¼\xa0ä¸\x89)
        if not value.isascii() and max(value) <= "\xff":
            try:
                return value.encode("latin-1").decode("utf-8")
            except UnicodeDecodeError:
                pass
        return value
    if isinstance(value, bytes):
        for encoding in ("utf-8", "utf-16"):
            try:
                return value.decode(encoding).replace("\0", "")
            except UnicodeDecodeError:
                continue
        return value.decode("latin-1").replace("\0", "")
    return ""


def _pdf(data: bytes, links: list[Link]) -> list[Passage]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    uris: list[str] = []
    found = _pdf_outside(reader, uris)
    if found:
        raise Refused("file-refused", found)
    passages = [Passage(number, "", page.extract_text() or "")
                for number, page in enumerate(reader.pages, start=1)]
    # what a reader of the file finds besides the pages: its properties, the notes and
    # form fields on each page and the addresses of its links, the bookmarks
    info = _FIELDS.join([str(v) for v in (reader.metadata or {}).values()]
                        + [value for _tag, value in xmp_values(_pdf_xmp(reader))])
    if info.strip():
        passages.append(Passage(1, _places()["properties"], info))
    for number, page in enumerate(reader.pages, start=1):
        notes = []
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            notes += [str(annotation.get(k) or "") for k in ("/Contents", "/T", "/V", "/TU")]
            action = _resolved(annotation.get("/A"))
            if isinstance(action, dict) and action.get("/S") == "/URI":
                uri = str(_resolved(action.get("/URI")) or "")
                notes.append(decode_url(uri))
                links.append(Link(number, _places()["comment"], uri))
        if " ".join(notes).strip():
            passages.append(Passage(number, _places()["comment"], " ".join(notes)))
    titles = []
    pending = list(reader.outline)
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending += item
        elif hasattr(item, "title"):
            titles.append(str(item.title or ""))
    if " ".join(titles).strip():
        passages.append(Passage(1, _places()["bookmarks"], " ".join(titles)))
    # every other /URI action (a bookmark's, a form field's): the document's
    on_pages = {link.url for link in links}
    links += [Link(1, _places()["link"], uri) for uri in uris if uri not in on_pages]
    return passages


# What a PDF may not hold, wherever it is: keys, action types (/S), annotation types
# (/Subtype), object types and file systems (/FS). A /URI action is a link the reader
# clicks, allowed as a Word hyperlink is, unless it runs by itself (/OpenAction, /AA).
# Their words are in messages.yml (attachment_reasons: pdf_keys, pdf_kinds, pdf_media).
_PDF_MEDIA = ("/Sound", "/Movie", "/Screen", "/RichMedia", "/3D")


def _pdf_words() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """What a PDF may not hold, by key, and by the value of /S, /Subtype, /Type, /FS."""
    said = _reasons()
    kinds = said["pdf_kinds"]
    return said["pdf_keys"], {  # looked at in this order: the first found is said
        "/S": kinds["/S"],
        "/Subtype": {kind: said["pdf_media"].format(kind=kind) for kind in _PDF_MEDIA},
        "/Type": kinds["/Type"], "/FS": kinds["/FS"]}


def _pdf_outside(reader, uris: list[str]) -> str:
    """What in the PDF runs by itself or reaches outside the file ('' when nothing):
    a script, an action run on opening the document or a page (/OpenAction, /AA), an
    action that launches, submits, imports or opens another file, media, an embedded
    file. Every object is read (in object streams too, and those only referenced), not
    the bytes: a name written with #xx escapes (/J#61vaScript) is read as /JavaScript,
    and "/JS" occurs by chance in compressed font and page data (a LibreOffice PDF in
    about one of twenty)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    # An /OpenAction that is a destination (a page to open at, as LibreOffice and Word
    # write) runs nothing; one that is an action dictionary does, by itself.
    opens = _resolved(reader.trailer["/Root"].get("/OpenAction"))
    if isinstance(opens, DictionaryObject):
        return _pdf_automatic("/OpenAction", {"/O": opens})
    numbers = {(number, generation) for generation, objects in reader.xref.items()
               for number in objects}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    pending: list = [IndirectObject(n, g, reader) for n, g in sorted(numbers, reverse=True)]
    pending.append(reader.trailer)
    seen = set()
    pdf_keys, pdf_kinds = _pdf_words()
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            if (value.idnum, value.generation) in seen:
                continue
            seen.add((value.idnum, value.generation))
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            keys = sorted(pdf_keys.keys() & set(value))
            if keys:
                return _why("pdf_in", what=pdf_keys[keys[0]])
            if "/AA" in value:
                return _pdf_automatic("/AA", _resolved(value["/AA"]))
            for key, kinds in pdf_kinds.items():
                kind = _resolved(value.get(key))
                if isinstance(kind, str) and kind in kinds:
                    return _why("pdf_in", what=kinds[kind])
            if _resolved(value.get("/S")) == "/URI":
                uris.append(str(_resolved(value.get("/URI")) or ""))
            pending += list(value.values())
        elif isinstance(value, ArrayObject):
            pending += list(value)
    return ""


def _pdf_automatic(key: str, triggers) -> str:
    """The refusal of actions run by themselves (`triggers`: event -> action), naming
    their kinds and the address one opens."""
    actions = [a for a in (_resolved(v) for v in triggers.values()) if isinstance(a, dict)] \
        if isinstance(triggers, dict) else []
    kinds = sorted({str(_resolved(action.get("/S"))) for action in actions})
    uris = [str(_resolved(a.get("/URI")) or "") for a in actions if a.get("/S") == "/URI"]
    where = _why("pdf_visits", url=_short(uris[0])) if uris else ""
    when = _why("pdf_on_open" if key == "/OpenAction" else "pdf_on_event")
    return _why("pdf_automatic", when=when, actions=" ".join([key, *kinds]), where=where)


def _pdf_xmp(reader) -> bytes:
    """A PDF's XMP metadata packet (the document catalog's /Metadata stream), which Word,
    WPS and Acrobat write beside the document information: its author (dc:creator), title
    and description, kept when the information dictionary is emptied."""
    try:
        stream = _resolved(reader.trailer["/Root"].get("/Metadata"))
        return stream.get_data() if stream is not None else b""
    except Exception:  # noqa: BLE001 - a damaged stream holds nothing readable
        return b""


_XMP_TAGS = re.compile(rb"<[^<>]{0,4096}>")
# A document's or an edit's identifier (xmpMM:DocumentID uuid:…, xmp.iid:0180117407…):
# its digits are no one's number
_XMP_ID = re.compile(r"(?:uuid|xmp\.[di]id|adobe:docid:[a-z]+):", re.I)


def xmp_values(packet) -> list[tuple[str, str]]:
    """(local name of the property, value) of each text and attribute of an XMP packet (a
    PDF's /Metadata, a photo's XMP): <dc:creator><rdf:Seq><rdf:li>张三 is ("li", "张三")
    under ("creator", …) as `xmp_authors` reads it; an unreadable packet is its text
    between the tags. A DOCTYPE or an entity is none of a packet's: read as text."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8", "replace")
    if not packet or not packet.strip():
        return []
    if not re.search(rb"<!(?:DOCTYPE|ENTITY)", packet, re.I):
        try:
            root = ElementTree.fromstring(packet)
        except ElementTree.ParseError:
            root = None
        if root is not None:
            out = []
            for element in root.iter():
                text = (element.text or "").strip()
                if text and not _XMP_ID.match(text):
                    out.append((_local(str(element.tag)), text))
                out += [(_local(k), v) for k, v in element.attrib.items()
                        if not _STRUCTURAL.match(v)]
            return out
    text = _XMP_TAGS.sub(_quoted_in_tag, packet).decode("utf-8", "replace")
    return [("", " ".join(text.split()))]


_QUOTED_IN_TAG = re.compile(rb'"([^"]*)"|\'([^\']*)\'')


def _quoted_in_tag(tag: re.Match) -> bytes:
    """A tag of a packet read as text, as the quoted values it holds that are text: an
    entity's value (<!ENTITY who "…">, shown wherever &who; stands), an attribute's."""
    values = [b"".join(found.groups(b"")).decode("utf-8", "replace")
              for found in _QUOTED_IN_TAG.finditer(tag.group())]
    kept = [v for v in values if not _STRUCTURAL.match(v) and not _XMP_ID.match(v)]
    return (" " + " ".join(kept) + " ").encode("utf-8")


# The XMP properties that name who wrote or changed a file: Dublin Core's creator and
# contributor (the author Word and Photoshop write), a PDF's Author, a photo's
# Photoshop:AuthorsPosition-free credit (photoshop:Credit) and captioner
_XMP_AUTHORS = frozenset({"creator", "contributor", "Author", "Credit", "CaptionWriter"})


# ... and those that name who holds its rights (dc:rights, xmpRights:Owner): read as an
# author once the words of a copyright notice are taken out (`rights_holder`)
_XMP_RIGHTS = frozenset({"rights", "Owner"})


def xmp_authors(packet, names: frozenset = _XMP_AUTHORS) -> list[str]:
    """The people an XMP packet names as a file's author (`_XMP_AUTHORS`, or `names`): the
    items of such a property (rdf:li under dc:creator) or its attribute value."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8", "replace")
    if not packet or re.search(rb"<!(?:DOCTYPE|ENTITY)", packet, re.I):
        return []
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return []
    found = []
    for element in root.iter():
        found += [v for k, v in element.attrib.items() if _local(k) in names]
        if _local(str(element.tag)) in names:
            found += [" ".join(t.split()) for t in element.itertext() if t.strip()]
    return found


def _resolved(value):
    """A PDF value with an indirect reference followed (`dict.get` does not)."""
    return value.get_object() if hasattr(value, "get_object") else value


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def _unpacked(data: bytes, allowance: int = _LIMIT) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    if _size(archive) > allowance:
        raise Refused("file-refused", _why("unpacked"))
    return archive


def _size(archive: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in archive.infolist())


def _xml_parts(archive: zipfile.ZipFile) -> dict[str, ElementTree.Element]:
    """Every XML part of a DOCX/XLSX package, its relationships and its VML drawings
    too, parsed once."""
    trees = {}
    for part in sorted(archive.namelist()):
        if part.lower().endswith((".xml", ".rels")):
            trees[part] = ElementTree.fromstring(archive.read(part))
        elif part.lower().endswith(".vml"):
            trees[part] = _vml_tree(archive.read(part))
    return trees


# VML that is not well-formed XML (older Office writes bare <br>): its address
# attributes are read as written, into a tree of its own.
_VML_ADDRESS = re.compile(r"""\b((?:[\w-]+:)?(?:src|href|althref))\s*=\s*(?:"([^"]*)"|'([^']*)')""",
                          re.I)


def _vml_tree(data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        root = ElementTree.Element("vml")
        for match in _VML_ADDRESS.finditer(data.decode("utf-8", errors="replace")):
            ElementTree.SubElement(root, "imagedata",
                                   {match.group(1).split(":")[-1]: match.group(2) or match.group(3)})
        return root


def _local(name: str) -> str:
    """A tag or attribute name without its namespace (transitional or strict OOXML)."""
    return name.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class _Relationship:
    """One relationship of a package part: `kind` is the last word of its type
    (hyperlink, image, attachedTemplate…), `source` the part it belongs to."""

    source: str
    id: str
    kind: str
    target: str
    external: bool


# A target read as outside the package whatever its TargetMode says: a scheme (http:,
# file:, a drive letter) or a UNC or protocol-relative path.
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[\\/]{2}")


def _relationships(trees: dict[str, ElementTree.Element]) -> list[_Relationship]:
    found = []
    for part, tree in trees.items():
        if not part.endswith(".rels"):
            continue
        folder, name = posixpath.split(part)  # word/_rels, document.xml.rels
        source = posixpath.join(posixpath.dirname(folder), name[:-len(".rels")])
        for rel in tree:
            if _local(rel.tag) != "Relationship":
                continue
            target = rel.get("Target", "")
            found.append(_Relationship(
                source, rel.get("Id", ""), rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1],
                target, rel.get("TargetMode", "").lower() == "external"
                or bool(_ABSOLUTE.match(target))))
    return found


# Parts that run code, or bring what is outside the file in, when the file is opened.
_REFUSED_PARTS = (
    (re.compile(r"(^|/)(vbaProject\.bin|macrosheets/)", re.I), "macros"),
    (re.compile(r"(^|/)activeX/", re.I), "activex"),
    (re.compile(r"^xl/externalLinks/", re.I), "external_workbook"),
    (re.compile(r"^xl/connections\.xml$|(^|/)queryTables/", re.I), "connections"),
)
# Internal relationships to code or foreign content kept in the package, and what an
# outside target is, are named in messages.yml (attachment_reasons: refused_kinds,
# kind_names).
# Elements whose relationship is followed when the reader clicks: hyperlinks.
_CLICKED = {"hyperlink", "hlinkClick", "hlinkHover"}
# Files kept inside a package (OLE objects, a chart's workbook): Word and Excel files are
# read as attachments, the rest refused.
_EMBEDDINGS = re.compile(r"(^|/)embeddings/", re.I)
_EMBEDDED_KINDS = (".docx", ".xlsx")


def _package_outside(trees: dict[str, ElementTree.Element], names: list[str],
                     relationships: list[_Relationship]) -> None:
    """Refuses a DOCX/XLSX package that runs code or reaches outside the file when it
    is opened: macros, ActiveX and OLE objects, links to other workbooks, data
    connections, and every relationship to an outside target but a hyperlink, which
    the reader follows by clicking (and only used as a hyperlink)."""
    for part in names:
        for pattern, key in _REFUSED_PARTS:
            if pattern.search(part):
                raise Refused("file-refused", _why(key, part=part))
        if _EMBEDDINGS.search(part) and not part.lower().endswith(_EMBEDDED_KINDS):
            raise Refused("file-refused", _why("embedded_object", part=part))
    refused_kinds = _reasons()["refused_kinds"]
    hyperlinks = {}
    for rel in relationships:
        if rel.external and rel.kind == "hyperlink":
            hyperlinks[rel.source, rel.id] = rel.target
        elif rel.external:
            what = _reasons()["kind_names"].get(rel.kind) or _why("other_kind", kind=rel.kind)
            raise Refused("file-refused", _why("outside", what=what,
                                               target=_short(rel.target)))
        elif rel.kind in refused_kinds:
            raise Refused("file-refused", _why("refused_kind", what=refused_kinds[rel.kind],
                                               target=rel.target))
        elif rel.kind == "package" and not rel.target.lower().endswith(_EMBEDDED_KINDS):
            raise Refused("file-refused", _why("embedded_file", target=rel.target))
    for source in sorted({source for source, _ in hyperlinks}):
        for element in trees[source].iter() if source in trees else ():
            for key, value in element.attrib.items():
                if (source, value) in hyperlinks and key.startswith("{") \
                        and key[1:].split("}")[0].endswith("relationships") \
                        and _local(element.tag) not in _CLICKED:
                    raise Refused("file-refused", _why(
                        "hyperlink_used", url=_short(hyperlinks[source, value]),
                        tag=_local(element.tag)))


def _paragraph_addresses(paragraph: ElementTree.Element, part: str,
                         targets: dict[tuple[str, str], str]) -> list[str]:
    """The addresses a Word paragraph links to: its hyperlinks' relationships, its
    shapes' href, its HYPERLINK fields (a field's code read within the paragraph)."""
    out, code = [], ""
    for element in paragraph.iter():
        for value in element.attrib.values():
            out.append(targets.get((part, value), value))
        if element.tag == f"{_W}instrText":
            code += element.text or ""
        elif element.tag == f"{_W}fldSimple":
            code += " " + element.get(f"{_W}instr", "")
    out += [m.group(1) or m.group(2) for m in
            re.finditer(r'HYPERLINK\s+(?:"([^"]*)"|([^\s"\\]\S*))', code, re.I)]
    return [value.strip() for value in out]


def _package_links(relationships: list[_Relationship], links: list[Link]) -> None:
    """The targets of a package's hyperlink relationships (Word, Excel, a drawing's)."""
    links += [Link(1, rel.source.split("/")[-1], rel.target) for rel in relationships
              if rel.external and rel.kind == "hyperlink"]


# Attributes that hold an address in the markup itself, not by a relationship: VML's
# (v:imagedata src, o:href, v:fill src, v:shape href) and any other part's. A shape's
# href is a link the reader clicks; every other one is loaded when the file is opened.
_URL_ATTRIBUTES = {"src", "href", "althref"}
_CLICKED_VML = {"shape", "rect", "roundrect", "oval", "line", "polyline", "curve", "arc",
                "group", "textbox"}


def _url_attributes(trees: dict[str, ElementTree.Element], links: list[Link]) -> None:
    """Refuses an address in a part's markup that is loaded when the file is opened (a
    VML picture or fill, a UNC path that hands over the reader's Windows login); a
    shape's hyperlink goes to `links`."""
    for part, tree in trees.items():
        if part.endswith(".rels"):
            continue
        for element in tree.iter():
            for key, value in element.attrib.items():
                local = _local(key).lower()
                if local not in _URL_ATTRIBUTES or not _ABSOLUTE.match(value.strip()):
                    continue
                tag = _local(str(element.tag))
                if local == "href" and tag.lower() in _CLICKED_VML:
                    links.append(Link(1, part.split("/")[-1], value.strip()))
                else:
                    raise Refused("file-refused", _why("outside_shape", tag=tag, attribute=local,
                                                       target=_short(value.strip())))


def _embedded(archive: zipfile.ZipFile, nested: bool, links: list[Link]) -> list[Passage]:
    """The text of the Word and Excel files embedded in a package (the data of a
    chart), wherever they are kept, read and refused as attachments are, one level
    deep; what the package and they unpack to is held to one limit together."""
    passages, allowance = [], _LIMIT - _size(archive)
    for part in sorted(archive.namelist()):
        kind = posixpath.splitext(part.lower())[1]
        if kind not in _EMBEDDED_KINDS:
            continue
        if nested:
            raise Refused("file-refused", _why("nested_embedding", part=part))
        data = archive.read(part)
        found: list[Link] = []
        try:
            inner = {".docx": _docx, ".xlsx": _xlsx}[kind](data, nested=True,
                                                         allowance=allowance, links=found)
        except Refused as refused:
            code, detail = refused.args
            raise Refused(code, _why("in_embedded", part=part, detail=detail)) from None
        allowance -= _size(zipfile.ZipFile(io.BytesIO(data)))
        links += [Link(link.line, f"{part}!{link.where}", link.url) for link in found]
        passages += [Passage(p.line, f"{part}!{p.where}" if p.where else part, p.text)
                     for p in inner]
    return passages


def _package_parts(archive: zipfile.ZipFile, trees: dict[str, ElementTree.Element]) -> list[Passage]:
    """What else a reader who unpacks the package finds, beyond its XML parts: the
    names of its members (word/media/张三13812345678.png), every other member that is
    text (UTF-8 without a NUL byte: a note.txt added to the package), and the EXIF, XMP
    and GPS of every picture in it, as a photo attachment's are read (a photo pasted
    into Word keeps them). Embedded Word and Excel files are read by `_embedded`. Each
    member is read once: linear in the package's size, held to its limit."""
    names = sorted(archive.namelist())
    passages = [Passage(1, _places()["names"], _FIELDS.join(names))] if names else []
    for part in names:
        if part in trees or part.endswith("/") or part.lower().endswith(_EMBEDDED_KINDS):
            continue
        data = archive.read(part)
        if any(data.startswith(magic) for magics in IMAGE_KINDS.values() for magic in magics
               if magic != b"RIFF" or data[8:12] == b"WEBP"):
            try:
                passages += [Passage(p.line, f"{part}!{p.where}", p.text) for p in _image(data)]
            except Refused as refused:
                code, detail = refused.args
                raise Refused(code, f"{part}：{detail}") from None
            except Exception:  # noqa: BLE001 - a picture Pillow cannot open carries no text it reads
                continue
            continue
        if b"\0" in data:
            continue  # (binary: an OLE object is refused by `_package_outside`, fonts…)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        passages += [Passage(n, part, line) for n, line in enumerate(text.split("\n"), 1)
                     if line.strip()]
    return passages


# The ISO Strict form of Open XML names its parts' markup in these namespaces.
_STRICT = "{http://purl.oclc.org/ooxml/"


def _package(data: bytes, allowance: int, links: list[Link]):
    """An Office package's (archive, XML parts, relationships), its outside references
    refused and its relationships' links handed over: what Word and Excel files share."""
    archive = _unpacked(data, allowance)
    trees = _xml_parts(archive)
    if any(str(tree.tag).startswith(_STRICT) for tree in trees.values()):
        # Word's and Excel's 另存为 Strict Open XML: the readers below know the
        # transitional names only; read, its cells were empty and its paragraphs one
        # run of text, and an ID number in them passed check unseen
        raise Refused("attachment-strict-format",
                      ".xlsx" if any(name.startswith("xl/") for name in trees) else ".docx")
    relationships = _relationships(trees)
    _package_outside(trees, sorted(archive.namelist()), relationships)
    _package_links(relationships, links)
    return archive, trees, relationships


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, nested: bool = False, allowance: int = _LIMIT,
          links: list[Link] | None = None) -> list[Passage]:
    links = [] if links is None else links
    archive, trees, relationships = _package(data, allowance, links)
    _url_attributes(trees, links)
    _word_fields(trees, links)
    settings = trees.get("word/settings.xml")
    if settings is not None and any(_local(e.tag) == "mailMerge" for e in settings.iter()):
        raise Refused("file-refused", _why("mail_merge"))
    parts = [n for n in trees
             if n.startswith("word/") and "/_rels/" not in n
             and re.search(r"(document|header\d*|footer\d*|footnotes|endnotes|comments)"
                           r"\.xml$", n)]
    passages, number = [], 0
    # each hyperlink at its paragraph: (part, address) -> the places of the links there
    found_at: dict[tuple[str, str], list[int]] = {}
    for index, link in enumerate(links):
        found_at.setdefault((link.where, link.url), []).append(index)
    targets = {(rel.source, rel.id): rel.target for rel in relationships
               if rel.external and rel.kind == "hyperlink"}
    for part in parts:
        name = part.split("/")[-1]
        for paragraph in trees[part].iter(f"{_W}p"):
            number += 1
            if found_at:
                for url in _paragraph_addresses(paragraph, part, targets):
                    for index in found_at.pop((name, url), ()):
                        links[index] = Link(number, name, url)
            text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
            if text.strip():
                passages.append(Passage(number, part.split("/")[-1], text))
            # deleted text kept by track changes, field codes: in the file, not on the page
            hidden = " ".join(t.text or "" for t in paragraph.iter()
                              if t.tag in (f"{_W}delText", f"{_W}instrText"))
            if hidden.strip():
                passages.append(Passage(number, _places()["hidden_text"].format(
                    where=part.split("/")[-1]), hidden))
    return passages + _other_parts(trees, set(parts), _W) + _package_parts(archive, trees) \
        + _embedded(archive, nested, links)


# Word fields that read what is outside the file when the document is opened or its
# fields are updated. HYPERLINK is followed only when clicked: allowed, as hyperlinks are.
# What each does is said in messages.yml (attachment_reasons: fields).
_FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE",
                    "DDEAUTO", "DATABASE")


_HYPERLINK_FIELD = re.compile(r'\s*HYPERLINK\s+(?:"([^"]*)"|([^\s"\\]\S*))', re.I)


def _word_fields(trees: dict[str, ElementTree.Element], links: list[Link]) -> None:
    """Refuses a Word field that reads outside the file (`_FETCHING_FIELDS`), in any
    part, whatever the case of its name and however its code is split over runs; the
    address of a HYPERLINK field goes to `links`."""
    for part, tree in trees.items():
        for code in () if part.endswith(".rels") else _field_codes(tree):
            if code is _NESTED_NAME:
                raise Refused("file-refused", _why("nested_field_name"))
            name = re.match(r"\s*([A-Za-z]*)", code).group(1).upper()
            target = _HYPERLINK_FIELD.match(code) if name == "HYPERLINK" else None
            if target:
                links.append(Link(1, part.split("/")[-1], target.group(1) or target.group(2)))
            if name in _FETCHING_FIELDS:
                raise Refused("file-refused", _why("fetching_field", code=_short(code.strip()),
                                                   does=_reasons()["fields"][name]))


_NESTED_NAME = "\0"  # the code of a field whose name is the result of a field nested in it


def _field_codes(tree: ElementTree.Element):
    """The code of every field of a part as Word reads it: a simple field's instr, or
    the instrText runs between a complex field's begin and end (its name may be split
    over runs). A field nested in another's code is a code of its own."""
    open_codes: list[str] = []
    for element in tree.iter():
        local = _local(element.tag)
        if local == "fldSimple":
            yield next((v for k, v in element.attrib.items() if _local(k) == "instr"), "")
        elif local == "fldChar":
            kind = next((v for k, v in element.attrib.items() if _local(k) == "fldCharType"), "")
            if kind == "begin":
                if open_codes and not open_codes[-1].strip():
                    yield _NESTED_NAME
                open_codes.append("")
            elif kind == "end" and open_codes:
                yield open_codes.pop()
        elif local == "instrText" and open_codes:
            open_codes[-1] += element.text or ""
    yield from open_codes  # not ended


def _other_parts(trees: dict[str, ElementTree.Element], read: set[str],
                 namespace: str) -> list[Passage]:
    """Every text and attribute value of the package's other XML parts (document
    properties, comments, drawings, custom XML…) and the addresses of its hyperlinks,
    and of the parts read, what is not text of `namespace` (the author of a comment,
    alt text): what a reader of the file can find in it without seeing it on the page."""
    passages = []
    for part, tree in trees.items():
        if part.endswith(".rels"):
            values = [decode_url(rel.get("Target", "")) for rel in tree
                      if rel.get("TargetMode", "").lower() == "external"]
        else:
            values = []
            for element in tree.iter():
                if part not in read or not str(element.tag).startswith(namespace):
                    values += [element.text or "", element.tail or ""]
                values += [v for k, v in element.attrib.items() if not _STRUCTURAL.match(v)]
        # a document property is a field of its own: joined by a mark no number's groups
        # are split by, so a number at the end of one (description: 手机 1381 234 5678)
        # and the date starting the next (created: 2026-12-07…) read as no one run
        joiner = _FIELDS if part.startswith("docProps/") else " "
        text = joiner.join(v.strip() for v in values if v and v.strip())
        if text:  # (the properties as Word and Excel name them to their users)
            passages.append(Passage(1, _places()["properties"] if part.startswith("docProps/") else part,
                                    text))
    return passages


_FIELDS = "；"  # between metadata fields read as one text (privacy: no digit group's gap)


# Attribute values that are structure, not text (ids, numbers, styles, namespaces); nine
# digits or more alone are no width, count or id a package writes, but may be a phone or
# an ID number a person typed (a sheet named 13812345678, a link's tooltip): read.
_STRUCTURAL = re.compile(r"(?![0-9]{9,}$)"
                         r"(?:[0-9A-Fa-f]{0,16}|[A-Za-z][A-Za-z0-9_.:/#-]{0,63}|-?[0-9.]+[a-z%]*)$")


def _xlsx(data: bytes, nested: bool = False, allowance: int = _LIMIT,
          links: list[Link] | None = None) -> list[Passage]:
    from openpyxl import load_workbook

    links = [] if links is None else links
    archive, trees, relationships = _package(data, allowance, links)
    _sheet_hyperlink_rows(trees, relationships, links)
    _url_attributes(trees, links)
    _formulas(trees, relationships, links)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    passages = []
    for sheet in book.worksheets:
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            text = " , ".join("" if v is None else str(v) for v in row)
            if text.strip(" ,"):
                passages.append(Passage(number, sheet.title, text))
                rows.append((number, ["" if v is None else str(v) for v in row]))
        passages += context_cells(rows, sheet.title)
    book.close()
    passages += _formula_texts(trees, relationships)
    passages += _sheet_texts(trees, relationships)
    # comments, document properties, drawings, defined names: all but the cells read
    cells = {n for n in trees if re.match(r"xl/(worksheets/sheet\d+|sharedStrings)\.xml$", n)}
    return passages + [p for p in _other_parts(trees, set(), "\0") if p.where not in cells] \
        + _package_parts(archive, trees) + _embedded(archive, nested, links)


def _formula_texts(trees: dict[str, ElementTree.Element],
                   relationships: list[_Relationship]) -> list[Passage]:
    """What a cell's formula spells out of its text pieces: ="1381234"&"5678" or
    CONCATENATE("110105","199003071239") shows a number when Excel opens the file, while
    the value kept in the file (read above) may be nothing or anything."""
    sheets = _sheet_names(trees, relationships)
    out = []
    for part, title in sheets.items():
        cell = ""
        for element in trees[part].iter():
            local = _local(element.tag)
            if local == "c":
                cell = element.get("r", "")
            elif local == "f" and '"' in (element.text or ""):
                joined = _JOINED_PIECES.sub("", element.text)
                row = re.sub(r"^[A-Z]+", "", cell)
                out.append(Passage(int(row) if row.isdigit() else 1, title, joined))
    return out


def _sheet_texts(trees: dict[str, ElementTree.Element],
                 relationships: list[_Relationship]) -> list[Passage]:
    """What a worksheet holds besides its cells (read above): a validation rule's list of
    choices (the drop-down Excel offers in a cell: 13812345678,其他), the page header and
    footer printed on every page, a condition's formula, a hyperlink's tooltip. Each
    element under the sheet (not its cells, `sheetData`) is one text, at the first row
    of the cells it covers (sqref, ref), else row 1."""
    out = []
    for part, title in _sheet_names(trees, relationships).items():
        tree = trees.get(part)
        for child in tree if tree is not None else ():
            if _local(child.tag) == "sheetData":
                continue
            values, row = [], 1
            for element in child.iter():
                values += [element.text or ""]
                for key, value in element.attrib.items():
                    if _local(key) in ("sqref", "ref") and row == 1:
                        first = _FIRST_ROW.search(value)
                        row = int(first.group()) if first else 1
                    elif not _STRUCTURAL.match(value):
                        values.append(value)
            text = " ".join(v.strip() for v in values if v and v.strip())
            if text:
                out.append(Passage(row, title, text))
    return out


_FIRST_ROW = re.compile("[0-9]+")


# The seam between two text pieces a formula joins: "…"&"…" or "…","… (CONCATENATE).
_JOINED_PIECES = re.compile(r'"\s*[&,;]\s*"')


# Worksheet functions that fetch or call outside the workbook by themselves when it is
# opened or recalculated. HYPERLINK is followed only when clicked: allowed, as
# hyperlinks are. FILTERXML reads only its argument, but is refused with WEBSERVICE,
# whose answer it parses: an XML parser may load an outside definition.
# What each does is said in messages.yml (attachment_reasons: functions).
_FETCHING_FUNCTIONS = ("WEBSERVICE", "FILTERXML", "RTD", "IMAGE", "STOCKHISTORY", "CALL",
                       "REGISTER", "REGISTER.ID")
_FUNCTION = re.compile(r"(?<![\w.])(?:_xl[a-z]*\.)*(" + "|".join(
    re.escape(name) for name in sorted(_FETCHING_FUNCTIONS, key=len, reverse=True))
    + r")\s*\(", re.I)
_STRING = re.compile(r'"(?:[^"]|"")*"')
_QUOTED = re.compile(r"'(?:[^']|'')*'")
# [1]Sheet1!A1, '[1]My sheet'!A1, 'C:\dir\[book.xlsx]Sheet1'!A1, [1]!Name; not a table's
# column (Table1[Amount]), which no "!" follows.
_QUOTED_WORKBOOK = re.compile(r"'[^']*\[[^\]]*\][^']*'!")
_WORKBOOK = re.compile(r"\[[^\[\]]+\][^\s!(),\[\]'=<>&+\-*/^%;:{}]*!")
_FORMULA_ELEMENTS = {"f", "formula", "formula1", "formula2", "definedName"}


def _formulas(trees: dict[str, ElementTree.Element],
              relationships: list[_Relationship], links: list[Link]) -> None:
    """Refuses a formula (in a cell, a defined name, a condition, a validation rule, a
    chart) that fetches from the network, calls a program (RTD, DDE: cmd|'/c …'!A0)
    or reads another workbook."""
    sheets = _sheet_names(trees, relationships)
    for part, tree in trees.items():
        if not part.startswith("xl/") or part.endswith(".rels"):
            continue
        cell = ""
        for element in tree.iter():
            local = _local(element.tag)
            if local == "c":
                cell = element.get("r", "")
            if local not in _FORMULA_ELEMENTS or not (element.text or "").strip():
                continue
            found = _formula_outside(element.text)
            targets = _hyperlink_targets(element.text) if not found else []
            if targets:
                row = re.sub(r"^[A-Z]+", "", cell) if local == "f" else ""
                links += [Link(int(row) if row.isdigit() else 1, sheets.get(part, part), t)
                          for t in targets]
            if not found and targets is not None:
                continue
            if local == "definedName":
                place = _why("formula_in_name", name=element.get("name", ""))
            elif local == "f" and part in sheets:
                place = _why("formula_in_cell", sheet=sheets[part], cell=cell)
            else:
                place = f"{part} "
            formula = _short(element.text.strip())
            if not found:
                raise Refused("file-refused", _why("formula_computed_link", place=place,
                                                   formula=formula))
            raise Refused("file-refused", _why("formula_runs", place=place, formula=formula,
                                               found=found))


_HYPERLINK_CALL = re.compile(r"(?<![\w.])(?:_xl[a-z]*\.)*HYPERLINK\s*\(\s*", re.I)


def _hyperlink_targets(formula: str) -> list[str] | None:
    """The addresses of the HYPERLINKs in a formula, each written as one string; None
    when one is computed (from a cell, joined with &): then no one can say where it
    goes before a reader clicks."""
    if "hyperlink" not in formula.lower():
        return []
    blank = _STRING.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', formula)
    targets = []
    for call in _HYPERLINK_CALL.finditer(blank):
        literal = _STRING.match(formula, call.end())
        if literal is None or blank[literal.end():literal.end() + 64].lstrip()[:1] \
                not in (",", ")"):
            return None
        targets.append(literal.group()[1:-1].replace('""', '"').strip())
    return targets


def _sheet_hyperlink_rows(trees: dict[str, ElementTree.Element],
                          relationships: list[_Relationship], links: list[Link]) -> None:
    """A worksheet's hyperlinks at their rows, with the sheet's name (<hyperlink ref="B3"
    r:id="…"> in the sheet, the address in its relationships)."""
    sheets = _sheet_names(trees, relationships)
    targets = {(rel.source, rel.id): rel.target for rel in relationships
               if rel.external and rel.kind == "hyperlink"}
    places: dict[tuple[str, str], tuple[int, str]] = {}
    for part, name in sheets.items():
        for element in trees[part].iter() if part in trees else ():
            if _local(str(element.tag)) != "hyperlink":
                continue
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            row = re.sub(r"^[A-Za-z$]+|[:$].*$", "", element.get("ref", ""))
            if (part, rid) in targets:
                places.setdefault((part.split("/")[-1], targets[part, rid]),
                                  (int(row) if row.isdigit() else 1, name))
    for index, link in enumerate(links):
        if (link.where, link.url) in places:
            row, name = places[link.where, link.url]
            links[index] = Link(row, name, link.url)


def _formula_outside(formula: str) -> str:
    """What a formula reaches outside the workbook, '' when nothing."""
    code = _STRING.sub('""', formula)
    if _QUOTED_WORKBOOK.search(code):
        return _why("formula_other_workbook")
    code = _QUOTED.sub("''", code)
    found = _FUNCTION.search(code)
    if found:
        name = found.group(1).upper()
        return _why("formula_function", name=name, does=_reasons()["functions"][name])
    if _WORKBOOK.search(code):
        return _why("formula_other_workbook")
    if re.search(r"[\w.]\|", code):
        return _why("formula_dde")
    return ""


def _sheet_names(trees: dict[str, ElementTree.Element],
                 relationships: list[_Relationship]) -> dict[str, str]:
    """The sheet name of each worksheet part, for messages staff can act on."""
    targets = {rel.id: posixpath.normpath(posixpath.join("xl", rel.target)).lstrip("/")
               if not rel.target.startswith("/") else rel.target.lstrip("/")
               for rel in relationships if rel.source == "xl/workbook.xml"}
    book = trees.get("xl/workbook.xml")
    names = {}
    for sheet in book.iter() if book is not None else ():
        if _local(sheet.tag) == "sheet":
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
            if rid in targets:
                names[targets[rid]] = sheet.get("name", "")
    return names


# -- who made the file: the authors a document or a photo records ----------------------

# Names a program or a computer gives when no one typed one (Word's, WPS's, a ghost
# Windows install's, the libraries the tests write files with): no person.
_NO_ONE = frozenset({
    "administrator", "admin", "user", "users", "owner", "guest", "author", "unknown", "pc",
    "microsoft office user", "microsoft office 用户", "微软用户", "微软中国", "windows 用户",
    "windows user", "用户", "作者", "未知", "lenovo", "dell", "hp", "asus", "acer", "thinkpad",
    "python-docx", "openpyxl", "libreoffice", "wps office", "wps", "writer", "calc",
    "ylmf", "雨林木风", "番茄花园", "深度", "deepin", "mc system", "china", "微软"})
# A value naming an organ (本单位 as the author: 县纪委办公室, 演示县监察委员会): no person.
# Read at the end of the value, as below: a name after the organ (县纪委张三, 街道李四) is
# a person's.
_ORGAN = re.compile("(?:纪委|监委|纪律检查|监察|委员会|政府|办公室|办公厅|党委|党组|人大|政协|"
                    "[县市区省镇乡局厅部处科室所站院队中心司]|街道|单位|公司|集团|学校|医院)$")
# ... or an organ that ends in a word no name ends in: a group sent to inspect or
# supervise (纪检组, 督查组, 巡察组, 工作组, 领导小组, 专班), a working committee (纪工委,
# 党工委, 政法委, 村委), an office (信访办, 综治办), a council or federation (村委会,
# 工会, 妇联), or its head (纪检组长). Read at the end of the value: a name after the
# organ (督查组王强) is still a person's.
_ORGAN_END = re.compile(
    "(?:(?:纪检|监察|巡察|巡视|督查|督察|督导|检查|考核|调查|专案|核查|调研|工作|审计|指导|"
    "联络|暗访|验收|评估|领导小)组|专班|(?:工|法|团|编|农|教|健|改|管|村|居|建|经信)委|办|"
    "(?:委|工|协|商|学|事)会|(?:妇|侨|文|残|商|科)联)长?$")
# Where an OOXML package records who wrote or changed it: the core properties (作者,
# 最后修改者), the app properties' 经理, and every part's author of a comment or a tracked
# change (w:author, the people part, a sheet's comment authors and revision users).
_AUTHOR_ELEMENTS = {"docProps/core.xml": {"creator", "lastModifiedBy"},
                    "docProps/app.xml": {"Manager"}}
_AUTHOR_ATTRIBUTES = {"author", "userName", "displayName"}
_EXIF_AUTHORS = (0x013B, 0x9C9D)  # Artist, XPAuthor (UTF-16)
_EXIF_COPYRIGHT = 0x8298
# The words of a copyright notice, its years and numbers and marks: what is left names
# who holds the rights ("Copyright 2026 演示县纪委" an organ, "© 张三 13812345678" a
# person, whose number the text scan reads). One pass: linear.
_RIGHTS_WORDS = re.compile(
    r"copyright|all\s+rights\s+reserved|rights\s+reserved|\(c\)|[©®℗]|版权所有|版权归|版权|"
    r"保留所有权利|保留一切权利|[+0-9]+|[-‐-―~,.:;()\[\]/，。：；（）、·]", re.I)


def rights_holder(value: str) -> str:
    """Who a copyright notice (EXIF Copyright, XMP dc:rights) names, its words, years,
    numbers and marks taken out: "" when it names no one."""
    return " ".join(_RIGHTS_WORDS.sub(" ", normalise(value)).split())


def author_problems(name: str, data: bytes, at: Location,
                    properties: bool = True) -> list[Problem]:
    """attachment-author for each person `authors` finds in a file (the name shown
    by its first character only: the message goes to logs)."""
    try:
        found = authors(name, data, properties)
    except Exception:  # noqa: BLE001 - unreadable: said by the reading of its text
        return []
    return [problem("attachment-author", at, place=where, value=value[:1] + "…")
            for where, value in found]


def _author_place(part: str) -> str:
    """Where a package part's author is, as Word and Excel name it to their users."""
    if part.startswith("docProps/"):
        return _places()["properties"]
    return _places()["comment" if "comment" in part.lower() or "person" in part.lower()
                     else "revision"]


def _is_person(value: str) -> bool:
    value = " ".join(normalise(value).split())
    # an organ's name as Word keeps it: spaced out (办 公 室), in traditional characters
    # (紀檢組, 辦公室)
    organ = simplified("".join(value.split()))
    return bool(value) and value.lower() not in _NO_ONE and not _ORGAN.search(organ) \
        and not _ORGAN_END.search(organ)


def authors(name: str, data: bytes, properties: bool = True) -> list[tuple[str, str]]:
    """(where, value) of each person a file names as its author or as one who changed
    it: the document properties of a DOCX, XLSX or PDF, the authors of its comments and
    tracked changes, a photo's EXIF artist, an SVG's creator. A clerk's name is not what the site
    publishes, and no text scan finds a name. `properties=False`: not the core
    properties, nor a PDF's (the document writer sets them in the 公文 it makes from a
    template, to the notice's 发文机关)."""
    kind = posixpath.splitext(name.lower())[1]
    found: list[tuple[str, str]] = []
    if kind in (".docx", ".xlsx"):
        archive = _unpacked(data)
        for part in sorted(archive.namelist()):
            if not part.lower().endswith(".xml"):
                continue
            elements = _AUTHOR_ELEMENTS.get(part, set()) if properties or \
                part != "docProps/core.xml" else set()
            for element in ElementTree.fromstring(archive.read(part)).iter():
                tag = _local(element.tag)
                if tag in elements or tag == "author" and part.startswith("xl/"):
                    found.append((_author_place(part), element.text or ""))
                found += [(_author_place(part), v) for k, v in element.attrib.items()
                          if _local(k) in _AUTHOR_ATTRIBUTES]
    elif kind == ".svg":  # a drawing's Dublin Core metadata (Inkscape's 作者, 贡献者)
        for element in ElementTree.fromstring(data).iter():
            if _local(str(element.tag)) in ("creator", "contributor", "publisher"):
                found.append((_places()["image"], " ".join("".join(element.itertext()).split())))
    elif kind == ".pdf" and properties:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        found += [(_places()["properties"], str(v)) for k, v in (reader.metadata or {}).items()
                  if k == "/Author"]
        packet = _pdf_xmp(reader)
        found += [(_places()["properties"], v) for v in xmp_authors(packet)]
        found += [(_places()["properties"], rights_holder(v))
                  for v in xmp_authors(packet, _XMP_RIGHTS)]
    elif kind in IMAGE_KINDS:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            found += [(_places()["image"], _readable(exif.get(tag))) for tag in _EXIF_AUTHORS
                      if exif.get(tag)]
            if exif.get(_EXIF_COPYRIGHT):
                found.append((_places()["image"],
                              rights_holder(_readable(exif.get(_EXIF_COPYRIGHT)))))
            found += [(_places()["image"], v) for k, v in image.info.items()
                      if k.lower() == "author" and isinstance(v, str)]
            found += [(_places()["image"], v) for k, packet in image.info.items()
                      if k in ("xmp", "XML:com.adobe.xmp") for v in xmp_authors(packet)]
            found += [(_places()["image"], rights_holder(v)) for k, packet in image.info.items()
                      if k in ("xmp", "XML:com.adobe.xmp")
                      for v in xmp_authors(packet, _XMP_RIGHTS)]
    return sorted({(where, value.strip()) for where, value in found if _is_person(value)})
