"""The practices of the five campaign documents (/work/shared/seeds/): each is data the
generator holds, shows on a page, counts where it is a figure, and exports.

Seed 001's phase plan and seed 002's published totals are fixtures written as the
documents give them (tests/data/seeds/); the rest is in the demo county."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from conftest import DATA, NOW, ROOT, make_project
from generator.checks import validate
from generator.derive import _phase, derive
from generator.pipeline import build

SEEDS = DATA / "seeds"


def _csv(site, name: str) -> list[dict]:
    text = site.files[f"open-data/{name}.csv"].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# ---- 001: a phase that runs alongside the others; the monthly report by the month's end


def test_seed_001_phase_plan_loads_as_written(tmp_path):
    project = make_project(tmp_path / "c", SEEDS / "001-phase-plan")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    names = [(p["name"], p["parallel"]) for p in data.campaign["phases"]]
    assert names == [("宣传动员", False), ("自查整改", False), ("监督检查", True),
                     ("建章立制", False)]
    during = _phase(data.campaign, dt.date(2015, 8, 15))
    assert during["current"]["name"] == "自查整改"
    assert [p["name"] for p in during["parallel"]] == ["监督检查"]
    december = _phase(data.campaign, dt.date(2015, 12, 10))
    assert december["current"]["name"] == "建章立制"
    assert [p["name"] for p in december["parallel"]] == ["监督检查"]
    facts = derive(data)
    dues = {p["period"]: p["due"] for p in facts.periods}
    assert dues["2015-08"] == dt.date(2015, 8, 31)  # 每月底前报, not a day of the next month
    assert dues["2015-12"] == dt.date(2015, 12, 31)
    page = build(project, NOW, history=False).pages["campaign.md"]
    assert "### 3. 监督检查（并行阶段）" in page
    assert "### 4. 建章立制\n" in page


# ---- 002: totals published without the cases; several units; groups; 移送 and 倒查


def test_seed_002_totals_load_as_written_and_stand_beside_computed(tmp_path):
    project = make_project(tmp_path / "c", SEEDS / "002-batch-totals")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    site = build(project, NOW, history=False)
    rows = _csv(site, "totals")
    assert [(r["统计口径"], r["数量"]) for r in rows] == [
        ("挂牌督办线索", "301"), ("挂牌督办批次", "5"), ("追责问责人数", "403"),
        ("党纪政务处分人数", "283"), ("问责处理人数", "322"),
        ("启动问责程序的作风效能问题", "216"), ("受到预警的单位", "29"),
        ("明察暗访发现问题", "67")]
    # Computed from the records that are published one by one, never added to the above:
    # the minimal case holds 1 person (诫勉谈话), the seed case 6 + 25 + 11.
    computed = {r["统计口径"]: r["本站逐条统计"] for r in rows}
    assert computed["追责问责人数"] == "43"
    assert computed["党纪政务处分人数"] == "31"
    assert computed["问责处理人数"] == "12"
    assert computed["挂牌督办线索"] == "2"  # the minimal register: 2 clues in batch 1
    assert computed["挂牌督办批次"] == ""
    page = site.pages["statistics.md"]
    assert "| 追责问责人数 | 去年以来 | 403 | 43 |" in page
    assert site.pages["index.md"].count("403") == 0  # the home page figure stays computed


def test_seed_002_case_in_four_units_with_groups_and_actions(tmp_path):
    project = make_project(tmp_path / "c", SEEDS / "002-batch-totals")
    site = build(project, NOW, history=False)
    page = site.pages["cases/2026-101.md"]
    assert "| 其他涉及单位 | [县委办公室](../units/XW01.md)、[县自然资源局](../units/ZF01.md)、" \
           "[县第一中学](../units/XX01.md) |" in page
    assert "| 25人（未公布姓名） | 村干部 |" in page
    assert "| 2026年6月21日 | 移送 | 县公安局 |" in page
    assert "| 2026年6月22日 | 责任倒查 | — |" in page
    for unit in ("XZ01", "XW01", "ZF01", "XX01"):  # on every involved unit's page
        assert "cases/2026-101.md" in site.pages[f"units/{unit}.md"]
    persons = [r for r in _csv(site, "case_persons") if r["案例编号"] == "2026-101"]
    assert [(r["姓名（按本站显示方式）"], r["人数"]) for r in persons] == [
        ("", "6"), ("", "25"), ("", "11")]
    actions = [(r["案例编号"], r["类型"]) for r in _csv(site, "case_actions")]
    assert actions == [("2026-101", "移送"), ("2026-101", "责任倒查")]
    facts = derive(validate(project, NOW)[0])
    assert facts.figures["persons_held"] == 43
    by_group = facts.indicators["persons_by_measure_group"].iloc[:, 0].to_dict()
    assert by_group == {"党纪处分": 6, "政务处分": 25, "问责": 12, "组织处理": 0, "其他": 0}


# ---- 003: weekly as well as monthly reports, by ISO week with its dates


def test_seed_003_weekly_reports_by_iso_week(tmp_path):
    project = make_project(tmp_path / "c", SEEDS / "003-weekly-reports")
    campaign = project / "site_config/campaign.yml"
    campaign.write_text(campaign.read_text("utf-8").replace(
        "report_due_day: 5", "report_due_day: 5\nweekly_reports: 是\nweekly_due_weekday: 1"),
        "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert [r["period"] for r in data.reports] == ["2026-04", "2026-04", "2026-W23", "2026-W23"]
    facts = derive(data)
    week = next(p for p in facts.periods if p["period"] == "2026-W23")
    assert (week["start"], week["end"], week["due"]) == (
        dt.date(2026, 6, 1), dt.date(2026, 6, 7), dt.date(2026, 6, 8))
    assert week["submitted"] == 2 and [r["unit"] for r in week["late"]] == ["ZF01"]
    assert [u["id"] for u in week["missing"]] == ["XW01", "XX01"]
    site = build(project, NOW, history=False)
    listing = site.pages["reports/index.md"]
    assert "[2026年第23周（6月1日至6月7日）](2026-W23/index.md) | 2026年6月8日 |" in listing
    assert "于下周星期一前报送上周情况" in listing
    assert "reports/2026-W23/index.md" in site.pages


# ---- 000: each unit runs at least 2 inspections a month; methods from the taxonomy


def test_per_unit_inspection_rate_is_computed_per_unit(demo_site):
    facts = derive(demo_site.data)
    rates = facts.inspection_rates
    assert rates["phase"] == "集中整治" and rates["rate"] == 2
    assert rates["months"] == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    run = {}
    for ins in demo_site.data.inspections:
        if ins.get("by_unit") and "2026-06" <= ins["date"].strftime("%Y-%m") <= "2026-10":
            key = (ins["by_unit"], ins["date"].strftime("%Y-%m"))
            run[key] = run.get(key, 0) + 1
    for uid, rows in rates["by_unit"].items():
        for row in rows:
            assert row["count"] == run.get((uid, row["month"]), 0)
            assert row["met"] == (row["count"] >= 2)
    met = [sum(1 for rows in rates["by_unit"].values() if rows[i]["met"]) for i in range(5)]
    frame = facts.indicators["inspection_rate_by_month"]
    assert frame.iloc[:, 0].tolist() == met
    assert (frame.iloc[:, 0] + frame.iloc[:, 1]).tolist() == [60] * 5
    unit = demo_site.pages["units/ZF04.md"]
    june = rates["by_unit"]["ZF04"][0]
    assert f"| 2026年6月 | {june['count']} | 2 | {'达到' if june['met'] else '未达到'} |" in unit
    assert "### 各单位每月自行开展监督检查是否达到要求" in demo_site.pages["statistics.md"]


def test_inspection_methods_come_from_the_taxonomy(demo_site):
    methods = {i["mode"] for i in demo_site.data.inspections}
    assert methods == {"I1", "I2", "I3", "I4", "I5"}
    shown = {r["检查方式"] for r in _csv(demo_site, "inspections")}
    assert shown == {"明察", "暗访", "随机抽查", "重点检查", "体验式暗访"}
    by_unit = [r for r in _csv(demo_site, "inspections") if r["检查单位"]]
    assert len(by_unit) == sum(1 for i in demo_site.data.inspections if i.get("by_unit"))


# ---- 002/003: the clue register, published only as counts, with 查否


def test_clues_are_published_as_counts_only(demo_site):
    clues = demo_site.data.clues
    assert len(clues) == 120 and demo_site.data.published("clues") == []
    ids = re.compile("|".join(re.escape(c["id"]) for c in clues))
    outcomes = {c["transferred_to"] for c in clues if c.get("transferred_to")}
    for path, text in demo_site.pages.items():
        assert not ids.search(text), path
    for path, blob in demo_site.files.items():
        if path.endswith((".csv", ".json")):
            assert not ids.search(blob.decode("utf-8-sig")), path
    dismissed = sum(1 for c in clues if c["status"] == "查否")
    page = demo_site.pages["clues/index.md"]
    assert f"| 查否 | {dismissed} |" in page
    assert f"经核查不属实（查否）的线索共{dismissed}件" in page
    rows = _csv(demo_site, "clue_counts")
    assert rows[0] == {"统计维度": "全部", "类别": "全部", "合计": "120",
                       "在办": str(sum(c["status"] == "在办" for c in clues)),
                       "办结": str(sum(c["status"] == "办结" for c in clues)),
                       "移送": str(sum(c["status"] == "移送" for c in clues)),
                       "查否": str(dismissed)}
    batches = [r for r in rows if r["统计维度"] == "挂牌督办批次"]
    # the batches, then the clues in no batch (as the page says it): the dimension adds
    # up to every clue, as the others do
    assert sum(int(r["合计"]) for r in batches[:-1]) == sum(1 for c in clues if c.get("batch"))
    assert batches[-1]["类别"] == "未列入挂牌督办批次" and \
        sum(int(r["合计"]) for r in batches) == len(clues)
    assert outcomes  # transfers exist, and their bodies are counted, not listed
    json.loads(demo_site.files["open-data/clue_counts.json"])


def test_no_output_breaks_open_clues_down_by_unit(demo_site):
    """An open (在办) clue is unproven: 南山镇's one open clue was published as
    "南山镇,1,1,0,0,0". By unit, page and open data count settled clues only."""
    clues, names = demo_site.data.clues, {u["id"]: u["name"] for u in demo_site.data.units}
    settled: dict[str, dict] = {}
    for c in clues:
        if c["status"] != "在办":
            row = settled.setdefault(names[c["unit"]], dict.fromkeys(("办结", "移送", "查否"), 0))
            row[c["status"]] += 1
    by_unit = [r for r in _csv(demo_site, "clue_counts") if r["统计维度"] == "涉及单位"]
    assert {r["类别"]: r for r in by_unit} == {
        name: {"统计维度": "涉及单位", "类别": name, "合计": str(sum(row.values())), "在办": "",
               **{s: str(n) for s, n in row.items()}} for name, row in settled.items()}
    assert len(by_unit) == 51 and sum(int(r["合计"]) for r in by_unit) == 120 - 26
    assert "南山镇" not in {r["类别"] for r in by_unit}
    # 51 units do not fit one page (50): the clue page links the table's own pages
    index = demo_site.pages["clues/index.md"].split("## 按涉及单位")[1]
    assert "[查看各单位已办结、移送和查否的线索数（51个单位）](units/index.md)" in index
    pages = [demo_site.pages[p] for p in ("clues/units/index.md", "clues/units/page-2.md")]
    assert "clues/units/page-3.md" not in demo_site.pages
    for page in pages:
        assert "| 单位 | 合计 | 办结 | 移送 | 查否 |" in page and "在办线索尚未查实，不按单位公布" in page
        assert "南山镇" not in page
    assert [page.count("](../../units/") for page in pages] == [50, 1]


# ---- 003: 回头看 and the leaders of a rectification item, under the display policy


def test_ledger_item_page_shows_target_leaders_and_reviews(demo_site):
    data = demo_site.data
    for item in data.ledger:
        assert f"ledger/items/{item['id']}.md" in demo_site.pages
    page = demo_site.pages["ledger/items/TZ-0066.md"]
    assert "| 整改目标 | 办理时限压缩一半 |" in page
    assert "| 牵头领导 | 党组书记张某 |" in page  # 县处级: full name under site policy
    reviews = [r for r in data.ledger_reviews if r["item"] == "TZ-0066"]
    assert len(reviews) == 1 and "| 2026年8月27日 | 整改到位，未见反弹 | 整改到位 |" in page
    assert len(_csv(demo_site, "ledger_reviews")) == len(data.ledger_reviews)


def test_leader_names_follow_the_case_display_policy(tmp_path):
    project = make_project(tmp_path / "c")
    ledger = project / "data/ledger/台账.csv"
    lines = ledger.read_text("utf-8").splitlines()
    lines[0] += ",lead_leader_name,lead_leader_rank,responsible_name,responsible_rank"
    lines[1] += ",王大明,县处级,李小红,一般干部"
    lines[2] += ",,,,"
    lines[3] += ",,,,"
    ledger.write_text("\n".join(lines) + "\n", "utf-8")
    site = build(project, NOW, history=False)
    page = site.pages["ledger/items/TZ-1.md"]
    assert "| 牵头领导 | 党委书记王大明 |" in page  # 县处级 is a full-name rank
    assert "| 责任人 | 办公室主任李某 |" in page  # others: 姓加某
    assert "李小红" not in "".join(site.pages.values())
    row = next(r for r in _csv(site, "ledger") if r["编号"] == "TZ-1")
    assert (row["牵头领导姓名"], row["责任人姓名"]) == ("王大明", "李某")
    assert "李小红" not in site.files["open-data/ledger.json"].decode("utf-8")


def test_seed_001_and_003_ledger_read_in_the_documents_own_words(tmp_path):
    """A unit's ledger headed and filled as the plans tell it to be: seed 003 asks to
    标明整改措施、整改目标、整改时限,牵头领导、责任单位和具体责任人 and to 立行立改 / 限时整改 /
    持续整改; seed 001 to 明确整治目标、完成时限、责任部门、责任领导、具体责任人."""
    project = make_project(tmp_path / "c")
    ledger = project / "data/ledger/台账.csv"
    ledger.write_text(
        "编号,单位,问题类别,问题表现,整改措施,整治目标,建账日期,完成时限（年月日）,责任领导,"
        "具体责任人,整改类型,整改状态,销号日期\n"
        "TZ-1,XZ01,B2,一次性告知不到位,公开办事指南,群众满意,2026-04-01,2026-05-01,党委书记,"
        "办公室主任,立行立改,已销号,2026-04-20\n"
        "TZ-2,ZF01,B3,审批时限长,精简环节,时限减半,2026-04-02,2026-06-30,局长,股长,限时整改,"
        "整改中,\n"
        "TZ-3,XW01,B4,迟到早退,考勤通报,不再发生,2026-04-03,2026-12-18,主任,副主任,持续整改,"
        "未整改,\n", "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 1, "table-header-remark")]
    rows = [(i["handling"], i["target"], i["deadline"], i["lead_leader"], i["responsible"])
            for i in data.ledger]
    assert rows == [
        ("立行立改", "群众满意", dt.date(2026, 5, 1), "党委书记", "办公室主任"),
        ("限期整改", "时限减半", dt.date(2026, 6, 30), "局长", "股长"),
        ("长期整改", "不再发生", dt.date(2026, 12, 18), "主任", "副主任")]


def test_seed_001_and_004_measures_and_sources_in_the_documents_words(tmp_path):
    """Seed 001 writes 明查暗访 (通过受理举报、随机抽查、重点检查、明查暗访), seed 004
    明察暗访; a notice gives 党内警告 where the taxonomy says 警告, and the accountability
    rules say 诫勉: each is read as the taxonomy entry it names (its `aliases`), and the
    site shows the taxonomy's name, the full one a decision writes (党内警告)."""
    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("measures: [诫勉谈话]", "measures: [诫勉, 党内警告]")
                    .replace("source: 群众举报", "source: 明查暗访"), "utf-8")
    inspections = project / "data/inspections.csv"
    inspections.write_text(inspections.read_text("utf-8").replace(",暗访,", ",明查,"), "utf-8")
    data, report = validate(project, NOW)
    assert _besides_the_cited_notice(report) == []
    (person,) = data.cases[0]["persons"]
    assert (person["measures"], data.cases[0]["source"]) == (["M07", "M01"], "S1")
    assert data.inspections[0]["mode"] == "I1"
    page = build(project, NOW, history=False).pages["cases/2026-001.md"]
    assert "诫勉谈话" in page and "党内警告" in page and "诫勉、" not in page


# The sanctions of the party's disciplinary rules (纪律处分条例 art. 8) and of the law on
# sanctions of public servants (政务处分法 art. 7), lightest first, as the taxonomy names them.
PARTY = ["党内警告", "党内严重警告", "撤销党内职务", "留党察看", "开除党籍"]
PUBLIC = ["政务警告", "政务记过", "政务记大过", "政务降级", "政务撤职", "开除公职"]


def test_every_sanction_of_the_rules_is_a_measure_lightest_first(demo_site):
    """A 通报 may report any sanction the rules know: a clerk whose case received 留党察看
    or 政务撤职 found no entry and had to type another. Within each group the entries run
    from the lightest to the heaviest (问责: 责令检查, 通报批评, 诫勉; 组织处理: 停职检查
    before 调离岗位, then 免职 and 降职, lightest first as 《党政领导干部选拔任用工作条例》
    lists them: a 通报 that says 王某某受到免职处理 had no entry), and never a lighter 形态
    after a heavier one (免职, 降职: 重大职务调整, the third)."""
    measures = demo_site.data.taxonomy["measures"]
    by_group: dict[str, list[str]] = {}
    for m in measures:
        by_group.setdefault(m["group"], []).append(m["name"])
    assert by_group["党纪处分"] == PARTY and by_group["政务处分"] == PUBLIC
    assert by_group["问责"] == ["责令检查", "通报批评", "责令公开道歉", "诫勉谈话"]
    assert by_group["组织处理"] == ["停职检查", "调离岗位", "改任非领导职务", "引咎辞职",
                                "责令辞职", "免职", "降职"]
    assert {m["name"]: m["form"] for m in measures if m["group"] == "组织处理"} == {
        "停职检查": "第二种形态", "调离岗位": "第二种形态", "改任非领导职务": "第二种形态",
        "引咎辞职": "第三种形态", "责令辞职": "第三种形态", "免职": "第三种形态",
        "降职": "第三种形态"}
    # a unit's own consequences (效能考核), given beside a measure, are no 形态
    assert [(m["name"], m.get("form")) for m in measures if m["group"] == "其他"][-2:] == [
        ("取消评先评优资格", None), ("扣发绩效奖金", None)]
    forms = ["第一种形态", "第二种形态", "第三种形态", "第四种形态"]
    for group in by_group:
        seen = [forms.index(m["form"]) for m in measures
                if m["group"] == group and m.get("form")]
        assert seen == sorted(seen), group
    assert {m["name"]: m["form"] for m in measures if m["name"] in PARTY + PUBLIC} == {
        **dict.fromkeys(PARTY[:2] + PUBLIC[:3], "第二种形态"),
        **dict.fromkeys(PARTY[2:] + PUBLIC[3:], "第三种形态")}


def test_a_dismissal_or_demotion_is_an_organisational_measure_a_tongbao_can_say(tmp_path):
    """免职 and 降职 (组织处理 under 《党政领导干部选拔任用工作条例》) are read, written as a
    decision writes them too (免去职务, 降低职务), counted as 组织处理, and a 通报 says
    "受到免职处理" as the case's page names it; 降职 is no 政务降级 (降级)."""
    from generator.document import names_of, printed_case

    project = _form_project(tmp_path, """persons:
  - name: 张某某
    position: 办事员
    measures: [免去职务]
  - name: 李某某
    position: 副镇长
    measures: [降低职务, 降级]
""")
    data, report = validate(project, NOW)
    assert _besides_the_cited_notice(report) == []
    names = {m["id"]: m["name"] for m in data.taxonomy["measures"]}
    assert [[names[m] for m in p["measures"]] for p in data.cases[0]["persons"]] == [
        ["免职"], ["降职", "政务降级"]]
    by_group = derive(data).indicators["persons_by_measure_group"].iloc[:, 0].to_dict()
    assert (by_group["组织处理"], by_group["政务处分"]) == (2, 1)
    _heading, texts = printed_case(data.cases[0], data.site, names_of(data),
                                   data.labels["document"])
    assert "张某某受到免职处理。李某某受到政务降级处分和降职处理。" in "".join(texts)
    page = build(project, NOW, history=False).pages["cases/2026-001.md"]
    assert "| 政务降级、降职 |" in page


def test_the_accountability_measures_of_the_rules_are_measures_a_tongbao_can_say(tmp_path):
    """改任非领导职务 and 责令辞职 (《党政领导干部选拔任用工作条例》), 引咎辞职 and 责令公开道歉
    (《关于实行党政领导干部问责的暂行规定》), and a unit's 取消评先评优资格 and 扣发绩效奖金 had
    no entry: a case giving them was refused. Each is read (also as a decision writes it),
    counted in its group, and said by a 通报 as the case's page names it."""
    from generator.document import names_of, printed_case

    project = _form_project(tmp_path, """persons:
  - name: 张某某
    position: 办事员
    measures: [改任非领导职务, 扣发绩效奖金]
  - name: 李某某
    position: 副镇长
    measures: [责令辞去职务]
  - name: 王某某
    position: 镇长
    measures: [引咎辞职, 公开道歉, 取消评优评先资格]
""")
    data, report = validate(project, NOW)
    assert _besides_the_cited_notice(report) == []
    names = {m["id"]: m["name"] for m in data.taxonomy["measures"]}
    assert [[names[m] for m in p["measures"]] for p in data.cases[0]["persons"]] == [
        ["改任非领导职务", "扣发绩效奖金"], ["责令辞职"], ["引咎辞职", "责令公开道歉", "取消评先评优资格"]]
    by_group = derive(data).indicators["persons_by_measure_group"].iloc[:, 0].to_dict()
    assert (by_group["组织处理"], by_group["问责"], by_group["其他"]) == (3, 1, 2)
    _heading, texts = printed_case(data.cases[0], data.site, names_of(data),
                                   data.labels["document"])
    assert "李某某受到责令辞职处理。" in "".join(texts)
    assert "张某某受到改任非领导职务、扣发绩效奖金处理。" in "".join(texts)
    page = build(project, NOW, history=False).pages["cases/2026-001.md"]
    assert "| 责令公开道歉、引咎辞职、取消评先评优资格 |" in page


def test_sanctions_in_the_words_of_older_documents_are_read(tmp_path):
    """The seeds (2015-2017) write 行政记过 and 党政纪处分 of before the 政务处分法, and a
    clerk copies 记大过 or 撤职 from them: each is read as the entry it names. (警告 and
    警告处分 alone are each law's word, the 纪律处分条例's and the 政务处分法's: refused as
    reference-ambiguous, fixture case-measure-written-jinggao-is-ambiguous.)"""
    project = _form_project(tmp_path, """persons:
  - name: 张某某
    position: 办事员
    measures: [行政警告, 行政记过, 记大过, 撤职, 党内警告处分, 党内严重警告处分, 责令作出书面检查]
""")
    data, report = validate(project, NOW)
    assert _besides_the_cited_notice(report) == []
    names = {m["id"]: m["name"] for m in data.taxonomy["measures"]}
    (person,) = data.cases[0]["persons"]
    assert [names[m] for m in person["measures"]] == [
        "政务警告", "政务记过", "政务记大过", "政务撤职", "党内警告", "党内严重警告", "责令检查"]


# ---- 004: commendations and a year-end ranking


def test_commendations_and_ranking(demo_site):
    data = demo_site.data
    for item in data.commendations:
        page = demo_site.pages[f"commendations/{item['id']}.md"]
        assert f"| 表彰理由 | {item['reason']} |" in page
        assert f"commendations/{item['id']}.md" in demo_site.pages[f"units/{item['unit']}.md"]
    ranking = demo_site.pages["commendations/ranking-2025/index.md"]
    first = next(r for r in data.rankings if r["rank"] == 1)
    assert f"../../units/{first['unit']}.md" in ranking.split("\n| 2 |")[0]
    unit = demo_site.pages[f"units/{first['unit']}.md"]
    assert "2025年度考评第1名（共60个单位）" in unit
    assert len(_csv(demo_site, "commendations")) == len(data.commendations) == 8
    assert len(_csv(demo_site, "rankings")) == 60


def test_commitments_made_public_on_tv_and_hot_lines(demo_site):
    """004: units commit on their portals and 公开栏, on county TV and the 政风行风热线."""
    data = demo_site.data
    ways = {w["id"]: w["name"] for w in data.taxonomy["public_ways"]}
    for commitment in data.published("commitments"):
        subs = [s for s in data.published("submissions") if s["commitment"] == commitment["id"]
                and s["submitted_on"] <= data.now.date()]
        page = demo_site.pages[f"commitments/{commitment['id']}/index.md"]
        for way_id, name in ways.items():
            count = sum(1 for s in subs if way_id in (s.get("made_public") or [])
                        and s["unit"] in {u["id"] for u in data.published("units")})
            assert f"| {name} | {count} |" in page, (commitment["id"], name)
    tv = [s for s in data.submissions if "P3" in (s.get("made_public") or [])]
    assert tv and all("P4" in s["made_public"] for s in tv)
    row = next(r for r in _csv(demo_site, "submissions")
               if (r["承诺事项"], r["单位"]) == (tv[0]["commitment"], tv[0]["unit"]))
    assert "电视公开承诺" in row["公开方式"]
    unit = demo_site.pages[f"units/{tv[0]['unit']}.md"]
    assert "电视公开承诺、政风行风热线 |" in unit


@pytest.mark.parametrize("field", ["parallel", "weekly_reports", "report_due", "other_units",
                                   "count", "actions", "by_unit", "lead_leader_name",
                                   "transferred_to", "supervision_letter", "rechecked",
                                   "made_public", "public_ways", "progress", "form"])
def test_data_spec_documents_the_new_fields(field):
    spec = (ROOT / "content/data-spec.md").read_text("utf-8")
    assert re.search(rf"\b{field}\b", spec), field


# ---- 000: a campaign every year; past ones in an archive, the current one at home


def test_past_campaign_keeps_its_case_url_and_stays_out_of_current_figures(tmp_path):
    plain = build(make_project(tmp_path / "a"), NOW, history=False)
    project = make_project(tmp_path / "b", SEEDS / "000-past-campaign")
    site = build(project, NOW, history=False)
    assert "cases/2025-007.md" in site.pages  # the single-campaign URL still works
    assert "| 所属专项治理 | [演示县整治大操大办、借机敛财问题专项治理工作方案]" \
           "(../campaigns/2025-dacaoban.md) |" in site.pages["cases/2025-007.md"]
    archive = site.pages["campaigns/2025-dacaoban.md"]
    assert "[东城镇干部违规操办婚宴问题](../cases/2025-007.md)" in archive
    assert "| 报备婚丧喜庆事宜 | 412起 |" in archive
    listing = site.pages["campaigns/index.md"]
    assert "| 本期 | [" in listing and "](../campaign.md)" in listing
    assert "| 2025 | [演示县整治大操大办、借机敛财问题专项治理工作方案](2025-dacaoban.md) |" \
           " 整治党员干部大操大办、借办酒之机敛财问题 | 1 |" in listing
    # Current figures, listings and charts are those of the build without the old case.
    for path in ("index.md", "cases/index.md", "statistics.md", "units/XZ01.md"):
        assert site.pages[path] == plain.pages[path], path
    assert "campaigns/index.md" in site.pages["index.md"]  # the archive from the home page
    row = next(r for r in _csv(site, "cases") if r["案例编号"] == "2025-007")
    assert row["所属往期专项治理"] == "2025-dacaoban"
    assert [r["编号"] for r in _csv(site, "campaigns")] == ["2025-dacaoban"]


def test_seed_001_ledger_progress_is_published_with_the_item(tmp_path):
    """Seed 001: 明确……责任部门 and 要将整改措施和进展情况,通过适当方式进行公开. A ledger headed
    责任部门 and 进展情况 is read; the progress stands on the item's page and in the open data,
    and an item without one shows a dash."""
    project = make_project(tmp_path / "c",
                           DATA / "invalid/ledger-headed-in-seed-001-words-with-progress-is-read")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert [(i["unit"], i.get("progress")) for i in data.ledger] == [
        ("XZ01", "已全部公开"), ("ZF01", "已取消两个环节，正在修订办事指南"), ("XW01", None)]
    site = build(project, NOW, history=False)
    page = site.pages["ledger/items/TZ-2.md"]
    assert "| 整改措施 | 精简环节 |\n| 整改进展 | 已取消两个环节，正在修订办事指南 |\n" in page
    assert "| 整改进展 | — |" in site.pages["ledger/items/TZ-3.md"]
    rows = {r["编号"]: r["整改进展"] for r in _csv(site, "ledger")}
    assert rows == {"TZ-1": "已全部公开", "TZ-2": "已取消两个环节，正在修订办事指南", "TZ-3": ""}


def test_demo_publishes_the_progress_of_open_items(demo_site):
    data = demo_site.data
    open_items = [i for i in data.ledger if i["status"] in ("整改中", "重新打开")]
    assert open_items and all(i.get("progress") for i in open_items)
    assert not any(i.get("progress") for i in data.ledger if i["status"] in ("已销号", "未整改"))
    item = open_items[0]
    assert f"| 整改进展 | {item['progress']} |" in demo_site.pages[f"ledger/items/{item['id']}.md"]


# ---- the 四种形态: each person once, in the heaviest form among their measures


def _form_project(tmp_path, persons: str):
    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    start, end = text.index("persons:\n"), text.index("outcome:")
    case.write_text(text[:start] + persons + text[end:], "utf-8")
    return project


FORM_PERSONS = """persons:
  - name: 张某某
    rank: 一般干部
    position: 办事员
    measures: [诫勉, 党内警告]
  - count: 4
    position: 窗口工作人员
    measures: [批评教育, 提醒谈话]
  - name: 李某
    position: 副镇长
    measures: [批评教育, 撤销党内职务]
  - count: 2
    position: 股室负责人
    measures: [约谈]
"""


def _besides_the_cited_notice(report) -> list:
    """The problems found, but the note that the minimal project's issued 通报, which cites
    the case edited here, froze other measures than it now lists (notice-summary-differs:
    the measures are read, the site's summary above the notice would differ from it;
    notice-measure-not-in-case: the notice gives 张某 a measure the record no longer does)."""
    notes = ("notice-summary-differs", "notice-measure-not-in-case")
    found = report.flatten()
    assert {(path, code) for path, _line, code in found if code in notes} \
        <= {("data/cases/2026-001.yml", code) for code in notes}
    return [f for f in found if f[2] not in notes]


def test_four_forms_count_each_person_once_in_the_heaviest(tmp_path):
    project = _form_project(tmp_path, FORM_PERSONS)
    data, report = validate(project, NOW)
    assert _besides_the_cited_notice(report) == []
    site = build(project, NOW, history=False)
    frame = derive(data).indicators["persons_by_form"]
    # Only the forms the taxonomy gives a measure: it names no 第四种形态 measure.
    assert frame.iloc[:, 0].to_dict() == {"第一种形态": 6, "第二种形态": 1, "第三种形态": 1}
    assert site.files["charts/persons_by_form.csv"].decode("utf-8-sig") == (
        "形态,处理人数（人）\r\n第一种形态,6\r\n第二种形态,1\r\n第三种形态,1\r\n")
    page = site.pages["statistics.md"]
    assert "### 运用“四种形态”处理人数" in page
    assert "| 第一种形态 | 6 |\n| 第二种形态 | 1 |\n| 第三种形态 | 1 |\n" in page
    case = site.pages["cases/2026-001.md"]
    assert "| 4人（未公布姓名） | 窗口工作人员 |" in case and "提醒谈话" in case and "约谈" in case


def test_four_forms_written_short_in_the_taxonomy_are_read(tmp_path):
    project = make_project(tmp_path / "c",
                           DATA / "invalid/taxonomy-measure-form-written-short-is-read")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    forms = {m["name"]: m.get("form") for m in data.taxonomy["measures"]}
    assert forms["诫勉谈话"] == "第一种形态" and forms["撤销党内职务"] == "第三种形态"


def test_four_forms_are_left_out_when_no_measure_has_one(tmp_path):
    """A county whose taxonomy puts no measure in a form gets no chart of zeros."""
    project = make_project(tmp_path / "c")
    taxonomy = project / "site_config/taxonomy.yml"
    taxonomy.write_text(re.sub(r", form: 第.种形态", "", taxonomy.read_text("utf-8")), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == [] and not any(m.get("form") for m in data.taxonomy["measures"])
    site = build(project, NOW, history=False)
    assert "persons_by_form" not in derive(data).indicators
    assert "四种形态" not in site.pages["statistics.md"]
    assert not any("persons_by_form" in path for path in site.files)
    assert "### 追责问责人数（按措施类型）" in site.pages["statistics.md"]


def test_demo_counts_the_four_forms(demo_site):
    facts = derive(demo_site.data)
    frame = facts.indicators["persons_by_form"]
    assert frame.iloc[:, 0].to_dict() == {"第一种形态": 28, "第二种形态": 22, "第三种形态": 3}
    held = facts.figures["persons_held"]
    assert int(frame.iloc[:, 0].sum()) == held  # every measure of the demo has a form
    assert "| 3人（未公布姓名） | 窗口工作人员 |" in demo_site.pages["cases/2026-012.md"]
    assert "| 2人（未公布姓名） | 相关股室负责人 |" in demo_site.pages["cases/2026-013.md"]


def test_problem_kinds_and_sources_in_the_documents_words(tmp_path):
    """The documents name the three kinds 不作为、慢作为、乱作为 (the taxonomy's 为官不为、效能低下、
    滥用职权) and a source 信访举报 (seed 002): each is read as the entry it names."""
    project = make_project(tmp_path / "c")
    ledger = project / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8").replace(",B2,", ",不作为,").replace(
        ",B3,", ",慢作为,").replace(",B4,", ",乱作为,"), "utf-8")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("source: 群众举报", "source: 信访举报"), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert [i["category"] for i in data.ledger] == ["A", "B", "C"]
    assert data.cases[0]["source"] == "S2"


def test_ledger_items_say_where_the_problem_was_found(tmp_path):
    """Seeds 001, 003, 004 fill the ledger from 自查, from opinions sought (座谈会、问卷调查、
    征求意见表) and from reports and visits: a 问题来源 column is read against the taxonomy's
    sources (问卷调查 as 征求意见), shown on the item and in the open data."""
    project = make_project(tmp_path / "c",
                           DATA / "invalid/ledger-problem-source-in-the-words-of-the-plans-is-read")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert [i.get("source") for i in data.ledger] == ["S5", "S6", None]
    site = build(project, NOW, history=False)
    assert "| 问题类别 | 审批环节多时间长 |\n| 问题来源 | 征求意见 |\n" in \
        site.pages["ledger/items/TZ-2.md"]
    assert "| 问题来源 | — |" in site.pages["ledger/items/TZ-3.md"]
    rows = {r["编号"]: r["问题来源"] for r in _csv(site, "ledger")}
    assert rows == {"TZ-1": "自查", "TZ-2": "征求意见", "TZ-3": ""}


def test_demo_ledger_items_carry_their_source(demo_site):
    sources = [i.get("source") for i in demo_site.data.ledger]
    assert set(sources) == {"S1", "S2", "S5", "S6"}
    item = demo_site.data.ledger[0]
    name = {s["id"]: s["name"] for s in demo_site.data.taxonomy["case_sources"]}[item["source"]]
    assert f"| 问题来源 | {name} |" in demo_site.pages[f"ledger/items/{item['id']}.md"]


# ---- 002: 容错免责 is a kind of case of its own, counted and shown as what it is


def test_case_kinds_are_the_schemas():
    from generator.records import CASE_KINDS
    from generator.schema import record_types

    kind = record_types()["case"].fields["kind"]
    assert list(kind.values) == list(CASE_KINDS) == ["通报曝光", "澄清正名", "容错免责"]
    assert kind.same["容错纠错"] == kind.same["容错"] == "容错免责"


def test_tolerance_is_counted_as_itself_never_as_a_clarification(demo_site):
    from generator.bulletin import figures

    data = demo_site.data
    live = [c for c in data.cases if c.published and not c.get("campaign")]
    tolerated = [c for c in live if c["kind"] == "容错免责"]
    assert [c["id"] for c in tolerated] == ["2026-015"]
    assert all(not p.get("measures") for c in tolerated for p in c["persons"])
    f = figures(data, "2026-08")
    assert [c["id"] for c in f["tolerances"]] == ["2026-015"]
    assert "2026-015" not in {c["id"] for c in f["clarifications"] + f["exposures"]}
    facts = derive(data)
    assert facts.figures["tolerances"] == 1
    assert facts.figures["clarifications"] == sum(c["kind"] == "澄清正名" for c in live) == 3
    assert facts.figures["all_cases"] == len(live)
    home = demo_site.pages["index.md"]
    assert "| [容错免责](cases/kind/tolerance/index.md) | 1 |" in home
    assert "| [澄清正名](cases/kind/clarification/index.md) | 3 |" in home
    listing = demo_site.pages["cases/kind/tolerance/index.md"]
    assert "](../../2026-015.md)" in listing and "2026-005" not in listing
    assert "2026-015" not in demo_site.pages["cases/kind/clarification/index.md"]
    rows = [r for r in _csv(demo_site, "cases") if r["案例编号"] == "2026-015"]
    assert [r["类型"] for r in rows] == ["容错免责"]


def test_a_case_of_no_kind_the_schema_knows_is_refused_at_its_line(tmp_path):
    project = make_project(tmp_path / "c")
    case = project / "data" / "cases" / "2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("kind: 通报曝光", "kind: 容错减责"), "utf-8")
    _data, report = validate(project, NOW)
    assert report.flatten() == [("data/cases/2026-001.yml", 2, "bad-enum")]


# ---- 002: 问题线索清单，明确责任人，限期办结; 常委包挂; reporters are never written down


def test_clue_charge_is_internal_and_published_as_counts(demo_site):
    clues = demo_site.data.clues
    assert all(c.get("responsible") for c in clues)
    led = sum(1 for c in clues if c.get("lead_leader"))
    overdue = sum(1 for c in clues if c["status"] == "在办" and c["deadline"] < NOW.date())
    assert led and overdue
    page = demo_site.pages["clues/index.md"]
    assert f"| 领导包案督办 | {led} |" in page
    assert f"| 在办超过办结时限 | {overdue} |" in page
    people = {c["responsible"] for c in clues}
    for path, text in demo_site.pages.items():
        assert not any(p in text for p in people), path
    for path, blob in demo_site.files.items():
        if path.endswith((".csv", ".json")):
            assert not any(p in blob.decode("utf-8-sig") for p in people), path


@pytest.mark.parametrize("header", ["实名举报人", "举报人（姓名）", "信访人联系电话", "反映人"])
def test_a_reporter_column_is_refused_and_its_cells_are_never_kept(tmp_path, header):
    project = make_project(tmp_path / "c")
    path = project / "data" / "clues.csv"
    lines = path.read_text("utf-8").splitlines()
    lines = [lines[0] + "," + header] + [line + ",王小明" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == [("data/clues.csv", 1, "table-reporter-column")]
    found = report.sorted()
    assert header in found[0].message and "王小明" not in found[0].message
    assert not any("王小明" in str(v) for c in data.clues for v in c.values())


def test_the_person_reported_on_is_no_reporter_column(tmp_path):
    project = make_project(tmp_path / "c")
    path = project / "data" / "clues.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",被举报人职务"] + [x + ",股长" for x in lines[1:]])
                    + "\n", "utf-8")
    _data, report = validate(project, NOW)
    assert report.flatten() == [("data/clues.csv", 1, "unknown-field")]


# ---- 003: 挂账督办，整改完成一件销号一件, accepted by the body that collects the cleanup


def test_ledger_acceptor_stands_on_the_item_page_and_in_the_open_data(demo_site):
    ledger = demo_site.data.ledger
    closed = [i for i in ledger if i.get("closed_on")]
    assert closed and all(i.get("closed_by") for i in closed)
    assert not any(i.get("closed_by") for i in ledger if not i.get("closed_on"))
    item = closed[0]
    assert f"| 销号验收单位 | {item['closed_by']} |" in \
        demo_site.pages[f"ledger/items/{item['id']}.md"]
    opened = next(i for i in ledger if not i.get("closed_on"))
    assert "| 销号验收单位 | — |" in demo_site.pages[f"ledger/items/{opened['id']}.md"]
    rows = {r["编号"]: r for r in _csv(demo_site, "ledger")}
    assert rows[item["id"]]["销号验收单位"] == item["closed_by"]
    assert rows[opened["id"]]["销号验收单位"] == ""


@pytest.mark.parametrize("field", ["closed_by", "responsible", "lead_leader"])
def test_data_spec_documents_the_charge_fields(field):
    spec = (ROOT / "content/data-spec.md").read_text("utf-8")
    assert re.search(rf"\b{field}\b", spec), field


# ---- 000, 001, 002: 举报信箱、邮箱、举报电话, 电子举报信箱, 网站, 行风热线


def test_channels_in_the_documents_words_are_read(tmp_path):
    """Seed 000 sets up 举报信箱、邮箱、举报电话, seed 001 公布投诉电话和电子举报信箱, seed
    002 a 热线: a clerk writing the kind of a channel as the plan does (举报电话, 电子邮箱,
    举报信箱, 网址, 来访接待) was refused; each is read as the kind it names."""
    project = make_project(tmp_path / "c")
    path = project / "site_config/channels.yml"
    text = path.read_text("utf-8")
    written = {"hotline": "举报电话", "county-phone": "热线电话", "email": "电子邮箱",
               "mailbox": "举报信箱", "web": "网址", "visit": "来访接待"}
    for channel, kind in written.items():
        at = text.index(f"  - id: {channel}\n")
        line = text.index("    kind: ", at)
        end = text.index("\n", line)
        text = text[:line] + f"    kind: {kind}" + text[end:]
    path.write_text(text, "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    kinds = {c["id"]: c["kind"] for c in data.channels["channels"]}
    assert kinds == {"hotline": "电话", "county-phone": "电话", "email": "邮箱",
                     "mailbox": "信箱", "web": "网上平台", "visit": "来访"}
