"""The data contract, read from `schema.yml`: record types and their typed fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache


SCALAR_TYPES = {
    "id", "text", "longtext", "date", "datetime", "int", "bool", "enum", "ref",
    "url", "period", "timezone", "report_period", "office_phone",
}


@dataclass(frozen=True)
class Field:
    """One field: its type, whether it is required, and what staff are told about it."""

    name: str
    type: str
    label: str = ""
    help: str = ""
    required: bool = False
    default: str | None = None
    values: tuple[str, ...] = ()
    to: str = ""
    item: "Field | None" = None
    fields: dict[str, "Field"] = field(default_factory=dict)
    min: int | None = None  # int fields: the smallest and largest value accepted
    max: int | None = None
    pattern: str = ""  # text fields: the whole value must match it (a regular expression)
    form: str = ""  # the form `pattern` asks for, as staff are told it
    # A field that decides whether a record is shown (draft, embargo, withdrawn, redacted):
    # written with no value it is a mistake to name, never read as absent.
    control: bool = False
    # Other headers a table may give this column: the words the campaign documents use
    # for it (完成时限 for 整改时限), read as its label is
    aliases: tuple[str, ...] = ()
    # enum fields: the documents' other words for a value (限时整改 for 限期整改), read as it
    same: dict[str, str] = field(default_factory=dict)
    # enum fields: words that could mean more than one value (已整改: 已销号 or 整改中),
    # never read, and what staff are told to write instead
    unclear: tuple[str, ...] = ()
    unclear_say: str = ""
    # text fields: an organ's or a post's name, or a document's set wording (承办单位,
    # 职务, 主送机关, 附件：): words any record may write, never what one is about. The
    # audit does not keep them hidden when their record is not public: a published text
    # writing 县公安局 or 第一纪检监察室主任 quotes no clue. A map's flag is its fields'.
    wording: bool = False
    # text fields: 无 (暂无, 没有) is an answer here and is published as written (主要问题：
    # 无, no problem found); elsewhere a text of only such a word, or of a mark (/ —), is a
    # cell the clerk meant to leave empty (value-placeholder)
    none_answer: bool = False
    # text fields: a person's name (姓名). Spaces between its Han characters are layout
    # (张　三, 张  三: two-character names padded to line up with three-character ones in
    # Excel or Word), not part of the name: they are taken out as the value is read, so
    # the page, search and every comparison of names see 张三.
    person_name: bool = False
    # text fields: a code, number or reference kept as text (免报事项 names a commitment's
    # id, 得分 is 95.5, 统计期间 may be 2015). The apostrophe a clerk types in Excel to keep
    # such a value as text ('C1, ’2015) is taken off as in a number or a date; in other
    # text it may be the writer's own and is kept. A field with a `pattern` is one too.
    code: bool = False
    # int fields: the measure words a cell may carry (7件, 3人, 第1名), or the field whose
    # value says what is counted (统计口径 追责问责人数 counts 人); any other word is refused
    units: tuple[str, ...] = ()
    unit_from: str = ""

    @property
    def is_scalar(self) -> bool:
        return self.type in SCALAR_TYPES


@dataclass(frozen=True)
class RecordType:
    """A kind of record, where its files live and how they are shaped."""

    name: str
    label: str
    files: tuple[str, ...]
    shape: str  # single | list | file | table | front-matter
    fields: dict[str, Field]
    id: str = ""
    collection: str = ""
    # Ids that would give a record page the path of a listing page (compared
    # case-insensitively; `*` matches anything): cases/index.md, units/kind-XZ/ ...
    reserved: tuple[str, ...] = ()
    # A table whose every row is a total (人工填报汇总数: 累计, 合计 are periods there):
    # a row starting with such a word is a record, not a sum of the rows above.
    sums: bool = False

    def header_names(self) -> dict[str, str]:
        """Accepted table headers (English name or Chinese label) -> field name."""
        names = {}
        for f in self.fields.values():
            names[f.name] = f.name
            if f.label:
                names[f.label] = f.name
            for alias in f.aliases:
                names[alias] = f.name
        return names


def _field(name: str, spec: dict, wording: bool = False) -> Field:
    ftype = spec["type"]
    wording = wording or bool(spec.get("wording", False))
    if ftype not in SCALAR_TYPES | {"list", "map"}:
        raise ValueError(f"schema.yml: field {name} has unknown type {ftype}")
    default = spec.get("default")
    return Field(
        name=name,
        type=ftype,
        label=spec.get("label", ""),
        help=spec.get("help", ""),
        required=bool(spec.get("required", False)),
        default=None if default is None else str(default),
        values=tuple(spec.get("values", ())),
        to=spec.get("to", ""),
        # an item is named to staff by its list's label ("问题类别", not "categories")
        item=_field(name, {"label": spec.get("label", ""), **spec["item"]}, wording)
        if "item" in spec else None,
        fields={k: _field(k, v, wording) for k, v in spec.get("fields", {}).items()},
        min=spec.get("min", 0 if ftype == "int" else None),
        max=spec.get("max"),
        pattern=spec.get("pattern", ""),
        form=spec.get("form", ""),
        control=bool(spec.get("control", False)),
        aliases=tuple(spec.get("aliases", ())),
        same=dict(spec.get("same", {})),
        unclear=tuple(spec.get("unclear", {}).get("words", ())),
        unclear_say=spec.get("unclear", {}).get("say", ""),
        wording=wording,
        none_answer=bool(spec.get("none_answer", False)),
        person_name=bool(spec.get("person_name", False)),
        code=bool(spec.get("code", False)) or bool(spec.get("pattern")),
        units=tuple(spec.get("units", ())),
        unit_from=spec.get("unit_from", ""),
    )


@cache
def record_types() -> dict[str, RecordType]:
    """Every record type, in load order."""
    from generator.problems import own_yaml

    raw = own_yaml("schema.yml")
    return {
        name: RecordType(
            name=name,
            label=spec["label"],
            files=tuple(spec["files"]),
            shape=spec["shape"],
            fields={k: _field(k, v) for k, v in spec["fields"].items()},
            id=spec.get("id", ""),
            collection=spec.get("collection", ""),
            reserved=tuple(spec.get("reserved", ())),
            sums=bool(spec.get("sums", False)),
        )
        for name, spec in raw.items()
    }


def collection_labels() -> dict[str, str]:
    """Chinese names of every reference target, for 'not found in …' messages."""
    from generator.problems import collection_names

    labels = dict(collection_names())
    for rt in record_types().values():
        if rt.collection:
            labels[rt.collection] = f"{rt.label}（{rt.files[0]}）"
    return labels
