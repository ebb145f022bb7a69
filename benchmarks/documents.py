"""Time and size of the 公文 documents, by the two ways a PDF can be made.

    python benchmarks/documents.py [N]        # N copies of the demo 通报 (default 10)

From one `Document` model (the demo's commitments 通报 with every 公文 field):
- Word: python-docx through site_config/document-template.docx (what the build does);
- PDF A: LibreOffice converting those .docx files in one run (what the build does),
  cold (no cache) and cached;
- PDF B: WeasyPrint laying out HTML+CSS made from the same model, if weasyprint is
  installed (`pip install weasyprint`; not a dependency of the project).
Prints seconds per document and bytes per file. Fidelity is judged on the pages
(`pdftoppm -png`), not here: B is a second layout of the same content that the county's
template does not reach.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import document, pdf, word  # noqa: E402

BODY = (ROOT / "tests/data/documents/content/notices/2026-04-08-commitments-bulletin.md") \
    .read_text("utf-8").split("---", 2)[2]
NOTICE = {"slug": "bench", "title": "关于未按时报送作风承诺书单位的通报",
          "date": dt.date(2026, 4, 8), "category": "通报", "doc_number": "演纪通〔2026〕5号",
          "to": "各乡（镇）党委、政府，县直各单位", "signed_on": dt.date(2026, 4, 7),
          "cc": ["市纪委监委", "县委办公室", "县人民政府办公室"],
          "attachments": [{"file": "a.docx", "title": "补报材料要求"}], "body": BODY}
SITE = {"authority": "中共演示县纪律检查委员会　演示县监察委员会"}

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-right { content: "— " counter(page) " —"; font: 14pt "Noto Serif CJK SC"; } }
body { font: 16pt/28.95pt "AR PL UMing CN"; text-align: justify; }
.mark { color: red; font: bold 30pt "Noto Serif CJK SC"; text-align: center; margin-top: 35mm; }
.number { text-align: center; border-bottom: 1.5pt solid red; padding-bottom: 4mm;
          margin-top: 58pt; }
h1 { font: bold 22pt/35pt "Noto Serif CJK SC"; text-align: center; margin: 58pt 0 29pt; }
p { margin: 0; text-indent: 2em; } .to { text-indent: 0; }
h2 { font: 16pt "Noto Sans CJK SC"; margin: 0; text-indent: 2em; }
h3 { font: 16pt "AR PL UKai CN"; margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; }
td, th { border: 0.5pt solid black; text-align: center; }
.sign { text-align: right; margin-top: 58pt; } .date { text-align: right; margin-right: 4em; }
.record { border-top: 1pt solid; border-bottom: 1pt solid; font-size: 14pt; margin-top: 29pt; }
"""


def as_html(d: document.Document) -> str:
    """The same model as HTML for WeasyPrint (benchmark only)."""
    e = html.escape
    out = [f"<style>{CSS}</style>", f'<div class="mark">{"<br>".join(map(e, d.issuers))}</div>',
           f'<div class="number">{e(d.doc_number)}</div>', f"<h1>{e(d.title)}</h1>",
           f'<p class="to">{e(d.to)}</p>']
    for block in d.blocks:
        if isinstance(block, document.Table):
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>"
                           for r in [block.header, *block.rows])
            out.append(f"<table>{rows}</table>")
        elif isinstance(block, document.Heading):
            out.append(f"<h{block.level + 1}>{e(block.text)}</h{block.level + 1}>")
        else:
            out.append(f"<p>{e(block.lead)}{e(block.text)}</p>")
    out += [f"<p>{e(line)}</p>" for line in d.attachment_lines()]
    out += [f'<div class="sign">{e(i)}</div>' for i in d.issuers]
    out.append(f'<div class="date">{e(d.signed_text)}</div>')
    out.append(f'<div class="record"><div>{e(d.cc_text)}</div><div>{e(d.printer)}　'
               f'{e(d.printed_text)}</div></div>')
    return "<!doctype html><meta charset=utf-8>" + "".join(out)


def main(count: int) -> None:
    import yaml

    labels = yaml.safe_load((ROOT / "site_config/labels.yml").read_text("utf-8"))
    model = document.from_notice(NOTICE, SITE, labels)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GENERATOR_CACHE"] = tmp
        start = time.perf_counter()
        docx = [word.write(model, ROOT / word.TEMPLATE) for _ in range(count)]
        t_docx = (time.perf_counter() - start) / count
        # Distinct files (a different 成文日期 each), so the cache cannot help the cold run.
        batch = {f"d{i}": (docx[0], f"2026{1 + i % 12:02d}{1 + i // 12:02d}")
                 for i in range(count)}
        start = time.perf_counter()
        pdfs = pdf.convert(batch, ROOT)
        t_cold = time.perf_counter() - start
        start = time.perf_counter()
        pdf.convert(batch, ROOT)
        t_cached = time.perf_counter() - start
        start = time.perf_counter()
        single = pdf.convert({"one": (docx[0], "20300101")}, ROOT)
        t_single = time.perf_counter() - start
    print(f"documents: {count}")
    print(f"docx  python-docx      {t_docx * 1000:7.0f} ms/doc  {len(docx[0]):>8,} B")
    print(f"pdf   LibreOffice 1 doc {t_single:6.2f} s       {len(single['one']):>8,} B")
    print(f"pdf   LibreOffice batch {t_cold / count:6.2f} s/doc   "
          f"{statistics.mean(len(p) for p in pdfs.values()):>8,.0f} B  ({t_cold:.1f} s in all)")
    print(f"pdf   LibreOffice cache {t_cached / count * 1000:6.0f} ms/doc")
    try:
        import weasyprint
    except ImportError:
        print("pdf   WeasyPrint         not installed")
        return
    text = as_html(model)
    start = time.perf_counter()
    out = [weasyprint.HTML(string=text).write_pdf() for _ in range(min(count, 5))]
    t_weasy = (time.perf_counter() - start) / len(out)
    print(f"pdf   WeasyPrint {weasyprint.__version__:8s} {t_weasy:6.2f} s/doc   "
          f"{len(out[0]):>8,} B")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
