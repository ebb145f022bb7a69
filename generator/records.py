"""Typed records and the dataset that holds them all."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Location


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
        self.lines: dict[str, int] = {}
        self.rejected: frozenset[str] = frozenset()  # fields written but refused
        self.state = "published"
        self.why = ""

    def at(self, name: str) -> Location:
        line = self.lines.get(name)
        if line is None or line == self.where.line:
            return self.where  # Locations are immutable: the record's own is shared
        return Location(self.where.path, line)

    @property
    def published(self) -> bool:
        return self.state == "published"


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
