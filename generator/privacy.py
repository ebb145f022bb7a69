"""Personal data and unsafe markup in free text.

Resident ID numbers (GB 11643-1999, with their check character), bank card numbers
(16 to 19 digits with their Luhn check digit), mobile and landline numbers and e-mail
addresses must never reach the public site unless they are the official channels of
`site_config/channels.yml`; nor may a reporter's name (纪检监察机关处理检举控告工作规则
art. 47), a home address or a licence plate. Hits are reported masked, never in full.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import ahocorasick

from generator import sanitize
from generator.normalise import decode_url, normalise, spellings
from generator.problems import Location, Problem, problem
from generator.softbreak import soft_joined, source_line

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# GB/T 2260 province codes: the first two digits of every resident ID.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
              46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
              83}  # (83: 台湾居民居住证, as 81 and 82 are 港澳居民居住证)
# Numbers are read as tokens: digit groups joined where people split them. Each shape is
# one bounded pattern tried at every start of a digit group (a lookahead, so candidates
# may overlap), which keeps the scan linear.
# A gap between groups: any whitespace (spaces, a tab from an Excel cell, a line break
# inside a YAML block: the meta description and the search index collapse all of it to
# one space, so a reader sees one number), then at most three marks (hyphens, dots,
# slashes, the enumeration comma 、, a comma or colon, asterisks, full-width ones folded to
# these by NFKC, parentheses round an area code, a backslash: YAML, a CSV export or
# Markdown escapes a mark or the check X with one, 110105\-1990…128\X, and a text shown
# as written shows it), then whitespace again. An asterisk joins
# groups as a hyphen does (138*1234*5678; Markdown shows 1234 in italics between them): a
# number masked with asterisks (138****5678) has four of them and too few digits. Whitespace and marks are
# disjoint from each other and from digits: no backtracking.
_WS = "[ \\t\\r\\n\\f\\v\\x85\\u2028\\u2029]"
_MARK = "[\\\\\\-._/\u2010-\u2015\u2212\u00b7\u30fb~\u3001,:()*]"
_SEP = rf"(?=[\\\-._/\u2010-\u2015\u2212\u00b7\u30fb~\u3001,:()* \t\r\n\f\v\x85\u2028\u2029]){_WS}*(?:{_MARK}{{1,3}}{_WS}*)?"
# A bank card may be split anywhere, but not by 、 , : or parentheses (a list of small
# numbers `45、46、47…` would otherwise read as a card one time in ten).
_CARD_SEP = (rf"(?=[ \\\-._/\u2010-\u2015\u2212\u00b7\u30fb~*\t\r\n]){_WS}*"
             rf"(?:[\\\-._/\u2010-\u2015\u2212\u00b7\u30fb~*]{{1,3}}{_WS}*)?")
_ID18 = (rf"[0-9]{{3}}(?:{_SEP})?[0-9]{{3}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}"
         rf"(?:{_SEP})?[0-9]{{3}}[0-9Xx]"
         rf"|[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}"
         rf"(?:{_SEP})?[0-9][0-9Xx]")
_ID15 = rf"[0-9]{{6}}(?:{_SEP})?[0-9]{{6}}(?:{_SEP})?[0-9]{{3}}"
# A mobile: 1[3-9] and nine digits, after +86/0086/86, or after the trunk 0 a landline
# dials a mobile of another city with (013812345678, 0138-1234-5678): no area code starts
# 01 but 010, so the 0 makes no landline of it.
_MOBILE_SHAPE = (rf"(?:(?:\+|00)?86(?:{_SEP})?|0(?:{_SEP})?)?"
                 rf"1[3-9][0-9](?:{_SEP})?[0-9]{{4}}(?:{_SEP})?[0-9]{{4}}")
# A landline: area code (010, 02x or 0 and three digits; after +86/0086 without its 0),
# then a local number of 7 or 8 digits that never starts with 0 or 1 (GB/T 13000 numbering
# plan); 12388-style service numbers have no area code and are not landlines.
_LANDLINE_SHAPE = (rf"(?:(?:\+|00)86(?:{_SEP})?0?|0)(?:10|2[0-9]|[3-9][0-9]{{2}})(?:{_SEP})?"
                   rf"[2-9][0-9]{{2,3}}(?:{_SEP})?[0-9]{{4}}")
# A bank card: 16 to 19 digits (UnionPay 62…, Visa 4…, Mastercard 5…, old 955…) with
# the Luhn check digit, written whole or in groups.
_CARD_TOKEN = re.compile(rf"(?=[4-69])(?<![0-9])(?=([4-69](?:(?:{_CARD_SEP})?[0-9]){{15,18}})(?![0-9]))")
_ID_TOKEN = re.compile(rf"(?=[0-9])(?<![0-9])(?=({_ID18})(?![0-9])|({_ID15})(?![0-9Xx]))")
_MOBILE_TOKEN = re.compile(rf"(?=[0-9+])(?<![0-9])(?=({_MOBILE_SHAPE})(?![0-9]))")
_LANDLINE_TOKEN = re.compile(rf"(?=[0-9+])(?<![0-9])(?=({_LANDLINE_SHAPE})(?![0-9]))")
# (Each token first asks for a digit where it starts: a run is mostly gaps, and the
# check fails there at once.)
# Where a number can be: runs of groups of two or more digits and gaps (a single digit
# starts no shape, save the area code's parenthesis). Only runs long enough are read.
_RUN = re.compile(rf"[0-9]+[0-9Xx](?:{_SEP}[0-9]+[0-9Xx])*")
# Digits as a reader reads them: every Unicode decimal digit (Nd: Arabic-Indic,
# Devanagari…; NFKC folds only the full-width ones) and runs of the Chinese numerals
# people dictate numbers in (一三八零零一三八零零零, 〇, 幺 for one), one character for one,
# so offsets in this view are offsets in the text.
_HAN_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "三": "3", "四": "4",
               "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "壹": "1", "贰": "2",
               "叁": "3", "肆": "4", "伍": "5", "陆": "6", "柒": "7", "捌": "8", "玖": "9"}
_HAN = "[" + "".join(_HAN_DIGITS) + "]"
# A run of three or more, or runs of two or more side by side with the gaps a number's
# groups have (a space, 、, ·, a hyphen: 一二 三四 五六 七八, 群号：一二·三四·五六), as a
# number is dictated two by two; a pair alone (十一二月, 一二线) stays a word. The gaps
# and the numerals are disjoint: one pass, no backtracking.
_HAN_GAP = "[ \t\u3001\u00b7\u30fb\u2027\\-./\u2010-\u2015\u2212]{1,3}"
_TO_DIGITS = re.compile(f"{_HAN}{{2,}}(?:{_HAN_GAP}{_HAN}{{2,}})+|{_HAN}{{3,}}|(?![0-9])\\d")
# two numbers written as one (the second may end in an ID's check X)
_GLUED = re.compile(r"(?<![0-9])[0-9]{18,35}[0-9Xx](?![0-9])")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,256}@[A-Za-z0-9\-]{1,63}"
                    r"(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])")


# An address written so that robots miss it and readers do not (请将 # 换成 @): zhangsan#
# qq.com, zhangsan[at]163.com, zhangsan (at) qq.com, zhangsan @ qq.com. Only with a common
# top-level domain after it, so a C#.NET or an issue #12 is none.
_EMAIL_SAID = re.compile(
    r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9._%+\-]{1,64})"
    r"(?:[ \t]{0,2}(?:#|\[at\]|\(at\)|\[AT\]|\(AT\)|\{at\})[ \t]{0,2}|[ \t]{1,2}@[ \t]{0,2}|@[ \t]{1,2})"
    r"([A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}"
    r"\.(?:com|cn|net|org|gov|edu|info|top|vip|xyz|cc|me|io|co|hk|tw|mo))(?![A-Za-z0-9\-])",
    re.I)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def digit_view(text: str) -> str:
    """text with every digit a reader reads as one written 0-9, same length."""
    if text.isascii():
        return text
    return _TO_DIGITS.sub(_ascii_digits, text)


def _ascii_digits(match: re.Match) -> str:
    found = match.group()
    if len(found) == 1 and found not in _HAN_DIGITS:
        return str(unicodedata.digit(found))
    return "".join(_HAN_DIGITS.get(c, c) for c in found)  # (the gaps stay as written)


# An ID number grouped as no clerk's rule groups it: digit by digit as a form's boxes
# print it (1 1 0 1 0 5 …), in threes, or 6-6-6. Every token above reads groups of two or
# more digits in the places people split them; an ID in other groups is still 18 digits
# with at most a few separators between two of them, a province, a real birth date and
# its check character. Tried at each digit that starts a group, each try bounded: linear.
# A line break is such a separator too: a page joins the lines of a paragraph with a
# space, so 110105199⏎00307128X in a literal block reads as one number on the screen.
# The separators are any a writer puts between digit groups: whitespace, hyphens and
# dashes, dots (· ・ .), slashes, the enumeration comma 、 and asterisks (full-width ones
# are folded to these by NFKC). Not the comma: 1,380.12 is an amount.
_GROUP_GAP = "[ \t\r\n\\\\\\-.\u00b7\u30fb*/\u3001\u2010-\u2015\u2212]"
_SPACED_DIGITS = re.compile(f"[0-9]{_GROUP_GAP}{{1,3}}[0-9Xx]")
_SPACED_RUN = re.compile(f"[0-9](?:{_GROUP_GAP}{{0,3}}[0-9Xx])*")
_DIGIT_GROUP = re.compile(r"[0-9Xx]+")


def _spaced_ids(text: str, found: list[Hit]) -> list[Hit]:
    """IDs in any grouping: in each run of digits with at most three separators between
    two, every 18 digits from the start of a group to the end of one."""
    runs = (run for run in _SPACED_RUN.finditer(text) if run.end() - run.start() >= 18)
    return _ids_in_runs(text, runs, _DIGIT_GROUP,
                        lambda number: valid_resident_id(number.upper()), found)


def _ids_in_runs(text: str, runs, group: re.Pattern, is_id, found: list[Hit],
                 old_id=None) -> list[Hit]:
    """Each 18 characters of a run's groups (`group` in the run) that `is_id`, where
    nothing in `found` already stands: from the start of a group to the end of one, or
    anywhere inside one group (an ID glued to other digits, as `_GLUED` reads a plain
    one: 编号3110105199003071***). With `old_id`, then each 15 characters from the start
    of a group to the end of one that `old_id` (a 15-digit number has no check
    character: inside a longer group it is a coincidence, as `_ID15` reads it)."""
    out: list[Hit] = []
    known, reach = _Spans(found), 0  # (reach: the furthest end of those found here)
    for run in runs:
        chars, places, starts, ends, firsts = [], [], [], set(), []
        for part in group.finditer(text, run.start(), run.end()):
            starts.append(len(chars))
            firsts.append(len(chars))
            firsts += range(len(chars) + 1, len(chars) + len(part.group()) - 17)
            chars += part.group()
            places += range(part.start(), part.end())
            ends.add(len(chars))
        joined = "".join(chars)
        held = []  # (the 18-character ones of this run, first to last)
        for first in firsts:  # (each group's start, and each start inside a long group)
            if first + 18 <= len(joined) and (
                    first + 18 in ends or places[first + 17] - places[first] == 17) \
                    and is_id(joined[first:first + 18]):
                begin, end = places[first], places[first + 17] + 1
                if begin >= reach and not known.overlaps(begin, end):
                    out.append(Hit("id", begin, end, text[begin:end]))
                    held.append(out[-1])
                    reach = end
        if old_id is None:
            continue
        these = _Spans(held)
        for first in starts:
            if first + 15 in ends and old_id(joined[first:first + 15]):
                begin, end = places[first], places[first + 14] + 1
                if not known.overlaps(begin, end) and not these.overlaps(begin, end):
                    out.append(Hit("id", begin, end, text[begin:end]))
    return out


# What may stand between a word and its number besides the clause: the word ends its
# line, and blank lines or a list or quote mark may follow (联系电话：⏎⏎- 1381…): a
# page's summary (its meta description) and its search entry join those blocks into one
# line, word and number side by side. Bounded: at most three line breaks.
_NEXT_LINES = "(?:(?:[ \t]{0,8}\r?\n){1,3}[ \t]{0,8}(?:[-*+>][ \t]{1,4})?)?"


# A mobile grouped as no rule groups it (1381 234 5678, 13812 345 678, 138 12 34 56 78, a
# form's boxes 1 3 8 1 2 3 4 5 6 7 8) is read only where the text says a phone number
# follows: a table row of figures (135 77 58 44 57) is eleven digits starting 13 as
# often. After the word, in the same clause, a run of digit groups holding exactly a
# mobile's eleven digits (after 86 or 0086) is one. The word may end its line (联系电话：
# then the number on the next, as a form or a pasted list writes it). Where the whole
# text is said to be a phone number (a table's column headed 联系电话, a field named for
# one: `phone_context`), every run is read so. Each word is followed by one bounded look
# and one run: linear.
PHONE_WORDS = ("手机", "电话", "联系方式", "号码", "致电", "拨打", "来电", "微信同号")
_PHONE_WORD = re.compile("(?:" + "|".join(PHONE_WORDS) + "|"
                         "(?<![A-Za-z])(?:[Tt]el|TEL|[Mm]obile|[Pp]hone))"
                         "[^0-9+\n\x1f。；;!?！？]{0,6}" + _NEXT_LINES)
# A name (a column's header, a field's label or key) that says its values are phone numbers
# (号码 alone is not one: 证件号码, 文件号码)
_NAMES_A_PHONE = re.compile("|".join(PHONE_WORDS[:3]) + "|(?<![A-Za-z])(?:[Tt]el|TEL|[Mm]obile|"
                            "MOBILE|[Pp]hone|PHONE)(?![a-z])")


def names_a_phone(name: str) -> bool:
    """Whether a column header, field label or key says its values are phone numbers."""
    return bool(_NAMES_A_PHONE.search(normalise(name or "")))


# A name that says its values are QQ numbers (QQ号, QQ, 企鹅号, 扣扣)
_NAMES_A_QQ = re.compile("(?<![A-Za-z])(?:QQ|Qq|qq)(?![A-Za-z])|扣扣|企鹅")


CONTACT_WORD = "联系方式"


def context_of(name: str) -> frozenset[str]:
    """What a column header, field label or key says its values are, so its numbers are
    read as after that word in a text: "phone" (联系电话, Tel), "qq" (QQ号, 企鹅号),
    "card" (银行账号, 卡号, 存折; a QQ's or WeChat's 账号 is no bank's), "contact"
    (联系方式: a phone where nothing more particular is said, `phone_said`)."""
    name = normalise(name or "")
    if not name:
        return frozenset()
    kinds = set()
    if _NAMES_A_PHONE.search(name.replace(CONTACT_WORD, "")):
        kinds.add("phone")
    if CONTACT_WORD in name:
        # 联系方式 names any way of reaching someone: a phone, unless the text is also
        # said to be a QQ number or an account (联系方式 over a column headed QQ号)
        kinds.add("contact")
    if _NAMES_A_QQ.search(name):
        kinds.add("qq")
    elif _CARD_WORD_ONLY.search(name) and not _WECHAT_WORD.search(name):
        kinds.add("card")
    return frozenset(kinds)


def phone_said(context: frozenset[str]) -> bool:
    """Whether a text said to be `context` (`context_of`) is read as a phone number."""
    return "phone" in context or "contact" in context and not context & {"qq", "card"}


_WECHAT_WORD = re.compile("微信|威信|薇信|[Vv]信|(?<![A-Za-z])(?:WeChat|wechat|weixin|VX|vx|WX|wx)")


def _grouped_mobiles(text: str, found: list[Hit], everywhere: bool = False) -> list[Hit]:
    out: list[Hit] = []
    known, reach = _Spans(found), 0  # (reach: the furthest end of those found here)
    starts = (m.start() for m in _SPACED_RUN.finditer(text)) if everywhere else (
        word.end() for word in _PHONE_WORD.finditer(text))
    for start in starts:
        pos = start + (text.startswith("+", start))
        run = _SPACED_RUN.match(text, pos)
        if run is None or not _SPACED_DIGITS.search(run.group()):
            continue  # (a number in one piece: the tokens above read it)
        digits = _digits(run.group())
        digits = digits[4:] if len(digits) == 15 and digits.startswith("0086") else \
            digits[2:] if len(digits) == 13 and digits.startswith("86") else digits
        if len(digits) == 11 and digits.isdigit() and digits[1] in "3456789" \
                and digits[0] == "1" and run.start() >= reach \
                and not known.overlaps(run.start(), run.end()):
            out.append(Hit("phone", run.start(), run.end(), run.group()))
            reach = run.end()
    return out


# A bank card or account number said to be one: after a word naming an account (卡号,
# 银行卡, 账号, 银行账户, 开户账号, 存折…), in the window a phone word has (the same
# clause, at most six characters, or the word ending the line before), a run of 12 to 19
# digits in groups as a card's are split is one, whatever its check digit (a clerk
# copies it wrong as often as right; a passbook's or an account's number has none). An
# amount (…元, 12.50) is none. Where the whole text is said to be one (a column headed
# 银行账号), every run is read so. One bounded look and one run after each word: linear.
CARD_WORDS = ("卡号", "银行卡", "储蓄卡", "借记卡", "信用卡", "工资卡", "账号", "帐号", "賬號",
              "帳號", "账户", "帐户", "賬戶", "帳戶", "存折")
_CARD_WORD = re.compile("(?:" + "|".join(CARD_WORDS) + ")[^0-9+\n\x1f。；;!?！？]{0,6}"
                        + _NEXT_LINES + "(?=[0-9])")
_CARD_RUN = re.compile(rf"[0-9]+(?:{_CARD_SEP}[0-9]+)*")
_AMOUNT_AFTER = re.compile("[ \t]?[元万亿%‰]")
_DECIMAL_END = re.compile("[.][0-9]{1,2}$")


def _public_accounts(view: str, accounts: set[str]) -> list[Hit]:
    """Where a run of digit groups (as an account is split: `_CARD_RUN`) holds one of
    `accounts` from the start of a group to the end of one: the run itself, or that part
    of it (a public account written beside another number). One pass over the runs, and
    a look for each of the few public accounts in each long enough run."""
    out: list[Hit] = []
    shortest = min(map(len, accounts))
    for run in _CARD_RUN.finditer(view):
        if run.end() - run.start() < shortest:
            continue
        digits, places, starts, ends = [], [], set(), set()
        for group in _DIGIT_GROUP.finditer(view, run.start(), run.end()):
            starts.add(len(digits))
            digits += group.group()
            places += range(group.start(), group.end())
            ends.add(len(digits))
        joined = "".join(digits)
        for account in accounts:
            at = joined.find(account)
            while at != -1:
                if at in starts and at + len(account) in ends:
                    out.append(Hit("card", places[at], places[at + len(account) - 1] + 1,
                                   account))
                at = joined.find(account, at + 1)
    return out


# The kinds of hit that are a number a public account may hold
_NUMBER_KINDS = frozenset({"id", "phone", "landline", "card", "account"})


def _named_cards(text: str, found: list[Hit], everywhere: bool = False) -> list[Hit]:
    """Account numbers after a word naming an account (or anywhere in `everywhere`)."""
    starts = (m.start() for m in _RUN_START.finditer(text)) if everywhere else (
        m.end() for m in _CARD_WORD.finditer(text))
    out: list[Hit] = []
    ids, known = _Spans(h for h in found if h.kind == "id"), _Spans(found)
    last = 0
    for start in starts:
        run = _CARD_RUN.match(text, start) if start >= last else None
        if run is None:
            continue
        last = run.end()  # (a start inside a run read already is not read again)
        digits = _digits(run.group())
        if not (12 <= len(digits) <= 19 and digits.isdigit()) or valid_credit_code(digits) \
                or _AMOUNT_AFTER.match(text, run.end()) or _DECIMAL_END.search(run.group()) \
                or ids.overlaps(run.start(), run.end()) \
                or known.contains(run.start(), run.end()):
            continue
        out.append(Hit("card", run.start(), run.end(), run.group()))
    return out


class _Kept:
    """The hits kept in one run of digit groups, by where they start: whether a new one
    overlaps one of them is a bisection and a look at those starting within the longest
    one's length before it. (A list of thousands of numbers joined by commas is one run;
    a loop over the hits kept for each new one grew with the square: 100 KB of mobiles
    took 9 s.)"""

    def __init__(self, hits) -> None:
        self.hits: list[Hit] = []
        self.starts: list[int] = []
        self.longest = 0
        for hit in hits:
            self.add(hit)

    def add(self, hit: Hit) -> None:
        index = bisect.bisect_right(self.starts, hit.start)
        self.starts.insert(index, hit.start)
        self.hits.insert(index, hit)
        self.longest = max(self.longest, hit.end - hit.start)

    def overlaps(self, begin: int, end: int) -> bool:
        low = bisect.bisect_left(self.starts, begin - self.longest)
        high = bisect.bisect_left(self.starts, end)
        return any(self.hits[j].end > begin for j in range(low, high))


class _Spans:
    """Hits ordered by start with the running furthest end: whether one of them overlaps
    or holds a span is one bisection, so a text of thousands of numbers is read in
    linear time (a loop over the hits for each new one grew with their square)."""

    def __init__(self, hits) -> None:
        ordered = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in ordered]
        self.reach = list(itertools.accumulate((h.end for h in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and self.reach[index - 1] > start

    def contains(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end


_CARD_WORD_ONLY = re.compile("|".join(CARD_WORDS))


def _amid_digit_groups(text: str, begin: int, end: int) -> bool:
    """A landline shape inside a longer row of digit groups split by spaces (an ID number
    or table figures written 3301 0619 7208 2260 08) is not a landline."""
    return bool(_SPACED_BEFORE.search(text, max(begin - 8, 0), begin)
                or _SPACED_AFTER.match(text, end))


_SPACED_BEFORE = re.compile("[0-9Xx][ \t]+$")
_SPACED_AFTER = re.compile("[ \t]+[0-9]")


def phone_key(value: str) -> str:
    """A phone number as official numbers are compared: no country code, no trunk 0."""
    digits = _digits(value)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) >= 12:
        digits = digits[2:]
    return digits.lstrip("0")


def valid_resident_id(digits: str) -> bool:
    """An 18-character resident ID with a real birth date and a matching check character;
    or a 外国人永久居留身份证 of the 2023 form, which has the same shape and check: 9, the
    issuing province, the nationality's three digits, the birth date (a unit's 统一社会
    信用代码 starting 9 is none)."""
    if len(digits) != 18 or not digits[:17].isdigit():
        return False
    if int(digits[:2]) not in _PROVINCES and not (
            digits[0] == "9" and int(digits[1:3]) in _PROVINCES
            and not valid_credit_code(digits)):
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


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def valid_credit_code(digits: str) -> bool:
    """An 18-character 统一社会信用代码 (GB 32100-2015) with its check character: a
    unit's public code, no one's card, though one written in digits alone may pass
    the Luhn check."""
    digits = digits.upper()
    if len(digits) != 18 or any(c not in _CREDIT_CHARS for c in digits):
        return False
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(digits[:17], _CREDIT_WEIGHTS))
    return _CREDIT_CHARS[(31 - total % 31) % 31] == digits[17]


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
    if kind == "reporter":
        return value[:1] + "*" * (len(value) - 1)
    if kind == "address":
        return _ANY_DIGIT.sub("*", value)
    if kind == "plate":
        return value[:2] + "*" * max(len(value) - 3, 3) + value[-1:]
    if kind == "account":
        return value[:2] + "*" * max(len(value) - 3, 4) + value[-1:]
    digits = _digits(value)
    if kind == "id" and (not (digits[:-1].isdigit() and len(digits) in (15, 18))
                         or any(c in value for c in _MASK_CHARS[:4])):
        # masked in part (1101051990030712**): its birth date is not repeated
        return digits[:3] + "*" * 15
    if kind == "phone":
        digits = digits[-11:]
    return digits[:3] + "*" * max(len(digits) - 7, 4) + digits[-4:]


@dataclass(frozen=True)
class Hit:
    kind: str  # id | phone | landline | email | card | reporter | address | plate | account
    start: int
    end: int
    value: str

    @property
    def code(self) -> str:
        return CODES[self.kind]


# The problem code of each kind of personal data found
CODES = {"id": "personal-id-number", "phone": "personal-phone", "landline": "personal-landline",
         "email": "personal-email", "card": "personal-bank-card", "reporter": "reporter-identity",
         "address": "personal-address", "plate": "licence-plate",
         "account": "personal-account"}


# An ID number's check character X as an input method or a pasted text writes it after
# the digits: the multiplication sign (×, the 特殊符号 of a Chinese input method), the
# Cyrillic or Greek capital or small letter (Х х Χ χ); a reader reads X. Read as X, one
# character for one. (Full-width Ｘ and ｘ are folded by NFKC; a backslash before it, as
# YAML or a CSV export escapes it, 128\X, is a mark between groups: `_MARK`.)
_CHECK_LOOKALIKE = re.compile("(?<=[0-9])[\u00d7\u0425\u0445\u03a7\u03c7](?![0-9A-Za-z])")
# An ID number with only its check character masked (11010519900307128*): the first 17
# characters are the whole number (the 18th is worked out from them), so it is read with
# that character in place of the asterisk, and said if it is an ID (a province, a real
# birth date). A number masked inside (110105********128X) stays masked.
_CHECK_MASKED = re.compile(r"(?<![0-9])([0-9]{17})\*(?![0-9A-Za-z*])")


# An ID number masked in part, as a clerk masks one: asterisks (＊ folded by NFKC), ×, x
# or dots (● •) in place of some of its characters, anywhere (1101051990030712**,
# 110105199003071***, ****0519900307128X, 110105 19900307 ****). Masked so that its
# birth date (characters 7 to 14) is still read whole, it still says where and on which
# day a named person was born: that is the number's identifying part, and every common
# masking rule hides it (1****************X, 110105********128X, 110105********1234).
# So an 18-character run of digits and mask characters (in groups split by one space or
# hyphen) with at least one mask, a real birth date in its 7th to 14th characters and,
# where its first two are written, a province, is an ID number. Runs are read once,
# each group start tried once: linear.
_MASK_CHARS = "*×●•Xx"
_MASKED_RUN = re.compile(f"(?<![0-9{_MASK_CHARS}])[0-9{_MASK_CHARS}]+"
                         f"(?:[- ][0-9{_MASK_CHARS}]+)*")
_MASKED_GROUP = re.compile(f"[0-9{_MASK_CHARS}]+")
_MASK_HINT = re.compile("[*×●•]|[0-9][Xx]{2}|[Xx]{2}[0-9]")


def masked_resident_id(chars: str) -> bool:
    """Whether 18 characters are an ID number masked so that it still shows its birth
    date whole (`_MASKED_RUN`)."""
    if len(chars) != 18 or not chars[6:14].isdigit() or not _real_date(chars[6:14]):
        return False
    # (17 digits and a mask, glued to more: 11010519900307128** shows the whole number)
    if chars[:17].count("X") + chars[:17].count("x") + sum(
            chars.count(c) for c in "*×●•") == 0:
        return False  # (a check X alone masks nothing)
    return not chars[:2].isdigit() or int(chars[:2]) in _PROVINCES


def masked_old_resident_id(chars: str) -> bool:
    """Whether 15 characters are a first-generation ID number (6 region digits, YYMMDD,
    3 sequence digits) masked so that it still shows its birth date whole: the same rule
    as `masked_resident_id`, with no check character."""
    if len(chars) != 15 or chars.isdigit() or not chars[6:12].isdigit() \
            or not _real_date("19" + chars[6:12]):
        return False
    return not chars[:2].isdigit() or int(chars[:2]) in _PROVINCES


def _masked_ids(view: str, found: list[Hit]) -> list[Hit]:
    """ID numbers masked so that their birth date still reads (masked_resident_id,
    masked_old_resident_id), in runs of digits and mask marks that a mask mark is in.
    What may stand next to one is what may stand next to a plain one (`_ids_in_runs`):
    anything, a letter, a Han character or other digits (ID1101051990030712**号)."""
    runs = (run for run in _MASKED_RUN.finditer(view)
            if run.end() - run.start() >= 15 and _MASK_HINT.search(run.group()))
    return _ids_in_runs(view, runs, _MASKED_GROUP, masked_resident_id, found,
                        masked_old_resident_id)


def _check_filled(match: re.Match) -> str:
    digits = match.group(1)
    return digits + _CHECK[sum(int(d) * w for d, w in zip(digits, _WEIGHTS)) % 11]


# A digest as a computer writes one (MD5, SHA-1, SHA-256, SHA-512 in hexadecimal: a frozen
# notice's attachment and template digests): its digits are no one's number, though a run
# of them between two of its letters reads as a mobile or an ID number (…a13812345678f…,
# one digest in a few hundred). Read as letters, offsets kept; only a run of exactly a
# digest's length with letters and digits in it, standing alone.
_DIGEST_HINT = re.compile("[0-9a-fA-F]{32}")
_DIGEST = re.compile("(?<![0-9A-Za-z])(?=[0-9]*[a-fA-F])(?=[a-fA-F]*[0-9])"
                     "(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})"
                     "(?![0-9A-Za-z])")


class Scanner:
    """Finds personal data in text; official numbers and addresses are allowed.

    The text is normalised first (`normalise.normalise`); numbers are read as tokens:
    digit groups joined by at most three separators (space, hyphen, dot, slash…) form
    a run, and a resident ID or a mobile is any run of consecutive groups split where
    people split them, so two numbers side by side are found apart. One pass, linear.
    """

    def __init__(self, official_phones=(), official_emails=(), official_addresses=(),
                 official_accounts=()) -> None:
        self.official_phones = {phone_key(p) for p in official_phones}
        self.official_emails = {e.lower() for e in official_emails}
        self.official_addresses = {compact(a) for a in official_addresses}
        # the digits of a unit's public accounts (a 账户 channel: 廉政账户, 罚没款账户)
        self.official_accounts = {_digits(a) for a in official_accounts if _digits(a)}

    def hits(self, text: str, normalised: bool = False,
             phone_context: bool = False, context: frozenset[str] = frozenset()) -> list[Hit]:
        """Every ID number, phone number, e-mail address, reporter's name, home address
        and licence plate in text; offsets are in the normalised text (pass
        `normalised=True` when the caller has normalised it). `context`: what the text is
        said to be (`context_of` a column's header or a field's label: "phone", "qq",
        "card"), so its numbers are read as after the word in a text; `phone_context`
        is context {"phone"}."""
        text = text if normalised else normalise(text)
        view = digit_view(text)
        if not view.isascii() and _CHECK_LOOKALIKE.search(view):
            view = _CHECK_LOOKALIKE.sub("X", view)
        if "*" in view:
            view = _CHECK_MASKED.sub(_check_filled, view)
        if _DIGEST_HINT.search(view):
            view = _DIGEST.sub(lambda m: "x" * len(m.group()), view)
        phone = phone_context or phone_said(context)
        found = self._numbers(view, phone, "card" in context)
        if _MASK_HINT.search(view):
            found += _masked_ids(view, found)
        found += self._emails(text)
        words = self._words(text, view, "qq" in context)
        if "qq" in context and not phone:
            # said to be a QQ number (a column headed QQ号, under 联系方式 or not): a QQ
            # number of a mobile's shape is said as the QQ number it is
            accounts = _Spans(h for h in words if h.kind == "account")
            found = [h for h in found if h.kind != "phone"
                     or not accounts.contains(h.start, h.end)]
        # a number read as a phone, an ID or a card is said once
        numbers = _Spans(found)
        found += [h for h in words if h.kind != "account" or not numbers.contains(h.start, h.end)]
        if self.official_accounts and found:
            # a unit's public account, written whole (any separators), is no one's number;
            # what reaches past it (another digit group) is read as any other number
            public = _Spans(_public_accounts(view, self.official_accounts))
            found = [h for h in found if h.kind not in _NUMBER_KINDS
                     or not public.contains(h.start, h.end)]
        return sorted(found, key=lambda h: h.start)

    def _words(self, text: str, view: str, qq_context: bool = False) -> list[Hit]:
        found = [Hit("reporter", a, b, text[a:b]) for a, b in reporter_names(text)]
        if _ADDRESS_HINT.search(view):
            found += [Hit("address", m.start(), m.end(), m.group())
                      for m in _ADDRESS.finditer(view)
                      if compact(m.group()) not in self.official_addresses]
        if _HOME_HINT.search(text):
            homes = [Hit("address", m.start(1), m.end(1), m.group(1))
                     for m in _HOME.finditer(view)
                     if compact(m.group(1)) not in self.official_addresses]
            found += [h for h in homes if not any(
                f.kind == "address" and f.start < h.end and h.start < f.end for f in found)]
        found += [Hit("plate", m.start(), m.end(), m.group()) for m in _PLATE.finditer(text)]
        found += [Hit("account", m.start(1), m.end(1), m.group(1))
                  for m in _ACCOUNT.finditer(view) if not _is_date(m.group(1))
                  and _digits(m.group(1)) not in self.official_phones]
        # a QQ number in groups after its word (QQ：1234 5678 90): the whole of it, in
        # place of the first group the pattern above read
        grouped = _grouped_qq(view, self.official_phones, qq_context)
        if grouped:
            spans = _Spans(grouped)
            found = [h for h in found if h.kind != "account"
                     or not spans.overlaps(h.start, h.start + 1)] + grouped
        if "证" in text or "證" in text or "照" in text or "居留许可" in text:
            spaced = [Hit("account", m.start(1), m.end(1), m.group(1))
                      for m in _DOCUMENT_SPACED.finditer(view) if _document_number(m.group(1))]
            if spaced:  # whole, in place of its first group read above
                spans = _Spans(spaced)
                found = [h for h in found if h.kind != "account"
                         or not spans.overlaps(h.start, h.end)] + spaced
        if "证" in text or "證" in text or "驾照" in text:
            read = _Spans(h for h in found if h.kind == "account")  # (a permit's, above)
            found += [Hit("account", m.start(1), m.end(1), m.group(1))
                      for m in _ID_SAID.finditer(view) if not _is_date(m.group(1))
                      and not read.overlaps(m.start(1), m.end(1))
                      # digits alone are a mainland number (15 or 18), not a date or count
                      and (not m.group(1).isdigit() or len(m.group(1)) in (15, 18))]
        found += [Hit("account", m.start(1), m.end(1), m.group(1))
                  for m in _WECHAT_ID.finditer(view)
                  if not any(f.kind == "account" and f.start == m.start(1) for f in found)]
        return found

    def _numbers(self, text: str, phone_context: bool = False,
                 card_context: bool = False) -> list[Hit]:
        found: list[Hit] = []
        for run in _RUN.finditer(text):
            if run.end() - run.start() >= 11:
                found += self._run(text, run.start(), run.end())
        if card_context or _CARD_WORD_ONLY.search(text):
            # an account's number after its word, whatever its check digit: the whole of
            # it, in place of a phone or card read inside it
            cards = _named_cards(text, found, card_context)
            if cards:
                spans = _Spans(cards)
                found = [h for h in found if not spans.contains(h.start, h.end)] + cards
        if _SPACED_DIGITS.search(text):
            # an ID read in any grouping is an ID, not the card or phone its digits made
            spaced = _spaced_ids(text, [h for h in found if h.kind == "id"])
            found = [h for h in found if not any(s.start < h.end and h.start < s.end
                                                 for s in spaced)] + spaced
            found += [h for h in _grouped_mobiles(text, found, phone_context)
                      if phone_key(h.value) not in self.official_phones]
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
                if valid_resident_id(value[k:k + 18].upper()):
                    a = match.start() + k
                    ids.append(Hit("id", a, a + 18, value[k:k + 18]))
        kept = _Kept(ids)
        for match in _CARD_TOKEN.finditer(text, pos, endpos):
            value = match.group(1)
            begin, end = match.start(), match.start() + len(value)
            if valid_card(_digits(value)) and not valid_credit_code(_digits(value)) and \
                    not kept.overlaps(begin, end):
                kept.add(Hit("card", begin, end, value))
        start = max(pos - 3, 0) if text[max(pos - 3, 0):pos].endswith(("+", "+86")) else pos
        for token, kind in ((_MOBILE_TOKEN, "phone"), (_LANDLINE_TOKEN, "landline")):
            for match in token.finditer(text, start, endpos):
                value = match.group(1)
                begin, end = match.start(), match.start() + len(value)
                if phone_key(value) in self.official_phones or \
                        kind == "landline" and _amid_digit_groups(text, begin, end):
                    continue
                if not kept.overlaps(begin, end):
                    kept.add(Hit(kind, begin, end, value))
        return kept.hits

    def _emails(self, text: str) -> list[Hit]:
        found = [Hit("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
                 if m.group().lower() not in self.official_emails] if "@" in text else []
        if "#" in text or "@" in text or "at" in text or "AT" in text:
            for m in _EMAIL_SAID.finditer(text):
                said = f"{m.group(1)}@{m.group(2)}"
                if said.lower() not in self.official_emails and not any(
                        h.start < m.end() and m.start() < h.end for h in found):
                    found.append(Hit("email", m.start(), m.end(), said))
        return found

    def problems(self, text: str, field: str, at: Location, block: bool = False,
                 markdown: bool = False, phone_context: bool = False,
                 context: frozenset[str] = frozenset()) -> list[Problem]:
        """Problems for one value; in a block of lines each hit gets its own line.
        `markdown`: a body the engine converts, where a line break between two Han
        characters shows as nothing (softbreak.py)."""
        out = []
        normal = normalise(text)
        hits = self.hits(normal, normalised=True, phone_context=phone_context, context=context)
        for hit in hits:
            line = at.line + (normal.count("\n", 0, hit.start) + (1 if block else 0))
            out.append(problem(hit.code, Location(at.path, line), field=field,
                               value=mask(hit.kind, hit.value)))
        # what the page shows whole once a line break between two Han characters is taken
        # out (家住建设路\n二十五号: softbreak.py), at the line it starts on
        joined = soft_joined(normal) if markdown else None
        if joined is not None:
            seen = {(hit.kind, hit.value) for hit in hits}
            text_joined, removed = joined
            for hit in self.hits(text_joined, normalised=True, phone_context=phone_context,
                                 context=context):
                if (hit.kind, hit.value) not in seen:
                    line = at.line + source_line(text_joined, removed, hit.start) \
                        + (1 if block else 0)
                    out.append(problem(hit.code, Location(at.path, line), field=field,
                                       value=mask(hit.kind, hit.value)))
        return out


# A comment in YAML: a # at the start of a line or after a blank, outside every token
# the YAML scanner reads (a quoted or block value holds # as text).
_COMMENT_START = re.compile("(?:^|(?<=[ \t]))#", re.M)


def yaml_comments(text: str) -> list[tuple[int, str, bool]]:
    """(0-based line, text, whether the line holds nothing else) of each comment of a
    YAML text. The tokens say where values
    are; each # that starts a comment is looked up among them by bisection: linear. A
    text YAML cannot read is read up to its error (the error is said where it is read)."""
    import yaml

    if "#" not in text:
        return []
    starts, ends = [], []
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.end_mark.index > token.start_mark.index:
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        pass
    out: list[tuple[int, str, bool]] = []
    line_end = -1
    for match in _COMMENT_START.finditer(text):
        at = match.start()
        if at < line_end:
            continue  # (in a comment already)
        index = bisect.bisect_right(starts, at) - 1
        if index >= 0 and ends[index] > at:
            continue  # a # inside a value
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, at) + 1
        out.append((text.count("\n", 0, at), text[at + 1:line_end],
                    not text[line_start:at].strip(" \t")))
    return out


def comment_problems(scanner: Scanner, text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Personal data in the comments of a YAML text (a record, a setting, a page's front
    matter) starting at `first_line` of `path`: the site never shows a comment, but the
    repository that holds it is shared (GitHub, GitLab; published with GitHub Pages),
    and its history keeps it."""
    out = []
    for number, comment, _alone in yaml_comments(text):
        for hit in scanner.hits(comment):
            out.append(problem("personal-data-in-comment", Location(path, first_line + number),
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

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """(offset, phrase) of every occurrence of every phrase in text, in one pass."""
        if self._automaton is None or not text:
            return []
        return [(end - len(self.phrases[index]) + 1, self.phrases[index])
                for end, index in self._automaton.iter(text)]


class Names:
    """Redacted names as a reader would find them in a text: compared after `compact`
    (so spaces, U+3000 padding or zero-width characters between the characters hide
    nothing), all of them in one pass. `first` keeps where each name is set as redacted."""

    def __init__(self, first: dict, shown: dict | None = None,
                 tolerated: frozenset | set = frozenset(),
                 full_at: frozenset | set = frozenset()) -> None:
        self.first = first
        # a name the site prints masked (姓加某) -> how it prints it; the others are
        # redacted (printed nowhere)
        self.shown = shown or {}
        # of those, the people a 容错免责 case exempted: masked whatever their rank (a
        # notice names who was held to account, never who was exempted: seed 002)
        self.tolerated = frozenset(tolerated)
        # where a name field of another record (a case naming them held to account, a
        # ledger's leader) would print one of those in full: refused there too
        self.full_at = frozenset(full_at)
        self._written: dict[str, str] = {}
        for name in first:
            # and in every traditional or variant spelling (張三 is 张三 to whoever knows
            # him): the texts are read as they are, the names are spelled every way
            for spelled in spellings(compact(name)):
                self._written.setdefault(spelled, name)
        self._phrases = Phrases(self._written)

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def masked_problem(self, name: str, at, field: str) -> Problem:
        """The problem of a text showing in full `name`, which the site prints masked:
        said with why, for one a 容错免责 case exempted (its rank does not name it)."""
        return problem("tolerated-name-shown" if name in self.tolerated
                       else "masked-name-shown", at, field=field, name=name,
                       masked=self.shown[name], first=str(self.first[name]))

    def found(self, text: str) -> list[str]:
        """The names (as written where they were set) that text shows."""
        if not self._phrases:
            return []
        return [self._written[c] for c in self._phrases.find(compact(text))]


# A Markdown table's delimiter row (|---|:---:|) and the cells of a row (an escaped \| is
# text): the header above it names each column.
_TABLE_DELIMITER = re.compile(r"[ \t]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip() for cell in _CELL_SPLIT.split(line)]


@dataclass(frozen=True)
class TableCell:
    """A table's cell as the reader sees it placed: its text, whether it is a header cell
    (<th>, a Markdown table's header line, a sheet's header row), and the columns and
    rows it spans (colspan, rowspan; merged cells of Excel)."""
    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


# Cells spanning rows below their own that a table's layout follows at once: a real
# table merges a few (a unit's name over its rows); past these, a row's cells are placed
# as if no more were merged, so a row costs at most this many steps (linear).
_MAX_SPANNING = 32
_LABEL_LENGTH = 16  # a row's label (联系电话, 开户账号) is a short cell


def table_contexts(rows) -> list[tuple[int, int, frozenset[str]]]:
    """(row, cell, context) of each cell of one table that a header says is a phone, a QQ
    number or an account (`context_of`), placed as the browser places cells: a header is
    a row of header cells with no digit in it, and consecutive ones are read together (a
    cell spanning columns, colspan, or rows, rowspan, is over every column and row it
    covers: 联系方式 over 手机 and QQ); its columns hold until the next header. A row's
    first cell naming one (| 联系电话 | 138… |, <th>联系电话</th><td>…, a bold label)
    says it of the rest of its row. `rows`: lists of `TableCell`."""
    out: list[tuple[int, int, frozenset[str]]] = []
    heads: dict[str, tuple[list[int], list[int]]] = {}  # kind -> (ends, starts), disjoint
    block: list[tuple[int, int, frozenset[str]]] | None = None  # header rows being read
    spanning: list[tuple[int, int, int]] = []  # (first column, end, last row), by column
    for number, cells in enumerate(rows):
        spanning = [s for s in spanning if s[2] >= number]
        placed = _placed(cells, spanning, number)
        if cells and all(c.header for c in cells) \
                and not any(_A_DIGIT.search(digit_view(c.text)) for c in cells):
            block = block if block is not None else []
            block += [(a, b, kinds) for (a, b), c in zip(placed, cells, strict=True)
                      if (kinds := context_of(c.text))]
            continue
        if block is not None:
            heads, block = _column_heads(block), None
        label = _LABEL_MARKS.sub("", cells[0].text).strip() if cells else ""
        by_row = context_of(label) if len(label) <= _LABEL_LENGTH \
            and not _A_DIGIT.search(digit_view(label)) and not _IDENTIFIER.search(label) \
            else frozenset()
        for index, (first, end) in enumerate(placed):
            kinds = set(by_row) if index else set()
            for kind, (ends, starts) in heads.items():
                at = bisect.bisect_right(ends, first)
                if at < len(ends) and starts[at] < end:
                    kinds.add(kind)
            if kinds:
                out.append((number, index, frozenset(kinds)))
    return out


_A_DIGIT = re.compile("[0-9]")
# A row's label as the screen shows it (**联系电话**, `QQ`: Markdown's marks are no text);
# a key or a code (personal-phone, contact_phone: the staff manual's rows) is no label.
_LABEL_MARKS = re.compile("[*_`~]")
_IDENTIFIER = re.compile("[A-Za-z][-_.][A-Za-z]")


def _placed(cells, spanning: list[tuple[int, int, int]], number: int) -> list[tuple[int, int]]:
    """The columns (first, end) each cell of row `number` covers, past those that cells
    of the rows above still cover (`spanning`, which the row's own cells spanning rows
    join, at most `_MAX_SPANNING` of them)."""
    placed, column, at = [], 0, 0
    for cell in cells:
        while at < len(spanning) and spanning[at][0] <= column:
            column = max(column, spanning[at][1])
            at += 1
        placed.append((column, column + cell.colspan))
        if cell.rowspan > 1 and len(spanning) < _MAX_SPANNING:
            spanning.append((column, column + cell.colspan, number + cell.rowspan - 1))
        column += cell.colspan
    spanning.sort()
    return placed


def _column_heads(block) -> dict[str, tuple[list[int], list[int]]]:
    """kind -> (ends, starts) of the columns a header's cells naming it cover, merged into
    disjoint ranges in column order (a cell above and one below naming the same)."""
    heads: dict[str, tuple[list[int], list[int]]] = {}
    for first, end, kinds in sorted(block):
        for kind in kinds:
            ends, starts = heads.setdefault(kind, ([], []))
            if ends and first <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                ends.append(end)
                starts.append(first)
    return heads


def span_of(value: str | None, most: int) -> int:
    """A colspan or rowspan as the browser reads it: its leading digits, 1 to `most`; a
    rowspan of 0 spans the rest of its table."""
    digits = re.match("[0-9]+", (value or "").strip())
    if digits is None:
        return 1
    number = int(digits.group())
    return most if number == 0 and most > 1000 else min(max(number, 1), most)


def markdown_context_cells(body: str) -> list[tuple[int, str, frozenset[str]]]:
    """(0-based line, text, context) of each cell of a Markdown table that its header or
    its row's first cell says is a phone, a QQ number or an account (| 姓名 | 联系电话 |
    QQ号 |, | 联系电话 | 1381… |: `table_contexts`): the reader reads 1381 234 5678
    there as a phone number though no word in its cell says so. One pass over the lines."""
    lines = body.split("\n")
    out: list[tuple[int, str, frozenset[str]]] = []
    table: list[tuple[int, list[TableCell]]] = []

    def read() -> None:
        rows = [cells for _number, cells in table]
        out.extend((table[r][0], table[r][1][i].text, kinds)
                   for r, i, kinds in table_contexts(rows))
        table.clear()

    for number, line in enumerate(lines):
        if "|" not in line:
            read()  # the table ended
            continue
        if number + 1 < len(lines) and "-" in lines[number + 1] \
                and _TABLE_DELIMITER.fullmatch(lines[number + 1]):
            read()  # a header line starts a table
            table.append((number, [TableCell(c, header=True) for c in _cells(line)]))
            continue
        if table and not _TABLE_DELIMITER.fullmatch(line):
            table.append((number, [TableCell(c) for c in _cells(line)]))
    read()
    return out


def scan_markdown(scanner: Scanner, body: str, path: str, first_line: int,
                  field: str) -> list[Problem]:
    """Personal data (in the text and in decoded link targets such as a percent-encoded
    mailto:) and everything the sanitiser would remove from a staff-written Markdown body.
    A number in a cell a header says is a QQ number (QQ号, 联系方式 over QQ号) is said as
    one, not also as the mobile its shape reads as without the header."""
    contexts = markdown_context_cells(body) if "|" in body else []
    if "<" in body:  # a raw HTML table's header says the same (the audit reads it so)
        from generator.audit import body_header_cells

        contexts += body_header_cells(body)
    mistaken: list[Problem] = []
    told: Counter = Counter()
    out = _scan_markdown(scanner, body, path, first_line, field, contexts, mistaken, told)
    return take_back(out, mistaken, told)


def add_cell_problems(out: list[Problem], said: list[Problem]) -> Counter:
    """Adds to `out` (the problems of a text read whole) those of its cells read as their
    headers say (`said`, cell by cell): each as many times as cells say it, counting
    those the whole text said already (two QQ cells of a row holding one number are two
    reports; a 手机 cell's number the text read as a phone is one). Returns how many
    cells said each, for `take_back`. Counted, not searched: linear in the problems."""
    have, told = Counter(out), Counter()
    for found in said:
        told[found] += 1
        if have[found] < told[found]:
            out.append(found)
            have[found] += 1
    return told


def take_back(out: list[Problem], mistaken: list[Problem], told: Counter) -> list[Problem]:
    """`out` without one report of each of `mistaken` (a QQ cell's number the whole text
    read as a phone), but never fewer than the cells a header says hold it (`told`: the
    same number in a 手机 cell of the row is the same problem, and is reported)."""
    if not mistaken:
        return out
    have, drop = Counter(out), Counter()
    for wrong in mistaken:
        if have[wrong] - drop[wrong] > told[wrong]:
            drop[wrong] += 1
    kept = []
    for found in out:
        if drop[found] > 0:
            drop[found] -= 1
        else:
            kept.append(found)
    return kept


def _scan_markdown(scanner: Scanner, body: str, path: str, first_line: int, field: str,
                   contexts, mistaken: list[Problem], told: Counter) -> list[Problem]:
    out = scanner.problems(body, field, Location(path, first_line), markdown=True)
    cells: list[Problem] = []
    for number, cell, kinds in contexts:
        at = Location(path, first_line + number)
        said = scanner.problems(cell, field, at, context=kinds)
        cells += said
        if "qq" in kinds and not phone_said(kinds):
            mistaken += [p for p in scanner.problems(cell, field, at)
                         if p.code == CODES["phone"] and p not in said]
    told.update(add_cell_problems(out, cells))
    out += [problem("reference-too-long", Location(path, first_line + number), field=field,
                    column=column, value=start, limit=sanitize.MAX_REFERENCE_DIGITS)
            for number, column, start in sanitize.long_references(body)]
    dense = sanitize.dense_blocks(body)
    unclosed = sanitize.unclosed_fences(body)
    crowded = [] if unclosed else sanitize.crowded_fences(body)
    # not converted (sanitize.markdown_html): its text was scanned above; the first 100
    # fences left open are named (a body of thousands is one mistake, said at its start)
    if dense or unclosed or crowded:
        return out + sorted(
            [problem("markup-too-dense", Location(path, first_line + number), field=field,
                     count=count, limit=sanitize.MAX_INLINE_MARKS) for number, count in dense]
            + [problem("unclosed-code-fence", Location(path, first_line + number),
                       field=field, value=fence) for number, fence in unclosed[:100]]
            + [problem("too-many-code-blocks", Location(path, first_line + number),
                       field=field, count=count, limit=sanitize.MAX_FENCED_BLOCKS)
               for number, count in crowded],
            key=lambda p: p.line)
    read = sanitize.read_markdown(body)
    shown = sanitize.shown_lines(read)
    if shown is not None:  # what markup and character references make of it, said once
        # the text on the screen, then each line with its attributes' values decoded
        # (<abbr title="&#49;38…">: a tooltip, read by the audit as text)
        decoded = [sanitize.unescape(line).replace("\r", " ").replace("\n", " ") if "&" in line
                   else "" for line in read.lines]
        # an indented code block shows its tags and references as written (&#49;38… is
        # those characters there): its lines are read as written, by the scan above
        changed = [number for number, line in enumerate(read.lines) if "&" in line or "<" in line]
        for number in sanitize.shown_as_code(read.source, changed) if changed else ():
            shown[number] = decoded[number] = ""
        for view in (shown, decoded):
            said = set(out)  # (a set: a body of thousands of numbers is read in linear time)
            out += [p for p in scanner.problems("\n".join(view), field,
                                                Location(path, first_line), markdown=True)
                    if p not in said]
        out += hidden_references(read, path, first_line)
    # the words as the reader reads them past Markdown's own marks too: 手机[138](x.md)
    # 12345678 and 家住幸福小区`三栋`三零二 are whole on the page (sanitize.text_lines)
    # (code spans and blocks too: the page shows their text as written)
    written = body.split("\n")
    words = sanitize.text_lines(written)
    if words != written:
        told = {(p.code, p.line) for p in out}
        out += [p for p in scanner.problems("\n".join(words), field, Location(path, first_line),
                                            markdown=True) if (p.code, p.line) not in told]
    for number, url in sanitize.markdown_urls(read):
        out += scanner.problems(decode_url(url), field, Location(path, first_line + number))
    by_line: dict[int, list[str]] = {}
    removed = sanitize.removed_markup(read)
    for number, what in removed.named:
        by_line.setdefault(number, []).append(what)
    for number, found in sorted(by_line.items()):
        shown = "、".join(dict.fromkeys(found))
        out.append(problem("unsafe-markup", Location(path, first_line + number), field=field,
                           value=shown if len(shown) <= 60 else shown[:60] + "…"))
    if removed.rest_count:  # past the lines named one by one: how many more, from where
        out.append(problem("unsafe-markup-more",
                           Location(path, first_line + removed.rest_line), field=field,
                           count=removed.rest_count, lines=sanitize.MAX_MARKUP_LINES))
    # an element left open is named once the body holds nothing to remove
    shape = None if by_line else sanitize.unbalanced_markdown(body)
    if shape is not None:
        number, tag = shape
        out.append(problem("unclosed-markup" if tag != "</…>" else "stray-end-tag",
                           Location(path, first_line + number), field=field, value=tag))
    return out


def hidden_references(read: sanitize.MarkdownMarkup, path: str,
                      first_line: int) -> list[Problem]:
    """A control character, bidi control, tag character or run of variation selectors
    written as character references (&#x202E;, &rlm;, &#917553;): the page holds the
    character itself, which check refuses where it is typed. One per line, at the
    first reference that spells one (code is shown as written: fenced code is blanked
    here, indented code left out)."""
    from generator.load import control_in

    out, found_at = [], []
    for number, line in enumerate(read.lines):
        if "&" in line and control_in(sanitize.unescape(line)) is not None:
            found_at.append(number)
    # an indented code block shows its references as written, as a fenced one does
    code = sanitize.shown_as_code(read.source, found_at) if found_at else set()
    for number in found_at:
        if number in code:
            continue
        line = read.lines[number]
        found = control_in(sanitize.unescape(line))
        # doubled, a lone selector reads as the run it starts
        column = next((m.start() + 1 for m in sanitize.CHARACTER_REFERENCE.finditer(line)
                       if control_in(sanitize.unescape(m.group()) * 2)), 1)
        out.append(problem("control-character", Location(path, first_line + number),
                           column=column, char=found[1]))
    return out


def office_phone(value: str) -> str:
    """What a notice's contact number (`contact.phone`) is: "landline" when the whole
    value is one number with its area code (an office's, printed in the 附注 of the 公文),
    "mobile" when it holds a mobile (a person's: never printed), else ""."""
    text = normalise(value).strip()
    hits = _PLAIN.hits(text, normalised=True, phone_context=True)  # a phone, by its field
    if any(h.kind == "phone" for h in hits):
        return "mobile"
    if len(hits) == 1 and hits[0].kind == "landline" and text[:hits[0].start] in ("", "(") \
            and hits[0].end == len(text):  # (0874)8212345: the area code in brackets
        return "landline"
    return ""


def notice_contact_phones(notices) -> list[str]:
    """The office numbers published notices give as their contact (`contact.phone`): the
    only numbers outside the official channels the built site may show, on those
    notices' pages and documents (and the search index that holds their text)."""
    return [n["contact"]["phone"] for n in notices or () if getattr(n, "published", True)
            and isinstance(n.get("contact"), dict) and n["contact"].get("phone")
            and office_phone(n["contact"]["phone"]) == "landline"]


def official_contacts(channels) -> tuple[list[str], list[str], list[str], list[str]]:
    """Phone numbers (mobile and landline), e-mail and postal addresses of the official
    reporting channels, and the numbers of the unit's public accounts (a channel of kind
    账户: 廉政账户, 罚没款账户): the only ones the site may show."""
    phones, emails, addresses, accounts = [], [], [], []
    for channel in (channels or {}).get("channels") or []:
        value = normalise(channel.get("value") or "")
        if channel.get("kind") == ACCOUNT_CHANNEL:
            accounts += account_numbers(value)
            continue  # (its number is no phone, its 户名 no address)
        emails += [m.group() for m in _EMAIL.finditer(value)]
        emails += [f"{m.group(1)}@{m.group(2)}" for m in _EMAIL_SAID.finditer(value)]  # jubao#…
        # the numbers as every scan reads them, token by token: the digits of the whole
        # value run together made a mobile of a landline and its extension
        # (0871-3812345 转 678 allowed 13812345678 everywhere) or of two numbers side by side
        phones += [h.value for h in _PLAIN.hits(value, normalised=True)
                   if h.kind in ("phone", "landline")]
        addresses += [m.group() for m in _ADDRESS.finditer(digit_view(value))]
    return phones, emails, addresses, accounts


# The channel kind (schema.yml) of a unit's public bank account
ACCOUNT_CHANNEL = "账户"


def account_numbers(value: str) -> list[str]:
    """The account numbers an account channel's value writes: each run of 12 to 19
    digits in groups (6228 4801 2345 6789 012), its digits only."""
    view = digit_view(normalise(value))
    return [digits for run in _CARD_RUN.finditer(view)
            if 12 <= len(digits := _digits(run.group())) <= 19 and digits.isdigit()]


# -- words: a reporter's name, a home address, a licence plate ---------------------------

# Surnames (百家姓 as counted by the 2020 census, the first 400 or so) in two tiers. Those
# that are not everyday words are found after a role word with or without a mark; those
# that are also everyday words after 举报人/群众 (于 向 时 和 关 单 解 申 项 管 符 党 全 应
# 明 常 万 安 成 文 严 强 …) only after 为/是/：, with a punctuation mark after the name
# (举报人为于海洋，): 举报人于2026年, 举报人向县纪委反映 stay plain words. A surname on
# neither list is not found (see the help of reporter-identity). Compound surnames first.
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "夏侯",
                      "尉迟", "公孙", "长孙", "宇文", "司徒", "端木", "独孤", "南宫", "呼延")


def surname_of(name: str) -> str:
    """The surname a masked name keeps (姓加某): 欧阳 of 欧阳晓明, 罗 of 罗小军."""
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[:1]


_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛阎闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵钱覃武戴莫孔汤温康施牛樊葛邢乔庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞柳祝舒阮"
    "柯纪梅凌裴霍涂苗谷盛翁冉骆蓝靳柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓缪芦麦褚娄窦岑宫卜晏柏瞿"
    "桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘邝蔺揭幸鄢诸"
    "高赖洪齐易伍甘包童毕季华卫尚宁左游辛房古吉简车戚景费冷席米宗曲阳沙商司")
_WORD_SURNAMES = frozenset("于万严向常文安成单管解时和全应党关项符明强申连路边师农")
# Words that begin like a name after 群众 or 举报人 (方面, 高度, 陈述…): never a name; a
# match whose first two characters are one of them is not reported.
_NOT_NAMES = frozenset({"方面", "高度", "陈述", "曾经", "陆续", "任何", "何时", "余人", "余名",
                        "钱款", "金额", "孙子", "吴某", "周边", "周围", "许多", "许可", "程序",
                        "田地", "江河", "石头", "毛病", "林地", "黄金", "杨树", "韩国", "金钱",
                        "高兴", "高速", "齐全", "易于", "包括", "毕业", "华侨", "卫生", "尚未",
                        "宁愿", "左右", "游玩", "房屋", "古代", "简单", "车辆", "费用", "冷静",
                        "米面", "宗教", "阳光", "沙子", "商量", "商户", "司机", "季度", "童年",
                        "匿名", "本人", "不详", "未知", "某某", "明白", "明确", "全体", "全部",
                        "单位", "常年", "常住", "安全", "成员", "文化", "严重", "时任", "和谐",
                        "管理", "关于", "关心", "向来", "于是", "万一", "党员", "应当", "项目",
                        "解决", "申请", "申诉", "连续", "路过", "边远", "师傅", "农民", "强烈"})
_GIVEN = "[一-柏柑-鿿]"  # a Han character, but not 某 (王某 is masked)
# 举报人/信访人/投诉人/反映人/控告人/检举人 (not 被举报人: the person reported on, who is
# named in a case) then a name and a mark or a verb; or 群众 + a name + the act of
# reporting. One bounded pattern each: the scan stays linear.
_ROLE = "(?<!被)(?:举报|信访|投诉|反映|控告|检举)人"


def _name(surnames) -> str:
    return ("((?:" + "|".join(_COMPOUND_SURNAMES) + "|[" + "".join(sorted(surnames)) + "])"
            + _GIVEN + "{1,2}?)")


_ROLE_NAME = re.compile(_ROLE + "(?:为|是|[: \t]{0,2})" + _name(_SURNAMES)
                        + "(?=[(),，、。.:;；!?！？ \t\n]|举报|反映|投诉|控告|检举|来信|来电|实名|"
                        "称|说|表示|向|于|在|到|多次|等|$)")
_ROLE_WORD_NAME = re.compile(_ROLE + "(?:为|是|[:：] ?)" + _name(_WORD_SURNAMES)
                             + "(?=[(),，、。.;；（]|$)")
_CROWD_NAME = re.compile("群众" + _name(_SURNAMES) + "(?=举报|反映|投诉|控告|检举|来信|来电|实名)")
# Who reported, said without a role word: 村民李建国实名举报, 经王小明举报, 据张晓红反映,
# 业主刘大伟投诉. A unit in the same place (经方山镇反映, 据石桥镇卫生院反映) ends in a
# unit's word and is not a name.
_WHO_NAME = re.compile("(?:村民|居民|市民|网民|职工|员工|商户|业主|家长|患者|经|据|由|接到)"
                       + _name(_SURNAMES) + "(?=(?:实名|多次|来信|来电)?(?:举报|反映|投诉|控告|检举))")
_UNIT_ENDS = frozenset("镇乡村区县市局委办所站院厅队部社组室处科股中校会司厂场馆台")


def reporter_names(text: str):
    """(start, end) of every name written as that of a reporter."""
    # (pattern, a word the text must hold for it to match, the endings a name cannot have)
    for pattern, hint, not_ends in ((_ROLE_NAME, "人", ""), (_ROLE_WORD_NAME, "人", ""),
                                    (_CROWD_NAME, "群众", ""), (_WHO_NAME, "", _UNIT_ENDS)):
        if hint in text:
            for match in pattern.finditer(text):
                name = match.group(1)
                if name[:2] not in _NOT_NAMES and name[-1] not in not_ends:
                    yield match.start(1), match.end(1)


# A home address: a road, street, lane, village or estate, its number (号), then a
# building, entrance, flat or room (栋 幢 单元 室 户); or an estate's building and flat;
# or a village's group (组) and house number; or a building's entrance and a flat with no
# estate before them (3栋2单元302室, 2单元302室: an office building has no 单元). An
# office address without a flat (人民路 1 号县纪委监委) is not one; official addresses
# (channels.yml) are allowed. Every number may be written in Chinese numerals (三栋三零二,
# 五号楼三单元, 三组十二号): the digit view turns a run of three or more into digits, the
# shorter ones and 十/百 stay as written and are read here.
_N = "(?:[0-9]{1,5}|[〇零一二两三四五六七八九十百]{1,4})"
# the room alone, as people write it (幸福小区5栋302): three or four digits that are no
# year, sum or count
_ROOM_ALONE = ("[0-9]{3,4}(?![0-9]|[ ]?[年月日元万亿人个名件次套间平米户])"
               "(?![ ]?[.,][0-9])")
_ESTATE_WORDS = "小区|花园|公寓|家园|新村|苑|大厦"
_ESTATE = f"(?:{_ESTATE_WORDS})"
_ADDRESS_HINT = re.compile("(?:[0-9]|[〇零一二两三四五六七八九十百]) ?(?:栋|幢|座|单元|号楼|室|户|号)")
_ADDRESS = re.compile(
    f"(?:路|街|巷|弄|里|道|村|屯|{_ESTATE_WORDS})[ ]?{_N}[ ]?号"
    f"(?:[ ]?院)?[ ]?{_N}[ ]?(?:栋|幢|座|单元|号楼|室|户)"
    f"(?:[ ]?{_N}[ ]?(?:单元|室|户|号)){{0,3}}"
    f"|{_ESTATE}[ ]?{_N}[ ]?(?:栋|幢|座|号楼)"
    f"[ ]?(?:{_N}[ ]?(?:单元|室|户|号)(?:[ ]?{_N}[ ]?(?:室|户|号))?|{_ROOM_ALONE})"
    f"|村[ ]?{_N}[ ]?组[ ]?{_N}[ ]?号"
    # a building and its entrance, or an entrance and its flat, wherever they stand
    f"|{_N}[ ]?(?:栋|幢|座|号楼)[ ]?{_N}[ ]?单元(?:[ ]?(?:{_N}[ ]?(?:室|户|号)|{_ROOM_ALONE}))?"
    f"|{_N}[ ]?单元[ ]?{_N}[ ]?室")
# Where someone lives, said as such (家住, 住在, 住址, 户籍…): a road or village and its
# number (家住建设路二十五号), or a building of an estate (住在幸福小区5号楼, 住在三栋三零二)
# is a home address too. Without such a word a building alone is where a lift stopped or
# a roof leaked (幸福小区5号楼电梯停运), no one's home. The cue and the address stay in one
# clause (no 。；!?，、 or line break between), at most 16 characters apart, and the cue
# names no one's home when a 的 follows it (住在县城的群众反映人民路1号…): bounded, linear.
_HOME_HINT = re.compile("住|户籍")
_HOME = re.compile(
    "(?:家住|住在|住址|住于|居住|现住|暂住|租住|寄住|户籍|家庭地址)"
    "[^。；;!?！？,，、的\n\x1f]{0,16}?"
    f"((?:路|街|巷|弄|里|村|屯|组|{_ESTATE_WORDS})[ ]?{_N}[ ]?号"
    "(?![ ]?(?:楼|栋|幢|文|令|通知|公告))"
    f"|{_N}[ ]?(?:号楼|号栋|号幢)"
    f"|{_ESTATE}[ ]?{_N}[ ]?(?:栋|幢|座)(?![ ]?[楼房])"
    f"|{_N}[ ]?(?:栋|幢|座)[ ]?(?:{_N}[ ]?(?:室|户|号)|{_ROOM_ALONE}))")
_ANY_DIGIT = re.compile("[0-9〇零一二两三四五六七八九十百]")
# What a person is reached or identified by besides the ID number and the phone, written
# after the word naming it: a QQ number, a WeChat id (微信号, not a 公众号's name), a
# passport or a travel permit (往来港澳通行证 C…, 回乡证 H…/M…, 台胞证, 居留证), with 号,
# 号码 or 账号 and a colon, 是 or 为 between. The value has a digit or an underscore (微信
# WeChat names the program, not an account); read in the digit view (QQ 一二三四五六七).
_ACCOUNT = re.compile(
    "(?:(?<![A-Za-z])(?:QQ|Qq|qq|VX|Vx|vx|WX|Wx|wx|weixin|WeChat|wechat|[Qq](?=群?号))|扣扣|"
    "企鹅|微信|威信|"
    "薇信|V信|v信|护照|通行证|回乡证|台胞证|居留证|签证|(?<!信)群号码?)"
    # (a QQ group's number, 群号, leads to the group and whoever is in it: to a reporter)
    r"群?(?:号码|号|账号|帐号|ID|id)?[ \t]{0,2}(?:[:是为][ \t]{0,2})?"
    r"(?=[A-Za-z0-9_\-]{0,19}[0-9_])([A-Za-z0-9][A-Za-z0-9_\-]{4,19})(?![A-Za-z0-9_\-])")
# A QQ number (5 to 11 digits, never 0 first) split as a phone is split (QQ：1234 5678
# 90, 企鹅号 12345 67890, QQ号码：123-456-7890, a line break after the word), read after
# the words naming QQ alone: the digit groups after the word with the gaps a phone's
# groups have (_SEP), as many as make at most eleven digits. A date (QQ群 2026.05.10 建),
# an amount (1 234.56 元), a count or a 文号's number (…号) is none; the county's own
# numbers (channels.yml) neither. One bounded look and one run after each word: linear.
_QQ_WORD = re.compile(
    "(?:(?<![A-Za-z])(?:QQ|Qq|qq|[Qq](?=群?号))|扣扣|企鹅|(?<!信)群号码?)群?"
    r"(?:号码|号|账号|帐号|ID|id)?[ \t]{0,2}(?:[:是为][ \t]{0,2})?" + _NEXT_LINES + "(?=[0-9])")
_QQ_GROUP = re.compile(rf"([0-9]+)({_SEP})?")
_QQ_AFTER = re.compile("[ \t]?(?:[年月日时分秒元万亿件人次条号项个名%‰]|[.][0-9])")
_RUN_START = re.compile("(?<![0-9A-Za-z_])[0-9]")
_DATE_SHAPE = re.compile(r"((?:19|20)[0-9]{2})[^0-9]{1,3}([0-9]{1,2})[^0-9]{1,3}([0-9]{1,2})")


def _grouped_qq(view: str, official: set[str], everywhere: bool = False) -> list[Hit]:
    """QQ numbers in groups after a word naming QQ; `everywhere`: the whole text is said
    to be one (a column headed QQ号), so every run of digit groups is read, one group too."""
    out: list[Hit] = []
    if everywhere:
        starts = [m.start() for m in _RUN_START.finditer(view)]
    elif "Q" in view or "q" in view or "扣扣" in view or "企鹅" in view or "群号" in view:
        starts = [m.end() for m in _QQ_WORD.finditer(view)]
    else:
        return out
    last = 0
    for begin in starts:
        if begin < last:
            continue  # (inside a run read already)
        pos, digits, end, groups, more = begin, "", begin, 0, False
        while (group := _QQ_GROUP.match(view, pos)) is not None:
            if len(digits) + len(group.group(1)) > 11:
                more = True  # a row of figures going on (135 77 58 44 57.0%), not one number
                break
            digits += group.group(1)
            end, groups = group.end(1), groups + 1
            if group.group(2) is None:
                break
            pos = group.end()
        last = pos if more else end
        value = view[begin:end]
        if more or groups < (1 if everywhere else 2) or not 5 <= len(digits) <= 11 or digits[0] == "0" \
                or _QQ_AFTER.match(view, end) or digits in official or _is_date(value):
            continue
        out.append(Hit("account", begin, end, value))
    return out


def _is_date(value: str) -> bool:
    """A date, a year and month, or a case number (2026-001) as a clerk writes one after
    a word naming QQ (QQ群 2026-05-10 建立, QQ群号 2026-001号): no one's number."""
    value = value.strip()
    if _YEAR_AND_NUMBER.fullmatch(value):
        return True
    shape = _DATE_SHAPE.fullmatch(value)
    return bool(shape) and _real_date(
        f"{shape.group(1)}{int(shape.group(2)):02d}{int(shape.group(3)):02d}")


_YEAR_AND_NUMBER = re.compile(r"(?:19|20)[0-9]{2}[ \-./\u2010-\u2015\u2212\u3001]{1,2}[0-9]{1,4}")


# An identity document's number said to be one, whatever its shape or check character:
# after 身份证 (香港、澳门、台湾 and 外国人永久居留身份证 too: A123456(7), 1234567(8),
# A123456789), 居住证, 证件, 驾驶证 or 驾照 and 号/号码/编号 and a colon, 是 or 为, a run of
# letters, digits and the brackets round a check digit holding a digit (a mainland number
# mistyped fails its check and is someone's still). One bounded look per word: linear.
_ID_SAID = re.compile(
    "(?:身份证|身份證|居住证|居住證|证件|證件|驾驶证|駕駛證|驾照)"
    r"(?:号码|號碼|号|號|编号|編號)?[ \t]{0,2}(?:[:是为][ \t]{0,2})?"
    r"(?=[A-Za-z]{0,3}[0-9])([A-Za-z0-9][A-Za-z0-9()]{4,20})(?![A-Za-z0-9])")


# A WeChat id of letters alone (zhang-san: WeChat asks only for a letter first, then six
# to twenty letters, digits, _ or -), after a word that says it is the id (微信号, 微信
# 账号, WeChat ID) and a colon, 是 or 为, or after 微信 and a colon (微信：zhangsan): 微信
# alone before a word names the program (加微信 zhangsan, 微信 WeChat).
_WECHAT_ID = re.compile(
    "(?:微信|威信|薇信|V信|v信|(?<![A-Za-z])(?:WeChat|wechat|weixin|VX|Vx|vx|WX|Wx|wx)[ ]?)"
    r"(?:(?:号码|号|账号|帐号|ID|id|Id)[ \t]{0,2}[:是为]|[ \t]{0,2}:)[ \t]{0,2}"
    r"([A-Za-z][A-Za-z0-9_\-]{5,19})(?![A-Za-z0-9_\-])")
# A Chinese licence plate (GA 36-2018): province abbreviation, the issuing office's letter
# (no I or O), then 5 characters (6 on new-energy plates), at least three of them digits,
# or 4 and 学/警/挂/港/澳.
# (the provinces' characters in their traditional forms too, as a plate is written in a
# text pasted from Hong Kong or Taiwan software; a space may follow the province: 云 A 12345)
# What may stand between a plate's or a travel document's characters: a space or a mark
# as a writer spaces them, or a line break with its blanks (a page joins a paragraph's
# lines with a space: 云A·1234⏎5 shows 云A·1234 5). Bounded: no backtracking to speak of.
_PLATE_GAP = "(?:[ ·・.\\-]|[ \t]{0,3}\r?\n[ \t]{0,8})"
_PLATE_CHAR = "[A-HJ-NP-Za-hj-np-z0-9]"
_PLATE = re.compile(
    "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
    f"滬遼魯蘇贛晉陝閩貴粵寧瓊雲]{_PLATE_GAP}?[A-HJ-NP-Za-hj-np-z]"
    f"{_PLATE_GAP}?(?=(?:[A-Za-z ·・.\\-\t\r\n]{{0,12}}[0-9]){{3}})"
    # (the number's characters in groups as a writer spaces them: 云 A 1234 5, 川A-1234-5;
    # no more characters after it, spaced or not: 云 A 1234 5678 is no plate)
    f"(?:{_PLATE_CHAR}(?:{_PLATE_GAP}?{_PLATE_CHAR}){{4,5}}(?!{_PLATE_GAP}?[A-Za-z0-9])"
    f"|{_PLATE_CHAR}(?:{_PLATE_GAP}?{_PLATE_CHAR}){{3}}{_PLATE_GAP}?[学警挂港澳])"
    "(?![A-Za-z0-9])")
# A travel document's or permit's number in groups after its word (护照 E 1234 5678,
# 往来港澳通行证 C1234-5678, 回乡证 H 1234 5678 01, 台胞证号 1234 5678, 外国人永久居留身份证
# USA 1100 9008 0012): its letters (none for a 台胞证), then groups of digits split by any
# separator a writer splits digit groups with (as `_GROUP_GAP`; a line break too), seven to
# twelve digits in all after letters, eight to ten alone. (Written whole it is read by
# `_ACCOUNT`; digits alone that are a date are none: 签证 2026 05 10, 台胞证 2026.05.10.)
# Separators and digits are disjoint: no backtracking to speak of.
_DOCUMENT_GAP = ("(?:[ \t\\\\\\-.\u00b7\u30fb*/\u3001\u2010-\u2015\u2212]{1,3}"
                 "|[ \t]{0,3}\r?\n[ \t]{0,8})")
DOCUMENT_WORDS = ("护照", "護照", "通行证", "通行證", "回乡证", "回鄉證", "台胞证", "臺胞證",
                  "台胞證", "居留证", "居留證", "居留身份证", "居留身份證", "居留许可", "签证",
                  "簽證")
_DOCUMENT_SPACED = re.compile(
    "(?:" + "|".join(DOCUMENT_WORDS) + ")"
    "(?:号码|號碼|号|號|编号|編號)?[ \t]{0,2}(?:[:是为][ \t]{0,2})?"
    f"([A-Za-z]{{1,3}}(?:{_DOCUMENT_GAP}?[0-9]+(?:{_DOCUMENT_GAP}[0-9]+)*)"
    f"|[0-9]+(?:{_DOCUMENT_GAP}[0-9]+)+)"
    "(?![A-Za-z0-9])")


def _document_number(value: str) -> bool:
    """Whether a run `_DOCUMENT_SPACED` read is a document's number: 7 to 12 digits after
    its letters, or 8 to 10 digits alone that are no date."""
    digits = sum(c.isdigit() for c in value)
    if value[:1].isalpha():
        return 7 <= digits <= 12
    joined = _digits(value)
    return 8 <= digits <= 10 and not _is_date(value) and not (
        digits == 8 and joined[:2] in ("19", "20") and _real_date(joined))


_PLAIN = Scanner()
