"""Official documents: a 通报 as a GB/T 9704 Word file and PDF, published with its page.

The fixture is the demo's commitments 通报 with the 公文 fields filled in
(tests/data/documents/), laid over the minimal project. The Word file is read as XML;
the PDF with pypdf. LibreOffice must be installed (`make document-tools`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import DATA, NOW, ROOT, make_project, mkdocs_build

from generator import document, pdf, word
from generator.audit import audit, policy_for
from generator.checks import validate
from generator.cli import main
from generator.pipeline import ProblemsFound, build
from generator.synth import engine_config

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLUG = "2026-04-08-commitments-bulletin"
NOTICE = f"content/notices/{SLUG}.md"
TWIPS_PER_MM = 1440 / 25.4
ISSUERS = ["中共演示县纪律检查委员会", "演示县监察委员会"]


def _attachment(path: Path, text: str) -> None:
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    doc = docx.Document()
    doc.add_paragraph(text)
    doc.save(str(path))


def _project(target: Path) -> Path:
    project = make_project(target, DATA / "documents")
    files = project / "content" / "notices" / "files"
    _attachment(files / "补报材料要求.docx", "补报材料要求")
    _attachment(files / "承诺书样式.docx", "承诺书样式")
    # issued: its words, its attachments and its style as made here are frozen, as
    # notice freeze does
    from generator import notices, word

    labels = yaml.safe_load((project / "site_config/labels.yml").read_text("utf-8"))
    path = project / "content/notices/2026-04-08-commitments-bulletin.md"
    digests = [(name, notices.file_digest(files / name))
               for name in ("补报材料要求.docx", "承诺书样式.docx")]
    path.write_text(notices.with_frozen(path.read_text("utf-8"), notices.frozen_yaml(
        [], None, notices.live_words(labels), digests, word.current_style(project))), "utf-8")
    return project


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("documents") / "county")


@pytest.fixture(scope="module")
def made(county) -> dict[str, bytes]:
    data, report = validate(county, NOW)
    assert report.flatten() == []
    notice = next(n for n in data.notices if n["slug"] == SLUG)
    return document.make([notice], data, county)[SLUG]


def _xml(docx: bytes, member: str) -> ElementTree.Element:
    return ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(member))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _styles(docx: bytes) -> dict[str, ElementTree.Element]:
    styles = _xml(docx, "word/styles.xml").iter(f"{W}style")
    return {s.find(f"{W}name").get(f"{W}val"): s for s in styles}


def _paragraphs(docx: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph outside tables, in order."""
    styles = {s.get(f"{W}styleId"): name for name, s in _styles(docx).items()}
    body = _xml(docx, "word/document.xml").find(f"{W}body")
    out = []
    for p in body.findall(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append((styles.get(style.get(f"{W}val")) if style is not None else "", _text(p)))
    return out


# ------------------------------------------------------------------ the Word file

def test_page_is_a4_with_gbt9704_margins_and_22_lines(made):
    sect = _xml(made["docx"], "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    mm = {k: int(size.get(f"{W}{k}")) / TWIPS_PER_MM for k in ("w", "h")}
    mm.update({k: int(margins.get(f"{W}{k}")) / TWIPS_PER_MM
               for k in ("top", "bottom", "left", "right")})
    expected = {"w": 210, "h": 297, "top": 37, "left": 28, "right": 26, "bottom": 35}
    assert {k: round(v) for k, v in mm.items()} == expected
    assert all(abs(mm[k] - v) <= 1 for k, v in expected.items())
    # The text block is 156 x 225 mm; the grid has 22 lines.
    assert abs(mm["w"] - mm["left"] - mm["right"] - 156) <= 1
    assert abs(mm["h"] - mm["top"] - mm["bottom"] - 225) <= 1
    grid = sect.find(f"{W}docGrid")
    assert round(225 * TWIPS_PER_MM / int(grid.get(f"{W}linePitch"))) == 22


@pytest.mark.parametrize("style, font", [
    ("发文机关标志", "方正小标宋简体"), ("公文标题", "方正小标宋简体"), ("公文正文", "仿宋_GB2312"),
    ("主送机关", "仿宋_GB2312"), ("一级标题", "黑体"), ("二级标题", "楷体_GB2312"),
    ("三级标题", "仿宋_GB2312"), ("四级标题", "仿宋_GB2312"), ("版记", "仿宋_GB2312"),
    ("页码", "宋体"),
])
def test_every_script_names_the_government_font(made, style, font):
    fonts = _styles(made["docx"])[style].find(f"{W}rPr/{W}rFonts")
    assert {k: fonts.get(f"{W}{k}") for k in ("eastAsia", "ascii", "hAnsi")} == \
        {"eastAsia": font, "ascii": font, "hAnsi": font}


def test_sizes_follow_the_standard(made):
    sizes = {name: int(s.find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2
             for name, s in _styles(made["docx"]).items()
             if name in ("公文标题", "公文正文", "页码") and s.find(f"{W}rPr/{W}sz") is not None}
    assert sizes == {"公文标题": 22, "公文正文": 16, "页码": 14}  # 2号, 3号, 4号


def test_red_banner_and_document_number_over_a_red_rule(made):
    paragraphs = _paragraphs(made["docx"])
    assert paragraphs[0] == ("发文机关标志", "".join(ISSUERS))
    assert paragraphs[1] == ("发文字号", "演纪通〔2026〕5号")
    styles = _styles(made["docx"])
    assert styles["发文机关标志"].find(f"{W}rPr/{W}color").get(f"{W}val") == "FF0000"
    rule = styles["发文字号"].find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (rule.get(f"{W}val"), rule.get(f"{W}color")) == ("single", "FF0000")
    banner = _xml(made["docx"], "word/document.xml").find(f"{W}body/{W}p")
    assert len(banner.findall(f".//{W}br")) == 1  # one organ per line


def test_parts_in_the_order_of_the_standard(made):
    paragraphs = [p for p in _paragraphs(made["docx"]) if p[1]]
    assert paragraphs == [
        ("发文机关标志", "".join(ISSUERS)),
        ("发文字号", "演纪通〔2026〕5号"),
        ("公文标题", "关于未按时报送作风承诺书单位的通报"),
        ("主送机关", "各乡（镇）党委、政府，县直各单位："),
        ("公文正文", "按照专项治理安排，各单位应于 3 月 20 日前报送《领导干部落实“两个责任”"
                     "带头改进作风承诺书》。截至 4 月 7 日，仍有单位未按时报送或迟报。"
                     "现将有关情况通报如下。"),
        ("一级标题", "一、基本情况"),
        ("一级标题", "二、有关要求"),
        ("公文正文", "（一）限期补报。请相关单位于 4 月 15 日前补报，并由主要负责人作出书面说明。"),
        ("公文正文", "（二）举一反三。各单位要对照检查，按时报送各类材料。"),
        ("公文正文", "特此通报。"),
        ("附件说明", "附件：1.补报材料要求"),
        ("附件说明", "2.领导干部落实“两个责任”带头改进作风承诺书（样式）"),
        ("发文机关署名", ISSUERS[0]),
        ("发文机关署名", ISSUERS[1]),
        ("成文日期", "2026年4月7日"),
        ("公文正文", "（此件公开发布，网站发布件不加盖印章）"),  # 附注: the copy bears no seal
        ("版记", "抄送：市纪委监委，县委办公室，县人民政府办公室。"),
        ("版记", "中共演示县纪律检查委员会2026年4月8日印发"),
    ]


def test_run_in_heading_is_set_in_kai(made):
    body = _xml(made["docx"], "word/document.xml").find(f"{W}body")
    para = next(p for p in body.findall(f"{W}p") if _text(p).startswith("（一）"))
    lead = para.findall(f"{W}r")[0]
    assert _text(lead) == "（一）限期补报。"
    assert lead.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"


def test_markdown_table_is_a_real_table(made):
    tables = _xml(made["docx"], "word/document.xml").find(f"{W}body").findall(f"{W}tbl")
    rows = [[_text(c) for c in r.findall(f"{W}tc")] for r in tables[0].findall(f"{W}tr")]
    assert rows == [["序号", "单位", "情形", "逾期天数"], ["1", "东城镇", "未报送", "18"],
                    ["2", "县自然资源局", "迟报", "3"]]
    assert tables[0].find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # repeats on each page
    # Columns as wide as what they hold, across the whole text block.
    grid = [int(c.get(f"{W}w")) for c in tables[0].iter(f"{W}gridCol")]
    assert sum(grid) == word.TEXT_WIDTH
    assert grid == [int(c.get(f"{W}w")) for c in tables[0].find(f"{W}tr").iter(f"{W}tcW")]
    assert grid[0] < grid[3] < grid[1]  # 序号 < 逾期天数 < 县自然资源局
    # A table row is a line of small type, not a line of the 3号 grid.
    table_style = _styles(made["docx"])["表格文字"].find(f"{W}pPr")
    assert table_style.find(f"{W}spacing").get(f"{W}line") == str(12 * 20 * 3 // 2)
    assert table_style.find(f"{W}snapToGrid").get(f"{W}val") == "0"


def test_page_numbers_are_dashed_fields_on_the_outer_side(made):
    docx = made["docx"]
    settings = _xml(docx, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    sect = _xml(docx, "word/document.xml").find(f"{W}body/{W}sectPr")
    rels = {r.get("Id"): r.get("Target") for r in _xml(docx, "word/_rels/document.xml.rels")}
    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    sides = {}
    for ref in sect.findall(f"{W}footerReference"):
        footer = _xml(docx, "word/" + rels[ref.get(f"{R}id")])
        para = footer.find(f"{W}p")
        instr = "".join(i.text for i in para.iter(f"{W}instrText")).strip()
        assert instr == "PAGE"
        assert [c.get(f"{W}fldCharType") for c in para.iter(f"{W}fldChar")] == \
            ["begin", "separate", "end"]
        assert _text(para) == "— 1 —"
        sides[ref.get(f"{W}type")] = para.find(f"{W}pPr/{W}jc").get(f"{W}val")
    assert sides == {"default": "right", "even": "left"}  # odd pages right, even left


def _record(docx: bytes) -> list:
    """The 版记's paragraphs: each a frame of its own."""
    body = _xml(docx, "word/document.xml").find(f"{W}body")
    return [p for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}framePr") is not None]


def test_record_between_thick_and_thin_rules_at_the_foot_of_the_page(made):
    record = _record(made["docx"])
    assert [_text(p) for p in record] == ["抄送：市纪委监委，县委办公室，县人民政府办公室。",
                                          "中共演示县纪律检查委员会2026年4月8日印发"]
    assert len(record[1].findall(f".//{W}r/{W}tab")) == 1  # 印发日期 at a right tab stop
    tab = record[1].find(f"{W}pPr/{W}tabs/{W}tab")
    assert (tab.get(f"{W}val"), int(tab.get(f"{W}pos"))) == ("right", word.TEXT_WIDTH - 280)
    sizes = [{side.tag.removeprefix(W): side.get(f"{W}sz")
              for side in p.find(f"{W}pPr/{W}pBdr")} for p in record]
    # 0.35 mm first and last rules, 0.25 mm between (in eighths of a point: 8 and 6)
    assert sizes == [{"top": "8"}, {"top": "6", "bottom": "8"}]
    # Lines of the grid counted from the top of the text block: the last two of its 22.
    frames = [p.find(f"{W}pPr/{W}framePr") for p in record]
    assert [(f.get(f"{W}vAnchor"), int(f.get(f"{W}y")) // word.LINE, f.get(f"{W}wrap"))
            for f in frames] == [("margin", 20, "around"), ("margin", 21, "around")]


def test_fields_the_notice_lacks_are_not_shown(county):
    data, _report = validate(county, NOW)
    bare = dict(next(n for n in data.notices if n["slug"] == SLUG))
    for key in ("doc_number", "to", "cc", "attachments", "signed_on"):
        bare.pop(key)
    doc = document.from_notice(bare, data.site, data.labels)
    docx = word.write(doc, county / word.TEMPLATE)
    texts = [t for _s, t in _paragraphs(docx)]
    assert texts[1] == ""  # the red rule stays, no number on it
    assert not any(t.endswith("：") and "县直" in t for t in texts)
    assert not any(t.startswith("附件") for t in texts)
    # no 成文日期 is invented (check refuses an issued 公文 without one): the 署名 alone
    assert not any(re.fullmatch(r"2026年4月[0-9]+日", t) for t in texts), texts
    assert ISSUERS[1] in texts
    assert [_text(p) for p in _record(docx)] == ["中共演示县纪律检查委员会2026年4月8日印发"]


def test_word_file_has_fixed_times_and_properties(made):
    archive = zipfile.ZipFile(io.BytesIO(made["docx"]))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-04-07T00:00:00Z" in core
    assert "<dc:title>关于未按时报送作风承诺书单位的通报</dc:title>" in core


# ------------------------------------------------------------------ the PDF

def _pdf_text(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", "", text)


def _pdftotext_pages(data: bytes) -> list[str]:
    """The PDF's text page by page, as poppler's pdftotext reads it."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def test_pdf_holds_the_document(made):
    pages, text = _pdf_text(made["pdf"])
    assert pages == 2
    for part in ("".join(ISSUERS), "演纪通〔2026〕5号", "关于未按时报送作风承诺书单位的通报",
                 "各乡（镇）党委、政府，县直各单位：", "特此通报。", "2026年4月7日",
                 "抄送：市纪委监委，县委办公室，县人民政府办公室。", "—1—", "—2—"):
        assert part in text, part
    assert text.index("特此通报。") < text.index(ISSUERS[1] + "2026年4月7日")


def test_pdf_embeds_its_fonts(made):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(made["pdf"]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    names = " ".join(fonts)
    # 小标宋 -> Noto Serif CJK Bold, 仿宋 -> AR PL UMing, 楷体 -> AR PL UKai, 黑体 -> Noto Sans CJK
    assert "NotoSerifCJK" in names and "Bold" in names and "UMing" in names
    assert "UKai" in names and "NotoSansCJK" in names


def test_pdf_page_size_is_a4(made):
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(made["pdf"])).pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_two_builds_are_byte_identical(county, monkeypatch, tmp_path):
    """Fresh conversions (no cache), at different times: the same bytes."""
    data, _report = validate(county, NOW)
    notice = next(n for n in data.notices if n["slug"] == SLUG)
    runs = []
    for name in ("first", "second"):
        monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / name))
        runs.append(document.make([notice], data, county)[SLUG])
    assert runs[0]["docx"] == runs[1]["docx"]
    assert runs[0]["pdf"] == runs[1]["pdf"]
    assert len(list((tmp_path / "second" / "documents").glob("*.pdf"))) == 1


def test_normalise_replaces_only_the_varying_bytes():
    raw = (b"%PDF-1.6\n<</CreationDate(D:20261123185416Z')>>\ntrailer\n<</ID [ <"
           + b"A" * 32 + b">\n<" + b"B" * 32 + b"> ]\n/DocChecksum /" + b"C" * 32 + b"\n>>")
    out = pdf.normalise(raw, "20260407")
    assert len(out) == len(raw)
    assert b"/CreationDate(D:20260407000000Z')" in out
    assert b"A" * 32 not in out and b"B" * 32 not in out and b"C" * 32 not in out
    assert pdf.normalise(raw.replace(b"185416", b"090000"), "20260407") == out


# ------------------------------------------------------------------ the site and the CLI

def test_site_publishes_documents_next_to_the_page_and_audits_them(tmp_path):
    project = _project(tmp_path / "county")
    engine_config(ROOT, project)
    site = tmp_path / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    page = (site / "notices" / SLUG / "index.html").read_text("utf-8")
    assert f'href="../{SLUG}.pdf"' in page and f'href="../{SLUG}.docx"' in page
    assert (site / "notices" / f"{SLUG}.pdf").read_bytes()[:5] == b"%PDF-"
    assert zipfile.is_zipfile(site / "notices" / f"{SLUG}.docx")
    # The minimal project's own 通报 is issued too; the 工作动态 is not.
    assert sorted(p.name for p in (site / "notices").glob("*.[dp][od][cf]*")) == [
        f"{SLUG}.docx", f"{SLUG}.pdf", "2026-05-notice.docx", "2026-05-notice.pdf"]
    assert ".pdf" not in (site / "notices" / "2026-04-20-news" / "index.html").read_text("utf-8")


def test_audit_reads_the_text_of_word_and_pdf_files(county, tmp_path):
    """A phone number split over Word runs, or a redacted name in a PDF's text, is found:
    a document may show nothing its page may not."""
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    notice["body"] = "如有疑问请联系 139 1234 5678。经办人王小明。"
    doc = document.from_notice(notice, data.site, data.labels)
    docx = word.write(doc, county / word.TEMPLATE)
    # The number is one run; split it as Word does when a clerk edits the file.
    split = _split_runs(docx, "139 1234", " 5678")
    site = tmp_path / "site"
    (site / "notices").mkdir(parents=True)
    (site / "notices" / "x.docx").write_bytes(split)
    (site / "notices" / "x.pdf").write_bytes(pdf.convert({"x": (docx, "20260407")}, county)["x"])
    policy = dataclasses.replace(policy_for(data), redacted={"王小明"})
    found = audit(site, policy, "site")
    assert sorted({(p.path.split("!")[0], p.code) for p in found}) == [
        ("site/notices/x.docx", "audit-redacted-name"), ("site/notices/x.docx", "personal-phone"),
        ("site/notices/x.pdf", "audit-redacted-name"), ("site/notices/x.pdf", "personal-phone")]


def _split_runs(docx: bytes, first: str, second: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                old = f"{first}{second}".encode()
                assert old in data
                data = data.replace(old, f"{first}</w:t></w:r><w:r><w:t xml:space=\"preserve\">"
                                         f"{second}".encode())
            target.writestr(info, data)
    return out.getvalue()


def test_cli_writes_name_docx_and_pdf(county, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--root", str(county), "document", NOTICE, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{SLUG}.docx", f"{SLUG}.pdf"]
    assert capsys.readouterr().out.splitlines()[-1] == f"已生成1份公文（Word 和 PDF）到 {out}"
    assert main(["--root", str(county), "document", "content/notices/none.md",
                 "--out", str(out)]) == 2
    assert "找不到通知文件 content/notices/none.md" in capsys.readouterr().err


def test_build_without_libreoffice_is_a_located_problem(county, monkeypatch):
    monkeypatch.setattr(pdf, "converter", lambda: None)
    monkeypatch.setenv("GENERATOR_CACHE", str(county / "empty-cache"))
    with pytest.raises(ProblemsFound) as failed:
        build(county, NOW, history=False)
    assert failed.value.report.flatten() == [
        ("site_config/document-template.docx", 0, "document-converter-missing")]


def test_only_official_categories_are_issued(county):
    data, _report = validate(county, NOW)
    assert sorted(n["slug"] for n in document.issued(data)) == [SLUG, "2026-05-notice"]
    assert document.official_categories({}) == {"通报"}
    taxonomy = {"notice_categories": [{"name": "通报", "official": True},
                                      {"name": "工作动态", "official": False}]}
    assert document.official_categories(taxonomy) == {"通报"}


def test_headings_are_told_by_their_numbering():
    blocks = document.body_blocks(
        "一、总体要求\n\n（一）加强领导。各单位要高度重视。\n\n1.明确责任\n\n（1）按月报送\n\n"
        "## 工作安排\n\n第一行\n第二行 with text\nand more\n\n" + LONG + "\n")
    assert blocks == [
        document.Heading(1, "一、总体要求"),
        document.Paragraph("各单位要高度重视。", lead="（一）加强领导。", level=2),
        document.Heading(3, "1.明确责任"),
        document.Paragraph("（1）按月报送"),  # it heads nothing: 工作安排 is a level above
        document.Heading(1, "工作安排"),
        document.Paragraph("第一行第二行 with text and more"),
        document.Paragraph(LONG),
    ]


def test_a_numbered_list_split_by_a_paragraph_keeps_the_numbers_staff_wrote():
    """A 通报's items 1. 2., a paragraph, then 3.: the page and the Word/PDF print 3., not
    a second 1. (Python-Markdown starts every list at 1 unless sane_lists is on)."""
    from generator import sanitize

    body = "1. 东城镇未按时报送。\n2. 西河乡迟报 3 天。\n\n另有一个单位说明如下。\n\n3. 北岭乡未报送。"
    converted = sanitize.markdown_html(body)
    assert '<ol start="3">' in converted and sanitize.removed(converted) == []
    assert [(b.text, b.lead) for b in document.body_blocks(body)] == [
        ("1.东城镇未按时报送。", ""), ("2.西河乡迟报 3 天。", ""),
        ("另有一个单位说明如下。", ""), ("3.北岭乡未报送。", "")]


def test_numbered_items_are_body_text_and_headings_head_something():
    """How the seeds number (003: a 方案 of a county's 不作为、慢作为、乱作为 campaign):
    一、 and （一） alone on their line are headings; 1. heads text only run in
    ("1.完善制度。抓住……"); 1. lines one after another are the items of a list, short
    ones included, as are the "1.张三同志在…" lines of a 通报 and a Markdown list."""
    seed = [  # seeds/003, as written (half-width brackets)
        "二、主要任务及责任分工",
        "(一)主要清理的问题",
        "2.对建筑施工安全、道路交通运输安全、消防安全、企业生产安全、农村枯井封堵、"
        "坑塘管理防汛度汛等方面存在的问题隐患失管失察。",
        "3.对侵占损害河道、破坏水源地、污染水体、损害林地草场等行为失管失察。",
        "8.对涉军等重点群体信访案件麻木不仁,不认真落实管控制度和措施,失岗失位失责,"
        "造成不良社会影响。",
        "(四)完善制度、总结提高阶段(xx月至xx月)",
        "1.完善制度。抓住群众反映最强烈、社会最关注的问题和共性问题,认真剖析根源。",
    ]
    blocks = document.body_blocks("\n\n".join(seed))
    assert blocks == [
        document.Heading(1, seed[0]), document.Heading(2, seed[1]),
        document.Paragraph(seed[2]), document.Paragraph(seed[3]), document.Paragraph(seed[4]),
        document.Heading(2, seed[5]),
        document.Paragraph("抓住群众反映最强烈、社会最关注的问题和共性问题,认真剖析根源。",
                           lead="1.完善制度。", level=3)]
    items = ["1.东城镇办事员张某某在办理低保申请中推诿扯皮",
             "2.县自然资源局干部王某某在项目审批中吃拿卡要"]
    after = "以上问题，各单位要引以为戒。"
    for body in ("\n\n".join([*items, after]), "\n\n".join(items),
                 "\n".join(f"{n}. {t[2:]}" for n, t in enumerate(items, 1)) + f"\n\n{after}"):
        assert [b for b in document.body_blocks(body) if b.text in items] == \
            [document.Paragraph(t) for t in items], body
    # A numbered line with text under it is a heading, also as the body's first line.
    assert document.body_blocks(f"{items[0]}\n\n{after}")[0] == document.Heading(3, items[0])
    assert document.body_blocks(f"（1）按月报送\n\n{after}")[0] == document.Heading(4, "（1）按月报送")
    assert document.body_blocks("1.明确责任\n\n（1）按月报送\n\n正文")[:1] == \
        [document.Heading(3, "1.明确责任")]
    # A 1. after the items of a list starts a new run: a heading when text follows.
    assert document.body_blocks("\n\n".join([*items, "1.明确责任", after]))[2] == \
        document.Heading(3, "1.明确责任")
    # Ending as a clause, even 一、 is body text.
    assert document.body_blocks(f"一、对张某某给予诫勉谈话；\n\n{after}")[0] == \
        document.Paragraph("一、对张某某给予诫勉谈话；")


LONG = ("二、各单位要高度重视专项治理工作，切实加强组织领导，"
        "主要负责人亲自抓，分管负责人具体抓，确保落实")


def test_screenshots_render_page_one_of_a_tongbao(demo_built, tmp_path):
    """`make screenshots` ends with the first page of the demo's 通报 PDF (pdftoppm)."""
    import sys

    from PIL import Image

    sys.path.insert(0, str(ROOT / "scripts"))
    import screenshots

    assert screenshots.document_page(demo_built, tmp_path) == 0
    image = Image.open(tmp_path / "document-tongbao.png").convert("RGB")
    assert image.size == (910, 1287)  # A4 at 110 dpi
    # The 发文机关标志 is red: 35 mm under the top of the text block, in the middle.
    reds = [image.getpixel((x, y)) for x in range(200, 700) for y in range(300, 420, 2)]
    assert any(r > 200 and g < 80 and b < 80 for r, g, b in reds)


def test_pdf_lines_hold_28_characters_and_pages_22_lines(county):
    """GB/T 9704 5.2.2: 22 lines of 28 characters in the text block."""
    from pypdf import PdfReader

    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    han = "各单位要高度重视专项治理工作切实加强组织领导主要负责人亲自抓分管负责人具体抓确保"
    # a page break inside a long paragraph: widow control gives up no line of page 2
    notice["body"] = "\n\n".join([han * 3] * 2 + [han * 40] + [han * 3])
    docx = word.write(document.from_notice(notice, data.site, data.labels), county / word.TEMPLATE)
    reader = PdfReader(io.BytesIO(pdf.convert({"lines": (docx, "20260407")}, county)["lines"]))
    lines = [line.replace(" ", "") for line in reader.pages[1].extract_text().splitlines()]
    body = [line for line in lines if set(line) <= set(han)]
    assert len(body) == 22  # page 2 is all body text
    # 120 characters a paragraph: 26 after the indent, 28, 28, 28, and 10 left over
    assert {len(line) for line in body} == {26, 28, 10}


def test_frozen_listing_becomes_a_table(county):
    """A 通报 drafted from the data carries its list of units as `listing` (issue #13)."""
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    notice["listing"] = {"subject": "《承诺书》报送情况", "as_of": dt.date(2026, 4, 7), "rows": [
        {"unit": "XZ01", "unit_name": "东城镇", "status": "未报送", "days_late": 14,
         "measure": "限期补报、书面说明"},
        {"unit": "ZF01", "unit_name": "县自然资源局", "status": "迟报", "days_late": 3}]}
    doc = document.from_notice(notice, data.site, data.labels)
    # as its page prints it: the 通报名单 heading, the line saying as of when and how many
    # (the document printed only the subject, without the day the list stood on), the table
    assert doc.blocks[-3:] == (
        document.Heading(1, "通报名单"),
        document.Paragraph("《承诺书》报送情况，统计截至2026年4月7日，共2项。"
                           "名单在通报发布时确定，不随此后的数据变化。"),
        document.Table(("序号", "单位", "情形", "逾期天数", "整改要求"),
                       (("1", "东城镇", "未报送", "14天", "限期补报、书面说明"),
                        ("2", "县自然资源局", "迟报", "3天", ""))))
    body = _xml(word.write(doc, county / word.TEMPLATE), "word/document.xml").find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert [_text(c) for c in tables[1].findall(f"{W}tr")[1].findall(f"{W}tc")] == \
        ["1", "东城镇", "未报送", "14天", "限期补报、书面说明"]
    # the as-of line never ends a page without its table (the caption kept with it before)
    kept = {_text(p): p.find(f"{W}pPr/{W}keepNext") is not None for p in body.findall(f"{W}p")}
    assert kept[doc.blocks[-2].text] is True


def test_a_short_paragraph_stays_with_the_table_it_leads_into_and_a_long_one_does_not(county):
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    short, long = "未按时报送的单位如下：", "各单位" + "按照要求认真整改并报送材料，" * 6 + "名单如下："
    table = "\n\n| 序号 | 单位 |\n| --- | --- |\n| 1 | 东城镇 |\n\n"
    notice["body"] = short + table + long + table + "特此通报。"
    body = _xml(word.write(document.from_notice(notice, data.site, data.labels),
                           county / word.TEMPLATE), "word/document.xml").find(f"{W}body")
    kept = {_text(p): p.find(f"{W}pPr/{W}keepNext") is not None for p in body.findall(f"{W}p")}
    assert (kept[short], kept[long]) == (True, False)


def test_compressed_bytes_that_read_js_do_not_refuse_a_pdf(county):
    """"/JS" turns up by chance inside compressed data; only a real script or launch
    action, in any object (object streams too), refuses a PDF."""
    from generator import attachments

    data, _report = validate(county, NOW)
    notice = {"slug": "h-35", "title": "通知35", "date": dt.date(2026, 5, 10), "category": "通报",
              "body": '正文。\n\n<a href="jav&#9;ascript:window.__pwned=1">点击</a>\n'}
    docx = word.write(document.from_notice(notice, data.site, data.labels), county / word.TEMPLATE)
    made = pdf.convert({"h": (docx, "20260510")}, county)["h"]
    # Bytes that read "/JS" inside stream data that is no action at all (as compressed
    # data holds them by chance): written into an extra stream object of the document.
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject

    writer = PdfWriter(clone_from=io.BytesIO(made))
    stray = DecodedStreamObject()
    stray.set_data(b"x\x9c/JS'\x00/Launch")
    writer._add_object(stray)
    out = io.BytesIO()
    writer.write(out)
    stray_js = out.getvalue()
    assert b"/JS'" in stray_js
    text = "".join("".join(p.text.split()) for p in attachments.extract_text("h.pdf", stray_js))
    assert text.startswith("中共演示县纪律检查委员会演示县监察委员会通知35正文。点击")
    script = made.replace(b"/Type/Catalog", b"/Type/Catalog/Names<</JavaScript 1 0 R>>", 1)
    with pytest.raises(attachments.Refused):
        attachments.extract_text("h.pdf", script)


def test_luoping_tongbao_is_a_document_a_commission_could_sign(tmp_path, monkeypatch):
    """The 罗平县 通报 of issue #13, drafted by the command and issued by the clerk,
    comes out as a signed 公文: 版头, 文号, title, 主送, body, the frozen list of the nine
    units as a table, 署名 and 成文日期, 版记."""
    from test_published_word import ISSUED, _epoch, _issue, luoping

    project = luoping(tmp_path / "luoping")
    root = ["--root", str(project)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(ISSUED))
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2015-04-24"]) == 0
    notice = project / "content/notices/2015-04-24-C1-commitments.md"
    _issue(notice, "罗纪发〔2015〕12号", "2015-04-25")
    out = tmp_path / "out"
    assert main([*root, "document", str(notice.relative_to(project)), "--out", str(out)]) == 0
    docx = (out / "2015-04-24-C1-commitments.docx").read_bytes()
    parts = [p for p in _paragraphs(docx) if p[1]]
    assert parts[:4] == [("发文机关标志", "中共罗平县纪律检查委员会"),
                         ("发文字号", "罗纪发〔2015〕12号"),
                         ("公文标题", parts[2][1]),
                         ("主送机关", "各乡（镇）党委、政府，县直各单位：")]
    assert parts[2][1].startswith("关于未按时报送《") and parts[2][1].endswith("》单位的通报")
    assert parts[-4:-1] == [("发文机关署名", "中共罗平县纪律检查委员会"),
                          ("成文日期", "2015年4月24日"),
                          ("公文正文", "（此件公开发布，网站发布件不加盖印章）")]
    tables = _xml(docx, "word/document.xml").find(f"{W}body").findall(f"{W}tbl")
    listing = [[_text(c) for c in r.findall(f"{W}tc")] for r in tables[0].findall(f"{W}tr")]
    assert listing[0] == ["序号", "单位", "情形", "逾期天数", "整改要求"]
    assert len(listing) == 10 and [r[2] for r in listing[1:]].count("未报送") == 6
    assert [_text(p) for p in _record(docx)] == ["中共罗平县纪律检查委员会2015年4月25日印发"]
    pages, text = _pdf_text((out / "2015-04-24-C1-commitments.pdf").read_bytes())
    assert pages == 2  # 版头 and body; the nine-row table in small type, 落款 and 版记
    for part in ("中共罗平县纪律检查委员会", "罗纪发〔2015〕12号", parts[2][1],
                 "各乡（镇）党委、政府，县直各单位：", "2015年4月24日",
                 *[r[1] for r in listing[1:]]):
        assert part in text, part


def test_a_document_made_before_is_not_written_again_and_a_changed_one_is(county, made,
                                                                          monkeypatch, tmp_path):
    """document._written: the preview makes every notice's documents after each edit; a
    document and template met before keep their .docx, anything changed is written."""
    data, _report = validate(county, NOW)
    notice = next(n for n in data.notices if n["slug"] == SLUG)
    written = []
    write = word.write
    monkeypatch.setattr(word, "write", lambda d, t, *a: written.append(d.slug) or write(d, t, *a))
    again = document.make([notice], data, county)[SLUG]
    assert written == [] and again["docx"] == made["docx"]
    # (a cache of its own: an earlier run of this test on this machine kept the changed
    # document's .docx in the shared one)
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    notice["title"] += "（修订）"
    changed = document.make([notice], data, county)[SLUG]
    assert written == [SLUG] and changed["docx"] != made["docx"]


def test_document_command_refuses_a_notice_that_is_not_a_gongwen(county, tmp_path, capsys):
    news = county / "content/notices/2026-06-news.md"
    news.write_text("---\ntitle: （草稿）工作动态\ndate: 2026-06-01\ncategory: 工作动态\n"
                    "draft: 是\n---\n\n本月工作情况待补充。\n", "utf-8")
    out = tmp_path / "out"
    try:
        code = main(["--root", str(county), "document", "content/notices/2026-06-news.md",
                     "--out", str(out)])
    finally:
        news.unlink()
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err == (
        "content/notices/2026-06-news.md 是“工作动态”栏目的通知，不是正式公文，不生成带版头的"
        " Word/PDF 文件；只有 公告、通报 栏目的通知按公文印发\n")


@pytest.mark.parametrize("change, mark", [
    ("draft: 是\n", "草稿　未经签发，不得印发"),
    ('embargo: "2026-12-01 09:00"\n', "未发布　定于2026年12月1日9时公开，此前不得印发或公开"),
])
def test_a_notice_not_yet_published_is_marked_on_every_page_and_not_dated_as_printed(
        tmp_path, change, mark):
    project = _project(tmp_path / "county")
    path = project / NOTICE
    text = path.read_text("utf-8").replace("category: 通报\n", "category: 通报\n" + change)
    path.write_text(text.replace("date: 2026-04-08", "date: 2026-12-01")
                    if "embargo" in change else text, "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, report.flatten()
    notice = next(n for n in data.notices if n["slug"] == SLUG)
    assert notice.state != "published"
    made = document.make([notice], data, project)[SLUG]
    docx = made["docx"]
    # the 版头 opens the body as in the issued document: a draft breaks its pages where
    # the document a leader signs will
    assert _paragraphs(docx)[0][0] == "发文机关标志"
    assert mark not in _text(_xml(docx, "word/document.xml"))
    names = zipfile.ZipFile(io.BytesIO(docx)).namelist()
    headers = [_text(_xml(docx, n)) for n in names if re.fullmatch(r"word/header\d*\.xml", n)]
    assert len(headers) == 3 and set(headers) == {mark}  # odd, even and first pages
    assert "日印发" not in _text(_xml(docx, "word/document.xml"))  # no 印发日期
    # once on each page, page 1 included (it printed twice there, header and paragraph)
    pages = _pdftotext_pages(made["pdf"])
    squeezed = mark.replace("　", "").replace(" ", "")
    assert len(pages) == 2
    assert [re.sub(r"\s+", "", page).count(squeezed) for page in pages] == [1, 1]
    assert re.sub(r"\s+", "", pages[0]).startswith(squeezed)  # above the 版头


def test_a_published_notice_carries_no_mark(made):
    assert _paragraphs(made["docx"])[0][0] == "发文机关标志"
    names = zipfile.ZipFile(io.BytesIO(made["docx"])).namelist()
    assert not [n for n in names if re.fullmatch(r"word/header\d*\.xml", n)]


def test_pdf_is_tagged_for_screen_readers(made):
    from pypdf import PdfReader

    root = PdfReader(io.BytesIO(made["pdf"])).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root and root["/Lang"] == "zh-CN"


def test_a_tongbao_citing_cases_reports_them_in_its_body(county):
    """The cases are what a 通报 of typical problems reports: the document holds each one
    (number, unit and title run in, facts, who received which measure, outcome) after the
    sentence that introduces them, as its page links them."""
    data, _report = validate(county, NOW)
    notice = next(n for n in data.notices if n["slug"] == "2026-05-notice")
    texts = _paragraphs(document.make([notice], data, county)["2026-05-notice"]["docx"])
    at = texts.index(("公文正文", "现将东城镇办事员张某某推诿扯皮问题通报如下。"))
    assert texts[at + 1:at + 3] == [
        ("公文正文", "1.东城镇办事员张某某推诿扯皮问题。2026年4月，东城镇办事员张某某在办理低保"
                     "申请过程中推诿扯皮。张某受到诫勉谈话。"),
        ("公文正文", "责令整改。")]


PERSONS = """persons:
  - name: 王某某
    rank: 一般干部
    position: 办事员
    measures: [诫勉, 行政记过, 党内警告]
  - name: 赵小明
    rank: 一般干部
    position: 科员
    measures: [严重警告]
  - count: 3
    position: 窗口工作人员
    measures: [批评教育, 责令作出书面检查]
"""


def test_a_cited_case_says_each_measure_as_a_sanction_or_a_handling(tmp_path):
    """A 通报 says who received what as the commission writes it: a 党纪/政务 sanction is a
    处分 under its full name (党内严重警告, never a bare 严重警告 that could be either), every
    other measure a 处理, the 处分 first; a name the case writes masked (王某某) is printed
    as written, as the case's title and facts print it, never shortened to 王某."""
    from conftest import make_project

    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    start, end = text.index("persons:\n"), text.index("outcome:")
    case.write_text(text[:start] + PERSONS + text[end:], "utf-8")
    data, report = validate(project, NOW)
    # (the minimal 通报 citing the case froze its persons of before: notes at the case only)
    assert [f for f in report.flatten()
            if f[2] not in ("notice-summary-differs", "notice-measure-not-in-case")] == []
    heading, texts = document.printed_case(data.cases[0], data.site, document.names_of(data),
                                           data.labels["document"])
    assert texts == [
        "2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。"
        "王某某受到党内警告、政务记过处分和诫勉谈话处理。"
        "赵某受到党内严重警告处分。"
        "3名窗口工作人员受到责令检查、批评教育处理。",
        "责令整改。"]


def test_the_signature_never_stands_on_a_page_without_body_text(tmp_path):
    """GB/T 9704 7.3.5.1. The demo's 通报 of 2026-05-20 without its cases leaves page 1 too
    full for 署名 and 成文日期; the 2026-04-08 one ends its page 2 with a table."""
    import shutil

    project = tmp_path / "demo"
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    path = project / "content/notices/2026-05-20-typical-cases.md"
    path.write_text(path.read_text("utf-8").replace("cases: [2026-001, 2026-002, 2026-006]\n", ""),
                    "utf-8")
    data, report = validate(project, NOW)
    assert report.valid
    slugs = {"2026-05-20-typical-cases": ("2026年5月19日", "各单位要引以为戒"),
             "2026-04-08-commitments-bulletin": ("2026年4月7日", "县职业中学")}
    made = document.make([n for n in data.notices if n["slug"] in slugs], data, project)
    from pypdf import PdfReader

    for slug, (signed, body) in slugs.items():
        pages = [re.sub(r"\s+", "", page.extract_text())
                 for page in PdfReader(io.BytesIO(made[slug]["pdf"])).pages]
        last = next(page for page in pages if "演示县监察委员会" + signed in page)  # 署名+日期
        assert body in last, (slug, last)


def _lines(data: bytes, tmp_path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, its lines as (text, xMin, yMin, xMax, yMax) in points from the top left,
    from `pdftotext -bbox` (poppler): words on the same baseline make a line."""
    import html
    import subprocess

    path = tmp_path / "measured.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words: dict[float, list] = {}
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            words.setdefault(round(y1), []).append((x0, x1, y0, html.unescape(m.group(5))))
        pages.append([("".join(w[3] for w in sorted(ws)), min(w[0] for w in ws),
                       min(w[2] for w in ws), max(w[1] for w in ws), y)
                      for y, ws in sorted(words.items())])
    return pages


PT_PER_MM = 72 / 25.4
BLOCK_BOTTOM = (297 - 35) * PT_PER_MM  # the text block's last line ends here
BLOCK_LEFT, BLOCK_RIGHT = 28 * PT_PER_MM, (210 - 26) * PT_PER_MM
GRID = 225 * PT_PER_MM / 22


@pytest.fixture(scope="module")
def demo_documents(tmp_path_factory) -> dict[str, bytes]:
    """The PDFs of the demo's issued notices."""
    import shutil

    project = tmp_path_factory.mktemp("demo-documents")
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    data, report = validate(project, dt.datetime(2026, 12, 6, 12, 0))
    assert report.valid
    made = document.make(document.issued(data), data, project)
    assert len(made) >= 5
    return {slug: kinds["pdf"] for slug, kinds in made.items()}


def test_record_ends_on_the_last_line_of_an_even_last_page(demo_documents, tmp_path):
    """GB/T 9704 7.4: the 版记 is on the last side (an even page), its last rule on the
    text block's lower edge; 抄送 one grid line above 印发; 成文日期 above the 版记 on its page
    or on the page before (body ending on an odd page: the 版记 page holds it alone)."""
    for slug, data in demo_documents.items():
        pages = _lines(data, tmp_path)
        assert len(pages) % 2 == 0, slug
        last = pages[-1]
        printed = next(line for line in last if line[0].endswith("印发"))
        assert abs(printed[4] - BLOCK_BOTTOM) < 3, (slug, printed)
        assert abs(printed[1] - BLOCK_LEFT - 14) < 2, (slug, printed)  # 左空一字 (4号)
        assert abs(printed[3] - BLOCK_RIGHT + 14) < 2, (slug, printed)  # 右空一字
        cc = [line for line in last if line[0].startswith("抄送：")]
        if cc:
            assert abs(printed[4] - cc[0][4] - GRID) < 1, (slug, cc)
        # Nothing stands below the 版记 but the page number.
        below = [line for line in last if line[4] > printed[4] + 1]
        assert [re.sub(r"\s", "", line[0]) for line in below] == [f"—{len(pages)}—"], slug
        date = [(n, line) for n, page in enumerate(pages) for line in page
                if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line[0].replace(" ", ""))]
        assert date and date[-1][0] in (len(pages) - 1, len(pages) - 2), slug
        if date[-1][0] == len(pages) - 1:
            assert date[-1][1][4] < (cc or [printed])[0][2], slug
        else:  # the 版记 page holds nothing else
            assert [line for line in last if line[4] < (cc or [printed])[0][2]] == [], slug


def test_an_unsealed_document_signs_as_gbt_9704_lays_out_one_without_a_seal(demo_documents,
                                                                          tmp_path):
    """The site's copies bear no seal and say so, but signed as a sealed one (7.3.5.1): the
    署名 centred over a 成文日期 four characters from the right, two lines of room for the
    seal above. A document without a seal (7.3.5.2): 正文下空一行, each 署名 右空二字
    (a joint one's names one under the other), the 成文日期 on the next line, its first
    character two right of the 署名's."""
    char = 16  # 3号
    for slug, data in demo_documents.items():
        pages = _lines(data, tmp_path)
        at = [(n, i) for n, page in enumerate(pages) for i, line in enumerate(page)
              if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line[0].replace(" ", ""))]
        assert at, slug
        number, index = at[-1]
        page = pages[number]
        date, names = page[index], page[index - len(ISSUERS):index]
        assert [line[0] for line in names] == ISSUERS, (slug, names)
        for name in names:
            assert abs(name[3] - (BLOCK_RIGHT - 2 * char)) < 3, (slug, name)  # 右空二字
        first = min(name[1] for name in names)
        assert abs(date[1] - (first + 2 * char)) < 4, (slug, date, first)  # 首字右移二字
        above = page[index - len(ISSUERS) - 1]
        assert abs(names[0][4] - above[4] - 2 * GRID) < 3, (slug, above, names[0])  # 空一行


def test_page_numbers_sit_on_the_outer_side(demo_documents, tmp_path):
    """GB/T 9704 7.5: "— 1 —" 7 mm under the text block, odd pages right, even left, one
    character in."""
    for slug, data in demo_documents.items():
        for number, page in enumerate(_lines(data, tmp_path), start=1):
            folio = page[-1]
            assert re.sub(r"\s", "", folio[0]) == f"—{number}—", (slug, number)
            if number % 2:
                assert abs(folio[3] - BLOCK_RIGHT + 14) < 2, (slug, number, folio)
            else:
                assert abs(folio[1] - BLOCK_LEFT - 14) < 2, (slug, number, folio)
            # its line box starts about 7 mm under the text block (the font's ascent above
            # the dashes included)
            assert 5 * PT_PER_MM < folio[2] - BLOCK_BOTTOM < 9 * PT_PER_MM, (slug, folio)


def test_signature_keeps_body_text_on_its_page_wherever_the_body_ends(county, tmp_path):
    """GB/T 9704 7.3.5: the 署名 and 成文日期 (under the seal) never stand on a page without
    body text, wherever the body ends on its page: bodies one line longer each, one of
    them with 附件说明, sweep the end of page 1 and of page 2. The 版记 is always on the
    last line of an even last page."""
    data, _report = validate(county, NOW)
    base = dict(next(n for n in data.notices if n["slug"] == SLUG))
    line = "各单位要对照检查按时报送各类材料确保工作落实到位。"  # one line with its indent

    def docx(count: int, record_apart: bool = False) -> tuple[bytes, str]:
        notice = dict(base, body="\n\n".join(f"{line}{n:02d}" for n in range(count)))
        if count % 2:
            notice.pop("attachments")
        return word.write(document.from_notice(notice, data.site, data.labels),
                          county / word.TEMPLATE, record_apart), "20260407"

    counts = (*range(6, 16), *range(28, 38))
    pdfs = pdf.convert({f"n{count}": docx(count) for count in counts}, county)
    # What document.make does with a document ending on an odd page.
    odd = [count for count in counts if document.page_count(pdfs[f"n{count}"]) % 2]
    assert 0 < len(odd) < len(counts)
    pdfs.update(pdf.convert({f"n{count}": docx(count, True) for count in odd}, county))
    spilled = 0
    for name, data_ in pdfs.items():
        pages = _lines(data_, tmp_path)
        assert len(pages) % 2 == 0, name
        where = next(n for n, page in enumerate(pages) for text, *_ in page
                     if text.replace(" ", "") == "2026年4月7日")
        page = pages[where]
        signed = next(box for box in page if box[0] == ISSUERS[0])
        body = [box for box in page if box[4] < signed[2]
                and (box[0].startswith(line[:8]) or box[0].startswith(("附件", "2.")))]
        assert body, (name, where, page)
        spilled += len(body) < 3 and where > 0  # the page holds the body's last lines only
        printed = next(box for box in pages[-1] if box[0].endswith("印发"))
        assert abs(printed[4] - BLOCK_BOTTOM) < 3, (name, printed)
    assert spilled  # the sweep met a page too full for the signature


def test_a_corrected_notice_says_so_under_its_date(county, tmp_path):
    """A notice corrected after it was issued (`corrections:`) publishes the corrected text:
    its document says so, one 附注 per correction under the 成文日期 on the same page
    (GB/T 9704 7.3.6: 居左空二字, in brackets), so it cannot pass for the copy first sealed."""
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    notice["corrections"] = [
        {"date": dt.date(2026, 4, 20), "text": "附件2名称有误，已改正。"},
        {"date": dt.date(2026, 4, 10), "text": "更正：第二段逾期天数有误，已改正。"}]
    doc = document.from_notice(notice, data.site, data.labels)
    seal = data.labels["document"]["seal"]  # the copy bears no seal: said first
    assert doc.notes == (seal, "（本文件于2026年4月10日更正：第二段逾期天数有误，已改正。）",
                         "（本文件于2026年4月20日更正：附件2名称有误，已改正。）")
    docx = word.write(doc, county / word.TEMPLATE)
    parts = [p for p in _paragraphs(docx) if p[1]]
    at = parts.index(("成文日期", "2026年4月7日"))
    assert parts[at + 1:at + 4] == [("公文正文", note) for note in doc.notes]
    pages = _lines(pdf.convert({"c": (docx, "20260407")}, county)["c"], tmp_path)
    heads = ("2026年4月7日", seal[:6], "（本文件于2026年4月10日更正", "（本文件于2026年4月20日更正")
    where = [n for n, page in enumerate(pages) for line in page
             if line[0].replace(" ", "").startswith(heads)]
    assert len(where) == 4 and len(set(where)) == 1  # date and notes on one page
    page = pages[where[0]]
    date, first = (next(line for line in page if line[0].replace(" ", "").startswith(text))
                   for text in heads[:2])
    assert abs(first[4] - date[4] - GRID) < 1  # the line under the date
    assert abs(first[1] - BLOCK_LEFT - 2 * 16) < 2  # 居左空二字 (3号)
    bare = document.from_notice(dict(notice, corrections=[]), data.site, data.labels)
    assert bare.notes == (seal,)


@pytest.mark.parametrize("title, lines", [
    ("关于做好专项治理总结检查工作的通知", ["关于做好专项治理总结检查工作的通知"]),
    # the quoted name kept whole; the 文种 with its 的
    ("关于开展“不作为、慢作为、乱作为”专项治理工作的公告",
     ["关于开展“不作为、慢作为、乱作为”", "专项治理工作的公告"]),
    # a 书名号 title longer than a line is broken after its inner quotation, not in a word
    ("关于未按时报送《领导干部落实“两个责任”带头改进作风承诺书》单位的通报",
     ["关于未按时报送《领导干部落实“两个责任”", "带头改进作风承诺书》单位的通报"]),
    # three lines as a diamond rather than two that break 慢作为 inside the quotation
    ("关于2026年第一季度全县“不作为、慢作为、乱作为”问题专项整治情况的通报",
     ["关于2026年第一季度全县", "“不作为、慢作为、乱作为”", "问题专项整治情况的通报"]),
    ("关于对县直机关工委一名干部受到不实举报予以澄清的公告",
     ["关于对县直机关工委一名干部", "受到不实举报予以澄清的公告"]),
])
def test_a_long_title_breaks_between_words_in_a_trapezoid_or_diamond(title, lines):
    """GB/T 9704 7.3.1: 回行时，要做到词意完整，排列对称，长短适宜……使用梯形或菱形."""
    assert word.title_lines(title, 20) == lines


def test_title_breaks_are_line_breaks_of_one_title_paragraph(county):
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG),
                  title="关于开展“不作为、慢作为、乱作为”专项治理工作的公告")
    docx = word.write(document.from_notice(notice, data.site, data.labels),
                      county / word.TEMPLATE)
    body = _xml(docx, "word/document.xml").find(f"{W}body")
    title = [p for p in body.findall(f"{W}p") if _text(p) == notice["title"]]
    assert len(title) == 1 and len(title[0].findall(f".//{W}br")) == 1


def test_title_breaking_is_bounded_for_any_title():
    """A title of hundreds of characters is left to wrap (no search over its splits)."""
    import time

    start = time.perf_counter()
    for title in ("专项治理" * 200, "、" * 500, "“" * 300 + "”" * 300):
        assert "".join(word.title_lines(title, 20)) == title
    assert time.perf_counter() - start < 5


def test_short_columns_keep_their_words_on_one_line():
    """A listing whose columns do not all fit: 序号, 情形 and 逾期天数 keep one line each
    (未报送 was set 未报/送 in a column a third of a character too narrow), the long columns
    share what is left and wrap."""
    header = ("序号", "单位", "情形", "逾期天数", "整改要求")
    row = ("1", "县城市建设投资有限公司", "未报送", "18天", "限期补报、书面说明、扣分")
    widths = word.column_widths([header, row], 5)
    assert sum(widths) == word.TEXT_WIDTH
    text = [w - word.CELL_MARGINS for w in widths]
    assert [t // 240 for t in text[:4]] == [2, 11, 3, 4]  # 序号, the unit, 未报送, 逾期天数
    assert text[4] // 240 < 12  # 整改要求 wraps
    # All fit: the room left is shared in proportion, nothing below what it holds.
    small = word.column_widths([("序号", "单位"), ("1", "东城镇")], 2)
    assert sum(small) == word.TEXT_WIDTH and small[0] < small[1]
    assert small[0] - word.CELL_MARGINS >= 2 * 240


def test_a_record_apart_starts_its_page_before_its_frames(county):
    """Word places a frame on the page of its own paragraph (LibreOffice on the next
    paragraph's): the page break that sends the 版记 to an even page comes before it."""
    data, _report = validate(county, NOW)
    doc = document.from_notice(next(n for n in data.notices if n["slug"] == SLUG),
                               data.site, data.labels)
    body = _xml(word.write(doc, county / word.TEMPLATE, record_apart=True),
                "word/document.xml").find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    breaks = [n for n, p in enumerate(paragraphs)
              if p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    frames = [n for n, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}framePr") is not None]
    assert len(breaks) == 1 and len(frames) == 2 and breaks[0] + 1 == frames[0]
    assert [_text(p) for p in paragraphs[breaks[0] - 2:breaks[0]]] == [
        "2026年4月7日", doc.notes[0]]  # the date, then its 附注
    plain = _xml(word.write(doc, county / word.TEMPLATE), "word/document.xml")
    assert plain.find(f".//{W}pageBreakBefore") is None


def test_a_number_is_never_broken_across_lines(county):
    """GB/T 15835: a number written in Arabic digits stays on one line. A template marking
    Western text zh-CN made LibreOffice set 20|26年 (word._western_digits)."""
    from pypdf import PdfReader

    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    # 2026 and 20261234 starting at every place of a line, so some cross its end
    notice["body"] = "\n\n".join("专" * k + "截至2026年4月7日共20261234元。" for k in range(18, 30))
    docx = word.write(document.from_notice(notice, data.site, data.labels),
                      county / word.TEMPLATE)
    # Western text of every paragraph style en-US; the document's language stays zh-CN
    styles = _xml(docx, "word/styles.xml")
    paragraph_styles = [s for s in styles.iter(f"{W}style") if s.get(f"{W}type") == "paragraph"]
    assert {(lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) for lang in
            (s.find(f"{W}rPr/{W}lang") for s in paragraph_styles)} == {("en-US", "zh-CN")}
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "zh-CN"
    reader = PdfReader(io.BytesIO(pdf.convert({"n": (docx, "20260407")}, county)["n"]))
    lines = [line.replace(" ", "") for page in reader.pages
             for line in page.extract_text().splitlines() if line.strip()]
    crossing = [(a, b) for a, b in zip(lines, lines[1:], strict=False)
                if a[-1:].isdigit() and b[:1].isdigit()]
    assert crossing == []
    assert sum(line.count("20261234") for line in lines) == 12


def test_a_heading_never_ends_a_page(county, tmp_path):
    """Headings keep with what follows: the monthly bulletin's 四、监督检查 stood on the
    last line of page 2, its text on page 3; a 1. heading (text under it) too. Bodies one
    line longer each put each heading on every last line of page 1."""
    data, _report = validate(county, NOW)
    base = dict(next(n for n in data.notices if n["slug"] == SLUG))
    line = "各单位要对照检查按时报送各类材料确保工作落实到位。"
    bodies = {f"h{count}": "\n\n".join([*(f"{line}{n:02d}" for n in range(count)),
                                        "四、监督检查", "（一）明察暗访", "1.逐项检查",
                                        *(f"{line}{n}" for n in range(90, 97))])
              for count in range(3, 11)}
    pdfs = pdf.convert({name: (word.write(document.from_notice(
        dict(base, body=body), data.site, data.labels), county / word.TEMPLATE), "20260407")
        for name, body in bodies.items()}, county)
    ends = []
    for name, data_ in pdfs.items():
        for page in _lines(data_, tmp_path)[:-1]:
            text = [box[0] for box in page if box[4] < BLOCK_BOTTOM + 2]
            ends.append(text[-1] if text else "")
            assert not text or text[-1] not in ("四、监督检查", "（一）明察暗访", "1.逐项检查"), \
                (name, text)
    assert any(end.startswith(line[:8]) for end in ends)


def test_attachment_names_end_without_punctuation(county):
    """GB/T 9704 7.3.4: 附件名称后不加标点符号; a name typed with one loses it."""
    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    notice["attachments"] = [{"title": "补报材料要求。"}, {"title": "承诺书样式；"},
                             {"title": "。"}, {"title": "名单（样表）"}]
    doc = document.from_notice(notice, data.site, data.labels)
    assert doc.attachment_lines() == ["附件：1.补报材料要求", "2.承诺书样式", "3.名单（样表）"]


def test_only_the_last_line_of_a_long_paragraph_goes_with_the_signature(county, tmp_path):
    """Keep-with-next made LibreOffice move the whole last paragraph (five lines) with the
    署名 to page 2, leaving page 1 with room for four of them (the "short 通报 whose tail
    moves whole" of the review): the paragraph now fills page 1 and only its last line
    goes with the 署名. The text is the same, in the same order."""
    import copy

    data, _report = validate(county, NOW)
    line = "各单位要对照检查按时报送各类材料确保工作落实到位。"
    long = "各单位要高度重视专项治理工作切实加强组织领导主要负责人亲自抓分管负责人具体抓确保" * 3
    notice = copy.copy(next(n for n in data.notices if n["slug"] == SLUG))
    notice.pop("attachments")
    notice["body"] = "\n\n".join([f"{line}00", f"{line}01", long])
    made = document.make([notice], data, county)[SLUG]
    pages = _lines(made["pdf"], tmp_path)
    assert len(pages) == 2
    ours = [[box for box in page if box[0].startswith(("各单位要高度重视", "人亲自抓", "切实",
                                                        "位要", "分管"))] for page in pages]
    assert len(ours[0]) == 4 and len(ours[1]) == 1  # four lines on page 1, the last on 2
    signed = next(box for box in pages[1] if box[0] == ISSUERS[0])
    assert ours[1][0][4] < signed[2]
    assert abs(ours[1][0][1] - BLOCK_LEFT) < 2  # a continued line: no indent
    text = re.sub(r"\s+", "", "".join(box[0] for page in ours for box in page))
    assert text == long
    paragraphs = [t for _s, t in _paragraphs(made["docx"]) if t]
    at = paragraphs.index(f"{line}01") + 1
    assert "".join(paragraphs[at:at + 2]) == long and paragraphs[at] != long


def test_title_breaks_do_not_follow_words_the_site_build_adds():
    """The search plugin adds unit names to jieba's shared dictionary during a build; a
    title breaks the same before and after (its own tokenizer)."""
    import jieba

    title = "关于对县直机关工委一名干部受到不实举报予以澄清的公告"
    before = word.title_lines(title, 20)
    jieba.add_word("干部受到")
    try:
        assert word.title_lines(title, 20) == before
    finally:
        jieba.del_word("干部受到")


def test_a_list_of_short_numbered_items_is_not_kept_together(demo_documents, tmp_path):
    """The summary-phase 通知 lists three short items (1. 2. 3., read as level-3 headings);
    kept with next they went with the 署名 to page 2 as one block, leaving page 1 with one
    line of body. Only the last goes with the 署名."""
    pages = _lines(demo_documents["2026-11-05-summary-phase"], tmp_path)
    first = [box[0] for box in pages[0]]
    assert any(text.startswith("1.对整改台账") for text in first)
    assert any(text.startswith("2.逾期未销号") for text in first)
    assert any(box[0].startswith("3.于") for box in pages[1])


def test_no_paragraph_leaves_one_line_alone_at_a_page_break(county, tmp_path):
    """Widow and orphan control (GB/T 9704 allows a page of 21 lines): paragraphs of three
    lines after none, one or two paragraphs of one line put the page break after each of
    their lines; no page opens with a paragraph's last line alone, and none ends with a
    paragraph's first line alone. A heading still never ends a page."""
    data, _report = validate(county, NOW)
    base = dict(next(n for n in data.notices if n["slug"] == SLUG))
    base.pop("attachments")
    han = "各单位要高度重视专项治理工作切实加强组织领导主要负责人亲自抓分管负责人具体抓确保"
    short = "各单位要对照检查按时报送各类材料确保工作落实到位。"

    def body(offset: int) -> str:
        lines = [f"{short}{n:02d}" for n in range(offset)]
        lines += [f"起{n:02d}{han}{han[:14]}止{n:02d}" for n in range(12)]
        lines[7 + offset:7 + offset] = ["三、工作要求"]
        return "\n\n".join(lines)

    pdfs = pdf.convert({f"w{offset}": (word.write(document.from_notice(
        dict(base, body=body(offset)), data.site, data.labels), county / word.TEMPLATE),
        "20260407") for offset in range(3)}, county)
    for name, data_ in pdfs.items():
        pages = [[box[0].replace(" ", "") for box in page if box[4] < BLOCK_BOTTOM + 2]
                 for page in _lines(data_, tmp_path)]
        for number, text in enumerate(pages[:-1]):
            if number:
                assert not (re.search(r"止\d\d$", text[0]) and not text[0].startswith("起")), \
                    (name, number, text[:2])  # a widow
            assert not (text[-1].startswith("起") and "止" not in text[-1]), \
                (name, number, text[-2:])  # an orphan
            assert text[-1] != "三、工作要求", (name, number)


def test_a_listing_breaks_across_pages_with_its_header_row_repeated(county, tmp_path):
    """The frozen list of a 通报 starts on the page its introduction ends on, as far as
    the page holds its caption, header row and a row, and goes on to the next page under
    its header row again (the table is not moved whole, leaving page 1 half empty)."""
    data, _report = validate(county, NOW)
    base = dict(next(n for n in data.notices if n["slug"] == SLUG))
    rows = [{"unit": f"U{n:02d}", "unit_name": f"县第{n + 1}单位", "status": "未报送",
             "days_late": 18, "measure": "限期补报"} for n in range(30)]
    notice = dict(base, body="现将有关情况通报如下。", listing={
        "subject": "报送情况", "as_of": dt.date(2026, 4, 7), "rows": rows})
    made = pdf.convert({"t": (word.write(document.from_notice(notice, data.site, data.labels),
                                         county / word.TEMPLATE), "20260407")}, county)["t"]
    pages = _lines(made, tmp_path)
    first = [box[0].replace(" ", "") for box in pages[0]]
    # its heading and the line saying as of when, as its page prints them
    assert "通报名单" in first
    assert any(text.startswith("报送情况，统计截至2026年4月7日，共30项。") for text in first)
    header = next(n for n, text in enumerate(first) if text.startswith("序号"))
    assert first[header + 1].startswith("1县第1单位")
    rows_1 = [box for box in pages[0] if re.match(r"\d+县第", box[0].replace(" ", ""))]
    pitch = rows_1[-1][4] - rows_1[-2][4]
    assert BLOCK_BOTTOM - rows_1[-1][4] < pitch  # page 1 is full: no room for a row more
    second = [box[0].replace(" ", "") for box in pages[1]]
    assert second[0] == "序号单位情形逾期天数整改要求"
    listed = [int(m.group(1)) for page in pages for box in page
              if (m := re.match(r"(\d+)县第\1单位", box[0].replace(" ", "")))]
    assert listed == list(range(1, 31))


def test_a_notice_names_its_contact_in_a_note_under_its_date(county):
    """GB/T 9704 7.3.6: （联系人：…，联系电话：…） under the 成文日期, before the site's
    correction notes; the office number is public there and only there: the audit allows
    a published notice's contact number, never a draft's, and a mobile is no contact."""
    from generator import privacy

    data, _report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    notice["contact"] = {"name": "县纪委党风政风监督室", "phone": "0874-8212345"}
    notice["corrections"] = [{"date": dt.date(2026, 4, 10), "text": "更正：附件名称。"}]
    doc = document.from_notice(notice, data.site, data.labels)
    assert doc.notes == (data.labels["document"]["seal"],
                         "（联系人：县纪委党风政风监督室，联系电话：0874-8212345）",
                         "（本文件于2026年4月10日更正：附件名称。）")
    texts = _paragraphs(word.write(doc, county / word.TEMPLATE))
    at = texts.index(("成文日期", "2026年4月7日"))
    assert texts[at + 1:at + 4] == [("公文正文", note) for note in doc.notes]
    assert document.from_notice(dict(notice, contact=None), data.site, data.labels).notes == \
        doc.notes[:1] + doc.notes[2:]

    class Published(dict):
        published = True

    class Draft(dict):
        published = False

    assert privacy.notice_contact_phones([Published(notice), Draft(
        notice, contact={"name": "x", "phone": "0874-8212346"}), Published(
        notice, contact={"name": "x", "phone": "13912345678"})]) == ["0874-8212345"]
    assert privacy.office_phone("（0874）8212345") == "landline"
    assert privacy.office_phone("139 1234 5678") == "mobile"
    assert privacy.office_phone("0874-8212345，0874-8212346") == ""
    assert privacy.office_phone("8212345") == ""


def test_the_audit_allows_a_published_notices_contact_number_only():
    """The demo's commitments 通报 gives its office number as contact: the built page and
    documents print it, and the post-build audit lets that number (and no other) through
    where it is printed as the contact, in the words labels.yml or the issued notice has."""
    from generator import privacy

    data, report = validate(ROOT, NOW)
    assert report.valid
    policy = policy_for(data)
    # the scanner refuses every landline; the audit lets this one number through, and only
    # right after the words printed before it (test_audit plants it elsewhere)
    assert policy.contact_phones == {privacy.phone_key("0874-8212345")}
    assert policy.contact_labels == ("联系电话:",)  # normalised, as the audit reads the page
    assert [h.kind for h in policy.scanner.hits("联系电话：0874-8212346")] == ["landline"]
    notice = next(n for n in data.notices if n["slug"] == "2026-04-08-commitments-bulletin")
    assert notice["contact"] == {"name": "县专项治理办公室", "phone": "0874-8212345"}
    # labels.yml reworded after issue: the issued notice still prints the words it froze,
    # and the audit still knows them (it stopped the build on the issued 附注 before)
    assert notice["words"]["contact"] == "（联系人：{name}，联系电话：{phone}）"
    data.labels["document"]["contact"] = "（联系人：{name}；办公电话：{phone}）"
    assert policy_for(data).contact_labels == ("办公电话:", "联系电话:")


def test_enumeration_comma_numbers_the_third_level_as_the_seeds_do():
    """Seed 001 (a county's 方案) numbers under （一） with 1、 where GB/T 9704 writes 1.:
    "1、迅速动员部署。及时下发……" is the same run-in heading of level 3, and 1、 lines one
    after another are a list's items, as 1. lines are. A year before 、 is no number."""
    seed = ["(一)宣传动员(7月)",
            "1、迅速动员部署。及时下发工作方案,各地各单位要按照方案要求,结合实际抓好落实。",
            "2、强化宣传教育。在政府门户网站、电视台开设专栏。",
            "(四)建章立制(12月)"]
    assert document.body_blocks("\n\n".join(seed)) == [
        document.Heading(2, seed[0]),
        document.Paragraph("及时下发工作方案,各地各单位要按照方案要求,结合实际抓好落实。",
                           lead="1、迅速动员部署。", level=3),
        document.Paragraph("在政府门户网站、电视台开设专栏。", lead="2、强化宣传教育。", level=3),
        document.Heading(2, seed[3])]
    items = ["1、东城镇办事员张某某在办理低保申请中推诿扯皮",
             "2、县自然资源局干部王某某在项目审批中吃拿卡要"]
    after = "以上问题，各单位要引以为戒。"
    assert document.body_blocks("\n\n".join([*items, after])) == \
        [document.Paragraph(t) for t in [*items, after]]
    assert document.body_blocks(f"1、明确责任\n\n{after}")[0] == document.Heading(3, "1、明确责任")
    assert document.heading_level("12、按月报送") == 3
    assert document.heading_level("2025、2026年连续两年未完成整改") == 0


def test_the_cited_cases_never_go_inside_a_fenced_block():
    """A 通报's cited cases go after the block that introduces them, split at a blank line:
    the split read fences by its own rule (```` closed ```), so it cut a block the engine
    reads as one fenced block (closed by the very same fence only) and the page printed
    the cases inside the code. It now reads fences as sanitize.fenced_code does."""
    body = "```\n代码\n````\n\n现将有关问题通报如下。\n\n```\n\n其他。"
    assert document.split_after_intro(body) == (
        "```\n代码\n````\n\n现将有关问题通报如下。\n\n```", "其他。")


# A line break in a paragraph's source: nothing between two wide characters, a space
# elsewhere (softbreak.joinable), on the page and in the Word file and the PDF alike.
_MIXED_BODY = (
    "县城管局使用\nWPS办公系统。\n\n"
    "共整改\n15项，\n完成率\n100%。\n\n"
    "涉及韩文\n한국\n어资料。\n\n"
    "详见附表，\nExcel\n格式。\n\n"
    "全角ＡＢＣ\n全角。\n\n"
    "“重点”\n督办\n2\n起。\n"
)
_MIXED_SHOWN = ["县城管局使用 WPS办公系统。", "共整改 15项，完成率 100%。",
                "涉及韩文 한국 어资料。", "详见附表， Excel 格式。", "全角ＡＢＣ全角。",
                "“重点” 督办 2 起。"]


def test_a_line_break_shows_alike_on_the_page_and_in_the_word_file_and_pdf(tmp_path):
    import html as html_lib

    from generator import sanitize

    project = _project(tmp_path / "county")
    path = project / NOTICE
    text = path.read_text("utf-8")
    head, _body = text.rsplit("---\n\n", 1)
    path.write_text(f"{head}---\n\n{_MIXED_BODY}", "utf-8")
    site = build(project, NOW, history=False)
    page = sanitize.markdown_html(site.pages[f"notices/{SLUG}.md"].split("---\n", 2)[2])
    # what a browser shows of each paragraph: tags out, white space collapsed
    shown = [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", p)).split())
             for p in re.findall(r"<p>(.*?)</p>", page, flags=re.S)]
    assert [t for t in shown if t in _MIXED_SHOWN] == _MIXED_SHOWN
    texts = [t for _style, t in _paragraphs(site.files[f"notices/{SLUG}.docx"])]
    assert [t for t in texts if t in _MIXED_SHOWN] == _MIXED_SHOWN
    # pdftotext guesses a space where a Latin and a Han run meet (WPS 办公): the PDF's
    # line holds the page's text, its every space, and no other character
    lines = [" ".join(line.split()) for page_text in _pdftotext_pages(
        site.files[f"notices/{SLUG}.pdf"]) for line in page_text.split("\n")]
    found = [next((line for line in lines if line.replace(" ", "") == t.replace(" ", "")), "")
             for t in _MIXED_SHOWN]
    read = ["".join(" " if c == " " else re.escape(c) + " ?" for c in t) for t in _MIXED_SHOWN]
    assert [line for line, pattern in zip(found, read) if re.fullmatch(pattern, line)] \
        == found, found


def test_a_signature_wider_than_the_line_puts_the_date_at_the_margin(county):
    """The 成文日期 stands under the 署名, its first character placed by the widest
    organ's name: a name wider than the text block put the date left of the margin (a
    negative indent), and one of 12,000 characters (a paragraph pasted into `issuer`,
    which check accepts) overflowed Word's indent and the build stopped at a traceback."""
    data, report = validate(county, NOW)
    notice = dict(next(n for n in data.notices if n["slug"] == SLUG))
    for issuer in ("中共演示县" + "纪律检查委员会派驻机构" * 4, "委" * 12000):
        notice["issuer"] = issuer
        doc = document.from_notice(notice, data.site, data.labels)
        body = _xml(word.write(doc, county / word.TEMPLATE), "word/document.xml").find(f"{W}body")
        date = next(p for p in body.findall(f"{W}p") if _text(p) == doc.signed_text)
        indent = date.find(f"{W}pPr/{W}ind")
        assert {k.rsplit("}", 1)[1]: v for k, v in indent.attrib.items()} == {"left": "0"}
