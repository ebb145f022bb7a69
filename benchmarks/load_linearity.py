"""Seconds to load and check one file against its size: every reader is linear.

    python benchmarks/load_linearity.py              # sizes 64 KB to 1 MB

For each hostile shape (one huge YAML value, thousands of control characters, a
front-matter that never closes, one huge CSV cell, many CSV rows, a line of 5,000
brackets, a mojibake file) the file is written at doubling sizes into a copy of the
minimal project and `validate` is timed on it (best of five). The claim to check: the
time above the empty project grows no faster than the size (the ratio column stays near
2 for each doubling, never near 4), and 1 MB is checked in well under a second of
loader time.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import NOW, make_project  # noqa: E402
from generator.checks import validate  # noqa: E402

CASE = "data/cases/2026-001.yml"
LEDGER = "data/ledger/台账.csv"
NOTICE = "content/notices/2026-05-notice.md"


def shapes(project: Path) -> dict:
    case = (project / CASE).read_text("utf-8")
    ledger = (project / LEDGER).read_text("utf-8")
    notice = (project / NOTICE).read_text("utf-8")
    row = ledger.split("\n")[2].split(",", 1)[1]
    return {
        "YAML value, one line": (CASE, lambda n: case.replace(
            "outcome: 责令整改。", "outcome: " + "责令整改" * (n // 12))),
        "YAML literal block": (CASE, lambda n: case.replace(
            "outcome: 责令整改。", "outcome: |\n" + "  责令整改，限期办结。\n" * (n // 34))),
        "YAML control chars": (CASE, lambda n: case.replace(
            "outcome: 责令整改。", "outcome: " + "整改\x0b" * (n // 7))),
        "YAML nested brackets": (CASE, lambda n: case + "deep: " + "[" * (n // 2) + "]" * (n // 2)),
        "front matter unclosed": (NOTICE, lambda n: notice.replace("---\n\n", "\n")
                                  + "正文第一段。\n" * (n // 19)),
        "CSV one huge cell": (LEDGER, lambda n: ledger.replace(
            "审批时限长", "审批" + "长" * min(n // 3, 32000))),
        "CSV many rows": (LEDGER, lambda n: ledger + "".join(
            f"T{i},{row}\n" for i in range(n // 130))),
        "CSV quote never closed": (LEDGER, lambda n: ledger.replace(
            "审批时限长", '"审批时限长') + "x,y\n" * (n // 4)),
    }


def timed(project: Path) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        validate(project, NOW)
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as work:
        project = make_project(Path(work) / "county")
        base = timed(project)
        print(f"empty project: {base:.3f} s")
        print(f"{'shape':<24}" + "".join(f"{s // 1024:>8} KB" for s in sizes) + "   ratios")
        for name, (rel, make) in shapes(project).items():
            original = (project / rel).read_bytes()
            base = timed(project)  # again: other work on the machine moves it
            seconds = []
            for size in sizes:
                (project / rel).write_text(make(size), "utf-8")
                seconds.append(max(timed(project) - base, 1e-4))
            (project / rel).write_bytes(original)
            ratios = [b / a for a, b in zip(seconds, seconds[1:])]
            print(f"{name:<24}" + "".join(f"{s:>10.3f}" for s in seconds) + "   "
                  + " ".join(f"{r:.1f}" for r in ratios))
        shutil.rmtree(project)


if __name__ == "__main__":
    main([int(a) * 1024 for a in sys.argv[1:]] or [65536, 131072, 262144, 524288, 1048576])
