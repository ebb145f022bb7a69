"""Derive: typed records -> facts the pages show (overdue, rates, per-unit figures).

Pure functions of the dataset and its build time (indicators.py makes the charts'
frames with pandas). Only
published records count: a case under embargo or withdrawn adds to no figure.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.checks import REPORTS_ITEM, exemption_target, must_submit
from generator.records import (CASE_KINDS, CLARIFICATION, EXPOSURE, TOLERANCE,  # noqa: F401
                               Dataset, Rec)

CLOSED = "已销号"


@dataclass
class Facts:
    """Everything derived, in one place, for the render stage."""

    today: dt.date
    phase: dict
    figures: dict
    names: dict  # id -> display name, per taxonomy collection and for units
    units: dict[str, Rec]
    unit_kind_order: list[str]
    category_parent: dict[str, str]
    cases: list[Rec]  # published and withdrawn, newest first
    commitments: list[dict]
    ledger_by: dict[str, list[dict]]
    overdue: list[Rec]
    warnings_by_unit: dict[str, list[Rec]]
    current_warning: dict[str, str]
    periods: list[dict]
    inspections: list[Rec]
    notices: list[Rec]
    withdrawn_notices: list[Rec]  # their URLs stay, with the withdrawal note only
    # "case:<id>" / "unit:<id>" / "commitment:<id>" -> the published notices citing it, as
    # what a page lists of each (date, title, slug): a notice's body is not an input of
    # every page that lists it (the preview's render memo keys pages by what they read)
    notices_citing: dict[str, list[dict]]
    per_unit: dict[str, dict] = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)  # key -> DataFrame (indicators.py)
    inspection_rates: dict = field(default_factory=dict)  # see _inspection_rates
    clues: dict = field(default_factory=dict)  # aggregates only, see _clue_counts
    totals: list[dict] = field(default_factory=list)  # hand-entered, beside computed
    reviews: dict[str, list[Rec]] = field(default_factory=dict)  # ledger id -> 回头看
    commendations: list[Rec] = field(default_factory=list)
    rankings: dict[int, list[Rec]] = field(default_factory=dict)  # year -> ranked units
    archive: list[dict] = field(default_factory=list)  # past campaigns, newest first


def _whole_percent(part: int, whole: int) -> int:
    """A whole percentage under percent_of's rule: 100 only when all is done, 0 only when
    nothing is (day 299 of 300 is 99%, not 100%)."""
    value = round(100 * part / whole)
    if part < whole:
        value = min(value, 99)
    if part > 0:
        value = max(value, 1)
    return value


def _phase(campaign: Rec, today: dt.date) -> dict:
    phases = campaign.get("phases") or []
    if not phases:
        return {"state": "none"}
    # A parallel phase may start before or end after the sequence around it.
    start, end = min(p["start"] for p in phases), max(p["end"] for p in phases)
    total = (end - start).days + 1
    elapsed = min(max((today - start).days + 1, 0), total)
    info = {"start": start, "end": end, "total_days": total, "elapsed_days": elapsed,
            "left_days": total - elapsed, "percent": _whole_percent(elapsed, total),
            "current": None}
    if today < start:
        info["state"] = "before"
    elif today > end:
        info["state"] = "after"
    else:
        info["state"] = "running"
        info["parallel"] = []
        for phase in phases:
            if not phase["start"] <= today <= phase["end"]:
                continue
            if phase.get("parallel"):
                info["parallel"].append(phase)
            elif info["current"] is None:
                info["current"] = phase
                info["phase_left_days"] = (phase["end"] - today).days
        if info["current"] is None and info["parallel"]:
            info["current"] = info["parallel"].pop(0)
            info["phase_left_days"] = (info["current"]["end"] - today).days
    return info


def persons_in(person: Rec) -> int:
    """How many people one persons entry stands for: a group's count, else one."""
    count = person.get("count")
    return count if count is not None else 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def week_dates(period: str) -> tuple[dt.date, dt.date]:
    """2026-W32 -> (its Monday, its Sunday)."""
    year, week = period.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + dt.timedelta(days=6)


def percent_of(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent to one decimal, None without a denominator. Rounding
    never says more than the records: 100.0 only when every one is done (2999 of 3000 is
    99.9, not 100.0) and 0.0 only when none is (1 of 3000 is 0.1, not 0.0)."""
    if not whole:
        return None
    value = round(100 * part / whole, 1)
    if part < whole and value >= 100:
        return 99.9
    if part > 0 and value <= 0:
        return 0.1
    return value


def _rate(closed: int, total: int) -> float | None:
    return percent_of(closed, total)


def _ledger_rows(data: Dataset, units: dict[str, Rec], parent: dict[str, str],
                 standing: dict[str, dict]) -> list[dict]:
    """Each published ledger item as what its groups count: unit, unit kind, top
    category, closed, overdue (from its standing today)."""
    return [{"unit": r["unit"], "kind": units[r["unit"]]["kind"],
             "category": parent.get(r["category"], r["category"]),
             "closed": r["status"] == CLOSED,
             "overdue": r["id"] in standing and standing[r["id"]]["overdue"]}
            for r in data.published("ledger")]


def _ledger_groups(rows: list[dict], key: str, order: list[str]) -> list[dict]:
    """Total, closed, open, overdue and rate of the items of each group, in `order`."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        count = counts.setdefault(row[key], [0, 0, 0])
        count[0] += 1
        count[1] += row["closed"]
        count[2] += row["overdue"]
    out = []
    for name in order:
        if name in counts:
            total, closed, overdue = counts[name]
            out.append({"key": name, "total": total, "closed": closed, "open": total - closed,
                        "overdue": overdue, "rate": _rate(closed, total)})
    return out


def active_on(unit: Rec, day: dt.date) -> bool:
    """Whether a unit is in the campaign on a day (between 纳入日期 and 撤销日期)."""
    start, end = unit.get("active_from"), unit.get("active_until")
    return (start is None or start <= day) and (end is None or day <= end)


def unit_ended(unit: Rec, day: dt.date) -> dt.date | None:
    """The unit's 撤销日期 if it ceased to exist before `day`, else None."""
    end = unit.get("active_until")
    return end if end is not None and end < day else None


def counted_until(unit: Rec, day: dt.date) -> dt.date:
    """The last day a unit's unmet duty is counted on: `day`, or the unit's 撤销日期 if it
    ceased to exist before then (days late stop when there is no unit left to act)."""
    return unit_ended(unit, day) or day


class Duties:
    """Who owes what: a unit owes a commitment or a monthly report only if it falls due
    while the unit is active and not exempt (免报)."""

    def __init__(self, data: Dataset) -> None:
        commitments = data.published("commitments")
        self.exemptions: dict[tuple[str, str], list[Rec]] = {}
        self.by_unit: dict[str, list[Rec]] = {}
        for ex in data.published("exemptions") if "exemptions" in data.collections else []:
            target = exemption_target(ex, commitments)
            if target and ex.get("unit"):
                self.exemptions.setdefault((ex["unit"], target), []).append(ex)
                self.by_unit.setdefault(ex["unit"], []).append(ex)

    def exemption(self, unit: Rec, item: str, due: dt.date) -> Rec | None:
        """The exemption covering `item` (a commitment id or REPORTS_ITEM) due on `due`."""
        for ex in self.exemptions.get((unit["id"], item), []):
            if ex["starts_on"] <= due and (ex.get("ends_on") is None or due <= ex["ends_on"]):
                return ex
        return None

    def of_unit(self, unit_id: str) -> list[Rec]:
        return sorted(self.by_unit.get(unit_id, []), key=lambda ex: (ex["starts_on"], ex["item"]))


def commitment_rows(data: Dataset, commitment: Rec, as_of: dt.date,
                    duties: Duties | None = None) -> list[dict]:
    """Per unit that owes `commitment`: its state as it stood on `as_of`.

    state: on_time, late, missing (due passed, nothing handed in by as_of), pending (not
    due yet) or exempt (免报, with the exemption). A unit not active on the due date does
    not owe it and is not listed."""
    duties = duties or Duties(data)
    due = commitment["due"]
    submitted = {s["unit"]: s for s in data.published("submissions")
                 if s["commitment"] == commitment["id"] and s["submitted_on"] <= as_of}
    rows = []
    for unit in data.published("units"):
        if not must_submit(unit, commitment) or not active_on(unit, due):
            continue
        sub = submitted.get(unit["id"])
        exemption = duties.exemption(unit, commitment["id"], due)
        if exemption is not None:
            rows.append({"unit": unit, "submission": sub, "state": "exempt", "days_late": 0,
                         "exemption": exemption, "unit_ended": None})
        elif sub is not None:
            late = (sub["submitted_on"] - due).days
            rows.append({"unit": unit, "submission": sub, "state": "late" if late > 0 else "on_time",
                         "days_late": max(late, 0), "exemption": None, "unit_ended": None})
        else:
            state = "missing" if due < as_of else "pending"
            rows.append({"unit": unit, "submission": None, "state": state,
                         "days_late": (counted_until(unit, as_of) - due).days
                         if state == "missing" else 0,
                         "exemption": None,
                         "unit_ended": unit_ended(unit, as_of) if state == "missing" else None})
    return rows


def held_against(row: dict) -> bool:
    """Whether a commitment row counts against its unit on the day it was computed for
    (承诺书迟报或未报): handed in late, or still missing from a unit that exists. A unit
    abolished (撤销日期 before that day) with the commitment never handed in keeps its
    row (未报, days counted to its end, shown as 单位已撤销) but, as for a ledger item
    (ledger_standing), is in no late figure, list or notice: no unit is left to act or
    to be named."""
    return row["state"] == "late" or (row["state"] == "missing" and not row.get("unit_ended"))


STATES = ("on_time", "late", "missing", "pending", "exempt")


def _commitments(data: Dataset, today: dt.date, duties: Duties) -> list[dict]:
    out = []
    for c in data.published("commitments"):
        rows = commitment_rows(data, c, today, duties)
        counts = {s: sum(1 for r in rows if r["state"] == s) for s in STATES}
        # How many units made the commitment public each way (a unit may use several).
        ways = {w["id"]: sum(1 for r in rows if r["submission"]
                             and w["id"] in (r["submission"].get("made_public") or []))
                for w in data.taxonomy.get("public_ways") or []}
        out.append({"commitment": c, "rows": rows, "counts": counts,
                    "required": len(rows) - counts["exempt"], "ways": ways})
    return out


def ledger_open_on(item: Rec, day: dt.date) -> bool:
    """Whether a ledger item was open on a day, from its close and reopen dates."""
    events = [(d, 0) for d in item.get("earlier_closings") or []]
    if item.get("closed_on"):
        events.append((item["closed_on"], 0))
    if item.get("reopened_on"):
        events.append((item["reopened_on"], 1))
    past = sorted(e for e in events if e[0] <= day)
    return not past or past[-1][1] == 1


def ledger_standing(item: Rec, unit: Rec, day: dt.date) -> dict | None:
    """How an item open on `day` stands: {"overdue", "days" overdue, "unit_ended"}; None
    for an item closed or not yet opened on `day`.

    The one rule every output counts by (pages, charts, bulletin, notices): an open item
    of a unit that ceased to exist (撤销日期 before `day`) is shown as 单位已撤销, its days
    overdue stop at the unit's end, and it is in no overdue figure, since no unit is left
    to rectify it or to be named in a notice."""
    if item["opened_on"] > day or not ledger_open_on(item, day):
        return None
    ended = unit_ended(unit, day)
    days = ((ended or day) - item["deadline"]).days
    return {"overdue": ended is None and days > 0, "days": max(days, 0), "unit_ended": ended}


def ledger_overdue(item: Rec, unit: Rec, day: dt.date) -> bool:
    """Whether an item counts as 逾期未销号 on `day` (see ledger_standing)."""
    standing = ledger_standing(item, unit, day)
    return standing is not None and standing["overdue"]


def report_due(period: str, due_day: int) -> dt.date:
    """The day the monthly report for `period` (YYYY-MM) is due: in the next month."""
    year, month = map(int, period.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, min(due_day, 28))


def report_duty(units: list[Rec], due: dt.date, duties: Duties) -> tuple[list[Rec], list[tuple]]:
    """(units that owe the report due on `due`, [(unit, exemption)] of those excused)."""
    owing, excused = [], []
    for unit in units:
        if not active_on(unit, due):
            continue
        exemption = duties.exemption(unit, REPORTS_ITEM, due)
        if exemption is not None:
            excused.append((unit, exemption))
        else:
            owing.append(unit)
    return owing, excused


def _periods(data: Dataset, today: dt.date, all_units: list[Rec], duties: Duties) -> list[dict]:
    campaign = data.campaign
    first, last = campaign.get("report_from"), campaign.get("report_to")
    if not first or not last:
        return []
    due_day = campaign.get("report_due_day") or 5
    within = campaign.get("report_due") == "周期结束前"
    by_period: dict[str, dict[str, Rec]] = {}
    for rep in data.published("reports"):
        by_period.setdefault(rep["period"], {})[rep["unit"]] = rep
    cycles = []  # (period, kind, first day, last day, due)
    year, month = map(int, first.split("-"))
    while f"{year:04d}-{month:02d}" <= last:
        period = f"{year:04d}-{month:02d}"
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        end = _month_end(year, month)
        due = end if within else report_due(period, due_day)
        cycles.append((period, "month", dt.date(year, month, 1), end, due))
        year, month = next_year, next_month
    if campaign.get("weekly_reports"):
        start_year, start_month = map(int, first.split("-"))
        day = dt.date(start_year, start_month, 1)
        day += dt.timedelta(days=(7 - day.weekday()) % 7)  # the first Monday
        stop = _month_end(*map(int, last.split("-")))
        weekday = min(max(campaign.get("weekly_due_weekday") or 1, 1), 7)
        while day <= stop:
            iso = day.isocalendar()
            sunday = day + dt.timedelta(days=6)
            due = sunday if within else sunday + dt.timedelta(days=weekday)
            cycles.append((f"{iso.year:04d}-W{iso.week:02d}", "week", day, sunday, due))
            day += dt.timedelta(days=7)
        cycles.sort(key=lambda c: (c[3], c[1] == "month"))
    out = []
    for period, kind, start, end, due in cycles:
        units, excused = report_duty(all_units, due, duties)
        owing = {u["id"] for u in units}
        got = {uid: r for uid, r in by_period.get(period, {}).items() if uid in owing}
        if due <= today or got:
            missing = [u for u in units if u["id"] not in got] if due < today else []
            late = [r for r in got.values() if r["submitted_on"] > due]
            zero = sum(1 for r in got.values() if r["zero_report"])
            out.append({"period": period, "due": due, "expected": len(units),
                        "submitted": len(got), "missing": missing, "late": late,
                        "zero": zero, "zero_share": _rate(zero, len(got)),
                        "closed": due < today, "excused": excused, "kind": kind, "start": start, "end": end})
    return out


def _inspection_rates(data: Dataset, units: dict[str, Rec], today: dt.date) -> dict:
    """Inspections each unit ran itself, per month of the phase that sets a rate.

    {"phase", "rate", "months": [...], "by_unit": {unit: [{month, count, required,
    met, running}]}, "by_month": [{month, met, short, running}]}; empty without a rule."""
    campaign = data.campaign
    phases = {p["name"]: p for p in campaign.get("phases") or [] if p.get("name")}
    phase = phases.get(campaign.get("inspection_phase") or "")
    rate = campaign.get("inspection_rate") or 0
    if not phase or not rate:
        return {}
    months = []
    year, month = phase["start"].year, phase["start"].month
    while dt.date(year, month, 1) <= min(phase["end"], today):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    rows = [{"unit": i["by_unit"], "month": i["date"].strftime("%Y-%m")}
            for i in data.published("inspections") if i.get("by_unit")
            and phase["start"] <= i["date"] <= phase["end"]]
    counts = Counter((row["unit"], row["month"]) for row in rows)
    current = today.strftime("%Y-%m")
    running = {m: m == current and today < min(phase["end"], _month_end(*map(int, m.split("-"))))
               for m in months}
    by_unit = {uid: [{"month": m, "count": int(counts.get((uid, m), 0)), "required": rate,
                      "met": counts.get((uid, m), 0) >= rate, "running": running[m]}
                     for m in months] for uid in units}
    by_month = []
    for index, m in enumerate(months):
        met = sum(1 for uid in units if by_unit[uid][index]["met"])
        by_month.append({"month": m, "met": met, "short": len(units) - met,
                         "running": running[m]})
    return {"phase": phase["name"], "rate": rate, "months": months, "by_unit": by_unit,
            "by_month": by_month}


CLUE_STATES = ("在办", "办结", "移送", "查否")
# A clue still 在办 is unproven: counted under a unit it names that unit (one open clue
# at 南山镇 is that clue published). So no output breaks open clues down by unit: the
# by-unit table counts only settled clues, and 在办 appears in totals and by batch,
# category and source only (pages, charts and open data all read this one table).
CLUE_STATES_BY_UNIT = ("办结", "移送", "查否")


def _clue_counts(data: Dataset, units: dict[str, Rec], parent: dict[str, str],
                 tops: list[str], today: dt.date) -> dict:
    """The clue register as counts only: by batch, state, unit, category and source; how
    many a leader took charge of (包案, seed 002's 包挂) and how many are still 在办 past
    the day they were to be settled by (限期办结) — totals only, never by unit."""
    clues = data.collections.get("clues", [])
    rows = [{"batch": c.get("batch") or 0, "status": c["status"], "unit": c["unit"],
             "category": parent.get(c.get("category"), c.get("category")) or "",
             "source": c["source"], "letter": c.get("supervision_letter") is not None,
             "rechecked": c.get("rechecked") or "", "led": bool(c.get("lead_leader")),
             "overdue": c["status"] == "在办" and c.get("deadline") is not None
             and c["deadline"] < today} for c in clues]
    # Counted in plain Python: a crosstab read cell by cell took 0.15 s of every preview
    # rebuild at scale 30 for a few thousand rows.
    pairs = Counter((key, row[key], row["status"]) for row in rows
                    for key in ("batch", "unit", "category", "source"))

    def table(key: str, order: list, states: tuple[str, ...] = CLUE_STATES) -> list[dict]:
        out = []
        for value in order:
            counts = {s: pairs.get((key, value, s), 0) for s in states}
            if any(counts.values()):
                out.append({"key": value, "total": sum(counts.values()), **counts})
        return out

    def count(test) -> int:
        return sum(1 for row in rows if test(row))

    by_status = {s: count(lambda row, s=s: row["status"] == s) for s in CLUE_STATES}
    return {
        "total": len(rows), "by_status": by_status,
        "by_batch": table("batch", sorted(b for b in {row["batch"] for row in rows} if b)),
        "unbatched": count(lambda row: row["batch"] == 0),
        "by_unit": table("unit", [u for u in units], CLUE_STATES_BY_UNIT),
        "unit_states": CLUE_STATES_BY_UNIT,
        "by_category": table("category", tops),
        "by_source": table("source", sorted({row["source"] for row in rows})),
        "letters": count(lambda row: row["letter"]),
        "led": count(lambda row: row["led"]), "overdue": count(lambda row: row["overdue"]),
        "rechecked": {r: count(lambda row, r=r: row["rechecked"] == r)
                      for r in ("维持查否", "复查属实")},
        "dismissed": by_status["查否"], "transferred": by_status["移送"],
        "supervised": count(lambda row: row["batch"] > 0),
    }


def _measure_groups(data: Dataset) -> dict[str, str]:
    return {m["id"]: m["group"] for m in data.taxonomy.get("measures") or []}


def _computed(data: Dataset, facts: "Facts") -> dict[str, int]:
    """The figures a hand-entered total may be set beside (taxonomy total_measures)."""
    groups = _measure_groups(data)
    persons = [p for c in facts.cases if c.published and c["kind"] == EXPOSURE
               for p in c.get("persons") or [] if p.get("measures")]

    def held_by(*wanted: str) -> int:
        return sum(persons_in(p) for p in persons
                   if any(groups.get(m) in wanted for m in p["measures"]))

    return {
        "clues": facts.clues.get("total", 0), "clues_supervised": facts.clues.get("supervised", 0),
        "clues_dismissed": facts.clues.get("dismissed", 0), "cases": facts.figures["cases"],
        "persons_held": facts.figures["persons_held"],
        "persons_discipline": held_by("党纪处分", "政务处分"),
        "persons_accountability": held_by("问责"),
        "persons_organisational": held_by("组织处理"),
        "inspections": facts.figures["inspections"],
        "problems_found": sum(i["problems_found"] for i in facts.inspections),
        "warned_units": facts.figures["warned_units"],
        "commendations": len(facts.commendations),
    }


def _totals(data: Dataset, facts: "Facts") -> list[dict]:
    """Hand-entered totals, each with the computed figure of the same measure beside it."""
    measures = {m["id"]: m for m in data.taxonomy.get("total_measures") or []}
    computed = _computed(data, facts)
    out = []
    for row in data.published("totals"):
        measure = measures.get(row["measure"], {})
        key = measure.get("computed")
        out.append({"row": row, "measure": measure.get("name", row["measure"]),
                    "computed_key": key, "computed": computed.get(key) if key else None})
    return out


def derive(data: Dataset, lazy: bool = False) -> Facts:
    """What the pages are made from. `lazy` (`check --changed`): the indicators' frames
    are made when first read (indicators.indicators)."""
    today = data.now.date()
    tax = data.taxonomy
    names: dict[str, dict[str, str]] = {
        "unit_kinds": {k["id"]: k["name"] for k in tax.get("unit_kinds") or []},
        "measures": {m["id"]: m["name"] for m in tax.get("measures") or []},
        "case_sources": {s["id"]: s["name"] for s in tax.get("case_sources") or []},
        "inspection_methods": {m["id"]: m["name"] for m in tax.get("inspection_methods") or []},
        "public_ways": {w["id"]: w["name"] for w in tax.get("public_ways") or []},
        "categories": {},
    }
    parent: dict[str, str] = {}
    for top in tax.get("categories") or []:
        names["categories"][top["id"]] = top["name"]
        for child in top.get("children") or []:
            names["categories"][child["id"]] = child["name"]
            parent[child["id"]] = top["id"]
    units = {u["id"]: u for u in data.published("units")}
    names["units"] = {k: u["name"] for k, u in units.items()}
    names["campaigns"] = {c["id"]: c["title"] for c in data.collections.get("campaigns", [])}
    kind_order = list(names["unit_kinds"])

    shown = sorted((c for c in data.cases if c.state in ("published", "withdrawn")),
                   key=lambda c: (c["published_on"], c["id"]), reverse=True)
    # A case of a past campaign keeps its page but counts in none of this campaign's figures.
    cases = [c for c in shown if not c.get("campaign")]
    archive = [{"campaign": past, "cases": [c for c in shown if c.get("campaign") == past["id"]],
                "phase": _phase(past, today)}
               for past in sorted(data.collections.get("campaigns", []),
                                  key=lambda p: (p["year"], p["id"]), reverse=True)]
    live = [c for c in cases if c.published]
    exposures = [c for c in live if c["kind"] == EXPOSURE]
    held = sum(persons_in(p) for c in exposures for p in c.get("persons") or []
               if p.get("measures"))

    standing = {r["id"]: state for r in data.published("ledger")
                if (state := ledger_standing(r, units[r["unit"]], today)) is not None}
    rows = _ledger_rows(data, units, parent, standing)
    top_order = [t["id"] for t in tax.get("categories") or []]
    ledger_by = {
        "category": _ledger_groups(rows, "category", top_order),
        "kind": _ledger_groups(rows, "kind", kind_order),
        "unit": _ledger_groups(rows, "unit", list(units)),
    }
    overdue = sorted((r for r in data.published("ledger")
                      if r["id"] in standing and standing[r["id"]]["overdue"]),
                     key=lambda r: (r["deadline"], r["id"]))
    total, closed = len(rows), sum(1 for row in rows if row["closed"])

    duties = Duties(data)
    commitments = _commitments(data, today, duties)
    late_units = {r["unit"]["id"] for c in commitments for r in c["rows"] if held_against(r)}

    warnings_by_unit: dict[str, list[Rec]] = {}
    for w in sorted(data.published("warnings"), key=lambda w: (w["date"], w["id"])):
        warnings_by_unit.setdefault(w["unit"], []).append(w)
    rank = {"黄牌": 1, "橙牌": 2, "红牌": 3}
    current_warning = {}
    for unit_id, items in warnings_by_unit.items():
        levelled = [w["level"] for w in items if w.get("level")]
        if levelled:
            current_warning[unit_id] = max(levelled, key=rank.get)

    periods = _periods(data, today, list(units.values()), duties)
    inspections = sorted(data.published("inspections"), key=lambda r: (r["date"], r["id"]),
                         reverse=True)
    notices = sorted(data.published("notices"), key=lambda n: (n["date"], n["slug"]),
                     reverse=True)
    withdrawn_notices = sorted((n for n in data.notices if n.state == "withdrawn"),
                               key=lambda n: (n["date"], n["slug"]), reverse=True)
    citing: dict[str, list[dict]] = {}
    for rec in notices:
        notice = {"date": rec["date"], "title": rec["title"], "slug": rec["slug"]}
        rec_listing = rec.get("listing") or {}
        for case_id in rec.get("cases") or []:
            citing.setdefault(f"case:{case_id}", []).append(notice)
        listed = [row["unit"] for row in rec_listing.get("rows") or []]
        for unit_id in dict.fromkeys([*(rec.get("units") or []), *listed]):
            citing.setdefault(f"unit:{unit_id}", []).append(notice)
        if rec_listing.get("commitment"):
            citing.setdefault(f"commitment:{rec_listing['commitment']}", []).append(notice)
    figures = {
        "cases": len(exposures), "clarifications": sum(1 for c in live if c["kind"] == CLARIFICATION),
        "tolerances": sum(1 for c in live if c["kind"] == TOLERANCE), "all_cases": len(live),
        "persons_held": held, "ledger_total": total, "ledger_closed": closed,
        "ledger_overdue": len(overdue), "ledger_rate": _rate(closed, total),
        "late_units": len(late_units), "inspections": len(inspections),
        "warned_units": len(warnings_by_unit),
    }
    facts = Facts(today=today, phase=_phase(data.campaign, today), figures=figures, names=names,
                  units=units, unit_kind_order=kind_order, category_parent=parent, cases=cases,
                  commitments=commitments, ledger_by=ledger_by, overdue=overdue,

                  warnings_by_unit=warnings_by_unit, current_warning=current_warning,
                  periods=periods, inspections=inspections, notices=notices,
                  withdrawn_notices=withdrawn_notices, notices_citing=citing)
    reviews: dict[str, list[Rec]] = {}
    for review in sorted(data.published("ledger_reviews"), key=lambda r: (r["date"], r["item"])):
        reviews.setdefault(review["item"], []).append(review)
    facts.reviews = reviews
    facts.inspection_rates = _inspection_rates(data, units, today)
    facts.clues = _clue_counts(data, units, parent, top_order, today)
    facts.commendations = sorted(data.published("commendations"),
                                 key=lambda c: (c["date"], c["id"]), reverse=True)
    rankings: dict[int, list[Rec]] = {}
    for row in sorted(data.published("rankings"), key=lambda r: (r["year"], r["rank"])):
        rankings.setdefault(row["year"], []).append(row)
    facts.rankings = dict(sorted(rankings.items(), reverse=True))
    figures.update(clues=facts.clues["total"], clues_dismissed=facts.clues["dismissed"],
                   commendations=len(facts.commendations))
    facts.totals = _totals(data, facts)
    facts.archive = archive
    facts.per_unit = _per_unit(data, facts, duties)
    from generator.indicators import indicators

    facts.indicators = indicators(data, facts, lazy=lazy)
    return facts


def _per_unit(data: Dataset, facts: Facts, duties: Duties) -> dict[str, dict]:
    out = {uid: {"commitments": [], "ledger": [], "cases": [], "inspections": [],
                 "reports": [], "missing_reports": [], "ledger_summary": None,
                 "exemptions": duties.of_unit(uid)}
           for uid in facts.units}
    for c in facts.commitments:
        for row in c["rows"]:
            out[row["unit"]["id"]]["commitments"].append({"commitment": c["commitment"], **row})
    for item in sorted(data.published("ledger"), key=lambda r: (r["deadline"], r["id"])):
        out[item["unit"]]["ledger"].append(item)
    for summary in facts.ledger_by["unit"]:
        out[summary["key"]]["ledger_summary"] = summary
    # A withdrawn case keeps its address (the withdrawal note only) and its line in the list
    # of all cases, but no unit page lists it: it was taken back, often for wrong facts.
    for case in (c for c in facts.cases if c.published):
        for uid in dict.fromkeys([case["unit"], *(case.get("other_units") or [])]):
            out[uid]["cases"].append(case)
    rates = facts.inspection_rates.get("by_unit", {})
    for uid in out:
        out[uid]["inspection_rate"] = rates.get(uid, [])
        out[uid]["inspections_run"] = []
        out[uid]["commendations"] = []
        out[uid]["rankings"] = []
    for ins in facts.inspections:
        if ins.get("by_unit") in out:
            out[ins["by_unit"]]["inspections_run"].append(ins)
    for item in facts.commendations:
        out[item["unit"]]["commendations"].append(item)
    for year, rows in facts.rankings.items():
        for row in rows:
            out[row["unit"]]["rankings"].append({"year": year, "count": len(rows), **row})
    for ins in facts.inspections:
        for uid in dict.fromkeys(ins["units"]):
            out[uid]["inspections"].append(ins)
    for rep in sorted(data.published("reports"), key=lambda r: r["period"]):
        out[rep["unit"]]["reports"].append(rep)
    for period in facts.periods:
        for unit in period["missing"]:
            out[unit["id"]]["missing_reports"].append(period["period"])
    return out
