"""The whole pipeline: load -> validate -> derive -> render, as one function.

`build` returns the pages; the mkdocs adapter and `export` only decide where they go.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import html
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator import charts, cms, document, feeds, headers, opendata, sanitize, theme
from generator.checks import GENERATED_PAGE, revision_rules, validate
from generator.derive import derive
from generator.history import load_history
from generator.problems import Location, Report, problem
from generator.records import Dataset, LabelMissing, label_line
from generator.render import RenderError, last_modified, plan, render


class ProblemsFound(Exception):
    """The data has problems: nothing may be published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.problems)} problems")
        self.report = report


# Whether records and facts, once made, are set aside from the cyclic collector's walks
# for the rest of the process (gc.freeze). Set by the one-shot commands (`python -m
# generator`, `mkdocs build`); a process that builds again and again (the preview, a
# test session) must not: whatever cyclic garbage it holds then would never be freed.
SET_ASIDE = False


def _without_cycle_collection(run):
    """Validation and derive make a county's records and facts (some hundred thousand
    objects at city scale, none in a reference cycle) that live to the end of the run:
    Python's cyclic collector would walk them again and again and free nothing (about
    4 of the 37 s of `check` at scale 120). It is off while they are made (reference
    counting still frees all but cycles) and on again after, as it was; in a one-shot
    run they are then set aside from its walks (`SET_ASIDE`)."""
    @functools.wraps(run)
    def without(*args, **kwargs):
        was = gc.isenabled()
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            if was:
                gc.enable()
            if SET_ASIDE:
                gc.freeze()
    return without


@_without_cycle_collection
def _validate(root: Path, now: dt.datetime | None = None):
    return validate(root, now)  # looked up when called: a caller may stand in for it


@_without_cycle_collection
def _derive(data: Dataset, lazy: bool = False):
    return derive(data, lazy)


@dataclass
class Site:
    data: Dataset
    pages: Mapping[str, str]  # site path -> Markdown
    files: dict[str, bytes]  # site path -> bytes: feeds and open data
    nav: list[tuple[str, str]]  # (label, path) of the sections; every other page is off-nav
    # Folders of content/ whose files are records the generator renders itself (a notice
    # may be a draft or under embargo): the engine must not publish them as they are.
    owned: tuple[str, ...] = ("notices",)
    # Code copied as it is, not made from the data: the web editor under admin/.
    assets: dict[str, bytes] = field(default_factory=dict)
    facts: object = None  # derive.Facts: what the pages were made from (health reads it)
    # What the engine adapter prints on every page: theme.engine_labels, and the headers
    # of the columns a phone shows first (theme.decisive_columns) and of a fact sheet's
    # value column (theme.fact_sheet_header).
    engine: dict = field(default_factory=dict)
    # What the sitemap gives as each page's <lastmod>: the county's date of the build
    # (UTC+8, as 页面生成日期 says), or a record page's own last change (render.last_modified).
    build_date: str = ""
    lastmod: dict[str, str] = field(default_factory=dict)


def build(root: Path, now: dt.datetime | None = None, history: bool = True,
          checked: tuple[Dataset, Report] | None = None, local_editor: bool = False,
          keep: bool = True) -> Site:
    """Every page and file of the site; `history=False` leaves git history out (the
    golden pages must not change with every commit). `checked` is validate's result
    when the caller has it already. `local_editor`: the web editor saves through the
    preview's local backend (make preview). `keep=False` (`check`): every page and
    open data file is made, as the build makes them, and let go: `Site.pages` makes a
    page's text again when it is read, `Site.files` holds no bytes of the open data."""
    data, report = checked or _validate(Path(root), now)
    if not report.valid:
        raise ProblemsFound(report)
    try:
        facts = _derive(data)
        drawn = charts.render_all(facts.indicators, data.labels, root=Path(root))
        changes = load_history(Path(root), data.now.tzinfo, data.now) if history else None
        report.extend(revision_rules(data, changes))  # notes: the build goes on
        # on the other core, when there is one
        open_data = _beside(opendata.files if keep else _open_data_let_go, data, facts)
        try:
            pages, nav = render(data, facts, drawn, changes, keep=keep, root=Path(root))
        except BaseException:
            open_data.cancel()
            raise
        engine = {"labels": theme.engine_labels(data.labels),
                  "decisive": theme.decisive_columns(data.labels),
                  "fact_sheet": theme.fact_sheet_header(data.labels)}
        made = {**feeds.feeds(data, facts), **open_data.result(),
                **attachments(Path(root), facts.notices)}
        made[cms.SITE_PATH] = cms.config_yaml(  # the editor's, at /admin/
            data, local=local_editor).encode("utf-8")
    except (RenderError, LabelMissing) as err:
        report.add(_missing_label(Path(root), err))
        raise ProblemsFound(report) from None
    try:
        documents = document.files(data, Path(root))
    except document.DocumentsFailed as failed:
        report.extend(failed.problems)
        raise ProblemsFound(report) from None
    editor = made.pop(cms.SITE_PATH)
    files = {**made, **documents}
    files[cms.SITE_PATH] = editor
    files[headers.SITE_PATH] = headers.headers_file()
    for key, chart in drawn.items():
        files[f"charts/{key}.svg"] = chart["svg"].encode("utf-8")
        files[f"charts/{key}.csv"] = chart["csv"]
    lastmod = {path: day.isoformat() for path, day in
               last_modified(data, facts, changes).items()}
    return Site(data, pages, files, nav, assets=cms.static_files(),
                facts=facts, engine=engine, build_date=data.now.date().isoformat(),
                lastmod=lastmod)


def _open_data_let_go(data: Dataset, facts) -> dict[str, bytes]:
    """Every open data file made (what would stop the build stops here), none kept or
    sent back (95 MB at scale 120), the archive of them not packed: their paths only."""
    return dict.fromkeys(opendata.files(data, facts, archive=False), b"")


class _beside:
    """fn(*args) made in a forked process while this one goes on (both cores of the
    machine: the open data files take a second at scale 30), with the same result, or
    the same error, as a call here. One core, GENERATOR_JOBS=1, or a process that died:
    it is made here, when asked for."""

    def __init__(self, fn, *args) -> None:
        from generator import render as _render

        self.call = (fn, args)
        self.child = self.receive = None
        if not _render.two_processes():
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.child = context.Process(target=self._make, args=(send,), daemon=True)
        self.child.start()
        send.close()

    def _make(self, send) -> None:
        from generator.render import sendable

        fn, args = self.call
        try:
            value = fn(*args)
        except Exception as err:  # noqa: BLE001 - handed to the parent as it is
            send.send((False, sendable(err)))
            send.close()
            return
        try:
            send.send((True, value))
        except Exception:  # noqa: BLE001 - a result that cannot be sent is made there
            send.send((None, None))
        send.close()

    def result(self):
        fn, args = self.call
        if self.child is None:
            return fn(*args)
        try:
            made, value = self.receive.recv()
        except EOFError:  # the process died: made here
            made, value = None, None
        finally:
            self.cancel()
        if made is None:  # (or its result could not be sent)
            return fn(*args)
        if not made:
            raise value
        return value

    def cancel(self) -> None:
        if self.child is not None:
            self.receive.close()
            if self.child.is_alive():
                self.child.terminate()
            self.child.join()
            self.child = None


def _missing_label(root: Path, err: Exception):
    key = str(err.args[0])
    # jinja2 names only the attribute it could not find: that is the label's key
    named = re.search(r"has no attribute '([^']+)'", key)
    key = named.group(1) if named else key
    return problem("missing-label", Location("site_config/labels.yml", label_line(root, key)),
                   field=key)


def check(root: Path, now: dt.datetime | None = None, cached: bool = False,
          changed: bool = False) -> tuple[Dataset, Report]:
    """What `check` reports: every problem validate finds, and when there is none,
    whatever the build itself would still refuse (a missing label, a broken link in a
    page staff wrote), found by building the pages in memory. So check and build agree.

    `cached`: files whose bytes are unchanged since the last run are not parsed again
    (cache.FileCache); everything else (typing, references, cross-record rules) runs.
    `changed` (the pre-commit hook): the pages are rendered in memory only when something
    besides data/ changed (site_config/, content/, the generator, the theme) since the
    last check that rendered them and passed; otherwise only the pages staff wrote and
    the pages they link to are, against every page and file the data now makes (a case
    taken out of data/ takes its page with it). `check` without it, and the build,
    always render every page."""
    from generator import cache

    data, report = (validate_cached(root, now) if cached or changed
                    else _validate(Path(root), now))
    if not report.valid:
        return data, report
    pages_key = cache.pages_key(Path(root)) if changed else None
    if pages_key is not None and cache.pages_passed(Path(root), pages_key):
        try:
            facts = _derive(data, lazy=True)
            drawn = charts.render_all(facts.indicators, data.labels, lazy=True,
                                      root=Path(root))
            changes = load_history(Path(root), data.now.tzinfo, data.now)
            report.extend(revision_rules(data, changes))
            planned, _nav = plan(data, facts, drawn, changes, root=Path(root))
            report.extend(link_problems(Path(root), data, facts, planned.pages,
                                        file_paths(data, facts), planned.one))
        except (RenderError, LabelMissing) as err:
            report.add(_missing_label(Path(root), err))
            return data, report
        report.extend(totals_below_computed(facts))
        return data, report
    try:
        site = build(root, now, checked=(data, report), keep=False)
    except ProblemsFound as failed:
        return data, failed.report
    report.extend(link_problems(Path(root), data, site.facts, site.pages, site.files,
                                site.pages.__getitem__))
    report.extend(totals_below_computed(site.facts))
    if report.valid:
        cache.remember_pages(Path(root), pages_key or cache.pages_key(Path(root)))
    return data, report


def file_paths(data: Dataset, facts) -> set[str]:
    """The path of every file `build` makes besides the pages, without making them."""
    from generator.feeds import FEEDS

    paths = set(FEEDS.values()) | set(opendata.paths(data, facts)) | {cms.SITE_PATH,
                                                                        headers.SITE_PATH}
    paths |= {f"notices/files/{attachment['file']}" for notice in facts.notices
              for attachment in notice.get("attachments") or []}
    paths |= {path for notice in document.issued(data)
              for path in document.site_paths(notice).values()}
    paths |= {f"charts/{key}.{kind}" for key in facts.indicators for kind in ("svg", "csv")}
    return paths


def link_problems(root: Path, data: Dataset, facts, pages, files, markdown_of) -> list:
    """Links in the pages staff wrote that the strict build would stop at (links.py)."""
    from generator import links

    return links.problems(root, pages, files, Site.owned, facts.notices, markdown_of)


@_without_cycle_collection
def validate_cached(root: Path, now: dt.datetime | None = None,
                    in_memory: bool = False) -> tuple[Dataset, Report]:
    """validate, reading again only the files whose bytes changed since the last run
    (cache.FileCache); typing, references and cross-record rules all run. `in_memory`
    (the preview): the last run is this process's, kept in memory, not on disk."""
    from generator import cache

    files = cache.FileCache(Path(root), in_memory)
    checked = validate(Path(root), now, files)
    files.save()
    return checked


def totals_below_computed(facts) -> list:
    """A published total smaller than the count of the records published one by one: the
    reader sees both side by side, so staff are told (it does not stop publication)."""
    return [problem("total-below-computed", total["row"].at("count"), field=total["measure"],
                    value=total["row"]["count"], computed=total["computed"])
            for total in facts.totals
            if total["computed"] is not None and total["row"]["count"] < total["computed"]
            and not total["row"].get("note")]


# Record pages and the collection and field their path is made from.
_RECORD_PAGES = (("units", "id", "units/{}/index.html"), ("cases", "id", "cases/{}/index.html"),
                 ("notices", "slug", "notices/{}/index.html"))


def record_sources(data: Dataset) -> dict[str, Location]:
    """Built file (as mkdocs writes it, directory URLs) -> where its record is written,
    so the audit names the record to change, not only the page."""
    sources = {}
    for collection, key, built in _RECORD_PAGES:
        for rec in data.collections.get(collection, []):
            if rec.get(key):
                sources[built.format(rec[key])] = rec.where
    return sources


def name_sources(found: list, sources: dict[str, Location], shown_as: str) -> list:
    """Audit problems with the source record of their page added to the message."""
    import dataclasses

    from generator.problems import say

    out = []
    for item in found:
        rel = item.path[len(shown_as) + 1:] if item.path.startswith(shown_as + "/") else item.path
        where = sources.get(rel.split("#")[0])
        if where is not None:
            item = dataclasses.replace(item, message=item.message + say("audit_source",
                                                                        where=where))
        out.append(item)
    return out


def attachments(root: Path, notices) -> dict[str, bytes]:
    """The attachments of published notices, at notices/files/<name> beside them. Those of
    drafts, embargoed or withdrawn notices are not published."""
    from generator.checks import attachment_path

    out = {}
    for notice in notices:
        for attachment in notice.get("attachments") or []:
            out[f"notices/files/{attachment['file']}"] = attachment_path(
                root, attachment["file"]).read_bytes()
    return out


def _described_as_html_text(page: Path) -> None:
    """The engine's stock templates print a page's `description` into <meta content="…">
    as it stands (Zensical 0.0.73 does not autoescape: a description ending
    `" http-equiv="refresh` redirected the page). It is written as the mkdocs build's
    theme prints it (overrides/main.html): one line, none that reads as a script or
    refresh target, HTML-escaped. An engine that did autoescape would show an entity
    where a quote was, never run markup."""
    import yaml
    from mkdocs.utils.meta import get_data

    try:  # (as the engine reads it; a page it cannot read stops its build anyway)
        text = page.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return
    body, meta = get_data(text)
    if not isinstance(meta, dict) or "description" not in meta:
        return
    meta = dict(meta)
    written = meta.pop("description")
    description = html.escape(theme.meta_text(written))
    if description == written:  # (a page whose description is safe stays as written)
        return
    if description:
        meta["description"] = description
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1 << 20)
    page.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


# Pages built for the staff, not for the public: the data specification (数据规范). Both
# builds keep them out of the navigation, the search index and sitemap.xml and mark them
# noindex (mkdocs_hook; `export` through EXPORT_THEME).
STAFF_PAGES = (GENERATED_PAGE.removeprefix("content/"),)
# What the mkdocs build's theme (overrides/, which needs the hook) does for the staff
# pages, for the stock templates an exported tree is built with: the robots meta a page's
# front matter sets, and sitemap.xml without those pages. mkdocs hands sitemap.xml its
# files (file.page), Zensical its pages: the template reads either.
EXPORT_THEME = {
    "main.html": """{% extends "base.html" %}
{% block extrahead %}
  {{ super() }}
  {%- if page and page.meta and page.meta.robots %}
  <meta name="robots" content="{{ page.meta.robots | e }}">
  {%- endif %}
{% endblock %}
""",
    "sitemap.xml": """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for item in pages -%}
  {%- set page = item.page if item.page is defined else item -%}
  {%- if page and page.canonical_url and not (page.meta and page.meta.robots)
        and not page.is_link %}
    <url>
      <loc>{{ page.canonical_url | e }}</loc>
      {%- if page.update_date is defined and page.update_date %}
      <lastmod>{{ page.update_date }}</lastmod>
      {%- endif %}
    </url>
  {%- endif -%}
{%- endfor %}
</urlset>
""",
}
# Names the engine never publishes from docs_dir, which the export leaves out of docs/
# as the mkdocs build leaves them out of the site: a dotfile or dot-folder (.env,
# .DS_Store, .git-credentials) a clerk's tools left under content/.
_NOT_PUBLISHED = (".*",)


def _marked_noindex(page: Path) -> None:
    """A staff page's front matter with `robots: noindex`, which EXPORT_THEME prints (the
    mkdocs build sets it in the hook: a search engine never offers the manual)."""
    import yaml
    from mkdocs.utils.meta import get_data

    if not page.is_file():
        return
    body, meta = get_data(page.read_text("utf-8"))
    meta = {**(meta if isinstance(meta, dict) else {}), "robots": "noindex"}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1 << 20)
    page.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


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
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns(*site.owned, *_NOT_PUBLISHED))
    for path, text in site.pages.items():
        dest = docs / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    for path, content_bytes in {**site.files, **site.assets}.items():
        dest = docs / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(content_bytes)
    for page in docs.rglob("*.md"):
        _described_as_html_text(page)
    for page in STAFF_PAGES:
        _marked_noindex(docs / page)
    for name, text in EXPORT_THEME.items():
        (target / "overrides").mkdir(exist_ok=True)
        (target / "overrides" / name).write_text(text, encoding="utf-8")
    engine = yaml.safe_load((Path(root) / "mkdocs.yml").read_text("utf-8"))
    for key in ("hooks", "watch", "validation", "strict"):
        engine.pop(key, None)
    # Themes print the site name and navigation labels unescaped: they go in as HTML text.
    engine.update(site_name=html.escape(site.data.site["title"]), site_url=site.data.site["url"],
                  docs_dir="docs", nav=[{html.escape(label): path} for label, path in site.nav])
    engine["theme"]["custom_dir"] = "overrides"  # EXPORT_THEME, not the hook's theme
    # no "Made with" link to the engine's site on every page (the hook's theme has none):
    # the audit of the exported build refuses a link to a third party
    engine.setdefault("extra", {})["generator"] = False
    # what the mkdocs build's theme prints for a page with no description of its own
    # (the hook sets it), as the stock theme needs it: HTML text (_described_as_html_text)
    shared = html.escape(theme.meta_text(site.data.site.get("description")))
    if shared:
        engine["site_description"] = shared
    # what the hook gives the engine (sanitize.engine_markdown), written out: heading ids
    # never the theme's, and no space where a line breaks between two Han characters
    engine["markdown_extensions"] = sanitize.exported_markdown(engine.get("markdown_extensions"))

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(sanitize.PythonName, lambda dumper, name: dumper.represent_scalar(
        f"tag:yaml.org,2002:python/name:{name}", ""))
    (target / "mkdocs.yml").write_text(yaml.dump(engine, Dumper=Dumper, allow_unicode=True,
                                                 sort_keys=False), encoding="utf-8")
    return len(site.pages)
