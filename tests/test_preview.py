"""`make preview` (mkdocs serve --dirty) rewrites only what an edit changed, and what it
serves after a series of edits is what a clean build of the edited project makes."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import DATA, NOW, NOW_EPOCH, ROOT, make_project, mkdocs_build

from generator.synth import engine_config

# The rebuild loop of `mkdocs serve --dirty`: one site folder, the config loaded again for
# every rebuild, on_startup(serve, dirty) once (mkdocs/commands/serve.py).
SERVE = r"""
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, steps = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
if len(sys.argv) > 4:  # a clock that moves: the time of each build (first, then each step)
    import datetime as dt
    from generator import clock
    times, builds = json.loads(sys.argv[4]), []
    def moving(tz=None):
        return dt.datetime.fromtimestamp(times[len(builds) - 1], tz or clock.zoneinfo.ZoneInfo("Asia/Shanghai"))
    clock.build_time = moving
    _build = build
    def build(*args, **kwargs):
        builds.append(1)
        return _build(*args, **kwargs)
url = "http://127.0.0.1:8000/"
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

def config():
    c = load_config(str(project / "mkdocs.yml"), site_dir=site, strict=True)
    c.site_url = url
    return c

def snapshot(number):  # when each file of the site was last written
    times = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
             for p in sorted(Path(site).rglob("*")) if p.is_file()}
    (Path(site).parent / f"written-{number}.json").write_text(json.dumps(times))

first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, serve_url=url, dirty=True)
snapshot(0)
for number, step in enumerate(steps, 1):
    print("STEP", file=sys.stderr, flush=True)
    for rel, (old, new) in step.items():
        path = project / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    try:
        build(config(), serve_url=url, dirty=True)
    except BaseException as err:  # serve keeps serving the last good site
        print("REBUILD FAILED", type(err).__name__, file=sys.stderr)
    snapshot(number)
"""


def _uncite() -> tuple[str, str]:
    """The minimal notice's edit that stops citing its case: `cases` and the frozen
    text of the case (an issued notice may not keep a case text it does not cite)."""
    text = (DATA / "minimal/content/notices/2026-05-notice.md").read_text("utf-8")
    old = text[text.index("cases: [2026-001]\n"):text.index("---\n\n")]
    new = old.replace("cases: [2026-001]\n", "")
    return old, new[:new.index("case_texts:")]


_UNCITE = _uncite()


def _project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "county")
    engine_config(ROOT, project)
    return project


def _serve(project: Path, site: Path, steps: list[dict],
           clock: list[dt.datetime] | None = None) -> list[str]:
    """The log of each rebuild after the first, one string per step. `clock`: the time
    of each build (the first, then one per step), instead of SOURCE_DATE_EPOCH."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1")
    extra = []
    if clock:
        env.pop("SOURCE_DATE_EPOCH")
        extra = [json.dumps([int(t.timestamp()) for t in clock])]
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(project), str(site), json.dumps(steps), *extra],
        capture_output=True, text=True, cwd=project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr.split("STEP\n")[1:]


def _rebuilt(log: str) -> tuple[int, str]:
    found = re.search(r"预览：重新生成(\d+)个页面（内容未变的页面沿用上次结果）：(.*)", log)
    assert found, log
    return int(found.group(1)), found.group(2)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_preview_rewrites_what_an_edit_changed_and_ends_as_a_clean_build(tmp_path):
    project = _project(tmp_path)
    case = "data/cases/2026-001.yml"
    steps = [
        # 1. a case's title: its page and the pages listing it, nothing else
        {case: ("title: 东城镇办事员张某某推诿扯皮问题", "title: 东城镇办事员张某某推诿扯皮问题（预览）")},
        # 2. nothing the pages are made from: no page is written
        {case: ("source: 群众举报", "source: 群众举报")},
        # 3. the case taken down: its page is gone from the preview
        {case: ("published_on: 2026-05-10", "published_on: 2026-05-10\ndraft: 是"),
         "content/notices/2026-05-notice.md": _UNCITE},
        # 4. a navigation label: every page shows it, every page is written
        {"site_config/labels.yml": ("  cases: 典型案例\n", "  cases: 典型案例选登\n")},
        # 5. a mistake (a unit that does not exist): the rebuild stops, nothing is written
        {"data/units.csv": ("XZ01,", "XZ91,")},
        # 6. put right: the preview is whole again
        {"data/units.csv": ("XZ91,", "XZ01,")},
    ]
    site = tmp_path / "preview"
    logs = _serve(project, site, steps)

    written = [json.loads((tmp_path / f"written-{n}.json").read_text()) for n in range(7)]

    def pages_written(step: int) -> set[str]:
        before, after = written[step - 1], written[step]
        return {p for p, t in after.items() if p.endswith("index.html") and before.get(p) != t}

    first = pages_written(1)
    assert {"cases/2026-001/index.html", "cases/index.html", "units/XZ01/index.html",
            "index.html"} <= first
    assert "units/XZ02/index.html" not in first and "report/index.html" not in first
    assert _rebuilt(logs[0])[0] == len(first) < 30
    assert pages_written(2) == set() and _rebuilt(logs[1])[0] == 0
    assert "cases/2026-001/index.html" not in written[3]  # taken down: not served any more
    assert not (site / "cases" / "2026-001").exists()
    assert pages_written(4) == {p for p in written[4] if p.endswith("index.html")}
    assert _rebuilt(logs[3])[0] == len(pages_written(4) - {"admin/index.html"}) > 60
    assert "REBUILD FAILED" in logs[4] and "unknown-ref" in logs[4]
    assert pages_written(5) == set()
    assert "REBUILD FAILED" not in logs[5]

    clean = tmp_path / "clean"
    result = mkdocs_build(project / "mkdocs.yml", clean)
    assert result.returncode == 0, result.stderr
    served, built = _tree(site), _tree(clean)
    # what differs by design: the editor saves locally in a preview; no deployment manifest
    assert served.pop("admin/config.yml") != built.pop("admin/config.yml")
    built.pop("manifest.json")
    index = "search/search_index.json"
    assert json.loads(served.pop(index)) == json.loads(built.pop(index))
    assert served.keys() == built.keys()
    assert [p for p in served if served[p] != built[p]] == []


def test_the_preview_clock_stands_still_until_the_date_changes(tmp_path):
    """Pages state the time of day; a preview whose clock moved with every save would
    rewrite every such page after every edit. Without SOURCE_DATE_EPOCH the rebuilds are
    made at the time of the first build; the next day, at the time of that rebuild."""
    project = _project(tmp_path)
    case = "data/cases/2026-001.yml"
    minute = dt.timedelta(minutes=1)
    clock = [NOW + 10 * 60 * minute, NOW + 10 * 60 * minute + 7 * minute,
             NOW + 11 * 60 * minute, NOW + 33 * 60 * minute]
    steps = [
        # 7 minutes later, a case's title: only its page and the pages listing it
        {case: ("title: 东城镇办事员张某某推诿扯皮问题", "title: 东城镇办事员张某某推诿扯皮问题（预览）")},
        # an hour later, nothing the pages are made from: nothing is written
        {case: ("source: 群众举报", "source: 群众举报")},
        # the next day: the pages that state the time say the new one
        {case: ("source: 群众举报", "source: 群众举报")},
    ]
    site = tmp_path / "preview"
    logs = _serve(project, site, steps, clock)
    written = [json.loads((tmp_path / f"written-{n}.json").read_text()) for n in range(4)]

    def pages_written(step: int) -> set[str]:
        before, after = written[step - 1], written[step]
        return {p for p, t in after.items() if p.endswith("index.html") and before.get(p) != t}

    first = pages_written(1)
    assert "cases/2026-001/index.html" in first and "units/XW01/index.html" not in first
    assert _rebuilt(logs[0])[0] == len(first) < 30
    assert "预览：各次重新生成都按预览开始时的时间（10:00）计算" in logs[0]
    assert pages_written(2) == set() and _rebuilt(logs[1])[0] == 0
    unit = (site / "units" / "XW01" / "index.html").read_text("utf-8")
    assert "截至2026年11月21日9时" in unit, re.findall(r"截至[^<]{0,30}", unit)
    assert "units/XW01/index.html" in pages_written(3)


def test_a_page_not_rewritten_is_refused_when_what_it_quotes_is_taken_down(tmp_path):
    """A case taken down hides its text, and a hand-written page quoting it, written before
    and unchanged since, is then refused, as in a clean build: check says it at the page's
    line (quotes-unpublished-record, with the audit's own policy) before the audit, which
    keeps its result for a page not rewritten only under the same policy, would."""
    project = _project(tmp_path)
    case = "data/cases/2026-001.yml"
    (project / "content" / "quote.md").write_text(
        "# 摘录\n\n2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。\n", "utf-8")
    steps = [
        # the case taken down: its facts are hidden now, and quote.md still shows them
        {case: ("published_on: 2026-05-10", "published_on: 2026-05-10\ndraft: 是"),
         "content/notices/2026-05-notice.md": _UNCITE},
    ]
    logs = _serve(project, tmp_path / "preview", steps)
    assert "REBUILD FAILED" in logs[0]
    assert "content/quote.md:3: quotes-unpublished-record" in logs[0], logs[0][-2000:]
    assert "content/notices/2026-05-notice.md:15: quotes-unpublished-record" in logs[0]


def test_the_collector_is_off_while_the_preview_rebuilds_and_collects_after(monkeypatch):
    import gc
    import time

    from generator import preview

    monkeypatch.setattr(preview, "COLLECT_AFTER", 0.05)
    was = gc.isenabled()
    try:
        gc.enable()
        preview.collector_off(first=True)  # the first build: as it is
        assert gc.isenabled()
        preview.collect_later()
        preview.collector_off(first=False)
        assert not gc.isenabled()
        preview.collect_later()
        preview.collector_off(first=False)  # the next rebuild began before the collection
        time.sleep(0.3)
        assert not gc.isenabled()  # it stays off for that rebuild
        preview.collect_later()
        for _ in range(100):
            if gc.isenabled():
                break
            time.sleep(0.05)
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
