"""Whatever label staff delete from site_config/labels.yml, `check` and the build say
which one, at its section's line: never a traceback, never an empty string on a page."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import NOW, ROOT

from generator import theme
from generator.checks import _NEEDED_LATER
from generator.pipeline import ProblemsFound, build, check

LABELS = yaml.safe_load((ROOT / "site_config/labels.yml").read_text("utf-8"))


def _first_leaf(section: str) -> str:
    value, path = LABELS[section], [section]
    while isinstance(value, dict):
        key = next(iter(value))
        value, path = value[key], path + [key]
    return ".".join(path)


# Every section, and the first label of each (a leaf, reached through the sections).
KEYS = sorted(set(LABELS) | {_first_leaf(s) for s in LABELS if isinstance(LABELS[s], dict)})


# Sections the site does not print: the monthly bulletin's and the notice drafts' words
# (`python -m generator bulletin` / `new`).
NOT_ON_THE_SITE = {"bulletin", "notice_draft"}
# Printed only for records the demo does not have (a withdrawn notice), or read only for
# a 公文 without its words frozen (the demo's issued ones have them: notice freeze).
NOT_IN_THE_DEMO = {"notice.withdrawn_title", "document.attachments"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("labels")
    for name in ("data", "site_config", "content"):
        shutil.copytree(ROOT / name, base / "county" / name)
    # the demo's launch day (site.yml `launched`) is after the commit below: without the
    # line its history is listed, as a county's without one is
    settings = base / "county/site_config/site.yml"
    settings.write_text("".join(line for line in settings.read_text("utf-8")
                                .splitlines(keepends=True)
                                if not line.startswith("launched:")), "utf-8")
    # committed, so record pages show their history as the build shows it in CI (dated
    # before the tests' clock: a commit after the build's time is no history of it)
    git = ["git", "-C", str(base / "county"), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    when = "2026-11-01T09:00:00+08:00"
    subprocess.run(git + ["commit", "-qm", "demo"], check=True,
                   env=dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when))
    return base / "county"


@pytest.mark.parametrize("key", KEYS)
def test_a_deleted_label_is_a_located_problem(demo, key):
    labels = demo / "site_config/labels.yml"
    tree = yaml.safe_load((ROOT / "site_config/labels.yml").read_text("utf-8"))
    *parents, last = key.split(".")
    holder = tree
    for part in parents:
        holder = holder[part]
    del holder[last]
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=1000)
    labels.write_text(text, "utf-8")
    try:
        _data, report = check(demo, NOW)
    finally:
        labels.write_text((ROOT / "site_config/labels.yml").read_text("utf-8"), "utf-8")
    if key.split(".")[0] in NOT_ON_THE_SITE or key in NOT_IN_THE_DEMO:
        assert report.valid, [str(p) for p in report.problems]
        return
    # a label a county's data prints only later (a pager, a 公文's seal) is required by
    # check itself, before any page prints it
    later = set(_NEEDED_LATER) | {k.split(".")[0] for k in _NEEDED_LATER}
    code = "label-needed-later" if key in later else "missing-label"
    assert [p.code for p in report.problems] == [code], [str(p) for p in report.problems]
    problem = report.problems[0]
    assert str(problem).startswith("site_config/labels.yml:")
    named = re.search(r"“([^”]+)”", str(problem)).group(1)
    assert key.startswith(named) or named.startswith(key) or named.split(".")[0] == key, named
    if parents:  # the line is that of the section that lacks it
        line = int(str(problem).split(":")[1])
        assert text.split("\n")[line - 1] == f"{'  ' * (len(parents) - 1)}{parents[-1]}:"


def test_the_theme_labels_are_all_the_overrides_print():
    used = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"cs\.(labels|reader)\.([a-z_]+)", path.read_text("utf-8")))
    sections = {"labels": "common", "reader": "reader"}
    listed = {(s, k) for s, keys in theme.THEME_LABELS.items() for k in keys}
    assert {(sections[s], k) for s, k in used} <= listed
    assert ("reader", "elder_on") in listed and ("feeds", "cases") in listed


def test_a_label_the_theme_prints_is_refused_by_the_build_when_missing(tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "c")
    labels = project / "site_config/labels.yml"
    labels.write_text(re.sub(r"\n  not_found_home: [^\n]*", "", labels.read_text("utf-8")),
                      "utf-8")
    with pytest.raises(ProblemsFound) as failed:
        build(project, NOW)
    assert [str(p).split(": ", 1)[1] for p in failed.value.report.problems] == [
        "missing-label: 界面文字“reader.not_found_home”缺失"]


def test_a_command_that_prints_a_deleted_label_names_it_without_a_traceback(tmp_path):
    from conftest import NOW_EPOCH, make_project

    project = make_project(tmp_path / "c")
    labels = project / "site_config/labels.yml"
    text = labels.read_text("utf-8")
    text = re.sub(r"(\nbulletin:\n(?:  [^\n]*\n)*?)  title: [^\n]*\n", r"\1", text, count=1)
    labels.write_text(text, "utf-8")
    line = text.split("\n").index("bulletin:") + 1
    import os
    import sys

    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project),
                             "bulletin", "2026-05"], capture_output=True, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"site_config/labels.yml:{line}: missing-label: "
                                     "界面文字“bulletin.title”缺失")
