"""A line break in a paragraph's source shows as nothing between two Han characters.

Staff write a paragraph over several lines or paste one from a PDF broken every thirty
characters; the browser showed each break as a space ("问题。 现将", "低保申 请过程中").
The engine now takes such breaks out (generator/softbreak.py, CSS Text 3's rule), and
check scans the text as the page shows it, so it still finds what the audit finds.
"""
import json
from pathlib import Path

import pytest

from conftest import DATA, make_project
from generator import sanitize
from generator.softbreak import joinable, soft_joined, source_line


@pytest.mark.parametrize("body, html", [
    ("查处了一批问题。\n现将其中3起通报如下。", "<p>查处了一批问题。现将其中3起通报如下。</p>"),
    ("办理低保申\n请过程中", "<p>办理低保申请过程中</p>"),
    ("前文  \n后文", "<p>前文<br />\n后文</p>"),  # two spaces: a hard break stays
    ("前文 \n  后文", "<p>前文后文</p>"),
    ("**张某**\n在办理", "<p><strong>张某</strong>在办理</p>"),  # across an element
    ("办理\n*过程*", "<p>办理<em>过程</em></p>"),
    ("见`附件`\n说明", "<p>见<code>附件</code>说明</p>"),
    ("A line\nnext line", "<p>A line\nnext line</p>"),  # Latin keeps its space
    ("共计\n3起", "<p>共计\n3起</p>"),  # a digit is no wide character
    ("见附件\nPDF", "<p>见附件\nPDF</p>"),
    ("한국\n어", "<p>한국\n어</p>"),  # Hangul is spaced by words
    ("中文\n\n段落", "<p>中文</p>\n<p>段落</p>"),
    ("- 一\n- 二", "<ul>\n<li>一</li>\n<li>二</li>\n</ul>"),
    ("- 第一\n  项内容", "<ul>\n<li>第一项内容</li>\n</ul>"),
    ("```\n代码\n行\n```", "<pre><code>代码\n行\n</code></pre>"),  # code keeps its lines
    ("    缩进\n    代码", "<pre><code>缩进\n代码\n</code></pre>"),
    ("| 甲 | 乙 |\n| --- | --- |\n| 一 | 二 |", "<table>\n<thead>\n<tr>\n<th>甲</th>\n"
     "<th>乙</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>一</td>\n<td>二</td>\n</tr>\n"
     "</tbody>\n</table>"),
])
def test_a_break_between_han_characters_shows_as_nothing(body, html):
    assert sanitize.markdown_html(body) == html


@pytest.mark.parametrize("body, html", [
    # inline raw HTML the engine holds as placeholders: a tag or a comment shows nothing
    ("办理<b>事</b>\n中", "<p>办理<b>事</b>中</p>"),
    ("办理\n<b>中</b>文", "<p>办理<b>中</b>文</p>"),
    ("办<b><i>事</i></b>\n<em>中</em>", "<p>办<b><i>事</i></b><em>中</em></p>"),
    ("**办<b>理</b>**\n中", "<p><strong>办<b>理</b></strong>中</p>"),
    ("办<!-- 注 -->\n理", "<p>办<!-- 注 -->理</p>"),
    ("办<b>\n</b>理", "<p>办<b></b>理</p>"),
    # a comment the browser ends at once shows the rest as text: the break stays
    ("办<!--> 注 -->\n理", "<p>办<!--> 注 -->\n理</p>"),
    ("办<!-- 注 --!> -->\n理", "<p>办<!-- 注 --> --&gt;\n理</p>"),
    # a character reference shows its character
    ("王&#23567;\n明", "<p>王&#23567;明</p>"),
    ("王\n&#x5C0F;明", "<p>王&#x5C0F;明</p>"),
    ("办&#65;\n理", "<p>办&#65;\n理</p>"),
    ("办&amp;\n理", "<p>办&amp;\n理</p>"),
    # what shows something, or might: the break stays
    ("办<img src=x>\n理", "<p>办<img src=x>\n理</p>"),
    ("办<br>\n理", "<p>办<br>\n理</p>"),
    ("办<font>\n理", "<p>办<font>\n理</p>"),
    ("办<span title='a>b'>\n理", "<p>办<span title='a>b'>\n理</p>"),
    ("`<b>`\n中", "<p><code>&lt;b&gt;</code>\n中</p>"),
    ("123<b>4</b>\n中", "<p>123<b>4</b>\n中</p>"),
])
def test_a_break_beside_inline_raw_html_is_judged_by_what_the_html_shows(body, html):
    """办理<b>事</b>\\n中 showed 事 中 with a space: the engine holds staff's inline raw
    HTML in the text as placeholders, which the extension now reads through."""
    assert sanitize.markdown_html(body) == html


def test_which_neighbours_join():
    assert joinable("。", "现") and joinable("字", "，") and joinable("Ａ", "中")
    assert not joinable("a", "中") and not joinable("中", "1") and not joinable("", "中")
    assert not joinable("가", "中")


def test_a_joined_offset_is_placed_on_its_source_line():
    text = "第一行\n家住幸福\n小区三栋\nEnglish\nword"
    joined, removed = soft_joined(text)
    assert joined == "第一行家住幸福小区三栋\nEnglish\nword"
    assert [source_line(joined, removed, joined.index(s)) for s in
            ("第一", "家住", "小区", "English", "word")] == [0, 1, 2, 3, 4]
    assert soft_joined("一行") is None and soft_joined("a\nb") is None


def test_the_demo_notice_reads_without_a_space_where_its_source_breaks_a_line(demo_built):
    """The demo notice's first paragraph is two source lines: on the page, in its
    description and in the search index they are one sentence."""
    page = (demo_built / "notices" / "2026-05-20-typical-cases" / "index.html").read_text("utf-8")
    assert "问题。现将其中" in page and "问题。\n现将" not in page and "问题。 现将" not in page
    index = json.loads((demo_built / "search" / "search_index.json").read_text("utf-8"))
    docs = [doc["text"].replace("\u200b", "") for doc in index["docs"]
            if doc["location"].startswith("notices/2026-05-20-typical-cases/")]
    index = "".join(docs)  # (words are cut by zero-width spaces for search)
    assert docs and "问题。现将其中" in index and "问题。 现将" not in index


def test_check_and_the_audit_both_find_an_address_shown_whole_across_a_break(tmp_path: Path,
                                                                             monkeypatch,
                                                                             caplog):
    """家住幸福小区\\n三栋三零二 is one address on the page: check refuses it at the line it
    starts on; the build, with check's refusal set aside, is refused by its audit."""
    from conftest import NOW, ROOT, hook_build, refusals_set_aside
    from generator.pipeline import check
    from generator.synth import engine_config

    folder = DATA / "invalid" / "page-home-address-across-a-line-break"
    project = make_project(tmp_path / "c", folder)
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems] == [
        ("content/work-notes.md", 5, "personal-address")]
    engine_config(ROOT, project)
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    with pytest.raises(Exception) as refused:
        hook_build(project, tmp_path / "site", refusals_set_aside(["personal-address"]))
    assert refused.type.__name__ == "Abort"
    said = [r.getMessage().split(": ")[:2] for r in caplog.records if r.levelname == "ERROR"]
    found = sorted((where.split(":")[0].split("#")[0], code) for where, code, *_ in
                   [m for m in said if len(m) == 2])
    assert found == [("../site/search/search_index.json", "personal-address"),
                     ("../site/work-notes/index.html", "personal-address")]
