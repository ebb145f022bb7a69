"""Write site_config/document-template.docx: the county's 公文 template (GB/T 9704-2012).

    python scripts/make_document_template.py [OUT]

Run once to create the template; staff then edit the .docx itself in Word or WPS (版头
text, colours, fonts, through 样式 → 修改), never this script. The generator fills the
placeholders {{发文机关标志}} and {{发文字号}}, puts the notice where {{正文}} stands,
and formats every part with the named styles below.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.word import _PPR_ORDER, _RPR_ORDER, LINE, STYLES, deterministic_zip, put  # noqa: E402

RED = RGBColor(0xFF, 0x00, 0x00)
# (style, font, size in pt, bold, alignment, first-line indent in chars, space before in lines)
_PARAGRAPH_STYLES = [
    (STYLES["mark"], "方正小标宋简体", 30, False, "center", 0, 0),
    (STYLES["number"], "仿宋_GB2312", 16, False, "center", 0, 2),
    (STYLES["title"], "方正小标宋简体", 22, False, "center", 0, 2),
    (STYLES["to"], "仿宋_GB2312", 16, False, "justify", 0, 1),
    (STYLES["body"], "仿宋_GB2312", 16, False, "justify", 2, 0),
    (STYLES[1], "黑体", 16, False, "justify", 2, 0),
    (STYLES[2], "楷体_GB2312", 16, False, "justify", 2, 0),
    (STYLES[3], "仿宋_GB2312", 16, False, "justify", 2, 0),
    (STYLES[4], "仿宋_GB2312", 16, False, "justify", 2, 0),
    (STYLES["attachment"], "仿宋_GB2312", 16, False, "left", 0, 0),
    (STYLES["signature"], "仿宋_GB2312", 16, False, "right", 0, 0),
    (STYLES["date"], "仿宋_GB2312", 16, False, "right", 0, 0),
    (STYLES["table_caption"], "黑体", 16, False, "center", 0, 0),
    (STYLES["table"], "仿宋_GB2312", 12, False, "center", 0, 0),
    (STYLES["record"], "仿宋_GB2312", 14, False, "left", 0, 0),
    (STYLES["page"], "宋体", 14, False, "right", 0, 0),
]
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def fonts(rpr, name: str) -> None:
    """The same font for every script: Word and WPS pick it for Han and Latin text alike."""
    fonts_el = rpr.find(qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = OxmlElement("w:rFonts")
        rpr.insert(0, fonts_el)
    for attr in list(fonts_el.attrib):
        del fonts_el.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts_el.set(qn(f"w:{script}"), name)


def border(ppr, side: str, size: int, space: int, color: str) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        put(ppr, borders, _PPR_ORDER)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)),
                       ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def page_number(paragraph) -> None:
    """"— 1 —": the PAGE field between two em dashes (GB/T 9704 7.5)."""
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" —")


def build() -> bytes:
    doc = docx.Document()
    styles = doc.styles
    # Defaults for every run: 仿宋 in every script, no theme fonts.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts(defaults, "仿宋_GB2312")
    # The character grid counts in the default size: 3号 (16 pt), Chinese text.
    for tag in ("w:sz", "w:szCs"):
        defaults.find(qn(tag)).set(qn("w:val"), "32")
    for script in ("val", "eastAsia"):
        defaults.find(qn("w:lang")).set(qn(f"w:{script}"), "zh-CN")
    normal = styles["Normal"]
    normal.font.size = Pt(16)
    fonts(normal.element.get_or_add_rPr(), "仿宋_GB2312")
    for name, font, size, bold, align, indent, before in _PARAGRAPH_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        fonts(style.element.get_or_add_rPr(), font)
        fmt = style.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.space_before = Twips(LINE * before)
        fmt.space_after = Pt(0)
        fmt.widow_control = False  # word._no_widows turns it on for body text when writing
        if size > 16 or name == STYLES["table"]:  # the 版头, the title and tables keep
            fmt.line_spacing = Pt(size * 1.3 if size > 16 else size * 1.5)  # their own height
            snap = OxmlElement("w:snapToGrid")
            snap.set(qn("w:val"), "0")
            put(style.element.get_or_add_pPr(), snap, _PPR_ORDER)
        else:
            fmt.line_spacing = Twips(LINE)
        if indent:
            fmt.first_line_indent = Pt(size * indent)
    # 28 characters a line: 3号 is 16 pt, the text block 442 pt wide; each character
    # gives up 0.25 pt (Word's character grid does the same, but LibreOffice draws that
    # grid with double-width cells).
    for key in ("to", "body", 1, 2, 3, 4, "attachment", "signature", "date"):
        rpr = styles[STYLES[key]].element.get_or_add_rPr()
        condensed = OxmlElement("w:spacing")
        condensed.set(qn("w:val"), "-5")
        put(rpr, condensed, _RPR_ORDER)
    styles[STYLES["mark"]].font.color.rgb = RED
    # The red rule 4 mm under the 发文字号, as wide as the text block.
    border(styles[STYLES["number"]].element.get_or_add_pPr(), "bottom", 12, 11, "FF0000")
    styles[STYLES["number"]].paragraph_format.space_after = Pt(0)
    # 发文机关标志: 35 mm below the top of the text block.
    styles[STYLES["mark"]].paragraph_format.space_before = Mm(35)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    section.start_type = WD_SECTION.NEW_PAGE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 22 lines of 28 characters in the 156 x 225 mm text block.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))
    grid.attrib.pop(qn("w:charSpace"), None)

    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.style = styles[STYLES["page"]]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = styles[STYLES["page"]]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    page_number(even)

    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.text = "{{发文机关标志}}"
    body.style = styles[STYLES["mark"]]
    doc.add_paragraph("{{发文字号}}", style=STYLES["number"])
    doc.add_paragraph("{{正文}}", style=STYLES["body"])

    core = doc.core_properties
    core.author = core.last_modified_by = ""
    core.title = "公文模板"
    core.comments = "发文机关标志、颜色和字体可在 Word/WPS 中直接修改；保留 {{…}} 占位符。"
    core.revision = 1
    import datetime as dt
    core.created = core.modified = dt.datetime(2026, 1, 1)
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "site_config" / "document-template.docx"
    target.write_bytes(build())
    print(target)
