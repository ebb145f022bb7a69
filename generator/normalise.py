"""One normalisation before every text scan (personal data, redacted names, markup, hosts).

Readers see text after the browser has decoded it, so a scan must too: NFKC folds
full-width digits and letters (１３８, Ｘ, ＠) and the ideographic space, format characters
(Unicode category Cf: soft hyphen, zero-width space and joiner, word joiner, bidi marks)
and every other default-ignorable character (variation selectors, fillers) are removed
because they render as nothing, and the ideographic and full-width full
stops read as a dot. Every step is a single pass: the scans stay linear.

    >>> normalise("１３８\\u00ad1234\\u20605678")
    '13812345678'
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import unquote

# Every character of Unicode category Cf (format) in Python 3.11's database (Unicode
# 14.0.0); tests/test_sanitize.py checks it against unicodedata.
FORMAT_CLASS = ("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
                "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                "\U000e0020-\U000e007f]")
# The other characters Unicode says render as nothing (Default_Ignorable_Code_Point
# that are not Cf): the combining grapheme joiner, the Hangul and Khmer fillers, the
# Mongolian and standard variation selectors (FE00-FE0F, E0100-E01EF) and the unassigned
# rest of the ignorable ranges. One between two digits of an ID number, a phone number
# or the characters of a redacted name hid it from every scan while the page showed it.
IGNORABLE_CLASS = ("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2065\u3164"
                   "\ufe00-\ufe0f\uffa0\ufff0-\ufff8\U000e0000\U000e0002-\U000e001f"
                   "\U000e0080-\U000e0fff]")
# What a scan drops: both of the above.
INVISIBLE_CLASS = FORMAT_CLASS[:-1] + IGNORABLE_CLASS[1:]
_FORMAT = re.compile(INVISIBLE_CLASS)
# Dots that people type in Chinese input modes.
_DOTS = {ord("。"): ".", ord("．"): ".", ord("｡"): "."}
# URLs: the browser drops ASCII tab and newline anywhere in a URL before parsing it.
_URL_STRIP = re.compile(r"[\t\n\r]")


def normalise(text: str) -> str:
    """The text a reader sees, in the form the scanners read: NFKC, no format
    characters, Chinese full stops as dots. Newlines are kept, so line numbers hold."""
    if text.isascii():  # ASCII is NFKC already and holds no format character or dot
        return text
    if len(text) <= _SHORT:
        return _normalise_short(text)
    return _normalise(text)


# A county's records repeat short values (statuses, names, units) on many rows: each is
# normalised once. Long texts are not kept (their hash alone costs a pass).
_SHORT = 48


@functools.lru_cache(maxsize=1 << 15)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", _FORMAT.sub("", text))
    if "。" in text or "．" in text or "｡" in text:
        text = text.translate(_DOTS)
    return _FORMAT.sub("", text)


def simplified(text: str) -> str:
    """Text with every traditional or variant Han character in the simplified form it
    folds to (generator/hanzi_variants.txt, from Unihan): 張三 and 东城鎮 are 张三 and
    东城镇 to a reader who knows the person or the place. One pass; a text without any
    such character (most) is returned as it is after one search."""
    table, found = _variants()
    return text if found.isdisjoint(text) else text.translate(table)


# Characters of other scripts drawn as a Han character: the katakana (and a bopomofo
# letter) a name or a unit may be typed with, read as the character by everyone (王カ is
# 王力, 县第ー中学 is 县第一中学), and the circles drawn as 〇. After NFKC (half-width
# katakana are full-width then).
DRAWN_AS_HAN = {"ーㄧ": "一", "ロ": "口", "エ": "工", "カ": "力", "タ": "夕", "ニ": "二",
                "ハ": "八", "ト": "卜", "ヒ": "匕", "○◯": "〇"}


def spellings(text: str, most: int = 256) -> list[str]:
    """A short text (a name) in every spelling a reader takes for it: every traditional
    or variant form that folds to the same simplified text, and every character of
    another script drawn as one of its Han characters (DRAWN_AS_HAN): 张三 -> 张三, 張三;
    王力 -> 王力, 王カ; the text itself first. At most `most` of them."""
    table, _found = _variants()
    out = [""]
    for char in simplified(text):
        forms = [char] + _traditional().get(char, []) + _drawn_as().get(char, [])
        out = [head + form for head in out for form in forms][:most]
    return list(dict.fromkeys([text] + out))


@functools.cache
def _drawn_as() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group, han in DRAWN_AS_HAN.items():
        out.setdefault(han, []).extend(group)
    return out


@functools.cache
def _traditional() -> dict[str, list[str]]:
    table, _found = _variants()
    out: dict[str, list[str]] = {}
    for variant, plain in sorted(table.items()):
        out.setdefault(plain, []).append(chr(variant))
    return out


@functools.cache
def _variants() -> tuple[dict[int, str], frozenset]:
    from pathlib import Path

    table = {}
    for line in (Path(__file__).parent / "hanzi_variants.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            table[ord(line[0])] = line[1]
    return table, frozenset(map(chr, table))


# A character reference as html.unescape reads one: numeric (its digits unbounded, the
# semicolon optional) or named (up to 32 characters), its own pattern.
_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def cn_date(value) -> str:
    """A date as Chinese text sets it (GB/T 15835; a 公文's 成文日期, GB/T 9704 7.3.5.3):
    2026年8月12日, Arabic numerals without leading zeros; a datetime with its time in 时
    and 分 (9时, 15时40分), no space between the 日 and the digits. The one place every
    page, document, message and log line writes a date."""
    import datetime as dt

    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        text += f"{value.hour}时" + (f"{value.minute}分" if value.minute else "")
    return text


def unescape(text: str) -> str:
    """`html.unescape` as the browser decodes a numeric reference: a control character
    or a noncharacter (&#x1;, &#x1B;, &#129;, &#xFFFE;) is parsed with an error and kept
    on the page, where html.unescape returns nothing, so a check reading its result saw
    no control where the page, the sanitised HTML and the 公文 hold one; and a number of
    more than 4,300 digits is U+FFFD, past the last character, where html.unescape raised
    (Python's limit on int() of a decimal text) and stopped check with a traceback.
    Everything else (the Windows-1252 table of &#128;-&#159;, NUL and surrogates as
    U+FFFD, named references) is html.unescape's, which follows the same rules. Linear."""
    return _REFERENCE.sub(_browser_reference, text) if "&" in text else text


def _browser_reference(found: re.Match) -> str:
    body = found.group(1)
    if body[:1] != "#":
        return html.unescape(found.group())
    hexadecimal = body[1:2] in ("x", "X")
    digits = body[2 if hexadecimal else 1:].rstrip(";").lstrip("0") or "0"
    if len(digits) > 8:  # past U+10FFFF, as the browser caps it (int() of 4,301 digits raises)
        return "\ufffd"
    number = int(digits, 16 if hexadecimal else 10)
    decoded = html.unescape(f"&#{number};")
    if decoded == "" and number < 0x110000:
        return chr(number)  # a control or noncharacter html.unescape drops, the browser keeps
    return decoded


def decode_url(value: str) -> str:
    """A URL as the browser resolves it, for scanning: character references decoded,
    tabs and newlines removed, percent escapes decoded (mailto:/tel: included)."""
    value = _URL_STRIP.sub("", unescape(value))
    return normalise(unquote(value, errors="replace"))
