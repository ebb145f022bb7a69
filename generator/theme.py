"""The reader's side of each built page: tables that turn into cards on a phone,
the page language, and the search index written compactly.

The mkdocs adapter calls these on the HTML the engine produces; they know nothing of
records. Every transform is a single linear pass over the page.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from generator.normalise import unescape

# A table's own tags as the browser reads them: any case, any attributes. A tag name
# ends at HTML's white space, "/" or ">" (so <th> is never read inside <thead>, nor a
# cell in <td\xa0>, which is no cell).
_SPACE = " \t\n\f\r"
_TABLE_PART = re.compile(r"<(/?)(table|caption|colgroup|col|thead|tbody|tfoot|tr|th|td)"
                         rf"(?=[{_SPACE}/>])([^>]*)>", re.I)
_HEAD_CELL = re.compile(rf"<th((?:[{_SPACE}][^>]*)?)>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(rf"<td((?:[{_SPACE}][^>]*)?)>(.*?)</td>", re.S)
_TAG = re.compile(r"(<[^>]*>)")
# Values that must not break inside a cell: dates, months, percentages, day counts.
_UNBREAKABLE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d+(?:\.\d+)?%"
                          r"|[\u4e00-\u9fff]{2} \d+ 天")
_HTML_LANG = re.compile(r'<html lang="zh"')


def _plain(fragment: str) -> str:
    return unescape(_TAG.sub("", fragment)).strip()


def _unbreakable(fragment: str) -> str:
    """Wrap dates and counts in the text (never inside a tag) in a no-wrap span."""
    parts = _TAG.split(fragment)
    for i in range(0, len(parts), 2):
        parts[i] = _UNBREAKABLE.sub(lambda m: f'<span class="cs-nw">{m.group(0)}</span>',
                                    parts[i])
    return "".join(parts)


def _tables(page_html: str):
    """(start, end) of each table written exactly as Python-Markdown writes one: <table>,
    then rows of cells, every tag in lower case, every cell closed before the next tag of
    the table and none over two columns or rows (colspan, rowspan), no table inside. Only there do the patterns below see the cells the browser
    sees: a table written otherwise in a notice body (</TABLE>, a cell left open, a table
    in a cell) is left as written, never read up to the end of the next table on the page,
    whose cells would then carry the first one's column names."""
    start, valid, cell = -1, False, ""
    for match in _TABLE_PART.finditer(page_html):
        close, name, rest = match.group(1), match.group(2), match.group(3)
        if start < 0:
            if match.group() == "<table>":
                start, valid, cell = match.start(), True, ""
            continue
        if name.lower() == "table" and close:
            if valid and not cell and match.group() == "</table>":
                yield start, match.end()
            start = -1
            continue
        if name != name.lower() or (close and rest) or (rest and rest[0] not in _SPACE) \
                or name in ("table", "caption", "colgroup", "col"):
            valid = False
        elif name in ("td", "th"):
            if "span" in rest.lower():
                valid = False  # a cell over two columns or rows: the n-th cell is not column n
            elif close:
                valid = valid and cell == name
                cell = ""
            elif cell:
                valid = False
            else:
                cell = name
        elif cell or (rest and not close):
            valid = False  # a row or section tag inside a cell, or with attributes


def tables_as_cards(page_html: str, decisive: list[str], value_header: str = "") -> str:
    """Every listing table (three columns or more) gets what a phone needs to show each
    row as a card without a script: each cell carries its column's name (`data-label`),
    the decisive column (the first of `decisive`, by header text, that the table has) is
    marked `cs-key` so CSS can put it first, and dates never break. Listing tables stay
    out of the search index (`data-search-exclude`, which the search plugin removes
    after reading it); two-column fact sheets stay in it. A record's fact sheet (two
    columns, the second headed `value_header`) becomes label/value rows (fact_sheet).
    Only the tables `_tables` vouches for are changed."""
    def table(body: str) -> str:
        labels = [_plain(text) for _attrs, text in _HEAD_CELL.findall(body)]
        if len(labels) == 2 and value_header and labels[1] == value_header:
            return fact_sheet(body)
        if len(labels) < 3:
            return f"<table>{_unbreakable_cells(body)}</table>"
        key = next((labels.index(name) for name in decisive if name in labels), None)
        escaped = [html.escape(label, quote=True) for label in labels]

        def row(row_match: re.Match) -> str:
            column = -1

            def cell(cell_match: re.Match) -> str:
                nonlocal column
                column += 1
                attrs, text = cell_match.groups()
                label = escaped[column] if column < len(escaped) else ""
                mark = ' class="cs-key"' if column == key else ""
                return f'<td{attrs}{mark} data-label="{label}">{_unbreakable(text)}</td>'

            return "<tr>" + _CELL.sub(cell, row_match.group(1)) + "</tr>"

        body = _ROW.sub(row, body)
        if key is not None:
            body = _HEAD_CELL.sub(
                lambda m, n=iter(range(len(labels))): (
                    f'<th{m.group(1)} class="cs-key">{m.group(2)}</th>' if next(n) == key
                    else m.group(0)), body)
        return f'<table data-cards="1" data-search-exclude="table">{body}</table>'

    out, last = [], 0
    for start, end in _tables(page_html):
        out += [page_html[last:start], table(page_html[start + len("<table>"):
                                                       end - len("</table>")])]
        last = end
    out.append(page_html[last:])
    return "".join(out)


_THEAD = re.compile(r"\s*<thead>.*?</thead>", re.S)
_FIRST_CELL = re.compile(rf"<tr>(\s*)<td((?:[{_SPACE}][^>]*)?)>(.*?)</td>", re.S)


def fact_sheet(body: str) -> str:
    """A record's fields as rows: the label cell is a row header (`<th scope="row">`),
    so a screen reader announces each value with its label rather than with the column
    header (项目/内容, which says nothing and is dropped); `data-facts` keeps the table
    from being made sortable (tables.js): sorting would scramble the record."""
    body = _FIRST_CELL.sub(lambda m: f'<tr>{m.group(1)}<th scope="row"{m.group(2)}>'
                                     f"{m.group(3)}</th>", _THEAD.sub("", body, count=1))
    return f'<table data-facts="1">{_unbreakable_cells(body)}</table>'


def _unbreakable_cells(body: str) -> str:
    return _CELL.sub(lambda m: f"<td{m.group(1)}>{_unbreakable(m.group(2))}</td>", body)


# Material links palette.css (12 KB, 2 KB gzipped, a request) wherever a palette is
# set: it holds only the named colours, white/black primaries and the dark `slate`
# scheme. This site's schemes are `default` and `elder` in custom colours (site.css).
_PALETTE_CSS = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"<>]*assets/stylesheets/'
                          r'palette\.[0-9a-f]+\.min\.css">\n?')


def without_palette_css(page_html: str) -> str:
    """A page without the theme's palette stylesheet, which styles nothing here."""
    return _PALETTE_CSS.sub("", page_html, count=1)


_SKIP_LINK = re.compile(r'(<a href="[^"<>]*" class="md-skip">)[^<]*(</a>)')


def skip_link(page_html: str, text: str) -> str:
    """The theme's skip link says only 跳转至 ("skip to"): a screen reader read a link
    with no destination. It names where it goes (labels.yml reader.skip)."""
    return _SKIP_LINK.sub(lambda m: m.group(1) + html.escape(text) + m.group(2), page_html,
                          count=1)


_BANNER = re.compile(r'<aside class="md-banner">')


def banner_name(page_html: str, name: str) -> str:
    """The theme's announcement strip (the demo notice) is an <aside> with no name: a
    screen reader's list of landmarks read "complementary" and nothing more. It is named
    (labels.yml reader.banner)."""
    return _BANNER.sub(f'<aside class="md-banner" aria-label="{html.escape(name)}">', page_html,
                       count=1)


# The theme's navigation regions, by the opening of their tag, and the label naming each.
_LANDMARKS = re.compile(r'(<nav class="(md-tabs|md-nav md-nav--primary[^"]*|md-nav md-nav--secondary)"'
                        r' aria-label=")[^"]*(")')
_LANDMARK_LABEL = {"md-tabs": "landmark_tabs", "md-nav md-nav--secondary": "landmark_toc"}


def landmark_names(page_html: str, reader: dict[str, str]) -> str:
    """The theme names its navigation regions 标签 (the tabs), 导航栏 and 目录 (this page's
    contents, twice when the menu holds it too): a screen reader's list of landmarks read
    a region named "label". Each is named for what it holds (labels.yml reader.landmark_*);
    the two tables of contents are one and the same, never shown together."""
    def name(match):
        kind = match.group(2)
        key = _LANDMARK_LABEL.get(kind, "landmark_menu")
        return match.group(1) + html.escape(reader[key]) + match.group(3)

    return _LANDMARKS.sub(name, page_html)


def html_lang(page_html: str, lang: str) -> str:
    """The theme writes `lang="zh"`; the site is in Simplified Chinese as used in China."""
    return _HTML_LANG.sub(f'<html lang="{lang}"', page_html, count=1)


def compact_search_index(raw: str, whole_pages: tuple[str, ...] = ()) -> str:
    """The search index as UTF-8 (no \\uXXXX escapes), in the same order. Pages under
    `whole_pages` keep only their first entry: a unit page is found by its name, and its
    headings (承诺书报送, 整改台账 … the same on every unit page) would otherwise answer
    every query for a section of the site with sixty unit pages."""
    index = json.loads(raw)
    # A section with no text of its own (a heading over a table kept out of the index,
    # such as 涉及人员 on every case page) answers only a query for its heading, the same
    # on every record page: it goes too; the page's first entry always stays.
    index["docs"] = [doc for doc in index["docs"]
                     if "#" not in doc["location"]
                     or not (doc["location"].startswith(whole_pages) or not doc["text"])]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


# The theme's search worker splits a Chinese query into words it finds in the index, but
# never tries a word that ends at the query's last character, and then matches any one
# of the words: 县卫生健康局 is searched as 县 OR 卫生 OR 健康, and unrelated titles win.
# The patch replaces that splitter: the query is cut into the fewest pieces that each
# occur inside some indexed word, and every piece is required (+*piece*).
_SPLITTER = re.compile(r'(\w+)=>\[\.\.\.\w+\(\1,this\.index\.invertedIndex\)\]\.join\("\* "\)')
_SEGMENTER = r"""/* campaign site: Chinese queries need every word (see generator/theme.py) */
self.csSegment=(function(){var pieces=null,longest=12;
function learn(index){pieces=new Set();for(var term in index){if(!/\p{sc=Han}/u.test(term))continue;
for(var i=0;i<term.length;i++)for(var j=i+1;j<=term.length&&j-i<=longest;j++)pieces.add(term.slice(i,j));}}
return function(run,index){if(!pieces)learn(index);var n=run.length,best=[0],from=[0];
for(var j=1;j<=n;j++){best[j]=Infinity;for(var i=Math.max(0,j-longest);i<j;i++){
if((j-i===1||pieces.has(run.slice(i,j)))&&best[i]+1<best[j]){best[j]=best[i]+1;from[j]=i;}}}
var out=[];for(var k=n;k>0;k=from[k])out.unshift("+*"+run.slice(from[k],k)+"*");return out.join(" ");};})();
"""


class ThemeChanged(Exception):
    """The installed theme's search worker no longer has the code the patch replaces."""


def patched_search_worker(source: str) -> str:
    """Material's search worker with the Chinese query splitter replaced (see above)."""
    patched, count = _SPLITTER.subn(r"\1=>self.csSegment(\1,this.index.invertedIndex)", source)
    if count != 1:
        raise ThemeChanged("search worker: Chinese query splitter not found")
    return _SEGMENTER + patched


def _theme_scripts():
    from pathlib import Path

    import material

    return Path(material.__file__).parent / "templates/assets/javascripts"


def theme_script(pattern: str) -> str:
    """Site path of one of the theme's scripts, whose name carries a content hash."""
    path = next(iter(sorted(_theme_scripts().glob(pattern))))
    return path.relative_to(_theme_scripts().parent.parent).as_posix()


def search_worker_source() -> str:
    """The text of the theme's search worker."""
    return next(iter(sorted(_theme_scripts().glob("workers/search.*.min.js")))).read_text("utf-8")


# The site's own scripts and stylesheets keep their names (generator/own_assets.sha256
# holds each to its digest under that name), so a phone that cached site.css or
# reader.js kept the old one after a deploy: the theme's own files carry a hash in their
# names, ours did not. Every URL of them carries the digest of all of them instead
# (?v=…): one change to any makes every page ask for each afresh, and a script that
# loads another (tables.js and tablesort) passes its own ?v= on.
_OWN_KINDS = (".js", ".css")


def own_assets_version(assets: Path) -> str:
    """12 hex digits of the SHA-256 over the path and bytes of every script and
    stylesheet under `assets` (the docs' assets/ folder), in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in assets.rglob("*") if p.is_file() and p.suffix in _OWN_KINDS):
        digest.update(path.relative_to(assets).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


# What a stylesheet holds that a comment's /* cannot open inside (CSS Syntax 4): a
# string (ending at its line when left open) and an unquoted url(), and the comments
# themselves, each running to the first */ after it (or to the end). Every alternative
# begins with its own character and its repetitions are disjoint: one linear pass.
_CSS_TOKENS = re.compile(r"""
    "(?:[^"\\\n]|\\[\s\S])*"?
  | '(?:[^'\\\n]|\\[\s\S])*'?
  | (?<![\w-])url\(\s*[^\s"')](?:[^)\\]|\\[\s\S])*\)?
  | (?P<comment>/\*[\s\S]*?(?:\*/|\Z))
""", re.I | re.X)


def compact_stylesheet(text: str) -> str:
    """The site's stylesheet as a phone fetches it: without its comments (half its bytes,
    every one of them render-blocking on a slow line) and blank lines. One pass: a
    comment runs to the first `*/` after it, as CSS reads it, and a `/*` inside a string
    or an unquoted url() is text, kept."""
    kept = _CSS_TOKENS.sub(lambda found: "" if found["comment"] else found[0], text)
    return "\n".join(line.rstrip() for line in kept.split("\n") if line.strip()) + "\n"


def versioned(url: str, version: str) -> str:
    """`url` with `?v=version` (once: a URL already carrying a query is left alone)."""
    return url if "?" in url else f"{url}?v={version}"


def content_version(content: str | bytes) -> str:
    """12 hex digits of the SHA-256 of an asset's text (the search worker) or bytes (the
    emblem and the favicon)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:12]


# The labels the theme overrides (overrides/*.html) print, by section of labels.yml:
# resolved when the pages are built, so a missing one is a located problem (and one
# `check` finds), never an empty string on every page.
THEME_LABELS = {
    "common": ("demo_banner", "footer_report"),
    "reader": ("authority", "built", "contact", "not_found_home", "not_found_text",
               "not_found_title", "print_date", "print_url", "report_button",
               "search_dialog", "site_code", "sitemap", "elder_on", "elder_off", "skip",
               "menu", "search_close", "banner", "landmark_tabs", "landmark_menu",
               "landmark_toc", "landmark_header", "landmark_search_options"),
    "feeds": ("notices", "cases"),
}


def engine_labels(labels) -> dict[str, dict[str, str]]:
    """{section: {key: text}} of THEME_LABELS; raises LabelMissing for a missing one."""
    return {section: {key: labels[section][key] for key in keys}
            for section, keys in THEME_LABELS.items()}


def decisive_columns(labels) -> list[str]:
    """Header texts of the columns a phone shows first, in order of preference, from
    `reader.decisive_columns` in labels.yml (keys such as `case.measures`)."""
    out = []
    for key in labels["reader"]["decisive_columns"]:
        section, name = key.split(".", 1)
        out.append(labels[section][name])
    return out


def fact_sheet_header(labels) -> str:
    """The header of a fact sheet's value column (`common.value`): a two-column table
    headed so is a record's fields, not a listing."""
    return labels["common"]["value"]


def search_words(data) -> list[str]:
    """Names the search segmenter must keep whole: units, so a unit's name is one word."""
    return sorted({unit["name"] for unit in data.units})


# The generator's own lines of links (返回…, 查看全部…) begin with this mark in the page
# source; print leaves them out. A paragraph of links a notice body writes (a 处理决定
# to download) has no mark and stays on paper.
NAV_MARK = '<span class="cs-navmark"></span>'
_LINK_PARAGRAPH = re.compile(re.escape("<p>" + NAV_MARK)
                             + r"((?:\s|\u3000)*(?:<a [^>]*>[^<]*</a>(?:\s|\u3000)*)+)</p>")


# A heading the templates end with this mark opens a section that holds nothing a reader
# searches for (a record's 记录历史: the dates of its changes): the whole section stays
# out of the search index (the search plugin skips a heading marked data-search-exclude
# and the text under it), and stays on the page.
UNSEARCHED_MARK = '<span class="cs-unsearched"></span>'
_UNSEARCHED_HEADING = re.compile(r"<(h[1-6])([^>]*)>([^\n]*?)" + re.escape(UNSEARCHED_MARK)
                                 + r"</\1>")


# A heading with its id, or a table's start tag as Markdown writes it (or as
# tables_as_cards marks it) with no <caption> after it.
_HEADING_OR_TABLE = re.compile(r'<h[1-6] id="([^"<>]+)"'
                               r'|<table((?: data-[a-z-]+="[^"<>]*")*)>(?![ \t\n\r]*<caption)')


def named_tables(page_html: str) -> str:
    """Every table is named by the heading it stands under (`aria-labelledby`): a screen
    reader moving from table to table announced each as "table, N rows" with no name,
    and a page of tables (统计分析, a unit's page) left the reader guessing which one."""
    heading = None

    def name(match: re.Match) -> str:
        nonlocal heading
        if match.group(1) is not None:
            heading = match.group(1)
            return match.group(0)
        if heading is None:
            return match.group(0)
        return f'<table aria-labelledby="{heading}"{match.group(2)}>'

    return _HEADING_OR_TABLE.sub(name, page_html)


_SELF_LINK = re.compile(r'<a href="\./">')


def page_content(page_html: str, decisive: list[str], value_header: str = "") -> str:
    """Everything a page's content gets: listing tables as cards on phones and fact
    sheets as label/value rows (above), each table named by its heading; paragraphs
    made only of links (返回…, 查看全部) marked so print leaves them out, and the search
    index too (they name other pages, which the index holds under their own titles);
    sections marked unsearched (UNSEARCHED_MARK) kept out of the index. A link to the
    page itself (the filter a listing shows, a unit in its own tables) says so
    (`aria-current`): a screen reader read the chosen filter as one more link."""
    page_html = _SELF_LINK.sub('<a href="./" aria-current="page">', page_html)
    page_html = _UNSEARCHED_HEADING.sub(r"<\1\2 data-search-exclude>\3</\1>", page_html)
    return _LINK_PARAGRAPH.sub(r'<p class="cs-navlinks" data-search-exclude>\1</p>',
                               named_tables(tables_as_cards(page_html, decisive, value_header)))


_SCHEME_START = re.compile(r"^[\s\W_]*(javascript|vbscript|data)\s*:", re.I)


def meta_text(value) -> str:
    """Page text for a <meta content>: one line; empty when it would read as a script
    URL or a refresh target ("…url=…"): a record titled so gets no sharing tags rather
    than a risky one, and the audit rightly refuses both in any <meta>."""
    text = " ".join(str(value or "").split())
    if _SCHEME_START.match(text.replace("\x00", "")) or re.search(r"url\s*=", text, re.I):
        return ""
    return text
