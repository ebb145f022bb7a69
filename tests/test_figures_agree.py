"""One figure, every place it is shown: bulletin, notice drafts, pages, charts, open data."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from conftest import NOW, ROOT, TZ
from generator.bulletin import figures
from generator.checks import validate
from generator.notices import ledger_listing
from generator.pipeline import build

# 白沙镇 (XZ06) is abolished on 2026-09-30 with TZ-0145 still open (deadline 2026-07-01).
ABOLISHED_ON = "2026-09-30"
LATER = {"data/inspections.csv": ("ZC-0499,", "ZC-0498,"),   # its own checks in October
         "data/reports.csv": ("XZ06,2026-09,", "XZ06,2026-10,")}  # reports handed in after


@pytest.fixture(scope="module")
def abolished(tmp_path_factory):
    project = tmp_path_factory.mktemp("abolished") / "demo"
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    units = project / "data/units.csv"
    lines = units.read_text("utf-8-sig").split("\n")
    lines = [lines[0] + ",active_until"] + [
        line + (f",{ABOLISHED_ON}" if line.startswith("XZ06,") else ",") if line else line
        for line in lines[1:]]
    units.write_text("\n".join(lines), "utf-8-sig")
    for rel, starts in LATER.items():
        path = project / rel
        text = path.read_text("utf-8-sig")
        path.write_text("".join(line for line in text.splitlines(True)
                                if not line.startswith(starts)), "utf-8-sig")
    now = dt.datetime(2026, 12, 6, 6, 0, tzinfo=TZ)
    data, report = validate(project, now)
    assert report.valid, [str(p) for p in report.errors]
    return data, build(project, now, history=False)


def test_bulletin_and_ledger_notice_leave_out_an_abolished_units_items(abolished):
    data, _site = abolished
    day = dt.date(2026, 11, 30)
    in_bulletin = {i["id"] for i in figures(data, "2026-11")["ledger_overdue"]}
    in_notice = {r["ledger_item"] for r in ledger_listing(data, day)}
    assert in_bulletin == in_notice
    assert "TZ-0145" not in in_bulletin
    assert len(in_bulletin) == 104


def test_the_site_counts_overdue_items_as_the_ledger_notice_does(abolished):
    data, site = abolished
    listed = ledger_listing(data, dt.date(2026, 12, 6))
    assert len(listed) == 105 and "TZ-0145" not in {r["ledger_item"] for r in listed}
    assert "| [整改逾期未销号](ledger/overdue/index.md) | 105 |" in site.pages["index.md"]
    assert "其中逾期105项" in site.pages["ledger/index.md"]
    assert "共105项" in site.pages["ledger/overdue/index.md"]
    assert "TZ-0145" not in "".join(v for k, v in site.pages.items()
                                    if k.startswith("ledger/overdue/"))
    unit = site.pages["units/XZ06.md"]
    assert "共7项，已销号6项，逾期0项" in unit
    # Days stop at the unit's end: 2026-07-01 -> 2026-09-30 is 91 days, not 158.
    assert "单位已撤销（2026年9月30日），撤销时已逾期91天" in unit
    assert "逾期158天" not in unit and "逾期158天" not in site.pages["ledger/items/TZ-0145.md"]
    # The commitment C1 (due 2026-03-20) it never handed in: 194 days, not 261.
    assert "逾期194天未报" in unit and "逾期261天" not in unit


def test_the_monthly_overdue_chart_agrees_with_the_bulletin(abolished):
    data, site = abolished
    chart = next(v for k, v in site.files.items()
                 if "ledger_monthly" in k and k.endswith(".csv")).decode("utf-8-sig")
    rows = {line.split(",")[0]: line.split(",") for line in chart.strip().splitlines()[1:]}
    for month in ("2026-04", "2026-06", "2026-10", "2026-11"):
        assert int(rows[month][-1]) == len(figures(data, month)["ledger_overdue"]), month
    # 104 without TZ-0145; April's 5 leaves out items closed then and reopened later.
    assert [rows[m][-1] for m in ("2026-04", "2026-11")] == ["5", "104"]


def _reporting_table(site) -> str:
    """The statistics page's section on monthly reports, up to the next chart."""
    page = site.pages["statistics.md"]
    return page.split("### 工作月报按时报送率和零报告占比")[1].split("\n### ")[0]


def _reporting_rows(site) -> list[str]:
    chart = site.files["charts/reporting_by_period.csv"].decode("utf-8-sig")
    return chart.strip().splitlines()


def test_a_report_period_is_not_rated_on_its_due_day():
    """November's reports are due 2026-12-05: on that day its page says 尚未到截止日期,
    and neither the chart nor the statistics table rates it (was 2026-11,59,0,0.0,0.0)."""
    site = build(ROOT, dt.datetime(2026, 12, 5, 12, 0, tzinfo=TZ), history=False)
    assert "尚未到截止日期" in site.pages["reports/2026-11/index.md"]
    rows = _reporting_rows(site)
    assert rows[-1] == "2026-10,59,55,84.7,30.9"
    table = _reporting_table(site)
    assert "| 2026年10月 | 59 | 55 | 84&#46;7 | 30&#46;9 |" in table
    assert "2026年11月" not in table


def test_a_zero_report_share_without_reports_is_a_dash_not_zero():
    """The day after, November is rated: none of 59 on time (0), and the share of zero
    reports among no reports has no denominator: an empty CSV cell and — on the page."""
    site = build(ROOT, dt.datetime(2026, 12, 6, 0, 0, tzinfo=TZ), history=False)
    assert _reporting_rows(site)[-1] == "2026-11,59,0,0.0,"
    assert "| 2026年11月 | 59 | 0 | 0 | — |" in _reporting_table(site)


def test_an_on_time_rate_with_no_unit_due_is_a_dash(minimal):
    """While no commitment has fallen due no unit kind has anything to rate: not 0.0%,
    and a commitment handed in early is not rated before its deadline either (was
    乡镇,1,0,0,100.0)."""
    path = minimal / "data/commitments.yml"
    path.write_text(path.read_text("utf-8").replace("due: 2026-03-20", "due: 2026-12-20"), "utf-8")
    site = build(minimal, NOW, history=False)
    chart = site.files["charts/commitments_by_kind.csv"].decode("utf-8-sig")
    assert chart.strip().splitlines()[1:] == [
        f"{kind},0,0,0," for kind in ("乡镇", "县委部门", "政府部门", "学校", "国企")]
    table = site.pages["statistics.md"].split("### 各类单位的承诺书报送情况")[1].split("\n### ")[0]
    assert "| 乡镇 | 0 | 0 | 0 | — |" in table


def test_an_abolished_units_missing_commitment_is_in_no_late_figure(abolished):
    """XZ06 never handed in C1 and was abolished on 2026-09-30: its unit page keeps the
    row (未报, days to its end) but, like its open ledger item, it is not among the units
    late or missing on the home page, in the commitments status list, on the unit
    directory, in a 通报 drafted now or in the bulletin of a month after its end."""
    from generator.bulletin import figures as month_figures
    from generator.notices import commitment_listing

    data, site = abolished
    c1 = next(c for c in data.published("commitments") if c["id"] == "C1")
    now = dt.date(2026, 12, 6)
    assert "XZ06" not in {r["unit"] for r in commitment_listing(data, c1, now)}
    # Before its end it was missing, and a 通报 drafted then names it.
    assert "XZ06" in {r["unit"] for r in commitment_listing(data, c1, dt.date(2026, 9, 1))}
    late = {r["unit"]["id"] for c in site.facts.commitments for r in c["rows"]
            if r["state"] == "late" or (r["state"] == "missing" and not r["unit_ended"])}
    assert "XZ06" not in late
    assert f"| [承诺书迟报或未报的单位](commitments/index.md) | {len(late)} |" in site.pages["index.md"]
    assert f"承诺书迟报或未报的单位{len(late)}个" in site.pages["index.md"]
    status = site.pages["commitments/index.md"]
    assert "units/XZ06.md" not in status
    unit = site.pages["units/XZ06.md"]
    assert "单位已撤销（2026年9月30日），撤销时已逾期194天未报" in unit
    # The directory's columns: overdue items, commitments/reports late or missing, rate.
    assert ("| [白沙镇](../XZ06.md)（2026年9月30日撤销） | 县委办公室 | 服务窗口 | 0 | 0 | 85.7% | — |"
            in site.pages["units/kind-XZ/index.md"])
    named = month_figures(data, "2026-10")
    assert all(u["id"] != "XZ06" for c in named["commitments"] for u, _ in c["missed"])


def test_a_rate_short_of_all_never_reads_100_percent(minimal):
    """2,000 items of which one is open: 1,999/2,000 is 99.95%, which rounded to one
    decimal printed 100.0% on the ledger, the unit page and the charts (was 100.0)."""
    from generator.derive import percent_of

    assert [percent_of(1999, 2000), percent_of(2000, 2000), percent_of(1, 3000),
            percent_of(0, 3000), percent_of(0, 0), percent_of(1, 3)] == [
        99.9, 100.0, 0.1, 0.0, None, 33.3]
    path = minimal / "data/ledger/台账.csv"
    header, *_rows = path.read_text("utf-8-sig").splitlines()
    rows = [f"TZ-{n},XZ01,B2,问题{n},措施,目标,2026-04-01,2026-12-31,书记,主任,限期整改,"
            + ("整改中," if n == 1 else "已销号,2026-04-20") for n in range(1, 2001)]
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8-sig")
    site = build(minimal, NOW, history=False)
    unit = site.pages["units/XZ01.md"]
    assert "共2000项，已销号1999项，逾期0项，销号率99.9%" in unit
    pages = re.sub(r"<svg.*?</svg>", "", "".join(site.pages.values()), flags=re.S)
    assert not re.search(r"100(\.|&#46;)0", pages)
    csv = "".join(v.decode("utf-8-sig") for k, v in site.files.items()
                  if k.endswith(".csv") and "ledger" in k)
    assert not re.search(r"(^|,)100\.0(,|\r?$)", csv, re.M)
    assert "销号率" in unit and re.search(r"(^|,)99\.9(,|\r?$)", csv, re.M)


def test_a_commitment_missing_only_from_abolished_units_does_not_read_all_on_time(minimal):
    """Every unit that still exists handed C1 in on time; the ones that never did were
    abolished since: the status says so instead of 均已按时报送 or naming them as late."""
    units = minimal / "data/units.csv"
    lines = units.read_text("utf-8-sig").strip().split("\n")
    units.write_text("\n".join([lines[0] + ",active_until"] + [
        line + (",2026-06-30" if line.startswith(("XW01,", "XX01,")) else ",")
        for line in lines[1:]]) + "\n", "utf-8-sig")
    subs = minimal / "data/submissions.csv"
    subs.write_text(subs.read_text("utf-8-sig").replace("C1,ZF01,2026-03-25", "C1,ZF01,2026-03-19"),
                    "utf-8-sig")
    site = build(minimal, NOW, history=False)
    status = site.pages["commitments/index.md"]
    missing = sum(1 for c in site.facts.commitments for r in c["rows"] if r["state"] == "missing")
    assert missing >= 1
    assert "现有应报单位均已按时报送《" in status and f"另有{missing}家单位撤销前未报送" in status
    assert "应报单位均已按时报送" not in status.replace("现有应报单位均已按时报送", "")
    assert "| [承诺书迟报或未报的单位](commitments/index.md) | 0 |" in site.pages["index.md"]


def test_the_campaign_is_not_100_percent_through_before_its_last_day():
    """2026-03-01..2026-12-31 is 306 days: on 12-30, 305 are past and one is left, which
    rounded read 100% (was 还剩 1 天（100%）); on the last day it is 100%."""
    from generator.derive import _phase

    campaign = {"phases": [{"start": dt.date(2026, 3, 1), "end": dt.date(2026, 12, 31)}]}
    assert _phase(campaign, dt.date(2026, 12, 30))["percent"] == 99
    assert _phase(campaign, dt.date(2026, 12, 31))["percent"] == 100
    assert _phase(campaign, dt.date(2026, 3, 1))["percent"] == 1
    site = build(ROOT, dt.datetime(2026, 12, 30, 9, 0, tzinfo=TZ), history=False)
    assert "专项治理共306天，已过305天，还剩1天（99&#37;）。" in site.pages["index.md"]
