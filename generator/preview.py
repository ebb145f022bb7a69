"""`make preview` follows an edit: `mkdocs serve --dirty` keeps the site directory between
two rebuilds, and this module tells the engine which pages and files it need not write
again because their content is what it wrote last time.

A page's HTML is made from its Markdown and from what every page shares (navigation, site
name, theme, the hook's settings): that shared part is the `frame`. When the frame is the
same as last time, a generated page or file whose content is unchanged is not rebuilt; a
hand-written file under content/ follows the engine's own rule (its mtime). When the frame
changed, everything is rebuilt. Files the last build wrote and this one does not have are
deleted, so a page taken down is gone from the preview too.

The cyclic garbage collector is off while the preview rebuilds (`collector_off`): it would
otherwise walk the records and pages of the last build and of this one again and again
(1.5 to 2 s of a rebuild at scale 30) and free nothing. It runs once, after the rebuilt
site is served (`collect_later`), unless the next rebuild has begun by then.

The preview's clock stands still: every rebuild is made at the time of the preview's first
build (`held_time`), until the date changes. Pages state the time of day ("截至 … 10:00"), so a
clock that moved with every rebuild would rewrite every such page after every edit; a clean
build (`make build`, CI) takes the time as it always does (SOURCE_DATE_EPOCH or the clock).

The search index only gets the pages that were rebuilt: the entries of the others are kept
from the last build. The audit reads only the files written since the last rebuild (by size,
mtime and inode: audit.audit's `scanned`), and among those not the bytes it has read before
(a table that all.zip holds again): both only while the audit's policy (names redacted,
texts hidden) is the same; when it changed, every file is read again. The build (`make
build`, CI) keeps nothing between two builds: it writes and audits everything.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class State:
    """What the last preview build wrote; lives as long as `mkdocs serve`."""

    frame: str = ""
    # generated path -> what the last build wrote there (the page's text itself: a page
    # the render memo kept is the very object, compared at once; others byte for byte)
    content: dict[str, str | bytes] = field(default_factory=dict)
    dests: set[str] = field(default_factory=set)  # every file the last build wrote
    index: dict[str, list] = field(default_factory=dict)  # page URL -> its search entries
    audited: dict = field(default_factory=dict)  # site path -> ((size, mtime, inode), problems)
    policy: bytes = b""  # the fingerprint of the audit policy `audited` and `memo` were found under
    memo: dict = field(default_factory=dict)  # bytes audited -> problems (audit._Audit.seen)
    rebuilt: list[str] = field(default_factory=list)  # pages written by this build
    pending: tuple | None = None  # (frame, content) of this build until it has written all
    now: dt.datetime | None = None  # the time every rebuild is made at (held_time)


STATE = State()


_COLLECTOR = threading.Lock()
_building = False  # a build is running
_rebuilding = False  # the collector was turned off for this build (not the first)
COLLECT_AFTER = 1.0  # seconds after a rebuild: the server has marked the site rebuilt


def collector_off(first: bool) -> None:
    """A rebuild begins: the cyclic collector stays off until it is over. Not in the
    preview's first build: it makes every page, and what it leaves would then be
    collected at once (about 5 s at scale 30) just when staff save their first edit."""
    global _building, _rebuilding
    with _COLLECTOR:
        _building, _rebuilding = True, not first
        if _rebuilding:
            gc.disable()


def collect_later() -> None:
    """A rebuild is over (written or failed): what it and the last one left in reference
    cycles is collected a moment later, off the path of the page being served."""
    global _building
    with _COLLECTOR:
        _building = False
        if not _rebuilding:
            return
    timer = threading.Timer(COLLECT_AFTER, _collect)
    timer.daemon = True
    timer.start()


def _collect() -> None:
    with _COLLECTOR:
        if _building:  # the next rebuild has begun: its own end collects
            return
        gc.enable()
    gc.collect()


def held_time(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The time this rebuild is made at: that of the preview's first build while the date
    (in the site's time zone `tz`) is the same, else the time now, held from then on."""
    from generator import clock

    now = clock.build_time(tz)
    if STATE.now is None or STATE.now.astimezone(now.tzinfo).date() != now.date():
        STATE.now = now
    return STATE.now


def audit_state(fingerprint: bytes, files: int) -> tuple[dict, dict]:
    """(results by file, results by bytes) of the last audit, or empty ones when the audit
    policy changed since (a record taken down hides its text in pages not rewritten, a
    person's name redacted makes it a finding everywhere): then every file is read again."""
    if fingerprint != STATE.policy or len(STATE.memo) > 4 * files + 1000:
        STATE.policy, STATE.audited, STATE.memo = fingerprint, {}, {}
    return STATE.audited, STATE.memo


def frame_of(config, theme_dirs: list[str], shared: object) -> str:
    """A digest of everything every page's HTML depends on besides its own Markdown."""
    h = hashlib.blake2b(digest_size=20)
    parts = {"nav": config.nav, "extra": config.extra, "site_name": config.site_name,
             "site_url": config.site_url, "description": config.site_description,
             "theme": {k: config.theme[k] for k in sorted(config.theme)},
             "markdown_extensions": config.markdown_extensions,
             "extra_css": config.extra_css,
             "extra_javascript": [str(s) for s in config.extra_javascript],
             "shared": shared}
    h.update(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())
    for base in theme_dirs:  # the project's own overrides; the installed theme's are fixed
        for path in sorted(Path(base).rglob("*")):
            if path.is_file():
                h.update(path.as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def plan(files, generated: dict[str, str | bytes], frame: str) -> list[str]:
    """Mark the files the engine need not write again; remove what the last build wrote
    and this one will not. Returns the site paths of the pages that will be written."""
    same_frame = frame == STATE.frame
    written, content = [], {}
    for file in files:
        if file.src_uri in generated:
            content[file.src_uri] = generated[file.src_uri]
            unchanged = same_frame and STATE.content.get(file.src_uri) == content[file.src_uri]
            if unchanged and os.path.isfile(file.abs_dest_path):
                file.is_modified = _no
            elif file.is_documentation_page():
                written.append(file.src_uri)
        elif file.is_documentation_page() and (not same_frame or file.is_modified()):
            written.append(file.src_uri)
        if not same_frame:
            file.is_modified = _yes
    dests = {file.abs_dest_path for file in files}
    for stale in STATE.dests - dests:
        if os.path.isfile(stale):
            os.remove(stale)
            try:  # and its folder, when that was all it held (a page's folder URL)
                os.removedirs(os.path.dirname(stale))
            except OSError:
                pass
    STATE.dests, STATE.rebuilt, STATE.pending = dests, written, (frame, content)
    return written


def written() -> None:
    """The engine has written every page: what it wrote is what the next rebuild compares
    with. Until then (a rebuild that fails half way) the next one writes everything."""
    if STATE.pending is not None:
        STATE.frame, STATE.content = STATE.pending
        STATE.pending = None


def failed() -> None:
    if STATE.pending is not None:
        STATE.frame, STATE.content, STATE.pending = "", {}, None


def merge_index(raw: str, order: list[str], rebuilt_urls: set[str]) -> str:
    """The search index of this build (rebuilt pages only) with the entries of every page
    not rebuilt taken from the last one, in the site's page order."""
    index = json.loads(raw)
    fresh: dict[str, list] = {}
    for doc in index["docs"]:
        fresh.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
    merged = {url: fresh.get(url, []) if url in rebuilt_urls else STATE.index.get(url, [])
              for url in order}
    STATE.index = merged
    index["docs"] = [doc for url in order for doc in merged[url]]
    return json.dumps(index, ensure_ascii=False)


def _no() -> bool:
    return False


def _yes() -> bool:
    return True
