"""The engine adapter: hands the rendered pages to mkdocs. Knows nothing of records.

Loaded by `hooks:` in mkdocs.yml. Pages listed in the navigation go in as usual; every
other generated page (a record, a listing page) is NOT_IN_NAV, so the navigation every
page embeds stays the same size however many records there are.
"""
from __future__ import annotations

import html
import logging
import os
import warnings
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from generator.audit import audit, policy_for
from generator.deploy import MANIFEST, manifest
from generator.feeds import FEEDS
from generator.pipeline import ProblemsFound, build
from generator.problems import say

log = logging.getLogger("mkdocs.plugins.generator")
# jieba (Chinese search segmentation) imports pkg_resources, which warns on every build.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
_site = None


def on_config(config):
    global _site
    root = Path(config.config_file_path).parent
    try:
        _site = build(root)
        now = _site.data.now
        log.info(say("build_time", time=now.strftime("%Y-%m-%d %H:%M:%S"), tz=now.tzinfo))
    except ProblemsFound as failed:
        for item in failed.report.sorted():
            log.error(str(item))
        raise PluginError(say("build_failed")) from None
    config.site_name = html.escape(_site.data.site["title"])  # themes print it unescaped
    config.site_url = _site.data.site["url"]
    # Material prints navigation labels unescaped on every page: they go in as HTML text.
    config.nav = [{html.escape(label): path} for label, path in _site.nav]
    config.extra["campaign_site"] = {
        "labels": _site.data.labels["common"],
        "channels": list(_site.data.channels.get("channels") or []),
        "demo": bool(_site.data.site.get("demo")),
        "authority": _site.data.site["authority"],
        "feeds": [{"title": _site.data.labels["feeds"][name], "path": path}
                  for name, path in FEEDS.items()],
    }
    return config


def on_post_build(config):
    """The audit of the built site: a hit fails the build, so nothing is deployed."""
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    shown = os.path.relpath(site, root)
    policy = policy_for(_site.data, [str(s) for s in config.extra_javascript])
    found = audit(site, policy, shown)
    for item in found:
        log.error(str(item))
    if found:
        raise PluginError(say("audit_failed", count=len(found)))
    log.info(say("audit_ok"))
    (site / MANIFEST).write_bytes(manifest(site, _site.data.now.isoformat()))


def on_files(files, config):
    for file in list(files):
        if file.src_uri.split("/", 1)[0] in _site.owned:
            files.remove(file)
    in_nav = {path for _label, path in _site.nav}
    for path, text in _site.pages.items():
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=text, inclusion=inclusion))
    for path, content in _site.files.items():
        files.append(File.generated(config, path, content=content))
    return files
