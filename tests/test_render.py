"""The rendered pages: golden files for one page of each kind, and every record placed."""
import re
from pathlib import Path

import pytest

from conftest import NOW, ROOT
from generator.pipeline import build, check

GOLDEN = Path(__file__).parent / "golden"
KINDS = {
    "home": "index.md",
    "campaign": "campaign.md",
    "channels": "report.md",
    "units": "units/index.md",
    "unit-kind": "units/kind-XZ/index.md",
    "unit": "units/ZF04.md",
    "commitments": "commitments/index.md",
    "commitment": "commitments/C2/index.md",
    "cases": "cases/index.md",
    "cases-facet": "cases/source/S2/index.md",
    "case": "cases/2026-002.md",
    "clarification": "cases/2026-005.md",
    "withdrawn-case": "cases/2026-003.md",
    "ledger": "ledger/index.md",
    "ledger-overdue": "ledger/overdue/index.md",
    "ledger-units": "ledger/units/index.md",
    "inspections": "inspections/index.md",
    "warnings": "warnings/index.md",
    "reports": "reports/index.md",
    "report-period": "reports/2026-09/index.md",
    "notices": "notices/index.md",
    "notice": "notices/2026-05-20-typical-cases.md",
    "notice-official": "notices/2026-04-08-commitments-bulletin.md",
    "notices-category": "notices/category/bulletins/index.md",
    "bulletin": "notices/2026-10-bulletin.md",
    "open-data": "open-data/index.md",
    "open-data-table": "open-data/cases.md",
    "case-several-units": "cases/2026-009.md",
    "ledger-item": "ledger/items/TZ-0066.md",
    "clues": "clues/index.md",
    "commendations": "commendations/index.md",
    "commendation": "commendations/BZ-001.md",
    "ranking": "commendations/ranking-2025/index.md",
    "statistics": "statistics.md",
    "open-data-clue-counts": "open-data/clue_counts.md",
    "campaigns": "campaigns/index.md",
    "past-campaign": "campaigns/2025-dacaoban.md",
}


def _without_drawings(text: str) -> str:
    """A chart's drawing is matplotlib's (tested in test_charts.py and in the browser); the golden
    page keeps what a reader is told of it: its title and description, and its table."""
    def keep(match: re.Match) -> str:
        told = re.findall(r"<(?:title|desc) id=[^>]*>[^<]*</(?:title|desc)>", match.group(0))
        return "<svg>" + "".join(told) + "</svg>"
    return re.sub(r"<svg\b[^>]*class=\"cs-chart-svg\".*?</svg>", keep, text, flags=re.S)


@pytest.mark.parametrize("kind", list(KINDS))
def test_golden_page(kind, demo_site, request):
    text = _without_drawings(demo_site.pages[KINDS[kind]])
    golden = GOLDEN / f"{kind}.md"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text("utf-8"), f"run pytest --update-golden and review {golden}"


def _rows(text: str) -> int:
    """Data rows of the Markdown tables on a page (lines starting with | minus headers)."""
    lines = [ln for ln in text.splitlines() if ln.startswith("|")]
    headers = sum(1 for ln in lines if re.fullmatch(r"\|( ?-+:? \|)+", ln.replace("---:", "---")))
    return len(lines) - 2 * headers


def test_every_record_has_its_page_or_its_place(demo_site):
    pages, data = demo_site.pages, demo_site.data
    for case in data.cases:
        path = f"cases/{case['id']}.md"
        assert (path in pages) == (case.state in ("published", "withdrawn")), case["id"]
    for unit in data.units:
        assert f"units/{unit['id']}.md" in pages
    for notice in data.notices:
        assert (f"notices/{notice['slug']}.md" in pages) == notice.published
    for item in data.ledger:
        shown = item["id"].replace("-", "&#45;")  # the row links by the item's id
        assert f"| [{shown}](../ledger/items/{item['id']}.md) |" in pages[f"units/{item['unit']}.md"]
    listed = lambda prefix: sum(_rows(t) for p, t in pages.items() if re.fullmatch(prefix, p))
    assert listed(r"inspections/(index|page-\d+)\.md") == len(data.inspections)
    assert listed(r"warnings/(index|page-\d+)\.md") == len({w["unit"] for w in data.warnings})
    assert listed(r"cases/(index|page-\d+)\.md") == len(
        [c for c in data.cases if c.state in ("published", "withdrawn")])
    required = sum(1 for c in data.commitments for u in data.units
                   if __import__("generator.checks").checks.must_submit(u, c))
    per_unit = sum(_rows(t.split("## 逐单位情况")[1]) for p, t in pages.items()
                   if re.fullmatch(r"commitments/C\d/(index|page-\d+)\.md", p))
    assert per_unit == required
    reports_on_units = sum(_rows(pages[f"units/{u['id']}.md"].split("## 工作月报")[1])
                           for u in data.units)
    assert reports_on_units == len(data.reports)


def test_hidden_records_leave_no_trace(demo_site):
    hidden = [c for c in demo_site.data.cases if c.state in ("embargoed", "draft")]
    hidden += [n for n in demo_site.data.notices if not n.published]
    assert len(hidden) == 4
    everything = "\n".join(demo_site.pages.values())
    for rec in hidden:
        assert rec["title"] not in everything
        assert (rec.get("id") or rec["slug"]) not in everything


def test_withdrawn_case_keeps_url_but_not_content(demo_site):
    case = next(c for c in demo_site.data.cases if c.state == "withdrawn")
    page = demo_site.pages[f"cases/{case['id']}.md"]
    assert "2026年9月1日" in page and "撤回" in page
    everything = "\n".join(demo_site.pages.values())
    assert case["title"] not in everything
    for person in case["persons"]:
        assert person["position"] + "|" not in page


def test_a_withdrawn_case_is_listed_on_no_unit_page(demo_site):
    case = next(c for c in demo_site.data.cases if c.state == "withdrawn")
    link = f"{case['id']}.md)"  # a Markdown link's target, relative to the page
    listing = sorted(path for path, text in demo_site.pages.items() if link in text)
    assert listing == ["cases/index.md"]  # the list of all cases keeps its line, no unit page does
    unit_page = demo_site.pages[f"units/{case['unit']}.md"]
    assert demo_site.data.labels["cases"]["withdrawn_entry"] not in unit_page


def test_case_urls_do_not_move_when_records_are_added(tmp_path):
    import shutil

    from conftest import make_project

    project = make_project(tmp_path / "c")
    before = build(project, NOW).pages
    extra = (project / "data/cases/2026-001.yml").read_text("utf-8").replace(
        "id: 2026-001", "id: 2026-000").replace("2026-05-10", "2026-05-11")
    (project / "data/cases/2026-000.yml").write_text(extra, "utf-8")
    with (project / "data/units.csv").open("a", encoding="utf-8") as units:
        units.write("XZ02,西河乡,乡镇,县委办公室,否,否,否\n")
    after = build(project, NOW).pages
    assert before["cases/2026-001.md"] == after["cases/2026-001.md"]
    assert "cases/2026-000.md" in after
    shutil.rmtree(project)


def test_records_stay_out_of_the_navigation(demo_site):
    nav_paths = {path for _label, path in demo_site.nav}
    assert len(nav_paths) == 16  # staff documentation (数据规范) is not public navigation
    assert "data-spec.md" not in nav_paths
    assert not any(re.fullmatch(r"(cases|units|commendations|ledger/items|campaigns)/(?!index)[^/]+\.md", p)
                   for p in nav_paths)


def test_export_writes_a_plain_markdown_tree(tmp_path, demo_site):
    from generator.pipeline import export

    count = export(ROOT, tmp_path / "md", NOW)
    assert count == len(demo_site.pages)
    docs = tmp_path / "md" / "docs"
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert set(demo_site.pages) <= written
    assert "data-spec.md" in written
    # Hand-written notices are records: only the rendered, published ones are exported.
    assert "notices/2026-12-20-embargoed.md" not in written
    assert (docs / "cases/2026-002.md").read_text("utf-8") == \
        build(ROOT, NOW).pages["cases/2026-002.md"]
    assert (docs / "feeds/cases.xml").read_bytes() == demo_site.files["feeds/cases.xml"]
    engine = (tmp_path / "md" / "mkdocs.yml").read_text("utf-8")
    assert "hooks" not in engine and "docs_dir: docs" in engine and "nav:" in engine
    # what the hook gives the engine, written out: the theme-safe heading ids and the
    # extension that shows no space where a line breaks between two Han characters
    import yaml
    from generator import sanitize

    extensions = yaml.unsafe_load(engine)["markdown_extensions"]
    assert extensions[-2:] == [{"toc": {"permalink": False, "slugify": sanitize.slugify}},
                               "generator.softbreak"]


def test_a_data_error_fails_the_mkdocs_build_with_located_messages(tmp_path):
    from conftest import DATA, make_project, mkdocs_build
    from generator.synth import engine_config

    project = make_project(tmp_path / "c", DATA / "invalid" / "ledger-closed-without-date")
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert ("data/ledger/台账.csv:2: closed-without-date: 整改状态为“已销号”，但没有填写销号日期"
            in result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count(": closed-without-date:") == 1
    assert "unknown-reference" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_demo_data_is_exactly_the_synthetic_county_at_scale_1(tmp_path):
    """The committed demo is reproducible: `synth --scale 1` writes the same files."""
    from generator.synth import write_county

    write_county(tmp_path, 1)
    made = {p.relative_to(tmp_path).as_posix(): p.read_bytes()
            for p in (tmp_path / "data").rglob("*") if p.is_file()}
    committed = {p.relative_to(ROOT).as_posix(): p.read_bytes()
                 for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert made == committed


def test_demo_builds_strict_with_zero_warnings(demo_built):
    stderr = (demo_built.parent / "stderr.txt").read_text("utf-8")
    assert "WARNING" not in stderr and "ERROR" not in stderr
    assert "构建结果检查通过" in stderr  # the audit ran after the build
    assert (demo_built / "cases" / "2026-002" / "index.html").is_file()
    assert not (demo_built / "cases" / "2026-004").exists()  # under embargo


def test_every_record_page_leaves_its_way_back_out_of_print(demo_built):
    """A record page's 返回… line carries the generator's mark (theme.NAV_MARK), so
    print leaves it out; the mark itself never reaches the reader."""
    import re

    import yaml

    labels = yaml.safe_load((ROOT / "site_config" / "labels.yml").read_text("utf-8"))
    backs = {labels[k]["back"] for k in ("case", "notice", "ledger_item", "commendations")}
    found = 0
    for page in demo_built.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "cs-navmark" not in html, page
        for back in backs:
            for line in re.findall(rf"<p[^>]*><a [^>]*>{back}</a></p>", html):
                assert line.startswith('<p class="cs-navlinks" data-search-exclude>'), (page, line)
                found += 1
    assert found > 40


def test_the_theme_source_maps_are_not_published(demo_built):
    """A source map (bundle…js.map, 1 MB) is for the theme's developers, never fetched
    by a reader's browser: the site ships the scripts and styles without them."""
    assert sorted(p.name for p in demo_built.rglob("*.map")) == []
    scripts = sorted(p.name for p in (demo_built / "assets" / "javascripts").glob("bundle.*"))
    assert len(scripts) == 1 and scripts[0].endswith(".min.js")


def test_a_missing_label_is_a_located_problem_not_a_crash(tmp_path):
    from conftest import make_project
    from generator.pipeline import ProblemsFound

    project = make_project(tmp_path / "c")
    labels = project / "site_config/labels.yml"
    labels.write_text(labels.read_text("utf-8").replace("\nhistory:\n", "\nhistory_old:\n"),
                      "utf-8")
    with pytest.raises(ProblemsFound) as failed:
        build(project, NOW)
    assert failed.value.report.flatten() == [("site_config/labels.yml", 1, "missing-label")]
    assert "history" in failed.value.report.problems[0].message


def test_sitemap_page_lists_every_section_and_listing_but_no_record(demo_site):
    text = demo_site.pages["sitemap.md"]
    links = re.findall(r"\]\(([^)]+)\)", text)
    for _label, path in demo_site.nav:
        assert path in links
    assert "units/kind-ZF/index.md" in links and "cases/kind/exposure/index.md" in links
    # the staff's manual of fields and error codes is built (at its address) but not
    # offered to readers (nor in sitemap.xml, nor to search engines: test_publishing)
    assert "data-spec.md" not in links
    assert not any(re.fullmatch(r"(cases|units|notices)/(?!index)[^/]+\.md", p) for p in links)
    assert not any("/page-" in p for p in links)


def test_record_pages_summarise_themselves_for_sharing(demo_site):
    import json

    def front(path):
        head = demo_site.pages[path].split("---\n")[1]
        return {k: json.loads(v) for k, v in
                (line.split(": ", 1) for line in head.splitlines() if line)}

    case = front("cases/2026-002.md")
    assert case["description"].startswith("柳溪镇，纪律松弛。2026年4月，柳溪镇副镇长林某")
    assert len(case["description"]) <= 120
    assert front("units/ZF04.md")["search"] == {"boost": 3}  # found by name, ranked first
    assert "description" not in front("cases/2026-003.md")  # withdrawn: nothing to share


@pytest.fixture
def two_processes(monkeypatch):
    """Every render in two processes, however few the pages and the cores."""
    from generator import render

    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    monkeypatch.setattr(render, "two_processes", lambda: True)
    return render


def test_two_processes_render_the_very_pages_of_one(demo_site, two_processes):
    site = build(ROOT, NOW, history=False)
    assert list(site.pages) == list(demo_site.pages)
    assert site.pages == demo_site.pages


@pytest.mark.parametrize("parallel", [False, True])
def test_check_renders_every_page_and_makes_its_text_again_when_read(demo_site, monkeypatch,
                                                                     parallel):
    """`check` (keep=False) renders every page, as the build does, but lets each
    text go: a page read afterwards (one a link points into) is rendered again, the
    very text the build keeps."""
    from generator import render

    monkeypatch.setattr(render, "PARALLEL_FROM", 0 if parallel else 10**9)
    monkeypatch.setattr(render, "two_processes", lambda: True)
    rendered = []
    real = render.Renderer._render
    monkeypatch.setattr(render.Renderer, "_render",
                        lambda self, job: rendered.append(job[0]) or real(self, job))
    site = build(ROOT, NOW, history=False, keep=False)
    mine = sorted(path for path in rendered)  # this process's share (the other's is forked)
    order = list(demo_site.pages)
    assert mine == sorted(order[::2] if parallel else order)
    assert list(site.pages) == order and len(site.pages) == len(order)
    kept = site.pages.kept  # what stays in memory: each page's head only
    assert all(text.startswith("---\n") and text.endswith("---\n\n") for text in kept.values())
    rendered.clear()
    assert site.pages["cases/2026-001.md"] == demo_site.pages["cases/2026-001.md"]
    assert site.pages["cases/2026-001.md"] == demo_site.pages["cases/2026-001.md"]
    assert rendered == ["cases/2026-001.md"]  # made once when read, then kept
    assert dict(site.pages) == demo_site.pages
    with pytest.raises(KeyError):
        site.pages["cases/2099-404.md"]  # noqa: B018
    # the open data files are made but not kept: the same paths, no bytes
    opened = {path for path in demo_site.files if path.startswith("open-data/")}
    assert len(opened) > 10 and opened <= set(site.files)
    assert set(site.files) == set(demo_site.files)
    assert all(site.files[path] == b"" for path in opened)


def test_when_the_second_process_dies_its_pages_are_rendered_by_the_first(
        demo_site, two_processes, monkeypatch):
    import os

    share = two_processes.Renderer._share

    def dies(self, jobs, start, send=None):
        if send is not None:
            os._exit(3)
        return share(self, jobs, start, send)

    monkeypatch.setattr(two_processes.Renderer, "_share", dies)
    assert build(ROOT, NOW, history=False).pages == demo_site.pages


@pytest.mark.parametrize("keys", [["  supervisor:"], ["  findings:", "  unit_progress:"]])
def test_a_missing_label_is_reported_alike_by_one_process_and_two(tmp_path, monkeypatch, keys):
    from conftest import make_project
    from generator import render
    from generator.pipeline import ProblemsFound

    project = make_project(tmp_path / "c")
    labels = project / "site_config/labels.yml"
    text = labels.read_text("utf-8")
    for key in keys:  # labels only templates ask for: pages of both processes fail
        assert key in text
        text = text.replace(key, key.replace(":", "_old:"), 1)
    labels.write_text(text, "utf-8")
    reports = []
    for parallel in (False, True):
        monkeypatch.setattr(render, "PARALLEL_FROM", 0 if parallel else 10**9)
        monkeypatch.setattr(render, "two_processes", lambda: True)
        with pytest.raises(ProblemsFound) as failed:
            build(project, NOW)
        reports.append([(p.code, str(p)) for p in failed.value.report.problems])
        _data, checked = check(project, NOW)  # renders without keeping the pages
        reports.append([(p.code, str(p)) for p in checked.problems])
    assert reports[0] == reports[1] == reports[2] == reports[3]
    assert reports[0][0][0] == "missing-label"


@pytest.mark.parametrize("keep", [True, False])
@pytest.mark.parametrize("failing, first", [((7, 10), 7), ((6, 9), 6), ((11,), 11), ((4,), 4)])
def test_two_processes_raise_the_error_of_the_first_failing_page(demo_site, two_processes,
                                                                 monkeypatch, failing, first,
                                                                 keep):
    from generator.render import RenderError

    order = list(demo_site.pages)
    real = two_processes.Renderer._render

    def fails(self, job):
        if order.index(job[0]) in failing:
            raise RenderError(f"page {order.index(job[0])}")
        return real(self, job)

    monkeypatch.setattr(two_processes.Renderer, "_render", fails)
    with pytest.raises(RenderError, match=f"^page {first}$"):
        two_processes.render(demo_site.data, demo_site.facts, {}, None, keep=keep)


@pytest.mark.parametrize("cores", [1, 2])
def test_check_stops_where_making_the_open_data_stops_the_build(tmp_path, monkeypatch, cores):
    """`check` makes the open data files without keeping them: a label the open data
    needs and labels.yml lacks is reported by check as by the build."""
    from conftest import make_project
    from generator import opendata, render
    from generator.pipeline import ProblemsFound
    from generator.records import LabelMissing

    monkeypatch.setattr(render, "two_processes", lambda: cores == 2)

    def missing(facts, labels):
        raise LabelMissing("opendata.clue_dimensions")

    monkeypatch.setattr(opendata, "clue_counts", missing)
    project = make_project(tmp_path / "c")
    _data, report = check(project, NOW)
    with pytest.raises(ProblemsFound) as failed:
        build(project, NOW)
    assert report.flatten() == failed.value.report.flatten()
    assert [code for _path, _line, code in report.flatten()] == ["missing-label"]


def _history_of(minimal, embargo: str | None, *stamps: tuple[int, int, int, int]):
    """What the case 2026-001 (发布日期 2026-05-10) page lists of the given commits."""
    import datetime as dt

    from conftest import TZ
    from generator.checks import validate
    from generator.history import Change, History
    from generator.render import _history_reader

    path = minimal / "data/cases/2026-001.yml"
    if embargo:
        path.write_text(path.read_text("utf-8") + f"embargo: {embargo}\n", "utf-8")
    data, report = validate(minimal, NOW)
    assert report.valid, [str(p) for p in report.errors]
    case = next(c for c in data.cases if c["id"] == "2026-001")
    key = case.where.path
    changes = [Change(dt.datetime(*s, tzinfo=TZ), "", f"{n:040d}", frozenset({key}))
               for n, s in enumerate(sorted(stamps, reverse=True))]
    read, _shared = _history_reader(data, History(by_path={key: changes}))
    shown = read(key, case)
    return shown and ([day.isoformat() for day, _ in shown["changes"]], shown["count"])


def test_history_lists_no_change_made_before_publication(minimal):
    """Committed 2026-05-01 and 05-09, published 05-10: the page lists only 05-10 and
    06-10, not when the case was prepared."""
    assert _history_of(minimal, None, (2026, 5, 1, 10), (2026, 5, 9, 18), (2026, 5, 10, 9),
                       (2026, 6, 10, 9)) == (["2026-06-10", "2026-05-10"], 2)
    assert _history_of(minimal, None, (2026, 5, 1, 10)) is None


def test_history_lists_no_change_made_under_embargo(minimal):
    """Under embargo until 2026-05-12 09:00, edits at 05-11 and 05-12 08:00 stay unlisted."""
    assert _history_of(minimal, "2026-05-12 09:00", (2026, 5, 11, 10), (2026, 5, 12, 8),
                       (2026, 5, 12, 10)) == (["2026-05-12"], 1)


def _first_line(page: str) -> str:
    """The paragraph right under the page's title."""
    return page.split("\n# ", 1)[1].split("\n\n", 2)[1]


def test_record_pages_open_with_their_decisive_fact(demo_site):
    pages = demo_site.pages
    assert _first_line(pages["ledger/items/TZ-0001.md"]) == \
        "已销号（2026年11月4日）；整改时限2027年3月6日。"
    assert _first_line(pages["ledger/items/TZ-0002.md"]) == \
        "整改中；整改时限2027年3月17日，还剩117天。"
    assert _first_line(pages["ledger/items/TZ-0003.md"]) == \
        "整改中；整改时限2026年9月11日，已逾期70天。"
    assert _first_line(pages["cases/2026-009.md"]) == \
        "处理情况：股长林某某（党内严重警告、诫勉谈话）；工作人员5人（批评教育）。"
    assert _first_line(pages["units/XZ06.md"]) == \
        "承诺书：按时报送2项，未报送1项；整改台账：已销号6项，未销号1项，其中逾期1项，" \
        "销号率85&#46;7&#37;。典型案例：通报曝光1起。"
    # the unit's cases counted by kind, exposures first whatever the order of their dates
    assert _first_line(pages["units/XZ07.md"]).endswith("典型案例：通报曝光1起，澄清正名1起。")
    # a 容错免责 case is counted as itself (it was counted as 澄清正名 in the bulletin)
    assert _first_line(pages["units/XZ09.md"]).endswith("典型案例：容错免责1起。")
    # a corrected case says so under its summary and where it stands, before any table
    case = pages["cases/2026-002.md"].split("\n# ", 1)[1].split("\n\n")
    assert case[1:3] == ["处理情况：副镇长林某（党内警告、政务记大过）。",
                         "2026年5月20日通报曝光。本页内容已于2026年6月2日更正，更正内容见本页“更正记录”。"]
    # where a case stands: its latest step, a 回头看 after an action of the same day
    assert pages["cases/2026-009.md"].split("\n# ", 1)[1].split("\n\n")[2] == \
        "2026年7月21日通报曝光；最新进展：2026年7月21日督办函（各涉及单位）。"
    assert "本页内容已" not in pages["cases/2026-009.md"]  # never corrected
    home = pages["index.md"].split("\n# ", 1)[1].split("\n\n")
    assert home[2] == ("电话举报：[12388](tel:12388)、[0000&#45;1234567](tel:00001234567)。"
                       "全部举报渠道和保密承诺：[我要举报](report.md)。")
    assert _first_line(pages["index.md"]).startswith("通报曝光案例35起，追责问责53人；")
    # a clarification opens with its own notice, not with a line about measures
    assert "处理情况" not in pages["cases/2026-005.md"]
    tolerated = pages["cases/2026-015.md"].split("\n# ", 1)[1].split("\n\n")
    assert tolerated[1:3] == ['!!! success "容错免责"', "    本案为容错免责：相关干部在工作中出现失误，"
                              "经认定符合容错情形，已免予问责。"]


def test_a_case_without_measures_opens_with_its_outcome_a_unit_without_records_says_so(
        tmp_path):
    from conftest import NOW, make_project
    from generator.pipeline import build

    project = make_project(tmp_path / "county")
    case = project / "data" / "cases" / "2026-001.yml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("    measures: [诫勉谈话]\n", ""), "utf-8")
    pages = build(project, NOW, history=False).pages
    assert _first_line(pages["cases/2026-001.md"]) == "处理情况：责令整改。"
    assert _first_line(pages["units/XX01.md"]) == "承诺书：无；整改台账：无。典型案例：无。"
    assert _first_line(pages["units/ZF01.md"]) == \
        "承诺书：迟报1项；整改台账：已销号0项，未销号1项，其中逾期1项，销号率0&#46;0&#37;。" \
        "典型案例：无。"


def test_an_issued_notice_reads_in_the_order_of_gbt9704(demo_site):
    """发文机关标志, 发文字号, 标题 (the page's only h1, its first heading), 主送, 正文, 署名 and
    成文日期, 抄送; the site's line (date, column, standing) before the document, the first
    thing a phone shows, never between its parts."""
    page = demo_site.pages["notices/2026-04-08-commitments-bulletin.md"]
    body = page.split("---\n", 2)[2]
    site_line = '<p class="cs-doc-site">本站发布日期：2026年4月8日　栏目：通报　发布后未更正。</p>'
    parts = [site_line, '<p class="cs-doc-issuer">中共演示县纪律检查委员会　演示县监察委员会</p>',
             '<p class="cs-doc-number">演纪发〔2026〕6号</p>',
             "\n# 关于未按时报送", '<p class="cs-doc-to">', "各单位要引以为戒",
             '<p class="cs-doc-sign">', '<p class="cs-doc-cc">', "\n## 公文文件"]
    at = [body.index(part) for part in parts]
    assert at == sorted(at) and body.lstrip().startswith(site_line)
    assert re.findall(r"^#+ ", body, re.M)[0] == "# " and body.count("\n# ") == 1
    assert "2026年4月8日　通报" not in body and body.count("本站发布日期") == 1


def test_a_notice_that_is_no_document_keeps_the_plain_page(demo_site):
    page = demo_site.pages["notices/2026-07-11-clarification.md"]
    body = page.split("---\n", 2)[2]
    assert body.lstrip().startswith("# ") and "cs-doc-issuer" not in body
    assert "cs-doc-site" not in body


@pytest.mark.parametrize("intro, rest", [
    ("现将有关问题通报如下。<s>", "正文。</s>"),
    ('现将有关问题<a href="https://www.example.gov.cn/">通报如下。', "正文。</a>"),
    ("<details><summary>通报内容</summary>\n现将有关问题通报如下。", "正文。\n</details>"),
    ('<div class="admonition warning">\n现将有关问题通报如下。', "正文。\n</div>"),
])
def test_no_element_of_a_notice_body_holds_the_cases_it_cites(intro, rest):
    """The page prints the cited cases after the paragraph that introduces them; an
    element the body opens before them and closes after would hold them (struck through,
    linked, folded away). `check` refuses such a body (markup-around-cited-cases); the
    page, made anyway, prints each part of the body closed."""
    from selectolax.lexbor import LexborHTMLParser

    from generator import render, sanitize
    from generator.document import Paragraph

    cited = [Paragraph(lead="1.东城镇问题。", text="案情。")]
    page = render._notice_text({"body": intro + "\n\n## 一、基本情况\n\n" + rest}, cited,
                               sanitize.Links(site_url="https://www.example.gov.cn/"))
    tree = LexborHTMLParser("<!DOCTYPE html><body>" + sanitize.markdown_html(str(page)))
    cases = tree.css("p.cs-doc-case")
    assert len(cases) == 1
    holders, node = [], cases[0].parent
    while node is not None and node.tag != "body":
        holders.append(node.tag)
        node = node.parent
    assert holders == []
    assert [n.tag for n in cases[0].iter()] == ["strong"]  # nothing reopened inside it


@pytest.mark.parametrize("url", ["https://jubao.example.gov.cn@evil.example/",
                                 "https://example.gov.cn:pw@evil.example/c1",
                                 "http://a%40example.gov.cn@evil.example",
                                 "https://jubao.ex\u0430mple.gov.cn/"])  # a Cyrillic а
def test_a_url_whose_user_name_or_letters_pose_as_another_host_is_never_a_link(url):
    from generator import render

    assert render.safe_url(url) is None
    assert render.channel_href({"kind": "网上平台", "value": url}) is None
    assert render.safe_url("https://example.gov.cn/a@b") == "https://example.gov.cn/a@b"
    assert render.safe_url("https://县纪委监委.政务/") == "https://县纪委监委.政务/"
