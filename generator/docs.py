"""The staff page 数据规范 (content/data-spec.md), generated from the schema and messages."""
from __future__ import annotations

import html

import jinja2

from generator.problems import catalogue, messages
from generator.schema import Field, record_types



def _rows(fields: dict[str, Field], prefix: str = "") -> list[dict]:
    type_names = messages()["types"]
    rows = []
    for f in fields.values():
        item = f.item
        kind = type_names[f.type]
        values = f.values
        if item is not None:
            kind = f"{type_names['list']}（{type_names[item.type]}）"
            values = item.values
        help_text = f.help
        if f.aliases:
            help_text += "；表头也可写作 " + "、".join(f.aliases)
        if f.same:
            help_text += "；也接受 " + "、".join(f"{k}（即 {v}）" for k, v in f.same.items())
        if f.unclear:
            help_text += "；不读取 " + "、".join(f.unclear) + "（" + f.unclear_say + "）"
        if f.person_name:
            help_text += messages()["docs"]["person_name"]
        if f.type == "int":
            help_text += f"（{f.min}～{f.max}）" if f.max is not None else f"（不小于 {f.min}）"
        rows.append({"name": prefix + f.name, "label": f.label, "type": kind,
                     "required": f.required, "default": f.default, "choices": values,
                     "to": (item.to if item is not None else f.to), "help": help_text})
        nested = item.fields if item is not None else f.fields
        if nested:
            rows += _rows(nested, prefix + f.name + ".")
    return rows


def data_spec() -> str:
    # The help texts are read as text: one naming a tag (不要用 <h1>) printed it raw, and
    # the page showed a heading where the sentence ended.
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             finalize=lambda value: html.escape(value, quote=False)
                             if isinstance(value, str) else value)
    types = [{"type": rt, "rows": _rows(rt.fields)} for rt in record_types().values()]
    for entry in types:
        reserved = entry["type"].reserved
        for row in entry["rows"] if reserved else ():
            if row["name"] == entry["type"].id:
                row["help"] += f"；不能使用 {'、'.join(reserved)}（与列表页同名，不区分大小写）"
    return env.get_template("data-spec.md.j2").render(types=types, problems=catalogue())
