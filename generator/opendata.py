"""Open data: every published record type as CSV (UTF-8 with BOM) and JSON, plus a zip.

Only what the site shows goes in: no withdrawn or embargoed records, no draft, no field
the pages do not print (embargo times, draft flags, ranks, the redaction flag), and
names as the site displays them. Each column is declared once here, with its source.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from generator.policy import display_name, display_person, measure_names
from generator.records import Dataset, Rec
from generator.schema import record_types

FOLDER = "open-data/"


def _yes(value) -> str:
    return "是" if value else "否"


def help_of(table: str, key: str, labels: dict) -> str:
    """The one-line description of a column for the public (labels.yml opendata.described):
    the schema's help is the clerks', telling how to fill a field in (发布后不要更改, 可选,
    填 是 或 否), and the open data printed it to readers."""
    return labels["opendata"]["described"][table][key]


def _columns(data: Dataset, facts) -> dict[str, list[tuple[str, str, object]]]:
    """Per table: (key, Chinese header, getter) for every column, in order."""
    n = facts.names
    site = data.site["url"]
    site_authority = data.site["authority"]
    labels = {rt.collection or rt.name: {k: f.label for k, f in rt.fields.items()}
              for rt in record_types().values()}
    labels["cases_actions"] = {k: f.label for k, f in
                               record_types()["case"].fields["actions"].item.fields.items()}
    extra = data.labels["opendata"]["columns"]
    persons = {k: f.label for k, f in
               record_types()["case"].fields["persons"].item.fields.items()}

    def field(table, key, get=None):
        return (key, labels[table][key], get or (lambda r: r.get(key)))

    unit_name = ("unit_name", extra["unit_name"], lambda r: n["units"][r["unit"]])
    return {
        "units": [field("units", "id"), field("units", "name"),
                  field("units", "kind", lambda r: n["unit_kinds"][r["kind"]]),
                  field("units", "supervisor"),
                  field("units", "service_window", lambda r: _yes(r["service_window"])),
                  field("units", "approval", lambda r: _yes(r["approval"])),
                  field("units", "law_enforcement", lambda r: _yes(r["law_enforcement"])),
                  field("units", "active_from"), field("units", "active_until"),
                  ("url", extra["url"], lambda r: f"{site}units/{r['id']}/")],
        "commitments": [field("commitments", "id"), field("commitments", "title"),
                        field("commitments", "due"),
                        field("commitments", "unit_kinds",
                              lambda r: [n["unit_kinds"][k] for k in r["unit_kinds"]]),
                        field("commitments", "service_window_only",
                              lambda r: _yes(r["service_window_only"])),
                        field("commitments", "description")],
        "submissions": [field("submissions", "commitment"), field("submissions", "unit"),
                        unit_name, field("submissions", "submitted_on"),
                        field("submissions", "link"),
                        field("submissions", "made_public",
                              lambda r: [n["public_ways"][w] for w in r.get("made_public") or []]),
                        field("submissions", "note")],
        "cases": [field("cases", "id"), field("cases", "kind"), field("cases", "title"),
                  field("cases", "published_on"), field("cases", "unit"), unit_name,
                  field("cases", "categories", lambda r: [n["categories"][c] for c in r["categories"]]),
                  field("cases", "source", lambda r: n["case_sources"][r["source"]]),
                  field("cases", "other_units",
                        lambda r: [n["units"][u] for u in r.get("other_units") or []]),
                  field("cases", "batch"), field("cases", "campaign"),
                  field("cases", "facts"), field("cases", "outcome"),
                  ("url", extra["url"], lambda r: f"{site}cases/{r['id']}/")],
        "case_persons": [
            ("case", extra["case"], lambda p: p["_case"]),
            ("name", extra["person_name"],
             lambda p: "" if p.get("count") is not None
             else display_name(p, data.site, p.get("_kind")) or data.labels["case"]["redacted"]),
            ("count", extra["person_count"], lambda p: p.get("count") or 1),
            ("position", extra["position"], lambda p: p["position"]),
            ("unit_name", extra["unit_name"], lambda p: n["units"][p["unit"]]),
            # (named and ordered as the case's page and a 通报 name them)
            ("measures", extra["measures"], lambda p: measure_names(p["measures"], n["measures"])),
            ("handled_on", persons["handled_on"], lambda p: p.get("handled_on"))],
        "ledger": [field("ledger", k) for k in ("id", "unit")] + [unit_name] + [
            field("ledger", "category", lambda r: n["categories"][r["category"]]),
            field("ledger", "source",
                  lambda r: n["case_sources"][r["source"]] if r.get("source") else None)] + [
            field("ledger", k) for k in ("problem", "measures", "progress", "target", "opened_on",
                                         "deadline", "lead_leader", "responsible", "handling",
                                         "status", "closed_on", "closed_by", "reopened_on",
                                         "reopen_reason", "earlier_closings")] + [
            # Names as the item page shows them (the cases' display policy); ranks stay out.
            field("ledger", "lead_leader_name", lambda r: display_person(
                r.get("lead_leader_name"), r.get("lead_leader_rank"), data.site)),
            field("ledger", "responsible_name", lambda r: display_person(
                r.get("responsible_name"), r.get("responsible_rank"), data.site))],
        "ledger_reviews": [field("ledger_reviews", k) for k in ("item", "date", "finding",
                                                                "result")],
        "inspections": [field("inspections", "id"), field("inspections", "date"),
                        field("inspections", "body"),
                        field("inspections", "by_unit", lambda r: n["units"].get(r.get("by_unit"))),
                        field("inspections", "mode", lambda r: n["inspection_methods"][r["mode"]]),
                        field("inspections", "units", lambda r: [n["units"][u] for u in r["units"]]),
                        field("inspections", "problems_found"), field("inspections", "findings")],
        "warnings": [field("warnings", k) for k in ("id", "unit")] + [unit_name] + [
            field("warnings", k) for k in ("date", "level", "points", "reason")],
        "exemptions": [field("exemptions", "item"), field("exemptions", "unit"), unit_name,
                       field("exemptions", "starts_on"), field("exemptions", "ends_on"),
                       field("exemptions", "reason")],
        "reports": [field("reports", "unit"), unit_name, field("reports", "period"),
                    field("reports", "submitted_on"),
                    field("reports", "zero_report", lambda r: _yes(r["zero_report"]))],
        "case_actions": [("case", extra["case"], lambda a: a["_case"])] + [
            (k, labels["cases_actions"][k], lambda a, k=k: a.get(k))
            for k in ("date", "kind", "to", "text")],
        "clue_counts": [(k, extra[f"clue_{k}"], lambda r, k=k: r[k])
                        for k in ("dimension", "value", "total", "在办", "办结", "移送", "查否")],
        "totals": [field("totals", "period"),
                   field("totals", "measure", lambda r: r["_measure"]),
                   field("totals", "count"),
                   ("computed", extra["computed"], lambda r: r["_computed"]),
                   field("totals", "source"), field("totals", "note")],
        "commendations": [field("commendations", "id"), field("commendations", "unit"),
                          unit_name] + [field("commendations", k)
                                        for k in ("title", "date", "issuer", "reason")] + [
            ("url", extra["url"], lambda r: f"{site}commendations/{r['id']}/")],
        "campaigns": [field("campaigns", k) for k in ("id", "year", "title", "focus", "doc_number",
                                                      "issued_on", "issuer", "lead_body",
                                                      "summary")] + [
            ("url", extra["url"], lambda r: f"{site}campaigns/{r['id']}/")],
        "rankings": [field("rankings", "year"), field("rankings", "unit"), unit_name] + [
            field("rankings", k) for k in ("rank", "score", "grade")],
        "notices": [("id", extra["notice_id"], lambda r: r["slug"]), field("notices", "title"),
                    field("notices", "date"), field("notices", "category"),
                    field("notices", "doc_number"), field("notices", "issuer",
                                                         lambda r: r.get("issuer") or site_authority),
                    field("notices", "signed_on"), field("notices", "summary"),
                    ("url", extra["url"], lambda r: f"{site}notices/{r['slug']}/")],
    }


def tables(data: Dataset, facts) -> dict[str, tuple[list, list[Rec]]]:
    """table name -> (columns, published rows)."""
    columns = _columns(data, facts)
    rows = {name: data.published(name) for name in columns if name in data.collections}
    persons = []
    for case in rows["cases"]:
        for person in case.get("persons") or []:
            entry = Rec(person.where)
            entry.update(person)
            entry["_case"] = case["id"]
            entry["_kind"] = case.get("kind")  # a tolerance's person is named by its rule
            entry["unit"] = person.get("unit") or case["unit"]
            persons.append(entry)
    rows["case_persons"] = persons
    actions = []
    for case in rows["cases"]:
        for action in case.get("actions") or []:
            entry = Rec(action.where)
            entry.update(action)
            entry["_case"] = case["id"]
            actions.append(entry)
    rows["case_actions"] = actions
    rows["clue_counts"] = clue_counts(facts, data.labels)
    totals = []
    for item in facts.totals:
        entry = Rec(item["row"].where)
        entry.update(item["row"])
        entry["_measure"], entry["_computed"] = item["measure"], item["computed"]
        totals.append(entry)
    rows["totals"] = totals
    return {name: (columns[name], rows[name]) for name in columns}


def clue_counts(facts, labels: dict) -> list[dict]:
    """The clue register as open data: one row per (dimension, value), never per clue."""
    names, dims = facts.names, labels["opendata"]["clue_dimensions"]
    clues = facts.clues
    if not clues.get("total"):
        return []
    rows = [{"dimension": dims["all"], "value": dims["all"], "total": clues["total"],
             **clues["by_status"]}]
    named = {
        "batch": lambda k: labels["case"]["batch_value"].format(batch=k),
        "category": lambda k: names["categories"].get(k, k),
        "source": lambda k: names["case_sources"].get(k, k),
        "unit": lambda k: names["units"].get(k, k),
    }
    # The page's other counts, each a row of its own (a count of clues, no states): the
    # open data had the tables by batch, category, source and unit only, and a reader
    # could not check 挂牌督办, 领导包案督办, 在办超过办结时限 … against anything.
    said, blank = labels["clues"], dict.fromkeys(clues["by_status"])
    overview = [(said["supervised"], clues["supervised"]), (said["letters"], clues["letters"]),
                (said["led"], clues["led"]), (said["overdue"], clues["overdue"])] + [
        (said["rechecked"].format(result=result), count)
        for result, count in clues["rechecked"].items()]
    rows += [{"dimension": said["summary"], "value": value, "total": count, **blank}
             for value, count in overview]
    for dim, name_of in named.items():
        for row in clues[f"by_{dim}"]:  # by unit: no 在办 (derive.CLUE_STATES_BY_UNIT)
            rows.append({"dimension": dims[dim], "value": name_of(row["key"]),
                         "total": row["total"], **{s: row.get(s) for s in clues["by_status"]}})
        if dim == "batch" and clues["by_batch"]:  # as the page says it, under the batches
            rows.append({"dimension": dims[dim], "value": dims["unbatched"],
                         "total": clues["unbatched"], **blank})
    return rows


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return formula_safe(text)


# The marks a spreadsheet starts a formula with, half- and full-width: WPS reads the
# ＝＋－＠ a Chinese input method types as =+-@. Excel and WPS read them after leading
# blanks too (spaces, tabs, line breaks, the ideographic space).
FORMULA_MARKS = "=+-@＝＋－＠"
LEADING_BLANKS = " \t\r\n\u3000"


def formula_like(text: str) -> bool:
    """Whether a cell could be read as a formula: one of FORMULA_MARKS first, after any
    LEADING_BLANKS, or a tab or line break first; a plain number is none."""
    first = text.lstrip(LEADING_BLANKS)[:1]
    return bool((first and first in FORMULA_MARKS) or text[:1] in ("\t", "\r", "\n")) \
        and not _NUMBER.fullmatch(text)


def formula_safe(text: str) -> str:
    """A CSV cell Excel or WPS could run as a formula (`formula_like`) is kept as text
    with a leading apostrophe; plain numbers stay numbers."""
    if text and formula_like(text):
        return "'" + text
    return text


def csv_document(header: list, rows) -> bytes:
    """Every CSV the site serves: UTF-8 with a BOM (Excel), CRLF, formula-safe cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([formula_safe(str(h)) for h in header])
    for row in rows:
        writer.writerow([formula_safe("" if v is None or v != v else str(v)) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _json_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def json_document(records) -> bytes:
    """A JSON array with one record per line: as readable in a diff as an indented
    file, a third of its size, and written by json's C encoder (indent= is pure Python)."""
    lines = [json.dumps(r, ensure_ascii=False, default=_json_value) for r in records]
    return (("[\n" + ",\n".join(lines) + "\n]\n") if lines else "[]\n").encode("utf-8")


def files(data: Dataset, facts, archive: bool = True) -> dict[str, bytes]:
    """open-data/<table>.csv and .json for every table, and open-data/all.zip (not packed
    when `archive` is False: `check`, which keeps none of them)."""
    out: dict[str, bytes] = {}
    for name, (columns, rows) in tables(data, facts).items():
        out[f"{FOLDER}{name}.csv"] = csv_document(
            [label for _key, label, _get in columns],
            ([_cell(get(row)) for _key, _label, get in columns] for row in rows))
        out[f"{FOLDER}{name}.json"] = json_document(
            {key: _json_value(get(row)) for key, _label, get in columns} for row in rows)
    out[f"{FOLDER}all.zip"] = _zip(out, data) if archive else b""
    return out


def paths(data: Dataset, facts) -> list[str]:
    """The paths `files` writes, without making the files."""
    names = _columns(data, facts)
    return [f"{FOLDER}{name}.{kind}" for name in names for kind in ("csv", "json")] + [
        f"{FOLDER}all.zip"]


def _zip(members: dict[str, bytes], data: Dataset) -> bytes:
    """A zip whose bytes depend only on its contents and the build date."""
    stamp = data.now.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(members):
            info = zipfile.ZipInfo(path[len(FOLDER):], date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[path])
    return buffer.getvalue()
