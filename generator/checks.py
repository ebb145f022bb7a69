"""Validate: raw records -> typed records plus a report of every problem.

Types come from the schema; every check yields `Problem`s with the file and line the
value was written on, and nothing stops at the first problem. Records are typed in the
schema's order, so references always point at collections already read.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import decimal
import fnmatch
import functools
import posixpath
import re
import sys
import unicodedata
import zoneinfo
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from generator import attachments, load, normalise, policy, privacy, sanitize
from generator.load import RawRecord, YList, YMap, YStr
from generator.problems import Location, Problem, Report, messages, problem, suggestion, term
from generator.records import TOLERANCE, UNHANDLED_KINDS, Dataset, Labels, Rec
from generator.schema import Field, RecordType, collection_labels, record_types
from generator.softbreak import soft_joined, source_line

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
# Names Windows keeps for its devices, whatever their case and extension: a file or folder
# so named (content/notices/nul.md, units/CON/index.html) cannot be checked out on a
# clerk's Windows computer nor published on a Windows server.
_WINDOWS_DEVICE = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.[^/]*)?", re.I)


def windows_device(name: str) -> str:
    """The device name ("NUL") a file or folder name takes, or ''."""
    for part in name.split("/"):
        match = _WINDOWS_DEVICE.fullmatch(part.rstrip(". "))
        if match:
            return match.group(1).upper()
    return ""
# Excel writes a date cell as 2026/4/1, and as 2026/4/1 0:00 when it is formatted with a time.
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s+0?0:00(?::00)?)?")
# Other ways a date is written in an office, each with one reading: 20260305, a date in
# the documents' numerals (二〇二六年三月五日), a weekday after it (2026年3月5日（星期四）,
# checked against the date)
_COMPACT_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_CHINESE_DATE = re.compile("([〇零一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月"
                           "\\s*([一二三四五六七八九十]{1,3})\\s*[日号]")
_WEEKDAY = re.compile(r"\s*[(（]?\s*(?:星期|礼拜|周)([一二三四五六日天])\s*[)）]?")
_WEEKDAYS = "一二三四五六日"
# 3/5/2026: the year last, as an English-language Excel writes a date; month and day in
# either order
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_DATETIME = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*|T)(\d{1,2})\s*[:时]\s*(\d{2})\s*分?"
    r"(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")
_TIME = re.compile(r"\d{1,2}\s*[:时]\s*\d{2}\s*分?(?::\d{2})?")
# An embargo (解禁时间) as staff write it: a date, then the hour (9:00, 9:00:00, 9时30分, 9点30,
# 9时, 9点整), then perhaps an offset (+08:00, +0800, +08, Z). Read in the site's time zone.
_MOMENT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*T?\s*"
    r"(\d{1,2})\s*(?::\s*(\d{2})(?:\s*:\s*(\d{2}))?"
    r"|[时点]\s*(?:(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?|(\d{2})|整)?)"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?", re.I)
# A zone written in words before or after the time: 北京时间, UTC+8 and GMT+8 are the county's
# offset, UTC and GMT are UTC; any other letters (CST: China's or the US Central time?) are
# refused, never guessed.
_ZONE_WORD = re.compile(r"^\s*[(]?\s*(北京时间|(?:UTC|GMT)\s*\+\s*0?8(?::?00)?|[A-Z]{2,5})\s*[)]?"
                        r"|[(]?\s*(北京时间|(?:UTC|GMT)\s*\+\s*0?8(?::?00)?|[A-Z]{2,5})\s*[)]?\s*$",
                        re.I)
# A time of day on the 12-hour clock: one reading each, but not the form asked for.
_HALF_DAY = re.compile(r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|[AP]\.?M\.?", re.I)
_AFTERNOON = ("下午", "傍晚", "晚上", "夜里", "PM", "P.M.", "PM.", "P.M")
_PERIOD = re.compile(r"(\d{4})\s*[-/年]\s*(\d{1,2})\s*(?:月份?)?")
# 2026.4, 2026.04.: a month written with a dot as dates are (2026.3.5)
_DOT_PERIOD = re.compile(r"(\d{4})\s*\.\s*(\d{1,2})\s*\.?")
_WEEK = re.compile(r"(\d{4})\s*(?:-?\s*W|年\s*第)\s*(\d{1,2})\s*周?", re.I)
# Excel's number for a date, as a CSV cell holds it (46023) or a program that read it as
# a number wrote it (46023.0; a fraction is the time of day)
_SERIAL = re.compile(r"(\d{5})(?:\.\d{1,12})?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date numbers (1900 system)
_MAC_EPOCH = dt.date(1904, 1, 1)  # day 0 in a workbook of the 1904 system (old Mac files)
_WRAPPED = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_LIST_SEPARATORS = re.compile(r"\s*[、,，;；]\s*")
# A tick or a cross in a 是/否 column (Excel's and WPS's symbol sets) is as plain as 是/否;
# so are 1/0 and Y/N, the other ways a spreadsheet writes yes and no (compared after NFKC
# and case folding: Ｙ, ｙ, １ are the same). TRUE/FALSE in a workbook is a real boolean,
# read as 是/否 before it gets here.
# (English yes/no stay refused: YAML's NO is the trap the project will not read.)
# 真/假 are TRUE/FALSE in Chinese, as plain as true/false. A mark typed as an emoji
# (✔️, ✅, ❌ from a phone or WPS's emoji panel) carries a variation selector, dropped.
_TRUE = {"是", "true", "1", "y", "√", "✓", "✔", "☑", "✅", "🗹", "真"}
_FALSE = {"否", "false", "0", "n", "×", "✗", "✘", "☒", "✕", "✖", "❌", "╳", "☓", "🗷", "假"}
_VARIATION = str.maketrans("", "", "\ufe0e\ufe0f")
# Marks that are no yes or no: an empty box is a question not yet answered (a printed
# form's ☐), not 否; a circle, a dot or a filled square means 是 in one office's sheet
# (○ is 是 in a Japanese one) and "not done" in another's. Each is refused with why.
_EMPTY_BOXES = {"☐", "□", "▢", "⬜", "◻", "◽", "🔲", "🔳"}
_MARKS = {"○", "◯", "〇", "◎", "●", "⚪", "⚫", "■", "▪", "◼", "◾", "⬛", "◆", "◇", "★",
          "☆", "▲", "△", "▶", "✱", "✳", "※"}
# Words whose yes or no depends on the column: 无 in 零报告 may mean "no problems", which is
# 是 there. Never read as either; the message says why.
_BOOL_WORDS = {"有", "无", "已", "未", "对", "错", "没有", "已报", "未报"}
# Excel's text-forcing apostrophe, straight or as a Chinese input method types it; one at
# each end ('7', ‘7’) is a quotation, not that mark
_APOSTROPHES = ("'", "\u2019", "\u2018")
# A count written with its measure word (3个, 12件, 第1名, 共7件, 403例): the number as
# written and the word, which must be one the column counts in (schema `units`, or what the
# field named by `unit_from` says: 追责问责人数 counts 人)
_COUNTED = re.compile(r"(?:共计|合计|累计|总计|共|计)?\s*第?\s*([-+]?[0-9][0-9,]*)\s*"
                      r"(人次|个|项|件|次|人|名|起|例|家|户|处|条|份|篇|天|日|号|分|批|所|年)")
# The measure words a count of what a name says (a 统计口径, a 单位 field) is written in:
# the first group whose words the name holds. A name holding none of them says nothing.
_NAMED_UNITS = (
    (("人次",), ("人次",)),
    (("人", "名"), ("人", "名")),
    (("批",), ("批",)),
    (("单位", "家"), ("个", "家")),
    (("线索", "问题", "案件", "案例", "件", "起", "例", "条", "项", "处", "个"),
     ("件", "个", "条", "起", "例", "项", "处")),
    (("次",), ("次",)),
)


def _units_named(name: str) -> tuple[str, ...]:
    for words, units in _NAMED_UNITS:
        if any(w in name for w in words):
            return units
    return ()
_WHOLE_DECIMAL = re.compile(r"([-+]?[0-9]+)\.0+")
# A count with thousands separators (1,234, 12,345.0) and one whose commas or spaces are
# not thousands separators (1,23, 12,3456, 1 234): read, and refused, respectively.
_DIGIT_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.0+)?")
_MISGROUPED = re.compile(r"[-+]?[0-9]+(?:[, ]+[0-9]+)+(?:\.0+)?")
# A count written with a unit word of tens of thousands (1.2万, 3千, 2亿) or as a share (95%)
_SCALED = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(百|千|万|亿)(?:[^0-9.]{0,3})")
_PERCENT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?\s*[%‰]")
_SCALE = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# What a clerk writes in a count for "none": 0 where nothing was found, empty where
# nothing was counted; which one is not guessed
_NONE_WORDS = {"无", "没有", "暂无", "未发现", "-", "--", "—", "——", "/", "\\"}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_NUMBER = re.compile(f"[{''.join(_DIGITS)}{''.join(_POWERS)}]{{1,12}}")


def _chinese_number(text: str) -> int | None:
    """三 -> 3, 十二 -> 12, 一百零五 -> 105, 两千 -> 2000, with a measure word (三个) too;
    None for anything else. Only to tell staff the digits to write: never read."""
    text = text.lstrip("第")
    if text and text[-1] in "个项件次人名起家处条份天分批所年":
        text = text[:-1]
    if not _CHINESE_NUMBER.fullmatch(text):
        return None
    total, digit, last_power = 0, None, 10**4
    for char in text:
        if char in _DIGITS:
            if digit is not None:
                return None  # 三五 (three or five), 三零: digits side by side
            if _DIGITS[char] == 0 and len(text) > 1:
                if last_power == 10**4:
                    return None  # 零三
                continue  # 一百零五: the zero holds the place of the tens
            digit = _DIGITS[char]
        else:
            power = _POWERS[char]
            if power >= last_power:
                return None  # 十百, 百百
            total += (1 if digit is None else digit) * power
            digit, last_power = None, power
    return total + (digit or 0)


# 1100余篇, 300多件, 约50人, 近百: a figure the documents round, not a count to add up
_APPROXIMATE = re.compile("余|多|约|近|左右|以上|上下")
# A day and month with no year (3月5日, 3/5): the year is not guessed
# What forms write in a cell that does not apply (/, —, ——, -, ＼): no value of a typed field
# A free text of only one of these says "nothing to fill here" (as / does), not what to publish.
_TEXT_NONE_WORDS = {"无", "暂无", "没有", "不适用", "无此项"}
_PLACEHOLDER = re.compile(r"[/／\\＼\-－—–―_＿~～·•]+")
_NO_YEAR = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# A month where a day belongs: 2026-11, 2026/11, 2026.11, 2026年11月, 2026年11月份
_NO_DAY = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月份?)?")
# A date or month whose year is not four digits: 26-3-5, 26年3月5日, 260305, 3/5/26 (the year last,
# as an English Excel's short date), 26-03, and 0026-03-05 (a program's year 26). Excel
# reads a two-digit year 30-99 as 1930-1999, a program as the year 26 itself: refused,
# never guessed.
_SHORT_YEAR = re.compile(r"(?:0\d{3}|\d{2})\s*[-/.年]\s*\d{1,2}\s*(?:[-/.月]\s*\d{1,2}\s*[日号]?|月)?"
                         r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*(?:\d{2}|0\d{3})"
                         r"|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")  # 260305
# Spaces between two Han characters of a person's name: layout, not the name (linear:
# only the first space of a run follows a Han character).
_HAN_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NAME_PADDING = re.compile(f"(?<=[{_HAN_CHAR}])\\s+(?=[{_HAN_CHAR}])")
_MISSING = object()
REOPENED = "重新打开"
REPORTS_ITEM = "工作月报"
_TAXONOMY_COLLECTIONS = {
    "unit_kinds": "unit_kinds", "measures": "measures", "case_sources": "case_sources",
    "inspection_methods": "inspection_methods", "total_measures": "total_measures",
    "public_ways": "public_ways",
}


def _blank(value) -> bool:
    """Whether a written value holds nothing: empty text, or a list or mapping of such."""
    if value is None or isinstance(value, str):
        return not (value or "").strip()
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return False


class _Typer:
    """Types values by their schema field; knows every id a reference may point at."""

    def __init__(self, report: Report, tz: zoneinfo.ZoneInfo) -> None:
        self.report = report
        self.tz = tz
        self.refs: dict[str, dict[str, str]] = {}
        self.dates: dict[str, dt.date] = {}  # one object per date written, not per cell
        self.scanner: privacy.Scanner | None = privacy.Scanner()
        self.scanner_key = ""  # what the scanner allows (the official contacts), as text
        # Collections with a record that could not be read or has no valid id: a
        # reference that does not resolve into them is a consequence, not a new problem.
        self.incomplete: set[str] = set()
        self._labels: dict[int, tuple] = {}  # id(schema fields) -> (fields, {label: name})
        self._unit_from: dict[int, tuple] = {}  # id(schema fields) -> counts named by another
        self._typers: dict[str, object] = {}  # field type -> its method, looked up once
        self._zeros: dict[str, tuple[int, dict[str, str]]] = {}  # see _zero_twin
        self.aliases: dict[str, set[str]] = {}  # collection -> a taxonomy's aliases
        self._parts: dict[str, tuple[int, dict[str, list[str]]]] = {}  # see _ambiguous
        # (id(field), value as written) -> its typed value, for short values typed without
        # a problem: a ledger repeats its units, dates, statuses and leaders on every row.
        # Emptied for every record type (the scanner, time zone and taxonomy change).
        self.memo: dict[tuple[int, str], object] = {}
        self.typing = ""  # the collection whose records are being typed
        self.date1904 = False  # the record being typed is from a 1904-system workbook
        # While a file is typed for the cache (`_type_file`): the ids it registers and
        # adds, so that a later run can take its records from the cache and do the same.
        self.registered: list[tuple] | None = None
        self.added: list[tuple[str, Rec]] | None = None
        # Records of the type being typed whose file is not named after their id, and the
        # repeated-id problem of each such record, said when every file is read.
        self.misnamed: list[Rec] = []
        # (id(field), value) -> [where first, field, later lines]: a value refused (a name
        # not found, a status not allowed), in the file being typed (`said_once`)
        self.unknown_refs: dict[tuple[int, str], list] = {}
        # id(required field) -> [first line, field, later lines]: rows of the table being
        # typed that leave it empty (`said_once`)
        self.missing_rows: dict[int, list] = {}
        self.repeated: dict[int, Problem] = {}
        # rows of the table being typed read with their missing last cells empty
        self.padded: list[Location] = []
        # keys of the office's own bookkeeping in the YAML file being typed (备注: a field
        # of no record), with where they are: not read, said once (`said_once`)
        self.own_keys: list[tuple[Location, str]] = []

    # -- mappings -------------------------------------------------------------

    def record(self, fields: dict[str, Field], raw: YMap, where: Location, rtype: str = "") -> Rec:
        out = Rec(where, rtype)
        known = self._labels.get(id(fields))
        if known is None:  # one per schema mapping (kept alive here), not one per record
            known = self._labels[id(fields)] = (fields, {f.label: f.name for f in
                                                         fields.values() if f.label})
        by_label = known[1]
        seen: dict[str, int] = {}
        lines = raw.lines
        for key, value in raw.items():
            name = key if key in fields else by_label.get(key)
            line = lines.get(key)
            at = where if line is None or line == where.line else Location(where.path, line)
            if name is None and load.own_name(key):
                self.own_keys.append((at, key))  # 备注: the office's, said once a file
                continue
            if name is None:
                choices = list(fields) + list(by_label)
                self.report.add(problem("unknown-field", at, field=key,
                                        hint=suggestion(key, choices)))
                continue
            if name in seen:
                self.report.add(problem("yaml-duplicate-key", at, field=key, first=seen[name]))
                continue
            seen[name] = at.line
            if at.line != where.line:  # a table row keeps one line for all its fields
                out.set_line(name, at.line)
            if fields[name].type == "map" and not fields[name].required \
                    and not fields[name].control and _blank(value):
                # an optional group left empty, as the web editor saves one it shows
                # (listing: {rows: []}): not written, not a group lacking its fields (a
                # withdrawal left empty is still said: it decides what is published)
                continue
            if fields[name].control and (value is None or isinstance(value, str)
                                         and not value.strip()):
                self.report.add(problem("control-field-empty", at, field=fields[name].label))
                out.rejected = out.rejected | {name}
                continue
            typed = self.value(fields[name], value, at)
            if typed is not _MISSING:
                out[name] = typed
                if isinstance(value, load.YStr) and value.literal \
                        and fields[name].type == "longtext":
                    # each line of a literal block is a line of the file: rules that read
                    # the typed text later (names) point at the very line (_line_in)
                    lead = value[: len(value) - len(value.lstrip())].count("\n")
                    out.set_line(name + _BLOCK, value.first + lead)
            elif not (isinstance(value, str) and not value.strip()):
                out.rejected = out.rejected | {name}
        unit_from = self._unit_from.get(id(fields))
        if unit_from is None:
            unit_from = self._unit_from[id(fields)] = tuple(
                f for f in fields.values() if f.unit_from)
        for f in unit_from:
            if f.name in out:
                self._unit_agrees(f, fields[f.unit_from], raw, out, where)
        for f in fields.values():
            if f.name in out:
                continue
            if f.default is not None:
                out[f.name] = self.value(f, f.default, where)
            elif f.required:
                # A value that was written but rejected has its own problem already.
                if f.name not in out.rejected and not self._missing_again(f, where):
                    self.report.add(problem("missing-field", out.at(f.name), field=f.name,
                                            label=f.label))
            elif f.type == "list":
                out[f.name] = []
            else:
                out[f.name] = None
        return out

    def _unit_agrees(self, f: Field, named_by: Field, raw: YMap, out: Rec,
                     where: Location) -> None:
        """A count's measure word against what its record names it a count of: 7件 for
        统计口径 追责问责人数 (a count of people) is refused, 3人 there is read."""
        written = next((v for k, v in raw.items() if k in {f.name, f.label, *f.aliases}),
                       None)
        what = out.get(named_by.name)
        if not isinstance(written, str) or not what:
            return
        text = unicodedata.normalize("NFKC", load.clean_cell(written)).lstrip("'\u2019\u2018 ")
        counted = _COUNTED.fullmatch(text)
        if not counted:
            return
        if named_by.type == "ref":  # the entry's id, name and other words
            known = self.refs.get(named_by.to, {})
            name = " ".join(k for k, v in known.items() if v == what)
        else:
            name = str(what)
        units = _units_named(name)
        if units and counted.group(2) not in units:
            at = out.at(f.name)
            self.report.add(problem("count-unit-mismatch", at, field=_shown(f),
                                    value=written.strip()[:40], word=counted.group(2),
                                    units="、".join(units),
                                    number=counted.group(1).replace(",", "")))
            del out[f.name]
            out.rejected = out.rejected | {f.name}

    # -- values ---------------------------------------------------------------

    def value(self, f: Field, raw, at: Location):
        if raw == "":  # an empty cell: most of a wide sheet
            return _MISSING
        if f.type == "map":
            if isinstance(raw, str) and not raw.strip():
                return _MISSING
            if not isinstance(raw, YMap):
                self.report.add(problem("wrong-shape", at, field=_shown(f),
                                        expected=_shape("mapping"),
                                        actual=load._shape_name(raw)))
                return _MISSING
            return self.record(f.fields, raw, Location(at.path, raw.line))
        if f.type == "list":
            return self.items(f, raw, at)
        if not isinstance(raw, str):
            self.report.add(problem("wrong-shape", at, field=_shown(f), expected=term("one_value"),
                                    actual=load._shape_name(raw)))
            return _MISSING
        known = self.memo.get((id(f), raw))
        if known is not None:
            return known
        before = len(self.report.problems)
        typed = self._scalar(f, raw, at)
        if typed is not _MISSING and len(raw) <= 64 and len(self.report.problems) == before \
                and not (f.type == "ref" and f.to == self.typing):  # its ids still grow
            self.memo[(id(f), raw)] = typed
        return typed

    def _scalar(self, f: Field, raw: str, at: Location):
        text = load.clean_cell(raw) if f.type != "longtext" else raw.strip()
        if text[:1] in _APOSTROPHES and text[-1:] not in _APOSTROPHES and (
                f.code or f.type not in ("text", "longtext")):
            # '7, '0301, '2026-03-05: the apostrophe a clerk types in Excel to keep a value
            # as text, which Excel itself shows and saves without (a workbook stores it as
            # a style), but which WPS, hand-made and exported CSV keep; a Chinese input
            # method types it curly (’7 ‘7). In a number, date, code or option it is never
            # part of the value; a text keeps it as typed (an apostrophe there may be the
            # writer's own, and what is read is what is shown), unless it holds a code.
            text = text[1:].lstrip(" \u3000")
        if not text:
            return _MISSING
        if "\n" in text and f.type not in ("text", "longtext"):
            # a cell wrapped with Alt+Enter (限期⏎整改, 县自然⏎资源局): one value to read
            text = _WRAPPED.sub("", text)
        damaged = load.excel_artefact(text)
        if damaged:
            self.report.add(problem(damaged, at, field=_shown(f), value=text))
            return _MISSING
        if f.type != "int" and len(text) <= 8 and (_PLACEHOLDER.fullmatch(text) or (
                f.type in ("text", "longtext") and not f.none_answer and
                text.rstrip("。.") in _TEXT_NONE_WORDS)):
            # (a count says 0 or empty: count-none-word)
            # 销号日期 / on every open item: one problem and the rows that repeat it
            if not self._said(f, text, at):
                self.report.add(problem("value-placeholder", at, field=_shown(f), value=text,
                                        kind=messages()["types"].get(f.type, f.type)))
            return _MISSING
        if f.type in ("text", "longtext"):
            return self._text(f, text, at, raw)
        typer = self._typers.get(f.type)
        if typer is None:
            typer = self._typers[f.type] = getattr(self, "_" + f.type)
        return typer(f, text, at)

    def items(self, f: Field, raw, at: Location):
        item = f.item
        if isinstance(raw, str):
            if not raw.strip():
                return _MISSING
            if not item.is_scalar:
                self.report.add(problem("wrong-shape", at, field=_shown(f), expected=_shape("list"),
                                        actual=_shape("text")))
                return _MISSING
            parts = [p for p in _LIST_SEPARATORS.split(raw.strip()) if p]
            lines = [at.line] * len(parts)
        elif isinstance(raw, YList):
            parts, lines = list(raw), raw.lines
            if item.type in ("ref", "enum"):  # [A3，B2] is read as A3、B2 written bare is
                parts, lines = _split_items(parts, lines)
        else:
            self.report.add(problem("wrong-shape", at, field=_shown(f), expected=_shape("list"),
                                    actual=_shape("mapping")))
            return _MISSING
        out = []
        for part, line in zip(parts, lines, strict=True):
            typed = self.value(item, part, Location(at.path, line))
            if typed is not _MISSING:
                out.append(typed)
        if f.required and not out and not any(isinstance(p, str) and p.strip() for p in parts):
            # `phases: []` or a list of empty items: written, but nothing in it
            self.report.add(problem("empty-list", at, field=_shown(f)))
            return _MISSING
        return out

    def _text(self, f: Field, text: str, at: Location, raw=None):
        if f.person_name:  # 张　三 padded to line up with three-character names is 张三
            text = _NAME_PADDING.sub("", text)
        if f.pattern and not re.fullmatch(f.pattern, text):
            self.report.add(problem("bad-format", at, field=_shown(f), value=text[:80],
                                    form=f.form))
            return _MISSING
        if self.scanner:  # a field named for a phone says its digits are one (手机 1381 234 5678)
            self.report.extend(_value_lines(self.scanner.problems(
                text, _shown(f), at, context=_context(f)), raw, at))
        # Ledgers repeat short values (牵头领导, 责任人) on every row: keep one copy.
        return sys.intern(text) if len(text) <= 24 else text

    _longtext = _text

    def _id(self, f: Field, text: str, at: Location):
        value = unicodedata.normalize("NFKC", text)
        if self.scanner:  # an id is published in addresses and file names
            self.report.extend(self.scanner.problems(text, _shown(f), at))
        if not _ID.fullmatch(value):
            self.report.add(problem("bad-id", at, field=_shown(f), value=text))
            return _MISSING
        if windows_device(value):  # (kept as the id: what refers to it still finds it)
            self.report.add(problem("windows-device-name", at, field=_shown(f), value=text,
                                    name=windows_device(value)))
        return value

    def _int(self, f: Field, text: str, at: Location):
        value = unicodedata.normalize("NFKC", text)
        counted = _COUNTED.fullmatch(value)
        if counted:
            value, word = counted.group(1), counted.group(2)
            if not f.unit_from and word not in f.units:
                # 7人 in 发现问题数: the clerk named a unit this column does not count in
                # (a figure from another column?): never read as if it were
                self.report.add(problem(
                    "count-unit-mismatch" if f.units else "count-unit-none", at,
                    field=_shown(f), value=text[:40], word=word, units="、".join(f.units),
                    number=value.replace(",", "")))
                return _MISSING
        if _DIGIT_GROUPS.fullmatch(value):  # 1,234 (1，234 once normalised): one number
            value = value.replace(",", "")
        elif _MISGROUPED.fullmatch(value):
            # 1,23 or 1 234: a comma not every three digits (a decimal comma? two numbers?)
            # or spaces between digits: never read as the digits run together
            self.report.add(problem("count-digit-groups", at, field=_shown(f),
                                    value=text[:40], number=re.sub("[, ]", "", value)))
            return _MISSING
        whole = _WHOLE_DECIMAL.fullmatch(value)
        if whole:  # 3.0: a count written by a program that read the column as numbers
            value = whole[1]
        if not re.fullmatch(r"[-+]?[0-9]+", value):
            if value in _NONE_WORDS or _chinese_number(value) is not None:
                # 无 (zero, or not counted?) and 三 (3): what to write is said, once a file
                if not self._said(f, text, at):
                    number = _chinese_number(value)
                    self.report.add(
                        problem("count-none-word", at, field=_shown(f), value=text[:40])
                        if number is None else
                        problem("count-chinese-numeral", at, field=_shown(f), value=text[:40],
                                number=number))
                return _MISSING
            approximate = _APPROXIMATE.search(value) and re.search("[0-9]", value)
            scaled = None if approximate else _SCALED.fullmatch(value)
            if scaled:
                # 1.2万: the exact count it stands for is said, never read (a figure
                # rounded to 万 is not a count made item by item)
                number = decimal.Decimal(scaled[1]) * _SCALE[scaled[2]]
                self.report.add(problem(
                    "count-scaled", at, field=_shown(f), value=text[:40], unit=scaled[2],
                    number=str(int(number)) if number == number.to_integral_value()
                    else term("an_integer")))
            elif _PERCENT.fullmatch(value):
                self.report.add(problem("count-percent", at, field=_shown(f), value=text[:40]))
            else:
                self.report.add(problem("approximate-count" if approximate else "bad-integer",
                                        at, field=_shown(f), value=text[:40]))
            return _MISSING
        digits = value.lstrip("+-").lstrip("0") or "0"
        low, high = f.min, f.max if f.max is not None else 10**9
        # Compare by length first: int() of a million digits is refused by Python itself.
        number = int(value) if len(digits) <= 12 else (-1 if value[0] == "-" else 1) * 10**13
        if (low is not None and number < low) or number > high:
            said = messages()["ranges"]
            allowed = said["between"].format(low=low, high=high) if low is not None \
                else said["at_most"].format(high=high)
            # the field's help says what the numbers mean (1＝星期一，7＝星期日)
            self.report.add(problem("out-of-range", at, field=_shown(f), value=text[:40],
                                    allowed=allowed, help=f.help))
            return _MISSING
        return number

    def _bool(self, f: Field, text: str, at: Location):
        value = unicodedata.normalize("NFKC", text).casefold().translate(_VARIATION).strip()
        if value in f.unclear:
            # 0 in 零报告: "nothing to report" (是) or "not a zero report" (否)?
            if not self._said(f, text, at):
                self.report.add(problem("bad-enum-unclear", at, field=_shown(f), value=text,
                                        say=f.unclear_say))
            return _MISSING
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if self._said(f, text, at):
            return _MISSING
        code = "bad-bool-word" if value in _BOOL_WORDS else \
            "bad-bool-empty-box" if value in _EMPTY_BOXES else \
            "bad-bool-mark" if value in _MARKS else "bad-bool"
        self.report.add(problem(code, at, field=_shown(f), value=text))
        return _MISSING

    def _enum(self, f: Field, text: str, at: Location):
        if text in f.values:
            return f.values[f.values.index(text)]  # the schema's own string, shared
        if text in f.same:  # the campaign documents' word for it: 限时整改 is 限期整改
            return f.same[text]
        if self._said(f, text, at):
            return _MISSING
        if text in f.unclear:  # 已整改: closed (已销号) or waiting for it (整改中)?
            self.report.add(problem("bad-enum-unclear", at, field=_shown(f), value=text,
                                    say=f.unclear_say))
            return _MISSING
        self.report.add(problem("bad-enum", at, field=_shown(f), value=text,
                                allowed="、".join(f.values), hint=suggestion(text, f.values)))
        return _MISSING

    def _ref(self, f: Field, text: str, at: Location):
        known = self.refs.get(f.to, {})
        key = unicodedata.normalize("NFKC", text)
        for candidate in (text, key):
            if candidate in known:
                choices = self._ambiguous(f.to, known).get(candidate) \
                    if candidate in self.aliases.get(f.to, ()) else None
                if not choices:
                    return known[candidate]
                if not self._said(f, text, at):
                    self.report.add(problem("reference-ambiguous", at, field=_shown(f),
                                            value=text, choices="、".join(choices)))
                return _MISSING
        if f.to in self.incomplete:
            return _MISSING
        if self._said(f, text, at):
            return _MISSING
        choices = self._containing(known, key)
        if len(choices) > 1:  # 开除: 开除党籍 or 开除公职?
            self.report.add(problem("reference-ambiguous", at, field=_shown(f), value=text,
                                    choices="、".join(choices)))
            return _MISSING
        target = collection_labels().get(f.to, f.to)
        twin = self._zero_twin(f.to, known, text)
        if twin is not None:  # 7 for 007: a sheet saved by Excel, which reads ids as numbers
            hint = messages()["reference_zeros"].format(value=text, other=twin)
        else:
            # nothing near: for a unit, the likeliest cause is a row deleted from the names
            # table when the unit was abolished (it keeps its row, with its 撤销日期)
            hint = suggestion(text, list(known))
            cause = messages()["reference_hints"].get(f.to)
            if cause:
                hint += ("" if hint else "；") + cause.format(value=text)
        self.report.add(problem("unknown-reference", at, field=_shown(f), value=text, target=target,
                                hint=hint))
        return _MISSING

    def _ambiguous(self, collection: str, known: dict[str, str]) -> dict[str, list[str]]:
        """The aliases of a small collection (a taxonomy's) that are a part of another
        entry's name or alias, with the names of all the entries they are part of: 警告,
        the 纪律处分条例's word for 党内警告, is also the 政务处分法's for 政务警告, so a record
        saying 警告 does not say which (the site would print and count one for it). Made
        once for each size of the collection; none for one of more than _PART_SEARCH
        forms (a city's units)."""
        size, found = self._parts.get(collection, (-1, {}))
        if size != len(known):
            found = {}
            if len(known) <= _PART_SEARCH:
                for alias in self.aliases.get(collection, ()):
                    choices = self._containing(known, alias)
                    if len(choices) > 1:
                        found[alias] = choices
            self._parts[collection] = (len(known), found)
        return found

    @staticmethod
    def _containing(known: dict[str, str], text: str) -> list[str]:
        """The names of the entries of a small collection that are written with `text` as
        a part of a name or an alias (开除 in 开除党籍 and 开除公职), each once, in the
        collection's order; none when it holds more than _PART_SEARCH forms or `text` is
        one character."""
        if len(text) < 2 or len(known) > _PART_SEARCH:
            return []
        names: dict[str, str] = {}
        for form, entry in known.items():
            if form != entry:
                names.setdefault(entry, form)  # the first registered after the id: its name
        return list(dict.fromkeys(names.get(entry, entry) for form, entry in known.items()
                                  if text in form))

    def _zero_twin(self, collection: str, known: dict[str, str], text: str) -> str | None:
        """The id of `collection` written with other leading zeros than `text` (007 and 7),
        or None: ids of digits lose their zeros in any sheet Excel opens and saves. Each
        collection's ids are indexed once (every reference of a table can miss at once)."""
        if not (text.isascii() and text.isdigit()):
            return None
        size, index = self._zeros.get(collection, (-1, {}))
        if size != len(known):
            index = {}
            for key in known.values():
                if key.isascii() and key.isdigit():
                    index.setdefault(key.lstrip("0"), key)
            self._zeros[collection] = (len(known), index)
        twin = index.get(text.lstrip("0"))
        return twin if twin != text else None

    def _said(self, f: Field, text: str, at: Location) -> bool:
        """Whether this wrong value of this field was said before in the file being
        typed (then its line is kept for `said_once`)."""
        again = self.unknown_refs.get((id(f), text))
        if again is not None:
            again[2].append(at.line)
            return True
        self.unknown_refs[(id(f), text)] = [at, _shown(f), []]
        return False

    def _missing_again(self, f: Field, where: Location) -> bool:
        """Whether this required column was empty on an earlier row of the table being
        typed (then this row is kept for `said_once`): a column left empty down many rows,
        as a unit name merged over them in Excel is when saved as CSV, is one mistake."""
        if not where.path.lower().endswith((".csv", ".xlsx")):
            return False
        first = self.missing_rows.get(id(f))
        if first is None:
            self.missing_rows[id(f)] = [where, f, []]
            return False
        first[2].append(where.line)
        return True

    def short_row(self, raw: RawRecord, start: int, rec: Rec) -> bool:
        """A CSV row with fewer cells than its header, read with its last cells empty
        (Excel leaves them out): kept when every value fits its column, said once a file
        (`said_once`). A value that does not fit (a date under 整改状态) means cells are
        missing inside the row and the values after them are shifted: the row is refused
        as short, and what its shifted values caused is not said as well. True when the
        row is refused: it is then no record (its id registers nothing)."""
        found = self.report.problems[start:]
        # (a value refused on an earlier row too is said there: the row only rejects it)
        if not rec.rejected and not any(p.is_error for p in found):
            self.padded.append(raw.where)
            return False
        # personal data is said wherever it stands: the row is read again once mended
        personal = set(privacy.CODES.values())
        self.report.problems[start:] = [p for p in found if p.code in personal]
        line = raw.where.line
        for table in (self.unknown_refs, self.missing_rows):
            for key, entry in list(table.items()):
                if entry[0].line == line:
                    del table[key]  # first written on this row: said by no one yet
                elif line in entry[2]:
                    entry[2].remove(line)
        self.report.add(problem("csv-short-row", raw.where, count=raw.short[0],
                                expected=raw.short[1]))
        return True

    def said_once(self) -> None:
        """At the end of a file: a value refused written again on other rows (东城镇人民政府
        or 整改完成 on every row of a unit's ledger) is one more problem listing those
        rows, not one per row."""
        for (_to, text), (at, field_name, lines) in self.unknown_refs.items():
            if lines:
                self.report.add(problem(
                    "value-again", Location(at.path, lines[0]), field=field_name,
                    value=text, first=at.line, count=len(lines),
                    lines="、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")))
        self.unknown_refs.clear()
        for first, f, lines in self.missing_rows.values():
            if lines:
                self.report.add(problem(
                    "missing-again", Location(first.path, lines[0]), field=f.name,
                    label=f.label, first=first.line, count=len(lines),
                    lines="、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")))
        self.missing_rows.clear()
        if self.padded:
            lines = [at.line for at in self.padded]
            self.report.add(problem(
                "csv-short-rows-read", self.padded[0], count=len(lines),
                lines="、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")))
        self.padded.clear()
        if self.own_keys:
            names = list(dict.fromkeys(key for _at, key in self.own_keys))
            self.report.add(problem(
                "record-own-fields", self.own_keys[0][0], count=len(self.own_keys),
                fields="、".join(f"“{name}”" for name in names[:6]),
                lines="、".join(str(at.line) for at, _key in self.own_keys[:8])
                + ("…" if len(self.own_keys) > 8 else "")))
            self.own_keys.clear()

    def _url(self, f: Field, text: str, at: Location):
        if re.fullmatch(r"(https?://[^\s/\\]+|/(?![/\\]))[^\s<>\"'`\\]*", text, re.I):
            if sanitize.posing_host(text):
                self.report.add(problem("url-with-credentials", at, field=_shown(f), value=text,
                                        host=sanitize.posing_host(text)))
                return _MISSING
            if sanitize.mixed_script_host(text):
                self.report.add(problem("url-mixed-scripts", at, field=_shown(f), value=text,
                                        host=sanitize.mixed_script_host(text)))
                return _MISSING
            return text
        self.report.add(problem("bad-url", at, field=_shown(f), value=text))
        return _MISSING

    def _date(self, f: Field, text: str, at: Location):
        known = self.dates.get(text)
        if known is not None:
            return known
        # 2026年3月5日。 2026.3.5.: a date copied with the full stop of its sentence
        value = unicodedata.normalize("NFKC", text)[:40].rstrip("。.")
        weekday = _WEEKDAY.search(value)
        if weekday and weekday.end() == len(value) and weekday.start() > 0:
            value = value[:weekday.start()]
        else:
            weekday = None
        no_year = _NO_YEAR.fullmatch(value)
        if _SHORT_YEAR.fullmatch(value) and not (no_year and 1 <= int(no_year[1]) <= 12):
            self.report.add(problem("date-short-year", at, field=_shown(f), value=text))
            return _MISSING
        ymd = _date_parts(value)
        if ymd:
            year, month, day = ymd
            try:
                date = dt.date(year, month, day)
            except ValueError:
                why = _impossible_date_reason(year, month, day)
                self.report.add(problem("bad-date", at, field=_shown(f), value=text, why=why))
                return _MISSING
            written = weekday and _WEEKDAYS.index(weekday[1].replace("天", "日"))
            if weekday and written != date.weekday():
                self.report.add(problem("date-weekday-mismatch", at, field=_shown(f),
                                        value=text, date=date.isoformat(),
                                        actual=_WEEKDAYS[date.weekday()],
                                        written=weekday[1]))
                return _MISSING
            self.dates[text] = date
            return date
        year_last = _YEAR_LAST.fullmatch(value)
        if year_last:
            first, second, year = map(int, year_last.groups())
            meant = [f"{year:04d}-{m:02d}-{d:02d}" for m, d in ((first, second), (second, first))
                     if 1 <= m <= 12 and 1 <= d <= 31]
            self.report.add(problem("date-year-last", at, field=_shown(f), value=text,
                                    meant=term("or").join(dict.fromkeys(meant))
                                    or term("cannot_tell")))
            return _MISSING
        serial = _SERIAL.fullmatch(value)
        if serial and 20000 <= int(serial[1]) <= 80000:
            # Excel's number for a date (46023, or 46023.0 once a program read the cell as
            # a number): refused, never read, since a workbook in Excel's 1904 system
            # (old Mac files) gives the same number to a date four years later; the
            # message names the date it is in the usual 1900 system, to check and write,
            # or in the 1904 system of the workbook it was read from, which says so.
            epoch = _MAC_EPOCH if self.date1904 else _EXCEL_EPOCH
            meant = (epoch + dt.timedelta(days=int(serial[1]))).isoformat()
            code = "excel-serial-date" if at.path.lower().endswith((".csv", ".xlsx")) \
                else "serial-date-in-text"  # a YAML or Markdown value copied from a sheet
            self.report.add(problem(code, at, field=_shown(f), value=text, date=meant,
                                    system=load.messages_section("mojibake")[
                                        "serial_1904" if self.date1904 else "serial_1900"]))
            return _MISSING
        moment = _DATETIME.fullmatch(value)
        if moment:  # 2026/3/18 9:30: a date cell formatted (or typed) with its time
            day = "{:04d}-{:02d}-{:02d}".format(*map(int, moment.groups()[:3]))
            self.report.add(problem("date-with-time", at, field=_shown(f), value=text,
                                    date=day, time=f"{int(moment[4])}:{moment[5]}"))
        elif _TIME.fullmatch(value):  # 15:30: a time of day where a date belongs
            self.report.add(problem("time-not-date", at, field=_shown(f), value=text))
        elif _NO_YEAR.fullmatch(value) and 1 <= int(_NO_YEAR.fullmatch(value)[1]) <= 12:
            self.report.add(problem("date-no-year", at, field=_shown(f), value=text))
        elif _NO_DAY.fullmatch(value) and 1 <= int(_NO_DAY.fullmatch(value)[2]) <= 12:
            # a month (the period a report is for?) where the day it happened belongs:
            # the day is not guessed
            month = _NO_DAY.fullmatch(value)
            self.report.add(problem("date-no-day", at, field=_shown(f), value=text,
                                    month=f"{int(month[1]):04d}-{int(month[2]):02d}"))
        else:
            self.report.add(problem("bad-date", at, field=_shown(f), value=text, why=""))
        return _MISSING

    def _datetime(self, f: Field, text: str, at: Location):
        """A moment (解禁时间) in the site's time zone (`self.tz`), or said why not. A written
        offset is honoured and the moment kept in the site's zone, so its day and the time
        printed on a scheduled document are the county's. A form with a second reading
        (a date alone: which hour? 下午3点, CST) is refused with what to write."""
        value = unicodedata.normalize("NFKC", text)[:60].strip()
        half = _HALF_DAY.search(value)
        rest = (value[:half.start()] + " " + value[half.end():]).strip() if half else value
        zone_word = _ZONE_WORD.search(rest)
        zone = None
        if zone_word:
            word = (zone_word.group(1) or zone_word.group(2)).upper().replace(" ", "")
            if word == "北京时间" or word.startswith(("UTC+", "GMT+")):
                zone = "+08:00"
            elif word in ("UTC", "GMT"):
                zone = "Z"
            elif _MOMENT.fullmatch((rest[:zone_word.start()] + rest[zone_word.end():]).strip()):
                self.report.add(problem("datetime-zone-name", at, field=_shown(f), value=text,
                                        zone=zone_word.group().strip(" ()")))
                return _MISSING
            if zone is not None:
                rest = (rest[:zone_word.start()] + rest[zone_word.end():]).strip()
        match = _MOMENT.fullmatch(rest)
        if match and zone and match.group(10):
            match = None  # an offset written twice
        if not match:
            if _date_parts(rest) or _DATE.fullmatch(rest):
                self.report.add(problem("datetime-no-time", at, field=_shown(f), value=text))
            else:
                self.report.add(problem("bad-datetime", at, field=_shown(f), value=text))
            return _MISSING
        year, month, day, hour = map(int, match.groups()[:4])
        if year < 1000:  # 0026-03-05 09:30: a program's year 26
            self.report.add(problem("date-short-year", at, field=_shown(f), value=text))
            return _MISSING
        minute = int(match.group(5) or match.group(7) or match.group(9) or 0)
        second = int(match.group(6) or match.group(8) or 0)
        zone = zone or match.group(10)
        try:
            if half:
                afternoon = half.group().upper() in _AFTERNOON
                if not 1 <= hour <= 12 or (half.group() == "中午" and hour not in (11, 12, 1)):
                    raise ValueError(hour)
                hour = (hour % 12 + 12 if afternoon or (half.group() == "中午" and hour == 1)
                        else hour % 12 if half.group() != "中午" else hour)
                meant = dt.datetime(year, month, day, hour, minute, second)
                self.report.add(problem("datetime-twelve-hour", at, field=_shown(f), value=text,
                                        meant=meant.strftime("%Y-%m-%d %H:%M")))
                return _MISSING
            if zone:
                offset = zone.upper().replace(":", "")
                tz = dt.timezone.utc if offset == "Z" else dt.datetime.strptime(
                    offset + ("00" if len(offset) == 3 else ""), "%z").tzinfo
            else:
                tz = self.tz
            return dt.datetime(year, month, day, hour, minute, second,
                               tzinfo=tz).astimezone(self.tz)
        except ValueError:
            self.report.add(problem("bad-datetime", at, field=_shown(f), value=text))
            return _MISSING

    def _period(self, f: Field, text: str, at: Location):
        value = unicodedata.normalize("NFKC", text)[:40]
        if _SHORT_YEAR.fullmatch(value):
            self.report.add(problem("date-short-year", at, field=_shown(f), value=text))
            return _MISSING
        month = self._month(f, value, text, at)
        if month is not None:
            return month
        self.report.add(problem("bad-period", at, field=_shown(f), value=text[:40], week=""))
        return _MISSING

    def _month(self, f: Field, value: str, text: str, at: Location):
        """A month as clerks write one (2026-08, 2026年8月, 2026.4; a date on the 1st, which
        is what Excel makes of 2026-10 typed in a cell), or _MISSING when it was refused
        saying why; None when `value` is no month at all."""
        match = _PERIOD.fullmatch(value)
        if match and 1 <= int(match.group(2)) <= 12:
            return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
        month = self._month_otherwise(f, value, text, at)
        if month is not None:
            return month
        day = _DATE.fullmatch(value)
        if day and int(day.group(3)) == 1 and 1 <= int(day.group(2)) <= 12:
            # Excel turns 2026-10 typed in a cell into the date 2026-10-01: one reading only.
            month = f"{int(day.group(1)):04d}-{int(day.group(2)):02d}"
            self.report.add(problem("period-from-date", at, field=_shown(f), value=text,
                                    month=month))
            return month
        return None

    def _month_otherwise(self, f: Field, value: str, text: str, at: Location):
        """A month written as clerks also write one: 2026.4 (read), 2026.1 (October typed
        as 2026.10 and kept by Excel as the number 2026.1, or January?) and an Excel date
        number (46113) refused, saying what to write. None when `value` is neither."""
        dotted = _DOT_PERIOD.fullmatch(value)
        if dotted and 1 <= int(dotted.group(2)) <= 12:
            year, month = int(dotted.group(1)), dotted.group(2)
            if month == "1":
                self.report.add(problem("period-dot-one", at, field=_shown(f), value=text,
                                        january=f"{year:04d}-01", october=f"{year:04d}-10"))
                return _MISSING
            return f"{year:04d}-{int(month):02d}"
        serial = _SERIAL.fullmatch(value)
        if serial and 20000 <= int(serial[1]) <= 80000:
            epoch = _MAC_EPOCH if self.date1904 else _EXCEL_EPOCH
            meant = (epoch + dt.timedelta(days=int(serial[1]))).strftime("%Y-%m")
            code = "excel-serial-date" if at.path.lower().endswith((".csv", ".xlsx")) \
                else "serial-date-in-text"
            self.report.add(problem(code, at, field=_shown(f), value=text, date=meant,
                                    system=load.messages_section("mojibake")[
                                        "serial_1904" if self.date1904 else "serial_1900"]))
            return _MISSING
        return None

    def _report_period(self, f: Field, text: str, at: Location):
        """A month (2026-08) or an ISO week (2026-W32, 2026年第32周) -> 2026-08 / 2026-W32."""
        value = unicodedata.normalize("NFKC", text)[:40]
        match = _WEEK.fullmatch(value)
        if _SHORT_YEAR.fullmatch(value) or match and int(match.group(1)) < 1000:
            self.report.add(problem("date-short-year", at, field=_shown(f), value=text))
            return _MISSING
        if match:
            year, week = int(match.group(1)), int(match.group(2))
            try:
                dt.date.fromisocalendar(year, week, 1)
                return f"{year:04d}-W{week:02d}"
            except ValueError:
                pass
        else:
            month = self._month(f, value, text, at)
            if month is not None:
                return month
        self.report.add(problem("bad-period", at, field=_shown(f), value=text[:40],
                                week=messages()["ranges"]["week"]))
        return _MISSING

    def _office_phone(self, f: Field, text: str, at: Location):
        """An office's number with its area code (a notice's contact): the one field whose
        number the privacy scan lets through; a mobile is a person's and is refused."""
        kind = privacy.office_phone(text)
        if kind == "landline":
            return normalise.normalise(text).strip()
        self.report.add(problem("contact-phone-mobile" if kind == "mobile"
                                else "contact-phone-invalid", at, field=_shown(f),
                                value=text[:40]))
        return _MISSING

    def _timezone(self, f: Field, text: str, at: Location):
        try:
            zoneinfo.ZoneInfo(text)
            return text
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.report.add(problem("bad-timezone", at, field=_shown(f), value=text))
            return _MISSING

    # -- references -----------------------------------------------------------

    def register(self, collection: str, key: str, names: tuple[str, ...] = ()) -> None:
        if self.registered is not None:
            self.registered.append((collection, key, names))
        known = self.refs.setdefault(collection, {})
        known[key] = key
        for name in names:
            if name:
                known.setdefault(name, key)


# The most forms (ids, names, aliases) of a collection searched for a part of one: a
# taxonomy's and a county's units; a wrong reference into a city's 7,000 units is said
# without the search.
_PART_SEARCH = 1000


def _split_items(parts: list, lines: list[int]) -> tuple[list, list[int]]:
    """The items of a YAML list of references or options, each written item split on the
    separators a bare value is split on: a Chinese comma is not a YAML one."""
    out, at = [], []
    for part, line in zip(parts, lines, strict=True):
        pieces = [p for p in _LIST_SEPARATORS.split(part.strip()) if p] \
            if isinstance(part, str) else []
        pieces = pieces or [part]
        out += pieces
        at += [line] * len(pieces)
    return out, at


def _context(f: Field) -> frozenset[str]:
    """What a field's label or key says its values are (联系电话, phone, QQ号, 银行账号):
    its digits are read as one (`privacy.context_of`)."""
    return _named(f.label or "", f.name or "")


@functools.cache
def _named(label: str, name: str) -> frozenset[str]:
    return privacy.context_of(label) | privacy.context_of(name)


def _value_lines(found: list[Problem], raw, at: Location) -> list[Problem]:
    """Problems inside a value, at the lines the clerk sees: line by line in a YAML
    literal block (`|`), otherwise all at the line the value starts on (a quoted or
    folded YAML value, a multi-line CSV cell: their line breaks are not the file's)."""
    if not found:
        return found
    if isinstance(raw, YStr) and raw.literal:
        lead = raw[: len(raw) - len(raw.lstrip())].count("\n")
        shift = raw.first + lead - at.line
        return [dataclasses.replace(p, line=p.line + shift) for p in found]
    first = raw.first if isinstance(raw, YStr) else at.line
    return [dataclasses.replace(p, line=first) for p in found]


def _shown(f: Field) -> str:
    """How a field is named to staff: its Chinese label, else its name."""
    return f.label or f.name


def _date_parts(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written in one of the forms read (2026-03-05,
    2026/3/5, 2026年3月5日, 20260305, 二〇二六年三月五日), None for any other text."""
    match = _DATE.fullmatch(value) or _COMPACT_DATE.fullmatch(value)
    if match:
        return int(match[1]), int(match[2]), int(match[3])
    match = _CHINESE_DATE.fullmatch(value)
    if match:
        month, day = _chinese_number(match[2]), _chinese_number(match[3])
        if month is not None and day is not None:
            return int("".join(str(_DIGITS[c]) for c in match[1])), month, day
    return None


def _impossible_date_reason(year: int, month: int, day: int) -> str:
    said = messages()["dates"]
    if not 1 <= month <= 12:
        return said["no_month"].format(month=month)
    return said["no_day"].format(year=year, month=month, day=day)


# ---------------------------------------------------------------------------- rules


def _date_order(rec: Rec, earlier: str, later: str, labels: dict[str, str]):
    a, b = rec.get(earlier), rec.get(later)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
        yield problem("date-order", rec.at(later), field=later, later_label=labels[later],
                      later=b.isoformat(), earlier_label=labels[earlier], earlier=a.isoformat())


def _not_in_future(rec: Rec, name: str, label: str, today: dt.date):
    value = rec.get(name)
    if isinstance(value, dt.date) and value > today:
        yield problem("date-in-future", rec.at(name), field=label, value=value.isoformat(),
                      now=today.isoformat())


def _publication_dates(rec: Rec, rtype: RecordType, today: dt.date, field: str, future: str):
    """A case's or a notice's dates: its follow-ups, corrections and withdrawal come
    after its publication; it is not dated after the build unless an embargo holds it
    until then (`future` is the code for that)."""
    published = rec[field]
    label = rtype.fields[field].label
    for name in (n for n in ("followups", "corrections") if n in rtype.fields):
        for entry in rec.get(name) or []:
            if entry.get("date") and entry["date"] < published:
                yield problem("date-order", entry.at("date"), field=name,
                              later_label=rtype.fields[name].label, later=entry["date"].isoformat(),
                              earlier_label=label, earlier=published.isoformat())
    withdrawn = rec.get("withdrawn")
    if withdrawn and withdrawn.get("date") and withdrawn["date"] < published:
        yield problem("date-order", withdrawn.at("date"), field="withdrawn",
                      later_label=rtype.fields["withdrawn"].label,
                      later=withdrawn["date"].isoformat(), earlier_label=label,
                      earlier=published.isoformat())
    embargo = rec.get("embargo")
    scheduled = embargo is not None and embargo.date() >= published
    # an embargo written but refused (its own problem) may have scheduled it: not said twice
    if published > today and not rec.get("draft") and not scheduled \
            and "embargo" not in rec.rejected:
        yield problem(future, rec.at(field), value=published.isoformat(), now=today.isoformat())
    yield from _later_events_not_in_future(rec, rtype, today)


def _later_events_not_in_future(rec: Rec, rtype: RecordType, today: dt.date):
    """A follow-up, a correction or a withdrawal is something that happened: one dated
    after the build would be printed as done before it is (an embargo holds back the
    record, not one event of it)."""
    for name in ("followups", "corrections"):
        for entry in rec.get(name) or []:
            if entry.get("date") and entry["date"] > today:
                yield problem("date-in-future", entry.at("date"),
                              field=rtype.fields[name].label, value=entry["date"].isoformat(),
                              now=today.isoformat())
    if "persons" in rtype.fields:  # a person's handling is something that happened too
        label = rtype.fields["persons"].item.fields["handled_on"].label
        for person in rec.get("persons") or []:
            day = person.get("handled_on")
            if isinstance(day, dt.date) and day > today:
                yield problem("date-in-future", person.at("handled_on"), field=label,
                              value=day.isoformat(), now=today.isoformat())
    withdrawn = rec.get("withdrawn")
    if withdrawn and withdrawn.get("date") and withdrawn["date"] > today:
        yield problem("date-in-future", withdrawn.at("date"),
                      field=rtype.fields["withdrawn"].label,
                      value=withdrawn["date"].isoformat(), now=today.isoformat())


def _labels(rtype: RecordType, *path: str) -> dict[str, str]:
    fields = rtype.fields
    for name in path:
        f = fields[name]
        fields = (f.item or f).fields
    return {name: f.label for name, f in fields.items()}


def _campaign_rules(rec: Rec, rtype: RecordType, today: dt.date):
    labels = _labels(rtype, "phases")
    previous = None
    for phase in rec.get("phases") or []:
        yield from _date_order(phase, "start", "end", labels)
        if phase.get("parallel"):
            continue  # declared to run alongside the others: only the sequence is ordered
        if previous and phase.get("start") and previous.get("end") \
                and phase["start"] <= previous["end"]:
            yield problem("phase-overlap", phase.at("start"), name=phase["name"],
                          start=phase["start"].isoformat(), previous=previous["name"],
                          end=previous["end"].isoformat())
        previous = phase
    names = [p["name"] for p in rec.get("phases") or [] if p.get("name")]
    wanted = rec.get("inspection_phase")
    if wanted and wanted not in names and "phases" not in rec.rejected:
        yield problem("unknown-phase", rec.at("inspection_phase"),
                      field=rtype.fields["inspection_phase"].label,
                      value=wanted, hint=suggestion(wanted, names))
    start, end = rec.get("report_from"), rec.get("report_to")
    if start and end and end < start:
        yield problem("date-order", rec.at("report_to"), field="report_to",
                      later_label=rtype.fields["report_to"].label, later=end,
                      earlier_label=rtype.fields["report_from"].label, earlier=start)


def _case_rules(rec: Rec, rtype: RecordType, today: dt.date):
    # A case's page is the site's, made from the record: titled as a 通报, 决定 or 处分 it
    # would stand in the lists, the feed and the open data as a document the commission
    # issued, without a 文号 (a notice citing the case is that document).
    titled = _LABEL_TITLE.search((rec.get("title") or "").strip())
    if titled and "title" not in rec.rejected:
        yield problem("case-reads-as-official", rec.at("title"), value=rec["title"].strip(),
                      word=titled.group(1))
    if not rec.get("published_on"):
        return
    yield from _publication_dates(rec, rtype, today, "published_on", "case-in-future")
    if rec.get("kind") in UNHANDLED_KINDS:
        for person in rec.get("persons") or []:
            if person.get("measures"):
                yield problem("clarification-measures", person.at("measures"), kind=rec["kind"])
    if rec.get("kind") == TOLERANCE:  # the site's rule names who was exempted, never in full
        for person in rec.get("persons") or []:
            if person.get("display") == "全名" and person.get("name"):
                yield problem("tolerance-full-name", person.at("display"), kind=rec["kind"])
    person_fields = rtype.fields["persons"].item.fields
    for person in rec.get("persons") or []:
        if person.get("name") and person.get("count") is not None:
            yield problem("group-with-name", person.at("count"), count=person["count"],
                          name=person["name"])
        elif not person.get("name") and person.get("count") is None \
                and not person.rejected & {"name", "count"}:
            yield problem("missing-field", person.at("name"), field="name",
                          label=person_fields["name"].label)


def _ledger_rules(rec: Rec, rtype: RecordType, today: dt.date):
    labels = _labels(rtype)
    yield from _date_order(rec, "opened_on", "deadline", labels)
    yield from _date_order(rec, "opened_on", "closed_on", labels)
    yield from _not_in_future(rec, "closed_on", labels["closed_on"], today)
    yield from _not_in_future(rec, "reopened_on", labels["reopened_on"], today)
    status = rec.get("status")
    if status == "已销号" and not rec.get("closed_on") and "closed_on" not in rec.rejected:
        yield problem("closed-without-date", rec.at("status"))
    if rec.get("closed_on") and status not in (None, "已销号", REOPENED):
        yield problem("date-without-closed", rec.at("closed_on"),
                      value=rec["closed_on"].isoformat(), status=status)
    if rec.get("closed_by") and status not in (None, "已销号", REOPENED):
        yield problem("acceptor-without-closed", rec.at("closed_by"), value=rec["closed_by"],
                      status=status)
    if status == REOPENED:
        missing = [labels[n] for n in ("reopened_on", "reopen_reason")
                   if not rec.get(n) and n not in rec.rejected]
        if missing:
            yield problem("reopen-incomplete", rec.at("status"), what=term("and").join(missing))
        # The close date kept from before the reopening comes before it.
        yield from _date_order(rec, "closed_on", "reopened_on", labels)
    elif status == "已销号" and rec.get("reopened_on"):
        # Closed again after a reopening: the new close date follows it.
        yield from _date_order(rec, "reopened_on", "closed_on", labels)
    earlier = sorted(rec.get("earlier_closings") or [])
    first_close = rec.get("closed_on") if status == REOPENED else rec.get("reopened_on")
    if earlier and first_close and earlier[-1] > first_close:
        yield problem("date-order", rec.at("earlier_closings"), field="earlier_closings",
                      later_label=labels["reopened_on" if status != REOPENED else "closed_on"],
                      later=first_close.isoformat(), earlier_label=labels["earlier_closings"],
                      earlier=earlier[-1].isoformat())


def _unit_rules(rec: Rec, rtype: RecordType, today: dt.date):
    yield from _date_order(rec, "active_from", "active_until", _labels(rtype))


def _exemption_rules(rec: Rec, rtype: RecordType, today: dt.date):
    yield from _date_order(rec, "starts_on", "ends_on", _labels(rtype))


DOC_NUMBER = re.compile(r"\S+〔(\d{4})〕[1-9]\d*号")
ATTACHMENT_TYPES = (".pdf", ".docx", ".xlsx", ".doc", ".xls", ".jpg", ".jpeg", ".png")


# The 公文 adds the colon after 主送 and the commas and full stop of 抄送 itself (GB/T 9704
# 7.3.2, 7.4.2): what staff typed at the end of a name would be doubled.
_NAME_END = "：:。.，,；;、 　"


def _notice_names(rec: Rec, labels: dict[str, str]):
    """主送 and 抄送 without the punctuation the document adds, on the web and in Word/PDF."""
    to = rec.get("to")
    if to and to.rstrip(_NAME_END) != to:
        rec["to"] = to.rstrip(_NAME_END) or None
        yield problem("notice-punctuation-removed", rec.at("to"), field=labels["to"], value=to,
                      shown=rec["to"] or "")
    names = rec.get("cc") or []
    if any(isinstance(name, str) and name.rstrip(_NAME_END) != name for name in names):
        rec["cc"] = [name.rstrip(_NAME_END) if isinstance(name, str) else name
                     for name in names]
        rec["cc"] = [name for name in rec["cc"] if name != ""]
        yield problem("notice-punctuation-removed", rec.at("cc"), field=labels["cc"],
                      value="，".join(map(str, names)), shown="，".join(map(str, rec["cc"])))


def _notice_rules(rec: Rec, rtype: RecordType, today: dt.date):
    labels = _labels(rtype)
    yield from _notice_names(rec, labels)
    number = rec.get("doc_number")
    match = DOC_NUMBER.fullmatch(unicodedata.normalize("NFC", number)) if number else None
    if number and not match:
        yield problem("bad-doc-number", rec.at("doc_number"), field=labels["doc_number"],
                      value=number)
    signed = rec.get("signed_on")
    if match and signed and int(match.group(1)) != signed.year:
        yield problem("doc-number-year", rec.at("doc_number"), value=number,
                      year=match.group(1), signed=signed.isoformat())
    yield from _date_order(rec, "signed_on", "date", labels)
    published = rec.get("date")
    if published:
        yield from _publication_dates(rec, rtype, today, "date", "notice-in-future")
        listing = rec.get("listing")
        if listing and listing.get("as_of") and listing["as_of"] > published:
            yield problem("date-order", listing.at("as_of"), field="listing",
                          later_label=labels["date"], later=published.isoformat(),
                          earlier_label=_labels(rtype, "listing")["as_of"],
                          earlier=listing["as_of"].isoformat())
    for attachment in rec.get("attachments") or []:
        name = attachment.get("file") or ""
        if name and not _attachment_name_ok(name):
            yield problem("attachment-bad-path", attachment.at("file"), value=name,
                          allowed="、".join(t[1:] for t in ATTACHMENT_TYPES))
        elif name and windows_device(name):
            yield problem("windows-device-name", attachment.at("file"),
                          field=messages()["attachment_places"]["file"], value=name,
                          name=windows_device(name))


_ATTACHMENT_PART = re.compile(r"[\w（）-][\w.（）-]*")  # no space, quote, bracket or colon


def _attachment_name_ok(name: str) -> bool:
    """A relative path under the attachments folder that is safe inside a link."""
    return (all(_ATTACHMENT_PART.fullmatch(part) for part in name.split("/"))
            and ".." not in name and name.lower().endswith(ATTACHMENT_TYPES))


ATTACHMENT_DIR = "content/notices/files"


def attachment_path(root: Path, name: str) -> Path:
    """Where a notice's attachment lives in the project."""
    return Path(root) / ATTACHMENT_DIR / name


def _warning_rules(rec: Rec, rtype: RecordType, today: dt.date):
    if rec.get("level") is None and rec.get("points") is None \
            and not rec.rejected & {"level", "points"}:
        yield problem("warning-empty", rec.where)
    yield from _not_in_future(rec, "date", rtype.fields["date"].label, today)


def _submission_rules(rec: Rec, rtype: RecordType, today: dt.date):
    yield from _not_in_future(rec, "submitted_on", rtype.fields["submitted_on"].label, today)


_report_rules = _submission_rules


def _inspection_rules(rec: Rec, rtype: RecordType, today: dt.date):
    yield from _not_in_future(rec, "date", rtype.fields["date"].label, today)
    if not rec.get("body") and not rec.get("by_unit") and not rec.rejected & {"body", "by_unit"}:
        yield problem("inspection-no-body", rec.where)


def _clue_rules(rec: Rec, rtype: RecordType, today: dt.date):
    labels = _labels(rtype)
    yield from _date_order(rec, "received_on", "deadline", labels)
    yield from _date_order(rec, "received_on", "supervision_letter", labels)
    yield from _not_in_future(rec, "received_on", labels["received_on"], today)
    if rec.get("status") == "移送" and not rec.get("transferred_to") \
            and "transferred_to" not in rec.rejected:
        yield problem("clue-transfer-without-body", rec.at("status"))


def _dated_rules(rec: Rec, rtype: RecordType, today: dt.date):
    yield from _not_in_future(rec, "date", rtype.fields["date"].label, today)


# A phone number as it can be dialled: digits, an optional + country code and dashes
# or spaces between groups (0000-1234567, 12388, +86 10 12345678).
_PHONE = re.compile(r"\+?[0-9]+(?:[ -][0-9]+)*", re.ASCII)
# A bare address: nothing a mail program would read as more recipients or headers.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII)


def channel_number(value: str) -> str | None:
    """The digits to dial for a phone channel's value (full-width digits read as
    digits), or None when the value holds anything besides a number."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not _PHONE.fullmatch(value):
        return None
    digits = value.replace("-", "").replace(" ", "")
    return digits if 3 <= len(digits.lstrip("+")) <= 20 else None


def channel_email(value: str) -> bool:
    """Whether an e-mail channel's value is one bare address."""
    return bool(_EMAIL.fullmatch(value.strip()))


def _channel_rules(rec: Rec, rtype: RecordType, today: dt.date):
    """A phone channel is a number to dial and an e-mail channel one address: the site
    makes a tel:/mailto: link of each, on every page."""
    for channel in rec.get("channels") or []:
        value = channel.get("value")
        if not value:
            continue
        if channel.get("kind") == "电话" and channel_number(value) is None:
            yield problem("channel-phone-not-dialable", channel.at("value"), value=value)
        elif channel.get("kind") == "邮箱" and not channel_email(value):
            yield problem("channel-email-not-bare", channel.at("value"), value=value)
        elif channel.get("kind") == privacy.ACCOUNT_CHANNEL \
                and len(privacy.account_numbers(str(value))) != 1:
            # the one number the site then allows: none would allow nothing the clerk
            # meant, two would allow a number no one listed as the unit's
            yield problem("channel-account-not-one", channel.at("value"),
                          count=len(privacy.account_numbers(str(value))))
        elif re.match(r"https?:", value, re.I) and sanitize.posing_host(value):
            # the footer of every page links it, as written
            yield problem("url-with-credentials", channel.at("value"),
                          field=term("number_or_address"),
                          value=value, host=sanitize.posing_host(value))
        elif re.match(r"https?:", value, re.I) and sanitize.mixed_script_host(value):
            yield problem("url-mixed-scripts", channel.at("value"), field=term("number_or_address"),
                          value=value, host=sanitize.mixed_script_host(value))


# A phone's header (360 px) has about 84 px beside its buttons: two lines of six
# characters at 14 px. A longer site name is shown whole on a line under the header.
PHONE_HEADER_CHARS = 12


def phone_site_name(site) -> str | None:
    """The name a phone's header shows whole (the short name, or a title short enough),
    or None when only the full title will do and it goes on the line under the header."""
    for key in ("short_title", "title"):
        value = str(site.get(key) or "").strip()
        if value and len(value) <= PHONE_HEADER_CHARS:
            return value
    return None


def _site_rules(rec: Rec, rtype: RecordType, today: dt.date):
    """The site's address is the base every feed and open data link is made from: a
    full http(s) address of a folder, so `https://x.gov.cn` is taken as
    `https://x.gov.cn/` (and staff told); a query or a fragment cannot be a base.
    A short name is for a phone's header: one longer than it shows would be cut."""
    short = str(rec.get("short_title") or "").strip()
    if len(short) > PHONE_HEADER_CHARS:
        yield problem("site-short-title-long", rec.at("short_title"), value=short[:40],
                      count=len(short), limit=PHONE_HEADER_CHARS)
    url = rec.get("url")
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or parts.query or parts.fragment \
            or url.endswith(("?", "#")):
        yield problem("site-url-not-a-base", rec.at("url"), value=url)
    elif not parts.path.endswith("/"):
        rec["url"] = url + "/"
        yield problem("site-url-slash-added", rec.at("url"), value=url, shown=rec["url"])


RULES = {
    "site": _site_rules,
    "channels": _channel_rules,
    "campaign": _campaign_rules,
    "past_campaign": _campaign_rules,
    "unit": _unit_rules,
    "exemption": _exemption_rules,
    "notice": _notice_rules,
    "case": _case_rules,
    "ledger": _ledger_rules,
    "warning": _warning_rules,
    "submission": _submission_rules,
    "report": _report_rules,
    "inspection": _inspection_rules,
    "clue": _clue_rules,
    "ledger_review": _dated_rules,
    "commendation": _dated_rules,
}


_TAXONOMY_LISTS = {**_TAXONOMY_COLLECTIONS, "categories": "categories",
                   "notice_categories": "notice_categories", "notice_measures": "notice_measures"}


def _unread_lists(taxonomy: Rec) -> set[str]:
    """The taxonomy's lists that may lack an entry the clerk wrote: absent, or holding an
    entry without its id or name (the file has an error; unread entries are not typed)."""
    unread = set()
    for field_name, collection in _TAXONOMY_LISTS.items():
        entries = taxonomy.get(field_name)
        if not entries:
            unread.add(collection)
            continue
        for entry in entries:
            children = entry.get("children") or [] if field_name == "categories" else []
            if any(not (e.get("id") or field_name == "notice_categories") or not e.get("name")
                   for e in [entry, *children]):
                unread.add(collection)
                break
    return unread


def _shape(key: str) -> str:
    """What a YAML value is, as wrong-shape names it (`shapes` in messages.yml)."""
    return messages()["shapes"][key]


def _register_taxonomy(typer: _Typer, taxonomy: Rec, report: Report) -> None:
    seen: dict[tuple, tuple] = {}  # (collection, folded word) -> (where, as written, key)
    words = {key: term(key) for key in ("id", "name", "aliases")}
    # (collection, look-alike key) -> (where, as written, the entry): two entries a reader
    # takes for one (党内警告 and 黨內警告, a Cyrillic о in a code) split a measure's counts
    # and let a record take the other entry's 形态 under the same words
    looks: dict[tuple, tuple] = {}

    def look_alike(collection: str, entry: Rec, key: str, value: str) -> None:
        folded = (collection, look_alike_key(value))
        other = looks.get(folded)
        if other is None:
            looks[folded] = (entry.at(key), value, entry)
        elif other[2] is not entry and id_key(other[1]) != id_key(value):
            report.add(problem("look-alike-taxonomy", entry.at(key), what=words[key],
                               value=value, other=other[1], first=str(other[0])))
    # An alias that is another entry's id or name is the mistake, wherever it is written:
    # the entries' own words are read first, every alias after them.
    pending: list[tuple[str, Rec]] = []

    def add(collection: str, entry: Rec) -> None:
        pending.append((collection, entry))
        for key in ("id", "name"):
            value = entry.get(key)
            if not value:
                continue
            folded = (collection, id_key(value))
            if folded in seen:
                first, written, _key = seen[folded]
                code = "duplicate-id" if written == value else "duplicate-id-case"
                report.add(problem(code, entry.at(key), value=value, label="", first=str(first),
                                   other=written))
            else:
                seen[folded] = (entry.at(key), value, key)
                look_alike(collection, entry, key, value)

    def add_aliases() -> None:
        # an alias (党内警告 for 警告) names its entry as its name does: one entry per word
        for collection, entry in pending:
            aliases = [a for a in entry.get("aliases") or () if a]
            for value in aliases:
                folded = (collection, id_key(value))
                if folded in seen:
                    first, written, key = seen[folded]
                    report.add(problem("taxonomy-alias-taken", entry.at("aliases"), value=value,
                                       first=str(first), other=written, what=words[key]))
                else:
                    seen[folded] = (entry.at("aliases"), value, "aliases")
                    look_alike(collection, entry, "aliases", value)
            if entry.get("id"):
                typer.register(collection, entry["id"], (entry.get("name", ""), *aliases))
                typer.aliases.setdefault(collection, set()).update(a for a in aliases if a)
        pending.clear()

    for field_name, collection in _TAXONOMY_COLLECTIONS.items():
        for entry in taxonomy.get(field_name) or []:
            add(collection, entry)
    for entry in taxonomy.get("notice_measures") or []:
        add("notice_measures", entry)
    # A notice names its category by name (or by the slug of its listing URL).
    for entry in taxonomy.get("notice_categories") or []:
        for key in ("name", "slug"):
            value = entry.get(key)
            if value and ("notice_categories", value) in seen:
                report.add(problem("duplicate-id", entry.at(key), value=value, label="",
                                   first=str(seen[("notice_categories", value)])))
            elif value:
                seen[("notice_categories", value)] = entry.at(key)
        if entry.get("name"):
            typer.register("notice_categories", entry["name"], (entry.get("slug", ""),))
    for top in taxonomy.get("categories") or []:
        add("categories", top)
        for child in top.get("children") or []:
            add("categories", child)
    add_aliases()


def _cross_rules(collections: dict[str, list[Rec]]):
    """Rules that look at several records: uniqueness of names and pairs, who must submit."""
    first: dict[tuple, Rec] = {}
    for unit in collections.get("units", []):
        key = ("unit-name", id_key(unit.get("name") or ""))
        if unit.get("name") and key in first:
            yield problem("duplicate-record", unit.at("name"),
                          what=messages()["duplicates"]["unit_name"].format(name=unit["name"]),
                          first=str(first[key].at("name")))
        first.setdefault(key, unit)
    yield from _look_alike_units(collections.get("units", []))
    units = {u["id"]: u for u in collections.get("units", []) if u.get("id")}
    commitments = {c["id"]: c for c in collections.get("commitments", []) if c.get("id")}
    for sub in collections.get("submissions", []):
        key = ("submission", sub.get("commitment"), sub.get("unit"))
        if None not in key[1:] and key in first:
            yield problem("duplicate-record", sub.where, what=messages()["duplicates"]["submission"],
                          first=str(first[key].where))
        first.setdefault(key, sub)
        unit, commitment = units.get(sub.get("unit")), commitments.get(sub.get("commitment"))
        # A unit or commitment whose kinds could not be read (a bad taxonomy, an unknown
        # kind reported at its line) says nothing about who must submit.
        if unit and commitment and unit.get("kind") and commitment.get("unit_kinds") \
                and not must_submit(unit, commitment):
            yield problem("not-required", sub.at("unit"), unit=unit["name"],
                          commitment=commitment["title"])
    for exemption in collections.get("exemptions", []):
        item = exemption.get("item")
        if item and exemption_target(exemption, collections.get("commitments", [])) is None:
            known = [REPORTS_ITEM] + [c["id"] for c in commitments.values()] + [
                c["title"] for c in commitments.values() if c.get("title")]
            yield problem("unknown-reference", exemption.at("item"),
                          field=term("exempt_item"), value=item,
                          target=collection_labels()["exemption_items"],
                          hint=suggestion(item, known))
    for rep in collections.get("reports", []):
        key = ("report", rep.get("unit"), rep.get("period"))
        if None not in key[1:] and key in first:
            yield problem("duplicate-record", rep.where, what=messages()["duplicates"]["report"],
                          first=str(first[key].where))
        first.setdefault(key, rep)
    for rank in collections.get("rankings", []):
        key = ("ranking", rank.get("year"), rank.get("unit"))
        if None not in key[1:] and key in first:
            yield problem("duplicate-record", rank.where, what=messages()["duplicates"]["ranking"],
                          first=str(first[key].where))
        first.setdefault(key, rank)
    ledger = {item["id"]: item for item in collections.get("ledger", []) if item.get("id")}
    for review in collections.get("ledger_reviews", []):
        item = ledger.get(review.get("item"))
        if item and item.get("opened_on") and review.get("date") \
                and review["date"] < item["opened_on"]:
            types = record_types()
            yield problem("date-order", review.at("date"), field="date",
                          later_label=types["ledger_review"].fields["date"].label,
                          later=review["date"].isoformat(),
                          earlier_label=types["ledger"].fields["opened_on"].label,
                          earlier=item["opened_on"].isoformat())


# Records that say a unit did or was done something on a day: none after it ceased to exist.
_UNIT_DATED = (("inspections", "date", ("by_unit", "units")), ("warnings", "date", ("unit",)),
               ("submissions", "submitted_on", ("unit",)), ("reports", "submitted_on", ("unit",)),
               ("ledger", "opened_on", ("unit",)), ("commendations", "date", ("unit",)))


def _unit_lifetime_rules(collections: dict[str, list[Rec]]):
    """A record dated after its unit's 撤销日期 (active_until) is refused at its date."""
    # (a unit whose 撤销日期 is before its 纳入日期 has its own date-order error first)
    ended = {u["id"]: u for u in collections.get("units", [])
             if u.get("id") and u.get("active_until")
             and not (u.get("active_from") and u["active_from"] > u["active_until"])}
    if not ended:
        return
    types = {t.collection: t for t in record_types().values() if t.collection}
    for collection, date_field, unit_fields in _UNIT_DATED:
        for rec in collections.get(collection, []):
            day = rec.get(date_field)
            named = [rec.get(f) for f in unit_fields]
            ids = [u for v in named for u in (v if isinstance(v, list) else [v])]
            for unit in (ended[u] for u in dict.fromkeys(ids) if u in ended):
                if day and day > unit["active_until"]:
                    yield problem("after-unit-ended", rec.at(date_field), field=date_field,
                                  label=types[collection].fields[date_field].label,
                                  value=day.isoformat(), unit=unit["name"],
                                  end=unit["active_until"].isoformat())
                    break


def _week_rules(campaign: Rec, collections: dict[str, list[Rec]]):
    """A weekly report only where the campaign asks for weekly reports."""
    if campaign.get("weekly_reports"):
        return
    for rep in collections.get("reports", []):
        if "W" in (rep.get("period") or ""):
            yield problem("week-report-not-required", rep.at("period"), value=rep["period"])


def walk(value, fields: dict[str, Field]):
    """(field, text, holder, name) for every string in a typed record, nested ones too:
    `holder.at(name)` is where it is written (made only for the few that are reported)."""
    if not isinstance(value, Rec):
        return
    for name, f in fields.items():
        item = value.get(name)
        if item is None:
            continue
        if isinstance(item, str):
            yield f, item, value, name
        elif isinstance(item, Rec):
            yield from walk(item, f.fields)
        elif isinstance(item, list):
            for element in item:
                if isinstance(element, Rec):
                    yield from walk(element, f.item.fields)
                elif isinstance(element, str):
                    yield f.item, element, value, name


def allowed_hosts(site: Rec, channels: Rec) -> set[str]:
    """Hosts the site may link to, with their sub-domains: its own and link_hosts."""
    hosts = {_hostname(site.get("url") or "")}
    hosts |= {h.lower().strip(".") for h in site.get("link_hosts") or []}
    return {h for h in hosts if h}


def channel_addresses(channels: Rec) -> tuple[str, ...]:
    """The reporting platforms' addresses (a 网上平台 channel's http(s) value): a link
    may go to one of them (or under it, when it is a folder), not elsewhere on its host
    unless link_hosts lists that host."""
    return tuple(sorted({channel.get("value").strip()
                         for channel in (channels or {}).get("channels") or []
                         if re.match(r"https?://", channel.get("value") or "", re.I)}))


def _hostname(url: str) -> str:
    """The host of an absolute URL as a browser reads it (WHATWG), '' if there is none."""
    parsed = sanitize.Links().resolve(url) if re.match(r"https?:", url, re.I) else None
    return parsed.hostname.lower().strip(".") if parsed is not None else ""


def links_of(site: Rec, channels: Rec) -> sanitize.Links:
    """Where the site's links may point, for the sanitiser and the audit."""
    return sanitize.Links(site.get("url") or "", allowed_hosts(site, channels),
                          channel_addresses(channels))


def _privacy_rules(singles: dict[str, Rec], collections: dict[str, list[Rec]],
                   files_cache=None):
    """Redacted names appear nowhere else; links go only to allowed hosts. With
    `files_cache`, a file whose records and whose rules (the redacted names and where
    each is set, the hosts allowed) are those of a run before says what it said then."""
    import hashlib

    types = {rt.collection or rt.name: rt for rt in record_types().values()}
    names = redacted_names(collections, singles["site"])
    links = links_of(singles["site"], singles["channels"])
    rules = hashlib.sha256(repr((
        sorted((name, at.path, at.line) for name, at in names.first.items()),
        sorted(names.shown.items()),
        sorted(names.tolerated), sorted((at.path, at.line) for at in names.full_at),
        singles["site"].get("url") or "",
        sorted(allowed_hosts(singles["site"], singles["channels"])),
        channel_addresses(singles["channels"]))).encode()).digest()
    by_file: dict[str, list[tuple[Rec, RecordType]]] = {}
    for rec, rtype in [(singles[n], types[n]) for n in singles] + [
            (rec, types[name]) for name, recs in collections.items() for rec in recs]:
        by_file.setdefault(rec.where.path, []).append((rec, rtype))
    seen: dict[str, tuple] = {}  # a short value repeated on many rows is read once
    for path, records in by_file.items():
        kept = files_cache.privacy(path, rules) if files_cache is not None else None
        if kept is None:
            kept = list(_privacy_of(records, names, links, singles, seen))
            if files_cache is not None:
                files_cache.keep_privacy(path, rules, kept)
        yield from kept


# A notice's Markdown body, as a field where one is reported (it is not one of schema.yml).
BODY_FIELD = Field(name="body", type="longtext", label=term("body"))


def _privacy_of(records, names: privacy.Names, links: sanitize.Links, singles, seen: dict):
    body_field = BODY_FIELD
    hosts = bool(singles["site"].get("url"))
    for rec, rtype in records:
        texts = list(walk(rec, rtype.fields))
        if rtype.shape == "front-matter" and rec.get("body"):
            body_lines = rec["body"].split("\n")
            for offset, (written, words) in enumerate(zip(body_lines,
                                                          sanitize.text_lines(body_lines))):
                # as the page shows it: 张&#19977; is 张三 on the screen (a tooltip's
                # title too), and so are 张<b>三</b> and 张**三** (sanitize.text_lines)
                line = sanitize.unescape(written) if "&" in written else written
                if words != line:
                    line += "|" + words
                # a body line has no holder: its place is given as it is, in the fourth
                texts.append((body_field, line, None, Location(rec.where.path,
                                                               rec.lines["body"] + offset)))
        for f, text, holder, name in texts:
            if names:
                found = seen.get(text)
                if found is None:
                    found = tuple(names.found(text))
                    if len(text) <= 48:
                        seen[text] = found
                for shown in found:
                    at = _line_in(holder, name, text, shown, names) if holder is not None \
                        else name
                    first = names.first[shown]
                    if shown in names.shown:  # printed masked: its own name field (where
                        # schema.yml says `person_name`, the name is set) is fine
                        if not (f.person_name
                                and privacy.compact(text) == privacy.compact(shown)) \
                                or at in names.full_at:
                            yield names.masked_problem(shown, at, _shown(f))
                    elif at != first:
                        yield problem("redacted-name-shown", at, field=_shown(f),
                                      name=shown, first=str(first))
            if f is not body_field and f.type in ("text", "longtext") \
                    and ("<" in text or "&" in text):
                yield from _markup_shown_as_text(f, text, holder, name)
            if f.type == "url" and hosts and rtype.name != "site":
                host = links.third_party(text)
                if host:
                    at = holder.at(name) if holder is not None else name
                    yield problem("unlisted-host", at, field=_shown(f), host=host)
        if rtype.shape == "front-matter" and rec.get("body") and singles["site"].get("url"):
            for number, url in sanitize.markdown_urls(rec["body"]):  # staff Markdown
                host = links.third_party(url)
                if host:
                    yield problem("unlisted-host", Location(rec.where.path,
                                                            rec.lines["body"] + number),
                                  field=term("body"), host=host)


# Where markup starts in a line: a tag, a comment, a declaration or a character reference
# (金额<1万元 and A&B are text to the browser as well).
_MARKUP_START = re.compile(r"<[A-Za-z!/?]|&(?:#|[A-Za-z]+;)")


def _markup_shown_as_text(f: Field, text: str, holder, name):
    """Markup pasted into a record's text (<b>, <br>, &nbsp; from a web page or Word): the
    site prints it as text, so the reader sees the marks themselves. Said as a note (the
    page is safe and is built), at the line of a literal block (|) it is on."""
    first = holder.lines.get(name + _BLOCK) if holder is not None else None
    for offset, line in enumerate(text.split("\n") if first is not None else [text]):
        if ("<" in line or "&" in line) and sanitize.markup_in(line):
            line = line.replace("\n", " ").strip()
            start = _MARKUP_START.search(line)
            mark = start.start() if start else 0
            shown = (("…" if mark > 10 else "") + line[max(0, mark - 10):mark + 30]
                     + ("…" if len(line) > mark + 30 else ""))
            at = holder.at(name) if holder is not None else name
            if first is not None:
                at = dataclasses.replace(at, line=first + offset)
            yield problem("text-markup", at, field=_shown(f), value=shown)


# The key under which Rec.lines keeps the line a literal block's text starts on.
_BLOCK = "|"


def _line_in(holder: Rec, name: str, text: str, found: str, names: privacy.Names) -> Location:
    """Where the name `found` is in a field's text: its own line in a literal block (`|`),
    else the field's line (a folded or quoted value, a table cell)."""
    at = holder.at(name)
    first = holder.lines.get(name + _BLOCK)
    if first is None:
        return at
    position = text.find(found)
    if position >= 0:
        return dataclasses.replace(at, line=first + text.count("\n", 0, position))
    for offset, line in enumerate(text.split("\n")):  # written with dots, spaces …
        if found in names.found(line):
            return dataclasses.replace(at, line=first + offset)
    return at  # split over two lines


_LEDGER_NAMES = (("lead_leader_name", "lead_leader_rank"), ("responsible_name", "responsible_rank"))
# A person's name as people write one: Chinese characters, with the dots or dashes of a
# minority or foreign name between them.
_FULL_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff\u00b7\u30fb"
                        "\u2027\u2022.\\-]{1,19}")


# The last answer of redacted_names and what it was asked of: validation, the audit's
# policy and the pages ask it of the same records up to four times a run (at city scale a
# fifth of a second each). The question is held, so its objects' ids cannot be reused.
_REDACTED_LAST: list = []


def redacted_names(collections: dict[str, list[Rec]], site: Rec | None = None) -> privacy.Names:
    """Every name the site must not print in full, with the first place it is set: each
    name set as redacted (隐去姓名), and, given the site's settings, each name printed
    masked (姓加某: 罗某 for 罗小军; a case's person, a ledger's leader or person
    responsible) that no other record prints in full."""
    asked = (collections, site, collections.get("cases"), collections.get("ledger"),
             len(collections.get("cases") or ()), len(collections.get("ledger") or ()))
    if _REDACTED_LAST and all(a is b for a, b in zip(_REDACTED_LAST[0][:4], asked)) \
            and _REDACTED_LAST[0][4:] == asked[4:]:
        return _REDACTED_LAST[1]
    names = _redacted_names(collections, site)
    _REDACTED_LAST[:] = [asked, names]
    return names


def _redacted_names(collections: dict[str, list[Rec]], site: Rec | None) -> privacy.Names:
    # Names are compared as a reader reads them (`privacy.compact`): 王　伟, padded with
    # U+3000 as Excel columns of names are, is 王伟.
    first: dict[str, Location] = {}
    masked: dict[str, tuple[str, str, Location]] = {}  # compact name -> (name, shown, where)
    full: dict[str, list[Location]] = {}  # compact name -> name fields printing it whole
    # exempted in a 容错免责 case: masked whatever their rank, and wherever else a name
    # field would print them in full (another case, a ledger's leader) that is refused too
    tolerated: dict[str, tuple[str, str, Location]] = {}

    def printed(name: str, shown: str | None, at: Location) -> str | None:
        key = privacy.compact(name)
        if "某" in key or not _FULL_NAME.fullmatch(key):
            return None  # (罗某某 as 罗某: masked as written; not a name)
        if shown is not None and privacy.compact(shown) == key:
            full.setdefault(key, []).append(at)
        else:
            masked.setdefault(key, (name, shown, at))
        return key

    for case in collections.get("cases", []):
        for person in case.get("persons") or []:
            name = person.get("name")
            if not name:
                continue
            if person.get("redacted"):
                first.setdefault(name, person.at("name"))
            elif site is not None:
                shown = policy.display_name(person, site, case.get("kind"))
                if shown is None:  # a tolerance the site names by no name: 姓加某 is
                    shown = privacy.surname_of(name) + "某"  # what other texts may say
                key = printed(name, shown, person.at("name"))
                if key is not None and case.get("kind") == TOLERANCE:
                    tolerated.setdefault(key, (name, shown, person.at("name")))
    for item in collections.get("ledger", []) if site is not None else ():
        for name_field, rank_field in _LEDGER_NAMES:  # its leaders and people responsible
            if item.get(name_field):
                printed(item[name_field], policy.display_person(
                    item[name_field], item.get(rank_field), site), item.at(name_field))
    redacted = {privacy.compact(name) for name in first}
    shown: dict[str, str] = {}
    exempted: set[str] = set()
    full_at: set[Location] = set()
    for key, (name, display, at) in masked.items():
        if key in redacted:
            continue
        if key in tolerated:  # said with the case that exempted them
            name, display, at = tolerated[key]
            exempted.add(name)
            full_at.update(full.get(key, ()))
        elif key in full:  # another record names them in full: the site prints it
            continue
        shown[name] = display
        first[name] = at
    return privacy.Names(first, shown, exempted, full_at)


def _generated_page_rules(path: Path, rel: str):
    """The staff manual (content/data-spec.md) is what `generator docs` writes from the
    schema and the messages, and is not read as a page staff wrote: a hand edit to it
    (a <style> that hides the site, a link, a number) would be published unchecked. It is
    refused, at its first line that differs, unless it is exactly what the command writes."""
    from generator.docs import data_spec

    # (a Windows checkout writes its line ends as CRLF: the same page)
    written = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n") \
        .split("\n")
    made = data_spec().split("\n")
    if written != made:
        line = next((n for n, (a, b) in enumerate(zip(written, made), start=1) if a != b),
                    min(len(written), len(made)) + 1)
        yield problem("generated-page-edited", Location(rel, line))


def _comment_rules(root: Path, found: dict[str, list[str]], scanner: privacy.Scanner):
    """Personal data in the comments of every YAML file read (records, settings, labels)
    and of every notice's front matter (`privacy.comment_problems`): no page shows a
    comment, but the repository holding it is shared, on GitHub or GitLab, often in
    public (GitHub Pages), and its history keeps what a later commit deletes."""
    rels = [rel for files in found.values() for rel in files]
    rels += [rel for rel in load.EXTRA_FILES if rel.endswith(".yml") and (root / rel).is_file()]
    for rel in rels:
        if rel.endswith(".xlsx") and load.regular(root / rel):
            # a cell's 批注 is the workbook's comment: kept in the repository as well
            comments, too_large, unreadable = load.xlsx_comments(root / rel)
            for sheet, cell, row, text in comments:
                for hit in scanner.hits(text):
                    yield problem("personal-data-in-cell-comment", Location(rel, row),
                                  sheet=sheet, cell=cell,
                                  value=privacy.mask(hit.kind, hit.value))
            for sheet, size in too_large:
                yield problem("xlsx-comments-too-large", Location(rel, 1), sheet=sheet,
                              size=size // 2**20, limit=load.COMMENT_PART_LIMIT // 2**20)
            for sheet, part in unreadable:
                yield problem("xlsx-comments-unreadable", Location(rel, 1), sheet=sheet,
                              part=part)
            continue
        if not rel.endswith((".yml", ".yaml", ".md")):
            continue
        raw, unreadable = load.read_staff(root, rel)
        if unreadable:
            continue  # (said where the file is read)
        text, _bad = load.decode(raw, rel)
        yield from _comments_of(scanner, text or "", rel)


def _unread_value_rules(root: Path, problems: list[Problem], scanner: privacy.Scanner):
    """Personal data on the line of a YAML error (`load.UNREAD_YAML`): the file is not
    read, so its values are not checked, and the clerk mending the error (an ID number's
    check X escaped in double quotes, "…128\\X": yaml-bad-escape) would not learn that the
    value is one that may not be published. The line is read as written (one line per
    error: linear)."""
    places = sorted({(p.path, p.line) for p in problems if p.code in load.UNREAD_YAML})
    lines: dict[str, list[str]] = {}
    for rel, number in places:
        if rel not in lines:
            raw, unreadable = load.read_staff(root, rel)
            text = None if unreadable else load.decode(raw, rel)[0]
            lines[rel] = (text or "").split("\n")
        if 0 < number <= len(lines[rel]):
            for hit in scanner.hits(lines[rel][number - 1]):
                yield problem("personal-data-in-unread-line", Location(rel, number),
                              value=privacy.mask(hit.kind, hit.value))


def _comments_of(scanner: privacy.Scanner, text: str, rel: str) -> list[Problem]:
    """The comments' problems of a YAML file or of a Markdown file's front matter."""
    if "#" not in text:
        return []
    if not rel.endswith(".md"):
        return privacy.comment_problems(scanner, text, rel)
    front, _body, _line = load.split_front_matter(text)
    return [] if front is None else privacy.comment_problems(scanner, front, rel, 2)


def _content_files(root: Path, scanner: privacy.Scanner, collections: dict[str, list[Rec]],
                   site: Rec | None = None, links: sanitize.Links | None = None,
                   records: set[str] | None = None):
    """Every file under content/ the engine publishes as it is: Markdown pages are read
    like notice bodies, every other file by `attachments.check_file`. `records`: the
    files read as records (notices), when the caller has listed the project's files."""
    if records is None:
        records = {p for rtype in record_types().values() if rtype.shape == "front-matter"
                   for p in load.files_of(root, rtype)}
    redacted = redacted_names(collections, site)
    content = root / "content"
    for path in sorted(content.rglob("*")) if content.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        if not load.named_in_utf8(rel):
            continue  # (said by load.names_not_in_utf8, as is a folder so named)
        if rel == GENERATED_PAGE and path.is_file():
            edited = list(_generated_page_rules(path, rel))
            yield from edited
            if not edited:  # the page the audit reads: what it would refuse, said here
                from generator.docs import data_spec

                text = data_spec()
                yield from scanner.problems(text, term("body"), Location(rel, 1))
                yield from _names_in_page(text, rel, redacted)
            continue
        if any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        if not path.is_file():
            if load.special(path):  # the build copies what is here: a named pipe stops it
                yield load.read_staff(root, rel)[1]
            continue
        # The name is published too: in the page's address, the feeds, the search index
        # and all.zip (a notice 2026-12-01-zhang-13800138000.md).
        yield from scanner.problems(path.relative_to(content).as_posix(), term("file_name"),
                                    Location(rel, 1))
        yield from _names_in_page(normalise.normalise(path.relative_to(content).as_posix()),
                                  rel, redacted, term("file_name"))
        found = load.name_control_in(rel)
        if found:  # 处理决定\u202excod.pdf is listed and linked as 处理决定fdp.docx
            yield problem("file-name-control-character", Location(rel, 1),
                          column=found[0] + 1, char=found[1])
        if rel in records:
            continue
        if path.suffix.lower() == ".md":
            raw, unreadable = load.read_staff(root, rel)
            if unreadable:
                yield unreadable
                continue
            text, bad = load.decode(raw, rel)
            if bad:
                yield bad
                continue
            # as the engine reads it (a text file's universal newlines): a page saved with
            # Windows line ends had its front matter read by no rule below
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            # a page's text as a notice body's: no bidi control, tag or control character
            controls: list[Problem] = []
            text = load.control_characters(text, rel, controls)
            yield from controls
            if not load.notice_like(text):  # load names a notice out of its place
                yield from _page_front_matter(text, rel)
                yield from _page_heading_title(text, rel)
            # a page with no title and no heading first is titled by its file name, which
            # the theme prints as HTML (the header, the <title>, the search index)
            if sanitize.markup_in(path.stem):
                yield problem("page-file-name-markup", Location(rel, 1), field=term("file_name"),
                              value=path.stem[:60])
            found = privacy.scan_markdown(scanner, text, rel, 1, term("body"))
            comments = _comments_of(scanner, text, rel)
            if comments:  # a line of the front matter that is a comment: said as one
                front = load.split_front_matter(text)[0] or ""
                alone = {number + 2 for number, _text, whole in privacy.yaml_comments(front)
                         if whole}
                found = [p for p in found if p.line not in alone
                         or p.code not in privacy.CODES.values()] + comments
            found += _names_in_page(text, rel, redacted)
            yield from found
            # the title and description as the engine reads them (YAML: "\u0031" is 1,
            # a folded line is joined): printed in the header, <title>, meta and search
            told = {(p.code, p.line) for p in found}
            for key, line, last, value in _page_meta_values(text):
                for found_here in (scanner.problems(value, key, Location(rel, line)),
                                   _names_in_page(value.replace("\n", " "), rel, redacted,
                                                  key)):
                    for p in found_here:  # (at the key's line: a value may be folded)
                        if not any((p.code, n) in told for n in range(line, last + 1)):
                            told.add((p.code, line))
                            yield dataclasses.replace(p, line=line)
            # its links are held to the hosts a notice body's are (the audit refuses the
            # built page for one; check passed it, so the build stopped with no line)
            for number, url in sanitize.markdown_urls(text) if links and links.site_url else ():
                host = links.third_party(url)
                if host:
                    yield problem("unlisted-host", Location(rel, 1 + number), field=term("body"),
                                  host=host)
        else:
            found = attachments.check_file(root, rel, scanner, redacted, links)
            yield from found
            if rel == ROBOTS and not any(p.code.startswith(("file-", "attachment-"))
                                         for p in found):
                yield from _robots_rules(path.read_bytes(), rel, site, links)


# content/robots.txt is published at the site's root, where search engines read it: no
# other file there has a meaning to a crawler, and the generator writes none of its own.
ROBOTS = "content/robots.txt"
_ROBOTS_LINE = re.compile(r"[ \t]*([A-Za-z-]+)[ \t]*:[ \t]*([^#]*?)[ \t]*(?:#.*)?")


def _robots_rules(data: bytes, rel: str, site: Rec | None, links: sanitize.Links | None):
    """A robots.txt read as a crawler reads it (RFC 9309: groups of user-agent lines and
    their allow/disallow rules, the longest matching rule deciding, allow on a tie): a
    group that keeps the site's home page from search engines is refused at the rule
    that decides it, a Sitemap or Host line naming another site at its line. A public
    disclosure platform no one can find discloses nothing; a sitemap on another host
    lists someone else's pages as this commission's."""
    try:
        text = attachments.decode_text(data)
    except attachments.Refused:
        return  # said by check_file
    url = (site or {}).get("url") or ""
    own = links.resolve(url) if links is not None and url else None
    home = own.pathname if own is not None else "/"
    groups: list[tuple[list[str], list[tuple[bool, str, int]]]] = []
    reading_agents = False
    for number, line in enumerate(text.split("\n"), start=1):
        match = _ROBOTS_LINE.fullmatch(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "user-agent":
            if not reading_agents:
                groups.append(([], []))
            groups[-1][0].append(value)
            reading_agents = True
            continue
        reading_agents = False
        if key in ("allow", "disallow") and groups:
            groups[-1][1].append((key == "allow", value, number))
        elif key == "sitemap" and value and own is not None and not urlsplit(value).scheme:
            # RFC 9309 and every crawler read a Sitemap line as a full URL only: one
            # written relative (/sitemap.xml) names no other site, it is ignored
            yield problem("robots-sitemap-relative", Location(rel, number),
                          field=match.group(1), value=value[:80],
                          expected=url.rstrip("/") + "/sitemap.xml")
        elif key in ("sitemap", "host") and value:
            target = value if key == "sitemap" else "https://" + value
            parsed = links.resolve(target) if links is not None else None
            if own is not None and (parsed is None or key == "sitemap" and not
                                    value.lower().startswith(("http://", "https://"))
                                    or parsed.hostname.lower() != own.hostname.lower()):
                yield problem("robots-other-site", Location(rel, number),
                              field=match.group(1), value=value[:80])
    for agents, rules in groups:
        decided = _robots_decision(rules, home)
        if decided is not None and not decided[0]:
            yield problem("robots-blocks-site", Location(rel, decided[2]),
                          field="、".join(agents)[:60], value=decided[1][:60], home=home)


def _robots_decision(rules: list[tuple[bool, str, int]], path: str):
    """The rule of a group that decides whether `path` may be crawled (the longest
    pattern matching it, an allow winning a tie), or None when none matches."""
    best = None
    for allow, pattern, number in rules:
        if not pattern or not _robots_match(pattern, path):
            continue  # an empty disallow allows everything
        key = (len(pattern), allow)
        if best is None or key > best[0]:
            best = (key, (allow, pattern, number))
    return best[1] if best else None


def _robots_match(pattern: str, path: str) -> bool:
    """Whether a robots.txt path pattern (* any characters, $ at the end: the path's
    end) matches a path from its start, as RFC 9309 reads it: the pieces between the
    *s are found left to right (the leftmost place of each leaves the most room for the
    next, so this decides as backtracking would, in linear time); with $, the last
    piece ends the path."""
    anchored = pattern.endswith("$")
    pieces = (pattern[:-1] if anchored else pattern).split("*")
    if not path.startswith(pieces[0]):
        return False
    if anchored and len(pieces) == 1:
        return path == pieces[0]
    at = len(pieces[0])
    for piece in pieces[1:-1] if anchored else pieces[1:]:
        found = path.find(piece, at)
        if found == -1:
            return False
        at = found + len(piece)
    return not anchored or (path.endswith(pieces[-1]) and len(path) - len(pieces[-1]) >= at)


def _names_in_page(text: str, rel: str, redacted: privacy.Names, field: str = ""):
    """A redacted name, or the full name of one printed as 姓加某, in a page staff write
    under content/ (its title and front matter included), read as the page shows it:
    the audit refuses the built page, so check says it at its line. (`field` the file
    name's: in the name of a file, published in its address and every link to it; by
    default the body's.)"""
    if not redacted:
        return
    field = field or term("body")
    written_lines = text.split("\n")
    # and past tags and Markdown's marks (sanitize.text_lines), not in a file's name
    shown = sanitize.text_lines(written_lines) if field != term("file_name") else written_lines
    for number, (written, words) in enumerate(zip(written_lines, shown), start=1):
        line = sanitize.unescape(written) if "&" in written else written
        if words != line:
            line += "|" + words
        for name in redacted.found(line):
            if name in redacted.shown:
                yield redacted.masked_problem(name, Location(rel, number), field)
            else:
                yield problem("redacted-name-shown", Location(rel, number), field=field,
                              name=name, first=str(redacted.first[name]))


# What a page staff write under content/ may set in its front matter. The engine and the
# theme act on more, and print some as HTML they trust (revision_date, author, and
# location with template: redirect.html), so every other key is refused: a list of the
# keys the theme reads was one behind it.
PAGE_META = ("title", "description")
_META_KEY = re.compile(r"""^[ \t]*(["']?)([^\s:#'"-][^:\n]*?)\1[ \t]*:""", re.M)  # linear


def _page_meta_values(text: str) -> list[tuple[str, int, int, str]]:
    """(key, first line, last line, text) of each value in a page's front matter, as the
    engine reads it (mkdocs' get_data); lists and maps as their strings."""
    from mkdocs.utils.meta import get_data

    if not text.startswith(("---", "\ufeff---")) and not re.match(r"[A-Za-z]", text):
        return []
    body, meta = get_data(text)
    if not meta:
        return []
    head = text[: len(text) - len(body)] if text.endswith(body) else text
    lines: dict[str, int] = {}
    for match in _META_KEY.finditer(head):
        lines.setdefault(match.group(2).strip(), head.count("\n", 0, match.start()) + 1)
    ends = sorted(set(lines.values())) + [head.count("\n") + 1]
    out = []
    for key, value in meta.items():
        if value is not None and str(value).strip():
            first = lines.get(str(key), 1)
            last = next((n - 1 for n in ends if n > first), first)
            out.append((str(key), first, max(last, first), str(value)))
    return out


def _page_front_matter(text: str, rel: str):
    """The keys the engine reads from a page's head, as it reads them (mkdocs'
    get_data: a YAML block between --- lines, or MultiMarkdown `key: value` lines at the
    very top, whose keys it lowercases), each other than title and description named
    at its line."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    if not meta:
        return
    head = text[: len(text) - len(body)] if text.endswith(body) else text
    lines: dict[str, int] = {}
    for match in _META_KEY.finditer(head):
        key = match.group(2).strip()
        line = head.count("\n", 0, match.start()) + 1
        lines.setdefault(key, line)
        lines.setdefault(key.lower(), line)
    for key in meta:
        if key not in PAGE_META:
            yield problem("page-front-matter-key", Location(rel, lines.get(str(key), 1)),
                          field=str(key)[:40], allowed="、".join(PAGE_META))
    # The title as the engine reads it (YAML: "\u003c" is "<"), which the theme prints
    # as HTML in the header and the h1: markup there is refused as in a label.
    if "title" in meta:
        title = meta.get("title")
        title = "" if title is None else str(title)  # a YAML list is printed as its repr
        if sanitize.markup_in(title):
            yield problem("page-title-markup", Location(rel, lines.get("title", 1)),
                          field="title", value=title[:60])


_FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def _page_heading_title(text: str, rel: str):
    """A page with no `title` is titled by its first block when that is a level-1 heading,
    taken as the HTML the heading is (`&lt;` for a `<` shown as text). The engine's stock
    template prints it with `|striptags`, which turns `&lt;` back into `<` (the exported
    tree: `# 说明 &lt;/title&gt;&lt;img …&gt;` closed the <title>); a `<` written as an
    entity, behind a backslash or in a code span is refused as in a front-matter title."""
    import markupsafe
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    if meta and str(meta.get("title") or "").strip():  # (an empty one may not title it)
        return
    start = len(text) - len(body) if text.endswith(body) else 0
    line = text.count("\n", 0, start) + 1
    lines = body.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    # an ATX heading is its line; a setext one its line and the === under it
    block = [raw for raw in lines[first:first + 2] if raw.strip()][:2]
    if not block or not (block[0].startswith("#") or block[1:] and block[1].startswith("=")):
        return
    found = _FIRST_H1.match(sanitize.markdown_html("\n".join(block)).lstrip())
    if found and sanitize.markup_in(markupsafe.Markup(found.group(1)).striptags()):
        yield problem("page-title-markup", Location(rel, line + first), field="title",
                      value=block[0].strip().lstrip("#").strip()[:60])


GENERATED_PAGE = "content/data-spec.md"  # written by `generator docs` from the schema


def exemption_target(exemption: Rec, commitments: list[Rec]) -> str | None:
    """What an exemption covers: a commitment id, REPORTS_ITEM, or None if unknown."""
    item = unicodedata.normalize("NFKC", exemption.get("item") or "").strip()
    if item == REPORTS_ITEM:
        return REPORTS_ITEM
    for c in commitments:
        if item and item in (c.get("id"), unicodedata.normalize("NFKC", c.get("title") or "")):
            return c["id"]
    return None


def must_submit(unit: Rec, commitment: Rec) -> bool:
    """Whether a unit is required to hand in a commitment."""
    if unit.get("kind") not in (commitment.get("unit_kinds") or []):
        return False
    return bool(unit.get("service_window") or not commitment.get("service_window_only"))


# ---------------------------------------------------------------------------- entry


def validate(root: Path, now: dt.datetime | None = None,
             files_cache=None) -> tuple[Dataset, Report]:
    """Read and type every record under root, collecting every problem on the way.

    `now` is the build time; without it, `SOURCE_DATE_EPOCH` or the clock decides.
    `files_cache` (cache.FileCache) answers for files read before with the same bytes.
    """
    from generator.clock import build_time

    report = Report()
    typer = _Typer(report, zoneinfo.ZoneInfo("Asia/Shanghai"))
    singles: dict[str, Rec] = {}
    collections: dict[str, list[Rec]] = {}
    read_counts: dict[str, int] = {}
    empty_names = None  # a units table with no rows, reported if other records need units
    report.extend(load.names_not_in_utf8(root))
    found, file_problems = load.project_files(root)
    report.extend(file_problems)
    for rtype in record_types().values():
        files = found[rtype.name]
        if not files and (rtype.shape == "single" or rtype.name == "unit"):
            report.add(problem("missing-file", Location(rtype.files[0], 0),
                               expected=term("or").join(rtype.files)))
        if rtype.name == "channels":
            typer.scanner = None  # the official channels are what the scanner allows
        records: list[Rec] = []
        ids: dict[str, Rec] = {}
        typer.memo.clear()
        typer.typing = rtype.collection or rtype.name
        if not files and rtype.collection:
            typer.incomplete.add(rtype.collection)
        context = _typing_context(typer, rtype) if files_cache is not None and \
            rtype.shape != "single" else None
        reported = len(report.problems)
        for rel in files:
            before, said = len(records), len(report.problems)
            if context is None:
                raws, problems = (files_cache or load).load_file(root, rel, rtype)
                records += [rec for rec in (_type_record(typer, rtype, raw, ids) for raw in raws)
                            if rec is not None]  # typed as it reads
                typer.said_once()
            else:
                typed, problems = _type_file(typer, files_cache, root, rel, rtype, ids, context)
                records += typed
            report.extend(problems)
            if any(p.is_error for p in problems) and rtype.collection:
                typer.incomplete.add(rtype.collection)
            if len(records) == before and rtype.name == "unit" and not problems \
                    and len(report.problems) == said:  # (not every row refused as shifted)
                # A names table reduced to its header: say so here, not at every reference
                # (once the other records are read: a new county's empty project is valid).
                empty_names = problem("no-records", Location(rel, 1), label=rtype.label)
                typer.incomplete.add(rtype.collection)
        if rtype.shape == "table" and rtype.id and len(files) > 1:
            _repeated_files(report, reported, rtype, records)
        _misnamed_files(typer, rtype, records, files)
        read_counts[rtype.name] = len(records)
        if rtype.shape == "single":
            singles[rtype.name] = records[0] if records else Rec(Location(rtype.files[0], 0))
        else:
            collections[rtype.collection] = records
        if rtype.name == "site":
            typer.tz = zoneinfo.ZoneInfo(singles["site"].get("timezone") or "Asia/Shanghai")
            now = (now or build_time(typer.tz)).astimezone(typer.tz)
        elif rtype.name == "taxonomy":
            _register_taxonomy(typer, singles["taxonomy"], report)
            if any(p.is_error for p in report.problems[reported:]):
                # A lookup list that could not be read whole: a name not found in it is a
                # consequence of that one problem, not one more at every record using it.
                typer.incomplete |= _unread_lists(singles["taxonomy"])
        elif rtype.name == "channels":
            contacts = privacy.official_contacts(singles["channels"])
            typer.scanner = privacy.Scanner(*contacts)
            typer.scanner_key = repr(contacts)
        rule = RULES.get(rtype.name)
        for rec in records if rule else ():
            report.extend(rule(rec, rtype, now.date()))
    if empty_names and any(read_counts.get(name) for name in ("case", "ledger", "submission", "exemption",
                                                              "inspection", "warning", "report")):
        report.add(empty_names)
    report.extend(_cross_rules(collections))
    report.extend(_week_rules(singles["campaign"], collections))
    report.extend(_unit_lifetime_rules(collections))
    report.extend(_privacy_rules(singles, collections, files_cache))
    report.extend(_comment_rules(root, found, typer.scanner or privacy.Scanner()))
    report.extend(_unread_value_rules(root, report.problems, typer.scanner or privacy.Scanner()))
    record_files = {rel for rtype in record_types().values() if rtype.shape == "front-matter"
                    for rel in found[rtype.name]}  # (content/ files read as notices)
    report.extend(_content_files(root, typer.scanner or privacy.Scanner(), collections,
                                 singles["site"], links_of(singles["site"], singles["channels"]),
                                 record_files))
    labels, label_problems = _load_labels(root)
    report.extend(label_problems)
    data = Dataset(now=now, site=singles["site"], campaign=singles["campaign"],
                   taxonomy=singles["taxonomy"], channels=singles["channels"], labels=labels,
                   collections=collections, read_counts=read_counts)
    policy.apply(data)
    report.extend(_publication_rules(data))
    report.extend(_quoted_hidden_rules(data, Path(root), record_files))
    report.extend(_case_text_rules(data))
    report.extend(_persons_alike_rules(data))
    report.extend(_case_count_rules(data))
    report.extend(_spacing_rules(data))
    report.extend(_notice_category_rules(singles["taxonomy"], collections.get("notices", [])))
    report.extend(_attachment_rules(root, collections.get("notices", [])))
    report.extend(_frozen_rules(data, Path(root)))
    report.extend(_site_image_rules(Path(root), singles["site"]))
    report.extend(_site_wording_rules(singles["site"]))
    report.extend(_document_rules(data, Path(root), typer.scanner or privacy.Scanner()))
    return data, report


_IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
_SITE_PATH = re.compile(r"[\w\-./\u3400-\u9fff]+")


def _site_wording_rules(site: Rec):
    """The site's name and description head every page and are the meta description of
    every computed one: like a label, they state what the site is, never a 通报 or 决定."""
    for key in ("title", "description"):
        value = str(site.get(key) or "").strip()
        found = _LABEL_ACT.search(value) or _LABEL_TITLE.search(value)
        if found:
            yield problem("label-reads-as-official", site.at(key), field=f"site.yml {key}",
                          value=value[:40], word=found.group().strip(" 　。.!！:：")[-2:])


def _site_image_rules(root: Path, site: Rec):
    """The logo and the favicon are loaded by every page: each must be an image file of
    the site, a path under content/ (never an address elsewhere, nothing a theme could
    print into an attribute as markup)."""
    for key in ("logo", "favicon"):
        value = site.get(key)
        if not value:
            continue
        rel = str(value)
        inside = _SITE_PATH.fullmatch(rel) and not rel.startswith("/") and \
            ".." not in rel.split("/") and rel.lower().endswith(_IMAGE_SUFFIXES)
        if not inside or not (root / "content" / rel).is_file() or \
                (root / "content" / rel).is_symlink():
            yield problem("site-image-not-a-file", site.at(key),
                          field=record_types()["site"].fields[key].label, value=rel[:60])


def _document_rules(data: Dataset, root: Path, scanner: privacy.Scanner):
    """The 公文 template must work once a published notice is issued as a document, and
    hold nothing an attachment may not (its footer is in every 公文)."""
    from generator import document, word

    issued = document.issued(data)
    links = links_of(data.site, data.channels) if issued else None
    if issued:
        yield from word.check_template(root, scanner, links)
    for notice in issued:
        yield from _cited_cases_place(notice, document.cited_cases(notice, data), links)


def _cited_cases_place(notice: Rec, cited: tuple, links):
    """The page and the document print the cases a notice cites after the paragraph
    that introduces them (…通报如下): an element the body opens before that place and
    closes after it (<s>, <a>, <details>, an admonition's <div>) would take the cases in,
    struck through, linked elsewhere or folded away; a box, list or quote written on past
    that place is cut there (what follows leaves it). Said at the block that opens it."""
    from generator import document

    body = notice.get("body") or ""
    if not cited or sanitize.not_converted(body):
        return  # (refused as markup-too-dense, unclosed-code-fence, too-many-code-blocks)
    before, after = document.split_after_intro(body, links)
    if not after.strip():
        return  # no introducing paragraph: the cases follow the whole body
    skipped = len(body) - len(body.lstrip("\n"))  # (split_after_intro trims blank lines)
    shape = sanitize.unbalanced_markdown(before)
    if shape is None and _shape(body) != _shape(before) + _shape(after.strip("\n").rstrip()):
        # a box, list or quote that goes on past the place: the page ends it there
        intro = before.split("\n\n")[-1].split("\n")[0]
        lines = body.lstrip("\n").split("\n")
        shape = (lines.index(intro) if intro in lines else 0, intro.strip()[:30])
    if shape is None:
        return
    number, tag = shape
    at = Location(notice.where.path, notice.lines.get("body", notice.where.line) + skipped
                  + number)
    yield problem("markup-around-cited-cases", at, field=term("body"), value=tag)


def _shape(markdown: str) -> list[tuple]:
    """The elements a Markdown text makes, each with its depth, heading ids left out (the
    engine numbers them over the whole page)."""
    return [(depth, tag, tuple(a for a in attrs if a[0] != "id"))
            for depth, tag, attrs in sanitize.nested(sanitize.markdown_html(markdown))]


# What makes a text read as a 通报 or 决定 issued by the commission: its title's last word,
# or the closing formula and measure only such a document carries.
_OFFICIAL_TITLE = re.compile(r"(通报|决定)[\s　。.!！]*$")
_OFFICIAL_WORDING = re.compile(r"特此通报|特此决定|予以通报批评|通报批评如下")


def _notice_category_rules(taxonomy: Rec, notices: list[Rec]):
    """An official notice carries the elements its category requires before it goes out;
    a notice that reads as a 通报 or 决定 is one, with its 文号; a 发文字号 is issued once."""
    from generator.document import official_categories

    categories = {c["name"]: c for c in taxonomy.get("notice_categories") or [] if c.get("name")}
    official = official_categories(taxonomy)
    labels = _labels(record_types()["notice"])
    numbers: dict[str, Rec] = {}
    for notice in notices:
        category = categories.get(notice.get("category"))
        if notice.get("draft"):
            continue
        number = unicodedata.normalize("NFC", notice.get("doc_number") or "")
        if not DOC_NUMBER.fullmatch(number):  # refused by its format (bad-doc-number)
            number = ""
        # the same number to a reader: 演紀發〔2026〕7号 is 演纪发〔2026〕7号
        number = look_alike_key(number) if number else ""
        if number and number in numbers:
            yield problem("duplicate-doc-number", notice.at("doc_number"),
                          value=notice["doc_number"], first=str(numbers[number].at("doc_number")))
        elif number:
            numbers[number] = notice
        if notice.get("category") and "category" not in notice.rejected:
            # A 文号 the category requires is reported missing once, by its requirement.
            numbered = notice.get("doc_number") or "doc_number" in (
                (category or {}).get("requires") or [])
            yield from _reads_as_official(notice, notice["category"] in official and numbered)
        # GB/T 9704 7.3.5: a 公文 is signed with its 成文日期, whatever its category lists;
        # the page, the Word file and the PDF print it under the 署名 (a withdrawn notice
        # is no longer printed: its page names it by what it has, withdrawn_identity).
        unsigned = notice.get("category") in official and not notice.get("withdrawn") \
            and notice.get("signed_on") is None and "signed_on" not in notice.rejected
        if unsigned:
            yield problem("notice-signed-on-required", notice.at("category"),
                          field="signed_on", category=notice["category"])
        if category is None:
            continue
        if _title_genre_differs(notice, category.get("genres") or []):
            yield problem("notice-title-genre", notice.at("title"), value=notice["title"],
                          category=category["name"], genres="、".join(category["genres"]),
                          first=category["genres"][0])
        for name in category.get("requires") or []:
            if name == "signed_on" and notice.get("category") in official:
                continue  # told above, once, in the words of a 公文
            if name == "body":
                if not (notice.get("body") or "").strip():
                    yield problem("notice-body-required", notice.at("category"),
                                  category=category["name"])
            elif notice.get(name) in (None, []) and name not in notice.rejected:
                yield problem("notice-field-required", notice.at("category"), field=name,
                              category=category["name"], label=labels[name])


def _title_genre_differs(notice: Rec, genres: list) -> bool:
    """Whether an official notice's title ends with no 文种 its category issues (`genres`
    in the taxonomy; False when the category lists none or the title is missing).
    GB/T 9704 7.3.3: 公文标题由发文机关名称、事由和文种组成, and the 文种 says what the
    document is: a 通报 column item titled …的通知 misfiles it."""
    title = notice.get("title")
    if not genres or not isinstance(title, str) or not title.strip() \
            or "title" in notice.rejected:
        return False
    # its own end, before full stops and numbers of issue in brackets (工作通报（第3期）,
    # …的通报（续）（续）): one pass from the end, each character looked at once
    text = unicodedata.normalize("NFKC", title)
    end = len(text)
    while True:
        while end and text[end - 1] in " \t\u3000。.":
            end -= 1
        opening = text.rfind("(", 0, end) if end and text[end - 1] == ")" else -1
        if opening < 0:
            break
        end = opening
    return not text[:end].endswith(tuple(genres))


def _reads_as_official(notice: Rec, numbered_official: bool):
    """Only a notice of an official category with its 文号 may read as a 通报 or 决定:
    anything else would show in the lists, the feed and the home page as one."""
    if numbered_official:
        return
    title = notice.get("title") or ""
    if _OFFICIAL_TITLE.search(title):
        yield problem("notice-reads-as-official", notice.at("title"), value=title,
                      word=_OFFICIAL_TITLE.search(title).group(1), category=notice["category"])
        return
    body_line = notice.lines.get("body", notice.where.line)
    for offset, line in enumerate((notice.get("body") or "").split("\n")):
        found = _OFFICIAL_WORDING.search(line)
        if found:
            yield problem("notice-reads-as-official", Location(notice.where.path,
                                                               body_line + offset),
                          value=found.group(), category=notice["category"],
                          word=term("notice") if term("notice") in found.group()
                          else term("decision"))
            return


def _attachment_rules(root: Path, notices: list[Rec]):
    """Every attachment exists; its text is scanned for personal data where a scanner is."""
    scan = _attachment_scanner()
    for notice in notices:
        for attachment in notice.get("attachments") or []:
            name = attachment.get("file") or ""
            if not name or not _attachment_name_ok(name):
                continue
            path = attachment_path(root, name)
            if load.special(path):
                continue  # there but no file to read: file-unreadable at it (_content_files)
            if not path.is_file():
                yield problem("attachment-missing", attachment.at("file"), value=name)
            elif scan is not None:
                # HOOK (#11): the personal-data scan of attachment text (PDF, DOCX, XLSX).
                yield from scan(path, attachment.at("file"), bool(attachment.get("reviewed")))


def _attachment_scanner():
    """scan(path, location, reviewed) -> Problems at the notice's line, or None when this
    project has no text extractor for attachments (generator/attachments.py, #11).

    The personal-data scan of every file under content/ reports at the file itself; what
    only the notice can say is whether a PDF with no text (a scanned image) was reviewed
    by a person: without `reviewed: 是` it is reported as unscannable."""
    try:
        from generator import attachments  # noqa: PLC0415 (optional module)
    except ImportError:
        return None
    extract = getattr(attachments, "extract_text", None)
    if extract is None:
        return None

    def scan(path: Path, at: Location, reviewed: bool):
        if reviewed or path.suffix.lower() != ".pdf":
            return
        try:
            passages = extract(path.name, path.read_bytes())
        except Exception:  # noqa: BLE001 - a refused or broken file is reported by the scan
            return
        if not any(p.text.strip() for p in passages if not p.where):  # the pages' text
            yield problem("attachment-unscannable", at, value=path.name)

    return scan


_CASE_LINK = re.compile(r"cases/([A-Za-z0-9][A-Za-z0-9-]*)(?:\.md|/)")


def _publication_rules(data: Dataset):
    """A published notice may not point at a case the public cannot see (yet or any more):
    neither in its `cases` nor by a link in its body. Reported at the notice's line."""
    cases = {c["id"]: c for c in data.collections.get("cases", []) if c.get("id")}
    for notice in data.collections.get("notices", []):
        if not notice.published:
            continue
        cited = [(case_id, notice.at("cases")) for case_id in notice.get("cases") or []]
        body_line = notice.lines.get("body", notice.where.line)
        body = notice.get("body") or ""
        for offset, line in enumerate(body.split("\n")):
            cited += [(m.group(1), Location(notice.where.path, body_line + offset))
                      for m in _CASE_LINK.finditer(line)]
        # and each link as the browser follows it: ../cases&#47;2026-001.md,
        # cases/2026%2D001.md and cases/./2026-001.md reach the case's page too
        if "cases" in body and not sanitize.not_converted(body):
            for offset, url in sanitize.markdown_urls(body):
                path = posixpath.normpath("/" + unquote(re.split("[?#]", url, maxsplit=1)[0]))
                cited += [(m.group(1), Location(notice.where.path, body_line + offset))
                          for m in _CASE_LINK.finditer(path + "/")]
        cited = list(dict.fromkeys(cited))
        # A case withdrawn after the notice froze its text is printed no more: the notice
        # shows the site's statement in its place (document.frozen_blocks).
        frozen = {e.get("case") for e in notice.get("case_texts") or []}
        stated = [c["date"] for c in notice.get("corrections") or []
                  if isinstance(c.get("date"), dt.date)]
        for entry in notice.get("case_texts") or []:
            case = cases.get(entry.get("case"))
            day = (case.get("withdrawn") or {}).get("date") if case is not None \
                and case.state == "withdrawn" else None
            # (withdrawn after the notice was issued, by the build's day: a date before
            # it or in the future is refused where it is written)
            if isinstance(day, dt.date) and isinstance(notice.get("date"), dt.date) \
                    and notice["date"] <= day <= data.now.date() \
                    and not any(d >= day for d in stated):
                # printed no more (document.frozen_blocks), but the issued text changed
                # that day: the notice says so in a correction, as the commission would
                yield problem("notice-case-withdrawn-uncorrected", entry.at("case"),
                              value=entry["case"], date=day.isoformat())
        # A 通报 reports a handling done: one dated after the notice's day would have it
        # say "2026年5月，王某某受到…" of a decision not yet taken when it was issued.
        issued = notice.get("date")
        for case_id in dict.fromkeys(case_id for case_id, _at in cited):
            case = cases.get(case_id)
            for person in (case.get("persons") or []) if case is not None else []:
                day = person.get("handled_on")
                if isinstance(day, dt.date) and isinstance(issued, dt.date) and day > issued:
                    yield problem("case-handled-after-notice", person.at("handled_on"),
                                  value=day.isoformat(), date=issued.isoformat(),
                                  path=notice.where.path)
        for case_id, at in cited:
            case = cases.get(case_id)
            if case is None:
                continue
            if case.state in ("embargoed", "draft"):
                yield problem("notice-before-case", at, value=case_id, reason=case.why)
            elif case.state == "withdrawn" and case_id in frozen and at == notice.at("cases"):
                continue
            elif case.state in ("withdrawn", "never_public"):
                yield problem("notice-cites-withdrawn-case", at, value=case_id,
                              date=case["withdrawn"]["date"].isoformat())
            elif (case.get("published_on") and notice.get("date")
                  and notice["date"] < case["published_on"] <= data.now.date()):
                # (a case dated after the build is refused itself: case-in-future)
                # An issued notice prints the cases it cites (document.case_blocks): one
                # citing a case published after it was issued would not be the text it
                # issued, and the site would date it before what it reports.
                yield problem("notice-cites-later-case", at, value=case_id,
                              case_date=case["published_on"].isoformat(),
                              date=notice["date"].isoformat())


def revision_rules(data: Dataset, history):
    """An issued 公文 committed again on a later day than the one that published it, with
    no `corrections` entry dated on or after that day (render.silent_revisions): its page
    says 发布后有修改，未写明更正内容, and its Word/PDF give no 附注 of what changed. Said,
    not refused: the rewrite may be the removal of something that must not stay public,
    and git history (absent from a shallow clone) is no ground to stop a build on."""
    from generator.document import issued
    from generator.render import public_changes, record_changes, silent_revisions

    if history is None:
        return
    for notice in issued(data):
        launched = data.site.get("launched")
        changes = public_changes(notice, record_changes(notice, history))
        silent = silent_revisions(notice, changes, launched)
        if not silent:
            continue
        days = sorted({c.when.date() for c in silent})
        yield problem("notice-revised-uncorrected",
                      notice.at("corrections") if notice.get("corrections")
                      else notice.at("date"),
                      published=max([changes[-1].when.date(),
                                     *([launched] if launched else [])]).isoformat(),
                      dates="、".join(day.isoformat() for day in days),
                      latest=days[-1].isoformat())


def _persons_alike_rules(data: Dataset):
    """Two persons of one case the site prints under one name (王明 and 王华 both 王某
    under 姓加某, or two written 张某某): the case's page, the monthly bulletin and a
    通报 then list 王某，记过；王某，警告, and no reader can tell whose measure is whose.
    Said at the second, naming the first, each name as the site prints it (its display,
    the rank's rule, the tolerance rule); a redacted or unnamed person prints no name."""
    for case in data.collections.get("cases", []):
        seen: dict[str, tuple[str, Rec]] = {}
        for person in case.get("persons") or []:
            if not person.get("name") or person.get("count") is not None:
                continue
            shown = policy.display_name(person, data.site, case.get("kind"))
            if not shown:
                continue
            key = privacy.compact(shown)
            if key in seen:
                other, first = seen[key]
                yield problem("persons-printed-alike", person.at("name"), name=person["name"],
                              shown=shown, other=other, line=first.at("name").line)
            else:
                seen[key] = (person["name"], person)


def _case_text_rules(data: Dataset):
    """What an official notice prints is fixed when it is issued: its issuing authority
    (`issuer`) and the text of its cases (`case_texts`), one entry for each case it prints,
    none for a case it does not cite. An issued one without them prints the site's
    authority and the cases as they are now, and is told so (a note: counties migrate)."""
    from generator.document import cited_cases, official_categories

    official = official_categories(data.taxonomy)
    tokens = None
    for notice in data.collections.get("notices", []):
        if notice.get("case_texts") and notice.get("category") \
                and notice["category"] not in official:
            # printed only by a 公文: said, not silently left out
            yield problem("notice-case-texts-not-official", notice.at("case_texts"),
                          category=notice.get("category") or "")
        # a draft is still being written (and refrozen): it is held to this once issued
        if notice.get("category") not in official or notice.state not in (
                "published", "embargoed"):
            continue
        if not notice.get("issuer") and \
                "issuer" not in notice.rejected and data.site.get("authority"):
            yield problem("notice-issuer-not-frozen", notice.at("category"),
                          authority=data.site["authority"], path=notice.where.path)
        entries = notice.get("case_texts") or []
        scheduled = notice.state != "published"  # it may cite a case public when it is
        if not entries:
            printed = cited_cases(notice, data, scheduled)
            if printed:
                yield problem("notice-cases-not-frozen", notice.at("cases"),
                              value="、".join(c["id"] for c in printed),
                              path=notice.where.path)
            continue
        listed = set(notice.get("cases") or [])
        for entry in entries:
            if entry.get("case") and entry["case"] not in listed:
                yield problem("notice-case-text-not-cited", entry.at("case"),
                              value=entry["case"])
        texts = {e.get("case") for e in entries}
        missing = [c["id"] for c in cited_cases(notice, data, scheduled)
                   if c["id"] not in texts]
        if missing:
            yield problem("notice-case-text-missing", notice.at("case_texts"),
                          value="、".join(missing))
        if notice.state == "published":
            if tokens is None:  # (every measure's spellings, one pattern a run)
                tokens = measure_tokens(data.taxonomy)
            yield from _summary_rules(data, notice, entries, tokens)


# Chinese numerals a 通报 writes a count of persons or cases in (一名干部, 十二人, 3起)
_HAN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}
_NUMBER = r"(?<![\d第零一二两三四五六七八九十百])(\d+|[零一二两三四五六七八九十百]+)[ \u3000]*"
_PERSON_COUNT = re.compile(_NUMBER + r"(?:人|名)(?!次)")  # 5人次 counts measures, not persons
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")
# what a clause says that makes its count one of persons handled
_HANDLING = ("处理", "处分", "问责", "追责", "责任追究")
_LIST_JOIN = re.compile(r"[ \u3000]*[、和及与][ \u3000]*")
# 涉及 with the persons it concerns, named as cadres before or after the count (涉及3名干部,
# 涉及干部5名, 涉及3名窗口工作人员), or the count alone ending the clause (涉及2人。)
_CADRE = r"(?:干部|党员|人员|责任人|负责人|领导|职工|干警|公职人员|工作人员)"
_INVOLVED = re.compile(
    r"涉及(?:[^，。；：！？,;:!?\n\d零一二两三四五六七八九十百]{0,8}?" + _CADRE + ")?" + _NUMBER +
    r"(?:人|名)(?!次)(?=[^，。；：！？,;:!?\n群众]{0,8}?" + _CADRE + r"|[ \u3000]*(?:[，。；：！？,;:!?\n]|$))")


def han_number(text: str) -> int | None:
    """3 -> 3, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None for what is no number."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _HAN_DIGITS:
            if digit is not None and digit != 0:
                return None  # 一二 is no number
            digit = _HAN_DIGITS[char]
        elif char in "十百":
            scale = 10 if char == "十" else 100
            if char == "十" and total % 100 >= 10:
                return None
            total += (1 if digit is None else digit) * scale
            digit = None
        else:
            return None
    return total + (digit or 0)


def measure_tokens(taxonomy) -> tuple[re.Pattern | None, dict]:
    """One pattern for every spelling of every measure (name and aliases), the longest
    tried first at each place, and which measure each spelling names."""
    owner: dict[str, str] = {}
    for m in (taxonomy or {}).get("measures") or []:
        if not m.get("id"):
            continue
        for spelling in [m.get("name")] + list(m.get("aliases") or []):
            if isinstance(spelling, str) and spelling:
                owner.setdefault(spelling, m["id"])
    if not owner:
        return None, owner
    spellings = sorted(owner, key=lambda s: (-len(s), s))
    return re.compile("|".join(map(re.escape, spellings))), owner


def measures_named(text: str, tokens) -> list[str]:
    """The measures a text names, each place read as the longest spelling found there
    (leftmost first, the scan linear in the text): 党内严重警告 names 党内严重警告 only,
    never 党内警告 or 警告 within it."""
    pattern, owner = tokens
    if pattern is None:
        return []
    return [owner[m.group()] for m in pattern.finditer(text)]


def person_counts(text: str) -> list[tuple[int, str]]:
    """Each count of persons a text states (3人, 一名, 十二名) with its clause, and the sum
    of each list of counts (分别对6名、25名干部: the groups 6 and 25, and the 31 handled;
    not the last count alone)."""
    found = []
    for clause in _CLAUSE.finditer(text):
        words, runs, end = clause.group(), [], -1
        for m in _PERSON_COUNT.finditer(words):
            number = han_number(m.group(1))
            if not number:
                continue
            found.append((number, words))
            # a list: counts joined only by 、和及与 (6名、25名), each a group of its own
            if runs and _LIST_JOIN.fullmatch(words[end:m.start()]):
                runs[-1].append(number)
            else:
                runs.append([number])
            end = m.end()
        found += [(sum(run), words) for run in runs if len(run) > 1]
    return found


def involved_counts(text: str) -> list[int]:
    """The counts of the persons a case concerns (涉及3名干部, 涉及干部5名, 涉及2人), not of
    others it touches (截留涉及12名群众的低保金)."""
    return [n for m in _INVOLVED.finditer(text) if (n := han_number(m.group(1)))]


def handled_counts(text: str, tokens) -> list[int]:
    """The counts of persons a text says were handled: those stated in a clause that
    names a measure or a handling (对3名责任人给予诫勉谈话, 2人受到处分), not 致使3名群众多次往返."""
    return [number for number, clause in person_counts(text)
            if measures_named(clause, tokens) or any(w in clause for w in _HANDLING)]


# 一起通报 is "reported together"; 其中2起通报如下 and 十一起通报 are counts
_CASE_COUNT = re.compile(r"(?!一[ \u3000]*起(?:通报|曝光))" + _NUMBER + r"起")
_EXPOSING = ("通报", "曝光", "典型")
_NOT_EXPOSING = ("澄清", "容错", "免责")
# a count of all the cases found or a change from before (共查处典型问题12起, 较上月减少2起
# 典型问题), not of those the notice reports, unless the clause says it reports them
# (现将其中3起典型问题通报如下, 现将近期查处的3起典型问题通报如下)
_NOT_THE_NOTICES = re.compile(r"查处|查办|查实|立案|受理|发现|排查|累计|同比|环比|较上|"
                              r"增加|减少|下降|上升|增长")
_THE_NOTICES = re.compile(r"现将|通报如下|予以通报|现予通报|其中")


def _case_count_rules(data: Dataset):
    """A notice that says how many cases it reports (关于3起……的通报, 现将其中3起典型问题
    通报如下, 本月通报曝光典型问题3起) says what its `cases` list: a count that is not the
    number of cases it cites (a clarification, 澄清正名, is not one of them) is said at the
    line that states it, before issue and after (the text is then fixed: a correction)."""
    cases: dict = {}
    for case in data.collections.get("cases", []):
        if case.get("id"):
            cases.setdefault(case["id"], case)
    for notice in data.collections.get("notices", []):
        cited = list(dict.fromkeys(c for c in notice.get("cases") or [] if isinstance(c, str)))
        if not cited or any(c not in cases for c in cited):
            continue  # a case it cites that is not there is refused on its own
        exposed = sum(cases[c].get("kind") not in UNHANDLED_KINDS for c in cited)
        for text, at in _notice_texts(notice):
            for clause in _CLAUSE.finditer(text):
                words = clause.group()
                if not any(w in words for w in _EXPOSING) or \
                        any(w in words for w in _NOT_EXPOSING) or \
                        _NOT_THE_NOTICES.search(words) and not _THE_NOTICES.search(words):
                    continue
                for m in _CASE_COUNT.finditer(words):
                    said = han_number(m.group(1))
                    if said is not None and said != exposed:
                        yield problem("notice-case-count-differs", at, value=m.group(),
                                      count=exposed)


def _notice_texts(notice: Rec):
    """(text, place) of a notice's title, its summary and each line of its body."""
    body_line = notice.lines.get("body", notice.where.line)
    places = [(notice.get("title"), notice.at("title")),
              (notice.get("summary"), notice.at("summary"))]
    body = notice.get("body")
    places += [(line, Location(notice.where.path, body_line + offset))
               for offset, line in enumerate(body.split("\n") if isinstance(body, str) else ())]
    return [(text, at) for text, at in places if isinstance(text, str)]


# An ASCII space between Chinese characters, or between one and a digit (应于 2026年3月20日
# 前, 15 家): Chinese text sets none (GB/T 15834, the seeds); each place is one space run.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_IN_CHINESE = re.compile(f"(?<=[{_HAN}]) +(?=[{_HAN}0-9])|(?<=[0-9]) +(?=[{_HAN}])")


def _spacing_rules(data: Dataset):
    """A notice not yet issued (a draft, or one scheduled) whose title, summary or body
    puts an ASCII space beside a Chinese character and a digit or another (第 3 批, 15 家,
    应于 2026年3月20日 前) is told at the line, before it is issued: the issued text is the
    commission's and is changed only by a correction. Said, not refused."""
    for notice in data.collections.get("notices", []):
        if notice.state not in ("draft", "embargoed"):
            continue
        for text, at in _notice_texts(notice):
            found = _SPACE_IN_CHINESE.search(text)
            if found:
                start, end = max(0, found.start() - 6), found.end() + 6
                yield problem("notice-space-in-chinese", at, value=text[start:end].strip(),
                              count=len(_SPACE_IN_CHINESE.findall(text)))


def _summary_rules(data: Dataset, notice: Rec, entries, tokens):
    """The site's summary above an issued notice (本站摘要) names each cited case's unit,
    who was handled (post and name) and with which measures, from the case's record as it is now; the
    notice prints the text it froze at issue. A case edited since (its unit, a person's
    name, a measure) with no `corrections` entry of the case dated after the notice
    would have the site say, above the 版头, what the issued text does not: said at the
    case's line, naming the notice. Said, not refused: the edit may be the urgent fix of
    a wrong name or sanction, which must not wait for the commission's correction; the
    case's correction then makes the summary say so (以案例页面为准)."""
    issued = notice.get("date")
    if not isinstance(issued, dt.date):
        return
    cases: dict = {}
    units: dict = {}
    for case in data.collections.get("cases", []):  # (an id given twice: the first, as
        if case.get("id"):  # the site's pages take it; the second is refused)
            cases.setdefault(case["id"], case)
    for unit in data.collections.get("units", []):
        if unit.get("id"):
            units.setdefault(unit["id"], unit.get("name") or "")
    spelt = {m["id"]: [m.get("name") or ""] + list(m.get("aliases") or [])
             for m in (data.taxonomy or {}).get("measures") or [] if m.get("id")}
    for entry in entries:
        case = cases.get(entry.get("case"))
        if case is None or case.state != "published":
            continue
        if any(isinstance(c.get("date"), dt.date) and c["date"] > issued
               for c in case.get("corrections") or []):
            continue  # the summary says the case was corrected since (以案例页面为准)
        issued_text = f"{entry.get('heading') or ''}\n{entry.get('text') or ''}"
        said = dict(notice=notice.where.path, case=case["id"])
        named = set(measures_named(issued_text, tokens))
        counted = person_counts(issued_text)
        unit = units.get(case.get("unit"))
        if unit and unit not in issued_text:
            yield problem("notice-summary-differs", case.at("unit"), value=unit, **said)
        for person in case.get("persons") or []:
            if not person.get("measures"):
                continue
            shown = policy.display_name(person, data.site, case.get("kind")) \
                if person.get("name") and person.get("count") is None else None
            if shown and shown not in issued_text:
                yield problem("notice-summary-differs", person.at("name"), value=shown,
                              **said)
            # (the summary names each by post too: 办事员张某某, 窗口工作人员3人)
            position = (person.get("position") or "").strip()
            if position and position not in issued_text:
                yield problem("notice-summary-differs", person.at("position"),
                              value=position, **said)
            for measure in person["measures"]:
                names = [n for n in spelt.get(measure, [measure]) if n]
                # token-exact: 党内警告 is not said by 党内严重警告, nor 警告 by 严重警告
                if measure not in named:
                    yield problem("notice-summary-differs", person.at("measures"),
                                  value=names[0] if names else measure, **said)
            count = person.get("count")
            # the counts said of the group: in a clause naming its post or a handling, not
            # 致使3名群众多次往返
            stated = {n for n, clause in counted if position and position in clause
                      or measures_named(clause, tokens) or any(w in clause for w in _HANDLING)}
            if isinstance(count, int) and stated and count not in stated:
                # the summary prints the group as 窗口工作人员3人
                yield problem("notice-person-count-differs", person.at("count"), value=count,
                              said="、".join(map(str, sorted(stated))), **said)
        yield from _attributed_measure_rules(case, issued_text, tokens, said)
        persons = case.get("persons") or []
        if persons:
            total = sum(p["count"] if isinstance(p.get("count"), int) else 1
                        for p in persons)
            handled = max(handled_counts(issued_text, tokens) + involved_counts(issued_text),
                          default=0)
            if handled > total:
                yield problem("notice-person-count-differs", case.at("persons"),
                              value=total, said=handled, **said)


# A sentence of a 通报 (what it says of one person is said in the sentence naming them),
# and a clause that turns from the person to their unit or its leadership
_SENTENCE = re.compile(r"[^。！？；!?;\n]+")
_OF_A_UNIT = re.compile(r"所在|单位|党委|党组|党支部|党总支|领导班子")
# 其 for the person (给予其, 对其), not within 其中, 其他, 尤其, 及其 …
_HIS = re.compile(r"(?<![尤极与及])其(?![中他它余实间次后])")
# a measure stated as history (曾受到, 曾于2020年因……受到, 此前受过), not 曾某某 (a surname),
# and the clause that turns back to this notice's own (此次给予, 现给予, 决定给予)
_PAST = re.compile(r"曾(?:经)?(?=[受被因于获在给])|此前|先前|以往|过往|受过|给予过")
_NOW = re.compile(r"此次|本次|这次|现[给予对决]|决定|研究|给予(?!过)|予以")


def _attributed_measure_rules(case: Rec, issued_text: str, tokens, said: dict):
    """A measure the issued text attributes to a person of the case (names in the sentence
    that names them: 张某某受到党内警告处分) that the record no longer gives them: the
    record was edited after issue, and the site's summary drops what the 通报 said. Said
    at the person's measures, naming the notice. A measure in a sentence naming no person
    of the case (对所在单位予以通报批评) or naming only their unit (张某某所在单位) is
    not theirs; a sentence naming several persons (or a group by its post, 窗口工作人员)
    gives each measure to any of them."""
    if tokens[0] is None:
        return
    spellings = []  # (person, the ways the text may name them)
    for person in case.get("persons") or []:
        name, position = person.get("name"), person.get("position")
        if not isinstance(person.get("measures"), list):
            continue
        if isinstance(name, str) and name.strip() and not person.get("redacted"):
            name = name.strip()
            ways = sorted({name, privacy.surname_of(name) + "某"}, key=len, reverse=True)
        elif isinstance(position, str) and len(position.strip()) > 1:
            ways = [position.strip()]  # a group (窗口工作人员3人) or a name not printed
        else:
            continue
        # the whole name (张某 within 张某某 is that name), not the unit it is in
        spellings.append((person, re.compile(
            "(?:" + "|".join(map(re.escape, ways)) + ")(?!某|所在)")))
    before: list = []  # whom the sentence before ended speaking of
    for sentence in _SENTENCE.finditer(issued_text):
        named: list = []  # whom the sentence is speaking of, clause by clause
        past = False  # in a clause stating history (曾受到党内警告处分)
        for clause in _CLAUSE.finditer(sentence.group()):
            words = clause.group()
            here = [person for person, way in spellings if way.search(words)]
            if here:
                named = here
            elif _OF_A_UNIT.search(words):
                named = []  # ……，对所在单位予以通报批评
            elif not named and len(before) == 1 and _HIS.search(words):
                named = before  # ……。给予其党内警告处分: the one person named before
            if _PAST.search(words):
                past = True  # 曾受到……, 此前受过……: not this notice's measure
            elif _NOW.search(words):
                past = False  # ……，此次给予……
            if not named or past:
                continue
            held = {m for person in named for m in person["measures"]}
            for found in tokens[0].finditer(words):
                measure = tokens[1][found.group()]
                if measure not in held:
                    who = named[0]
                    yield problem("notice-measure-not-in-case", who.at("measures"),
                                  value=found.group(), **said,
                                  person=who.get("name") if who.get("name") and not
                                  who.get("redacted") else who.get("position") or "")
        before = named


def _frozen_rules(data: Dataset, root: Path):
    """What an issued 公文 prints besides its own text is fixed when it is issued (`notice
    freeze`): the words of the labels it prints (`words`, each keeping the placeholders the
    generator fills in), the files its 附件 are (`attachment_digests`) and the template and
    font rules its Word/PDF are made with (`document_style`, each kept in a file the
    project holds: a restyled template would otherwise relay every issued 公文). A file replaced
    after issue changed what the notice published: refused at the attachment, unless a
    correction says so (`corrections` naming the file and its new digest). A notice issued
    before either was frozen is told so (a note: counties migrate)."""
    from generator.document import official_categories
    from generator.notices import FROZEN_WORDS, LISTING_COLUMNS, file_digest

    from generator import word
    from generator.document import style_missing

    official = official_categories(data.taxonomy)
    fields, _lists = _label_reference()
    kept = None  # the kept templates and font rules, read once when a notice froze some
    for notice in data.collections.get("notices", []):
        words = notice.get("words")
        for key in words or {}:
            value = words[key]
            section, name = FROZEN_WORDS[key]
            expected = fields.get(f"{section}.{name}")
            found = label_placeholders(value) if isinstance(value, str) else expected
            if key in LISTING_COLUMNS and isinstance(value, list) \
                    and len(value) != LISTING_COLUMNS[key]:
                yield problem("notice-word-columns", words.at(key), field=key,
                              count=LISTING_COLUMNS[key], actual=len(value))
            if expected is not None and found != expected:
                yield problem("notice-word-placeholders", words.at(key), field=key,
                              expected="".join("{" + n + "}" for n in sorted(expected))
                              or messages()["ranges"]["no_placeholder"],
                              actual=messages()["ranges"]["unreadable_placeholders"]
                              if found is None else "".join("{" + n + "}" for n in sorted(found))
                              or messages()["ranges"]["no_placeholder"])
        attachments = {a.get("file"): a for a in notice.get("attachments") or []
                       if a.get("file")}
        recorded = {}
        for entry in notice.get("attachment_digests") or []:
            if entry.get("file") and entry["file"] not in attachments:
                yield problem("attachment-digest-not-listed", entry.at("file"),
                              value=entry["file"])
            elif entry.get("file") and entry.get("sha256"):
                recorded[entry["file"]] = (entry["sha256"], entry.at("sha256"))
        for correction in sorted((c for c in notice.get("corrections") or []
                                  if c.get("attachment") or c.get("sha256")),
                                 key=lambda c: c.get("date") or dt.date.min):
            name = correction.get("attachment")
            if not name or not correction.get("sha256"):
                yield problem("correction-attachment-incomplete",
                              correction.at("attachment" if name else "sha256"),
                              value=name or "")
            elif name not in attachments:
                yield problem("attachment-digest-not-listed", correction.at("attachment"),
                              value=name)
            else:  # the latest correction of a file says what it is now
                recorded[name] = (correction["sha256"], correction.at("sha256"))
        if isinstance(notice.get("document_style"), dict):
            try:
                word.style_of(notice, root, kept if kept is not None else (
                    kept := word.kept_styles(root)))
            except word.StyleMissing as err:
                yield style_missing(notice, *err.args)
        if notice.get("category") not in official or notice.state not in (
                "published", "embargoed"):
            continue  # a draft is still being written
        if not notice.get("document_style") and "document_style" not in notice.rejected:
            yield problem("notice-style-not-frozen", notice.at("category"),
                          path=notice.where.path)
        unfrozen = [key for key in FROZEN_WORDS if not words or words.get(key) in (None, "", [])]
        if unfrozen:
            yield problem("notice-words-not-frozen", notice.at("words") if words
                          else notice.at("category"), value="、".join(unfrozen),
                          path=notice.where.path)
        unrecorded = []
        for name, attachment in attachments.items():
            path = attachment_path(root, name)
            if not _attachment_name_ok(name) or not path.is_file():
                continue  # said by _attachment_rules
            if name not in recorded:
                unrecorded.append(name)
                continue
            now = file_digest(path)
            if now != recorded[name][0]:
                yield problem("attachment-changed", attachment.at("file"), value=name,
                              digest=now, recorded=recorded[name][0][:12])
        if unrecorded:
            yield problem("notice-attachment-not-frozen", notice.at("attachments"),
                          value="、".join(unrecorded), path=notice.where.path)


def _typing_context(typer: _Typer, rtype: RecordType) -> bytes:
    """Everything besides a file's own bytes that typing its records reads: the time zone,
    the official contacts the scanner allows, and the ids (and names) of every collection
    its fields refer to, with whether that collection is incomplete. A file typed before
    in the same context types to the same records and problems."""
    import hashlib

    digest = hashlib.sha256(f"{rtype.name}\0{typer.tz}\0{typer.scanner_key}".encode())
    for target in sorted(_targets(rtype.fields)):
        digest.update(f"\1{target}\0{target in typer.incomplete}".encode())
        for key, value in sorted(typer.refs.get(target, {}).items()):
            digest.update(f"\2{key}\0{value}".encode())
    return digest.digest()


def _targets(fields: dict[str, Field]) -> set[str]:
    """The collections the fields (nested ones too) refer to."""
    out = set()
    for f in fields.values():
        for each in (f, f.item) if f.item is not None else (f,):
            if each.type == "ref":
                out.add(each.to)
            elif each.fields:
                out |= _targets(each.fields)
    return out


def _type_file(typer: _Typer, files_cache, root: Path, rel: str, rtype: RecordType,
               ids: dict, context: bytes) -> tuple[list[Rec], list[Problem]]:
    """A file's records typed, and the problems met reading it. From `files_cache` when the
    file was typed before with the same bytes in the same context (its ids, registered
    again here, colliding with none read before it in this run); typed and kept there
    otherwise. Typing problems go to the report, as typing adds them."""
    kept = files_cache.typed(root, rel, rtype, context)
    if kept is not None:
        records, typing, problems, registered, added, incomplete = kept
        if not any(folded in ids for folded, _index in added):
            for folded, index in added:
                ids[folded] = records[index]
            for args in registered:
                typer.register(*args)
            typer.incomplete |= incomplete
            typer.report.extend(typing)
            return records, problems
    raws, problems = files_cache.load_file(root, rel, rtype)
    start, incomplete = len(typer.report.problems), set(typer.incomplete)
    typer.registered, typer.added = [], []
    try:
        records = [rec for rec in (_type_record(typer, rtype, raw, ids) for raw in raws)
                   if rec is not None]
        typer.said_once()
        registered, added = typer.registered, typer.added
    finally:
        typer.registered = typer.added = None
    typing = typer.report.problems[start:]
    # A record whose id another file took first, or whose file is not named after its id
    # (a copy of another file?): what it says depends on the other files, so it is typed
    # again on every run rather than kept.
    if not any(p.code in ("duplicate-id", "duplicate-id-case") for p in typing) \
            and not any(_misnamed(rtype, rec) for rec in records):
        position = {id(rec): index for index, rec in enumerate(records)}
        files_cache.keep_typed(root, rel, rtype, context, (
            records, typing, problems, registered,
            [(folded, position[id(rec)]) for folded, rec in added],
            typer.incomplete - incomplete))
    return records, problems


def _type_record(typer: _Typer, rtype: RecordType, raw: RawRecord, ids: dict) -> Rec | None:
    """A raw record typed, its id registered; None for a row refused as shifted (its
    values are in the wrong columns: its id, read from one of them or not, is no
    record's, so nothing may resolve to it or be said to repeat it)."""
    start = len(typer.report.problems)
    typer.date1904 = raw.date1904
    rec = typer.record(rtype.fields, raw.data, raw.where, rtype.name)
    if raw.short and typer.short_row(raw, start, rec):
        if rtype.collection:
            # a reference to the row's unit is a consequence of this one problem
            typer.incomplete.add(rtype.collection)
        return None
    if rtype.shape == "front-matter":
        rec["body"] = raw.body
        rec.set_line("body", raw.body_line)
        slug = raw.slug
        if _ID.fullmatch(slug):
            rec["slug"] = slug
            if windows_device(slug):
                typer.report.add(problem("windows-device-name", Location(raw.where.path, 1),
                                         field=term("file_name"), value=slug,
                                         name=windows_device(slug)))
        else:  # the file's name, not its front matter: said at the file's first line
            typer.report.add(problem("bad-id", Location(raw.where.path, 1), field=term("file_name"),
                                     value=slug))
        if typer.scanner:
            typer.report.extend(privacy.scan_markdown(typer.scanner, raw.body, raw.where.path,
                                                      raw.body_line, term("body")))
            # the page's one h1 is the record's title (the template prints it)
            for number, text in sanitize.top_headings(raw.body):
                typer.report.add(problem("body-top-heading", Location(
                    raw.where.path, raw.body_line + number), field=term("body"), value=text[:40]))
            for number, text in sanitize.status_boxes(raw.body):
                typer.report.add(problem("body-status-box", Location(
                    raw.where.path, raw.body_line + number), field=term("body"), value=text[:40]))
    key = rec.get(rtype.id) if rtype.id else None
    if rtype.id and not key and rtype.collection:
        typer.incomplete.add(rtype.collection)
    if key and any(fnmatch.fnmatchcase(id_key(key), id_key(r)) for r in rtype.reserved):
        typer.report.add(problem("reserved-id", rec.at(rtype.id), value=key, label=rtype.label,
                                 reserved="、".join(rtype.reserved)))
        key = None
        typer.incomplete.add(rtype.collection)
    if rtype.id and key:
        folded = id_key(key)
        if _misnamed(rtype, rec):
            # said once every file is read (`_misnamed_files`): a copy of another file
            # (2026-001 - 副本.yml) is said to be one, whichever of the two is read first
            typer.misnamed.append(rec)
        if folded in ids:
            first, again = ids[folded], rec
            if _misnamed(rtype, first) and not _misnamed(rtype, rec):
                # a copy (2026-001 - 副本.yml) sorts before its original: the copy is
                # the file to change, whichever was read first
                first, again = rec, first
            code = "duplicate-id" if first[rtype.id] == again[rtype.id] else "duplicate-id-case"
            repeated = problem(code, again.at(rtype.id), value=again[rtype.id],
                               label=rtype.label, first=str(first.at(rtype.id)),
                               other=first[rtype.id])
            if _misnamed(rtype, again):
                typer.repeated[id(again)] = repeated
            else:
                typer.report.add(repeated)
        else:
            ids[folded] = rec
            if typer.added is not None:
                typer.added.append((folded, rec))
            names = (rec.get("name", "") or "", rec.get("title", "") or "")
            typer.register(rtype.collection, key, names if rtype.name != "case" else ())
    return rec


def _repeated_files(report: Report, start: int, rtype: RecordType, records: list[Rec]) -> None:
    """A table file most of whose ids an earlier file of the folder holds (台账-2026-06.xlsx
    made by copying 台账-2026-05.xlsx and updating it, as a monthly ledger is kept): one
    problem naming both files and the way out, instead of a duplicate-id on every row
    that says nothing of why."""
    rows: dict[str, list[tuple[str, int]]] = {}  # file -> its ids, in the order read
    for rec in records:
        key = rec.get(rtype.id)
        if key:
            rows.setdefault(rec.where.path, []).append((id_key(key), rec.at(rtype.id).line))
    holders: dict[str, list[str]] = {}  # id -> the earlier files holding it
    for path, own in rows.items():
        shared: dict[str, list[int]] = {}
        for key, line in own:
            for other in dict.fromkeys(holders.get(key, ())):
                shared.setdefault(other, []).append(line)
        for key, _line in own:
            if path not in holders.setdefault(key, [])[-1:]:
                holders[key].append(path)
        if not shared:
            continue
        other, lines = max(shared.items(), key=lambda each: len(each[1]))
        if len(lines) < 2 or 2 * len(lines) < len(own):
            continue
        said = set(lines)
        report.problems[start:] = [
            p for p in report.problems[start:] if not (
                p.path == path and p.line in said
                and p.code in ("duplicate-id", "duplicate-id-case"))]
        report.add(problem("table-file-repeats", Location(path, lines[0]), label=rtype.label,
                           other=other, count=len(lines), total=len(own),
                           lines="、".join(map(str, lines[:8])) + ("…" if len(lines) > 8
                                                                   else "")))


def _misnamed_files(typer: _Typer, rtype: RecordType, records: list[Rec],
                    files: list[str] = ()) -> None:
    """One problem for each record whose file is not named after its id: a copy when
    its name holds the id and the file named after that id holds the same id
    (2026-001 - 副本.yml beside 2026-001.yml: not also a repeated id), a wrong name
    otherwise (and its id repeated, when it is). A file name is offered only when no
    file of the folder (`files`, read or not) has it, as a file system compares names."""
    if not typer.misnamed:
        return
    taken = {(str(PurePosixPath(rel).parent), id_key(PurePosixPath(rel).stem)): rel
             for rel in files}
    named = {}
    for rec in records:
        if rec.get(rtype.id) and not _misnamed(rtype, rec):
            named.setdefault(rec[rtype.id], rec)
    used = {id_key(rec[rtype.id]) for rec in records if rec.get(rtype.id)}
    for rec in typer.misnamed:
        key, name = rec[rtype.id], PurePosixPath(rec.where.path).name
        original = named.get(key)
        stem = PurePosixPath(name).stem
        if original is not None:
            # its id is the id of a file named for it: a copy of that file, one problem
            # (never "rename it to 2026-001.yml", the original's own name)
            if id_key(key) in id_key(stem):  # as Windows and macOS name a copy
                code, wanted = "file-copy", ""
            elif _free_id(rtype, unicodedata.normalize("NFKC", stem), used):
                code, wanted = "file-copied-id-rename", unicodedata.normalize("NFKC", stem)
            else:  # 案例 - 副本.yml, 新建文本文档.yml: the copy's name says nothing
                code, wanted = "file-copied-id", ""
            typer.report.add(problem(code, rec.at(rtype.id), label=rtype.label, value=key,
                                     name=name, wanted=wanted,
                                     original=PurePosixPath(original.where.path).name))
            continue
        holder = taken.get((str(PurePosixPath(rec.where.path).parent), id_key(key)))
        if holder is not None and holder != rec.where.path:
            # 2026-002.yml is another file (2026-001c.yml holding 2026-001b beside
            # 2026-001B.yml): renaming is no way out, one of the two ids is wrong
            typer.report.add(problem("file-name-not-id-taken", rec.at(rtype.id),
                                     label=rtype.label, value=key, name=name,
                                     other=PurePosixPath(holder).name))
        else:
            typer.report.add(problem("file-name-not-id", rec.at(rtype.id), label=rtype.label,
                                     value=key, name=name, wanted=f"{key}.yml"))
        typer.report.add(typer.repeated.get(id(rec)))
    typer.misnamed.clear()
    typer.repeated.clear()


def _free_id(rtype: RecordType, value: str, used: set[str]) -> bool:
    """Whether `value` (a copy's file name) may be given as its id: a valid id, held by
    no record (whatever its file's name), neither reserved nor a Windows device name."""
    return bool(_ID.fullmatch(value)) and id_key(value) not in used \
        and not any(fnmatch.fnmatchcase(id_key(value), id_key(r)) for r in rtype.reserved) \
        and not windows_device(value)


def _misnamed(rtype: RecordType, rec: Rec) -> bool:
    """A record with a file of its own (a case) whose file is not named after its id."""
    return rtype.shape == "file" and bool(rec.get(rtype.id)) and \
        id_key(PurePosixPath(rec.where.path).stem) != id_key(rec[rtype.id])


def id_key(value: str) -> str:
    """What makes two ids (or names) the same: Unicode compatibility forms and case
    ignored, as a case-insensitive web server or file system would."""
    return unicodedata.normalize("NFKC", _FORMAT.sub("", value)).casefold()


def _look_alike_units(units: list[Rec]):
    """Two units whose names (or ids) a reader takes for one: 東城鎮 and 东城镇, ХZ01 and
    XZ01, XZ01 and XZO1. A record naming either is then shown under a unit that looks like
    the other, so a careless or hostile record impersonates a unit. Said at the second,
    naming the first (exact duplicates and case or width alone are said elsewhere)."""
    for key, what in (("id", term("id")), ("name", term("name"))):
        seen: dict[str, Rec] = {}
        for unit in units:
            value = unit.get(key)
            if not isinstance(value, str) or not value:
                continue
            folded = look_alike_key(value)
            other = seen.get(folded)
            if other is None:
                seen[folded] = unit
            elif id_key(other[key]) != id_key(value):
                yield problem("look-alike-unit", unit.at(key), what=what, value=value,
                              other=other[key], first=str(other.at(key)))


def look_alike_key(value: str) -> str:
    """What two names or ids look alike by: id_key, then traditional and variant Han
    forms folded to the simplified one (generator/hanzi_variants.txt, from Unihan),
    Cyrillic and Greek letters and katakana that are drawn as a Latin letter or a Han
    character, and O/0, I/l/1. One pass over the text."""
    return normalise.simplified(id_key(value)).translate(_look_alike_table())


@functools.cache
def _look_alike_table() -> dict[int, str]:
    return {ord(char): target for group, target in _HOMOGLYPHS.items() for char in group}


# Letters drawn like another script's (after casefold), and katakana drawn like a Han
# character; digits and the letters drawn like them.
_HOMOGLYPHS = {
    "аα": "a", "в": "b", "сϲ": "c", "ԁ": "d", "еεё": "e", "һ": "h", "іιӏ": "i", "ј": "j",
    "кκ": "k", "м": "m", "ոη": "n", "оοσ": "o", "рρ": "p", "ԛ": "q", "ѕ": "s", "тτ": "t",
    "υ": "u", "νѵ": "v", "ԝ": "w", "хχ": "x", "уγ": "y", "ζ": "z",
    **normalise.DRAWN_AS_HAN,
    "o": "0", "il": "1",
}


# Characters that render as nothing (soft hyphen, joiners, direction marks …): two ids or
# names that differ only by them look the same to every reader.
_FORMAT = re.compile(normalise.INVISIBLE_CLASS)


def _load_labels(root: Path) -> tuple[dict, list[Problem]]:
    rel = "site_config/labels.yml"
    text, problems = load.read_text_file(root, rel)
    if text is None:
        return {}, problems
    tree, problems = load.parse_yaml(text, rel)
    if tree is None:  # its syntax error is the one problem; no label is read
        return {}, problems
    if isinstance(tree, YMap) and not tree:  # emptied: one problem, not one per label
        return {}, problems + [problem("yaml-empty", Location(rel, 1))]
    if not isinstance(tree, YMap):
        problems.append(problem("wrong-shape", Location(rel, 1), field="labels",
                                expected=_shape("mapping"), actual=load._shape_name(tree)))
        return {}, problems
    problems += list(_label_markup(tree, rel, "", 1))
    problems += list(_label_official(tree, rel, "", 1))
    problems += list(_label_fields(tree, rel, "", 1, _label_reference()))
    problems += list(_labels_needed_later(tree, rel))
    return Labels(_plain(tree)), problems


# Labels a page prints only once a county's data grows: the pager of a list past one page,
# the 附注 of every issued 公文 (its seal's, frozen at issue from the label). A county's
# labels.yml without one passes check today and stops the build the day its data reaches
# it (a scheduled notice's embargo lifting at night, say): said now, at its section.
_NEEDED_LATER = ("common.page_of", "common.previous", "common.next", "document.seal")


def _labels_needed_later(tree: YMap, rel: str):
    """Each label of _NEEDED_LATER missing from labels.yml, at the line of its deepest
    section there (one problem for a section missing whole), or written empty, at its
    line (the 公文 would print an empty 附注; a pager's placeholders are said apart)."""
    uses = messages()["label_uses"]
    said = set()
    for key in _NEEDED_LATER:
        holder, line, parts = tree, 1, key.split(".")
        for depth, part in enumerate(parts):
            if not isinstance(holder, YMap) or part not in holder:
                missing = ".".join(parts[:depth + 1])
                if missing not in said:
                    said.add(missing)
                    yield problem("label-needed-later", Location(rel, line), field=missing,
                                  state=uses["state_missing"],
                                  use=uses[key.split(".")[0] if depth == 0 else key])
                break
            line, holder = holder.lines[part], holder[part]
        else:
            if isinstance(holder, str) and not holder.strip() \
                    and _label_reference()[0].get(key) == frozenset():
                yield problem("label-needed-later", Location(rel, line), field=key,
                              state=uses["state_empty"], use=uses[key])


@functools.cache
def _label_reference() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """({label: its placeholders}, the labels that are lists): generator/label_fields.yml."""
    from generator.problems import own_yaml

    ref = own_yaml("label_fields.yml")
    return ({key: frozenset(names) for key, names in ref["texts"].items()},
            frozenset(ref["lists"]))


def label_reference_text(labels_yml: str) -> str:
    """generator/label_fields.yml as the shipped labels.yml makes it (a test compares it;
    `pytest --update-golden` writes it)."""
    import yaml

    texts, lists = [], []

    def leaves(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                leaves(item, f"{key}.{name}" if key else str(name))
        elif isinstance(value, str):
            texts.append(f"  {key}: [{', '.join(sorted(label_placeholders(value) or ()))}]")
        else:
            lists.append(f"  - {key}")

    leaves(yaml.safe_load(labels_yml))
    return "\n".join([
        "# Every label of site_config/labels.yml with the {placeholders} the generator fills it",
        "# in with ([] when none), and the labels that are lists. `check` holds staff's",
        "# labels.yml to it; a test keeps it equal to the shipped labels.",
        "texts:", *texts, "lists:", *lists]) + "\n"


def label_placeholders(text: str) -> set[str] | None:
    """The {names} a label is filled in with, or None when it cannot be filled in at all
    (an unclosed brace, an index, an attribute, a conversion or a format)."""
    import string

    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            return None
        names.add(name)
    return names


def _label_fields(value, rel: str, name: str, line: int, reference):
    """A label keeps the {placeholders} the generator fills in, as the shipped labels
    have them: one renamed or mistyped stops the build (perhaps only on a later day,
    when the page that prints it first appears); one deleted drops a figure silently."""
    fields, lists = reference
    if isinstance(value, YMap) and name not in lists:
        for key, item in value.items():
            yield from _label_fields(item, rel, f"{name}.{key}" if name else str(key),
                                     value.lines.get(key, line), reference)
        return
    if name in lists:
        if not isinstance(value, YList):
            yield problem("wrong-shape", Location(rel, line), field=name, expected=_shape("list"),
                          actual=load._shape_name(value))
        return
    if not isinstance(value, str):
        yield problem("wrong-shape", Location(rel, line), field=name, expected=term("text"),
                      actual=load._shape_name(value))
        return
    if name not in fields:  # a label the generator does not print: nothing to fill in
        return
    expected = fields[name]
    found = label_placeholders(value)
    if found != expected:
        def shown(names):
            return "".join("{" + n + "}" for n in sorted(names)) or \
                messages()["ranges"]["no_placeholder"]

        yield problem("label-placeholders", Location(rel, line), field=name,
                      expected=shown(expected),
                      actual=messages()["ranges"]["unreadable_placeholders"] if found is None
                      else shown(found))


def _label_markup(value, rel: str, name: str, line: int):
    """Labels are printed as text (and navigation labels by a theme that does not
    escape them): markup in one is a mistake, reported at its line."""
    if isinstance(value, YMap):
        for key, item in value.items():
            yield from _label_markup(item, rel, f"{name}.{key}" if name else str(key),
                                     value.lines.get(key, line))
    elif isinstance(value, YList):
        for number, (item, at) in enumerate(zip(value, value.lines, strict=True)):
            yield from _label_markup(item, rel, f"{name}[{number}]", at)
    elif isinstance(value, str) and sanitize.markup_in(value):
        shown = value.strip().replace("\n", " ")
        yield problem("label-markup", Location(rel, line), field=name,
                      value=shown[:40] + ("…" if len(shown) > 40 else ""))


# The label sections written into a notice staff issue (the drafts of `bulletin` and
# `notice`, the 公文's own words): the only labels that may read as a 通报 or 决定.
_ISSUED_LABELS = ("bulletin", "notice_draft", "document")
# What makes a label read as an act of the commission: a notice's title and closing words,
# the formulas only an issued 通报 or 决定 writes, and its acts in its own words (通报批评,
# 责令, 严肃问责, 给予……处分, 依规免予问责, 予以澄清正名, 予以容错免责): a computed page
# states status (已免予问责, 已澄清正名).
_LABEL_ACT = re.compile(_OFFICIAL_WORDING.pattern + r"|现予(?:以)?通报|予以|通报如下|决定给予"
                        r"|决定对|决定如下|经研究[，,]?(?:决定|同意)|研究决定|现予印发|印发给你们"
                        r"|通报批评|责令|严肃问责|严肃处理|予以问责|依规免予|依规依纪|依纪依规"
                        r"|给予[^，。；\n]{0,12}处分")
_LABEL_TITLE = re.compile(r"(通报|决定|处分)[\s　。.!！:：]*$")


def _label_official(value, rel: str, name: str, line: int):
    """A label the site prints on the pages it computes (lists, figures, a unit's or a
    case's page, feeds, open data) states status: one that reads as a 通报, 决定 or 处分
    would speak in the commission's name where no document was issued."""
    if isinstance(value, YMap):
        for key, item in value.items():
            if not name and key in _ISSUED_LABELS:
                continue
            yield from _label_official(item, rel, f"{name}.{key}" if name else str(key),
                                       value.lines.get(key, line))
    elif isinstance(value, YList):
        for number, (item, at) in enumerate(zip(value, value.lines, strict=True)):
            yield from _label_official(item, rel, f"{name}[{number}]", at)
    elif isinstance(value, str):
        found = _LABEL_ACT.search(value) or _LABEL_TITLE.search(value.strip())
        if found:
            said = found.group().strip(" 　。.!！:：")
            # what it reads as: 通报 (予以通报批评 too), 处分, else a 决定 (责令, 免予问责)
            word = next((w for w in ("通报", "处分") if w in said), None) or \
                ("决定" if said[-2:] not in ("通报", "处分") else said[-2:])
            yield problem("label-reads-as-official", Location(rel, line), field=name,
                          value=value.strip()[:40], word=word)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)  # a plain str, not the loader's YStr


_SEPARATOR = "\x1f"  # between texts joined for one scan (taken out of them first)


def _quoted_hidden_rules(data: Dataset, root: Path, record_files: set[str]):
    """The audit refuses the words of a record that is not public (a draft, one under
    embargo, one withdrawn) wherever the built site shows them: a published record, notice
    or page under content/ that quotes one (a notice's body naming a case withdrawn since
    by its title) stopped the build with no line to correct. Found here, at the quoting
    field's or line's place, naming the record quoted, with the audit's own policy
    (audit.policy_for), so check refuses what the build would."""
    from generator import audit
    from generator.audit import policy_for, record_texts
    from generator.normalise import normalise

    texts = record_texts(data)  # read once, for the policy and for the search below
    policy = policy_for(data, texts=texts)
    if not policy.hidden_texts:
        return
    types = {rt.collection: rt for rt in record_types().values() if rt.collection}
    sources: dict[str, Rec] | None = None

    def source(secret: str) -> Rec | None:
        nonlocal sources
        if sources is None:  # made once, when something is found
            sources = {}
            for name, records in data.collections.items():
                for rec in records:
                    if not rec.published:  # keyed as policy_for makes the hidden lines
                        found = [t for _f, t, _h, _n in walk(rec, types[name].fields)]
                        for text in found + [rec.get("body") or ""]:
                            for line in text.splitlines():
                                sources.setdefault(normalise(line.strip()), rec)
        return sources.get(secret)

    def across_breaks(lines: list[str], found: set[str]):
        """(0-based line, quote) of each quote the page shows whole only once a line
        break between two Han characters is taken out (softbreak.py), at its first line."""
        joined = soft_joined("\n".join(lines))
        if joined is not None:
            whole, removed = joined
            for secret, offset in policy.hidden_texts.find(whole).items():
                if secret not in found:
                    yield source_line(whole, removed, offset), secret

    def in_views(written: list[str], lines: list[str]):
        """(0-based line, quote) of each quote in a Markdown body, as written (`lines`)
        and as the page shows its words (sanitize.text_lines: 东城镇**低保**, a link's
        text, a tag or a character reference inside a quote hid it from check, not
        from the audit), each once, a line's own before those across line breaks."""
        shown = [normalise(line) for line in sanitize.text_lines(written)]
        views = [lines] + ([shown] if shown != lines else [])
        told: dict[tuple[int, str], None] = {}
        for view in views:
            found = set()
            for offset, line in enumerate(view):
                for secret in policy.hidden_texts.find(line):
                    found.add(secret)
                    told.setdefault((offset, secret))
            for offset, secret in across_breaks(view, found):
                if not any((at, secret) in told for at in range(offset + 1)):
                    told.setdefault((offset, secret))
        return list(told)

    def said(at: Location, label: str, secret: str):
        quoted = source(secret)
        return problem("quotes-unpublished-record", at, field=label, value=secret[:12],
                       source=quoted.where if quoted is not None else "",
                       reason=quoted.why if quoted is not None else "")

    # Every published text: normalised (each short one once: a county repeats them),
    # joined a batch at a time (a quote never spans two texts, so a batch finds what the
    # whole would, without a copy of a city's texts held at once), each hit placed back
    # in its text.
    places = texts.places
    reported = set()
    for base in range(0, len(texts.texts), audit.TEXT_BATCH):
        plain = _SEPARATOR.join([normalise(text).replace(_SEPARATOR, " ")
                                 for text in texts.texts[base:base + audit.TEXT_BATCH]])
        starts: list[int] | None = None
        for offset, secret in policy.hidden_texts.find_all(plain):
            if starts is None:  # (made only when something is found)
                starts = [0] + [m.end() for m in re.finditer(_SEPARATOR, plain)]
            local = bisect.bisect_right(starts, offset) - 1
            index = base + local
            if (index, secret) not in reported:
                reported.add((index, secret))
                holder, fname, label, _field = places[index]
                at, first = holder.at(fname), holder.lines.get(fname + _BLOCK)
                if first is not None:  # a literal block (|): the quote's own line in it
                    # (normalisation keeps the line breaks)
                    at = dataclasses.replace(at, line=first + plain.count(
                        "\n", starts[local], offset))
                yield said(at, label, secret)
    for name, records in data.collections.items():
        if types[name].shape != "front-matter":
            continue
        for rec in records:
            if rec.published and rec.get("body"):
                first = rec.lines.get("body", rec.where.line)
                written = rec["body"].split("\n")
                for offset, secret in in_views(written, [normalise(line) for line in written]):
                    yield said(Location(rec.where.path, first + offset), BODY_FIELD.label,
                               secret)
    # the pages staff write under content/, read as they show (character references decoded)
    content = root / "content"  # (`record_files`: the files read as notices, not pages)
    for path in sorted(content.rglob("*.md")) if content.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        if not load.named_in_utf8(rel) or rel in record_files or rel == GENERATED_PAGE or not path.is_file() \
                or any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        raw, unreadable = load.read_staff(root, rel)
        if unreadable:
            continue  # (said by _content_files)
        text, bad = load.decode(raw, rel)
        written = (text or "").split("\n")
        for offset, secret in in_views(written, [normalise(sanitize.unescape(line))
                                                 for line in written]):
            yield said(Location(rel, offset + 1), BODY_FIELD.label, secret)

