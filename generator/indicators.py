"""Indicators: the campaign's figures as pandas frames, each defined once.

Part of the derive stage. Every indicator is one function returning a DataFrame whose
index is what is counted by (a month, a category, a unit kind) and whose columns are
its series; the chart and the table beside it are both drawn from that frame. Names,
definitions and units are in the labels file (`indicators:`), keyed like the functions.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping

from typing import TYPE_CHECKING

from generator.derive import EXPOSURE, Facts, ledger_overdue, percent_of, persons_in
from generator.records import Dataset
from generator.schema import record_types

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = None  # pandas: imported when the first frame is made (_pandas)


def _pandas() -> None:
    """Import pandas for the frames: `check --changed`, which makes none, never does
    (half a second of every run)."""
    global pd  # noqa: PLW0603 - the module's one lazily imported name
    if pd is None:
        import pandas

        pd = pandas


def _months(first: dt.date, last: dt.date) -> list[str]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _month(day: dt.date) -> str:
    """"2026-04" for a date: what the monthly indicators count by."""
    return f"{day.year:04d}-{day.month:02d}"


def _by_month(records, key: str) -> dict[str, list]:
    """month -> the records whose `key` date falls in it, in their order: one pass over
    the records, not one per month."""
    out: dict[str, list] = {}
    for rec in records:
        if rec.get(key):
            out.setdefault(_month(rec[key]), []).append(rec)
    return out


def _campaign_months(data: Dataset, facts: Facts) -> list[str]:
    phases = data.campaign.get("phases") or []
    first = phases[0]["start"] if phases else facts.today.replace(day=1)
    return _months(first, min(facts.today, phases[-1]["end"]) if phases else facts.today)


def _percent(part: int, whole: int) -> float:
    """A percentage to one decimal; NaN (printed —, an empty CSV cell, no point drawn)
    when there is nothing to rate: a rate without a denominator is never 0."""
    value = percent_of(part, whole)  # derive's rounding: never 100.0 short of all
    return float("nan") if value is None else value


def _count(values, order: list, labels: dict, column: str) -> pd.DataFrame:
    series = pd.Series(values, dtype="object").value_counts()
    rows = [(labels.get(k, k), int(series.get(k, 0))) for k in order]
    return pd.DataFrame([r[1] for r in rows], index=[r[0] for r in rows], columns=[column])


def cases_monthly(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    months = _campaign_months(data, facts)
    exposures = _by_month((x for x in facts.cases if x.published and x["kind"] == EXPOSURE),
                          "published_on")
    rows = []
    for month in months:
        these = exposures.get(month, [])
        held = sum(persons_in(p) for x in these for p in x.get("persons") or []
                   if p.get("measures"))
        rows.append((month, len(these), held))
    frame = pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows],
                         columns=[c["cases"], c["persons"]])
    return frame


def cases_cumulative(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    monthly = cases_monthly(data, facts, c)
    return monthly.cumsum()


def persons_by_measure(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    names = facts.names["measures"]
    values = [m for x in facts.cases if x.published and x["kind"] == EXPOSURE
              for p in x.get("persons") or [] for m in p.get("measures") or []
              for _ in range(persons_in(p))]
    return _count(values, list(names), names, c["persons"])


def cases_by_category(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    names = facts.names["categories"]
    tops = [t["id"] for t in data.taxonomy.get("categories") or []]
    values = [top for x in facts.cases if x.published and x["kind"] == EXPOSURE
              for top in {facts.category_parent.get(k, k) for k in x["categories"]}]
    return _count(values, tops, names, c["cases"])


def cases_by_source(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    names = facts.names["case_sources"]
    values = [x["source"] for x in facts.cases if x.published and x["kind"] == EXPOSURE]
    return _count(values, list(names), names, c["cases"])


def cases_by_unit_kind(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    names = facts.names["unit_kinds"]
    values = [facts.units[x["unit"]]["kind"] for x in facts.cases
              if x.published and x["kind"] == EXPOSURE]
    return _count(values, facts.unit_kind_order, names, c["cases"])


def clues_by_batch(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    batches = [x["batch"] for x in facts.cases if x.published and x.get("batch")]
    order = sorted(set(batches))
    labels = {b: c["batch"].format(batch=b) for b in order}
    return _count(batches, order, labels, c["cases"])


def ledger_monthly(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    months = _campaign_months(data, facts)
    items = data.published("ledger")
    opened_in, closed_in = _by_month(items, "opened_on"), _by_month(items, "closed_on")
    # Only an item whose deadline has passed can be overdue: each month looks at those.
    by_deadline = sorted(items, key=lambda i: i["deadline"])
    deadlines = [i["deadline"] for i in by_deadline]
    rows = []
    for month in months:
        year, number = map(int, month.split("-"))
        end = min((dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)),
                  facts.today)
        opened = len(opened_in.get(month, ()))
        closed = len(closed_in.get(month, ()))
        passed = by_deadline[:bisect.bisect_left(deadlines, end)]
        overdue = sum(1 for i in passed if ledger_overdue(i, facts.units[i["unit"]], end))
        rows.append((month, opened, closed, overdue))
    return pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows],
                        columns=[c["opened"], c["closed"], c["overdue"]])


def _rates(groups: list[dict], names: dict, c: dict) -> pd.DataFrame:
    return pd.DataFrame([[g["total"], g["closed"], g["rate"] or 0.0] for g in groups],
                        index=[names.get(g["key"], g["key"]) for g in groups],
                        columns=[c["total"], c["closed"], c["rate"]])


def ledger_rate_by_category(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    return _rates(facts.ledger_by["category"], facts.names["categories"], c)


def ledger_rate_by_kind(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    return _rates(facts.ledger_by["kind"], facts.names["unit_kinds"], c)


def commitments_by_kind(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    # Only commitments whose deadline has passed (as the definition says): one handed in
    # early to a commitment still due is not yet rated, like a report period.
    rows = [(r["unit"]["kind"], r["state"]) for item in facts.commitments
            if item["commitment"]["due"] < facts.today for r in item["rows"]
            if r["state"] not in ("pending", "exempt")]
    frame = pd.DataFrame(rows, columns=["kind", "state"])
    table = pd.crosstab(frame["kind"], frame["state"]) if rows else pd.DataFrame()
    out = []
    for kind in facts.unit_kind_order:
        counts = [int(table.loc[kind, s]) if kind in table.index and s in table.columns else 0
                  for s in ("on_time", "late", "missing")]
        total = sum(counts)
        out.append([*counts, _percent(counts[0], total)])
    return pd.DataFrame(out, index=[facts.names["unit_kinds"][k] for k in facts.unit_kind_order],
                        columns=[c["on_time"], c["late"], c["missing"], c["on_time_rate"]])


def reporting_by_period(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    """Periods whose deadline has passed (derive: `closed`): one still due, the due day
    itself included, is not rated, as its reports page says 尚未到截止日期."""
    rows = []
    for p in facts.periods:
        if not p["closed"]:
            continue
        on_time = p["submitted"] - len(p["late"])
        rows.append((p["period"], p["expected"], p["submitted"],
                     _percent(on_time, p["expected"]), _percent(p["zero"], p["submitted"])))
    return pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows],
                        columns=[c["expected"], c["submitted"], c["on_time_rate"], c["zero_share"]])


def inspections_monthly(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    phases = {p["name"]: p for p in data.campaign.get("phases") or []}
    phase = phases.get(data.campaign.get("inspection_phase") or "")
    rate = data.campaign.get("inspection_rate") or 0
    months = _campaign_months(data, facts)
    visited = _by_month(facts.inspections, "date")
    rows = []
    for month in months:
        year, number = map(int, month.split("-"))
        first = dt.date(year, number, 1)
        last = dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
        # Units in the campaign at some time in the month (纳入日期 / 撤销日期).
        units = sum(1 for u in facts.units.values()
                    if (u.get("active_from") or first) <= last
                    and (u.get("active_until") or last) >= first)
        visits = sum(len(i["units"]) for i in visited.get(month, ()))
        required = 0
        if phase and _month(phase["start"]) <= month <= _month(phase["end"]):
            required = rate * units
        rows.append((month, visits, required))
    return pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows],
                        columns=[c["visits"], c["required"]])


def warnings_by_level(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    levels = list(record_types()["warning"].fields["level"].values)
    values = [w["level"] for w in data.published("warnings") if w.get("level")]
    frame = _count(values, levels, {}, c["warnings"])
    frame[c["units"]] = [sum(1 for level in facts.current_warning.values() if level == lv)
                         for lv in levels]
    return frame


def inspection_rate_by_month(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    """Per month of the phase with a rate: units that ran enough inspections themselves."""
    rows = facts.inspection_rates.get("by_month", [])
    return pd.DataFrame([[r["met"], r["short"]] for r in rows],
                        index=[r["month"] for r in rows], columns=[c["units_met"], c["units_short"]])


def clue_register_by_batch(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    """The clue register (counts only) by batch of 挂牌督办 and state."""
    from generator.derive import CLUE_STATES

    rows = facts.clues.get("by_batch", [])
    keys = ["clue_open", "clue_done", "clue_moved", "clue_dismissed"]
    return pd.DataFrame([[r[s] for s in CLUE_STATES] for r in rows],
                        index=[c["batch"].format(batch=r["key"]) for r in rows],
                        columns=[c[k] for k in keys])


def persons_by_measure_group(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    """People held to account by kind of measure; a group entry counts its members."""
    from generator.derive import persons_in

    groups = {m["id"]: m["group"] for m in data.taxonomy.get("measures") or []}
    order = list(record_types()["taxonomy"].fields["measures"].item.fields["group"].values)
    counts = dict.fromkeys(order, 0)
    for case in facts.cases:
        if not case.published or case["kind"] != EXPOSURE:
            continue
        for person in case.get("persons") or []:
            for group in {groups[m] for m in person.get("measures") or [] if m in groups}:
                counts[group] += persons_in(person)
    return pd.DataFrame(list(counts.values()), index=list(counts), columns=[c["persons"]])


def persons_by_form(data: Dataset, facts: Facts, c: dict) -> pd.DataFrame:
    """People handled under the 四种形态, each once, in the heaviest form among their
    measures (a 诫勉 and a 警告 are one person of the second form); a group entry counts
    its members. The forms are those the taxonomy gives at least one measure."""
    order = list(record_types()["taxonomy"].fields["measures"].item.fields["form"].values)
    forms = {m["id"]: order.index(m["form"]) for m in data.taxonomy.get("measures") or []
             if m.get("form")}
    shown = sorted(set(forms.values()))
    counts = dict.fromkeys(shown, 0)
    for case in facts.cases:
        if not case.published or case["kind"] != EXPOSURE:
            continue
        for person in case.get("persons") or []:
            held = [forms[m] for m in person.get("measures") or [] if m in forms]
            if held:
                counts[max(held)] += persons_in(person)
    return pd.DataFrame(list(counts.values()), index=[order[i] for i in shown],
                        columns=[c["persons_by_form"]])


INDICATORS = {
    f.__name__: f for f in (
        cases_monthly, cases_cumulative, clues_by_batch, cases_by_category, cases_by_source,
        cases_by_unit_kind, persons_by_measure, ledger_monthly, ledger_rate_by_category,
        ledger_rate_by_kind, commitments_by_kind, reporting_by_period, inspections_monthly,
        warnings_by_level, inspection_rate_by_month, clue_register_by_batch,
        persons_by_measure_group, persons_by_form)
}
# Shown only when the county's taxonomy puts its measures in the 四种形态: without a form on
# any measure every count would be a 0 that no one decided.
CONFIGURED = {"persons_by_form": lambda data: any(
    m.get("form") for m in data.taxonomy.get("measures") or [])}


def indicators(data: Dataset, facts: Facts, lazy: bool = False) -> Mapping[str, pd.DataFrame]:
    """Every indicator's frame, in the order the statistics page shows them (one the
    county has not configured is left out, and with it its chart and CSV). `lazy`
    (`check --changed`, which renders only the pages links point into): each frame is
    made when it is first read."""
    columns = data.labels["indicators"]["columns"]
    keys = [key for key in INDICATORS if key not in CONFIGURED or CONFIGURED[key](data)]
    if lazy:
        return _Frames(data, facts, columns, keys)
    _pandas()
    return {key: INDICATORS[key](data, facts, columns) for key in keys}


class _Frames(Mapping):
    """The indicators' frames, each made when first read (the keys are known without)."""

    def __init__(self, data: Dataset, facts: Facts, columns: dict, keys: list[str]) -> None:
        self._made: dict[str, pd.DataFrame] = {}
        self._args = (data, facts, columns)
        self._keys = keys

    def __getitem__(self, key: str) -> pd.DataFrame:
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._made:
            _pandas()
            self._made[key] = INDICATORS[key](*self._args)
        return self._made[key]

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
