"""Line breaks in a paragraph's source that Chinese text does not show.

Staff write a notice's paragraph over several lines, or paste one from a PDF or a Word
file that breaks its lines every thirty characters. Markdown keeps such a line break in
the HTML, and the browser shows it as a space: "低保申 请过程中", "问题。 现将…". CSS Text
Level 3 (segment break transformation) says a break between two East Asian wide
characters (not Hangul) is no space, but browsers (Chromium among them) do not apply it.
So the engine is given an extension (`SoftBreaks`, added by sanitize.engine_markdown)
that takes out of the text of each block every break whose neighbours on the screen are
both wide characters, by the same rule (`joinable`), seen through inline raw HTML that
shows nothing (办理<b>事</b>⏎中) and reading a character reference as its character;
code keeps its lines. A break between Latin letters, digits or a Latin and a Han
character stays a space.

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

from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.normalise import unescape

# a source line break with the blanks around it (what Markdown leaves of one in a text)
_BREAK = re.compile(r"[ \t]*\n[ \t]*")


@functools.lru_cache(maxsize=4096)
def wide(char: str) -> bool:
    """East Asian Width F, W or H, and not Hangul (CSS Text 3, 4.1.2)."""
    return unicodedata.east_asian_width(char) in ("F", "W", "H") \
        and not unicodedata.name(char, "").startswith("HANGUL")


_WIDE: dict[str, bool] = {}  # wide() of the characters met so far (the first _WIDE_KEPT)
_WIDE_KEPT = 65536


def joinable(before: str, after: str) -> bool:
    """Whether a line break between these two characters shows as nothing."""
    return bool(before) and bool(after) and wide(before) and wide(after)


def _spans(text: str, editable=None, shown=None) -> list[tuple[int, int]]:
    """(start, end) of each break in text that shows as nothing; `editable(offset)`
    says whether the break at that offset may go (not in code); `shown(text, start,
    end)` gives the characters the screen shows on either side of the break (the
    neighbours in the text, by default)."""
    out = []
    known = _WIDE  # (a dict read inline: a function call per break doubled the time)
    for match in _BREAK.finditer(text):
        start, end = match.span()
        if not start or end >= len(text):
            continue
        before, after = shown(text, start, end) if shown else (text[start - 1], text[end])
        if not before or not after:
            continue
        wide_before = known.get(before)
        if wide_before is None:
            wide_before = wide(before)
            if len(known) < _WIDE_KEPT:
                known[before] = wide_before
        if not wide_before:
            continue
        wide_after = known.get(after)
        if wide_after is None:
            wide_after = wide(after)
            if len(known) < _WIDE_KEPT:
                known[after] = wide_after
        if wide_after and (editable is None or editable(start)):
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


# Python-Markdown's placeholder for a piece of inline raw HTML it stashed (a tag, a
# comment, a character reference): the text holds it until the page is written.
_STASHED = re.compile(re.escape(util.HTML_PLACEHOLDER.split("%s")[0]) + "([0-9]+)" + util.ETX)
_LONGEST_PLACEHOLDER = len(util.HTML_PLACEHOLDER % (10 ** 9))
_INLINE_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:[\s/][^<>]*)?>")
# a comment as the browser reads it whole: not ended at once (<!--> and <!---> end there,
# the rest is text on the screen) nor early by --!>
_COMMENT = re.compile(r"<!--(?!-?>)(?:(?!--!?>).)*-->", re.DOTALL)


class _Joiner(Treeprocessor):
    """Takes the breaks that show as nothing out of every run of text, across inline
    elements (**张某**\\n在 …) as well as within one text, and across inline raw HTML
    staff wrote (办理<b>事</b>\\n中, 王&#23567;\\n明): the engine holds it in the
    text as placeholders until the page is written, so a break beside one is judged by
    what the placeholder shows. A tag of an inline element and a comment show nothing
    and are seen through; a character reference shows its character; anything else
    (an image, <br>, a block's tag) shows something not wide, and the break stays."""

    def run(self, root: etree.Element) -> None:
        self._stash = self.md.htmlStash.rawHtmlBlocks
        self._flow(root)

    def _stashed(self, raw: str | None):
        """What a stashed piece shows: "" for nothing, else its characters (None: not
        known, so no break beside it goes)."""
        if not isinstance(raw, str):
            return None
        if raw.startswith("&"):
            return unescape(raw)
        tag = _INLINE_TAG.fullmatch(raw)
        if tag and tag.group(1).lower() in _INLINE:
            return ""
        return "" if raw.startswith("<!--") and _COMMENT.fullmatch(raw) else None

    def _piece(self, match: re.Match | None):
        if match is None:
            return None
        number = int(match.group(1))
        return self._stashed(self._stash[number] if number < len(self._stash) else None)

    def _shown(self, text: str, start: int, end: int) -> tuple[str, str]:
        """The characters the screen shows before and after the break at start:end,
        seen through the placeholders beside it (each is looked at from the nearest
        break only, so the time stays linear)."""
        before, at = "", start
        while at and not before:
            if text[at - 1] != util.ETX:
                before = text[at - 1]
                break
            opened = text.rfind(util.STX, max(0, at - _LONGEST_PLACEHOLDER), at)
            shows = self._piece(_STASHED.fullmatch(text, opened, at)) if opened >= 0 else None
            if shows is None:
                return "", ""
            before, at = shows[-1:], opened
        after, at = "", end
        while at < len(text) and not after:
            if text[at] != util.STX:
                after = text[at]
                break
            match = _STASHED.match(text, at)
            shows = self._piece(match)
            if shows is None:
                return "", ""
            after, at = shows[:1], match.end()
        return before, after

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

    def _join(self, run: list) -> None:
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

        spans = _spans(text, editable, self._shown if util.STX in text else None)
        if not spans:
            return
        # spans and pieces both run in text order: each piece takes the spans from the
        # first that ends after its start (a span may cross pieces: **张某** \n在)
        first = 0
        for (node, attr, _editable), start, piece in zip(run, starts, texts):
            end = start + len(piece)
            while first < len(spans) and spans[first][1] <= start:
                first += 1
            cut, at = [], first
            while at < len(spans) and spans[at][0] < end:
                a, b = spans[at]
                cut.append((max(a, start) - start, min(b, end) - start))
                at += 1
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
