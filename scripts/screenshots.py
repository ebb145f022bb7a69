"""Screenshots of every page kind at phone and desktop width, for reviewers.

    python scripts/screenshots.py SITE_DIR OUT_DIR     (make screenshots)

Serves the built site on a loopback port and drives Debian's Chromium with Playwright.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
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
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
