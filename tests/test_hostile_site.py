"""A site built from the hostile fixtures runs nothing and loads nothing from elsewhere.

The notice bodies and labels of the defect fixtures under tests/data/invalid/ (script
on load, comment and CDATA tricks, third-party loads, markup in labels) are seeded into
one project, each twice: as written and with `alert(1)` replaced by a script-set global.
`check` refuses them, so the build is made with those refusals set aside, through the
real mkdocs hook: what reaches the browser is what the render-time sanitiser and the
escaping make of them, and the post-build audit must pass. Chromium then opens every
page: no dialog, no request to another host, no global set by a script.
"""
import functools
import http.server
import json
import threading
from urllib.parse import urlsplit

import pytest

from conftest import DATA, ROOT, hook_build, make_project, refusals_set_aside
from test_browser import browser  # noqa: F401 - the shared Chromium fixture

from generator.synth import engine_config

NOTICE = "content/notices/2026-05-notice.md"
LABELS = "site_config/labels.yml"
# What `check` reports for these fixtures; the build below sets exactly these aside.
REFUSED = {"unsafe-markup", "unlisted-host", "label-markup", "page-title-markup"}
# ... and notes it makes: markup in a record's field is printed as text (the build goes on).
NOTED = {"text-markup"}
GLOBAL = "window.__pwned=1"
FIELD_PAYLOADS = ['<!--><img src="x"/onerror=alert(1)>-->', "<!---><svg/onload=alert(1)>-->",
                  "<![CDATA[ ><img src=x/onerror=alert(1)> ]]>",
                  '<a href="jav&#9;ascript:alert(1)">点</a>', "[点我](javascript:alert(1))"]


def _fixture_payloads() -> tuple[list[str], list[tuple[str, str]]]:
    """Notice bodies past the minimal notice, and changed label lines, of every fixture
    whose expected problems are all refusals of markup."""
    minimal = (DATA / "minimal" / NOTICE).read_text("utf-8")
    labels = (ROOT / LABELS).read_text("utf-8").split("\n")
    bodies, label_lines = [], []
    for folder in sorted((DATA / "invalid").iterdir()):
        codes = {line.rsplit(": ", 1)[-1] for line in
                 (folder / "expected.txt").read_text("utf-8").split("\n") if line}
        if not codes or not codes <= REFUSED:
            continue
        if (folder / NOTICE).is_file():
            text = (folder / NOTICE).read_text("utf-8")
            assert text.startswith(minimal)
            bodies.append(text[len(minimal):])
        if (folder / LABELS).is_file():
            changed = (folder / LABELS).read_text("utf-8").split("\n")
            label_lines += [(old, new) for old, new in zip(labels, changed, strict=True)
                            if old != new]
    return bodies, label_lines


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    bodies, label_lines = _fixture_payloads()
    assert len(bodies) >= 12 and len(label_lines) >= 4
    project = make_project(tmp_path_factory.mktemp("hostile") / "c")
    head = ("---\ntitle: 第{n}期通报\ndate: 2026-05-10\ncategory: 通报\nsummary: {s}\n"
            "doc_number: 演纪发〔2026〕{m}号\nsigned_on: 2026-05-09\nto: 各乡镇\nissuer: 县纪委\n---\n\n"
            "正文。\n")
    # issued, so frozen: the words they print as the minimal notice has them
    minimal = (project / NOTICE).read_text("utf-8")
    words = next(line for line in minimal.split("\n") if line.startswith("words:"))
    # and the template and font rules their documents are made with
    words += "\n" + minimal[minimal.index("document_style:"):minimal.index("case_texts:")].rstrip("\n")
    for n, body in enumerate(bodies + [b.replace("alert(1)", GLOBAL) for b in bodies]):
        (project / f"content/notices/h-{n}.md").write_text(
            head.format(n=n, m=n + 101, s=json.dumps(FIELD_PAYLOADS[n % len(FIELD_PAYLOADS)]))
            .replace("issuer: 县纪委\n", f"issuer: 县纪委\n{words}\n") + body, "utf-8")
    labels = project / LABELS
    text = labels.read_text("utf-8")
    for old, new in label_lines:
        text = text.replace(old + "\n", new.replace("alert(1)", GLOBAL) + "\n", 1)
    labels.write_text(text, "utf-8")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "outcome: 责令整改。", "outcome: " + json.dumps(" ".join(FIELD_PAYLOADS))).replace(
        "title: 东城镇办事员张某某推诿扯皮问题", "title: __config"),  # the theme's own id
        "utf-8")
    # a page staff write: its title is YAML, where "\u003c" is "<", printed by the theme
    for n, call in enumerate(("alert(1)", GLOBAL)):
        (project / f"content/page-{n}.md").write_text(
            f'---\ntitle: "\\u003cimg src=x onerror={call}\\u003e"\n---\n\n正文。\n', "utf-8")
        (project / f"content/list-{n}.md").write_text(  # a list, printed as its repr
            f'---\ntitle: ["\\u003cimg src=x onerror={call}\\u003e"]\n---\n\n正文。\n', "utf-8")
        # no title: the engine takes the heading's HTML text, and the theme's <title>
        # decoded its entities (|striptags) into markup after </title>
        (project / f"content/heading-{n}.md").write_text(
            f"# &lt;/title&gt;&lt;img src=x onerror={call}&gt;\n\n正文。\n", "utf-8")
    engine_config(ROOT, project)

    site = hook_build(project, project.parent / "site",  # the audit passed
                      refusals_set_aside(REFUSED, NOTED))
    return site


def test_the_hostile_build_passed_the_audit_and_kept_the_notices(hostile_site):
    pages = list(hostile_site.glob("notices/h-*/index.html"))
    bodies, _labels = _fixture_payloads()
    assert len(pages) == 2 * len(bodies)


def test_the_built_site_asks_its_host_for_the_security_headers(hostile_site):
    """The engine copies `_headers` to the site's root, where Netlify and Cloudflare
    Pages read it, and the audit passes it."""
    from generator import headers

    assert (hostile_site / "_headers").read_bytes() == headers.headers_file()


def test_no_element_of_the_hostile_build_takes_an_id_the_theme_reads(hostile_site):
    """A record titled "__config" gave its h1 id="__config": the theme parsed its settings
    from the heading's text and its scripts stopped on that page."""
    import re

    for page in hostile_site.rglob("*.html"):
        ids = re.findall(r'\sid="(__[^"]*)"', page.read_text("utf-8"))
        assert len(ids) == len(set(ids)), page
        assert not re.search(r'<h[1-6][^>]*\sid="__', page.read_text("utf-8")), page


def test_no_page_of_the_hostile_build_runs_or_loads_anything(hostile_site, browser):  # noqa: F811
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(hostile_site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context(locale="zh-CN")
    dialogs, foreign, pwned = [], [], []
    context.on("request", lambda r: foreign.append(r.url)
               if urlsplit(r.url).scheme in ("http", "https")
               and urlsplit(r.url).netloc != urlsplit(base).netloc else None)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
    paths = sorted(p.relative_to(hostile_site).as_posix()
                   for p in hostile_site.rglob("*.html"))
    try:
        for path in paths:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(20)
            if page.evaluate("() => window.__pwned !== undefined"):
                pwned.append(path)
    finally:
        context.close()
        httpd.shutdown()
    assert len(paths) > 40
    assert (dialogs, foreign, pwned) == ([], [], [])
