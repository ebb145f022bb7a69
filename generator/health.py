"""Site health as the state's inspections of government websites count it: columns not
updated in time, empty columns, a home page that stays the same, broken internal links;
and the official marks (标识) a production site must show.

`python -m generator health` prints the findings; the build log carries the same lines.
Nothing here refuses a build: these are for the staff who keep the site.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re

from generator.problems import Location, Problem, problem, say

# Inspection rules: news (工作动态) within two weeks, other notice columns within six
# months, the home page within two weeks.
NEWS_DAYS = 14
NOTICE_DAYS = 183
HOME_DAYS = 14
NEWS = "工作动态"
# The marks a production site must show (site.yml keys).
MARKS = ("logo", "favicon", "contact", "site_code", "icp", "police_record")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def missing_marks(data) -> list[Problem]:
    """Warnings for a production site (demo: 否) without its official marks."""
    from generator.schema import record_types

    site = data.site
    if site.get("demo") or not site.get("title"):  # a demo, or no site.yml to speak of
        return []
    fields = record_types()["site"].fields
    out = []
    for key in MARKS:
        if not str(site.get(key) or "").strip():
            out.append(problem("site-mark-missing", Location(site.where.path, 1), field=key,
                               label=fields[key].label))
    return out


def report(site, root) -> list[str]:
    """The health section of a built `pipeline.Site`: a head line, then one line per
    finding, or a single line saying all is well."""
    lines = findings(site.data, site.facts, site.pages, set(site.files) | site_files(root))
    lines += [f"  {item}" for item in missing_marks(site.data)]
    return [say("health_head") if lines else say("health_ok")] + lines


def findings(data, facts, pages: dict[str, str], files: set[str]) -> list[str]:
    """Every health finding, one Chinese line each, in a stable order."""
    today = facts.today
    out = []
    by_category: dict[str, list] = {}
    for notice in facts.notices:
        by_category.setdefault(notice["category"], []).append(notice["date"])
    for name in _notice_categories(data):
        dates = by_category.get(name, [])
        limit = NEWS_DAYS if name == NEWS else NOTICE_DAYS
        if not dates:
            out.append(say("health_empty", column=name))
        elif (today - max(dates)).days > limit:
            out.append(say("health_stale", column=name, days=(today - max(dates)).days,
                           last=_cn(max(dates)), limit=limit))
    nav = data.labels["nav"]
    counts = {"cases": len(facts.cases), "ledger": facts.figures["ledger_total"],
              "inspections": len(facts.inspections), "warnings": len(facts.warnings_by_unit),
              "reports": len(facts.periods), "commitments": len(facts.commitments)}
    for key, count in counts.items():
        if not count:
            out.append(say("health_empty", column=nav[key]))
    shown = [n["date"] for n in facts.notices[:5]] + [c["published_on"] for c in facts.cases[:5]]
    if not shown or (today - max(shown)).days > HOME_DAYS:
        out.append(say("health_home", days=(today - max(shown)).days if shown else "∞",
                       limit=HOME_DAYS))
    for page, target in broken_links(pages, files):
        out.append(say("health_link", page=page, target=target))
    return out


def broken_links(pages: dict[str, str], files: set[str]) -> list[tuple[str, str]]:
    """(page, target) for every relative link in the rendered pages whose target is
    neither a page nor a file of the site."""
    known = set(pages) | set(files)
    out = []
    kept = {} if LINKS is not None else None
    for path, text in sorted(pages.items()):
        seen = LINKS.get(path) if LINKS is not None else None
        if seen is not None and seen[0] is text:  # the very text read last time (preview)
            links = seen[1]
        else:
            links = _relative_links(path, text)
        if kept is not None:
            kept[path] = (text, links)
        out += [(path, target) for target, resolved in links if resolved not in known]
    if kept is not None:
        LINKS.clear()
        LINKS.update(kept)
    return out


# The preview (render.MEMO) hands over the very text of a page it did not render again:
# its links are not read again. site path -> (text, [(target, resolved path)]).
LINKS: dict[str, tuple[str, list]] | None = None


def _relative_links(path: str, text: str) -> list[tuple[str, str]]:
    here = posixpath.dirname(path)
    links = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue
        clean = target.split("#", 1)[0]
        links.append((target, posixpath.normpath(posixpath.join(here, clean))))
    return links


def site_files(root) -> set[str]:
    """Paths of the hand-written files under content/, as the site sees them."""
    from pathlib import Path

    content = Path(root) / "content"
    return {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}


def _notice_categories(data) -> list[str]:
    """The notice columns (栏目), from the taxonomy (notice_categories)."""
    return [c["name"] for c in data.taxonomy.get("notice_categories") or []]


def _cn(day: dt.date) -> str:
    from generator.normalise import cn_date

    return cn_date(day)
