"""One model of HTML, one normalisation, one masking (issue 11), outside the fixtures."""
import csv
import io
import json
import subprocess

import pytest

from conftest import NOW, NOW_EPOCH, ROOT, make_project
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
        extra: dict = {}
        theme: dict = {}  # what the hook sets for the reader (logo, favicon, palette names)
        plugins: dict = {}

    config = Config()
    mkdocs_hook.on_config(config)
    assert config.nav[0] == {"首页 &amp; 动态": "index.md"}


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
    import yaml

    engine = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names = {next(iter(e)) if isinstance(e, dict) else e for e in engine["markdown_extensions"]}
    # toc only adds ids to headings; anything else that makes markup must be modelled.
    assert names - {"toc"} == set(sanitize.MARKDOWN_EXTENSIONS)


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
