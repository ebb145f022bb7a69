"""What `check` passes, the build publishes: every input of the corpus that `check` lets
through (an empty expected.txt, or notes only) is built by mkdocs through the real hook,
strict, with the post-build audit, and must be published. A build that refuses what check
passed leaves staff with a failed CI run and no file and line to correct.

(The other way round holds by construction: the build runs the same validation first.)
"""
from pathlib import Path

import pytest

from conftest import DATA, ROOT, hook_build, make_project, refusals_set_aside
from generator.problems import catalogue
from generator.synth import engine_config


def _passes_check(folder: Path) -> bool:
    lines = (folder / "expected.txt").read_text("utf-8").splitlines()
    return all(catalogue()[line.rsplit(": ", 1)[-1]].get("severity") == "info"
               for line in lines if line)


PASSED = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir() and _passes_check(p))


def test_the_corpus_has_inputs_check_passes():
    assert len(PASSED) >= 50


@pytest.mark.parametrize("folder", PASSED, ids=[p.name for p in PASSED])
def test_what_check_passes_the_build_publishes(folder: Path, tmp_path: Path, monkeypatch):
    project = make_project(tmp_path / "c", folder)
    engine_config(ROOT, project)
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    hook_build(project, tmp_path / "site")  # raises on a refusal: the hook's, strict's, the audit's
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "manifest.json").is_file()  # written after the audit passed


def test_a_page_titled_by_its_file_name_prints_it_as_text(tmp_path: Path, monkeypatch):
    """A page with neither a title nor a heading first is titled by the engine from its
    file name, which the theme printed as HTML (the header, the search index): check
    refuses a name holding markup (page-file-name-markup); the build, made with that
    refusal set aside, prints it as text and its audit passes."""
    import json

    from selectolax.lexbor import LexborHTMLParser

    project = make_project(tmp_path / "c")
    engine_config(ROOT, project)
    name = '<img src=x onerror="alert(1)">'  # (no _ or -: the engine makes them spaces)
    (project / "content" / f"{name}.md").write_text("本页没有标题。\n", "utf-8")
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    site = hook_build(project, tmp_path / "site", refusals_set_aside(["page-file-name-markup"]))
    page = next(site.glob("*img*/index.html")).read_text("utf-8")
    tree = LexborHTMLParser(page)
    assert tree.css("img[onerror]") == []
    assert name in tree.css_first("title").text()
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    titles = [doc["title"] for doc in index["docs"] if "img" in doc["location"]]
    assert titles and all("<img" not in title and "&lt;img" in title for title in titles)
