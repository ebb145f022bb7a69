"""Shared fixtures: a small valid project assembled in a temporary folder."""
from __future__ import annotations

import datetime as dt
import os
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
# Converted PDFs are cached by content hash: every temporary project shares the cache.
os.environ.setdefault("GENERATOR_CACHE", str(ROOT / ".cache"))


def make_project(target: Path, overlay: Path | None = None) -> Path:
    """The repository's site_config plus the minimal data, with an overlay applied.

    An overlay folder holds files laid over the project at the same relative paths;
    its `remove.txt` lists project files to delete first.
    """
    shutil.copytree(ROOT / "site_config", target / "site_config")
    # the demo's launch day (site.yml `launched`) is after NOW: the tests that commit a
    # history on earlier days set their own (test_published_word)
    settings = target / "site_config/site.yml"
    settings.write_text("".join(line for line in settings.read_text("utf-8")
                                .splitlines(keepends=True)
                                if not line.startswith("launched:")), "utf-8")
    shutil.copytree(DATA / "minimal" / "data", target / "data")
    shutil.copytree(ROOT / "content", target / "content",
                    ignore=shutil.ignore_patterns("notices"))
    shutil.copytree(DATA / "minimal" / "content", target / "content", dirs_exist_ok=True)
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


def hook_build(project: Path, site: Path, validate=None) -> Path:
    """mkdocs build of a project at NOW through the real hook, whose post-build audit
    raises if it finds anything; `validate` stands in for pipeline.validate (a test that
    plants what check would refuse, or what it never sees)."""
    import mkdocs.commands.build
    import mkdocs.config

    from generator import pipeline

    monkey = pytest.MonkeyPatch()
    if validate is not None:
        monkey.setattr(pipeline, "validate", validate)
    monkey.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    try:
        config = mkdocs.config.load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        mkdocs.commands.build.build(config)
    finally:
        monkey.undo()
    return site


def zensical_or_skip() -> str:
    """The path of the pinned Zensical (requirements.lock), which CI must have; elsewhere
    a test that builds with it skips with the reason when it is not installed."""
    import sys

    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(zensical).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("zensical must be installed in CI (requirements.lock)")
        pytest.skip("zensical is not installed")
    return zensical


def refusals_set_aside(refused, noted=frozenset()):
    """A stand-in for pipeline.validate, for `hook_build`: check's own run, which must find
    exactly the codes `refused` (a list: in that order; a set: each at least once) and,
    besides them, only notes whose codes are in `noted`; all of them are then taken out, so
    the build goes on to what stands behind check (the engine, the escaping, the audit)."""
    from generator import pipeline

    real = pipeline.validate
    ordered = isinstance(refused, list)

    def validate(root, now=None, *args, **kwargs):
        data, report = real(root, now, *args, **kwargs)
        codes = [p.code for p in report.problems if p.code not in noted]
        assert (codes if ordered else set(codes)) == refused, report.flatten()
        assert all(p.severity == "info" for p in report.problems if p.code in noted)
        report.problems[:] = [p for p in report.problems
                              if p.code not in set(refused) | set(noted)]
        return data, report

    return validate


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path / "county")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output")


def mkdocs_build(config: Path, site: Path, epoch: str = NOW_EPOCH):
    """`mkdocs build --strict` in a subprocess, as CI runs it; returns the completed process."""
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1"))


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory) -> Path:
    """The demo county built by mkdocs (strict) at NOW, once per test session."""
    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    (site.parent / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def demo_site():
    """The demo county rendered at NOW: {path: Markdown} plus the dataset."""
    from generator.pipeline import build

    return build(ROOT, NOW, history=False)
