"""The last gate: a scan of the built site before it is published.

Every output file is read at the level a browser or a reader would read it: HTML with
an HTML parser (text shown as text is inert, a tag is a tag), the search index as the
HTML fragments the theme renders, feeds as XML whose `type="html"` content is HTML
again, CSV and JSON as text, a zip member by member. It looks for scripts that are
neither the theme's nor ours, event-handler attributes, script URLs, frames,
references to third-party hosts, personal data, redacted names and the content of
records that are not published. Theme files copied unchanged are the theme's own.
"""
from __future__ import annotations

import gzip
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from generator import privacy
from generator.checks import allowed_hosts, host_allowed, walk
from generator.problems import Location, Problem, problem
from generator.records import Dataset
from generator.schema import record_types

# Inline scripts the theme writes into every page.
_THEME_INLINE = ("__md_scope=new URL(", "var target=document.getElementById(location.hash")
_URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "cite",
              "background", "xlink:href", "manifest", "icon"}
_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet"}
_SCRIPT_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"), None)
_TEXT_ATTRS = {"title", "alt", "aria-label", "content", "value", "placeholder", "label"}


@dataclass
class Policy:
    """What the built site may contain, derived from the published data."""

    scanner: privacy.Scanner
    hosts: set[str]
    redacted: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)  # site paths of our own scripts
    base_path: str = "/"  # the path of the site URL: where "/x" links point inside the site


def policy_for(data: Dataset, extra_scripts: list[str] = ()) -> Policy:
    phones, emails = privacy.official_contacts(data.channels)
    types = {rt.collection: rt for rt in record_types().values() if rt.collection}
    shown: set[str] = set()
    hidden: set[str] = set()
    redacted: set[str] = set()
    for name, records in data.collections.items():
        for rec in records:
            texts = [t for f, t, _a in walk(rec, types[name].fields, rec.where)
                     if f.type in ("text", "longtext")]
            if rec.get("body"):
                texts += rec["body"].splitlines()
            lines = {ln.strip() for t in texts for ln in t.splitlines() if len(ln.strip()) >= 6}
            if rec.published:
                shown |= lines
            elif rec.state == "withdrawn":
                withdrawal = rec["withdrawn"]
                hidden |= lines - {withdrawal.get("reason") or ""}
            else:
                hidden |= lines
            for person in rec.get("persons") or []:
                if person.get("redacted") and person.get("name"):  # a group has no name
                    redacted.add(person["name"])
    scripts = {posixpath.normpath(s) for s in extra_scripts}
    base_path = urlsplit(data.site.get("url") or "/").path or "/"
    return Policy(privacy.Scanner(phones, emails), allowed_hosts(data.site, data.channels),
                  redacted, hidden - shown, scripts, base_path)


class _Page(HTMLParser):
    """Collects markup findings and the text a reader sees, with line numbers."""

    def __init__(self, audit: "_Audit", rel: str, line_offset: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.audit, self.rel, self.offset = audit, rel, line_offset
        self.script: dict | None = None

    def _at(self) -> Location:
        return Location(self.audit.shown(self.rel), self.getpos()[0] + self.offset)

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs) -> None:
        at = self._at()
        attrs = [(k.lower(), v or "") for k, v in attrs]
        values = dict(attrs)
        if tag in _FRAMES:
            self.audit.add("audit-frame", at, tag)
        for key, value in attrs:
            if key.startswith("on"):
                self.audit.add("audit-event-handler", at, f"{key}=…")
            if _SCRIPT_SCHEME.match(value.replace("\n", "")) and (key in _URL_ATTRS or
                                                                  "script:" in value.lower()):
                self.audit.add("audit-script-url", at, f"{key}={value[:30]}")
            if key in _URL_ATTRS:
                for url in value.split(",") if key == "srcset" else [value]:
                    self.audit.url(url.strip().split(" ")[0], at)
            if key == "style":
                for url in _CSS_URL.findall(value):
                    self.audit.url(url, at)
            if key in _TEXT_ATTRS and value:
                self.audit.text(value, at)
        if tag == "script":
            self.script = {"src": values.get("src"), "type": values.get("type", ""),
                           "id": values.get("id", ""), "at": at, "body": []}

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.audit.script(self.rel, self.script, "".join(self.script["body"]).strip())
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script["body"].append(data)
        elif data.strip():
            self.audit.text(data, self._at())


class _Audit:
    def __init__(self, site: Path, policy: Policy, shown_as: str) -> None:
        self.site, self.policy, self.shown_as = site, policy, shown_as
        self.problems: list[Problem] = []
        self.theme = _theme_assets()

    def shown(self, rel: str) -> str:
        return f"{self.shown_as}/{rel}" if self.shown_as else rel

    def add(self, code: str, at: Location, detail: str) -> None:
        self.problems.append(problem(code, at, detail=detail))

    # -- what is looked for -------------------------------------------------

    def url(self, url: str, at: Location) -> None:
        if re.match(r"^(https?:)?//", url, re.I):
            host = urlsplit(url if ":" in url.split("/")[0] else "http:" + url).hostname or ""
            if not host_allowed(host, self.policy.hosts):
                self.add("audit-third-party", at, host)

    def script(self, rel: str, script: dict, body: str) -> None:
        if script["src"]:
            src = script["src"]
            if src.startswith(self.policy.base_path):
                base, src = "", src[len(self.policy.base_path):]
            else:
                base = posixpath.dirname(rel)
            target = posixpath.normpath(posixpath.join(base, src))
            if target in self.policy.scripts or self.theme.get(target) is not None:
                return
            self.add("audit-script", script["at"], script["src"])
        elif script["id"] == "__config" and script["type"] == "application/json":
            return
        elif not body.startswith(_THEME_INLINE):
            self.add("audit-script", script["at"], body[:40] or "<script>")

    def text(self, text: str, at: Location) -> None:
        plain = text.translate(_INVISIBLE)
        for hit in self.policy.scanner.hits(plain):
            line = at.line + plain.count("\n", 0, hit.start)
            self.problems.append(problem(hit.code, Location(at.path, line), field="",
                                         value=privacy.mask(hit.kind, hit.value)))
        for name in self.policy.redacted:
            if name in plain:
                self.add("audit-redacted-name", at, name[:1] + "…")
        for secret in self.policy.hidden:
            if secret in plain:
                self.add("audit-hidden-content", at, secret[:12] + "…")

    # -- file kinds -----------------------------------------------------------

    def html(self, rel: str, text: str, offset: int = 0) -> None:
        page = _Page(self, rel, offset)
        page.feed(text)
        page.close()

    def search_index(self, rel: str, data: bytes) -> None:
        index = json.loads(data)
        for number, doc in enumerate(index.get("docs", []), start=1):
            for key in ("title", "text"):
                self.html(f"{rel}#docs[{number}].{key}", doc.get(key) or "")

    def json_file(self, rel: str, data: bytes) -> None:
        def strings(value):
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for v in value.values():
                    yield from strings(v)
            elif isinstance(value, list):
                for v in value:
                    yield from strings(v)

        for value in strings(json.loads(data)):
            self.text(value, Location(self.shown(rel), 1))

    def xml(self, rel: str, data: bytes) -> None:
        root = ElementTree.fromstring(data)
        for element in root.iter():
            for key, value in element.attrib.items():
                if key in ("href", "src", "uri"):
                    self.url(value, Location(self.shown(rel), 0))
            if element.text and element.text.strip():
                if element.get("type") in ("html", "xhtml"):
                    self.html(rel, element.text)
                else:
                    self.text(element.text, Location(self.shown(rel), 0))

    def plain(self, rel: str, data: bytes) -> None:
        """CSV, text and our own CSS/JS. A URL in a data cell is text, not a reference
        (links in data are held to the allowed hosts by `check`); in CSS or JS it loads."""
        text = data.decode("utf-8-sig", errors="replace")
        code = rel.lower().endswith((".css", ".js"))
        for number, line in enumerate(text.splitlines(), start=1):
            self.text(line, Location(self.shown(rel), number))
            for url in re.findall(r"(?:https?:)?//[^\s\"',)]+", line) if code else ():
                self.url(url, Location(self.shown(rel), number))

    def file(self, rel: str, data: bytes) -> None:
        name = rel.lower()
        if self.theme.get(rel) == data or rel == "manifest.json":
            return  # the theme's own file copied unchanged, or the hashes of audited files
        if name.endswith(".gz"):
            self.file(rel[:-3], gzip.decompress(data))
        elif name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    self.file(f"{rel}!{member}", archive.read(member))
        elif name.endswith((".html", ".htm", ".svg")):
            self.html(rel, data.decode("utf-8", errors="replace"))
        elif name.endswith("search_index.json"):
            self.search_index(rel, data)
        elif name.endswith(".json"):
            self.json_file(rel, data)
        elif name.endswith((".xml", ".atom", ".rss")):
            self.xml(rel, data)
        elif name.endswith((".csv", ".txt", ".md", ".css", ".js")):
            if "/vendor/" not in rel:  # vendored scripts: checked in by hand with a licence
                self.plain(rel, data)


def _theme_assets() -> dict[str, bytes]:
    """Files of the installed theme, by the site path mkdocs copies them to."""
    import material

    base = Path(material.__file__).parent / "templates"
    return {p.relative_to(base).as_posix(): p.read_bytes()
            for p in (base / "assets").rglob("*") if p.is_file()}


def audit(site: Path, policy: Policy, shown_as: str = "site") -> list[Problem]:
    """Every finding in the built site; an empty list means it may be published."""
    scan = _Audit(Path(site), policy, shown_as)
    for path in sorted(Path(site).rglob("*")):
        if path.is_file():
            scan.file(path.relative_to(site).as_posix(), path.read_bytes())
    return sorted(set(scan.problems))
