"""Atom feeds of notices and cases: {site path: bytes}, the same for the same data.

Entry ids are the records' permanent URLs; `updated` comes from the records' own dates
(publication, embargo, follow-ups, corrections, withdrawal), never from the build time,
so two builds of the same data give identical feeds.
"""
from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from generator.notices import withdrawn_title
from generator.records import Dataset

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50  # newest entries per feed: a feed is a notification, the site is the archive
FEEDS = {"notices": "feeds/notices.xml", "cases": "feeds/cases.xml"}


def _stamp(day: dt.date | dt.datetime, tz) -> dt.datetime:
    if isinstance(day, dt.datetime):
        return day.astimezone(tz)
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz)


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _page_summary(text: str | None, limit: int = 200) -> str:
    """A record's text as a feed reader shows a summary (type="text": as it is): its words
    as the page shows them, Markdown's marks, tags and character references read as the
    page reads them (render._summary, as the page's own description), cut at `limit`.
    The first line as written showed **要点**, [文件](x.md) and &amp; to the reader."""
    from generator.render import _summary

    return _summary(text or "", limit)


def _case_entry(case, data: Dataset) -> dict:
    tz = data.now.tzinfo
    url = f"{data.site['url']}cases/{case['id']}/"
    labels = data.labels["feeds"]
    if not case.published:
        withdrawn = case["withdrawn"]
        return {"id": url, "url": url, "title": data.labels["case"]["withdrawn_title"],
                "updated": _stamp(withdrawn["date"], tz),
                "published": _stamp(case["published_on"], tz),
                "summary": labels["withdrawn"].format(date=withdrawn["date"].isoformat(),
                                                      reason=withdrawn["reason"])}
    dates = [_stamp(case["published_on"], tz)]
    if case.get("embargo"):
        dates.append(case["embargo"].astimezone(tz))
    dates += [_stamp(e["date"], tz) for key in ("followups", "corrections")
              for e in case.get(key) or []]
    return {"id": url, "url": url, "title": case["title"], "updated": max(dates),
            "published": max(dates[:2]), "summary": _page_summary(case.get("facts"))}


def _notice_entry(notice, data: Dataset) -> dict:
    tz = data.now.tzinfo
    url = f"{data.site['url']}notices/{notice['slug']}/"
    if not notice.published:  # withdrawn: subscribers learn of the withdrawal only
        withdrawn = notice["withdrawn"]
        return {"id": url, "url": url, "title": withdrawn_title(notice, data.labels),
                "updated": _stamp(withdrawn["date"], tz), "published": _stamp(notice["date"], tz),
                "summary": data.labels["notice"]["withdrawn_note"].format(
                    date=withdrawn["date"].isoformat(), reason=withdrawn["reason"])}
    moment = _stamp(notice["date"], tz)
    if notice.get("embargo"):
        moment = max(moment, notice["embargo"].astimezone(tz))
    return {"id": url, "url": url, "title": notice["title"], "updated": moment,
            "published": moment,
            "summary": notice.get("summary") or _page_summary(notice.get("body"))}


def _feed(data: Dataset, path: str, title: str, entries: list[dict]) -> bytes:
    entries = sorted(entries, key=lambda e: (e["updated"], e["id"]), reverse=True)[:LIMIT]
    site = data.site
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})

    def add(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    add(feed, "id", f"{site['url']}{path}")
    add(feed, "title", title)
    add(feed, "subtitle", site["title"])
    newest = entries[0]["updated"] if entries else _stamp(data.campaign["issued_on"],
                                                          data.now.tzinfo)
    add(feed, "updated", _rfc3339(newest))
    add(feed, "link", href=f"{site['url']}{path}", rel="self", type="application/atom+xml")
    add(feed, "link", href=site["url"], rel="alternate", type="text/html")
    author = add(feed, "author")
    add(author, "name", site["authority"])
    add(feed, "rights", site.get("licence") or site["authority"])
    for e in entries:
        entry = add(feed, "entry")
        add(entry, "id", e["id"])
        add(entry, "title", e["title"], type="text")
        add(entry, "link", href=e["url"], rel="alternate", type="text/html")
        add(entry, "published", _rfc3339(e["published"]))
        add(entry, "updated", _rfc3339(e["updated"]))
        add(entry, "summary", e["summary"], type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feeds(data: Dataset, facts) -> dict[str, bytes]:
    labels = data.labels["feeds"]
    cases = [_case_entry(c, data) for c in facts.cases]  # published and withdrawn
    notices = [_notice_entry(n, data) for n in facts.notices + facts.withdrawn_notices]
    return {FEEDS["notices"]: _feed(data, FEEDS["notices"], labels["notices"], notices),
            FEEDS["cases"]: _feed(data, FEEDS["cases"], labels["cases"], cases)}
