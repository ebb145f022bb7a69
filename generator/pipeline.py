"""The whole pipeline: load -> validate -> derive -> render, as one function.

`build` returns the pages; the mkdocs adapter and `export` only decide where they go.
"""
from __future__ import annotations

import datetime as dt
import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import charts, feeds, opendata
from generator.checks import validate
from generator.derive import derive
from generator.history import load_history
from generator.problems import Location, Report, problem
from generator.records import Dataset, LabelMissing
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
    owned: tuple[str, ...] = ("notices",)


def build(root: Path, now: dt.datetime | None = None, history: bool = True) -> Site:
    """Every page and file of the site; `history=False` leaves git history out (the
    golden pages must not change with every commit)."""
    data, report = validate(Path(root), now)
    if not report.valid:
        raise ProblemsFound(report)
    try:
        facts = derive(data)
        drawn = charts.render_all(facts.indicators, data.labels)
        changes = load_history(Path(root), data.now.tzinfo) if history else None
        pages, nav = render(data, facts, drawn, changes)
    except (RenderError, LabelMissing) as err:
        report.add(problem("missing-label", Location("site_config/labels.yml", 0),
                           field=str(err.args[0])))
        raise ProblemsFound(report) from None
    files = {**feeds.feeds(data, facts), **opendata.files(data, facts)}
    for key, chart in drawn.items():
        files[f"charts/{key}.svg"] = chart["svg"].encode("utf-8")
        files[f"charts/{key}.csv"] = chart["csv"]
    return Site(data, pages, files, nav)


def export(root: Path, target: Path, now: dt.datetime | None = None) -> int:
    """A plain project another engine can build: DIR/docs/ holds the generated pages,
    feeds, downloads and charts plus the hand-written content/; DIR/mkdocs.yml is the
    engine configuration with the title and navigation written out and no hooks."""
    import yaml

    site = build(root, now)
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    content = Path(root) / "content"
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns(*site.owned))
    for path, text in site.pages.items():
        dest = docs / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    for path, content_bytes in site.files.items():
        dest = docs / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(content_bytes)
    engine = yaml.safe_load((Path(root) / "mkdocs.yml").read_text("utf-8"))
    for key in ("hooks", "watch", "validation", "strict"):
        engine.pop(key, None)
    # Themes print the site name and navigation labels unescaped: they go in as HTML text.
    engine.update(site_name=html.escape(site.data.site["title"]), site_url=site.data.site["url"],
                  docs_dir="docs", nav=[{html.escape(label): path} for label, path in site.nav])
    engine["theme"].pop("custom_dir", None)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(engine, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return len(site.pages)
