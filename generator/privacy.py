"""Personal data and unsafe markup in free text.

Resident ID numbers (GB 11643-1999, with their check character), bank card numbers
(16 to 19 digits with their Luhn check digit), mobile numbers and e-mail addresses must
never reach the public site unless they are the official channels of
`site_config/channels.yml`. Hits are reported masked, never in full.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import ahocorasick

from generator import sanitize
from generator.normalise import decode_url, normalise
from generator.problems import Location, Problem, problem

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# GB/T 2260 province codes: the first two digits of every resident ID.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
              46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
# Numbers are read as tokens: digit groups joined by at most three separators where
# people split them. Each shape is one bounded pattern tried at every start of a digit
# group (a lookahead, so candidates may overlap), which keeps the scan linear.
_SEP = "[ \\-._/\u2010-\u2015\u2212\u00b7\u30fb~]{1,3}"
_ID18 = (rf"[0-9]{{3}}(?:{_SEP})?[0-9]{{3}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}"
         rf"(?:{_SEP})?[0-9]{{3}}[0-9Xx]"
         rf"|[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}"
         rf"(?:{_SEP})?[0-9][0-9Xx]")
_ID15 = rf"[0-9]{{6}}(?:{_SEP})?[0-9]{{6}}(?:{_SEP})?[0-9]{{3}}"
_MOBILE_SHAPE = rf"(?:(?:\+|00)?86(?:{_SEP})?)?1[3-9][0-9](?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}"
# A bank card: 16 to 19 digits (UnionPay 62…, Visa 4…, Mastercard 5…, old 955…) with
# the Luhn check digit, written whole or in groups.
_CARD_TOKEN = re.compile(rf"(?<![0-9])(?=([4-69](?:(?:{_SEP})?[0-9]){{15,18}})(?![0-9]))")
_ID_TOKEN = re.compile(rf"(?<![0-9])(?=({_ID18})(?![0-9])|({_ID15})(?![0-9Xx]))")
_MOBILE_TOKEN = re.compile(rf"(?<![0-9])(?=({_MOBILE_SHAPE})(?![0-9]))")
# Where a number can be: runs of groups of two or more digits and separators (a
# single digit starts no shape). Only runs long enough are read with the shapes.
_RUN = re.compile(rf"[0-9]+[0-9Xx](?:{_SEP}[0-9]+[0-9Xx])*")
_GLUED = re.compile(r"(?<![0-9])[0-9]{19,36}(?![0-9])")  # two numbers written as one
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,256}@[A-Za-z0-9\-]{1,63}"
                    r"(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])")


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def valid_resident_id(digits: str) -> bool:
    """An 18-character resident ID with a real birth date and a matching check character."""
    if len(digits) != 18 or not digits[:17].isdigit() or int(digits[:2]) not in _PROVINCES:
        return False
    if not _real_date(digits[6:14]):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == digits[17]


def valid_card(digits: str) -> bool:
    """16 to 19 digits whose last is the Luhn check digit of the others (ISO/IEC 7812)."""
    if not 16 <= len(digits) <= 19 or not digits.isdigit():
        return False
    total = 0
    for index, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def valid_old_resident_id(digits: str) -> bool:
    """A 15-digit first-generation resident ID: area, YYMMDD birth date, sequence."""
    return (len(digits) == 15 and digits.isdigit() and int(digits[:2]) in _PROVINCES
            and _real_date("19" + digits[6:12]))


def _real_date(text: str) -> bool:
    try:
        day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return 1900 <= day.year <= 2100


def mask(kind: str, value: str) -> str:
    """A value shown in a message: enough to find it, never the whole of it."""
    if kind == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = _digits(value)
    if kind == "phone":
        digits = digits[-11:]
    return digits[:3] + "*" * max(len(digits) - 7, 4) + digits[-4:]


@dataclass(frozen=True)
class Hit:
    kind: str  # id | phone | email | card
    start: int
    end: int
    value: str

    @property
    def code(self) -> str:
        return {"id": "personal-id-number", "phone": "personal-phone",
                "email": "personal-email", "card": "personal-bank-card"}[self.kind]


class Scanner:
    """Finds personal data in text; official numbers and addresses are allowed.

    The text is normalised first (`normalise.normalise`); numbers are read as tokens:
    digit groups joined by at most three separators (space, hyphen, dot, slash…) form
    a run, and a resident ID or a mobile is any run of consecutive groups split where
    people split them, so two numbers side by side are found apart. One pass, linear.
    """

    def __init__(self, official_phones=(), official_emails=()) -> None:
        self.official_phones = {_digits(p)[-11:] for p in official_phones}
        self.official_emails = {e.lower() for e in official_emails}

    def hits(self, text: str, normalised: bool = False) -> list[Hit]:
        """Every ID number, mobile and e-mail address in text; offsets are in the
        normalised text (pass `normalised=True` when the caller has normalised it)."""
        text = text if normalised else normalise(text)
        found = self._numbers(text)
        found += self._emails(text)
        return sorted(found, key=lambda h: h.start)

    def _numbers(self, text: str) -> list[Hit]:
        found: list[Hit] = []
        for run in _RUN.finditer(text):
            if run.end() - run.start() >= 11:
                found += self._run(text, run.start(), run.end())
        return found

    def _run(self, text: str, pos: int, endpos: int) -> list[Hit]:
        ids: list[Hit] = []
        for match in _ID_TOKEN.finditer(text, pos, endpos):
            for group in (1, 2):
                value = match.group(group)
                if value and (valid_resident_id(_digits(value)) or
                              valid_old_resident_id(_digits(value))):
                    ids.append(Hit("id", match.start(), match.start() + len(value), value))
                    break
        for match in _GLUED.finditer(text, pos, endpos):
            value = match.group()
            for k in range(len(value) - 17):
                if valid_resident_id(value[k:k + 18]):
                    a = match.start() + k
                    ids.append(Hit("id", a, a + 18, value[k:k + 18]))
        kept = list(ids)
        for match in _CARD_TOKEN.finditer(text, pos, endpos):
            value = match.group(1)
            begin, end = match.start(), match.start() + len(value)
            if valid_card(_digits(value)) and \
                    not any(h.start < end and begin < h.end for h in kept):
                kept.append(Hit("card", begin, end, value))
        start = max(pos - 3, 0) if text[max(pos - 3, 0):pos].endswith(("+", "+86")) else pos
        for match in _MOBILE_TOKEN.finditer(text, start, endpos):
            value = match.group(1)
            if _digits(value)[-11:] in self.official_phones:
                continue
            begin, end = match.start(), match.start() + len(value)
            if not any(h.start < end and begin < h.end for h in kept):
                kept.append(Hit("phone", begin, end, value))
        return kept

    def _emails(self, text: str) -> list[Hit]:
        if "@" not in text:
            return []
        return [Hit("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
                if m.group().lower() not in self.official_emails]

    def problems(self, text: str, field: str, at: Location, block: bool = False) -> list[Problem]:
        """Problems for one value; in a block of lines each hit gets its own line."""
        out = []
        normal = normalise(text)
        for hit in self.hits(normal, normalised=True):
            line = at.line + (normal.count("\n", 0, hit.start) + (1 if block else 0))
            out.append(problem(hit.code, Location(at.path, line), field=field,
                               value=mask(hit.kind, hit.value)))
        return out


def mask_text(text: str) -> str:
    """Any text with every ID number, mobile and e-mail address in it masked.

    Every message that echoes a value goes through this (see problems.py), so an ID
    number typed into the wrong column never reaches a CI log whole.

        >>> mask_text("单位 110105199003071239 不存在")
        '单位 110***********1239 不存在'
    """
    hits = _PLAIN.hits(text)
    if not hits:
        return text
    # Map offsets in the normalised text back to the text as written, so only the hits
    # change; where normalising joins characters the normalised text is returned.
    pieces = [normalise(c) for c in text]
    written = text if "".join(pieces) == normalise(text) else normalise(text)
    starts, offset = [], 0
    for index, piece in enumerate(pieces if written is text else written):
        starts += [index] * len(piece)
        offset += len(piece)
    starts.append(len(written))
    out, last = [], 0
    for hit in hits:
        begin, end = starts[hit.start], starts[hit.end - 1] + 1
        if begin < last:
            continue
        out += [written[last:begin], mask(hit.kind, hit.value)]
        last = end
    return "".join(out) + written[last:]


def compact(text: str) -> str:
    """Text as names are compared in it: normalised, every space removed (so U+3000
    padding or zero-width characters between the characters of a name hide nothing),
    and every mark written between the parts of a name (阿依古丽·买买提 with U+00B7,
    U+30FB, U+2027, a bullet, a full stop or a dash) removed."""
    return _NAME_GAPS.sub("", normalise(text))


# Spaces, and the dots and dashes people write between the parts of a name (minority
# and foreign names): one is as good as another to a reader.
_NAME_GAPS = re.compile("[\\s\u00b7\u0387\u16eb\u2022\u2027\u2219\u22c5\u2e31\u30fb\u318d"
                        "\uff0e\uff65.\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+")


class Phrases:
    """Which of many phrases (redacted names, hidden texts) occur in a text, in one pass
    over the text whatever their number (Aho-Corasick): a county's every page or record
    is read against all of its redacted names, so a loop over the names for each text
    would grow with the square of the county. Phrases are matched as given: compact
    them first (`compact`) when text is compacted."""

    def __init__(self, phrases) -> None:
        self.phrases = list(dict.fromkeys(p for p in phrases if p))
        self._automaton = None
        if self.phrases:
            self._automaton = ahocorasick.Automaton()
            for index, phrase in enumerate(self.phrases):
                self._automaton.add_word(phrase, index)
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def find(self, text: str) -> dict[str, int]:
        """phrase -> offset of its first occurrence, for each phrase in text, in the
        order the phrases were given."""
        if self._automaton is None or not text:
            return {}
        first: dict[int, int] = {}
        for end, index in self._automaton.iter(text):  # by end: a phrase's first is first
            first.setdefault(index, end - len(self.phrases[index]) + 1)
        return {self.phrases[i]: first[i] for i in sorted(first)}


class Names:
    """Redacted names as a reader would find them in a text: compared after `compact`
    (so spaces, U+3000 padding or zero-width characters between the characters hide
    nothing), all of them in one pass. `first` keeps where each name is set as redacted."""

    def __init__(self, first: dict, shown: dict | None = None) -> None:
        self.first = first
        # a name the site prints masked (姓加某) -> how it prints it; the others are
        # redacted (printed nowhere)
        self.shown = shown or {}
        self._written: dict[str, str] = {}
        for name in first:
            self._written.setdefault(compact(name), name)
        self._phrases = Phrases(self._written)

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def found(self, text: str) -> list[str]:
        """The names (as written where they were set) that text shows."""
        if not self._phrases:
            return []
        return [self._written[c] for c in self._phrases.find(compact(text))]


def scan_markdown(scanner: Scanner, body: str, path: str, first_line: int,
                  field: str) -> list[Problem]:
    """Personal data (in the text and in decoded link targets such as a percent-encoded
    mailto:) and everything the sanitiser would remove from a staff-written Markdown body."""
    out = scanner.problems(body, field, Location(path, first_line))
    read = sanitize.read_markdown(body)
    for number, url in sanitize.markdown_urls(read):
        out += scanner.problems(decode_url(url), field, Location(path, first_line + number))
    by_line: dict[int, list[str]] = {}
    for number, what in sanitize.removed_from_markdown(read):
        by_line.setdefault(number, []).append(what)
    for number, found in sorted(by_line.items()):
        shown = "、".join(dict.fromkeys(found))
        out.append(problem("unsafe-markup", Location(path, first_line + number), field=field,
                           value=shown if len(shown) <= 60 else shown[:60] + "…"))
    return out


def official_contacts(channels) -> tuple[list[str], list[str]]:
    """Phone-like and e-mail values of the official reporting channels."""
    phones, emails = [], []
    for channel in (channels or {}).get("channels") or []:
        value = channel.get("value") or ""
        emails += [m.group() for m in _EMAIL.finditer(normalise(value))]
        phones += [m.group() for m in _MOBILE.finditer(_digits(normalise(value)))]
    return phones, emails


_PLAIN = Scanner()
