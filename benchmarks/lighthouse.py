"""Lighthouse (mobile) on the demo county, served with gzip by a local server, and the
weight of a case page's first view. A benchmark, not a test: it prints numbers.

    .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--runs N]

Needs Node.js and Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse
13.5.0 is installed from npm into benchmarks/out/node/ on first use.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
NODE = OUT / "node"
LIGHTHOUSE = "13.5.0"
PAGES = {"home": "", "case": "cases/2026-002/", "statistics": "statistics/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")
EPOCH = "1795104000"  # 2026-11-20 00:00 Asia/Shanghai, the tests' build time


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the client accepts it, as a
    production web server is configured."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or not path.name.endswith(TEXT)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and path.name == "index.html" \
                and not self.path.split("?")[0].endswith("index.html"):
            return super().send_head()  # let the base class redirect to the slash URL
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def build(site: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    str(ROOT / "mkdocs.yml"), "-d", str(site)], check=True, env=env)


def lighthouse_bin() -> Path:
    binary = NODE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        NODE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "--prefix", str(NODE), f"lighthouse@{LIGHTHOUSE}"], check=True)
    return binary


def run(url: str, report: Path) -> dict:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    subprocess.run([str(lighthouse_bin()), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                    "--disable-background-networking --disable-component-update"],
                   check=True, env=dict(os.environ, CHROME_PATH=chrome))
    return json.loads(report.read_text("utf-8"))


def first_view(result: dict) -> dict[str, int]:
    """Bytes on the wire (gzipped) of the page's first view, by kind."""
    kinds = {"Document": "html", "Stylesheet": "css", "Script": "js", "Fetch": "index",
             "XHR": "index", "Image": "images", "Other": "other"}
    out: dict[str, int] = {}
    for item in result["audits"]["network-requests"]["details"]["items"]:
        kind = kinds.get(item.get("resourceType"), "other")
        if item["url"].endswith(".js"):
            kind = "js"  # the search worker is fetched as "Other"
        out[kind] = out.get(kind, 0) + int(item.get("transferSize") or 0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", help="a built site (default: build the demo now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median is shown)")
    args = parser.parse_args()
    site = Path(args.site) if args.site else OUT / "lighthouse-site"
    if not args.site:
        build(site)
    httpd, base = serve(site)
    rows, weights = [], {}
    try:
        for name, path in PAGES.items():
            runs = [run(base + path, OUT / f"lighthouse-{name}-{n}.json")
                    for n in range(args.runs)]
            scores = {c: statistics.median(round(r["categories"][c]["score"] * 100) for r in runs)
                      for c in CATEGORIES}
            scores["best"] = max(round(r["categories"]["performance"]["score"] * 100)
                                 for r in runs)
            rows.append((name, scores))
            weights[name] = first_view(runs[0])
            for cat in CATEGORIES:
                failed = [a for a, ref in ((ref["id"], ref) for ref in
                          runs[0]["categories"][cat]["auditRefs"])
                          if ref.get("weight") and (runs[0]["audits"][a]["score"] or 0) < 1]
                if failed and cat != "performance":
                    print(f"  {name} {cat}: not full marks on {', '.join(failed)}")
    finally:
        httpd.shutdown()
    index = site / "search" / "search_index.json"
    index_gz = len(gzip.compress(index.read_bytes(), compresslevel=6, mtime=0))
    # Simulated throttling scales the CPU time it observes: on a busy machine performance
    # (total blocking time) reads low; the load average says how busy this one was.
    print(f"Lighthouse {LIGHTHOUSE}, mobile, median of {args.runs} run(s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("| page | performance (median / best) | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, s in rows:
        print(f"| {name} | {s['performance']} / {s['best']} | {s['accessibility']} | "
              f"{s['best-practices']} | {s['seo']} |")
    case = weights["case"]
    first = case.get("html", 0) + case.get("css", 0) + case.get("js", 0)
    print()
    print(f"First view of a case page, gzipped: HTML {case.get('html', 0):,} B, "
          f"CSS {case.get('css', 0):,} B, JS {case.get('js', 0):,} B = {first:,} B "
          f"({first / 1024:.1f} KB); images {case.get('images', 0):,} B.")
    print(f"Search index {index.stat().st_size:,} B ({index_gz:,} B gzipped), fetched only "
          f"when search is first used: with it {(first + index_gz) / 1024:.1f} KB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
