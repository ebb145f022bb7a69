"""A fictional county, written as the files staff would commit.

Scale 1 is the demo county committed under `data/`; scale N has N times as many units
and records, for benchmarks. Everything comes from one seeded generator, so the same
scale always gives the same files. All persons are fictional (张某某 style names).
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from pathlib import Path

from generator.synth_vocab import (BEHAVIOURS, BODIES, CLARIFICATIONS, FINDINGS, LEDGER_MEASURES,
                                   LEDGER_PROBLEMS, MATTERS, OUTCOMES, POSITIONS, PROGRESS, SURNAMES,
                                   TARGETS, UNITS, WARNING_REASONS)

CAMPAIGN_START = dt.date(2026, 3, 1)
# Who accepts a closed ledger item (销号验收), by the id prefix of its unit's kind: seed
# 003's 责任分工, each kind's cleanup collected by one body.
ACCEPTORS = {"XZ": "县委督查室", "XW": "县直机关工委", "ZF": "县政府督查室", "XX": "县教育局",
             "GQ": "县财政局"}
LAST_EVENT = dt.date(2026, 11, 15)  # nothing in the demo happens after this day
COMMITMENTS = [
    ("C1", "领导干部落实“两个责任”带头改进作风承诺书", dt.date(2026, 3, 20),
     ["乡镇", "县委部门", "政府部门", "学校", "国企"], False,
     "各单位领导班子成员签订并在单位公开栏公开。"),
    ("C2", "服务窗口公开承诺书", dt.date(2026, 3, 31), ["乡镇", "政府部门"], True,
     "服务窗口单位向社会公开服务时限、办事流程和监督电话。"),
    ("C3", "自查自纠情况报告", dt.date(2026, 5, 31),
     ["乡镇", "县委部门", "政府部门", "学校", "国企"], False,
     "对照整治重点逐项自查，报告查摆的问题和整改措施。"),
]
CATEGORIES = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "C1", "C2", "C3"]
SOURCES = ["明察暗访", "群众举报", "媒体曝光", "巡察", "自查"]
PUNISH = ["党内警告", "严重警告", "政务警告", "政务记过", "政务记大过", "诫勉谈话", "通报批评",
          "责令检查", "调离岗位", "停职检查", "批评教育", "撤销党内职务"]
RANKS = ["县处级", "乡科级", "一般干部", "一般干部", "其他"]
# Figures the county publishes as totals only (fictional, in the manner of seed 002).
TOTALS = [
    {"period": "2026年以来", "measure": "挂牌督办线索", "count": "86",
     "source": "演示县纪委监委《专项治理工作情况通报》", "note": "含未逐案公开的线索"},
    {"period": "2026年以来", "measure": "追责问责人数", "count": "57",
     "source": "演示县纪委监委《专项治理工作情况通报》", "note": "含未逐案公开的案件"},
    {"period": "2026年以来", "measure": "党纪政务处分人数", "count": "26",
     "source": "演示县纪委监委《专项治理工作情况通报》", "note": ""},
    {"period": "2026年以来", "measure": "启动问责程序的作风效能问题", "count": "34",
     "source": "演示县纪委监委《专项治理工作情况通报》", "note": "按问题起数计"},
]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(["某某", "某"])


def _units(scale: int) -> list[dict]:
    units = []
    for copy in range(1, scale + 1):
        for uid, name, kind, supervisor, window, approval, enforcement in UNITS:
            suffix = "" if copy == 1 else f"-{copy}"
            units.append({
                "id": uid + suffix,
                "name": name if copy == 1 else f"{name}（第{copy}片区）",
                "kind": kind, "supervisor": supervisor,
                "service_window": "是" if window else "否",
                "approval": "是" if approval else "否",
                "law_enforcement": "是" if enforcement else "否",
            })
    return units


def _write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The form `generator fmt` gives and Excel saves: UTF-8 with BOM, CRLF.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def _yaml_text(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line for line in text.splitlines()) + "\n"


def _case_yaml(case: dict) -> str:
    out = [f"id: {case['id']}", f"kind: {case['kind']}", f"title: {case['title']}",
           f"published_on: {case['published_on']}"]
    for key in ("embargo", "draft", "batch"):
        if case.get(key):
            out.append(f'{key}: "{case[key]}"' if key == "embargo" else f"{key}: {case[key]}")
    out.append(f"unit: {case['unit']}")
    if case.get("other_units"):
        out.append(f"other_units: [{', '.join(case['other_units'])}]")
    out += [f"categories: [{', '.join(case['categories'])}]",
            f"source: {case['source']}", "facts: " + _yaml_text(case["facts"], 2).rstrip("\n")]
    if case["persons"]:
        out.append("persons:")
        for person in case["persons"]:
            out.append(f"  - name: {person['name']}" if person.get("name")
                       else f"  - count: {person['count']}")
            for key in ("rank", "position", "display"):
                if person.get(key):
                    out.append(f"    {key}: {person[key]}")
            if person.get("measures"):
                out.append(f"    measures: [{', '.join(person['measures'])}]")
            if person.get("redacted"):
                out.append("    redacted: 是")
    if case.get("outcome"):
        out.append("outcome: " + _yaml_text(case["outcome"], 2).rstrip("\n"))
    if case.get("actions"):
        out.append("actions:")
        for entry in case["actions"]:
            out += [f"  - date: {entry['date']}", f"    kind: {entry['kind']}",
                    f"    to: {entry['to']}", f"    text: {entry['text']}"]
    for key in ("followups", "corrections"):
        if case.get(key):
            out.append(f"{key}:")
            for entry in case[key]:
                out += [f"  - date: {entry['date']}", f"    text: {entry['text']}"]
    if case.get("withdrawn"):
        out += ["withdrawn:", f"  date: {case['withdrawn']['date']}",
                f"  reason: {case['withdrawn']['reason']}"]
    return "\n".join(out) + "\n"


def _cases(rng: random.Random, units: list[dict], block: int) -> list[dict]:
    """The 42 cases of one block of units; the special states only in the first block."""
    cases = []
    first = (block - 1) * 42
    fixed = {2: dt.date(2026, 5, 20), 3: dt.date(2026, 6, 15), 4: dt.date(2026, 12, 20)}
    fixed = fixed if block == 1 else {}
    for n in range(first + 1, first + 43):
        unit = rng.choice(units)
        published = _day(rng, dt.date(2026, 4, 10), dt.date(2026, 11, 10))
        published = fixed.get(n, published)
        clarify = n % 10 == 5
        behaviour = rng.choice(CLARIFICATIONS if clarify else BEHAVIOURS)
        matter = rng.choice(MATTERS)
        name = _person(rng)
        position = rng.choice([p for p in POSITIONS
                               if unit["kind"] == "乡镇" or not p.startswith(("村", "副镇", "副乡"))])
        if position in ("副镇长", "副乡长"):  # a 乡 has a 副乡长, a 镇 a 副镇长
            position = "副乡长" if unit["name"].split("（")[0].endswith("乡") else "副镇长"
        month = published.month - 1 if published.month > 3 else published.month
        facts = (f"2026年{month}月，{unit['name']}{position}{name}在办理{matter}过程中，"
                 f"{behaviour}。")
        persons = [{"name": name, "rank": rng.choice(RANKS), "position": position}]
        if not clarify:
            persons[0]["measures"] = rng.sample(PUNISH, rng.choice([1, 1, 2]))
            if rng.random() < 0.35:
                second = _person(rng)
                while second == name:  # two persons printed alike in one case are refused
                    second = _person(rng)
                persons.append({"name": second, "rank": "乡科级",
                                "position": "分管负责人",
                                "measures": [rng.choice(["诫勉谈话", "责令检查", "通报批评"])]})
        case = {
            "id": f"2026-{n:03d}", "kind": "澄清正名" if clarify else "通报曝光",
            "title": (f"{unit['name']}干部受到不实举报，经查予以澄清" if clarify
                      else f"{unit['name']}{position}{name}在{matter}中{rng.choice(['推诿扯皮', '敷衍塞责', '失管失察', '吃拿卡要', '作风漂浮', '办事拖拉'])}问题"),
            "published_on": published.isoformat(), "unit": unit["id"],
            "categories": rng.sample(CATEGORIES, rng.choice([1, 1, 2])),
            "source": rng.choice(SOURCES), "facts": facts, "persons": persons,
            "outcome": rng.choice(OUTCOMES) if not clarify else "经调查，举报反映的问题不属实，现予以澄清正名。",
        }
        if n % 7 == 0:
            case["batch"] = 1 + (n // 7) % 5
        if n % 6 == 0 and published < dt.date(2026, 10, 1):
            case["followups"] = [{"date": (published + dt.timedelta(days=30)).isoformat(),
                                  "text": "回头看：整改措施已落实，群众反映良好。"}]
        cases.append(case)
    if block != 1:
        return cases
    # Special states the demo must show, in fixed places.
    cases[1]["corrections"] = [{"date": "2026-06-02", "text": "更正：原文涉及单位名称有误，已改正。"}]
    cases[2]["withdrawn"] = {"date": "2026-09-01", "reason": "经复核，原通报认定事实有误，予以撤回。"}
    cases[3]["embargo"] = "2026-12-20 09:00"
    cases[7]["draft"] = "是"
    redacted = cases[4]  # a clarification: the cleared person's name is never published
    redacted["persons"] = [{"name": "欧阳某某", "rank": "一般干部", "position": "办事员",
                            "redacted": True}]
    redacted["facts"] = "群众举报该单位一名办事员在办理事项中刁难群众。经调查核实，举报反映的问题不属实。"
    # Seed 002's 容错免责机制: a cadre whose mistake in a pilot the commission tolerated,
    # exempted from accountability (counted and shown as 容错免责, no measures).
    tolerated = cases[14]
    where = next(u["name"] for u in units if u["id"] == tolerated["unit"])
    tolerated.update(
        kind="容错免责", title=f"{where}干部先行先试出现失误，经认定予以容错免责",
        facts=(f"{where}一名干部在推行{tolerated['facts'].split('在办理')[1].split('过程中')[0]}"
               "便民改革试点中，因政策界限不明确出现工作失误，未谋取私利，发现后及时主动纠正，"
               "未造成重大损失。"),
        outcome="经集体研究，认定符合容错情形，依规免予问责。")
    # Seed practices (002, 004): one case in several units, a group of unnamed persons,
    # a case transferred to another body and one under a supervision letter.
    extra = random.Random("cases-extra")
    several = cases[8]
    several["other_units"] = [u["id"] for u in extra.sample(
        [u for u in units if u["id"] != several["unit"]], 2)]
    several["persons"].append({"count": 5, "rank": "一般干部", "position": "工作人员",
                               "measures": ["批评教育"]})
    several["actions"] = [{"date": several["published_on"], "kind": "督办函",
                           "to": "各涉及单位", "text": "下发督办函，限期整改并报送整改情况。"}]
    cases[10]["actions"] = [{"date": cases[10]["published_on"], "kind": "移送",
                             "to": "县公安局", "text": "涉嫌违法的问题线索移送公安机关处理。"}]
    # The 第一种形态 as seeds 002 and 003 write it: staff reminded in a talk (提醒谈话) and
    # the heads of the sections concerned summoned (约谈), as groups of unnamed persons.
    cases[11]["persons"].append({"count": 3, "rank": "一般干部", "position": "窗口工作人员",
                                 "measures": ["提醒谈话"]})
    cases[12]["persons"].append({"count": 2, "rank": "乡科级", "position": "相关股室负责人",
                                 "measures": ["约谈"]})
    return cases


def _copy_project(template: Path, out: Path) -> None:
    """Config and content of a project, and its engine configuration."""
    for name in ("site_config", "content"):
        shutil.copytree(template / name, out / name, dirs_exist_ok=True)
    engine_config(template, out)


def engine_config(template: Path, out: Path) -> None:
    """mkdocs.yml and theme overrides for a project outside the repository."""
    shutil.copytree(template / "overrides", out / "overrides", dirs_exist_ok=True)
    package = Path(__file__).parent
    text = (template / "mkdocs.yml").read_text("utf-8")
    text = text.replace("- generator/mkdocs_hook.py", f"- {package / 'mkdocs_hook.py'}")
    text = text.replace("- generator/templates", f"- {package / 'templates'}")
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")


def _block(number: int, units: list[dict]) -> dict[str, list]:
    """Every record of one block of 60 units, from streams seeded by the block alone, so
    the demo's records come out byte for byte the same inside any larger county."""
    def stream(name: str) -> random.Random:
        return random.Random(f"{name}-{number}")

    rng = stream("submissions")
    submissions = []
    for cid, _title, due, kinds, window_only, _d in COMMITMENTS:
        for unit in units:
            if unit["kind"] not in kinds or (window_only and unit["service_window"] != "是"):
                continue
            roll = rng.random()
            if roll < 0.08:
                continue  # never submitted
            late = roll > 0.85
            day = due + dt.timedelta(days=rng.randint(1, 20)) if late else \
                due - dt.timedelta(days=rng.randint(0, 12))
            submissions.append({"commitment": cid, "unit": unit["name"],
                                "submitted_on": day.isoformat(), "link": "",
                                "note": "已在单位公开栏和门户网站公开" if rng.random() < 0.5 else ""})
    # How each unit made its commitment public (兴国县: portals, 公开栏, on county TV and
    # the 政风行风热线), from a stream of its own so the other records stay as they were.
    ways = stream("made_public")
    for sub in submissions:
        chosen = ["单位门户网站", "党务政务公开栏"] if sub["note"] else \
            ["单位门户网站"] if ways.random() < 0.4 else []
        if ways.random() < 0.12:
            chosen += ["电视公开承诺", "政风行风热线"]
        sub["made_public"] = "、".join(chosen)

    cases = _cases(stream("cases"), units, number)

    rng = stream("ledger")
    ledger = []
    statuses = ["已销号"] * 11 + ["整改中"] * 5 + ["未整改"] * 2 + ["重新打开"] * 2
    for n in range((number - 1) * 320 + 1, number * 320 + 1):
        unit = rng.choice(units)
        opened = _day(rng, dt.date(2026, 4, 1), dt.date(2026, 8, 31))
        handling = rng.choice(["立行立改", "限期整改", "限期整改", "长期整改"])
        days = {"立行立改": 15, "限期整改": rng.choice([30, 60, 90]), "长期整改": 240}[handling]
        deadline = opened + dt.timedelta(days=days)
        status = rng.choice(statuses)
        closed = reopened = reason = ""
        if status == "已销号":
            closed = min(opened + dt.timedelta(days=rng.randint(3, days + 20)), LAST_EVENT)
            closed = closed.isoformat()
        elif status == "重新打开":
            # Closed once, found again at a follow-up: the first close date is kept.
            # (No draw from rng here: the other records stay as they were.)
            first = min(opened + dt.timedelta(days=min(days, 30)), LAST_EVENT - dt.timedelta(days=40))
            closed = first.isoformat()
            reopened = (first + dt.timedelta(days=21)).isoformat()
            reason = "回头看发现问题反弹"
        ledger.append({
            "id": f"TZ-{n:04d}", "unit": unit["id"], "category": rng.choice(CATEGORIES),
            "problem": rng.choice(LEDGER_PROBLEMS), "measures": rng.choice(LEDGER_MEASURES),
            "target": rng.choice(TARGETS), "opened_on": opened.isoformat(),
            "deadline": deadline.isoformat(),
            "lead_leader": rng.choice(["党组书记", "主要负责人", "分管副职"]),
            "responsible": rng.choice(["办公室主任", "业务股股长", "窗口负责人", "分管副职"]),
            "handling": handling, "status": status, "closed_on": closed,
            "reopened_on": reopened, "reopen_reason": reason,
        })

    rng = stream("inspections")
    inspections = []
    for n in range((number - 1) * 90 + 1, number * 90 + 1):
        visited = rng.sample(units, rng.randint(1, 4))
        found = rng.choice([0, 0, 1, 1, 2, 3, 5])
        inspections.append({
            "id": f"JC-{n:04d}", "date": _day(rng, dt.date(2026, 4, 1), LAST_EVENT).isoformat(),
            "body": rng.choice(BODIES), "mode": rng.choice(["明察", "暗访", "暗访"]),
            "units": "、".join(u["id"] for u in visited), "problems_found": str(found),
            "findings": rng.choice(FINDINGS) if found else "未发现问题",
        })

    # Inspections each unit runs itself (000: at least 2 a month in 集中整治), from their
    # own stream so the records above stay as they were.
    rng = stream("unit-inspections")
    methods = ["明察", "暗访", "随机抽查", "重点检查", "体验式暗访"]
    month = dt.date(2026, 6, 1)
    serial = (number - 1) * 1000
    while month <= dt.date(2026, 10, 1):
        for unit in units:
            for _ in range(rng.choice([1, 2, 2, 2, 3])):
                serial += 1
                found = rng.choice([0, 0, 0, 1, 2])
                day = _day(rng, month, (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                           - dt.timedelta(days=1))
                inspections.append({
                    "id": f"ZC-{serial:04d}", "date": day.isoformat(), "body": "",
                    "by_unit": unit["id"], "mode": rng.choice(methods), "units": unit["id"],
                    "problems_found": str(found),
                    "findings": rng.choice(FINDINGS) if found else "未发现问题"})
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    rng = stream("clues")
    clues = []
    states = ["办结"] * 6 + ["在办"] * 2 + ["查否"] * 2 + ["移送"]
    for n in range((number - 1) * 120 + 1, number * 120 + 1):
        received = _day(rng, dt.date(2026, 4, 1), dt.date(2026, 10, 31))
        status = rng.choice(states)
        batch = 1 + (received.month - 4) // 2 if rng.random() < 0.6 else ""
        clues.append({
            "id": f"XS-{n:04d}", "batch": batch, "received_on": received.isoformat(),
            "source": rng.choice(SOURCES), "unit": rng.choice(units)["id"],
            "category": rng.choice(CATEGORIES), "handled_by": rng.choice(BODIES),
            "deadline": (received + dt.timedelta(days=30)).isoformat(), "status": status,
            "transferred_to": rng.choice(["县公安局", "县市场监管局", "县人社局"])
            if status == "移送" else "",
            "supervision_letter": (received + dt.timedelta(days=7)).isoformat()
            if batch and rng.random() < 0.3 else "",
            "rechecked": rng.choice(["维持查否", "维持查否", "复查属实"])
            if status == "查否" and rng.random() < 0.5 else "",
            "outcome": "已按程序办理" if status != "在办" else ""})

    # 002: 问题线索清单，明确责任人，限期办结; a 常委 in charge (包挂) of a supervised clue.
    # A stream of its own: the records above stay as they were.
    rng = stream("clue-charge")
    for clue in clues:
        clue["responsible"] = rng.choice(["第一纪检监察室主任", "第二纪检监察室主任",
                                          "党风政风监督室主任", "第三纪检监察室副主任"])
        clue["lead_leader"] = "县纪委常委" if clue["batch"] and rng.random() < 0.15 else ""
    # 003: 挂账督办，整改完成一件销号一件, accepted (检查验收) by the body that collects each
    # kind of unit's cleanup (its 责任分工); no draw from any stream.
    for item in ledger:
        if item["closed_on"]:
            item["closed_by"] = ACCEPTORS[item["unit"][:2]]

    rng = stream("ledger-names")  # 003: a named 牵头领导 and 责任人 on some items
    for item in ledger:
        if rng.random() < 0.25:
            item.update(lead_leader_name=_person(rng), lead_leader_rank=rng.choice(RANKS[:2]),
                        responsible_name=_person(rng), responsible_rank="一般干部")

    rng = stream("ledger-source")  # 001, 003, 004: found by 自查, 征求意见, reports, visits
    for item in ledger:
        item["source"] = rng.choice(["自查", "自查", "自查", "征求意见", "群众举报", "明察暗访"])

    rng = stream("ledger-progress")  # 001: the progress of an open item is made public
    for item in ledger:
        if item["status"] in ("整改中", "重新打开"):
            item["progress"] = rng.choice(PROGRESS)

    rng = stream("reviews")
    reviews = []
    for item in ledger:
        if item["status"] == "已销号" and rng.random() < 0.2:
            closed = dt.date.fromisoformat(item["closed_on"])
            if closed + dt.timedelta(days=20) <= LAST_EVENT:
                bounced = rng.random() < 0.15
                reviews.append({
                    "item": item["id"],
                    "date": _day(rng, closed + dt.timedelta(days=20),
                                 min(closed + dt.timedelta(days=60), LAST_EVENT)).isoformat(),
                    "finding": "问题有所反弹，已责令重新整改" if bounced else "整改到位，未见反弹",
                    "result": "问题反弹" if bounced else "整改到位"})

    rng = stream("commendations")
    commendations = []
    windows = [u for u in units if u["service_window"] == "是"]
    for n, unit in enumerate(rng.sample(windows, min(4, len(windows))), start=1):
        commendations.append({
            "id": f"BZ-{(number - 1) * 8 + n:03d}", "unit": unit["id"], "title": "示范窗口",
            "date": "2026-10-20", "issuer": "县专项治理领导小组",
            "reason": "服务规范、办事高效，群众满意度高"})
    for n, unit in enumerate(rng.sample(units, 4), start=5):
        commendations.append({
            "id": f"BZ-{(number - 1) * 8 + n:03d}", "unit": unit["id"],
            "title": "作风建设先进单位", "date": "2026-11-10", "issuer": "县委　县政府",
            "reason": "专项治理工作扎实，整改销号率高"})
    # One ranking, of the demo's own units: a larger county's blocks do not renumber it,
    # so a unit's page is the same at any scale.
    ranked = rng.sample(units, len(units)) if number == 1 else []
    rankings = [{"year": "2025", "unit": u["id"], "rank": str(i),
                 "score": f"{98 - i * 0.4:.1f}", "grade": "优秀" if i <= len(units) // 5
                 else "较差" if i > len(units) - 3 else "良好"}
                for i, u in enumerate(ranked, start=1)]

    rng = stream("warnings")
    warnings = []
    for n in range((number - 1) * 26 + 1, number * 26 + 1):
        level = rng.choice(["黄牌", "黄牌", "黄牌", "橙牌", "红牌", ""])
        warnings.append({
            "id": f"YJ-{n:03d}", "unit": rng.choice(units)["id"],
            "date": _day(rng, dt.date(2026, 5, 1), LAST_EVENT).isoformat(), "level": level,
            "points": str(rng.choice([2, 3, 5])) if not level or rng.random() < 0.4 else "",
            "reason": rng.choice(WARNING_REASONS),
        })

    rng = stream("reports")
    reports = []
    month = dt.date(2026, 4, 1)
    while month <= dt.date(2026, 10, 1):
        due = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=5)
        for unit in units:
            roll = rng.random()
            if roll < 0.05:
                continue
            day = due + dt.timedelta(days=rng.randint(1, 6)) if roll > 0.9 else \
                due - dt.timedelta(days=rng.randint(0, 4))
            reports.append({"unit": unit["id"], "period": month.strftime("%Y-%m"),
                            "submitted_on": min(day, LAST_EVENT).isoformat(),
                            "zero_report": "是" if rng.random() < 0.3 else "否"})
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    # Exemptions (免报): the last unit of each block is being merged and reports through
    # its supervisor from September on. Fixed, not drawn: the other records stay as they were.
    # A unit that handed in no 自查自纠情况报告 had leave for it while its head changed.
    merged = units[-1]
    handed = {s["unit"] for s in submissions if s["commitment"] == "C3"}
    excused = next((u for u in units if u["name"] not in handed), None)
    exemptions = [{"item": "工作月报", "unit": merged["id"], "starts_on": "2026-09-01",
                   "ends_on": "", "reason": "机构改革期间由主管部门统一报送"}]
    if excused is not None:
        exemptions.append({"item": "C3", "unit": excused["id"], "starts_on": "2026-05-01",
                           "ends_on": "2026-06-30", "reason": "单位主要负责人调整期间，经批准免报"})
    return {"submissions": submissions, "cases": cases, "ledger": ledger,
            "inspections": inspections, "warnings": warnings, "reports": reports,
            "clues": clues, "ledger_reviews": reviews, "commendations": commendations,
            "rankings": rankings, "exemptions": exemptions}


def write_county(out: Path, scale: int, template: Path | None = None) -> dict[str, int]:
    """Write data/ (and, with a template project, its config and content) for one county."""
    out = Path(out)
    if template is not None and Path(template).resolve() != out.resolve():
        _copy_project(template, out)  # writing the demo in place needs no copy
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    units = _units(scale)
    _write_csv(data / "units.csv", ["id", "name", "kind", "supervisor", "service_window",
                                    "approval", "law_enforcement"], units)
    lines = []
    for cid, title, due, kinds, window_only, description in COMMITMENTS:
        lines += [f"- id: {cid}", f"  title: {title}", f"  due: {due}",
                  f"  unit_kinds: [{', '.join(kinds)}]"]
        if window_only:
            lines.append("  service_window_only: 是")
        lines.append(f"  description: {description}")
    (data / "commitments.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    per_block = len(UNITS)
    records: dict[str, list] = {}
    for number in range(1, scale + 1):
        block = _block(number, units[(number - 1) * per_block:number * per_block])
        for name, rows in block.items():
            records.setdefault(name, []).extend(rows)

    (data / "cases").mkdir(parents=True, exist_ok=True)
    for case in records["cases"]:
        (data / "cases" / f"{case['id']}.yml").write_text(_case_yaml(case), encoding="utf-8")
    _write_csv(data / "submissions.csv", ["commitment", "unit", "submitted_on", "link",
                                          "made_public", "note"],
               records["submissions"])
    header = ["id", "unit", "category", "problem", "measures", "target", "opened_on",
              "deadline", "lead_leader", "responsible", "handling", "status", "closed_on",
              "lead_leader_name", "lead_leader_rank", "responsible_name", "responsible_rank",
              "reopened_on", "reopen_reason", "progress", "source", "closed_by"]
    ledger = records["ledger"]
    _write_csv(data / "ledger" / "自查自纠台账.csv", header, ledger[:160])
    _write_csv(data / "ledger" / "集中整治台账.csv", header, ledger[160:])
    inspections = sorted(records["inspections"], key=lambda r: (r["date"], r["id"]))
    _write_csv(data / "inspections.csv", ["id", "date", "body", "by_unit", "mode", "units",
                                          "problems_found", "findings"], inspections)
    _write_csv(data / "warnings.csv", ["id", "unit", "date", "level", "points", "reason"],
               records["warnings"])
    _write_csv(data / "reports.csv", ["unit", "period", "submitted_on", "zero_report"],
               records["reports"])
    _write_csv(data / "clues.csv", ["id", "batch", "received_on", "source", "unit", "category",
                                    "handled_by", "responsible", "lead_leader", "deadline", "status", "transferred_to",
                                    "supervision_letter", "rechecked", "outcome"],
               sorted(records["clues"], key=lambda r: r["id"]))
    _write_csv(data / "ledger_reviews.csv", ["item", "date", "finding", "result"],
               records["ledger_reviews"])
    _write_csv(data / "commendations.csv", ["id", "unit", "title", "date", "issuer", "reason"],
               records["commendations"])
    _write_csv(data / "rankings.csv", ["year", "unit", "rank", "score", "grade"],
               records["rankings"])
    _write_csv(data / "totals.csv", ["period", "measure", "count", "source", "note"], TOTALS)
    _write_csv(data / "exemptions.csv", ["item", "unit", "starts_on", "ends_on", "reason"],
               records["exemptions"])
    return {"units": len(units), **{k: len(v) for k, v in records.items()}}
