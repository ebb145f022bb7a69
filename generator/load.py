"""Load: files -> raw records that remember where every value was written.

Nothing is typed here. YAML is composed with no implicit resolvers, so `NO`, `010`,
`1:30` and `2026-02-30` all stay the text that was written; CSV and xlsx cells are read
as text. Typing by the schema happens in `checks.py`, where every value has its line.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.problems import Location, Problem, problem, suggestion
from generator.schema import RecordType

# Characters Excel and copy-paste leave around values; removed, never kept as data.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)
_EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"}


class YMap(dict):
    """A mapping as written: `line` is where it starts, `lines[key]` where each key is."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}


class YList(list):
    """A sequence as written: `lines[i]` is where item i is."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


@dataclass
class RawRecord:
    """One record before typing: its type, where it is, its values, and a Markdown body."""

    type: RecordType
    where: Location
    data: YMap
    body: str = ""
    body_line: int = 0
    slug: str = ""


# --------------------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """Composes nodes only; remembers aliases so they can be refused with their line."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.alias_lines: list[int] = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_lines.append(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


# No implicit resolvers: every plain scalar is a string, exactly as written.
_Loader.yaml_implicit_resolvers = {}
_STR_TAG = "tag:yaml.org,2002:str"


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """YAML text -> YMap/YList/str tree; problems carry file lines offset by first_line."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        detail = (err.problem or err.context or "").strip()
        return None, [problem("yaml-syntax", Location(path, line), detail=detail)]
    except yaml.YAMLError as err:
        return None, [problem("yaml-syntax", Location(path, first_line), detail=str(err))]
    finally:
        loader.dispose()
    problems = [problem("yaml-alias", Location(path, ln + offset)) for ln in loader.alias_lines]
    if node is None:
        return YMap(first_line), problems
    return _convert(node, path, offset, problems), problems


def _convert(node, path: str, offset: int, problems: list[Problem]):
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if node.tag != _STR_TAG:
            problems.append(problem("yaml-tag", Location(path, line), tag=node.tag))
        return node.value
    if isinstance(node, yaml.SequenceNode):
        out = YList(line)
        for item in node.value:
            out.append(_convert(item, path, offset, problems))
            out.lines.append(item.start_mark.line + 1 + offset)
        return out
    out = YMap(line)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(problem("wrong-shape", Location(path, key_line), field="?",
                                    expected="字段名", actual="复杂结构"))
            continue
        key = key_node.value.strip()
        if key in out:
            problems.append(problem("yaml-duplicate-key", Location(path, key_line), field=key,
                                    first=out.lines[key]))
            continue
        out[key] = _convert(value_node, path, offset, problems)
        out.lines[key] = key_line
    return out


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Markdown text -> (front matter YAML or None, body, line the body starts on)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    body_line = text[: match.end()].count("\n") + 1
    return match.group(1), text[match.end():], body_line


# --------------------------------------------------------------------------- tables


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Bytes -> text: BOM, then strict UTF-8, then strict GB18030 (what Excel writes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, problem("file-utf16", Location(path, 1))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), None
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            return None, problem("file-encoding", Location(path, line), line=line)


def clean_cell(value: str) -> str:
    """Strip what Excel and copy-paste leave around a value; keep the value itself."""
    value = value.translate(_INVISIBLE).strip(" \t\r\n\u3000\xa0")
    # Excel's way of keeping leading zeros: ="00123"
    match = re.fullmatch(r'="(.*)"', value, re.S)
    return match.group(1) if match else value


def _header_key(value: str) -> str:
    return unicodedata.normalize("NFKC", clean_cell(value)).replace(" ", "")


def read_table_rows(rows, path: str, rtype: RecordType) -> tuple[list[RawRecord], list[Problem]]:
    """(line, [cells]) rows with the header first -> raw records, one per non-blank row."""
    problems: list[Problem] = []
    records: list[RawRecord] = []
    rows = iter(rows)
    header_line, header = next(rows, (1, None))
    if not header or not any(clean_cell(c) for c in header):
        return [], [problem("file-empty", Location(path, header_line))]
    names = {_header_key(k): v for k, v in rtype.header_names().items()}
    columns: list[str | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header, start=1):
        key = _header_key(cell)
        if not key:
            columns.append(None)  # an empty header over an empty column: Excel residue
            continue
        name = names.get(key)
        if name is None:
            hint = suggestion(key, list(names))
            problems.append(problem("unknown-field", Location(path, header_line), field=key,
                                    hint=hint))
        elif name in seen:
            problems.append(problem("csv-duplicate-header", Location(path, header_line),
                                    header=key, first=seen[name], column=index))
            name = None
        else:
            seen[name] = index
        columns.append(name)
    absent = [f for f in rtype.fields.values() if f.required and f.name not in seen]
    for f in absent:
        problems.append(problem("csv-missing-column", Location(path, header_line), field=f.name,
                                label=f.label))
    if absent:
        return [], problems  # every row would lack it: one message, not one per row
    width = len(columns)
    for line, cells in rows:
        cells = [clean_cell(c) for c in cells]
        if not any(cells):
            continue
        where = Location(path, line)
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:
                problems.append(problem("csv-extra-cells", where, count=len(cells),
                                        extra=len(cells) - width, value=extra[0]))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            problems.append(problem("csv-short-row", where, count=len(cells), expected=width))
            continue
        data = YMap(line)
        for name, cell in zip(columns, cells, strict=True):
            if name is None:
                continue
            data[name] = cell
            data.lines[name] = line
        records.append(RawRecord(rtype, where, data))
    return records, problems


def csv_rows(text: str, path: str, problems: list[Problem]):
    """Yield (first line of the row, cells); a broken quote ends the file with a problem."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(problem("csv-quote", Location(path, last + 1)))
            return
        yield last + 1, cells
        last = reader.line_num


def xlsx_rows(path_obj: Path, path: str, problems: list[Problem]) -> list | None:
    """(row number, cells as text) of the first sheet of an .xlsx workbook, or None."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path_obj, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged file
        problems.append(problem("file-unreadable", Location(path, 1), detail=type(err).__name__))
        return None
    try:
        return [(number, [_xlsx_text(v) for v in values]) for number, values
                in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).upper() if abs(value) >= 1e15 else repr(value)
    return str(value)


def excel_artefact(value: str) -> str | None:
    """The problem code for a cell Excel has damaged, or None."""
    if value in _EXCEL_ERRORS:
        return "excel-error-value"
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", value, re.I):
        return "excel-number-format"
    return None


# --------------------------------------------------------------------------- files


def load_file(root: Path, rel: str, rtype: RecordType) -> tuple[list[RawRecord], list[Problem]]:
    """One file of one record type -> its raw records and the problems met reading it."""
    path_obj = root / rel
    problems: list[Problem] = []
    if rtype.shape == "table" and rel.lower().endswith(".xlsx"):
        rows = xlsx_rows(path_obj, rel, problems)
        if rows is None:
            return [], problems
        records, more = read_table_rows(rows, rel, rtype)
        return records, problems + more
    try:
        data = path_obj.read_bytes()
    except OSError as err:
        return [], [problem("file-unreadable", Location(rel, 1), detail=err.strerror or "")]
    text, bad = decode(data, rel)
    if bad:
        return [], [bad]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if rtype.shape == "table":
        records, more = read_table_rows(csv_rows(text, rel, problems), rel, rtype)
        return records, problems + more
    body, body_line = "", 0
    first_line = 1
    if rtype.shape == "front-matter":
        front, body, body_line = split_front_matter(text)
        if front is None:
            return [], [problem("missing-field", Location(rel, 1), field="---", label="开头的 --- 信息块")]
        text, first_line = front, 2
    tree, problems = parse_yaml(text, rel, first_line)
    if tree is None:
        return [], problems
    where = Location(rel, getattr(tree, "line", first_line))
    if rtype.shape == "list":
        if not isinstance(tree, YList):
            problems.append(problem("wrong-shape", where, field=rtype.label, expected="列表",
                                    actual=_shape_name(tree)))
            return [], problems
        records = []
        for item, line in zip(tree, tree.lines, strict=True):
            if not isinstance(item, YMap):
                problems.append(problem("wrong-shape", Location(rel, line), field=rtype.label,
                                        expected="字段和值", actual=_shape_name(item)))
                continue
            records.append(RawRecord(rtype, Location(rel, line), item))
        return records, problems
    if not isinstance(tree, YMap):
        problems.append(problem("wrong-shape", where, field=rtype.label, expected="字段和值",
                                actual=_shape_name(tree)))
        return [], problems
    slug = Path(rel).stem
    return [RawRecord(rtype, Location(rel, tree.line if tree else first_line), tree, body,
                      body_line, slug)], problems


def _shape_name(value) -> str:
    if isinstance(value, YList):
        return "列表"
    if isinstance(value, YMap):
        return "字段和值"
    return "一段文字"


def files_of(root: Path, rtype: RecordType) -> list[str]:
    """The project-relative files a record type reads, sorted, for a stable order."""
    found: set[str] = set()
    for pattern in rtype.files:
        for path_obj in root.glob(pattern):
            if path_obj.is_file() and not path_obj.name.startswith((".", "~$")):
                found.add(path_obj.relative_to(root).as_posix())
    return sorted(found)
