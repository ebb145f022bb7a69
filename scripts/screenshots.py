"""Screenshots of every page kind at phone and desktop width, for reviewers.

    python scripts/screenshots.py SITE_DIR OUT_DIR     (make screenshots)

Serves the built site on a loopback port and drives Debian's Chromium with Playwright;
the first page of a 通报's PDF is rendered with pdftoppm (poppler-utils).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from test_browser import CHROMIUM_ARGS, PAGES, _chromium  # noqa: E402

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def main(site: Path, out: Path) -> int:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    if executable is None:
        print("No Chromium: install Debian's chromium package.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale="zh-CN",
                                          is_mobile=size == "phone")
            page = context.new_page()
            for kind, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(out / f"{kind}-{size}.png"), full_page=True)
            context.close()
        browser.close()
    httpd.shutdown()
    print(f"{len(PAGES) * len(SIZES)} screenshots in {out}")
    return document_page(site, out)


def document_page(site: Path, out: Path) -> int:
    """document-tongbao.png: page 1 of the first issued 通报 as printed."""
    from generator import document
    from generator.checks import validate

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("No pdftoppm: run make document-tools.", file=sys.stderr)
        return 1
    data, _report = validate(ROOT)
    for notice in document.issued(data):
        if notice["category"] == "通报":
            pdf = site / document.site_paths(notice)["pdf"]
            subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(out / "document-tongbao")], check=True)
            print(f"{out / 'document-tongbao.png'}: page 1 of {pdf.name}")
            return 0
    print("No published 通报 to render.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
