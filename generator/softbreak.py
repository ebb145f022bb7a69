"""Line breaks in a paragraph's source that Chinese text does not show.

Staff write a notice's paragraph over several lines, or paste one from a PDF or a Word
file that breaks its lines every thirty characters. Markdown keeps such a line break in
the HTML, and the browser shows it as a space: "低保申 请过程中", "问题。 现将…". CSS Text
Level 3 (segment break transformation) says a break between two East Asian wide
characters (not Hangul) is no space, but browsers (Chromium among them) do not apply it.
So the engine is given an extension (`SoftBreaks`, added by sanitize.engine_markdown)
that takes out of the text of each block every break whose neighbours on the screen are
both wide characters, by the same rule (`joinable`); code keeps its lines. A break
between Latin letters, digits or a Latin and a Han character stays a space.

Check scans what the page shows: a number, an address or a quote that the page shows
whole only once a break is taken out is found in the text `soft_joined` gives, at the
line it starts on (privacy.Scanner.problems).
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# a source line break with the blanks around it (what Markdown leaves of one in a text)
_BREAK = re.compile(r"[ \t]*\n[ \t]*")


@functools.lru_cache(maxsize=4096)
def wide(char: str) -> bool:
    """East Asian Width F, W or H, and not Hangul (CSS Text 3, 4.1.2)."""
    return unicodedata.east_asian_width(char) in ("F", "W", "H") \
        and not unicodedata.name(char, "").startswith("HANGUL")


def joinable(before: str, after: str) -> bool:
    """Whether a line break between these two characters shows as nothing."""
    return bool(before) and bool(after) and wide(before) and wide(after)


def _spans(text: str, editable=None) -> list[tuple[int, int]]:
    """(start, end) of each break in text that shows as nothing; `editable(offset)`
    says whether the break at that offset may go (not in code)."""
    out = []
    for match in _BREAK.finditer(text):
        start, end = match.span()
        if start and end < len(text) and joinable(text[start - 1], text[end]) \
                and (editable is None or editable(start)):
            out.append((start, end))
    return out


def soft_joined(text: str) -> tuple[str, list[int]] | None:
    """The text with every break that shows as nothing taken out, and the offsets in it
    where one was (each begins a new source line): None when there is none."""
    if "\n" not in text:
        return None
    spans = _spans(text)
    if not spans:
        return None
    pieces, removed, last, length = [], [], 0, 0
    for start, end in spans:
        pieces.append(text[last:start])
        length += start - last
        removed.append(length)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), removed


def source_line(joined: str, removed: list[int], offset: int) -> int:
    """The 0-based source line of an offset in the text soft_joined gives."""
    return joined.count("\n", 0, offset) + bisect.bisect_right(removed, offset)


# Elements whose text keeps its line breaks, and those that end a run of text on the
# screen (a break is joined only within one run).
_VERBATIM = frozenset({"pre", "code", "script", "style", "textarea"})
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em",
                     "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                     "sub", "sup", "time", "u", "var", "code"})


class _Joiner(Treeprocessor):
    """Takes the breaks that show as nothing out of every run of text, across inline
    elements (**张某**\\n在 …) as well as within one text."""

    def run(self, root: etree.Element) -> None:
        self._flow(root)

    def _flow(self, block: etree.Element) -> None:
        # the pieces of text of one run, in the order the screen shows them:
        # [element, "text" or "tail", editable]; None ends a run (a block in between)
        pieces: list = []

        def collect(node: etree.Element, editable: bool) -> None:
            if node.text:
                pieces.append([node, "text", editable])
            for child in node:
                if child.tag in _INLINE:
                    collect(child, editable and child.tag not in _VERBATIM)
                else:
                    pieces.append(None)
                    if child.tag not in _VERBATIM:
                        self._flow(child)
                if child.tail:
                    pieces.append([child, "tail", editable])

        collect(block, block.tag not in _VERBATIM)
        run: list = []
        for piece in pieces + [None]:
            if piece is not None:
                run.append(piece)
            elif run:
                self._join(run)
                run = []

    @staticmethod
    def _join(run: list) -> None:
        texts = [getattr(node, attr) for node, attr, _editable in run]
        text = "".join(texts)
        if "\n" not in text:
            return
        starts, offset = [], 0
        for piece in texts:
            starts.append(offset)
            offset += len(piece)

        def editable(at: int) -> bool:
            return run[bisect.bisect_right(starts, at) - 1][2]

        spans = _spans(text, editable)
        if not spans:
            return
        for (node, attr, _editable), start, piece in zip(run, starts, texts):
            end = start + len(piece)
            cut = [(max(a, start) - start, min(b, end) - start) for a, b in spans
                   if a < end and b > start]
            if cut:
                kept, last = [], 0
                for a, b in cut:
                    kept.append(piece[last:a])
                    last = b
                kept.append(piece[last:])
                setattr(node, attr, type(piece)("".join(kept)))


class SoftBreaks(Extension):
    """The engine's extension: registered after inline processing (priority 20), so it
    reads the text as the page will hold it."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Joiner(md), "softbreak", 5)


def makeExtension(**kwargs) -> SoftBreaks:  # noqa: N802 (how Python-Markdown loads it)
    return SoftBreaks(**kwargs)
