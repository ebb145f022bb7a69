"""Every text scan is linear: time each scanner at 1 KB .. 1 MB on adversarial inputs.

    PYTHONPATH=. .venv/bin/python benchmarks/scan_linearity.py [--max-kb 1024]
        [--scan NAME] [--input NAME]   (only the rows whose names hold these)

Prints one row per (scan, input) with the seconds at each size and the growth from
the second-largest to the largest size (10x more text: about 10x for a linear scan,
100x for a quadratic one). The last column says whether a 1 MB field is checked in
under a second. Exits 1 if any scan grows faster than 20x per 10x or misses 1 s.
"""
from __future__ import annotations

import argparse
import sys
import time

from generator import audit, privacy, sanitize
from generator.problems import Location

LINKS = sanitize.Links("https://zhuanxiang.example.gov.cn/", {"zhuanxiang.example.gov.cn"})
SCANNER = privacy.Scanner(["12388"], ["jubao@example.gov.cn"])

# Inputs chosen to hit each scanner's worst case: long runs that almost match.
INPUTS = {
    "digits-and-spaces": "1 ",
    "one-long-number": "1",
    "id-like-groups": "110105 19900307 123",
    "at-signs": "@",
    "local-parts": "a.",
    "emails-without-tld": "a@b.",
    "format-chars": "1\u00ad",
    "open-angles": "<",
    "open-comments": "<!--",
    "attributes": "<a href=x ",
    "entities": "&#",
    "markdown-links": "[x](",
    "emphasis": "*_",
    "fences-left-open": "```a\n\n",  # the engine rereads the rest from each one
    "fenced-blocks": "```\n<b>&amp;\n```\n",
    "unclosed-inline": "<b>1",  # one paragraph nested ever deeper
    "han-text": "东城镇办事员推诿扯皮",
    "gaps-of-whitespace": "12 \t\n  ",
    "gaps-of-marks": "12、,:(",
    "han-numerals": "一三八零",
    "reporter-roles": "举报人张群众王",
    "address-like": "路1号2",
    "plate-like": "浙A12",
    # (review-privacy6) every run of groups after its word, IDs and mobiles found by the
    # thousand, a column header over every cell
    "qq-groups": "QQ：1234 5678 90 ",
    "account-words": "账号1234567890123 ",
    "ids-in-threes": "110 105 199 003 071 239，",
    "mobiles-after-words": "手机 1381 234 5678，",
    "mobiles-joined-by-commas": "13812345678，",  # one run of thousands of numbers
    "cards-joined-by-commas": "6222021234567890128，",
    "header-cells": "<table><tr><th>联系电话</th><th>QQ号</th></tr><tr><td>1381 234 5678</td>"
                    "<td colspan=9>1234 5678 90</td></tr></table>",
    # (review-privacy9) permits' digit groups after their word, backslash-escaped marks,
    # look-alike check characters
    "permit-groups": "台胞证 1234 5678 回乡证 H1234-5678-",
    "escaped-marks": "138\\-1234\\-",
    "check-lookalikes": "11010519900307128×",

    # bodies as staff write or paste them, at length
    "han-lines": "东城镇办事员推诿扯皮。\n",  # one paragraph broken every line
    "han-paragraphs": "东城镇办事\n员推诿扯皮\n\n",
    "deep-lists": "".join("    " * depth + "- 东城镇办事员\n" for depth in range(6)),
    "tags-in-paragraphs": "办理<b>事项</b>，" * 100 + "\n\n",
    "links-in-paragraphs": "见[通知](../report.md)，" * 100 + "\n\n",
    "hard-breaks": "东城镇办事员  \n",
    "marks-then-lines": lambda size: "**甲**乙" * 450 + "\n" + "东城\n" * (size // 7),
    "no-break-spaces": "东城镇\u00a0办事员&amp;",  # one long text: nh3's worst case
}


def _scans():
    policy = audit.Policy(SCANNER, LINKS, {"欧阳某某"}, {"一条未公开的记录内容"})
    checker = audit._Audit(".", policy, "site")
    checker.theme = {}
    return {
        "personal data (Scanner.hits)": SCANNER.hits,
        "masking (mask_text)": privacy.mask_text,
        "redacted names (compact)": privacy.Names({"欧阳某某": None}).found,
        "label markup (markup_in)": sanitize.markup_in,
        "markup model (removed, HTML)": lambda t: sanitize.removed(t, LINKS),
        "engine and sanitiser (page)": _page,
        "notice body (scan_markdown)": lambda t: privacy.scan_markdown(
            SCANNER, t, "content/notices/x.md", 1, "正文"),
        "audit of a page (lexbor)": lambda t: checker.html("x.html", t),
        "audit of text (hosts, names)": lambda t: checker.text(t, Location("x", 1)),
    }


def _page(text: str) -> str:
    sanitize.markdown_html.cache_clear()  # (kept for the last bodies: each is new here)
    return sanitize.clean(sanitize.markdown_html(text), LINKS)


def _text(unit, kb: int) -> str:
    if callable(unit):
        return unit(kb * 1024)[:kb * 1024]
    text = (unit * (kb * 1024 // len(unit.encode()) + 1))
    return text.encode()[:kb * 1024].decode(errors="ignore")


def timed(scan, text: str) -> float:
    start = time.perf_counter()
    scan(text)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=1024)
    parser.add_argument("--scan", default="", help="only the scans whose name holds this")
    parser.add_argument("--input", default="", help="only the inputs whose name holds this")
    args = parser.parse_args()
    sizes = [kb for kb in (1, 10, 100, 1024) if kb <= args.max_kb]
    print(f"{'scan':32} {'input':20} " + " ".join(f"{kb:>7}KB" for kb in sizes)
          + "   growth  <1s@max")
    failed = False
    for name, scan in _scans().items():
        if args.scan not in name:
            continue
        for label, unit in INPUTS.items():
            if args.input not in label:
                continue
            times = []
            for kb in sizes:
                sanitize.markdown_html.cache_clear()
                times.append(timed(scan, _text(unit, kb)))
            growth = times[-1] / max(times[-2], 1e-4) * (10 / (sizes[-1] / sizes[-2])) \
                if len(times) > 1 else 1.0
            fast = times[-1] < 1.0
            bad = growth > 20 or (sizes[-1] == 1024 and not fast)
            failed |= bad
            print(f"{name:32} {label:20} " + " ".join(f"{t:9.4f}" for t in times)
                  + f"   {growth:5.1f}x  {'yes' if fast else 'NO'}{'  <-- not linear' if bad else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
