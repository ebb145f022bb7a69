"""The published word: status pages are not 通报, issued notices never change, units
exist in time, notices are official documents with a lifecycle."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

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


def _front_text(text: str) -> dict:
    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)


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
    assert page.count("| 未报送 | 14天 |") == 6 and page.count("| 迟报 |") == 3
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
    assert "## 通报" not in page and page.count("截至2026年11月20日0时") == 3


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
    pages = build(project, NOW, history=False).pages
    assert "[新设镇](../XZ09.md)（2026年6月1日纳入）" in pages["units/kind-XZ/index.md"]
    page = pages["units/XZ09.md"]
    assert "| 纳入日期 | 2026年6月1日 |" in page
    assert "领导干部带头改进作风承诺书" not in page  # due 2026-03-20, before it joined


# ------------------------------------------------------------------ the bulletin

def test_bulletin_refuses_an_unfinished_month_unless_as_of(minimal, monkeypatch, capsys):
    root = ["--root", str(minimal)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))  # 2026-11-20
    assert main([*root, "bulletin", "2026-11"]) == 2
    assert "2026-11还没有结束" in capsys.readouterr().err
    assert not (minimal / "content/notices/2026-11-bulletin.md").exists()
    assert main([*root, "bulletin", "2026-11", "--as-of", "2026-11-21"]) == 2  # the future
    assert main([*root, "bulletin", "2026-11", "--as-of", "2026-10-31"]) == 2  # not in it
    assert main([*root, "bulletin", "2026-11", "--as-of", "2026-11-19"]) == 0
    text = (minimal / "content/notices/2026-11-bulletin.md").read_text("utf-8")
    assert "统计截至2026年11月19日" in text and "<!--" not in text


def test_bulletin_counts_only_deadlines_passed_by_as_of(minimal):
    from generator.bulletin import figures
    from generator.checks import validate

    data, _ = validate(minimal, NOW)
    # C1 is due 2026-03-20: on the 20th itself it has not passed yet.
    assert figures(data, "2026-03", dt.date(2026, 3, 20))["commitments"] == []
    missed = figures(data, "2026-03", dt.date(2026, 3, 21))["commitments"][0]["missed"]
    assert [(u["id"], days) for u, days in missed] == [("XW01", None), ("ZF01", None)]
    missed = figures(data, "2026-03")["commitments"][0]["missed"]
    assert [(u["id"], days) for u, days in missed] == [("XW01", None), ("ZF01", 5)]


def test_bulletin_links_the_units_and_cases_it_names(minimal, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))
    assert main(["--root", str(minimal), "bulletin", "2026-05"]) == 0
    text = (minimal / "content/notices/2026-05-bulletin.md").read_text("utf-8")
    front = _front(minimal / "content/notices/2026-05-bulletin.md")
    assert front["cases"] == ["2026-001"] and front["draft"] == "是"
    assert "[东城镇办事员张某某推诿扯皮问题](../cases/2026-001.md)" in text
    assert "[县委办公室](../units/XW01.md)（未报送）" in text  # its April report


# ------------------------------------------------------------------ notices

def test_notice_ledger_lists_items_open_and_overdue_on_the_day(minimal, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))
    root = ["--root", str(minimal)]
    assert main([*root, "notice", "ledger", "--as-of", "2026-05-10"]) == 0
    rows = _front(minimal / "content/notices/2026-05-10-ledger-overdue.md")["listing"]["rows"]
    # TZ-3 (deadline 04-18, open) is overdue; TZ-1 closed on 04-20; TZ-2 not due yet.
    assert [(r["ledger_item"], r["unit"], r["days_late"], r["measure"]) for r in rows] == [
        ("TZ-3", "XW01", "22", "书面说明、限期整改、扣分")]
    assert main([*root, "notice", "ledger", "--as-of", "2026-04-10"]) == 0
    assert "没有需要通报的单位" in capsys.readouterr().out
    assert main([*root, "notice", "commitments", "C9", "--as-of", "2026-04-10"]) == 2
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2026-03-20"]) == 2
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2026-12-01"]) == 2
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2026-3-1x"]) == 2
    err = capsys.readouterr().err
    assert "C9" in err and "还没有过截止日期" in err and "晚于构建时间" in err


def test_an_issued_listing_prints_the_documents_words_not_the_sites_labels(minimal, monkeypatch):
    """The 通报名单 is part of the 公文: its page prints the columns and cells its Word/PDF
    prints (the page's ledger column read 编号 where the document reads 台账编号, its days
    14 where the document reads 14天), and a county rewording the labels of its computed
    pages (the ledger's 问题表现, the unit column) changes no byte of it."""
    import html

    from generator import document
    from generator.checks import validate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))
    assert main(["--root", str(minimal), "notice", "ledger", "--as-of", "2026-05-10"]) == 0
    path = minimal / "content/notices/2026-05-10-ledger-overdue.md"
    _issue(path, "演纪发〔2026〕8号", "2026-05-11")
    first = build(minimal, NOW, history=False).pages["notices/2026-05-10-ledger-overdue.md"]
    data, _report = validate(minimal, NOW)
    rec = next(n for n in data.published("notices") if n["slug"] == "2026-05-10-ledger-overdue")
    table = document.listing_table(rec["listing"], data.labels["document"])
    lines = [ln for ln in first.split("\n") if ln.startswith("| ")]
    assert lines[0] == "| " + " | ".join(table.header) + " |"
    cells = [html.unescape(re.sub(r"\[(.*?)\]\([^)]*\)", r"\1", ln)).strip("| ").split(" | ")
             for ln in lines[2:]]
    assert cells == [list(row) for row in table.rows]
    assert cells == [["1", "县委办公室", "TZ-3", cells[0][3], "逾期未销号", "22天",
                      "书面说明、限期整改、扣分"]]
    labels = minimal / "site_config/labels.yml"
    text = labels.read_text("utf-8")
    for old, new in (("  problem: 问题表现\n", "  problem: 存在问题\n"), ("  unit: 单位\n", "  unit: 责任单位\n"),
                     ("  id: 编号\n", "  id: 条目\n")):
        assert old in text, old
        text = text.replace(old, new)
    labels.write_text(text, "utf-8")
    again = build(minimal, NOW, history=False).pages["notices/2026-05-10-ledger-overdue.md"]
    assert again == first


def test_notice_ledger_says_how_many_items_and_how_many_units(minimal, monkeypatch, capsys):
    """Two overdue items of one unit are 2 项 in 1 家单位, not 名单 2 家单位."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))
    ledger = minimal / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8") + "TZ-4,XW01,B4,会议迟到,考勤通报,不再发生,"
                      "2026-04-03,2026-04-25,主任,副主任,立行立改,未整改,\n", "utf-8")
    assert main(["--root", str(minimal), "notice", "ledger", "--as-of", "2026-05-10"]) == 0
    out = capsys.readouterr().out
    assert "名单2项整改事项，涉及1家单位（" in out and "名单2家单位" not in out


def test_a_reopened_item_in_force_again_is_listed_by_the_day(minimal):
    from generator.checks import validate
    from generator.derive import ledger_open_on

    ledger = minimal / "data/ledger/台账.csv"
    lines = ledger.read_text("utf-8").splitlines()
    lines[0] += ",reopened_on,reopen_reason,earlier_closings"
    lines[1] = lines[1].replace("已销号,2026-04-20", "重新打开,2026-04-20,2026-05-02,回头看发现反弹,")
    lines[2:] = [ln + ",,," for ln in lines[2:]]
    ledger.write_text("\n".join(lines) + "\n", "utf-8")
    data, report = validate(minimal, NOW)
    assert report.valid
    item = next(i for i in data.ledger if i["id"] == "TZ-1")
    assert [ledger_open_on(item, dt.date(2026, 4, d)) for d in (19, 20, 30)] == [True, False, False]
    assert ledger_open_on(item, dt.date(2026, 5, 2))
    page = build(minimal, NOW, history=False).pages["units/XZ01.md"]
    assert ('重新打开 <span class="cs-badge cs-badge--over">逾期203天</span>'
            "<br>2026年5月2日重新打开，原因：回头看发现反弹；原销号日期2026年4月20日") in page


def _withdraw_notice(project: Path) -> Path:
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "---\n\n", "withdrawn:\n  date: 2026-06-01\n  reason: 名单有误，另行通报\n---\n\n", 1), "utf-8")
    return notice


def test_a_withdrawn_notice_keeps_its_url_with_the_note_only(minimal):
    """A reader holding the printed 通报 finds by its 文号 that it was withdrawn (and when it
    was signed and published): the page and the feed name it by its number, never by its
    title or text; the audit lets exactly the number through, not the rest of the record."""
    from generator import audit
    from generator.checks import validate
    from generator.normalise import normalise

    _withdraw_notice(minimal)
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    assert page.split("---\n", 2)[1].startswith('title: "已撤回的通知（演纪发〔2026〕7号）"\n')
    assert "\n# 已撤回的通知（演纪发〔2026〕7号）\n" in page
    assert "本通知已于2026年6月1日撤回。撤回原因：名单有误，另行通报" in page
    assert "原文号：演纪发〔2026〕7号；成文日期：2026年5月9日；本站发布日期：2026年5月10日。" in page
    assert "推诿扯皮" not in page and "东城镇党委" not in page and "关于" not in page
    assert "2026-05-notice" not in site.pages["notices/index.md"]
    assert "notices/2026-05-notice.md" not in "".join(site.pages["cases/2026-001.md"])
    feed = site.files["feeds/notices.xml"].decode("utf-8")
    assert "<title type=\"text\">已撤回的通知（演纪发〔2026〕7号）</title>" in feed and "推诿扯皮" not in feed
    assert b"2026-05-notice" not in site.files["open-data/notices.csv"]
    hidden = audit.policy_for(validate(minimal, NOW)[0]).hidden
    assert normalise("演纪发〔2026〕7号") not in hidden
    assert normalise("关于东城镇推诿扯皮问题的通报") in hidden
    # its 主送 names an organ (a `wording` field, privacy3): not its words, so another page
    # naming 东城镇党委、政府 quotes nothing; the withdrawn page still does not print it
    assert normalise("东城镇党委、政府") not in hidden
    # A notice without a 文号 is named by the site's words alone.
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("category: 通报", "category: 工作动态")
                      .replace("doc_number: 演纪发〔2026〕7号\n", "")
                      .replace("title: 关于东城镇推诿扯皮问题的通报", "title: 东城镇整改情况"), "utf-8")
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert "\n# 已撤回的通知\n" in page and "\n    本站发布日期：2026年5月10日。\n" in page
    assert "原文号" not in page


def test_a_plain_notice_corrected_twice_says_so_under_its_date_line(minimal):
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("category: 通报", "category: 工作动态").replace(
        "title: 关于东城镇推诿扯皮问题的通报", "title: 东城镇整改推诿扯皮问题").replace(
        "现将东城镇办事员张某某推诿扯皮问题通报如下。", "东城镇对推诿扯皮问题立行立改。").replace(
        "---\n\n", "corrections:\n  - date: 2026-06-03\n    text: 更正了日期。\n"
        "  - date: 2026-05-12\n    text: 更正了一处单位名称。\n---\n\n", 1), "utf-8")
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    # the lists say it too, beside the title, in words (the badge's colour only repeats them)
    badge = '<span class="cs-badge cs-badge--muted">已更正（2026年6月3日）</span>'
    assert "[东城镇整改推诿扯皮问题](2026-05-notice.md) " + badge + " |" in site.pages["notices/index.md"]
    assert "[东城镇整改推诿扯皮问题](notices/2026-05-notice.md) " + badge in site.pages["index.md"]
    head = page.split("\n# ", 1)[1].split("\n\n")
    assert head[:4] == ["东城镇整改推诿扯皮问题", '<p class="cs-doc-number">演纪发〔2026〕7号</p>',
                        "2026年5月10日　工作动态",
                        "本页内容已更正2次，最近一次于2026年6月3日，更正内容见本页“更正记录”。"]


def test_an_official_notice_renders_as_a_document_with_its_attachments(minimal):
    notice = minimal / "content/notices/2026-05-notice.md"
    text = re.sub(r"\nissuer: .*\n", "\n", notice.read_text("utf-8"))
    notice.write_text(text.replace("---\n\n", (
        "issuer: 中共测试县纪委\ncc: [县委办公室, 县政府办公室]\n"
        "attachments:\n  - file: 2026/名单.xlsx\n    title: 未报送单位名单\n"
        "corrections:\n  - date: 2026-05-12\n    text: 更正了一处单位名称。\n---\n\n"), 1), "utf-8")
    (minimal / "content/notices/files/2026").mkdir(parents=True)
    sheet = (ROOT / "content/notices/files/2026-c1-late-units.xlsx").read_bytes()
    (minimal / "content/notices/files/2026/名单.xlsx").write_bytes(sheet)
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"].split("---\n", 2)[2]  # after front matter
    # The site's line (its date, column and the correction: a phone's first screen) above
    # the document, then GB/T 9704 order: 版头 (发文机关标志, 发文字号) before the title.
    order = ['<p class="cs-doc-site">本站发布日期：2026年5月10日　栏目：通报　'
             "本页内容已于2026年5月12日更正，更正内容见本页“更正记录”。</p>",
             '<p class="cs-doc-issuer">中共测试县纪委</p>',
             '<p class="cs-doc-number">演纪发〔2026〕7号</p>',
             "# 关于东城镇推诿扯皮问题的通报\n\n"
             '<p class="cs-doc-to">东城镇党委、政府：</p>', "现将东城镇办事员",
             # one attachment: "附件：名称", unnumbered, as the document says it (7.3.4)
             "\n附件：[未报送单位名单](files/2026/名单.xlsx)\n",
             '<p class="cs-doc-sign"><span class="cs-doc-signers"><span>中共测试县纪委</span></span>'
             '<span class="cs-doc-date">2026年5月9日</span></p>',
             '<p class="cs-doc-cc">抄送：县委办公室，县政府办公室。</p>', "## 更正记录",
             "- **2026年5月12日**"]
    positions = [page.index(part) for part in order]
    assert positions == sorted(positions)
    assert site.files["notices/files/2026/名单.xlsx"] == sheet
    # A draft's attachment is not published.
    notice.write_text(notice.read_text("utf-8").replace("category: 通报", "category: 通报\ndraft: 是"),
                      "utf-8")
    assert not any(p.startswith("notices/files/") for p in build(minimal, NOW).files)


def test_an_official_notices_attachments_read_on_its_page_as_in_its_document(minimal):
    """GB/T 9704 7.3.4: "附件：1.名称" and the next ones under the first, as the Word/PDF
    prints them (document.attachment_lines). The page numbered them as a Markdown list under
    a bare 附件：, so it did not read as the document it publishes."""
    from generator import document

    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("---\n\n", (
        "attachments:\n  - file: a.xlsx\n    title: 未报送单位名单。\n"
        "  - file: b.xlsx\n    title: 整改要求\n---\n\n"), 1), "utf-8")
    sheet = (ROOT / "content/notices/files/2026-c1-late-units.xlsx").read_bytes()
    (minimal / "content/notices/files").mkdir(exist_ok=True)
    for name in ("a.xlsx", "b.xlsx"):
        (minimal / "content/notices/files" / name).write_bytes(sheet)
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    assert ("\n附件：1.[未报送单位名单](files/a.xlsx)<br>\u3000\u3000\u30002.[整改要求](files/b.xlsx)\n\n"
            in page)
    notice_rec = next(n for n in site.data.notices if n["slug"] == "2026-05-notice")
    made = document.from_notice(notice_rec, site.data.site, site.data.labels)
    assert made.attachment_lines() == ["附件：1.未报送单位名单", "2.整改要求"]


def test_exemptions_show_as_免报_with_the_reason(minimal):
    (minimal / "data/exemptions.csv").write_text(
        "item,unit,starts_on,ends_on,reason\n领导干部带头改进作风承诺书,XW01,2026-03-01,2026-03-31,新组建单位\n"
        "工作月报,XW01,2026-05-01,,机构改革期间由上级统一报送\n", "utf-8")
    site = build(minimal, NOW, history=False)
    page = site.pages["units/XW01.md"]
    assert "免报（新组建单位）" in page
    assert "- 工作月报：2026年5月1日起，机构改革期间由上级统一报送" in page
    assert "- 领导干部带头改进作风承诺书：2026年3月1日起至2026年3月31日，新组建单位" in page
    commitment = site.pages["commitments/C1/index.md"]
    assert "| 2026年3月20日 | 2 | 1 | 1 | 0 | 0 | 1 |" in commitment
    assert "县委办公室" not in site.pages["commitments/index.md"].split("## 报送情况")[1]
    assert "免报" in site.files["open-data/exemptions.csv"].decode("utf-8-sig")


# Only a notice staff issue is a 通报: numbered, of an official category, with 主送 and 正文.

def _write_notice(project: Path, name: str, text: str) -> None:
    (project / "content/notices" / name).write_text(text, "utf-8")


def _problems(project: Path) -> list[str]:
    from generator.checks import validate

    _data, report = validate(project, NOW)
    return [f"{path}:{line}: {code}" for path, line, code in report.flatten()]


def test_a_doc_number_issued_twice_is_refused_at_the_second_file_naming_the_first(tmp_path):
    project = tmp_path / "demo"
    for part in ("data", "site_config", "content"):
        shutil.copytree(ROOT / part, project / part)
    _write_notice(project, "2026-11-10-again.md",
                  "---\ntitle: 关于县水利局问题整改情况的通报\ndate: 2026-11-10\ncategory: 通报\n"
                  "doc_number: 演纪发〔2026〕19号\nsigned_on: 2026-11-10\nto: 县直各单位\n"
                  "issuer: 中共演示县纪律检查委员会\n---\n\n现将有关情况通报如下。\n")
    from generator.checks import validate

    _data, report = validate(project, NOW)
    assert [f"{path}:{line}: {code}" for path, line, code in report.flatten()] == [
        "content/notices/2026-11-10-again.md:4: notice-style-not-frozen",  # (notes)
        "content/notices/2026-11-10-again.md:4: notice-words-not-frozen",
        "content/notices/2026-11-10-again.md:5: duplicate-doc-number"]
    assert "content/notices/2026-10-bulletin.md:9" in report.errors[0].message


def test_text_that_is_not_an_issued_notice_may_not_read_as_a_tongbao_or_decision(minimal):
    _write_notice(minimal, "2026-06-news.md",
                  "---\ntitle: 关于对县水利局朱某某问题的通报\ndate: 2026-06-01\ncategory: 工作动态\n"
                  "---\n\n决定对朱某某予以通报批评。特此通报。\n")
    _write_notice(minimal, "2026-06-plain.md",
                  "---\ntitle: 县水利局整改情况\ndate: 2026-06-01\ncategory: 工作动态\n"
                  "---\n\n近日查处了一起问题。\n\n决定对朱某某予以通报批评。特此通报。\n")
    _write_notice(minimal, "2026-06-decision.md",
                  "---\ntitle: 关于给予朱某某党内警告处分的决定\ndate: 2026-06-01\ncategory: 公告\n"
                  "signed_on: 2026-06-01\nissuer: 中共测试县纪委\n---\n\n给予朱某某党内警告处分。\n")
    _write_notice(minimal, "2026-06-empty.md",
                  "---\ntitle: 情况说明\ndate: 2026-06-01\ncategory: 通报\n"
                  "doc_number: 演纪发〔2026〕8号\nsigned_on: 2026-06-01\nissuer: 中共测试县纪委\n---\n")
    assert _problems(minimal) == [
        "content/notices/2026-06-decision.md:2: notice-reads-as-official",
        "content/notices/2026-06-decision.md:4: notice-style-not-frozen",  # (notes)
        "content/notices/2026-06-decision.md:4: notice-words-not-frozen",
        # (a 通报 titled 情况说明: no 文种, or not its category's)
        "content/notices/2026-06-empty.md:2: notice-title-genre",
        "content/notices/2026-06-empty.md:4: notice-body-required",
        "content/notices/2026-06-empty.md:4: notice-field-required",
        "content/notices/2026-06-empty.md:4: notice-style-not-frozen",
        "content/notices/2026-06-empty.md:4: notice-words-not-frozen",
        "content/notices/2026-06-news.md:2: notice-reads-as-official",
        "content/notices/2026-06-plain.md:9: notice-reads-as-official",
    ]


def test_punctuation_typed_after_addressee_and_cc_is_not_doubled_on_web_or_document(minimal):
    from generator import document
    from generator.checks import validate

    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "to: 东城镇党委、政府\n",
        "to: 东城镇党委、政府：\ncc: [县委办公室。, 县人民政府办公室，]\n"), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.valid
    assert [(p.line, p.code, p.severity) for p in report.sorted()] == [
        (7, "notice-punctuation-removed", "info"), (8, "notice-punctuation-removed", "info")]
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert '<p class="cs-doc-to">东城镇党委、政府：</p>' in page
    assert "抄送：县委办公室，县人民政府办公室。</p>" in page
    issued = next(n for n in data.notices if n["slug"] == "2026-05-notice")
    doc = document.from_notice(issued, data.site, data.labels)
    assert (doc.to, doc.cc_text) == ("东城镇党委、政府：",
                                     "抄送：县委办公室，县人民政府办公室。")


def test_the_page_of_an_issued_tongbao_says_what_its_document_says(minimal):
    """The cited cases are part of the 通报 (its Word/PDF prints them after 通报如下): its
    page is the same document, so it prints the same paragraphs, in the same place and
    order, with the same names (was: the page only linked them under 相关案例)."""
    import html as html_lib

    from generator import document
    from generator.checks import validate

    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "通报如下。\n", "通报如下。\n\n各单位要引以为戒。\n"), "utf-8")
    site = build(minimal, NOW, history=False)
    data, _report = validate(minimal, NOW)
    rec = next(n for n in data.published("notices") if n["slug"] == "2026-05-notice")
    doc = document.from_notice(rec, data.site, data.labels, cited=document.cited_blocks(rec, data))
    texts = [b.lead + b.text for b in doc.blocks if isinstance(b, document.Paragraph)]
    assert texts[0] == "现将东城镇办事员张某某推诿扯皮问题通报如下。"
    assert texts[-1] == "各单位要引以为戒。"
    assert texts[1].startswith("1.") and len(texts) >= 4
    page = site.pages["notices/2026-05-notice.md"].split("---\n", 2)[2]
    plain = html_lib.unescape(re.sub(r"<[^>]+>", "", page))
    positions = [plain.index(text) for text in texts]
    assert positions == sorted(positions)
    assert plain.index(texts[-1]) < plain.index("## 相关案例")


def test_a_case_the_body_reports_itself_is_not_printed_again(demo_site):
    """The monthly bulletin lists its cases in its own words (二、典型问题通报, each linked):
    neither its document nor its page prints them again after 通报如下 (they did: the
    three exposures as 1.–3. before 一、, and the clarification as a 4th problem)."""
    from generator import document
    from generator.checks import validate

    data, _report = validate(ROOT, NOW)
    rec = next(n for n in data.published("notices") if n["slug"] == "2026-10-bulletin")
    assert document.cited_cases(rec, data) == ()
    doc = document.from_notice(rec, data.site, data.labels, cited=document.cited_blocks(rec, data))
    texts = [b.lead + b.text for b in doc.blocks if isinstance(b, document.Paragraph)]
    assert sum("高某某在违法占地查处中办事拖拉问题" in t for t in texts) == 1
    assert not any(t.startswith("4.") for t in texts)
    page = demo_site.pages["notices/2026-10-bulletin.md"]
    body = page.split("## 相关案例")[0]
    assert "cs-doc-case" not in page and body.count("高某某在违法占地查处中办事拖拉问题") == 1
    # A notice whose body does not write its cases out still prints them (2026-05-20).
    typical = next(n for n in data.published("notices") if n["slug"] == "2026-05-20-typical-cases")
    assert [c["id"] for c in document.cited_cases(typical, data)] == [
        "2026-017", "2026-031", "2026-002"]


def _docx_text(docx: bytes) -> str:
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def _issued_part(page: str) -> str:
    """A notice page without the site's own words: its summary above the 版头 (from the
    records as they are now) and its sections after the document (相关案例 …)."""
    return re.sub(r'<p class="cs-doc-summary">.*?</p>\n\n', "", page.split("\n## 相关案例")[0])


def test_an_issued_tongbao_changes_no_byte_when_its_case_and_unit_are_edited(minimal):
    """What staff may change in a cited case after issue (its title, facts, measures,
    outcome, a person's position, the unit's name), and the commission's own name in the
    site's settings, change the case's page, the site's list of related cases and the
    site's footer, never one byte of the notice's text, its Word or its PDF."""
    path = "notices/2026-05-notice"
    first = build(minimal, NOW, history=False)
    case = minimal / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    for old, new in (("title: 东城镇办事员张某某推诿扯皮问题", "title: 东城镇办事员张某某敷衍塞责问题"),
                     ("过程中推诿扯皮。", "过程中推诿扯皮，群众多次往返。"),
                     ("measures: [诫勉谈话]", "measures: [党内警告]"),
                     ("position: 办事员", "position: 科员"),
                     ("outcome: 责令整改。", "outcome: 责令限期整改。")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    case.write_text(text, "utf-8")
    units = minimal / "data/units.csv"
    units.write_text(units.read_text("utf-8").replace("XZ01,东城镇,", "XZ01,东城街道,"), "utf-8")
    submissions = minimal / "data/submissions.csv"
    submissions.write_text(submissions.read_text("utf-8").replace(",东城镇,", ",东城街道,"),
                           "utf-8")
    site = minimal / "site_config/site.yml"  # the commission renamed by a reform
    text = site.read_text("utf-8")
    assert text.count("authority: ") == 1
    site.write_text(re.sub(r"authority: .*", "authority: 中共演示县纪委　演示县监委", text),
                    "utf-8")
    second = build(minimal, NOW, history=False)
    assert second.data.site["authority"] == "中共演示县纪委　演示县监委"
    assert second.pages["cases/2026-001.md"] != first.pages["cases/2026-001.md"]
    assert "群众多次往返" in second.pages["cases/2026-001.md"]
    page = second.pages[f"{path}.md"]
    assert _issued_part(page) == _issued_part(first.pages[f"{path}.md"])
    # the site's summary above it follows the record, as the case's page does
    assert "1&#46;东城街道科员张某某（党内警告）。</p>" in page
    assert "1.东城镇办事员张某某推诿扯皮问题。" in page and "张某受到诫勉谈话。" in page
    assert "敷衍塞责问题](../cases/2026-001.md)" in page  # the site's link: the case as it is
    for kind in ("docx", "pdf"):
        assert second.files[f"{path}.{kind}"] == first.files[f"{path}.{kind}"], kind
    assert "张某受到诫勉谈话。" in _docx_text(second.files[f"{path}.docx"])


def _unquote(project: Path) -> None:
    """The minimal notice's body names its case by the case's title: a case withdrawn since
    would be quoted there (quotes-unpublished-record), which these tests are not about."""
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "现将东城镇办事员张某某推诿扯皮问题通报如下。", "现将有关问题通报如下。"), "utf-8")


def test_a_case_withdrawn_after_the_tongbao_is_not_published_again_through_it(minimal):
    """A discipline commission that withdraws a case does not keep publishing it through
    the 通报 that reported it: the notice keeps its number 1., with the site's statement in
    place of the case's words, on its page and in its Word/PDF; check lets it be built (the
    notice is not rewritten) and notes that no correction states it yet, while a notice
    whose text was never frozen is still refused."""
    from generator.checks import validate

    _unquote(minimal)
    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                    "  reason: 事实有误\n", "utf-8")
    assert validate(minimal, NOW)[1].flatten() == [
        ("content/notices/2026-05-notice.md", 15, "notice-case-withdrawn-uncorrected")]
    assert validate(minimal, NOW)[1].valid
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    statement = "〔网站说明：该案例已于2026年6月1日撤回，原文中的案例内容不再公开。〕"
    assert f'<p class="cs-doc-case cs-doc-withheld"><strong>1.</strong>{statement}</p>' in page
    assert "在办理低保申请过程中" not in page and "诫勉谈话" not in page
    assert "[（该案例已撤回）](../cases/2026-001.md)" in page
    docx = _docx_text(site.files["notices/2026-05-notice.docx"])
    assert statement in docx and "在办理低保申请过程中" not in docx
    notice = minimal / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    notice.write_text(text[:text.index("case_texts:")] + text[text.index("---\n\n"):], "utf-8")
    assert [code for _p, _l, code in validate(minimal, NOW)[1].flatten()] == [
        "notice-cites-withdrawn-case"]


SUMMARY = re.compile(r'<p class="cs-doc-summary">(.*?)</p>')


def test_an_issued_notice_is_summarised_by_the_site_above_its_banner(minimal):
    """On a phone the first case of an issued 通报 came under its 版头, 文号, 标题, 主送 and
    preamble, below the first screen. The site now says above the 版头 who the notice names
    and how each was handled, as its own words (never the document's: not in its Word),
    from the published records: a case withdrawn since is counted, never named."""
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    assert SUMMARY.findall(page) == [
        "本站摘要（非文件原文）：文中列出案例1起：1&#46;东城镇办事员张某某（诫勉谈话）。"]
    order = [page.index(f'<p class="cs-doc-{part}">')
             for part in ("site", "summary", "issuer", "number", "to")]
    assert order == sorted(order) and order[3] < page.index("\n# ") < order[4]
    assert "本站摘要" not in _docx_text(site.files["notices/2026-05-notice.docx"])
    _unquote(minimal)
    first = minimal / "data/cases/2026-001.yml"
    second = minimal / "data/cases/2026-002.yml"
    second.write_text(first.read_text("utf-8").replace("id: 2026-001", "id: 2026-002")
                      .replace("name: 张某某", "name: 李某").replace("position: 办事员",
                      "position: 站长*").replace("[诫勉谈话]", "[党内警告]"), "utf-8")
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("cases: [2026-001]",
                                                        "cases: [2026-001, 2026-002]")
                      .replace("---\n\n", '  - case: "2026-002"\n    heading: "东城镇站长李某问题"\n'
                               "    text: 李某受到警告。\n---\n\n"), "utf-8")
    first.write_text(first.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                     "  reason: 事实有误\n", "utf-8")
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert SUMMARY.findall(page) == [
        "本站摘要（非文件原文）：文中列出案例2起：2&#46;东城镇站长&#42;李某（党内警告）。"
        "另有1起已撤回，不再公开。"]
    second.write_text(second.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                      "  reason: 事实有误\n", "utf-8")
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert SUMMARY.findall(page) == ["本站摘要（非文件原文）：文中列出案例2起，均已撤回，不再公开。"]


def test_every_issued_demo_tongbao_is_summarised_by_who_it_names_and_how(demo_site):
    """Each issued 通报 of the demo: the cases it cites (the first three named, one corrected
    since saying so), or the units its frozen list names, by standing, with the measures."""
    found = {path: SUMMARY.findall(text) for path, text in demo_site.pages.items()
             if path.startswith("notices/") and 'class="cs-doc-issuer"' in text}
    assert found == {
        "notices/2026-03-01-campaign-launch.md": [],
        "notices/2026-11-05-summary-phase.md": [],
        "notices/2026-04-08-commitments-bulletin.md": [
            "本站摘要（非文件原文）：文中名单列出15家单位15项（未报送10项、迟报5项）；"
            "整改要求：限期补报、书面说明、扣分。"],
        "notices/2026-05-20-typical-cases.md": [
            "本站摘要（非文件原文）：文中列出案例3起：1&#46;县城市管理局办事员张某（责令检查）；"
            "2&#46;县退役军人事务局站长李某某（党内严重警告）；3&#46;柳溪镇副镇长林某（党内警告、政务记大过）"
            "（本文发布后，该案例于2026年6月2日更正，以案例页面为准）。"],
        "notices/2026-10-bulletin.md": [
            "本站摘要（非文件原文）：文中列出案例4起，其中：1&#46;县医疗保障局窗口工作人员高某某"
            "（调离岗位）；2&#46;县委组织部窗口工作人员刘某某（诫勉谈话）；3&#46;县委老干部局窗口"
            "工作人员李某某（调离岗位），分管负责人李某（责令检查）；其余见正文。"]}


def test_what_the_site_says_in_a_notice_that_is_no_tongbao_does_not_call_it_one(minimal):
    """The site's statements in a notice (a cited case withdrawn or corrected since) are
    printed in a 公告 and a 工作动态 too: they say 原文 and 本文, not 原通报 and 本通报."""
    _unquote(minimal)
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("category: 通报", "category: 公告")
                      .replace("title: 关于东城镇推诿扯皮问题的通报", "title: 东城镇推诿扯皮问题处理情况公告"),
                      "utf-8")
    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                    "  reason: 事实有误\n", "utf-8")
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    assert "〔网站说明：该案例已于2026年6月1日撤回，原文中的案例内容不再公开。〕" in page
    assert "通报" not in page.replace("现将有关问题通报如下", "")
    case.write_text(case.read_text("utf-8").split("withdrawn:")[0] + "corrections:\n"
                    "  - date: 2026-06-02\n    text: 更正了处理结果。\n", "utf-8")
    notice.write_text(notice.read_text("utf-8").replace("category: 公告", "category: 工作动态")
                      .replace("现将有关问题通报如下。", "东城镇已整改。")
                      .replace("doc_number: 演纪发〔2026〕7号\n", ""), "utf-8")
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert "（本文发布后，该案例于2026年6月2日更正，以案例页面为准）" in page
    assert "通报" not in page


def test_the_frozen_text_is_printed_as_text(minimal):
    """The frozen text is staff data on its way to HTML: markup in it is printed as the
    characters typed, on the page, and kept as text in the document."""
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "      责令整改。\n", "      责令整改<script>alert(1)</script>**粗**。\n"), "utf-8")
    site = build(minimal, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    assert "<p class=\"cs-doc-case\">责令整改&lt;script&gt;alert(1)&lt;/script&gt;**粗**。</p>" in page
    assert "<script>" not in page
    assert "责令整改<script>alert(1)</script>**粗**。" in _docx_text(
        site.files["notices/2026-05-notice.docx"]).replace("&lt;", "<").replace("&gt;", ">")


def test_notice_freeze_writes_the_cases_text_once_and_keeps_the_rest_of_the_file(
        minimal, monkeypatch, capsys):
    """`notice freeze` writes what the notice prints from live records, its issuer and its
    cases' text (the minimal notice as frozen), leaving every other byte of the file as it
    was (Windows line ends too); an issued notice is never rewritten; a draft is, with
    --force."""
    from conftest import NOW_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    # (a site without a 印发机关 of its own: the one it has is frozen with the issuer,
    # test_the_printer_in_the_record_…)
    site = minimal / "site_config/site.yml"
    site.write_text(re.sub(r"\nprinter: .*", "", site.read_text("utf-8")), "utf-8")
    notice = minimal / "content/notices/2026-05-notice.md"
    frozen = notice.read_text("utf-8")
    legacy = frozen[:frozen.index("issuer:")] + frozen[frozen.index("---\n\n"):]
    notice.write_bytes(legacy.replace("\n", "\r\n").encode("utf-8"))
    root = ["--root", str(minimal)]
    assert main([*root, "notice", "freeze", "content/notices/2026-05-notice.md"]) == 0
    written = notice.read_bytes().decode("utf-8")
    head, body = frozen[:frozen.index("issuer:")], frozen[frozen.index("---\n\n"):]
    assert written.startswith(head.replace("\n", "\r\n"))
    assert written.endswith(body.replace("\n", "\r\n"))
    # the same values as the minimal notice frozen by hand (its words written on one line),
    # the case said as the command says it today (frozen before: 张某受到诫勉谈话。)
    today = frozen.replace("张某受到诫勉谈话。", "张某某受到诫勉谈话处理。")
    assert today != frozen
    assert _front_text(written.replace("\r\n", "\n")) == _front_text(today)
    assert "\r\nwords:\r\n  attachments: \"附件：\"\r\n" in written
    out = capsys.readouterr().out
    assert "case_texts：2026-001" in out and "issuer：中共演示县纪律检查委员会" in out
    assert "公文用语（words" in out
    assert main([*root, "notice", "freeze", "--force", "content/notices/2026-05-notice.md"]) == 2
    assert "已发布" in capsys.readouterr().err
    assert main([*root, "notice", "freeze", "--all"]) == 0  # nothing left to freeze
    assert "没有需要固定的通报" in capsys.readouterr().out
    # A draft: refused without --force, rewritten from the case as it is now with it.
    draft = frozen.replace("category: 通报\n", "category: 通报\ndraft: 是\n").replace(
        "      责令整改。\n", "      已改过的原文。\n")
    notice.write_text(draft, "utf-8")
    assert main([*root, "notice", "freeze", "content/notices/2026-05-notice.md"]) == 2
    assert notice.read_text("utf-8") == draft
    assert main([*root, "notice", "freeze", "--force", "content/notices/2026-05-notice.md"]) == 0
    assert notice.read_text("utf-8") == today.replace("category: 通报\n",
                                                      "category: 通报\ndraft: 是\n")


def test_the_audit_counts_a_withdrawn_cases_frozen_text_as_unpublished(minimal):
    """The last gate agrees with the build: the text a notice froze of a case withdrawn since
    is content that must not be in the built site (it is published while the case is)."""
    from generator import audit
    from generator.checks import validate
    from generator.normalise import normalise

    line = normalise("2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。张某受到诫勉谈话。")
    data, _report = validate(minimal, NOW)
    assert line not in audit.policy_for(data).hidden
    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                    "  reason: 事实有误\n", "utf-8")
    data, _report = validate(minimal, NOW)
    assert line in audit.policy_for(data).hidden


# An embargo is read as the county's time (the site's zone, UTC+8) in every form staff
# write it, and the build time as SOURCE_DATE_EPOCH says: a notice is never public before
# the moment written; a form with a second reading is refused at its line.
EMBARGO_FORMS = {  # written -> the moment it is, county time
    "2026-12-01 09:00": (9, 0), "2026年12月1日 9:00": (9, 0), "2026.12.1 9:00": (9, 0),
    "2026/12/1 09:00:00": (9, 0), "2026年12月1日9时30分": (9, 30), "2026-12-01 9点30": (9, 30),
    "2026年12月1日9时": (9, 0), "2026-12-01T09:00+08:00": (9, 0), "2026-12-01 09:00 +0800": (9, 0),
    "2026-12-01 09:00+08": (9, 0), "2026-12-01T01:00Z": (9, 0), "2026-12-01 01:00 UTC": (9, 0),
    "2026-11-30T17:00-08:00": (9, 0), "2026-12-01 09:00 UTC+8": (9, 0),
    "北京时间2026年12月1日9时": (9, 0), "2026-12-01 09:00（北京时间）": (9, 0),
    "2026-12-01 00:00": (0, 0)}
EMBARGO_REFUSED = {
    "2026-12-01": "datetime-no-time", "2026年12月1日": "datetime-no-time",
    "2026.12.1": "datetime-no-time", "2026-12-01 下午3点": "datetime-twelve-hour",
    "2026-12-01 9:00 PM": "datetime-twelve-hour", "2026年12月1日上午9时": "datetime-twelve-hour",
    "2026-12-01 09:00 CST": "datetime-zone-name", "2026-12-01 9:5": "bad-datetime",
    "2026-12-01 24:00": "bad-datetime", "明天上午": "bad-datetime",
    "2026-12-01 09:00+08:00 UTC+8": "bad-datetime"}


def _scheduled(project: Path, embargo: str) -> Path:
    path = project / "content/notices/2026-05-notice.md"
    text = path.read_text("utf-8")
    text = text.replace("date: 2026-05-10\n", f"date: 2026-12-01\nembargo: \"{embargo}\"\n", 1)
    path.write_text(text.replace("signed_on: 2026-05-09", "signed_on: 2026-11-30"), "utf-8")
    return path


def test_an_embargo_is_the_countys_time_in_every_form_and_never_lifts_early(minimal,
                                                                          monkeypatch):
    from generator.checks import validate

    _scheduled(minimal, "2026-12-01 09:00")
    path = minimal / "content/notices/2026-05-notice.md"
    base = path.read_text("utf-8")
    for written, (hour, minute) in EMBARGO_FORMS.items():
        path.write_text(base.replace('"2026-12-01 09:00"', f'"{written}"'), "utf-8")
        moment = dt.datetime(2026, 12, 1, hour, minute, tzinfo=TZ)
        for at, state in ((moment - dt.timedelta(seconds=1), "embargoed"), (moment, "published")):
            monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(at))
            data, report = validate(minimal)
            notice = data.collections["notices"][0]
            assert notice["embargo"] == moment and notice["embargo"].utcoffset() == \
                dt.timedelta(hours=8), written
            assert (notice.state, report.flatten()) == (state, []), (written, at)


def test_an_embargo_with_a_second_reading_is_refused_at_its_line(minimal):
    path = _scheduled(minimal, "x")
    base = path.read_text("utf-8")
    for written, code in EMBARGO_REFUSED.items():
        path.write_text(base.replace('"x"', f'"{written}"'), "utf-8")
        assert _problems(minimal) == [f"content/notices/2026-05-notice.md:4: {code}"], written


def test_a_scheduled_documents_mark_states_the_countys_time(minimal):
    from generator import document
    from generator.checks import validate

    path = _scheduled(minimal, "2026-12-01T01:00Z")
    data, _report = validate(minimal, NOW)
    notice = data.collections["notices"][0]
    assert notice.state == "embargoed"
    # in the words of a 公文 (GB/T 15835: 9时, 15时40分), never an ISO stamp on the page
    assert document.unissued_mark(notice, data.labels["document"]) == \
        "未发布　定于2026年12月1日9时公开，此前不得印发或公开"
    path.write_text(path.read_text("utf-8").replace("T01:00Z", "T07:40Z"), "utf-8")
    data, _report = validate(minimal, NOW)
    assert "定于2026年12月1日15时40分公开" in document.unissued_mark(
        data.collections["notices"][0], data.labels["document"])


def test_renaming_labels_after_issue_changes_no_byte_of_an_issued_notice(minimal):
    """The words an issued 公文 prints besides its own text (附件, 抄送, 印发, the list's
    headers, 联系人, the correction 附注) are frozen into it (`words`): a county rewording
    them in labels.yml changes the notices it issues next, never one byte of an issued
    one, on its page, in its Word or in its PDF. A notice without frozen words (a draft)
    prints the labels as they are."""
    path = "notices/2026-05-notice"
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "signed_on: 2026-05-09\n", "signed_on: 2026-05-09\ncc: [县委办公室]\n"
        "contact: {name: 县专项治理办公室, phone: 0874-8212345}\n"
        "corrections: [{date: 2026-05-12, text: 更正文号}]\n"), "utf-8")
    first = build(minimal, NOW, history=False)
    page = first.pages[f"{path}.md"]
    assert "抄送：县委办公室。" in page and "（联系人：县专项治理办公室" in page
    labels = minimal / "site_config/labels.yml"
    text = labels.read_text("utf-8")
    for old, new in (('  cc: "抄送："', '  cc: "抄报："'), ('  printed: "{date}印发"', '  printed: "{date}印制"'),
                     ('  contact: "（联系人：{name}，联系电话：{phone}）"', '  contact: "（经办：{name}，电话：{phone}）"'),
                     ('  correction: "（本文件于{date}更正：{text}）"', '  correction: "（{date}更正：{text}）"'),
                     ("\n  cc: 抄送\n", "\n  cc: 抄报\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    labels.write_text(text, "utf-8")
    second = build(minimal, NOW, history=False)
    assert _issued_part(second.pages[f"{path}.md"]) == _issued_part(page)
    for kind in ("docx", "pdf"):
        assert second.files[f"{path}.{kind}"] == first.files[f"{path}.{kind}"], kind
    # the same notice without its frozen words prints the labels of the day
    notice.write_text("\n".join(line for line in notice.read_text("utf-8").split("\n")
                                if not line.startswith("words:")), "utf-8")
    third = build(minimal, NOW, history=False)
    page = third.pages[f"{path}.md"]
    assert "抄报：县委办公室。" in page and "（经办：县专项治理办公室" in page
    docx = _docx_text(third.files[f"{path}.docx"])
    assert "抄报：县委办公室。" in docx and "2026年5月10日印制" in docx
    assert "（2026年5月12日更正：" in docx


def _restyled(template: bytes) -> bytes:
    """The template with the body set in 4号 instead of 3号, as a clerk restyles it."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/styles.xml":
                text = data.decode("utf-8")
                at = text.index('w:styleId="公文正文"')
                end = text.index("</w:style>", at)
                assert text[at:end].count('<w:sz w:val="32"/>') == 1
                text = text[:at] + text[at:end].replace('<w:sz w:val="32"/>',
                                                        '<w:sz w:val="28"/>') + text[end:]
                data = text.encode("utf-8")
            z.writestr(info, data)
    return out.getvalue()


def test_restyling_the_template_after_issue_changes_no_byte_of_an_issued_notice(minimal):
    """An issued 公文 is laid out with the template and font rules it was issued with
    (`document_style`, their SHA-256): a county restyling site_config/document-template.docx
    keeps the old one under site_config/document-styles/ (any name), and the issued
    notice's Word and PDF keep every byte; without it check refuses at the notice's line
    and the build stops, never re-laying out the issued document. A notice that froze no
    style (issued before, or a draft) takes the template as it is now."""
    from generator.pipeline import ProblemsFound, check

    path = "notices/2026-05-notice"
    notice = minimal / "content/notices/2026-05-notice.md"
    assert "\ndocument_style:\n  template: " in notice.read_text("utf-8")
    first = build(minimal, NOW, history=False)
    template = minimal / "site_config/document-template.docx"
    issued_with = template.read_bytes()
    template.write_bytes(_restyled(issued_with))
    line = notice.read_text("utf-8").split("\n").index(
        next(x for x in notice.read_text("utf-8").split("\n") if x.startswith("  template: "))) + 1
    _data, report = check(minimal, NOW)
    assert [f"{p}:{n}: {c}" for p, n, c in report.flatten()] == [
        f"content/notices/2026-05-notice.md:{line}: document-style-missing"]
    try:
        build(minimal, NOW, history=False)
        raise AssertionError("built with the issued template lost")
    except ProblemsFound as found:
        assert [c for _p, _n, c in found.report.flatten()] == ["document-style-missing"]
    kept = minimal / "site_config/document-styles"
    kept.mkdir()
    (kept / "2026年5月以前的模板.docx").write_bytes(issued_with)
    _data, report = check(minimal, NOW)
    assert report.flatten() == []
    second = build(minimal, NOW, history=False)
    for kind in ("docx", "pdf"):
        assert second.files[f"{path}.{kind}"] == first.files[f"{path}.{kind}"], kind
    # the same notice without its frozen style is made with the restyled template
    text = notice.read_text("utf-8")
    start = text.index("document_style:\n")
    notice.write_text(text[:start] + text[text.index("case_texts:", start):], "utf-8")
    third = build(minimal, NOW, history=False)
    assert third.files[f"{path}.docx"] != first.files[f"{path}.docx"]
    assert _body_size(third.files[f"{path}.docx"]) == "28"
    assert _body_size(second.files[f"{path}.docx"]) == "32"
    # and notice freeze writes the digests of the template and font rules in use
    assert main(["--root", str(minimal), "notice", "freeze", str(notice)]) == 0
    front = _front(notice)
    from generator.notices import file_digest
    assert front["document_style"] == {
        "template": file_digest(template),
        "fonts": file_digest(minimal / "site_config/fonts.conf")}


def _body_size(docx: bytes) -> str:
    """The size (half-points) the .docx's body style 公文正文 sets."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        text = z.read("word/styles.xml").decode("utf-8")
    at = text.index('w:styleId="公文正文"')
    return re.search(r'<w:sz w:val="(\d+)"/>', text[at:text.index("</w:style>", at)]).group(1)


# Words by which a text claims to issue something: the closing formulas of a 通报 or 决定,
# a 印发 sentence, and a 文号 (代字〔年份〕序号号, in any bracket a clerk types).
ISSUING = re.compile(r"特此通报|现予(?:以)?通报|予以通报(?!批评)|通报如下|特此决定|决定如下|现予印发"
                     r"|印发给你们|现印发|经研究[，,]?(?:决定|同意)|研究决定|[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号")
# A heading or title that names a document of the kind only an issued notice is.
TITLED = re.compile(r"(?:通报|决定|处分|处理意见)\s*$")


def _cited_documents(data) -> list[str]:
    """What every page may quote of the documents the commission issued: each published
    notice's title and 文号 and each campaign's (方案) 文号, longest first."""
    found = set()
    for notice in data.published("notices"):
        found.update(str(notice.get(k) or "").strip() for k in ("title", "doc_number"))
    for campaign in [data.campaign, *data.collections.get("campaigns", [])]:
        found.add(str(campaign.get("doc_number") or "").strip())
    return sorted((f for f in found if f), key=len, reverse=True)


def _headings(path: str, text: str) -> list[str]:
    """The headings and titles a computed page shows: Markdown headings and front-matter
    titles, and the titles of feed entries."""
    if path.endswith(".xml"):
        return re.findall(r"<title[^>]*>([^<]*)</title>", text)
    return [m.group(2) for m in re.finditer(r"^(#{1,6}\s+|title:\s*)(.+?)\s*#*\s*$", text, re.M)]


def test_no_computed_page_or_file_of_the_demo_reads_as_an_issued_document(demo_site):
    """Only a notice staff issue is a 通报 or 决定 (content/notices/, with its 文号): every
    page, feed, open-data file and chart the generator computes from the records states
    status, quoting issued notices by their titles and 文号 only. Scanned after those
    quotations are taken out: no issuing formula (特此通报, 现予通报, 印发给你们 …), no
    文号-like string, and no heading or feed title that names a 通报/决定/处分; the only
    Word and PDF files are those of the issued 公文 themselves."""
    from generator import document

    data = demo_site.data
    cited = _cited_documents(data)
    own = {f"notices/{n['slug']}.md" for n in data.collections.get("notices", [])}
    texts = {path: text for path, text in demo_site.pages.items() if path not in own}
    texts.update({path: content.decode("utf-8") for path, content in demo_site.files.items()
                  if path.endswith((".xml", ".csv", ".json", ".md", ".svg", ".txt"))
                  and not path.startswith("admin/")})
    assert len(texts) > 300 and "feeds/notices.xml" in texts and "index.md" in texts
    claims, titled = [], []
    for path, text in texts.items():
        for quoted in cited:
            text = text.replace(quoted, "〈引〉")
        claims += [(path, m.group()) for m in ISSUING.finditer(text)]
        titled += [(path, h) for h in _headings(path, text) if TITLED.search(h)]
    assert claims == [] and titled == []
    # the scan finds what it looks for: a computed page quoting a 文号 of its own
    assert ISSUING.search("依据演纪发［2026］12号文件") and TITLED.search("## 关于东城镇的通报")
    assert ISSUING.search("经研究，决定约谈上述单位主要负责人") and ISSUING.search("现予以通报")
    issued = {path for slug in (n["slug"] for n in document.issued(data))
              for path in document.site_paths({"slug": slug}).values()}
    assert {p for p in demo_site.files if p.endswith((".docx", ".pdf"))} == issued
    assert len(issued) == 10  # five issued 公文, each a .docx and a PDF


def test_no_help_text_gives_a_doc_number_of_its_own():
    """The schema's help texts are printed in public (the open-data descriptions, the
    editor): an example 文号 there (如 演纪发〔2026〕5号) reads as a number the commission
    issued. They say the form, never a number."""
    from generator.problems import own_yaml

    helps = []

    def walk(node):
        if isinstance(node, dict):
            helps.extend(str(v) for k, v in node.items() if k == "help")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(own_yaml("schema.yml"))
    assert len(helps) > 200
    assert [h for h in helps if ISSUING.search(h)] == []


def test_an_issued_notice_rewritten_without_a_correction_never_says_it_stands(tmp_path):
    """A 公文's page says above its 版头 whether it was corrected since the site published
    it. Text rewritten on a later day with no `corrections` entry (its 更新记录 lists the
    commit) made the line read 发布后未更正: it now says the notice was changed without a
    stated correction; a correction entry states it, as the seeds' 更正 do."""
    def site_line() -> str:
        page = build(repo, NOW).pages["notices/2026-05-notice.md"]
        return re.search(r'<p class="cs-doc-site">(.*?)</p>', page).group(1)

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    notice.write_text(notice.read_text("utf-8") + "\n（此段为发布当日补充。）\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "发布当日补充", when="2026-05-10T17:00:00+08:00")
    assert site_line().endswith("发布后未更正。")  # the day it is issued
    text = notice.read_text("utf-8")
    assert text.count("推诿扯皮问题通报如下") == 1
    notice.write_text(text.replace("推诿扯皮问题通报如下", "推诿扯皮、敷衍塞责问题通报如下"), "utf-8")
    _git(repo, "commit", "-q", "-am", "改写正文", when="2026-06-01T09:00:00+08:00")
    assert site_line().endswith("发布后有修改，未写明更正内容，见文末更新记录。")
    notice.write_text(notice.read_text("utf-8").replace(
        "signed_on: 2026-05-09\n",
        "signed_on: 2026-05-09\ncorrections: [{date: 2026-06-01, text: 问题表述增加“敷衍塞责”}]\n"),
        "utf-8")
    _git(repo, "commit", "-q", "-am", "写明更正", when="2026-06-01T10:00:00+08:00")
    line = site_line()
    assert "2026年6月1日" in line and "发布后有修改" not in line and "未更正" not in line


def test_check_says_an_issued_notice_was_rewritten_without_a_correction(tmp_path):
    """The page said 发布后有修改 of a 公文 rewritten after the day it was published with no
    `corrections` entry; check was silent. It now says so (a note: the build goes on) at
    the notice's date line, naming the days and how to write the entry; a correction dated
    on or after the rewrite answers it, and a rewrite after that correction is said again."""
    from generator.pipeline import check

    def said() -> list:
        _data, report = check(repo, NOW)
        assert report.valid
        return [(p.path, p.line, p.message) for p in report.problems
                if p.code == "notice-revised-uncorrected"]

    def site_line() -> str:
        page = build(repo, NOW).pages["notices/2026-05-notice.md"]
        return re.search(r'<p class="cs-doc-site">(.*?)</p>', page).group(1)

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    lines = notice.read_text("utf-8").split("\n")
    date_line = lines.index("date: 2026-05-10") + 1
    signed_line = lines.index("signed_on: 2026-05-09") + 1
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    assert said() == []
    text = notice.read_text("utf-8")
    notice.write_text(text.replace("推诿扯皮问题通报如下", "推诿扯皮、敷衍塞责问题通报如下"), "utf-8")
    _git(repo, "commit", "-q", "-am", "改写正文", when="2026-06-01T09:00:00+08:00")
    found = said()
    assert [(path, line) for path, line, _m in found] == [
        ("content/notices/2026-05-notice.md", date_line)]
    assert "（2026-05-10）之后又于2026-06-01被修改" in found[0][2]
    assert "corrections" in found[0][2] and "不早于2026-06-01" in found[0][2]
    # a correction dated before the rewrite does not state it
    notice.write_text(notice.read_text("utf-8").replace(
        "signed_on: 2026-05-09\n",
        "signed_on: 2026-05-09\ncorrections: [{date: 2026-05-20, text: 更正标点}]\n"), "utf-8")
    _git(repo, "commit", "-q", "-am", "写明更正", when="2026-06-01T10:00:00+08:00")
    found = said()
    assert len(found) == 1 and "2026-06-01" in found[0][2]
    assert found[0][1] == signed_line + 1  # at its corrections, where the entry goes
    assert site_line().endswith("发布后有修改，未写明更正内容，见文末更新记录。")
    notice.write_text(notice.read_text("utf-8").replace(
        "{date: 2026-05-20, text: 更正标点}",
        "{date: 2026-05-20, text: 更正标点}, {date: 2026-06-01, text: 问题表述增加“敷衍塞责”}"),
        "utf-8")
    _git(repo, "commit", "-q", "-am", "写明更正", when="2026-06-01T11:00:00+08:00")
    assert said() == []
    assert "发布后有修改" not in site_line()
    # rewritten again on a later day, after the correction: said again
    notice.write_text(notice.read_text("utf-8").replace("敷衍塞责问题", "敷衍塞责等问题"), "utf-8")
    _git(repo, "commit", "-q", "-am", "再次改写", when="2026-06-10T09:00:00+08:00")
    found = said()
    assert len(found) == 1 and "之后又于2026-06-10被修改" in found[0][2]
    assert site_line().endswith("发布后有修改，未写明更正内容，见文末更新记录。")


def test_what_was_committed_before_the_site_was_launched_is_no_public_history(tmp_path):
    """A county types in and corrects its issued 通报 while it sets the site up, then
    opens it: every notice edited during the set-up said 发布后有修改，未写明更正内容 and
    listed the set-up's commits as 更新记录 (the demo's five 公文 did so with the
    generator's own development). site.yml's `launched` is the day the site went public:
    what was committed before it is not listed, nor counted as a rewrite; a rewrite on a
    later day still is, and check says it from the launch day. A site previewed before its
    launch day lists nothing."""
    from generator.pipeline import check

    def said() -> list:
        _data, report = check(repo, NOW)
        return [(p.code, p.line, p.message) for p in report.problems
                if p.code == "notice-revised-uncorrected"]

    def page() -> str:
        return build(repo, NOW).pages["notices/2026-05-notice.md"]

    def site_line() -> str:
        return re.search(r'<p class="cs-doc-site">(.*?)</p>', page()).group(1)

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    settings = repo / "site_config/site.yml"
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "录入", when="2026-05-10T09:00:00+08:00")
    text = notice.read_text("utf-8")
    notice.write_text(text.replace("推诿扯皮问题通报如下", "推诿扯皮、敷衍塞责问题通报如下"), "utf-8")
    _git(repo, "commit", "-q", "-am", "校对", when="2026-06-01T09:00:00+08:00")
    assert site_line().endswith("发布后有修改，未写明更正内容，见文末更新记录。")
    assert "2026年6月1日" in page()
    site = settings.read_text("utf-8")
    settings.write_text(site + "launched: 2026-06-05\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "上线", when="2026-06-05T09:00:00+08:00")
    assert said() == []
    assert site_line().endswith("发布后未更正。")
    assert "2026年6月1日" not in page()  # the set-up's commit is not listed
    # rewritten after the launch: said, from the launch day
    notice.write_text(notice.read_text("utf-8").replace("敷衍塞责问题", "敷衍塞责等问题"), "utf-8")
    _git(repo, "commit", "-q", "-am", "再次改写", when="2026-06-10T09:00:00+08:00")
    found = said()
    assert [(code, line) for code, line, _m in found] == [
        ("notice-revised-uncorrected", notice.read_text("utf-8").split("\n").index(
            "date: 2026-05-10") + 1)]
    assert "在网站发布（2026-06-05）之后又于2026-06-10被修改" in found[0][2]
    assert site_line().endswith("发布后有修改，未写明更正内容，见文末更新记录。")
    assert "2026年6月10日" in page() and "2026年6月1日" not in page()
    # previewed before its launch day: no change is public yet
    settings.write_text(site + "launched: 2026-12-31\n", "utf-8")
    assert said() == []
    assert site_line().endswith("发布后未更正。") and "2026年6月10日" not in page()


SEAL = "（此件公开发布，网站发布件不加盖印章）"


def test_an_issued_document_says_it_bears_no_seal_in_the_words_it_froze(tmp_path):
    """GB/T 9704 lets a 公文 go without a seal only as what it is: the site's Word/PDF and
    page bore none and said nothing. An issued notice prints the 附注 it froze at issue
    (words.seal) under its 成文日期, before its contact and corrections, whatever
    labels.yml says later; a draft's or a scheduled notice's document carries its mark
    instead."""
    from generator import document
    from generator.checks import validate

    repo = make_project(tmp_path / "county")
    labels = repo / "site_config/labels.yml"
    labels.write_text(labels.read_text("utf-8").replace(SEAL, "（此件不加盖印章）"), "utf-8")
    data, report = validate(repo, NOW)
    assert report.valid
    notice = next(n for n in data.notices if n["slug"] == "2026-05-notice")
    doc = document.from_notice(notice, data.site, data.labels)
    assert doc.notes[0] == SEAL and doc.mark == ""
    assert "<p class=\"cs-doc-note\">" + SEAL + "</p>" in build(repo, NOW).pages[
        "notices/2026-05-notice.md"]
    unfrozen = {**notice, "words": {k: v for k, v in notice["words"].items() if k != "seal"}}
    assert document.from_notice(unfrozen, data.site, data.labels).notes[0] == "（此件不加盖印章）"
    for state in ({"draft": True}, {"embargo": dt.datetime(2026, 12, 20, 9, tzinfo=TZ)}):
        drafted = {**notice, **state}
        if "embargo" in state:
            class Scheduled(dict):
                state = "embargoed"
            drafted = Scheduled(drafted)
        made = document.from_notice(drafted, data.site, data.labels)
        assert made.mark and SEAL not in made.notes


def test_freeze_adds_a_word_the_generator_came_to_print_and_history_takes_it_for_none(
        tmp_path, capsys):
    """A 公文 frozen before the seal's 附注 existed is told so (notice-words-not-frozen,
    seal); `notice freeze` writes that one word at the end of the words it holds, leaving
    every other byte, and history does not list that commit as a revision. Words written
    in braces on one line are not rewritten: freeze says how to add it by hand."""
    import os
    import subprocess

    from generator.pipeline import check

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    flow = re.search(r"^words: \{(.*)\}$", text, re.M)
    pairs = [p for p in yaml.safe_load("{" + flow.group(1) + "}").items() if p[0] != "seal"]
    block = "words:\n" + "".join(f"  {k}: {json.dumps(v, ensure_ascii=False)}\n"
                                 for k, v in pairs)
    notice.write_text(text.replace(flow.group(0) + "\n", block), "utf-8")
    before = notice.read_bytes()
    _data, report = check(repo, NOW)
    assert [(p.code, p.line) for p in report.problems if p.code == "notice-words-not-frozen"] \
        == [("notice-words-not-frozen", before.decode().split("\n").index("words:") + 1)]

    def git(*args, when="2026-06-01T09:00:00+08:00"):
        env = dict(os.environ, GIT_AUTHOR_NAME="县纪委", GIT_AUTHOR_EMAIL="x@example.gov.cn",
                   GIT_COMMITTER_NAME="县纪委", GIT_COMMITTER_EMAIL="x@example.gov.cn",
                   GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                       env=env)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    assert main(["--root", str(repo), "notice", "freeze",
                 "content/notices/2026-05-notice.md"]) == 0
    after = notice.read_bytes()
    last = block.rstrip("\n").split("\n")[-1]
    assert after == before.replace((last + "\n").encode(),
                                   f'{last}\n  seal: "{SEAL}"\n'.encode())
    _data, report = check(repo, NOW)
    assert not [p for p in report.problems if p.code == "notice-words-not-frozen"]
    git("commit", "-q", "-am", "写入不加盖印章附注")
    _data, report = check(repo, NOW)
    assert not [p for p in report.problems if p.code == "notice-revised-uncorrected"]
    # another text than the label of the time changes what the issued 公文 prints
    notice.write_text(after.decode().replace(SEAL, "（此件不加盖印章）"), "utf-8")
    git("commit", "-q", "-am", "改写附注", when="2026-06-02T09:00:00+08:00")
    _data, report = check(repo, NOW)
    assert [p.code for p in report.problems if p.code == "notice-revised-uncorrected"] \
        == ["notice-revised-uncorrected"]
    # braces on one line: not rewritten, said how
    (repo / "content/notices/2026-05-notice.md").write_text(text.replace(
        ', seal: "' + SEAL + '"', ""), "utf-8")
    capsys.readouterr()
    assert main(["--root", str(repo), "notice", "freeze",
                 "content/notices/2026-05-notice.md"]) == 2
    assert "大括号" in capsys.readouterr().err
    assert (repo / "content/notices/2026-05-notice.md").read_text("utf-8") == text.replace(
        ', seal: "' + SEAL + '"', "")


def test_a_case_withdrawn_since_is_stated_alike_on_the_page_and_in_the_documents(tmp_path):
    """A case an issued 通报 froze was withdrawn later: its text gave way to the site's
    statement on the page and in the Word/PDF, while the line above the 版头 still said
    发布后未更正 and check was silent. Without a correction dated on or after the
    withdrawal the line says a cited case was withdrawn and check notes it at the frozen
    entry; with one, the line states the correction and the documents print its 附注."""
    from generator import document
    from generator.pipeline import check

    overlay = DATA / "invalid/notice-frozen-case-withdrawn-since-uncorrected"
    repo = make_project(tmp_path / "county", overlay)
    data, report = check(repo, NOW)
    assert [(p.line, p.code) for p in report.problems if p.code.startswith("notice-")] == [
        (15, "notice-case-withdrawn-uncorrected")]
    site = build(repo, NOW, history=False)
    page = site.pages["notices/2026-05-notice.md"]
    statement = data.labels["document"]["case_withdrawn"].format(date="2026年6月1日")
    line = re.search(r'<p class="cs-doc-site">(.*?)</p>', page).group(1)
    assert line.endswith(data.labels["notice"]["standing_case_withdrawn"])
    assert statement in page and "张某某" not in page
    notice = next(n for n in data.notices if n["slug"] == "2026-05-notice")
    blocks = document.cited_blocks(notice, data)
    doc = document.from_notice(notice, data.site, data.labels, cited=blocks)
    assert [b.text for b in doc.blocks if getattr(b, "withheld", False)] == [statement]
    assert document.uncorrected_withdrawals(notice, blocks) == [dt.date(2026, 6, 1)]
    assert not any("更正" in n for n in doc.notes)

    fixed = make_project(tmp_path / "fixed",
                         DATA / "invalid/notice-frozen-case-withdrawn-since-corrected")
    data, report = check(fixed, NOW)
    assert not [p for p in report.problems if p.code.startswith("notice-")]
    page = build(fixed, NOW, history=False).pages["notices/2026-05-notice.md"]
    line = re.search(r'<p class="cs-doc-site">(.*?)</p>', page).group(1)
    assert "2026年6月1日" in line and data.labels["notice"]["standing_case_withdrawn"] not in line
    assert "未更正" not in line
    notice = next(n for n in data.notices if n["slug"] == "2026-05-notice")
    doc = document.from_notice(notice, data.site, data.labels,
                               cited=document.cited_blocks(notice, data))
    assert doc.notes[-1] == "（本文件于2026年6月1日更正：撤回所通报的第1个案例（经复核事实有误））"
    assert statement in page


def _git(repo: Path, *args, when: str = "") -> None:
    import os
    import subprocess

    env = dict(os.environ, GIT_AUTHOR_NAME="县纪委", GIT_AUTHOR_EMAIL="x@example.gov.cn",
               GIT_COMMITTER_NAME="县纪委", GIT_COMMITTER_EMAIL="x@example.gov.cn",
               GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_a_change_committed_after_the_build_time_is_no_history_of_that_build(tmp_path):
    """A build states the site as of its time (SOURCE_DATE_EPOCH): the demo, built at the
    tests' clock of 2026-11-20 from commits of later days, said its issued notices were
    published on 2026-11-22 and rewritten on 2026-12-07 (发布后有修改), days after the
    build, and listed those days as 更新记录. A commit after the build's time is not the
    history of that build; a build at a later time states it."""
    from generator.pipeline import check

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    text = notice.read_text("utf-8")
    notice.write_text(text.replace("推诿扯皮问题通报如下", "推诿扯皮、敷衍塞责问题通报如下"), "utf-8")
    _git(repo, "commit", "-q", "-am", "改写正文", when="2026-11-25T09:00:00+08:00")

    def said(now) -> list:
        _data, report = check(repo, now)
        assert report.valid
        return [p.message for p in report.problems if p.code == "notice-revised-uncorrected"]

    def page(now) -> str:
        return build(repo, now).pages["notices/2026-05-notice.md"]

    assert said(NOW) == []
    early = page(NOW)
    assert "发布后未更正。" in early and "2026年11月25日" not in early
    later = dt.datetime(2026, 11, 30, 9, 0, tzinfo=TZ)
    found = said(later)
    assert len(found) == 1 and "之后又于2026-11-25被修改" in found[0]
    assert "发布后有修改" in page(later)


def test_a_word_frozen_with_the_label_it_came_with_is_no_revision(tmp_path):
    """The demo's issued notices said 发布后有修改 for the commit that made the generator
    print the seal's 附注: it added document.seal to labels.yml and words.seal to each
    notice at once, and history compared the word with the labels before the commit,
    which had no such label. A word whose label the same commit introduces, equal to
    it, is what the generator came to print; another text is still a revision."""
    from generator.pipeline import check

    repo = make_project(tmp_path / "county")
    notice = repo / "content/notices/2026-05-notice.md"
    labels = repo / "site_config/labels.yml"
    text, label_text = notice.read_text("utf-8"), labels.read_text("utf-8")
    seal_word = f', seal: "{SEAL}"'
    seal_label = f'  seal: "{SEAL}"\n'
    assert seal_word in text and seal_label in label_text
    notice.write_text(text.replace(seal_word, ""), "utf-8")
    labels.write_text(label_text.replace(seal_label, ""), "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    notice.write_text(text, "utf-8")
    labels.write_text(label_text, "utf-8")
    _git(repo, "commit", "-q", "-am", "不加盖印章附注", when="2026-06-01T09:00:00+08:00")

    def said() -> list:
        _data, report = check(repo, NOW)
        assert report.valid
        return [p.code for p in report.problems if p.code == "notice-revised-uncorrected"]

    assert said() == []
    notice.write_text(text.replace(SEAL, "（此件不加盖印章）"), "utf-8")
    _git(repo, "commit", "-q", "-am", "改写附注", when="2026-06-02T09:00:00+08:00")
    assert said() == ["notice-revised-uncorrected"]


def test_the_statement_for_a_case_withdrawn_since_is_the_word_the_notice_froze(minimal):
    """The site's statement standing at the number of a case withdrawn after the 通报 froze
    it (document.case_withdrawn) was read from labels.yml at every build: a county
    rewording it changed the text of every 通报 it had issued. It is a frozen word
    (words.case_withdrawn), as the seal's 附注 is: a rewording reaches the notices issued
    next; one issued before freezing it prints today's label and is told so."""
    from generator.checks import validate

    _unquote(minimal)
    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + "withdrawn:\n  date: 2026-06-01\n"
                    "  reason: 事实有误\n", "utf-8")
    labels = minimal / "site_config/labels.yml"
    frozen = "〔网站说明：该案例已于{date}撤回，原文中的案例内容不再公开。〕"
    reworded = "〔网站说明：此案例于{date}撤回。〕"
    text = labels.read_text("utf-8")
    assert f'  case_withdrawn: "{frozen}"\n' in text
    labels.write_text(text.replace(frozen, reworded), "utf-8")
    notice = minimal / "content/notices/2026-05-notice.md"
    assert f'case_withdrawn: "{frozen}"' in notice.read_text("utf-8")
    _data, report = validate(minimal, NOW)
    assert report.valid and not [p for p in report.problems
                                 if p.code == "notice-words-not-frozen"]
    site = build(minimal, NOW, history=False)
    issued = frozen.format(date="2026年6月1日")
    assert issued in site.pages["notices/2026-05-notice.md"]
    assert issued in _docx_text(site.files["notices/2026-05-notice.docx"])
    assert "此案例于" not in site.pages["notices/2026-05-notice.md"]
    # issued before the word was frozen: today's label, and a note naming the word
    notice.write_text(notice.read_text("utf-8").replace(f', case_withdrawn: "{frozen}"', ""),
                      "utf-8")
    _data, report = validate(minimal, NOW)
    said = [p for p in report.problems if p.code == "notice-words-not-frozen"]
    assert len(said) == 1 and "case_withdrawn" in said[0].message
    assert reworded.format(date="2026年6月1日") in build(
        minimal, NOW, history=False).pages["notices/2026-05-notice.md"]


# A CJK character (Han or CJK punctuation), and an ASCII space beside a number
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d]"
_SPACED_NUMBER = re.compile(rf"{_CJK}[ \t]+\d|\d[ \t]+{_CJK}")
# in a label: the same beside a {placeholder}, or between two (a name then a count)
_SPACED_PLACEHOLDER = re.compile(rf"(?:{_CJK}|\}})[ \t]+(?:\{{|\d)|(?:\}}|\d)[ \t]+(?:{_CJK}|\{{)")


def _strings(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _strings(item, (*path, str(number)))
    elif isinstance(value, str):
        yield ".".join(path), value


def test_no_label_puts_an_ascii_space_beside_a_number():
    """Chinese official text sets no space around Arabic numerals ("关于3起", "截至2026年4月7日",
    "逾期12天"); the labels wrote "关于 3 起", and every notice drafted from them, every page and
    document printing them, said so. A label whose {placeholder} is a number or a date
    stands against its Chinese neighbours."""
    labels = yaml.safe_load((ROOT / "site_config/labels.yml").read_text("utf-8"))
    spaced = [(key, text) for key, text in _strings(labels) if _SPACED_PLACEHOLDER.search(text)]
    assert spaced == []


def _joined(text: str) -> str:
    """A source file's lines joined as Chinese text joins them (no space: a paragraph
    wraps in its file where its page and document do not), runs of ASCII spaces as one;
    an ideographic space stays."""
    return re.sub(r"[ \t]+", " ", re.sub(r"[ \t]*\r?\n[ \t]*", "", text))


# what the window around a spaced number may take in: words and numbers, not punctuation,
# markup or the separators a page puts between the staff's text and its own (nor a list's
# number, which a summary drops)
_WORDLIKE = re.compile(r"[\u4e00-\u9fff\w%]")


def _around(text: str, start: int, end: int, reach: int = 4) -> str:
    """The hit with up to `reach` word-like characters either side."""
    for _ in range(reach):
        if start == 0 or not _WORDLIKE.match(text[start - 1]):
            break
        start -= 1
    for _ in range(reach):
        if end == len(text) or not _WORDLIKE.match(text[end]):
            break
        end += 1
    return text[start:end]


def _document_texts(data) -> list[str]:
    """What the Word/PDF of every official notice of the demo prints (drafts and scheduled
    ones too: their documents are printed for review), from the model both are made of."""
    from generator import document

    texts = []
    official = document.official_categories(data.taxonomy)
    for notice in data.collections["notices"]:
        if notice.get("category") not in official:
            continue
        made = document.from_notice(notice, data.site, data.labels,
                                    cited=document.cited_blocks(notice, data))
        texts += [made.title, made.to, made.signed_text, made.printed_text, made.cc_text,
                  made.mark, *made.notes, *made.attachment_lines()]
        for block in made.blocks:
            texts += [value for _key, value in _strings(
                {k: v for k, v in vars(block).items()})]
    return texts


def test_no_page_file_or_document_of_the_demo_spaces_a_number_the_staff_did_not(demo_site):
    import html

    """Every page, feed, open-data file and document of the demo, scanned for an ASCII space
    between a CJK character and a digit: each one must stand in what staff wrote (a case's
    facts, a notice's body, a channel's hours), read four characters either side; the
    generator's labels, templates and code add none (a date and time reads 2026年11月20日0时)."""
    sources = []
    for folder in ("data", "content", "site_config"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yml", ".yaml", ".csv", ".md") \
                    and path.name != "labels.yml":
                sources.append(_joined(path.read_text("utf-8-sig")))
    staff = "\n".join(sources)
    texts = [*demo_site.pages.values(), *(
        content.decode("utf-8") for path, content in demo_site.files.items()
        if path.endswith((".xml", ".json", ".csv", ".txt", ".svg")))]
    texts += _document_texts(demo_site.data)
    found = set()
    for text in texts:
        text = html.unescape(text)
        for hit in _SPACED_NUMBER.finditer(text):
            window = _joined(_around(text, hit.start(), hit.end()))
            if window not in staff:
                found.add(window)
    assert sorted(found) == []


def test_the_printer_in_the_record_is_the_notices_the_sites_or_its_first_issuer(minimal,
                                                                                 monkeypatch):
    """GB/T 9704 7.4.3: the 版记's 印发机关 is the organ that sends a 公文 to print, often the
    issuer's office (县纪委办公室 for 县纪委县监委); it printed the first issuer, always.
    A notice's `printer` now says it, else the site's `printer` for a notice whose issuer
    comes from the site; a notice whose issuer was fixed in it before (drafted or frozen)
    without a printer keeps its first issuer, as it was issued. `notice freeze` fixes the
    site's printer with the issuer, and the drafting commands write it."""
    from conftest import NOW_EPOCH
    from generator import document
    from generator.checks import validate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    site = minimal / "site_config/site.yml"
    site.write_text(re.sub(r"\nprinter: .*", "", site.read_text("utf-8"))
                    + "printer: 中共测试县纪委办公室\n", "utf-8")
    path = minimal / "content/notices/2026-05-notice.md"
    text = re.sub(r"\nprinter: .*", "", path.read_text("utf-8"))

    def printer(front: str) -> str:
        path.write_text(front, "utf-8")
        data, report = validate(minimal, NOW)
        assert report.valid, report.flatten()
        notice = next(n for n in data.notices if n["slug"] == "2026-05-notice")
        return document.from_notice(notice, data.site, data.labels).printer

    assert printer(text) == "中共演示县纪律检查委员会"  # its issuer fixed, no printer
    assert printer(text.replace("\nissuer:", "\nprinter: 县纪委办公室\nissuer:")) == "县纪委办公室"
    unfrozen = re.sub(r"\nissuer: .*", "", text)
    assert printer(unfrozen) == "中共测试县纪委办公室"  # the site's
    path.write_text(unfrozen, "utf-8")
    assert main(["--root", str(minimal), "notice", "freeze",
                 "content/notices/2026-05-notice.md"]) == 0
    frozen = path.read_text("utf-8")
    assert '\nissuer: "中共演示县纪律检查委员会　演示县监察委员会"\nprinter: "中共测试县纪委办公室"\n' \
        in frozen
    assert printer(frozen) == "中共测试县纪委办公室"
    # the page's 版记 line says what the document's does
    page = build(minimal, NOW, history=False).pages["notices/2026-05-notice.md"]
    assert ('\n<p class="cs-doc-printed"><span>中共测试县纪委办公室</span>'
            "<span>2026年5月10日印发</span></p>\n") in page
    assert main(["--root", str(minimal), "bulletin", "2026-05"]) == 0
    drafted = (minimal / "content/notices/2026-05-bulletin.md").read_text("utf-8")
    assert '\nissuer: "中共演示县纪律检查委员会　演示县监察委员会"\nprinter: "中共测试县纪委办公室"\n' \
        in drafted


def test_a_cited_case_edited_after_issue_without_a_correction_is_said_at_its_line(minimal):
    """The site's summary above an issued 通报 follows the case record; the notice prints
    what it froze. A unit, name or measure edited since with no correction of the case
    would have the summary contradict the issued text unsaid: check says so at the
    case's line, naming the notice; a measure written as the notice did (an alias) or a
    correction of the case dated after the notice is no such edit."""
    case = minimal / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    assert [p for p in _problems(minimal) if "notice-summary" in p] == []
    case.write_text(text.replace("measures: [诫勉谈话]", "measures: [诫勉]")
                    .replace("unit: XZ01", "unit: ZF01"), "utf-8")
    assert [p for p in _problems(minimal) if "notice-summary" in p] == [
        "data/cases/2026-001.yml:5: notice-summary-differs"]
    case.write_text(text.replace("measures: [诫勉谈话]", "measures: [严重警告, 诫勉谈话]")
                    .replace("name: 张某某", "name: 李某明")
                    .replace("position: 办事员", "position: 科员"), "utf-8")
    from generator.checks import validate

    _data, report = validate(minimal, NOW)
    said = [(p.path, p.line, p.code, p.message) for p in report.problems
            if p.code == "notice-summary-differs"]
    assert [s[:3] for s in said] == [("data/cases/2026-001.yml", 11, "notice-summary-differs"),
                                     ("data/cases/2026-001.yml", 13, "notice-summary-differs"),
                                     ("data/cases/2026-001.yml", 14, "notice-summary-differs")]
    assert "content/notices/2026-05-notice.md" in said[2][3] and "“党内严重警告”" in said[2][3]
    assert "“科员”" in said[1][3]
    assert all(not p.is_error for p in report.problems if p.code == "notice-summary-differs")
    case.write_text(case.read_text("utf-8") + "corrections:\n  - date: 2026-06-01\n"
                    "    text: 更正：处理措施有误，已改正。\n", "utf-8")
    assert [p for p in _problems(minimal) if "notice-summary" in p] == []


def test_an_official_notices_title_ends_with_a_genre_its_category_issues(minimal):
    """GB/T 9704: a 公文's title is 事由 and 文种; the 文种 says what it is. A 通报 column
    item titled …的通知 is refused at its title; a number of issue in brackets after the
    文种 and a 公告 column's 通知 (taxonomy genres) are not."""
    notice = minimal / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    assert [p for p in _problems(minimal) if "genre" in p] == []
    for title, said in (("关于东城镇推诿扯皮问题的通知", True), ("关于东城镇推诿扯皮问题的通报。", False),
                        ("2026年5月专项治理工作通报（第3期）", False), ("东城镇推诿扯皮问题", True),
                        ("关于东城镇推诿扯皮问题的通报（续）（续）", False),
                        ("关于东城镇推诿扯皮问题的通知（通报）", True),
                        ("关于东城镇推诿扯皮问题的通报的说明", True)):
        notice.write_text(text.replace("title: 关于东城镇推诿扯皮问题的通报", f"title: {title}"),
                          "utf-8")
        assert [p for p in _problems(minimal) if "genre" in p] == (
            ["content/notices/2026-05-notice.md:2: notice-title-genre"] if said else []), title
    notice.write_text(text.replace("title: 关于东城镇推诿扯皮问题的通报", "title: 关于东城镇推诿扯皮问题的通知")
                      .replace("category: 通报", "category: 公告"), "utf-8")
    assert [p for p in _problems(minimal) if "genre" in p] == []


def _page_measures(page: str, who: str) -> str:
    """The 处理措施 cell of a person's row in a case page's table."""
    row = next(line for line in page.splitlines() if line.startswith(f"| {who} |"))
    return row.rstrip(" |").rsplit(" | ", 1)[1]


def test_a_case_page_and_a_tongbao_name_a_persons_measures_alike(minimal):
    """The case's page, the site's summaries and a 通报 name one person's measures with the
    same names in the same order (the taxonomy's: 党纪 before 政务 before 问责), whatever
    order they were typed in: the page listed them as typed, the 通报 in the taxonomy's."""
    from generator.document import names_of, printed_case

    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "measures: [诫勉谈话]", "measures: [诫勉, 政务记过, 严重警告]"), "utf-8")
    site = build(minimal, NOW, history=False)
    page = site.pages["cases/2026-001.md"]
    assert _page_measures(page, "张某某") == "党内严重警告、政务记过、诫勉谈话"
    assert "张某某（党内严重警告、政务记过、诫勉谈话）" in page
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(
        site.files["open-data/case_persons.csv"].decode("utf-8-sig"))))
    assert [r for r in rows[0].values() if "诫勉谈话" in r] == ["党内严重警告、政务记过、诫勉谈话"]
    record = next(c for c in site.data.collections["cases"] if c["id"] == "2026-001")
    _heading, texts = printed_case(record, site.data.site, names_of(site.data),
                                   site.data.labels["document"])
    assert "张某某受到党内严重警告、政务记过处分和诫勉谈话处理。" in texts[0]


def test_every_demo_case_page_names_measures_as_its_tongbao_would(demo_site):
    """Each person of each demo case: the names on the case's page, in their order, are
    the names a 通报 printing the case today says, in the same order."""
    from generator.document import names_of, printed_case

    data = demo_site.data
    names = names_of(data)
    seen = 0
    for case in data.collections["cases"]:
        page = demo_site.pages.get(f"cases/{case['id']}.md")
        if page is None or case.state != "published":
            continue
        _heading, texts = printed_case(case, data.site, names, data.labels["document"])
        said = "".join(texts)
        for person in case.get("persons") or []:
            if not person.get("measures") or person.get("count") is not None \
                    or not person.get("name"):
                continue
            from generator.policy import display_name

            shown = display_name(person, data.site, case.get("kind"))
            if shown is None:
                continue
            cell = _page_measures(page, shown).split("、")
            sentence = said[said.index(f"{shown}受到"):]
            places = [sentence.index(n) for n in cell]
            assert places == sorted(places), (case["id"], cell, sentence)
            seen += 1
    assert seen > 20


def test_a_persons_handling_date_is_said_in_the_tongbao_and_on_the_case_page(minimal):
    """A person's 处理时间 (handled_on, optional, a date like the others): a 通报 says when,
    by month, as the seeds do ("2026年5月，张某某受到…处分"), and the case's page dates the
    measures; one in the future, or after the day of a notice citing the case, is refused
    at its line."""
    from generator.document import names_of, printed_case

    case = minimal / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("    measures: [诫勉谈话]\n",
                                 "    measures: [诫勉谈话, 严重警告]\n    handled_on: 2026-05-06\n"),
                    "utf-8")
    site = build(minimal, NOW, history=False)
    record = next(c for c in site.data.collections["cases"] if c["id"] == "2026-001")
    assert record["persons"][0]["handled_on"] == dt.date(2026, 5, 6)
    _heading, texts = printed_case(record, site.data.site, names_of(site.data),
                                   site.data.labels["document"])
    assert texts[0].endswith("推诿扯皮。2026年5月，张某某受到党内严重警告处分和诫勉谈话处理。")
    assert _page_measures(site.pages["cases/2026-001.md"], "张某某") == \
        "党内严重警告、诫勉谈话（2026年5月6日）"
    import csv
    import io

    (row,) = csv.DictReader(io.StringIO(
        site.files["open-data/case_persons.csv"].decode("utf-8-sig")))
    assert row["处理时间"] == "2026-05-06"
    for day, codes in (("2026-05-11", ["case-handled-after-notice"]),
                       ("2026-11-21", ["case-handled-after-notice", "date-in-future"]),
                       ("2026-05-10", []), ("2026年5月", ["date-no-day"])):
        case.write_text(text.replace("    measures: [诫勉谈话]\n",
                                     f"    measures: [诫勉谈话]\n    handled_on: {day}\n"),
                        "utf-8")
        found = [p for p in _problems(minimal) if "notice-summary" not in p]
        assert found == [f"data/cases/2026-001.yml:15: {code}" for code in codes], day


def test_a_measure_is_compared_with_the_issued_text_token_exact(minimal):
    """The issued text of a cited case names a measure by its longest spelling at each
    place: a notice saying 党内警告 does not say 党内严重警告 of the record, nor 严重警告
    say 警告 (the substring passed both); a record that says what the notice says (in
    any spelling of the taxonomy) is quiet."""
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")
    for record, said, expected in [
            ("严重警告", "张某受到诫勉谈话、党内警告处分。", ["data/cases/2026-001.yml:14"]),
            ("党内警告", "张某受到诫勉谈话、党内严重警告处分。", ["data/cases/2026-001.yml:14"]),
            ("政务警告", "张某受到诫勉谈话、党内警告处分。", ["data/cases/2026-001.yml:14"]),
            ("严重警告", "张某受到诫勉谈话、党内严重警告处分。", []),
            ("党内警告", "张某受到诫勉谈话、警告处分。", []),
            ("政务警告", "张某受到诫勉谈话和政务警告。", [])]:
        case.write_text(text.replace("measures: [诫勉谈话]", f"measures: [诫勉谈话, {record}]"),
                        "utf-8")
        notice.write_text(issued.replace("张某受到诫勉谈话。", said), "utf-8")
        assert [p.rsplit(":", 1)[0] for p in _problems(minimal)
                if p.endswith("notice-summary-differs")] == expected, (record, said)


def test_counts_a_notice_states_are_compared_with_the_records_it_cites(minimal):
    """A count of persons handled in a cited case's issued text (3人受到…) that the record
    does not name, a group's 窗口工作人员N人 that the record's `count` is not, and a
    count of cases (关于N起……的通报, 通报如下) that `cases` does not cite are said at
    their line; the right counts, a count of others (致使3名群众多次往返) and a
    clarification (澄清正名1起) are not."""
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")

    def counted(said: str, persons: str = "", body: str = "") -> list[str]:
        case.write_text(text.replace("outcome:", persons + "outcome:"), "utf-8")
        changed = issued.replace("张某受到诫勉谈话。", said)
        notice.write_text(changed.replace("现将东城镇办事员张某某推诿扯皮问题通报如下。",
                                          body or "现将东城镇办事员张某某推诿扯皮问题通报如下。"),
                          "utf-8")
        return [p for p in _problems(minimal) if "count-differs" in p]

    group = "  - count: 3\n    position: 窗口工作人员\n    measures: [诫勉谈话]\n"
    assert counted("张某等3人受到诫勉谈话。") == [
        "data/cases/2026-001.yml:10: notice-person-count-differs"]
    assert counted("张某等三名干部受到诫勉谈话处理。") == [
        "data/cases/2026-001.yml:10: notice-person-count-differs"]
    assert counted("张某受到诫勉谈话，致使3名群众多次往返。") == []
    assert counted("张某和窗口工作人员2人受到诫勉谈话。", group) == [
        "data/cases/2026-001.yml:15: notice-person-count-differs"]
    assert counted("张某和窗口工作人员3人受到诫勉谈话，共4人。", group) == []
    assert counted("张某受到诫勉谈话。", "", "现将2起典型问题通报如下。") == [
        "content/notices/2026-05-notice.md:22: notice-case-count-differs"]
    assert counted("张某受到诫勉谈话。", "", "现将一起典型问题通报如下。\n本月澄清正名2起。") == []
    from generator.checks import validate

    _data, report = validate(minimal, NOW)
    assert all(not p.is_error for p in report.problems if "count-differs" in p.code)
    notice.write_text(issued.replace("title: 关于东城镇", "title: 关于东城镇2起"), "utf-8")
    case.write_text(text, "utf-8")
    assert [p for p in _problems(minimal) if "count-differs" in p] == [
        "content/notices/2026-05-notice.md:2: notice-case-count-differs"]


def test_the_day_a_person_was_handled_is_given_in_the_summaries_and_the_bulletin(minimal):
    """Where a person's handling date (`handled_on`) is known, the case page's line of
    how it was handled, the site's summary above the notice citing it (本站摘要) and the
    monthly bulletin's list give it, as the site writes dates; where it is not, none."""
    from generator.cli import main

    case = minimal / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    pages = build(minimal, NOW, history=False).pages
    assert "处理情况：办事员张某某（诫勉谈话）。" in pages["cases/2026-001.md"]
    assert "办事员张某某（诫勉谈话）" in pages["notices/2026-05-notice.md"]
    case.write_text(text.replace("    measures: [诫勉谈话]\n",
                                 "    measures: [诫勉谈话]\n    handled_on: 2026-05-08\n"), "utf-8")
    pages = build(minimal, NOW, history=False).pages
    assert "处理情况：办事员张某某（诫勉谈话，2026年5月8日）。" in pages["cases/2026-001.md"]
    summary = pages["notices/2026-05-notice.md"]
    assert "办事员张某某（诫勉谈话，2026年5月8日）" in summary
    assert main(["--root", str(minimal), "bulletin", "2026-05"]) == 0
    drafted = (minimal / "content/notices/2026-05-bulletin.md").read_text("utf-8")
    assert "处理情况：张某某，诫勉谈话（2026年5月8日）。" in drafted


_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff0-9])|(?<=[0-9]) +(?=[\u4e00-\u9fff])")


def test_a_space_beside_chinese_in_a_notice_not_yet_issued_is_said_at_its_line(minimal):
    """应于 2026年3月20日 前, 15 家: an ASCII space beside a Chinese character and a digit
    or another, in the title, summary or body of a draft or scheduled notice, is said at
    its line (a note: the text is the commission's to fix); an issued one is left as it
    was issued (only a correction changes it); 2026-05 and "PDF 文件" are no such space."""
    path = minimal / "content/notices/2026-05-notice.md"
    text = path.read_text("utf-8")
    spaced = text.replace("现将东城镇办事员张某某推诿扯皮问题通报如下。",
                          "各单位应于 2026年3月20日 前报送，见 PDF 文件。\n仍有 15 家未报送。")
    body = spaced.split("\n").index("各单位应于 2026年3月20日 前报送，见 PDF 文件。") + 1

    def said(front: str) -> list[str]:
        path.write_text(front, "utf-8")
        return [p for p in _problems(minimal) if "space-in-chinese" in p]

    assert said(spaced) == []  # issued
    assert said(spaced.replace("\ndate:", "\ndraft: 是\ndate:")) == [
        f"content/notices/2026-05-notice.md:{body + 1}: notice-space-in-chinese",
        f"content/notices/2026-05-notice.md:{body + 2}: notice-space-in-chinese"]
    scheduled = spaced.replace("title: 关于东城镇推诿扯皮问题的通报",
                               "title: 关于东城镇 推诿扯皮问题的通报") \
        .replace("date: 2026-05-10", "date: 2026-12-30\nembargo: 2026-12-30 09:00") \
        .replace("signed_on: 2026-05-09", "signed_on: 2026-12-29")
    assert said(scheduled) == [
        "content/notices/2026-05-notice.md:2: notice-space-in-chinese",
        f"content/notices/2026-05-notice.md:{body + 1}: notice-space-in-chinese",
        f"content/notices/2026-05-notice.md:{body + 2}: notice-space-in-chinese"]
    from generator.checks import validate

    _data, report = validate(minimal, NOW)
    found = [p for p in report.problems if p.code == "notice-space-in-chinese"]
    assert not any(p.is_error for p in found)
    assert "“各单位应于 2026年3”" in found[1].message and "2处" in found[1].message
    assert said(spaced.replace("\ndate:", "\ndraft: 是\ndate:")
                .replace("应于 2026年3月20日 前", "应于2026年3月20日前")
                .replace("有 15 家", "有15家")) == []


def test_the_generators_own_drafts_set_no_space_beside_chinese(minimal, monkeypatch):
    """The drafts the generator writes (notice commitments and ledger, the bulletin, a
    new notice) put no ASCII space beside a Chinese character and a digit or another in
    what they print (a new notice's body said 改为 否)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(NOW))
    root = ["--root", str(minimal)]
    assert main([*root, "notice", "commitments", "C1", "--as-of", "2026-04-07"]) == 0
    assert main([*root, "notice", "ledger", "--as-of", "2026-05-10"]) == 0
    assert main([*root, "bulletin", "2026-05"]) == 0
    assert main([*root, "new", "notice"]) == 0
    drafts = sorted(p for p in (minimal / "content/notices").glob("*.md")
                    if p.name != "2026-05-notice.md")
    assert len(drafts) == 4
    for draft in drafts:
        lines = draft.read_text("utf-8").split("\n")
        # (the front matter's comments are the schema's help for the clerk, not printed)
        assert [(draft.name, n) for n, line in enumerate(lines, 1)
                if _SPACED.search(line) and not line.startswith("#")] == []
    assert [p for p in _problems(minimal) if "space-in-chinese" in p] == []


def test_a_count_is_read_whole_and_together_is_no_count():
    """第十二人 is no count of 2 (a number is read whole, an ordinal not at all), and
    一起通报 (together) is no count of cases."""
    from generator.checks import _CASE_COUNT, han_number, person_counts

    assert [n for n, _ in person_counts("对第十二人和13名干部给予处分")] == [13]
    assert [n for n, _ in person_counts("对十二名干部给予处分，两人受到诫勉谈话")] == [12, 2]
    assert [m.group() for m in _CASE_COUNT.finditer("将上述问题一起通报，现将3起典型问题通报如下")] \
        == ["3起"]
    assert [han_number(t) for t in ("十", "二十", "十二", "一百零五", "一二", "十十")] == [
        10, 20, 12, 105, None, None]


def test_a_measure_the_issued_text_gives_a_person_the_record_dropped_is_said_at_the_case(
        minimal):
    """A cited case edited after issue so that a person no longer has a measure the
    issued text gives them (in the sentence naming them, 张某受到……党内警告处分) is said
    at the person's measures, naming the notice; a measure in that sentence said of
    their unit or its party committee (对其所在单位予以通报批评, ……，对东城镇党委予以通报批评)
    or in a sentence naming no person of the case is not theirs, and a record that still
    gives it is quiet."""
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")
    dropped = "data/cases/2026-001.yml:14: notice-measure-not-in-case"
    for record, said, expected in [
            ("诫勉谈话", "张某受到诫勉谈话、党内警告处分。", [dropped]),
            ("诫勉谈话", "张某某推诿扯皮，造成不良影响，给予其党内警告处分。", [dropped]),
            ("诫勉谈话, 党内警告", "张某受到诫勉谈话、党内警告处分。", []),
            ("诫勉谈话", "张某受到诫勉谈话，对其所在单位予以通报批评。", []),
            ("诫勉谈话", "张某受到诫勉谈话，对张某某所在单位予以通报批评。", []),
            ("诫勉谈话", "张某受到诫勉谈话，对东城镇党委予以通报批评。", []),
            ("诫勉谈话", "张某受到诫勉谈话。对所在单位予以通报批评。", []),
            # a group named by its post in his clause: its measure is not his
            ("诫勉谈话]\n  - count: 2\n    position: 窗口工作人员\n    measures: [批评教育",
             "张某和窗口工作人员2人分别受到诫勉谈话、批评教育。", []),
            ("诫勉谈话]\n  - count: 2\n    position: 窗口工作人员\n    measures: [批评教育",
             "张某受到诫勉谈话，窗口工作人员2人受到通报批评。",
             ["data/cases/2026-001.yml:17: notice-measure-not-in-case"])]:
        case.write_text(text.replace("measures: [诫勉谈话]", f"measures: [{record}]"), "utf-8")
        notice.write_text(issued.replace("张某受到诫勉谈话。", said), "utf-8")
        assert [p for p in _problems(minimal) if "notice-measure" in p] == expected, said
    from generator.checks import validate

    case.write_text(text, "utf-8")
    notice.write_text(issued.replace("张某受到诫勉谈话。", "张某受到诫勉谈话、党内警告处分。"),
                      "utf-8")
    _data, report = validate(minimal, NOW)
    (note,) = [p for p in report.problems if p.code == "notice-measure-not-in-case"]
    assert not note.is_error and "content/notices/2026-05-notice.md" in note.message \
        and "“党内警告处分”" in note.message and "张某某" in note.message


def test_the_ways_a_tongbao_states_counts_are_read_and_none_is_a_false_alarm(minimal):
    """The seeds state counts as 共查处…起, 其中…人, 给予…人党纪处分, 涉及…名干部,
    一是…二是…, 较上月减少…起: a count of all the cases found, of a change, of measures
    (5人次) or of others beside a group (致使3名群众) is not the notice's count of its
    cases or of the persons handled; its own counts (现将其中N起……通报如下, 给予N人党纪处分,
    其中N人) are read, the wrong ones said."""
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")
    opening = "现将东城镇办事员张某某推诿扯皮问题通报如下。"

    def counted(said: str, persons: str = "", body: str = opening) -> list[str]:
        case.write_text(text.replace("outcome:", persons + "outcome:"), "utf-8")
        notice.write_text(issued.replace("张某受到诫勉谈话。", said).replace(opening, body),
                          "utf-8")
        return [p for p in _problems(minimal) if "count-differs" in p]

    group = "  - count: 2\n    position: 窗口工作人员\n    measures: [诫勉谈话]\n"
    persons, cases = ("data/cases/2026-001.yml:10: notice-person-count-differs",
                      "content/notices/2026-05-notice.md:22: notice-case-count-differs")
    said = "张某受到诫勉谈话。"
    # not the notice's count of cases
    for body in ("今年以来全县共查处典型问题12起，现将其中1起通报如下。",
                 "本月通报曝光典型问题1起，较上月减少2起典型问题。",
                 "一是查处典型问题5起，二是通报曝光典型问题1起。"):
        assert counted(said, "", body) == [], body
    # its own, read
    assert counted(said, "", "现将近期查处的3起典型问题通报如下。") == [cases]
    assert counted(said, "", "全县共查处典型问题12起，现将其中2起通报如下。") == [cases]
    # not a count of persons handled, or not the group's
    assert counted("张某受到诫勉谈话、通报批评，共处理2人次。") == []
    assert counted("张某和窗口工作人员受到诫勉谈话，致使3名群众多次往返。", group) == []
    assert counted("张某截留涉及5名群众的补贴，受到诫勉谈话。") == []
    # the persons handled or concerned (涉及人员, as the record's persons are), read
    assert counted("涉及干部5名，张某受到诫勉谈话。") == [persons]
    assert counted("涉及3名干部，其中张某等3人受到诫勉谈话。") == [persons]
    assert counted("给予张某等3人党纪处分。") == [persons]
    assert counted("一是对张某诫勉谈话；二是对另2名干部给予诫勉谈话处理。") == [persons]
    assert counted("张某和窗口工作人员2人受到诫勉谈话，共3人。", group) == []


# What only the commission does, in a 通报 or decision it issues: criticise, order, hold to
# account, report (通报如下, 特此通报), give a 处分, exempt by its rules. A computed page
# states where a record stands (已处理, 逾期未销号, 已免予问责, 见通报) and may quote what
# staff wrote (a measure's name, a case's outcome, an issued notice) but not say it itself.
ACTING = re.compile(r"通报批评|予以通报|责令|通报如下|严肃问责|严肃处理|特此通报|现予(?:以)?通报"
                    r"|予以问责|依规免予|依规依纪|依纪依规|决定给予|决定对|给予[^，。；\n]{0,12}处分")


def _record_texts(data) -> list[str]:
    """Every text staff wrote that a page may quote (records, issued notices, site_config
    values, the taxonomy's names), each line and table cell apart, longest first."""
    def walk(node):
        if isinstance(node, str):
            yield from (part.strip() for part in re.split(r"[\n|]", node))
        elif isinstance(node, dict) or hasattr(node, "items"):
            for value in node.values() if isinstance(node, dict) else \
                    (v for _k, v in node.items()):
                yield from walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                yield from walk(value)
    found = {text for text in walk([data.site, data.campaign, data.taxonomy, data.channels,
                                    data.collections]) if ACTING.search(text)}
    return sorted(found, key=len, reverse=True)


def _acts_of_the_site(site) -> list[tuple[str, str]]:
    """Each (path, words) where a computed page or file of `site` acts as the commission,
    once what staff wrote is taken out."""
    import html

    data = site.data
    quoted = _record_texts(data)
    own = {f"notices/{n['slug']}.md" for n in data.collections.get("notices", [])}
    texts = {path: text for path, text in site.pages.items() if path not in own}
    texts.update({path: content.decode("utf-8") for path, content in site.files.items()
                  if path.endswith((".xml", ".csv", ".json", ".md", ".svg", ".txt", ".html"))
                  and not path.startswith("admin/")})
    assert len(texts) > 300 and {"index.md", "feeds/notices.xml", "statistics.md"} <= set(texts)
    found = []
    for path, text in texts.items():
        text = html.unescape(text)
        for words in quoted:
            text = text.replace(words, "〈引〉")
        found += [(path, m.group()) for m in ACTING.finditer(text)]
    return found


def test_no_computed_page_acts_as_the_commission(demo_site, tmp_path):
    """Home, unit, case, statistics, commitment and ledger pages, feeds, open data and
    their descriptions of the demo and of a synthetic county twice its size state status
    only: once the texts staff wrote (records, issued notices, config) are taken out, no
    page says 通报批评, 予以通报, 责令, 通报如下, 严肃问责, 特此通报, 依规免予问责 … in its
    own words (the note on a 容错免责 case said 依规免予问责, the decision's words)."""
    from conftest import NOW, ROOT
    from generator.pipeline import build
    from generator.synth import write_county

    assert _acts_of_the_site(demo_site) == []
    write_county(tmp_path / "synth", 2, ROOT)
    county = build(tmp_path / "synth", NOW, history=False)
    assert len(county.data.cases) > len(demo_site.data.cases)
    assert _acts_of_the_site(county) == []
    # the scan finds what it looks for, and takes out only what staff wrote
    assert ACTING.search("经认定符合容错情形，依规免予问责。") and ACTING.search("现予以通报")
    assert ACTING.search("给予相关责任人党内警告处分") and not ACTING.search("已免予问责")
    quoted = _record_texts(demo_site.data)
    assert "通报批评" in quoted and not any("已免予问责" in q for q in quoted)


def test_a_list_of_counts_is_read_as_its_groups_and_their_sum_and_involved_counts_are_read(
        minimal):
    """分别对6名、25名干部给予…: a list of counts in one clause is two groups, each a
    group's count and together the persons handled (31), not the last one (25); 涉及N名
    (干部) states the persons of the case and is read; 涉及12名群众 is of others."""
    from generator.checks import person_counts

    assert sorted(n for n, _ in person_counts("分别对6名、25名干部给予诫勉谈话、批评教育")) \
        == [6, 25, 31]
    assert sorted(n for n, _ in person_counts("对6名干部给予诫勉谈话，25名群众多次往返")) \
        == [6, 25]
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")

    def counted(said: str, persons: str = "") -> list[str]:
        case.write_text(text.replace("outcome:", persons + "outcome:"), "utf-8")
        notice.write_text(issued.replace("张某受到诫勉谈话。", said), "utf-8")
        return [p for p in _problems(minimal) if "count-differs" in p]

    persons = "data/cases/2026-001.yml:10: notice-person-count-differs"
    group = "data/cases/2026-001.yml:15: notice-person-count-differs"
    groups = "  - count: 25\n    position: 村干部\n    measures: [批评教育]\n"
    one = "  - count: 31\n    position: 窗口工作人员\n    measures: [诫勉谈话]\n"
    # the record names 张某 and 25 村干部: the list says 6 + 25 handled besides 张某
    assert counted("张某受到诫勉谈话，分别对6名、25名干部给予诫勉谈话、批评教育。", groups) \
        == [persons]
    assert counted("张某受到诫勉谈话，对村干部25名给予批评教育，共26人。", groups) == []
    # one group of 31 written as its two parts is no other count
    assert counted("张某受到诫勉谈话，窗口工作人员6名、25名分别受到诫勉谈话。", one) == []
    assert counted("张某受到诫勉谈话，窗口工作人员6名、24名分别受到诫勉谈话。", one) == [group]
    # 涉及N名: the persons of the case
    assert counted("该问题涉及3名干部。张某受到诫勉谈话。") == [persons]
    assert counted("涉及干部5名，张某受到诫勉谈话。") == [persons]
    assert counted("涉及1名干部，张某受到诫勉谈话。") == []
    assert counted("张某截留涉及12名群众的低保金，受到诫勉谈话。") == []
    assert counted("张某受到诫勉谈话，涉及12名群众。") == []


def test_a_past_measure_is_no_measure_of_the_notice_and_its_pronoun_is_the_person_before(
        minimal):
    """张某某曾受到党内警告处分 states history, not this notice's measure: quiet. A measure
    given to 其 in the sentence after the one naming one person of the case is theirs
    (……。给予其党内警告处分。); after a sentence naming two, or turning to their unit, 其
    is not read. 曾某某 is a surname, not history."""
    case = minimal / "data/cases/2026-001.yml"
    notice = minimal / "content/notices/2026-05-notice.md"
    text, issued = case.read_text("utf-8"), notice.read_text("utf-8")
    dropped = "data/cases/2026-001.yml:14: notice-measure-not-in-case"
    second = "  - name: 李某某\n    rank: 一般干部\n    position: 科员\n    measures: [诫勉谈话]\n"
    for said, more, expected in [
            ("张某曾受到党内警告处分，此次受到诫勉谈话。", "", []),
            ("张某曾于2020年因工作失职受到党内警告处分，此次受到诫勉谈话。", "", []),
            ("张某此前受过党内警告处分，仍推诿扯皮，受到诫勉谈话。", "", []),
            ("张某曾受到批评教育，此次受到诫勉谈话、党内警告处分。", "", [dropped]),
            ("张某推诿扯皮，造成不良影响。给予其诫勉谈话、党内警告处分。", "", [dropped]),
            ("张某推诿扯皮，造成不良影响。对其给予诫勉谈话。", "", []),
            ("张某推诿扯皮，其所在单位监管不力。对其予以通报批评。", "", []),
            ("张某、李某推诿扯皮。分别给予其诫勉谈话、党内警告处分。", second, []),
            ("张某推诿扯皮。其中给予党内警告处分。", "", [])]:
        case.write_text(text.replace("outcome:", more + "outcome:"), "utf-8")
        notice.write_text(issued.replace("张某受到诫勉谈话。", said), "utf-8")
        assert [p for p in _problems(minimal) if "notice-measure" in p] == expected, said
    surname = text.replace("name: 张某某", "name: 曾某某").replace("张某某", "曾某某")
    case.write_text(surname, "utf-8")
    notice.write_text(issued.replace("张某受到诫勉谈话。", "曾某受到诫勉谈话、党内警告处分。")
                      .replace("张某某", "曾某某"), "utf-8")
    assert [p for p in _problems(minimal) if "notice-measure" in p] == [dropped]


def test_a_clarified_or_tolerated_cases_note_states_its_standing_as_the_staff_words_do(
        demo_site):
    """The note above a 澄清正名 case states where the person stands (反映的问题经查不属实,
    not handled: 未受到处理), not an investigation of the site's own (经调查); a 容错免责
    case's note says 已免予问责, and the staff's help, manual and data spec name the
    standing in the same words, never the decision's 依规免予问责."""

    page = demo_site.pages["cases/2026-005.md"]
    note = page.split('!!! success "澄清正名"', 1)[1].strip().split("\n")[0]
    assert note == "本案为澄清正名：反映的问题经查不属实，相关干部未受到处理。"
    staff = "\n".join((ROOT / path).read_text("utf-8") for path in (
        "generator/messages.yml", "generator/schema.yml", "content/data-spec.md",
        "site_config/labels.yml"))
    staff = "\n".join(line for line in staff.split("\n") if not line.lstrip().startswith("#"))
    # (label-reads-as-official names the words not to write: 不写“依规免予问责”)
    assert "依规免予" not in re.sub(r"不写(?:“[^”]*”)+", "", staff)
    assert "已免予问责" in staff and "经认定符合容错情形" in staff


def test_the_count_of_all_persons_handled_has_one_name_and_not_that_of_a_part(demo_site):
    """Everyone a published exposure case handled (党纪政务处分 included) is one figure,
    named as the totals taxonomy names it beside its hand-entered total (追责问责人数):
    the home page said 问责处理53人 and the statistics 被问责处理人数, the name the seeds
    and the totals give the 问责 part only (403名……受到责任追究，其中283人受到党政纪处分，
    问责处理322人), so a reader read two figures under one name."""
    totals = {t.get("computed"): t["name"] for t in demo_site.data.taxonomy["total_measures"]}
    held, part = totals["persons_held"], totals["persons_accountability"]
    assert (held, part) == ("追责问责人数", "问责处理人数")
    home = demo_site.pages["index.md"]
    assert "通报曝光案例35起，追责问责53人；" in home
    for path in ("index.md", "statistics.md", "cases/index.md"):
        page = demo_site.pages[path].replace(part, "")
        assert "问责处理" not in page and "问责人数" not in page.replace(held, ""), path
