"""City scale, side by side in one run, and the README table regenerated from it.

    python benchmarks/city_scale.py                 # all of it (about 30 minutes on 2 cores)
    python benchmarks/city_scale.py --no-readme     # print only
    python benchmarks/city_scale.py --build-scales 1 10 --check-scales 30 --runs 1

(a) full `mkdocs build --strict` / engine-only build of the same pages (`generator export`,
    then `mkdocs build` of that project: same Markdown, stock theme, no hook, no audit) at
    scales 1, 10, 30 (and the full build at 120): runs alternate full/engine so both see the
    same machine load; the ratio is the median of the per-pair ratios. Two full builds
    are compared file by file (byte-identical).
(b) `check` cold (no cache), warm with one case changed, and `check --changed` with one
    case changed, at scales 1 (the size of a real county), 30 and 120, with the peak
    memory of each run. "Cold" has no cache at all (.cache/check and .cache/documents
    removed: every chart drawn, Word file written and template compiled); the PDFs are
    kept, as LibreOffice's 2-5 s start would otherwise swamp the figure.
(c) preview: `mkdocs serve` at scale 30; a case file is edited and the page is fetched
    until it shows the edit: seconds from the save to the served page.
(d) the search index: bytes raw and gzipped.

Wall-clock seconds on a shared machine are noisy: compare ratios from alternating runs,
and the CPU seconds (user + system, worker processes included) printed beside them.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795104000"  # 2026-11-20 00:00 Asia/Shanghai, after every event in the data
PY = sys.executable
START, END = "<!-- city-scale:start -->", "<!-- city-scale:end -->"


def env(work: Path) -> dict:
    e = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1",
             PYTHONPATH=str(ROOT), GENERATOR_CACHE=str(work / "cache"))
    # A clerk's Python keeps the generator's compiled modules (__pycache__, git-ignored);
    # a machine that says not to write them compiles every module on every run, half a
    # second of each `check` that no clerk waits for.
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


class Run(tuple):
    """(wall seconds, peak resident MB) of one command, and its CPU seconds (`cpu`)."""
    cpu: float


def timed(cmd: list[str], e: dict, cwd: Path | None = None) -> Run:
    """Wall seconds and peak resident memory (MB) of one command; `.cpu` its user and
    system CPU seconds, its worker processes' included (wait4 counts the children a
    process waited for). On a machine other jobs share, the CPU seconds are the figure
    to compare: wall seconds grow with the load, CPU seconds much less."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=e, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    run = Run((seconds, usage.ru_maxrss / 1024))
    run.cpu = usage.ru_utime + usage.ru_stime
    return run


def synth(scale: int, work: Path) -> Path:
    project = work / f"scale-{scale}"
    if not project.exists():
        subprocess.run([PY, "-m", "generator", "--root", str(ROOT), "synth", "--scale",
                        str(scale), "--out", str(project)], check=True, env=env(work),
                       stdout=subprocess.DEVNULL)
        # a county's project is a git checkout: pages show their history, and `check`
        # reads it (one commit here, dated so the builds stay byte-identical)
        when = {"GIT_AUTHOR_DATE": "2026-11-01T09:00:00+08:00",
                "GIT_COMMITTER_DATE": "2026-11-01T09:00:00+08:00",
                "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
                "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
        for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                     ["commit", "-q", "-m", "synthetic county"]):
            subprocess.run(["git", "-C", str(project), *args], check=True,
                           env={**env(work), **when}, stdout=subprocess.DEVNULL)
    return project


def tree_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def builds(scale: int, work: Path, runs: int, engine: bool = True) -> dict:
    project = synth(scale, work)
    e = env(work)
    exported = work / f"export-{scale}"
    if engine:
        subprocess.run([PY, "-m", "generator", "--root", str(project), "export",
                        str(exported)], check=True, env=e, stdout=subprocess.DEVNULL)
    full, eng, ratios, memory, digests, cpu_full, cpu_eng = [], [], [], [], [], [], []
    for run in range(runs):
        site = work / f"site-{scale}-{run}"
        run_full = timed([PY, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                          str(project / "mkdocs.yml"), "-d", str(site)], e)
        seconds, mb = run_full
        full.append(seconds)
        cpu_full.append(run_full.cpu)
        memory.append(mb)
        digests.append(tree_digest(site))
        if engine:
            run_eng = timed([PY, "-m", "mkdocs", "build", "-q", "-f",
                             str(exported / "mkdocs.yml"), "-d", str(exported / "site")], e)
            seconds, _mb = run_eng
            eng.append(seconds)
            cpu_eng.append(run_eng.cpu)
            ratios.append(full[-1] / seconds)
    site = work / f"site-{scale}-0"
    index = (site / "search" / "search_index.json").read_bytes()
    result = {
        "scale": scale, "pages": sum(1 for _ in site.rglob("*.html")),
        "full": statistics.median(full), "engine": statistics.median(eng) if eng else None,
        "ratio": statistics.median(ratios) if ratios else None,
        "cpu_full": statistics.median(cpu_full),
        "cpu_ratio": (statistics.median(a / b for a, b in zip(cpu_full, cpu_eng))
                      if cpu_eng else None),
        "memory": max(memory), "identical": len(set(digests)) == 1 if runs > 1 else None,
        "index_raw": len(index), "index_gz": len(gzip.compress(index, 9, mtime=0)),
        "escapes": len(re.findall(rb"\\u[0-9a-fA-F]{4}", index)),
    }
    for run in range(runs):
        shutil.rmtree(work / f"site-{scale}-{run}", ignore_errors=True)
    shutil.rmtree(exported, ignore_errors=True)
    return result


def edit_case(project: Path, marker: str) -> Path:
    """Change one case's title in place (the first published case file)."""
    for path in sorted((project / "data" / "cases").glob("*.yml")):
        text = path.read_text("utf-8")
        if "draft: 是" in text or "embargo" in text or "withdrawn" in text:
            continue
        changed, count = re.subn(r"^(title:\s*)(.*)$", lambda m: m.group(1) + m.group(2)
                                 + marker, text, count=1, flags=re.M)
        if count:
            path.write_text(changed, "utf-8")
            return path
    raise SystemExit("no case to edit")


def checks(scale: int, work: Path) -> dict:
    project = synth(scale, work)
    e = env(work)
    shutil.rmtree(work / "cache" / "check", ignore_errors=True)
    for written in (work / "cache" / "documents").glob("*.docx"):
        written.unlink()
    cmd = [PY, "-m", "generator", "--root", str(project), "check"]
    runs = {"cold": timed(cmd, e)}
    edit_case(project, "甲")
    runs["warm"] = timed(cmd, e)
    timed(cmd + ["--changed"], e)  # the hook's first run records the pages' inputs
    edit_case(project, "乙")
    runs["changed"] = timed(cmd + ["--changed"], e)
    row = {"scale": scale}
    for name, run in runs.items():
        row[name], row[name + "_mb"] = run
        row[name + "_cpu"] = run.cpu
    return row


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def preview(scale: int, work: Path, timeout: float = 600, edits: int = 3) -> dict:
    project = synth(scale, work)
    port = free_port()
    # `make preview` runs without SOURCE_DATE_EPOCH: the clock is the preview's own
    as_staff_run_it = {k: v for k, v in env(work).items() if k != "SOURCE_DATE_EPOCH"}
    log = work / "preview-serve.log"  # kept: why a server that did not start stopped
    said_to = log.open("wb")
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr",
                               f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
                              env=as_staff_run_it, stdout=subprocess.DEVNULL, stderr=said_to)
    try:
        started = time.perf_counter()
        base = f"http://127.0.0.1:{port}/"
        while not _get(base):
            if time.perf_counter() - started > timeout or server.poll() is not None:
                said = log.read_text("utf-8", errors="replace")[-3000:]
                raise SystemExit(f"mkdocs serve did not start:\n{said}")
            time.sleep(0.5)
        first = time.perf_counter() - started
        latencies = []
        for number in range(edits):  # one edit after the other, as staff make them
            time.sleep(3)  # let the watcher settle (and the last rebuild's collection run)
            marker = f"预览{number}" + str(int(time.time()) % 1000)
            path = edit_case(project, marker)
            saved = time.perf_counter()
            page = f"{base}cases/{path.stem}/"
            while marker not in (_get(page) or ""):
                if time.perf_counter() - saved > timeout:
                    return {"scale": scale, "start": first, "latency": None,
                            "latencies": latencies}
                time.sleep(0.2)
            latencies.append(time.perf_counter() - saved)
        return {"scale": scale, "start": first, "latency": statistics.median(latencies),
                "latencies": latencies}
    finally:
        server.terminate()
        server.wait()
        said_to.close()


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def provenance(argv: list[str], load_before: float) -> str:
    """What the figures are of: the day, the commit, the command and how busy the machine
    was (the 1-minute load average at the start and the end; 2 cores)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (f"Measured on {time.strftime('%Y-%m-%d', time.gmtime())} at commit {commit}"
            + (" (with uncommitted changes)" if dirty else "")
            + f" by `python benchmarks/city_scale.py {' '.join(argv)}`; load average "
            f"{load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end "
            f"({os.cpu_count()} cores).")


def table(build_rows: list[dict], check_rows: list[dict], preview_row: dict | None) -> str:
    out = ["| scale | pages | full build s | engine-only s | full / engine | full / engine, "
           "CPU s | peak MB | byte-identical | search index raw | gzipped |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |"]
    for r in build_rows:
        out.append(
            f"| {r['scale']} | {r['pages']:,} | {r['full']:.1f} | "
            + (f"{r['engine']:.1f} | {r['ratio']:.2f} | {r['cpu_ratio']:.2f}"
               if r["engine"] else "— | — | —")
            + f" | {r['memory']:.0f} | "
            + {True: "yes", False: "NO", None: "—"}[r["identical"]]
            + f" | {r['index_raw'] / 1024:,.0f} KB | {r['index_gz'] / 1024:,.0f} KB |")
    out += ["", "| `check` at scale | cold s (CPU s, peak MB) | warm, one case changed s "
            "(CPU s, MB) | `--changed`, one case changed s (CPU s, MB) |",
            "| ---: | ---: | ---: | ---: |"]
    for r in check_rows:
        out.append(f"| {r['scale']} | " + " | ".join(
            f"{r[name]:.1f} ({r[name + '_cpu']:.1f}, {r[name + '_mb']:.0f})"
            for name in ("cold", "warm", "changed")) + " |")
    if preview_row:
        each = ", ".join(f"{v:.1f}" for v in preview_row["latencies"])
        latency = (f"{preview_row['latency']:.1f} s (median of {each} s)"
                   if preview_row["latency"] is not None else "not within the time limit")
        out += ["", f"Preview at scale {preview_row['scale']}: `mkdocs serve` first answers "
                f"after {preview_row['start']:.1f} s; an edited case page is served updated "
                f"{latency} after the save, edits made one after the other."]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-scales", type=int, nargs="*", default=[1, 10, 30])
    parser.add_argument("--full-only-scales", type=int, nargs="*", default=[120])
    parser.add_argument("--check-scales", type=int, nargs="*", default=[1, 30, 120])
    parser.add_argument("--preview-scale", type=int, default=30)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="city-scale-") as tmp:
        work = Path(tmp)
        build_rows = []
        for scale in args.build_scales:
            build_rows.append(builds(scale, work, args.runs))
            print(build_rows[-1], flush=True)
        for scale in args.full_only_scales:
            build_rows.append(builds(scale, work, 1, engine=False))
            print(build_rows[-1], flush=True)
        check_rows = []
        for scale in args.check_scales:
            check_rows.append(checks(scale, work))
            print(check_rows[-1], flush=True)
        preview_row = preview(args.preview_scale, work) if args.preview_scale else None
        print(preview_row, flush=True)
    text = provenance(sys.argv[1:], load_before) + "\n\n" + table(build_rows, check_rows,
                                                                  preview_row)
    print(text)
    if not args.no_readme:
        readme = ROOT / "README.md"
        old = readme.read_text("utf-8")
        if START in old and END in old:
            head, rest = old.split(START, 1)
            readme.write_text(head + START + "\n" + text + "\n" + END + rest.split(END, 1)[1],
                              "utf-8")


if __name__ == "__main__":
    main()
