"""The monthly bulletin: its figures recomputed independently from the raw files."""
import csv
import re

import yaml

from conftest import NOW, ROOT
from generator.bulletin import draft, figures
from generator.checks import validate

MONTH, FIRST, LAST = "2026-10", "2026-10-01", "2026-10-31"


def _rows(rel):
    with (ROOT / rel).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _independent():
    """Straight from the files: no generator code, dates compared as ISO text."""
    cases = [yaml.load((p).read_text("utf-8"), Loader=yaml.BaseLoader)
             for p in sorted((ROOT / "data/cases").glob("*.yml"))]
    live = [c for c in cases if c.get("draft") != "是" and "withdrawn" not in c
            and (not c.get("embargo") or c["embargo"] <= "2026-11-20 00:00")]
    in_month = [c for c in live if FIRST <= c["published_on"] <= LAST]
    ledger = [r for p in sorted((ROOT / "data/ledger").glob("*.csv"))
              for r in _rows(p.relative_to(ROOT))]
    existing = [r for r in ledger if r["opened_on"] <= LAST]
    inspections = [r for r in _rows("data/inspections.csv") if FIRST <= r["date"] <= LAST]
    reports = {r["unit"]: r for r in _rows("data/reports.csv") if r["period"] == "2026-09"}
    excused = {e["unit"] for e in _rows("data/exemptions.csv") if e["item"] == "工作月报"
               and e["starts_on"] <= "2026-10-05" and (e["ends_on"] or "9999") >= "2026-10-05"}
    units = [u["id"] for u in _rows("data/units.csv") if u["id"] not in excused]
    return {
        "exposures": sorted(c["id"] for c in in_month if c["kind"] == "通报曝光"),
        "clarifications": sorted(c["id"] for c in in_month if c["kind"] == "澄清正名"),
        "closed": sorted(r["id"] for r in existing if FIRST <= r["closed_on"] <= LAST),
        "overdue": sorted(r["id"] for r in existing if r["deadline"] < LAST
                          and not (r["status"] == "已销号" and r["closed_on"] <= LAST)),
        "inspections": len(inspections),
        "inspected_units": len({u for r in inspections for u in r["units"].split("、")}),
        "problems": sum(int(r["problems_found"]) for r in inspections),
        "reports_missing": sorted(u for u in units if u not in reports
                                  or reports[u]["submitted_on"] > LAST),
        "reports_late": sorted(u for u in units if u in reports
                               and "2026-10-05" < reports[u]["submitted_on"] <= LAST),
    }


def test_bulletin_figures_match_an_independent_count():
    data, report = validate(ROOT, NOW)
    assert report.valid
    f = figures(data, MONTH)
    expected = _independent()
    assert expected["exposures"] and expected["closed"] and expected["overdue"]
    assert sorted(c["id"] for c in f["exposures"]) == expected["exposures"]
    assert sorted(c["id"] for c in f["clarifications"]) == expected["clarifications"]
    assert sorted(i["id"] for i in f["ledger_closed"]) == expected["closed"]
    assert sorted(i["id"] for i in f["ledger_overdue"]) == expected["overdue"]
    assert len(f["inspections"]) == expected["inspections"]
    assert f["inspected_units"] == expected["inspected_units"]
    assert f["problems_found"] == expected["problems"]
    assert sorted(u["id"] for u in f["reports_missing"]) == expected["reports_missing"]
    assert sorted(u["id"] for u in f["reports_late"]) == expected["reports_late"]


def test_the_demo_publishes_the_drafted_bulletin_for_october():
    data, _ = validate(ROOT, NOW)
    # drafted before the title took the 公文's form 关于…的通报, and when a name written
    # masked (李某某) was shortened to 李某 (see the next test): issued, it stays so
    data.labels["bulletin"]["title"] = "{month}专项治理工作通报"
    # and before its note to the clerk lost the space of 改为 否 (a comment, not its text)
    data.labels["bulletin"]["draft_note"] = \
        data.labels["bulletin"]["draft_note"].replace("改为否", "改为 否")
    drafted = draft(data, MONTH).replace("处理情况：李某某，", "处理情况：李某，")
    committed = (ROOT / "content/notices/2026-10-bulletin.md").read_text("utf-8")
    # the words it prints and its document style, frozen when it was issued (notice
    # freeze), are not drafted
    assert re.search(r"^words:\n(  .*\n)+", committed, re.M)
    assert re.search(r"^document_style:\n(  .*\n)+", committed, re.M)
    assert re.sub(r"^(words|document_style):\n(  .*\n)+", "", committed, flags=re.M) == drafted.replace("\ndraft: 是\n", "\ndraft: 否\n").replace(
        "\n# doc_number: 代字〔年份〕序号号\n", "\ndoc_number: 演纪发〔2026〕19号\n")
    expected = _independent()
    assert f"通报曝光典型问题{len(expected['exposures'])}起" in committed
    assert f"整改销号{len(expected['closed'])}项" in committed
    assert f"逾期未销号{len(expected['overdue'])}项" in committed
    assert f"发现问题{expected['problems']}个" in committed


def test_a_drafted_bulletin_is_titled_as_a_tongbao_is():
    """GB/T 9704 7.3.1: a 标题 names the matter and the kind of document, "关于……的通报";
    "2026年10月专项治理工作通报" read as a heading, not as the title of a 公文. Each case
    names each person as the case writes them: 李某某 and 李某 are two people, and
    the bulletin printed both as 李某."""
    data, _ = validate(ROOT, NOW)
    text = draft(data, MONTH)
    assert "\ntitle: 关于2026年10月专项治理工作情况的通报\n" in text
    assert "3. [县委老干部局窗口工作人员李某某在食品安全检查中敷衍塞责问题](../cases/2026-030.md)" \
        "（2026年10月23日）。处理情况：李某某，调离岗位；李某，责令检查。" in text


def test_bulletin_command_writes_a_draft_and_will_not_overwrite(minimal, capsys, monkeypatch):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    assert main(["--root", str(minimal), "bulletin", "2026-05"]) == 0
    text = (minimal / "content/notices/2026-05-bulletin.md").read_text("utf-8")
    assert "\ndraft: 是\n" in text and "通报曝光典型问题1起" in text
    # each case listed is a sentence of the 通报, closed as its Word/PDF prints it (an
    # item without its 。 read as an unfinished line, or as a heading)
    items = re.findall(r"^\d+\. \[.*$", text, re.M)
    assert items and all(item.endswith("。") for item in items), items
    assert main(["--root", str(minimal), "bulletin", "2026-05"]) == 2
    assert main(["--root", str(minimal), "bulletin", "2026-13"]) == 2
    assert main(["--root", str(minimal), "check"]) == 0  # a draft is valid and unpublished
    assert "草稿，不公开" in capsys.readouterr().out


def test_a_draft_lists_every_case_it_counts_by_kind():
    """The draft counted 容错免责 cases (figures) and listed none: a 通报 naming a number of
    cases the reader cannot find. Every month of the demo: each case of each kind is
    listed once, linked, under its kind's count line, and cited in the front matter."""
    data, _ = validate(ROOT, NOW)
    labels = data.labels["bulletin"]
    months = sorted({c["published_on"].strftime("%Y-%m") for c in data.published("cases")})
    seen = set()
    for month in months:
        f = figures(data, month)
        text = draft(data, month)
        front, body = text.split("\n---\n", 1)
        for kind, line in (("exposures", "cases"), ("clarifications", "clarifications"),
                           ("tolerances", "tolerances")):
            if not f[kind]:
                continue
            seen.add(kind)
            head = labels[line].format(count=len(f[kind]))
            assert body.count(head) == 1, (month, kind)
            listed = body.split(head, 1)[1]
            for number, case in enumerate(f[kind], start=1):
                link = f"](../cases/{case['id']}.md)"
                assert body.count(link) == 1, (month, case["id"])
                assert f"\n{number}. [" in listed.split(link)[0], (month, case["id"])
        cited = re.search(r"^cases: \[(.*)\]$", front, re.M)
        counted = [c["id"] for k in ("exposures", "clarifications", "tolerances") for c in f[k]]
        assert (cited.group(1).split(", ") if cited else []) == counted, month
    assert seen == {"exposures", "clarifications", "tolerances"}  # the demo has each kind
