"""Indicators and charts: the same numbers in the chart, its table and its CSV, and the
numbers themselves recomputed from the raw files without any generator code."""
import csv
import io
import itertools
import re

import yaml

from conftest import NOW, ROOT
from generator.charts import CHARTS
from generator.pipeline import build


def _rows(rel):
    with (ROOT / rel).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _cases():
    cases = [yaml.load(p.read_text("utf-8"), Loader=yaml.BaseLoader)
             for p in sorted((ROOT / "data/cases").glob("*.yml"))]
    return [c for c in cases if c.get("draft") != "是" and "withdrawn" not in c
            and (not c.get("embargo") or c["embargo"] <= "2026-11-20 00:00")]


def _column(frame, label_key, demo_site):
    return frame[demo_site.data.labels["indicators"]["columns"][label_key]]


def _facts(demo_site):
    from generator.derive import derive

    return derive(demo_site.data)


def test_cases_and_persons_per_month(demo_site):
    exposures = [c for c in _cases() if c["kind"] == "通报曝光"]
    frame = _facts(demo_site).indicators["cases_monthly"]
    for month in frame.index:
        these = [c for c in exposures if c["published_on"].startswith(month)]
        held = sum(int(p.get("count", 1)) for c in these for p in c.get("persons", [])
                   if p.get("measures"))
        assert _column(frame, "cases", demo_site)[month] == len(these)
        assert _column(frame, "persons", demo_site)[month] == held
    assert _column(frame, "cases", demo_site).sum() == len(exposures)


def test_persons_by_measure(demo_site):
    measures = yaml.safe_load((ROOT / "site_config/taxonomy.yml").read_text("utf-8"))["measures"]
    names = {m["id"]: m["name"] for m in measures}
    # a case may write a measure by its name or by an alias (严重警告 for 党内严重警告)
    by_name = {written: m["id"] for m in measures
               for written in [m["name"], *(m.get("aliases") or [])]}
    counts = {}
    for c in _cases():
        if c["kind"] == "通报曝光":
            for p in c.get("persons", []):
                for m in p.get("measures", []):
                    key = by_name.get(m, m)
                    counts[key] = counts.get(key, 0) + int(p.get("count", 1))  # a group
    frame = _facts(demo_site).indicators["persons_by_measure"]
    assert {k: v for k, v in zip(frame.index, frame.iloc[:, 0]) if v} == \
        {names[k]: v for k, v in counts.items()}


def test_ledger_closure_rate_by_unit_kind(demo_site):
    kinds = {u["id"]: u["kind"] for u in _rows("data/units.csv")}
    items = [r for p in sorted((ROOT / "data/ledger").glob("*.csv"))
             for r in _rows(p.relative_to(ROOT))]
    frame = _facts(demo_site).indicators["ledger_rate_by_kind"]
    for kind in frame.index:
        mine = [i for i in items if kinds[i["unit"]] == kind]
        closed = sum(1 for i in mine if i["status"] == "已销号")
        assert _column(frame, "total", demo_site)[kind] == len(mine)
        assert _column(frame, "rate", demo_site)[kind] == round(100 * closed / len(mine), 1)


def test_reporting_compliance_per_period(demo_site):
    reports = _rows("data/reports.csv")
    exempt = [e for e in _rows("data/exemptions.csv") if e["item"] == "工作月报"]
    frame = _facts(demo_site).indicators["reporting_by_period"]
    assert list(frame.index) == ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08",
                                 "2026-09", "2026-10"]
    for period in frame.index:
        year, month = map(int, period.split("-"))
        due = f"{year + month // 12:04d}-{month % 12 + 1:02d}-05"
        excused = {e["unit"] for e in exempt
                   if e["starts_on"] <= due and (e["ends_on"] or "9999") >= due}
        units = len(_rows("data/units.csv")) - len(excused)
        mine = [r for r in reports if r["period"] == period and r["unit"] not in excused]
        on_time = sum(1 for r in mine if r["submitted_on"] <= due)
        zero = sum(1 for r in mine if r["zero_report"] == "是")
        assert _column(frame, "submitted", demo_site)[period] == len(mine)
        assert _column(frame, "on_time_rate", demo_site)[period] == round(100 * on_time / units, 1)
        assert _column(frame, "zero_share", demo_site)[period] == round(100 * zero / len(mine), 1)


def test_inspections_per_month_against_the_required_rate(demo_site):
    inspections = _rows("data/inspections.csv")
    units = len(_rows("data/units.csv"))
    frame = _facts(demo_site).indicators["inspections_monthly"]
    for month in frame.index:
        visits = sum(len(r["units"].split("、")) for r in inspections
                     if r["date"].startswith(month))
        required = 2 * units if "2026-06" <= month <= "2026-10" else 0
        assert _column(frame, "visits", demo_site)[month] == visits
        assert _column(frame, "required", demo_site)[month] == required


def test_warnings_by_level(demo_site):
    warnings = _rows("data/warnings.csv")
    frame = _facts(demo_site).indicators["warnings_by_level"]
    for level in ("黄牌", "橙牌", "红牌"):
        assert _column(frame, "warnings", demo_site)[level] == sum(
            1 for w in warnings if w["level"] == level)


def test_every_chart_has_its_table_and_csv_from_the_same_frame(demo_site):
    from generator.render import _frame_rows

    facts = _facts(demo_site)
    page = demo_site.pages["statistics.md"]
    assert set(facts.indicators) == set(CHARTS)
    for key, frame in facts.indicators.items():
        section = page.split(f'aria-labelledby="chart-{key}-title')[1].split("</figure>")[1]
        table = list(itertools.takewhile(lambda line: line.startswith("|"),
                                         section.lstrip("\n").splitlines()))
        cells = [[c.strip().replace("&#45;", "-").replace("&#46;", ".") for c in row.strip("|").split("|")]
                 for row in table[2:]]
        assert cells == _frame_rows(frame), key
        rows = list(csv.reader(io.StringIO(demo_site.files[f"charts/{key}.csv"].decode("utf-8-sig"))))
        assert len(rows) == len(frame) + 1
        assert [r[0] for r in rows[1:]] == [str(i) for i in frame.index]


def test_svg_is_byte_identical_between_builds_and_keeps_text_as_text(demo_site):
    again = build(ROOT, NOW)
    for key in CHARTS:
        svg = demo_site.files[f"charts/{key}.svg"]
        assert svg == again.files[f"charts/{key}.svg"], key
        text = svg.decode("utf-8")
        name = demo_site.data.labels["indicators"][key]["name"]
        assert re.search(r"<text[^>]*>" + re.escape(name) + "</text>", text), key
        assert f"<title id=\"chart-{key}-title\">{name}</title>" in text
        assert "font-family: sans-serif" in text and "DejaVu" not in text
        assert "<metadata>" not in text and "glyph" not in text


def test_unit_pages_show_their_ledger_progress(demo_site):
    items = [r for p in sorted((ROOT / "data/ledger").glob("*.csv"))
             for r in _rows(p.relative_to(ROOT)) if r["unit"] == "ZF04"]
    closed = sum(1 for r in items if r["status"] == "已销号")
    assert items
    assert (f'<progress class="cs-progress" value="{closed}" max="{len(items)}" '
            f'aria-label="整改进度">{closed} / {len(items)}</progress>') \
        in demo_site.pages["units/ZF04.md"]


def _counting_draws(demo_site, monkeypatch):
    """The demo's frames and labels, the list of charts drawn from now on (none kept from
    before), and the real `draw`."""
    from generator import charts

    drawn = []
    original = charts.draw
    monkeypatch.setattr(charts, "draw", lambda frame, key, *a: drawn.append(key) or
                        original(frame, key, *a))
    monkeypatch.setattr(charts, "_DRAWN", {})
    return _facts(demo_site).indicators, demo_site.data.labels, drawn, original


def test_a_chart_is_drawn_again_only_when_its_figures_or_words_change(demo_site, monkeypatch):
    """The preview draws the charts on every save: those whose figures and words are the
    same are not drawn again, and the SVG is the one a fresh drawing makes."""
    from generator import charts

    frames, labels, drawn, original = _counting_draws(demo_site, monkeypatch)
    first = charts.render_all(frames, labels)
    assert sorted(drawn) == sorted(frames)
    drawn.clear()
    assert charts.render_all(frames, labels) == first and drawn == []
    changed = dict(frames)
    changed["cases_monthly"] = frames["cases_monthly"] + 1
    again = charts.render_all(changed, labels)
    assert drawn == ["cases_monthly"]
    assert again["cases_monthly"]["svg"] == original(changed["cases_monthly"], "cases_monthly",
                                                     labels["indicators"]["columns"],
                                                     labels["indicators"]["cases_monthly"])
    assert again["cases_monthly"]["svg"] != first["cases_monthly"]["svg"]


def test_lazy_charts_are_drawn_when_first_read_and_are_the_same(demo_site, monkeypatch):
    """`check --changed` asks for the charts lazily: none is drawn until a page that
    shows it is rendered, and what is drawn then is what the build draws; matplotlib is
    not even imported until then."""
    import subprocess
    import sys

    import pytest

    from generator import charts

    frames, labels, drawn, original = _counting_draws(demo_site, monkeypatch)
    lazy = charts.render_all(frames, labels, lazy=True)
    assert drawn == [] and sorted(lazy) == sorted(frames)
    assert all(entry["csv"] for entry in lazy.values()) and drawn == []
    key = sorted(frames)[0]
    svg = lazy[key]["svg"]
    assert drawn == [key] and lazy[key]["svg"] is svg and drawn == [key]
    assert {k: dict(v) for k, v in charts.render_all(frames, labels).items()}[key] == \
        {"svg": svg, "csv": lazy[key]["csv"]}
    with pytest.raises(KeyError):
        lazy[key]["png"]  # noqa: B018
    shown = subprocess.run([sys.executable, "-c", "import sys, generator.charts; "
                            "print('matplotlib' in sys.modules)"],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_lazy_frames_are_made_when_first_read_and_are_the_same(demo_site, monkeypatch):
    """`check --changed` derives the facts with lazy frames: no indicator's frame is made
    (nor pandas imported) until a page that shows it is rendered, and each frame made
    then equals the build's; a chart's CSV is made from its frame when first read."""
    import subprocess
    import sys

    from generator import charts, indicators
    from generator.derive import derive

    eager = _facts(demo_site).indicators
    made = []
    for key, compute in list(indicators.INDICATORS.items()):
        monkeypatch.setitem(indicators.INDICATORS, key,
                            lambda *a, key=key, compute=compute: made.append(key) or compute(*a))
    lazy = derive(demo_site.data, lazy=True).indicators
    drawn = charts.render_all(lazy, demo_site.data.labels, lazy=True)
    assert made == [] and list(lazy) == list(eager) == list(drawn)
    key = list(eager)[3]
    assert drawn[key]["csv"] == charts.csv_bytes(eager[key], demo_site.data.labels[
        "indicators"][key]["index"])
    assert made == [key]
    assert lazy[key].equals(eager[key]) and made == [key]
    assert all(lazy[k].equals(eager[k]) for k in eager) and len(made) == len(eager)
    shown = subprocess.run([sys.executable, "-c", "import sys, generator.pipeline; "
                            "print('pandas' in sys.modules)"],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_a_dollar_sign_in_a_name_is_drawn_as_written():
    """A taxonomy name or label with "$…$" was read as TeX (mathtext): "$x^$" stopped the
    build with a ValueError and "$\\mathrm{…}$" drew other glyphs than the data's."""
    import pandas as pd

    from generator import charts

    names = ["违纪$x^$问题", "违纪$\\mathrm{伪造}$问题"]
    frame = pd.DataFrame({"件数": [1, 2]}, index=names)
    svg = charts.draw(frame, "cases_by_category", {"cases": "件数"},
                      {"name": "按$类别$", "definition": "d", "unit": "$件", "index": "类别"})
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert set(names) <= set(texts) and "按$类别$" in texts
