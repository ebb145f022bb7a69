"""Personal data and unsafe markup in free text.

Resident ID numbers (GB 11643-1999, with their check character), mobile numbers and
e-mail addresses must never reach the public site unless they are the official
channels of `site_config/channels.yml`. Hits are reported masked, never in full.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from generator.problems import Location, Problem, problem

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# GB/T 2260 province codes: the first two digits of every resident ID.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
              46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
# A run of digits that may be split by single spaces or hyphens, optionally ending in X.
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9](?:[ \-]?[0-9])*(?:[ \-]?[Xx])?(?![0-9A-Za-z])")
# Mobile numbers are written whole or split 3-4-4, optionally after +86 / 0086.
_MOBILE = re.compile(
    r"(?<![0-9])(?:(?:\+|00)86[ \-]?)?1[3-9][0-9](?:[0-9]{8}|[ \-][0-9]{4}[ \-][0-9]{4})(?![0-9])")
# ID numbers are written whole or split at these digit counts (6-8-4, 6-4-4-4, 3-3-4-4-4).
_ID_SPLITS = {3, 6, 10, 14}
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_UNSAFE = [
    re.compile(r"<\s*(script|iframe|frame|object|embed|base|form|meta|link|style)\b", re.I),
    re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"\{[^}\n]*\bon[a-z]+\s*=", re.I),
    re.compile(r"\b(java|vb)script\s*:", re.I),
    re.compile(r"(\]\(\s*|\b(src|href|action)\s*=\s*[\"']?\s*)data\s*:", re.I),
]


def _split_like_an_id(text: str) -> bool:
    """Whether the separators in a digit run sit where people split ID numbers."""
    count, splits = 0, set()
    for char in text:
        if char in " -":
            splits.add(count)
        else:
            count += 1
    return splits <= _ID_SPLITS


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
    kind: str  # id | phone | email
    start: int
    end: int
    value: str

    @property
    def code(self) -> str:
        return {"id": "personal-id-number", "phone": "personal-phone",
                "email": "personal-email"}[self.kind]


class Scanner:
    """Finds personal data in text; official numbers and addresses are allowed."""

    def __init__(self, official_phones=(), official_emails=()) -> None:
        self.official_phones = {_digits(p)[-11:] for p in official_phones}
        self.official_emails = {e.lower() for e in official_emails}

    def hits(self, text: str) -> list[Hit]:
        text = unicodedata.normalize("NFKC", text)
        found: list[Hit] = []
        for match in _DIGIT_RUN.finditer(text):
            digits = _digits(match.group())
            if not _split_like_an_id(match.group()):
                continue
            if valid_resident_id(digits) or valid_old_resident_id(digits):
                found.append(Hit("id", match.start(), match.end(), match.group()))
        for match in _MOBILE.finditer(text):
            if _digits(match.group())[-11:] in self.official_phones:
                continue
            if not any(h.start <= match.start() < h.end for h in found):
                found.append(Hit("phone", match.start(), match.end(), match.group()))
        for match in _EMAIL.finditer(text):
            if match.group().lower() not in self.official_emails:
                found.append(Hit("email", match.start(), match.end(), match.group()))
        return sorted(found, key=lambda h: h.start)

    def problems(self, text: str, field: str, at: Location, block: bool = False) -> list[Problem]:
        """Problems for one value; in a block of lines each hit gets its own line."""
        out = []
        normal = unicodedata.normalize("NFKC", text)
        for hit in self.hits(text):
            line = at.line + (normal.count("\n", 0, hit.start) + (1 if block else 0))
            out.append(problem(hit.code, Location(at.path, line), field=field,
                               value=mask(hit.kind, hit.value)))
        return out


def unsafe_markup(text: str) -> list[tuple[int, str]]:
    """(offset, snippet) of every script, handler, frame or script URL in Markdown text."""
    found = []
    for pattern in _UNSAFE:
        for match in pattern.finditer(text):
            found.append((match.start(), match.group().strip()[:40]))
    return sorted(found)


def scan_markdown(scanner: Scanner, body: str, path: str, first_line: int,
                  field: str) -> list[Problem]:
    """Personal data and unsafe markup in a staff-written Markdown body."""
    out = scanner.problems(body, field, Location(path, first_line))
    for offset, snippet in unsafe_markup(body):
        line = first_line + body.count("\n", 0, offset)
        out.append(problem("unsafe-markup", Location(path, line), field=field, value=snippet))
    return out


def official_contacts(channels) -> tuple[list[str], list[str]]:
    """Phone-like and e-mail values of the official reporting channels."""
    phones, emails = [], []
    for channel in (channels or {}).get("channels") or []:
        value = channel.get("value") or ""
        emails += _EMAIL.findall(value)
        phones += [m.group() for m in _MOBILE.finditer(unicodedata.normalize("NFKC", value))]
    return phones, emails
