"""Atom feeds and open data: valid, stable, and only what the site publishes."""
import csv
import io
import json
import zipfile
from xml.etree import ElementTree as ET

import pytest

from conftest import NOW, ROOT
from generator.pipeline import build

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://zhuanxiang.example.gov.cn/"


def _feed(site, name):
    return ET.fromstring(site.files[f"feeds/{name}.xml"])


def test_feeds_are_valid_atom(demo_site):
    for name, published in (("notices", demo_site.data.published("notices")),
                            ("cases", [c for c in demo_site.data.cases
                                       if c.state in ("published", "withdrawn")])):
        feed = _feed(demo_site, name)
        assert feed.tag == f"{A}feed"
        for tag in ("id", "title", "updated", "author"):
            assert feed.find(f"{A}{tag}") is not None, tag
        assert feed.find(f"{A}author/{A}name").text
        self_link = [l for l in feed.findall(f"{A}link") if l.get("rel") == "self"]
        assert self_link[0].get("href") == f"{SITE_URL}feeds/{name}.xml"
        entries = feed.findall(f"{A}entry")
        assert len(entries) == min(50, len(published))
        ids = [e.find(f"{A}id").text for e in entries]
        assert len(set(ids)) == len(ids)
        updated = [e.find(f"{A}updated").text for e in entries]
        assert updated == sorted(updated, reverse=True)  # newest first
        assert feed.find(f"{A}updated").text == updated[0]
        for entry in entries:
            assert entry.find(f"{A}title").text
            assert entry.find(f"{A}id").text.startswith(SITE_URL)
            assert entry.find(f"{A}link").get("href").startswith(SITE_URL)
            assert entry.find(f"{A}updated").text.endswith("+08:00")


def test_feed_ids_are_the_permanent_urls(demo_site):
    ids = {e.find(f"{A}id").text for e in _feed(demo_site, "cases").findall(f"{A}entry")}
    assert f"{SITE_URL}cases/2026-002/" in ids
    assert f"{SITE_URL}cases/2026-004/" not in ids  # under embargo
    assert f"{SITE_URL}cases/2026-008/" not in ids  # draft


def test_withdrawn_case_is_announced_without_its_content(demo_site):
    case = next(c for c in demo_site.data.cases if c.state == "withdrawn")
    xml = demo_site.files["feeds/cases.xml"].decode("utf-8")
    assert case["title"] not in xml and case["withdrawn"]["reason"] in xml


def test_two_builds_give_identical_feeds_and_downloads(demo_site):
    again = build(ROOT, NOW)
    assert again.files == demo_site.files


def test_feeds_are_linked_from_every_page(demo_built):
    for page in ("index.html", "cases/2026-002/index.html", "404.html"):
        html = (demo_built / page).read_text("utf-8")
        assert html.count('<link rel="alternate feed" type="application/atom+xml"') == 2


def _csv_rows(data: bytes):
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]


def test_every_table_has_as_many_rows_as_published_records(demo_site):
    data = demo_site.data
    expected = {name: len(data.published(name)) for name in data.collections}
    expected["case_persons"] = sum(len(c["persons"]) for c in data.published("cases"))
    assert expected["cases"] == 39 and expected["notices"] == 8
    # The clue register is never published one by one: no table of clues, only counts.
    assert expected.pop("clues") == 0 and "open-data/clues.csv" not in demo_site.files
    expected["case_actions"] = sum(len(c["actions"]) for c in data.published("cases"))
    for name, count in expected.items():
        assert len(_csv_rows(demo_site.files[f"open-data/{name}.csv"])) == count, name
        assert len(json.loads(demo_site.files[f"open-data/{name}.json"])) == count, name


def _readable(path: str, data: bytes) -> str:
    """A file's text as a reader gets it: Word and PDF files through their text."""
    if path.endswith(".docx"):
        import re

        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
        return "\n".join(re.sub(r"<[^>]+>", "", p) for p in xml.split("</w:p>"))
    if path.endswith(".pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


def test_downloads_hold_nothing_the_site_does_not_show(demo_site):
    hidden = [c for c in demo_site.data.cases if not c.published]
    everything = "\n".join(_readable(p, b) for p, b in demo_site.files.items()
                           if p.endswith((".csv", ".json", ".xml", ".svg", ".docx", ".pdf")))
    for case in hidden:
        assert case["title"] not in everything
    assert "欧阳某某" not in everything
    for field in ("embargo", "draft", "redacted", "rank", "withdrawn"):
        assert f'"{field}"' not in demo_site.files["open-data/cases.json"].decode()
        assert f'"{field}"' not in demo_site.files["open-data/case_persons.json"].decode()


def test_zip_holds_every_download(demo_site):
    archive = zipfile.ZipFile(io.BytesIO(demo_site.files["open-data/all.zip"]))
    names = sorted(archive.namelist())
    expected = sorted(p.split("/", 1)[1] for p in demo_site.files
                      if p.startswith("open-data/") and not p.endswith(".zip"))
    assert names == expected
    assert archive.read("cases.csv") == demo_site.files["open-data/cases.csv"]


def test_data_dictionary_pages_document_every_column(demo_site):
    from generator.derive import derive
    from generator.opendata import tables

    for name, (columns, _rows) in tables(demo_site.data, derive(demo_site.data)).items():
        page = demo_site.pages[f"open-data/{name}.md"]
        for key, label, _get in columns:
            assert f"| {label} | {key.replace('_', '&#95;')} |" in page, (name, key)


def test_a_formula_in_a_cell_is_kept_as_text():
    from generator.opendata import _cell

    assert _cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert _cell("+1") == "'+1" and _cell("县财政局") == "县财政局"


@pytest.mark.parametrize("cell", [
    " =1+1", "  @SUM(A1)", "\u3000=HYPERLINK(1)", "\n=1+1", " +cmd|' /C calc'!A0",
    "＝HYPERLINK(\"https://evil.example/\")", "＋1", "－cmd|' /C calc'!A0", "＠SUM(A1)",
    " ＝1+1", "\tx", "\rx"])
def test_a_formula_after_spaces_or_in_full_width_marks_is_kept_as_text(cell):
    """Excel and WPS read a cell's formula after leading spaces, and WPS reads the
    full-width ＝＋－＠ a Chinese input method types as =+-@: each is written as text
    (a leading apostrophe), in the open data and the charts' tables alike."""
    from generator.opendata import _cell, csv_document, formula_safe

    assert formula_safe(cell) == "'" + cell and _cell(cell) == "'" + cell
    rows = list(csv.reader(io.StringIO(csv_document([cell], [[cell]]).decode("utf-8-sig"))))
    assert rows == [["'" + cell], ["'" + cell]]


@pytest.mark.parametrize("cell", ["-12", "-2.5", "3", "县财政局", "", " 东城镇", "'=1+1", "a=b"])
def test_a_cell_that_is_no_formula_is_written_as_it_is(cell):
    from generator.opendata import formula_safe

    assert formula_safe(cell) == cell


def test_open_data_made_beside_the_pages_is_what_one_process_makes(monkeypatch):
    """pipeline._beside: the open data files are made in a forked process while the pages
    render; the same bytes, the same error, and made here when that process dies."""
    import os

    from generator import opendata, pipeline, render
    from generator.records import LabelMissing

    monkeypatch.setattr(render, "two_processes", lambda: True)
    site = build(ROOT, NOW, history=False)
    data, facts = site.data, site.facts
    alone = opendata.files(data, facts)
    assert pipeline._beside(opendata.files, data, facts).result() == alone

    def dies(self, send):
        os._exit(3)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline._beside, "_make", dies)
        assert pipeline._beside(opendata.files, data, facts).result() == alone

    def missing(data, facts):
        raise LabelMissing("opendata.columns.url")

    try:
        pipeline._beside(missing, data, facts).result()
    except LabelMissing as err:
        assert err.args == ("opendata.columns.url",)
    else:
        raise AssertionError("the error made beside was not raised")


def test_a_result_made_beside_that_cannot_be_sent_is_made_here(monkeypatch):
    from generator import pipeline, render

    monkeypatch.setattr(render, "two_processes", lambda: True)
    made_here = []

    def unsendable():
        made_here.append(1)
        return lambda: "a function cannot be pickled"

    result = pipeline._beside(unsendable).result()
    assert result() == "a function cannot be pickled" and made_here == [1]


def test_every_count_the_clue_page_shows_is_in_the_open_data(demo_site):
    """The clue register is published as counts: the open data had the tables by batch,
    category, source and unit, but not the page's own overview (挂牌督办, 下发督办函,
    领导包案督办, 在办超过办结时限, 查否复查) nor the clues in no batch, so a reader could
    check none of them. Every figure in a table of the page (the hand-entered totals,
    open data of their own, aside) and the count of clues in no batch is a row's."""
    import re

    labels = demo_site.data.labels
    rows = json.loads(demo_site.files["open-data/clue_counts.json"])
    states = ("在办", "办结", "移送", "查否")
    every = labels["opendata"]["clue_dimensions"]["all"]
    held = set()  # (name, total, each state's count the row has), as a table row reads
    for row in rows:
        if row["value"] == every:  # the overview lists the total and each state in rows
            held |= {(labels["clues"]["total"], row["total"])} | {(s, row[s]) for s in states}
        else:
            held.add((row["value"], row["total"], *(row[s] for s in states if row[s] is not None)))
    page = demo_site.pages["clues/index.md"].split(f"## {labels['totals']['title']}")[0]
    shown = []
    for line in page.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) >= 2 and all(re.fullmatch(r"\d+", c) for c in cells[1:]):
            shown.append((cells[0], *map(int, cells[1:])))
    unbatched = re.search(labels["clues"]["unbatched"].replace("{count}", r"(\d+)"), page)
    shown.append((labels["opendata"]["clue_dimensions"]["unbatched"], int(unbatched.group(1))))
    assert len(shown) == 24 and [row for row in shown if row not in held] == []
    assert ("挂牌督办", 77) in shown and ("第1批", 17, 4, 8, 1, 4) in shown


# Words of the clerks' help (schema.yml) that tell staff how to fill a field in: a reader
# of the open data's dictionary read 发布后不要更改 and 可选 under the columns.
STAFF_WORDS = ("不要更改", "可选", "填", "site_config", "embargo", "分类目录", "不得", "编号或名称",
               "至少", "不能晚于", "格式")


def test_every_open_data_column_is_described_for_readers_not_for_clerks(demo_site):
    import re

    described, staff = {}, []
    for path, text in demo_site.pages.items():
        if not re.fullmatch(r"open-data/[a-z_]+\.md", path):
            continue
        for line in text.split("\n"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.startswith("|") and len(cells) == 3 and not set(cells[0]) <= set("-: "):
                described[(path, cells[1])] = cells[2]
    described = {key: text for key, text in described.items() if key[1] != "字段（JSON）"}
    assert len(described) > 130
    for (path, key), text in described.items():
        if not text or any(word in text for word in STAFF_WORDS):
            staff.append((path, key, text))
    assert staff == []


def test_a_feed_summary_is_the_records_words_as_the_page_shows_them(tmp_path):
    """A feed reader shows a summary (type="text") as it is: the first line of a notice's
    body or a case's facts as written showed **重要**, a link's brackets and target and
    &amp; to the reader. The summary is now the words the page shows, as the page's own
    description is; code keeps what it shows (&amp; in a code span)."""
    from conftest import make_project

    project = make_project(tmp_path / "county")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    assert text.count("\n现将东城镇") == 1
    notice.write_text(text.replace("\n现将东城镇", "\n**重要**：现将[东城镇](../cases/2026-001.md)"
                                   "（A&amp;B，`x&amp;y`）"), "utf-8")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8")
    assert text.count("  2026年4月，") == 1
    case.write_text(text.replace("  2026年4月，", "  **2026年4月**，"), "utf-8")
    site = build(project, NOW, history=False)

    def summary(name):
        entry = _feed(site, name).find(f"{A}entry")
        return entry.find(f"{A}summary").text

    assert summary("notices").startswith("重要：现将东城镇（A&B，x&amp;y）办事员张某某")
    assert summary("cases").startswith("2026年4月，东城镇办事员张某某")
