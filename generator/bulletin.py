"""The monthly bulletin (月通报), drafted from the records for staff to edit and publish.

Everything is counted as it stood at the end of the month, so a bulletin drafted later
says the same thing: commitments due in the month, the monthly report due in the month
(for the month before), cases published in the month, ledger items closed in it and
still overdue at its end, and inspections made in it.
"""
from __future__ import annotations

import calendar
import datetime as dt

import jinja2
from markupsafe import Markup

from generator.checks import must_submit
from generator.derive import CLOSED, EXPOSURE
from generator.policy import display_name
from generator.records import Dataset


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, number = map(int, month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def figures(data: Dataset, month: str) -> dict:
    """The bulletin's facts for one month (YYYY-MM), each a list the text counts."""
    first, last = month_bounds(month)
    units = {u["id"]: u for u in data.published("units")}
    submitted = {(s["commitment"], s["unit"]): s for s in data.published("submissions")}
    commitments = []
    for c in data.published("commitments"):
        if not first <= c["due"] <= last:
            continue
        missed = []
        for unit in units.values():
            if not must_submit(unit, c):
                continue
            sub = submitted.get((c["id"], unit["id"]))
            if sub is None or sub["submitted_on"] > last:
                missed.append((unit["name"], None))
            elif sub["submitted_on"] > c["due"]:
                missed.append((unit["name"], (sub["submitted_on"] - c["due"]).days))
        commitments.append({"title": c["title"], "due": c["due"], "missed": missed})
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    due = first.replace(day=min(data.campaign.get("report_due_day") or 5, 28))
    in_campaign = (data.campaign.get("report_from") or "") <= previous <= (
        data.campaign.get("report_to") or "")
    reports = {r["unit"]: r for r in data.published("reports") if r["period"] == previous}
    reports_missing = [u["name"] for uid, u in units.items()
                       if in_campaign and (uid not in reports or reports[uid]["submitted_on"] > last)]
    reports_late = [u["name"] for uid, u in units.items()
                    if uid in reports and due < reports[uid]["submitted_on"] <= last]
    cases = sorted((c for c in data.published("cases") if first <= c["published_on"] <= last),
                   key=lambda c: (c["published_on"], c["id"]))
    ledger = [i for i in data.published("ledger") if i["opened_on"] <= last]
    closed = [i for i in ledger if i.get("closed_on") and first <= i["closed_on"] <= last]
    overdue = [i for i in ledger if i["deadline"] < last
               and not (i["status"] == CLOSED and i["closed_on"] <= last)]
    inspections = [i for i in data.published("inspections") if first <= i["date"] <= last]
    return {
        "month": month, "first": first, "last": last, "commitments": commitments,
        "report_period": previous if in_campaign else None, "report_due": due,
        "reports_missing": reports_missing, "reports_late": reports_late,
        "exposures": [c for c in cases if c["kind"] == EXPOSURE],
        "clarifications": [c for c in cases if c["kind"] != EXPOSURE],
        "ledger_closed": closed, "ledger_overdue": overdue, "inspections": inspections,
        "inspected_units": len({u for i in inspections for u in i["units"]}),
        "problems_found": sum(i["problems_found"] for i in inspections),
    }


_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]{}()!|#~"}
_MARKDOWN_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def markdown_text(value) -> str:
    """A value printed into the draft as inert text: HTML's characters as entities and
    Markdown's own punctuation backslash-escaped, so a record title cannot become markup
    once the bulletin is published, and the draft stays readable for staff."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return str(value).translate(_MARKDOWN_ESCAPES)


def draft(data: Dataset, month: str) -> str:
    """The bulletin as a notice file (Markdown with front matter, marked draft)."""
    from generator.render import cn_date, cn_period

    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True,
                             finalize=markdown_text)
    env.filters.update(date=cn_date, period=cn_period)
    measures = {m["id"]: m["name"] for m in data.taxonomy.get("measures") or []}
    labels = data.labels["bulletin"]
    facts = figures(data, month)
    handled = {
        case["id"]: [(display_name(p, data.site) or labels["redacted"],
                      "、".join(measures[m] for m in p["measures"]))
                     for p in case.get("persons") or [] if p.get("measures")]
        for case in facts["exposures"]}
    return env.get_template("bulletin.md.j2").render(f=facts, L=labels, handled=handled,
                                                     site=data.site)
