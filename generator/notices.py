"""Notices as issued documents: the 通报 of late units and overdue rectification items.

`python -m generator notice commitments ID --as-of DAY` and `notice ledger --as-of DAY`
draft a notice file whose list (unit, status, days late, measure required) is written
into its front matter as data (`listing`). The page and any Word/PDF document are made
from that list, never from the live records: rebuilding later never changes an issued
notice, whatever happens to the submissions or the ledger afterwards.
"""
from __future__ import annotations

import datetime as dt

from generator.bulletin import environment
from generator.derive import Duties, commitment_rows, held_against, ledger_standing
from generator.records import Dataset, Rec

MISSING, LATE, OVERDUE = "未报送", "迟报", "逾期未销号"


def issuer_of(notice: Rec, site: Rec) -> str:
    """The issuing authority a notice is signed by (落款): its own, else the site's."""
    return notice.get("issuer") or site["authority"]


def required_measures(taxonomy: Rec, status: str, days: int) -> str:
    """The measures the taxonomy requires for a status and days late, joined by 、."""
    return "、".join(m["name"] for m in taxonomy.get("notice_measures") or []
                    if status in (m.get("applies_to") or []) and days >= (m.get("min_days") or 0))


def commitment_listing(data: Dataset, commitment: Rec, as_of: dt.date) -> list[dict]:
    """Units late or missing on `commitment` as it stood on `as_of`: missing first, then
    by days late, longest first; each with the measure required of it."""
    rows = []
    for row in commitment_rows(data, commitment, as_of, Duties(data)):
        if not held_against(row):
            continue
        status = MISSING if row["state"] == "missing" else LATE
        rows.append({"unit": row["unit"]["id"], "unit_name": row["unit"]["name"],
                     "status": status, "days_late": row["days_late"],
                     "measure": required_measures(data.taxonomy, status, row["days_late"])})
    order = {MISSING: 0, LATE: 1}
    return sorted(rows, key=lambda r: (order[r["status"]], -r["days_late"], r["unit"]))


def ledger_listing(data: Dataset, as_of: dt.date) -> list[dict]:
    """Ledger items 逾期未销号 on `as_of` (derive.ledger_standing), longest overdue first."""
    units = {u["id"]: u for u in data.published("units")}
    rows = []
    for item in data.published("ledger"):
        unit = units.get(item["unit"])
        standing = ledger_standing(item, unit, as_of) if unit is not None else None
        if standing is not None and standing["overdue"]:
            days = standing["days"]
            rows.append({"unit": unit["id"], "unit_name": unit["name"], "status": OVERDUE,
                         "days_late": days, "ledger_item": item["id"],
                         "problem": item["problem"],
                         "measure": required_measures(data.taxonomy, OVERDUE, days)})
    return sorted(rows, key=lambda r: (-r["days_late"], r["unit"], r["ledger_item"]))


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: safe for any text a record holds."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " else f"\\x{ord(c):02x}" for c in out) + '"'


def draft_commitments(data: Dataset, commitment: Rec, as_of: dt.date) -> tuple[str, int]:
    """(notice file text, number of units listed) for one commitment."""
    rows = commitment_listing(data, commitment, as_of)
    labels = data.labels["notice_draft"]
    text = environment(finalize=None).get_template("notice_draft.md.j2").render(
        L=labels, q=_yaml_text, as_of=as_of, rows=rows, kind="commitments",
        title=labels["commitments_title"].format(title=commitment["title"]),
        subject=labels["commitments_subject"].format(title=commitment["title"]),
        commitment=commitment, site=data.site,
        missing=sum(1 for r in rows if r["status"] == MISSING),
        late=sum(1 for r in rows if r["status"] == LATE))
    return text, len(rows)


def draft_ledger(data: Dataset, as_of: dt.date) -> tuple[str, int, int]:
    """(notice file text, items listed, units they belong to) for the overdue
    rectification items: a unit may have several items on the list."""
    rows = ledger_listing(data, as_of)
    labels = data.labels["notice_draft"]
    units = len({r["unit"] for r in rows})
    text = environment(finalize=None).get_template("notice_draft.md.j2").render(
        L=labels, q=_yaml_text, as_of=as_of, rows=rows, kind="ledger",
        title=labels["ledger_title"], subject=labels["ledger_subject"], commitment=None,
        site=data.site, units=units)
    return text, len(rows), units
