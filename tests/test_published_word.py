"""The published word: status pages are not 通报, issued notices never change, units
exist in time, notices are official documents with a lifecycle."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DATA, NOW, ROOT, TZ, make_project, mkdocs_build
from generator.cli import main
from generator.pipeline import build

LUOPING = DATA / "luoping"
ISSUED = dt.datetime(2015, 4, 25, 9, 0, tzinfo=TZ)
YEAR_LATER = dt.datetime(2016, 4, 25, 9, 0, tzinfo=TZ)
LATE_WORDS = re.compile(r"未报|迟报|逾期|未按时")


def _epoch(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


def luoping(target: Path) -> Path:
    """The 罗平县 case (34 units; C1 with 9 late or missing, C2 with 1) as a project."""
    shutil.copytree(ROOT / "site_config", target / "site_config")
    shutil.copytree(LUOPING / "site_config", target / "site_config", dirs_exist_ok=True)
    shutil.copytree(LUOPING / "data", target / "data")
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("notices"))
    (target / "content/notices").mkdir()
    return target


def _front(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8").split("---\n")[1], Loader=yaml.BaseLoader)


def _issue(path: Path, doc_number: str, date: str) -> None:
    """What the clerk does before publishing: number, date, draft off."""
    text = path.read_text("utf-8")
    text = re.sub(r"\ndate: .*\n", f"\ndate: {date}\n", text, count=1)
    text = text.replace("\ndraft: 是\n", "\ndraft: 否\n")
    text = re.sub(r"\n# doc_number: .*\n", f"\ndoc_number: {doc_number}\n", text, count=1)
    path.write_text(text, "utf-8")


def test_luoping_notice_is_drafted_by_the_command_and_never_changes(tmp_path, monkeypatch):
    project = luoping(tmp_path / "luoping")
    root = ["--root", str(project)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(ISSUED))
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2015-04-24"]) == 0
    assert main([*root, "notice", "commitments", "C2", "--as-of", "2015-04-24"]) == 0
    c1 = project / "content/notices/2015-04-24-C1-commitments.md"
    c2 = project / "content/notices/2015-04-24-C2-commitments.md"
    rows = _front(c1)["listing"]["rows"]
    assert len(rows) == 9
    assert [(r["unit"], r["status"], r["days_late"]) for r in rows] == [
        ("LP-XW06", "未报送", "14"), ("LP-XZ05", "未报送", "14"), ("LP-XZ11", "未报送", "14"),
        ("LP-ZF04", "未报送", "14"), ("LP-ZF12", "未报送", "14"), ("LP-ZF14", "未报送", "14"),
        ("LP-ZF09", "迟报", "12"), ("LP-XW02", "迟报", "10"), ("LP-XZ03", "迟报", "3")]
    assert {r["measure"] for r in rows} == {"限期补报、书面说明", "书面说明"}
    assert [(r["unit"], r["status"], r["days_late"]) for r in _front(c2)["listing"]["rows"]] \
        == [("LP-ZF06", "未报送", "9")]
    # A draft is not published; a second run will not overwrite the clerk's edits.
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2015-04-24"]) == 2
    assert "notices/2015-04-24-C1-commitments.md" not in build(project, ISSUED).pages

    _issue(c1, "罗纪发〔2015〕12号", "2015-04-25")
    _issue(c2, "罗纪发〔2015〕13号", "2015-04-25")
    assert main([*root, "check"]) == 0
    then = build(project, ISSUED, history=False).pages
    page = then["notices/2015-04-24-C1-commitments.md"]
    assert page.count("| 未报送 | 14 |") == 6 and page.count("| 迟报 |") == 3
    assert "罗纪发〔2015〕12号" in page and "2015年4月24日" in page
    for row in rows:  # each listed unit's page links to the notice naming it
        assert "2015-04-24-C1-commitments.md" in then[f"units/{row['unit']}.md"]
    _only_issued_notices_say_it(then)

    # A year later the missing units have handed in, one late date was corrected.
    subs = project / "data/submissions.csv"
    text = subs.read_text("utf-8").replace("C1,LP-XZ03,2015-04-13", "C1,LP-XZ03,2015-04-09")
    text += "".join(f"C1,{u},2015-05-0{i + 1},,\n" for i, u in enumerate(
        ["LP-XZ05", "LP-XZ11", "LP-XW06", "LP-ZF04", "LP-ZF12", "LP-ZF14"]))
    subs.write_text(text + "C2,LP-ZF06,2015-05-08,,\n", "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(YEAR_LATER))
    assert main([*root, "check"]) == 0
    later = build(project, YEAR_LATER, history=False).pages
    for slug in ("2015-04-24-C1-commitments", "2015-04-24-C2-commitments"):
        assert later[f"notices/{slug}.md"] == then[f"notices/{slug}.md"]
    assert later["commitments/index.md"] != then["commitments/index.md"]  # the data did change
    _only_issued_notices_say_it(later)


def _only_issued_notices_say_it(pages: dict[str, str]) -> None:
    saying = {path for path, text in pages.items() if "现予通报" in text}
    assert saying == {"notices/2015-04-24-C1-commitments.md",
                      "notices/2015-04-24-C2-commitments.md"}


def test_no_demo_page_issues_a_bulletin_by_itself(demo_site):
    saying = {path for path, text in demo_site.pages.items() if "现予通报" in text}
    assert saying == {"notices/2026-04-08-commitments-bulletin.md"}
    page = demo_site.pages["commitments/index.md"]
    assert "## 通报" not in page and page.count("截至 2026年11月20日 00&#58;00") == 3


def test_a_unit_that_joined_after_a_due_date_is_late_nowhere(tmp_path):
    """Grep every output file: pages, feeds, open data, charts, search index, bulletins."""
    from generator.synth import engine_config

    project = make_project(tmp_path / "c")
    units = project / "data/units.csv"
    lines = units.read_text("utf-8").splitlines()
    lines = [lines[0] + ",active_from"] + [ln + "," for ln in lines[1:]]
    lines.append("XZ09,新设镇,乡镇,县委办公室,是,否,否,2026-06-01")
    units.write_text("\n".join(lines) + "\n", "utf-8")
    # Everything due after it joined was handed in on time.
    with (project / "data/reports.csv").open("a", encoding="utf-8") as reports:
        for month in range(5, 11):
            reports.write(f"XZ09,2026-{month:02d},2026-{month + 1:02d}-03,否\n")
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    outputs = {}
    for path in (tmp_path / "site").rglob("*"):
        if path.suffix in (".html", ".xml", ".csv", ".json", ".svg", ".md"):
            text = path.read_text("utf-8", errors="replace")
            if path.name == "search_index.json":
                text = "\n".join(d["text"] + d["title"] for d in json.loads(text)["docs"])
            outputs[path.relative_to(tmp_path).as_posix()] = text
    from generator.bulletin import draft
    from generator.checks import validate

    data, _report = validate(project, NOW)
    for month in ("2026-03", "2026-05", "2026-06", "2026-10"):
        outputs[f"bulletin {month}"] = draft(data, month)
    named = 0
    for where, text in outputs.items():
        for chunk in re.split(r"</tr>|</li>|</p>|\n", text):
            if "新设镇" in chunk or "XZ09" in chunk:
                named += 1
                assert not LATE_WORDS.search(chunk), (where, chunk)
    assert named > 5  # it is on the site: its page, directories, open data
    page = build(project, NOW, history=False).pages["units/XZ09.md"]
    assert "| 纳入日期 | 2026年6月1日 |" in page
    assert "领导干部带头改进作风承诺书" not in page  # due 2026-03-20, before it joined
