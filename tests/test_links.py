"""Links in the pages staff write: `check` finds, at the file and line they were written
on, exactly the links at which `mkdocs build --strict` stops (a page or file the site does
not have, an absolute link, a directory URL, an anchor the page linked to lacks), and
`check --changed` finds them too when only data/ changed (a case taken out of data/ takes
its page with it). A page staff add under content/ is published off the navigation."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import NOW, ROOT, make_project, mkdocs_build
from generator import pipeline
from generator.pipeline import build, check
from generator.synth import engine_config

NOTICE = "content/notices/2026-05-notice.md"

# (what staff write, the problem the build stops at; None: a link that is fine)
BODY = [
    ("## Section A", None),
    ("[本页上的位置](#section-a)", None),
    ("[本页上没有的位置](#section-b)", "broken-anchor"),
    ("[案例](../cases/2026-001.md)", None),
    ("[不存在的案例](../cases/2026-404.md)", "broken-link"),
    ("[案例上没有的位置](../cases/2026-001.md#no-such-place)", "broken-anchor"),
    ("[目录式的链接](../cases/)", "broken-link"),
    ("[从根开始的链接](/ledger/index.md)", "broken-link"),
    ("[引用式链接][r]", None),
    ("[r]: ../units/NOPE.md", "broken-link"),  # the target is on the definition's line
    ("[举报渠道](../report.md)", None),
]
ABOUT = [
    ("# 关于本站", None),
    ("[东城镇](units/XZ01.md)", None),
    ("[不存在的单位](units/NOPE.md)", "broken-link"),
    ("[公开数据](open-data/cases.csv)", None),
]


def _write(project):
    notice = project / NOTICE
    notice.write_text(notice.read_text("utf-8").rstrip("\n") + "\n\n"
                      + "\n\n".join(text for text, _ in BODY) + "\n", "utf-8")
    about = project / "content" / "about.md"
    about.write_text("\n\n".join(text for text, _ in ABOUT) + "\n", "utf-8")
    expected = []
    for rel, written in ((NOTICE, BODY), ("content/about.md", ABOUT)):
        lines = (project / rel).read_text("utf-8").split("\n")
        expected += [(rel, lines.index(text) + 1, code) for text, code in written if code]
    return sorted(expected)


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("links") / "county")
    return project, _write(project)


def test_check_names_every_link_the_strict_build_stops_at(linked):
    project, expected = linked
    _data, report = check(project, NOW)
    assert sorted(report.flatten()) == expected
    shown = [str(p) for p in report.problems]
    assert any("“#no-such-place”" in s and "../cases/2026-001.md#no-such-place" in s
               for s in shown)


def test_the_strict_build_stops_at_the_same_links_and_publishes_the_page_off_the_nav(
        linked, tmp_path):
    project, expected = linked
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    stopped = re.findall(r"WARNING -  Doc file '([^']+)' contains (?:a|an absolute|an "
                         r"unrecognized relative) link '([^']+)'", result.stderr)
    assert len(stopped) == len(expected)
    assert "not included in the \"nav\"" not in result.stderr  # about.md is off the nav
    # With its links mended the same project builds, the page staff wrote included.
    shutil.copytree(project, tmp_path / "mended")
    mended = tmp_path / "mended"
    for rel, written in ((NOTICE, BODY), ("content/about.md", ABOUT)):
        text = (mended / rel).read_text("utf-8")
        for line, code in written:
            if code:
                text = text.replace(line + "\n", "")
        (mended / rel).write_text(text, "utf-8")
    _data, report = check(mended, NOW)
    assert report.flatten() == []
    result = mkdocs_build(mended / "mkdocs.yml", tmp_path / "site2")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site2" / "about" / "index.html").read_text("utf-8")
    assert "关于本站" in page
    home = (tmp_path / "site2" / "index.html").read_text("utf-8")
    assert 'href="about/"' not in home  # not in the navigation


def test_the_project_settings_decide_what_stops_the_build(tmp_path):
    project = make_project(tmp_path / "county")
    notice = project / NOTICE
    notice.write_text(notice.read_text("utf-8") + "\n[案例](../cases/2026-001.md#nowhere)\n",
                      "utf-8")
    engine_config(ROOT, project)
    settings = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(settings.replace("  anchors: warn", "  anchors: info"),
                                        "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == []  # the engine only mentions it: nothing stops
    (project / "mkdocs.yml").write_text(settings.replace("  anchors: warn", "  anchors: nowhere"),
                                        "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("mkdocs.yml", 1, "engine-config-invalid")]
    assert "anchors" in report.problems[0].message


def test_mkdocs_yml_a_parser_cannot_read_is_said_at_its_line(tmp_path):
    """The engine's own message named line 1, in English, with the file's full path on
    the machine that ran check: a YAML mistake is said at its line as a staff file's
    is, and a tag the engine cannot read at the line the engine names."""
    project = make_project(tmp_path / "county")
    engine_config(ROOT, project)
    settings = (project / "mkdocs.yml").read_text("utf-8")
    line = settings[:settings.index("  - sane_lists")].count("\n") + 1
    (project / "mkdocs.yml").write_text(settings.replace("  - sane_lists", "  - [sane_lists"),
                                        "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("mkdocs.yml", line, "yaml-unclosed-bracket")]
    named = settings[:settings.index("site_name:")].count("\n") + 1
    (project / "mkdocs.yml").write_text(settings.replace("site_name:", "site_name: !unknown", 1),
                                        "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("mkdocs.yml", named, "engine-config-invalid")]
    assert str(tmp_path) not in report.problems[0].message
    assert 'in "mkdocs.yml"' in report.problems[0].message


def test_changed_finds_a_link_to_a_page_the_data_no_longer_makes(tmp_path, monkeypatch):
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    project = make_project(tmp_path / "county")
    case = project / "data" / "cases" / "2026-001.yml"
    other = case.with_name("2026-002.yml")
    other.write_text(case.read_text("utf-8").replace("id: 2026-001", "id: 2026-002")
                     .replace("推诿扯皮问题", "推诿扯皮问题（二）"), "utf-8")
    notice = project / NOTICE
    notice.write_text(notice.read_text("utf-8") + "\n另见[第二起](../cases/2026-002.md)。\n",
                      "utf-8")
    line = notice.read_text("utf-8").split("\n").index("另见[第二起](../cases/2026-002.md)。") + 1
    built = []
    original = pipeline.build
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: built.append(1) or original(*a, **k))
    _data, report = check(project, NOW, changed=True)
    assert report.flatten() == [] and built == [1]
    other.unlink()  # only data/ changed: the pages are not all rendered again ...
    _data, report = check(project, NOW, changed=True)
    assert built == [1]
    assert report.flatten() == [(NOTICE, line, "broken-link")]  # ... and the link is found
    _data, full = check(project, NOW)
    assert full.flatten() == report.flatten()


def test_the_files_check_counts_are_the_files_the_build_makes():
    site = build(ROOT, NOW, history=False)
    assert pipeline.file_paths(site.data, site.facts) == set(site.files)
    assert any(path.endswith(".docx") for path in site.files)  # issued notices count


def test_a_page_staff_write_where_the_generator_makes_one_is_named(tmp_path):
    """content/index.md or content/units/XZ01/index.md would be replaced, without a word,
    by the home page and the unit page the generator makes."""
    project = make_project(tmp_path / "county")
    (project / "content" / "index.md").write_text("# 我们的首页\n", "utf-8")
    (project / "content" / "units" / "XZ01").mkdir(parents=True)
    (project / "content" / "units" / "XZ01" / "index.md").write_text("# 东城镇\n", "utf-8")
    (project / "content" / "open-data").mkdir()
    (project / "content" / "open-data" / "cases.csv").write_text("id\n", "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("content/index.md", 1, "content-path-taken"),
                                ("content/open-data/cases.csv", 1, "content-path-taken"),
                                ("content/units/XZ01/index.md", 1, "content-path-taken")]
    assert "“units/XZ01.md”" in str(report.sorted()[2])


def test_a_page_staff_write_in_a_folder_of_records_is_refused(tmp_path):
    """content/cases/2026-999.md has an address of its own (no clash), but it sits among
    the cases, in their layout: a reader takes it for a case the commission published.
    Any page under a folder the generator writes pages or files in is refused, once."""
    project = make_project(tmp_path / "county")
    for rel in ("cases/2026-999.md", "ledger/items/TZ-9999.md", "units/XZ01/index.md",
                "pages/about.md"):
        path = project / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# 关于东城镇办事员张某的处理决定\n", "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("content/cases/2026-999.md", 1, "content-in-generated-folder"),
                                ("content/ledger/items/TZ-9999.md", 1,
                                 "content-in-generated-folder"),
                                ("content/units/XZ01/index.md", 1, "content-path-taken")]
    assert "“cases/”" in str(report.sorted()[0])
    # the build stops at the same page (the hook asks the same question of content/)
    (project / "content" / "units" / "XZ01" / "index.md").unlink()
    (project / "content" / "ledger" / "items" / "TZ-9999.md").unlink()
    engine_config(ROOT, project)
    built = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "content/cases/2026-999.md:1: content-in-generated-folder" in built.stderr
    assert not (tmp_path / "site" / "cases" / "2026-999").exists()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_engine_keeps_a_generated_files_folder_in_its_address(directory_urls):
    """What links.site_files relies on to leave most generated files unmade: mkdocs puts
    a file in a folder at an address in the same folder (units/XZ01.md ->
    units/XZ01/index.html), so it can only clash with a file under content/ that starts
    in that folder. Checked for every page and file the demo makes."""
    from mkdocs.structure.files import InclusionLevel

    from generator import links

    site = build(ROOT, NOW, history=False)
    config = links.engine_settings(ROOT, ROOT / "content")
    config["use_directory_urls"] = directory_urls
    paths = [path for path in [*site.pages, *site.files] if "/" in path]
    assert len(paths) > 500
    for path in paths:
        made = links._generated(config, path, InclusionLevel.NOT_IN_NAV)
        top = path.split("/", 1)[0] + "/"
        assert made.src_uri.startswith(top) and made.dest_uri.startswith(top), path
    listed, taken = links.site_files(ROOT, config, site.pages, site.files, site.owned)
    assert taken == []
    made = listed.get_file_from_path("cases/2026-001.md")  # made when asked for
    assert made is not None and made.generated_by == "generator"
    assert made.dest_uri == ("cases/2026-001/index.html" if directory_urls
                             else "cases/2026-001.html")
    assert listed.get_file_from_path("cases/2026-404.md") is None
