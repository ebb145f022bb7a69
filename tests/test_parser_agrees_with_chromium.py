"""The audit's HTML parser (lexbor) and Chromium build the same DOM from hostile markup.

Every string below is parsed inside a page's body by both; they must agree on every
element and every attribute (names and values, in document order) and on comments.
Under CI=true the test must run (the browser fixture fails without Chromium).
"""
import itertools
import json

from test_browser import browser  # noqa: F401 - the shared Chromium fixture

from generator.sanitize import elements

PAYLOADS = [
    '<!--><img src="x"/onerror=alert(1)>-->', "<!---><svg/onload=alert(1)>-->",
    "<!-- x --><img src=x onerror=1>", "<!--!><img src=x onerror=1>-->",
    "<!-- --!><img src=x onerror=1>", "<!----><b>x</b>", "<!-- -- --><i>y</i>",
    "<!--", "<![CDATA[ ><img src=x/onerror=alert(1)> ]]>",
    "<![CDATA[><img src=x onerror=1>]]>", "<svg><![CDATA[><img src=x onerror=1>]]></svg>",
    '<a href="jav&#9;ascript:alert(1)">x</a>', "<a href=&#x6A;avascript:1>x</a>",
    '<a href="&Tab;javascript:1">x</a>', "<img src=x onerror=&#97;lert(1)>",
    "<img src=`x`onerror=1>", "<img src=x onerror\n=1>", "<IMG SRC=x ONERROR=1>",
    "<img/src=x/onerror=1/>", "<img src=x onerror=1 onerror=2>", "</img src=x onerror=1>",
    "< img src=x onerror=1>", "<img src=x onerror=1//", "<?xml x?><img src=x onerror=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=1>",
    "<svg><style><img src=x onerror=1></style></svg>", "<noembed><img src=x onerror=1></noembed>",
    "<textarea><img src=x onerror=1></textarea>", "<title><img src=x onerror=1></title>",
    "<xmp><img src=x onerror=1></xmp>", "<table><img src=x onerror=1></table>",
    "<p><svg><p>x</svg>", '<a href=x title="a&quot;b&amp;c">x</a>',
    '<div style="background:url(//evil.example/x)">x</div>', "<svg><a xlink:href=javascript:1>x</a></svg>",
    '<img srcset="https://evil.example/a.png 2x" src="/\\evil.example/b.png">',
    "<video poster=//evil.example/p.png></video>", "<form><button formaction=javascript:1>x",
    '<a href="https://evil.example\\@example.gov.cn/">x</a>', "<details open ontoggle=alert(1)>",
]
WRAPPERS = ["{}", "<p>{}</p>", "<div>{}", "<svg>{}</svg>", "<math>{}", "<table><tr><td>{}",
            "<ul><li>{}", "x&amp;{}&lt;"]
SAMPLES = [w.format(p) for w, p in itertools.product(WRAPPERS, PAYLOADS)]

_DOM = """samples => samples.map(sample => {
    const doc = new DOMParser().parseFromString('<!DOCTYPE html><body>' + sample, 'text/html');
    const out = [];
    const walk = node => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.COMMENT_NODE) out.push(['#comment', []]);
            if (child.nodeType !== Node.ELEMENT_NODE) continue;
            const name = child.localName.toLowerCase();
            if (!['html', 'head', 'body'].includes(name)) {
                const attrs = [...child.attributes].map(a => [a.name.toLowerCase(), a.value]);
                attrs.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
                out.push([name, attrs]);
            }
            walk(child.localName === 'template' ? child.content : child);
        }
    };
    walk(doc);
    return out;
})"""


def _lexbor(sample: str) -> list:
    return [[tag.lower(), sorted([k.lower(), v] for k, v in attrs)]
            for tag, attrs in elements(sample)]


def test_there_are_enough_samples():
    assert len(set(SAMPLES)) >= 200


def test_lexbor_and_chromium_agree_on_elements_and_attributes(browser):  # noqa: F811
    page = browser.new_page()
    try:
        chromium = page.evaluate(_DOM, SAMPLES)
    finally:
        page.close()
    differ = [(sample, json.dumps(ours), json.dumps(theirs)) for sample, ours, theirs in
              zip(SAMPLES, map(_lexbor, SAMPLES), chromium, strict=True) if ours != theirs]
    assert differ == []
