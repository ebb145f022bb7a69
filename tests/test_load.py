"""Loading keeps every value as written and reads what Excel and staff actually produce."""
import codecs
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, NOW, make_project
from generator.checks import validate
from generator.load import parse_yaml

UNITS = ("id,name,kind,supervisor,service_window,approval,law_enforcement\n"
         "XZ01,东城镇,乡镇,喆堃镕联络办,是,否,否\n"
         "XW01,县委办公室,县委部门,县直机关工委,否,否,否\n"
         "ZF01,县自然资源局,政府部门,县监委,是,是,是\n"
         "XX01,县第一中学,学校,县教育局,否,否,否\n")


def _units(project: Path) -> list[tuple]:
    data, report = validate(project, NOW)
    assert report.flatten() == []
    return [(u["id"], u["supervisor"], u["kind"], u["service_window"]) for u in data.units]


EXPECTED = [("XZ01", "喆堃镕联络办", "XZ", True), ("XW01", "县直机关工委", "XW", False),
            ("ZF01", "县监委", "ZF", True), ("XX01", "县教育局", "XX", False)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_load_the_same(minimal: Path, encoding: str):
    (minimal / "data/units.csv").write_bytes(UNITS.replace("\n", "\r\n").encode(encoding))
    assert _units(minimal) == EXPECTED


def test_gb2312_lacks_these_names_so_gb18030_is_needed():
    with pytest.raises(UnicodeEncodeError):
        "喆堃镕".encode("gb2312")


def test_chinese_headers_and_excel_artefacts(minimal: Path):
    text = ("单位编号,单位名称,单位类别,主管部门,服务窗口,审批部门,执法部门,\n"
            '="XZ01", 东城镇 ,乡镇,\u3000喆堃镕联络办\u200b,是,否,否,\n'
            ",,,,,,,\n"
            "XW01,县委办公室,县委部门,县直机关工委,否,否,否,\n"
            "ZF01,县自然资源局,政府部门,县监委,是,是,是,\n"
            "XX01,县第一中学,学校,县教育局,否,否,否,\n")
    (minimal / "data/units.csv").write_text(text, encoding="utf-8-sig")
    assert _units(minimal) == EXPECTED


def test_lines_survive_quoted_newlines_and_blank_rows(minimal: Path):
    ledger = (minimal / "data/ledger/台账.csv").read_text("utf-8")
    ledger = ledger.replace("一次性告知不到位", '"一次性告知\n不到位"')
    ledger = ledger.replace("\nTZ-2", "\n\n\nTZ-2").replace("整改中,", "整改中,2026-04-30")
    (minimal / "data/ledger/台账.csv").write_text(ledger, encoding="utf-8")
    _data, report = validate(minimal, NOW)
    # header 1, TZ-1 on lines 2-3, two blank lines, TZ-2 on line 6
    assert report.flatten() == [("data/ledger/台账.csv", 6, "date-without-closed")]


def test_full_width_digits_and_chinese_dates_are_read(minimal: Path):
    reports = "单位,月份,报送日期,零报告\nXZ01,２０２６－０４,2026年5月3日,否\nZF01,2026年4月,2026/5/4,是\n"
    (minimal / "data/reports.csv").write_text(reports, encoding="utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert [(r["period"], r["submitted_on"].isoformat()) for r in data.reports] == [
        ("2026-04", "2026-05-03"), ("2026-04", "2026-05-04")]


def test_xlsx_is_accepted_where_csv_is(minimal: Path):
    import datetime as dt

    (minimal / "data/reports.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位", "月份", "报送日期", "零报告"])
    sheet.append(["XZ01", "2026-04", dt.datetime(2026, 5, 3), "否"])
    sheet.append(["ZF01", "2026-04", dt.datetime(2026, 5, 4), True])
    sheet.append([None, None, None, None])
    book.save(minimal / "data/reports.xlsx")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert [(r["unit"], r["submitted_on"].isoformat(), r["zero_report"]) for r in data.reports] == [
        ("XZ01", "2026-05-03", False), ("ZF01", "2026-05-04", True)]


def test_xlsx_scientific_number_is_reported_at_its_row(minimal: Path):
    (minimal / "data/warnings.csv").unlink()
    book = openpyxl.Workbook()
    book.active.append(["id", "unit", "date", "level", "points", "reason"])
    book.active.append(["YJ-1", "ZF01", "2026-07-01", "黄牌", None, "台账逾期"])
    book.active.append([123456789012345678, "ZF01", "2026-07-02", "黄牌", None, "台账逾期"])
    book.save(minimal / "data/warnings.xlsx")
    _data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/warnings.xlsx", 3, "excel-number-format")]


def test_damaged_xlsx_is_a_problem_not_a_crash(minimal: Path):
    (minimal / "data/reports.csv").unlink()
    (minimal / "data/reports.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    _data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/reports.xlsx", 1, "xlsx-not-a-workbook")]


@pytest.mark.parametrize("text, value", [
    ("v: NO", "NO"), ("v: on", "on"), ("v: 010", "010"), ("v: 05712345670", "05712345670"),
    ("v: 1:30", "1:30"), ("v: 2026-02-30", "2026-02-30"), ("v: 1e3", "1e3"), ("v: '~'", "~"),
    ("v: '0012'", "0012"), ("v: ~", ""), ("v: null", ""), ("v: NULL", ""), ("v: 'null'", "null"),
])
def test_yaml_scalars_stay_as_written(text: str, value: str):
    tree, problems = parse_yaml(text, "x.yml")
    assert problems == [] and tree["v"] == value


def test_yaml_lines_are_remembered():
    tree, _ = parse_yaml("a: 1\nb:\n  - x\n  - c: 2\n", "x.yml")
    assert tree.lines == {"a": 1, "b": 2}
    assert tree["b"].lines == [3, 4]
    assert tree["b"][1].lines == {"c": 4}


def test_bom_in_yaml_is_ignored(minimal: Path):
    path = minimal / "data/cases/2026-001.yml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    _data, report = validate(minimal, NOW)
    assert report.flatten() == []


def test_a_value_repeated_on_many_rows_is_read_alike_on_every_row(minimal: Path):
    """validate types a short value once per record type and reuses it on the rows that
    repeat it (a ledger's units, dates and leaders): a bad value is still reported on
    every row that has it, and a mobile repeated in a text column on each of its rows."""
    ledger = (minimal / "data/ledger/台账.csv").read_text("utf-8").rstrip("\n").split("\n")
    rows = [ledger[0]]
    for number in range(1, 7):
        row = ledger[1].replace("TZ-1", f"TZ-{number}")
        if number in (2, 5):
            row = row.replace("2026-04-01", "2026-13-01")
        if number in (3, 6):
            row = row.replace("办公室主任", "办公室主任13812345678")
        rows.append(row)
    (minimal / "data/ledger/台账.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    data, report = validate(minimal, NOW)
    assert [(p[1], p[2]) for p in report.flatten()] == [
        (3, "bad-date"), (4, "personal-phone"), (6, "bad-date"), (7, "personal-phone")]
    opened = [item["opened_on"] for item in data.ledger if item.get("opened_on")]
    assert len(opened) == 4 and len({id(d) for d in opened}) == 1  # one date object shared


@pytest.mark.parametrize("escape, name", [("\\x0b", "垂直制表符"), ("\\x1b", "ESC"),
                                          ("\\b", "U+0008"), ("\\uFFFE", "U+FFFE"),
                                          ("\\ud800", "U+D800")])
def test_a_control_character_written_as_a_yaml_escape_is_named_at_its_line(tmp_path, escape,
                                                                          name):
    """The web editor's YAML writer turns a vertical tab pasted from Word into "\\v": the
    character is not in the file's text, only in the value read from it. It is named at
    its line like one typed in the file, in every kind of YAML file (a notice's front
    matter, a record), never a traceback from the document writer or a broken feed."""
    from conftest import make_project
    from generator.pipeline import check

    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    text = text.replace("title: 关于东城镇", f'title: "关于{escape}东城镇', 1).replace(
        "问题的通报\n", '问题的通报"\n', 1)
    text = text.replace("cases: [2026-001]", f'cases: [2026-001]\ncc: ["县委{escape}办公室"]', 1)
    notice.write_text(text, "utf-8")
    case = sorted((project / "data/cases").glob("*.yml"))[0]
    lines = case.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f'title: "县统计局{escape}执法队员敷衍塞责问题"'
    case.write_text("\n".join(lines), "utf-8")
    _data, report = check(project, NOW)
    found = [(path, line, code) for path, line, code in report.flatten()]
    rel = case.relative_to(project).as_posix()
    assert found == sorted([("content/notices/2026-05-notice.md", 2, "control-character"),
                            ("content/notices/2026-05-notice.md", 6, "control-character"),
                            (rel, at + 1, "control-character")])
    assert all(name in str(p) for p in report.problems)


@pytest.mark.parametrize("url, code, base", [
    ("https://zhuanxiang.example.gov.cn", "site-url-slash-added", "https://zhuanxiang.example.gov.cn/"),
    ("https://example.gov.cn/zx", "site-url-slash-added", "https://example.gov.cn/zx/"),
    ("https://example.gov.cn/zx/?a=1", "site-url-not-a-base", None),
    ("https://example.gov.cn/#top", "site-url-not-a-base", None),
    ("/zx/", "site-url-not-a-base", None),
    ("https://example.gov.cn/zx/", None, "https://example.gov.cn/zx/"),
])
def test_the_site_address_is_the_base_of_every_link_made_from_it(tmp_path, url, code, base):
    """Feeds and open data join the site's address and a page's path: written without
    its last "/", it is taken with it (and staff told, without stopping the build); an
    address that cannot be a base stops it at its line in site.yml."""
    from conftest import make_project
    from generator.pipeline import build, check

    project = make_project(tmp_path / "c")
    settings = project / "site_config/site.yml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("url: https://zhuanxiang.example.gov.cn/", f"url: {url}"),
                        "utf-8")
    data, report = check(project, NOW)
    at = text[:text.index("\nurl: ")].count("\n") + 2  # the line of url: in site.yml
    assert [(path, line, c) for path, line, c in report.flatten()] == (
        [("site_config/site.yml", at, code)] if code else [])
    assert report.valid == (code != "site-url-not-a-base")
    if base:
        site = build(project, NOW, history=False)
        assert data.site["url"] == base
        assert f'href="{base}cases/2026-001/"' in site.files["feeds/cases.xml"].decode()


def test_a_control_character_a_workbook_stores_escaped_is_named_at_its_row(tmp_path):
    """Excel stores a character XML cannot hold as _x001B_; openpyxl leaves the escape
    as written, so the site would print "_x001B_". It is read as the character it
    stands for and named at its row, as in a CSV line; other escapes stay as written."""
    import io
    import zipfile

    from conftest import make_project

    project = make_project(tmp_path / "c")
    units = project / "data/units.csv"
    rows = [line.split(",") for line in units.read_text("utf-8-sig").strip().split("\n")]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active.cell(3, 2).value = book.active.cell(3, 2).value + "MARKA"
    book.active.cell(4, 2).value = book.active.cell(4, 2).value + "MARKB"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"MARKA", b"_x001B_").replace(b"MARKB", b"_x0041_")
    parts[sheet] = parts[sheet].replace(b"&#19996;&#22478;&#38215;",  # 东城镇, as openpyxl writes it
                                        b"&#19996;&#22478;_x000D_&#38215;")
    assert parts[sheet].count(b"_x000D_") == 1
    with zipfile.ZipFile(project / "data/units.xlsx", "w") as package:
        for name, part in parts.items():
            package.writestr(name, part)
    units.unlink()
    data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/units.xlsx", 3, "control-character")]
    names = [unit["name"] for unit in data.collections["units"]]
    assert rows[2][1] in names and rows[3][1] + "_x0041_" in names  # (ESC -> space, trimmed)
    east = next(name for name in names if name.startswith("东城"))
    assert "_x000D_" not in east and east.replace("\r", "") == "东城镇"  # a break, read as one


def test_numbers_are_read_as_excel_shows_them_or_reported(tmp_path):
    """A number in a formatted cell is read as the clerk sees it in Excel or WPS
    (97.6% not 0.976, BZ-007 not 7, 2026年5月 in a built-in Chinese date format not
    46143); a format the reader cannot show as Excel does refuses the row, named."""
    import io
    import re
    import zipfile

    from conftest import make_project

    project = make_project(tmp_path / "c")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["year", "unit", "rank", "score", "grade"])
    sheet.append([2025, "XZ01", 1, 0.976, "优秀"])
    sheet.append([2025, "ZF01", 2, 97.16666666666667, "良好"])
    sheet.append([2025, "XZ02", 3, 1234.5, "一般"])
    sheet["D2"].number_format = "0.0%"
    sheet["D3"].number_format = "0.00"
    sheet["D4"].number_format = "0.00E+00"
    buffer = io.BytesIO()
    book.save(buffer)
    (project / "data/rankings.xlsx").write_bytes(buffer.getvalue())
    (project / "data/rankings.csv").unlink(missing_ok=True)

    totals = openpyxl.Workbook()
    sheet = totals.active
    sheet.append(["period", "measure", "count", "source"])
    sheet.append([46143, "追责问责人数", 3, "县纪委监委"])
    sheet["A2"].number_format = "yyyy-mm-dd"  # made id 57 (yyyy"年"m"月") below
    buffer = io.BytesIO()
    totals.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["xl/styles.xml"].decode()
    custom = re.search(r'<numFmt numFmtId="(\d+)" formatCode="yyyy-mm-dd"', styles).group(1)
    cells = styles[styles.index("<cellXfs"):]
    parts["xl/styles.xml"] = (styles[:styles.index("<cellXfs")] + cells.replace(
        f'numFmtId="{custom}"', 'numFmtId="57"')).encode()
    with zipfile.ZipFile(project / "data/totals.xlsx", "w") as package:
        for name, part in parts.items():
            package.writestr(name, part)
    (project / "data/totals.csv").unlink(missing_ok=True)

    data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/rankings.xlsx", 4, "xlsx-number-format")]
    assert "0.00E+00" in str(report.problems[0])
    assert [r["score"] for r in data.collections["rankings"]] == ["97.6%", "97.17"]
    assert [r["period"] for r in data.collections["totals"]] == ["2026-05"]


def test_a_total_row_is_skipped_in_a_table_of_records_but_read_in_the_table_of_totals(
        tmp_path):
    """In the ledger, a row starting 合计 adds up the rows above it (skipped, and said), as
    do 合计（项）： and 小 计(截至9月), a total headed with what it counts; in 人工填报汇总数
    every row is a total and 累计 is a period: the row is a record."""
    from conftest import make_project

    project = make_project(tmp_path / "c")
    totals = project / "data/totals.csv"
    totals.write_text(totals.read_text("utf-8").rstrip("\n")
                      + "\n累计,追责问责人数,120,演示县纪委通报,\n", "utf-8")
    ledger = project / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8").rstrip("\n") + "\n合计,,,,,,,,,,,,\n"
                      "合计（项）：,,,,,,,,,,,,\n 小 计(截至9月),,,,,,,,,,,,\n", "utf-8")
    data, report = validate(project, NOW)
    assert [r["period"] for r in data.collections["totals"]][-1] == "累计"
    assert [r["count"] for r in data.collections["totals"]][-1] == 120
    skipped = [(p.path, p.line) for p in report.problems if p.code == "table-total-row"]
    assert skipped == [("data/ledger/台账.csv", 5), ("data/ledger/台账.csv", 6),
                       ("data/ledger/台账.csv", 7)]
    assert report.valid


def test_rows_numbered_ahead_are_skipped_in_one_line_and_a_hidden_sheet_is_never_the_data(
        tmp_path):
    """A template numbered down to row 100 is not 900 missing fields: its rows holding only
    a 序号 are skipped, said once. A hidden first sheet (an old list kept out of sight) is
    not read in place of the sheet the clerk sees; it is named, to be deleted."""
    import io

    from conftest import make_project

    project = make_project(tmp_path / "c")
    rows = [line.split(",") for line in
            (project / "data/units.csv").read_text("utf-8-sig").strip().split("\n")]
    book = openpyxl.Workbook()
    old = book.active
    old.title = "旧名录"
    old.append(rows[0])
    old.append(["XZ99", "旧单位", "乡镇", "县委办公室", "是", "否", "否"])
    old.sheet_state = "hidden"
    current = book.create_sheet("单位名录")
    current.append(["序号"] + rows[0])
    for number, row in enumerate(rows[1:], start=1):
        current.append([number] + row)
    for number in range(len(rows), len(rows) + 20):
        current.append([number])
    buffer = io.BytesIO()
    book.save(buffer)
    (project / "data/units.xlsx").write_bytes(buffer.getvalue())
    (project / "data/units.csv").unlink()
    data, report = validate(project, NOW)
    assert sorted(u["id"] for u in data.collections["units"]) == sorted(r[0] for r in rows[1:])
    found = [(p.path, p.line, p.code) for p in report.problems
             if p.path == "data/units.xlsx"]
    assert found == [("data/units.xlsx", 1, "xlsx-hidden-sheet"),
                     ("data/units.xlsx", 1, "table-index-column"),
                     ("data/units.xlsx", len(rows) + 1, "table-numbered-empty")]
    assert any("有20行只有序号" in str(p) for p in report.problems)
    assert [p.code for p in report.problems if p.is_error] == ["xlsx-hidden-sheet"]


def test_a_csv_saved_with_semicolons_is_one_message_naming_the_separator(tmp_path):
    """Excel saves "CSV" with semicolons where the system's list separator is one: the
    whole file would be one column. One error at the header line says so."""
    from conftest import make_project

    project = make_project(tmp_path / "c")
    totals = project / "data/totals.csv"
    lines = totals.read_text("utf-8").strip().split("\n")
    totals.write_text("人工填报汇总数\n" + "\n".join(line.replace(",", ";") for line in lines)
                      + "\n", "utf-8")
    data, report = validate(project, NOW)
    found = [(p.path, p.line, p.code) for p in report.problems if p.path == "data/totals.csv"]
    assert found == [("data/totals.csv", 2, "csv-semicolon")]
    assert any(p.code == "csv-semicolon" and "分号" in str(p) for p in report.problems)
    assert data.collections["totals"] == []


def test_a_line_of_who_filled_the_sheet_in_over_three_cells_is_a_title_row(tmp_path):
    """填报单位：… 填报人：… 填报日期：… written over three cells above the header is said
    and skipped like a one-cell title, not taken for the header."""
    from conftest import make_project

    project = make_project(tmp_path / "c")
    totals = project / "data/totals.csv"
    text = totals.read_text("utf-8")
    totals.write_text("人工填报汇总数\n填报单位：县纪委监委,填报人：王某,填报日期：2026年6月1日\n"
                      + text, "utf-8")
    data, report = validate(project, NOW)
    found = [(p.line, p.code) for p in report.problems if p.path == "data/totals.csv"]
    assert found == [(1, "table-title-row"), (2, "table-title-row")]
    assert len(data.collections["totals"]) == len(text.strip().split("\n")) - 1


def test_a_row_struck_through_is_named_not_published(tmp_path):
    """Clerks strike a row through to mark it taken back: it is not published as a live
    record, and check says what to do; a row with one struck word is read as usual."""
    import io

    from openpyxl.styles import Font

    from conftest import make_project

    project = make_project(tmp_path / "c")
    rows = [line.split(",") for line in
            (project / "data/units.csv").read_text("utf-8-sig").strip().split("\n")]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for cell in book.active[3]:
        cell.font = Font(strike=True)
    book.active.cell(4, 2).font = Font(strike=True)
    buffer = io.BytesIO()
    book.save(buffer)
    (project / "data/units.xlsx").write_bytes(buffer.getvalue())
    (project / "data/units.csv").unlink()
    data, report = validate(project, NOW)
    assert ("data/units.xlsx", 3, "xlsx-struck-row") in [
        (p.path, p.line, p.code) for p in report.problems]
    ids = {u["id"] for u in data.collections["units"]}
    assert rows[2][0] not in ids and rows[3][0] in ids


@pytest.mark.parametrize("value, href", [('"１２３８８"', "tel:12388"),
                                         ('"+86 0000-1234567"', "tel:+8600001234567")])
def test_a_phone_channel_written_in_full_width_digits_is_dialled_as_digits(tmp_path, value, href):
    from conftest import make_project
    from generator.render import channel_href

    project = make_project(tmp_path / "county")
    path = project / "site_config" / "channels.yml"
    path.write_text(path.read_text("utf-8").replace('value: "12388"', f"value: {value}"), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert channel_href(data.channels["channels"][0]) == href


def test_the_footer_links_a_channel_only_by_its_checked_href():
    """The footer is a template of its own: it takes the href the pages use and never
    puts a raw channel value in a link; a 网上平台 is linked as a phone or mailbox is."""
    import jinja2

    from conftest import ROOT
    from generator.mkdocs_hook import footer_channels

    channels = [{"kind": "电话", "name": "甲", "value": "0000-1234567;javascript:alert(1)"},
                {"kind": "邮箱", "name": "乙", "value": "a@x.gov.cn?bcc=copy@evil.example"},
                {"kind": "电话", "name": "丙", "value": "１２３８８"},
                {"kind": "邮箱", "name": "丁", "value": "jubao@x.gov.cn"},
                {"kind": "网上平台", "name": "戊", "value": "javascript:alert(1)"},
                {"kind": "网上平台", "name": "己", "value": "https://x.gov.cn@evil.example/"},
                {"kind": "网上平台", "name": "庚", "value": "https://jubao.x.gov.cn/a\"b"},
                {"kind": "信箱", "name": "辛", "value": "https://jubao.x.gov.cn/"},
                {"kind": "网上平台", "name": "壬", "value": "https://jubao.x.gov.cn/"}]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides" / "partials"))
    env.filters["url"] = lambda value: value
    shown = env.get_template("copyright.html").render(config={"extra": {"campaign_site": {
        "labels": {"footer_report": "举报"}, "channels": footer_channels(channels),
        "reader": {"authority": "主办", "contact": "联系", "sitemap": "地图", "site_code": "标识码"},
        "authority": "县纪委", "marks": {}, "sitemap": "sitemap/"}}})
    # the 网上平台 is a link like the other channels (it was plain text in the footer)
    assert re.findall(r'href="([^"]*)"', shown) == ["tel:12388", "mailto:jubao@x.gov.cn",
                                                    "https://jubao.x.gov.cn/", "sitemap/"]


@pytest.mark.parametrize("separator, named", [("，", "中文逗号（，）"), ("、", "顿号（、）"),
                                              ("|", "竖线（|）")])
def test_a_csv_with_another_separator_is_one_error_naming_it(tmp_path, separator, named):
    from conftest import make_project
    from generator.pipeline import check

    project = make_project(tmp_path / "county")
    ledger = project / "data" / "ledger" / "台账.csv"
    ledger.write_text(ledger.read_text("utf-8").replace(",", separator), "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 1, "csv-separator")]
    assert named in str(report.problems[0])


@pytest.mark.parametrize("encoding, named", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"),
                                             ("gb18030", "GBK（GB18030）")])
def test_a_tab_separated_table_is_read_as_its_comma_twin(tmp_path, encoding, named):
    """Excel's or WPS's 文本文件（制表符分隔） and Notepad's ANSI (GBK) or UTF-8 text with tabs
    between the columns: read cell by cell as the comma CSV it stands for (a quoted cell
    keeps its comma and its line break), said once with the encoding it was read in, and
    fmt rewrites it as that CSV."""
    from conftest import make_project
    from generator import tableformat
    from generator.pipeline import check

    project = make_project(tmp_path / "county")
    ledger = project / "data" / "ledger" / "台账.csv"
    comma = ledger.read_text("utf-8").replace("一次性告知不到位", '"一次性告知不到位,\n群众多跑"')
    ledger.write_text(comma, "utf-8")
    twin, _report = check(project, NOW)
    rows = [line.split(",") for line in comma.replace('位,\n群', '位\0\n群').split("\n")]
    tabbed = "\r\n".join("\t".join(row) for row in rows).replace("\0", ",")
    ledger.write_bytes(tabbed.encode(encoding))
    data, report = check(project, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 1, "csv-tab-text")]
    assert f"文字编码是 {named}" in report.problems[0].message
    assert [dict(r) for r in data.collections["ledger"]] == \
        [dict(r) for r in twin.collections["ledger"]]
    assert data.collections["ledger"][0]["problem"] == "一次性告知不到位,\n群众多跑"
    new, why = tableformat.canonical(ledger.read_bytes(), "data/ledger/台账.csv")
    assert why == "" and new.decode("utf-8-sig").replace("\r\n", "\n") == comma


def test_a_comma_table_with_a_tab_in_its_title_stays_a_comma_table(tmp_path):
    """A tab typed in a title row above a comma header does not make the file a tab table."""
    from conftest import make_project
    from generator.pipeline import check

    project = make_project(tmp_path / "county")
    ledger = project / "data" / "ledger" / "台账.csv"
    ledger.write_text("2026年\t整改\t台账\n" + ledger.read_text("utf-8"), "utf-8")
    data, report = check(project, NOW)
    assert [code for _path, _line, code in report.flatten()] == ["table-title-row"]
    assert len(data.collections["ledger"]) == 3


def test_list_items_in_brackets_are_split_on_chinese_commas_like_bare_ones(tmp_path):
    """`[A3，B2]` is one YAML item: it is read as `A3，B2` written bare is."""
    from conftest import make_project

    project = make_project(tmp_path / "county")
    case = project / "data" / "cases" / "2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("categories: [A3]", "categories: [A3，B2]"),
                    "utf-8")
    commitments = project / "data" / "commitments.yml"
    commitments.write_text(commitments.read_text("utf-8").replace(
        "unit_kinds: [乡镇, 县委部门, 政府部门]", "unit_kinds: [乡镇，县委部门、政府部门]", 1), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    assert data.collections["cases"][0]["categories"] == ["A3", "B2"]
    assert data.collections["commitments"][0]["unit_kinds"] == ["XZ", "XW", "ZF"]


def test_a_reference_is_named_by_its_label_and_a_wrong_case_id_is_suggested(tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "county")
    case = project / "data" / "cases" / "2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("categories: [A3]", "categories: [A3，Z9]")
                    .replace("unit: XZ01", "unit: zf01"), "utf-8")
    _data, report = validate(project, NOW)
    assert report.flatten() == [("data/cases/2026-001.yml", 5, "unknown-reference"),
                                ("data/cases/2026-001.yml", 6, "unknown-reference")]
    unit, category = (str(p) for p in report.problems)
    assert "是否指“ZF01”" in unit
    assert "“问题类别”填写的“Z9”" in category


def test_a_date_with_a_time_of_day_is_named_as_such(minimal: Path):
    """A date cell formatted with its time, or a time alone, is told what is wrong with it
    (it was "不是有效日期" with no reason)."""
    import datetime as dt

    ledger = minimal / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8").replace(
        "2026-04-01,2026-05-01", "2026/4/1 9:30,2026-05-01", 1), "utf-8")
    (minimal / "data/reports.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位", "月份", "报送日期", "零报告"])
    sheet.append(["XZ01", "2026-04", dt.datetime(2026, 5, 3, 15, 30), "否"])
    sheet.append(["ZF01", "2026-04", dt.time(15, 30), "否"])
    book.save(minimal / "data/reports.xlsx")
    _data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 2, "date-with-time"),
                                ("data/reports.xlsx", 2, "date-with-time"),
                                ("data/reports.xlsx", 3, "time-not-date")]
    said = [str(p) for p in report.problems]
    assert "时刻9:30" in said[0] and "应写成2026-04-01" in said[0]
    assert "时刻15:30" in said[1] and "应写成2026-05-03" in said[1]


def test_a_clerks_real_workbook_is_read_value_by_value(tmp_path):
    """The workbook of tests/data/invalid/xlsx-a-clerks-real-ledger-is-read: every row's
    values as the clerk meant them, and nothing of the 备注 column (a mobile number) kept."""
    project = make_project(tmp_path / "c", DATA / "invalid" / "xlsx-a-clerks-real-ledger-is-read")
    data, report = validate(project, NOW)
    assert report.valid
    rows = [(i["id"], i["unit"], i["measures"], i["opened_on"], i["deadline"], i["responsible"],
             i["handling"], i.get("closed_on")) for i in data.ledger if i["id"].startswith("XL-")]
    assert rows == [
        ("XL-1", "XZ01", "公开办事指南", dt.date(2026, 4, 1), dt.date(2026, 5, 1), "办公室主任", "限期整改",
         dt.date(2026, 4, 20)),
        ("XL-2", "XZ01", "精简环节", dt.date(2026, 4, 2), dt.date(2026, 6, 30), "股长", "限期整改", None),
        ("XL-3", "XZ01", "考勤通报", dt.date(2026, 4, 3), dt.date(2026, 12, 18), "副主任", "立行立改", None)]
    assert "13800000000" not in repr([dict(i) for i in data.ledger])


def test_a_cell_wrapped_with_alt_enter_is_one_value_and_a_message_stays_on_one_line(minimal):
    """A short value wrapped in its cell (限期⏎整改, 县自然⏎资源局, 2026年⏎6月30日) is the
    value it wraps; a value still refused is shown with ⏎, so the problem stays one line
    of `path:line: code: message` (a CI annotation, a terminal line)."""
    ledger = minimal / "data" / "ledger" / "台账.csv"
    text = ledger.read_text("utf-8")
    text = text.replace("TZ-2,ZF01,", 'TZ-2,"县自然\n资源局",').replace(
        "限期整改,整改中", '"限期\r\n整改"," 整改中\n"').replace(
        "2026-04-03,2026-04-18", '2026-04-03,"2026年\n4月18日"')
    text = text.replace("TZ-3,XW01,", 'TZ-3,"县委\n宣传部",')
    ledger.write_text(text, "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 7, "unknown-reference")]  # TZ-2 takes 3-6
    [refused] = report.problems
    assert "“县委宣传部”" in refused.message
    from generator.problems import Location, problem
    told = problem("bad-enum", Location("data/x.csv", 2), field="整改状态", value="整改\r\n完成",
                   allowed="未整改")
    assert "“整改⏎完成”" in told.message and "\n" not in str(told)
    rows = {rec["id"]: rec for rec in data.ledger}
    assert (rows["TZ-2"]["unit"], rows["TZ-2"]["handling"], rows["TZ-2"]["status"]) == \
        ("ZF01", "限期整改", "整改中")


def test_a_short_row_whose_values_were_refused_on_an_earlier_row_is_still_shifted(minimal):
    """A row one cell short whose wrong values (已销号 under 整改类型) were refused on a
    full row above adds no problem of its own: it is refused as short all the same, and
    is not listed as a repeat of the row above."""
    ledger = minimal / "data" / "ledger" / "台账.csv"
    ledger.write_text(ledger.read_text("utf-8") + (
        "TZ-7,XZ01,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,已销号,2026-05-20,\n"
        "TZ-8,XZ01,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,已销号,2026-05-20\n"),
        "utf-8")
    _data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 5, "bad-enum"),
                                ("data/ledger/台账.csv", 5, "bad-enum"),
                                ("data/ledger/台账.csv", 6, "csv-short-row")]


def test_columns_hidden_to_the_end_of_the_sheet_are_not_read_one_by_one(monkeypatch):
    """Hiding the unused columns N:XFD tidies a sheet: only the columns up to the sheet's
    last one can hold anything, so the reader looks at those (before: every cell of
    16,371 columns in every row, made as it was looked at, minutes for a small ledger)."""
    from openpyxl.worksheet.worksheet import Worksheet

    from generator import load

    calls = []
    original = Worksheet.cell
    monkeypatch.setattr(Worksheet, "cell", lambda self, *a, **k: calls.append(1) or original(
        self, *a, **k))
    rel = "data/ledger/东城镇.xlsx"
    path = DATA / "invalid" / "xlsx-unused-columns-hidden-to-the-end-is-fine" / rel
    problems = []
    rows, notes = load.xlsx_rows(path, rel, problems)
    assert (len(rows), notes.hidden_columns, problems) == (41, [], [])
    assert len(calls) < 41 * 13 * 4


def test_every_format_named_has_its_kind_said():
    """Each spreadsheet or document extension named is said as what it is (a missing
    name would stop check with a KeyError instead of a message)."""
    from generator import load
    from generator.problems import messages

    kinds = messages()["file_kinds"]
    for suffix in sorted(load._OLD_WORKBOOKS | load._DOCUMENTS):
        said = load._stray(f"data/ledger/x{suffix.upper()}")
        assert said.code in ("file-old-workbook", "file-document")
        assert kinds[suffix] in said.message and suffix.upper() in said.message
    assert "Numbers" in load._stray("data/units.numbers").message.split("：", 1)[1]


def test_a_mac_1904_workbook_date_in_a_chinese_built_in_format_keeps_its_day(tmp_path):
    """A Mac Excel workbook in the 1904 date system, a date cell in one of the Chinese
    built-in formats openpyxl does not know (id 31, 2026年4月2日): counted from 1904, as
    the workbook does (read from 1900 it was 2022-04-01, silently)."""
    import datetime as dt
    import io
    import re
    import zipfile

    import openpyxl
    from openpyxl.utils.datetime import MAC_EPOCH

    from conftest import make_project
    from generator.schema import record_types

    project = make_project(tmp_path / "county")
    csv_path = project / "data" / "ledger" / "台账.csv"
    rows = [line.split(",") for line in csv_path.read_text("utf-8").strip().split("\n")]
    csv_path.unlink()
    book = openpyxl.Workbook()
    book.epoch = MAC_EPOCH
    for row in rows:
        book.active.append(row)
    book.active["G2"] = dt.datetime(2026, 4, 1)  # a format openpyxl knows: its epoch kept
    book.active["G2"].number_format = "yyyy-mm-dd"
    raw = io.BytesIO()
    book.save(raw)
    with zipfile.ZipFile(raw) as source:
        files = {name: source.read(name) for name in source.namelist()}
    assert b'date1904="1"' in files["xl/workbook.xml"]
    styles = files["xl/styles.xml"]
    count = int(re.search(rb'<cellXfs count="(\d+)"', styles).group(1))
    styles = styles.replace(b"</cellXfs>", b'<xf numFmtId="31" fontId="0" fillId="0" '
                            b'borderId="0" applyNumberFormat="1"/></cellXfs>')
    files["xl/styles.xml"] = re.sub(rb'<cellXfs count="\d+"', b'<cellXfs count="%d"' % (count + 1),
                                    styles)
    serial = (dt.date(2026, 4, 2) - dt.date(1904, 1, 1)).days
    files["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<c r="G3"[^>]*>.*?</c>', b'<c r="G3" s="%d"><v>%d</v></c>' % (count, serial),
        files["xl/worksheets/sheet1.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dest:
        for name, content in files.items():
            dest.writestr(name, content)
    (project / "data" / "ledger" / "台账.xlsx").write_bytes(out.getvalue())
    from generator import load

    raws, problems = load.load_file(project, "data/ledger/台账.xlsx", record_types()["ledger"])
    assert [p.code for p in problems] == []
    assert [raw.data["opened_on"] for raw in raws] == ["2026-04-01", "2026-04-02", "2026-04-03"]


def test_a_date_number_in_a_1904_workbook_is_hinted_as_that_workbook_counts(tmp_path):
    """A date column formatted 常规 in a 1904-system workbook: the number is refused and
    the day it names is counted from 1904 (2030-01-02), as Excel shows it once the column
    is formatted as a date; a 1900 workbook's same number is 2026-01-01."""
    from conftest import DATA, NOW, make_project
    from generator.pipeline import check

    name = "xlsx-1904-workbook-date-number-hint-counts-from-1904"
    project = make_project(tmp_path / "county", DATA / "invalid" / name)
    _data, report = check(project, NOW)
    said = [p.message for p in report.problems if p.code == "excel-serial-date"]
    assert len(said) == 1 and "1904" in said[0]
    assert "即2030-01-02" in said[0] and "2026-01-01" not in said[0]
    csv_path = project / "data" / "ledger" / "台账.csv"
    (project / "data" / "ledger" / "台账.xlsx").unlink()
    rows = (DATA / "minimal" / "data" / "ledger" / "台账.csv").read_text("utf-8")
    csv_path.write_text(rows.replace("2026-04-01", "46023", 1), "utf-8")
    _data, report = check(project, NOW)
    said = [p.message for p in report.problems if p.code == "excel-serial-date"]
    assert len(said) == 1 and "通常即2026-01-01" in said[0] and "1904" not in said[0]


@pytest.mark.parametrize("head, kind", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "ole"),
    (b"PK\x03\x04\x14\x00", "zip"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html><table>", "html"),
    ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><table>".encode("utf-16"), "html"),
    (b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"),
    (b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>", "xml2003"),
    (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x", "mhtml"),
    ("编号\t单位\nTZ-1\tXZ01\n".encode("gb18030"), "text"),
    (b"\x03\x7e\x05\x01\x00\x00,\x00", ""),  # a .dbf's binary head holding a comma
])
def test_a_spreadsheet_is_told_by_its_content(head, kind):
    from generator import load

    assert load.content_kind(head) == kind
    said = load.disguised("data/ledger/导出.xls", head)
    assert (said is not None) == (kind not in ("ole", ""))
    # a CSV that is text, a workbook that is a package: nothing hidden by the name
    assert load.disguised("data/ledger/导出.xlsx", head) is None or kind in (
        "html", "mhtml", "xml2003")


@pytest.mark.parametrize("title, month", [
    ("2026年11月", (2026, 11)), ("2026-11", (2026, 11)), ("２０２６．１１", (2026, 11)),
    ("202611", (2026, 11)), ("2026年11月份", (2026, 11)), ("11月", (0, 11)), ("11月份", (0, 11)),
    ("11", None), ("13月", None), ("第3批", None), ("Sheet1", None), ("2026年", None),
])
def test_a_sheet_named_after_a_month(title, month):
    from generator import load

    assert load._sheet_month(title) == month


def test_monthly_copies_of_a_ledger_are_one_problem_naming_the_newest_sheet(tmp_path):
    """Sheets 2026年9月, 2026年10月, 2026年11月 (each month added at the right): one
    problem naming the other sheets, and that the newest by name is not the one read;
    with a name lacking its year (1月 after 12月) no sheet is called newest."""
    from conftest import DATA, NOW, make_project
    from generator.pipeline import check

    name = "xlsx-ledger-sheets-a-month-newest-added-at-the-right"
    project = make_project(tmp_path / "county", DATA / "invalid" / name)
    _data, report = check(project, NOW)
    said = [p.message for p in report.problems if p.code == "xlsx-sheets-same-items"]
    assert len(said) == 1
    assert "工作表“2026年10月”、“2026年11月”与“2026年9月”" in said[0]
    assert "最新的月份是“2026年11月”，而它没有被读取" in said[0]
    from generator import load

    plain = load._month_copies("x.xlsx", "12月", [("1月", 3)]).message
    assert "最新" not in plain.split("：", 1)[0]


def test_a_table_split_over_sheets_is_one_problem_saying_what_each_sheet_holds(tmp_path):
    """Sheets 5月, 6月 (headed in Chinese: the same columns) and 7月 (备注 added, 销号日期
    left out) beside 4月: one problem naming each sheet with its rows not read, and only
    7月's columns as differing, by their Chinese names."""
    from generator.pipeline import check

    name = "xlsx-table-split-over-four-sheets-is-one-problem"
    project = make_project(tmp_path / "county", DATA / "invalid" / name)
    _data, report = check(project, NOW)
    said = [p.message for p in report.problems if p.code == "xlsx-sheets-same-columns"]
    assert len(said) == 1
    assert "“5月”（2行）、“6月”（1行）、“7月”（3行）" in said[0]
    assert "共6行没有读取" in said[0]
    assert "“7月”没有“销号日期”列，多了“备注”列" in said[0]
    assert "“6月”没有" not in said[0] and "“编号”" not in said[0]


def test_a_clerks_ledger_as_wps_saves_it_is_read_whole(tmp_path):
    """The ledger a clerk keeps (title rows, 序号, 年月日 formats, full-width digits, a
    trailing space, 销号日期 formulas whose result is empty, 合计, notes, a hidden sheet):
    its three items are read with the values the clerk sees, none from the hidden sheet."""
    from generator.pipeline import check

    project = make_project(tmp_path / "county", DATA / "invalid" / "xlsx-a-clerks-ledger-as-wps-saves-it")
    data, report = check(project, NOW)
    items = {item["id"]: item for item in data.collections["ledger"]}
    assert sorted(items) == ["TZ-1", "TZ-2", "TZ-3"]
    assert [str(items["TZ-1"][k]) for k in ("unit", "opened_on", "deadline", "closed_on")] == \
        ["XZ01", "2026-04-01", "2026-05-01", "2026-04-20"]
    assert [str(items["TZ-2"][k]) for k in ("opened_on", "deadline")] == ["2026-04-02", "2026-06-30"]
    assert items["TZ-2"]["closed_on"] is None and items["TZ-3"]["closed_on"] is None
    assert str(items["TZ-3"]["deadline"]) == "2026-04-18"
    assert items["TZ-1"]["problem"] == "一次性告知不到位"


def test_hidden_sheets_with_rows_are_one_problem_naming_each(tmp_path):
    from generator.pipeline import check

    project = make_project(tmp_path / "county", DATA / "invalid" / "xlsx-hidden-month-sheets-are-one-problem")
    _data, report = check(project, NOW)
    said = [p.message for p in report.problems if p.code == "xlsx-hidden-sheet"]
    assert len(said) == 1
    assert "“2025年1月”、“2025年2月”（共2个）" in said[0] and "“台账”" in said[0]


def test_a_count_under_a_wan_format_is_read_as_stored_and_said_once(tmp_path):
    """12345 shown as 1.2万 (0!.0,"万") and 23456 shown as 23万 (#,##0,"万"): each count is
    the number stored, and one info names the format, the rows and the first number."""
    from generator.pipeline import check

    name = "xlsx-count-under-a-wan-format-is-read-as-stored"
    project = make_project(tmp_path / "county", DATA / "invalid" / name)
    data, report = check(project, NOW)
    assert sorted(t["count"] for t in data.totals) == [12345, 23456]
    said = [p.message for p in report.problems if p.code == "xlsx-number-scaled"]
    assert len(said) == 1
    assert '0!.0,"万"' in said[0] and "第2、3行共2格" in said[0]
    assert "12345（即1.2345万）" in said[0]


def test_a_count_in_wan_names_the_exact_number_to_write(tmp_path):
    from conftest import DATA, NOW, make_project
    from generator.pipeline import check

    project = make_project(tmp_path / "county", DATA / "invalid" / "totals-counts-in-wan-and-percent")
    _data, report = check(project, NOW)
    said = {p.line: p.message for p in report.problems if p.path == "data/totals.csv"}
    assert "如12000" in said[4] and "如3000" in said[5] and "百分比" in said[6]
    assert 3 not in said  # 1,200 is read as 1200


@pytest.mark.parametrize("head, tabbed", [
    ('id\tunit\t"措施,具体"\tstatus\n', True),  # a comma inside a quoted header cell
    ("标题\nid\tunit\tcategory\n", True),
    ("a,b,c\n", False),
    ("2026年\t整改\t台账\nid,unit,category,problem\n", False),  # tabs in a title only
    ('"a\tb",c,d\n', False),  # a tab inside a quoted cell of a comma table
])
def test_which_heads_are_tab_separated(head, tabbed):
    from generator import load

    assert load._tab_separated(head) is tabbed


def test_a_zero_its_format_shows_empty_is_refused_naming_the_rows_and_the_format(tmp_path):
    """0;-0;;@ shows a zero as an empty cell: the clerk sees nothing there, so the site
    never publishes that 0 unsaid; zeros shown as 0 or as an accountant's dash are read."""
    project = make_project(tmp_path / "c", DATA / "invalid" / "xlsx-zero-shown-empty-by-its-format")
    data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/totals.xlsx", 2, "xlsx-zero-shown-empty-rows")]
    said = str(report.problems[0])
    assert "第2、3、5行共3行" in said and "0;-0;;@" in said and "“数量”" in said
    assert sorted((r["period"], r["count"]) for r in data.collections["totals"]) == [
        ("2022年", 0), ("2024年", 0)]


def test_every_other_sheet_of_a_workbook_is_named_in_one_message(tmp_path):
    project = make_project(tmp_path / "c", DATA / "invalid" / "xlsx-other-sheets-are-one-problem")
    _data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems] == [
        ("data/ledger/东城镇.xlsx", 1, "xlsx-extra-sheet")]
    assert "工作表“汇总”、“统计”、“草稿”（共3个）" in str(report.problems[0])
    assert "“台账”" in str(report.problems[0])


@pytest.mark.parametrize("defect", ["xlsx-clerks-ledger-with-a-two-row-header-grouped-by-a-column-name",
                                    "xlsx-second-block-with-its-two-row-header-further-down"])
def test_a_clerks_ledger_laid_out_as_offices_do_is_read_row_by_row(defect, tmp_path):
    """Group names over two header rows that are column names themselves (责任人 over 牵头领导
    and 责任人姓名), 序号, dates typed as text, 合计, notes, a second block below: every record
    read with its values, in its columns."""
    project = make_project(tmp_path / "c", DATA / "invalid" / defect)
    data, report = validate(project, NOW)
    assert report.valid
    assert [(r["id"], r["unit"], r["opened_on"], r["deadline"], r["lead_leader"],
             r["responsible_name"]) for r in data.collections["ledger"]] == [
        ("TZ-1", "XZ01", dt.date(2026, 4, 1), dt.date(2026, 5, 1), "党委书记", "王五"),
        ("TZ-2", "ZF01", dt.date(2026, 4, 2), dt.date(2026, 6, 30), "局长", "张三")]


NAME_PADS = ["王　伟", "王  伟", "王 \u3000伟", "王\u00a0伟"]


@pytest.mark.parametrize("written", NAME_PADS)
def test_a_name_padded_to_line_up_in_a_csv_is_read_without_its_padding(minimal: Path, written):
    """Clerks pad two-character names with spaces to line up with three-character ones;
    the padding is layout: the leader and the person responsible are 王伟 and 李明, while
    a text that is no name (问题表现) keeps its spaces as typed."""
    ledger = minimal / "data" / "ledger" / "台账.csv"
    text = ledger.read_text("utf-8").replace(
        "closed_on\n", "closed_on,lead_leader_name,responsible_name\n", 1).replace(
        "2026-04-20\n", f"2026-04-20,{written},李 \u3000明\n", 1).replace(
        "整改中,\n", "整改中,,,\n").replace("未整改,\n", "未整改,,,\n").replace(
        "一次性告知不到位", "一次性　告知不到位")
    ledger.write_text(text, "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    [item] = [i for i in data.ledger if i["id"] == "TZ-1"]
    assert (item["lead_leader_name"], item["responsible_name"], item["problem"]) == (
        "王伟", "李明", "一次性　告知不到位")


def test_a_name_padded_in_a_workbook_is_read_without_its_padding(minimal: Path):
    ledger = minimal / "data" / "ledger" / "台账.csv"
    rows = [line.split(",") for line in ledger.read_text("utf-8").strip().split("\n")]
    ledger.unlink()
    book = openpyxl.Workbook()
    rows[0] += ["牵头领导姓名", "责任人姓名"]
    for number, row in enumerate(rows[1:]):
        row += ["王　伟", "欧阳 明"] if number == 0 else ["", ""]
    for row in rows:
        book.active.append(row)
    book.save(minimal / "data" / "ledger" / "台账.xlsx")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert [(i["lead_leader_name"], i["responsible_name"]) for i in data.ledger] == [
        ("王伟", "欧阳明"), (None, None), (None, None)]


def test_a_name_padded_in_a_case_is_read_without_its_padding_and_foreign_names_keep_theirs(
        minimal: Path):
    case = minimal / "data" / "cases" / "2026-001.yml"
    text = case.read_text("utf-8").replace("  - name: 张某某\n", (
        "  - name: 张　某某\n    rank: 一般干部\n    position: 副主任\n"
        "  - name: \"John  Smith\"\n    rank: 一般干部\n    position: 顾问\n"
        "  - name: 阿依古丽 · 买买提\n"), 1)
    case.write_text(text, "utf-8")
    data, report = validate(minimal, NOW)
    # (the issued 通报 citing the case names none of the persons added, and gave 张某 a
    # measure the record now gives another: notes at the case)
    assert [f for f in report.flatten()
            if f[2] not in ("notice-summary-differs", "notice-measure-not-in-case")] == []
    assert [p["name"] for p in data.cases[0]["persons"]] == [
        "张某某", "John  Smith", "阿依古丽 · 买买提"]
    assert "张　某某" not in repr(dict(data.cases[0]))


@pytest.mark.parametrize("written, count, codes", [
    ("１２", 12, []), ("1,234", 1234, []), ("1，234", 1234, []), ("１，２３４", 1234, []),
    ("12,345.0", 12345, []), ("7人", 7, []), ("7 名", 7, []), ("共7人", 7, []),
    ("'1234", 1234, []),
    # 统计口径 追责问责人数 counts people: 7件 or 7人次 there is another figure
    ("7件", None, ["count-unit-mismatch"]), ("7人次", None, ["count-unit-mismatch"]),
    ("共7件", None, ["count-unit-mismatch"]),
    ("' 1,234", 1234, []),
    # never a wrong number: commas not every three digits, or digits split by spaces
    ("1,23", None, ["count-digit-groups"]), ("12,3456", None, ["count-digit-groups"]),
    ("1 234", None, ["count-digit-groups"]), ("1\u3000234", None, ["count-digit-groups"]),
    ("1,23个", None, ["count-digit-groups"]),
    ("’7", 7, []), ("‘7", 7, []), ("‘ 1,234", 1234, []),
    ("‘7’", None, ["bad-integer"]), ("7。", None, ["bad-integer"]), ("'", None, ["bad-integer"]),
    ("’", None, ["bad-integer"]),
])
def test_a_count_is_read_as_the_clerk_meant_it_or_refused_at_its_cell(minimal: Path, written,
                                                                       count, codes):
    totals = minimal / "data" / "totals.csv"
    totals.write_text(totals.read_text("utf-8").replace(",3,", f',"{written}",'), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/totals.csv", 2, code) for code in codes]
    assert [t.get("count") for t in data.totals] == [count]
    if codes == ["count-digit-groups"]:
        number = re.sub(r"[,\s个]", "", written)
        assert f"是一个整数就写成{number}" in report.problems[0].message
    if codes == ["count-unit-mismatch"]:
        assert "（这一列计的是人、名）" in report.problems[0].message
        assert report.problems[0].message.endswith("就只填数字7")


def test_an_apostrophe_kept_as_text_is_read_in_a_date_a_code_and_a_count_not_in_a_text(
        minimal: Path):
    """'2026-05-03, 'XZ01, '1: what a clerk types in Excel to keep a value as text, kept by
    WPS and exported CSV. Excel shows the value without it: a date, a unit's code and a
    count are read without it; a text keeps what was typed (the apostrophe may be its own)."""
    reports = minimal / "data" / "reports.csv"
    reports.write_text(reports.read_text("utf-8").replace(
        "XZ01,2026-04,2026-05-03", "'XZ01,'2026-04,'2026-05-03", 1), "utf-8")
    totals = minimal / "data" / "totals.csv"
    totals.write_text(totals.read_text("utf-8").replace(
        ",3,演示县纪委通报", ",'3,'演示县纪委通报"), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert (data.reports[0]["unit"], data.reports[0]["period"],
            data.reports[0]["submitted_on"]) == ("XZ01", "2026-04", dt.date(2026, 5, 3))
    assert (data.totals[0]["count"], data.totals[0]["source"]) == (3, "'演示县纪委通报")


def test_a_workbook_stores_a_value_kept_as_text_without_its_apostrophe(minimal: Path):
    """Excel and openpyxl store '12 as the text 12 with the quotePrefix style; a date
    column formatted as text holds the date as text: both are read as the clerk typed."""
    (minimal / "data" / "totals.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["period", "measure", "count", "source", "note"])
    sheet.append(["2026年", "追责问责人数", "12", "演示县纪委通报", None])
    sheet["C2"].quotePrefix = True
    book.save(minimal / "data" / "totals.xlsx")
    import zipfile
    with zipfile.ZipFile(minimal / "data" / "totals.xlsx") as archive:
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode()
        assert "'" not in archive.read("xl/worksheets/sheet1.xml").decode()
    (minimal / "data" / "reports.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位", "月份", "报送日期", "零报告"])
    for row, written in enumerate(["2026/5/3", "2026年5月4日", "2026.5.5"], start=2):
        sheet.append(["XZ01", f"2026-0{row + 1}", written, "否"])
        sheet.cell(row, 3).number_format = "@"
    book.save(minimal / "data" / "reports.xlsx")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert [t["count"] for t in data.totals] == [12]
    assert [r["submitted_on"] for r in data.reports] == [
        dt.date(2026, 5, 3), dt.date(2026, 5, 4), dt.date(2026, 5, 5)]


@pytest.mark.parametrize("written, date, code", [
    ("2026.3.5", dt.date(2026, 3, 5), None), ("2026年3月5日", dt.date(2026, 3, 5), None),
    ("2026/3/5", dt.date(2026, 3, 5), None), ("2026-3-5", dt.date(2026, 3, 5), None),
    ("'2026-3-5", dt.date(2026, 3, 5), None), ("2026年3月5日。", dt.date(2026, 3, 5), None),
    ("2026.3.5.", dt.date(2026, 3, 5), None), ("2026.3.", None, "date-no-day"),
    ("3月5日", None, "date-no-year"), ("46087", None, "excel-serial-date"),
    ("'46087", None, "excel-serial-date"),
])
def test_a_date_as_clerks_type_it_in_a_csv_is_read_or_refused_at_its_cell(minimal: Path,
                                                                          written, date, code):
    warnings = minimal / "data" / "warnings.csv"
    warnings.write_text(warnings.read_text("utf-8").replace("2026-07-01", written, 1), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == ([("data/warnings.csv", 2, code)] if code else [])
    if code is None:
        assert data.warnings[0]["date"] == date
    if code == "excel-serial-date":
        assert "2026-03-06" in report.problems[0].message


@pytest.mark.parametrize("written, period, code", [
    ("2026年4月份", "2026-04", None), ("2026.4", "2026-04", None), ("2026.04.", "2026-04", None),
    ("2026.10", "2026-10", None), ("'2026-04", "2026-04", None),
    # 2026.10 typed in Excel under 常规 is kept as the number 2026.1: January or October?
    ("2026.1", None, "period-dot-one"), ("46113", None, "excel-serial-date"),
])
def test_a_month_as_clerks_type_it_is_read_or_refused_at_its_cell(minimal: Path, written,
                                                                  period, code):
    reports = minimal / "data" / "reports.csv"
    reports.write_text(reports.read_text("utf-8").replace(
        "XZ01,2026-04,", f'XZ01,"{written}",', 1), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == ([("data/reports.csv", 2, code)] if code else [])
    assert data.reports[0].get("period") == period
    if code == "period-dot-one":
        assert "请写成2026-01或2026-10" in report.problems[0].message
    if code == "excel-serial-date":
        assert "直接写成2026-04" in report.problems[0].message


def test_one_zero_and_y_n_in_a_yes_no_column_are_read_as_yes_and_no(minimal: Path):
    """1/0 and Y/N (any case, full width too) are a spreadsheet's yes and no; 0 in 零报告
    may say "no problems" and is not guessed (said at its first row, once)."""
    units = minimal / "data" / "units.csv"
    text = units.read_text("utf-8")
    text = text.replace("县委办公室,是,否,否", "县委办公室,1,0,Ｎ").replace(
        "县监委,是,是,是", "县监委,Y,y,１")
    units.write_text(text, "utf-8")
    reports = minimal / "data" / "reports.csv"
    reports.write_text(reports.read_text("utf-8").replace(",否", ",0").replace(",是", ",0"),
                       "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/reports.csv", 2, "bad-enum-unclear"),
                                ("data/reports.csv", 3, "value-again")]
    assert "“0”可能是说问题数为零" in report.problems[0].message
    flags = {u["id"]: (u["service_window"], u["approval"], u["law_enforcement"])
             for u in data.units}
    assert flags["XZ01"] == (True, False, False)
    assert flags["ZF01"] == (True, True, True)


@pytest.mark.parametrize("mark", ["'", "\u2019", "\u2018"])
def test_the_text_apostrophe_is_taken_off_a_code_kept_as_text_but_kept_in_a_text(
        minimal: Path, mark):
    """'C1 in 免报事项 names commitment C1 as '7 in a count is 7: the apostrophe (straight,
    or curly as a Chinese input method types it) keeps a value as text in Excel and WPS
    and is no part of it. 统计期间 and 得分 hold numbers kept as text too; a text such as
    出处 keeps what was typed."""
    (minimal / "data" / "exemptions.csv").write_text(
        "item,unit,starts_on,ends_on,reason\n"
        f"{mark}C1,XZ01,2026-03-01,,机构改革期间由上级单位统一报送\n"
        f"{mark}领导干部带头改进作风承诺书,XW01,2026-03-01,,机构改革\n", "utf-8")
    totals = minimal / "data" / "totals.csv"
    totals.write_text(totals.read_text("utf-8").replace(
        "2026年,追责问责人数,3,演示县纪委通报", f"{mark}2026,追责问责人数,3,{mark}演示县纪委通报"),
        "utf-8")
    rankings = minimal / "data" / "rankings.csv"
    header, *rows = rankings.read_text("utf-8").splitlines()
    assert header.startswith("year,unit,rank,score"), header
    cells = rows[0].split(",")
    cells[3] = f"{mark}95.5"
    rankings.write_text("\n".join([header, ",".join(cells), *rows[1:]]) + "\n", "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert [e["item"] for e in data.exemptions] == ["C1", "领导干部带头改进作风承诺书"]
    assert (data.totals[0]["period"], data.totals[0]["source"]) == ("2026", f"{mark}演示县纪委通报")
    assert data.rankings[0]["score"] == "95.5"


@pytest.mark.parametrize("written, count, codes", [
    ("3个", 3, []), ("共3处", 3, []), ("3 项", 3, []), ("３件", 3, []),
    ("3人", None, ["count-unit-mismatch"]), ("3分", None, ["count-unit-mismatch"]),
    ("3人次", None, ["count-unit-mismatch"]),
])
def test_a_count_with_its_columns_unit_is_read_and_with_another_refused_in_csv(
        minimal: Path, written, count, codes):
    """发现问题数 counts problems: 3个 / 共3处 is the clerk being explicit; 3人 is a figure of
    another column (people), refused at its row with the column's own units named."""
    inspections = minimal / "data" / "inspections.csv"
    inspections.write_text(inspections.read_text("utf-8").replace(
        "XZ01、ZF01,1,", f"XZ01、ZF01,{written},"), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/inspections.csv", 2, code) for code in codes]
    assert [i.get("problems_found") for i in data.inspections] == [count, 0]
    if codes:
        assert "（这一列计的是个、项、处、条、起、件）" in report.problems[0].message


def test_a_count_with_a_unit_in_a_workbook_is_read_by_the_unit_it_shows(minimal: Path):
    """A workbook's number format 0"个" shows 3 as 3个, 0"人" as 3人: read as shown, the
    people's unit in 发现问题数 is refused at its row; 第1名 in 名次 and 403例 for the 统计口径
    挂牌督办线索 are read; 7件 in a 人数 口径 is refused."""
    (minimal / "data" / "inspections.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["编号", "检查日期", "检查机关", "检查方式", "被检查单位", "发现问题数", "主要问题"])
    sheet.append(["JC-1", "2026-06-05", "县纪委监委", "暗访", "XZ01", 3, "窗口人员上班玩手机"])
    sheet.append(["JC-2", "2026-06-12", "县纪委监委", "暗访", "ZF01", 4, "窗口人员迟到"])
    sheet["F2"].number_format = '0"个"'
    sheet["F3"].number_format = '0"人"'
    book.save(minimal / "data" / "inspections.xlsx")
    (minimal / "data" / "totals.csv").write_text(
        "period,measure,count,source,note\n"
        "2026年,挂牌督办线索,403例,演示县纪委通报,\n"
        "2026年,追责问责人数,7件,演示县纪委通报,\n"
        "2026年,党纪政务处分人数,共5人,演示县纪委通报,\n", "utf-8")
    rankings = minimal / "data" / "rankings.csv"
    rankings.write_text(rankings.read_text("utf-8").replace("2026,ZF01,1,", "2026年,ZF01,第1名,"),
                        "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/inspections.xlsx", 3, "count-unit-mismatch"),
                                ("data/totals.csv", 3, "count-unit-mismatch")]
    assert [i.get("problems_found") for i in data.inspections] == [3, None]
    assert [t.get("count") for t in data.totals] == [403, None, 5]
    assert (data.rankings[0]["year"], data.rankings[0]["rank"]) == (2026, 1)


def test_a_protected_sheet_with_a_units_row_a_total_row_and_counts_with_units_is_read(
        minimal: Path):
    """A clerk's sheet as the office hands it out: protected with a password (工具 → 保护
    工作表: the cells are locked, not hidden, and are read as they are), a title merged
    across the top, a row of units under the header (单位：个), counts typed with that unit
    and a 合计 row at the bottom: the two inspections are read, nothing else, and the
    total's figure is not taken for a record."""
    (minimal / "data" / "inspections.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["演示县监督检查情况统计表"])
    sheet.merge_cells("A1:G1")
    sheet.append(["编号", "检查日期", "检查机关", "检查方式", "被检查单位", "发现问题数", "主要问题"])
    sheet.append([None, None, None, None, None, "单位：个", None])
    sheet.append(["JC-1", "2026-06-05", "县纪委监委", "暗访", "XZ01", "3个", "窗口人员上班玩手机"])
    sheet.append(["JC-2", "2026-06-12", "县纪委监委", "暗访", "ZF01", 0, "无"])
    sheet.append(["合计", None, None, None, None, 3, None])
    sheet.protection.sheet = True
    sheet.protection.password = "1234"
    book.save(minimal / "data" / "inspections.xlsx")
    data, report = validate(minimal, NOW)
    assert [p for p in report.flatten() if p[0] == "data/inspections.xlsx"
            and p[2] not in ("table-title-row", "table-total-row", "table-units-row")] == []
    assert [(i["id"], i["problems_found"]) for i in data.inspections] == [("JC-1", 3), ("JC-2", 0)]


def test_a_setting_counted_in_its_own_unit_is_read_and_one_without_a_unit_takes_none(
        minimal: Path):
    """每月检查次数要求 2次 and 月报截止日 5号 are the clerk being explicit; 周报截止星期 is a
    number standing for a weekday (1＝星期一) and takes no unit: 1天 is refused at its line,
    naming the number to write."""
    campaign = minimal / "site_config" / "campaign.yml"
    text = campaign.read_text("utf-8")
    text = text.replace("inspection_rate: 2\n", "inspection_rate: 2次\n").replace(
        "report_due_day: 5\n", "report_due_day: 5号\nweekly_due_weekday: 1天\n")
    campaign.write_text(text, "utf-8")
    line = text.split("\n").index("weekly_due_weekday: 1天") + 1
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("site_config/campaign.yml", line, "count-unit-none")]
    assert report.problems[0].message.endswith("请只填数字1")
    assert (data.campaign["inspection_rate"], data.campaign["report_due_day"]) == (2, 5)


@pytest.mark.parametrize("header, above, under, expected", [
    # a header naming the unit of its count: the schema's units fit, another contradicts
    ("发现问题数（人）", "", "", [(1, "table-header-remark"), (1, "table-unit-mismatch")]),
    ("发现问题数(名)", "", "", [(1, "table-header-remark"), (1, "table-unit-mismatch")]),
    ("发现问题数（个）", "", "", [(1, "table-header-remark")]),
    ("发现问题数【件】", "", "", [(1, "table-header-remark")]),
    ("发现问题数（单位：人）", "", "", [(1, "table-header-remark"), (1, "table-unit-mismatch")]),
    # a remark that is no unit is only a remark
    ("发现问题数（人民群众反映）", "", "", [(1, "table-header-remark")]),
    # 单位：人 above the table: the table's count column counts in 个
    ("发现问题数", "单位：人", "", [(1, "table-title-row"), (1, "table-unit-mismatch")]),
    ("发现问题数", "单位:个", "", [(1, "table-title-row")]),
    ("发现问题数", "填报单位：东城镇 单位：人", "",
     [(1, "table-title-row"), (1, "table-unit-mismatch")]),
    ("发现问题数", "填报单位：人民政府", "", [(1, "table-title-row")]),
    # a units row under the header: (人) under 发现问题数
    ("发现问题数", "", ",,,,,（人）,,", [(2, "table-unit-mismatch"), (2, "table-units-row")]),
    ("发现问题数", "", ",,,,,个,,", [(2, "table-units-row")]),
    # both: the header fits, the title row contradicts it
    ("发现问题数（个）", "单位：人", "",
     [(1, "table-title-row"), (1, "table-unit-mismatch"), (2, "table-header-remark")]),
])
def test_a_unit_named_in_the_header_is_held_against_the_columns_units(
        tmp_path, header, above, under, expected):
    """发现问题数（人）, 单位：人 above the table or （人） under its header say the column
    counts people; 发现问题数 counts problems (个、项、件…): a contradiction said at the
    line that names the unit (the column may hold another figure), never read silently.
    发现问题数（个） fits and is read."""
    project = make_project(tmp_path / "c")
    path = project / "data/inspections.csv"
    text = path.read_text("utf-8").replace("problems_found", header, 1)
    lines = ([above] if above else []) + text.strip().split("\n")
    if under:
        lines.insert(2 if above else 1, under)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    data, report = validate(project, NOW)
    found = [(p.line, p.code) for p in report.problems
             if p.path == "data/inspections.csv"]
    assert sorted(found) == sorted(expected)
    said = [p.message for p in report.problems if p.code == "table-unit-mismatch"]
    if said:
        assert said == [next(p.message for p in report.problems
                             if p.code == "table-unit-mismatch")]
        word = "名" if "名" in header else "人"
        assert f"写明单位是“{word}”，但“发现问题数”一列计的是个、项、处、条、起、件" in said[0]
        assert "请把单位改成“个”" in said[0]
    assert [r["problems_found"] for r in data.collections["inspections"]] == [1, 0]


def test_a_tab_in_a_refused_address_is_shown_not_printed_raw(tmp_path):
    """url: "https://…/\\tzx/" (a tab pasted into a double-quoted value): bad-url quotes the
    value with the tab shown as ⇥, so the one-line message reads as the value is."""
    from generator.pipeline import check

    project = make_project(tmp_path / "c")
    settings = project / "site_config/site.yml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("url: https://zhuanxiang.example.gov.cn/",
                                     'url: "https://zhuanxiang.example.gov.cn/\\tzx/"'), "utf-8")
    _data, report = check(project, NOW)
    told = [p for p in report.problems if p.code == "bad-url"]
    assert len(told) == 1
    assert "“https://zhuanxiang.example.gov.cn/⇥zx/”" in told[0].message
    assert "\t" not in str(told[0])


@pytest.mark.parametrize("value, shown", [
    ("县委\t办公室", "县委⇥办公室"),
    ("县委\u200b办公室", "县委<U+200B>办公室"),
    ("县委\u00a0办公室", "县委<U+00A0>办公室"),
    ("县委\x1b办公室", "县委<U+001B>办公室"),
    ("县委\u202e办公室", "县委<U+202E>办公室"),
    ("县委\r办公室", "县委⏎办公室"),
    ("县委\u2028办公室", "县委<U+2028>办公室"),
    ("县委\U000e0041办公室", "县委<U+E0041>办公室"),
    ("县委 办公室\u3000", "县委 办公室\u3000"),  # a space, visible as one, stays
])
def test_an_invisible_character_in_any_quoted_value_is_shown_in_one_place(value, shown):
    """Every message (a problem's, the command line's) shows a control or invisible
    character of a value it quotes by name, never raw: a clerk cannot see, search for or
    delete what the message prints as nothing."""
    from generator.problems import Location, problem, say

    told = problem("bad-enum", Location("data/units.csv", 3), field="单位", value=value,
                   allowed="甲")
    assert told.message.startswith(f"“单位”的值“{shown}”不在允许的范围内")
    assert say("bulletin_exists", path=f"content/{value}.md").startswith(f"content/{shown}.md ")


@pytest.mark.parametrize("text, line, code, says", [
    # a stray ... (YAML's end of document): the line itself, and what to do
    ("id: 1\ntitle: a\n...\nkind: b\n", 3, "yaml-document-end", "第4行起"),
    ("id: 1\n...   # 结束\n\n# 注\nkind: b\n", 2, "yaml-document-end", "第3行起"),
    ("id: 1\nfacts: |\n  张某某\n...\n  等问题\nkind: b\n", 4, "yaml-document-end", "第5行起"),
    ("id: 1\npersons:\n  - a\n...\n  - b\n", 4, "yaml-document-end", "第5行起"),
    # a --- with nothing after it: a line too many, not a second record
    ("id: 1\ntitle: a\n---\n\n# 完\n", 3, "yaml-trailing-separator", "删掉"),
    ("id: 1\ntitle: a\n---\nkind: b\n", 3, "yaml-two-documents", "另存"),
    # % at the start of a line is a YAML directive: the value needs quotes, at its line
    ("id: 1\n%YAML 1.1\nkind: b\n", 2, "yaml-quote-needed", "引号"),
    ("%30的单位未整改\nid: 1\n", 1, "yaml-quote-needed", "引号"),
    # * or & alone as a value is an alias or an anchor to YAML: the value needs quotes
    ("id: 1\ntitle: *\nkind: b\n", 2, "yaml-quote-needed", "引号"),
    ("id: 1\ntitle: & 东城镇\n", 2, "yaml-quote-needed", "引号"),
    # a quote left open swallows the lines below it up to the next quote: the open one
    ('id: 1\ntitle: "abc\nkind: b\nx: c\ny: "d"\nz: e\n', 2, "yaml-unclosed-quote", "引号"),
    ("id: 1\ntitle: 'abc\nkind: b\nx: 'd'\n", 2, "yaml-unclosed-quote", "引号"),
    # a quoted value over two lines is a value, and a quote inside a value is text
    ('id: 1\ntitle: "abc\n  def"\nkind: "b"c\n', 4, "yaml-text-after-quote", "引号闭合后还有文字“c”"),
])
def test_a_yaml_mistake_is_said_at_the_line_that_caused_it(text, line, code, says):
    """PyYAML stops a line or more below a stray `...`, a `%`, a trailing `---` or an
    unclosed quote, with an English phrase: the problem names the line the clerk must
    change and what to do there."""
    _node, problems = parse_yaml(text, "data/cases/2026-009.yml")
    assert [(p.line, p.code) for p in problems] == [(line, code)]
    assert says in problems[0].message
    assert "expected" not in problems[0].message


def test_a_file_that_cannot_be_read_is_named_at_its_path_in_chinese(tmp_path, monkeypatch):
    """A record's file the system refuses to read (permissions a checkout kept, a disk
    error; made here by refusing the read, as root reads any file) is one problem at its
    path, the cause said in Chinese, never an English strerror nor a traceback."""
    from generator.pipeline import check

    project = make_project(tmp_path / "c")
    target = (project / "data/units.csv").resolve()
    real = Path.read_bytes

    def refused(self):
        if self.resolve() == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    _data, report = check(project, NOW)
    told = [p for p in report.problems if p.code == "file-unreadable"]
    assert [(p.path, p.line) for p in told] == [("data/units.csv", 1)]
    assert told[0].message == "文件无法读取：没有读取这个文件的权限，请检查文件的权限或是否被其他程序锁定"
    assert not report.valid


def test_a_named_pipe_where_a_record_is_expected_is_refused_not_waited_on(tmp_path):
    """A FIFO named like a case file (mkfifo, a leftover of a script) is no file to read:
    reading it would wait for a writer for ever. One problem at its path, and the check
    ends."""
    import os
    import signal

    from generator.pipeline import check

    project = make_project(tmp_path / "c")
    os.mkfifo(project / "data/cases/2026-009.yml")

    def hung(_signum, _frame):
        raise TimeoutError("check waited on the pipe")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        _data, report = check(project, NOW)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    told = [p for p in report.problems if p.code == "file-unreadable"]
    assert [(p.path, p.line) for p in told] == [("data/cases/2026-009.yml", 1)]
    assert told[0].message == "文件无法读取：这不是一个普通文件（可能是命名管道或设备文件），请删除它，或换成真正的文件"


# every kind of file staff commit, each where the check reads it: a record (YAML, CSV), a
# setting (site.yml, labels.yml), the Word template, a page, an attachment, an image, robots
_PIPES = ["data/cases/2026-009.yml", "data/units.csv", "site_config/site.yml",
          "site_config/labels.yml", "site_config/document-template.docx", "content/page.md",
          "content/notices/files/a.pdf", "content/assets/images/x.png", "content/robots.txt",
          "site_config/document-styles/2026-old.docx",
          "site_config/document-styles/2026-old-fonts.conf"]


def test_a_named_pipe_anywhere_staff_commit_is_refused_at_it_by_the_command(tmp_path):
    """The command line as CI runs it (with the cache, which hashed each file by reading
    it: a pipe in data/ waited there for ever), and `fmt`: every pipe is one
    file-unreadable at its path, none is opened, and the commands end."""
    import os
    import subprocess
    import sys

    project = make_project(tmp_path / "c")
    for rel in _PIPES:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).unlink(missing_ok=True)
        os.mkfifo(project / rel)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    told = sorted(line.split(": ")[0] for line in run.stdout.splitlines()
                  if ": file-unreadable: 文件无法读取：这不是一个普通文件" in line)
    assert told == sorted(f"{rel}:1" for rel in _PIPES)
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "fmt"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert "data/units.csv 无法读取，未改写：文件无法读取：这不是一个普通文件" in run.stdout
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr


# Every phrase of PyYAML's error texts that load._yaml_problem tells a cause by, with a
# text that makes it: errors are read by load._Loader (pure Python); "did not find
# expected" is libyaml's wording for the same mistakes, pinned against its loader.
_PYYAML_PHRASES = {
    "while scanning a directive": "% x\n",
    "<document start>": "%YAML 1.1\na: 1\n",
    "single document": "a: 1\n---\nb: 2\n",
    "'\\t'": "a:\n\t- b\n",
    "quoted scalar": 'a: "abc\n',
    "escape": 'a: "\\q"\n',
    "flow sequence": "a: [1, 2\nb: 3\n",
    "flow mapping": "a: {x: 1\nb: 3\n",
    "flow node": "a: [\n",
    "stream end": "a: [\n",
    "cannot start any token": "a: @x\n",
    "while parsing a tag": "a: !<x\n",
    "while scanning an alias": "a: *\n",
    "while scanning an anchor": "a: &\n",
    "block scalar": "a: |x\n",
    "sequence entries are not allowed": "a: - b\n",
    "mapping values are not allowed": "a: b: c\n",
    "could not find expected ':'": "a: 1\nb\nc: 2\n",
    "expected <block end>": "a: b\n- c\n",
    "did not find expected": "a: b\n- c\n",
}


def test_every_pyyaml_error_phrase_a_yaml_cause_is_told_by_is_what_pyyaml_says():
    """An upgrade of PyYAML that rewords an error fails here, rather than leaving a clerk
    with the generic yaml-syntax in place of the cause (quote needed, unclosed bracket).
    The phrases are taken from the code itself: one added there without a text here
    fails too."""
    import inspect

    import yaml

    from generator import load

    source = inspect.getsource(load._yaml_problem)
    relied = set(re.findall(r'"((?:[^"\\]|\\.)+)" in (?:what|context)', source))
    relied = {phrase.encode().decode("unicode_escape") for phrase in relied} - {"\t"}
    assert relied == set(_PYYAML_PHRASES)
    for phrase, text in _PYYAML_PHRASES.items():
        loader = yaml.CSafeLoader if phrase == "did not find expected" else load._Loader
        with pytest.raises(yaml.MarkedYAMLError) as raised:
            loader(text).get_single_node()
        said = f"{raised.value.context or ''} {raised.value.problem or ''}"
        assert phrase in said, (phrase, said)


def test_a_value_thousands_of_characters_long_is_quoted_by_its_start_and_end(minimal: Path):
    """A cell of 5,000 digits in a date column (pasted by mistake) made a message line of
    5,000 characters. A value longer than a line is quoted by its start and its end, with
    its length, after masking (an ID number at the cut is masked, not halved); the file,
    line and code are those of the whole value."""
    from generator.problems import messages

    ledger = (minimal / "data/ledger/台账.csv").read_text("utf-8").rstrip("\n").split("\n")
    long_value = "2026" + "7" * 4996
    ledger[1] = ledger[1].replace("2026-04-01", long_value, 1)
    (minimal / "data/ledger/台账.csv").write_text("\n".join(ledger) + "\n", encoding="utf-8")
    _data, report = validate(minimal, NOW)
    [found] = [p for p in report.sorted() if p.code == "bad-date"]
    assert (found.path, found.line) == ("data/ledger/台账.csv", 2)
    cut = messages()["value_cut"].format(start=long_value[:100], end=long_value[-30:],
                                         count=5000)
    assert cut in found.message and long_value not in found.message
    assert len(found.message) < 600
    from generator.problems import cut_long
    from generator.problems import masked as mask_params

    masked_id = "说明" * 45 + "身份证110105199003071283" + "说明" * 40
    shown = cut_long(mask_params({"value": masked_id}))["value"]
    assert "110105199003071283" not in shown and "1101051990" not in shown


def test_a_header_thousands_of_characters_long_is_quoted_by_its_start_and_end(minimal: Path):
    """A column header of 3,000 characters (a paragraph pasted into the header row) made
    an unknown-field line as long: the field a message names is a quoted value too."""
    from generator.problems import messages

    clues = (minimal / "data/clues.csv").read_text("utf-8").rstrip("\n").split("\n")
    header = "线索" + "说" * 2996 + "备注"
    clues = [clues[0] + "," + header] + [row + "," for row in clues[1:]]
    (minimal / "data/clues.csv").write_text("\n".join(clues) + "\n", encoding="utf-8")
    _data, report = validate(minimal, NOW)
    [found] = [p for p in report.sorted() if p.code == "unknown-field"]
    assert (found.path, found.line) == ("data/clues.csv", 1)
    cut = messages()["value_cut"].format(start=header[:100], end=header[-30:], count=3000)
    assert cut in found.message and header not in found.message
    assert len(found.message) < 400


def test_text_the_clerk_cannot_see_is_named_with_its_cell_and_why(tmp_path: Path):
    """Each kind of unseen text is told with the first such cell of its row; text that
    can be seen (white on a dark fill, yellow on a pale yellow) is read."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.styles.colors import Color

    from generator.load import _unseen_cells

    book = openpyxl.Workbook()
    sheet = book.active
    for n in range(1, 11):
        sheet.append([f"XL-{n}", "东城镇", "问题"])
    sheet["A2"].font = Font(color="FFFFFFFF")                       # standard white
    sheet["B3"].font = Font(color=Color(theme=0))                   # 白色，背景1
    sheet["C4"].font = Font(color="FF00B050")
    sheet["C4"].fill = PatternFill("solid", fgColor="FF00B050")     # green on green
    sheet["B5"].font = Font(sz=1)
    sheet.row_dimensions[6].height = 2.5
    sheet["A7"].font = Font(color="FFFFFFFF")
    sheet["A7"].fill = PatternFill("solid", fgColor=Color(theme=0, tint=-0.0499893185216834))
    sheet["A8"].font = Font(color="FFFFFFFF")
    sheet["A8"].fill = PatternFill("solid", fgColor="FF1F4E79")     # white on dark blue: seen
    sheet["A9"].font = Font(color="FFFFFF00")
    sheet["A9"].fill = PatternFill("solid", fgColor="FFFFFF99")     # yellow on pale yellow: seen
    sheet["C10"].number_format = ";;;"                              # Excel's way to hide a cell
    sheet["C8"].number_format = '0;-0;0;"已填"'                      # shows 已填 for any text
    sheet["B9"].number_format = '0;-0;0;@'                          # shows the text
    sheet["D9"] = " "
    sheet["D9"].font = Font(color="FFFFFFFF")                       # a white space: nothing unseen
    book.save(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert _unseen_cells(sheet) == {
        2: ("A2", "白色文字，没有底色"), 3: ("B3", "白色文字，没有底色"),
        4: ("C4", "文字颜色与底色相同（#00B050）"), 5: ("B5", "字号只有1磅"),
        6: ("A6", "行高只有2.5磅"), 7: ("A7", "文字颜色与底色相同（#F2F2F2）"),
        8: ("C8", '单元格格式“0;-0;0;"已填"”不显示文字'), 10: ("C10", "单元格格式“;;;”不显示文字")}


def test_every_reader_of_staff_files_asks_the_one_gate(tmp_path, monkeypatch):
    """Whether a staff file may be read (a regular file, one that opens, within its size)
    is decided in one place, load.staff_file: a record as YAML, CSV or workbook, a
    setting, the Word template. A file the gate refuses is refused by each reader with
    the gate's own problem, once, and never read beside it."""
    from generator import load
    from generator.pipeline import check
    from generator.problems import Location, problem

    project = make_project(tmp_path / "c")
    (project / "data/reports.csv").unlink()
    book = openpyxl.Workbook()
    book.active.append(["单位", "月份", "报送日期", "零报告"])
    book.save(project / "data/reports.xlsx")
    refused = ["data/cases/2026-001.yml", "data/units.csv", "data/reports.xlsx",
               "site_config/labels.yml", "site_config/document-template.docx"]
    for rel in refused:
        assert (project / rel).is_file(), rel
    gate = load.staff_file

    def refusing(root, rel, limit=None):
        if rel in refused:
            return None, problem("file-unreadable", Location(rel, 1), detail="门")
        return gate(root, rel, limit)

    monkeypatch.setattr(load, "staff_file", refusing)
    _data, report = check(project, NOW)
    told = sorted(p.path for p in report.problems if p.message == "文件无法读取：门")
    assert told == sorted(refused)


@pytest.mark.parametrize("content, said, not_said", [
    # an Office workbook saved with an opening password: an OLE container holding the
    # stream EncryptedPackage; saving it again as .xlsx (the old advice) keeps the password
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
     + b"\0" * 64, "清空密码", "旧版"),
    # an .xls or a WPS .et renamed .xlsx
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le")
     + b"\0" * 64, "WPS 表格的 .et", "密码"),
])
def test_a_workbook_in_an_ole_container_is_told_by_what_it_holds(minimal: Path, content, said,
                                                                  not_said):
    (minimal / "data/reports.csv").unlink()
    (minimal / "data/reports.xlsx").write_bytes(content)
    _data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/reports.xlsx", 1, "xlsx-not-a-workbook")]
    message = report.problems[0].message
    assert said in message and not_said not in message, message


@pytest.mark.parametrize(("remarks", "said"), [
    (["", "", ""], "这些列下面都是空的"),
    (["待核实", "", "已电话确认"], "共2格有内容")])
def test_the_clerks_own_column_is_said_with_what_it_holds(minimal: Path, remarks, said):
    """A 备注 column is said once with how many of its cells hold text; an empty one is
    said to be empty, not to hold 0 cells of content (共0格有内容)."""
    lines = (minimal / "data/units.csv").read_text("utf-8").splitlines()
    lines = [lines[0] + ",备注"] + [f"{line},{remark}" for line, remark
                                    in zip(lines[1:], remarks + [""] * 9)]
    (minimal / "data/units.csv").write_text("\n".join(lines) + "\n", "utf-8")
    _data, report = validate(minimal, NOW)
    own = [p for p in report.sorted() if p.code == "table-own-columns"]
    assert [(p.path, p.line, p.severity) for p in own] == [("data/units.csv", 1, "info")]
    assert said in own[0].message and "共0格" not in own[0].message


@pytest.mark.parametrize(("header", "expected"), [
    (None, [("data/ledger/台账.xlsx", 2, "table-headerless-column", "error")]),
    ("备注", [("data/ledger/台账.xlsx", 1, "table-own-columns", "info")])])
def test_a_note_column_beside_the_ledger_is_named_with_its_cells(minimal: Path, header,
                                                                 expected):
    """Notes typed to the right of the table, a column left empty between: without a
    header the column is refused with its letter, its cells and the header cell to
    name (a note and a data column whose header was cleared look alike); named 备注 it
    is the clerk's own, one info."""
    import csv

    ledger = minimal / "data/ledger/台账.csv"
    rows = list(csv.reader(ledger.open(encoding="utf-8")))
    ledger.unlink()
    book = openpyxl.Workbook()
    book.active.append(rows[0] + [None, header])
    for n, row in enumerate(rows[1:], start=2):
        book.active.append(row + ([None, f"备忘{n}"] if n % 2 == 0 else []))
    book.save(minimal / "data/ledger/台账.xlsx")
    _data, report = validate(minimal, NOW)
    found = [(p.path, p.line, p.code, p.severity) for p in report.sorted()]
    assert found == expected
    if header is None:
        message = report.sorted()[0].message
        assert "第O列" in message and "（O2、O4，如“备忘2”）" in message
        assert "O1 格写上“备注”" in message


@pytest.mark.parametrize(("width", "said"), [(0.5, "宽度只有0.5个字符"), (1.5, None)])
def test_a_column_a_sliver_wide_is_said_as_hidden_with_its_width(minimal: Path, width, said):
    """A column under one character wide shows none of its text, as a hidden one; one
    and a half characters shows a little of it, and is read."""
    import csv

    ledger = minimal / "data/ledger/台账.csv"
    rows = list(csv.reader(ledger.open(encoding="utf-8")))
    ledger.unlink()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active.column_dimensions["J"].width = width
    book.save(minimal / "data/ledger/台账.xlsx")
    _data, report = validate(minimal, NOW)
    found = [p for p in report.sorted() if p.code == "xlsx-hidden-column"]
    assert [(p.path, p.line) for p in found] == ([("data/ledger/台账.xlsx", 1)] if said else [])
    assert not said or "第J列在 Excel 中" + said in found[0].message


@pytest.mark.parametrize("prefix", [b"a", b"t"])
def test_theme_colours_are_the_workbooks_own(tmp_path: Path, prefix):
    """A font in theme colour 着色1 is white under a workbook's own theme (WPS's, or a
    custom one) that makes 着色1 white, whatever prefix its theme part writes; a dark
    文字1 on 背景1 is unseen there too. Office's default theme would see both."""
    import io
    import zipfile

    from openpyxl.styles import Font, PatternFill
    from openpyxl.styles.colors import Color

    from generator.load import _unseen_cells

    book = openpyxl.Workbook()
    for n in range(1, 5):
        book.active.append([f"XL-{n}", "东城镇"])
    book.active["A2"].font = Font(color=Color(theme=4))                # 着色1
    book.active["B3"].font = Font(color=Color(theme=1))                # 文字1
    book.active["B3"].fill = PatternFill("solid", fgColor=Color(theme=0))
    saved = io.BytesIO()
    book.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/theme/theme1.xml":
                part = re.sub(rb"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-F]{6}", rb"\g<1>FFFFFF",
                              part)
                part = re.sub(rb"<a:dk1>.*?</a:dk1>",
                              rb'<a:dk1><a:srgbClr val="FEFEFE"/></a:dk1>', part, flags=re.S)
                part = part.replace(b"xmlns:a=", b"xmlns:" + prefix + b"=").replace(
                    b"<a:", b"<" + prefix + b":").replace(b"</a:", b"</" + prefix + b":")
            dst.writestr(info.filename, part)
    (tmp_path / "t.xlsx").write_bytes(out.getvalue())
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert _unseen_cells(sheet) == {2: ("A2", "白色文字，没有底色"),
                                    3: ("B3", "文字颜色与底色相同（#FFFFFF）")}


def test_letters_a_symbol_font_draws_as_marks_are_unseen_text(tmp_path: Path):
    """R in Wingdings 2 shows as ☑ and ü in Wingdings as ✓ (how Chinese Excel tutorials
    teach a boxed tick): the clerk sees a mark, the file holds a letter. Chinese text in
    such a font is drawn by another font, as typed, and is read."""
    from openpyxl.styles import Font

    from generator.load import _unseen_cells

    book = openpyxl.Workbook()
    sheet = book.active
    for n in range(1, 5):
        sheet.append([f"XL-{n}", "东城镇", "是"])
    sheet["C2"] = "R"
    sheet["C2"].font = Font(name="Wingdings 2")
    sheet["C3"] = "ü"
    sheet["C3"].font = Font(name="Wingdings")
    sheet["C4"].font = Font(name="Wingdings 2")                      # 是: drawn as typed
    book.save(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert _unseen_cells(sheet) == {
        2: ("C2", "字体“Wingdings 2”把“R”显示成符号，屏幕上看到的不是文件里存的文字"),
        3: ("C3", "字体“Wingdings”把“ü”显示成符号，屏幕上看到的不是文件里存的文字")}
