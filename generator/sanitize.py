"""The one model of HTML: what may become markup on the site, read as a browser reads it.

Staff-written Markdown (notice bodies) becomes HTML with Python-Markdown and the
extensions of mkdocs.yml; that HTML is read with lexbor, an HTML5-conformant parser
(comments end at `<!-->`, CDATA is a bogus comment, `&#9;` is a tab), and cleaned by
nh3 (ammonia): a tag, attribute, class and URL-scheme allowlist, no comments, no style,
no event handlers, and URLs parsed by the WHATWG rules (ada) held to the allowed hosts.

`check` reports at its source line everything the sanitiser would remove
(`removed_from_markdown`); `render` prints a body as written only when nothing would
be removed, and the sanitised HTML otherwise. The post-build audit reads pages with the
same parser and the same URL rules (`Links`).
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import ada_url
import markdown
import nh3
from selectolax.lexbor import LexborHTMLParser

from generator.normalise import unescape

# The Markdown extensions the engine converts pages with: mkdocs' built-ins (toc, tables,
# fenced_code), those of mkdocs.yml, configured alike (a test compares them), and the one
# engine_markdown gives it (a line break in Chinese text is no space: softbreak.py).
SOFT_BREAKS = "generator.softbreak"
MARKDOWN_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "pymdownx.details",
                       "sane_lists", SOFT_BREAKS]
TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol",
        "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul"}
_CELL = {"align", "colspan", "rowspan", "style"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "abbr": {"title"}, "ol": {"start"}, "th": _CELL, "td": _CELL,
              "details": {"open"}, "code": {"class"}, **{h: {"id"} for h in _HEADING}}
# The class fenced_code gives a block's code for its language (```text, ```yaml): the one
# class a <code> keeps, and only as the engine writes it (language- and the fence's word,
# which Python-Markdown takes as [\w#.+-]+: no quote, space or angle bracket). No script
# on the site reads it (no highlighter is configured); without it the block reads the same.
_CODE_LANGUAGE = re.compile(r"language-[\w#.+-]+")
# The ids the theme itself reads (__config, __drawer, __search, __toc, __palette_0 …) all
# begin with two underscores: a heading's id never may, or the theme reads the page's
# settings from it.
_THEME_ID = "__"


def slugify(value: str, separator: str) -> str:
    """The toc extension's heading id, never one of the theme's (two underscores first):
    a record titled "__config" or "__drawer" would give its h1 the id the theme reads
    its settings or its menu toggle from. The engine is given this one (mkdocs_hook)."""
    from markdown.extensions.toc import slugify as toc_slugify

    slug = toc_slugify(value, separator)
    return "h" + slug if slug.startswith(_THEME_ID) else slug


# What mkdocs adds to mkdocs.yml's markdown_extensions (config_options.MarkdownExtensions).
_ENGINE_BUILTINS = ("toc", "tables", "fenced_code")
MARKDOWN_CONFIGS = {"toc": {"permalink": False, "slugify": slugify}}


def engine_markdown(config) -> None:
    """Gives the engine's settings (a loaded mkdocs config) the heading ids above: the
    build (mkdocs_hook) and `check`'s reading of links and anchors (links.py) both, so
    a heading `## __drawer` is `h__drawer` on the page, in `check` and in the anchors.
    And the extension that shows a line break between two Han characters as nothing
    (softbreak.py): staff's and pasted paragraphs are broken every few dozen characters."""
    mdx_configs = config.get("mdx_configs")
    if mdx_configs is not None:
        mdx_configs.setdefault("toc", {})["slugify"] = slugify
    extensions = config.get("markdown_extensions")
    if extensions is not None and SOFT_BREAKS not in extensions:
        extensions.append(SOFT_BREAKS)


def exported_markdown(extensions: list | None) -> list:
    """mkdocs.yml's `markdown_extensions` for the engine that builds `generator export`,
    which runs no hook to call engine_markdown: the same extensions, with the toc's
    heading ids named as `slugify` (a YAML python/name both mkdocs and Zensical read) and
    the soft-break extension listed; both are imported from this package, which the
    engine finds where it was installed (`make setup`) or on PYTHONPATH. mkdocs adds its
    built-ins (toc, tables, fenced_code) to whatever mkdocs.yml lists; another engine reads
    the list as written, so they are written out: without fenced_code a ``` block in a
    notice would be a paragraph of text there, not code."""
    listed = {next(iter(entry)) if isinstance(entry, dict) else entry
              for entry in extensions or []}
    out = []
    for entry in [name for name in _ENGINE_BUILTINS if name not in listed] + list(extensions or []):
        name, settings = (next(iter(entry.items())) if isinstance(entry, dict)
                          else (entry, None))
        if name == "toc":
            settings = {**(settings or {}), "slugify": PythonName(f"{__name__}.slugify")}
        out.append({name: settings} if settings is not None else name)
    if SOFT_BREAKS not in out:
        out.append(SOFT_BREAKS)
    return out


class PythonName(str):
    """A Python object written in YAML by its dotted name (!!python/name:…)."""


_ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question",
                "warning", "failure", "danger", "bug", "example", "quote", "inline", "end"}
CLASSES = {"div": _ADMONITIONS, "details": _ADMONITIONS, "p": {"admonition-title"}}
SCHEMES = {"http", "https", "mailto", "tel"}
# Tags removed with everything inside them (their content is code or a document).
_DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "textarea", "title", "xmp",
                      "iframe", "noembed", "noframes", "object", "embed", "applet", "math",
                      "svg", "select", "option"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "manifest", "icon", "ping", "longdesc", "codebase", "lowsrc",
                  "dynsrc", "srcset", "imagesrcset", "itemtype", "profile", "archive",
                  "usemap", "classid"}
_STYLE_OK = {"text-align: left", "text-align: right", "text-align: center"}
_NO_HOST = "https://site.invalid/"
_IN_BODY = "<!DOCTYPE html><body>"


@dataclass
class Links:
    """Where URLs may point: the site itself and the allowed hosts (by WHATWG parsing)."""

    site_url: str = ""
    hosts: set[str] = field(default_factory=set)
    # Addresses allowed as themselves, not as hosts: the 网上平台 channels. A channel
    # vouches for the commission's platform at its address (under it, when the address
    # is a folder), not for every page of its host: a platform on a shared host (a
    # questionnaire service, a public-account article) let a body link to anyone's form
    # there, worded as the reporting platform.
    addresses: tuple[str, ...] = ()
    # Links to any host pass: what a body holds is read before the site's hosts are
    # known, and a link to an unlisted host is its own problem (unlisted-host).
    any_host: bool = False
    _seen: dict = field(default_factory=dict, repr=False, compare=False)

    def resolve(self, url: str) -> ada_url.URL | None:
        """The URL as the browser resolves it against the page, or None if it is invalid."""
        try:
            return ada_url.URL(url, self.site_url or _NO_HOST)
        except ValueError:
            return None

    def third_party(self, url: str) -> str:
        """The host a URL reaches when that host is not allowed, else ''."""
        if self.any_host:
            return ""
        key = ("host", url)
        if key not in self._seen:
            self._seen[key] = self._third_party(url)
        return self._seen[key]

    def _third_party(self, url: str) -> str:
        parsed = self.resolve(url)
        if parsed is None or parsed.protocol not in ("http:", "https:"):
            return ""
        host = parsed.hostname.lower().strip(".")
        base = self.resolve(self.site_url or _NO_HOST)
        if base is not None and host == base.hostname.lower():
            if not self.site_url or parsed.protocol == base.protocol:
                return ""
        if any(host == a or host.endswith("." + a) for a in self.hosts):
            return ""
        if any(self._within(parsed, address) for address in self.addresses):
            return ""
        return host or parsed.href

    def _within(self, parsed: ada_url.URL, address: str) -> bool:
        """Whether a resolved URL is `address` (fragment aside) or, when `address` is a
        folder (ends in / and has no query), a page under it, on the same origin."""
        own = self.resolve(address)
        if own is None or (parsed.protocol, parsed.host) != (own.protocol, own.host):
            return False
        if own.pathname.endswith("/") and not own.search:
            return parsed.pathname.startswith(own.pathname)
        return (parsed.pathname, parsed.search) == (own.pathname, own.search)

    def loads_from_elsewhere(self, url: str) -> str:
        """The host a resource (an image) would be loaded from when it is not this site,
        else ''. A link may go to an allowed host; what the page loads comes from the
        site itself only, so that nothing leaves the machine when a page is read."""
        key = ("load", url)
        if key not in self._seen:
            parsed = self.resolve(url)
            here = self.resolve(self.site_url or _NO_HOST)
            if parsed is None:
                self._seen[key] = url
            elif parsed.protocol not in ("http:", "https:"):
                self._seen[key] = ""  # a scheme: nh3's scheme allowlist answers
            elif here is not None and parsed.host == here.host:
                self._seen[key] = ""
            else:
                self._seen[key] = parsed.hostname or url
        return self._seen[key]

    def script_scheme(self, url: str) -> str:
        """'javascript:', 'data:' … when a URL runs or embeds code, else ''."""
        key = ("scheme", url)
        if key not in self._seen:
            parsed = self.resolve(url)
            self._seen[key] = parsed.protocol if parsed is not None and parsed.protocol not in (
                "http:", "https:", "mailto:", "tel:") else ""
        return self._seen[key]


ANY_HOST = Links(any_host=True)


_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def mixed_script_host(url: str) -> str:
    """The host of an http(s) URL, as the reader sees it, when one of its names mixes
    Latin, Cyrillic and Greek letters (jubao.exаmple.gov.cn with a Cyrillic а reads as
    example.gov.cn and is another host), else ''. A name in Chinese (县纪委.政务) is one
    script and is fine."""
    if url.isascii() and "xn--" not in url.lower():
        return ""
    parsed = Links().resolve(url)
    if parsed is None or not parsed.hostname:
        return ""
    shown, mixed = [], False
    for label in parsed.hostname.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                return parsed.hostname
        scripts = {unicodedata.name(c, "").split(" ", 1)[0] for c in label if c.isalpha()}
        mixed = mixed or len(scripts & set(_LOOKALIKE_SCRIPTS)) > 1
        shown.append(label)
    return ".".join(shown) if mixed else ""


def posing_host(url: str) -> str:
    """The host a URL reaches when it carries a user name or password before it
    (https://jubao.example.gov.cn@evil.example/ reaches evil.example while it reads as
    the first name), else ''."""
    if "@" not in url:
        return ""
    parsed = Links().resolve(url)
    if parsed is None or not (parsed.username or parsed.password):
        return ""
    return parsed.hostname or url


@functools.lru_cache(maxsize=1)
def _engine() -> markdown.Markdown:
    """One converter with the engine's extensions, reset before each use: making one
    (loading its extensions) costs more than converting a block."""
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS)


@functools.lru_cache(maxsize=512)
def markdown_html(text: str) -> str:
    """Staff Markdown as the HTML Python-Markdown gives the engine (raw HTML passes).
    Kept for the last bodies: `check` reads each one for what it removes, for its URLs and
    for elements left open, and the page renders it again. A body with a block too dense
    in inline markup for the engine (`dense_blocks`) or with a fence the engine finds no
    closing fence for (`unclosed_fences`) or with too many fenced blocks
    (`crowded_fences`), each refused by check at its line, is not
    converted: its text is returned escaped, so reading it stays linear."""
    if not_converted(text):
        return "<p>" + html.escape(text) + "</p>"
    engine = _engine()
    engine.reset()
    try:
        return engine.convert(text)
    finally:
        engine.reset()


# Python-Markdown's inline processing of one block takes time growing with the square of
# the inline items in it (measured: 4,000 <b> tags in a paragraph take 0.25 s, 16,000 take
# 8 s; character references, links, emphasis and code spans alike). A block with more
# characters that can open inline markup than this is refused (`markup-too-dense`); a
# paragraph of a real 通报 holds a few dozen.
MAX_INLINE_MARKS = 2000
_INLINE_MARK = re.compile(r"[&<`*_\[\\!]")


def dense_blocks(text: str) -> list[tuple[int, int]]:
    """(0-based first line, count) of each block (lines between blank lines) holding more
    than MAX_INLINE_MARKS characters that open inline markup (& < ` * _ [ \\ !, and a line
    ending in two spaces, a hard line break; a reference definition counts
    DEFINITION_MARKS), counted as the engine reads them: never in code
    (`code_lines`), whose text it escapes without reading its marks; a fenced block does
    not end the text around it (the engine puts it on one line there), so a blank line
    inside it ends nothing."""
    lines = text.split("\n")
    code = _code_guess(lines) if "`" in text or "~" in text or "    " in text \
        or "\t" in text else None
    out, start, count, blank = [], 0, 0, True
    for number, line in enumerate(lines):
        if code is not None and code[number]:
            if blank and not line.startswith(("`", "~")):
                continue  # an indented code block: a block of its own
            if blank:
                start, blank = number, False
            continue
        if not line.strip():
            if count > MAX_INLINE_MARKS:
                out.append((start, count))
            count, blank = 0, True
            continue
        if blank:
            start, blank = number, False
        count += len(_INLINE_MARK.findall(line))
        if line.endswith((" ", "\t")) and line.expandtabs(4).endswith("  "):
            count += 1  # a hard line break (two spaces, tabs as the engine expands them)
        if "]:" in line and _DEFINITION.match(line):
            count += DEFINITION_MARKS - 1
    if count > MAX_INLINE_MARKS:
        out.append((start, count))
    return out


# A reference definition ([1]: url) counts as this many marks: the engine's block parser
# takes one written over two lines a pass of its own, reading the rest of the block again
# (1,900 of them in one block: 80 s; the time grows with their number times the
# block's length), so a block may hold 20.
DEFINITION_MARKS = 100
_DEFINITION = re.compile(r"[ ]{0,3}\[[^\[\]\n]*\]:")


# A fenced code block as the engine's fenced_code extension reads one: an opening line at
# the margin (``` or ~~~, three or more, then an optional language or {attributes} and
# nothing else), closed by the first later line that is the very same fence (a longer
# run does not close it). An opening line with no such line after it opens nothing (its
# lines are text to the engine); the extension reads the rest of the body again from it.
_FENCE_OPEN = re.compile(r"(~{3,}|`{3,})[ ]*(?:(\{[^\n]*\})|(?:\.?[\w#.+-]*[ ]*)?"
                         r"(?:hl_lines=([\"'])(?:.*?)\3[ ]*)?)")
_FENCE_CLOSE = re.compile(r"(~{3,}|`{3,})[ ]*")


def fenced_code(lines: list[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """([(first, last) 0-based lines of each fenced code block, both fences included],
    [0-based line of each opening fence the engine finds no closing fence for, and of
    each fence line whose hl_lines="… the engine reads on past the line]), read in one
    pass as the engine's fenced_code extension reads the body."""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    closers: dict[str, list[int]] = {}
    openers: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        if not line or line[0] not in "`~":
            continue
        line = line.expandtabs(4)
        closing = _FENCE_CLOSE.fullmatch(line)
        if closing:
            closers.setdefault(closing.group(1), []).append(number)
        opening = _FENCE_OPEN.fullmatch(line)
        if opening and not (opening.group(2) and get_attrs_and_remainder(
                opening.group(2)[1:-1])[1]):
            openers.append((number, opening.group(1)))
        elif not opening and "hl_lines=" in line and _FENCE_CLOSE.match(line):
            # the extension reads a quoted hl_lines="… on to the next quote, past the end
            # of the line: 400 such lines took it a minute (the cube of their number)
            openers.append((number, ""))
    regions, unclosed, after = [], [], 0
    next_closer = {fence: 0 for fence in closers}
    for number, fence in openers:
        if number < after:
            continue  # inside a block already closed
        if not fence:
            unclosed.append(number)
            continue
        found = closers.get(fence, [])
        at = next_closer.get(fence, 0)
        while at < len(found) and found[at] <= number:
            at += 1
        next_closer[fence] = at
        if at < len(found):
            regions.append((number, found[at]))
            after = found[at] + 1
        else:
            unclosed.append(number)
    return regions, unclosed


@functools.lru_cache(maxsize=8)
def _fenced_text(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """`fenced_code` of a body's lines, read once: a body is asked whether it is too
    dense, holds a fence left open and holds too many blocks, each reading its fences
    (three passes of 2 s over 60,000 of them). Callers do not change what it gives."""
    return fenced_code(text.split("\n"))


def unclosed_fences(text: str) -> list[tuple[int, str]]:
    """(0-based line, fence) of each line opening a fenced code block that nothing closes:
    the engine reads the rest of the body again from each such line (100 ns a character:
    a 2 MB body of them takes days), and shows what follows as text, not as code."""
    if "```" not in text and "~~~" not in text:
        return []
    lines = text.split("\n")
    return [(number, _FENCE_CLOSE.match(lines[number].expandtabs(4)).group(1))
            for number in _fenced_text(text)[1]]


# The engine's fenced_code extension rewrites the whole body for each fenced block it
# finds (its time grows with the blocks times the body: 6,000 blocks in 114 KB took
# 2.5 s, 60,000 in 1 MB over 80 s). A body with more blocks than this is refused
# (`too-many-code-blocks`) and not converted; a notice has a handful at most.
MAX_FENCED_BLOCKS = 200


def crowded_fences(text: str) -> list[tuple[int, int]]:
    """[(0-based line of the first fenced block past MAX_FENCED_BLOCKS, how many blocks
    the body holds)], or [] when it holds no more than that."""
    if text.count("```") + text.count("~~~") <= 2 * MAX_FENCED_BLOCKS:
        return []
    regions = _fenced_text(text)[0]
    if len(regions) <= MAX_FENCED_BLOCKS:
        return []
    return [(regions[MAX_FENCED_BLOCKS][0], len(regions))]


# A numeric character reference of more digits than the last character needs (&#1114111;
# has 7): it names no character (the browser shows U+FFFD), and the engine, which reads
# every line of a page with Python's HTMLParser before Markdown (mkdocs'
# _RawHTMLPreprocessor, code blocks too), stops with a traceback at one of more than
# 4,300 decimal digits (Python's limit on int() of a text).
MAX_REFERENCE_DIGITS = 8
_LONG_REFERENCE = re.compile(r"&#(?:[xX][0-9a-fA-F]{%d,}|[0-9]{%d,})"
                             % (MAX_REFERENCE_DIGITS + 1, MAX_REFERENCE_DIGITS + 1))


def long_references(text: str) -> list[tuple[int, int, str]]:
    """(0-based line, 1-based column, its first characters) of each numeric character
    reference of more than MAX_REFERENCE_DIGITS digits in a Markdown text, code included
    (the engine reads them there too). Linear: one scan."""
    if "&#" not in text:
        return []
    out, line, counted = [], 0, 0
    for found in _LONG_REFERENCE.finditer(text):
        line += text.count("\n", counted, found.start())  # counted once, match to match
        counted = found.start()
        line_start = text.rfind("\n", 0, found.start()) + 1
        out.append((line, found.start() - line_start + 1,
                    found.group()[:MAX_REFERENCE_DIGITS + 4] + "…"))
    return out


def not_converted(text: str) -> bool:
    """Whether the engine is not given this body (`markdown_html`): a block too dense in
    inline markup, a fence nothing closes, too many fenced blocks, each refused by check
    at its line."""
    return bool(len(text) > MAX_INLINE_MARKS and dense_blocks(text) or unclosed_fences(text)
                or crowded_fences(text))


def fenced_lines(lines: list[str]) -> set[int]:
    """The 0-based lines of every fenced code block (fences included), as the engine reads
    them (`fenced_code`)."""
    if not any(line[:1] in ("`", "~") for line in lines):
        return set()
    return {number for first, last in fenced_code(lines)[0] for number in range(first, last + 1)}


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether the engine reads it as code: `_code_guess`, held to what the
    engine does with one conversion of the body. A raw HTML block is the engine's own
    (its lines pass as markup whatever their indent: `<div>` then a blank line then
    `    <img onerror=…>` is an element on the page, not code), and a line after a raw
    block closed on its own line (`<p>a</p>` then `    x`) is code: each line the guess
    reads as code, and each indented line of plain text, has its text replaced by a tag
    of its own, which the engine escapes only in code. A body the engine is not given
    (`markdown_html`: too dense, a fence left open) keeps the guess, so that its
    marks are counted as before."""
    code = _code_guess(lines)
    text = "\n".join(lines)
    if not_converted(text):
        return code
    fenced = fenced_lines(lines)
    probed, changed = [], list(lines)
    for number, line in enumerate(lines):
        if number in fenced or not line.strip():
            continue
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        # a plain line indented four or more (nothing it starts can open or close a
        # block, so a tag in its place leaves the body's structure as it was)
        plain = len(indent.expandtabs(4)) >= 4 and not _OPENS_BLOCK.match(body)
        if code[number] or plain:
            probed.append(number)
            changed[number] = indent + f"<{_PROBE_TAG}{number}>"
    if not probed:
        return code
    escaped = {int(m.group(1)) for m in _ESCAPED_PROBE.finditer(
        markdown_html("\n".join(changed)))}
    for number in probed:
        code[number] = number in escaped
    return code


_PROBE_TAG = "cs-line-q7-"
_ESCAPED_PROBE = re.compile("&lt;" + _PROBE_TAG + "([0-9]+)&gt;")
# What may start a block (an item, a box, a quote, a heading, a rule, a fence, a table
# row, a tag) or end one: a line starting so is probed only when the guess reads it as code.
_OPENS_BLOCK = re.compile(r"[-*+>#<|`~!?=_]|\d+[.)]")


def _code_guess(lines: list[str]) -> list[bool]:
    """For each line, whether the engine reads it as code, not as text with inline markup:
    a fenced block's lines (fences included), and an indented block the engine's code
    block, whose text is escaped and never read for inline markup. A list item or a box
    (!!!, ???) takes in the blocks below it indented four spaces more than its own level
    (its text); one indented four spaces more still is a code block in it, as at the
    margin: eight spaces under an item, twelve under an item nested in one."""
    regions, _unclosed = _fenced_text("\n".join(lines))
    code = [False] * len(lines)
    for first, last in regions:
        for number in range(first, last + 1):
            code[number] = True
    # depth: how many items or boxes the current block is in (each takes in four spaces);
    # code_from: the indent a code block's lines keep (it ends at a line indented less)
    depth, code_from, previous_blank = 0, 0, True
    for number, line in enumerate(lines):
        if code[number]:  # a fenced block: the engine puts it on one line of the text
            previous_blank = False
            continue
        if not line.strip():
            previous_blank = True
            continue
        width = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        opens = _TAKES_IN.match(line.lstrip(" \t")) is not None
        if previous_blank:
            level = min(width // 4, depth)  # the item or box this block goes on
            if width - 4 * level >= 4:
                code_from = 4 * (level + 1)
            else:
                code_from = 0
                depth = level + 1 if opens else level
        elif code_from and width < code_from:
            # the engine's code block ends at the first line indented less, which goes on
            # in the item or box the code block is in (an item there is nested in it)
            depth = code_from // 4 - 1 + (1 if opens else 0)
            code_from = 0
        elif not code_from and opens:
            # an item or box on a line of the block: at the margin, or nested under the
            # item above when indented (a line of text indented so stays text)
            depth = min(width // 4, depth) + 1 if width >= 4 else 1
        previous_blank = False
        if code_from:
            code[number] = True
    return code


def code_as_written(text: str, mark: str, char: str = "<") -> str:
    """`text` (Markdown) with each "<" (or `char`: "&") the page shows as written, in a
    code span or block, replaced by `mark`: a reading that takes tags out (a page's
    summary) leaves 138<span>1234</span>5678 in code as the reader sees it, not as the
    number 138 1234 5678, and one that decodes references leaves &amp; in code as it
    stands. Linear: one pass over the lines (`_code_guess`) and one over each line."""
    if char not in text:
        return text
    lines = text.split("\n")
    code = _code_guess(lines) if any("`" in line or "~" in line or line[:1] in " \t"
                                     for line in lines) else [False] * len(lines)
    for number, line in enumerate(lines):
        if char not in line:
            continue
        if code[number]:
            lines[number] = line.replace(char, mark)
        elif "`" in line:
            lines[number] = _CODE_SPAN.sub(lambda m: m.group().replace(char, mark), line)
    return "\n".join(lines)


# A line that opens something an indented block below it goes on: a list item, a box.
_TAKES_IN = re.compile(r"[ \t]*(?:[*+-][ \t]|\d+[.)][ \t]|!!!|\?\?\?)")


def clean(html: str, links: Links | None = None) -> str:
    """HTML reduced to the allowlist; URLs to other hosts are dropped."""
    links = links or Links()

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if "<" in value or ">" in value:
            # the page's own transforms (tables as cards) read the built HTML by its
            # tags: a tag written inside an attribute value would be read as one
            return None
        if attribute == "href" and links.third_party(value):
            return None
        if attribute == "src" and links.loads_from_elsewhere(value):
            return None
        if attribute == "id" and value.startswith(_THEME_ID):
            return None
        if tag == "code" and attribute == "class" and not _CODE_LANGUAGE.fullmatch(value):
            return None  # (a <div>, a <p> keep what CLASSES allows them)
        if attribute == "style" and value.strip().rstrip(";") not in _STYLE_OK:
            return None
        return value

    return nh3.clean(_text_split(html), tags=TAGS, attributes=ATTRIBUTES,
                     url_schemes=SCHEMES, strip_comments=True, link_rel=None,
                     allowed_classes=CLASSES, clean_content_tags=_DROP_WITH_CONTENT,
                     attribute_filter=keep)


# nh3 (0.3.8) takes time growing with the square of a text node's length once it holds
# &, a no-break space or a soft hyphen (measured: 90,000 "\xa0" + 20 letters in one
# paragraph, 5.6 s; a third of it, 0.5 s). A comment between two pieces of one text makes
# two nodes, which nh3 cleans in linear time and strips (strip_comments), leaving the
# very same output: `_text_split` puts one every _TEXT_RUN characters of a long text, in
# the tokenizer's data state only. Where it cannot tell the state (a raw text element,
# foreign content, a tag it cannot read) it leaves the rest of the HTML as it is.
_TEXT_RUN = 2048
_SPLIT = "<!---->"
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
# (read more loosely than the tokenizer, which opens a quote only after "=": where the two
# part, the tag is taken to end later, inside a value holding ">", which `keep` drops)
_TAG_REST = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
             "noframes", "noscript", "plaintext", "svg", "math", "template", "select"}


def _text_split(html: str) -> str:
    """The HTML with a comment every _TEXT_RUN characters of a text longer than that."""
    if len(html) <= _TEXT_RUN:
        return html
    out, last, at = [], 0, 0  # last: copied up to; at: the tokenizer's data state here

    def split_text(start: int, end: int) -> None:
        nonlocal last
        cursor = start + _TEXT_RUN
        while cursor < end:
            # not inside a character reference (&amp; &#38;): after a character none
            # of them holds; nor inside a \r\n, which the tokenizer reads as one break
            while cursor < end and (html[cursor - 1].isalnum() or html[cursor - 1] in "&#\r"):
                cursor += 1
            if cursor >= end:
                break
            out.append(html[last:cursor])
            out.append(_SPLIT)
            last = cursor
            cursor += _TEXT_RUN

    while True:
        opened = html.find("<", at)
        end = len(html) if opened == -1 else opened
        if end - at > _TEXT_RUN:
            split_text(at, end)
        if opened == -1:
            break
        if html.startswith("<!--", opened):
            # a comment ends at the first -->, or at once as <!--> or <!--->
            if html.startswith(("<!-->", "<!--->"), opened):
                at = html.index(">", opened) + 1
                continue
            closed = html.find("-->", opened + 4)
            if closed == -1:
                break
            at = closed + 3
            continue
        tag = _TAG_START.match(html, opened)
        if tag is None:
            if html.startswith(("<!", "<?", "</"), opened):
                closed = html.find(">", opened)  # a bogus comment, or </ and a mark
                if closed == -1:
                    break
                at = closed + 1
            else:
                at = opened + 1  # a "<" that opens nothing is text
            continue
        rest = _TAG_REST.match(html, tag.end())
        if rest is None or (not tag.group(1) and tag.group(2).lower() in _RAW_TEXT):
            break  # a tag read on past the end, or text the tokenizer reads otherwise
        at = rest.end()
    out.append(html[last:])
    return "".join(out)


def elements(html: str) -> list[tuple]:
    """What the browser builds from an HTML fragment inside a page's body: (tag, sorted
    attributes) for every element and ("#comment", ()) for every comment, in document order
    (the parser's own html/head/body left out)."""
    out = []
    for node in LexborHTMLParser(_IN_BODY + html).root.traverse(include_text=False):
        # (a processing instruction, <?php … ?>, is a comment whose tag selectolax gives
        # as None)
        if node.tag in ("-comment", None):
            out.append(("#comment", ()))
        elif node.tag not in ("html", "head", "body", "-text"):
            out.append((node.tag, tuple(sorted((k, v or "") for k, v in
                                               node.attributes.items()))))
    return out


def nested(html: str) -> list[tuple[int, str, tuple]]:
    """(depth, tag, sorted attributes) of every element the browser builds from an HTML
    fragment inside a page's body, in document order: `elements` with where each sits."""
    body = LexborHTMLParser(_IN_BODY + html).body
    out, stack = [], [(node, 0) for node in reversed(list(body.iter()))] if body else []
    while stack:
        node, depth = stack.pop()
        out.append((depth, node.tag or "-comment", tuple(sorted(
            (k, v or "") for k, v in node.attributes.items()))))
        stack += [(child, depth + 1) for child in reversed(list(node.iter()))]
    return out


def removed(html: str, links: Links | None = None) -> list[str]:
    """What `clean` takes out of HTML, each as a short description ("<img onerror>")."""
    before = elements(html)
    if not before:
        return []
    missing = Counter(before) - Counter(elements(clean(html, links)))
    out = []
    for item in before:
        if missing[item] > 0:
            missing[item] -= 1
            out.append("<!-- -->" if item[0] == "#comment"
                       else "<" + " ".join([item[0]] + [k for k, _v in item[1]]) + ">")
    return out


# Markdown's own ways to make a link: inline `](url`, a reference definition, an autolink.
_INLINE_URL = re.compile(r"\]\([ \t]{0,3}<?([^()\[\]\s<>\"]*)")
_REFERENCE_URL = re.compile(r"^[ ]{0,3}\[[^\]\n]{1,999}\]:[ \t]*<?([^\s<>]*)", re.M)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|tel|javascript|data|vbscript):[^<>\s\"]*|"
                       r"[^<>\s@\"]+@[^<>\s\"]+)>", re.I)
_CODE_SPAN = re.compile(r"`[^`\n]+`")


@dataclass
class MarkdownMarkup:
    """What a Markdown body turns into, read in one linear pass: the raw HTML as the
    browser parses it (code blanked out) and every URL Markdown makes a link of."""

    lines: list[str]  # the body with code blanked and Markdown escapes as entities
    urls: list[tuple[int, str]]  # (0-based line, URL) of Markdown links and autolinks
    source: str = ""  # the body as written


def read_markdown(text: str) -> MarkdownMarkup:
    lines, urls = [], []
    source = text.split("\n")
    fenced = fenced_lines(source)
    for number, line in enumerate(source):
        if number in fenced:
            lines.append("")
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        if "\\" in line:
            line = line.replace("\\<", "&lt;").replace("\\&", "&amp;")
        if "](" in line:
            urls += [(number, m.group(1)) for m in _INLINE_URL.finditer(line) if m.group(1)]
        defined = set()  # where a definition's <target> starts: no autolink as well
        if "]:" in line:
            for m in _REFERENCE_URL.finditer(line):
                if m.group(1):
                    urls.append((number, m.group(1)))
                    defined.add(m.start(1) - 1)
        if "<" in line and ">" in line:
            for match in _AUTOLINK.finditer(line):
                if match.start() in defined:
                    continue
                value = match.group(1)
                urls.append((number, value if ":" in value else "mailto:" + value))
            line = _AUTOLINK.sub(lambda m: "&lt;" + m.group()[1:], line)
        lines.append(line)
    return MarkdownMarkup(lines, urls, text)


# Elements the browser lays out within a line: their texts and their neighbours' are
# one text on the screen (HTML's phrasing content).
INLINE_ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "label", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr",
    "big", "output", "meter", "progress"})
_TAG_IN_TEXT = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]{0,40})[^<>]*|!--[^<>]*--)>")
# A character reference as the browser's HTML tokenizer reads one (the semicolon may be
# left out): numeric, hexadecimal or named.
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


def shown_lines(read: MarkdownMarkup) -> list[str] | None:
    """The lines of a Markdown body (code blanked) as the screen shows their text: raw
    HTML tags taken out (138<span>1234</span>5678 and 110105<br>199003071239 are one
    number on the page; a block element's tag ends a text) and character references
    decoded (&#49;3812345678 is a mobile on the screen, &#x202E; a bidi override); a
    reference that decodes to a line break reads as a space, so line numbers hold. None
    when the body holds neither."""
    if "&" not in read.source and "<" not in read.source:
        return None
    return [_shown(line) if "&" in line or "<" in line else line for line in read.lines]


def text_lines(lines: list[str]) -> list[str]:
    """The lines of a Markdown body as the reader reads their words, line for line: what
    `_shown` makes of each (raw tags out, character references decoded), and Markdown's
    own inline marks taken out too: emphasis, code spans, a link's brackets and target
    (its text stays), a reference's label; a backslash-escaped mark is the mark. A quote
    written 东城镇**低保**审核, [东城镇](x.md)低保 or `东城镇`低保 is whole on the page.
    Code shows its text as written: a code block's lines (`_code_guess`) are kept as
    they are, and a code span's text is kept (its references not decoded)."""
    code = _code_guess(lines) if any("`" in line or "~" in line or line[:1] in " \t"
                                     for line in lines) else None
    out = []
    for number, line in enumerate(lines):
        if code is not None and code[number]:
            out.append(line)
            continue
        if "`" not in line:
            out.append(_words(line))
            continue
        pieces, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_words(line[last:span.start()]))
            pieces.append(span.group()[1:-1])
            last = span.end()
        pieces.append(_words(line[last:]))
        out.append("".join(pieces))
    return out


def _words(text: str) -> str:
    if "&" in text or "<" in text:
        text = _shown(text)
    if _MARKDOWN_MARK_HINT.search(text):
        text = _MARKDOWN_INLINE.sub(lambda m: m.group(1) or "", text)
    return text


_MARKDOWN_MARK_HINT = re.compile(r"[*_`\[\]\\~]")
# an escaped mark (kept), a link's target or title, a reference's label, a run of marks
_MARKDOWN_INLINE = re.compile(r"""\\([\\`*_{}\[\]()#+\-.!<>&|:"'~])"""
                              r"""|\]\([ \t]*<?[^()\s<>]*>?(?:[ \t]+(?:"[^"]*"|'[^']*'))?[ \t]*\)"""
                              r"""|\]\[[^\[\]]*\]|[*_`\[\]]+|~~""")


def _shown(line: str) -> str:
    if "<" in line:
        line = _TAG_IN_TEXT.sub(_tag_as_shown, line)
    if "&" in line:
        line = unescape(line).replace("\r", " ").replace("\n", " ")
    return line


def _tag_as_shown(match: re.Match) -> str:
    name = (match.group(1) or "").lower()
    if name == "br":
        return " "
    return "" if name in INLINE_ELEMENTS or not name else "\x1f"


def blocks(text: str) -> list[tuple[int, str]]:
    """(0-based first line, text) of each Markdown block: lines between blank lines, a
    fenced block whole."""
    out, start, current = [], 0, []
    source = text.split("\n")
    fenced = fenced_lines(source)
    for number, line in enumerate(source):
        if number in fenced:
            pass
        elif not line.strip():
            if current:
                out.append((start, "\n".join(current)))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        out.append((start, "\n".join(current)))
    return out


def _urls_removed(urls: list[str], links: Links) -> list[bool]:
    """For each link target, whether nh3 drops it (a scheme outside the allowlist, a URL
    it cannot parse, a host not allowed), asked of nh3 itself: once for all the distinct
    targets, each the href of an element of its own (one call per link made a body of
    37,000 links spend 2 s in nh3's start-up alone)."""
    if not urls:
        return []
    distinct = list(dict.fromkeys(urls))
    document = "".join(f'<a href="{html.escape(url, quote=True)}">{number}</a>'
                       for number, url in enumerate(distinct))
    tree = LexborHTMLParser(_IN_BODY + clean(document, links))
    kept = {distinct[int(node.text())] for node in tree.css("a[href]")}
    return [url not in kept for url in urls]


# Where a body sits on the page: inside the theme's <main>, <div>s and <article>. A body
# that leaves an element open takes in what follows it (the signature, the attachments);
# one that closes an element it did not open cuts the page's own structure short.
_START, _END, _REST = "cs-body-start-q7", "cs-body-end-q7", "cs-page-rest-q7"
_PAGE_HEAD = f"<main><div><article><{_START}>"
_PAGE_TAIL = f"<{_END}></{_END}></{_START}></article></div></main><{_REST}></{_REST}>"


def unbalanced(html: str) -> str:
    """'<details>' when the HTML leaves that element open, '</…>' when it closes an
    element of the page it did not open, '' when it is whole, as the browser reads it."""
    tree = LexborHTMLParser(_IN_BODY + _PAGE_HEAD + html + _PAGE_TAIL)
    end = tree.css_first(_END)
    rest = tree.css_first(_REST)
    if end is None or rest is None:  # taken in as text (<xmp>, <plaintext>, a comment)
        return "<" + _first_open(tree) + ">"
    holder, inside = end.parent, []
    while holder is not None and holder.tag != _START:
        inside.append(holder.tag)
        holder = holder.parent
    if holder is None:
        return "</…>"
    if inside:
        return "<" + inside[-1] + ">"
    return "" if rest.parent is not None and rest.parent.tag == "body" else "</…>"


def _first_open(tree) -> str:
    start = tree.css_first(_START)
    node = start.last_child if start is not None else None
    while node is not None and node.last_child is not None and node.tag != "-text":
        node = node.last_child
    return node.tag if node is not None and node.tag not in ("-text", None) else "…"


# How many lines of one body `check` names one by one what the sanitiser removes from; past
# them it says at the next such line how many more items there are (a body of thousands is
# web code pasted in, and one message each would bury every other problem).
MAX_MARKUP_LINES = 100


@dataclass
class RemovedMarkup:
    """What the sanitiser removes from a Markdown body, as `check` reports it."""

    named: list[tuple[int, str]]  # (0-based line, description), on at most the limit's lines
    rest_line: int = -1  # the 0-based line of the first item past them, -1 if none
    rest_count: int = 0  # how many items past them (at that line and after)


def removed_from_markdown(text: str | MarkdownMarkup, links: Links | None = None,
                          limit: int = MAX_MARKUP_LINES) -> list[tuple[int, str]]:
    """(0-based line, description) of everything the sanitiser removes from a Markdown
    body, on its first `limit` lines that hold any (`removed_markup`)."""
    return removed_markup(text, links, limit).named


def removed_markup(text: str | MarkdownMarkup, links: Links | None = None,
                   limit: int = MAX_MARKUP_LINES) -> RemovedMarkup:
    """Everything the sanitiser removes from a Markdown body: raw HTML read by lexbor and
    cleaned by nh3, link targets by their scheme, each at its line on the first `limit`
    lines that hold any, and how many more items there are from the next such line on.
    Lines are found by halving the body, so the scan stays near linear; a construct
    over several lines is reported where it starts."""
    links = links or ANY_HOST
    read = text if isinstance(text, MarkdownMarkup) else read_markdown(text)
    # (each target as the engine writes it: a character reference stays one, which the
    # browser and the sanitiser decode, javascript&#58; too)
    targets = [(number, _as_read(url)) for number, url in read.urls]
    found = [(number, "<a href>") for (number, _url), gone in
             zip(targets, _urls_removed([url for _number, url in targets], links)) if gone]
    lines = read.lines
    link_count = len(found)
    at_lines: set[int] = set()  # the lines the halving placed items at, in their order
    cut = False  # whether the halving stopped past `limit` lines: items remain unplaced

    def loses(first: int, last: int) -> list[str]:
        return removed("\n".join(lines[first:last]), links)

    def walk(first: int, last: int, items: list[str]) -> None:
        nonlocal cut
        if not items:
            return
        if len(at_lines) > limit:
            cut = True
            return
        if last - first == 1:
            found.extend((first, what) for what in items)
            at_lines.add(first)
            return
        middle = (first + last) // 2
        before = len(found)
        walk(first, middle, loses(first, middle))
        walk(middle, last, loses(middle, last) if len(at_lines) <= limit else ["…"])
        if len(found) == before and not cut:  # a construct across the halves: its start
            low, high = middle + 1, last
            while low < high:
                mid = (low + high) // 2
                low, high = (low, mid) if loses(first, mid) else (mid + 1, high)
            end, low, high = low, first, middle
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if loses(mid, end) else (low, mid - 1)
            found.append((low, items[0]))
            at_lines.add(low)

    whole: list[str] = []
    if any("<" in line or "&" in line for line in lines):
        whole = loses(0, len(lines))
        links_found = len(found)
        walk(0, len(lines), whole)
        # A half read alone can see markup that the whole body hides (in a comment, say):
        # keep only what the sanitiser removes from the body as a whole.
        left = Counter(whole)
        kept = found[:links_found]
        for number, what in found[links_found:]:
            if left[what] > 0:
                left[what] -= 1
                kept.append((number, what))
        found = kept
    if found:
        # what the line reading names of a kind the engine's HTML loses none of is not on
        # the page: an inline "<!--" the engine escapes, a tab it expands inside a link
        # target (java	script: is a path then), a definition no link uses
        engine = Counter(removed(markdown_html(read.source), links))
        found = [(number, what) for number, what in found if engine[what]]
    found = sorted(_not_in_code(read.source, found, links))
    if cut:
        # every item above the last line the halving placed is placed; the engine's
        # reading is asked of the body above the first line not named (the items the
        # halving left unplaced below it would be named at their block's start)
        numbers = sorted({number for number, _what in found if number < max(at_lines)})
        rest_line = numbers[limit] if len(numbers) > limit else max(at_lines)
        named = [item for item in found if item[0] < rest_line]
        head = "\n".join(read.source.split("\n")[:rest_line])
        named = sorted(named + _engine_removed(head, links, named))
        # as many as the engine's HTML loses, or the line reading found, whichever is more
        total = max(len(removed(markdown_html(read.source), links)),
                    len(whole) + link_count)
        rest = len(found) - len([item for item in found if item[0] < rest_line])
        return RemovedMarkup(named, rest_line, max(rest, total - len(named)))
    found = sorted(found + _engine_removed(read.source, links, found))
    numbers = sorted({number for number, _what in found})
    if len(numbers) <= limit:
        return RemovedMarkup(found)
    rest_line = numbers[limit]
    named = [item for item in found if item[0] < rest_line]
    return RemovedMarkup(named, rest_line, len(found) - len(named))


def _not_in_code(source: str, found: list[tuple[int, str]],
                 links: Links) -> list[tuple[int, str]]:
    """`found` without what the line reading named in an indented code block, whose text
    the engine escapes (a notice quoting `    <script>` shows it), as `code_lines` finds
    code with the engine: an indented line inside a raw HTML block is the block's,
    markup the engine passes, and stays named. What the engine's HTML loses beyond what
    is left is named at its block (`_engine_removed`)."""
    if not found or ("    " not in source and "\t" not in source):
        return found
    code = code_lines(source.split("\n"))
    return [(number, what) for number, what in found if not code[number]]


def _engine_removed(source: str, links: Links,
                    named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """What the sanitiser removes from the body as the engine converts it (a link target
    written with entities, a backslash before markup, a reference over two lines, an
    admonition's classes, a heading's id, an image from another host) and the line
    reading above did not name."""
    return _engine_items(source, lambda html: Counter(removed(html, links)), named)


def _engine_items(source: str, items, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(0-based line, item) of what `items` (HTML -> Counter) finds in the body as the
    engine converts it and `named` does not hold: at the block it comes from. A block
    is read alone with the body's reference definitions (a link `[甲][1]` whose
    `[1]: …` is written below it is at that definition), then with the blocks it continues
    (an indented block under a list item or a box: at the item's or the box's line);
    what only the whole body makes is named at its first line. Every block is converted
    a bounded number of times, so the work is linear in the body: a search by prefixes
    of the body, as this was, converted the body again for each item, and 10,000 links
    written by reference took hours."""
    if not source.strip():
        return []
    whole = items(markdown_html(source))
    extra = whole - Counter(what for _number, what in named)
    if not extra:
        return []
    parts = blocks(source)
    ends = [parts[index + 1][0] if index + 1 < len(parts) else start + block.count("\n") + 1
            for index, (start, block) in enumerate(parts)]
    out = []

    def take(start: int, found: Counter) -> None:
        # item by item: a Counter's own subtraction walks all of `extra` at every block
        for what, count in found.items():
            count = min(count, extra.get(what, 0))
            if count > 0:
                out.extend([(start, what)] * count)
                extra[what] -= count
                if not extra[what]:
                    del extra[what]

    # a link by reference is read with the body's definitions wherever they are written
    references = _FixedReferences(_references(source)) if "]:" in source else None

    def convert(text: str) -> str:
        return _with_references(text, references) if references else markdown_html(text)

    # where each id is defined (the engine keeps the last definition): a link by reference
    # is named at the later of its use and its definition, the block that completes it
    defined: dict[str, int] = {}
    if references:
        from markdown.blockprocessors import ReferenceProcessor

        for index, (_start, block) in enumerate(parts):
            if "]:" in block:
                for match in ReferenceProcessor.RE.finditer(block):
                    defined[_reference_id(match.group(1))] = index
    by_line = sorted(named)
    alone, at = [], 0
    for index, ((start, block), end) in enumerate(zip(parts, ends)):
        here = Counter()
        while at < len(by_line) and by_line[at][0] < end:  # (named sorted by line)
            if by_line[at][0] >= start:
                here[by_line[at][1]] += 1
            at += 1
        alone.append(items(convert(block)))  # (what the line reading named included)
        later = max((defined.get(_reference_id(m.group(1)), -1)
                     for m in _BRACKETS.finditer(block)), default=-1) if defined else -1
        if later > index:  # made by a definition written below: said where that is
            by_itself = items(markdown_html(block))
            take(parts[later][0], alone[-1] - by_itself - here)
            take(start, by_itself - here)
        else:
            take(start, alone[-1] - here)
    if extra:
        for first, last in _continued(parts):
            if extra:
                text = "\n\n".join(block for _start, block in parts[first:last])
                apart = Counter()
                for counted in alone[first:last]:
                    apart.update(counted)
                take(parts[first][0], items(convert(text)) - apart)
    out += [(0, what) for what in extra.elements()]
    return out


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _reference_id(written: str) -> str:
    return " ".join(written.split()).lower()


class _FixedReferences(dict):
    """The body's reference definitions, as the engine holds them once it has read the
    whole body (the last definition of an id wins): a block converted with them reads
    its links as the whole body does, whatever definitions the block itself holds."""

    def __setitem__(self, key, value) -> None:
        pass

    def clear(self) -> None:
        pass


def _references(source: str) -> dict:
    """The reference definitions of a body, read by the engine's own block parser."""
    engine = _engine()
    engine.reset()
    if len(source) > MAX_INLINE_MARKS and dense_blocks(source):
        return {}
    engine.convert(source)
    references = dict(engine.references)
    engine.reset()
    return references


def _with_references(block: str, references: _FixedReferences) -> str:
    if len(block) > MAX_INLINE_MARKS and dense_blocks(block):
        return markdown_html(block)
    engine = _engine()
    engine.reset()
    engine.references = references
    try:
        return engine.convert(block)
    finally:
        engine.reset()
        engine.references = {}


def _continued(parts: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(first, last) index ranges of blocks that the engine may read as one: a block whose
    first line is indented goes on the item, box or block above it."""
    out, first = [], 0
    for index in range(1, len(parts) + 1):
        if index == len(parts) or parts[index][1][:1] not in (" ", "\t"):
            if index - first > 1:
                out.append((first, index))
            first = index
    return out


def unbalanced_markdown(source: str) -> tuple[int, str] | None:
    """(0-based line, '<details>' or '</…>') when a body, converted as the engine converts
    it, leaves an element open or closes one of the page's: named at the first block
    that does so alone, else at the body's first line."""
    shape = unbalanced(markdown_html(source)) if "<" in source else ""
    if not shape:
        return None
    for start, block in blocks(source):
        if unbalanced(markdown_html(block)) == shape:
            return start, shape
    return 0, shape


def top_headings(source: str) -> list[tuple[int, str]]:
    """(0-based first line, text) of each block of a body that the engine makes an <h1>
    of (`# x`, `x` over `===`, raw <h1> in any case): on a page whose h1 is the record's
    title, another one reads as the title of another document."""
    if "#" not in source and "=" not in source and "<" not in source:
        return []
    return _at_blocks(source, _h1_texts)


def _at_blocks(source: str, texts) -> list[tuple[int, str]]:
    """(0-based first line, text) of what `texts` (HTML -> texts) finds in the body as the
    engine converts it: at each block that shows it alone, else at the body's first line."""
    whole = texts(markdown_html(source))
    if not whole:
        return []
    found = []
    for start, block in blocks(source):
        found += [(start, text) for text in texts(markdown_html(block))]
    return found or [(0, whole[0])]


# A box titled as a statement of the page's own standing (本通报已撤销, 已撤回, 该通知作废,
# 更正说明 …): the site states a withdrawal or a correction itself, in the same boxes, from
# the record's `withdrawn:` and `corrections:`; a body that writes one misinforms the reader.
_STATUS_CLAIM = re.compile(
    "(?:本|该|此|这份)(?:通报|通知|公告|文件|决定|页面|页|案例|信息|内容|文|条)?"
    "(?:已经|已|被|予以|现予|现)?(?:撤回|撤销|作废|废止|失效|停止执行|更正)"
    "|^(?:(?:已|现已)?(?:撤回|作废|失效|更正|勘误)|已(?:撤销|废止))")


def status_boxes(source: str) -> list[tuple[int, str]]:
    """(0-based first line, title) of each admonition or <details> of a body whose title
    states the page's own standing (withdrawn, void, corrected)."""
    if "!!!" not in source and "???" not in source and "<" not in source:
        return []
    return _at_blocks(source, _claims)


def _claims(html: str) -> list[str]:
    if "admonition" not in html and "summary" not in html.lower():
        return []
    tree = LexborHTMLParser(_IN_BODY + html)
    titles = [" ".join(node.text(deep=True).split())
              for node in tree.css("p.admonition-title, summary")]
    return [t for t in titles if _STATUS_CLAIM.search(t)]


def _h1_texts(html: str) -> list[str]:
    if "h1" not in html.lower():
        return []
    tree = LexborHTMLParser(_IN_BODY + html)
    return [" ".join(node.text(deep=True).split()) for node in tree.css("h1")]


def markdown_urls(text: str | MarkdownMarkup) -> list[tuple[int, str]]:
    """(0-based line, URL) of every link target and URL attribute a Markdown body makes:
    Markdown links and autolinks, and the URL attributes of its raw HTML."""
    read = text if isinstance(text, MarkdownMarkup) else read_markdown(text)
    named = [(number, _as_read(url)) for number, url in read.urls]
    view = "\n".join(read.lines)
    if "<" in view:
        # as the browser's parser gives them (references decoded): the engine passes raw
        # HTML as written, backslashes included (\\evil.example\x is //evil.example/x to
        # the browser; read as Markdown escapes it was a path on this site)
        named += _raw_urls(view)
    named = _urls_not_in_code(read.source, named)
    # what the engine makes links of beyond these (entities, references over two lines)
    return sorted(named + _engine_items(read.source, _url_attributes, named))


def shown_as_code(source: str, numbers: list[int]) -> set[int]:
    """Those of the 0-based lines `numbers` that the engine shows as text in an indented
    code block (their character references too, as written), as `code_lines` finds
    them with the engine."""
    if "    " not in source and "\t" not in source:
        return set()
    code = code_lines(source.split("\n"))
    return {number for number in numbers if code[number]}


def _urls_not_in_code(source: str, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`named` without the URLs the line reading found in an indented code block, which
    the engine shows as text, found as `_not_in_code` finds markup there."""
    if not named or ("    " not in source and "\t" not in source):
        return named
    code = code_lines(source.split("\n"))
    return [(number, url) for number, url in named if not code[number]]


def _url_attributes(html: str) -> Counter:
    # the engine's HTML read by the browser's parser: each value as the browser reads it
    return Counter(value for _tag, attrs in elements(html)
                   for key, value in attrs if key in URL_ATTRIBUTES)


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>&|:\"'])")


def _as_read(url: str) -> str:
    """A URL as the browser reads it from the attribute (entities and Markdown's
    backslash escapes undone), so one written twice is counted once."""
    return unescape(_MARKDOWN_ESCAPE.sub(r"\1", url)) if ("&" in url or "\\" in url) \
        else url


# An attribute as written (name, value quoted or not), for a value written with character
# references: bounded repeats, so that a search stays linear.
_WRITTEN_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]{1,64})[ \t\n\f\r]{0,16}=[ \t\n\f\r]{0,16}"""
                                r"""(?:"([^"]{0,4096})"|'([^']{0,4096})'|([^\s"'<>=`]{1,4096}))""")
_WINDOW = 65536  # how far past the last attribute the next one is looked for


def _written_at(view: str, cursor: int, key: str, value: str) -> int:
    """Where an attribute whose value the browser reads as `value` is written, at or
    after `cursor` (-1 if not found): "&#x2F;b" is "/b"."""
    for match in _WRITTEN_ATTRIBUTE.finditer(view, cursor, min(len(view), cursor + _WINDOW)):
        if match.group(1).lower() == key and unescape(
                match.group(2) or match.group(3) or match.group(4) or "") == value:
            return match.start()
    return -1


def _raw_urls(view: str) -> list[tuple[int, str]]:
    urls = []
    cursor, line = 0, 0
    for _tag, attrs in elements(view):
        for key, value in attrs:
            if key not in URL_ATTRIBUTES:
                continue
            at = view.find(value, cursor) if value else -1
            if at == -1 and value:  # written with character references
                at = _written_at(view, cursor, key, value)
            if at != -1:  # attributes come in source order: count lines from the last one
                line += view.count("\n", cursor, at)
                cursor = at
            urls.append((line, value))
    return urls


def markup_in(text: str) -> bool:
    """Whether plain text (a label) holds anything the browser would read as markup:
    a tag, a comment or a character reference."""
    if "<" not in text and "&" not in text:
        return False
    tree = LexborHTMLParser(_IN_BODY + text)
    body = tree.body.text(deep=True) if tree.body is not None else ""
    return any(n.tag not in ("html", "head", "body", "-text")
               for n in tree.root.traverse(include_text=False)) or body != text.strip()
