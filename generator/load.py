"""Load: files -> raw records that remember where every value was written.

Nothing is typed here. YAML is composed with no implicit resolvers, so `NO`, `010`,
`1:30` and `2026-02-30` all stay the text that was written; CSV and xlsx cells are read
as text. Typing by the schema happens in `checks.py`, where every value has its line.

Every file under the folders the generator owns is either read or reported by name
(`project_files`), nothing outside the project is read (symlinks are refused), and every
reader has limits: file sizes, YAML depth, no aliases. Lines are counted as editors count
them: only "\\n" (or a lone "\\r") ends a line.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import fnmatch
import os
import re
import stat
import unicodedata
import warnings
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

import yaml

from generator.problems import Location, Problem, messages, problem, suggestion
from generator.schema import RecordType, record_types

# Limits (also on the staff page, through the problems that enforce them).
MAX_TABLE_BYTES = 16 * 2**20  # one CSV file: about 120,000 ledger rows
MAX_XLSX_BYTES = 2 * 2**20  # one workbook, about 28,000 ledger rows (openpyxl holds every cell)
MAX_XLSX_UNPACKED = 64 * 2**20  # the same workbook unpacked
MAX_TEXT_BYTES = 2 * 2**20  # one YAML or Markdown file
MAX_DEPTH = 40  # YAML nesting; the schema needs 5
MAX_CELL = 32767  # Excel's own limit for one cell
MAX_REPORTS = 20  # control characters reported one by one in a file, then counted

csv.field_size_limit(MAX_TABLE_BYTES)

# The folders whose every file is read or reported, and files read outside the schema.
OWNED = ("data", "site_config", "content/notices")
# The Word template and font configuration of official documents (word.py, pdf.py).
EXTRA_FILES = ("site_config/labels.yml", "site_config/document-template.docx",
               "site_config/fonts.conf")
EXTRA_FOLDERS = ("content/notices/files",)  # notice attachments, checked by checks.py
# Templates and font rules kept for the notices issued with them (word.STYLE_ARCHIVE): a
# file of another kind there is never looked at, so an issued 公文 would be laid out anew.
STYLE_FOLDER, STYLE_SUFFIXES = "site_config/document-styles", (".docx", ".conf")
_GIT_FILES = {".gitkeep", ".gitignore", ".gitattributes"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls, .et and encrypted workbooks
# Spreadsheets in a format other than .xlsx (named by messages.yml's file_kinds), and
# documents that are no table at all: what each is is said, with how to save it.
_OLD_WORKBOOKS = {".xls", ".xlsm", ".xlsb", ".et", ".ett", ".xlt", ".xltx", ".xltm", ".ods",
                  ".numbers", ".dbf"}
_DOCUMENTS = {".doc", ".docx", ".wps", ".wpt", ".dot", ".dotx", ".rtf", ".odt", ".pdf",
              ".ofd", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
_CANONICAL_SUFFIX = {".yml": ".yml", ".yaml": ".yml", ".csv": ".csv", ".xlsx": ".xlsx",
                     ".md": ".md", ".markdown": ".md"}
# Characters Excel and copy-paste leave around values, and every other one Unicode says
# renders as nothing (normalise.INVISIBLE_CLASS: soft hyphen, grapheme joiner, invisible
# operators, fillers, format controls): removed, never kept as data, so a unit's name, a
# title or an address is what it looks like (东<U+00AD>城镇 is 东城镇; 17B4, 1D173 or 206A
# were kept, a hidden character on the page). A single variation selector stays (it
# picks a glyph); bidi controls, tag characters and selector runs are refused where they
# are written (_CONTROL); the prepended concatenation marks (U+0600…) show a glyph.
_HAS_INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d"
                            "\u2060-\u2065\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb"
                            "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                            "\U000e0000\U000e0002-\U000e001f\U000e0080-\U000e00ff"
                            "\U000e01f0-\U000e0fff]")
_EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"}
# What YAML refuses or counts as a line break although no editor does: C0/C1 controls
# (tab and newline aside), U+2028/U+2029 and the non-characters.
# Control characters, and every bidi control (Unicode's Bidi_Control: the embeddings,
# overrides and isolates, and the marks LRM, RLM and ALM) that makes the text around it
# read in another order than it is written (a title ending "\u202excod.exe", a unit's
# name or an address with U+200F between its parts); the tag characters, which show
# nothing and spell any ASCII (an ID number written in them is on the page, in the feeds
# and in the search index, unseen by a reader and by every scan, which drops them).
_CONTROL_CLASS = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028"
                  "\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\U000e0001"
                  "\U000e0020-\U000e007f]")
# Two variation selectors in a row: one chooses the glyph of the character before it (an
# emoji's, an ideograph's variant), a second chooses nothing and shows nothing, so a run
# of them carries bytes no reader sees (one selector per byte, 256 of them).
_SELECTOR_RUN = "[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}"
_CONTROL = re.compile(_CONTROL_CLASS + "|" + _SELECTOR_RUN)
# What of the above an attachment's text may not hold either: the characters that hide
# or reorder text without being a file's own line or page break.
_HIDDEN = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\U000e0001"
                     "\U000e0020-\U000e007f]|" + _SELECTOR_RUN)
# What each is called to staff: messages.yml, control_names
_BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_BIDI_MARKS = frozenset("\u061c\u200e\u200f")
_TAGS = frozenset(chr(c) for c in [0xE0001, *range(0xE0020, 0xE0080)])
_YAML_NULLS = {"~", "null", "Null", "NULL"}


def _control_name(found: str) -> str:
    """What staff are told a found control character (or run of selectors) is."""
    said = messages_section("control_names")
    code = f"{ord(found[0]):04X}"
    if len(found) > 1:
        return said["selectors"].format(count=len(found), code=code)
    kind = "bidi_control" if found in _BIDI_CONTROLS else "bidi_mark" if found in _BIDI_MARKS \
        else "tag" if found in _TAGS else "other"
    return said["named"].get(code) or said[kind].format(code=code)


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


class YStr(str):
    """A YAML scalar as written: `first` is the line its text starts on; in a literal
    block (`|`) every line of the text is a line of the file, otherwise lines are folded
    and anything in the value is reported at `first`."""

    first: int
    literal: bool


@dataclass
class RawRecord:
    """One record before typing: its type, where it is, its values, and a Markdown body."""

    type: RecordType
    where: Location
    data: YMap
    body: str = ""
    body_line: int = 0
    slug: str = ""
    # A CSV row read with fewer cells than its header has columns, as Excel saves a row
    # whose last cells are empty: (cells it had, header's columns); () for a whole row.
    # Typing refuses it as a short row when its values do not fit their columns.
    short: tuple[int, int] | tuple[()] = ()
    # Read from a workbook in Excel's 1904 date system (old Mac files): a date number in
    # it (a date column formatted 常规) stands for a day 1462 days after the same number
    # in the usual 1900 system, which the hint naming that day must count from.
    date1904: bool = False


# --------------------------------------------------------------------------- text


def control_characters(text: str, path: str, problems: list[Problem], first_line: int = 1,
                       code: str = "control-character") -> str:
    """Report control characters at their line and column; return the text with each one
    replaced by a space, so no later line moves. Linear: one pass, no look-back."""
    if not _CONTROL.search(text):
        return text
    line, line_start, pos, reported, last_line = first_line, 0, 0, 0, 0
    more: dict[str, int] = {}
    for match in _CONTROL.finditer(text):
        start = match.start()
        newlines = text.count("\n", pos, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", pos, start) + 1
        pos = start
        if line == last_line:
            continue
        last_line = line
        char = match.group()
        if reported < MAX_REPORTS:
            reported += 1
            problems.append(problem(code, Location(path, line), column=start - line_start + 1,
                                    char=_control_name(char)))
        else:
            more.setdefault("line", line)
            more["count"] = more.get("count", 0) + 1
    if more:
        problems.append(problem("control-character-more", Location(path, more["line"]),
                                count=more["count"]))
    return _CONTROL.sub(" ", text)


def control_in(text: str) -> tuple[int, str] | None:
    """Where the first control character, bidi control or tag character of a short
    text (a file's name) is, and its name for staff; None when it has none."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    return found.start(), _control_name(char)


# In a file's name a tab or a line break is a control like any other (in a file's text
# it is its own): a name with one splits the listing and every line that prints it.
_NAME_CONTROL = re.compile("[\t\n\r]|" + _CONTROL.pattern)


def name_control_in(name: str) -> tuple[int, str] | None:
    """`control_in` for a file's name or path: tab, line feed and carriage return too."""
    found = _NAME_CONTROL.search(name)
    return None if found is None else (found.start(), _control_name(found.group()))


# What the audit refuses in what the build wrote: the above, and every control character
# and noncharacter the browser and a reader's program keep (&#x1; is U+0001 on the page,
# ESC, U+0081, U+FFFE) and none shows; not a tab, a line break or a form feed (HTML's
# white space), nor U+001F, the audit's own mark between the texts it joins.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0e-\x1e\x7f-\x9f\ufffe\uffff]|" + _HIDDEN.pattern)


def unseen_in(text: str) -> tuple[int, str] | None:
    """`hidden_in`, and the control characters and noncharacters a built file may not
    hold (`_UNSEEN`): check refuses them where staff type them or write them as
    references, so one in the site came by a road check did not read."""
    found = _UNSEEN.search(text)
    return None if found is None else (found.start(), _control_name(found.group()))


def hidden_in(text: str) -> tuple[int, str] | None:
    """Where the first bidi control, tag character or run of variation selectors of a
    text read from an attachment is, and its name for staff; None when it has none."""
    found = _HIDDEN.search(text)
    return None if found is None else (found.start(), _control_name(found.group()))


_CJK = re.compile("[\u3400-\u9fff]")
_LATIN1_RUN = re.compile("[\u00a0-\u00ff]{2}")


def mojibake(text: str, path: str) -> Problem | None:
    """One problem for a file that decodes but whose Chinese was destroyed by a save in
    the wrong encoding, naming the cause and the way back; None for a healthy file."""
    sample = text[:65536]
    where = Location(path, 1)
    bad = sample.find("\ufffd")
    if bad < 0:
        bad = sample.find("锟斤拷")
    if bad >= 0:
        where = Location(path, sample.count("\n", 0, bad) + 1)
        return problem("file-mojibake", where, seen=_excerpt(sample, bad),
                       cause=_say_cause("replaced"), fix=_say_cause("fix_git", path=path))
    if not _CJK.search(sample) and len(_LATIN1_RUN.findall(sample)) >= 2:
        for codec in ("cp1252", "latin-1"):
            try:
                restored = sample.encode(codec).decode("gb18030", errors="replace")
            except UnicodeEncodeError:
                continue
            if len(_CJK.findall(restored)) >= 2 and restored.count("\ufffd") <= 2:
                at = _LATIN1_RUN.search(sample).start()
                return problem("file-mojibake", Location(path, sample.count("\n", 0, at) + 1),
                               seen=_excerpt(sample, at), cause=_say_cause("gbk_as_latin"),
                               fix=_say_cause("fix_git", path=path) + _say_cause("was", text=_excerpt(
                                   restored, _CJK.search(restored).start())))
    if len(_CJK.findall(sample[:4096])) >= 8:
        try:
            raw = sample.encode("gb18030")
        except UnicodeEncodeError:
            return None
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            restored = decoder.decode(raw, final=False)
        except UnicodeDecodeError:
            return None
        if _CJK.search(restored) and restored != sample:
            at = _CJK.search(sample).start()
            return problem("file-mojibake", Location(path, sample.count("\n", 0, at) + 1),
                           seen=_excerpt(sample, at), cause=_say_cause("utf8_as_gbk"),
                           fix=_say_cause("fix_git", path=path) + _say_cause("was", text=_excerpt(
                               restored, _CJK.search(restored).start())))
    return None


def _excerpt(text: str, at: int) -> str:
    return text[at:at + 12].split("\n")[0]


def _say_cause(key: str, **params: str) -> str:
    from generator.problems import messages

    return messages()["mojibake"][key].format(**params)


# --------------------------------------------------------------------------- YAML


class _TooDeep(yaml.MarkedYAMLError):
    """More nesting than any record needs: refused before Python's stack is."""


class _Loader(yaml.SafeLoader):
    """Composes nodes only. An alias is refused where it is written (it becomes an empty
    value, so nothing is copied and nothing can refer to itself); depth is bounded."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.alias_lines: list[int] = []
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.alias_lines.append(event.start_mark.line + 1)
            return yaml.ScalarNode(_STR_TAG, "", event.start_mark, event.end_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(problem_mark=self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser (C), for text that can hold no alias and cannot nest deeper than
    MAX_DEPTH (`_fast`): the same nodes, lines and values, several times faster. Any
    error it meets is reported by `_Loader` instead, in its words."""


# No implicit resolvers: every plain scalar is a string, exactly as written.
_Loader.yaml_implicit_resolvers = {}
_FastLoader.yaml_implicit_resolvers = {}
_STR_TAG = "tag:yaml.org,2002:str"


def _fast(text: str) -> bool:
    """Whether libyaml may read `text`: no anchor or alias, and nesting (indentation,
    dashes and flow brackets counted generously) far below what its recursive composer
    could not stack. Text that could nest deeper than MAX_DEPTH is measured once read
    (`_could_be_deep`, `_deeper_than`)."""
    if not getattr(yaml, "__with_libyaml__", False) or "*" in text or "&" in text:
        return False
    return _nesting_bound(text) < _LIBYAML_DEPTH


_LIBYAML_DEPTH = 1000
_FAILED = object()


def _nesting_bound(text: str) -> int:
    flow = text.count("[") + text.count("{")
    if flow >= _LIBYAML_DEPTH:
        return flow
    deepest = max((len(line) - len(line.lstrip(" ")) + line.count("-")
                   for line in text.split("\n")), default=0)
    return deepest + flow + 2


def _deeper_than(node, limit: int) -> bool:
    """Whether a path from `node` down holds more than `limit` nodes (keys counted, as
    _Loader counts them)."""
    stack = [(node, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(part, depth + 1) for pair in node.value for part in pair]
    return False


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """YAML text -> YMap/YList/YStr tree; problems carry file lines offset by first_line.

    Never raises: every failure is a problem at the line the clerk must look at."""
    problems: list[Problem] = []
    text = control_characters(text, path, problems, first_line)
    offset = first_line - 1
    if _fast(text):
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
        except Exception:  # noqa: BLE001 - _Loader reads it again and says what is wrong
            node = _FAILED
        finally:
            loader.dispose()
        # Text whose brackets or indentation could add up to more than MAX_DEPTH (a
        # labels file's `{count}` placeholders) is measured: deeper, and _Loader says so.
        if node is not _FAILED and (node is None or _nesting_bound(text) < MAX_DEPTH
                                    or not _deeper_than(node, MAX_DEPTH)):
            return (YMap(first_line) if node is None
                    else _convert(node, path, offset, problems, text)), problems
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return None, problems + [_yaml_problem(err, text, path, offset)]
    except (yaml.YAMLError, RecursionError, ValueError) as err:
        return None, problems + [problem("yaml-syntax", Location(path, first_line),
                                         detail=type(err).__name__)]
    finally:
        loader.dispose()
    problems += [problem("yaml-alias", Location(path, ln + offset)) for ln in loader.alias_lines]
    if node is None:
        return YMap(first_line), problems
    return _convert(node, path, offset, problems, text), problems


def _convert(node, path: str, offset: int, problems: list[Problem], text: str):
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if node.tag != _STR_TAG:
            problems.append(problem("yaml-tag", Location(path, line), tag=node.tag))
        value = node.value
        if not node.style and value in _YAML_NULLS:  # plain: None (PyYAML) or "" (libyaml)
            value = ""  # YAML's empty value, never the text "~"
        if node.style == '"' and _ESCAPED.search(value):
            # Written as an escape ("\x1b", "\v", "\uFFFE", "\ud800"), which the editor's YAML
            # writer uses for a character pasted from Word: the raw-text check never saw it.
            value = _escaped_characters(value, path, line, node.start_mark.column, problems)
        if not node.style and _comment_glued(text, node.end_mark.index):
            problems.append(problem("yaml-hash-in-value", Location(path, line)))
        out = YStr(value)
        out.literal = node.style == "|"
        out.first = line + (1 if node.style in ("|", ">") else 0)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList(line)
        for item in node.value:
            out.append(_convert(item, path, offset, problems, text))
            out.lines.append(item.start_mark.line + 1 + offset)
        return out
    out = YMap(line)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(problem("wrong-shape", Location(path, key_line), field="?",
                                    expected=messages_section("words")["field_name"],
                                    actual=messages_section("words")["complex"]))
            continue
        key = key_node.value.strip(" \t\u3000")
        if key != key_node.value and not key_node.style:
            # A full-width space before a key is text to YAML, not indentation.
            problems.append(problem("yaml-fullwidth-space", Location(path, key_line)))
        if key in out:
            problems.append(problem("yaml-duplicate-key", Location(path, key_line), field=key,
                                    first=out.lines[key]))
            continue
        out[key] = _convert(value_node, path, offset, problems, text)
        out.lines[key] = key_line
    return out


_ESCAPED = re.compile(_CONTROL_CLASS[:-1] + "\ud800-\udfff]|" + _SELECTOR_RUN)


def _escaped_characters(value: str, path: str, line: int, column: int | None,
                        problems: list[Problem]) -> str:
    """A value's control characters (and lone surrogates, which no file can hold) that
    the file's text did not show (a YAML escape, a workbook's _x001B_) reported at its
    line, as those typed in the file are, at `column` (None: where the first one is in
    the value); each one replaced by a space."""
    found = _ESCAPED.search(value)
    name = _control_name(found.group())
    problems.append(problem("control-character", Location(path, line),
                            column=(found.start() if column is None else column) + 1,
                            char=name))
    return _ESCAPED.sub(" ", value)


def _comment_glued(text: str, start: int) -> bool:
    """Whether a plain value (ending at character `start` of `text`) is followed on its
    line by ` #x`: YAML drops the rest of the line as a comment, but `#3` or `#重要`
    reads as part of the value."""
    end = text.find("\n", start, start + 4096)
    rest = text[start:end if end >= 0 else start + 4096]
    stripped = rest.lstrip(" \t")
    return (stripped.startswith("#") and stripped != rest and len(stripped) > 1
            and not stripped[1].isspace())


_FULLWIDTH_KEY = re.compile(r"\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")
_FULLWIDTH_INDENT = re.compile("[ \t]*\u3000")
# A list item begun with a Chinese keyboard's dash (－ — – 一) instead of "-".
_FULLWIDTH_DASH = re.compile(r"[ \t]*[\uff0d\u2014\u2013\u2012\u2212][ \t\u3000]*[^\s:：]+[ \t]*[:：]")
# Lines searched above an error for its cause: few, so a full-width colon or space in the
# text of a block above is not blamed, and the search stays linear.
_LOOK_BACK = 3


# The codes `_yaml_problem` says a text YAML cannot read with: the file (a notice's front
# matter) is not read at all, so nothing in it is checked until the clerk mends it.
UNREAD_YAML = frozenset({
    "yaml-too-deep", "yaml-fullwidth-colon", "yaml-fullwidth-space", "yaml-fullwidth-dash",
    "yaml-unclosed-quote", "yaml-quote-needed", "yaml-document-end", "yaml-trailing-separator",
    "yaml-tab", "yaml-text-after-quote", "yaml-bad-escape", "yaml-unclosed-bracket",
    "yaml-indentation", "yaml-colon-in-value", "yaml-missing-colon", "yaml-syntax",
    "yaml-two-documents"})


def _yaml_problem(err: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> Problem:
    """PyYAML's English error -> the Chinese problem at the line the clerk must change."""
    lines = text.split("\n")
    mark = err.problem_mark or err.context_mark
    at = min(mark.line if mark else 0, len(lines) - 1)
    what = err.problem or ""
    context = err.context or ""

    def here(code: str, line: int, **params) -> Problem:
        return problem(code, Location(path, line + 1 + offset), **params)

    if isinstance(err, _TooDeep):
        return here("yaml-too-deep", at, depth=MAX_DEPTH)
    for i in range(at, max(-1, at - _LOOK_BACK), -1):
        if _FULLWIDTH_KEY.match(lines[i]):
            return here("yaml-fullwidth-colon", i)
        if _FULLWIDTH_INDENT.match(lines[i]):
            return here("yaml-fullwidth-space", i)
        if _FULLWIDTH_DASH.match(lines[i]):
            return here("yaml-fullwidth-dash", i)
    context_line = err.context_mark.line if err.context_mark else at
    opened = _quote_left_open(lines, at)
    if opened is not None:
        return here("yaml-unclosed-quote", opened)
    if "while scanning a directive" in context:  # %30的单位 at a line's start
        return here("yaml-quote-needed", at)
    if "<document start>" in what or "single document" in context:
        marker = _marker_above(lines, at)
        if marker is not None and lines[marker].startswith("%"):
            return here("yaml-quote-needed", marker)
        if marker is not None and lines[marker].startswith("..."):
            return here("yaml-document-end", marker, next=marker + 2 + offset)
        if "single document" in context and not any(
                line.strip() and not line.lstrip().startswith("#") for line in lines[at + 1:]):
            return here("yaml-trailing-separator", at)
    if "'\\t'" in what or "\t" in what:
        return here("yaml-tab", at)
    after = _text_after_quote(lines[at], err.problem_mark.column) if err.problem_mark \
        and err.problem_mark.line == at else None
    if after:  # title: "东城镇"办事员: quotes there are, the value's end is the trouble
        return here("yaml-text-after-quote", at, value=after)
    if "quoted scalar" in context:
        if "escape" in what:
            return here("yaml-bad-escape", at)
        return here("yaml-unclosed-quote", context_line)
    if "flow sequence" in context or "flow mapping" in context:
        return here("yaml-unclosed-bracket", context_line)
    if "flow node" in context and "stream end" in what:  # [ or { then the end of the file
        opened = next((i for i in range(at, max(-1, at - _LOOK_BACK), -1)
                       if "[" in lines[i] or "{" in lines[i]), at)
        return here("yaml-unclosed-bracket", opened)
    if "cannot start any token" in what or "while parsing a tag" in context \
            or "while scanning an alias" in context or "while scanning an anchor" in context \
            or "block scalar" in context or "sequence entries are not allowed" in what:
        return here("yaml-quote-needed", at)
    if "mapping values are not allowed" in what:
        first_colon = lines[at].find(":")
        if first_colon == mark.column:
            return here("yaml-indentation", at)
        return here("yaml-colon-in-value", at)
    if "could not find expected ':'" in what:
        return here("yaml-missing-colon", context_line)
    if "expected <block end>" in what or "did not find expected" in what:
        line = lines[at]
        if mark and mark.column > len(line) - len(line.lstrip(" ")):
            # stopped in the middle of a line: a value that began like YAML syntax
            return here("yaml-quote-needed", at)
        return here("yaml-indentation", at)
    if "single document" in context:
        return here("yaml-two-documents", at)
    detail = " ".join(filter(None, (context, what))).strip()
    return here("yaml-syntax", at, detail=detail)


# A key and a value opening a quote, or a list item opening one: "title: \"abc"
_OPENS_QUOTE = re.compile(r"\s*(?:-\s+)?(?:[^\s\"'#-][^:#\"']*:\s+)?([\"'])(.*)")
# A line that reads as a key of its own ("kind: b"): text a quote left open swallowed
_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s\"'#-][^:\"']*:(?:\s|$)")


def _text_after_quote(line: str, column: int) -> str | None:
    """The text after a value's closing quote, when the parser stopped at it on the line
    (title: "东城镇"办事员, - '甲'乙): told from the line itself, not from PyYAML's words."""
    found = _OPENS_QUOTE.fullmatch(line)
    if not found or column >= len(line):
        return None
    before = line[:column].rstrip(" \t")
    rest = line[column:].strip()
    if len(before) <= found.start(1) + 1 or not before.endswith(found[1]) \
            or rest.startswith(("#", ":")):
        return None
    return rest[:20] + ("…" if len(rest) > 20 else "")


def _quote_left_open(lines: list[str], at: int) -> int | None:
    """The line above `at` whose value opens a quote that its line does not close, when
    the lines between read as keys of their own and `at` holds that quote: the quote the
    parser read on to (title: "abc, then kind: b … up to y: "d"), the line to change. One
    pass up from `at`, stopping at the first line opening a quote."""
    for i in range(at - 1, -1, -1):
        found = _OPENS_QUOTE.fullmatch(lines[i])
        if not found:
            continue
        quote, rest = found[1], found[2]
        rest = rest.replace("''", "") if quote == "'" else rest.replace("\\\\", "").replace(
            '\\"', "")
        if quote in rest:
            return None  # a quoted value on its line: not the cause
        swallowed = lines[i + 1:at]
        if quote in lines[at] and any(_KEY_LINE.match(line) for line in swallowed):
            return i
        return None
    return None


def _marker_above(lines: list[str], at: int) -> int | None:
    """The line of a document marker (`...`, `---`) or a directive (`%…`) at or above
    `at`, past blank and comment lines only: what made the parser look for a new document."""
    for i in range(min(at, len(lines) - 1), -1, -1):
        line = lines[i]
        if line.startswith("%") or re.match(r"(?:\.\.\.|---)(?:\s|$)", line):
            return i
        if line.strip() and not line.lstrip().startswith("#") and i != at:
            return None
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?", re.S | re.M)
_YAMLISH = re.compile(r"\s|#|-\s|[^\s:：]+\s*[:：]")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Markdown text -> (front matter YAML or None, body, line the body starts on)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    body_line = text[: match.end()].count("\n") + 1
    return match.group(1), text[match.end():], body_line


def _front_matter_end(text: str) -> int:
    """For front matter that opens with --- and never closes: the line where the
    closing --- belongs (after the last line that looks like a field)."""
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or not _YAMLISH.match(line):
            return number
    return len(lines)


# --------------------------------------------------------------------------- tables


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Bytes -> text: BOM, then strict UTF-8, then strict GB18030 (what Excel writes).

    What to do about a file neither is said for its kind: a CSV is saved again from
    Excel, a YAML or Markdown file from a text editor."""
    table = path.lower().endswith(".csv")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if not table:
            return None, problem("file-utf16-text", Location(path, 1))
        try:  # Excel's "Unicode 文本": read (`table_text` says how)
            return data.decode("utf-16"), None
        except UnicodeDecodeError as utf16_error:
            line = data[: utf16_error.start].decode("utf-16", errors="replace").count("\n") + 1
            return None, problem("file-encoding", Location(path, line), line=line)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), None
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            return None, problem("file-encoding" if table else "file-encoding-text",
                                 Location(path, line), line=line)


def table_text(data: bytes, path: str) -> tuple[str | None, str, list[Problem]]:
    """A CSV table's bytes -> (its text with "\n" line ends, the separator between its
    columns, what to tell staff about how it was read); the text is None when the file
    is no table to read (a workbook with a .csv name, an unknown encoding, a file whose
    Chinese was destroyed by a save in the wrong encoding). Every command that reads or
    writes a CSV table (check, build, fmt, new) reads it here, so each says the same."""
    if data.startswith(b"PK\x03\x04"):
        return None, ",", [problem("csv-is-workbook", Location(path, 1))]
    if data.startswith(_OLE):
        # an .xls or WPS .et workbook (or an encrypted .xlsx) given a .csv name
        return None, ",", [problem("csv-is-old-workbook", Location(path, 1))]
    if content_kind(data[:2048]) in ("html", "mhtml", "xml2003"):
        # a system's "Excel" export (a web page) renamed .csv: its tags would be read as
        # a header and rows
        return None, ",", [disguised(path, data[:2048])]
    unicode_text = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    text, bad = decode(data, path)
    if bad:
        return None, ",", [bad]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    garbled = mojibake(text, path)
    if garbled:
        return None, ",", [garbled]
    told: list[Problem] = []
    separator = ","
    if unicode_text:
        # Excel's 另存为“Unicode 文本”: UTF-16, a tab between the columns
        head = "\n".join(text.split("\n", _TITLE_ROWS + 1)[:_TITLE_ROWS + 1])
        separator = "\t" if "\t" in head else ","
        told.append(problem("csv-unicode-text", Location(path, 1),
                            separator=_separator_name(separator)))
    elif _tab_separated(text):
        # Excel's or WPS's 文本文件（制表符分隔）, Notepad, a paste from a web page: the
        # columns are told apart as surely as by commas; read, said once, fmt rewrites it
        body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
        try:
            body.decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            encoding = "GBK（GB18030）"
        separator = "\t"
        told.append(problem("csv-tab-text", Location(path, 1), encoding=encoding))
    return text, separator, told


def _tab_separated(text: str) -> bool:
    """Whether the head of a table's text (its header, below any title rows) separates
    its columns by tabs: a line of three or more tab-separated cells, more than it has
    comma-separated ones, and no line of three or more comma-separated cells (as many
    as or more than by tabs)."""
    tabbed = False
    for line in text.split("\n", _TITLE_ROWS + 1)[:_TITLE_ROWS + 1]:
        # cells as a CSV reader splits them: a comma inside a quoted cell separates nothing
        by_tab, by_comma = (sum(1 for cell in next(csv.reader([line], delimiter=separator), [])
                                if cell.strip()) for separator in "\t,")
        if by_comma >= 3 and by_comma >= by_tab:
            return False
        if by_tab >= 3 and by_tab > by_comma:
            tabbed = True
    return tabbed


def clean_cell(value: str) -> str:
    """Strip what Excel and copy-paste leave around a value; keep the value itself."""
    if _HAS_INVISIBLE.search(value):
        value = _HAS_INVISIBLE.sub("", value)
    value = value.strip(" \t\r\n\u3000\xa0")
    # Excel's way of keeping leading zeros: ="00123"
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        return value[2:-1]
    return value


def _header_key(value: str) -> str:
    # a header cell wrapped on two lines (Alt+Enter, 整改\n时限) is one name; an English
    # field name in capitals (ID, UNIT, Opened_On) is that name
    return _SPACE.sub("", unicodedata.normalize("NFKC", clean_cell(value))).casefold()


def column_of(header: str, rtype: RecordType) -> str | None:
    """The field a table header cell names, as a table is read (完成时限（年月日）, ID)."""
    names = {_header_key(k): v for k, v in rtype.header_names().items()}
    return _column(_header_key(header), names)


def _column(key: str, names: dict) -> str | None:
    """The field a header names (as `_header_key` folds it): its name, label or alias,
    or that name with a remark in brackets (完成时限（年月日）, 整改措施(具体)). A remark
    that completes another column's name names that column (责任人（姓名） is 责任人姓名);
    one that asks for a name where the column holds a position is not read into it."""
    name = names.get(key)
    if name is not None or not key.endswith(_CLOSERS):
        return name
    match = _REMARK.fullmatch(key)
    if match is None:
        return None
    base, remark = match["base"], match["remark"]
    joined = names.get(base + remark)
    if joined is not None:
        return joined
    return None if "姓名" in remark else names.get(base)


def own_name(name: str) -> bool:
    """Whether a header or a YAML key names the office's own bookkeeping (备注, 联系电话
    （手机）): never read, never published, said once a file."""
    return _own(_header_key(name))


def _own(key: str) -> bool:
    """Whether a header (as `_header_key` folds it) is one of the clerk's own columns,
    with or without a remark: 备注, 联系电话（手机）."""
    match = _REMARK.fullmatch(key) if key.endswith(_CLOSERS) else None
    # a note written at the head of a column beside the table (填表说明：1.编号按…, 注：)
    return key in _OWN_COLUMNS or match is not None and match["base"] in _OWN_COLUMNS or \
        _NOTE.match(key) is not None


_CLOSERS = (")", "]", "】", "〕", "〗")
_REMARK = re.compile(r"(?P<base>[^(\[【〔〖]+)[(\[【〔〖](?P<remark>[^()\[\]【】〔〕〖〗]*)[)\]】〕〗]")
_SPACE = re.compile(r"\s+")
_JOINED = re.compile("[，、;；|\t,]")  # what else separates names typed into one header cell
# Below the table: notes (说明：…, 注：…, 填表说明) and the signature line (填报人：…
# 审核人：…): never a record, said once as the rows they take.
_NOTE = re.compile(r"(填表说明|填报说明|填写说明|说明|注意事项|注意|备注|附注|注)\s*\d*\s*"
                   r"(?:[:：．.、]|$)")
_FOOTER = re.compile(r"(填报人|填表人|制表人|审核人|审核|负责人|单位负责人|分管领导|主要领导|联系人|"
                     r"联系电话|填报日期|填表日期|报送日期|填报单位)\s*[:：]")


# Recognised without guessing: a row-number column, and rows that add the others up.
_INDEX_HEADERS = {"序号", "no.", "no"}  # as _header_key folds them
# A picture WPS placed in a cell (插入 → 图片 → 嵌入单元格): the cell's value is the text of
# its formula, =DISPIMG("ID_…",1), which was read and published as the cell's words
_CELL_PICTURE = re.compile(r"=?\s*(?:_xlfn\.)?DISPIMG\s*\(.{0,80}\)", re.I | re.S)
# What a row under the header writes under each column instead of data (NFKC, spaces
# removed): its unit or form in brackets ((年月日), (件), (填是或否)), a unit word (件, 万元,
# %), a date's form (年月日, yyyy-mm-dd).
_UNIT_CELL = re.compile(r"[(\[【][^)\]】]{0,30}[)\]】]|(?:单位[:：])?(?:件|人|个|次|项|元|万元|亿元|家|名|"
                        r"户|起|条|年|月|天|日|%|人次|分|篇|份)|[年月日yYmMdD/.\-]{3,12}")
# Columns a clerk keeps for the office's own bookkeeping beside the data (a remark, who
# filled in or checked the sheet, a contact number): never read, never published (a
# 联系电话 holds personal data), said once a file. A field of the same name wins (备注 is
# the note of a submission).
_OWN_COLUMNS = {"备注", "备注栏", "备注说明", "说明", "情况说明", "填报人", "填表人", "制表人", "经办人", "录入人",
                "审核人", "核实人", "联系人", "联系电话", "联系方式", "电话", "手机", "手机号",
                "手机号码", "办公电话"}
# A column of who reported (举报人, 信访人姓名, 实名举报人联系电话; not 被举报人, the person
# reported on): a reporter's identity is never written into the project's files, which
# are a public website's sources (纪检监察机关处理检举控告工作规则 keeps it secret).
_REPORTER_COLUMN = re.compile("(?<!被)(?:举报|信访|投诉|反映|控告|检举|来信|来访)(?:人|群众)")
_TOTAL_WORDS = {"合计", "小计", "总计", "累计", "总数", "汇总"}  # 汇总: the total row an Excel table (套用表格格式) adds
_TITLE_ROWS = 5  # rows above the header that may hold a title, a unit and a date


@dataclass
class SheetNotes:
    """What a workbook says about its cells beyond their values (xlsx only)."""

    sheet: str = ""
    hidden_rows: set[int] = field(default_factory=set)
    unseen: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (cell, why)
    struck_rows: set[int] = field(default_factory=set)  # every filled cell struck through
    hidden_columns: list[int] = field(default_factory=list)
    hidden_last: dict[int, int] = field(default_factory=dict)  # column -> its last filled row
    narrow: dict[int, float] = field(default_factory=dict)  # column -> its width, under one
    filtered: bool = False  # an AutoFilter is set: hidden rows are the filter's
    # row -> [(first column, last column, range)] of the ranges merged across it (B3:D3)
    across: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    # row -> [(first column, last column, range)] of the cells merged across on it
    merged_across: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    filled: list[tuple[int, int, int, str]] = field(default_factory=list)  # first, last, col, value
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    # (row, col) -> the formula of a cell that has its result (ids filled down: ="TZ-"&…)
    computed: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, col) -> a number format the reader cannot show as Excel shows it
    unformatted: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, col) -> the format of a cell holding 0 that it shows empty (0;-0;;@)
    hidden_zero: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, col) -> a format that shows the number shrunk (0!.0,"万": 12345 as 1.2万)
    scaled: dict[tuple[int, int], str] = field(default_factory=dict)
    date1904: bool = False  # the workbook counts its dates from 1904 (RawRecord.date1904)


def read_table_rows(rows, path: str, rtype: RecordType, problems: list[Problem],
                    notes: SheetNotes | None = None):
    """(line, [cells]) rows -> raw records, one per data row, yielded as they are read.

    Finds the header below up to five title rows, ignores a 序号 column and 合计 rows,
    and says so; every other non-empty cell is read into a record or reported."""
    notes = notes or SheetNotes()
    names = {_header_key(k): v for k, v in rtype.header_names().items()}
    header_line, header, titles, rows = _find_header(rows, names)
    if header is None:  # blank lines only: the file is empty from its first line
        problems.append(problem("file-empty", Location(path, 1)))
        return
    upper = header
    header, rows, second = _second_header_row(header, rows, names)
    if second and _only_a_title(upper, header, names):
        # 单位：件 or 东城镇 整改台账 2026年 above the header (a sixth title row, or one of
        # three cells): nothing of it is a column's name
        titles.append((header_line, " ".join(c for c in map(clean_cell, upper) if c)))
        header_line, second = second, 0
    if len(titles) > _TITLE_ROWS:
        # a block of instructions above the header: one info, not one a row
        problems.append(problem("table-title-rows", Location(path, titles[0][0]),
                                first=titles[0][0], last=titles[-1][0], count=len(titles),
                                value=titles[0][1][:40], header=header_line))
    else:
        for line, text in titles:
            problems.append(problem("table-title-row", Location(path, line), value=text[:40],
                                    header=header_line))
    if second:
        unknown = [_SPACE.sub("", unicodedata.normalize("NFKC", clean_cell(c))) for c in header
                   if _header_key(c) and _column(_header_key(c), names) is None
                   and _header_key(c) not in _INDEX_HEADERS and not _own(_header_key(c))]
        if unknown:
            # one problem: the row of group names above is the cause of every other
            named = {_column(_header_key(c), names) for c in header}
            missing = [f.label or f.name for f in rtype.fields.values()
                       if f.required and f.name not in named]
            problems.append(problem(
                "table-two-row-header-unknown", Location(path, second), first=header_line,
                unknown="、".join(_say_cause("quoted_hint", value=k, hint=suggestion(
                    k, list(rtype.header_names()))) for k in unknown[:6]),
                missing="、".join(missing) or _say_cause("none")))
            return
        problems.append(problem("table-two-row-header", Location(path, second),
                                first=header_line))
    for line in (header_line, second):
        if line and line in notes.unseen:
            # a column's name the clerk cannot see (white on white, 1 point): the column
            # looks unnamed, or empty, on the screen and would still be read and published
            cell, why = notes.unseen[line]
            problems.append(problem("xlsx-unseen-header", Location(path, line), cell=cell,
                                    why=why))
            return
    columns: list[str | None] = []
    labels_of = {f.name: f.label or f.name for f in rtype.fields.values()}
    seen: dict[str, int] = {}
    index_column = 0
    blank: set[int] = set()  # columns without a header: their cells have nowhere to go
    unknown: list[tuple[str, str]] = []  # (header not in the schema, its 是否指 hint)
    remarked: list[str] = []  # headers read without their remark: 完成时限（年月日）
    own: dict[int, str] = {}  # column -> header of the clerk's own bookkeeping (备注)
    for index, cell in enumerate(header, start=1):
        key = _header_key(cell)
        if not key:
            columns.append(None)
            blank.add(index)
            continue
        name = _column(key, names)
        shown = _SPACE.sub("", clean_cell(cell))  # as written, for the clerk to find
        if name is not None and key not in names:
            remarked.append(_say_cause("header_read_as", header=shown, field=labels_of[name]))
        if name is None and _REPORTER_COLUMN.search(key):
            # never read, never kept: the check refuses the file until the column is gone
            problems.append(problem("table-reporter-column", Location(path, header_line),
                                    header=shown[:40], column=_column_letter(index)))
        elif name is None and _own(key):
            own[index] = shown[:40]
        elif name is None and key in _INDEX_HEADERS and not index_column:
            index_column = index
            problems.append(problem("table-index-column", Location(path, header_line),
                                    column=index, header=shown))
        elif name is None and (merge := _merge_at(notes, header_line, index)):
            # 整改情况 merged over 整改措施, 整改目标, 整改时限 (WPS's two-row header with
            # its row of names deleted, or names not the table's): where and what it hides
            left, right, coord = merge
            problems.append(problem(
                "table-header-merged", Location(path, header_line), cells=coord,
                value=shown[:40], count=right - left + 1, first=_column_letter(left),
                columns="、".join(_column_letter(c) for c in range(left, right + 1))))
        elif name is None:
            unknown.append((shown, suggestion(shown, list(rtype.header_names()))))
        elif name in seen:
            problems.append(problem("csv-duplicate-header", Location(path, header_line),
                                    header=shown, first=seen[name], column=index))
            name = None
        else:
            seen[name] = index
        columns.append(name)
    if remarked:
        problems.append(problem("table-header-remark", Location(path, header_line),
                                headers="、".join(remarked)))
    counts = {i: rtype.fields[name] for i, name in enumerate(columns)
              if name and rtype.fields[name].type == "int"}
    for index, f in counts.items():  # 发现问题数（人）: the header names its unit
        remark = _REMARK.fullmatch(_header_key(header[index]))
        if remark:
            _unit_fits(remark["remark"], _SPACE.sub("", clean_cell(header[index])), [f],
                       Location(path, header_line), problems)
    for line, text in titles:  # 单位：人 above the table: the unit of its counts
        for named in _UNIT_OF_TABLE.finditer(_SPACE.sub(" ", unicodedata.normalize(
                "NFKC", text))):
            _unit_fits(named[1], named[0], list(counts.values()), Location(path, line),
                       problems)
    for column in notes.hidden_columns:
        if notes.hidden_last.get(column, header_line) < header_line:
            continue  # only a title's cell above the header (填报日期 out of sight): unread
        how = messages_section("unseen")
        problems.append(problem(
            "xlsx-hidden-column", Location(path, header_line), column=_column_letter(column),
            how=how["narrow_column"].format(width=f"{notes.narrow[column]:g}")
            if column in notes.narrow else how["hidden_column"]))
    absent = [f for f in rtype.fields.values() if f.required and f.name not in seen]
    for key, hint in unknown:
        parts = [names.get(_header_key(part)) for part in _JOINED.split(key)]
        if sum(part is not None for part in parts) >= 2:
            # id，unit，category typed on a Chinese keyboard: one cell to a CSV reader
            separator = _JOINED.search(key).group()
            problems.append(problem("csv-header-joined", Location(path, header_line),
                                    header=key[:60], separator=_separator_name(separator)
                                    if separator in _SEPARATORS else f"“{separator}”"))
            for part in parts:
                if part is not None and part not in seen:
                    seen[part] = 0
            absent = [f for f in absent if f.name not in seen]
            continue
        near = names.get(_header_key(hint.split("“", 1)[1].split("”", 1)[0])) if hint else None
        meant = next((f for f in absent if f.name == near), None)
        if meant is None:
            problems.append(problem("unknown-field", Location(path, header_line), field=key,
                                    hint=hint))
            continue
        # 整改时限（完成日期） for 整改时限: one problem, not an unknown and a missing column
        absent.remove(meant)
        problems.append(problem("csv-header-near-required", Location(path, header_line),
                                header=key, field=meant.name, label=meant.label))
        seen[meant.name] = 0
    for f in absent:
        problems.append(problem("csv-missing-column", Location(path, header_line), field=f.name,
                                label=f.label))
    if any(f.required and f.name not in seen for f in rtype.fields.values()) or \
            0 in seen.values():
        return  # every row would lack it: one message, not one per row
    labels = labels_of
    merges = []  # (said, first, last): unsaid if only rows continuing the first merge
    for first, last, column, value in notes.filled:
        if first > header_line and column <= len(columns) and columns[column - 1]:
            merges.append((problem("xlsx-merged-filled", Location(path, first), last=last,
                                   field=labels[columns[column - 1]], value=value[:40]),
                           first, last))
            problems.append(merges[-1][0])
    width = len(columns)
    headerless: dict[int, list] = {}  # column -> [first line, count, first value]
    numbered: list[int] = []  # rows holding nothing but their 序号 (a template numbered ahead)
    below: list = []  # [first line, last line, first text] of the notes below the table
    hidden: list[int] = []  # hidden rows with content, not read
    unseen: list[int] = []  # rows with text the clerk cannot see, not read
    unreadable: dict[str, list] = {}  # code -> [first problem, lines]: said once a file
    own_cells = 0  # filled cells of the clerk's own columns, not read
    # cells a vertical merge filled from the row above (the row's own cells are the others)
    from_above = {(row, column) for first, last, column, _value in notes.filled
                  for row in range(first + 1, last + 1)}
    last_record = 0  # the line of the last row read as a record
    first_row = True  # the first row below the header, which may give the columns' units
    # rows that fill the id and nothing else, held until a row with more is read: a run
    # of them ending the table (the id column's formula filled down past the data, ids
    # numbered ahead) is said once and not read; one among records is a record begun
    id_only: list[tuple[RawRecord, str | None]] = []
    continued: set[int] = set()  # rows said as continuing the row above
    again: set[int] = set()  # rows that are the header again
    named: dict[str, str | None] = {}  # cell -> the column its text names (_header_again)
    scaled: list[tuple[int, str, str, str]] = []  # (line, field, value, format) read as stored
    required = [i for i, name in enumerate(columns) if name and rtype.fields[name].required]
    gap = False  # an empty row since the last record: what follows may be another table
    rows = iter(rows)  # one pass: another table below is counted from where it begins
    for line, cells in rows:
        cells = [clean_cell(c) for c in cells]
        if not any(cells):
            gap = gap or bool(last_record)
            if notes.formulas and any((line, column) in notes.formulas
                                      for column in range(1, width + 1)):
                # a row of formulas saved without results (=源!A5 across, written by a
                # program): what it shows is not in the file; said, never dropped unseen
                _unreadable_cells(notes, line, columns, labels, Location(path, line),
                                  unreadable)
            continue
        filled = [c for c in cells if c]
        if first_row:
            first_row = False
            if _units_row(cells, columns, rtype):
                for index, f in counts.items():  # （人） under 发现问题数
                    if index < len(cells) and cells[index]:
                        _unit_fits(cells[index], cells[index], [f], Location(path, line),
                                   problems)
                # （年月日） (件) under the header: what each column holds, not a record
                problems.append(problem("table-units-row", Location(path, line),
                                        value=" ".join(filled)[:40], header=header_line))
                continue
        if len(filled) == 1 and (below and not filled[0].isdigit() or _NOTE.match(filled[0])) \
                or all(_FOOTER.match(c) for c in filled):
            below = below or [line, line, filled[0]]
            below[1] = line
            continue
        if index_column and index_column <= len(cells) and \
                _INDEX_NUMBER.fullmatch(cells[index_column - 1]) and \
                not any(c for i, c in enumerate(cells, start=1) if i != index_column):
            numbered.append(line)
            continue
        where = Location(path, line)
        if not rtype.sums and _is_total(cells):
            problems.append(problem("table-total-row", where, value=_first_filled(cells)))
            continue
        if last_record and _header_again(cells, columns, names, named):
            # a block pasted with its header (another month's rows below the first); a
            # header on two rows pasted again is one
            if line - 1 not in again:
                problems.append(problem("table-header-again", Location(path, line),
                                        header=header_line))
            again.add(line)
            continue
        if gap and len(filled) >= 2 and _another_table(cells, columns, rtype, required):
            # a summary kept under the ledger after an empty row (单位 | 问题数 | 已销号):
            # its header and rows are no records; said once, from its first row to the end
            rest = [n for n, row in rows if any(map(clean_cell, row))]
            problems.append(problem("table-second-table", where, last=rest[-1] if rest else line,
                                    count=len(rest) + 1, value="、".join(filled[:4])[:60],
                                    header=header_line))
            break
        if last_record and len(filled) == 1 and \
                _section_title(cells, columns, rtype, index_column):
            # 五月份, 第二批, 东城镇 on a row of its own between blocks of rows
            problems.append(problem("table-section-row", Location(path, line),
                                    value=filled[0][:40]))
            continue
        short: tuple = ()
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:
                problems.append(problem("csv-extra-cells", where, count=len(cells),
                                        extra=len(cells) - width, value=extra[0][:40]))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            if not cells[-1] or any(columns[i] and rtype.fields[columns[i]].required
                                    for i in range(len(cells), width)):
                # a row that ends empty or lacks a required column was not trimmed by
                # Excel (it drops only the empty cells at a row's end): cells are missing
                # inside it, and every value after them is in the wrong column
                problems.append(problem("csv-short-row", where, count=len(cells),
                                        expected=width))
                continue
            short = (len(cells), width)
            cells = cells + [""] * (width - len(cells))
        if line in notes.hidden_rows:
            hidden.append(line)  # said once, below
            continue
        if line in notes.unseen:
            unseen.append(line)  # said once, below
            continue
        if line in notes.struck_rows:
            problems.append(problem("xlsx-struck-row", where))
            continue
        spans = [coord for left, right, coord in notes.across.get(line, ())
                 if any(columns[c - 1] for c in range(left, min(right, width) + 1))]
        if spans:  # a merge over the notes beside the table (填表说明 in O1:R3) reads nothing
            problems.append(problem("xlsx-merged-across", where, cells=spans[0]))
            continue
        refused = own_here = False
        data = YMap(line)
        written: list[str] = []  # the fields this row's own cells fill
        for column, (name, cell) in enumerate(zip(columns, cells, strict=True), start=1):
            if not cell:
                continue
            if name is not None and (line, column) not in from_above:
                written.append(name)
            if name is None:
                if column in own:
                    own_cells += 1
                    own_here = True
                if column not in blank:
                    continue  # an unknown, repeated or own header, reported once
                seen_here = headerless.setdefault(column, [line, 0, cell, []])
                seen_here[1] += 1
                if len(seen_here[3]) <= 8:
                    seen_here[3].append(line)
                continue
            if len(cell) > MAX_CELL:
                problems.append(problem("cell-too-long", where, field=labels[name],
                                        length=len(cell), limit=MAX_CELL))
                refused = True
            elif _CELL_PICTURE.fullmatch(cell):
                problems.append(problem("table-cell-picture", where, field=labels[name],
                                        column=_column_letter(column)))
                refused = True
            data[name] = cell
        if rtype.id is not None and not refused and not own_here and list(data) == [rtype.id] \
                and not any(c for i, c in enumerate(cells, start=1) if i in blank):
            # its other cells are empty (a formula there whose result is empty too)
            id_column = columns.index(rtype.id) + 1
            id_only.append((RawRecord(rtype, where, data, short=short, date1904=notes.date1904),
                            notes.computed.get((line, id_column))))
            last_record = line
            continue
        for begun, _formula in id_only:  # rows begun among records: each a record
            if not _unreadable_cells(notes, begun.where.line, columns, labels, begun.where,
                                     unreadable):
                yield begun
        id_only.clear()
        if _unreadable_cells(notes, line, columns, labels, where, unreadable) or refused:
            continue
        if own_here and not data and \
                not any(c for i, c in enumerate(cells, start=1) if i in blank):
            continue  # a remark on a row of its own: the clerk's, said with its column
        if last_record and _continues(written, rtype):
            # the text of the row above written on into this one (a cell's second line
            # typed in the next row, or the row's id merged down over both): not a record
            problems.append(problem(
                "table-continued-row", where, previous=last_record,
                fields="、".join(f"“{labels[name]}”" for name in dict.fromkeys(written)),
                id=labels[rtype.id]))
            continued.add(line)
            continue
        last_record = line
        for column, name in enumerate(columns, start=1):
            if name is not None and (line, column) in notes.scaled and name in data:
                scaled.append((line, labels[name], data[name], notes.scaled[(line, column)]))
        yield RawRecord(rtype, where, data, short=short, date1904=notes.date1904)
    if scaled:
        # one info a file: each such cell is read as stored, the exact number typed
        line, label, value, fmt = scaled[0]
        problems.append(problem(
            "xlsx-number-scaled", Location(path, line), field=label, format=fmt[:40],
            value=value, wan=_in_wan(value), count=len(scaled),
            lines="、".join(str(row) for row in dict.fromkeys(s[0] for s in scaled[:8])) +
            ("…" if len(scaled) > 8 else "")))
    if len(id_only) >= 2 or any(formula for _begun, formula in id_only):
        first, formula = id_only[0]
        problems.append(problem(
            "table-id-only-rows", first.where, last=id_only[-1][0].where.line,
            count=len(id_only), label=labels[rtype.id], value=first.data[rtype.id][:40],
            formula=_say_cause("id_formula", formula=formula[:60]) if formula else ""))
    else:
        for begun, _formula in id_only:  # one id alone at the end: a record begun
            if not _unreadable_cells(notes, begun.where.line, columns, labels, begun.where,
                                     unreadable):
                yield begun
    if (continued or again) and merges:
        # the cells merged down only over rows that continue the row above are that one
        # mistake, said with it (not one info a column); so are a header's cells merged
        # down its two rows when it is pasted again
        dropped = {id(said) for said, first, last in merges
                   if all(row in continued for row in range(first + 1, last + 1)) or
                   all(row in again for row in range(first, last + 1))}
        problems[:] = [p for p in problems if id(p) not in dropped]
    for code, (first, lines) in unreadable.items():
        # a workbook saved without its formulas' results, a column in scientific format:
        # one cause, one problem, not one per row
        problems.append(first if len(lines) == 1 else problem(
            code + "-rows", Location(path, lines[0]), count=len(lines), message=first.message,
            lines="、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")))
    if hidden:
        # one problem: a filter (or a block of rows hidden at once) is one thing to undo
        shown = "、".join(map(str, hidden[:8])) + ("…" if len(hidden) > 8 else "")
        code = "xlsx-filtered" if notes.filtered else \
            "xlsx-hidden-row" if len(hidden) == 1 else "xlsx-hidden-rows"
        problems.append(problem(code, Location(path, hidden[0]), count=len(hidden),
                                lines=shown))
    if unseen:
        cell, why = notes.unseen[unseen[0]]
        problems.append(problem("xlsx-unseen-text", Location(path, unseen[0]),
                                count=len(unseen), cell=cell, why=why,
                                lines="、".join(map(str, unseen[:8])) +
                                ("…" if len(unseen) > 8 else "")))
    if own:
        problems.append(problem("table-own-columns", Location(path, header_line),
                                headers="、".join(f"“{h}”" for h in own.values()),
                                filled=_say_cause("own_cells", count=str(own_cells))
                                if own_cells else _say_cause("own_empty")))
    if below:
        problems.append(problem("table-notes-rows", Location(path, below[0]),
                                last=below[1], value=below[2][:40]))
    if numbered:
        problems.append(problem("table-numbered-empty", Location(path, numbered[0]),
                                last=numbered[-1], count=len(numbered)))
    for column, (first, count, value, lines) in sorted(headerless.items()):
        # an error, not an info as a 备注 column is: a clerk's note and the data of a
        # column whose header was cleared (销号日期 deleted by mistake) look the same, and
        # the second would be dropped from every figure; a header settles which it is
        letter = _column_letter(column)
        problems.append(problem(
            "table-headerless-column", Location(path, first), column=letter, count=count,
            value=value[:40], head=f"{letter}{header_line}",
            cells="、".join(f"{letter}{n}" for n in lines[:8]) + ("…" if count > 8 else "")))


# Measure words a header's remark, a 单位：… above the table or a units row may name: a
# word outside these (年月日, 具体, 人民群众反映) is a remark, not a unit
_MEASURES = {"件", "人", "个", "次", "项", "元", "万元", "亿元", "家", "名", "户", "起", "条",
             "年", "月", "天", "日", "号", "人次", "分", "篇", "份", "处", "批", "名次", "张", "位"}
# 单位：人 in a title row (NFKC): the unit of the table's figures (填报单位：人民政府 is no
# unit: the word must end there)
_UNIT_OF_TABLE = re.compile(r"单位 ?: ?(" + "|".join(sorted(_MEASURES, key=len, reverse=True))
                            + r")(?=$|[ ,;、)\]】])")
_UNIT_REMARK = re.compile(r"[(\[【〔〖]?(?:单位:)?(.{1,3}?)[)\]】〕〗]?")


def _unit_fits(written: str, value: str, fields: list, where: Location,
               problems: list[Problem]) -> None:
    """Say a unit a table names (in a header's brackets, a title row or a units row)
    that none of its count columns counts in: 发现问题数（人） is a column of people, or
    of problems headed wrong; either way not read as if it agreed. `fields`: the count
    columns the unit is said of; one without units of its own (a count whose unit is its
    row's 统计口径) leaves the unit unjudged."""
    unit = _UNIT_REMARK.fullmatch(_SPACE.sub("", unicodedata.normalize("NFKC", written)))
    if not unit or unit[1] not in _MEASURES or not fields or \
            any(not f.units or f.unit_from for f in fields):
        return
    if any(unit[1] in f.units for f in fields):
        return
    problems.append(problem("table-unit-mismatch", where, value=value[:40], word=unit[1],
                            field="、".join(f.label or f.name for f in fields),
                            units="、".join(u for f in fields for u in f.units),
                            fit=fields[0].units[0]))


def _units_row(cells: list[str], columns: list, rtype: RecordType) -> bool:
    """Whether a row (the first under the header) says each column's unit or form
    instead of data: every filled cell a unit, a bracketed remark or a date's form, under
    a named column, and the id column (when the table has one) empty."""
    written = [(index, c) for index, c in enumerate(cells) if c]
    if not written:
        return False
    for index, cell in written:
        if index >= len(columns) or columns[index] is None or columns[index] == rtype.id:
            return False
        if not _UNIT_CELL.fullmatch(_SPACE.sub("", unicodedata.normalize("NFKC", cell))):
            return False
    return True


def _header_again(cells: list[str], columns: list, names: dict, named: dict) -> bool:
    """Whether a row below the header names the header's columns again: three or more
    of its cells, and most of those filled, are the names of the columns they stand in.
    `named`: cell -> the column it names, for the table's rows so far (a value met again
    is not folded again); cells are looked at until the answer cannot be yes."""
    filled = [(index, c) for index, c in enumerate(cells) if c]
    same, left = 0, len(filled)
    for index, cell in filled:
        left -= 1
        if index < len(columns) and columns[index]:
            column = named.get(cell, named)
            if column is named:
                column = named[cell] = _column(_header_key(cell), names)
            same += column == columns[index]
        if same + left < 3 or 2 * (same + left) < len(filled):
            return False
    return same >= 3 and 2 * same >= len(filled)


_SECTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_INDEX_NUMBER = re.compile(r"[0-9０-９]+")  # a 序号 numbered ahead, not a heading


def _section_title(cells: list[str], columns: list, rtype: RecordType,
                   index_column: int = 0) -> bool:
    """Whether a row's one filled cell is a heading between blocks of rows (五月份,
    第二批) rather than a record begun: it stands in the table's first column or its
    id column, is no id (nor any value of ascii letters, digits and hyphens), and a
    record of the table needs two or more columns."""
    index = next(i for i, c in enumerate(cells) if c)
    first = next((i for i, name in enumerate(columns) if name), -1)
    # (a 序号 column before the first named one is the table's first column too)
    if not (index == first or index == index_column - 1 or
            index < len(columns) and columns[index] == rtype.id):
        return False
    if _SECTION_ID.fullmatch(cells[index]):
        return False  # an id (or a unit's) alone: a record begun, said as one
    return sum(1 for f in rtype.fields.values() if f.required) >= 2


_ID_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def _another_table(cells: list[str], columns: list, rtype: RecordType,
                   required: list[int]) -> bool:
    """Whether a row after an empty one begins another table: fewer than half the
    required columns filled, and no id a record could have where the id goes (a record
    short of its fields keeps its id, and is refused as a record)."""
    if not required:
        return False
    given = sum(1 for i in required if i < len(cells) and cells[i])
    if given * 2 >= len(required):
        return False
    if rtype.id is None or rtype.id not in columns:
        return True
    at = columns.index(rtype.id)
    value = unicodedata.normalize("NFKC", cells[at]) if at < len(cells) else ""
    return not _ID_SHAPE.fullmatch(value)


def _continues(written: list[str], rtype: RecordType) -> bool:
    """Whether a row whose own cells fill `written` only continues the row above: it
    fills text columns alone, not the id (empty, or merged down from above), and leaves
    a required column of another kind empty (no record of the table is only text)."""
    if not written or not rtype.id or rtype.id in written:
        return False
    if any(rtype.fields[name].type != "text" for name in written):
        return False
    return any(f.required and f.type != "text" and f.name != rtype.id and f.name not in written
               for f in rtype.fields.values())


def _unreadable_cells(notes: SheetNotes, line: int, columns, labels, where,
                      found: dict[str, list]) -> bool:
    """Cells of this row the workbook holds no value for as the clerk sees it: a formula
    with no computed value, a number whose format this reader cannot show as Excel
    shows it (the row is not read rather than published as a number the clerk never
    saw, 0.976 for 97.6%). The first is named, with the rows that have the same
    problem (`found`: code -> [its first problem, lines]); True when there is one."""
    refused = False
    for cells, code, param in ((notes.formulas, "xlsx-formula-no-value", "formula"),
                               (notes.unformatted, "xlsx-number-format", "format"),
                               (notes.hidden_zero, "xlsx-zero-shown-empty", "format")):
        for column, name in enumerate(columns, start=1) if cells else ():
            written = cells.get((line, column))
            if written is not None and name is not None:
                if code not in found:
                    found[code] = [problem(code, where, field=labels[name],
                                           **{param: written[:40]}), []]
                if not found[code][1] or found[code][1][-1] != line:
                    found[code][1].append(line)
                refused = True
    return refused


def _merge_at(notes: SheetNotes, line: int, column: int) -> tuple[int, int, str] | None:
    """The range merged across from this cell of the row, if the cell begins one."""
    return next((m for m in notes.merged_across.get(line, ()) if m[0] == column), None)


def _second_header_row(header: list, rows, names: dict):
    """A header written on two rows: group names above (整改情况 over three columns,
    merged or not) and the columns' names below. The row under the header is a second
    header row when it names a column the first does not and writes nothing under a
    column the first row names, but that name again (a cell merged down both rows).
    -> (the header as the two rows name it, the rows after it, the second row's line)
    or (header, rows, 0) when it is not."""
    for line, cells in rows:
        below = [clean_cell(c) for c in cells]
        if any(below):
            break
    else:
        return header, iter(()), 0
    above = [clean_cell(c) for c in header]
    width = max(len(above), len(below))
    above += [""] * (width - len(above))
    below += [""] * (width - len(below))
    new = 0
    for top, bottom in zip(above, below, strict=True):
        if not bottom or bottom == top:
            continue
        named = _column(_header_key(bottom), names) is not None
        if not named and (_column(_header_key(top), names) or
                          _header_key(top) in _INDEX_HEADERS):
            break  # a value under a named column: data, not a header
        # a column's name under a column's name: a group named as a column is (责任人
        # over 牵头领导 and 责任人姓名), never a value a record holds
        new += named
    else:
        if new:
            return [b or t for t, b in zip(above, below, strict=True)], rows, line
    return header, _chain([(line, cells)], rows), 0


def _only_a_title(upper: list, header: list, names: dict) -> bool:
    """Whether a row read as the upper half of a two-row header names nothing: no field
    name, and no cell that the row below does not name over."""
    for index, cell in enumerate(upper):
        text = clean_cell(cell)
        if text and (_column(_header_key(text), names) or clean_cell(header[index]) == text):
            return False
    return True


def _chain(first, rest):
    yield from first
    yield from rest


def _find_header(rows, names: dict):
    """The header row, below at most five title rows (no field name; one or two cells,
    or cells that each say what they are: 填报单位：东城镇), or below more rows that name
    no column (填表要求 in many numbered lines) when a row within the first twenty names
    two columns. -> (its line, its cells or None, [(line, text) of the rows above], the
    rows after it)."""
    titles: list[tuple[int, str, list]] = []
    line = 1
    rows = iter(rows)
    for line, cells in rows:
        filled = [c for c in (clean_cell(c) for c in cells) if c]
        if not filled:
            continue
        known = sum(1 for c in filled if _column(_header_key(c), names))
        # a title, or a line of 填报单位：… 填报人：… 填报日期：… over as many cells
        told = len(filled) <= 2 or all("：" in c or ":" in c for c in filled)
        if known == 0 and told and len(titles) < _TITLE_ROWS:
            titles.append((line, " ".join(filled), cells))
            continue
        if known == 0:
            found = _header_below(line, cells, rows, names)
            if found[0]:
                header_line, header, above, rows = found
                return header_line, header, [(number, text) for number, text, _cells in titles] \
                    + above, rows
            rows = found[3]
        return line, cells, [(number, text) for number, text, _cells in titles], rows
    if titles:  # nothing but short rows: the first is the header, wrong as it may be
        return titles[0][0], titles[0][2], [], rows
    return line, None, [], rows


_HEADER_SEARCH = 20  # rows looked at for a header below rows that name no column


def _header_below(line: int, cells: list, rows, names: dict):
    """The first row among the next ones (up to `_HEADER_SEARCH` in all) that names two
    columns, below `cells` (which names none): (its line, its cells, [(line, text)] of
    the rows above it, the rows after it), or (0, None, [], every row read again)."""
    looked = [(line, cells)]
    for number, row in rows:
        looked.append((number, row))
        filled = [c for c in (clean_cell(c) for c in row) if c]
        if sum(1 for c in filled if _column(_header_key(c), names)) >= 2:
            above = [(n, " ".join(c for c in map(clean_cell, r) if c)) for n, r in looked[:-1]
                     if any(map(clean_cell, r))]
            return number, row, above, rows
        if len(looked) >= _HEADER_SEARCH:
            break
    return 0, None, [], _chain(looked[1:], rows)


def _is_total(cells: list[str]) -> bool:
    """Whether a row's first filled cell names it a total: 合计, 小 计：, and with what it
    counts or until when in brackets (合计（元）, 总计(截至9月)), as sheets head them."""
    for cell in cells:
        if not cell:
            continue
        word = _TOTAL_QUALIFIER.sub("", cell.replace(" ", "").replace("\u3000", "").rstrip(":："))
        return word.rstrip(":：") in _TOTAL_WORDS or bool(_TOTAL_WITH_FIGURE.fullmatch(word))
    return False


# A total's word with its figure in the same cell, as clerks write it: 总计：2条, 合计12项
_TOTAL_WITH_FIGURE = re.compile("(?:" + "|".join(sorted(_TOTAL_WORDS)) +
                                r")[:：]?[0-9０-９][0-9０-９,，.]*[^0-9０-９]{0,4}")
# A bracketed qualifier at the end of a total's word: （元）, (件), 【截至9月】
_TOTAL_QUALIFIER = re.compile(r"[(（【\[][^()（）【】\[\]]{0,20}[)）】\]]$")


def _first_filled(cells: list[str]) -> str:
    return next((c for c in cells if c), "")


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_lines(text: str):
    """The lines of a text with their newline, one at a time (no copy of the text)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


# What else people put between the columns of a "CSV": Excel's list separator where it
# is ";", a tab (Excel's 文本文件（制表符分隔）, a paste), and what a Chinese keyboard types.
# Each is named to staff in messages.yml (words: separators).
_SEPARATORS = (";", "，", "\t", "、", "|")


def _separator_name(separator: str) -> str:
    """A column separator as staff call it: 分号（;）, 制表符（Tab）…"""
    return messages_section("words")["separators"][separator]


def _separator_header(text: str, rtype: RecordType) -> tuple[int, str]:
    """The line of a header written with another separator than "," between the columns
    and that separator, (0, "") when there is none: the file is then one column to a
    comma-reading program, and no row could be read."""
    names = rtype.header_names()
    for number, line in enumerate(text.split("\n", _TITLE_ROWS + 1)[:_TITLE_ROWS + 1], 1):
        if "," in line:
            continue
        for separator in _SEPARATORS:
            if line.count(separator) >= 1 and sum(
                    _header_key(cell.strip('"')) in names for cell in line.split(separator)) >= 2:
                return number, separator
    return 0, ""


def csv_rows(text: str, path: str, problems: list[Problem], separator: str = ","):
    """Yield (first line of the row, cells); a row with a broken quote is reported and
    reading goes on after it."""
    reader = csv.reader(_text_lines(text), delimiter=separator, strict=True)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(problem("csv-quote", Location(path, last + 1)))
            last = reader.line_num
            continue
        yield last + 1, cells
        last = reader.line_num


COMMENT_PART_LIMIT = 8 * 2**20  # a comments part larger than this is not read for text


def xlsx_comments(path_obj: Path) -> tuple[list[tuple[str, str, int, str]],
                                            list[tuple[str, int]], list[tuple[str, str]]]:
    """(sheet, cell, row, text) of every cell comment (批注, and Excel 365's threaded
    comments) of a workbook: the site never shows them, but the workbook is kept in the
    repository. Read from the package's parts; a workbook that cannot be read gives
    none (its reader says why). With them, (sheet, bytes) of each comments part too
    large to read (COMMENT_PART_LIMIT unpacked): not read, and said, never passed over;
    and (sheet, part) of each comments part that does not parse (openpyxl never reads
    Excel 365's threaded comments, so it does not refuse a broken one): said too."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    def tree(archive, name, sheet=None):
        info = archive.NameToInfo.get(name)
        if info is None:
            return None
        if info.file_size > COMMENT_PART_LIMIT:
            if sheet is not None:
                too_large.append((sheet, info.file_size))
            return None
        return ElementTree.fromstring(archive.read(info))

    def targets(archive, part):
        folder, base = posixpath.split(part)
        rels = tree(archive, posixpath.join(folder, "_rels", base + ".rels"))
        return [] if rels is None else [
            (element.get("Id", ""), element.get("Type", ""),
             posixpath.normpath(posixpath.join(folder, element.get("Target", "")))
             if not element.get("Target", "").startswith("/")
             else element.get("Target", "").lstrip("/"))
            for element in rels if local(element.tag) == "Relationship"]

    found, too_large, unreadable = [], [], []
    try:
        with zipfile.ZipFile(path_obj) as archive:
            book = tree(archive, "xl/workbook.xml")
            if book is None:
                return [], [], []
            parts = {rid: target for rid, _kind, target in targets(archive, "xl/workbook.xml")}
            for element in book.iter():
                if local(element.tag) != "sheet":
                    continue
                rid = next((v for k, v in element.attrib.items() if local(k) == "id"), "")
                sheet = parts.get(rid)
                if sheet is None:
                    continue
                for _rid, kind, target in targets(archive, sheet):
                    if not kind.endswith(("/comments", "/threadedComment")):
                        continue
                    try:
                        comments = tree(archive, target, element.get("name", ""))
                    except (zipfile.BadZipFile, ElementTree.ParseError, ValueError,
                            EOFError, OSError):
                        # one part that does not parse (cut short, hand-edited) is said;
                        # the other sheets' comments are still read, never all dropped
                        unreadable.append((element.get("name", ""), target))
                        continue
                    for comment in comments.iter() if comments is not None else ():
                        if local(comment.tag) not in ("comment", "threadedComment"):
                            continue
                        cell = comment.get("ref", "")
                        row = re.sub(r"^[A-Z]+", "", cell)
                        text = "".join(t.text or "" for t in comment.iter()
                                       if local(t.tag) in ("t", "text"))
                        found.append((element.get("name", ""), cell,
                                      int(row) if row.isdigit() else 1, text))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError):
        return [], [], []
    return found, too_large, unreadable


def xlsx_rows(path_obj: Path, path: str, problems: list[Problem], many: bool = False,
              rtype: RecordType | None = None):
    """(row number, cells as text) of the data sheet of a workbook and its notes, or None.

    The data sheet is the first visible one with content; a sheet named as instructions
    (填表说明, 填表须知 …) holding no row of the table's column names is the template's
    text, not read; any other sheet with content is reported, not read. `many`: the record type is read from
    many files of a folder (each sheet of a table split by month may be one)."""
    import openpyxl

    head = _head(path_obj)
    if not head.startswith(b"PK"):
        found = disguised(path, head)
        if found is not None and found.code == "file-disguised" and \
                content_kind(head) != "text":
            problems.append(found)  # a web page or an XML 2003 sheet named .xlsx
            return None
        why = ("encrypted" if _encrypted(path_obj) else "old") if head.startswith(_OLE[:4]) \
            else "text"
        problems.append(problem("xlsx-not-a-workbook", Location(path, 1),
                                why=_say_cause("xlsx_" + why)))
        return None
    try:
        import zipfile

        with zipfile.ZipFile(path_obj) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            strict = unpacked <= MAX_XLSX_UNPACKED and _strict_workbook(archive)
        if strict:
            # Excel's 另存为“Strict Open XML 电子表格”: openpyxl finds no sheet content in
            # it and the file was said to be empty, every row unread
            problems.append(problem("xlsx-not-a-workbook", Location(path, 1),
                                    why=_say_cause("xlsx_strict")))
            return None
        if unpacked > MAX_XLSX_UNPACKED:  # a few MB can unpack to gigabytes
            problems.append(problem("file-too-large", Location(path, 1),
                                    size=_say_cause("unpacked", size=_megabytes(unpacked)),
                                    limit=_megabytes(MAX_XLSX_UNPACKED)))
            return None
        with warnings.catch_warnings():  # openpyxl warns about what it does not model
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path_obj, data_only=True)
            # formulas only: read-only mode streams them instead of holding a second book
            formulas = openpyxl.load_workbook(path_obj, data_only=False, read_only=True)
    except Exception:  # zipfile and openpyxl raise many types for a damaged file
        problems.append(problem("xlsx-not-a-workbook", Location(path, 1),
                                why=_say_cause("xlsx_damaged")))
        return None
    try:
        # a sheet named as instructions (填表须知, 注意事项 …) is read as instructions only
        # while no row of it names the table's columns: data pasted there is never lost
        told = [s for s in book.worksheets if _instructions_name(s.title) and
                not _holds_table(s, rtype, ())]
        sheets = [s for s in book.worksheets if not _lists_sheet(s) and
                  all(s is not t for t in told)]
        filled = {id(s) for s in sheets if any(c.value is not None for row in s.iter_rows()
                                               for c in row)}
        # The data is on the first sheet the clerk sees that holds anything (an empty
        # Sheet1 left before it holds nothing to read): a hidden one (an old list kept out
        # of sight) is never read in its place, and is named when it has content.
        shown = [s for s in sheets if s.sheet_state == "visible"]
        if not shown:
            problems.append(problem("file-empty", Location(path, 1)))
            return None
        candidates = [s for s in shown
                      if id(s) in filled and s.title.strip() != _lists_sheet_name()]
        # (a template's 选项 sheet unhidden is never taken for the data); a 汇总 sheet of
        # other columns placed before the table's sheets is not the data either: the
        # first sheet headed with the table's columns is, the others are named
        sheet = next((s for s in candidates if _table_header(_sheet_header(s), rtype)),
                     candidates[0] if candidates else shown[0])
        columns = _sheet_header(sheet)
        # the data sheet's own header known, an instructions sheet holding it is a table
        # too (rtype unknown, or the header written in names the schema does not know)
        tables = [t for t in told if columns and _holds_table(t, None, columns)]
        sheets += tables
        filled |= {id(t) for t in tables}
        same_items: list[tuple[str, int]] = []  # (sheet, ids shared with the data sheet)
        parts: list[tuple[str, int, list[str], list[str]]] = []  # same table, other sheets
        hidden: list[str] = []  # hidden sheets with content: one mistake, one problem
        others: list[str] = []  # other sheets with content: one workbook, one problem
        for other in sheets:
            if other is sheet or id(other) not in filled:
                continue
            if other.sheet_state != "visible":
                hidden.append(other.title)
            elif columns and _same_table(_sheet_header(other), columns, rtype) and \
                    _shared_ids(other, sheet, rtype) >= 2:
                # 一月, 二月 each the whole ledger as it stood that month: joining them
                # would repeat every id; only the newest is to be kept (said once below)
                same_items.append((other.title, _shared_ids(other, sheet, rtype)))
            elif columns and _same_table(_sheet_header(other), columns, rtype):
                # 4月, 5月, 6月: one table split by month (or by unit), only one read; a
                # month that added a 备注 column (or lost one) is still that table
                lacks, extra = _header_difference(columns, _sheet_header(other), rtype)
                parts.append((other.title, _rows_below_header(other), lacks, extra))
            else:
                others.append(other.title)
        if others:
            problems.append(problem("xlsx-extra-sheet", Location(path, 1), count=len(others),
                                    sheets="、".join(f"“{title}”" for title in others),
                                    first=sheet.title))
        if hidden:  # last year's months kept out of sight: one thing to clear away
            problems.append(problem("xlsx-hidden-sheet", Location(path, 1), count=len(hidden),
                                    sheets="、".join(f"“{title}”" for title in hidden),
                                    first=sheet.title))
        if parts:
            problems.append(_table_parts(path, sheet.title, parts, many))
        if same_items:
            problems.append(_month_copies(path, sheet.title, same_items))
        rows, notes = _sheet_rows(sheet, formulas[sheet.title])
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        notes.date1904 = book.epoch == CALENDAR_MAC_1904
        return [(number, _cell_characters(cells, path, number, problems))
                for number, cells in rows], notes
    finally:
        book.close()
        formulas.close()


# A sheet named after a month: 2026年11月, 2026-11, 2026.11, 202611, 11月, 11月份.
_SHEET_MONTH = re.compile(r"(?:(20\d{2})\s*(?:年|[-./_])?\s*)?(\d{1,2})\s*(月份?)?")


def _sheet_month(title: str) -> tuple[int, int] | None:
    """(year, month) a sheet's name gives, year 0 when it names none; None when the
    name is no month (a bare 3 is a batch as well as March)."""
    found = _SHEET_MONTH.fullmatch(unicodedata.normalize("NFKC", title).strip())
    if not found or not 1 <= int(found[2]) <= 12 or not (found[1] or found[3]):
        return None
    return int(found[1] or 0), int(found[2])


# The stream an Office file saved with an opening password keeps its workbook in
# (MS-OFFCRYPTO): the name, in UTF-16, in the container's directory.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _encrypted(path_obj: Path) -> bool:
    """Whether an OLE container (an .xls, .et or a workbook with a password all begin so)
    holds a workbook encrypted with an opening password. The file is within its size
    limit here (staff_file); a byte search is linear."""
    try:
        return _ENCRYPTED in path_obj.read_bytes()
    except OSError:
        return False


def _month_copies(path: str, first: str, others: list[tuple[str, int]]) -> Problem:
    """One problem for the sheets that hold the data sheet's items as they stood in
    other months, all named in the workbook's order. Never read in the data sheet's
    place: a month's sheet is often copied ahead before it is updated, and a name
    without a year (1月 after 12月) does not say which is newest. When every name is a
    month with its year, the newest by name is said, and so when it is not the sheet
    read (a new month added at the right, the old one first)."""
    titles = [first] + [title for title, _count in others]
    months = [_sheet_month(title) for title in titles]
    newest = ""
    if all(month and month[0] for month in months) and len(set(months)) == len(months):
        latest = titles[months.index(max(months))]
        newest = _say_cause("newest_read" if latest == first else "newest_other",
                            newest=latest, first=first)
    return problem("xlsx-sheets-same-items", Location(path, 1),
                   sheets="、".join(f"“{title}”" for title, _count in others),
                   first=first, count=max(count for _title, count in others), newest=newest)


def _table_parts(path: str, first: str, parts: list[tuple[str, int, list[str], list[str]]],
                 many: bool) -> Problem:
    """One problem for the sheets that hold more rows of the data sheet's table (4月, 5月,
    6月): each named with the rows it holds, none of which is read, and, for a sheet
    whose columns differ, which columns it lacks and which it adds."""
    differs = [_say_cause("sheet_differs", sheet=title, what="，".join(
        [_say_cause("header_lacks", names="、".join(f"“{n}”" for n in lacks[:6]))] * bool(lacks) +
        [_say_cause("header_extra", names="、".join(f"“{n}”" for n in extra[:6]))] * bool(extra)))
        for title, _rows, lacks, extra in parts if lacks or extra]
    folder = PurePosixPath(path)
    return problem(
        "xlsx-sheets-same-columns", Location(path, 1),
        sheets="、".join(_say_cause("sheet_rows", sheet=title, rows=rows)
                        for title, rows, _l, _e in parts),
        count=sum(rows for _t, rows, _l, _e in parts), first=first,
        alike=_say_cause("header_alike" if differs else "header_same"),
        differ=_say_cause("header_differ", sheets="；".join(differs), first=first)
        if differs else "",
        folder=_say_cause("sheet_files", folder=str(folder.parent),
                          name=f"{folder.stem}-{parts[0][0]}.xlsx") if many else "")


def _header_difference(columns: tuple[str, ...], other: tuple[str, ...],
                       rtype: RecordType | None) -> tuple[list[str], list[str]]:
    """The columns of the data sheet a sheet of the same table lacks, and those it adds,
    by the table's own names (编号 and id are one column), in header order."""
    if rtype is None:
        return [k for k in columns if k not in other], [k for k in other if k not in columns]

    def named(keys):
        return {column_of(key, rtype) or key: key for key in keys}

    ours, theirs = named(columns), named(other)

    def label(name, key):
        return rtype.fields[name].label if name in rtype.fields else key

    return ([label(n, k) for n, k in ours.items() if n not in theirs],
            [label(n, k) for n, k in theirs.items() if n not in ours])


def _rows_below_header(sheet) -> int:
    """How many rows with anything in them a sheet holds below its header."""
    rows = sheet.iter_rows(values_only=True)
    for _number, row in zip(range(_TITLE_ROWS + 1), rows, strict=False):
        if sum(1 for v in row if v is not None and str(v).strip()) >= 3:
            break
    return sum(1 for row in rows if any(v is not None and str(v).strip() for v in row))


def _table_header(keys: tuple[str, ...], rtype: RecordType | None) -> bool:
    """Whether a sheet's header names three or more of the table's columns."""
    return rtype is not None and len({column_of(key, rtype) for key in keys} - {None}) >= 3


def _sheet_ids(sheet, rtype: RecordType) -> set[str]:
    """The ids written in a sheet's id column, below its header (first rows' first row
    of three or more cells); empty when the table has no id or the sheet no such column."""
    if rtype.id is None:
        return set()
    rows = sheet.iter_rows(values_only=True)
    for _number, row in zip(range(_TITLE_ROWS + 1), rows, strict=False):
        keys = [_header_key(str(v)) if v is not None else "" for v in row]
        if sum(1 for key in keys if key) >= 3:
            column = next((i for i, key in enumerate(keys)
                           if key and column_of(key, rtype) == rtype.id), None)
            if column is None:
                return set()
            return {clean_cell(str(row[column])) for row in rows
                    if column < len(row) and row[column] is not None} - {""}
    return set()


def _shared_ids(other, sheet, rtype: RecordType | None) -> int:
    """How many ids a sheet holds that the data sheet holds too, when they are most of
    the other sheet's (0 otherwise): the same items as they stood another month."""
    if rtype is None:
        return 0
    theirs = _sheet_ids(other, rtype)
    shared = len(theirs & _sheet_ids(sheet, rtype))
    return shared if 2 * shared >= len(theirs) else 0


def _strict_workbook(archive) -> bool:
    """Whether a workbook package is in the ISO Strict form of Open XML (its workbook
    part in the purl.oclc.org namespaces), which openpyxl does not read."""
    names = set(archive.namelist())
    part = next((n for n in ("xl/workbook.xml", "xl/workbook2.xml") if n in names), None)
    if part is None:
        return False
    with archive.open(part) as stream:
        return b"purl.oclc.org/ooxml/spreadsheetml" in stream.read(4096)


def _same_table(other: tuple[str, ...], columns: tuple[str, ...],
                rtype: RecordType | None) -> bool:
    """Whether a sheet headed `other` holds the same table as the data sheet headed
    `columns`: the same header, or (the record type known) three or more of the data
    sheet's columns and at least half of them."""
    if other == columns:
        return True
    if rtype is None:
        return False
    ours = {column_of(key, rtype) for key in columns} - {None}
    theirs = {column_of(key, rtype) for key in other} - {None}
    shared = len(ours & theirs)
    return shared >= 3 and 2 * shared >= len(ours)


def _sheet_header(sheet) -> tuple[str, ...]:
    """The names of a sheet's first row of three or more filled cells among its first
    rows (its header, below a title), as `_header_key` folds them; () when none."""
    for row in sheet.iter_rows(max_row=_TITLE_ROWS + 1, values_only=True):
        keys = tuple(_header_key(str(v)) for v in row if v is not None and str(v).strip())
        if len(keys) >= 3:
            return keys
    return ()


# A sheet named as the instructions of a template: 填表说明 (the one `generator templates`
# writes), 填报说明, 填表须知, 注意事项, 填报要求, 指标解释 …
_INSTRUCTIONS = re.compile(r"说明|须知|注意事项|指南|指引|要求|口径|解释|提示|readme|instructions?",
                           re.I)
def _lists_sheet_name() -> str:
    """The name of the hidden sheet of dropdown options `generator templates` writes."""
    return messages_section("workbook")["options_sheet"]


def _instructions_name(title: str) -> bool:
    """Whether a sheet's name says it holds a template's instructions."""
    return bool(_INSTRUCTIONS.search(unicodedata.normalize("NFKC", title)))


def _holds_table(sheet, rtype: RecordType | None, columns: tuple[str, ...]) -> bool:
    """Whether a row of the sheet names three or more of the table's columns (or of the
    data sheet's header `columns`): a table, whatever the sheet is named."""
    known = set(columns)
    for row in sheet.iter_rows(values_only=True):
        keys = {_header_key(str(v)) for v in row if v is not None and str(v).strip()}
        if len(keys) < 3:
            continue
        if rtype is not None and len({column_of(k, rtype) for k in keys} - {None}) >= 3:
            return True
        if len(keys & known) >= 3:
            return True
    return False


def _lists_sheet(sheet) -> bool:
    """The dropdown options `generator templates` adds beside the data, while they stay
    hidden (a visible 选项 sheet with rows is reported)."""
    return sheet.title.strip() == _lists_sheet_name() and sheet.sheet_state != "visible"


def _sheet_rows(sheet, formula_sheet) -> tuple[list, SheetNotes]:
    notes = SheetNotes(sheet=sheet.title)
    # a row or column sized to nothing (ht="0", width="0", as some programs write what
    # Excel marks hidden) is as unseen by the clerk as a hidden one
    notes.hidden_rows = {n for n, dim in sheet.row_dimensions.items()
                         if dim.hidden or dim.height == 0}
    notes.filtered = bool(sheet.auto_filter.ref)
    from openpyxl.utils import column_index_from_string

    width = sheet.max_column
    for letter, dim in sheet.column_dimensions.items():
        # a column a sliver wide (under one character) shows none of its text: it is
        # as hidden as one marked so, and said with its width
        narrow = not dim.hidden and dim.width is not None and dim.width < _LEAST_WIDTH
        if dim.hidden or narrow:
            first = column_index_from_string(letter)
            # the unused columns hidden to the sheet's end (N:XFD, a tidy sheet): only
            # those up to the last column with a cell can hold anything
            last = min(max(first, dim.max or first), width)
            for c in range(first, last + 1):
                filled = [r for r in range(1, sheet.max_row + 1)
                          if sheet.cell(r, c).value is not None]
                if filled:
                    notes.hidden_columns.append(c)
                    notes.hidden_last[c] = filled[-1]
                    if narrow:
                        notes.narrow[c] = dim.width
    values = [[_xlsx_text(cell) for cell in row] for row in sheet.iter_rows()]
    notes.unseen = _unseen_cells(sheet)
    # A row struck through: how clerks mark a record taken back, not one to publish.
    notes.struck_rows = {
        row[0].row for row in sheet.iter_rows()
        if any(cell.value is not None for cell in row)
        and all(cell.font is not None and cell.font.strike
                for cell in row if cell.value is not None)}
    for number, row in enumerate(values, start=1):
        for column, text in enumerate(row, start=1):
            if type(text) is _Unformatted:
                notes.unformatted[(number, column)] = text.fmt
                row[column - 1] = str(text)
            elif type(text) is _HiddenZero:
                notes.hidden_zero[(number, column)] = text.fmt
                row[column - 1] = str(text)
            elif type(text) is _Scaled:
                notes.scaled[(number, column)] = text.fmt
                row[column - 1] = str(text)
    for merged in sheet.merged_cells.ranges:
        top, left, bottom, right = merged.min_row, merged.min_col, merged.max_row, merged.max_col
        if top > len(values) or left > len(values[top - 1]):
            continue
        value = values[top - 1][left - 1]
        if right > left:
            notes.merged_across.setdefault(top, []).append((left, right, merged.coord))
            for row in range(top, bottom + 1):
                notes.across.setdefault(row, []).append((left, right, merged.coord))
        elif bottom > top and value:
            for row in range(top + 1, min(bottom, len(values)) + 1):
                values[row - 1][left - 1] = value
            notes.filled.append((top, bottom, left, value))
    budget = 2 * len(values) * max(width, 1)  # cells the formulas may name, in all
    empty_results = _empty_text_results(formula_sheet)
    for row in formula_sheet.iter_rows():
        for cell in row:
            formula = _formula_text(getattr(cell, "value", None))
            if formula is None:
                continue
            # Excel's array ranges never overlap: past the budget (no workbook of Excel's)
            # a formula names its own cell only, so the look stays linear in the sheet
            named = _formula_cells(cell, len(values), width) if budget > 0 else \
                ((cell.row, cell.column),)
            for number, column in named:
                budget -= 1
                if number <= len(values) and column <= len(values[number - 1]):
                    if values[number - 1][column - 1] == "" and \
                            (number, column) not in empty_results:
                        notes.formulas[(number, column)] = formula
                    else:
                        notes.computed[(number, column)] = formula
    # An empty hidden row holds nothing to publish.
    notes.hidden_rows = {n for n in notes.hidden_rows
                         if n <= len(values) and any(values[n - 1])}
    notes.unseen = {n: why for n, why in notes.unseen.items()
                    if n not in notes.hidden_rows and n <= len(values) and any(values[n - 1])}
    return list(enumerate(values, start=1)), notes


# Office's theme colours by the index a cell names them with (Excel swaps the first two
# pairs of the theme's list: 0 is 背景1, white, and 1 is 文字1, black); the workbook's own
# theme, when it has one, is read in their place.
_THEME_DEFAULT = ("FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5",
                  "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72")
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")
_LEAST_POINTS = 4  # text smaller, or a row lower, than this is not seen on the screen
_LEAST_WIDTH = 1  # a column narrower than one character shows none of its text
# Fonts that draw letters as pictures: a cell's text in them is not what the clerk sees
_SYMBOL_DRAWN = re.compile("[!-~\u00a1-\u00ff]")  # what a symbol font draws as a mark
_SYMBOL_FONTS = {"wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol", "marlett",
                 "zapf dingbats", "zapfdingbats", "mt extra"}


def _theme_colours(book) -> tuple[str, ...]:
    """The workbook's own theme colours (xl/theme/theme1.xml), read by namespace, not by
    the a: prefix Office happens to write (another writer's prefix gave Office's colours
    in place of the workbook's, and its white on white went unseen); Office's default
    when the part is absent or does not say."""
    from xml.etree import ElementTree

    theme = getattr(book, "loaded_theme", None)
    if not theme:
        return _THEME_DEFAULT
    try:
        root = ElementTree.fromstring(theme)
    except (ElementTree.ParseError, ValueError):
        return _THEME_DEFAULT
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = next(root.iter(drawing + "clrScheme"), None)
    if scheme is None:
        return _THEME_DEFAULT
    found = {}
    for slot in scheme:
        name = slot.tag[len(drawing):] if slot.tag.startswith(drawing) else ""
        colour = next(iter(slot), None)
        if name not in _THEME_ORDER or colour is None:
            continue
        value = colour.get("val") if colour.tag == drawing + "srgbClr" else \
            colour.get("lastClr") if colour.tag == drawing + "sysClr" else None
        if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
            found[name] = value.upper()
    return tuple(found.get(name, default) for name, default in
                 zip(_THEME_ORDER, _THEME_DEFAULT, strict=True))


def _rgb(colour, theme: tuple[str, ...], auto: str | None) -> tuple[int, ...] | None:
    """A style colour as (red, green, blue), or None when it cannot be told: the automatic
    colour is `auto` (black for text; a fill has none)."""
    from openpyxl.styles.colors import COLOR_INDEX

    if colour is None:
        text = auto
    elif colour.type == "rgb" and isinstance(colour.rgb, str):
        text = colour.rgb[-6:]
    elif colour.type == "theme" and isinstance(colour.theme, int) and colour.theme < len(theme):
        text = theme[colour.theme]
    elif colour.type == "indexed" and isinstance(colour.indexed, int):
        text = COLOR_INDEX[colour.indexed][-6:] if colour.indexed < len(COLOR_INDEX) \
            else {64: auto, 65: "FFFFFF"}.get(colour.indexed)
    else:
        text = auto
    if text is None or not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        return None
    channels = tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))
    tint = getattr(colour, "tint", 0) or 0
    if tint < 0:
        channels = tuple(round(c * (1 + tint)) for c in channels)
    elif tint > 0:
        channels = tuple(round(c + (255 - c) * tint) for c in channels)
    return channels


def _unseen_cells(sheet) -> dict[int, tuple[str, str]]:
    """row -> (the first cell, why) of the rows holding text the clerk cannot see on the
    screen: white on no fill, a colour on a fill of (nearly) that colour, a font or a row
    under four points. Each style is judged once, so the look is linear in the cells."""
    from openpyxl.utils import get_column_letter

    theme = _theme_colours(sheet.parent)
    causes = messages_section("unseen")
    unseen: dict[int, tuple[str, str]] = {}
    for number, dim in sheet.row_dimensions.items():
        if dim.height and dim.height < _LEAST_POINTS:
            unseen[number] = (f"A{number}", causes["low_row"].format(height=f"{dim.height:g}"))
    judged: dict[tuple[int, int], str | None] = {}
    symbol: dict[tuple, str] = {}  # style -> its symbol font's name
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or not cell.has_style or cell.row in unseen or \
                    isinstance(cell.value, str) and not cell.value.strip():
                continue  # a space in white is nothing to see either way
            key = (cell._style.fontId, cell._style.fillId, cell._style.numFmtId,
                   isinstance(cell.value, str))
            if key not in judged:
                judged[key] = _unseen_why(cell.font, cell.fill, theme, causes)
                if judged[key] is None and key[3] and _hides_text(cell.number_format):
                    # ;;; (Excel's way to hide a cell), 0;-0;0; : no text section shows it
                    judged[key] = causes["format"].format(format=cell.number_format[:40])
                font = (getattr(cell.font, "name", None) or "").strip()
                if judged[key] is None and key[3] and font.casefold() in _SYMBOL_FONTS:
                    symbol[key] = font[:40]
            why = judged[key]
            if why is None and key in symbol and _SYMBOL_DRAWN.search(cell.value):
                # R in Wingdings 2 is shown as ☑ (the way Chinese Excel tutorials teach a
                # boxed tick), ü in Wingdings as ✓: the clerk sees a mark, the file holds
                # a letter, which was read and published (Chinese text in such a font is
                # drawn by another font, as typed)
                why = causes["symbol_font"].format(font=symbol[key],
                                                   value=cell.value.strip()[:20])
            if why is not None:
                unseen[cell.row] = (f"{get_column_letter(cell.column)}{cell.row}", why)
    return unseen


def _hides_text(fmt: str) -> bool:
    """Whether a number format shows no text typed in its cell: its fourth section, the
    one for text, is there without the @ that stands for the text (;;; shows nothing,
    ;;;"已填" shows those words in its place)."""
    if not fmt or ";" not in fmt:
        return False
    sections, quoted, start = [], False, 0
    for at, char in enumerate(fmt):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted and (at == 0 or fmt[at - 1] != "\\"):
            sections.append(fmt[start:at])
            start = at + 1
    sections.append(fmt[start:])
    if len(sections) < 4:
        return False
    text = re.sub(r'"[^"]*"', "", sections[3])
    return "@" not in text


def _unseen_why(font, fill, theme: tuple[str, ...], causes: dict) -> str | None:
    if font is not None and font.sz is not None and font.sz < _LEAST_POINTS:
        return causes["tiny_font"].format(size=f"{font.sz:g}")
    text = _rgb(font.color if font is not None else None, theme, "000000")
    solid = fill is not None and getattr(fill, "patternType", None) == "solid"
    ground = _rgb(fill.fgColor, theme, None) if solid else (255, 255, 255)
    if text is None or ground is None or max(abs(a - b) for a, b in zip(text, ground)) > 24:
        return None
    if not solid:
        return causes["white"]
    return causes["same_colour"].format(colour="%02X%02X%02X" % ground)


def _empty_text_results(formula_sheet) -> set[tuple[int, int]]:
    """(row, column) of the cells whose stored result is empty text: =IF(A2="","",…) as
    Excel and LibreOffice save it (t="str", an empty <v/> or <v></v>), and as other
    writers may (t="str" with no <v>: a text result declared, nothing in it; an inline
    string result, t="inlineStr" with an empty <is>). The cell shows nothing and is
    empty, unlike a formula a script wrote with no result at all (no t), which openpyxl
    reads the same way (None) and which stays refused."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple

    archive = getattr(getattr(formula_sheet, "parent", None), "_archive", None)
    part = getattr(formula_sheet, "_worksheet_path", None)
    if archive is None or part is None:
        return set()
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    found = set()
    try:
        with archive.open(part) as stream:
            for _event, element in iterparse(stream):
                if element.tag != main + "c":
                    continue
                kind = element.get("t")
                if kind in ("str", "inlineStr") and element.get("r"):
                    stored = element.find(main + "v") if kind == "str" else \
                        element.find(main + "is")
                    if stored is None and kind == "str" or stored is not None and \
                            not "".join(stored.itertext()):
                        found.add(coordinate_to_tuple(element.get("r")))
                element.clear()
    except Exception:  # a damaged part: every empty formula stays refused, as before
        return set()
    return found


def _formula_cells(cell, rows: int, columns: int):
    """(row, column) of every cell a formula gives its result to: its own, and for an
    array formula entered over a range ({=…} over F2:F9, Ctrl+Shift+Enter on a
    selection) every cell of the range, which holds no formula of its own in the file:
    saved without results, each is as empty as the first and is refused as it is."""
    ref = getattr(getattr(cell, "value", None), "ref", None)
    if isinstance(ref, str) and ":" in ref:
        from openpyxl.utils.cell import range_boundaries

        try:
            left, top, right, bottom = range_boundaries(ref.replace("$", ""))
        except (ValueError, TypeError):
            left = None
        if left is not None and left <= cell.column <= right and top <= cell.row <= bottom:
            # bounded by the sheet's rows and columns read (a range written over the
            # whole sheet names no more cells than the sheet has)
            return ((row, column) for row in range(top, min(bottom, rows) + 1)
                    for column in range(left, min(right, columns) + 1))
    return ((cell.row, cell.column),)


def _formula_text(value) -> str | None:
    """A cell's formula as Excel shows it in the formula bar, None for a value: an array
    formula (Ctrl+Shift+Enter, or any formula of a newer Excel spilling or not) is
    {=SUM(…)}, a what-if data table {=TABLE(…)}; openpyxl gives both as objects, which
    were read as no formula at all (the cell empty: a bare missing-field)."""
    if isinstance(value, str):
        return value if value.startswith("=") else None
    if value is None or isinstance(value, (int, float, bool, dt.date, dt.time)):
        return None
    text = getattr(value, "text", None)
    if isinstance(text, str):  # ArrayFormula
        return "{" + (text if text.startswith("=") else "=" + text) + "}"
    if getattr(value, "t", "") == "dataTable":
        return "{=TABLE(" + ",".join(str(getattr(value, k, "") or "") for k in ("r1", "r2")) + ")}"
    return None


# How a workbook stores a character XML cannot hold (a control character pasted from
# Word): _x001B_. openpyxl leaves the escape as it is written.
_XLSX_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _escaped_control(match: re.Match) -> str:
    """_x001B_ -> ESC, _x000D_ -> CR (a line break Excel saves escaped); an escape of
    any other character stays as written."""
    char = chr(int(match.group(1), 16))
    return char if _ESCAPED.match(char) or char in "\t\n\r" else match.group()


def _cell_characters(cells: list[str], path: str, number: int,
                     problems: list[Problem]) -> list[str]:
    """A row's cells with each escaped character read (_x001B_ -> ESC) and each control
    character reported at the row, as one in a CSV line is, and replaced by a space."""
    out = []
    for text in cells:
        if "_x" in text:
            text = _XLSX_ESCAPE.sub(_escaped_control, text)
        if _ESCAPED.search(text):
            text = _escaped_characters(text, path, number, None, problems)
        out.append(text)
    return out


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        shown = (cell.number_format or "").lower()
        # the format's own codes, without its quoted text and [DBNum1]/[$-804] parts: e
        # is the year as y is (e"年"m"月"d"日" shows 2026年5月8日)
        bare = _FORMAT_TEXT.sub("", shown)
        has_year, has_day = "y" in bare or "e" in bare, "d" in bare
        month_only = has_year and not has_day
        if value.year < 2000 and _TWO_DIGIT_YEAR.search(shown):
            # 30-3-5 typed in Excel is 1930-03-05 in the cell, shown as 30-3-5: the year
            # the clerk meant is not in the workbook (read as shown, refused by the typer)
            return value.strftime("%y-") + (f"{value.month}" if month_only
                                             else f"{value.month}-{value.day}")
        if month_only:
            return value.strftime("%Y-%m")  # a month, as the clerk sees it
        if not has_year and has_day:
            # 4月1日: typed without a year, Excel added the year of the typing (a date
            # typed in January for last December is a year late); as a CSV's 4月1日 is
            # refused, so is this (read as shown)
            return f"{value.month}月{value.day}日"
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        shown_as = _CJK_DATE_FORMATS.get(getattr(getattr(cell, "_style", None), "numFmtId", 0))
        if shown_as is not None and 0 < value < 2958466:
            # a built-in Chinese date format openpyxl does not know (2026年5月 is id 57),
            # counted from the workbook's own epoch: a Mac Excel workbook in the 1904
            # system (文件 → 选项 → 使用 1904 日期系统) counts from 1904, and read from 1900
            # each such date was four years and a day early, silently
            from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

            epoch = getattr(getattr(getattr(cell, "parent", None), "parent", None), "epoch",
                            WINDOWS_EPOCH)
            return from_excel(value, epoch).strftime(shown_as)
        # G/通用格式 is how a Chinese Excel or WPS writes General (常规) in the file
        fmt = _GENERAL.sub("General", cell.number_format or "General")
        if _SCALING.search(_FORMAT_TEXT.sub("", fmt)):
            # 0!.0,"万" shows 12345 as 1.2万, #,##0,"万" as 12万: the shown number is the
            # stored one shrunk and rounded; the stored one is the exact number typed
            return _Scaled(_plain_number(value), fmt)
        if value == 0 and _zero_shown_empty(fmt):
            # 0;-0;;@ and #,##0;-#,##0; show a zero as an empty cell: the clerk sees
            # nothing where the file holds 0 (a count never filled in, or a real 0?)
            return _HiddenZero("0", fmt)
        if fmt not in ("General", "@") and fmt.lower() != "general" and \
                not (float(value).is_integer() and _ONLY_DIGITS.fullmatch(fmt)):
            shown = shown_number(value, fmt)
            return shown if shown is not None else _Unformatted(_plain_number(value), fmt)
    return _plain_number(value) if isinstance(value, (int, float)) else str(value)


def _plain_number(value: int | float) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).upper() if abs(value) >= 1e15 else repr(value)
    if abs(value) >= 10**15:
        return f"{value:.5E}"  # what Excel shows for a long number typed as a number
    return str(value)


class _Unformatted(str):
    """A number whose cell format this reader cannot show as Excel shows it."""

    fmt = ""

    def __new__(cls, text: str, fmt: str):
        made = super().__new__(cls, text)
        made.fmt = fmt
        return made


class _HiddenZero(_Unformatted):
    """A zero whose cell format shows it as an empty cell (its third section empty)."""


def _zero_shown_empty(fmt: str) -> bool:
    """Whether a number format shows zero as nothing: a third (zero) section with no
    character to show, only colours, padding and spaces (0;-0;;@, #,##0;-#,##0;)."""
    sections = fmt.split(";")
    if len(sections) < 3:
        return False
    shown = _LITERAL.sub(lambda m: next((g for g in m.groups() if g), ""), sections[2])
    return not shown.strip()


class _Scaled(_Unformatted):
    """A number whose cell format shows it shrunk (a thousand or 万 to a unit): read as
    stored."""


# A format that shows a number shrunk: a comma after the last digit placeholder divides
# it by 1000 (#,##0,"千", 0.0,,"百万"), a literal point between placeholders shifts it
# (0!.0000"万", 0\.0,"万"). Read on the format without its quoted text and [codes].
_FORMAT_TEXT = re.compile(r'"[^"]*"|\[[^\]]*\]')
_SCALING = re.compile(r"[0#?],+(?![0#?,])|[0#?][!\\]\.[0#?]")


def _in_wan(value: str) -> str:
    """A number as 万 (12345 -> 1.2345), for a clerk to compare with a 万 format."""
    from decimal import Decimal, InvalidOperation

    try:
        return format((Decimal(value) / 10000).normalize(), "f")
    except InvalidOperation:
        return value


# Built-in number formats of a Chinese Excel or WPS that openpyxl does not know (it reads
# them as General): their ids and what the reader sees (ECMA-376 18.8.30, zh-cn).
_MONTH, _DAY, _TIME = "%Y-%m", "%Y-%m-%d", "%H:%M"
_CJK_DATE_FORMATS = {27: _MONTH, 28: _DAY, 29: _DAY, 30: _DAY, 31: _DAY, 32: _TIME, 33: _TIME,
                     34: _TIME, 35: _TIME, 36: _MONTH, 50: _MONTH, 51: _DAY, 52: _MONTH,
                     53: _DAY, 54: _DAY, 55: _TIME, 56: _TIME, 57: _MONTH, 58: _DAY}
# A whole number under these shows as itself, but for decimal zeros and thousands
# separators (Excel's 数值 format is 0.00): read as the number, as typed.
_ONLY_DIGITS = re.compile(r"[#0]?(?:,##0|,###)?0?(?:\.0+)?")
_NUMBER_PART = re.compile(r"[0#?,]*(?:\.[0#?]*)?")
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]|\[(?:Red|Black|Blue|Green|'
                      r"White|Yellow|Cyan|Magenta|Color\d+)\]", re.I)


def shown_number(value: int | float, fmt: str) -> str | None:
    """A number as Excel shows it under `fmt`, for the formats clerks use: decimals
    (0.00), thousands (#,##0), percent (0.0%), leading zeros (000) and text around the
    number ("BZ-"000, 0"人", ¥#,##0.00); None for any other format (scientific,
    fractions, conditions, a negative number's own section), which is reported."""
    from decimal import ROUND_HALF_UP, Decimal

    sections = fmt.split(";")
    if len(sections) > 1 and value < 0 or len(sections) > 4:
        return None
    section = sections[0]
    out, number, percent = [], None, 0
    pos = 0
    while pos < len(section):
        literal = _LITERAL.match(section, pos)
        if literal:
            out.append(literal.group(1) if literal.group(1) is not None else
                       literal.group(2) if literal.group(2) is not None else
                       literal.group(3) if literal.group(3) is not None else
                       " " if literal.group().startswith("_") else "")
            pos = literal.end()
            continue
        general = _GENERAL.match(section, pos)
        if general:  # General"人", G/通用格式"件": the number as typed, with its text
            if number is not None:
                return None
            number = "General"
            out.append(None)
            pos = general.end()
            continue
        char = section[pos]
        if char in "0#?.,":
            if number is not None:
                return None  # two numbers in one format
            part = _NUMBER_PART.match(section, pos).group()
            number = part
            out.append(None)
            pos += len(part)
            continue
        if char == "%":
            percent += 1
            out.append("%")
        elif char in "-+()$:/ ¥￥元":
            out.append(char)
        else:
            return None  # E+, fractions, dates in a number's cell, conditions…
        pos += 1
    if number is None:
        return None
    if number == "General":
        if percent:
            return None
        text = _plain_number(abs(value))
        return "".join(("-" if value < 0 else "") + text if piece is None else piece
                       for piece in out)
    integer, _, decimals = number.partition(".")
    scaled = Decimal(repr(float(value))) * (Decimal(100) ** percent)
    places = len(decimals.replace(",", ""))
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{places}f}" if "," in integer else f"{abs(rounded):.{places}f}"
    zeros = integer.replace(",", "").count("0")
    whole, dot, fraction = text.partition(".")
    if whole.replace(",", "") == "0" and zeros == 0 and places:
        whole = ""  # #.00 shows .50
    if len(whole.replace(",", "")) < zeros:
        whole = whole.rjust(zeros, "0")
    text = ("-" if rounded < 0 else "") + whole + dot + fraction
    return "".join(text if piece is None else piece for piece in out)


_GENERAL = re.compile(r"G/通用格式|General", re.I)
_TWO_DIGIT_YEAR = re.compile(r"(?<!y)yy(?!y)")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+\d+", re.I)


def excel_artefact(value: str) -> str | None:
    """The problem code for a cell Excel has damaged, or None."""
    if value in _EXCEL_ERRORS:
        return "excel-error-value"
    if len(value) < 40 and _SCIENTIFIC.fullmatch(value):
        return "excel-number-format"
    return None


# --------------------------------------------------------------------------- files


def _unreadable(rel: str, err: OSError | None) -> Problem:
    """file-unreadable at a file's path, its cause in the clerk's words: no permission,
    not a file at all (err None), or the system's own words for anything else."""
    causes = messages_section("unreadable")
    if err is None:
        detail = causes["not_a_file"]
    elif isinstance(err, PermissionError):
        detail = causes["permission"]
    else:
        detail = causes["other"].format(error=err.strerror or type(err).__name__)
    return problem("file-unreadable", Location(rel, 1), detail=detail)


def regular(path: Path) -> bool:
    """Whether path is a regular file (through a link), told from its status alone: a
    named pipe is never opened (opening one waits for a writer for ever)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def special(path: Path) -> bool:
    """Something is there that is neither a folder nor a regular file: a named pipe, a
    device, a socket. Staff cannot have meant it, and no reader may open it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def staff_file(root: Path, rel: str, limit: int | None = None
               ) -> tuple[Path | None, Problem | None]:
    """The path of a file staff committed that may be read, or the one problem that says
    why not: not a regular file (a named pipe waits for a writer for ever, a device, a
    socket), one it may not open, or one over `limit` bytes. Every reader of staff files
    (records, pages, attachments, settings, templates, workbooks) comes here, through
    `read_staff` or, for a reader that opens the path itself (openpyxl), directly."""
    path = Path(root) / rel
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return None, _unreadable(rel, None)
        with path.open("rb"):  # refused here, not deep in a workbook or document reader
            pass
    except OSError as err:
        return None, _unreadable(rel, err)
    if limit is not None and status.st_size > limit:
        return None, problem("file-too-large", Location(rel, 1),
                             size=_megabytes(status.st_size), limit=_megabytes(limit))
    return path, None


def read_staff(root: Path, rel: str, limit: int | None = None
               ) -> tuple[bytes | None, Problem | None]:
    """The bytes of a file staff committed, or the problem `staff_file` finds with it."""
    path, refused = staff_file(root, rel, limit)
    if refused:
        return None, refused
    try:
        return path.read_bytes(), None
    except OSError as err:
        return None, _unreadable(rel, err)


def load_file(root: Path, rel: str, rtype: RecordType):
    """One file of one record type -> (its raw records, the problems met reading it).

    Table rows come as an iterator and the problems list fills while it is consumed, so
    a large table is typed row by row and never held twice."""
    problems: list[Problem] = []
    is_xlsx = rtype.shape == "table" and rel.endswith(".xlsx")
    limit = (MAX_XLSX_BYTES if is_xlsx else MAX_TABLE_BYTES) if rtype.shape == "table" \
        else MAX_TEXT_BYTES
    if is_xlsx:
        path_obj, refused = staff_file(root, rel, limit)
        if refused:
            return [], [refused]
        found = xlsx_rows(path_obj, rel, problems, many=any("*" in f for f in rtype.files),
                          rtype=rtype)
        if found is None:
            return [], problems
        rows, notes = found
        return read_table_rows(rows, rel, rtype, problems, notes), problems
    data, refused = read_staff(root, rel, limit)
    if refused:
        return [], [refused]
    if rtype.shape == "table":
        text, separator, problems = table_text(data, rel)
        del data
        if text is None:
            return [], problems
        text = control_characters(text, rel, problems)
        if separator == ",":
            separated, wrong = _separator_header(text, rtype)
            if wrong == ";":
                return [], problems + [problem("csv-semicolon", Location(rel, separated))]
            if separated:
                return [], problems + [problem("csv-separator", Location(rel, separated),
                                               separator=_separator_name(wrong))]
        return read_table_rows(csv_rows(text, rel, problems, separator), rel, rtype,
                               problems), problems
    text, bad = decode(data, rel)
    del data
    if bad:
        return [], [bad]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    garbled = mojibake(text, rel)
    if garbled:
        return [], [garbled]
    return _load_yaml_file(text, rel, rtype)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _load_yaml_file(text: str, rel: str, rtype: RecordType):
    body, body_line = "", 0
    first_line = 1
    if rtype.shape == "front-matter":
        front, body, body_line = split_front_matter(text)
        if front is None:
            if re.match(r"---[ \t]*\n", text):
                line = _front_matter_end(text)
                return [], [problem("front-matter-unclosed", Location(rel, line), line=line)]
            return [], [problem("missing-field", Location(rel, 1), field="---",
                                label=messages_section("shapes")["front_matter"])]
        text, first_line = front, 2
        body_problems: list[Problem] = []
        body = control_characters(body, rel, body_problems, body_line)
    tree, problems = parse_yaml(text, rel, first_line)
    if rtype.shape == "front-matter":
        problems += body_problems
    if tree is None:
        return [], problems
    if rtype.shape != "front-matter" and isinstance(tree, YMap) and not tree:
        # nothing but blank lines and comments: one problem, not one per required field
        return [], problems + [problem("yaml-empty", Location(rel, 1))]
    where = Location(rel, getattr(tree, "line", first_line))
    if rtype.shape == "list":
        if not isinstance(tree, YList):
            problems.append(problem("wrong-shape", where, field=rtype.label,
                                    expected=messages_section("shapes")["list"],
                                    actual=_shape_name(tree)))
            return [], problems
        records = []
        for item, line in zip(tree, tree.lines, strict=True):
            if not isinstance(item, YMap):
                problems.append(problem("wrong-shape", Location(rel, line), field=rtype.label,
                                        expected=messages_section("shapes")["mapping"],
                                        actual=_shape_name(item)))
                continue
            records.append(RawRecord(rtype, Location(rel, line), item))
        return records, problems
    if not isinstance(tree, YMap):
        problems.append(problem("wrong-shape", where, field=rtype.label,
                                expected=messages_section("shapes")["mapping"],
                                actual=_shape_name(tree)))
        return [], problems
    slug = PurePosixPath(rel).stem
    return [RawRecord(rtype, Location(rel, tree.line if tree else first_line), tree, body,
                      body_line, slug)], problems


def _shape_name(value) -> str:
    if isinstance(value, YList):
        return messages_section("shapes")["list"]
    if isinstance(value, YMap):
        return messages_section("shapes")["mapping"]
    return messages_section("shapes")["text"]


def read_text_file(root: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """A YAML file the schema does not describe (labels.yml), with the same limits."""
    path = root / rel
    if path.is_symlink():
        return None, [problem("file-symlink", Location(rel, 1))]
    if not path.exists():
        return None, [problem("missing-file", Location(rel, 0), expected=rel)]
    data, unreadable = read_staff(root, rel, MAX_TEXT_BYTES)
    if unreadable:
        return None, [unreadable]
    text, bad = decode(data, rel)
    if bad:
        return None, [bad]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    garbled = mojibake(text, rel)
    return (None, [garbled]) if garbled else (text, [])


# --------------------------------------------------------------------------- finding files


def _matches(rel: str, pattern: str) -> bool:
    """fnmatch per path part: `*` never crosses a folder."""
    parts, wanted = rel.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(
        fnmatchcase(p, w) for p, w in zip(parts, wanted, strict=True))


def _owner(rel: str) -> str | None:
    for rtype in record_types().values():
        if any(_matches(rel, pattern) for pattern in rtype.files):
            return rtype.name
    return None


def named_in_utf8(name: str) -> bool:
    """Whether a file or folder name is UTF-8 (as git on Windows and macOS writes every
    name). One that is not (GBK bytes, as a zip made on a Chinese Windows unpacks on
    Linux) is held by Python as lone surrogates that no output, key or page may take:
    `names_not_in_utf8` says it, and every walk of staff files passes over it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def names_not_in_utf8(root: Path) -> list[Problem]:
    """A file-name-not-utf8 for each file or folder under data/, site_config/, content/
    and overrides/ (the theme's pages) whose name is not UTF-8 (a folder once, not each
    file in it), with the name read as GBK when it reads so, for the clerk to find it."""
    found: list[Problem] = []
    for top in ("data", "site_config", "content", "overrides"):
        base = root / top
        if base.is_symlink() or not base.is_dir():
            continue  # (file-symlink, said by project_files)
        for folder, dirs, names in os.walk(base):
            here = Path(folder).relative_to(root).as_posix()
            for name, tail in [(d, "/") for d in sorted(dirs)] + [(n, "") for n in sorted(names)]:
                if named_in_utf8(name):
                    continue
                if tail:
                    dirs.remove(name)
                try:
                    read = messages()["name_read_as_gbk"].format(
                        name=os.fsencode(name).decode("gb18030"))
                except UnicodeDecodeError:
                    read = ""
                found.append(problem("file-name-not-utf8", Location(f"{here}/{name}{tail}", 1),
                                     hint=read))
    return found


def project_files(root: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """Every file under data/, site_config/ and content/notices/: the ones each record
    type reads (sorted, for a stable order), and a problem for each of the others."""
    claimed: dict[str, list[str]] = {name: [] for name in record_types()}
    problems: list[Problem] = []
    for top in OWNED:
        base = root / top
        parts = top.split("/")
        linked = next((p for p in ("/".join(parts[:n]) for n in range(1, len(parts) + 1))
                       if (root / p).is_symlink()), None)
        if linked:
            if linked == top:  # a linked parent (content/) is reported once, below
                problems.append(problem("file-symlink", Location(top, 1)))
            continue
        if not base.is_dir():
            continue
        for folder, dirs, names in os.walk(base):
            here = Path(folder).relative_to(root).as_posix()
            for name in sorted(dirs):
                rel = f"{here}/{name}"
                if not named_in_utf8(name):  # (said by names_not_in_utf8)
                    dirs.remove(name)
                elif (root / rel).is_symlink():
                    problems.append(problem("file-symlink", Location(rel, 1)))
                    dirs.remove(name)
                elif name.startswith("."):
                    problems.append(problem("file-ignored", Location(rel + "/", 1)))
                    dirs.remove(name)
            for name in filter(named_in_utf8, sorted(names)):
                problems += _place(root, f"{here}/{name}", claimed)
    problems += _stray_notices(root)
    for name, files in claimed.items():
        files.sort()
        if record_types()[name].shape in ("table", "front-matter"):
            problems += _windows_copies(files)
    return claimed, problems


# How Windows, WPS and macOS name a copy: 台账 - 副本.csv, 台账 - 副本 (2).csv,
# 台账 (2).csv, 台账 - Copy.csv, 台账 copy 2.csv.
_COPY_NAME = re.compile(r"(?P<base>.+?)(?:\s*-\s*(?:副本|[Cc]opy)(?:\s*[(（]\d+[)）])?"
                        r"|\s*[(（]\d+[)）]|\s+(?:[Cc]opy|副本)(?:\s+\d+)?|\s*副本)")


def _windows_copies(files: list[str]) -> list[Problem]:
    """A table or notice saved as a copy beside its original (台账 - 副本.csv beside
    台账.csv): one problem, and the copy is not read (every row of it would repeat an id
    of the original, every notice its 文号). Removed from `files` in place."""
    present = set(files)
    found = []
    for rel in list(files):
        path = PurePosixPath(rel)
        match = _COPY_NAME.fullmatch(path.stem)
        if match and str(path.with_stem(match.group("base"))) in present:
            files.remove(rel)
            found.append(problem("file-windows-copy", Location(rel, 1), name=path.name,
                                 original=path.with_stem(match.group("base")).name))
    return found


def _place(root: Path, rel: str, claimed: dict[str, list[str]]) -> list[Problem]:
    if (root / rel).is_symlink():
        return [problem("file-symlink", Location(rel, 1))]
    owner = _owner(rel)
    name = rel.rsplit("/", 1)[-1]
    if name in _GIT_FILES:
        return []
    if name.startswith((".", "~$")):
        return [problem("file-ignored", Location(rel, 1))]
    if owner:
        claimed[owner].append(rel)
        return []
    if rel in EXTRA_FILES or rel.startswith(tuple(f + "/" for f in EXTRA_FOLDERS)):
        return []
    if rel.startswith(STYLE_FOLDER + "/"):
        if "/" not in rel[len(STYLE_FOLDER) + 1:] and name.lower().endswith(STYLE_SUFFIXES):
            return []
        return [problem("file-unknown", Location(rel, 1), folder=STYLE_FOLDER + "/",
                        expected="、".join(f"*{s}" for s in STYLE_SUFFIXES))]
    return [_stray(rel, root)]


def content_kind(head: bytes) -> str:
    """What a spreadsheet's first bytes say it is, whatever its name: 'ole' (.xls, .et,
    an encrypted workbook), 'zip' (.xlsx and the other packages), 'html' (what many
    government systems export as "Excel": a web page named .xls), 'mhtml' (a 单个文件网页),
    'xml2003' (Excel's XML 电子表格 2003), 'text' (a CSV or tab-separated table), or ''."""
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = ""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(encoding, errors="ignore")
            break
    else:
        text = head.decode("utf-8", errors="ignore") or head.decode("gb18030", errors="ignore")
    lowered = text.lstrip().lower()
    if lowered.startswith(("mime-version:", "from:")) and "multipart/related" in lowered:
        return "mhtml"
    if "urn:schemas-microsoft-com:office:spreadsheet" in lowered or \
            'progid="excel.sheet"' in lowered:
        return "xml2003"
    if lowered.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body",
                           "<style", "<!--")) or \
            lowered.startswith("<?xml") and "<html" in lowered:
        return "html"
    if text and "\x00" not in text and ("," in text or "\t" in text) and \
            not lowered.startswith("<"):
        return "text"
    return ""


def disguised(rel: str, head: bytes) -> Problem | None:
    """A spreadsheet whose name says one format and whose content is another that the
    name hides from staff (a web page or an XML 2003 sheet named .xls, .xlsx or .csv; a
    .xlsx or a CSV named .xls): said as what it is and how to save or rename it."""
    suffix = PurePosixPath(rel).suffix.lower()
    kind = content_kind(head)
    if kind in ("html", "mhtml", "xml2003"):
        how = "save_from_page"
    elif kind == "zip" and suffix in (".xls", ".et"):
        how = "rename_xlsx"
    elif kind == "text" and suffix in _OLD_WORKBOOKS:
        how = "rename_csv"
    else:
        return None
    kinds = messages_section("file_kinds")
    return problem("file-disguised", Location(rel, 1), suffix=PurePosixPath(rel).suffix,
                   kind=kinds["content_" + kind],
                   how=kinds[how].format(name=PurePosixPath(rel).stem))


def _head(path_obj: Path) -> bytes:
    try:
        with path_obj.open("rb") as stream:
            return stream.read(2048)
    except OSError:
        return b""


def _stray(rel: str, root: Path | None = None) -> Problem:
    """What to do with a file no record type reads."""
    path = PurePosixPath(rel)
    suffix = path.suffix.lower()
    where = Location(rel, 1)
    canonical = _CANONICAL_SUFFIX.get(suffix)
    kinds = messages_section("file_kinds")
    if suffix in _OLD_WORKBOOKS and root is not None:
        found = disguised(rel, _head(root / rel))
        if found is not None:
            return found
    if suffix in _OLD_WORKBOOKS:
        return problem("file-old-workbook", where, suffix=path.suffix, kind=kinds[suffix],
                       how=kinds["save_numbers" if suffix == ".numbers" else "save_xlsx"])
    if suffix == ".txt" and root is not None:
        renamed = path.with_suffix(".csv").as_posix()
        separator = _text_table_separator(root / rel) if _owner(renamed) else ""
        if separator:
            # Excel's and WPS's 文本文件（制表符分隔） and 'Unicode 文本' are saved as .txt
            return problem("file-text-table", where, separator=separator,
                           name=PurePosixPath(renamed).name)
    if canonical:
        renamed = path.with_suffix(canonical).as_posix()
        if _owner(renamed) or renamed in EXTRA_FILES:
            return problem("file-wrong-extension", where, suffix=path.suffix,
                           name=PurePosixPath(renamed).name)
    # The file's own folder first: a note beside the cases is not a case in a sub-folder.
    patterns = [p for rt in record_types().values() for p in rt.files] + list(EXTRA_FILES)
    parent = path.parent.as_posix()
    if suffix in _DOCUMENTS:
        read = sorted(p for p in patterns if p.rsplit("/", 1)[0] == parent) or sorted(
            p for p in patterns if p.startswith(rel.split("/", 1)[0] + "/"))
        return problem("file-document", where, suffix=path.suffix, kind=kinds[suffix],
                       folder=parent + "/", expected="、".join(read))
    copy = _COPY_NAME.fullmatch(path.stem)
    if copy:  # data/units - 副本.csv: a copy of a file read alone, as of a table's part
        original = path.with_stem(copy.group("base"))
        if any(fnmatch.fnmatchcase(original.as_posix(), p) for p in patterns):
            return problem("file-windows-copy", where, name=path.name, original=original.name)
    part = _table_part(path, suffix, root)
    if part is not None:
        return part
    own = sorted(p for p in patterns if p.rsplit("/", 1)[0] == parent)
    if own:
        return problem("file-unknown", where, folder=parent + "/", expected="、".join(own))
    above = [folder for folder in (p.rsplit("/", 1)[0] for p in patterns)
             if rel.startswith(folder + "/")]
    if above:
        return problem("file-wrong-folder", where, folder=max(above, key=len) + "/")
    top = next(t for t in OWNED if rel.startswith(t + "/"))
    return problem("file-unknown", where, folder=top + "/", expected="、".join(
        sorted(p for p in patterns if p.startswith(top + "/"))))


def _table_part(path: PurePosixPath, suffix: str, root: Path | None) -> Problem | None:
    """A table read from one file split by month or batch into files named after it
    (data/reports-2026-06.csv, data/units（二月）.xlsx): said as a part of that table,
    with the file to join its rows to, or to take the part's name when the table's own
    file is missing; None for any other name."""
    if suffix not in (".csv", ".xlsx"):
        return None
    stem = path.stem
    found = []
    for rtype in record_types().values():
        if rtype.shape != "table" or any("*" in p for p in rtype.files):
            continue
        own = [PurePosixPath(p) for p in rtype.files if PurePosixPath(p).parent == path.parent]
        if own and stem.startswith(own[0].stem) and _PART_NAME.fullmatch(
                stem[len(own[0].stem):]):
            found.append((len(own[0].stem), rtype.label, own))
    if not found:
        return None
    _size, label, own = max(found, key=lambda each: each[0])  # ledger_reviews, not ledger
    present = [p for p in own if root is not None and (root / p).is_file()]
    original = (present or [p for p in own if p.suffix == suffix] or own)[0]
    return problem("file-table-part", Location(path.as_posix(), 1), name=path.name,
                   label=label, original=original.as_posix(),
                   how=_say_cause("part_join" if present else "part_rename",
                                  original=original.as_posix()))


# What clerks add to a table's file name when they split it: a month, a batch, a unit
# (-2026-06, _6月, （二月）, 第二批, 2): a separator or a digit, then anything.
_PART_NAME = re.compile(r"[-_ .·（(【\[\d一二三四五六七八九十第].*", re.S)


_NOTICE_KEYS = re.compile(r"^(category|embargo|draft|cases|units)\s*:", re.M)


def notice_like(text: str) -> bool:
    """Whether a Markdown file opens as a notice does; one not read as a notice (in the
    wrong folder, a copy) is named once for that, not again for each of its keys."""
    front, _body, _line = split_front_matter(text[:8192].replace("\r\n", "\n"))
    return front is not None and bool(_NOTICE_KEYS.search(front))


def messages_section(name: str) -> dict:
    from generator.problems import messages

    return messages()[name]


def _text_table_separator(path: Path) -> str:
    """How the columns of a .txt file are separated when its head reads as a table of
    three or more columns (tabs, or commas), as said to staff; "" otherwise."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8192)
    except OSError:
        return ""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[:len(head) - len(head) % 2].decode("utf-16", errors="ignore")
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("gb18030", errors="ignore")
    lines = text.replace("\r\n", "\n").split("\n", _TITLE_ROWS + 1)[:_TITLE_ROWS + 1]
    if _tab_separated("\n".join(lines)):
        return _separator_name("\t")
    if any(sum(1 for cell in line.split(",") if cell.strip()) >= 3 for line in lines):
        return _separator_name(",")
    return ""


def _stray_notices(root: Path) -> list[Problem]:
    """Markdown under content/ but outside content/notices/ that looks like a notice: the
    engine would publish it as it is, draft or embargo notwithstanding."""
    content = root / "content"
    if content.is_symlink():
        return [problem("file-symlink", Location("content", 1))]
    found: list[Problem] = []
    if not content.is_dir():
        return found
    for folder, dirs, names in os.walk(content):
        here = Path(folder).relative_to(root).as_posix()
        if here == "content/notices":
            dirs.clear()
            continue
        for name in sorted(dirs):
            if not named_in_utf8(name):  # (said by names_not_in_utf8)
                dirs.remove(name)
            elif (Path(folder) / name).is_symlink():
                found.append(problem("file-symlink", Location(f"{here}/{name}", 1)))
                dirs.remove(name)
        for name in filter(named_in_utf8, sorted(names)):
            rel = f"{here}/{name}"
            path = root / rel
            if path.is_symlink():
                found.append(problem("file-symlink", Location(rel, 1)))
                continue
            if not name.lower().endswith((".md", ".markdown")) or not regular(path):
                continue  # (a named pipe or an unreadable page: said by checks' content rules)
            try:
                with path.open("rb") as stream:
                    head = stream.read(8192)
            except OSError:
                continue
            head = head.decode("utf-8", errors="replace")
            front, _body, _line = split_front_matter(head.replace("\r\n", "\n"))
            if front is not None and _NOTICE_KEYS.search(front):
                found.append(problem("notice-outside-folder", Location(rel, 1)))
    return found


def files_of(root: Path, rtype: RecordType) -> list[str]:
    """The project-relative files a record type reads, sorted, for a stable order."""
    return project_files(root)[0][rtype.name]
