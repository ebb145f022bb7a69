"""Problems are data: every check yields them, the CLI prints them.

A `Problem` names a file, a line, a kebab-case code and a Chinese message built from
the templates in `messages.yml`. Nothing below the CLI prints or exits.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import PurePath

import yaml


def own_yaml(name: str):
    """A YAML file the generator ships (messages, schema, label reference): read with
    libyaml when it is there. Staff files go through load.py, which keeps every line."""
    text = resources.files("generator").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@cache
def messages() -> dict:
    """Everything the generator says to staff, from `messages.yml`."""
    return own_yaml("messages.yml")


def term(key: str) -> str:
    """A word a message prints that is not a schema field's label (`words` in
    messages.yml): 正文, 文件名, how a list is joined …"""
    return messages()["words"][key]


def catalogue() -> dict[str, dict[str, str]]:
    """Every known problem code with its message template and help line."""
    return messages()["problems"]


def collection_names() -> dict[str, str]:
    """Chinese names of the reference targets that come from the taxonomy."""
    return messages()["collections"]


def masked(params: dict) -> dict:
    """Every value a message prints, with personal data masked (ID numbers, mobiles,
    e-mail addresses): the one place masking happens, for CLI text, GitHub annotations,
    GitLab JSON and the unpublished summary alike."""
    from generator.privacy import mask_text

    return {k: mask_text(v) if isinstance(v, str) else
            mask_text(str(v)) if isinstance(v, (Location, PurePath)) else v
            for k, v in params.items()}


def say(key: str, **params: object) -> str:
    """A line of the command-line tool's own output, from the `cli` section."""
    return messages()["cli"][key].format(**shown(masked(params)))


def _unseen_class() -> str:
    from generator.normalise import INVISIBLE_CLASS

    # controls (a tab, an ESC), what renders as nothing (U+200B, a tag character), the
    # line and paragraph separators and the spaces that look like an ordinary one (U+00A0),
    # and the lone surrogates a name not in UTF-8 is read as (no UTF-8 output takes them)
    return ("[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
            "\ufffe\uffff\ud800-\udfff" + INVISIBLE_CLASS[1:])


@cache
def _unseen() -> re.Pattern:
    # and the second # of ##[: GitHub's runner reads a legacy command (##[error],
    # ##[add-mask], ##[stop-commands]) anywhere in a line of the log, so a quoted value
    # would forge an annotation or silence every one after it; #<U+0023>[ reads as written
    return re.compile(_unseen_class() + r"|(?<=#)#(?=\[)")


_SHOWN_AS = {"\t": "⇥", "\r": "⏎", "\n": "⏎"}


def _show(found: re.Match) -> str:
    char = found.group()
    return _SHOWN_AS.get(char) or f"<U+{ord(char):04X}>"


def shown(params: dict) -> dict:
    """Every value a message prints with each character a reader cannot see or tell
    from a space named where it stands (⇥ for a tab, ⏎ for a line break, <U+200B>): the
    one place this happens, for every problem and every line of the command line, so a
    value quoted in a message reads on one line as the value is (linear: one scan); and
    ##[ as #<U+0023>[, which no CI runner reads as a command."""
    pattern = _unseen()
    return {k: pattern.sub(_show, v) if isinstance(v, str) else v for k, v in params.items()}


def shown_text(text: str) -> str:
    """One text as `shown` shows a value: a file name with a line break, an ANSI escape
    or a bidi control (U+202E) printed as is would forge or hide lines of the CI log and
    of GitHub's and GitLab's annotations."""
    return _unseen().sub(_show, text)


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a source file: path relative to the project, 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    def __reduce__(self):
        """Unpickled through __init__ (a frozen dataclass's own way sets each slot through
        a generic state: half a second for the records of a city read from the cache)."""
        return (Location, (self.path, self.line))


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    field: str = ""
    # "error" stops publication; "info" says what the loader did (a skipped title row, a
    # filled merged cell) and does not.
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity != "info"

    def __str__(self) -> str:
        mark = "" if self.is_error else say("info_mark")
        return f"{self.shown_path}:{self.line}: {self.code}: {mark}{self.message}"

    @property
    def shown_path(self) -> str:
        """The path as every output prints it (`shown_text`): the file itself is found by
        `path`, as it is on disk."""
        return shown_text(self.path)


def problem(code: str, where: Location, field: str = "", **params: object) -> Problem:
    """Build a problem from its catalogue template; unknown codes are a programming error."""
    entry = catalogue()[code]
    params.setdefault("field", field)
    params.setdefault("hint", "")
    # a value written over two lines (a cell wrapped in Excel) is shown on the problem's
    # one line, its line break marked as staff see it wrap
    params = {k: v.replace("\r\n", "⏎").replace("\n", "⏎") if isinstance(v, str) and "\n" in v
              else v for k, v in params.items()}
    return Problem(where.path, where.line, code,
                   entry["message"].format(**shown(cut_long(masked(params)))),
                   mask_field(field), entry.get("severity", "error"))


# The parameters that quote what staff wrote (a cell, a field's value, a heading): one of
# five thousand characters made a message line as long; the file and line find it whole.
# A field is one too (a CSV header a paragraph long is an unknown-field), and so are a
# cell, a sheet, an address or a parser's detail; the lists check makes (allowed values,
# line numbers) are not.
_QUOTED = frozenset({"value", "original", "other", "title", "header", "word", "target",
                     "name", "first", "label", "what", "expected", "field", "headers",
                     "cell", "cells", "sheet", "formula", "url", "host", "tag", "detail",
                     "id", "unit", "case", "notice", "person", "said", "source", "written",
                     "wanted", "meant", "category", "status", "anchor"})
_QUOTE_LIMIT = 160


def cut_long(params: dict) -> dict:
    """Each quoted value longer than _QUOTE_LIMIT characters shown by its start and its
    end, with its length (after masking, so no ID number is cut where the mask misses it)."""
    def cut(value: str) -> str:
        return messages()["value_cut"].format(start=value[:100], end=value[-30:],
                                              count=len(value))

    return {k: cut(v) if k in _QUOTED and isinstance(v, str) and len(v) > _QUOTE_LIMIT
            else v for k, v in params.items()}


def mask_field(field: str) -> str:
    from generator.privacy import mask_text

    return mask_text(field) if field else field


def suggestion(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """The '是否指 …' hint for the nearest valid value, or '' when nothing is near."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    near = [c for c in choices if unicodedata.normalize("NFKC", c).casefold() == folded][:1] \
        or difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not near:
        # Chinese values are short: a shared substring is a better guide than ratio.
        near = [c for c in choices if value and (value in c or c in value)][:1]
    return messages()["suggestion"].format(value=near[0]) if near else ""


@dataclass
class Report:
    """Collects problems from every stage; knows whether the data may be published."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, item: Problem | None) -> None:
        if item is not None:
            self.problems.append(item)

    def extend(self, items) -> None:
        for item in items:
            self.add(item)

    @property
    def valid(self) -> bool:
        """No error; info lines do not stop publication."""
        return not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def flatten(self) -> list[tuple[str, int, str]]:
        """(path, line, code) for every problem, in order: what tests compare."""
        return [(p.path, p.line, p.code) for p in self.sorted()]
