"""Shared fixtures: a small valid project assembled in a temporary folder."""
from __future__ import annotations

import datetime as dt
import shutil
import zoneinfo
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
# The build time the tests stand at: after every event in the demo and minimal data.
NOW = dt.datetime(2026, 11, 20, 0, 0, tzinfo=TZ)
NOW_EPOCH = str(int(NOW.timestamp()))


def make_project(target: Path, overlay: Path | None = None) -> Path:
    """The repository's site_config plus the minimal data, with an overlay applied.

    An overlay folder holds files laid over the project at the same relative paths;
    its `remove.txt` lists project files to delete first.
    """
    shutil.copytree(ROOT / "site_config", target / "site_config")
    shutil.copytree(DATA / "minimal" / "data", target / "data")
    shutil.copytree(DATA / "minimal" / "content", target / "content")
    if overlay is not None:
        remove = overlay / "remove.txt"
        if remove.exists():
            for rel in remove.read_text("utf-8").split():
                (target / rel).unlink()
        for path in sorted(overlay.rglob("*")):
            if path.is_file() and path.name not in ("remove.txt", "expected.txt"):
                dest = target / path.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path / "county")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output")


@pytest.fixture(scope="session")
def demo_site():
    """The demo county rendered at NOW: {path: Markdown} plus the dataset."""
    from generator.pipeline import build

    return build(ROOT, NOW)
