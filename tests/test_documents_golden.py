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
    """The PDF's text as pdftotext reads it (reading order), page by page."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = out.rstrip("\f").split("\f")
    return "".join(f"== page {number}\n" + "".join(line.strip() + "\n" for line in
                                                  page.split("\n") if line.strip())
                   for number, page in enumerate(pages, start=1))


@pytest.mark.parametrize("slug", NOTICES)
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_issued_document_is_laid_out_as_it_was(slug, kind, issued_documents, request,
                                                  tmp_path):
    made = issued_documents[slug][kind]
    text = docx_outline(made) if kind == "docx" else pdf_text(made, tmp_path)
    golden = GOLDEN / f"{slug}.{kind}.txt"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text("utf-8"), (
        f"{slug}.{kind} changed: an issued 公文 would be laid out anew. If deliberate, run "
        f"pytest {Path(__file__).name} --update-golden, review the diff and say why")


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
