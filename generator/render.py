"""Render: records + facts -> {site path: Markdown}. Writes nothing.

Every value a template prints passes through `finalize`, which escapes it for HTML and
for Markdown's own syntax (so `{onclick=…}`, `[x](javascript:…)` and `<script>` in a
data field come out as inert text). Markup the templates build themselves is wrapped
in `Markup` by the filters below and is the only thing printed as is.
"""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import hashlib
import html
import io
import json
import math
import os
import pickle
import posixpath
import re
import string
from collections.abc import Mapping
from pathlib import Path
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from generator import normalise, sanitize, theme
from generator.checks import channel_email, channel_number, links_of, redacted_names
from generator.document import (attachment_title, cited_blocks, issued, names_of, site_paths,
                                uncorrected_withdrawals,
                                split_after_intro)
from generator.notices import (NoticeWords, issuer_of, issuers_of, printer_of, withdrawn_identity,
                              withdrawn_title)
from generator.policy import display_name, display_person, measure_names
from generator.records import CASE_KINDS, Dataset, Labels, Rec
from generator.softbreak import joinable

# No page grows with the data: a listing goes in pages of PER_PAGE items; a summary page
# shows a list in place while it fits one such page, else a link to its own pages; a
# section that names the first units of a longer list names SHORTLIST at most.
PER_PAGE = 50
SHORTLIST = 30
_SCALARS = frozenset({str, Markup, int, float, bool, type(None), dt.date, dt.datetime})
# ASCII characters with a meaning in Markdown, its extensions or HTML.
_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>&\"'~^=:$@%")
_SAFE_URL = re.compile(r"(https?://[^\s/\\]+|/(?![/\\]))[^\s<>\"'`\\]*", re.I)


class RenderError(Exception):
    """A template asked for a label that site_config/labels.yml does not have."""


_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_LINE_BREAK = re.compile(r"\s*\n\s*")
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_PERIOD = re.compile(r"\d{4}-(?:\d{2}|W\d{2})")  # a month or an ISO week, matched whole


def escape_text(value: object) -> Markup:
    """Plain text -> inert Markdown/HTML: every special ASCII character as an entity."""
    text = str(value).replace("\r", "")
    if "\n" in text:
        text = _LINE_BREAK.sub(" ", text)
    return _markup(text.strip().translate(_ENTITIES))


def fill_label(label: object, **parts: object) -> Markup:
    """A label with values put in at its {placeholders}: the label's own words are
    escaped as any text is (spaces kept), each value as `finalize` prints it, so a link
    made by the template stays a link. `L.x | fill(link=link(...))`."""
    out = []
    for literal, name, _spec, _conversion in string.Formatter().parse(str(label)):
        out.append(_LINE_BREAK.sub(" ", literal.replace("\r", "")).translate(_ENTITIES))
        if name is not None:
            out.append(_finalize(parts[name]))
    return _markup("".join(out))


def _json(value: object) -> str:
    """json.dumps(value, ensure_ascii=False), a text without the encoder's set-up (two
    per page: a second of `check` at city scale)."""
    return _JSON_TEXT(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


_JSON_TEXT = json.encoder.encode_basestring


def _head(title_line: str, description: object, search_line: str) -> str:
    """A page's front matter: its title, what a shared link shows (meta description,
    og:description), and its `search:` line."""
    described = f"description: {_json(_summary(description))}\n" if description else ""
    return "---\n" + title_line + described + search_line + "---\n\n"


@functools.lru_cache(maxsize=64, typed=True)  # (a boost of 2 is not one of 2.0)
def _search_front(excluded: bool, boost: float | None) -> str:
    """A page's `search:` front matter line: left out of the index, or boosted."""
    return f"search: {_json({'exclude': True} if excluded else {'boost': boost})}\n"


def _markup(text: str) -> Markup:
    """Markup(text) for a str that is one already: markupsafe's __new__ is Python code
    run for every value of every page."""
    return str.__new__(Markup, text)


class _Environment(jinja2.Environment):
    """`record.field` looks the field up first. A record's fields are never attributes
    of Rec (a test checks) and Labels answers attributes from its keys, so the value is
    the one jinja2's attribute-first lookup finds, without an AttributeError raised and
    caught for every field of every row."""

    def getattr(self, obj, attribute):
        if type(obj) in _FIELDS_FIRST and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


_FIELDS_FIRST = (Rec, Labels)


def _finalize(value: object):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_text(value)


def cn_date(value: dt.date | dt.datetime | None) -> Markup:
    """2026-08-12 -> 2026年8月12日; a datetime with its time in 时 and 分 (GB/T 15835:
    9时, 15时40分), no space between the 日 and the digits as Chinese text sets none."""
    if value is None:
        return Markup("")
    return Markup(normalise.cn_date(value))


def cn_period(value: str) -> Markup:
    """2026-08 -> 2026年8月; an ISO week 2026-W32 -> 2026年第32周（8月3日至8月9日）."""
    if "-W" in value:
        year, week = value.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        sunday = monday + dt.timedelta(days=6)
        return Markup(f"{int(year)}年第{int(week)}周（{monday.month}月{monday.day}日至"
                      f"{sunday.month}月{sunday.day}日）")
    year, month = value.split("-")
    return Markup(f"{int(year)}年{int(month)}月")


def paragraphs(value: str | None) -> Markup:
    """Multi-line text -> one escaped Markdown paragraph per non-blank line."""
    if not value:
        return Markup("")
    lines = [escape_text(line) for line in str(value).splitlines() if line.strip()]
    return Markup("\n\n".join(lines))


def percent(value: float | None) -> Markup:
    return Markup("—" if value is None else f"{value:.1f}%")


def safe_url(value: str | None) -> str | None:
    """An http(s) or site-relative URL, or None: nothing else becomes a link, nor a URL
    whose user name poses as its host (https://x.gov.cn@evil.example/) or whose host
    mixes lookalike scripts (a Cyrillic а in example.gov.cn)."""
    if value and _SAFE_URL.fullmatch(value) and not sanitize.posing_host(value) \
            and not sanitize.mixed_script_host(value):
        return value
    return None


@dataclass
class Pager:
    """One page of a listing: its items and the paths of its neighbours."""

    items: list
    number: int
    count: int
    base: str  # e.g. "cases/" -> cases/index.md, cases/page-2.md

    def path(self, number: int) -> str:
        return f"{self.base}index.md" if number == 1 else f"{self.base}page-{number}.md"

    @property
    def here(self) -> str:
        return self.path(self.number)


def paginate(items: list, base: str, per_page: int | None = None) -> list[Pager]:
    """A listing in pages of `per_page` items (PER_PAGE): no page grows with the data."""
    per_page = per_page or PER_PAGE
    count = max(1, math.ceil(len(items) / per_page))
    return [Pager(items[i * per_page:(i + 1) * per_page], i + 1, count, base)
            for i in range(count)]


def overflow(items: list, base: str) -> list[Pager]:
    """The own pages of a list a summary or record page shows in place while it fits one
    listing page (the template tests `length <= per_page`): none until it does not."""
    return paginate(items, base) if len(items) > PER_PAGE else []


# From this many pages on, a second process renders every other page (`finish`).
PARALLEL_FROM = 1500


# The preview (make preview) renders again only the pages whose inputs changed since its
# last rebuild: site path -> (digest of the page's inputs, its Markdown). None (the build,
# check, a test) renders every page. See Renderer._key for what the inputs are.
MEMO: dict[str, tuple[bytes, str]] | None = None


class _Templates(jinja2.BytecodeCache):
    """Compiled templates kept in memory from one Renderer to the next (a preview rebuild,
    a test session): jinja2 compiles again only a template whose source changed. With a
    `folder` (the project's cache, set by `plan`'s root), they are kept there for the
    next runs too: compiling the templates is a second of the demo county's `check`.
    Each file is signed with this machine's key (cache.machine_key): compiled code that
    came with a commit or from another machine is never loaded. jinja2 itself compiles
    again a template whose source or Python version changed."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket) -> None:
        if bucket.key not in self.kept and self.folder is not None:
            import hashlib
            import hmac

            from generator.cache import machine_key

            try:
                signed = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                signed = b""
            mac, blob = signed[:32], signed[32:]
            if blob and hmac.compare_digest(mac, hmac.new(machine_key(), blob,
                                                          hashlib.sha256).digest()):
                self.kept[bucket.key] = blob
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.kept[bucket.key] = blob = bucket.bytecode_to_string()
        if self.folder is not None:
            import hashlib
            import hmac

            from generator.cache import machine_key

            try:  # (a read-only checkout keeps nothing)
                self.folder.mkdir(parents=True, exist_ok=True)
                partial = self.folder / f".{bucket.key}.{os.getpid()}"
                partial.write_bytes(hmac.new(machine_key(), blob, hashlib.sha256).digest()
                                    + blob)
                partial.replace(self.folder / f"{bucket.key}.jinja")
            except OSError:
                pass


_COMPILED = _Templates()


class Renderer:
    """Holds the template environment and the pages to render. `page` only takes a page
    down; `finish` renders them all, in one process or two, with the same result."""

    def __init__(self, data: Dataset, facts) -> None:
        self.data = data
        self.facts = facts
        self.pages: dict[str, str] = {}
        self._jobs: list[tuple[str, str, dict, tuple]] = []
        self._pending: dict | None = None  # path -> job not rendered yet (`one`)
        env = _Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            undefined=jinja2.StrictUndefined, finalize=_finalize, autoescape=True,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            bytecode_cache=_COMPILED)
        env.filters.update(date=cn_date, period=cn_period, paras=paragraphs, pct=percent,
                           text=escape_text, fill=fill_label)
        self.env = env
        # global name -> what its output depends on (a value, or for a function the values
        # it reads): the memo's key. jinja2's own globals (range, dict …) depend on nothing.
        self.inputs: dict[str, object] = {name: () for name in env.globals}
        self.share(L=data.labels, site=data.site, campaign=data.campaign, facts=facts,
                   names=facts.names, case_kinds=list(CASE_KINDS), channels=data.channels,
                   now=data.now,
                   navmark=Markup(theme.NAV_MARK), unsearched=Markup(theme.UNSEARCHED_MARK))
        self.share_functions(
            person_name=(lambda p, kind=None: display_name(p, data.site, kind), data.site),
            leader_name=(lambda name, rank: display_person(name, rank, data.site), data.site),
            # (a 通报 names them alike: document._measures_said)
            measure_names=(lambda ids: measure_names(ids, facts.names["measures"]),
                           facts.names["measures"]))
        self._digests: dict[str, bytes | None] = {}
        self._seen: dict[int, tuple[object, bytes | None]] = {}  # id -> (value, digest)
        self._shared: dict[tuple, bytes | None] = {}  # (template, context keys) -> digest

    def share(self, **values) -> None:
        """Globals every template may read; each value is its own input."""
        self.env.globals.update(values)
        self.inputs.update(values)

    def share_functions(self, **functions: tuple) -> None:
        """Global functions, each as (function, what its output depends on besides its
        arguments): a function shared without it makes every template that calls it be
        rendered again on every preview rebuild."""
        for name, (function, inputs) in functions.items():
            self.env.globals[name] = function
            self.inputs[name] = inputs

    def page(self, path: str, template: str, title: str, search: bool = True,
             description: str | None = None, boost: float | None = None, **context) -> None:
        if path in self.pages:
            raise ValueError(f"two pages at {path}")  # a programming error, not data
        context.update(page_path=path, link=_linker(path), title=title)
        # The theme prints titles without escaping them (mkdocs themes run without
        # autoescape), so they are handed over as HTML text.
        title_line = f"title: {_json(html.escape(str(title)))}\n"
        # (one of a few texts: not encoded again for every page)
        search_line = _search_front(not search, boost) if not search or boost else ""
        # its place in the site's order, and its title (_listing_pages); the body, and
        # the description, come when it is rendered (`finish`, `one`): `check --changed`
        # renders a few pages of a city's 55,000 and need not summarise the others
        self.pages[path] = "---\n" + title_line + search_line + "---\n\n"
        self._jobs.append((path, template, context,
                           (title_line, description or None, search_line)))

    def one(self, path: str) -> str:
        """The Markdown of one page taken down, rendered now (and kept)."""
        if self._pending is None:
            self._pending = {job[0]: job for job in self._jobs}
        job = self._pending.pop(path, None)
        if job is not None:
            self.pages[path] = self._render(job)
        return self.pages[path]

    def _render(self, job: tuple[str, str, dict, tuple]) -> str:
        _path, template, context, front = job
        try:
            return _head(*front) + self.env.get_template(template).render(**context)
        except jinja2.UndefinedError as err:
            raise RenderError(str(err)) from None

    def finish(self, keep: bool = True) -> Mapping[str, str]:
        """Render every page taken down. With many pages and two cores, a forked process
        renders the odd ones while this one renders the even ones; when a page fails,
        the error raised is that of the first failing page in the site's order, as in
        one process. `GENERATOR_JOBS=1` keeps it to one process. With the preview's
        MEMO, a page whose inputs are those of its last rendering is not rendered again.
        `keep=False` (`check`): every page is rendered and its text let go; the mapping
        returned renders a page again when it is read (the pages links point into)."""
        jobs, self._jobs = self._jobs, []
        if MEMO is not None and keep:
            self._prepare_keys(jobs)
        share = self._share if keep else self._try
        if len(jobs) < PARALLEL_FROM or not two_processes():
            bodies, failures = share(jobs, 0, step=1)
        else:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=share, args=(jobs, 1, send), daemon=True)
            child.start()
            send.close()
            mine = share(jobs, 0)
            try:
                theirs = receive.recv()
            except EOFError:  # the second process died: its pages are rendered here
                theirs = share(jobs, 1)
            finally:
                receive.close()
                child.join()
            bodies, failures = {**mine[0], **theirs[0]}, mine[1] + theirs[1]
        if failures:
            raise min(failures, key=lambda f: f[0])[1]
        if not keep:
            self._pending = {job[0]: job for job in jobs}
            return _OnDemand(self)
        kept = {}
        for index, job in enumerate(jobs):
            body, key = bodies[index]
            if body is None:  # unchanged since the last rendering (MEMO)
                body = MEMO[job[0]][1]
            self.pages[job[0]] = body
            if key is not None:
                kept[job[0]] = (key, body)
        if MEMO is not None:
            MEMO.clear()
            MEMO.update(kept)
        return self.pages

    def _share(self, jobs: list, start: int, send=None, step: int = 2):
        """Every `step`th page from `start`, up to the first that fails: ({index: (text,
        key)}, [(index, error)]); text None when MEMO holds it. Sent through `send` when
        this is the second process."""
        bodies, failures = {}, []
        for index in range(start, len(jobs), step):
            job = jobs[index]
            try:
                key = self._key(job) if MEMO is not None else None
                if key is not None and MEMO.get(job[0], (None,))[0] == key:
                    bodies[index] = (None, key)
                else:
                    bodies[index] = (self._render(job), key)
            except Exception as err:  # noqa: BLE001 - handed to the parent as it is
                failures.append((index, err if send is None else sendable(err)))
                break
        if send is None:
            return bodies, failures
        send.send((bodies, failures))
        send.close()
        return None

    def _try(self, jobs: list, start: int, send=None, step: int = 2):
        """As `_share`, the text of each page let go as soon as it is made."""
        failures = []
        for index in range(start, len(jobs), step):
            try:
                self._render(jobs[index])
            except Exception as err:  # noqa: BLE001 - handed to the parent as it is
                failures.append((index, err if send is None else sendable(err)))
                break
        if send is None:
            return {}, failures
        send.send(({}, failures))
        send.close()
        return None

    # The memo's key of a page: the template (with every template it imports), the page's
    # head and context, and the inputs of every global the templates name (for `facts`,
    # of each attribute they read). Values are compared by their pickled bytes: two
    # renderings with equal keys were made from equal values. A page whose context or
    # needed global cannot be pickled, or whose template names a global without declared
    # inputs or imports a template by a computed name, has no key: it is always rendered.

    def _prepare_keys(self, jobs: list) -> None:
        """The digests of everything the templates of `jobs` read besides the context,
        made once (before a second process is forked, which then has them too)."""
        sources = hashlib.blake2b(digest_size=20)
        for name in sorted(self.env.list_templates()):
            sources.update(name.encode() + b"\0" + self.env.loader.get_source(
                self.env, name)[0].encode() + b"\0")
        self._sources = sources.digest()
        self._needs: dict[str, tuple | None] = {}
        for template in {job[1] for job in jobs}:
            self._needs[template] = needs = _template_needs(self.env, template, self._sources)
            for name in needs[0] if needs else ():
                if name == "facts" and needs[1] is not None:
                    for attr in needs[1]:
                        self._digest_of("facts." + attr)
                else:
                    self._digest_of(name)

    def _digest_of(self, name: str) -> bytes | None:
        """The digest of a global's inputs (b"" for a name that is no global: a variable
        the template sets itself, or one it tests for being defined), None when it has none."""
        if name not in self._digests:
            if name.startswith("facts."):
                value = getattr(self.facts, name[6:], None)
            elif name in self.inputs:
                value = self.inputs[name]
            elif name in self.env.globals:  # shared without its inputs
                self._digests[name] = None
                return None
            else:
                self._digests[name] = b""
                return b""
            self._digests[name] = self._digest(value)
        return self._digests[name]

    def _digest(self, value: object, depth: int = 0) -> bytes | None:
        """A digest of a value: lists, tuples, dicts and dataclasses from the digests of
        their parts, anything else (a record) from its pickled bytes. Each object is
        digested once per build: a record listed on many pages, a commitment's rows on
        each of its pages, a unit's card on its page and in the directory."""
        kind = type(value)
        if kind in _SCALARS:
            return hashlib.blake2b(_scalar(value), digest_size=16).digest()
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        digest: bytes | None = None
        if depth < 40:
            h = hashlib.blake2b(digest_size=16)
            parts = None
            if kind is list or kind is tuple:
                h.update(b"L" if kind is list else b"T")
                parts = value
            elif kind is dict:
                h.update(b"D")
                parts = [part for item in value.items() for part in item]
            elif dataclasses.is_dataclass(value) and hasattr(value, "__dict__") \
                    and not hasattr(kind, "__slots__"):  # every attribute, fields or not
                h.update(b"C" + f"{kind.__module__}.{kind.__qualname__}".encode())
                parts = [part for item in vars(value).items() for part in item]
            if parts is not None:
                h.update(len(parts).to_bytes(8, "little"))
                for part in parts:
                    if type(part) in _SCALARS:  # written as it is, not digested apart
                        h.update(_scalar(part))
                        continue
                    found = self._digest(part, depth + 1)
                    if found is None:
                        break
                    h.update(found)
                else:
                    digest = h.digest()
            else:
                data = _pickled(value)
                digest = None if data is None else hashlib.blake2b(
                    b"P" + data, digest_size=16).digest()
        self._seen[id(value)] = (value, digest)
        return digest

    def _shared_digest(self, template: str, names: tuple, facts_read: tuple | None,
                       context: dict) -> bytes | None:
        """The digest of the globals a template reads that the page's context does not
        set: the same for every page of a template with the same context keys."""
        key = (template, tuple(context))
        if key not in self._shared:
            h = hashlib.blake2b(digest_size=16)
            for name in names:
                if name in context:
                    continue
                if name == "facts" and facts_read is not None:
                    reads = ["facts." + attr for attr in facts_read]
                else:
                    reads = [name]
                for read in reads:
                    found = self._digest_of(read)
                    if found is None:
                        self._shared[key] = None
                        return None
                    h.update(read.encode() + b"\0" + found)
            self._shared[key] = h.digest()
        return self._shared[key]

    def _key(self, job: tuple[str, str, dict, tuple]) -> bytes | None:
        path, template, context, front = job
        head = _head(*front)
        needs = self._needs.get(template)
        if needs is None:
            return None
        names, facts_read = needs
        h = hashlib.blake2b(self._sources, digest_size=20)
        h.update(f"{path}\0{template}\0{head}\0".encode())
        for name, value in context.items():
            if name != "link":  # made from the path
                digest = self._digest(value)
                if digest is None:
                    return None
                h.update(name.encode() + b"\0" + digest)
        shared = self._shared_digest(template, names, facts_read, context)
        if shared is None:
            return None
        h.update(shared)
        return h.digest()


_NEEDS: dict[tuple[str, bytes], tuple | None] = {}


def _template_needs(env, template: str, sources: bytes) -> tuple | None:
    """(the names a template and the templates it imports read, sorted; the attributes of
    `facts` they read, or None when `facts` is used otherwise), or None when a template
    it imports is named by a computed expression."""
    key = (template, sources)
    if key not in _NEEDS:
        from jinja2 import meta, nodes

        names: set[str] = set()
        attrs: set[str] | None = set()
        todo, seen = [template], set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            tree = env.parse(env.loader.get_source(env, name)[0])
            # every name read (jinja2's own list of undeclared names leaves globals out):
            # those set in the template too, which are neither context nor global
            names |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
            for ref in meta.find_referenced_templates(tree):
                if ref is None:
                    _NEEDS[key] = None
                    return None
                todo.append(ref)
            read = {id(n.node): n.attr for n in tree.find_all(nodes.Getattr)
                    if isinstance(n.node, nodes.Name) and n.node.name == "facts"}
            if attrs is not None:
                attrs |= set(read.values())
                if any(n.name == "facts" and id(n) not in read
                       for n in tree.find_all(nodes.Name)):
                    attrs = None  # facts itself is handed on: all of it is an input
        _NEEDS[key] = (tuple(sorted(names)), None if attrs is None else tuple(sorted(attrs)))
    return _NEEDS[key]


def _scalar(value) -> bytes:
    """A scalar's bytes, tagged with its type and (text) length so that no two values
    that render differently, nor two sequences of them, give the same bytes."""
    kind = type(value)
    if kind is str or kind is Markup:
        data = value.encode("utf-8", "surrogatepass")
        return (b"s" if kind is str else b"m") + len(data).to_bytes(8, "little") + data
    if kind is dt.datetime:
        return f"t{value.isoformat()}|{value.tzinfo!r}|".encode()
    return f"{_TAGS[kind]}{value!r}|".encode()


_TAGS = {int: "i", float: "f", bool: "b", type(None): "n", dt.date: "d"}


def _pickled(value: object) -> bytes | None:
    """The pickled bytes of a value, each object written out wherever it occurs (no
    references to objects met before: equal values give equal bytes whether or not they
    share parts), or None when it cannot be pickled (a function, a cycle)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    try:
        pickler.dump(value)
    except Exception:  # noqa: BLE001 - a value that cannot be pickled has no digest
        return None
    return out.getvalue()


class _OnDemand(Mapping):
    """Every page's Markdown, rendered when it is read (Renderer.finish(keep=False))."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer

    def __getitem__(self, path: str) -> str:
        if path not in self._renderer.pages:
            raise KeyError(path)
        return self._renderer.one(path)

    def __iter__(self):
        return iter(self._renderer.pages)

    def __len__(self) -> int:
        return len(self._renderer.pages)

    @property
    def kept(self) -> dict[str, str]:
        """What stays in memory: each page's head, and the text of pages already read."""
        return self._renderer.pages


def two_processes() -> bool:
    """Whether pages (and the audit) are split over two processes."""
    return (os.cpu_count() or 1) >= 2 and os.environ.get("GENERATOR_JOBS") != "1"


def sendable(err: Exception) -> Exception:
    """The error itself when it survives pickling, else a RuntimeError naming it."""
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:  # noqa: BLE001
        return RuntimeError(repr(err))


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CJK_STOP = "。；：！？，、）》」』”…"


def _join_lines(lines) -> str:
    """Lines and paragraphs as one line, meeting as Chinese text meets: nothing after a
    closing mark ("……承诺书。2026年"), an ideographic space after a line without one (a
    heading), a space between Latin words; never an ASCII space beside a Han character."""
    out: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if out and out[-1][-1] not in _CJK_STOP:
            out.append("\u3000" if _CJK.match(out[-1][-1]) or _CJK.match(line[0]) else " ")
        out.append(line)
    return "".join(out)


_BLOCK_MARK = re.compile(r"^\s*(?:[-*+>#]+|\d+[.)])\s+")


# A tag, or a link (its text kept); neither runs past the next "<", "[" or "(", so a
# body of 40,000 unclosed "<a" or "[" is read in one pass, not one pass each.
_TAG_OR_LINK = re.compile(r"<[^<>]*>|!?\[([^\[\]]*)\]\([^()]*\)")


_COMMENT_END = re.compile(r"--!?>")


def _without_comments(text: str) -> str:
    """`text` with each HTML comment read as the browser reads it (ended by the first
    --> or --!>; one left open runs to the end) replaced by a space, in one pass: a regex
    `<!--.*?-->` looks for the end again from each of 40,000 unclosed `<!--` (a minute)."""
    if "<!--" not in text:
        return text
    out, at = [], 0
    while (start := text.find("<!--", at)) != -1:
        out.append(text[at:start])
        end = _COMMENT_END.search(text, start + 2)  # <!--> and <!---> are whole
        at = len(text) if end is None else end.end()
        out.append(" ")
    out.append(text[at:])
    return "".join(out)


def _summary(text: str, limit: int = 120) -> str:
    """One line of plain text, cut at `limit` characters: a page's own summary. Markdown
    and HTML (a notice body) are reduced to their words: links to their text, list and
    heading marks, comments and tags dropped."""
    # tags out and references decoded as the page shows them (&amp; is &), but not in
    # code, which shows them as written (sanitize.code_as_written)
    text = sanitize.code_as_written(sanitize.code_as_written(str(text), "\0"), "\1", "&")
    # a fenced block's fences are no words of it: ```text (its language) is not text (taken
    # out after the code is marked, which needs its fences)
    if "``" in text or "~~" in text:
        lines = text.split("\n")
        for first, last in sanitize.fenced_code(lines)[0]:
            lines[first] = lines[last] = ""
        text = "\n".join(lines)
    text = _TAG_OR_LINK.sub(lambda m: " " if m.group(1) is None else m.group(1),
                            _without_comments(text))
    if "&" in text:
        text = normalise.unescape(text)
    text = text.replace("\0", "<").replace("\1", "&")
    # the lines of one block meet as the page shows them (a break between two Han
    # characters is nothing: softbreak.py); blocks (a paragraph, a heading, a list item)
    # meet as Chinese text meets (_join_lines)
    blocks: list[list[str]] = []  # the pieces of each block
    joins = False  # whether the next line goes on the last block
    for raw in text.split("\n"):
        marked = _BLOCK_MARK.match(raw)
        line = " ".join(raw[marked.end():].split() if marked else raw.split())
        if not line:
            joins = False
        elif joins and not marked:
            if not joinable(blocks[-1][-1][-1], line[0]):
                blocks[-1].append(" ")
            blocks[-1].append(line)
        else:
            blocks.append([line])
            joins = not (marked and "#" in marked.group())  # a heading is one line
    line = _join_lines("".join(pieces) for pieces in blocks)
    line = re.sub(r"[*_`|]", "", line)
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _linker(current: str):
    """link(text, target.md): a Markdown link relative to the page being rendered."""
    here = posixpath.dirname(current)

    def link(text: object, target: str, anchor: str = "") -> Markup:
        rel = relative(target, here)
        return Markup(f"[{_finalize(text)}]({rel}{'#' + anchor if anchor else ''})")

    return link


def relative(target: str, here: str) -> str:
    """posixpath.relpath(target, here or ".") for the site's own relative paths (no
    "..", no "." parts), without its two abspath calls: a page links thousands of times."""
    if not here:
        return target or "."
    base = here.split("/")
    parts = target.split("/")
    common = 0
    for a, b in zip(base, parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def external_link(text: object, url: str | None) -> Markup:
    safe = safe_url(url)
    if not safe:
        return escape_text(text)
    return _markdown_link(text, safe)


def _markdown_link(text: object, href: str) -> Markup:
    """[text](href) with the characters that end or open a Markdown link destination
    percent-encoded: a URL "…/a)[点此举报](https://other/" stays one link to its host."""
    href = "".join(f"%{ord(c):02X}" if c in "()<>[] " else c for c in href)
    return Markup(f"[{escape_text(text)}]({href})")


def channel_href(channel) -> str | None:
    """What tapping a channel does: call, write, or open the site; None for addresses.

    The one place a channel value becomes a link (pages, QR codes and the footer): only
    the values `check` accepts (`checks.channel_number`, `checks.channel_email`) make one."""
    value = str(channel.get("value") or "").strip()
    if channel.get("kind") == "电话":
        number = channel_number(value)
        return f"tel:{number}" if number else None
    if channel.get("kind") == "邮箱":
        return f"mailto:{value}" if channel_email(value) else None
    if channel.get("kind") == "网上平台":
        return safe_url(value)
    return None


def _channel_link(channel) -> Markup:
    href = channel_href(channel)
    if href is None:
        return escape_text(channel.get("value") or "")
    return _markdown_link(channel["value"], href)


def _qr_codes(channels: list, labels) -> list[Markup]:
    """A QR code (inline SVG, made here at build time) for every channel a phone can
    act on: scanning it dials, writes or opens the same thing as the link."""
    import segno

    out = []
    for channel in channels:
        href = channel_href(channel)
        if href is None:
            continue
        code = segno.make(href, error="m", micro=False)
        name = html.escape(labels["qr_alt"].format(name=channel["name"], value=channel["value"]))
        svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=False,
                              title=None)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)
        out.append(Markup(f'<figure class="cs-qr">{svg}<figcaption>'
                          f'{html.escape(channel["name"])}</figcaption></figure>'))
    return out


def notice_body(body: str, links: sanitize.Links) -> Markup:
    """A staff-written Markdown body for the page: as written when the sanitiser would
    remove nothing from it and it closes what it opens (`check` refuses the data
    otherwise), else the sanitised HTML, whose every element is closed."""
    converted = sanitize.markdown_html(body)
    # (a part of a body that leaves an element open, or closes one it did not open,
    # would take in or cut short what the page prints after it: the cited cases)
    if not sanitize.removed(converted, links) and not sanitize.unbalanced(converted):
        return Markup(body.strip("\n").rstrip())  # (a first line's indent is Markdown)
    return Markup('<div class="cs-notice-body">' + sanitize.clean(sanitize.markdown_html(body),
                                                                   links) + "</div>")


def cited_html(blocks) -> str:
    """The cited cases' paragraphs (document.case_blocks) as the page prints them: the
    run-in "1.<unit><title>。" in bold, each paragraph a raw HTML block, text escaped."""
    out = []
    for block in blocks:
        lead = f"<strong>{html.escape(block.lead)}</strong>" if block.lead else ""
        kind = "cs-doc-case cs-doc-withheld" if block.withheld else "cs-doc-case"
        out.append(f'<p class="{kind}">{lead}{html.escape(block.text)}</p>')
    return "\n\n".join(out)


def _notice_text(notice, cited_blocks, links) -> Markup:
    if not cited_blocks:
        return notice_body(notice["body"], links)
    before, after = split_after_intro(notice["body"], links)
    parts = [notice_body(before, links), Markup(cited_html(cited_blocks))]
    if after.strip():
        parts.append(notice_body(after, links))
    return Markup("\n\n").join(parts)


def render(data: Dataset, facts, charts: dict, history=None,
           keep: bool = True, root: Path | None = None) -> tuple[Mapping[str, str], list]:
    """All pages of the site and the navigation (label, path) that lists the sections.

    `charts` holds each indicator's SVG (see charts.py); the pages inline them.
    `history` (history.py) gives each record page its changes; None shows none.
    `keep=False`: every page is rendered, its text made again when read (`check`).
    `root`: the compiled templates are kept in the project's cache (`_Templates`)."""
    r, nav = plan(data, facts, charts, history, root)
    return r.finish(keep), nav


def plan(data: Dataset, facts, charts: dict, history=None,
         root: Path | None = None) -> tuple[Renderer, list]:
    """Every page taken down, none rendered yet: `Renderer.pages` holds every path,
    `Renderer.one` renders a page on demand, `Renderer.finish` all of them."""
    if root is not None:
        from generator.cache import cache_dir

        _COMPILED.folder = cache_dir(Path(root)) / "templates"
    r = Renderer(data, facts)
    archived = [c for past in facts.archive for c in past["cases"]]
    links = links_of(data.site, data.channels)
    case_titles = {c["id"]: c["title"] if c.published else data.labels["cases"]["withdrawn_entry"]
                   for c in facts.cases + archived}
    r.share(per_page=PER_PAGE, shortlist=SHORTLIST, charts=charts, notice_documents={
        n["slug"]: site_paths(n) for n in issued(data)}, qr_codes=_qr_codes(
            list(data.channels.get("channels") or []), data.labels["reader"]))
    r.share_functions(
        external_link=(external_link, ()), frame_rows=(_frame_rows, ()),
        progress=(_progress, ()), channel_link=(_channel_link, ()),
        chart_svg=(lambda key: Markup(charts[key]["svg"]), charts),
        chart_img=(lambda key: _chart_img(r, key, charts[key]["svg"] if key in charts else ""),
                   (data.labels["indicators"], data.labels["statistics"], charts)),
        record_history=_history_reader(data, history),
        notice_body=(lambda n: notice_body(n["body"], links),
                     (links.site_url, sorted(links.hosts), links.addresses)),
        # An issued 通报's page is its document: the cited cases in its body, where the
        # Word/PDF has them (document.from_notice), with the same words and names.
        notice_text=(lambda n, cited_blocks: _notice_text(n, cited_blocks, links),
                     (links.site_url, sorted(links.hosts), links.addresses)),
        ex_item=(lambda ex: _exemption_item(data, ex), data.published("commitments")),
        issuer_of=(lambda n: issuer_of(n, data.site), data.site),
        issuers_of=(lambda n: issuers_of(n, data.site), data.site),
        attachment_title=(attachment_title, ()),
        printer_of=(lambda n: printer_of(n, data.site), data.site),
        # the labels printed inside a notice's text: frozen into an issued one
        words_of=(lambda n: NoticeWords(n, data.labels), data.labels),
        # an item's standing from the item itself, the day and its unit's end: a page
        # listing items does not depend on every item of the ledger (facts.ledger_standing)
        standing_of=_standing_reader(data))
    L = data.labels
    units = list(facts.units.values())

    r.page("index.md", "home.md.j2", L["home"]["title"])
    r.page("campaign.md", "campaign.md.j2", L["campaign"]["title"])
    r.page("report.md", "channels.md.j2", L["channels"]["title"], boost=2)

    # Units: a directory by kind, and a scorecard page per unit.
    r.page("units/index.md", "units.md.j2", L["units"]["title"])
    for kind_id in facts.unit_kind_order:
        members = [u for u in units if u["kind"] == kind_id]
        for pager in paginate(members, f"units/kind-{kind_id}/"):
            r.page(pager.here, "unit_kind.md.j2",
                   L["units"]["kind_title"].format(kind=facts.names["unit_kinds"][kind_id],
                                                   count=len(members)), pager=pager,
                   kind=kind_id, standing={u["id"]: _standing(facts.per_unit[u["id"]])
                                           for u in pager.items})
    # Unit pages are searched by name (boosted); their tables stay out of the index.
    for unit in units:
        card = facts.per_unit[unit["id"]]
        s = card["ledger_summary"]
        ledger = L["units"]["ledger_summary"].format(
            total=s["total"], closed=s["closed"], overdue=s["overdue"],
            rate=percent(s["rate"])) if s else ""
        r.page(f"units/{unit['id']}.md", "unit.md.j2", unit["name"], unit=unit, card=card,
               boost=3, description=L["reader"]["summary_unit"].format(name=unit["name"],
                                                                       ledger=ledger))
        lists = {"ledger": card["ledger"], "warnings": facts.warnings_by_unit.get(unit["id"], []),
                 "cases": card["cases"], "inspections": card["inspections"],
                 "inspections_run": card["inspections_run"]}
        for section, rows in lists.items():  # a unit's page shows PER_PAGE of each list
            for pager in overflow(rows, f"units/{unit['id']}/{section}/"):
                r.page(pager.here, "unit_list.md.j2", L["units"]["list_title"].format(
                    name=unit["name"], section=L["units"][section]), unit=unit,
                    section=section, pager=pager, search=False)

    # Commitments.
    r.page("commitments/index.md", "commitments.md.j2", L["commitments"]["title"])
    for item in facts.commitments:
        cid = item["commitment"]["id"]
        for pager in paginate(item["rows"], f"commitments/{cid}/"):
            r.page(pager.here, "commitment.md.j2", item["commitment"]["title"], item=item,
                   pager=pager, search=pager.number == 1)

    # Cases: listings with facets, and a page per case at a URL made from its id.
    _case_listings(r, facts)
    for case in facts.cases + archived:  # a past campaign's case keeps its URL
        summary = L["reader"]["summary_case"].format(
            unit=facts.names["units"][case["unit"]],
            categories="、".join(facts.names["categories"][c] for c in case["categories"]),
            facts=case["facts"]) if case.published else None
        r.page(f"cases/{case['id']}.md", "case.md.j2", case["title"] if case.published
               else L["case"]["withdrawn_title"], case=case, description=summary)

    # Rectification ledger.
    r.page("ledger/index.md", "ledger.md.j2", L["ledger"]["title"])
    for pager in paginate(facts.overdue, "ledger/overdue/"):
        r.page(pager.here, "ledger_items.md.j2", L["ledger"]["overdue_title"], pager=pager,
               search=False)
    for pager in paginate(facts.ledger_by["unit"], "ledger/units/"):
        r.page(pager.here, "ledger_units.md.j2", L["ledger"]["by_unit_title"], pager=pager,
               search=False)

    for item in data.published("ledger"):
        r.page(f"ledger/items/{item['id']}.md", "ledger_item.md.j2",
               L["ledger_item"]["title"].format(id=item["id"]), item=item,
               reviews=facts.reviews.get(item["id"], []), search=False)

    # Past campaigns: an archive; the current one stays at campaign.md and on the home page.
    r.page("campaigns/index.md", "campaigns.md.j2", L["campaigns"]["title"])
    for past in facts.archive:
        r.page(f"campaigns/{past['campaign']['id']}.md", "past_campaign.md.j2",
               past["campaign"]["title"], past=past, search=False)

    # The clue register as counts only, with the totals staff enter by hand.
    r.page("clues/index.md", "clues.md.j2", L["clues"]["title"])
    for pager in overflow(facts.clues.get("by_unit") or [], "clues/units/"):
        r.page(pager.here, "clues_units.md.j2", L["clues"]["by_unit_title"], pager=pager,
               search=False)

    # Commendations, each at a permanent URL, and the year-end rankings.
    for pager in paginate(facts.commendations, "commendations/"):
        r.page(pager.here, "commendations.md.j2", L["commendations"]["title"], pager=pager,
               search=pager.number == 1)
    for item in facts.commendations:
        r.page(f"commendations/{item['id']}.md", "commendation.md.j2", item["title"] + "："
               + facts.names["units"][item["unit"]], item=item, search=False)
    for year, rows in facts.rankings.items():
        for pager in paginate(rows, f"commendations/ranking-{year}/"):
            r.page(pager.here, "ranking.md.j2", L["commendations"]["ranking_title"].format(
                year=year), year=year, pager=pager, search=False)

    # Supervision: inspections, warnings, periodic reports.
    for pager in paginate(facts.inspections, "inspections/"):
        r.page(pager.here, "inspections.md.j2", L["inspections"]["title"], pager=pager,
               search=pager.number == 1)
    warned = sorted(facts.warnings_by_unit.items(), key=lambda kv: kv[0])
    for pager in paginate(warned, "warnings/"):
        r.page(pager.here, "warnings.md.j2", L["warnings"]["title"], pager=pager,
               search=pager.number == 1)
    r.page("reports/index.md", "reports.md.j2", L["reports"]["title"])
    for period in facts.periods:
        for pager in paginate(period["missing"], f"reports/{period['period']}/"):
            r.page(pager.here, "report_period.md.j2",
                   L["reports"]["period_title"].format(period=cn_period(period["period"])),
                   period=period, pager=pager, search=False)
        for pager in overflow(period["excused"], f"reports/{period['period']}/excused/"):
            r.page(pager.here, "report_excused.md.j2",
                   L["reports"]["excused_title"].format(period=cn_period(period["period"])),
                   period=period, pager=pager, search=False)

    # Notices: newest first, by category and by month; each at a permanent URL.
    groups = _notice_groups(facts.notices, L["notices"], data.taxonomy)
    everything = {"base": "notices/", "heading": None, "items": facts.notices}
    for group in [everything] + groups:
        for pager in paginate(group["items"], group["base"], per_page=20):
            r.page(pager.here, "notices.md.j2", group["heading"] or L["notices"]["title"],
                   pager=pager, groups=groups, heading=group["heading"],
                   search=group is everything and pager.number == 1)
    def cited(notice) -> dict:  # the titles of the cases a notice cites (a page's input)
        return {c: case_titles[c] for c in notice.get("cases") or [] if c in case_titles}

    official = {n["slug"] for n in issued(data)}
    doc_names = names_of(data) if official else {}
    all_cases = {c["id"]: c for c in facts.cases + archived}

    def printed(notice) -> tuple:  # what the notice's document prints of its cases
        if notice["slug"] not in official:
            return ()
        return cited_blocks(notice, data, doc_names)

    def corrected(notice) -> dict:  # the site's word on a cited case corrected since
        out = {}
        for cid in notice.get("cases") or []:
            case = all_cases.get(cid)
            days = [c["date"] for c in (case.get("corrections") or [])
                    if c.get("date") and c["date"] > notice["date"]] if case else []
            if days and case.published:
                out[cid] = L["notices"]["case_corrected"].format(date=cn_date(max(days)))
        return out

    def summarised(notice) -> list:  # the cited cases the site's summary may name
        return [all_cases[c] for c in notice.get("cases") or []
                if c in all_cases and all_cases[c].published]

    for notice in facts.notices:
        r.page(f"notices/{notice['slug']}.md", "notice.md.j2", notice["title"], notice=notice,
               description=notice["body"], cited=cited(notice), cited_blocks=printed(notice),
               corrected=corrected(notice), summary_cases=summarised(notice),
               withdrawn_uncorrected=bool(uncorrected_withdrawals(notice, printed(notice))))
    for notice in facts.withdrawn_notices:  # the URL stays, with the withdrawal note only
        r.page(f"notices/{notice['slug']}.md", "notice.md.j2", withdrawn_title(notice, L),
               notice=notice, identity=withdrawn_identity(notice, L, cn_date), search=False,
               cited=cited(notice), corrected={})

    # Statistics: every indicator as a chart with its table and CSV, grouped by question.
    r.page("statistics.md", "statistics.md.j2", L["statistics"]["title"], charts=charts)

    # Open data: downloads and a data dictionary per table, built from the schema.
    from generator import opendata

    tables = opendata.tables(data, facts)
    r.page("open-data/index.md", "opendata.md.j2", L["opendata"]["title"], tables=tables)
    for name, (columns, rows) in tables.items():
        described = [(key, label, opendata.help_of(name, key, data.labels))
                     for key, label, _get in columns]
        r.page(f"open-data/{name}.md", "opendata_table.md.j2",
               L["opendata"]["tables"][name], name=name, columns=described, count=len(rows))

    nav = [(L["nav"][key], path) for key, path in NAV]
    # The site map: every section and every listing page a reader can browse.
    r.page("sitemap.md", "sitemap.md.j2", L["reader"]["sitemap"], sections=nav,
           listings=_listing_pages(r.pages, nav))
    return r, nav


NAV = [
    ("home", "index.md"), ("campaign", "campaign.md"), ("campaigns", "campaigns/index.md"),
    ("commitments", "commitments/index.md"),
    ("cases", "cases/index.md"), ("ledger", "ledger/index.md"), ("units", "units/index.md"),
    ("inspections", "inspections/index.md"), ("warnings", "warnings/index.md"),
    ("reports", "reports/index.md"), ("clues", "clues/index.md"),
    ("commendations", "commendations/index.md"),
    ("notices", "notices/index.md"), ("report", "report.md"),
    ("statistics", "statistics.md"), ("open_data", "open-data/index.md"),
]


def _listing_pages(pages: dict[str, str], nav: list) -> dict[str, list[tuple[str, str]]]:
    """Per section: the first page of every listing under it (facets, kinds, months),
    with its title; record pages, later pages of a listing and the lists under a record
    or a listing are left out: the site map does not grow with the records."""
    sections = {posixpath.dirname(path): path for _label, path in nav if "/" in path}
    out: dict[str, list] = {path: [] for path in sections.values()}
    for path, text in pages.items():
        top = path.split("/", 1)[0]
        parent = posixpath.dirname(posixpath.dirname(path))
        # a record's own pages of a list (units/XZ01/ledger/ beside units/XZ01.md) and a
        # listing's own sub-listing (reports/2026-09/excused/) are reached from their page
        if parent + ".md" in pages or parent != top and parent + "/index.md" in pages:
            continue
        if top in sections and path.endswith("/index.md") and path != sections[top]:
            title = html.unescape(json.loads(text.split("\n", 2)[1].split(": ", 1)[1]))
            out[sections[top]].append((title, path))
    return {key: sorted(items, key=lambda item: item[1]) for key, items in out.items()}


def _standing(card: dict) -> dict:
    """What a unit directory page shows of a unit's card: its overdue ledger items, its
    commitments and reports late or missing, its ledger's closing rate."""
    ledger = card["ledger_summary"]
    from generator.derive import held_against

    late = sum(1 for c in card["commitments"] if held_against(c))
    return {"overdue": ledger["overdue"] if ledger else 0,
            "late": late + len(card["missing_reports"]),
            "rate": ledger["rate"] if ledger else None}


def _exemption_item(data: Dataset, exemption: Rec) -> str:
    from generator.checks import REPORTS_ITEM, exemption_target

    target = exemption_target(exemption, data.published("commitments"))
    if target == REPORTS_ITEM or target is None:
        return exemption["item"]
    return next(c["title"] for c in data.published("commitments") if c["id"] == target)


def _standing_reader(data: Dataset) -> tuple:
    """standing_of(item) for templates (derive.ledger_standing today), with its inputs."""
    from generator.derive import ledger_standing

    units = {u["id"]: u for u in data.units}
    today = data.now.date()
    ends = sorted((uid, u["active_until"]) for uid, u in units.items() if u.get("active_until"))
    return (lambda item: ledger_standing(item, units[item["unit"]], today)
            if item["unit"] in units else None), (today, ends)


def public_changes(rec: Rec, changes: list) -> list:
    """The changes (history.Change, newest first) made once `rec` was public. What was
    committed before its 发布日期 or its embargo (prepared early, edited under embargo)
    is not its public history: listing it would tell when it was written."""
    published = rec.get("published_on") or rec.get("date")
    embargo = rec.get("embargo")
    return [c for c in changes
            if (not isinstance(published, dt.date) or c.when.date() >= published)
            and (embargo is None or c.when >= embargo)]


def since_launch(changes: list, launched: dt.date | None) -> list:
    """The changes made from the day the site was `launched` (site.yml): what was
    committed before is a county's records typed in and corrected while the site was
    set up, not their public history (a record's page lists none of it)."""
    return changes if launched is None else [c for c in changes if c.when.date() >= launched]


def silent_revisions(rec: Rec, changes: list, launched: dt.date | None = None) -> list:
    """The public changes (newest first) that rewrote `rec` with no stated correction: made
    on a day after the first public commit (those of that day issue it), after the day
    the site was `launched` (what was there then is what it published) and after the
    latest `corrections` entry's date (a correction states what changed up to its day)."""
    if not changes:
        return []
    stated = [c["date"] for c in rec.get("corrections") or []
              if isinstance(c, dict) and isinstance(c.get("date"), dt.date)]
    since = max([changes[-1].when.date(), *stated, *([launched] if launched else [])])
    return [c for c in changes if c.when.date() > since]


def record_changes(rec: Rec, history) -> list:
    """The commits that changed a record (history.Change, newest first): its file's and,
    for a notice, its attachments' (a file replaced under the same name changes the
    notice's 附件 as much as an edit of its text)."""
    changes = history.of(rec.where.path)
    files = [f"content/notices/files/{a['file']}" for a in rec.get("attachments") or []
             if isinstance(a, dict) and a.get("file")] \
        if rec.where.path.startswith("content/notices/") else []
    if not files:
        return changes
    merged = {c.commit: c for path in files for c in history.of(path)}
    merged.update({c.commit: c for c in changes})
    return sorted(merged.values(), key=lambda c: (c.when, c.commit), reverse=True)


def last_modified(data: Dataset, facts, history) -> dict[str, dt.date]:
    """Site path -> the day a case or notice page last changed, for the sitemap: the
    newest of its publication, its public changes (history.py) and, for a case, the
    notices citing it. Only with history: without it (or for a record not committed
    yet) the generator does not know, and every page gets the build's county date."""
    if history is None:
        return {}
    out = {}
    pages = [(f"cases/{c['id']}.md", c, facts.notices_citing.get(f"case:{c['id']}", []))
             for c in data.cases if c.state in ("published", "withdrawn")]
    pages += [(f"notices/{n['slug']}.md", n, []) for n in data.notices
              if n.state in ("published", "withdrawn")]
    for path, rec, citing in pages:
        changes = public_changes(rec, record_changes(rec, history))
        if not changes:
            continue
        days = [changes[0].when.date(), rec.get("published_on") or rec["date"]]
        # never after the build's own date (a build stood at an earlier SOURCE_DATE_EPOCH)
        out[path] = min(max(days + [n["date"] for n in citing]), data.now.date())
    return out


def _history_reader(data: Dataset, history) -> tuple:
    """record_history(key, rec) for templates: the record's own date, then its changes;
    with what it reads besides its arguments (Renderer.share_functions).

    The record's own date (发布日期) is the only publication date a page states; git dates
    are listed as changes (更新记录) only. A commit subject is shown only when site.yml
    opts in (commit_messages), it carries no personal data and the commit touched no
    record the public cannot see (its subject might name it); else a neutral label."""
    from generator import privacy

    hidden = {rec.where.path for name in ("cases", "notices")
              for rec in data.collections.get(name, []) if not rec.published}
    names = redacted_names(data.collections, data.site)
    scanner = privacy.Scanner(*privacy.official_contacts(data.channels))
    withheld = data.labels["history"]["subject_withheld"]

    opted_in = bool(data.site.get("commit_messages"))
    launched = data.site.get("launched")

    def safe(change) -> str:
        if not opted_in:
            return ""  # the date of the change only
        if change.paths & hidden or scanner.hits(change.subject) or not change.subject:
            return withheld
        if names.found(change.subject):
            return withheld
        return change.subject

    def read(key: str, rec: Rec) -> dict | None:
        if history is None:
            return None
        changes = public_changes(rec, record_changes(rec, history) if key == rec.where.path
                                 else history.of(key))
        revised = bool(silent_revisions(rec, changes, launched))
        changes = since_launch(changes, launched)
        if not changes:
            return None
        # changed on a day after the first public commit (the one that published it; those
        # of that day issue it): its page may not say it stands as published, a notice's
        # text rewritten with no `corrections` entry
        return {"published": rec.get("published_on") or rec.get("date"),
                "changes": [(c.when.date(), safe(c)) for c in changes[:10]],
                "count": len(changes), "revised": revised}

    if not opted_in:
        return read, (history, False, launched)
    return read, (history, True, launched, sorted(hidden), sorted(names.first),
                  privacy.official_contacts(data.channels), withheld)


def _chart_img(r: Renderer, key: str, svg: str) -> Markup:
    """A small chart on the home page: the SVG file, with its figures as alt text, and
    under it a link named for where it goes (the statistics page, where the chart has its
    table). The image was the link: a screen reader heard three links to one page named
    by strings of figures, none saying where it led."""
    meta = r.data.labels["indicators"][key]
    frame = r.facts.indicators[key]
    # (an ideographic space between a row's name and its figures: Chinese text puts no
    # ASCII space beside a number)
    rows = "；".join(f"{row[0]}\u3000" + "、".join(row[1:]) for row in _frame_rows(frame))
    alt = html.escape(r.data.labels["statistics"]["chart_alt"].format(
        name=meta["name"], columns="、".join(str(c) for c in frame.columns), rows=rows))
    # Its size from the drawing's viewBox: the page keeps the chart's place while the
    # image loads (lazily, on a slow network late), so nothing below it jumps.
    box = _VIEWBOX.search(svg)
    size = f' width="{round(float(box[1]))}" height="{round(float(box[2]))}"' if box else ""
    link = html.escape(r.data.labels["statistics"]["chart_link"].format(name=meta["name"]))
    return Markup(f'<figure class="cs-chart-small">'
                  f'<img src="charts/{key}.svg" alt="{alt}"{size} loading="lazy">'
                  f'<figcaption><a href="statistics/">{link}</a></figcaption></figure>')


def _progress(done: int, total: int, label: str) -> Markup:
    """A progress bar that needs no script and reads as "label: done / total"."""
    text = html.escape(label)
    return Markup(f'<progress class="cs-progress" value="{int(done)}" max="{max(int(total), 1)}" '
                  f'aria-label="{text}">{int(done)} / {int(total)}</progress>')


def _frame_rows(frame) -> list[list]:
    """A frame's rows as [index, value, …] with numbers written plainly (1.0 -> 1), and
    — for a value that cannot be given (NaN: a rate with nothing to rate)."""
    def plain(value):
        if isinstance(value, float) and math.isnan(value):
            return "—"
        if isinstance(value, float):
            return f"{value:.1f}" if not value.is_integer() else str(int(value))
        return str(value)

    def name(index) -> str:
        # a month or week is written as the chart's axis writes it (2026年3月), not as
        # 2026-03, which a screen reader reads as a subtraction; the CSV keeps ISO
        text = str(index)
        return str(cn_period(text)) if _PERIOD.fullmatch(text) else text

    return [[name(index)] + [plain(v) for v in row] for index, row in
            zip(frame.index, frame.itertuples(index=False), strict=True)]


def _notice_groups(notices: list, labels: dict, taxonomy) -> list[dict]:
    """A listing for every category and every month that has notices."""
    categories: dict[str, list] = {}
    months: dict[str, list] = {}
    for notice in notices:
        categories.setdefault(notice["category"], []).append(notice)
        months.setdefault(notice["date"].strftime("%Y-%m"), []).append(notice)
    slugs = {c["name"]: c["slug"] for c in taxonomy.get("notice_categories") or []}
    groups = [{"kind": "category", "base": f"notices/category/{slugs[c]}/", "name": c,
               "heading": labels["category_title"].format(name=c), "items": items}
              for c, items in sorted(categories.items(), key=lambda kv: list(slugs).index(kv[0]))]
    groups += [{"kind": "month", "base": f"notices/month/{m}/", "name": str(cn_period(m)),
                "heading": labels["month_title"].format(month=cn_period(m)), "items": items}
               for m, items in sorted(months.items(), reverse=True)]
    return groups


def _case_listings(r: Renderer, facts) -> None:
    """The full listing, then one listing per year, category, measure, unit kind, source."""
    L = r.data.labels["cases"]
    cases = facts.cases
    facets = _case_facets(facts)
    shown = [{k: v for k, v in facet.items() if k != "of"} for facet in facets]  # plain values
    for pager in paginate(cases, "cases/"):
        r.page(pager.here, "cases.md.j2", L["title"], pager=pager, facets=shown,
               heading=None, search=pager.number == 1)
    for facet in facets:
        for value in facet["values"]:
            members = [c for c in cases if c.published and value["key"] in facet["of"](c)]
            for pager in paginate(members, value["base"]):
                r.page(pager.here, "cases.md.j2", L["facet_title"].format(name=value["name"]),
                       pager=pager, facets=shown, heading=value["name"], search=False)


def _case_facets(facts) -> list[dict]:
    names = facts.names
    cases = [c for c in facts.cases if c.published]

    def persons_measures(case):
        return {m for p in case.get("persons") or [] for m in p.get("measures") or []}

    def categories(case):
        cats = set(case["categories"])
        return cats | {facts.category_parent[c] for c in cats if c in facts.category_parent}

    specs = [
        ("kind", lambda c: {c["kind"]}, None),
        ("year", lambda c: {str(c["published_on"].year)}, None),
        ("category", categories, names["categories"]),
        ("measure", persons_measures, names["measures"]),
        ("unit_kind", lambda c: {facts.units[c["unit"]]["kind"]}, names["unit_kinds"]),
        ("source", lambda c: {c["source"]}, names["case_sources"]),
    ]
    facets = []
    for key, of, labels in specs:
        present: dict[str, int] = {}
        for case in cases:
            for value in of(case):
                present[value] = present.get(value, 0) + 1
        order = list(labels) if labels else sorted(present, reverse=key == "year")
        slug = {"kind": CASE_KINDS}.get(key, {})
        if key == "kind":  # every kind always has a listing: the home page links to them
            order, present = list(CASE_KINDS), {k: present.get(k, 0) for k in CASE_KINDS}
        values = [{"key": v, "name": labels[v] if labels else v, "count": present[v],
                   "base": f"cases/{key.replace('_', '-')}/{slug.get(v, v)}/"}
                  for v in order if v in present]
        facets.append({"key": key, "values": values, "of": of})
    return facets
