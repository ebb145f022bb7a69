"""The staff page 数据规范 (content/data-spec.md), generated from the schema and messages."""
from __future__ import annotations

import html

import jinja2

from generator.problems import catalogue, messages
from generator.schema import Field, record_types



def _rows(fields: dict[str, Field], prefix: str = "") -> list[dict]:
    type_names = messages()["types"]
    say = messages()["docs"]
    rows = []
    for f in fields.values():
        item = f.item
        kind = type_names[f.type]
        values = f.values
        if item is not None:
            kind = say["list_of"].format(list=type_names["list"], item=type_names[item.type])
            values = item.values
        help_text = f.help
        if f.aliases:
            help_text += say["aliases"].format(names="、".join(f.aliases))
        if f.same:
            help_text += say["same"].format(pairs="、".join(
                say["same_pair"].format(written=k, meant=v) for k, v in f.same.items()))
        if f.unclear:
            help_text += say["unclear"].format(values="、".join(f.unclear), why=f.unclear_say)
        if f.person_name:
            help_text += say["person_name"]
        if f.type == "int":
            help_text += say["int_range"].format(min=f.min, max=f.max) if f.max is not None \
                else say["int_min"].format(min=f.min)
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
                row["help"] += messages()["docs"]["reserved"].format(names="、".join(reserved))
    return env.get_template("data-spec.md.j2").render(types=types, problems=catalogue())
