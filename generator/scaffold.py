"""New records and a new county: skeletons made from the schema, valid as written.

`new` writes one record with the next id, today's date and a Chinese comment per field;
every required field holds a placeholder that passes `check`, and cases and notices
start as drafts, so nothing half-written is published. `init` starts a county's own
project: the generator and its tooling, fresh site settings, empty tables, no demo.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from generator import load, tableformat
from generator.records import Dataset
from generator.schema import Field, RecordType, record_types

# What `new KIND` makes: the record type and the fields it sets itself.
KINDS = {
    "case": ("case", {"kind": "通报曝光"}),
    "clarification": ("case", {"kind": "澄清正名"}),
    "tolerance": ("case", {"kind": "容错免责"}),
    "notice": ("notice", {}),
    "unit": ("unit", {}),
    "inspection": ("inspection", {}),
}
# Id prefixes when a collection has no record yet to learn them from.
_FIRST_ID = {"inspection": ("JC-", 4), "ledger": ("TZ-", 4), "warning": ("YJ-", 3)}
_TRAILING_NUMBER = re.compile(r"(.*?)(\d+)")


class ScaffoldError(Exception):
    """A skeleton cannot be written; args[0] is the cli message key, args[1] its params."""


def next_id(rtype: RecordType, data: Dataset, today: dt.date, prefix: str = "") -> str:
    """The id after the largest one with the same prefix and width."""
    ids = [str(r.get(rtype.id)) for r in data.collections.get(rtype.collection, [])
           if r.get(rtype.id)]
    if rtype.name == "case":
        prefix, width = f"{today.year}-", 3
    elif prefix:
        width = 2
    else:
        prefix, width = _FIRST_ID.get(rtype.name, (f"{rtype.name.upper()[:2]}-", 3))
        counts: dict[str, int] = {}
        for value in ids:
            match = _TRAILING_NUMBER.fullmatch(value)
            if match:
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        if counts:
            prefix = max(counts, key=lambda p: (counts[p], p))
    numbers, widths = [], []
    for value in ids:
        match = _TRAILING_NUMBER.fullmatch(value)
        if match and match.group(1) == prefix:
            numbers.append(int(match.group(2)))
            widths.append(len(match.group(2)))
    width = max(widths, default=width)
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def _first_of(collection: str, data: Dataset) -> str:
    """The first known value of a reference target, as staff write it (its name)."""
    taxonomy_fields = record_types()["taxonomy"].fields
    if collection in taxonomy_fields:
        for entry in data.taxonomy.get(collection) or []:
            children = entry.get("children") or []
            return (children[0] if children else entry).get("name", "")
        return ""
    for rt in record_types().values():
        if rt.collection == collection:
            records = data.collections.get(collection, [])
            shown = "name" if "name" in rt.fields else rt.id
            return str(records[0].get(shown) or records[0].get(rt.id, "")) if records else ""
    return ""


def _say(key: str, **params: object) -> str:
    """What a skeleton says to the clerk who fills it (`scaffold` in messages.yml)."""
    from generator.problems import messages

    return messages()["scaffold"][key].format(**params)


def placeholder(f: Field, data: Dataset, today: dt.date):
    """A value for a required field that passes `check` and says it is to be filled in."""
    if f.type == "text":
        return _say("to_fill", label=f.label)
    if f.type == "longtext":
        return _say("to_fill_long", label=f.label)
    if f.type == "date":
        return today.isoformat()
    if f.type == "datetime":
        return f"{today.isoformat()} 09:00"
    if f.type == "period":
        return today.strftime("%Y-%m")
    if f.type in ("int", "bool", "enum") and f.default is not None:
        return f.default
    if f.type == "int":
        return "0"
    if f.type == "bool":
        return "否"
    if f.type == "enum":
        return f.values[0]
    if f.type == "ref":
        return _first_of(f.to, data)
    if f.type == "list" and f.item is not None and f.item.is_scalar:
        first = placeholder(f.item, data, today)
        return [first] if first else []
    return None


def _comment(f: Field) -> str:
    need = _say("required" if f.required else "optional")
    choices = _say("choices", values="、".join(f.values)) if f.values else ""
    return "# " + _say("comment", label=f.label, need=need, choices=choices, help=f.help)


def _scalar(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = str(value)
    if text and not re.search(r"[:#\[\]{},&*!|>'\"%@`]|[^\S ]|^[-?\s]|\s$", text) \
            and not _UNPRINTABLE.search(text):
        return text
    # JSON's string is YAML's double-quoted one, but for the characters YAML reads as a
    # line break (U+2028, U+2029, NEL) or does not allow unescaped: those are escaped.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(text, ensure_ascii=False))


# What a YAML stream may not hold as written, or reads as a line break.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
                          "\ufeff\ufffe\uffff]")


def _yaml_lines(fields: dict[str, Field], values: dict, indent: str = "") -> list[str]:
    lines: list[str] = []
    for f in fields.values():
        lines.append(indent + _comment(f))
        value = values.get(f.name)
        if value is None:
            if f.type == "list" and f.item is not None and f.item.type == "map":
                lines.append(f"{indent}# {f.name}:")
                lines.append(f"{indent}#   - " + ", ".join(
                    f"{k}: …" for k, sub in f.item.fields.items() if sub.required))
            elif f.type == "map":
                lines.append(f"{indent}# {f.name}:")
                lines += [f"{indent}#   {k}: …" for k in f.fields]
            else:
                lines.append(f"{indent}# {f.name}:")
        elif f.type == "longtext":
            lines.append(f"{indent}{f.name}: |")
            lines.append(f"{indent}  {value}")
        else:
            lines.append(f"{indent}{f.name}: {_scalar(value)}")
    return lines


def _values(rtype: RecordType, data: Dataset, today: dt.date, fixed: dict) -> dict:
    values = {}
    for f in rtype.fields.values():
        if f.name in fixed:
            values[f.name] = fixed[f.name]
        elif f.required:
            values[f.name] = placeholder(f, data, today)
            if (f.item or f).type == "ref" and values[f.name] in ("", []):
                from generator.schema import collection_labels

                target = (f.item or f).to
                raise ScaffoldError("new_needs", {"field": f.label, "label": rtype.label,
                                                  "target": collection_labels().get(target,
                                                                                    target)})
    if rtype.name == "inspection" and not values.get("body") and not values.get("by_unit"):
        # 检查机关 or 检查单位 must be there: the body that ran most inspections so far,
        # else the site's own authority (a unit's own inspection is the clerk's edit).
        bodies = Counter(str(r["body"]) for r in data.collections.get("inspections", [])
                         if r.get("body"))
        values["body"] = min(bodies, key=lambda b: (-bodies[b], b)) if bodies \
            else str(data.site.get("authority") or "")
    if rtype.name == "notice" and data.site.get("authority"):
        # a 公文 is signed by the authority of the day it is issued: written into it, it
        # stays when the site's settings change (check notes an issued one without it)
        values["issuer"] = str(data.site["authority"])
    if "draft" in rtype.fields:
        values["draft"] = "是"  # a skeleton is never published as it is
    return values


def new_record(root: Path, kind: str, data: Dataset, today: dt.date, title: str = "") -> tuple[Path, str]:
    """Write the skeleton of one record; return its path and its id."""
    type_name, fixed = KINDS[kind]
    rtype = record_types()[type_name]
    fixed = dict(fixed)
    if title and "title" in rtype.fields:
        fixed["title"] = title
    if title and "name" in rtype.fields:
        fixed["name"] = title
    if rtype.shape == "file":
        record_id = next_id(rtype, data, today)
        values = {**_values(rtype, data, today, fixed), rtype.id: record_id}
        target = root / Path(rtype.files[0]).parent / f"{record_id}.yml"
        text = "\n".join(_yaml_lines(rtype.fields, values)) + "\n"
    elif rtype.shape == "front-matter":
        folder = root / Path(rtype.files[0]).parent
        record_id = f"{today.isoformat()}-notice"
        number = 1
        while (folder / f"{record_id}.md").exists():
            number += 1
            record_id = f"{today.isoformat()}-notice-{number}"
        target = folder / f"{record_id}.md"
        values = _values(rtype, data, today, fixed)
        body = _say("body") + "\n"
        text = "---\n" + "\n".join(_yaml_lines(rtype.fields, values)) + "\n---\n\n" + body
    else:
        return _append_row(root, rtype, data, today, fixed)
    if target.exists():
        raise ScaffoldError("new_exists", {"path": target.relative_to(root).as_posix()})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target, record_id


def _append_row(root: Path, rtype: RecordType, data: Dataset, today: dt.date,
                fixed: dict) -> tuple[Path, str]:
    """A table record: one row appended to the type's CSV file (made if missing)."""
    values = _values(rtype, data, today, fixed)
    prefix = ""
    if rtype.name == "unit":
        kinds = data.taxonomy.get("unit_kinds") or []
        prefix = kinds[0]["id"] if kinds else "DW"
    record_id = next_id(rtype, data, today, prefix)
    values[rtype.id] = record_id
    if "name" in values:
        values["name"] = f"{values['name']}{record_id}"  # names are unique in a table
    csv_files = [rel for rel in load.files_of(root, rtype) if rel.lower().endswith(".csv")]
    rel = csv_files[0] if csv_files else next(p for p in rtype.files if p.endswith(".csv"))
    path = root / rel
    if path.exists():
        text, separator, told = load.table_text(path.read_bytes(), rel)
        if text is None:  # a workbook named .csv is never written over as text
            raise ScaffoldError("fmt_unreadable", {"path": rel, "reason": told[0].message})
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        header = rows[0] if rows else []
    else:
        header, rows = [f.label for f in rtype.fields.values()], []
        rows = [header]
    row = []
    for cell in header:
        value = values.get(load.column_of(cell, rtype) or "", "")
        row.append("、".join(value) if isinstance(value, list) else str(value))
    rows.append(row)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    new, _why = tableformat.canonical(out.getvalue().encode("utf-8"), rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return path, record_id


# --------------------------------------------------------------------------- init

# What a county's own project takes from this one: the generator and its tooling.
_COPIED = ("generator", "overrides", "scripts", "Makefile", "mkdocs.yml", "pyproject.toml",
           "requirements.lock", ".gitignore", ".gitattributes", ".pre-commit-config.yaml",
           ".github", ".gitlab-ci.yml", "README.md")
_CONTENT_SKIPPED = ("notices",)


def init_project(template: Path, target: Path, county: str, authority: str, url: str,
                 today: dt.date) -> None:
    """A county's project with the generator, fresh settings and empty tables."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in _COPIED:
        source = template / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copyfile(source, target / name)
    shutil.copytree(template / "content", target / "content",
                    ignore=shutil.ignore_patterns(*_CONTENT_SKIPPED, "__pycache__"))
    config = target / "site_config"
    config.mkdir(parents=True)
    for name in ("taxonomy.yml", "labels.yml"):
        shutil.copyfile(template / "site_config" / name, config / name)
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates/init"),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["q"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    params = {"county": county, "authority": authority, "url": url, "today": today.isoformat(),
              "end": (today + dt.timedelta(days=30)).isoformat()}
    for name, rel in (("site.yml", "site_config/site.yml"),
                      ("campaign.yml", "site_config/campaign.yml"),
                      ("channels.yml", "site_config/channels.yml"),
                      ("commitments.yml", "data/commitments.yml")):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(env.get_template(f"{name}.j2").render(**params),
                                  encoding="utf-8")
    for rtype in record_types().values():
        if rtype.shape != "table":
            continue
        pattern = next(p for p in rtype.files if p.endswith(".csv"))
        rel = pattern.replace("*", rtype.label)
        header = io.StringIO(newline="")
        csv.writer(header, lineterminator="\r\n").writerow(
            [f.label for f in rtype.fields.values()])
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(b"\xef\xbb\xbf" + header.getvalue().encode("utf-8"))
    (target / "data" / "cases").mkdir(parents=True, exist_ok=True)
    (target / "content" / "notices").mkdir(parents=True, exist_ok=True)
