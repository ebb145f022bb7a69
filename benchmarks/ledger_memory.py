"""Peak memory of `generator check` against the size of one ledger CSV.

    python benchmarks/ledger_memory.py            # 1, 5, 10 and 50 MB ledgers
    python benchmarks/ledger_memory.py 2 20       # other sizes in MB

Each size runs, in a fresh process, over a copy of the demo county whose ledger is one
CSV of about that many megabytes (rows with distinct ids, about 130 bytes each; the
demo's rows repeated), first `validate` (load and check every record: what the loader
and the checks hold) and then `python -m generator check` (which, when the data is
valid, also builds every page in memory, as the build would). It prints the peak
resident memory of each above the same process with no ledger, and its ratio to the
file size. The claims to check: `validate` stays under 10x the file size up to the
documented limit (load.MAX_TABLE_BYTES, 16 MB), and a larger file is refused at once
with one problem, without being read (peak = no ledger).
"""
from __future__ import annotations

import os
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


def peak(project: Path, what: str) -> tuple[int, int, str]:
    """(peak RSS in bytes, exit status, first ledger problem) of one run."""
    code = ("import resource, sys\n"
            "from pathlib import Path\n"
            "from generator import checks, pipeline, cli\n"
            "if sys.argv[2] == 'validate':\n"
            "    _d, report = checks.validate(Path(sys.argv[1]))\n"
            "    for p in report.sorted(): print(p)\n"
            "    status = 0 if report.valid else 1\n"
            "else:\n"
            "    status = cli.main(['--root', sys.argv[1], 'check'])\n"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, status)\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, str(project), what], capture_output=True,
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
        base = {what: peak(project, what)[0] for what in ("validate", "check")}
        print("no ledger: peak " + ", ".join(f"{w} {b / 2**20:.0f} MB" for w, b in base.items()))
        print(f"{'file MB':>8} {'rows':>8} {'validate MB':>11} {'x file':>6} {'check MB':>8} "
              f"{'x file':>6} status")
        for size in sizes:
            path = ledger / "台账.csv"
            rows = write_ledger(path, size)
            file_bytes = path.stat().st_size
            cells = []
            for what in ("validate", "check"):
                used, status, first = peak(project, what)
                above = used - base[what]
                cells.append(f"{above / 2**20:{11 if what == 'validate' else 8}.0f} "
                             f"{above / file_bytes:6.1f}")
            print(f"{file_bytes / 2**20:8.1f} {rows:8d} {' '.join(cells)} {status}  {first[:70]}")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1, 5, 10, 50])
