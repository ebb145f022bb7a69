"""What `check` passes, the build publishes: every input of the corpus that `check` lets
through (an empty expected.txt, or notes only) is built by mkdocs through the real hook,
strict, with the post-build audit, and must be published. A build that refuses what check
passed leaves staff with a failed CI run and no file and line to correct.

(The other way round holds by construction: the build runs the same validation first.)
"""
from pathlib import Path

import pytest

from conftest import DATA, ROOT, hook_build, make_project
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
