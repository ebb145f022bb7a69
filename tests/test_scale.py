"""Page and navigation size do not grow with the number of records (bytes, not seconds)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from build_scale import EPOCH, build  # noqa: E402


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale")
    return {scale: build(scale, work) for scale in (1, 3)}


def test_navigation_is_the_same_size_at_any_scale(sizes):
    assert sizes[1]["nav_bytes"] > 1000
    assert sizes[3]["nav_bytes"] == sizes[1]["nav_bytes"]


def test_record_pages_do_not_grow_with_the_data(sizes):
    small, large = sizes[1], sizes[3]
    assert large["pages"] > 2 * small["pages"]
    # Same kind of content at three times the data: equal within 3 % on average, and
    # the largest page no more than 5 % larger (it has different random records).
    assert abs(large["case_mean"] - small["case_mean"]) <= 0.03 * small["case_mean"]
    assert abs(large["unit_mean"] - small["unit_mean"]) <= 0.03 * small["unit_mean"]
    assert large["case_max"] <= 1.05 * small["case_max"]
    assert large["unit_max"] <= 1.05 * small["unit_max"]


def test_the_same_record_has_the_same_page_size_at_any_scale(sizes):
    small, large = sizes[1]["demo"], sizes[3]["demo"]
    assert len(small) == 39 + 1 + 60  # published and withdrawn cases, and the units
    assert {p: large[p] for p in small} == small


def _list_lines(markdown: str) -> int:
    """Rows of tables and items of lists, in Markdown or in HTML blocks."""
    lines = markdown.split("\n")
    marked = sum(1 for line in lines if re.match(r"\s*(\||[-*+] |\d+\. )", line))
    return marked + markdown.count("<tr") + markdown.count("<li")


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """Every page's list and table lines at scales 1 and 3, with listings in pages of 5
    and short lists of 3: any list that is not paged or cut grows with the records."""
    from generator import pipeline, render

    work = tmp_path_factory.mktemp("listed")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    patch.setattr(render, "PER_PAGE", 5)
    patch.setattr(render, "SHORTLIST", 3)
    try:
        out = {}
        for scale in (1, 3):
            project = work / f"scale-{scale}"
            subprocess.run([sys.executable, "-m", "generator", "synth", "--scale", str(scale),
                            "--out", str(project)], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH))
            site = pipeline.build(project, history=False)
            out[scale] = {path: _list_lines(text) for path, text in site.pages.items()}
    finally:
        patch.undo()
    return out


def test_no_page_lists_more_as_the_records_grow(listed):
    """Three times the records add at most one page's worth of lines to any page (a
    listing fills up to its page size); a list that names every record, unit or
    exemption (the clue counts by unit, the commendations, a month's excused units, a
    commitment's late units) grows by far more and fails."""
    small, large = listed[1], listed[3]
    assert len(large) > 2 * len(small)
    grown = {path: (small[path], large[path]) for path in small
             if path in large and large[path] - small[path] > 5}
    assert grown == {}
    # the cuts are there to be seen: the summaries link their own pages
    assert "clues/units/page-2.md" in large and "commendations/page-2.md" in large
    assert max(large.values()) == max(small.values())


def test_a_unit_page_shows_a_page_of_each_list_and_links_all_of_it(monkeypatch):
    """A unit's page lists PER_PAGE of its ledger items, inspections… and links its own
    pages of each list, which hold every record once, in the same order."""
    from generator import pipeline, render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(render, "PER_PAGE", 3)
    site = pipeline.build(Path(__file__).resolve().parent.parent, history=False)
    card = site.facts.per_unit["XZ01"]
    page = site.pages["units/XZ01.md"]
    ledger = page[page.index("## 整改台账"):page.index("## 预警记录")]
    shown = re.findall(r"ledger/items/([^).]+)\.md", ledger)
    every = [item["id"] for item in card["ledger"]]
    assert len(every) == 4 and shown == every[:3]
    assert "[整改台账共4条，查看全部](XZ01/ledger/index.md)" in ledger
    listed = [re.findall(r"ledger/items/([^).]+)\.md", site.pages[path])
              for path in ("units/XZ01/ledger/index.md", "units/XZ01/ledger/page-2.md")]
    assert listed == [every[:3], every[3:]]
    assert "[返回东城镇](../../XZ01.md)" in site.pages["units/XZ01/ledger/page-2.md"]
    inspections = [path for path in site.pages if path.startswith("units/XZ01/inspections/")]
    assert len(inspections) == -(-len(card["inspections"]) // 3) == 4
    # a list that fits its page has no pages of its own
    assert not any(path.startswith("units/XZ01/cases/") for path in site.pages)
    assert "units/XZ01/warnings/index.md" not in site.pages
