"""The whole pipeline: load -> validate -> derive -> render, as one function.

`build` returns the pages; the mkdocs adapter and `export` only decide where they go.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import charts, feeds, opendata
from generator.checks import validate
from generator.derive import derive
from generator.problems import Location, Report, problem
from generator.records import Dataset
from generator.render import RenderError, render


class ProblemsFound(Exception):
    """The data has problems: nothing may be published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.problems)} problems")
        self.report = report


@dataclass
class Site:
    data: Dataset
    pages: dict[str, str]  # site path -> Markdown
    files: dict[str, bytes]  # site path -> bytes: feeds and open data
    nav: list[tuple[str, str]]  # (label, path) of the sections; every other page is off-nav
    # Folders of content/ whose files are records the generator renders itself (a notice
    # may be a draft or under embargo): the engine must not publish them as they are.
    owned: tuple[str, ...] = ("notices/",)


def build(root: Path, now: dt.datetime | None = None) -> Site:
    data, report = validate(Path(root), now)
    if not report.valid:
        raise ProblemsFound(report)
    facts = derive(data)
    drawn = charts.render_all(facts.indicators, data.labels)
    try:
        pages, nav = render(data, facts, drawn)
    except RenderError as err:
        report.add(problem("missing-label", Location("site_config/labels.yml", 0),
                           field=str(err)))
        raise ProblemsFound(report) from None
    files = {**feeds.feeds(data, facts), **opendata.files(data, facts)}
    for key, chart in drawn.items():
        files[f"charts/{key}.svg"] = chart["svg"].encode("utf-8")
        files[f"charts/{key}.csv"] = chart["csv"]
    return Site(data, pages, files, nav)


def export(root: Path, target: Path, now: dt.datetime | None = None) -> int:
    """Write the generated pages plus the hand-written content/ as a plain Markdown tree."""
    site = build(root, now)
    if target.exists():
        shutil.rmtree(target)
    content = Path(root) / "content"
    shutil.copytree(content, target, ignore=shutil.ignore_patterns("notices"))
    for path, text in site.pages.items():
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    for path, content in site.files.items():
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(content)
    return len(site.pages)
