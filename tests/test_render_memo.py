"""The preview's render memo (render.MEMO): a page is rendered again only when its inputs
changed, and what the preview shows is always what a build from nothing renders.

The oracle: the demo county is edited the way staff edit it (a case, a unit's name, a
label, a ledger row, a notice, the site's settings, the clock ...), one edit after the
other as in one preview session; after each, the pages rendered with the memo must be
those rendered without it, page for page."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from conftest import NOW, ROOT
from generator import render
from generator.pipeline import build

# One edit: (file, text in it, replaced by, how many times it is written there), ...
EDITS = [
    [("data/cases/2026-001.yml", "title: 县统计局", "title: 县统计局（更正）", 1)],
    [("data/cases/2026-005.yml", "    redacted: 是\n", "    redacted: 否\n", 1)],
    [("data/units.csv", "XZ01,东城镇,", "XZ01,东城街道,", 1),
     ("data/submissions.csv", ",东城镇,", ",东城街道,", 3)],
    [("site_config/labels.yml", "  ledger_rate: 整改销号率", "  ledger_rate: 整改完成率", 1)],
    [("data/ledger/自查自纠台账.csv", "2026-07-20,2027-03-17", "2026-07-20,2026-10-17", 1)],
    [("data/warnings.csv", "YJ-001,GQ06,2026-10-08,黄牌", "YJ-001,GQ06,2026-10-08,红牌", 1)],
    [("content/notices/2026-05-20-typical-cases.md", "\n---\n", "\n---\n\n补充说明一段。\n", 1)],
    [("site_config/channels.yml", 'value: "12388"', 'value: "12380"', 1)],
    [("site_config/taxonomy.yml", "name: 促进发展不敢为", "name: 推动发展不敢为", 1)],
    [("site_config/site.yml", "\ntitle: 演示县", "\ntitle: 示范县", 1)],
]


@pytest.fixture
def county(tmp_path):
    project = tmp_path / "county"
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    return project


@pytest.fixture
def rendered(monkeypatch):
    """The paths of the pages rendered (not taken from the memo) by each build."""
    paths: list[str] = []
    render_one = render.Renderer._render

    def counted(self, job):
        paths.append(job[0])
        return render_one(self, job)

    monkeypatch.setattr(render.Renderer, "_render", counted)
    monkeypatch.setattr(render, "MEMO", None)
    return paths


def _edit(project, edit):
    for rel, old, new, count in edit:
        path = project / rel
        text = path.read_text("utf-8")
        assert text.count(old) == count, (rel, old)
        path.write_text(text.replace(old, new), "utf-8")


def _with_memo(project, now, rendered):
    render.MEMO = memo = render.MEMO if render.MEMO is not None else {}
    rendered.clear()
    pages = build(project, now, history=False).pages
    again = list(rendered)
    render.MEMO = None
    fresh = build(project, now, history=False).pages
    render.MEMO = memo
    return pages, fresh, again


def test_every_edit_renders_the_pages_a_build_from_nothing_renders(county, rendered):
    pages, fresh, again = _with_memo(county, NOW, rendered)
    assert pages == fresh and again == list(pages)  # the first build renders every page
    # every page has a key but the open data index (its tables carry their own getters)
    assert sorted(set(pages) - set(render.MEMO)) == ["open-data/index.md"]

    pages, fresh, again = _with_memo(county, NOW, rendered)
    assert pages == fresh and again == ["open-data/index.md"]  # nothing changed

    for edit in EDITS:
        _edit(county, edit)
        rel = edit[0][0]
        pages, fresh, again = _with_memo(county, NOW, rendered)
        assert list(pages) == list(fresh), rel
        changed = [p for p in pages if pages[p] != fresh[p]]
        assert changed == [], (rel, changed)
        if not rel.startswith("site_config/") and rel != "data/units.csv":
            # an edit of one record renders again a few pages; a setting, a label or a
            # name every page prints renders every page that prints it
            assert len(again) < len(pages) / 8, (rel, len(again))

    later = NOW + dt.timedelta(days=40)  # the clock: overdue days, phases, "截至"
    pages, fresh, again = _with_memo(county, later, rendered)
    assert pages == fresh


def test_a_case_title_renders_again_the_pages_that_show_it_and_few_more(county, rendered):
    _with_memo(county, NOW, rendered)
    _edit(county, EDITS[0])
    pages, fresh, again = _with_memo(county, NOW, rendered)
    assert pages == fresh
    shown = sorted(p for p, text in pages.items() if "县统计局（更正）" in text)
    assert shown == [
        "cases/2026-001.md", "cases/category/C/index.md", "cases/category/C1/index.md",
        "cases/index.md", "cases/kind/exposure/index.md", "cases/measure/M04/index.md",
        "cases/measure/M07/index.md", "cases/source/S2/index.md",
        "cases/unit-kind/ZF/index.md", "cases/year/2026/index.md", "units/ZF21.md"]
    # and the home page (it lists the latest cases: facts.cases is read as a whole) and the
    # open data index (its tables carry functions: it has no key)
    assert sorted(set(again) - set(shown)) == ["index.md", "open-data/index.md"]
    assert len(again) == len(set(again))


def test_two_processes_with_the_memo_render_what_one_renders(county, rendered, monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    monkeypatch.setattr(render, "two_processes", lambda: True)
    _with_memo(county, NOW, rendered)
    _edit(county, EDITS[2])  # a unit's name: many pages
    pages, fresh, _again = _with_memo(county, NOW, rendered)
    assert pages == fresh


def test_a_global_shared_without_its_inputs_renders_its_pages_every_time(county, rendered,
                                                                         monkeypatch):
    plan = render.plan

    def careless(*args, **kwargs):
        r, nav = plan(*args, **kwargs)
        r.env.globals["progress"] = render._progress  # as if set past share_functions
        del r.inputs["progress"]
        return r, nav

    monkeypatch.setattr(render, "plan", careless)
    pages, _fresh, _again = _with_memo(county, NOW, rendered)
    _pages, _fresh, again = _with_memo(county, NOW, rendered)
    units = {p for p in pages if re.fullmatch(r"units/[A-Z]+\d+\.md", p)}
    assert len(units) == 60  # data/units.csv
    assert set(again) == units | {"open-data/index.md"}  # unit.md.j2 calls progress()


def test_a_cited_cases_edit_leaves_the_tongbao_as_issued_and_its_withdrawal_does_not(county,
                                                                                    rendered):
    """The typical-cases 通报 prints 2026-017 as frozen at issue (case_texts): an edit of the
    case's facts changes the case's page, never the notice's words; withdrawing the case
    renders the notice again, with the site's statement in place of the case's text."""
    notice = "notices/2026-05-20-typical-cases.md"
    _with_memo(county, NOW, rendered)
    _edit(county, [("data/cases/2026-017.yml", "2026年4月，", "2026年4月上旬，", 1)])
    pages, fresh, again = _with_memo(county, NOW, rendered)
    assert pages == fresh
    assert "2026年4月上旬，县城市管理局" in pages["cases/2026-017.md"]
    assert "2026年4月上旬" not in pages[notice]
    assert "2026年4月，县城市管理局办事员张某在办理低保申请过程中" in pages[notice]
    before = pages[notice]
    path = county / "data/cases/2026-017.yml"
    path.write_text(path.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                    "  reason: 事实有误\n", "utf-8")
    pages, fresh, again = _with_memo(county, NOW, rendered)
    assert pages == fresh and notice in again
    assert "县城市管理局办事员张某在办理低保申请过程中" not in pages[notice]
    assert "该案例已于2026年6月1日撤回，原文中的案例内容不再公开" in pages[notice]
    # the other cases keep their numbers and words as issued
    kept = "<strong>2.县退役军人事务局站长李某某在社保转移中办事拖拉问题。</strong>"
    assert kept in before and kept in pages[notice]
    assert "<strong>1.</strong>〔网站说明" in pages[notice]
