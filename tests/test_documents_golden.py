"""Golden text and structure of issued 公文's Word and PDF files.

An issued document is frozen (case_texts, words, attachment digests, document style), but
it is laid out by `document.py` and `word.py`: a change there changes every document the
commission has issued before, silently. These goldens hold what two demo notices' .docx
say and how they are set (each paragraph's style, alignment, indents, fonts, sizes and
colour; each table's cells; the page set-up) and what their PDFs read (pdftotext, page
by page), so such a change is seen in review. A deliberate one: run
`pytest tests/test_documents_golden.py --update-golden`, read the diff, and say in the
commit which issued documents change and why (README: "Changing how issued documents are
laid out").
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import NOW, ROOT
from generator import document
from generator.checks import validate

GOLDEN = Path(__file__).parent / "golden" / "documents"
# a 通报 with its 通报名单, 附件, 抄送 and contact; a 通报 printing the cases it froze
NOTICES = ("2026-04-08-commitments-bulletin", "2026-05-20-typical-cases")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def issued_documents(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    project = tmp_path_factory.mktemp("golden-documents")
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    data, report = validate(project, NOW)
    assert report.valid
    chosen = [n for n in document.issued(data) if n["slug"] in NOTICES]
    assert sorted(n["slug"] for n in chosen) == sorted(NOTICES)
    return document.make(chosen, data, project)


def _attr(element, path: str, name: str) -> str:
    found = element.find(path)
    return "" if found is None else found.get(_W + name) or ""


def _run_style(run) -> str:
    """A run's font (East Asian and Latin), size in half points, bold, colour."""
    return ",".join(part for part in (
        _attr(run, f"{_W}rPr/{_W}rFonts", "eastAsia"), _attr(run, f"{_W}rPr/{_W}rFonts", "ascii"),
        _attr(run, f"{_W}rPr/{_W}sz", "val"),
        "b" if run.find(f"{_W}rPr/{_W}b") is not None
        and _attr(run, f"{_W}rPr/{_W}b", "val") not in ("0", "false") else "",
        _attr(run, f"{_W}rPr/{_W}color", "val")) if part)


def _paragraph(p) -> str:
    """One line: [style align indents spacing keep page-break] then its runs as
    {run style}text; a run's text as Word shows it (tabs and breaks marked)."""
    props = [_attr(p, f"{_W}pPr/{_W}pStyle", "val"), _attr(p, f"{_W}pPr/{_W}jc", "val")]
    ind = p.find(f"{_W}pPr/{_W}ind")
    if ind is not None:
        props.append("ind:" + ",".join(f"{k[len(_W):]}={v}" for k, v in sorted(ind.attrib.items())))
    spacing = p.find(f"{_W}pPr/{_W}spacing")
    if spacing is not None:
        props.append("sp:" + ",".join(f"{k[len(_W):]}={v}" for k, v in sorted(spacing.attrib.items())))
    for flag in ("keepNext", "keepLines", "pageBreakBefore"):
        if p.find(f"{_W}pPr/{_W}{flag}") is not None:
            props.append(flag)
    runs, last = [], None
    for run in p.iter(f"{_W}r"):
        text = "".join(t.text or "" if t.tag == f"{_W}t" else "⇥" if t.tag == f"{_W}tab"
                       else "↵" if t.tag == f"{_W}br" else "" for t in run)
        if "PAGE" in "".join(i.text or "" for i in run.iter(f"{_W}instrText")):
            text += "«PAGE»"
        if not text:
            continue
        style = _run_style(run)
        runs.append(text if style == last else "{" + style + "}" + text)
        last = style
    return "P[" + " ".join(x for x in props if x) + "] " + "".join(runs)


def docx_outline(data: bytes) -> str:
    """What a .docx says and how it is set, one line a paragraph or table row."""
    import zipfile

    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(data))
    lines = []
    for name in sorted(n for n in archive.namelist()
                       if n.startswith("word/") and n.endswith(".xml")
                       and n.split("/")[-1].startswith(("document", "header", "footer"))):
        root = etree.fromstring(archive.read(name))
        lines.append(f"== {name}")
        body = root.find(f"{_W}body")
        for element in (body if body is not None else root):
            if element.tag == f"{_W}p":
                lines.append(_paragraph(element))
            elif element.tag == f"{_W}tbl":
                for row in element.iter(f"{_W}tr"):
                    lines.append("T| " + " | ".join(
                        " / ".join(_paragraph(p) for p in cell.iter(f"{_W}p"))
                        for cell in row.iter(f"{_W}tc")))
            elif element.tag == f"{_W}sectPr":
                size, margins = element.find(f"{_W}pgSz"), element.find(f"{_W}pgMar")
                lines.append("S " + " ".join(
                    f"{k[len(_W):]}={v}" for e in (size, margins) if e is not None
                    for k, v in sorted(e.attrib.items())))
    used = {line.split("[", 1)[1].split(" ", 1)[0].rstrip("]") for line in lines
            if line.startswith(("P[", "T|"))}
    styles = etree.fromstring(archive.read("word/styles.xml"))
    lines.append("== word/styles.xml (the styles used)")
    for style in styles.iter(f"{_W}style"):
        if style.get(f"{_W}styleId") in used or _attr(style, f"{_W}name", "val") in used:
            lines.append(f"{style.get(_W + 'styleId')}: " + _paragraph(style).split("] ", 1)[0]
                         + "] " + _run_style(style))
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it (reading order), page by page: its lines as
    the installed fonts break them."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = out.rstrip("\f").split("\f")
    return "".join(f"== page {number}\n" + "".join(line.strip() + "\n" for line in
                                                  page.split("\n") if line.strip())
                   for number, page in enumerate(pages, start=1))


_FOLIO = re.compile(r"—[0-9]+—")


def words_of(raw: str) -> str:
    """What a PDF says whatever fonts lay it out, from its text in the order LibreOffice
    writes it (pdftotext -raw: a table cell by cell, so a cell wrapped otherwise reads the
    same): no line breaks or spaces, no page numbers, no header row a table repeats on
    the page it runs on to (where a table breaks is the fonts'); one sentence a line, for
    a readable diff."""
    text, seen = "", set()
    for page in raw.rstrip("\f").split("\f"):
        lines = [re.sub(r"\s", "", line) for line in page.split("\n")]
        lines = [line for line in lines if line and not _FOLIO.fullmatch(line)]
        if lines and lines[0] in seen:
            lines = lines[1:]  # a table's header row (tblHeader) on the page it runs on to
        seen.update(line for line in lines if line.startswith("序号"))
        text += "".join(lines)
    return re.sub(r"([。；：])", "\\1\n", text).rstrip("\n") + "\n"


def pdf_words(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return words_of(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                                   capture_output=True, check=True).stdout.decode("utf-8"))


def pdf_fonts(data: bytes, tmp_path: Path) -> str:
    """The fonts the PDF embeds (pdffonts, without the subset tag): what its line and page
    breaks depend on."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True,
                         check=True).stdout.decode("utf-8")
    names = {line.split()[0].split("+", 1)[-1] for line in out.split("\n")[2:] if line.strip()}
    return ", ".join(sorted(names))


def _golden_pdf(slug: str) -> dict[str, str]:
    """The PDF golden's parts: `fonts`, `words` (compared on every machine) and `lines`
    (the line and page breaks those fonts made)."""
    text = (GOLDEN / f"{slug}.pdf.txt").read_text("utf-8")
    return dict(re.findall(r"^=== (\w+)\n(.*?)(?=^=== |\Z)", text, re.S | re.M))


def _write_golden_pdf(slug: str, made: bytes, tmp_path: Path) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    (GOLDEN / f"{slug}.pdf.txt").write_text(
        f"=== fonts\n{pdf_fonts(made, tmp_path)}\n=== words\n{pdf_words(made, tmp_path)}"
        f"=== lines\n{pdf_text(made, tmp_path)}", encoding="utf-8")


_CHANGED = ("{name} changed: an issued 公文 would be laid out anew. If deliberate, run pytest "
            "{test} --update-golden, review the diff and say why")


@pytest.mark.parametrize("slug", NOTICES)
def test_an_issued_word_file_is_laid_out_as_it_was(slug, issued_documents, request):
    made = issued_documents[slug]["docx"]
    text = docx_outline(made)
    golden = GOLDEN / f"{slug}.docx.txt"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text("utf-8"), _CHANGED.format(
        name=f"{slug}.docx", test=Path(__file__).name)


@pytest.mark.parametrize("slug", NOTICES)
def test_an_issued_pdf_says_what_it_said_whatever_the_fonts(slug, issued_documents, request,
                                                            tmp_path):
    """Every word of the PDF, in order, on any machine: the fonts installed decide where
    its lines and pages break, never what it says nor in which order."""
    made = issued_documents[slug]["pdf"]
    if request.config.getoption("--update-golden"):
        _write_golden_pdf(slug, made, tmp_path)
    assert pdf_words(made, tmp_path) == _golden_pdf(slug)["words"], _CHANGED.format(
        name=f"{slug}.pdf", test=Path(__file__).name)


@pytest.mark.parametrize("slug", NOTICES)
def test_an_issued_pdf_breaks_its_lines_as_it_did_with_the_same_fonts(slug, issued_documents,
                                                                      request, tmp_path):
    """With the fonts the golden was made with (the PDF embeds the same ones), every line
    and page break as it was: keep-with-next, the last line sent on with the 署名, the 版记
    page. With other fonts a difference is the machine's, not the layout's: skipped,
    saying which fonts differ (the words above and the .docx golden still hold, and
    test_documents.py measures the 版记 and page numbers of every PDF)."""
    made = issued_documents[slug]["pdf"]
    if request.config.getoption("--update-golden"):
        _write_golden_pdf(slug, made, tmp_path)
    golden = _golden_pdf(slug)
    fonts = pdf_fonts(made, tmp_path)
    if fonts != golden["fonts"].strip():
        pytest.skip(f"the PDF embeds {fonts}; the golden's lines were set with "
                    f"{golden['fonts'].strip()}")
    assert pdf_text(made, tmp_path) == golden["lines"], _CHANGED.format(
        name=f"{slug}.pdf", test=Path(__file__).name)


def test_the_pdf_words_are_blind_to_line_breaks_and_not_to_text():
    """The font-free reading of a PDF is not blind (a test that cannot fail is none): a
    word changed or two swapped change it; a line broken elsewhere, a page broken
    elsewhere with the table's header row repeated there, and the page numbers do not."""
    one = ("关于某事的通报\n各单位：\n现将有关情况通报如下。\n序号 单位 情形\n1 东城镇 未报送\n"
           "2 西河乡 迟报\n— 1 —\f")
    other_fonts = ("关于某事的\n通报\n各单位：\n现将有关情况通报\n如下。\n序号 单位 情形\n"
                   "1 东城镇 未报送\n— 1 —\f序号 单位 情形\n2 西河乡 迟报\n— 2 —\f")
    assert words_of(one) == words_of(other_fonts) == (
        "关于某事的通报各单位：\n现将有关情况通报如下。\n序号单位情形1东城镇未报送2西河乡迟报\n")
    assert words_of(one.replace("迟报", "未报送")) != words_of(one)
    assert words_of(one.replace("1 东城镇", "1 西河乡").replace("2 西河乡", "2 东城镇")) \
        != words_of(one)


def test_the_outline_sees_a_change_of_size_and_of_text():
    """The outline is not blind to what a layout change alters (a test that cannot fail
    is none): a run's size and a word of text each change it."""
    import zipfile

    from generator import word

    doc = document.Document(slug="x", issuers=("中共演示县纪律检查委员会",), doc_number="演纪发〔2026〕1号",
                            title="关于某事的通报", to="各单位：",
                            blocks=(document.Paragraph("正文。", lead="1.标题。", level=3),),
                            words={"attachments": "附件：", "cc": "抄送：",
                                   "printed": "{date}印发"})
    made = word.write(doc, ROOT / word.TEMPLATE)
    outline = docx_outline(made)
    assert "正文。" in outline and "关于某事的通报" in outline
    archive = zipfile.ZipFile(io.BytesIO(made))
    xml = archive.read("word/document.xml").decode("utf-8")
    size = re.search(r"<w:r>(?:(?!</w:r>).)*?(<w:sz w:val=\"\d+\"/>)", xml).group(1)

    def rewritten(old: str, new: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in archive.infolist():
                body = archive.read(item.filename)
                if item.filename == "word/document.xml":
                    body = body.decode("utf-8").replace(old, new, 1).encode("utf-8")
                target.writestr(item.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    assert docx_outline(rewritten(size, '<w:sz w:val="99"/>')) != outline
    assert docx_outline(rewritten("正文。", "正文！")) != outline
