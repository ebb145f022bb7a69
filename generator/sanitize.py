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

    def resolve(self, url: str) -> ada_url.URL | None:
        """The URL as the browser resolves it against the page, or None if it is invalid."""
        try:
            return ada_url.URL(url, self.site_url or _NO_HOST)
        except ValueError:
            return None

    def third_party(self, url: str) -> str:
        """The host a URL reaches when that host is not allowed, else ''."""
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
        parsed = self.resolve(url)
        if parsed is not None and parsed.protocol not in ("http:", "https:", "mailto:", "tel:"):
            return parsed.protocol
        return ""


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


def removed_from_markdown(text: str, links: Links | None = None) -> list[tuple[int, str]]:
    """(0-based line, description) of everything the sanitiser removes from a Markdown
    body. Lines are found by reading each line alone; a construct that spans lines is
    reported at the first line whose prefix of the body already loses something."""
    whole = removed(markdown_html(text), links)
    if not whole:
        return []
    lines = text.split("\n")
    found = [(number, what) for number, line in enumerate(lines)
             for what in removed(markdown_html(line), links)]
    if found:
        return found
    def loses(first: int, last: int) -> bool:
        return bool(removed(markdown_html("\n".join(lines[first:last])), links))

    low, high = 1, len(lines)  # the shortest prefix that loses something ends the construct
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if loses(0, middle) else (middle + 1, high)
    end, low, high = low, 0, low - 1  # the latest start that still loses it begins it
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if loses(middle, end) else (low, middle - 1)
    return [(low, what) for what in whole[:1]]


def markup_in(text: str) -> bool:
    """Whether plain text (a label) holds anything the browser would read as markup:
    a tag, a comment or a character reference."""
    if "<" not in text and "&" not in text:
        return False
    tree = LexborHTMLParser(_IN_BODY + text)
    body = tree.body.text(deep=True) if tree.body is not None else ""
    return any(n.tag not in ("html", "head", "body", "-text")
               for n in tree.root.traverse(include_text=False)) or body != text.strip()
