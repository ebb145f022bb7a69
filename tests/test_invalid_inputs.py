"""Every defect-named bad input gives exactly the expected problems at exact lines.

Each folder under tests/data/invalid/ holds files laid over the minimal valid project
and `expected.txt`, the `path:line: code` lines `check` must report, no more, no less.
"""
from pathlib import Path

import pytest

from conftest import DATA, NOW, make_project
from generator.checks import validate
from generator.pipeline import check

DEFECTS = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


def test_minimal_project_is_valid(minimal: Path):
    _data, report = validate(minimal, NOW)
    assert report.flatten() == []


def test_the_corpus_is_large():
    assert len([d for d in DEFECTS if (d / "expected.txt").read_text().strip()]) >= 40


# Codes no fixture laid over the minimal project can give, and why; every other code in
# messages.yml is proved by a fixture at its file and line.
NO_FIXTURE = {
    **{code: "the post-build audit reads the built site, not the sources (test_audit.py)"
       for code in ("audit-script", "audit-event-handler", "audit-script-url", "audit-csv-formula",
                    "audit-style", "audit-frame", "audit-third-party", "audit-redacted-name",
                    "audit-unreadable", "audit-hidden-content", "audit-hidden-characters")},
    "yaml-syntax": "every YAML mistake found so far has a code of its own; what is left"
                   " (a parser error not yet met) is said generically, with the parser's words",
    "file-unreadable": "a refused read or a named pipe is not kept in git (test_load.py)",
    "file-symlink": "fixtures are copied following links (test_robustness.py)",
    "file-name-not-utf8": "git on macOS and Windows cannot check out a name not in UTF-8"
                          " (test_publishing.py)",
    "file-too-large": "tens of megabytes in the repository (test_robustness.py)",
    "table-numbered-empty": "a workbook numbered ahead, made in the test (test_load.py)",
    "notice-revised-uncorrected": "needs the notice's git history (test_published_word.py)",
    "document-converter-missing": "depends on the machine (LibreOffice), not on the data",
    "document-conversion-failed": "depends on the machine (LibreOffice), not on the data",
    "site-mark-missing": "said by `generator health`, not by check (test_health.py)",
}


def test_every_code_is_proved_by_a_fixture_or_said_why_not():
    """A refusal with no fixture had no proof that check finds it at its file and line
    (too-many-code-blocks, reporter-identity, yaml-syntax … had none)."""
    from generator.problems import catalogue

    codes = set(catalogue())
    proved = {line.rsplit(": ", 1)[1] for d in DEFECTS
              for line in (d / "expected.txt").read_text("utf-8").splitlines()}
    assert sorted(codes - proved - set(NO_FIXTURE)) == []
    assert sorted(set(NO_FIXTURE) & proved) == []  # a code given a fixture leaves the list
    assert set(NO_FIXTURE) <= codes


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_defect_is_reported_at_its_line(defect: Path, tmp_path: Path):
    project = make_project(tmp_path / "county", defect)
    _data, report = check(project, NOW)
    found = [f"{path}:{line}: {code}" for path, line, code in report.flatten()]
    expected = (defect / "expected.txt").read_text("utf-8").splitlines()
    assert found == expected


def test_an_id_that_lost_its_leading_zeros_is_named_as_such(tmp_path: Path):
    """Excel reads an id of digits as a number and saves 0301 as 301: a reference that
    differs from a known id only by its leading zeros names that id and the cause, not the
    generic 是否指 guess nor the abolished-unit hint; an id with no such twin keeps those."""
    project = make_project(tmp_path / "county", DATA / "invalid" / "reference-lost-its-leading-zeros")
    _data, report = check(project, NOW)
    said = {(p.path, p.line): p.message for p in report.problems if p.code == "unknown-reference"}
    assert sorted(said) == [("data/reports.csv", 4), ("data/reports.csv", 6)]
    zeros = said[("data/reports.csv", 4)]
    assert "“301”与已有编号“0301”只差开头的0" in zeros and "撤销" not in zeros
    assert "开头的0" not in said[("data/reports.csv", 6)]
    assert "撤销日期" in said[("data/reports.csv", 6)]


def test_a_unit_not_found_is_told_to_keep_an_abolished_units_row(tmp_path: Path):
    """A unit deleted from the names table when it was abolished: each reference says to
    restore its row with its 撤销日期 (the schema's label of active_until); a category
    not found says nothing of units."""
    from generator.schema import record_types

    until = record_types()["unit"].fields["active_until"].label
    project = make_project(tmp_path / "county", DATA / "invalid" / "unit-deleted-from-the-names-table")
    ledger = project / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8").replace(",XZ01,B2,", ",XZ01,B9,"), "utf-8")
    _data, report = check(project, NOW)
    said = {(p.path, p.line): p.message for p in report.problems if p.code == "unknown-reference"}
    assert f"“{until}”" in said[("data/ledger/台账.csv", 3)]
    assert "“ZF01”是已撤销或合并的单位" in said[("data/ledger/台账.csv", 3)]
    assert until not in said[("data/ledger/台账.csv", 2)]  # B9: a category, not a unit


@pytest.mark.parametrize("pattern, path, matches", [
    ("/", "/", True), ("/*", "/", True), ("/$", "/", True), ("/*$", "/", True),
    ("*", "/", True), ("/a", "/", False), ("/$", "/a", False), ("/*.zip$", "/a.zip", True),
    ("/*.zip$", "/a.zip?x", False), ("/a*b*c$", "/a-b-b-c", True), ("/a*b$", "/ab/b", True),
    ("/a*b$", "/ab/c", False), ("/zhuanxiang/", "/zhuanxiang/", True),
])
def test_a_robots_rule_matches_as_crawlers_read_it(pattern, path, matches):
    """RFC 9309: * is any run of characters, a final $ the end of the path; a rule matches
    a path from its start."""
    from generator.checks import _robots_match

    assert _robots_match(pattern, path) is matches


def test_a_tolerated_official_named_in_full_is_told_why_whatever_the_rank(tmp_path: Path):
    """A 通报 naming in full the 乡科级 official a 容错免责 case exempted was refused as a
    name the site prints masked, while site.yml prints 乡科级 in full: staff could not
    tell why. No seed names who was exempted (seed 002's 容错免责机制; 点名道姓 is for
    those held to account), so it stays refused, saying so and where the case is; the
    case's own page and the documents print the masked name alike."""
    project = make_project(tmp_path / "county",
                           DATA / "invalid" / "notice-names-a-tolerated-official-in-full")
    data, report = check(project, NOW)
    said = [p for p in report.problems if p.code == "tolerated-name-shown"]
    assert [(p.path, p.line) for p in said] == [("content/notices/2026-05-notice.md", 24)]
    assert "容错免责" in said[0].message and "不论职级" in said[0].message
    assert "data/cases/2026-002.yml:11" in said[0].message and "“季某”" in said[0].message
    # a person held to account at the same rank is named in full (site.yml), not refused
    case = project / "data/cases/2026-002.yml"
    case.write_text(case.read_text("utf-8").replace("kind: 容错免责", "kind: 通报曝光")
                    .replace("    position: 副镇长\n", "    position: 副镇长\n    measures: [诫勉谈话]\n"),
                    "utf-8")
    _data, report = check(project, NOW)
    assert not [p for p in report.problems if p.code.endswith("name-shown")]


def test_a_relative_sitemap_line_is_said_to_be_ignored_not_to_name_another_site(tmp_path):
    """A crawler reads a Sitemap line as a full URL only (RFC 9309): `Sitemap: /sitemap.xml`
    names no other site, as robots-other-site said; it is ignored, and the message gives
    the line to write."""
    project = make_project(tmp_path / "county", DATA / "invalid/content-robots-txt-relative-sitemap")
    _data, report = check(project, NOW)
    said = [(p.line, p.code, p.message) for p in report.problems if p.path == "content/robots.txt"]
    assert said == [(5, "robots-sitemap-relative",
                     "robots.txt 的 Sitemap 写的是相对地址 /sitemap.xml：搜索引擎只读完整网址，"
                     "这一行会被忽略；请写成 https://zhuanxiang.example.gov.cn/sitemap.xml")]


def test_markup_pasted_into_a_records_text_is_a_note_naming_the_marks(tmp_path: Path):
    """<b>, <br> or &nbsp; pasted into a record's text are printed as text (escaped), so
    the reader sees the marks: check says so, at the line of a literal block the mark is
    on and showing it, as a note (the page is safe and builds); 金额<1万元 and A&B are text
    to the browser too and are not named."""
    project = make_project(tmp_path / "county", DATA / "invalid"
                           / "case-markup-pasted-into-text-is-said-to-show-as-text")
    _data, report = check(project, NOW)
    said = [(p.line, p.severity, p.message.split("；")[0]) for p in report.problems
            if p.code == "text-markup"]
    assert said == [
        (3, "info", "“标题”中有网页标记：东城镇办事员张某某<b>推诿扯皮</b>问题"),
        (11, "info", "“基本事实”中有网页标记：经查，该同志&nbsp;对群众诉求敷衍应付。"),
        (15, "info", "“职务”中有网页标记：办事员<br>")]
    assert report.valid


def test_a_weekday_out_of_its_range_is_the_schemas_range_and_says_what_the_numbers_mean(
        tmp_path: Path):
    """weekly_due_weekday is bounded in schema.yml (1～7), as the editor's number field
    is, and the message gives the field's help: which number is which day."""
    from generator.schema import record_types

    assert (record_types()["campaign"].fields["weekly_due_weekday"].min,
            record_types()["campaign"].fields["weekly_due_weekday"].max) == (1, 7)
    project = make_project(tmp_path / "county", DATA / "invalid" / "campaign-bad-weekly-due-weekday")
    _data, report = check(project, NOW)
    [said] = [p for p in report.problems if p.code == "out-of-range"]
    assert "值 8 超出了允许的范围（1～7）" in said.message
    assert "1＝星期一，7＝星期日" in said.message
