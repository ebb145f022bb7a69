"""Peak memory of `generator check` against the size of one ledger CSV.

    python benchmarks/ledger_memory.py            # 1, 5, 10 and 50 MB ledgers
    python benchmarks/ledger_memory.py 2 20       # other sizes in MB

Each size runs `python -m generator check` in a fresh process over a copy of the demo
county whose ledger is one CSV of about that many megabytes (rows with distinct ids,
each about 130 bytes, so 50 MB is about 380,000 rows). It prints the peak resident
memory of that process, the ratio to the file size, and the exit status. The claim to
check: files up to the documented limit (load.MAX_TABLE_BYTES) stay under 10x their size
(beyond the ~100 MB the interpreter and libraries take before reading anything), and a
larger file is refused at once with one problem, without being read.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795104000"  # 2026-11-20 00:00 Asia/Shanghai


def write_ledger(path: Path, megabytes: float) -> int:
    rows = (ROOT / "data/ledger/自查自纠台账.csv").read_text("utf-8-sig").splitlines()
    header, body = rows[0], rows[1:]
    target = int(megabytes * 1024 * 1024)
    written, count = 0, 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        while written < target:
            row = body[count % len(body)].split(",", 1)[1]
            line = f"BM-{count:07d},{row}\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def peak(project: Path) -> tuple[int, int, str]:
    """(peak RSS in bytes, exit status, last line of output) of one check run."""
    code = ("import resource, sys, runpy\n"
            "sys.argv = ['generator', '--root', sys.argv[1], 'check']\n"
            "try:\n"
            "    runpy.run_module('generator', run_name='__main__')\n"
            "except SystemExit as e:\n"
            "    status = e.code\n"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, status)\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True,
                          text=True, env=env)
    lines = done.stdout.strip().splitlines()
    kib, status = lines[-1].split()[1:]
    problems = [line for line in lines if "台账" in line and ": " in line][:1]
    return int(kib) * 1024, int(status), problems[0] if problems else ""


def main(sizes: list[float]) -> None:
    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "county"
        for folder in ("site_config", "data", "content"):
            shutil.copytree(ROOT / folder, project / folder)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        ledger = project / "data/ledger"
        shutil.rmtree(ledger)
        ledger.mkdir()
        baseline, _status, _line = peak(project)
        print(f"no ledger: peak {baseline / 2**20:.0f} MB")
        print(f"{'file MB':>8} {'rows':>8} {'peak MB':>8} {'above base':>10} {'x file':>7} status")
        for size in sizes:
            path = ledger / "台账.csv"
            rows = write_ledger(path, size)
            file_bytes = path.stat().st_size
            used, status, first = peak(project)
            above = used - baseline
            print(f"{file_bytes / 2**20:8.1f} {rows:8d} {used / 2**20:8.0f} {above / 2**20:10.0f} "
                  f"{above / file_bytes:7.1f} {status}  {first[:90]}")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1, 5, 10, 50])
