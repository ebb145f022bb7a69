"""The sitemap as search engines accept it: the engine writes one sitemap.xml of every
page; past 50,000 addresses or 50 MB (the sitemaps.org limits, which search engines
refuse beyond) it becomes a sitemap index of sitemaps that each keep within both.
"""
from __future__ import annotations

import gzip
import io
import re
import struct
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

URLS = 50_000
BYTES = 50 * 1024 * 1024
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_NS}">\n'
_FOOT = "</urlset>\n"
_INDEX_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_NS}">\n'
_INDEX_FOOT = "</sitemapindex>\n"


_URL = re.compile(r"[ \t]*<url>\s*<loc>([^<]*)</loc>.*?</url>\n?", re.S)


def without(text: str, addresses: set[str]) -> str:
    """The engine's sitemap.xml without the <url> entries of `addresses` (pages built
    for staff, not offered to search engines)."""
    if not addresses:
        return text
    return _URL.sub(lambda m: "" if m.group(1).strip() in addresses else m.group(0), text)


def _entries(text: str) -> list[tuple[str, str]]:
    """(entry as written, its lastmod) for each <url> of the engine's sitemap."""
    out = []
    for url in ElementTree.fromstring(text.encode("utf-8")).iter(f"{{{_NS}}}url"):
        fields = [(child.tag.split("}", 1)[1], (child.text or "").strip()) for child in url]
        body = "".join(f"    <{tag}>{escape(value)}</{tag}>\n" for tag, value in fields)
        out.append((f"  <url>\n{body}  </url>\n", dict(fields).get("lastmod", "")))
    return out


def _parts(entries: list[tuple[str, str]], urls: int, size: int) -> list[list]:
    """Consecutive runs of entries, each within `urls` addresses and `size` bytes."""
    room = size - len((_HEAD + _FOOT).encode("utf-8"))
    parts: list[list] = [[]]
    used = 0
    for entry in entries:
        length = len(entry[0].encode("utf-8"))
        if parts[-1] and (len(parts[-1]) == urls or used + length > room):
            parts.append([])
            used = 0
        parts[-1].append(entry)
        used += length
    return parts


def split(site: Path, base_url: str, urls: int = URLS, size: int = BYTES) -> list[str]:
    """Rewrite site/sitemap.xml as an index of sitemap-1.xml … when it holds more than
    `urls` addresses or more than `size` bytes; return the files written (none when the
    engine's sitemap is within both). sitemap.xml.gz follows sitemap.xml, with the
    engine's timestamp (a build stays byte-identical)."""
    path = site / "sitemap.xml"
    if not path.exists():
        return []
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    entries = _entries(text)
    if len(entries) <= urls and len(raw) <= size:
        return []
    written = []
    index = [_INDEX_HEAD]
    for number, part in enumerate(_parts(entries, urls, size), 1):
        name = f"sitemap-{number}.xml"
        (site / name).write_text(_HEAD + "".join(e for e, _ in part) + _FOOT, "utf-8")
        written.append(name)
        lastmod = max(mod for _, mod in part)
        index.append(f"  <sitemap>\n    <loc>{escape(base_url + name)}</loc>\n"
                     + (f"    <lastmod>{escape(lastmod)}</lastmod>\n" if lastmod else "")
                     + "  </sitemap>\n")
    index.append(_INDEX_FOOT)
    body = "".join(index).encode("utf-8")
    path.write_bytes(body)
    packed = site / "sitemap.xml.gz"
    mtime = struct.unpack("<I", packed.read_bytes()[4:8])[0] if packed.exists() else 0
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=str(packed), mode="wb", mtime=mtime) as out:
        out.write(body)
    packed.write_bytes(buffer.getvalue())
    return ["sitemap.xml", *written]
