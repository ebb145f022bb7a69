"""The engine adapter: hands the rendered pages to mkdocs. Knows nothing of records.

Loaded by `hooks:` in mkdocs.yml. Pages listed in the navigation go in as usual; every
other generated page (a record, a listing page) is NOT_IN_NAV, so the navigation every
page embeds stays the same size however many records there are.
"""
from __future__ import annotations

import gc
import html
import logging
import os
import warnings
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from generator import health, links, pipeline, preview, render, sanitize, sitemap
from generator import theme
from generator.audit import Prescan, audit, policy_for
from generator.checks import phone_site_name
from generator.deploy import MANIFEST, manifest
from generator.feeds import FEEDS
from generator.pipeline import (ProblemsFound, build, name_sources, record_sources,
                                validate_cached)
from generator.problems import say

log = logging.getLogger("mkdocs.plugins.generator")
# Material's search worker with the Chinese query splitter fixed (theme.py); vendored
# because it is the theme's code, changed: see content/assets/javascripts/vendor/material/.
SEARCH_WORKER = "assets/javascripts/vendor/material/search-worker.js"
SEARCH_INDEX = "search/search_index.json"
# jieba (Chinese search segmentation) imports pkg_resources, which warns on every build.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
try:  # and it says "Building prefix dict..." at DEBUG level in every build log
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - without jieba the search plugin does not segment
    pass
_site = None
_serving = False
_incremental = False  # `mkdocs serve --dirty` (make preview): rewrite only what changed
_prescan: Prescan | None = None  # the audit of pages as they are written
_written = ""  # the page the engine is writing now


def on_startup(command, dirty):
    """`mkdocs serve` (make preview): the editor then saves through its local backend.
    With --dirty the site directory is kept between rebuilds and only what an edit
    changed is written again (preview.py)."""
    global _serving, _incremental
    _serving = command == "serve"
    _incremental = _serving and dirty
    pipeline.SET_ASIDE = not _serving  # a preview builds again and again (pipeline.py)
    # a preview renders again only the pages whose inputs an edit changed (render.MEMO)
    render.MEMO = {} if _serving else None
    health.LINKS = {} if _serving else None
    if _incremental:  # the engine warns that a dirty build may be stale: preview.py sees to it
        logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)


def _not_dirty_warning(record) -> bool:
    return not str(record.msg).startswith("A 'dirty' build")


# Pages built for the staff, not for the public: the data specification (数据规范, the
# manual of every field and error code). They stay at their address for staff, out of
# the navigation, the 网站地图 page and the search index, and now also out of
# sitemap.xml and marked noindex, so a search engine does not offer a reader a manual
# of error codes for the campaign's records.
STAFF_PAGES = pipeline.STAFF_PAGES
_unlisted: set[str] = set()  # the absolute addresses of STAFF_PAGES in this build
_decisive: list[str] = []
_fact_sheet = ""  # the value column's header of a record's fact sheet (theme.fact_sheet)
_policy = None  # what the audit allows: made once per build, for the worker and the end
_page_urls: dict[str, str] = {}  # page -> URL, in the engine's order (preview's search index)


def footer_channels(channels: list) -> list[dict]:
    """The reporting channels as the footer shows them: every channel a reader can act on
    (call, write, open the 网上平台) is linked by the href the pages and QR codes use
    (`render.channel_href`), never by its raw value; an address stays text."""
    return [{"name": ch.get("name") or "", "value": ch.get("value") or "",
             "href": render.channel_href(ch)} for ch in channels]


def on_config(config):
    global _site, _decisive, _fact_sheet, _policy
    root = Path(config.config_file_path).parent
    if _serving:
        preview.collector_off(first=_site is None)
    try:
        # the preview reads again only the data files that changed since its last rebuild,
        # and makes every rebuild at the time of its first (preview.held_time)
        held = preview.held_time(_site.data.now.tzinfo if _site else None) if _serving else None
        checked = validate_cached(root, held, in_memory=True) if _serving else None
        _site = build(root, checked=checked, local_editor=_serving)
        now = _site.data.now
        log.info(say("build_time", time=now.strftime("%Y-%m-%d %H:%M:%S"), tz=now.tzinfo))
        if _serving:
            log.info(say("preview_clock", time=now.strftime("%H:%M")))
    except ProblemsFound as failed:
        for item in failed.report.sorted():
            (log.error if item.is_error else log.info)(str(item))
        raise PluginError(say("build_failed")) from None
    # no heading takes an id the theme reads (#__config, #__drawer …), whatever its text
    sanitize.engine_markdown(config)
    config.site_name = html.escape(_site.data.site["title"])  # themes print it unescaped
    config.site_url = _site.data.site["url"]
    _decisive = _site.engine["decisive"]
    _fact_sheet = _site.engine["fact_sheet"]
    shown = _site.engine["labels"]
    config.site_description = _site.data.site.get("description")
    for key in ("logo", "favicon"):
        if _site.data.site.get(key):
            config.theme[key] = _versioned_image(config, _site.data.site[key])
    if "search" in config.plugins:
        import jieba  # the search plugin segments with it: unit names stay one word
        for word in theme.search_words(_site.data):
            jieba.add_word(word)
    config.extra["theme_bundle"] = [theme.theme_script("bundle.*.min.js")]
    _version_own_assets(config)
    for option, name in zip(config.theme.get("palette") or [], ("elder_on", "elder_off")):
        if isinstance(option, dict) and option.get("toggle"):
            # the theme prints it unescaped into title="…" and aria-label="…"
            option["toggle"]["name"] = html.escape(shown["reader"][name], quote=True)
    # Material prints navigation labels unescaped on every page: they go in as HTML text.
    config.nav = [{html.escape(label): path} for label, path in _site.nav]
    config.extra["campaign_site"] = {
        "labels": shown["common"],
        "channels": footer_channels(_site.data.channels.get("channels") or []),
        "demo": bool(_site.data.site.get("demo")),
        "authority": _site.data.site["authority"],
        # what a phone's header shows whole; None: the full name goes under the header
        "phone_name": phone_site_name(_site.data.site),
        "title": _site.data.site["title"],
        "marks": {key: _site.data.site.get(key) for key in
                  ("contact", "site_code", "icp", "police_record")},
        # versioned by its content, as the theme's bundle is by its name
        "search_worker": theme.versioned(SEARCH_WORKER, theme.content_version(
            theme.patched_search_worker(theme.search_worker_source()))),
        "sitemap": "sitemap/",
        "reader": shown["reader"],
        "built": render.cn_date(now.date()),
        "feeds": [{"title": shown["feeds"][name], "path": path}
                  for name, path in FEEDS.items()],
    }
    scripts = [str(s) for s in config.get("extra_javascript") or []]
    if _incremental:  # needed only by the audit at the end: made on the other core meanwhile
        _policy = pipeline._beside(policy_for, _site.data, scripts)
    else:
        _policy = policy_for(_site.data, scripts)
    _start_prescan(config)
    return config


def _version_own_assets(config) -> None:
    """Every page links the site's own stylesheets and scripts with ?v= and the digest
    of them all (theme.own_assets_version): a phone that kept an old copy asks again
    after a deploy that changed any of them."""
    version = theme.own_assets_version(Path(config.docs_dir) / "assets")
    config.extra_css = [theme.versioned(str(path), version) for path in config.extra_css]
    scripts = []
    for script in config.extra_javascript:
        if isinstance(script, str):
            script = theme.versioned(script, version)
        else:
            script.path = theme.versioned(script.path, version)
        scripts.append(script)
    config.extra_javascript = scripts


def _versioned_image(config, path: str) -> str:
    """The emblem and the favicon (files staff replace, under the same names) with ?v=
    and the digest of their bytes: a phone that cached the old emblem kept showing it
    after a deploy that replaced it, as it did the site's own scripts before they were
    versioned. A file that is not there is check's to report (site-image-not-a-file)."""
    image = Path(config.docs_dir) / path
    if not image.is_file():
        return path
    return theme.versioned(path, theme.content_version(image.read_bytes()))


def _start_prescan(config) -> None:
    """The audit starts now on the second core: the files the generator made first,
    then every page as the engine writes it (on_post_page)."""
    global _prescan, _written
    if _prescan is not None:
        _prescan.close()
    _written = ""
    if (os.cpu_count() or 1) < 2 or os.environ.get("GENERATOR_JOBS") == "1" \
            or not config.get("site_dir") or _incremental:
        # one core, no site to write, or a preview (which audits only what it rewrote)
        _prescan = None
        return
    root = Path(config.config_file_path).parent
    site = Path(config["site_dir"])
    _prescan = Prescan(site, _policy, os.path.relpath(site, root),
                       {**_site.files, **_site.assets})


def on_pre_build(config):
    """The preview merges the search index itself (preview.merge_index): the theme's own
    dirty-reload merge assumes one page was rebuilt and would keep stale entries."""
    if _incremental:
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None


def on_env(env, config, files):
    _lastmod(files)
    env.filters["meta_text"] = theme.meta_text
    return env


def _lastmod(files) -> None:
    """The sitemap's <lastmod>: the engine would give the build's UTC date to every page;
    the pipeline says which date (the county's, or a record page's own last change). Set
    on every page, read or not: the preview does not read a page it need not rebuild."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = _site.lastmod.get(file.src_uri, _site.build_date)


def on_page_markdown(markdown, page, config, files):
    """A page staff wrote under content/ has its title printed by the theme as HTML (in
    the header and the h1): it goes in as text, as the generated pages' titles do."""
    if page.file.src_uri not in _site.pages and page.meta.get("title") is not None:
        # (a list or a number too: the theme prints whatever it is as text it trusts)
        page.meta["title"] = html.escape(str(page.meta["title"]))
    if page.file.src_uri in STAFF_PAGES:
        page.meta["robots"] = "noindex"  # main.html prints it; staff cannot set it (check)
    return markdown


def on_page_content(html_text, page, config, files):
    """A page staff wrote with neither a title nor a heading first is titled by the engine
    from its file name, which the theme prints as HTML: it goes in as text (check refuses
    a name holding markup, page-file-name-markup)."""
    if page.file.src_uri not in _site.pages and "title" not in page.meta \
            and not getattr(page, "_title_from_render", None) and page.title:
        page.meta["title"] = html.escape(page.title)
    return theme.page_content(html_text, _decisive, _fact_sheet)


def on_post_page(output, page, config):
    global _written
    if _prescan is not None:  # the engine writes a page before it builds the next one
        if _written:
            _prescan.written(_written)
        _written = page.file.dest_uri
    reader = config.extra["campaign_site"]["reader"]
    return theme.landmark_names(theme.banner_name(theme.skip_link(theme.without_palette_css(
        theme.html_lang(output, "zh-CN")), reader["skip"]), reader["banner"]), reader)


def on_build_error(error):
    global _prescan
    if isinstance(_policy, pipeline._beside):
        _policy.cancel()
    if _incremental:
        preview.failed()
    if _serving:
        preview.collect_later()
    if _prescan is not None:
        _prescan.close()
        _prescan = None


def on_post_template(output_content, template_name, config):
    if template_name == "sitemap.xml":  # (the engine packs sitemap.xml.gz from this too)
        return sitemap.without(output_content, _unlisted)
    reader = config.extra["campaign_site"]["reader"]
    return theme.landmark_names(theme.banner_name(theme.without_palette_css(
        theme.html_lang(output_content, "zh-CN")), reader["banner"]), reader)


def on_post_build(config):
    """The audit of the built site: a hit fails the build, so nothing is deployed."""
    global _policy
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    if _incremental:
        preview.written()
    index = site / SEARCH_INDEX
    if index.exists():  # the search plugin has written it (plugins run before hooks)
        raw = index.read_text("utf-8")
        if _incremental:
            raw = preview.merge_index(raw, list(_page_urls.values()),
                                      {_page_urls[p] for p in preview.STATE.rebuilt})
        index.write_text(theme.compact_search_index(raw, whole_pages=("units/",)), "utf-8")
    # past 50,000 addresses the engine's one sitemap is refused: an index of several
    sitemap.split(site, _site.data.site["url"])
    shown = os.path.relpath(site, root)
    global _prescan
    if _prescan is not None and _written:
        _prescan.written(_written)
    prescanned = _prescan.results() if _prescan is not None else None
    _prescan = None
    scanned, hashes, memo = None, {}, None
    if isinstance(_policy, pipeline._beside):
        _policy = _policy.result()
    if _incremental:  # files whose bytes are those audited last time keep that result
        prescanned, memo = preview.audit_state(_policy.fingerprint(), len(_page_urls))
        scanned = {}
    found = name_sources(audit(site, _policy, shown, prescanned, scanned, hashes, memo),
                         record_sources(_site.data), shown)
    if _incremental:
        preview.STATE.audited = scanned
        log.info(say("preview_rebuilt", count=len(preview.STATE.rebuilt),
                     pages="、".join(preview.STATE.rebuilt[:8]) +
                     ("…" if len(preview.STATE.rebuilt) > 8 else "")))
    for item in found:
        log.error(str(item))
    if found:
        raise PluginError(say("audit_failed", count=len(found)))
    log.info(say("audit_ok"))
    for line in health.report(_site, root):
        log.info(line)  # advice for the staff, never a reason to stop the build
    if not _incremental:  # what a reader verifies a deployment against; a preview is not one
        (site / MANIFEST).write_bytes(manifest(site, _site.data.now.isoformat(), hashes))
    if _serving:  # (a failed audit raised above: on_build_error does it then)
        preview.collect_later()
    elif pipeline.SET_ASIDE:
        # A one-shot build ends here: what it made is set aside from the collector's pass
        # at exit, which would walk every page and record and free nothing worth freeing.
        gc.freeze()


def on_files(files, config):
    for file in list(files):
        # The theme's source maps (bundle…js.map, 1 MB) only serve its developers' tools:
        # published, they are weight no reader's browser asks for.
        if file.src_uri.split("/", 1)[0] in _site.owned or (
                file.src_uri.startswith("assets/") and file.src_uri.endswith(".map")):
            files.remove(file)
    docs = Path(config.docs_dir).resolve()
    written = [file for file in files  # by staff, under content/ (not the theme's)
               if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)]
    refused = links.in_generated_folders(Path(config.config_file_path).parent, written,
                                         [*_site.pages, *_site.files, *_site.assets])
    if refused:
        for item in refused:
            log.error(str(item))
        raise PluginError(say("build_failed"))
    in_nav = {path for _label, path in _site.nav}
    global _unlisted
    base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    _unlisted = {urljoin(base, file.url) for file in files.documentation_pages()
                 if file.src_uri in STAFF_PAGES}  # as the engine makes canonical_url
    for file in files.documentation_pages():
        # A page staff wrote under content/ is published off the navigation, as record
        # pages are (the navigation is the sections'); the strict build would stop at it.
        if file.inclusion.is_in_nav() and file.src_uri not in in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for path, text in _site.pages.items():
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=text, inclusion=inclusion))
    for path, content in {**_site.files, **_site.assets}.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, SEARCH_WORKER, content=theme.patched_search_worker(
        theme.search_worker_source())))
    for file in [f for f in written if f.src_uri.startswith("assets/")
                 and f.src_uri.endswith(".css")]:  # the site's own, under content/assets/
        files.remove(file)  # published without the comments a reader's phone would fetch
        files.append(File.generated(config, file.src_uri, content=theme.compact_stylesheet(
            Path(file.abs_src_path).read_text("utf-8"))))
    if _incremental:
        global _page_urls
        generated = {**_site.pages, **_site.files, **_site.assets}
        generated[SEARCH_WORKER] = files.get_file_from_path(SEARCH_WORKER).content_bytes
        frame = preview.frame_of(config, [config.theme.custom_dir or ""],
                                 (_decisive, _fact_sheet))
        preview.plan(files, generated, frame)
        # the URL the search index gives a page (Page.url: the home page is "")
        _page_urls = {f.src_uri: "" if f.url in (".", "./") else f.url
                      for f in files.documentation_pages()}
    return files
