"""Build synthetic counties at several scales and report time and bytes per page.

    python benchmarks/build_scale.py            # scales 1, 10, 30
    python benchmarks/build_scale.py 1 3        # other scales

Time is wall-clock seconds of `mkdocs build`; sizes are bytes of the built HTML. The
claim to check: time grows linearly with the data (scale 10 <= 10 x scale 1, +-15 %)
and no record page, nor the navigation, grows with the number of records.
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795104000"  # 2026-11-20 00:00 Asia/Shanghai, after every event in the data


def build(scale: int, work: Path) -> dict:
    project = work / f"scale-{scale}"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "synth",
                    "--scale", str(scale), "--out", str(project)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    str(project / "mkdocs.yml"), "-d", str(project / "site")], check=True,
                   env=env, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return measure(project / "site", scale, seconds)


def primary_nav(html: str) -> str:
    """The navigation every page embeds: the tabs plus the primary sidebar."""
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S)
    side = re.search(r'<nav class="md-nav md-nav--primary.*?(?=<div class="md-sidebar '
                     r'md-sidebar--secondary")', html, re.S)
    return (tabs.group(0) if tabs else "") + (side.group(0) if side else "")


def measure(site: Path, scale: int, seconds: float) -> dict:
    cases = [p.stat().st_size for p in site.glob("cases/2*/index.html")]
    units = [p.stat().st_size for p in site.glob("units/*/index.html")
             if not p.parent.name.startswith("kind-")]
    # The demo's own records (the first block of every synthetic county): the same
    # records at every scale, so their pages can be compared byte for byte.
    demo = {p.relative_to(site).as_posix(): p.stat().st_size
            for p in list(site.glob("cases/2026-0[0-4][0-9]/index.html"))
            + [u for u in site.glob("units/*/index.html")
               if "-" not in u.parent.name and not u.parent.name.startswith("kind")]}
    pages = list(site.rglob("*.html"))
    home = (site / "index.html").read_text("utf-8")
    return {
        "scale": scale, "seconds": seconds, "pages": len(pages),
        "case_mean": statistics.mean(cases), "case_max": max(cases),
        "unit_mean": statistics.mean(units), "unit_max": max(units),
        "nav_bytes": len(primary_nav(home).encode()), "demo": demo,
        "search_index": (site / "search" / "search_index.json").stat().st_size,
        "total_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def main(scales: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = [build(scale, Path(tmp)) for scale in scales]
    base = results[0]
    print(f"{'scale':>5} {'pages':>6} {'seconds':>8} {'x base':>7} {'case page B':>12} "
          f"{'(max)':>7} {'unit page B':>12} {'(max)':>7} {'nav B':>6} {'search KB':>10}")
    for r in results:
        print(f"{r['scale']:>5} {r['pages']:>6} {r['seconds']:>8.1f} "
              f"{r['seconds'] / base['seconds']:>7.2f} {r['case_mean']:>12.0f} {r['case_max']:>7} "
              f"{r['unit_mean']:>12.0f} {r['unit_max']:>7} {r['nav_bytes']:>6} "
              f"{r['search_index'] / 1024:>10.0f}")
    for r in results[1:]:
        limit = r["scale"] / base["scale"] * 1.15
        verdict = "within" if r["seconds"] / base["seconds"] <= limit else "OVER"
        grown = [p for p, size in r["demo"].items() if size > base["demo"].get(p, size)]
        print(f"scale {r['scale']}: {r['seconds'] / base['seconds']:.2f} x scale "
              f"{base['scale']} time ({verdict} the linear limit {limit:.1f} x); "
              f"the demo's {len(base['demo'])} record pages: {len(grown)} larger than at scale "
              f"{base['scale']} (largest {max(r['demo'].values())} B vs "
              f"{max(base['demo'].values())} B); nav {r['nav_bytes']} B vs {base['nav_bytes']} B")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 30])
