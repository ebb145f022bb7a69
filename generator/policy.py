"""Publication policy: what the public may see, and under which name.

Every record gets a state (published, embargoed, draft, withdrawn, never_public: withdrawn
before its embargo lifted) with a reason, so
that a record the site does not show is always listed with why, never just missing.
"""
from __future__ import annotations

from generator.privacy import surname_of
from generator.problems import messages
from generator.records import TOLERANCE, Dataset, Rec

# How a person in a 容错免责 case is named unless site.yml's privacy sets it: the
# commission exempted them from accountability, and a published tolerance is written as
# seed 002's 容错免责机制 is (the mechanism and the post, not who erred): never in full,
# whatever the person's rank or own `display` says.
TOLERANCE_DISPLAY = "姓加某"
HIDDEN = "不显示"


def state_of(rec: Rec, now) -> tuple[str, str]:
    """(state, Chinese reason) of one case or notice at the build time."""
    reasons = messages()["states"]
    if rec.get("draft"):
        return "draft", reasons["draft"]
    embargo = rec.get("embargo")
    if embargo is not None and embargo > now:
        stamp = embargo.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        return "embargoed", reasons["embargoed"].format(time=stamp)
    withdrawn = rec.get("withdrawn")
    if withdrawn and embargo is not None and withdrawn.get("date") is not None \
            and withdrawn["date"] < embargo.astimezone(now.tzinfo).date():
        # Taken back before its embargo lifted: it was never public, so it leaves no
        # withdrawal note either (the note would publish its id, that it existed, and why).
        return "never_public", reasons["never_public"].format(date=withdrawn["date"])
    if withdrawn:
        return "withdrawn", reasons["withdrawn"].format(date=withdrawn.get("date"))
    return "published", ""


def apply(data: Dataset) -> None:
    """Set `state` and `reason` on every record of the dataset."""
    for name in ("cases", "notices"):
        for rec in data.collections.get(name, []):
            rec.state, rec.why = state_of(rec, data.now)
    # A clue names a unit before anything is proven: the register is published only as
    # counts (derive), never one by one, so no clue is ever "published".
    for rec in data.collections.get("clues", []):
        rec.state, rec.why = "aggregate", messages()["states"]["aggregate"]


def display_person(name: str | None, rank: str | None, site: Rec) -> str | None:
    """A name written outside a case (a ledger's 牵头领导/责任人) under the cases' policy."""
    if not name:
        return None
    return display_name({"name": name, "rank": rank}, site)


def display_name(person: Rec, site: Rec, kind: str | None = None) -> str | None:
    """The name as the site may print it; None when the person is redacted, or is in a
    case of `kind` 容错免责 and the site prints no name of such a person."""
    if person.get("redacted"):
        return None
    name = person.get("name") or ""
    privacy = site.get("privacy") or {}
    mode = person.get("display")
    if kind == TOLERANCE:  # the site's rule for who was exempted, above rank and display
        mode = privacy.get("tolerance_display") or TOLERANCE_DISPLAY
        if mode == HIDDEN:
            return None
    elif mode is None:
        full_ranks = privacy.get("full_name_ranks") or []
        mode = "全名" if person.get("rank") in full_ranks else privacy.get("name_display", "全名")
    # A name written masked already (李某某, 欧阳某) stays as written: the case's title
    # and facts say 李某某, and a 通报 saying 李某 beside them reads as another person.
    # Only a name masked whole: 李某明 still shows 明, so it is shortened like any other.
    given = name[len(surname_of(name)):]
    if mode == "姓加某" and name and not (given and set(given) == {"某"}):
        return surname_of(name) + "某"
    return name


def measures_in_order(ids, measures: dict) -> list[str]:
    """The ids of the measures one person received, in the taxonomy's order (党纪 before
    政务, lightest first within a group, as decisions write them), not as typed. The one
    order every place that names them uses: the case's page, the site's summaries, the
    monthly bulletin and a 通报 (`measure_names`, `_measures_said`)."""
    rank = {m: i for i, m in enumerate(measures)}
    return sorted(ids or [], key=lambda m: rank.get(m, len(rank)))


def measure_names(ids, measures: dict) -> list[str]:
    """The names of the measures one person received, as every page and document says
    them (`measures`: id -> name, in the taxonomy's order)."""
    return [measures.get(m, m) for m in measures_in_order(ids, measures)]
