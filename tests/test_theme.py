"""The reader's side of each built page (generator/theme.py), on HTML as Python-Markdown
writes it, and the patched search worker."""
import json

import pytest

from generator import theme

LISTING = """<table>
<thead>
<tr>
<th>发布日期</th>
<th>标题</th>
<th style="text-align: right;">逾期</th>
<th>处理措施</th>
</tr>
</thead>
<tbody>
<tr>
<td>2026年5月20日</td>
<td><a href="../cases/2026-002/">林某 &amp; 2026年4月</a></td>
<td style="text-align: right;">3</td>
<td>警告</td>
</tr>
</tbody>
</table>"""


def test_a_listing_table_becomes_cards_with_its_decisive_column_marked():
    out = theme.tables_as_cards(LISTING, ["处理措施", "逾期"])
    assert out.startswith('<table data-cards="1" data-search-exclude="table">')
    assert '<th class="cs-key">处理措施</th>' in out
    assert '<td class="cs-key" data-label="处理措施">警告</td>' in out
    assert out.count('class="cs-key"') == 2  # header and the one body cell
    assert '<td style="text-align: right;" data-label="逾期">3</td>' in out
    # Dates do not break; text inside a tag (the href) is never touched.
    assert '<td data-label="发布日期"><span class="cs-nw">2026年5月20日</span></td>' in out
    assert 'href="../cases/2026-002/"' in out
    assert '林某 &amp; <span class="cs-nw">2026年4月</span></a>' in out


def test_the_first_decisive_column_the_table_has_wins():
    out = theme.tables_as_cards(LISTING, ["状态", "逾期", "处理措施"])
    assert '<td style="text-align: right;" class="cs-key" data-label="逾期">3</td>' in out
    assert out.count('class="cs-key"') == 2


def test_two_column_fact_sheets_stay_tables_and_stay_searchable():
    sheet = ("<table>\n<thead>\n<tr>\n<th>项目</th>\n<th>内容</th>\n</tr>\n</thead>\n<tbody>\n"
             "<tr>\n<td>发布日期</td>\n<td>2026年5月20日</td>\n</tr>\n</tbody>\n</table>")
    out = theme.tables_as_cards(sheet, ["内容"])
    assert out.startswith("<table>") and "data-label" not in out and "cs-key" not in out
    assert '<td><span class="cs-nw">2026年5月20日</span></td>' in out


def test_a_record_fact_sheet_has_row_headers_and_is_marked_not_sortable():
    sheet = ("<table>\n<thead>\n<tr>\n<th>项目</th>\n<th>内容</th>\n</tr>\n</thead>\n<tbody>\n"
             "<tr>\n<td>发布日期</td>\n<td>2026年5月20日</td>\n</tr>\n"
             '<tr>\n<td>涉及单位</td>\n<td><a href="../u/">甲&lt;td&gt;</a></td>\n</tr>\n'
             "</tbody>\n</table>")
    out = theme.tables_as_cards(sheet, ["内容"], "内容")
    assert out == ('<table data-facts="1">\n<tbody>\n'
                   '<tr>\n<th scope="row">发布日期</th>\n'
                   '<td><span class="cs-nw">2026年5月20日</span></td>\n</tr>\n'
                   '<tr>\n<th scope="row">涉及单位</th>\n<td><a href="../u/">甲&lt;td&gt;</a></td>\n'
                   "</tr>\n</tbody>\n</table>")
    # a two-column table whose values are not a record's (a count per category) is left be
    counts = sheet.replace("<th>内容</th>", "<th>数量</th>")
    assert theme.tables_as_cards(counts, [], "内容").startswith("<table>\n<thead>")


def test_header_labels_are_attribute_safe():
    table = LISTING.replace("<th>标题</th>", '<th>标"题&lt;x&gt;</th>')
    out = theme.tables_as_cards(table, [])
    assert 'data-label="标&quot;题&lt;x&gt;"' in out


def test_the_generators_own_lines_of_links_are_marked_for_print_and_search():
    """返回… and 查看全部… lines carry the generator's mark and print and the search index
    leave them out; a paragraph of links a notice body writes (the 处理决定 to download)
    has no mark and stays on paper and in the index, as does a paragraph with words
    besides its link."""
    mark = theme.NAV_MARK
    html = (f'<p>{mark}<a href="../">返回案例列表</a></p>\n<p>见<a href="x/">此处</a></p>\n'
            f'<p>{mark}<a href="a/">甲</a>\u3000<a href="b/">乙</a></p>\n'
            '<p><a href="files/jueding.pdf">处理决定</a></p>\n'
            f'<p>{mark}见<a href="y/">彼处</a></p>')
    out = theme.page_content(html, [])
    assert out == ('<p class="cs-navlinks" data-search-exclude><a href="../">返回案例列表</a></p>\n'
                   '<p>见<a href="x/">此处</a></p>\n'
                   '<p class="cs-navlinks" data-search-exclude><a href="a/">甲</a>\u3000'
                   '<a href="b/">乙</a></p>\n'
                   '<p><a href="files/jueding.pdf">处理决定</a></p>\n'
                   f'<p>{mark}见<a href="y/">彼处</a></p>')


def test_language_is_simplified_chinese_as_used_in_china():
    assert theme.html_lang('<!doctype html>\n<html lang="zh" class="no-js">', "zh-CN") == \
        '<!doctype html>\n<html lang="zh-CN" class="no-js">'


def test_a_section_marked_unsearched_leaves_the_index_and_stays_on_the_page():
    mark = theme.UNSEARCHED_MARK
    html = (f'<h2 id="_7">记录历史{mark}</h2>\n<p>发布日期：2026年5月20日</p>\n'
            '<h2 id="_8">记录</h2>\n<p>x</p>')
    assert theme.page_content(html, []) == ('<h2 id="_7" data-search-exclude>记录历史</h2>\n'
                                            '<p>发布日期：2026年5月20日</p>\n'
                                            '<h2 id="_8">记录</h2>\n<p>x</p>')


def test_search_index_is_written_without_escapes_and_unit_sections_dropped():
    raw = json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "units/ZF04/", "title": "县自然资源局", "text": ""},
        {"location": "units/ZF04/#_2", "title": "承诺书报送", "text": ""},
        {"location": "cases/2026-002/#_3", "title": "基本事实", "text": "玩手机"},
        {"location": "cases/2026-002/#_4", "title": "涉及人员", "text": ""},
        {"location": "cases/2026-004/", "title": "案例", "text": ""}]})
    assert "\\u" in raw
    out = theme.compact_search_index(raw, whole_pages=("units/",))
    assert "\\u" not in out and "县自然资源局" in out
    # a section with no text goes (its table is out of the index); a page's first stays
    assert [d["location"] for d in json.loads(out)["docs"]] == ["units/ZF04/",
                                                                "cases/2026-002/#_3",
                                                                "cases/2026-004/"]
    assert out == theme.compact_search_index(raw, whole_pages=("units/",))  # deterministic


def test_the_installed_search_worker_is_patched_exactly_once():
    source = theme.search_worker_source()
    patched = theme.patched_search_worker(source)
    assert "self.csSegment(" in patched and "this.index.invertedIndex)].join" not in patched
    with pytest.raises(theme.ThemeChanged):
        theme.patched_search_worker("var x = 1;")


def test_decisive_columns_come_from_the_labels():
    from conftest import ROOT
    from generator.checks import validate

    data, _ = validate(ROOT)
    columns = theme.decisive_columns(data.labels)
    assert columns[:4] == ["处理措施", "状态", "报送情况", "号码或地址"]


def test_meta_text_never_reads_as_a_script_url():
    assert theme.meta_text("  柳溪镇，\n纪律松弛。 ") == "柳溪镇， 纪律松弛。"
    for payload in ("javascript:alert(1)", " JavaScript :x", "«data:text/html,x", "vbscript:x",
                    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'):
        assert theme.meta_text(payload) == ""


# A notice body may hold a table written in HTML. However it is written, a card's
# labels are the column names of the table the browser puts its cell in.
_GENERATED = LISTING.replace("<th>标题</th>", "<th>单位</th>")
_BODY_TABLES = [
    # closed in capitals: read by the pattern up to the end of the next table
    "<table>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th></tr>\n"
    "<tr><td>1</td><td>2</td><td>3</td></tr>\n</TABLE>",
    "<TABLE>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th></tr>\n</table>",
    # cells left open (the browser closes them), a cell in capitals, a table in a cell
    "<table>\n<tr><th>按期报送<th>无需整改<th>表扬</tr>\n<tr><td>1<td>2<td>3</tr>\n</table>",
    "<table>\n<tr><th>按期报送</th><TH>无需整改</TH><th>表扬</th></tr>\n"
    "<tr><td>1</td><TD>2</TD><td>3</td></tr>\n</table>",
    "<table>\n<tr><th>甲</th><th>乙</th><th>丙</th></tr>\n<tr><td><table><tr><th>按期报送"
    "</th><th>无需整改</th><th>表扬</th></tr></table></td><td>2</td><td>3</td></tr>\n</table>",
    "<table>\n<tr><th>按期报送</th><th/>无需整改<th>表扬</th></tr>\n"
    "<tr><td>1</td><td/>2<td>3</td></tr>\n</table>",
    "<table>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th></tr>\n"
    "<tr><td>1</td><td>2</td><td>3</td></tr >\n</table >",    # "td\xa0" is no cell to the browser (Python's \s would take it for one)
    "<table>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th></tr>\n"
    "<tr><td>1</td><td\xa0>2</td><td>3</td></tr>\n</table>",
    # a cell over two columns: the third cell is in the fourth column
    "<table>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th><th>通报</th></tr>\n"
    '<tr><td colspan="2">1</td><td>2</td><td>3</td></tr>\n</table>',
]


def _browser_labels(page: str) -> list[tuple[list[str], list[str | None]]]:
    """(header texts, data-label of each cell) of every table as the browser builds it."""
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for table in LexborHTMLParser("<!DOCTYPE html><body>" + page).css("table"):
        rows = [r for r in table.css("tr") if r.parent is not None
                and (r.parent.parent if r.parent.tag != "table" else r.parent).mem_id
                == table.mem_id]
        heads = [c.text(deep=True).strip() for r in rows for c in r.iter() if c.tag == "th"]
        labels = [c.attributes.get("data-label") for r in rows for c in r.iter()
                  if c.tag == "td" for _column in range(int(c.attributes.get("colspan") or 1))]
        out.append((heads, labels))
    return out


@pytest.mark.parametrize("body", _BODY_TABLES)
def test_a_card_is_labelled_by_the_columns_of_its_own_table(body):
    page = body + "\n<h2>通报名单</h2>\n" + _GENERATED
    out = theme.tables_as_cards(page, ["处理措施"])
    tables = _browser_labels(out)
    assert tables[-1][0] == ["发布日期", "单位", "逾期", "处理措施"]
    assert tables[-1][1] == ["发布日期", "单位", "逾期", "处理措施"]
    for heads, labels in tables:
        # a cell carries its own table's column name, or none when left as written
        assert all(label is None for label in labels) or \
            labels == [heads[i % len(heads)] for i in range(len(labels))], (heads, labels)
    # a table written as Python-Markdown writes one is still made cards
    assert out.count('data-cards="1"') == 1


def test_a_body_table_written_as_markdown_writes_one_is_made_cards_too():
    body = ("<table>\n<tr><th>按期报送</th><th>无需整改</th><th>表扬</th></tr>\n"
            '<tr><td>1</td><td align="right">2</td><td>3</td></tr>\n</table>')
    out = theme.tables_as_cards(body + "\n" + _GENERATED, ["处理措施"])
    assert out.count('data-cards="1"') == 2
    assert _browser_labels(out)[0] == (["按期报送", "无需整改", "表扬"],
                                       ["按期报送", "无需整改", "表扬"])


def test_each_table_is_named_by_the_heading_it_stands_under():
    """A screen reader announced every table as "table, N rows": each is now labelled by
    the nearest heading before it; one with its own caption, or before any heading, or
    not written as Markdown writes one, is left as it is."""
    page = ('<table>\n<tr><th>甲</th></tr>\n</table>\n<h1 id="_1">标题</h1>\n'
            '<table data-facts="1">\n<tbody></tbody>\n</table>\n<h2 id="_2" data-search-exclude>'
            '节</h2>\n<p>说明</p>\n<table data-cards="1" data-search-exclude="table">\n</table>'
            '\n<table>\n<caption>自有标题</caption>\n</table>\n<TABLE>\n</TABLE>')
    assert theme.named_tables(page) == page.replace(
        '<table data-facts="1">', '<table aria-labelledby="_1" data-facts="1">').replace(
        '<table data-cards="1"', '<table aria-labelledby="_2" data-cards="1"')


def test_a_link_to_the_page_itself_is_marked_current():
    """The filter a listing shows (线索来源：群众举报 on cases/source/S2/) was one more link
    to a screen reader: a link to the page itself now carries aria-current."""
    page = ('<ul>\n<li><a href="../S1/">明察暗访（12）</a>　<a href="./">群众举报（9）</a></li>'
            '\n</ul>\n<p><a href="./#x">本页一节</a></p>')
    assert theme.page_content(page, []) == page.replace(
        '<a href="./">', '<a href="./" aria-current="page">')


def test_the_themes_palette_stylesheet_is_not_linked():
    """palette.css (2 KB gzipped, one more request on a slow network) styles only named
    colours and the dark scheme: the page keeps main.css and the site's own."""
    head = ('    <link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">\n'
            '    <link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">\n'
            '    <link rel="stylesheet" href="../assets/stylesheets/site.css">\n')
    assert theme.without_palette_css(head) == head.replace(head.split("\n")[1] + "\n", "")


def test_the_own_assets_version_follows_every_script_and_stylesheet(tmp_path):
    """The ?v= on the site's own scripts and stylesheets (a phone asks for them again
    after a deploy that changed one): the same files give the same digest, a byte changed
    in any script or stylesheet (a vendored one included) or a renamed one changes it,
    an image does not."""
    assets = tmp_path / "assets"
    (assets / "javascripts/vendor/x").mkdir(parents=True)
    (assets / "stylesheets").mkdir()
    (assets / "images").mkdir()
    (assets / "javascripts/reader.js").write_text("a();\n", "utf-8")
    (assets / "javascripts/vendor/x/x.min.js").write_text("x();\n", "utf-8")
    (assets / "stylesheets/site.css").write_text("p{}\n", "utf-8")
    first = theme.own_assets_version(assets)
    assert len(first) == 12 and first == theme.own_assets_version(assets)
    (assets / "images/logo.svg").write_text("<svg/>", "utf-8")
    assert theme.own_assets_version(assets) == first
    (assets / "javascripts/vendor/x/x.min.js").write_text("y();\n", "utf-8")
    changed = theme.own_assets_version(assets)
    assert changed != first
    (assets / "javascripts/vendor/x/x.min.js").rename(assets / "javascripts/vendor/x/y.min.js")
    assert theme.own_assets_version(assets) not in (first, changed)
    assert theme.versioned("assets/stylesheets/site.css", first) == \
        f"assets/stylesheets/site.css?v={first}"
    assert theme.versioned(f"a.js?v={first}", "0" * 12) == f"a.js?v={first}"


def test_the_announcement_strip_is_a_named_landmark():
    """The demo notice above the header is an <aside>: a screen reader listed it as an
    unnamed "complementary" landmark."""
    page = '<body>\n<aside class="md-banner">\n<div>本站为演示站点</div></aside>\n<aside class="md-banner">'
    assert theme.banner_name(page, '本站"说明') == page.replace(
        '<aside class="md-banner">', '<aside class="md-banner" aria-label="本站&quot;说明">', 1)
    assert theme.banner_name("<body></body>", "本站说明") == "<body></body>"


def test_every_theme_landmark_is_named_from_the_labels():
    reader = {"landmark_tabs": "网站栏目", "landmark_menu": "栏目导航", "landmark_toc": "本页目录"}
    page = ('<nav class="md-tabs" aria-label="标签" data-md-component="tabs">'
            '<nav class="md-nav md-nav--primary md-nav--lifted" aria-label="导航栏" data-md-level="0">'
            '<nav class="md-nav md-nav--secondary" aria-label="目录">'
            '<nav class="md-nav md-nav--secondary" aria-label="目录">'
            '<nav class="md-nav" aria-label="目录">')
    assert theme.landmark_names(page, {**reader, "landmark_toc": "本页<目录>"}) == (
        '<nav class="md-tabs" aria-label="网站栏目" data-md-component="tabs">'
        '<nav class="md-nav md-nav--primary md-nav--lifted" aria-label="栏目导航" data-md-level="0">'
        '<nav class="md-nav md-nav--secondary" aria-label="本页&lt;目录&gt;">'
        '<nav class="md-nav md-nav--secondary" aria-label="本页&lt;目录&gt;">'
        '<nav class="md-nav" aria-label="目录">')


@pytest.mark.parametrize("css", [
    '.a::before { content: "/* not a comment */"; }\n',
    ".a::before { content: '/*'; }\n.b::after { content: '*/'; }\n",
    '.a::before { content: "\\"/*"; }\n.b { color: red; }\n',  # an escaped quote stays inside
    ".a { background: url(data:image/svg+xml,%3Csvg%3E/*x*/%3C/svg%3E); }\n",
    '.a { background: url( "img/a/*b.png" ); }\n',
    ".a { background: URL(a/*b.png); }\n",
])
def test_a_comment_opening_inside_a_string_or_an_address_is_kept(css):
    """/* inside a CSS string or an unquoted url() is text, not a comment: the compact
    stylesheet keeps it whole (cutting it dropped the rules that followed)."""
    assert theme.compact_stylesheet(css) == css
    assert theme.compact_stylesheet("/* lead */\n" + css + "/* tail */\n") == css


def test_comments_around_strings_still_go_in_one_pass():
    """Strings, addresses and comments in one scan: a comment after a string goes, an
    unclosed string ends at its line (as CSS reads it), and a stylesheet of 100,000
    string openings is read in linear time."""
    import time

    assert theme.compact_stylesheet('.a{content:"x"}/* c */.b{content:"y"}\n') == \
        '.a{content:"x"}.b{content:"y"}\n'
    assert theme.compact_stylesheet('.a{content:"x\n}/* c */\n') == '.a{content:"x\n}\n'
    started = time.perf_counter()
    theme.compact_stylesheet('"/*' * 100_000 + "\n" + "url(/*" * 100_000)
    theme.compact_stylesheet("'\\" * 100_000)
    assert time.perf_counter() - started < 2
