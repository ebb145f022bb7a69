"""The post-build audit (generator/audit.py) on planted problems: each file is written
into a site folder of its own and audited under the demo county's policy."""
import json
from pathlib import Path

import pytest

from conftest import ROOT
from generator.audit import audit, policy_for
from generator.checks import validate


@pytest.fixture(scope="module")
def policy():
    data, _ = validate(ROOT)
    return policy_for(data, ["assets/javascripts/table-sort.js"])


def _page(body: str) -> str:
    return f"<!doctype html>\n<html>\n<head><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n"


def _feed(entry: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n<title>通报</title>\n'
            f"{entry}\n</feed>\n")


# (site path, file text, line of the finding). Bidi controls, tag characters and runs of
# variation selectors, as a character, a character reference or a JSON escape, in a text,
# an attribute, a feed, the search index and open data: the browser and a feed reader
# hold the character itself, which every scan of the audit drops.
HIDDEN = [
    ("cases/x/index.html", _page("<p>东城\u202e镇</p>"), 5),
    ("cases/x/index.html", _page("<p>a</p>\n<p>东城&#x202E;镇</p>"), 6),
    ("cases/x/index.html", _page("<p>东城&rlm;镇</p>"), 5),
    ("cases/x/index.html", _page('<p><a href="/units/&#x200F;XZ01/">东城镇</a></p>'), 5),
    ("cases/x/index.html", _page('<p><abbr title="号&#xE0031;&#xE0032;">x</abbr></p>'), 5),
    ("cases/x/index.html", _page("<p>东\ufe00\ufe01城镇</p>"), 5),
    ("cases/x/index.html", _page("<p>东城镇\U000e0100\U000e0101</p>"), 5),
    ("cases/x/index.html", _page("<p>身份证<span>\U000e0031\U000e0031</span>0105</p>"), 5),
    # a control character or a noncharacter the browser keeps (&#x1; is U+0001 on the page,
    # where Python's html.unescape gives nothing): a number or a name split by it
    ("cases/x/index.html", _page("<p>东城&#x1;镇</p>"), 5),
    ("cases/x/index.html", _page("<p>a</p>\n<p>东城\x1b[31m镇</p>"), 6),
    ("cases/x/index.html", _page('<p><abbr title="138&#129;12345678">x</abbr></p>'), 5),
    ("cases/x/index.html", _page("<p>东城&#xFFFE;镇</p>"), 5),
    ("feed.xml", _feed("<entry><title>东城\u2067镇</title></entry>"), 0),
    ("feed.xml", _feed('<entry><content type="html">&lt;p&gt;东城&amp;#x202e;镇&lt;/p&gt;'
                       "</content></entry>"), 1),
    ("feed.xml", _feed('<entry><link href="https://example.gov.cn/&#x061C;"/></entry>'), 0),
    ("search/search_index.json",
     json.dumps({"docs": [{"location": "", "title": "t", "text": "<p>东城\\u202e镇</p>"}]})
     .replace("\\\\u", "\\u"), 1),
    ("search/search_index.json",
     json.dumps({"docs": [{"location": "cases/\u200f/", "title": "t", "text": "x"}]}), 1),
    ("open-data/cases.csv", "\ufeffid,title\n2026-001,东城镇\n2026-002,东城\u2066镇\n", 3),
    ("open-data/cases.json", json.dumps([{"id": "2026-001", "title": "东城\u202d镇"}]), 1),
    ("open-data/cases.json", json.dumps([{"id": "2026-001", "title": "东城\x01镇"}]), 1),
    ("search/search_index.json",
     json.dumps({"docs": [{"location": "", "title": "t", "text": "<p>东城\x0b镇</p>"}]}), 1),
    ("assets/javascripts/extra.js", "var a = 1;\nvar b = '\u202e';\n", 2),
]


@pytest.mark.parametrize("rel, text, line", HIDDEN,
                         ids=[f"{r.split('/')[0]}-{n}" for n, (r, _t, _l) in enumerate(HIDDEN)])
def test_the_audit_refuses_hidden_characters_in_what_the_build_wrote(rel, text, line, policy,
                                                                     tmp_path):
    site = tmp_path / "site"
    target = site / rel
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    found = audit(site, policy, "site")
    assert [(p.code, p.path.split("#")[0], p.line) for p in found] == [
        ("audit-hidden-characters", f"site/{rel}", line)]


def test_a_control_character_in_an_attachments_extracted_text_is_held_as_check_holds_it(
        policy, tmp_path, monkeypatch):
    """A PDF's text extraction gives a control character for a glyph it cannot map (a
    ligature, a symbol font): check passes it in an attachment, so the audit, which now
    refuses U+0001 on a page, reads an attachment's text by check's rule (bidi controls,
    tag characters), not the page's."""
    from generator import attachments

    def extract(rel, data, links):
        return [attachments.Passage(1, "", "第\x02页，东城\x01镇"),
                attachments.Passage(2, "", "东城\u202e镇")]

    monkeypatch.setattr(attachments, "extract_text", extract)
    monkeypatch.setattr(attachments, "author_problems", lambda *args: [])
    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    (site / "notices/files/a.pdf").write_bytes(b"%PDF-1.4\n")
    assert [(p.code, p.path, p.line) for p in audit(site, policy, "site")] == [
        ("audit-hidden-characters", "site/notices/files/a.pdf", 2)]


CLEAN = [
    # one selector picks a glyph (an emoji's, an ideograph's variant): shown, hides nothing
    ("cases/x/index.html", _page("<p>已整改\u2714\ufe0f 邊\U000e0100</p>")),
    # vendored scripts (the editor's) are checked in by hand, not read as text
    ("admin/vendor/decap-cms/decap-cms.js", "var rtl = '\u200e\u200f';\n"),
    # a reference shown as text in a page is no character: &amp;#x202E;
    ("cases/x/index.html", _page("<p>写作 &amp;#x202E; 的字符</p>")),
]


@pytest.mark.parametrize("rel, text", CLEAN, ids=["one-selector", "vendored", "escaped"])
def test_what_hides_nothing_passes(rel, text, policy, tmp_path):
    site = tmp_path / "site"
    target = site / rel
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    assert audit(site, policy, "site") == []


# The commitments 通报 of the demo names its office as contact (0874-8212345): the number
# is public in its 附注, as labels.yml's document.contact prints it, in the files that print
# that 附注 (its page, its documents, its search entry), and nowhere else.
NOTE = "notices/2026-04-08-commitments-bulletin/index.html"
OTHER = "notices/x/index.html"
CONTACT = [
    (NOTE, _page("<p>（联系人：县专项治理办公室，联系电话：0874-8212345）</p>"), []),
    (NOTE, _page("<p>联系电话： 0874 8212345</p>"), []),
    (NOTE, _page("<p>经查，其家中座机 0874-8212345 无人接听。</p>"),
     [("personal-landline", "site/" + NOTE, 5)]),
    (NOTE, _page("<p>（联系人：县专项治理办公室）</p>\n<p>0874-8212345</p>"),
     [("personal-landline", "site/" + NOTE, 6)]),
    # another landline after the label is no contact a notice gives
    (NOTE, _page("<p>联系电话：0874-8212346</p>"), [("personal-landline", "site/" + NOTE, 5)]),
    # the same words and number on a page that prints no 附注 of it: a case's body, another
    # notice, the notices' list (check refuses the number in those bodies at their line)
    (OTHER, _page("<p>（联系人：县专项治理办公室，联系电话：0874-8212345）</p>"),
     [("personal-landline", "site/" + OTHER, 5)]),
    ("cases/2026-001/index.html", _page("<p>联系电话：0874-8212345</p>"),
     [("personal-landline", "site/cases/2026-001/index.html", 5)]),
    ("notices/index.html", _page("<p>联系电话：0874-8212345</p>"),
     [("personal-landline", "site/notices/index.html", 5)]),
]


@pytest.mark.parametrize("rel, text, expected", CONTACT,
                         ids=["note", "label", "elsewhere", "after-another-text", "other",
                              "another-notice", "a-case", "the-list"])
def test_a_notices_contact_number_passes_only_printed_as_its_contact(rel, text, expected,
                                                                      policy, tmp_path):
    site = tmp_path / "site"
    target = site / rel
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    found = audit(site, policy, "site")
    assert [(p.code, p.path, p.line) for p in found] == expected


def test_a_notices_contact_number_passes_in_its_search_entry_only(policy, tmp_path):
    """The search index holds every page's text: the 附注 in the notice's entry, and the
    same words planted in another entry, which is refused there."""
    import json

    note = "（联系人：县专项治理办公室，联系电话：0874-8212345）"
    index = {"docs": [{"location": "notices/2026-04-08-commitments-bulletin/#x", "title": "t",
                       "text": f"<p>{note}</p>"},
                      {"location": "cases/2026-001/", "title": "t", "text": f"<p>{note}</p>"}]}
    target = tmp_path / "site/search/search_index.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    found = audit(tmp_path / "site", policy, "site")
    assert [(p.code, p.path) for p in found] == [
        ("personal-landline", "site/search/search_index.json#docs[2].text")]


def test_a_channels_numbers_are_read_token_by_token():
    """The digits of a channel's whole value run together made a mobile of a landline
    and its extension, allowed on every page and in every record."""
    from generator.privacy import Scanner, official_contacts

    phones, _emails, _addresses, _accounts = official_contacts(
        {"channels": [{"kind": "电话", "value": "0871-3812345-678"},
                      {"kind": "电话", "value": "139 8765 4321"}]})
    assert phones == ["0871-3812345", "139 8765 4321"]
    found = Scanner(*official_contacts({"channels": [{"value": "0871-3812345-678"}]})).hits(
        "手机 13812345678，办公室 0871-3812345，手机 13987654321")
    assert [(h.kind, h.value) for h in found] == [("phone", "13812345678"),
                                                 ("phone", "13987654321")]


@pytest.mark.parametrize("text, found", [
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
     '<h:meta http-equiv="refresh" content="0;url=/notices/"/><rect width="1" height="1"/></svg>',
     ["meta"]),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><body><form action="/"><input name="a"/>'
     '</form></body></html>', ["html", "body", "form", "input"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><m:math xmlns:m="http://www.w3.org/1998/Math/'
     'MathML"><m:mi>x</m:mi></m:math></svg>', ["math", "mi"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', []),
])
def test_the_audit_refuses_an_svg_holding_elements_the_browser_acts_on(text, found, policy,
                                                                       tmp_path):
    """A picture is read by the browser as XML: an XHTML element in it (a refresh, a form)
    acts wherever it sits, and the HTML reading of the audit saw <h:meta> as an unknown tag."""
    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    (site / "notices/files/图.svg").write_text(text, "utf-8")
    said = audit(site, policy, "site")
    # named as check names the same drawing in an attachment, with the element: it is
    # no script, and audit-script's message sent staff looking for one
    assert [p.code for p in said] == ["svg-active-content"] * len(found)
    assert sorted(p.message.split("（")[-1].split("）")[0] for p in said) == sorted(
        f"<{tag}>" for tag in found)


def test_the_audit_names_the_line_of_an_element_the_browser_acts_on_in_an_svg(policy, tmp_path):
    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    (site / "notices/files/图.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"\n xmlns:h="http://www.w3.org/1999/xhtml">\n'
        '<rect width="1" height="1"/>\n<g>\n<h:form action="/"/></g></svg>\n', "utf-8")
    (site / "notices/files/坏.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">', "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/notices/files/图.svg", 5, "svg-active-content"),
        ("site/notices/files/坏.svg", 1, "attachment-unreadable")]


@pytest.mark.parametrize("text, refused", [
    # a clue's 承办单位, 责任人 and 移送机关 name an organ or a post: anyone writes them
    ("县专项治理办公室交第一纪检监察室主任督办，移送县市场监督管理局。", False),
    # the outcome two clues share, a set phrase of no one record
    ("责令整改，已按程序办理完毕。", False),
    # a clue's own outcome, held by it alone: its words
    ("此前另一线索经核查反映东城镇低保审核拖延问题不属实。", True),
    # punctuation does not make a line long enough to be a quote: 已整改到位 is five
    ("经回头看，已整改到位。", False)])
def test_the_audit_refuses_a_records_own_words_not_the_wording_any_record_writes(
        text, refused, tmp_path):
    """What the audit keeps hidden of a record not public (each clue is one) is what the
    record says, not the organs and posts it names or a phrase several of them share:
    check's quotes-unpublished-record reads the same policy (fixtures
    clue-wording-in-a-case-is-fine, case-quotes-a-clue-outcome)."""
    from conftest import DATA, NOW, make_project

    project = make_project(tmp_path / "c", DATA / "invalid" / "case-quotes-a-clue-outcome")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "  此前另一线索经核查反映东城镇低保审核拖延问题不属实。\n", ""), "utf-8")
    clues = project / "data/clues.csv"
    clues.write_text(clues.read_text("utf-8").replace("移送处理", "已按程序办理完毕"), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(f"<p>{text}</p>"), "utf-8")
    found = audit(site, policy_for(data), "site")
    assert [(p.code, p.line) for p in found] == ([("audit-hidden-content", 5)] if refused else [])


@pytest.mark.parametrize("outcome, written, refused", [
    # a set phrase one clue alone holds: words anyone writes, no record's
    ("已按程序办理完毕", "责令整改，已按程序办理完毕。", False),
    ("立行立改，举一反三", "要求立行立改，举一反三。", False),
    # a short line of one clue that names a unit, a person or a number: its own words
    ("东城镇低保审核拖延", "另查东城镇低保审核拖延属实。", True),
    ("张某某拒不整改到位", "另查张某某拒不整改到位。", True),
    ("5月拖欠工资3个月", "另查5月拖欠工资3个月。", True)])
def test_a_short_line_one_record_holds_is_hidden_only_when_it_names_something(
        outcome, written, refused, tmp_path):
    """A short line one record not public alone holds was hidden whatever it said: a
    published case writing 已按程序办理完毕 was refused by check and by the audit when a
    single clue closed with those words. A set phrase is no record's words; a short line
    naming a unit, a person or a number still tells the record (check and the audit
    read one policy: fixtures case-writes-a-set-phrase-one-clue-holds-is-fine,
    case-quotes-a-short-line-of-one-clue-naming-a-unit)."""
    from conftest import DATA, NOW, make_project

    project = make_project(tmp_path / "c", DATA / "invalid" / "case-quotes-a-clue-outcome")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "此前另一线索经核查反映东城镇低保审核拖延问题不属实。", written), "utf-8")
    clues = project / "data/clues.csv"
    clues.write_text(clues.read_text("utf-8").replace("已按程序办理完毕", "已核实").replace(
        "移送处理", outcome), "utf-8")
    data, report = validate(project, NOW)
    assert [(p.code, p.line) for p in report.problems] == (
        [("quotes-unpublished-record", 10)] if refused else [])
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(f"<p>{written}</p>"), "utf-8")
    found = audit(site, policy_for(data), "site")
    assert [(p.code, p.line) for p in found] == ([("audit-hidden-content", 5)] if refused else [])


@pytest.mark.parametrize("text", ["<p>加其微信号：zhang_mou07</p>", "<p>QQ 一二三四五六七八</p>",
                                  '<p><abbr title="护照号码 E0000000A">复印件</abbr></p>'])
def test_the_audit_refuses_an_account_or_travel_document_number(text, policy, tmp_path):
    """A QQ number, a WeChat id, a passport or a permit number after the word naming it
    is personal data in the built site too (check: personal-account, fixture
    case-personal-account), in the text and in an attribute a reader hovers."""
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(text), "utf-8")
    found = audit(site, policy, "site")
    assert [(p.code, p.line) for p in found] == [("personal-account", 5)]


@pytest.mark.parametrize("text, code", [
    ("<p>其家住幸福小区三栋三零二。</p>", "personal-address"),
    ("<p>另一户在3栋<b>2单元</b>302室。</p>", "personal-address"),
    ("<p>家住县城建设路二十五号</p>", "personal-address"),
    ("<p>手机 1381 234 5678</p>", "personal-phone"),
    ("<p>联系电话 138 12 34 56 78</p>", "personal-phone"),
    ("<p>加QQ群：123456789</p>", "personal-account"),
    ('<p><abbr title="微信号：zhang-san">联系方式</abbr></p>', "personal-account"),
    ("<template><p>手机 1381 234 5678</p></template>", "personal-phone"),
])
def test_the_audit_finds_the_forms_check_finds_in_a_built_page(text, code, policy, tmp_path):
    """An address in Chinese numerals or by building and entrance, a mobile grouped as no
    rule groups it after the word naming it, a QQ group's number and a WeChat id of
    letters: the audit reads the built page with check's scanner (the demo's channels
    allowed), in the text and in an attribute a reader hovers."""
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(text), "utf-8")
    found = audit(site, policy, "site")
    assert [(p.code, p.line) for p in found] == [(code, 5)]


@pytest.mark.parametrize("text", ["<p>幸福小区5号楼电梯停运三个月</p>", "<p>县纪发〔2026〕3号</p>",
                                  "<p>举报电话 12388，县专项治理办公室电话 0000 123 4567</p>",
                                  "<table><tr><td>政府部门</td><td>135 77 58 44 57</td></tr></table>"])
def test_the_audit_leaves_what_only_looks_like_those_forms(text, policy, tmp_path):
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(text), "utf-8")
    assert audit(site, policy, "site") == []


def test_the_audit_refuses_a_published_file_that_names_its_author(policy, tmp_path):
    """A Word file whose properties name the clerk who wrote it (a PDF's /Author and a
    photo's EXIF artist alike): read by anyone who opens the file, found by no text
    scan (check: attachment-author, fixtures file-docx-with-author, file-pdf-with-author)."""
    import io

    import docx

    from conftest import DATA

    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("说明")
    document.core_properties.author = "张伟"
    out = io.BytesIO()
    document.save(out)
    (site / "notices/files/说明.docx").write_bytes(out.getvalue())
    document.core_properties.author = "演示县纪委办公室"  # the office: no one
    out = io.BytesIO()
    document.save(out)
    (site / "notices/files/办公室.docx").write_bytes(out.getvalue())
    svg = (DATA / "invalid/file-svg-names-its-author/content/files/图示.svg").read_bytes()
    (site / "notices/files/图示.svg").write_bytes(svg)
    found = audit(site, policy, "site")
    assert [(p.code, p.path, p.line) for p in found] == [
        ("attachment-author", "site/notices/files/图示.svg", 1),
        ("attachment-author", "site/notices/files/说明.docx", 1)]
    assert "张伟" not in str(found[1])


@pytest.mark.parametrize("author, person", [
    ("县纪委驻县教育局纪检组", False), ("东城街道纪工委", False), ("第二督查组", False),
    ("县委办公室", False), ("办 公 室", False), ("紀檢組", False), ("县信访办", False),
    ("专项治理工作专班", False), ("纪检组长", False), ("村委会", False),
    ("督查组王强", True), ("纪检组 张三", True), ("王强", True), ("张会", True),
    ("县纪委张三", True), ("东城街道 李四", True), ("县政府办公室王五", True),
    ("演示县监察委员会", False), ("县纪委监委", False), ("县人民政府", False),
    ("东城街道", False), ("县纪委 宣传部", False)])
def test_the_audit_reads_an_organ_as_the_author_of_a_file_as_no_one(author, person, policy,
                                                                   tmp_path):
    """A Word file written by an inspection group, a working committee or an office
    (本单位 as its author, spaced out or in traditional characters) names no one; a
    person's name after the organ still does (check: fixtures
    file-docx-by-an-inspection-group-is-fine, file-docx-by-a-person-of-a-group)."""
    import io

    import docx

    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("说明")
    document.core_properties.author = author
    document.core_properties.last_modified_by = "Administrator"
    out = io.BytesIO()
    document.save(out)
    (site / "notices/files/说明.docx").write_bytes(out.getvalue())
    found = audit(site, policy, "site")
    assert [(p.code, p.line) for p in found] == ([("attachment-author", 1)] if person else [])


def test_the_audit_reads_a_files_name_as_published_text(tmp_path):
    """A file's name is in its address and in every link to it: a mobile or the full
    name of a person the site prints masked, there, is refused as in a text (check says
    so at the file: fixture file-named-after-a-masked-person), once per name."""
    from conftest import DATA, NOW, make_project

    project = make_project(tmp_path / "c", DATA / "invalid" / "file-named-after-a-masked-person")
    data, _report = validate(project, NOW)
    site = tmp_path / "site"
    (site / "files").mkdir(parents=True)
    (site / "files/罗小军情况说明.txt").write_text("情况说明\n", "utf-8")
    (site / "files/名单-1390013%39000.txt").write_text("名单\n", "utf-8")
    (site / "files/情况说明.txt").write_text("情况说明\n", "utf-8")
    found = audit(site, policy_for(data), "site")
    assert sorted((p.code, p.path) for p in found) == [
        ("audit-redacted-name", "site/files/罗小军情况说明.txt"),
        ("personal-phone", "site/files/名单-1390013%39000.txt")]


# A cell a reader's spreadsheet runs as a formula: after spaces or tabs too, and written
# with the full-width marks a Chinese input method types (＝ ＋ － ＠), which WPS reads
# as their ASCII forms. (site path, CSV text, line of the cell)
FORMULA_CELLS = [
    ("open-data/cases.csv", '\ufeffid,title\r\n2026-001,"=HYPERLINK(""https://evil.example/"")"\r\n', 2),
    ("open-data/cases.csv", "\ufeffid,title\r\n2026-001,东城镇\r\n2026-002,  =1+1\r\n", 3),
    ("open-data/cases.csv", "\ufeffid,title\r\n2026-001,\t@SUM(A1)\r\n", 2),
    ("open-data/cases.csv", "\ufeffid,title\r\n2026-001,＝HYPERLINK(\"x\")\r\n", 2),
    ("open-data/cases.csv", "\ufeffid,title\r\n2026-001,＠SUM(A1)\r\n", 2),
    ("open-data/cases.csv", "\ufeffid,title\r\n2026-001,－cmd|' /C calc'!A0\r\n", 2),
    ("charts/a.csv", "\ufeff类别,件数\r\n+cmd|' /C calc'!A0,3\r\n", 2),
    ("notices/files/名单.csv", "单位,说明\n甲,\"多行\n说明\"\n乙,\u3000＝HYPERLINK(\"x\")\n", 4),
]


@pytest.mark.parametrize("rel, text, line", FORMULA_CELLS,
                         ids=[f"{n}-{r.split('/')[0]}" for n, (r, _t, _l) in
                              enumerate(FORMULA_CELLS)])
def test_the_audit_refuses_a_table_cell_a_spreadsheet_runs(rel, text, line, policy, tmp_path):
    """The open data, the charts' tables and CSV attachments are opened in Excel or WPS;
    the audit read their cells for personal data only, so a formula that the writer
    failed to neutralise (or that reached a table by another road) was published."""
    site = tmp_path / "site"
    (site / rel).parent.mkdir(parents=True)
    (site / rel).write_text(text, "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/" + rel, line, "audit-csv-formula")]


def test_the_audit_passes_table_cells_that_are_text_or_numbers(policy, tmp_path):
    site = tmp_path / "site"
    (site / "open-data").mkdir(parents=True)
    (site / "open-data/t.csv").write_text(
        "\ufeff单位,说明,变化\r\n甲,-,-5\r\n乙,'=1+1,+86 010 1234 5678\r\n丙,'＝HYPERLINK(1),-2.5\r\n",
        "utf-8")
    assert audit(site, policy, "site") == []


# The charts' one stylesheet, as matplotlib writes it into each drawing (charts.py)
CHART_STYLE = '<svg><defs><style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style></defs></svg>'


@pytest.mark.parametrize("rel, text, line", [
    ("cases/x/index.html", _page("<style>body{display:none}</style>"), 5),
    ("cases/x/index.html", _page("<p>a</p>\n<style>.md-content{visibility:hidden}</style>"), 6),
    # the chart's style text, but outside a drawing, or with other rules after it
    ("cases/x/index.html", _page('<style type="text/css">*{stroke-linejoin: round; '
                                 'stroke-linecap: butt}</style>'), 5),
    ("statistics/index.html", _page(CHART_STYLE.replace("butt}", "butt} p{display:none}")), 5),
    ("statistics/index.html", _page(CHART_STYLE.replace('type="text/css"', 'media="all"')), 5),
    ("notices/files/图.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<style>text{fill:#fff}'
                            '</style><text>x</text></svg>', 2),
    ("feed.xml", _feed('<entry><content type="html">&lt;style&gt;p{color:red}&lt;/style&gt;'
                       "</content></entry>"), 1),
])
def test_the_audit_refuses_a_style_element(rel, text, line, policy, tmp_path):
    """A <style> hides or rewrites what a page says (a case shown as withdrawn, the
    footer's authority replaced); no page of the site needs one but the charts, whose
    drawings carry matplotlib's one rule: that one, exactly, inside a drawing, passes."""
    site = tmp_path / "site"
    (site / rel).parent.mkdir(parents=True)
    (site / rel).write_text(text, "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/" + rel, line, "audit-style")]


def test_the_audit_passes_the_charts_own_style(policy, tmp_path):
    site = tmp_path / "site"
    (site / "statistics").mkdir(parents=True)
    (site / "statistics/index.html").write_text(_page(CHART_STYLE), "utf-8")
    (site / "charts").mkdir()
    (site / "charts/a.svg").write_text(CHART_STYLE.replace(
        "<svg>", '<svg xmlns="http://www.w3.org/2000/svg">'), "utf-8")
    assert audit(site, policy, "site") == []


# What the browser loads or runs that the audit read as a link, or did not read at all:
# a <base> moves every relative script and stylesheet of the page to its host; an SVG
# element's href loads (only <a>'s is followed); image-set() fetches a quoted address
# without url(); an animation sets a link's href; a <noscript> is raw text to a browser
# running scripts, so "</noscript>" inside an attribute ends it there.
BROWSER_READS = [
    ('<base href="https://www.example.gov.cn/">', "audit-third-party"),
    ('<svg><image href="https://www.example.gov.cn/t.png"/></svg>', "audit-third-party"),
    ('<svg><filter id="f"><feImage href="https://www.example.gov.cn/t.png"/></filter></svg>',
     "audit-third-party"),
    ('<svg><use href="https://www.example.gov.cn/s.svg#a"/></svg>', "audit-third-party"),
    ("<p style=\"background-image:image-set('https://evil.example/a.png' 1x)\">x</p>",
     "audit-third-party"),
    ('<p style="mask:-webkit-image-set(&quot;/a.png&quot; 1x, &quot;https://evil.example/b.png'
     '&quot; 2x)">x</p>', "audit-third-party"),
    ('<svg><a href="/"><text>x</text><animate attributeName="href" to="javascript:alert(1)"/>'
     '</a></svg>', "audit-script-url"),
    ('<svg><a href="/"><text>x</text><set attributeName="xlink:href" values="/;javascript:alert(1)"'
     '/></a></svg>', "audit-script-url"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
     "audit-event-handler"),
    ('<NoScript><p title="</noscript><a href=javascript:alert(1)>x</a>"></p></NoScript>',
     "audit-script-url"),
    # a <template>'s content, a fragment of its own that the walk of the page passed by
    ("<template><img src=x onerror=alert(1)></template>", "audit-event-handler"),
    ('<Template><p><a href="javascript:alert(1)">x</a></p></Template>', "audit-script-url"),
    ('<template><template><img src="https://evil.example/a.png"></template></template>',
     "audit-third-party"),
]


def _site_with_a_page(tmp_path: Path, body: str) -> Path:
    """A built site of one case page holding `body`."""
    site = tmp_path / "site"
    (site / "cases/x").mkdir(parents=True)
    (site / "cases/x/index.html").write_text(_page(body), "utf-8")
    return site


@pytest.mark.parametrize("body, code", BROWSER_READS)
def test_the_audit_reads_what_the_browser_loads_and_runs(body, code, policy, tmp_path):
    site = _site_with_a_page(tmp_path, body)
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/cases/x/index.html", 5, code)]


@pytest.mark.parametrize("body", [
    '<base href="/">', '<svg><use href="#icon"/></svg>', '<a href="https://www.example.gov.cn/">x</a>',
    '<svg><a href="https://www.example.gov.cn/"><text>x</text></a></svg>',
    '<svg><animate attributeName="opacity" values="0;1" dur="1s"/></svg>',
    "<noscript>网页编辑器需要启用 JavaScript。</noscript>",
    "<p style=\"background-image:image-set('/a.png' 1x)\">x</p>",
])
def test_the_audit_passes_what_loads_from_the_site_or_is_followed(body, policy, tmp_path):
    site = _site_with_a_page(tmp_path, body)
    assert audit(site, policy, "site") == []


def test_the_audit_reads_a_processing_instruction_as_the_comment_the_browser_makes(policy,
                                                                                  tmp_path):
    """Its node has no tag name in selectolax: the audit stopped on it (audit-unreadable,
    naming an AttributeError) instead of reading the page."""
    site = tmp_path / "site"
    (site / "x").mkdir(parents=True)
    (site / "x/index.html").write_text(_page("<?php echo 1 ?><p>电话 139 1234 5678</p>"), "utf-8")
    assert [(p.line, p.code) for p in audit(site, policy, "site")] == [(5, "personal-phone")]


@pytest.mark.parametrize("body", [
    # the reader taken elsewhere without a click, or what they type sent elsewhere: to a
    # host links may go to (site.yml link_hosts) as to any other; the site writes neither
    '<meta http-equiv="refresh" content="0;url=https://www.example.gov.cn/">',
    '<form action="https://www.example.gov.cn/jubao"><input name="a"></form>',
    '<form><button formaction="https://www.example.gov.cn/jubao">提交</button></form>',
])
def test_the_audit_refuses_a_refresh_or_a_form_to_another_host(body, policy, tmp_path):
    site = _site_with_a_page(tmp_path, body)
    assert [(p.line, p.code) for p in audit(site, policy, "site")] == [(5, "audit-third-party")]


@pytest.mark.parametrize("body", [
    '<meta http-equiv="refresh" content="0;url=/notices/">',
    '<form class="md-search__form" name="search"><input name="q"></form>',
    '<form action="/search/"><input name="q"></form>',
])
def test_the_audit_passes_a_refresh_or_a_form_within_the_site(body, policy, tmp_path):
    site = _site_with_a_page(tmp_path, body)
    assert audit(site, policy, "site") == []


@pytest.mark.parametrize("text, found", [
    # a prefix bound to the SVG or XLink namespace makes the element or the link the
    # browser's XML parser acts on; the HTML reading saw "s:script", "l:href"
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">\n'
     "<s:script>alert(1)</s:script></svg>", (2, "svg-active-content")),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">\n<g>\n'
     '<a l:href="javascript:alert(1)"><text>x</text></a></g></svg>', (3, "audit-script-url")),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">\n'
     '<image l:href="https://www.example.gov.cn/a.png"/></svg>', (2, "audit-third-party")),
])
def test_the_audit_reads_an_svg_files_prefixed_names_as_the_xml_parser_does(text, found, policy,
                                                                           tmp_path):
    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    (site / "notices/files/图.svg").write_text(text, "utf-8")
    assert [(p.line, p.code) for p in audit(site, policy, "site")] == [found]


@pytest.mark.parametrize("name, text, found", [
    ("名单.tsv", "单位\t电话\n甲\t13912345678\n乙\t=HYPERLINK(\"https://evil.example/\")\n",
     [(2, "personal-phone"), (3, "audit-csv-formula")]),
    ("名单.TSV", "单位\t说明\n甲\t+cmd|' /C calc'!A0\n", [(2, "audit-csv-formula")]),
    ("联系人.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:某\nTEL:13912345678\nEND:VCARD\n",
     [(4, "personal-phone")]),
])
def test_the_audit_reads_every_text_attachment_kind(name, text, found, policy, tmp_path):
    """check accepts TSV and VCF attachments as text (attachments.TEXT_KINDS); the audit
    read neither, so a mobile number or a formula in one was published unread."""
    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    (site / "notices/files" / name).write_text(text, "utf-8")
    assert [(p.line, p.code) for p in audit(site, policy, "site")] == found


def test_the_audit_passes_over_the_vendored_scripts_only(policy, tmp_path):
    """Vendored scripts (checked in by hand with a licence) are not read as text; a file
    was passed over for "/vendor/" anywhere in its path, an attachment in a folder so
    named (notices/files/vendor/) or a page's table included."""
    site = tmp_path / "site"
    for rel in ("admin/vendor/decap-cms/x.js", "assets/javascripts/vendor/tablesort/LICENCE.txt",
                "notices/files/vendor/名单.csv", "vendor/说明.txt"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("单位,电话\n甲,13912345678\n", "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/notices/files/vendor/名单.csv", 2, "personal-phone"),
        ("site/vendor/说明.txt", 2, "personal-phone")]


def test_the_audit_reads_a_pictures_text_and_place(policy, tmp_path):
    """check reads a photo's EXIF text and refuses one recording where it was taken; the
    audit read no picture at all, so one that reached the site by another road (a
    file the pipeline copies, a check skipped) was published with them."""
    import io

    from PIL import Image

    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    picture = Image.new("RGB", (4, 4))
    exif = picture.getexif()
    exif[0x010E] = "举报人张某某电话13912345678"  # ImageDescription
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    (site / "notices/files/现场.jpg").write_bytes(buffer.getvalue())
    gps = Image.new("RGB", (4, 4))
    exif = gps.getexif()
    exif[0x8825] = {1: "N", 2: (25.0, 1.0, 0.0)}
    buffer = io.BytesIO()
    gps.save(buffer, "JPEG", exif=exif)
    (site / "notices/files/地点.jpg").write_bytes(buffer.getvalue())
    assert [(p.path, p.code) for p in audit(site, policy, "site")] == [
        ("site/notices/files/地点.jpg", "file-refused"),
        ("site/notices/files/现场.jpg!图片信息", "personal-phone")]


def test_the_audit_reads_a_sheets_phone_column_as_check_does(policy, tmp_path):
    """A workbook whose column is headed 联系电话: check reads a mobile in odd groups
    there (1381 234 5678) as a mobile; the audit read the row as text and passed it."""
    from openpyxl import Workbook

    site = tmp_path / "site"
    (site / "notices/files").mkdir(parents=True)
    book = Workbook()
    book.active.title = "名单"
    for row in (["单位", "联络员", "联系电话"], ["东城镇", "张某", "1381 234 5678"],
                ["县纪委", "举报电话", "12388"]):
        book.active.append(row)
    book.save(site / "notices/files/联络员.xlsx")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/notices/files/联络员.xlsx!名单", 2, "personal-phone")]


# -- review (privacy6): a table's header cell says what the cells under it are ---------

_TABLE = ("<table>\n<thead>\n<tr><th>单位</th>{heads}</tr>\n</thead>\n<tbody>\n"
          "{rows}</tbody>\n</table>")


def _table(heads: str, *rows: str) -> str:
    return _TABLE.format(heads=heads, rows="".join(f"<tr><td>某镇</td>{r}</tr>\n" for r in rows))


@pytest.mark.parametrize("text, found", [
    # a mobile in odd groups, a split QQ number, an account failing Luhn: line of its row
    (_table("<th>联系电话</th>", "<td>1381 234 5678</td>"), [("personal-phone", 10)]),
    (_table("<th>手机</th>", "<td>139 12 34 56 78</td>", "<td>12388</td>"),
     [("personal-phone", 10)]),
    (_table("<th>QQ号</th>", "<td>1234 5678 90</td>"), [("personal-account", 10)]),
    (_table("<th>QQ</th>", "<td>123456789</td>"), [("personal-account", 10)]),
    (_table("<th>银行账号</th>", "<td>6228 4800 1234 5678 12</td>"),
     [("personal-bank-card", 10)]),
    (_table("<th>备注</th><th>联系方式</th>", "<td>无</td><td>1381 234 5678</td>",
            "<td>无</td><td>0000-1234567</td>"), [("personal-phone", 10)]),
    # a cell spanning the header's column is read with it; markup inside a cell too
    (_table("<th>备注</th><th>联系电话</th>", '<td colspan="2">1381 234 5678</td>'),
     [("personal-phone", 10)]),
    (_table('<th colspan="2">联系电话</th>', "<td>1381 <b>234</b> 5678</td><td>无</td>"),
     [("personal-phone", 10)]),
    (_table("<th>联系电话</th>", "<td>1381 234 5678</td>", "<td>139 12 34 56 78</td>"),
     [("personal-phone", 10), ("personal-phone", 11)]),
    # the same cells under a header naming nothing, a header with a figure in it, a
    # column beside the phone's, or a table of figures: no one's number
    (_table("<th>人数</th>", "<td>1381 234 5678</td>"), []),
    (_table("<th>2026年联系电话</th>", "<td>1381 234 5678</td>"), []),
    (_table("<th>联系电话</th><th>人数</th>", "<td>12388</td><td>1381 234 5678</td>"), []),
    (_table("<th>QQ号</th>", "<td>2026-05-10</td>"), []),
    (_table("<th>银行账号</th>", "<td>123456789012.50</td>"), []),
    (_table("<th>微信账号</th>", "<td>1234 5678 9012 3456</td>"), []),
    # (privacy7) a row's first cell naming the rest of its row: a <th>, a bold label
    ("<table>\n<tr><th>联系电话</th><td>1381 234 5678</td></tr>\n"
     "<tr><td><strong>QQ号</strong></td><td>1234 5678 90</td></tr>\n"
     "<tr><td>人数</td><td>139 12 34 56 78</td></tr>\n</table>",
     [("personal-phone", 6), ("personal-account", 7)]),
    # a header of two rows: 联系方式 spanning 手机 and QQ, 单位 spanning both rows
    ("<table>\n<thead>\n"
     '<tr><th rowspan="2">单位</th><th colspan="2">联系方式</th><th rowspan="2">人数</th></tr>\n'
     "<tr><th>手机</th><th>QQ</th></tr>\n</thead>\n<tbody>\n"
     "<tr><td>某镇</td><td>1381 234 5678</td><td>1234 5678 90</td><td>139 12 34 56 78</td></tr>\n"
     "</tbody>\n</table>", [("personal-account", 11), ("personal-phone", 11)]),
    # a unit's name merged over two rows: the second row's cells start a column right
    (_table("<th>联系电话</th><th>人数</th>",
            "<td>0000-1234567</td><td>12</td>").replace(
        "<td>某镇</td>", '<td rowspan="2">某镇</td>') .replace(
        "</tbody>", "<tr><td>1381 234 5678</td><td>12</td></tr>\n</tbody>"),
     [("personal-phone", 11)]),
    # (privacy10) a QQ number of a mobile's shape under QQ号 is one QQ number, not also
    # the phone the page's text reads; beside a 手机 cell holding it, one report each
    (_table("<th>QQ号</th>", "<td>13812345678</td>"), [("personal-account", 10)]),
    (_table("<th>QQ</th>", "<td>138 1234 5678</td>", "<td>139-1234-5678</td>"),
     [("personal-account", 10), ("personal-account", 11)]),
    (_table("<th>QQ号</th><th>手机</th>", "<td>13812345678</td><td>13812345678</td>"),
     [("personal-account", 10), ("personal-phone", 10)]),
    (_table("<th>QQ号</th><th>备注</th>", "<td>13812345678</td><td>手机 13912345678</td>"),
     [("personal-account", 10), ("personal-phone", 10)]),
    (_table("<th>人数</th><th>联系电话</th>", "<td>12</td><td>0000-1234567</td>").replace(
        "<td>某镇</td>", '<td rowspan="2">某镇</td>').replace(
        "</tbody>", "<tr><td>139 12 34 56 78</td><td>无</td></tr>\n</tbody>"), []),
])
def test_the_audit_reads_a_cell_under_a_header_naming_a_phone_qq_or_account(
        text, found, policy, tmp_path):
    """check reads a column under 联系电话, QQ号 or 银行账号 (a Markdown table's, a
    sheet's, a CSV's) as that; the audit read the built page's <td> as plain text, so a
    page written by any other road than a checked body passed it unread."""
    site = _site_with_a_page(tmp_path, text)
    assert [(p.code, p.line) for p in audit(site, policy, "site")] == found


def test_a_notice_table_under_a_phone_header_is_refused_by_check_and_by_the_audit(tmp_path):
    """The same Markdown table is refused by check at its line (a mobile in odd groups, a
    split QQ number, an account number failing Luhn, each under its column's header) and,
    in the page the engine builds from it, by the audit: they agree."""
    from conftest import NOW, make_project, mkdocs_build
    from generator.pipeline import check
    from generator.synth import engine_config

    table = "\n\n| 单位 | 联系电话 | QQ号 | 银行账号 | 人数 |\n|---|---|---|---|---|\n"
    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8").rstrip("\n")
    notice.write_text(text + table + "| 东城镇 | 1381 234 5678 | 1234 5678 90 | "
                      "6228 4800 1234 5678 12 | 139 12 34 56 78 |\n", "utf-8")
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/notices/2026-05-notice.md", text.count("\n") + 5, code)
        for code in ("personal-phone", "personal-account", "personal-bank-card")]
    # built with the office's number in the column (check passes), then the cells planted
    # in the built page: the audit reads them under their headers, at their line
    notice.write_text(text + table + "| 东城镇 | 0000-1234567 | 无 | 无 | 139 12 34 56 78 |\n",
                      "utf-8")
    data, report = validate(project, NOW)
    assert report.valid
    engine_config(ROOT, project)
    site = tmp_path / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-2000:]
    page = next(p for p in sorted(site.rglob("index.html")) if "0000-1234567" in
                p.read_text("utf-8") and "联系电话</th>" in p.read_text("utf-8"))
    built = page.read_text("utf-8")
    planted = built.replace(">0000-1234567</td>", ">1381 234 5678</td>").replace(
        ">无</td>\n", ">1234 5678 90</td>\n", 1).replace(">无</td>\n",
                                                        ">6228 4800 1234 5678 12</td>\n", 1)
    assert planted.count("1381 234 5678") == 1 and planted.count("1234 5678 90") == 1
    page.write_text(planted, "utf-8")
    line = planted[:planted.index("1381 234 5678")].count("\n") + 1
    rel = "site/" + page.relative_to(site).as_posix()
    found = audit(site, policy_for(data), "site")  # (the theme's scripts are not listed here)
    assert [(p.path, p.line, p.code) for p in found if p.code.startswith("personal-")] == [
        (rel, line, "personal-phone"), (rel, line + 1, "personal-account"),
        (rel, line + 2, "personal-bank-card")]


# -- review (privacy6): what the site serves that no record wrote ----------------------

def test_the_audit_reads_the_web_editors_config(policy, tmp_path):
    """/admin/config.yml (the web editor's, made from the schema, the messages, the
    taxonomy and the units' names) is served as every file of the site is, and the audit
    passed over .yml unread."""
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin/config.yml").write_text(
        "backend:\n  name: git-gateway\ncollections:\n  - name: units\n"
        "    hint: 联系人手机 1381 234 5678\n", "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(site, policy, "site")] == [
        ("site/admin/config.yml", 5, "personal-phone")]


def test_the_demo_editor_config_and_manual_pass_the_audit(policy, tmp_path):
    """What the build writes from the generator's own texts, read as the audit reads it:
    nothing in the demo's editor config or staff manual is refused."""
    from generator.docs import data_spec
    from generator.pipeline import build

    made = build(ROOT, history=False).files["admin/config.yml"]
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin/config.yml").write_bytes(made if isinstance(made, bytes) else made.encode())
    (site / "data-spec.md").write_text(data_spec(), "utf-8")  # read as text, whole
    assert audit(site, policy, "site") == []


def test_a_draft_quoting_the_manual_hides_none_of_its_words(tmp_path):
    """A draft notice that copies a sentence of the staff manual (a help text) made that
    sentence hidden: the audit refused the built manual, where check, which leaves the
    generator's own page alone, said nothing. The generator's words are no record's."""
    from conftest import NOW, make_project
    from generator.docs import data_spec

    sentence = "网站主办单位的联系方式（电话、地址），显示在页脚"
    assert sentence in data_spec()
    project = make_project(tmp_path / "c")
    (project / "content/notices/2026-05-20-draft.md").write_text(
        "---\ntitle: 草稿\ndate: 2026-05-20\ncategory: 工作动态\ndraft: 是\n---\n\n"
        f"{sentence}\n\n东城镇5月拖欠工资3个月的问题仍在核实。\n", "utf-8")
    data, _report = validate(project, NOW)
    policy = policy_for(data)
    site = tmp_path / "site"
    (site / "data-spec").mkdir(parents=True)
    (site / "data-spec/index.html").write_text(_page(f"<p>{sentence}</p>"), "utf-8")
    (site / "x").mkdir()
    (site / "x/index.html").write_text(_page("<p>东城镇5月拖欠工资3个月的问题仍在核实。</p>"),
                                       "utf-8")
    assert [(p.path, p.code) for p in audit(site, policy, "site")] == [
        ("site/x/index.html", "audit-hidden-content")]  # the draft's own words stay hidden


def test_check_reads_the_staff_manual_as_the_audit_reads_it(tmp_path, monkeypatch):
    """check only compared the manual with what `generator docs` writes; a number in a
    help text (a message's example) was refused by the audit of the built page with no
    line in the sources. It is now said at the manual's line."""
    from conftest import NOW, make_project
    from generator import docs
    from generator.pipeline import check

    made = docs.data_spec()
    lines = made.split("\n")
    lines.insert(5, "例如 手机 1381 234 5678")
    monkeypatch.setattr(docs, "data_spec", lambda: "\n".join(lines))
    project = make_project(tmp_path / "c")
    (project / "content/data-spec.md").write_text("\n".join(lines), "utf-8")
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/data-spec.md", 6, "personal-phone")]


def test_check_reads_a_raw_html_table_under_a_phone_header_as_the_audit_does(tmp_path):
    """A notice body may hold a raw HTML table (the engine passes it through); the audit
    reads its <td> under <th>联系电话</th> as a phone, so check reads it so too, at the
    cell's line; a column beside it is not read so."""
    from conftest import NOW, make_project
    from generator.pipeline import check

    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8").rstrip("\n")
    table = ("<table>\n<thead>\n<tr><th>单位</th><th>联系电话</th><th>人数</th></tr>\n</thead>\n"
             "<tbody>\n<tr><td>东城镇</td><td>1381 234 5678</td><td>12</td></tr>\n"
             "<tr><td>西城镇</td><td>0000-1234567</td><td>139 12 34 56 78</td></tr>\n"
             "</tbody>\n</table>\n")
    notice.write_text(text + "\n\n" + table, "utf-8")
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/notices/2026-05-notice.md", text.count("\n") + 8, "personal-phone")]
    site = _site_with_a_page(tmp_path, table)
    assert [(p.line, p.code) for p in audit(site, policy_for(_data), "site")
            if p.code.startswith("personal-")] == [(5 + 5, "personal-phone")]


_CLUE_OUTCOME = "此前另一线索经核查反映东城镇低保审核拖延问题不属实。"


@pytest.mark.parametrize("written, line", [
    ("此前另一线索经核查反映东城镇低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映**东城镇**低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映<b>东城镇</b>低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映&#19996;城镇低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映[东城镇](../report.md)低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映[东城镇][a]低保审核拖延问题不属实。\n\n[a]: ../report.md", 24),
    ("此前另一线索经核查反映`东城镇`低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映东城镇&shy;低保审核拖延问题不属实。", 24),
    ("此前另一线索经核查反映**东城镇**\n低保审核拖延问题不属实。", 24),
    ("前文。\n\n此前另一线索经核查反映<b>东城镇</b>\n低保审核拖延问题不属实。", 26),
    ("| 甲 |\n| --- |\n| 此前另一线索经核查反映*东城镇*低保审核拖延问题不属实。 |", 26),
    # what the page does not show whole, neither does check
    ("此前另一线索经核查反映东城镇低保审核拖延问题不属\\*实。", None),
    ("| 此前另一线索经核查反映 | 东城镇低保审核拖延问题不属实。 |\n| --- | --- |\n| 1 | 2 |",
     None),
])
def test_a_notice_quoting_a_hidden_record_through_markup_is_refused_by_check_as_by_the_audit(
        written, line, tmp_path):
    """A notice body quoting a record not public with emphasis, a tag, a character
    reference, a link or a code span inside the quote passed check (it read the source
    line as written) and stopped the build at its audit with no line to correct: check
    now reads the words as the page shows them (sanitize.text_lines)."""
    from conftest import DATA, NOW, make_project
    from generator import sanitize

    project = make_project(tmp_path / "c", DATA / "invalid" / "case-quotes-a-clue-outcome")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(f"  {_CLUE_OUTCOME}\n", ""), "utf-8")
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").rstrip("\n") + f"\n\n{written}\n", "utf-8")
    data, report = validate(project, NOW)
    assert [(p.code, p.line) for p in report.problems] == (
        [("quotes-unpublished-record", line)] if line else [])
    site = tmp_path / "site"
    (site / "notices/x").mkdir(parents=True)
    body = sanitize.clean(sanitize.markdown_html(written))
    (site / "notices/x/index.html").write_text(_page(body), "utf-8")
    found = [p.code for p in audit(site, policy_for(data), "site")]
    assert found == (["audit-hidden-content"] if line else [])


@pytest.mark.parametrize("link, line", [
    ("[典型案例](../cases/2026-001.md)", 17),
    ("[典型案例](../cases&#47;2026-001.md)", 17),
    ("[典型案例](../cases/2026%2D001.md)", 17),
    ("[典型案例](../cases/./2026-001.md)", 17),
    ("[典型案例](../cases/x/../2026-001.md)", 17),
    ('<a href="../cases&#x2F;2026-001/">典型案例</a>', 17),
    ("[典型案例][a]\n\n[a]: ../cases&#47;2026-001.md", 19),
])
def test_a_link_to_a_withdrawn_case_is_found_however_it_is_spelled(link, line, tmp_path):
    """The body's links were matched as written: ../cases&#47;2026-001.md or
    cases/2026%2D001.md reach the withdrawn case's page as well, and passed."""
    from conftest import DATA, NOW, make_project

    project = make_project(tmp_path / "c", DATA / "invalid" / "notice-body-links-withdrawn-case")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    assert "详见[典型案例](../cases/2026-001.md)。" in text
    notice.write_text(text.replace("[典型案例](../cases/2026-001.md)", link), "utf-8")
    _data, report = validate(project, NOW)
    assert [(p.code, p.line) for p in report.problems
            if p.code == "notice-cites-withdrawn-case"] == [("notice-cites-withdrawn-case", line)]


# -- review (privacy7): a link's target is published with its page ----------------------

@pytest.mark.parametrize("body, found", [
    ('<p><a href="files/zhang-13812345678.pdf">附件</a></p>', [("personal-phone", 5)]),
    ('<p><a href="files/%E5%BC%A0%E4%B8%8913812345678.pdf">附件</a></p>',
     [("personal-phone", 5)]),
    ('<p><a href="https://jubao.yanshi-demo.example.gov.cn/?tel=1381-234-5678">平台</a></p>',
     [("personal-phone", 5)]),
    ('<p><img src="files/110105194912310021x.png" alt="图"></p>', []),
    ('<p><img src="files/11010519491231002X.png" alt="图"></p>', [("personal-id-number", 5)]),
    # the site's own addresses: a case's, a dated notice's, a digest-versioned script's
    ('<p><a href="../cases/2026-001/">案例</a> <a href="../notices/2026-05-notice/">通知</a>'
     '<a href="tel:12388">12388</a></p>', []),
])
def test_the_audit_reads_a_links_target_as_check_reads_a_bodys(body, found, policy, tmp_path):
    """check reads a body's link targets decoded (zhang-13812345678.pdf, ?tel=…); the
    audit read only mailto: and tel:, so a page written by another road linked a file
    or query naming someone and passed."""
    site = _site_with_a_page(tmp_path, body)
    assert [(p.code, p.line) for p in audit(site, policy, "site")] == found


@pytest.mark.parametrize("fixture", ["case-quotes-a-clue-outcome", "notice-body-quotes-withdrawn-case",
                                     "case-withdrawn-without-reason", "notice-cites-withdrawn-case"])
def test_quotes_are_found_alike_whatever_the_batch_of_texts_scanned_at_once(fixture, tmp_path,
                                                                           monkeypatch):
    """At city scale the published texts are scanned a batch at a time, not joined whole
    (a copy of every text at once took 90 MB at scale 120): a batch of one text, of two
    or three, and the whole in one finds the same quotes at the same lines, and a line
    a published text states in another batch is public all the same."""
    from conftest import DATA, NOW, make_project
    from generator import audit as audit_module

    project = make_project(tmp_path / "c", DATA / "invalid" / fixture)

    def found(batch: int) -> tuple:
        monkeypatch.setattr(audit_module, "TEXT_BATCH", batch)
        data, report = validate(project, NOW)
        return ([(p.code, p.path, p.line) for p in report.problems],
                sorted(policy_for(data).hidden))

    whole = found(10 ** 9)
    assert "quotes-unpublished-record" in {code for code, _p, _l in whole[0]}
    assert whole[1]  # something is hidden: the batches have something to agree on
    for batch in (1, 2, 3):
        assert found(batch) == whole, batch


def test_a_personal_number_in_the_name_of_a_zip_member_is_found(policy, tmp_path):
    """A zip the site publishes (open-data/all.zip) lists its members' names to whoever
    unpacks it; the audit read each member's bytes but not its name, so a member named
    张三13812345678.csv was published unread."""
    import io
    import zipfile

    site = tmp_path / "site"
    (site / "open-data").mkdir(parents=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("张三13812345678.csv", "\ufeffid,note\n1,已整改\n")
        archive.writestr("cases.csv", "\ufeffid,note\n1,已整改\n")
    (site / "open-data/all.zip").write_bytes(out.getvalue())
    found = audit(site, policy, "site")
    assert [(p.code, p.path, p.line) for p in found] == [
        ("personal-phone", "site/open-data/all.zip!张三13812345678.csv", 0)]
