"""The monthly bulletin (月通报), drafted from the records for staff to edit and publish.

Everything is counted as it stood at the end of the month (or on `as_of` for a month not
yet over), so a bulletin drafted later says the same thing: commitments due in the month
whose deadline has passed, the monthly report due in the month (for the month before),
cases published in the month, ledger items closed in it and still overdue at its end, and
inspections made in it. Only units that were active and not exempt (免报) are counted.
The figures are written into the draft as text: a published bulletin never changes.
"""
from __future__ import annotations

import calendar
import datetime as dt

import jinja2
from markupsafe import Markup

from generator.derive import (CLARIFICATION, EXPOSURE, TOLERANCE, Duties, commitment_rows,
                              held_against, ledger_overdue, report_due, report_duty)
from generator.policy import display_name, measure_names
from generator.records import Dataset


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, number = map(int, month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def figures(data: Dataset, month: str, as_of: dt.date | None = None) -> dict:
    """The bulletin's facts for one month (YYYY-MM), each a list the text counts.

    `as_of` (a day inside the month) counts an unfinished month up to that day; a
    deadline on or after it has not passed and is not counted."""
    first, last = month_bounds(month)
    if as_of is not None:
        last = as_of

    def passed(due: dt.date) -> bool:
        return due < as_of if as_of is not None else due <= last

    duties = Duties(data)
    units = {u["id"]: u for u in data.published("units")}
    commitments = []
    for c in data.published("commitments"):
        if not (first <= c["due"] <= last and passed(c["due"])):
            continue
        missed = [(row["unit"], None if row["state"] == "missing" else row["days_late"])
                  for row in commitment_rows(data, c, last, duties)
                  if held_against(row)]
        commitments.append({"title": c["title"], "due": c["due"], "missed": missed})
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    due = report_due(previous, data.campaign.get("report_due_day") or 5)
    in_campaign = (data.campaign.get("report_from") or "") <= previous <= (
        data.campaign.get("report_to") or "") and passed(due)
    owing, _excused = report_duty(list(units.values()), due, duties) if in_campaign else ([], [])
    reports = {r["unit"]: r for r in data.published("reports") if r["period"] == previous}
    reports_missing = [u for u in owing
                       if u["id"] not in reports or reports[u["id"]]["submitted_on"] > last]
    reports_late = [u for u in owing
                    if u["id"] in reports and due < reports[u["id"]]["submitted_on"] <= last]
    cases = sorted((c for c in data.published("cases") if first <= c["published_on"] <= last),
                   key=lambda c: (c["published_on"], c["id"]))
    ledger = [i for i in data.published("ledger") if i["opened_on"] <= last]
    closed = [i for i in ledger if i.get("closed_on") and first <= i["closed_on"] <= last]
    overdue = [i for i in ledger if ledger_overdue(i, units[i["unit"]], last)]
    inspections = [i for i in data.published("inspections") if first <= i["date"] <= last]
    named = [u["id"] for c in commitments for u, _days in c["missed"]]
    named += [u["id"] for u in reports_missing + reports_late]
    return {
        "month": month, "first": first, "last": last, "as_of": as_of,
        "commitments": commitments,
        "report_period": previous if in_campaign else None, "report_due": due,
        "reports_missing": reports_missing, "reports_late": reports_late,
        "exposures": [c for c in cases if c["kind"] == EXPOSURE],
        "clarifications": [c for c in cases if c["kind"] == CLARIFICATION],
        "tolerances": [c for c in cases if c["kind"] == TOLERANCE],
        "ledger_closed": closed, "ledger_overdue": overdue, "inspections": inspections,
        "inspected_units": len({u for i in inspections for u in i["units"]}),
        "problems_found": sum(i["problems_found"] for i in inspections),
        "units": list(dict.fromkeys(named)),
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


def environment(finalize=markdown_text) -> jinja2.Environment:
    """Templates for notice files staff edit (Markdown with front matter). By default
    every printed value is inert Markdown text; a template that writes YAML itself
    (quoted by its own filter) passes finalize=None and escapes body values with `md`."""
    from generator.render import cn_date, cn_period

    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True,
                             finalize=finalize)
    env.filters.update(date=cn_date, period=cn_period, md=markdown_text)
    return env


def draft(data: Dataset, month: str, as_of: dt.date | None = None) -> str:
    """The bulletin as a notice file (Markdown with front matter, marked draft)."""
    measures = {m["id"]: m["name"] for m in data.taxonomy.get("measures") or []}
    labels = data.labels["bulletin"]
    facts = figures(data, month, as_of)
    from generator.render import cn_date

    def said(person) -> str:
        """A person's measures, with the day they were handled where it is known."""
        names = "、".join(measure_names(person["measures"], measures))
        day = person.get("handled_on")
        if isinstance(day, dt.date):
            return labels["measures_dated"].format(measures=names, date=cn_date(day))
        return names

    handled = {
        case["id"]: [(display_name(p, data.site, case.get("kind")) or labels["redacted"],
                      said(p))
                     for p in case.get("persons") or [] if p.get("measures")]
        for case in facts["exposures"]}
    from generator.notices import yaml_text

    return environment().get_template("bulletin.md.j2").render(
        f=facts, L=labels, handled=handled, site=data.site,
        q=lambda value: Markup(yaml_text(value)))  # YAML quoted, not Markdown-escaped
