"""Every text a record holds reaches the reader as text, in every form the site takes.

The demo county is validated as it is; then every text and longtext field of every record
(fields of nested maps and list items too) is set to a payload of markup, Markdown, an
attribute list and entity-encoded markup, each carrying a marker that names its record
type, its field and whether the record is published. The site is built through the real
mkdocs hook (the post-build audit runs and must pass). Every output is then read as its
consumer reads it: pages with the browser's parser (lexbor, which agrees with Chromium:
test_parser_agrees_with_chromium), the search index's titles and texts as the HTML
fragments the theme inserts, feeds as XML and their entries' HTML as HTML again, SVG as
XML. No element or attribute a payload carries may exist in any of them.

The markers printed anywhere (pages, feeds, index, open data, documents) tell which fields
the site shows: a field of an unpublished record (draft, embargoed, withdrawn) is shown
nowhere, and the fields of published records shown nowhere are exactly those the site
keeps to itself (a field meant to be shown that is not, or a new field nobody decided
about, fails here).
"""
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, hook_build

from generator.records import Rec
from generator.sanitize import URL_ATTRIBUTES
from generator.schema import record_types
from generator.synth import engine_config

MARK = re.compile(rb"MK(\d{4})([PU])Z")
ATTR = "data-mk"


def payload(mark: str, braces: bool = True) -> str:
    """Markup, entity-encoded markup (decoded once, twice), Markdown, the ends of every
    context a text could be printed in unescaped and still not become markup by itself
    (<title>, <script> such as JSON-LD, a CDATA section, a comment), and an attr_list and a Jinja expression that makes markup if a template
    ever renders a record's text as a template (not in the words a notice froze: they
    are filled in with str.format, and check refuses braces other than the label's
    placeholders, notice-word-placeholders)."""
    return (f'{mark}<b {ATTR}="{mark}">{mark}</b><img src=x {ATTR}="{mark}">'
            f'&lt;i {ATTR}="{mark}"&gt;x&lt;/i&gt;&amp;lt;u {ATTR}="{mark}"&amp;gt;'
            f'[{mark}](javascript:{mark}) <!-- {mark} -->'
            f'</title></script>]]>--><s {ATTR}="{mark}">'
            + (f' {{: {ATTR}="{mark}" }}'
               f"""{{{{"<q "~"{ATTR}='{mark}'>"}}}}""" if braces else ""))


def text_paths(fields: dict, prefix: str = ""):
    """(path, field) of every text or longtext field without a pattern, into maps and
    list items; a list's items are at `path[]`."""
    for name, f in fields.items():
        path = prefix + name
        if f.type in ("text", "longtext") and not f.pattern:
            yield path, f
        elif f.type == "map":
            yield from text_paths(f.fields, path + ".")
        elif f.type == "list" and f.item is not None:
            if f.item.type in ("text", "longtext") and not f.item.pattern:
                yield path + "[]", f.item
            elif f.item.type == "map":
                yield from text_paths(f.item.fields, path + "[].")


# Texts that are keys as well as words keep their words, so the site can be built: the
# names of taxonomy.yml's entries (records name them by their words or aliases, and pages
# group by them; only their descriptions are planted), a notice's category (one of them)
# and the names of files the build reads.
KEYS = {("notice", "category"), ("notice", "attachments[].file"), ("site", "logo"),
        ("site", "favicon")}


def is_key(rtype: str, path: str) -> bool:
    return (rtype, path) in KEYS or (rtype == "taxonomy" and not path.endswith("description"))
TEMPLATES = ("words.",)  # a notice's frozen words: labels with {placeholders}


class Planter:
    """Sets each text value of a record to its field's payload, remembering the fields."""

    def __init__(self) -> None:
        self.marks: dict[tuple[str, str, bool], str] = {}
        self.planted = 0

    def payload(self, mark: str, braces: bool = True) -> str:
        """Each value its own (a person whose name is masked has a name nobody else has)."""
        self.planted += 1
        return payload(mark, braces) + f" 第{self.planted}"

    def mark(self, rtype: str, path: str, published: bool) -> str:
        key = (rtype, path, published)
        if key not in self.marks:
            self.marks[key] = f"MK{len(self.marks):04d}{'P' if published else 'U'}Z"
        return self.marks[key]

    def plant(self, rec, rtype: str, fields: dict, published: bool, prefix: str = "") -> None:
        for name, f in fields.items():
            value, path = rec.get(name), prefix + name
            if value in (None, "", [], {}) or is_key(rtype, path):
                continue
            if f.type in ("text", "longtext") and not f.pattern and isinstance(value, str):
                rec[name] = (self.payload(self.mark(rtype, path, published), braces=False)
                             + " " + value if path.startswith(TEMPLATES)  # its placeholders kept
                             else self.payload(self.mark(rtype, path, published)))
            elif f.type == "map" and isinstance(value, dict):
                self.plant(value, rtype, f.fields, published, path + ".")
            elif f.type == "list" and isinstance(value, list) and f.item is not None:
                item = f.item
                for n, one in enumerate(value):
                    if item.type in ("text", "longtext") and not item.pattern \
                            and isinstance(one, str):
                        value[n] = self.payload(self.mark(rtype, path + "[]", published))
                    elif item.type == "map" and isinstance(one, dict):
                        self.plant(one, rtype, item.fields, published, path + "[].")


def _copy_demo(target: Path) -> Path:
    import shutil

    for folder in ("data", "site_config", "content"):
        shutil.copytree(ROOT / folder, target / folder)
    engine_config(ROOT, target)
    return target


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from generator import pipeline

    project = _copy_demo(tmp_path_factory.mktemp("fields") / "c")
    planter = Planter()
    real = pipeline.validate

    def with_payloads(root, now=None, *args, **kwargs):
        data, report = real(root, now, *args, **kwargs)
        assert report.valid, report.flatten()
        types = record_types()
        for rtype in types.values():
            if rtype.shape == "single":
                recs = [getattr(data, rtype.name, None)]
            else:
                recs = data.collections.get(rtype.collection, [])
            for rec in recs:
                if isinstance(rec, Rec):
                    planter.plant(rec, rtype.name, rtype.fields, rec.published)
        return data, report

    site = hook_build(project, project.parent / "site", with_payloads)  # the audit passed
    return site, planter


def _injected_html(text: str) -> list[str]:
    """Elements of a page or fragment that carry a payload's attribute or script URL."""
    found = []
    for node in LexborHTMLParser(text).root.traverse(include_text=False):
        for key, value in node.attributes.items():
            if key == ATTR or (key in URL_ATTRIBUTES and "javascript:MK" in
                               (value or "").replace("\t", "")):
                found.append(f"<{node.tag} {key}={value!r}>")
    return found


def test_no_payload_becomes_markup_in_any_output(planted):
    site, planter = planted
    assert len(planter.marks) > 100
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or "/vendor/" in path.as_posix() or "/assets/" in path.as_posix():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if not MARK.search(data) and ATTR.encode() not in data:
            continue
        if rel.endswith(".html"):
            hits = _injected_html(data.decode("utf-8"))
        elif rel.endswith("search_index.json"):
            hits = [hit for doc in json.loads(data)["docs"] for key in ("title", "text")
                    for hit in _injected_html(doc.get(key) or "")]
        elif rel.endswith((".xml", ".svg", ".atom", ".rss")):
            root = ElementTree.fromstring(data)
            hits = [f"<{e.tag} {ATTR}>" for e in root.iter() if ATTR in e.attrib]
            # Atom's type="html" text (and RSS's description) is HTML again; a text
            # construct without a type is text (RFC 4287 3.1.1)
            hits += [hit for e in root.iter() for hit in _injected_html(e.text or "")
                     if e.get("type") == "html" or str(e.tag).endswith("description")]
        else:
            continue
        if hits:
            found[rel] = hits[:3]
    assert not found, found


def _shown(site: Path) -> set[bytes]:
    shown = set()
    for path in site.rglob("*"):
        if not path.is_file() or "/vendor/" in path.as_posix():
            continue
        data = path.read_bytes()
        if path.suffix in (".zip", ".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        shown |= {m.group(0) for m in MARK.finditer(data)}
    return shown


# The one field of a record taken back that the site still prints: why (schema.yml:
# 撤回后只保留撤回说明).
SHOWN_WITHDRAWN = {"case.withdrawn.reason"}
# Fields of published records the site prints nowhere, each on purpose.
KEPT = {
    "site.county",  # the county's name for `generator init`; pages print title and authority
    "site.link_hosts[]",  # the hosts a link may go to: what check allows, not a text
    "site.short_title",  # a name this long is refused (site-short-title-long): the full name shows
    # the 印发机关 a notice written from now on takes (notices.printer_of): the demo's
    # notices were issued with their issuer written in, and print their first issuer
    "site.printer",
    "ledger.responsible_name",  # the demo's responsible people are 一般干部: shown as 姓加某
    "notice.attachment_digests[].file",  # what the freeze recorded, for check to compare
    # words frozen for what the demo's issued notices do not have: a correction, a ledger
    # list, a cited case withdrawn since
    "notice.words.correction", "notice.words.listing_ledger_columns[]",
    "notice.words.case_withdrawn",
}


def test_unpublished_records_show_nothing_and_published_fields_are_shown(planted):
    site, planter = planted
    shown = _shown(site)
    by_mark = {mark.encode(): key for key, mark in planter.marks.items()}
    leaked = sorted(f"{rtype}.{path}" for rtype, path, published in
                    (by_mark[m] for m in shown if m in by_mark) if not published)
    unseen = sorted(f"{rtype}.{path}" for (rtype, path, published), mark in planter.marks.items()
                    if published and mark.encode() not in shown)
    assert (leaked, unseen) == (sorted(SHOWN_WITHDRAWN), sorted(KEPT))
