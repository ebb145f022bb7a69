"""The site as a reader meets it, in a real browser (Debian's Chromium via Playwright).

Under CI=true these tests must run: a missing browser fails them. Elsewhere they skip
with the reason when no Chromium is installed.
"""
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PAGES = {
    "home": "",
    "campaign": "campaign/",
    "units": "units/",
    "unit-kind": "units/kind-ZF/",
    "unit": "units/ZF04/",
    "commitments": "commitments/",
    "commitment": "commitments/C2/",
    "cases": "cases/",
    "cases-facet": "cases/source/S2/",
    "case": "cases/2026-002/",
    "clarification": "cases/2026-005/",
    "withdrawn-case": "cases/2026-003/",
    "ledger": "ledger/",
    "ledger-overdue": "ledger/overdue/",
    "ledger-units": "ledger/units/",
    "inspections": "inspections/",
    "warnings": "warnings/",
    "reports": "reports/",
    "report-period": "reports/2026-09/",
    "notices": "notices/",
    "notices-category": "notices/category/bulletins/",
    "notice": "notices/2026-05-20-typical-cases/",
    "channels": "report/",
    "open-data": "open-data/",
    "open-data-table": "open-data/cases/",
    "statistics": "statistics/",
    "clues": "clues/",
    "commendations": "commendations/",
    "commendation": "commendations/BZ-001/",
    "ranking": "commendations/ranking-2025/",
    "campaigns": "campaigns/",
    "past-campaign": "campaigns/2025-dacaoban/",
    "ledger-item": "ledger/items/TZ-0066/",
    "case-several-units": "cases/2026-009/",
    "sitemap": "sitemap/",
    "data-spec": "data-spec/",
    "not-found": "404.html",
}
# The column a reader on a phone needs first, per page kind (header text of the first
# table that has it); the first row's cell of it must be on screen without scrolling.
DECISIVE = {
    "home": "处理措施", "unit": "状态", "unit-kind": "逾期", "commitments": "未报送",
    "commitment": "报送情况", "cases": "处理措施", "cases-facet": "处理措施",
    "case": "处理措施", "ledger": "逾期", "ledger-overdue": "状态", "ledger-units": "逾期",
    "inspections": "发现问题", "warnings": "当前等级", "reports": "未报",
    "channels": "号码或地址", "open-data": "条数",
}
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"  # axe-core 4.14.1, MPL-2.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:  # pragma: no cover - the lock file installs it
        executable, reason = None, f"playwright is not installed ({err})"
    else:
        reason = "no Chromium found (install Debian's chromium; .ci/run does)"
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def server(demo_built):
    handler = functools.partial(_Quiet, directory=str(demo_built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def _axe(page) -> list:
    """axe-core 4.14.1 (vendored) with WCAG 2.0/2.1/2.2 A/AA and best practice."""
    # Contrast is measured on what the reader sees, not halfway through a fade-in
    # (the theme animates search results): let running transitions finish first.
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
                           AXE_TAGS)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]



def _phone_context(browser, viewport):
    """A phone of the given (width, height) in CSS pixels, as the reader holds it."""
    width, height = viewport
    return browser.new_context(viewport={"width": width, "height": height}, is_mobile=True,
                               has_touch=True, device_scale_factor=2, locale="zh-CN")


def _context(browser, width):
    phone = width == "phone"
    return browser.new_context(viewport=WIDTHS[width], is_mobile=phone, has_touch=phone,
                               device_scale_factor=2 if phone else 1, locale="zh-CN")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_accessibility_has_zero_axe_violations(kind, width, browser, server):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES[kind], wait_until="networkidle")
    violations = _axe(page)
    context.close()
    assert violations == []


@pytest.mark.parametrize("kind", list(PAGES))
def test_language_tables_and_figures_have_text(kind, page, server):
    page.goto(server + PAGES[kind])
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    facts = page.evaluate("""() => ({
        imagesWithoutAlt: [...document.querySelectorAll('article img')]
            .filter(i => !(i.getAttribute('alt') || '').trim()).length,
        svgCharts: [...document.querySelectorAll('article svg.cs-chart-svg')].map(s => {
            const ids = (s.getAttribute('aria-labelledby') || '').split(' ');
            return ids.every(id => id && document.getElementById(id)
                                 && document.getElementById(id).textContent.trim());
        }),
        tablesWithoutHeaders: [...document.querySelectorAll('article table')]
            .filter(t => !t.querySelector('th')).length,
        // a screen reader announces a table by its name: the heading it stands under
        tableNames: [...document.querySelectorAll('article table')].map(t => {
            const by = document.getElementById(t.getAttribute('aria-labelledby') || '');
            return (t.caption || by || {textContent: ''}).textContent.trim(); }),
    })""")
    assert facts["imagesWithoutAlt"] == 0
    assert all(facts["svgCharts"])
    assert facts["tablesWithoutHeaders"] == 0
    assert all(facts["tableNames"]), facts["tableNames"]
    if kind == "case":
        assert facts["tableNames"] == ["基本信息", "涉及人员"]
    if kind == "statistics":
        assert facts["tableNames"][0] == "每月通报曝光案例和追责问责人数"
        assert len(facts["svgCharts"]) == 18  # every indicator, seed practices included


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_link_is_named_in_words_that_say_where_it_goes(kind, page, server):
    """The home page's charts were each a link to 统计分析 named by its image's alt: a
    screen reader heard three links named by strings of figures, none saying where it
    led. A link's name is its own text, never an image's alternative alone."""
    page.goto(server + PAGES[kind])
    found = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => !a.textContent.trim() && !a.getAttribute('aria-label'))
        .map(a => [a.getAttribute('href'), a.innerHTML.slice(0, 80)])""")
    assert found == []
    if kind == "home":
        names = page.evaluate("""() => [...document.querySelectorAll('.cs-home-charts a')]
            .map(a => [a.textContent.trim(), a.getAttribute('href'),
                       a.getBoundingClientRect().height >= 24])""")
        assert names == [["查看“每月通报曝光案例和追责问责人数”的数据表", "statistics/", True],
                         ["查看“各类单位的整改销号率”的数据表", "statistics/", True],
                         ["查看“各类单位的承诺书报送情况”的数据表", "statistics/", True]]


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_request_goes_to_the_site_itself(kind, page, server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + PAGES[kind], wait_until="networkidle")
    own = urlsplit(server).netloc
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    foreign = [u for u in requested if urlsplit(u).scheme in ("http", "https")
               and urlsplit(u).netloc != own]
    assert requested and foreign == []
    page.reload(wait_until="networkidle")
    assert failed == []  # and nothing it asks for is missing


# What a phone shows stays inside the box that holds it: a card (a table's row shown as a
# card), the header, or the page. A box that scrolls sideways is held to that rule itself;
# what it scrolls, and what is clipped to be read and not shown, are not. (At 320 px a
# correction badge ran 12 px out of a case's card, and the site's short name took four
# lines and ran out of the header: the page itself did not scroll, so only this finds it.)
OUTSIDE_ITS_BOX = """() => {
  // What a phone shows stays inside the box that holds it: a card (a table's row shown as
  // a card) or the page. A box that scrolls sideways is held to that rule itself; what it
  // scrolls, and what is clipped to be read and not shown, are not.
  const out = [];
  const name = e => e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : '');
  const holder = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (p.matches('table[data-cards] tbody tr')) return p;
      if (getComputedStyle(p).overflowX !== 'visible') return p;
    }
    return null;
  };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
    const hold = holder(e);
    if (hold && ['auto', 'scroll'].includes(getComputedStyle(hold).overflowX)) continue;
    if (hold && hold.getBoundingClientRect().width <= 1) continue;
    const limit = hold ? hold.getBoundingClientRect() : {left: 0, right: innerWidth};
    if (r.right > limit.right + 0.5 || r.left < limit.left - 0.5)
      out.push(`${name(e)} in ${hold ? name(hold) : 'the page'}: ${Math.round(r.left)}..${Math.round(r.right)} of ${Math.round(limit.left)}..${Math.round(limit.right)}`);
  }
  // the header holds its names and buttons whole (the search dialog opens over the page)
  const header = document.querySelector('.md-header').getBoundingClientRect();
  for (const e of document.querySelectorAll('.md-header *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || e.closest('.md-search') || e.closest('.cs-sr-only')) continue;
    if (getComputedStyle(e).visibility === 'hidden') continue;
    if (r.top < header.top - 0.5 || r.bottom > header.bottom + 0.5)
      out.push(`${name(e)} in the header: ${Math.round(r.top)}..${Math.round(r.bottom)} of ${Math.round(header.top)}..${Math.round(header.bottom)}`);
  }
  if (document.documentElement.scrollWidth > innerWidth) out.push('the page scrolls sideways');
  return out.slice(0, 6);
}"""
PHONES = [(320, 568), (360, 640), (390, 844)]


@pytest.mark.parametrize("kind", list(PAGES))
def test_phone_width_has_no_horizontal_scrolling(kind, browser, server):
    context = _phone_context(browser, PHONES[0])
    page = context.new_page()
    found = {}
    for width, height in PHONES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(server + PAGES[kind])
        found[width] = page.evaluate("""() => ({
            page: document.documentElement.scrollWidth, view: window.innerWidth,
            small: [...document.querySelectorAll('.md-header__button, .md-search__icon, label.md-header__button')]
                .filter(e => e.offsetParent !== null)
                .map(e => e.getBoundingClientRect())
                .filter(r => r.right > 0 && r.left < window.innerWidth)  // on screen now
                .filter(r => r.width < 24 || r.height < 24).length,
        })""")
        found[width]["outside"] = page.evaluate(OUTSIDE_ITS_BOX)
    context.close()
    for width, widths in found.items():
        assert widths["page"] <= widths["view"] == width  # wide tables scroll in their own box
        assert widths["small"] == 0  # header tap targets at least 24 x 24 CSS px
        assert widths["outside"] == [], width


@pytest.mark.parametrize("kind", list(PAGES))
def test_pages_show_their_content_without_javascript(kind, browser, server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(server + PAGES[kind])
    shown = page.evaluate("""() => ({
        h1: (document.querySelector('article h1') || {}).innerText || '',
        text: document.querySelector('article').innerText.length,
        links: document.querySelectorAll('article a[href]').length,
        rows: document.querySelectorAll('article table tbody tr').length,
        svgText: [...document.querySelectorAll('article svg text')].map(t => t.textContent),
    })""")
    if kind == "statistics":
        page.evaluate("""() => { const t = document.querySelector('article svg text');
                                 window.getSelection().selectAllChildren(t); }""")
        selected = page.evaluate("window.getSelection().toString()")
    context.close()
    assert shown["h1"].strip() and shown["text"] > 50
    if kind in ("home", "cases", "notices", "ledger", "commitments", "unit", "open-data"):
        assert shown["rows"] > 0 and shown["links"] > 0
    if kind == "statistics":
        assert "每月通报曝光案例和追责问责人数" in shown["svgText"]
        assert selected.strip() and selected.strip() in shown["svgText"]  # text, not outlines


def test_chinese_search_finds_a_case_by_its_unit(page, server):
    from conftest import ROOT
    from generator.checks import validate

    data, _ = validate(ROOT)
    units = {u["id"]: u["name"] for u in data.units}
    case = next(c for c in data.cases if c.published and units[c["unit"]].endswith("局"))
    query = units[case["unit"]].removeprefix("县")  # e.g. 卫生健康局: a word, not a phrase
    page.goto(server, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)         # CJK text arrives without key events, as from an IME ...
    box.press("End")        # ... and the theme reads the query on keyup
    # Results arrive as the search worker answers; wait for the case itself (jieba's
    # zero-width word breaks are in the titles, so compare without them).
    page.wait_for_function(
        """title => [...document.querySelectorAll('.md-search-result__item')]
                 .some(i => i.innerText.replace(/[\\s\\u200b]/g, '').includes(title))""",
        arg=case["title"], timeout=30000)


def test_clicking_a_column_header_sorts_the_rows(page, server):
    page.goto(server + "ledger/units/")
    column = "article table tbody tr td:nth-child(2)"

    def totals():
        return [int(t) for t in page.locator(column).all_inner_texts()]

    before = totals()
    header = page.locator("article table thead th").nth(1)
    header.click()
    first = totals()
    header.click()
    second = totals()
    assert first != before or second != before
    assert sorted(before) in (first, list(reversed(second))) or \
        sorted(before, reverse=True) in (first, second)
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    header.focus()
    page.keyboard.press("Enter")  # sortable from the keyboard too
    assert totals() == first
    page.keyboard.press(" ")
    assert totals() == second


def test_a_column_of_months_sorts_by_time_not_by_text(page, server):
    """The tables under the charts name months as the axes do (2026年3月, read aloud as a
    month, not 2026-03 as a subtraction); 2026年10月 sorts after 2026年9月."""
    page.goto(server + PAGES["statistics"], wait_until="networkidle")
    table = page.locator("article table", has=page.locator("th", has_text="月份")).first
    months = table.locator("tbody tr td:first-child")
    before = months.all_inner_texts()
    assert before[:2] == ["2026年3月", "2026年4月"] and "2026年10月" in before
    header = table.locator("thead th").first
    header.click()
    first = months.all_inner_texts()
    header.click()
    second = months.all_inner_texts()
    # one click sorts by time one way, the next the other (as text, 10月 would come before 3月)
    assert sorted([first, second]) == sorted([before, list(reversed(before))])


@pytest.mark.parametrize("kind", list(DECISIVE))
def test_phone_shows_the_decisive_cell_of_the_first_row_without_scrolling(kind, browser,
                                                                          server):
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES[kind])
    found = page.evaluate("""label => {
        const table = [...document.querySelectorAll('article table')].find(t =>
            [...t.querySelectorAll('thead th')].some(th => th.textContent.trim() === label));
        if (!table) return {missing: 'table'};
        const column = [...table.querySelectorAll('thead th')]
            .findIndex(th => th.textContent.trim() === label);
        const row = table.tBodies[0].rows[0];
        const cell = row.cells[column];
        // Bring the row to the top of the page, below the fixed header, as reading does.
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - header - 8);
        const r = cell.getBoundingClientRect();
        const tops = [...row.cells].map(c => c.getBoundingClientRect().top);
        return {key: cell.classList.contains('cs-key'), left: r.left, right: r.right,
                top: r.top, bottom: r.bottom, header: header, first: Math.min(...tops) === r.top,
                width: window.innerWidth, height: window.innerHeight,
                scrolled: document.documentElement.scrollWidth > window.innerWidth};
    }""", DECISIVE[kind])
    context.close()
    assert "missing" not in found
    assert found["key"] and found["first"]  # marked decisive and first in its card
    assert 0 <= found["left"] and found["right"] <= found["width"]
    assert found["header"] <= found["top"] and found["bottom"] <= found["height"]
    assert not found["scrolled"]


@pytest.mark.parametrize("kind", list(DECISIVE))
def test_a_card_column_name_never_runs_over_its_figure(kind, browser, server):
    """On a phone each cell shows its column name to its left. A name longer than that
    space (未到截止日期 over a count's nowrap cell) ran over the figure: every name must
    fit its space or wrap inside its own cell."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES[kind])
    over = page.evaluate("""() => {
        const ctx = document.createElement('canvas').getContext('2d');
        const out = [];
        for (const td of document.querySelectorAll('article table[data-cards] td')) {
            const label = getComputedStyle(td, '::before');
            const name = td.dataset.label || '';
            if (!name || label.display === 'none') continue;
            ctx.font = `${label.fontWeight} ${label.fontSize} ${label.fontFamily}`;
            const room = parseFloat(label.width);
            const wide = ctx.measureText(name).width;
            const wraps = !/nowrap|pre/.test(label.whiteSpace);
            const lines = Math.ceil(wide / room - 0.01);
            const cell = td.getBoundingClientRect();
            if ((wide > room + 0.5 && !wraps)
                || lines * parseFloat(label.lineHeight) > cell.height + 1)
                out.push([name, td.textContent.trim().slice(0, 20)]);
        }
        return out;
    }""")
    context.close()
    assert over == []


# The line under the title that states what a reader came for, per page kind.
FIRST_SCREEN = {
    "home": "通报曝光案例35起，追责问责53人；整改事项已销号184项（共320项），"
            "逾期未销号105项；承诺书迟报或未报的单位27个。",
    "case": "处理情况：副镇长林某（党内警告、政务记大过）。",
    "ledger-item": "已销号（2026年7月26日）；整改时限2027年1月23日。",
    "unit": "承诺书：按时报送3项；整改台账：已销号6项，未销号3项，其中逾期3项，销号率66.7%。"
            "典型案例：通报曝光2起。",
}
# The paragraphs after that line, where a page has more decisive facts: how to report
# (with the numbers to tap) on the home page; on a case, where it stands now (the day it
# was published, its latest 移送/督办 or 回头看) and, when corrected, the correction.
SECOND_LINE = {
    "home": [("电话举报：12388、0000-1234567。全部举报渠道和保密承诺：我要举报。",
              ["tel:12388", "tel:00001234567", "report/"])],
    "case": [("2026年5月20日通报曝光。本页内容已于2026年6月2日更正，更正内容见本页“更正记录”。", [])],
}


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
@pytest.mark.parametrize("kind", list(FIRST_SCREEN))
def test_the_decisive_fact_is_on_the_first_phone_screen(kind, viewport, browser, server):
    """Measured as the page opens, without scrolling: the line right under the title."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES[kind])
    found = page.evaluate("""() => {
        const line = document.querySelector('article h1').nextElementSibling;
        const r = line.getBoundingClientRect();
        return {tag: line.tagName, text: line.textContent.trim(), top: r.top, bottom: r.bottom,
                header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                scrolled: window.scrollY, height: window.innerHeight};
    }""")
    context.close()
    assert (found["tag"], found["text"]) == ("P", FIRST_SCREEN[kind])
    assert found["scrolled"] == 0
    assert found["header"] <= found["top"] and found["bottom"] <= found["height"]


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
@pytest.mark.parametrize("kind", list(SECOND_LINE))
def test_the_second_decisive_line_is_on_the_first_phone_screen_too(kind, viewport, browser,
                                                                  server):
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES[kind])
    found = page.evaluate("""count => {
        let line = document.querySelector('article h1').nextElementSibling;
        const out = [];
        for (let i = 0; i < count; i++) {
            line = line.nextElementSibling;
            const r = line.getBoundingClientRect();
            out.push({tag: line.tagName, text: line.textContent.trim(), bottom: r.bottom,
                height: window.innerHeight, scrolled: window.scrollY,
                links: [...line.querySelectorAll('a')].map(a => a.getAttribute('href')),
                small: [...line.querySelectorAll('a')].map(a => a.getBoundingClientRect())
                    .filter(b => b.height < 20).length});
        }
        return out;
    }""", len(SECOND_LINE[kind]))
    context.close()
    assert [(f["tag"], f["text"], f["links"]) for f in found] == \
        [("P", text, links) for text, links in SECOND_LINE[kind]]
    for line in found:
        assert line["scrolled"] == 0 and line["bottom"] <= line["height"]
        assert line["small"] == 0  # a number to tap is as tall as the text around it


# Where a case stands now, under the line of how it was handled (or the 澄清正名 box):
# the day it was published and its latest step, with its date.
STANDING = {
    "cases/2026-002/": "2026年5月20日通报曝光。本页内容已于2026年6月2日更正，更正内容见本页“更正记录”。",
    "cases/2026-009/": "2026年7月21日通报曝光；最新进展：2026年7月21日督办函（各涉及单位）。",
    "cases/2026-011/": "2026年10月3日通报曝光；最新进展：2026年10月3日移送（县公安局）。",
    "cases/2026-006/": "2026年8月7日通报曝光；最新进展：2026年9月6日回头看。",
    "cases/2026-005/": "2026年7月11日澄清正名。",
}


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
def test_a_case_states_where_it_stands_now_on_the_first_phone_screen(viewport, browser, server):
    """A case's date and its 移送/督办/回头看 were in its fact sheet and in sections at the
    foot of the page, below the first screen at 360 x 640: a reader saw who was handled
    how, but not when, nor whether anything had happened since."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    found = {}
    for path in STANDING:
        page.goto(server + path)
        found[path] = page.evaluate("""() => {
            const line = document.querySelector('article h1').nextElementSibling.nextElementSibling;
            const r = line.getBoundingClientRect();
            return [line.tagName, line.textContent.trim(),
                    r.bottom <= window.innerHeight && window.scrollY === 0];
        }""")
    context.close()
    assert found == {path: ["P", text, True] for path, text in STANDING.items()}


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
def test_an_issued_notice_states_its_date_and_standing_on_the_first_phone_screen(viewport,
                                                                                 browser, server):
    """The site's date, column and standing of an issued 通报 were at its foot (公文 order):
    a phone's first screen showed 版头, 文号 and title only. The site's line now comes first,
    above the 版头, outside the document's text."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES["notice"])
    found = page.evaluate("""() => {
        const line = document.querySelector('article .cs-doc-site'), r = line.getBoundingClientRect();
        const issuer = document.querySelector('article .cs-doc-issuer');
        return {text: line.textContent.trim(), bottom: r.bottom, height: window.innerHeight,
                header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                top: r.top, scrolled: window.scrollY,
                // the site's lines (its date line, then its summary) come before the 版头
                first: line.nextElementSibling === document.querySelector('article .cs-doc-summary')
                    && line.nextElementSibling.nextElementSibling === issuer,
                count: document.querySelectorAll('article .cs-doc-site').length};
    }""")
    context.close()
    # its standing as the repository's history tells it: the demo's notice was edited on
    # later days with no correction (a shallow clone holds one commit: 未更正)
    assert found["text"] in ("本站发布日期：2026年5月20日　栏目：通报　发布后未更正。",
                             "本站发布日期：2026年5月20日　栏目：通报　"
                             "发布后有修改，未写明更正内容，见文末更新记录。")
    assert found["first"] and found["count"] == 1 and found["scrolled"] == 0
    assert found["header"] <= found["top"] and found["bottom"] <= found["height"]


# What each issued 通报 names, as the site sums it up above its 版头 (test_published_word
# checks the words); the 公告 that cite no case and list no unit have no summary.
ISSUED_SUMMARIES = {
    "notices/2026-04-08-commitments-bulletin/": "本站摘要（非文件原文）：文中名单列出15家单位15项",
    "notices/2026-05-20-typical-cases/": "本站摘要（非文件原文）：文中列出案例3起：1.县城市管理局",
    "notices/2026-10-bulletin/": "本站摘要（非文件原文）：文中列出案例4起，其中：1.县医疗保障局",
    "notices/2026-03-01-campaign-launch/": None,
    "notices/2026-11-05-summary-phase/": None,
}


@pytest.mark.parametrize("viewport", [(320, 568), (360, 640), (390, 844)])
def test_every_issued_notice_says_whom_it_names_and_how_on_the_first_phone_screen(
        viewport, browser, server, demo_built):
    """The 05-20 通报 showed its first named case at y = 596 of a 360 x 640 screen, under its
    版头, 文号, 标题, 主送 and preamble: a reader saw no one named nor how each was handled.
    Every issued notice that cites cases or lists units now has the site's summary above its
    版头, on the first screen, and the 公文 below it keeps GB/T 9704's order (版头, 文号, 标题,
    主送) with its title on that screen too."""
    issued = sorted(f"notices/{p.parent.name}/" for p in (demo_built / "notices").glob("*/index.html")
                    if 'class="cs-doc-issuer"' in p.read_text("utf-8"))
    assert issued == sorted(ISSUED_SUMMARIES)
    context = _phone_context(browser, viewport)
    page = context.new_page()
    found = {}
    for path in issued:
        page.goto(server + path)
        found[path] = page.evaluate("""() => {
            const q = s => document.querySelector('article ' + s);
            const parts = ['.cs-doc-site', '.cs-doc-summary', '.cs-doc-issuer', '.cs-doc-number',
                           'h1', '.cs-doc-to'].map(q).filter(e => e);
            const tops = parts.map(e => e.getBoundingClientRect().top);
            const summary = q('.cs-doc-summary'), h1 = q('h1');
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            const shown = e => e.getBoundingClientRect().top >= header
                && e.getBoundingClientRect().bottom <= window.innerHeight;
            return {summary: summary && summary.textContent.trim(),
                    order: tops.every((t, i) => i === 0 || tops[i - 1] < t)
                        && parts.every((e, i) => i === 0 ||
                            parts[i - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING),
                    shown: (summary ? shown(summary) : true) && shown(h1),
                    scrolled: window.scrollY};
        }""")
    context.close()
    for path, start in ISSUED_SUMMARIES.items():
        got = found[path]
        assert (got["summary"] or None) is None if start is None else \
            got["summary"].startswith(start), (path, got)
        assert got["order"] and got["shown"] and got["scrolled"] == 0, (path, got)


# The decisive fact of each page kind (a line, a box, or the first row's decisive cell) and
# how it starts: on a 360 x 640 screen as the page opens, without scrolling.
FIRST_FACT = {
    "home": ("article h1 + p", "通报曝光案例35起"),
    "unit": ("article h1 + p", "承诺书："),
    "case": ("article h1 + p", "处理情况：副镇长林某"),
    "clarification": ("article h1 + .admonition", "澄清正名"),
    "withdrawn-case": ("article h1 + .admonition", "已撤回的案例"),
    "case-several-units": ("article h1 + p", "处理情况："),
    "ledger-item": ("article h1 + p", "已销号（2026年7月26日）"),
    "ledger": ("article h2 + p", "截至"),
    "notice": ("article .cs-doc-summary", "本站摘要（非文件原文）：文中列出案例3起"),
    "cases": ("处理措施", "党内严重警告、责令检查"),
    "cases-facet": ("处理措施", ""),
    "ledger-overdue": ("状态", "整改中"),
    "ledger-units": ("逾期", ""),
    "notices": ("标题", "关于做好专项治理总结检查工作的通知"),
    "notices-category": ("标题", "2026年10月专项治理工作通报"),
    "channels": ("号码或地址", "12388"),
    "commitments": ("未报送", "10"),
    "commitment": ("未报送", ""),
    "reports": ("未报", "3"),
    "inspections": ("发现问题", "3"),
    "warnings": ("当前等级", "黄牌"),
    "units": ("数量", ""),
    "unit-kind": ("逾期", ""),
    "open-data": ("条数", "60"),
    "commendations": ("称号", ""),
    "ranking": ("单位", "桃源乡"),
}


@pytest.mark.parametrize("kind", list(FIRST_FACT))
def test_every_page_kind_states_its_decisive_fact_on_the_first_phone_screen(kind, browser,
                                                                             server):
    """Measured as the page opens at 360 x 640, without the scroll the listing test makes."""
    where, start = FIRST_FACT[kind]
    context = _phone_context(browser, (360, 640))
    page = context.new_page()
    page.goto(server + PAGES[kind])
    found = page.evaluate("""([where, css]) => {
        let e;
        if (css) e = document.querySelector(where);
        else {
            const table = [...document.querySelectorAll('article table')].find(t =>
                [...t.querySelectorAll('thead th')].some(th => th.textContent.trim() === where));
            if (table) {
                const column = [...table.querySelectorAll('thead th')]
                    .findIndex(th => th.textContent.trim() === where);
                e = table.tBodies[0].rows[0].cells[column];
            }
        }
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return {text: e.textContent.trim(), top: r.top, bottom: r.bottom,
                header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                height: window.innerHeight, scrolled: window.scrollY};
    }""", [where, where.startswith(("article", "."))])
    context.close()
    assert found is not None and found["text"].startswith(start), found
    assert found["scrolled"] == 0
    assert found["header"] <= found["top"] and found["bottom"] <= found["height"], found


def test_an_issued_notice_keeps_each_issuer_name_on_one_line_on_a_phone(browser, server):
    """The 版头 broke 中共演示县纪律检查委员会 as 委员 / 会 at 360 px and pushed the title down."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES["notice"])
    found = page.evaluate("""() => {
        const p = document.querySelector('article .cs-doc-issuer'), text = p.firstChild;
        const names = text.textContent.split('\u3000');
        let at = 0;
        const lines = names.map(name => { const r = document.createRange();
            r.setStart(text, at); r.setEnd(text, at + name.length); at += name.length + 1;
            return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; });
        return {names: names, lines: lines, right: p.getBoundingClientRect().right,
                width: window.innerWidth};
    }""")
    context.close()
    assert found["names"] == ["中共演示县纪律检查委员会", "演示县监察委员会"]
    assert found["lines"] == [1, 1] and found["right"] <= found["width"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_an_issued_notices_title_is_centred_under_its_banner(width, browser, server):
    """GB/T 9704 7.3.1: the 标题 is centred, as the Word/PDF sets it; the page set it flush
    left under a centred 版头 and 文号, each of its lines against the left margin."""
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES["notice"])
    found = page.evaluate("""() => {
        const h1 = document.querySelector('article h1'), box = h1.getBoundingClientRect();
        const r = document.createRange(); r.selectNodeContents(h1);
        return [...r.getClientRects()].filter(b => b.width > 1).map(
            b => Math.round(Math.abs((b.left - box.left) - (box.right - b.right))));
    }""")
    context.close()
    assert found and max(found) <= 2, found  # each line as far from either side


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_an_issued_notices_signature_is_laid_out_as_its_document(width, browser, server):
    """GB/T 9704 7.3.5.2 as word.py sets a 公文 without a seal: each 署名 on its line, right-
    aligned 右空二字, the 成文日期 below with its first character two right of the longest
    name's. The page right-aligned name and date alike, the date's end under the name's."""
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES["notice"])
    found = page.evaluate("""() => {
        const sign = document.querySelector('article .cs-doc-sign');
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
        const text = e => { const r = document.createRange(); r.selectNodeContents(e);
            const b = r.getBoundingClientRect(); return [b.left, b.right]; };
        const body = sign.parentElement, style = getComputedStyle(body);
        return {em: parseFloat(getComputedStyle(sign).fontSize),
                right: box(body)[1] - parseFloat(style.paddingRight),
                names: [...sign.querySelectorAll('.cs-doc-signers > span')].map(
                    e => [e.textContent, ...text(e)]),
                date: [sign.querySelector('.cs-doc-date').textContent,
                       ...text(sign.querySelector('.cs-doc-date'))]};
    }""")
    context.close()
    em, names, date = found["em"], found["names"], found["date"]
    assert [n[0] for n in names] == ["中共演示县纪律检查委员会", "演示县监察委员会"]
    assert date[0] == "2026年5月19日"
    longest = min(n[1] for n in names)
    for _name, _left, right in names:  # 右空二字, each name
        assert abs(found["right"] - right - 2 * em) < 1.5
    assert abs(date[1] - (longest + 2 * em)) < 1.5  # two right of the longest name's start
    assert date[2] <= found["right"] - 2 * em + 1.5


@pytest.mark.parametrize("kind", ["case", "unit", "ledger-item", "campaign", "commendation"])
def test_a_record_fact_sheet_reads_each_value_with_its_label_and_is_not_sortable(kind, page,
                                                                                 server):
    page.goto(server + PAGES[kind], wait_until="networkidle")
    sheets = page.evaluate("""() => [...document.querySelectorAll('article table[data-facts]')]
        .map(t => ({head: !!t.tHead, sorted: !!t.dataset.sortable,
                    focusable: t.querySelectorAll('[tabindex], [role=columnheader]').length,
                    rows: [...t.rows].map(r => [r.cells.length, r.cells[0].tagName,
                                                r.cells[0].getAttribute('scope'),
                                                r.cells[1].tagName])}))""")
    assert sheets
    for sheet in sheets:
        assert (sheet["head"], sheet["sorted"], sheet["focusable"]) == (False, False, 0)
        assert {tuple(row) for row in sheet["rows"]} == {(2, "TH", "row", "TD")}
    page.locator("article table[data-facts] th").first.click()  # nothing to sort
    assert page.evaluate("document.querySelectorAll('article [aria-sort]').length") == 0


def test_no_two_links_on_a_page_share_a_name_but_not_a_target(demo_built):
    """A screen reader's list of links names each by its text (an image link by its alt):
    two links named alike must go to the same place (WCAG 2.4.4 / 2.4.9)."""
    import collections
    import html as html_text
    import re

    def name(inner: str) -> str:
        alts = " ".join(re.findall(r'alt="([^"]*)"', inner))
        return " ".join((html_text.unescape(re.sub(r"<[^>]+>", "", inner)) + alts).split())

    clashes, pages = [], 0
    for path in sorted(demo_built.rglob("*.html")):
        article = re.search(r"<article.*?</article>", path.read_text("utf-8"), re.S)
        if not article:
            continue
        pages += 1
        targets = collections.defaultdict(set)
        for attrs, inner in re.findall(r"<a ([^>]*)>(.*?)</a>", article.group(0), re.S):
            href = re.search(r'href="([^"]*)"', attrs)
            if href:
                targets[name(inner)].add(href.group(1))
        clashes += [(path.relative_to(demo_built).as_posix(), text, len(hrefs))
                    for text, hrefs in targets.items() if len(hrefs) > 1]
    assert pages > 500 and clashes == []
    home = (demo_built / "index.html").read_text("utf-8")
    assert ('alt="每月通报曝光案例和追责问责人数。通报曝光案例（起）、追责问责人数（人）：'
            "2026年3月\u30000、0；2026年4月\u30004、5；2026年5月\u30005、6；"
            "2026年6月\u30004、5；2026年7月\u30004、11；2026年8月\u30007、13；"
            '2026年9月\u30005、6；2026年10月\u30003、4；2026年11月\u30003、3。"') in home


def test_every_phone_and_mail_channel_can_be_tapped(page, server):
    from conftest import ROOT
    from generator.checks import validate
    from generator.render import channel_href

    data, _ = validate(ROOT)
    channels = data.channels["channels"]
    phones = [c for c in channels if c["kind"] == "电话"]
    assert len(phones) == 2
    expected = {channel_href(c) for c in channels if c["kind"] in ("电话", "邮箱")}
    assert {h.split(":")[0] for h in expected} == {"tel", "mailto"}
    assert "tel:12388" in expected and "tel:00001234567" in expected
    for path in ("report/", "", "cases/2026-002/"):  # the reporting page, the home page, any page
        page.goto(server + path)
        hrefs = set(page.eval_on_selector_all("a[href^='tel:'], a[href^='mailto:']",
                                              "els => els.map(e => e.getAttribute('href'))"))
        assert expected <= hrefs, path
    page.goto(server + "report/")
    codes = page.eval_on_selector_all("article figure.cs-qr svg[role=img]",
                                      "els => els.map(e => e.getAttribute('aria-label'))")
    assert len(codes) == 4  # two phones, the mailbox address, the web platform
    assert codes[0] == "全国纪检监察举报电话的二维码：12388"


@pytest.mark.parametrize("kind", ["home", "case", "not-found"])
def test_report_numbers_are_legible_and_big_enough_to_tap_on_a_phone(kind, browser, server):
    """The footer's and the home page's channels were theme footer text (12.8 px) with
    19 px tall links, one above the other: a number to call is body text and a 24 px
    target (WCAG 2.5.8)."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES[kind])
    links = page.evaluate("""() => [...document.querySelectorAll(
            '.cs-footer-channels a, .cs-report-box a')].map(a => {
        const r = a.getBoundingClientRect();
        return [a.getAttribute('href'), r.height, parseFloat(getComputedStyle(a).fontSize)];
    })""")
    context.close()
    assert len(links) >= (7 if kind == "home" else 3)  # tel, tel, mailto (+ the box)
    assert [h for h, height, size in links if height < 24 or size < 14] == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_report_button_is_one_tap_away_on_every_page(width, browser, server):
    context = _context(browser, width)
    page = context.new_page()
    for kind in ("home", "case", "statistics", "not-found"):
        page.goto(server + PAGES[kind])
        button = page.locator("header a.cs-report-button")
        assert button.is_visible() and button.inner_text() == "我要举报"
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width]["width"]
        assert box["height"] >= 24
    button.click()
    assert page.url.endswith("/report/")
    context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", ["home", "case", "channels", "statistics", "unit"])
def test_nothing_that_takes_keyboard_focus_is_invisible(kind, width, browser, server):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES[kind], wait_until="networkidle")
    # Judge the state a focus move ends in, not a fade-in half way.
    page.add_style_tag(content="*, *::before { transition: none !important; }")
    hidden = []
    seen = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            // A visually hidden radio button shows its focus on its label (the theme's
            // palette switch): judge the label then.
            const shown = (el.type === 'radio' && el.nextElementSibling
                           && el.nextElementSibling.tagName === 'LABEL')
                ? el.nextElementSibling : el;
            const s = shown.getBoundingClientRect();
            const visible = shown.checkVisibility({opacityProperty: true, visibilityProperty: true})
                && s.width > 0 && s.height > 0 && s.right > 0 && s.left < window.innerWidth
                && s.bottom > 0 && s.top < window.innerHeight;
            // The element itself, not its markup: two links alike (the same unit in
            // two tables) are two stops; the walk ends when focus comes back round.
            window.csStops = window.csStops || new Map();
            if (!window.csStops.has(el)) window.csStops.set(el, window.csStops.size);
            return {id: window.csStops.get(el) + ' ' + el.outerHTML.slice(0, 90),
                    visible: visible, x: r.left, y: r.top};
        }""")
        if state is None or state["id"] in seen:
            break
        seen.add(state["id"])
        if not state["visible"]:
            hidden.append(state["id"])
    context.close()
    assert len(seen) >= 5
    assert hidden == []


def test_golden_search_queries_find_the_expected_page_first(page, server):
    """The theme's search worker (patched) on the built index, as the search box uses it."""
    import yaml

    golden = yaml.safe_load((Path(__file__).parent / "data" / "search_golden.yml")
                            .read_text("utf-8"))
    assert len(golden) >= 40
    page.goto(server)
    first = page.evaluate("""async queries => {
        const config = JSON.parse(document.getElementById('__config').textContent);
        const index = await (await fetch(new URL('search/search_index.json', location.href))).json();
        const worker = new Worker(config.search);
        const ask = message => new Promise(resolve => {
            worker.onmessage = event => resolve(event.data); worker.postMessage(message); });
        await ask({type: 0, data: {...index, options: {suggest: false}}});
        const out = {};
        for (const query of queries) {
            const result = await ask({type: 2, data: query});
            out[query] = result.data.items.length
                ? result.data.items[0][0].location.split('#')[0] : null;
        }
        return out;
    }""", [item["query"] for item in golden])
    wrong = {item["query"]: (first[item["query"]], item["first"]) for item in golden
             if first[item["query"]] != item["first"]}
    assert wrong == {}


def test_search_index_loads_only_when_search_is_used(page, server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + PAGES["case"], wait_until="networkidle")
    assert not any(urlsplit(u).path.endswith("search/search_index.json") for u in requested)
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => performance.getEntriesByType('resource')
        .some(e => new URL(e.name).pathname.endsWith('search/search_index.json'))""",
                           timeout=10000)


def test_search_index_is_checked_with_the_server_before_a_phone_searches_its_copy(
        browser, demo_built):
    """A phone that searched once keeps the index in its cache: a case taken down since
    would still be found there, title and text. Each time search is first used on a page,
    the index is asked for with Cache-Control: max-age=0, so the browser checks its copy
    with the server (If-Modified-Since, answered 304 when the index is unchanged)."""
    served = []

    class Recording(_Quiet):
        def send_response(self, code, message=None):
            if urlsplit(self.path).path.endswith("search/search_index.json"):
                served.append((code, self.headers.get("Cache-Control"),
                               self.headers.get("If-Modified-Since") is not None))
            super().send_response(code, message)

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recording, directory=str(demo_built)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        for path in (PAGES["case"], PAGES["home"]):
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{path}",
                      wait_until="networkidle")
            with page.expect_response(lambda response: urlsplit(response.url).path.endswith(
                    "search/search_index.json"), timeout=10000) as answer:
                page.locator("input.md-search__input").click()
            answer.value.finished()  # (read to its end before the next page is opened)
        assert served == [(200, "max-age=0", False), (304, "max-age=0", True)]
    finally:
        context.close()
        httpd.shutdown()


def test_search_index_is_compact_and_holds_no_staff_page_or_table(demo_built):
    import json
    import re

    raw = (demo_built / "search" / "search_index.json").read_text("utf-8")
    assert "卫生" in raw and not re.search(r"\\u[4-9][0-9a-f]{3}", raw)  # no Han escaped
    docs = json.loads(raw)["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert "data-spec/" not in locations
    assert "units/ZF11/" in locations  # unit pages are found by name
    assert not any("units/" in d["location"] and "#" in d["location"] for d in docs)
    assert not any("<table" in d["text"] or "TZ-0162" in d["text"] for d in docs)
    # What search does not need: a record's 记录历史 (dates of its changes) and the notices
    # citing it (indexed under their own titles), a heading whose table is left out (涉及人员
    # on every case page), the generator's lines of links (返回案例列表), and a chart's own
    # text (its title, description and axis ticks, already in the heading and 口径 line).
    plain = [(d["location"], d["title"].replace("\u200b", ""), d["text"].replace("\u200b", ""))
             for d in docs]
    assert [p for p in plain if p[1] in ("记录历史", "相关通知公告", "涉及人员")] == []
    assert [p for p in plain if "#" in p[0] and not p[2]] == []
    assert [p for p in plain if "返回案例列表" in p[2] or "返回通知公告" in p[2]] == []
    charts = [(p[2], re.search(r"<p>口径：([^<]+)</p>", p[2])) for p in plain
              if p[0].startswith("statistics/#")]
    charts = [(text, found.group(1)) for text, found in charts if found]
    assert len(charts) == 18 and [t for t, d in charts if t.count(d) != 1] == []
    assert not [p for p in demo_built.rglob("*.html") if "cs-unsearched" in p.read_text("utf-8")]
    # a case's facts are still searched
    assert any("玩手机游戏" in p[2] for p in plain if p[0].startswith("cases/2026-002/"))


def test_readme_states_the_search_index_size_the_demo_builds(demo_built):
    """README's figure for the index a reader downloads on first search is the one the
    demo builds (raw, and gzipped as a server sends it), not a number typed once."""
    import gzip
    import re

    from conftest import ROOT

    raw = (demo_built / "search" / "search_index.json").read_bytes()
    measured = (round(len(raw) / 1024), round(len(gzip.compress(raw, 6, mtime=0)) / 1024))
    readme = (ROOT / "README.md").read_text("utf-8")
    stated = re.findall(r"The search index \(([\d,]+) KB, ([\d,]+) KB gzipped\)", readme)
    assert stated == [(f"{measured[0]:,}", f"{measured[1]:,}")], \
        f"README should say: The search index ({measured[0]:,} KB, {measured[1]:,} KB gzipped)"


@pytest.mark.parametrize("kind", ["statistics", "home"])
def test_chart_text_is_legible_and_unclipped_on_a_phone(kind, browser, server, demo_built):
    import re as regex

    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES[kind], wait_until="networkidle")
    if kind == "statistics":
        charts = page.evaluate("""() => [...document.querySelectorAll('article svg[role=img]')]
            .map(svg => {
                const vb = svg.viewBox.baseVal, box = svg.getBoundingClientRect();
                const scale = box.width / vb.width;
                const texts = [...svg.querySelectorAll('text')];
                return {smallest: Math.min(...texts.map(t =>
                            parseFloat(getComputedStyle(t).fontSize) * scale)),
                        clipped: texts.filter(t => { const r = t.getBoundingClientRect();
                            return r.left < box.left - .5 || r.right > box.right + .5
                                || r.top < box.top - .5 || r.bottom > box.bottom + .5; })
                            .map(t => t.textContent),
                        months: texts.map(t => t.textContent).filter(x => /^\\d{4}-\\d{2}$/.test(x))};
            })""")
        assert len(charts) == 18  # every indicator, the seed practices' ones included
        assert min(c["smallest"] for c in charts) >= 11
        assert [c["clipped"] for c in charts] == [[]] * 18
        assert [c["months"] for c in charts] == [[]] * 18  # 2026年3月, not 2026-03
    else:
        # The charts lie below the first screen and are laid out when near it
        # (content-visibility: auto): measure them as the reader scrolled to them.
        page.locator(".cs-home-charts").scroll_into_view_if_needed()
        page.wait_for_function("""() => [...document.querySelectorAll('.cs-home-charts img')]
            .every(i => i.complete && i.getBoundingClientRect().width > 100)""")
        shown = page.evaluate("""() => [...document.querySelectorAll('.cs-home-charts img')]
            .map(i => [i.getAttribute('src'), i.getBoundingClientRect().width])""")
        assert len(shown) == 3
        for src, width in shown:
            svg = (demo_built / src).read_text("utf-8")
            view = float(regex.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
            sizes = [float(x) for x in regex.findall(r"font-size: ([\d.]+)px", svg)]
            assert min(sizes) * width / view >= 11, src
    context.close()


def test_elder_mode_is_larger_and_remembered(page, server):
    page.goto(server + PAGES["case"])
    size = "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    before = page.evaluate(size)
    toggle = page.locator("label[title='切换到大字版']")
    assert toggle.is_visible()
    toggle.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "elder"
    assert page.evaluate(size) >= before * 1.2
    page.goto(server + PAGES["statistics"])  # another page, later: still 大字版
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "elder"
    assert page.locator("label[title='切换到标准版']").is_visible()


def test_printed_page_names_its_source_and_drops_navigation(page, server):
    page.goto(server + PAGES["case"])
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    source = page.locator(".cs-print-source")
    assert source.is_visible()
    text = source.inner_text()
    assert "演示县整治“不作为、慢作为、乱作为”专项治理公开平台" in text
    assert "中共演示县纪律检查委员会" in text
    assert "https://zhuanxiang.example.gov.cn/cases/2026-002/" in text
    assert "页面生成日期：2026年11月20日" in text and "打印日期：" in text
    assert "本站为演示站点" in text
    assert not page.get_by_text("返回案例列表").is_visible()
    assert not page.locator(".md-header, .md-tabs, .md-sidebar").first.is_visible()


def test_pages_share_a_title_description_and_address(page, server):
    page.goto(server + PAGES["case"])
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'meta[name=description], meta[property^="og:"]')].map(m =>
        [m.getAttribute('name') || m.getAttribute('property'), m.getAttribute('content')]))""")
    assert meta["og:title"] == "柳溪镇副镇长林某在低保申请中作风漂浮问题"
    assert meta["og:url"] == "https://zhuanxiang.example.gov.cn/cases/2026-002/"
    assert meta["description"] == meta["og:description"]
    assert meta["description"].startswith("柳溪镇，纪律松弛。")
    page.goto(server + PAGES["home"])
    assert page.get_attribute("meta[name=description]", "content") == \
        "公开专项治理的承诺履行、典型案例、整改台账和举报渠道，接受群众监督。"


def test_official_marks_header_footer_and_a_chinese_not_found_page(page, server):
    page.goto(server + PAGES["not-found"])
    assert page.locator("article h1").inner_text() == "页面不存在"
    assert page.get_by_role("link", name="返回网站首页").is_visible()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    header = page.locator(".md-header").inner_text()
    assert "中共演示县纪律检查委员会" in header
    # with ?v= and the digest of the file: a replaced emblem is fetched afresh
    from conftest import ROOT
    from generator import theme
    for selector, attribute, name in ((".md-header .md-logo img", "src", "emblem.svg"),
                                      ("link[rel=icon]", "href", "favicon.svg")):
        digest = theme.content_version((ROOT / "content/assets/images" / name).read_bytes())
        assert page.get_attribute(selector, attribute).endswith(
            f"assets/images/{name}?v={digest}")
    footer = page.locator(".md-footer").inner_text()
    for mark in ("主办单位：中共演示县纪律检查委员会", "联系我们：", "网站标识码：0000000000",
                 "演ICP备00000000号", "演公网安备 00000000000000号", "网站地图"):
        assert mark in footer
    page.get_by_role("link", name="网站地图").first.click()
    assert page.locator("article h1").inner_text() == "网站地图"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_dialog_with_results_has_zero_axe_violations(width, browser, server):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES["case"], wait_until="networkidle")
    if width == "phone":
        page.locator(".md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("卫生健康局")
    box.press("End")
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__item')]
        .some(i => i.innerText.replace(/[\\s\\u200b]/g, '').includes('县卫生健康局'))""",
                           timeout=30000)
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    violations = _axe(page)
    context.close()
    assert first.split("?")[0].endswith("units/ZF11/")
    assert violations == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_issuing_body_is_shown_whole_and_legible_under_the_site_name(width, browser,
                                                                        server):
    """The header's subtitle was 11 px and cut to 中共演示县纪… beside a phone's buttons:
    the issuing body is shown once, each issuer on one line, at 12 px or more, on the
    first screen."""
    context = _context(browser, width)
    page = context.new_page()
    page.goto(server + PAGES["case"])
    found = page.evaluate("""() => {
        const shown = [...document.querySelectorAll('.cs-authority, .cs-masthead p')]
            .filter(e => e.checkVisibility());
        return shown.map(e => {
            const text = e.firstChild, names = text.textContent.split('\u3000');
            let at = 0;
            const lines = names.map(name => { const r = document.createRange();
                r.setStart(text, at); r.setEnd(text, at + name.length); at += name.length + 1;
                return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; });
            const box = e.getBoundingClientRect();
            return {names: names, lines: lines, size: parseFloat(getComputedStyle(e).fontSize),
                    cut: e.scrollWidth > e.clientWidth + 1, left: box.left, right: box.right,
                    bottom: box.bottom, width: window.innerWidth, height: window.innerHeight};
        });
    }""")
    context.close()
    assert len(found) == 1  # once: in the header, or on a phone in the line under it
    shown = found[0]
    assert shown["names"] == ["中共演示县纪律检查委员会", "演示县监察委员会"]
    assert shown["lines"] == [1, 1] and shown["size"] >= 12 and not shown["cut"]
    assert 0 <= shown["left"] and shown["right"] <= shown["width"]
    assert shown["bottom"] <= shown["height"]


def test_every_channel_a_reader_can_act_on_is_a_link_in_the_footer(page, server):
    """The footer linked phones and mailboxes but printed the 网上平台 as text."""
    from conftest import ROOT
    from generator.checks import validate
    from generator.render import channel_href

    data, _ = validate(ROOT)
    expected = [[c["name"], channel_href(c)] for c in data.channels["channels"]]
    assert [href for _name, href in expected if href and href.startswith("https:")] == \
        ["https://jubao.yanshi-demo.example.gov.cn/"]
    page.goto(server + PAGES["case"])
    shown = page.evaluate("""() => [...document.querySelectorAll('.cs-footer-channels .cs-channel')]
        .map(c => [c.firstChild.textContent.split('：')[0].trim(),
                   c.querySelector('a') ? c.querySelector('a').getAttribute('href') : null])""")
    assert shown == expected


def test_scripts_a_page_does_not_use_are_not_fetched(browser, server, demo_built):
    """Tablesort (3 KB gzipped) came with every page and the search worker (12 KB) with
    every first view: tablesort is fetched where a table can be sorted (not on a phone,
    where listings are cards), the worker when search is first used."""
    assert not [p for p in demo_built.rglob("*.html") if "tablesort" in p.read_text("utf-8")]

    def fetched(width, kind):
        context = _context(browser, width)
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        page.goto(server + PAGES[kind], wait_until="networkidle")
        sortable = page.evaluate("document.querySelectorAll('article [data-sortable]').length")
        return context, page, requested, sortable

    def names(requested):
        return sorted(p.rsplit("/", 1)[1] for p in requested if p.endswith(".js"))

    context, page, requested, sortable = fetched("desktop", "ledger-units")
    worker = "search-worker.js"
    assert "tablesort.min.js" in names(requested) and sortable == 1 and worker not in names(requested)
    context.close()
    for width, kind in (("desktop", "case"), ("phone", "ledger-units"), ("phone", "ledger")):
        context, page, requested, sortable = fetched(width, kind)
        assert (sortable, [n for n in names(requested) if n.startswith("tablesort")]) == (0, [])
        assert names(requested) == sorted(["search-on-demand.js", "tables.js", "reader.js",
                                           *[n for n in names(requested)
                                             if n.startswith("bundle.")]]), (width, kind)
        assert not [p for p in requested if p.endswith((".woff", ".woff2", ".ttf", ".otf"))]
        if kind == "case":
            page.locator("input.md-search__input").click()
            page.wait_for_function("""() => performance.getEntriesByType('resource')
                .some(e => new URL(e.name).pathname.endsWith('search-worker.js'))""", timeout=10000)
        context.close()


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
def test_a_units_fact_sheet_ends_on_the_first_phone_screen(viewport, browser, server):
    """Under a unit's decisive line its fact sheet (类别, 主管部门 … 当前预警) ended below
    the first screen at 360 x 640 (the theme's 32 px title and 53 px rows): on a phone
    the title is a size smaller and the rows hold their text without the air."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES["unit"])
    found = page.evaluate("""() => {
        const sheet = document.querySelector('article table[data-facts]');
        return {rows: sheet.rows.length, bottom: sheet.getBoundingClientRect().bottom,
                height: window.innerHeight, scrolled: window.scrollY};
    }""")
    context.close()
    assert found["rows"] == 6 and found["scrolled"] == 0
    assert found["bottom"] <= found["height"]


def test_the_sites_stylesheet_reaches_a_phone_without_its_comments(demo_built):
    """site.css is half comments (why each rule is there, for the programmers who review
    it): a phone on a slow line fetched them before it could draw any page. The built copy
    has every rule and no comment."""
    import gzip

    from conftest import ROOT
    from generator.theme import compact_stylesheet

    source = (ROOT / "content/assets/stylesheets/site.css").read_text("utf-8")
    built = (demo_built / "assets/stylesheets/site.css").read_text("utf-8")
    assert built == compact_stylesheet(source) and "/*" not in built and "*/" not in built
    assert built.count("{") == source.count("{") > 100  # every rule kept (none has { in text)
    assert len(gzip.compress(built.encode(), 6)) < 0.6 * len(gzip.compress(source.encode(), 6))


def test_a_stylesheet_loses_only_its_comments():
    from generator.theme import compact_stylesheet

    assert compact_stylesheet("/* a */\n.a { color: red; } /* b\n c */\n\n.b{x:1}/*open") == \
        ".a { color: red; }\n.b{x:1}\n"
    assert compact_stylesheet(".a::before { content: \"*\"; }\n") == ".a::before { content: \"*\"; }\n"
    # an unclosed comment runs to the end; one pass, never a scan per comment opening
    assert compact_stylesheet(".a{}\n" + "/* x " * 50_000) == ".a{}\n"


def test_readme_states_what_a_phone_fetches_to_show_a_case_page(browser, server, demo_built):
    """README's first-view weight is what a phone fetches for a case page, each file
    gzipped as a server sends it (level 6): no font, no sorting script, no search worker
    or index, measured here rather than typed once."""
    import gzip
    import re

    from conftest import ROOT

    context = _context(browser, "phone")
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(server + PAGES["case"], wait_until="networkidle")
    context.close()
    kinds = {"html": 0, "css": 0, "js": 0, "other": 0}
    for path in dict.fromkeys(requested):
        file = demo_built / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        kind = file.suffix.lstrip(".") if file.suffix in (".html", ".css", ".js") else "other"
        kinds[kind] += len(gzip.compress(file.read_bytes(), 6, mtime=0))
    kb = {kind: round(size / 1024, 1) for kind, size in kinds.items()}
    line = (f"First view of a case page on a phone, gzipped: HTML {kb['html']} KB + CSS "
            f"{kb['css']} KB + JS {kb['js']} KB = "
            f"{round((kinds['html'] + kinds['css'] + kinds['js']) / 1024, 1)} KB")
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert line in readme, f"README should say: {line}"
    assert kb["other"] < 1  # the emblem and the favicon; no font
    # the theme's palette.css styles only colours and schemes this site does not use
    assert [p.rsplit("/", 1)[1] for p in requested if p.endswith(".css")] == \
        [p.rsplit("/", 1)[1] for p in requested if "/main." in p] + ["site.css"]


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
def test_the_site_name_is_shown_whole_on_a_phone(viewport, browser, server):
    """The header cut the site's name to 演示县… beside a phone's buttons: a phone shows
    the short name (site.yml short_title) whole, on at most two lines, inside the header."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES["case"])
    found = page.evaluate("""() => {
        const shown = [...document.querySelectorAll(
            '.md-header__topic:first-child > span, .cs-masthead p')].filter(e => e.checkVisibility());
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return shown.map(e => { const r = e.getBoundingClientRect(), range = document.createRange();
            range.selectNodeContents(e);
            return {text: e.textContent.trim(), header: e.closest('.md-header') !== null,
                    lines: new Set([...range.getClientRects()].map(b => Math.round(b.top))).size,
                    cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
                    inside: header.top <= r.top && r.bottom <= header.bottom &&
                            0 <= r.left && r.right <= window.innerWidth}; });
    }""")
    context.close()
    name = [f for f in found if f["header"]]
    assert [f["text"] for f in found] == ["演示县专项治理公开平台", "中共演示县纪律检查委员会　演示县监察委员会"]
    assert name == [{"text": "演示县专项治理公开平台", "header": True, "lines": 2, "cut": False,
                     "inside": True}]


def test_a_site_name_too_long_for_the_header_goes_whole_under_it():
    """Without a short name that fits, the header shows no cut name: the full title is
    on the line under the header (the masthead), and check names a short name too long."""
    from generator.checks import PHONE_HEADER_CHARS, phone_site_name

    title = "演示县整治“不作为、慢作为、乱作为”专项治理公开平台"
    assert PHONE_HEADER_CHARS == 12
    assert phone_site_name({"title": title}) is None
    assert phone_site_name({"title": title, "short_title": "演示县专项治理公开平台"}) == \
        "演示县专项治理公开平台"
    assert phone_site_name({"title": title, "short_title": "一二三四五六七八九十一二三"}) is None
    assert phone_site_name({"title": "演示县专项治理平台"}) == "演示县专项治理平台"


@pytest.mark.parametrize("viewport", [(360, 640), (390, 844)])
@pytest.mark.parametrize("kind", ["case", "case-several-units"])
def test_a_case_states_what_happened_and_what_was_done_on_the_first_phone_screen(
        kind, viewport, browser, server):
    """A case's 基本事实 and 处理结果 came after its fact sheet (编号, 类型, 日期 …), below
    the first screen at 360 x 640: now they follow the line naming who was handled how."""
    context = _phone_context(browser, viewport)
    page = context.new_page()
    page.goto(server + PAGES[kind])
    found = page.evaluate("""() => [...document.querySelectorAll('article h2')].slice(0, 2)
        .map(h => { const text = h.nextElementSibling;
            return [h.textContent.trim(), text.tagName, text.getBoundingClientRect().bottom
                    <= window.innerHeight && window.scrollY === 0]; })""")
    context.close()
    assert found == [["基本事实", "P", True], ["处理结果", "P", True]]


def test_a_screen_reader_hears_where_the_skip_link_and_the_header_buttons_go(page, server):
    """The theme's skip link said only 跳转至, and the header's menu and search buttons
    (icons in a <label>) had no name, nor had the search dialog's close button: a screen
    reader read "link 跳转至" and unnamed images. The filter a listing shows is marked current, not read as one more link."""
    page.goto(server + PAGES["cases-facet"])
    found = page.evaluate("""() => ({
        skip: [document.querySelector('a.md-skip').textContent.trim(),
               document.querySelector('a.md-skip').getAttribute('href')],
        buttons: [...document.querySelectorAll('.md-header__button[for=__drawer], .md-header__button[for=__search]')]
            .map(l => l.textContent.trim()),
        current: [...document.querySelectorAll('article details a[aria-current="page"]')]
            .map(a => a.textContent.trim()),
        close: document.querySelector('.md-search__form label.md-search__icon').textContent.trim(),
        banner: document.querySelector('aside.md-banner').getAttribute('aria-label'),
    })""")
    assert found == {"skip": ["跳转至正文", "#_1"], "buttons": ["栏目导航", "站内搜索"],
                     "current": ["群众举报（9）"], "close": "关闭搜索", "banner": "本站说明"}


LANDMARKS = {"banner", "navigation", "main", "complementary", "contentinfo", "region", "search"}


def _landmarks(cdp) -> list:
    """(role, name) of every landmark in Chromium's accessibility tree, as a screen
    reader's list of landmarks reads them (hidden ones are not in it)."""
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [(n["role"]["value"], n.get("name", {}).get("value", "")) for n in nodes
            if not n.get("ignored") and n.get("role", {}).get("value") in LANDMARKS]


def _header_buttons(cdp) -> dict:
    """{name: (role, expanded, controls)} of the header's menu and search buttons, as
    buttons (a <label> is no button: it was not found)."""
    out = {}
    for n in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        name = n.get("name", {}).get("value", "")
        if n.get("ignored") or name not in ("栏目导航", "站内搜索") or \
                n.get("role", {}).get("value") != "button":
            continue
        props = {p["name"]: p["value"] for p in n.get("properties", [])}
        out[name] = (n["role"]["value"], props.get("expanded", {}).get("value"),
                     [r["idref"] for r in props.get("controls", {}).get("relatedNodes", [])])
    return out


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", ["home", "case", "statistics", "notice", "unit"])
def test_every_landmark_has_a_name_of_its_own(kind, width, browser, server):
    """The theme named its regions 标签 (the tabs) and 目录 (this page's contents): a
    screen reader's list of landmarks read "navigation 标签". Every navigation, region and
    complementary landmark is named, each name once, from labels.yml."""
    context = _context(browser, width)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(server + PAGES[kind], wait_until="networkidle")
    found = _landmarks(cdp)
    context.close()
    # a page's one banner, main, footer and search are read by their role; every other
    # landmark needs a name, and no two names are alike
    roles = [role for role, _name in found]
    named = [(role, name) for role, name in found
             if role not in ("banner", "main", "contentinfo", "search") or roles.count(role) > 1]
    assert all(name for _role, name in named), found
    assert len({name for _role, name in named}) == len(named), found
    assert not {"标签", "目录", "导航栏", "查找", "页眉"} & {name for _role, name in found}
    if width == "desktop":  # (on a phone they are in the drawer, closed)
        assert ("navigation", "网站栏目") in found and ("navigation", "栏目导航") in found
        assert ("navigation", "本页目录") in found or kind == "statistics"


@pytest.mark.parametrize("kind", ["home", "case"])
def test_the_header_buttons_say_what_they_open_and_whether_it_is_open(kind, browser, server):
    """The header's menu and search buttons (the theme's <label>s) were read as a label,
    with nothing saying whether the menu or the search was open. Read from Chromium's
    accessibility tree: each is a button, names the region it opens (aria-controls) and
    says whether it is open (aria-expanded), as the reader opens and closes it."""
    context = _context(browser, "phone")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(server + PAGES[kind], wait_until="networkidle")
    found = [_header_buttons(cdp)]
    for button in ("__drawer", "__search"):
        page.click(f".md-header [for={button}]")
        page.wait_for_timeout(300)
        found.append(_header_buttons(cdp))
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        found.append(_header_buttons(cdp))
    controlled = page.evaluate("""() => [...document.querySelectorAll(
            '.md-header__button[for=__drawer], .md-header__button[for=__search]')]
        .map(b => { const panel = document.getElementById(b.getAttribute('aria-controls'));
                    return panel && panel.matches(b.getAttribute('for') === '__drawer'
                        ? '.md-sidebar--primary' : '.md-search'); })""")
    context.close()
    closed = {"栏目导航": ("button", False, ["cs-drawer"]),
              "站内搜索": ("button", False, ["cs-search"])}
    opened = {name: (role, True, ids) for name, (role, _state, ids) in closed.items()}
    # (Chromium leaves a region that is hidden out of aria-controls' related nodes)
    assert [{name: state[:2] for name, state in f.items()} for f in found] == [
        {name: state[:2] for name, state in s.items()} for s in (
            closed, {**closed, "栏目导航": opened["栏目导航"]}, closed,
            {**closed, "站内搜索": opened["站内搜索"]}, closed)]
    assert controlled == [True, True]


@pytest.mark.parametrize("kind", ["home", "case", "statistics", "not-found"])
def test_the_header_buttons_are_reached_and_opened_from_the_keyboard(kind, browser, server):
    """On a phone the navigation and the search box are behind the header's menu and
    search buttons, <label>s of the theme's checkboxes: Tab went from the skip link
    straight to the palette switch and the report button, so a keyboard or switch user
    reached neither. Each is now a stop, opens on Enter or Space with focus inside what
    opened, and Escape brings focus back to it."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + PAGES[kind], wait_until="networkidle")
    active = """() => { const e = document.activeElement;
        return {for: e.getAttribute('for'), role: e.getAttribute('role'),
                drawer: !!e.closest('.md-sidebar--primary'), search: e.matches('.md-search__input'),
                open: ['__drawer', '__search'].filter(id => document.getElementById(id).checked)}; }"""
    stops = []
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(active)["for"])
    assert "__drawer" in stops and "__search" in stops
    assert stops.index("__drawer") < stops.index("__search")
    found = []
    for button, key in (("__drawer", "Enter"), ("__search", "Enter"), ("__drawer", " "),
                        ("__search", " ")):
        page.focus(f".md-header [for={button}]")
        assert page.evaluate(active)["for"] == button
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        opened = page.evaluate(active)
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        closed = page.evaluate(active)
        found.append((button, opened["open"], opened["drawer"], opened["search"],
                      closed["open"], closed["for"]))
    context.close()
    assert found == [("__drawer", ["__drawer"], True, False, [], "__drawer"),
                     ("__search", ["__search"], False, True, [], "__search"),
                     ("__drawer", ["__drawer"], True, False, [], "__drawer"),
                     ("__search", ["__search"], False, True, [], "__search")]


def test_the_sites_own_scripts_and_stylesheets_change_address_when_they_change(browser, server,
                                                                              demo_built):
    """site.css, reader.js … kept one address across deploys, so a phone that cached them
    ran an old script with a new page (the theme's files carry a hash in their names).
    Every page now links each with ?v= and the digest of all of them, the search worker
    with the digest of its own text, and tables.js loads tablesort with its own ?v=."""
    import re

    from conftest import ROOT
    from generator import theme

    version = theme.own_assets_version(ROOT / "content" / "assets")
    worker = theme.content_version(theme.patched_search_worker(theme.search_worker_source()))
    own = re.compile(r'(?:href|src)="([^"]*assets/(?:javascripts|stylesheets)/[^"]*\.(?:js|css)[^"]*)"')
    themes = re.compile(r"/(?:main|bundle)\.[0-9a-f]{8}\.min\.(?:css|js)$")
    unversioned, pages = [], 0
    for path in sorted(demo_built.rglob("*.html")):
        if path.parts[-2] == "admin":  # the editor's page loads its vendored files as shipped
            continue
        pages += 1
        text = path.read_text("utf-8")
        unversioned += [(path.relative_to(demo_built).as_posix(), url) for url in own.findall(text)
                        if not themes.search(url) and not url.endswith(f"?v={version}")]
        assert f'search-worker.js?v={worker}"' in text or "__config" not in text, path
    assert pages > 500 and unversioned == []
    context = _context(browser, "desktop")
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + PAGES["ledger-units"], wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => performance.getEntriesByType('resource')
        .some(e => new URL(e.name).pathname.endsWith('search-worker.js'))""", timeout=10000)
    context.close()
    # the emblem and the favicon by the digest of their bytes
    images = {urlsplit(u).path.rsplit("/", 1)[1]: urlsplit(u).query for u in requested
              if "/assets/images/" in u}
    assert images == {name: "v=" + theme.content_version(
        (ROOT / "content/assets/images" / name).read_bytes()) for name in images} and \
        "emblem.svg" in images
    fetched = {urlsplit(u).path.rsplit("/", 1)[1]: urlsplit(u).query for u in requested
               if "/assets/javascripts/" in u or "/assets/stylesheets/" in u}
    assert {name: query for name, query in fetched.items() if not themes.search("/" + name)} == {
        "site.css": f"v={version}", "search-on-demand.js": f"v={version}",
        "tables.js": f"v={version}", "reader.js": f"v={version}",
        "tablesort.min.js": f"v={version}", "tablesort.number.min.js": f"v={version}",
        "search-worker.js": f"v={worker}"}


def test_every_unit_page_states_its_commitments_and_ledger_progress_on_the_first_phone_screen(
        browser, server, demo_built):
    """Every unit page, whatever its kind or records: the line under its name (承诺书 kept
    or not, the ledger counted with its 销号率, as the lists show it) is on the first
    360 x 640 screen, and the page does not scroll sideways."""
    import re

    units = sorted(p.parent.name for p in (demo_built / "units").glob("*/index.html")
                   if not p.parent.name.startswith("kind-"))
    context = _phone_context(browser, (360, 640))
    page = context.new_page()
    off, lines = [], {}
    for unit in units:
        page.goto(server + f"units/{unit}/")
        found = page.evaluate("""() => {
            const line = document.querySelector('article h1').nextElementSibling;
            return {tag: line.tagName, text: line.textContent.trim(),
                    bottom: line.getBoundingClientRect().bottom, height: window.innerHeight,
                    wide: document.documentElement.scrollWidth > window.innerWidth};
        }""")
        lines[unit] = found["text"]
        if found["tag"] != "P" or found["bottom"] > found["height"] or found["wide"]:
            off.append((unit, found))
    context.close()
    assert len(units) == 60 and off == []
    shape = re.compile(r"承诺书：[^；]+；整改台账：(?:无|已销号\d+项，未销号\d+项，其中逾期\d+项，"
                       r"销号率\d+\.\d%)。典型案例：[^。]+。")
    assert [unit for unit, text in lines.items() if not shape.fullmatch(text)] == []


def test_a_wide_table_scrolls_in_its_own_box_with_a_shadow_at_the_hidden_edge(browser, server):
    """A table too wide for a phone (a notice's table with merged cells stays a table) is
    scrolled in its own box, not the page; the theme made the table itself that box,
    with its own white over the wrapper's edge shadow, so nothing showed that more
    columns lay to the right. The table now carries the shadow, and takes focus to be
    scrolled from the keyboard."""
    context = _phone_context(browser, (360, 640))
    page = context.new_page()
    page.goto(server + PAGES["notice"], wait_until="networkidle")
    found = page.evaluate("""() => {
        const wrap = document.createElement('div');
        wrap.className = 'md-typeset__scrollwrap';
        const cells = n => Array.from({length: 7}, (_, i) => `<${n}>列${i}县自然资源局</${n}>`).join('');
        wrap.innerHTML = `<div class="md-typeset__table"><table><thead><tr>${cells('th')}</tr></thead>`
                       + `<tbody><tr>${cells('td')}</tr><tr>${cells('td')}</tr></tbody></table></div>`;
        document.querySelector('article h1').after(wrap);
        window.dispatchEvent(new Event('resize'));
        return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
            const table = wrap.querySelector('table'), style = getComputedStyle(table);
            resolve({scrolls: table.scrollWidth > table.clientWidth,
                     page: document.documentElement.scrollWidth <= window.innerWidth,
                     shadow: (style.backgroundImage.match(/radial-gradient/g) || []).length,
                     attach: style.backgroundAttachment, focus: table.getAttribute('tabindex')});
        })));
    }""")
    context.close()
    assert found == {"scrolls": True, "page": True, "shadow": 2,
                     "attach": "local, local, scroll, scroll", "focus": "0"}
