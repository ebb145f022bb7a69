"""The command line: exact output, exit status, and never a traceback."""
from pathlib import Path

import pytest

from conftest import DATA, NOW_EPOCH, ROOT, make_project
from generator.cli import main
from generator.docs import data_spec
from generator.problems import catalogue, shown_text
from generator.schema import record_types

DEFECTS = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)


def test_check_passes_on_the_minimal_project(minimal: Path, capsys):
    assert main(["--root", str(minimal), "check"]) == 0
    assert capsys.readouterr().out == (
        "构建时间：2026-11-20 00:00:00（Asia/Shanghai）\n"
        "记录统计：\n"
        "  往期专项治理：读取1条，公开1条，未公开0条\n"
        "  单位：读取4条，公开4条，未公开0条\n"
        "  承诺事项：读取1条，公开1条，未公开0条\n"
        "  承诺书报送：读取2条，公开2条，未公开0条\n"
        "  典型案例：读取1条，公开1条，未公开0条\n"
        "  免报：读取0条，公开0条，未公开0条\n"
        "  整改台账：读取3条，公开3条，未公开0条\n"
        "  监督检查：读取2条，公开2条，未公开0条\n"
        "  预警：读取1条，公开1条，未公开0条\n"
        "  工作月报：读取2条，公开2条，未公开0条\n"
        "  通知公告：读取1条，公开1条，未公开0条\n"
        "  整改回头看：读取1条，公开1条，未公开0条\n"
        "  问题线索登记：读取3条，公开0条，未公开3条\n"
        "  问题线索登记：3条只公开汇总数，不逐条公开\n"
        "  人工填报汇总数：读取1条，公开1条，未公开0条\n"
        "  表彰：读取1条，公开1条，未公开0条\n"
        "  年终排名：读取2条，公开2条，未公开0条\n"
        "检查通过，没有发现问题。\n")


def test_check_fails_with_located_chinese_messages(tmp_path: Path, capsys):
    project = make_project(tmp_path / "c", DATA / "invalid" / "ledger-closed-without-date")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("data/ledger/台账.csv:2: closed-without-date: "
                      "整改状态为“已销号”，但没有填写销号日期")
    assert out[-1] == "共发现1个问题，请按上面的文件和行号逐条修改。"


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_every_bad_input_exits_1_with_path_and_line(defect: Path, tmp_path: Path, capsys):
    project = make_project(tmp_path / "c", defect)
    expected = (defect / "expected.txt").read_text("utf-8").splitlines()
    status = main(["--root", str(project), "check"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    errors = [e for e in expected if catalogue()[e.split(": ")[1]].get("severity") != "info"]
    assert status == (1 if errors else 0)
    located = [line.split(": ")[0] + ": " + line.split(": ")[1] for line in out.out.splitlines()
               if line.startswith(("data/", "site_config/", "content/", "mkdocs.yml:"))]
    # the command line prints a path's unseen characters named (a bidi override as
    # <U+202E>: it would reorder the log's line), as every output of check does
    assert located == [shown_text(line) for line in expected]


def test_embargoed_and_withdrawn_are_listed_with_reasons(minimal: Path, capsys):
    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + 'embargo: "2026-12-01 09:00"\n', "utf-8")
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("category: 通报\n",
                                                        "category: 通报\ndraft: 是\n"), "utf-8")
    assert main(["--root", str(minimal), "check"]) == 0
    out = capsys.readouterr().out
    assert "  典型案例：读取1条，公开0条，未公开1条\n" in out
    assert ("  content/notices/2026-05-notice.md:2：通知公告“关于东城镇推诿扯皮问题的通报”："
            "草稿，不公开\n") in out
    assert ("  data/cases/2026-001.yml:1：典型案例“东城镇办事员张某某推诿扯皮问题”："
            "定于2026-12-01 09:00公开，此前不公开\n") in out


def test_bad_source_date_epoch_is_a_message(minimal: Path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["--root", str(minimal), "check"]) == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


def test_outside_a_project_is_a_message(tmp_path: Path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "site_config/" in capsys.readouterr().err


def test_demo_county_is_valid_and_counts_add_up(capsys):
    from generator.checks import validate

    data, report = validate(ROOT)
    assert report.flatten() == []
    for rtype in record_types().values():
        if rtype.shape != "single":
            records = data.collections[rtype.collection]
            shown = [r for r in records if r.published]
            hidden = [r for r in records if not r.published]
            assert data.read_counts[rtype.name] == len(shown) + len(hidden)
            assert all(r.why for r in hidden)


def test_staff_page_is_generated_from_the_schema():
    committed = (ROOT / "content" / "data-spec.md").read_text("utf-8")
    assert committed == data_spec(), "run `make docs` and commit content/data-spec.md"


def test_staff_page_documents_every_field_and_every_code():
    page = (ROOT / "content" / "data-spec.md").read_text("utf-8")

    def names(fields, prefix=""):
        for f in fields.values():
            yield prefix + f.name, f.label
            nested = f.item.fields if f.item is not None else f.fields
            yield from names(nested, prefix + f.name + ".")

    for rtype in record_types().values():
        assert f"## {rtype.label}" in page
        for name, label in names(rtype.fields):
            assert f"| `{name}` | {label} |" in page
    for code in catalogue():
        assert f"| `{code}` |" in page


def test_staff_page_shows_each_help_text_as_written():
    """A help text naming a tag (不要用 <h1>, 如 <b>、<style>) printed it raw: the staff
    manual showed a heading mid-sentence, and a <style> left open made the rest of the
    page style text, not shown. Converted as the engine converts it, the page's elements
    are its headings, tables, code, paragraphs and comment only, and each problem's help
    reads as messages.yml writes it."""
    from selectolax.lexbor import LexborHTMLParser

    from generator.sanitize import markdown_html

    tree = LexborHTMLParser(markdown_html(data_spec()))
    tags = {node.tag for node in tree.body.traverse(include_text=False)}
    assert tags <= {"body", "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th",
                    "td", "code", "-comment", "ul", "li", "strong", "em", "a", "hr"}, tags
    assert len(tree.css("h1")) == 1
    cells = {row.css("td")[0].text(): row.css("td")[1].text() for row in tree.css("tr")
             if len(row.css("td")) == 2}
    for code in ("body-top-heading", "label-markup", "unclosed-markup"):
        assert cells[code] == catalogue()[code]["help"].strip()


def test_every_code_the_generator_can_raise_is_in_the_catalogue():
    import re

    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "generator").glob("*.py"))
    used = set(re.findall(r'problem\(\s*"([a-z0-9-]+)"', source))
    used |= set(re.findall(r'"(personal-[a-z-]+)"', source))
    assert used and used <= set(catalogue())


def test_no_field_name_shadows_a_record_attribute():
    """Templates read fields as attributes (`case.title`): a field named like an
    attribute of Rec or a dict method would silently print the wrong thing."""
    from generator.problems import Location
    from generator.records import Rec

    taken = set(dir(Rec(Location("x"))))

    def names(fields):
        for f in fields.values():
            yield f.name
            yield from names(f.item.fields if f.item is not None else f.fields)

    for rtype in record_types().values():
        assert not set(names(rtype.fields)) & taken, rtype.name


def test_synth_writes_a_buildable_project_elsewhere_and_data_in_place(tmp_path, capsys):
    out = tmp_path / "county"
    assert main(["--root", str(ROOT), "synth", "--scale", "1", "--out", str(out)]) == 0
    assert (out / "mkdocs.yml").is_file() and (out / "site_config/site.yml").is_file()
    assert (out / "data/units.csv").read_bytes() == (ROOT / "data/units.csv").read_bytes()
    project = make_project(tmp_path / "inplace")
    assert main(["--root", str(project), "synth", "--scale", "1", "--out", str(project)]) == 0
    assert "units 60" in capsys.readouterr().out
