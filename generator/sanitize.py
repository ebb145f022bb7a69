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

import html
import re
from collections import Counter
from dataclasses import dataclass, field

import ada_url
import markdown
import nh3
from selectolax.lexbor import LexborHTMLParser

# The Markdown extensions of mkdocs.yml that produce markup (toc only adds heading ids).
MARKDOWN_EXTENSIONS = ["tables", "admonition", "pymdownx.details"]
TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol",
        "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul"}
_CELL = {"align", "colspan", "rowspan", "style"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "abbr": {"title"}, "ol": {"start"}, "th": _CELL, "td": _CELL,
              "details": {"open"}}
_ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question",
                "warning", "failure", "danger", "bug", "example", "quote"}
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
    _seen: dict = field(default_factory=dict, repr=False, compare=False)

    def resolve(self, url: str) -> ada_url.URL | None:
        """The URL as the browser resolves it against the page, or None if it is invalid."""
        try:
            return ada_url.URL(url, self.site_url or _NO_HOST)
        except ValueError:
            return None

    def third_party(self, url: str) -> str:
        """The host a URL reaches when that host is not allowed, else ''."""
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
        return host or parsed.href

    def script_scheme(self, url: str) -> str:
        """'javascript:', 'data:' … when a URL runs or embeds code, else ''."""
        key = ("scheme", url)
        if key not in self._seen:
            parsed = self.resolve(url)
            self._seen[key] = parsed.protocol if parsed is not None and parsed.protocol not in (
                "http:", "https:", "mailto:", "tel:") else ""
        return self._seen[key]


def markdown_html(text: str) -> str:
    """Staff Markdown as the HTML Python-Markdown gives the engine (raw HTML passes)."""
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


def clean(html: str, links: Links | None = None) -> str:
    """HTML reduced to the allowlist; URLs to other hosts are dropped."""
    links = links or Links()

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src") and links.third_party(value):
            return None
        if attribute == "style" and value.strip().rstrip(";") not in _STYLE_OK:
            return None
        return value

    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     strip_comments=True, link_rel=None, allowed_classes=CLASSES,
                     clean_content_tags=_DROP_WITH_CONTENT, attribute_filter=keep)


def elements(html: str) -> list[tuple]:
    """What the browser builds from an HTML fragment inside a page's body: (tag, sorted
    attributes) for every element and ("#comment", ()) for every comment, in document order
    (the parser's own html/head/body left out)."""
    out = []
    for node in LexborHTMLParser(_IN_BODY + html).root.traverse(include_text=False):
        if node.tag == "-comment":
            out.append(("#comment", ()))
        elif node.tag not in ("html", "head", "body", "-text"):
            out.append((node.tag, tuple(sorted((k, v or "") for k, v in
                                               node.attributes.items()))))
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
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")


@dataclass
class MarkdownMarkup:
    """What a Markdown body turns into, read in one linear pass: the raw HTML as the
    browser parses it (code blanked out) and every URL Markdown makes a link of."""

    lines: list[str]  # the body with code blanked and Markdown escapes as entities
    urls: list[tuple[int, str]]  # (0-based line, URL) of Markdown links and autolinks


def read_markdown(text: str) -> MarkdownMarkup:
    lines, urls, fence = [], [], ""
    for number, line in enumerate(text.split("\n")):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                    and not line[opener.end():].strip():
                fence = ""
            lines.append("")
            continue
        if opener and not (opener.group(1)[0] == "`" and "`" in line[opener.end():]):
            fence = opener.group(1)
            lines.append("")
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        if "\\" in line:
            line = line.replace("\\<", "&lt;").replace("\\&", "&amp;")
        if "](" in line:
            urls += [(number, m.group(1)) for m in _INLINE_URL.finditer(line) if m.group(1)]
        if "]:" in line:
            urls += [(number, m.group(1)) for m in _REFERENCE_URL.finditer(line) if m.group(1)]
        if "<" in line and ">" in line:
            for match in _AUTOLINK.finditer(line):
                value = match.group(1)
                urls.append((number, value if ":" in value else "mailto:" + value))
            line = _AUTOLINK.sub(lambda m: "&lt;" + m.group()[1:], line)
        lines.append(line)
    return MarkdownMarkup(lines, urls)


def _url_removed(url: str) -> bool:
    """Whether nh3 drops a link target (a scheme outside the allowlist, a URL it
    cannot parse), asked of nh3 itself."""
    link = '<a href="' + html.escape(url, quote=True) + '">x</a>'
    return "href=" not in clean(link)


def removed_from_markdown(text: str | MarkdownMarkup, links: Links | None = None,
                          limit: int = 100) -> list[tuple[int, str]]:
    """(0-based line, description) of everything the sanitiser removes from a Markdown
    body: raw HTML read by lexbor and cleaned by nh3, link targets by their scheme.
    Lines are found by halving the body, so the scan stays near linear; a construct
    over several lines is reported where it starts. At most `limit` lines."""
    read = text if isinstance(text, MarkdownMarkup) else read_markdown(text)
    found = [(number, "<a href>") for number, url in read.urls if _url_removed(url)]
    lines = read.lines

    def loses(first: int, last: int) -> list[str]:
        return removed("\n".join(lines[first:last]), links)

    def walk(first: int, last: int, items: list[str]) -> None:
        if len(found) >= limit or not items:
            return
        if last - first == 1:
            found.extend((first, what) for what in items)
            return
        middle = (first + last) // 2
        before = len(found)
        walk(first, middle, loses(first, middle))
        walk(middle, last, loses(middle, last))
        if len(found) == before:  # a construct across the halves: find where it starts
            low, high = middle + 1, last
            while low < high:
                mid = (low + high) // 2
                low, high = (low, mid) if loses(first, mid) else (mid + 1, high)
            end, low, high = low, first, middle
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if loses(mid, end) else (low, mid - 1)
            found.append((low, items[0]))

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
    return sorted(found[:limit])


def markdown_urls(text: str | MarkdownMarkup) -> list[tuple[int, str]]:
    """(0-based line, URL) of every link target and URL attribute a Markdown body makes:
    Markdown links and autolinks, and the URL attributes of its raw HTML."""
    read = text if isinstance(text, MarkdownMarkup) else read_markdown(text)
    urls = list(read.urls)
    view = "\n".join(read.lines)
    if "<" not in view:
        return urls
    cursor, line = 0, 0
    for _tag, attrs in elements(view):
        for key, value in attrs:
            if key not in URL_ATTRIBUTES:
                continue
            at = view.find(value, cursor) if value else -1
            if at != -1:  # attributes come in source order: count lines from the last one
                line += view.count("\n", cursor, at)
                cursor = at
            urls.append((line, value))
    return sorted(urls)


def markup_in(text: str) -> bool:
    """Whether plain text (a label) holds anything the browser would read as markup:
    a tag, a comment or a character reference."""
    if "<" not in text and "&" not in text:
        return False
    tree = LexborHTMLParser(_IN_BODY + text)
    body = tree.body.text(deep=True) if tree.body is not None else ""
    return any(n.tag not in ("html", "head", "body", "-text")
               for n in tree.root.traverse(include_text=False)) or body != text.strip()
