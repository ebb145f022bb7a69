"""Typed records and the dataset that holds them all."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Location

EXPOSURE, CLARIFICATION, TOLERANCE = "通报曝光", "澄清正名", "容错免责"
# The case kinds schema.yml allows (a test holds the two equal), in the order their counts
# stand on every page, each with the slug of its listing (cases/kind/<slug>/). Only an
# exposure counts in the figures of people held: a clarification clears a cadre reported
# untruly, a tolerance (容错免责, seed 002's 容错免责机制) exempts one whose mistake in
# bold work the commission decided to tolerate; each is counted and shown as itself.
CASE_KINDS = {EXPOSURE: "exposure", CLARIFICATION: "clarification", TOLERANCE: "tolerance"}
# Kinds whose persons were not handled: a measure written for one of them is refused.
UNHANDLED_KINDS = (CLARIFICATION, TOLERANCE)


class Rec(dict):
    """A typed record (or nested mapping) that remembers where each field was written.

    Fields are dict items, so templates read them as `case.title`; `where` and
    `lines` are attributes, `state` and `why` say whether it is published. No schema
    field may share a name with an attribute or a dict method (a test checks).
    """

    # Slots: a county's ledger holds many thousand records; no per-record __dict__.
    __slots__ = ("where", "rtype", "lines", "rejected", "state", "why")

    def __init__(self, where: Location, rtype: str = "") -> None:
        super().__init__()
        self.where = where
        self.rtype = rtype
        # The line of each field written on another line than the record's own (a table
        # row has none): most records share the one empty, read-only mapping.
        self.lines: dict[str, int] = NO_LINES
        self.rejected: frozenset[str] = NONE_REJECTED  # fields written but refused
        self.state = "published"
        self.why = ""

    def set_line(self, name: str, line: int) -> None:
        if self.lines is NO_LINES:
            self.lines = {}
        self.lines[name] = line

    def __reduce__(self):
        """Pickled without the empty `lines` and `rejected`, which come back as the shared
        ones: each record read from the cache would otherwise bring its own (an empty
        frozenset is 216 bytes; at city scale a fifth of what the records take)."""
        return (_restore, (self.where, self.rtype, self.lines or None, self.rejected or None,
                           self.state, self.why), None, None, iter(self.items()))

    def at(self, name: str) -> Location:
        line = self.lines.get(name)
        if line is None or line == self.where.line:
            return self.where  # Locations are immutable: the record's own is shared
        return Location(self.where.path, line)

    @property
    def published(self) -> bool:
        return self.state == "published"


class _NoLines(dict):
    """The empty `lines` records share: written to through Rec.set_line, never directly."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("a record's lines are set with Rec.set_line")

    __setitem__ = setdefault = update = __delitem__ = pop = popitem = clear = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]

    def __reduce__(self):
        return "NO_LINES"


NO_LINES = _NoLines()
NONE_REJECTED: frozenset[str] = frozenset()


def _restore(where: Location, rtype: str, lines: dict | None, rejected: frozenset | None,
             state: str, why: str) -> Rec:
    rec = Rec(where, rtype)
    if lines:
        rec.lines = lines
    if rejected:
        rec.rejected = rejected
    rec.state, rec.why = state, why
    return rec


@dataclass
class Dataset:
    """Every record that was read, typed, with its publication state set."""

    now: dt.datetime
    site: Rec
    campaign: Rec
    taxonomy: Rec
    channels: Rec
    labels: dict
    collections: dict[str, list[Rec]] = field(default_factory=dict)
    read_counts: dict[str, int] = field(default_factory=dict)

    def __getattr__(self, name: str) -> list[Rec]:
        try:
            return self.__dict__["collections"][name]
        except KeyError:
            raise AttributeError(name) from None

    def published(self, name: str) -> list[Rec]:
        return [r for r in self.collections[name] if r.published]


class LabelMissing(KeyError):
    """A label the site needs is not in site_config/labels.yml."""


def label_line(root: Path, key: str) -> int:
    """The line of site_config/labels.yml where a missing label belongs: that of the
    deepest section of its dotted key that is there (1 when none is)."""
    from generator.load import YMap, parse_yaml, read_text_file  # load imports this module

    text, _problems = read_text_file(Path(root), "site_config/labels.yml")
    tree, _problems = parse_yaml(text or "", "site_config/labels.yml")
    line = 1
    for part in key.split("."):
        if not isinstance(tree, YMap) or part not in tree:
            break
        line, tree = tree.lines[part], tree[part]
    return line


class Labels(dict):
    """The labels file: a missing key is a located problem, not a crash."""

    def __init__(self, data: dict, path: str = "") -> None:
        super().__init__({k: Labels(v, f"{path}{k}.") if isinstance(v, dict) else v
                          for k, v in data.items()})
        self.path = path

    def __missing__(self, key):
        raise LabelMissing(f"{self.path}{key}")

    def __getattr__(self, name: str):
        """`L.units.supervisor` in a template: a missing label raises LabelMissing with its
        whole dotted key (jinja2 would name only the last part), so the problem points at
        its section of labels.yml."""
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]
