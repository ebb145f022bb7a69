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


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_defect_is_reported_at_its_line(defect: Path, tmp_path: Path):
    project = make_project(tmp_path / "county", defect)
    _data, report = check(project, NOW)
    found = [f"{path}:{line}: {code}" for path, line, code in report.flatten()]
    expected = (defect / "expected.txt").read_text("utf-8").splitlines()
    assert found == expected
