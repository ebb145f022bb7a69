"""Static files and attachments copied from `content/` to the site: read, or refused.

Every file the engine copies as it is must be a known kind whose text is scanned like
any record (PDF, DOCX, XLSX, CSV, TSV, TXT, VCF), an image, a plain SVG drawing, or our
own stylesheet or script under `content/assets/`. SVG with script, event handlers,
foreign objects or outside references, and XML/XHTML/HTML (which run script on the
site's origin) are refused, as is every kind not listed here.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from generator import privacy
from generator.normalise import normalise
from generator.problems import Location, Problem, problem

TEXT_KINDS = {".csv", ".tsv", ".txt", ".vcf"}
DOCUMENT_KINDS = {".pdf", ".docx", ".xlsx"}
IMAGE_KINDS = {".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".ico": (b"\x00\x00\x01\x00",)}
REFUSED_KINDS = {".xml", ".xhtml", ".xht", ".html", ".htm", ".shtml", ".xsl", ".xslt", ".mht",
                 ".mhtml", ".swf", ".jar", ".exe", ".js", ".mjs", ".css", ".docm", ".xlsm",
                 ".svgz"}
# Our own front-end, copied as it is: checked in by hand, scripts listed in mkdocs.yml.
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
    or part it is in ('' for plain text)."""

    line: int
    where: str
    text: str


def extract_text(name: str, data: bytes) -> list[Passage]:
    """The text of an attachment, by its kind (the file name's extension).

    PDF: one passage per page (line = page number); DOCX: one per paragraph of the
    body, headers, footers, notes and comments (line = paragraph number); XLSX: one
    per row (line = row number, where = sheet); CSV/TSV/TXT/VCF: one per line (UTF-8
    or GB18030). SVG is checked for active content and its text returned.
    Raises `Refused(code, detail)` for XML/XHTML/HTML, SVG with script or outside
    references, unreadable or macro-carrying documents and every unknown kind.

        >>> extract_text("名单.txt", "张三 13812345678".encode())
        [Passage(line=1, where='', text='张三 13812345678')]
    """
    kind = posixpath.splitext(name.lower())[1]
    if kind in TEXT_KINDS:
        return [Passage(n, "", line) for n, line in enumerate(_decode(data).split("\n"), 1)
                if line.strip()]
    if kind == ".svg":
        return _svg(data)
    if kind in IMAGE_KINDS:
        if not data.startswith(IMAGE_KINDS[kind]):
            raise Refused("file-refused", f"内容不是 {kind[1:].upper()} 图片")
        try:
            return _image(data)
        except Refused:
            raise
        except Exception as err:  # noqa: BLE001 - any damage in a third-party format
            raise Refused("attachment-unreadable", type(err).__name__) from None
    if kind in REFUSED_KINDS:
        raise Refused("file-refused", f"{kind} 文件可在本站运行脚本")
    if kind not in DOCUMENT_KINDS:
        raise Refused("file-refused", f"{kind or '无扩展名'} 文件")
    try:
        return {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx}[kind](data)
    except Refused:
        raise
    except Exception as err:  # noqa: BLE001 - any damage in a third-party format
        raise Refused("attachment-unreadable", type(err).__name__) from None


def check_file(root: Path, rel: str, scanner: privacy.Scanner,
               redacted: privacy.Names | None = None) -> list[Problem]:
    """Problems of one file under content/: refused kinds, personal data and redacted
    names in its text, each at its line (row, page) and, for sheets, with the sheet."""
    if rel.startswith(OWN_ASSETS) and (rel.lower().endswith((".css", ".js")) or
                                       posixpath.basename(rel).upper() in _NOTICES):
        return []
    try:
        passages = extract_text(rel, (root / rel).read_bytes())
    except Refused as refused:
        code, detail = refused.args
        return [problem(code, Location(rel, 1), value=detail)]
    out = []
    for passage in passages:
        at = Location(rel, passage.line)
        field = passage.where or "附件"
        out += scanner.problems(passage.text, field, at)
        for name in redacted.found(passage.text) if redacted else ():
            out.append(problem("redacted-name-shown", at, field=field, name=name,
                               first=str(redacted.first[name])))
    return out


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise Refused("attachment-unreadable", "编码不是 UTF-8 或 GB18030")


def _svg(data: bytes) -> list[Passage]:
    text = _decode(data)
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        raise Refused("svg-active-content", "DOCTYPE/ENTITY")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as err:
        raise Refused("attachment-unreadable", str(err)[:40]) from None
    passages = []
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_ACTIVE:
            raise Refused("svg-active-content", f"<{tag}>")
        for key, value in element.attrib.items():
            local = key.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href" or "url(" in value.lower() \
                    or "script:" in normalise(value).lower().replace(" ", ""):
                raise Refused("svg-active-content", f"{local}=")
        if element.text and element.text.strip():
            passages.append(Passage(1, "", element.text))
    return passages


def _image(data: bytes) -> list[Passage]:
    """What a photo carries besides its pixels: EXIF text (description, author,
    comment), XMP and PNG text chunks. A photo that records where it was taken (GPS)
    is refused: a whistle-blower's or a clerk's whereabouts."""
    from PIL import ExifTags, Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            raise Refused("file-refused", "图片中记有拍摄地点（GPS），请截图或另存去除后再发布")
        values = [exif.get(tag) for tag in exif]
        values += [v for ifd in (ExifTags.IFD.Exif,) for v in exif.get_ifd(ifd).values()]
        values += [v for k, v in image.info.items()
                   if isinstance(v, str) or k in ("xmp", "comment", "XML:com.adobe.xmp")]
    text = " ".join(_readable(v) for v in values)
    return [Passage(1, "图片信息", text)] if text.strip() else []


def _readable(value) -> str:
    """A metadata value as text: strings as they are, bytes (XMP, EXIF UserComment)
    decoded where they can be, numbers and tuples left out."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        for encoding in ("utf-8", "utf-16"):
            try:
                return value.decode(encoding).replace("\0", "")
            except UnicodeDecodeError:
                continue
        return value.decode("latin-1").replace("\0", "")
    return ""


def _pdf(data: bytes) -> list[Passage]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if _pdf_active(reader):
        raise Refused("file-refused", "PDF 中含有脚本或启动动作")
    root = reader.trailer["/Root"]
    # An /OpenAction that is a destination (a page to open at, as LibreOffice and Word
    # write) runs nothing; one that is an action dictionary may.
    opens = root.get("/OpenAction")
    action = opens is not None and not isinstance(opens.get_object(), list)
    if action or "/AA" in root or "/JavaScript" in (root.get("/Names") or {}):
        raise Refused("file-refused", "PDF 中含有脚本或启动动作")
    if "/EmbeddedFiles" in (root.get("/Names") or {}) or \
            _pdf_active(reader, keys={"/EF"}, kinds={"/EmbeddedFile"}):
        raise Refused("file-refused", "PDF 中嵌有其他文件")
    passages = [Passage(number, "", page.extract_text() or "")
                for number, page in enumerate(reader.pages, start=1)]
    # what a reader of the file finds besides the pages: its properties, the notes and
    # form fields on each page, the bookmarks
    info = " ".join(str(v) for v in (reader.metadata or {}).values())
    if info.strip():
        passages.append(Passage(1, "文档属性", info))
    for number, page in enumerate(reader.pages, start=1):
        notes = []
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            notes += [str(annotation.get(k) or "") for k in ("/Contents", "/T", "/V", "/TU")]
        if " ".join(notes).strip():
            passages.append(Passage(number, "批注", " ".join(notes)))
    titles = []
    pending = list(reader.outline)
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending += item
        elif hasattr(item, "title"):
            titles.append(str(item.title or ""))
    if " ".join(titles).strip():
        passages.append(Passage(1, "书签", " ".join(titles)))
    return passages


_PDF_ACTIVE = {"/JS", "/JavaScript", "/Launch"}


def _pdf_active(reader, keys=_PDF_ACTIVE, kinds=_PDF_ACTIVE) -> bool:
    """Whether any object of the PDF, in object streams too, is or names a script or
    launch action (holds one of `keys`, or is of a type `kinds`: an embedded file).
    Objects are read, not bytes: "/JS" occurs by chance in compressed font and page
    data (a LibreOffice PDF in about one of twenty)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    numbers = {(number, generation) for generation, objects in reader.xref.items()
               for number in objects}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    pending = [reader.get_object(IndirectObject(n, g, reader)) for n, g in sorted(numbers)]
    while pending:
        value = pending.pop()
        if isinstance(value, DictionaryObject):
            if keys & set(value) or value.get("/S") in kinds or value.get("/Type") in kinds:
                return True
            pending += [v for v in value.values() if not isinstance(v, IndirectObject)]
        elif isinstance(value, ArrayObject):
            pending += [v for v in value if not isinstance(v, IndirectObject)]
    return False


def _unpacked(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > _LIMIT:
        raise Refused("file-refused", "解压后过大")
    if any(info.filename.lower().endswith("vbaproject.bin") for info in archive.infolist()):
        raise Refused("file-refused", "含有宏")
    return archive


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes) -> list[Passage]:
    archive = _unpacked(data)
    parts = sorted(n for n in archive.namelist()
                   if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n
                   and re.search(r"(document|header\d*|footer\d*|footnotes|endnotes|comments)"
                                 r"\.xml$", n))
    passages, number = [], 0
    for part in parts:
        tree = ElementTree.fromstring(archive.read(part))
        for paragraph in tree.iter(f"{_W}p"):
            number += 1
            text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
            if text.strip():
                passages.append(Passage(number, part.split("/")[-1], text))
            # deleted text kept by track changes, field codes: in the file, not on the page
            hidden = " ".join(t.text or "" for t in paragraph.iter()
                              if t.tag in (f"{_W}delText", f"{_W}instrText"))
            if hidden.strip():
                passages.append(Passage(number, part.split("/")[-1] + "（修订或域代码）", hidden))
    return passages + _other_parts(archive, set(parts), _W)


def _other_parts(archive: zipfile.ZipFile, read: set[str], namespace: str) -> list[Passage]:
    """Every text and attribute value of the package's other XML parts (document
    properties, comments, drawings, custom XML…), and of the parts read, what is not
    text of `namespace` (the author of a comment, alt text): what a reader of the file
    can find in it without seeing it on the page."""
    passages = []
    for part in sorted(archive.namelist()):
        if not part.endswith((".xml", ".rels")) or part.endswith(".rels"):
            continue
        tree = ElementTree.fromstring(archive.read(part))
        values = []
        for element in tree.iter():
            if part not in read or not str(element.tag).startswith(namespace):
                values += [element.text or "", element.tail or ""]
            values += [v for k, v in element.attrib.items() if not _STRUCTURAL.match(v)]
        text = " ".join(v.strip() for v in values if v and v.strip())
        if text:
            passages.append(Passage(1, part, text))
    return passages


# Attribute values that are structure, not text (ids, numbers, styles, namespaces).
_STRUCTURAL = re.compile(r"[0-9A-Fa-f]{0,16}$|[A-Za-z][A-Za-z0-9_.:/#-]{0,63}$|-?[0-9.]+[a-z%]*$")


def _xlsx(data: bytes) -> list[Passage]:
    from openpyxl import load_workbook

    archive = _unpacked(data)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    passages = []
    for sheet in book.worksheets:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            text = " , ".join("" if v is None else str(v) for v in row)
            if text.strip(" ,"):
                passages.append(Passage(number, sheet.title, text))
    book.close()
    # comments, document properties, drawings, defined names: all but the cells read
    cells = {n for n in archive.namelist()
             if re.match(r"xl/(worksheets/sheet\d+|sharedStrings)\.xml$", n)}
    return passages + [p for p in _other_parts(archive, set(), "\0") if p.where not in cells]
