"""A `Document` as a Word file (.docx), through the county's template.

The template (`site_config/document-template.docx`) carries the page (A4, GB/T 9704
margins and grid), the 版头 and the named styles; staff restyle it in Word or WPS. This
module only fills its placeholders and adds the notice's parts with those styles, so
whatever the county changes in the template shows in every document.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from generator.document import Document, Heading, Paragraph, Table
from generator.load import STYLE_FOLDER as STYLE_ARCHIVE, STYLE_SUFFIXES
from generator.problems import Location, Problem, problem

TEMPLATE = "site_config/document-template.docx"
# STYLE_ARCHIVE: copies of the templates and font rules issued notices were made with, kept
# when the county restyles its documents: an issued 公文 is laid out with the ones it froze
# at issue (front matter `document_style`), found there by their SHA-256, whatever the
# file is named.
LINE = 579  # one line of the 22-line text block, in twips (225 mm / 22)
# the longest paragraph kept with the table it leads into: three lines of 28 characters
# (a longer one moved whole would leave a page short of as many lines)
_LEAD_IN = 3 * 28
TEXT_WIDTH = 8844  # the 156 mm text block, in twips
STYLES = {
    "mark": "发文机关标志", "number": "发文字号", "title": "公文标题", "to": "主送机关",
    "body": "公文正文", 1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题",
    "attachment": "附件说明", "signature": "发文机关署名", "date": "成文日期",
    "table_caption": "表格标题", "table": "表格文字", "record": "版记", "page": "页码",
}
PLACEHOLDERS = {"mark": "{{发文机关标志}}", "number": "{{发文字号}}", "body": "{{正文}}"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class StyleMissing(Exception):
    """An issued notice's frozen template or font rules are in no file the project keeps:
    `args` = (kind, its digest)."""


CORE_PROPERTY = 255  # characters a Word core property may hold (python-docx)

def current_style(root: Path) -> dict[str, str]:
    """What `notice freeze` records of the documents' look as it is now: the SHA-256 of
    the template and of the PDF's font rules (when the project has them)."""
    from generator.notices import file_digest
    from generator.pdf import FONTS

    out = {"template": file_digest(Path(root) / TEMPLATE)}
    if (Path(root) / FONTS).is_file():
        out["fonts"] = file_digest(Path(root) / FONTS)
    return out


def kept_styles(root: Path) -> dict[str, Path]:
    """SHA-256 -> file, of the template and font rules in use and of every copy kept under
    STYLE_ARCHIVE (a .docx template or a fonts .conf)."""
    from generator.notices import file_digest
    from generator.pdf import FONTS

    root = Path(root)
    archive = root / STYLE_ARCHIVE
    paths = [root / TEMPLATE, root / FONTS] + (sorted(
        p for p in archive.iterdir() if p.is_file() and not p.is_symlink()
        and p.name.lower().endswith(STYLE_SUFFIXES) and not p.name.startswith((".", "~$")))
        if archive.is_dir() else [])
    return {file_digest(p): p for p in paths if p.is_file()}


def style_of(notice, root: Path, kept: dict[str, Path]) -> tuple[Path, Path | None]:
    """(template, font rules) a notice's document is made with: those it froze at issue
    (`document_style`), else the ones in use (a draft, or a notice issued before the look
    was frozen: check says so). StyleMissing when a frozen one is kept nowhere."""
    from generator.pdf import FONTS

    root = Path(root)
    frozen = notice.get("document_style") or {}
    fonts_now = root / FONTS
    chosen = {"template": root / TEMPLATE, "fonts": fonts_now if fonts_now.is_file() else None}
    for kind in ("template", "fonts"):
        digest = frozen.get(kind) if hasattr(frozen, "get") else None
        if digest:
            if digest not in kept:
                raise StyleMissing(kind, digest)
            chosen[kind] = kept[digest]
    return chosen["template"], chosen["fonts"]


def check_template(root: Path, scanner=None, hosts=None) -> list[Problem]:
    """What the generator needs in the template: it opens, has the styles and {{正文}};
    and the same of every template kept in site_config/document-styles/ (an issued
    notice is laid out with the one it froze, found there). With `scanner` (check),
    what a template holds besides {{…}} (its page footer, a field, a link) is read as
    an attachment is (attachments.check_file): every 公文 made from it publishes it."""
    root = Path(root)
    if not (root / TEMPLATE).exists():
        return [problem("missing-file", Location(TEMPLATE, 0), expected=TEMPLATE)]
    from generator.load import staff_file

    unreadable = staff_file(root, TEMPLATE)[1]  # a named pipe is never opened by python-docx
    archive = root / STYLE_ARCHIVE
    # every kept template but a folder or a link (refused where the files are listed): a
    # named pipe among them is said, never opened and never passed over
    kept = sorted(p.name for p in archive.iterdir() if not p.is_symlink() and not p.is_dir()
                  and p.name.lower().endswith(STYLE_SUFFIXES)
                  and not p.name.startswith((".", "~$"))) if archive.is_dir() else []
    out = [unreadable] if unreadable else _template_problems(root, TEMPLATE, scanner, hosts)
    for name in kept:
        unreadable = staff_file(root, f"{STYLE_ARCHIVE}/{name}")[1]
        if unreadable:
            out.append(unreadable)
        elif name.lower().endswith(".docx"):
            out += _template_problems(root, f"{STYLE_ARCHIVE}/{name}", scanner, hosts)
    return out


def _template_problems(root: Path, rel: str, scanner=None, hosts=None) -> list[Problem]:
    import docx

    where = Location(rel, 0)
    path = root / rel
    if _strict_document(path):
        # Word's 另存为“Strict Open XML 文档”: python-docx reads the transitional names only
        # and stopped with an AttributeError on its styles
        return [problem("document-template-strict-format", where, path=rel)]
    try:
        template = docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds for a damaged file
        return [problem("document-template-unreadable", where, reason=type(err).__name__)]
    names = {s.name for s in template.styles}
    out = [problem("document-template-style", where, value=name)
           for name in STYLES.values() if name not in names]
    texts = [p.text for p in template.paragraphs]
    if not any(PLACEHOLDERS["body"] in t for t in texts):
        out.append(problem("document-template-placeholder", where, value=PLACEHOLDERS["body"]))
    # every 公文 made from it keeps its comments' and tracked changes' authors and its
    # 经理 (the writer sets the author and the last editor: those are not read)
    from generator.attachments import author_problems, check_file

    if scanner is not None:
        return out + check_file(root, rel, scanner, hosts=hosts, properties=False)
    return out + author_problems(rel, path.read_bytes(), Location(rel, 1), properties=False)


def _strict_document(path: Path) -> bool:
    """Whether a .docx is in the ISO Strict form of Open XML (its main part in the
    purl.oclc.org namespaces); False for a file that is no package (said otherwise)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            parts = [n for n in ("word/document.xml", "word/styles.xml") if n in names]
            return any(b"purl.oclc.org/ooxml/wordprocessingml" in archive.open(n).read(4096)
                       for n in parts)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return False


def write(document: Document, template: Path, record_apart: bool = False) -> bytes:
    """The .docx bytes of one document; the same input gives the same bytes. `record_apart`:
    the 版记 on a page of its own after the 成文日期's (see `_Writer.record`)."""
    import docx

    doc = docx.Document(str(template))
    _western_digits(doc)
    _no_widows(doc)
    for paragraph in _all_paragraphs(doc):
        text = paragraph.text
        if PLACEHOLDERS["mark"] in text:
            _fill(paragraph, text.replace(PLACEHOLDERS["mark"], "\n".join(document.issuers)))
        elif PLACEHOLDERS["number"] in text:
            _fill(paragraph, text.replace(PLACEHOLDERS["number"], document.doc_number))
    marker = next(p for p in doc.paragraphs if PLACEHOLDERS["body"] in p.text)
    _Writer(doc, marker).document(document, record_apart)
    _shrink(marker)
    if document.mark:
        _mark_unissued(doc, document.mark)
    core = doc.core_properties
    # a document property holds 255 characters (python-docx raises past them: a notice
    # titled longer stopped check and the build with a traceback); the text prints whole
    core.title = document.title[:CORE_PROPERTY]
    core.author = core.last_modified_by = "　".join(document.issuers)[:CORE_PROPERTY]
    core.subject = document.doc_number[:CORE_PROPERTY]
    core.comments = document.mark[:CORE_PROPERTY] if document.mark else document.mark
    core.keywords = ""
    core.revision = 1
    day = document.dated
    core.created = core.modified = dt.datetime(day.year, day.month, day.day)
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())


def _western_digits(doc) -> None:
    """Digits and Latin text are set in a Western language: LibreOffice breaks a number
    that a template marks zh-CN for Western text between its digits (2026年 set 20|26年;
    GB/T 15835: a number stays on one line). Each paragraph style says so, Chinese text
    zh-CN; the document's default stays the template's (the PDF's /Lang, zh-CN)."""
    from docx.oxml.ns import qn

    from docx.oxml import OxmlElement

    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            put(rpr, lang, _RPR_ORDER)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")


# The styles of text that runs over lines: the body, its headings and the 附件说明.
_FLOWING = ("to", "body", 1, 2, 3, 4, "attachment")


def _no_widows(doc) -> None:
    """No paragraph leaves its last line alone at the top of a page, nor its first alone at
    the foot of one (widow and orphan control: two lines at least on each side), whatever
    the template says: a page then holds 21 lines, as GB/T 9704 5.2.2 allows (一般每面排
    22行). The only single line that opens a page is the one `document.keep_last_line`
    sends on to stand with the 署名 (a paragraph of its own)."""
    for key in _FLOWING:
        doc.styles[STYLES[key]].paragraph_format.widow_control = True


def _mark_unissued(doc, mark: str) -> None:
    """A document not yet issued says so once at the head of every page (first, odd and
    even), above the 版头 on page 1. Only the page headers carry it: a paragraph of its own
    above the 版头 printed it twice on page 1 and pushed every line down, so the draft a
    leader reads and signs broke its pages elsewhere than the issued document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in doc.sections:
        for header in (section.header, section.even_page_header, section.first_page_header):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(mark).bold = True


def deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed member times: python-docx stamps the clock."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _shrink(paragraph) -> None:
    """The {{正文}} paragraph becomes an empty 1 pt line: Word wants a paragraph, not a
    table, to end the document, and a full line could push a blank page out."""
    from docx.shared import Pt

    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.first_line_indent = Pt(0)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    put(paragraph._p.get_or_add_pPr(), mark, _PPR_ORDER)


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _fill(paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the look of its first run (Word may have split
    a placeholder over several runs). "\n" becomes a line break."""
    runs = paragraph.runs
    keep = copy.deepcopy(runs[0]._r.rPr) if runs and runs[0]._r.rPr is not None else None
    for run in runs:
        run._r.getparent().remove(run._r)
    run = paragraph.add_run()
    if keep is not None:
        run._r.insert(0, keep)
    for number, line in enumerate(text.split("\n")):
        if number:
            run.add_break()
        run.add_text(line)


def _width(text: str) -> float:
    """Width in characters of the body font: Han and full-width 1, Latin and digits 0.5."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


_OPENING, _CLOSING = "“‘《（〔【(", "”’》）〕】)、，。：；！？,.:;!?"
_TOKENIZER = None  # jieba's, made on first use


def title_lines(title: str, capacity: int) -> list[str]:
    """A long 标题 in lines (GB/T 9704 7.3.1): words kept whole (jieba's), no line starting
    with a closing mark or ending with an opening one, a quoted or 书名号 name broken only
    when nothing else fits, 的 kept with the 文种, and the lines in a trapezoid or diamond
    (never an hourglass), as even as the words allow. `capacity`: characters a line holds.
    A title too long for four lines, or one that cannot be broken so, is left to wrap."""
    import itertools
    import logging
    import warnings

    if _width(title) <= capacity:
        return [title]
    global _TOKENIZER
    if _TOKENIZER is None:
        with warnings.catch_warnings():  # jieba imports pkg_resources, which warns
            warnings.simplefilter("ignore", DeprecationWarning)
            import jieba
        jieba.setLogLevel(logging.WARNING)
        # Its own dictionary: the site build adds unit names to jieba's shared one, and a
        # title must break the same in a build and in `generator document`.
        _TOKENIZER = jieba.Tokenizer()
    words = list(_TOKENIZER.cut(title, HMM=False))
    cuts, depth, penalty = [], 0, {}
    at = 0
    for number, word in enumerate(words[:-1]):
        at += len(word)
        depth += sum(word.count(c) for c in _OPENING) - sum(word.count(c) for c in _CLOSING
                                                            if c in "”’》）〕】)")
        after = words[number + 1]
        if word[-1] in _OPENING or after[0] in _CLOSING:
            continue
        cost = 6 * max(depth, 0)
        if word == "的" and number + 2 == len(words):
            cost += 8  # 的 | 通报: the 文种 alone
        cuts.append(at)
        penalty[at] = cost
    if len(cuts) > 60:  # a bounded search: C(60, 3) splits at most
        return [title]
    least = -(-int(_width(title)) // capacity)
    best = None
    for count in range(least, min(least + 1, 4) + 1):
        for chosen in itertools.combinations(cuts, count - 1):
            bounds = (0, *chosen, len(title))
            lines = [title[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [_width(line) for line in lines]
            if max(widths) > capacity:
                continue
            score = (max(widths) - min(widths) + 2 * sum(penalty[c] for c in chosen)
                     + 6 * (count - least))  # a line more than the title needs
            if len(set(widths)) == 1:
                score += 2  # a rectangle
            if any(widths[i] < widths[i - 1] and widths[i] < widths[i + 1]
                   for i in range(1, len(widths) - 1)):
                score += 20  # an hourglass
            if best is None or score < best[0]:
                best = (score, lines)
    return best[1] if best is not None else [title]


class _Writer:
    """Adds the document's parts before the {{正文}} marker, each with its style."""

    def __init__(self, doc, marker) -> None:
        self.doc, self.marker = doc, marker
        body = doc.styles[STYLES["body"]].font.size
        self.char = int(body.pt * 20) if body is not None else 320  # one character, twips

    def para(self, text: str, style: str, lead: str = "", lead_style: str = ""):
        paragraph = self.marker.insert_paragraph_before("", style=STYLES[style])
        if lead:
            run = paragraph.add_run(lead)
            font = self.doc.styles[STYLES[lead_style]].element.rPr
            if font is not None:
                run._r.insert(0, copy.deepcopy(font))
        for number, line in enumerate(text.split("\n")):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
        return paragraph

    def document(self, d: Document, record_apart: bool = False) -> None:
        size = self.doc.styles[STYLES["title"]].font.size
        capacity = int(TEXT_WIDTH // (size.pt * 20)) if size is not None else 20
        self.para("\n".join(title_lines(d.title, capacity)), "title")
        if d.to:
            self.para(d.to, "to")
        first = True
        last = []  # the paragraphs of the last block of the body
        for number, block in enumerate(d.blocks):
            if isinstance(block, Table):
                last = self.table(block)
            elif isinstance(block, Heading):
                last = [self.para(block.text, block.level)]
                # a heading never ends a page (numbered items of a list are paragraphs:
                # document._numbered_items), nor is broken across two
                last[0].paragraph_format.keep_with_next = True
                last[0].paragraph_format.keep_together = True
            elif isinstance(block, Paragraph):
                p = self.para(block.text, "body", block.lead, block.level or "body")
                if first and not d.to:
                    p.paragraph_format.space_before = _twips(LINE)
                if block.continues:  # the last line of the paragraph before
                    p.paragraph_format.first_line_indent = _twips(0)
                # a short paragraph leading into a table (the 通报名单's as-of line, "…如下：")
                # never ends a page without it, as a table caption does not
                if number + 1 < len(d.blocks) and isinstance(d.blocks[number + 1], Table) \
                        and _width(block.lead + block.text) <= _LEAD_IN:
                    p.paragraph_format.keep_with_next = True
                last = [p]
            first = False
        # GB/T 9704 7.3.5.1: the 署名 never stands on a page without body text. The end of
        # the body, the 附件说明, the 署名, the 成文日期 and the 版记 are chained with
        # keep-with-next, so a page too full for the signature passes its last lines on.
        for p in last:
            p.paragraph_format.keep_with_next = True
        lines = d.attachment_lines()
        for number, line in enumerate(lines):
            p = self.para(line, "attachment")
            p.paragraph_format.keep_with_next = True
            # 附件说明 after GB/T 9704 7.3.4: 正文下空一行左空二字; a name that wraps lines up
            # with its own first character, after "附件：" and its number.
            label = re.match(r"^(附件：)?([0-9]+\.)?", line).group()
            hang = _width(label) + (3 if number and len(lines) > 1 else 0)
            p.paragraph_format.left_indent = _twips((2 + hang) * self.char)
            p.paragraph_format.first_line_indent = _twips(-_width(label) * self.char)
            if number == 0:
                p.paragraph_format.space_before = _twips(LINE)
        self.signature(d)
        self.record(d, record_apart)

    def signature(self, d: Document) -> None:
        """发文机关署名 and 成文日期 of a document that bears no seal (GB/T 9704 7.3.5.2: the
        site's copies say so): 正文（或附件说明）下空一行, each 署名 右空二字 (a joint
        document's names one under the other, the first the lead authority's), the 成文日期
        on the next line, its first character two right of the 署名's first; a date that
        would then pass 右空二字 stands there and the 署名 moves left by as much."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        names = max((_width(issuer) for issuer in d.issuers), default=0)
        # (a date's digits stand apart from its Han characters: LibreOffice and Word space
        # them a quarter character each side)
        date = _width(d.signed_text) + 0.25 * len(re.findall(
            r"(?<=[0-9])(?=[^0-9])|(?<=[^0-9])(?=[0-9])", d.signed_text or ""))
        # (in characters from the right edge of the text block)
        name_indent = 2 + max(0.0, 2 - (names - date)) if d.signed_text and d.issuers else 2
        for number, issuer in enumerate(d.issuers):
            p = self.para(issuer, "signature")
            p.paragraph_format.right_indent = _twips(int(name_indent * self.char))
            p.paragraph_format.keep_with_next = True  # name and date stand together
            if number == 0:
                p.paragraph_format.space_before = _twips(LINE)
        if d.signed_text:
            p = self.para(d.signed_text, "date")
            if d.issuers:  # its first character placed, whatever its digits' width
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                # (a 署名 wider than the line wraps: the date starts at the margin, never
                # left of it, which Word cannot hold past 2^31 twips and the writer raised)
                p.paragraph_format.left_indent = _twips(max(
                    0, TEXT_WIDTH - int((name_indent + names - 2) * self.char)))
            else:
                p.paragraph_format.right_indent = _twips(2 * self.char)
            p.paragraph_format.keep_with_next = bool(d.notes)
        for note in d.notes:  # 附注: 居左空二字, on the date's page
            p = self.para(note, "body")
            p.paragraph_format.first_line_indent = _twips(2 * self.char)
            p.paragraph_format.keep_with_next = note != d.notes[-1]

    def table(self, block: Table) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if block.caption:
            caption = self.para(block.caption, "table_caption")
            caption.paragraph_format.space_before = _twips(LINE)
            caption.paragraph_format.keep_with_next = True
        columns = max([len(block.header)] + [len(r) for r in block.rows])
        table = self.doc.add_table(rows=0, cols=columns)
        for number, cells in enumerate([block.header, *block.rows]):
            row = table.add_row()
            if number == 0:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for cell, text in zip(row.cells, list(cells) + [""] * (columns - len(cells)),
                                  strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles[STYLES["table"]]
                run = paragraph.add_run(text)
                run.bold = number == 0 or None
        _table_borders(table._tbl, {side: ("single", 4) for side in
                                    ("top", "left", "bottom", "right", "insideH", "insideV")})
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(TEXT_WIDTH))
        width.set(qn("w:type"), "dxa")
        put(table._tbl.tblPr, width, _TBLPR_ORDER)
        # Columns as wide as what they hold (a 序号 column needs two characters, a unit's
        # name ten): the grid and every cell say the same width, which Word, WPS and
        # LibreOffice all honour.
        size = self.doc.styles[STYLES["table"]].font.size
        widths = column_widths([block.header, *block.rows], columns,
                               char=int(size.pt * 20) if size is not None else 240)
        for col, twips in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(twips))
        for row in table.rows:
            for cell, twips in zip(row.cells, widths, strict=True):
                tc_w = cell._tc.get_or_add_tcPr().get_or_add_tcW()
                tc_w.set(qn("w:w"), str(twips))
                tc_w.set(qn("w:type"), "dxa")
        self.marker._p.addprevious(table._tbl)
        return [p for cell in table.rows[-1].cells for p in cell.paragraphs] if table.rows else []

    def record(self, d: Document, new_page: bool = False) -> None:
        """版记 (GB/T 9704 7.4): 抄送 and 印发机关/印发日期, one line each between rules, at the
        foot of the page the 成文日期 is on, its last rule on the last line of the text block.
        Each line is a frame of its own placed from the top of the text block (LibreOffice 7.4
        loses a floating table and the second paragraph of a frame); the text wraps around
        them, so body text never runs under the 版记. `new_page`: the 版记 goes to the next
        page, alone (a document whose body ends on an odd page: the 版记 is on an even one)."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows = ([d.cc_text] if d.cc else []) + [None]
        if new_page:  # an empty 1 pt paragraph that starts a page, before the frames: Word
            # puts a frame on the page of its own paragraph, LibreOffice on the next one's
            breaker = self.marker.insert_paragraph_before("", style=STYLES["body"])
            _shrink(breaker)
            breaker.paragraph_format.page_break_before = True
        section = self.doc.sections[-1]
        height = int((section.page_height - section.top_margin - section.bottom_margin)
                     / 635)  # EMU -> twips
        for number, value in enumerate(rows):
            paragraph = self.marker.insert_paragraph_before("", style=STYLES["record"])
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = _twips(280)  # 左右各空一字 (4号)
            if value is None:
                paragraph.add_run(d.printer)
                if d.printed_text:
                    fmt.tab_stops.add_tab_stop(_twips(TEXT_WIDTH - 280),  # 右空一字
                                               WD_TAB_ALIGNMENT.RIGHT)
                    paragraph.add_run("\t" + d.printed_text)
            else:
                # 回行时与冒号后的首字对齐
                fmt.first_line_indent = _twips(-3 * 280)
                fmt.left_indent = _twips(4 * 280)
                paragraph.add_run(value)
            frame = OxmlElement("w:framePr")
            for key, val in (("w", TEXT_WIDTH), ("h", LINE), ("hRule", "exact"),
                             ("wrap", "around"), ("hAnchor", "margin"), ("xAlign", "center"),
                             ("vAnchor", "margin"),
                             ("y", height - (len(rows) - number) * LINE)):
                frame.set(qn(f"w:{key}"), str(val))
            ppr = paragraph._p.get_or_add_pPr()
            put(ppr, frame, _PPR_ORDER)
            # GB/T 9704 7.4.1: first and last rule 0.35 mm, the ones between 0.25 mm.
            borders = OxmlElement("w:pBdr")
            sides = [("top", 8 if number == 0 else 6)]
            if number == len(rows) - 1:
                sides.append(("bottom", 8))
            for side, size in sides:
                line = OxmlElement(f"w:{side}")
                for key, val in (("val", "single"), ("sz", size), ("space", 0),
                                 ("color", "000000")):
                    line.set(qn(f"w:{key}"), str(val))
                borders.append(line)
            put(ppr, borders, _PPR_ORDER)


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
              "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
              "lang", "eastAsianLayout", "specVanish", "oMath")
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


CELL_MARGINS = 2 * 108 + 40  # a cell's left and right margins (Word's default) and slack


def column_widths(rows: list, columns: int, total: int = TEXT_WIDTH,
                  char: int = 240) -> list[int]:
    """Twips per column, summing to `total`. Each column wants its longest cell on one line
    (a Han character `char` twips wide, other characters half, at least two characters).
    When all fit, the room left is shared in proportion to what they want; when not, the
    width goes a character at a time to the column that needs the most lines (of those,
    the one a line fewer costs least), so short columns (序号, 情形, 逾期天数) keep their
    words on one line and the long ones wrap."""
    def extent(text: str) -> float:
        return sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in str(text))

    longest = [max(2.0, max((extent(row[index]) for row in rows if index < len(row)),
                            default=0)) for index in range(columns)]
    wants = [int(-(-n // 1)) for n in longest]  # characters
    if sum(wants) * char + columns * CELL_MARGINS <= total:
        chars = wants
    else:
        chars = [2] * columns
        room = (total - columns * CELL_MARGINS) // char - sum(chars)
        for _ in range(max(room, 0)):
            # the column that needs the most lines, and of those the one a line fewer
            # costs least
            needs = []
            for i in range(columns):
                if chars[i] < wants[i]:
                    lines = -(-longest[i] // chars[i])
                    fewer = -(-longest[i] // (lines - 1)) - chars[i] if lines > 1 else 0
                    needs.append((-lines, fewer, i))
            if not needs:
                break
            chars[min(needs)[2]] += 1
    base = [c * char + CELL_MARGINS for c in chars]
    widths = [int(w + (total - sum(base)) * w / sum(base)) for w in base]
    widths[-1] += total - sum(widths)
    return widths


def put(parent, element, order: tuple[str, ...]) -> None:
    """Set `element` as the child of its kind, where the schema's sequence wants it
    (Word refuses a file whose elements are out of order)."""
    from docx.oxml.ns import qn

    name = element.tag
    for old in parent.findall(name):
        parent.remove(old)
    later = {qn(f"w:{tag}") for tag in order[order.index(name.split("}")[1]) + 1:]}
    for number, child in enumerate(parent):
        if child.tag in later:
            parent.insert(number, element)
            return
    parent.append(element)


def _table_borders(tbl, sides: dict) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        kind, size = sides[side]
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), kind)
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000" if kind != "nil" else "auto")
        borders.append(line)
    put(tbl.tblPr, borders, _TBLPR_ORDER)


def _twips(value: float):
    from docx.shared import Twips

    return Twips(int(value))
