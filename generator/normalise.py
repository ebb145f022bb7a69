"""One normalisation before every text scan (personal data, redacted names, markup, hosts).

Readers see text after the browser has decoded it, so a scan must too: NFKC folds
full-width digits and letters (１３８, Ｘ, ＠) and the ideographic space, format characters
(Unicode category Cf: soft hyphen, zero-width space and joiner, word joiner, bidi marks)
are removed because they render as nothing, and the ideographic and full-width full
stops read as a dot. Every step is a single pass: the scans stay linear.

    >>> normalise("１３８\\u00ad1234\\u20605678")
    '13812345678'
"""
from __future__ import annotations

import html
import re
import sys
import unicodedata
from urllib.parse import unquote

# Every character of category Cf (format) in this Python's Unicode database.
_FORMAT = dict.fromkeys((c for c in range(sys.maxunicode + 1)
                         if unicodedata.category(chr(c)) == "Cf"), None)
# Dots that people type in Chinese input modes, and the fullwidth at sign before NFKC.
_DOTS = {ord("。"): ".", ord("．"): ".", ord("｡"): "."}
# URLs: the browser drops ASCII tab and newline anywhere in a URL before parsing it.
_URL_STRIP = re.compile(r"[\t\n\r]")


def normalise(text: str) -> str:
    """The text a reader sees, in the form the scanners read: NFKC, no format
    characters, Chinese full stops as dots. Newlines are kept, so line numbers hold."""
    text = unicodedata.normalize("NFKC", text.translate(_FORMAT))
    return text.translate(_FORMAT).translate(_DOTS)


def decode_url(value: str) -> str:
    """A URL as the browser resolves it, for scanning: character references decoded,
    tabs and newlines removed, percent escapes decoded (mailto:/tel: included)."""
    value = _URL_STRIP.sub("", html.unescape(value))
    return normalise(unquote(value, errors="replace"))
