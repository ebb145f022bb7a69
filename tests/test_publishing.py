"""Publishing: CI definitions, reproducible builds, atomic deploys, history, portability."""
import datetime as dt
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import NOW, NOW_EPOCH, ROOT, make_project, zensical_or_skip
from generator import deploy
from generator.cli import main
from generator.pipeline import build, export


# ------------------------------------------------------------------ CI definitions

def _make_targets():
    text = (ROOT / "Makefile").read_text("utf-8")
    return {line.split(":")[0] for line in text.splitlines()
            if line and not line.startswith(("\t", "#", ".", " ")) and ":" in line}


def test_github_workflow_builds_daily_and_deploys_only_main():
    flow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    # 00:10 Asia/Shanghai, and hourly for embargoes that lifted (`generator due`)
    assert triggers["schedule"] == [{"cron": "10 16 * * *"}, {"cron": "5 * * * *"}]
    steps = flow["jobs"]["build"]["steps"]
    names = [s.get("id") or s.get("name") or s.get("uses") for s in steps]
    due = names.index("due")
    assert "generator due --within 120" in steps[due]["run"]
    assert '"$SCHEDULE" = "5 * * * *"' in steps[due]["run"]
    # every step after it runs only when a build is due (always, but in the hourly run)
    assert all("steps.due.outputs.run == 'yes'" in s["if"] for s in steps[due + 1:])
    assert flow["jobs"]["build"]["outputs"]["run"] == "${{ steps.due.outputs.run }}"
    assert "needs.build.outputs.run == 'yes'" in flow["jobs"]["deploy"]["if"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make setup" in runs and "make build" in runs
    assert "generator check --format github" in runs and "SOURCE_DATE_EPOCH" in runs
    assert steps[0]["with"]["fetch-depth"] == 0
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert uploads[0]["if"].startswith("github.event_name != 'pull_request' && ")
    deploy_job = flow["jobs"]["deploy"]
    assert "pull_request" in deploy_job["if"] and deploy_job["needs"] == "build"
    assert deploy_job["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_gitlab_pipeline_mirrors_it():
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    assert ci["stages"] == ["check", "build", "deploy"]
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "make build" in ci["build"]["script"]
    assert ci["pages"]["rules"][0]["if"].startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    assert ci["variables"]["GIT_DEPTH"] == "0"
    # the hourly schedule (HOURLY=1) runs `due` only, which starts the whole pipeline
    assert ci["due"]["rules"] == [{"if": "$HOURLY"}]
    assert "generator due --within 120" in ci["due"]["script"][-1]
    assert "trigger/pipeline" in ci["due"]["script"][-1]
    for job in ("check", "build"):
        assert ci[job]["rules"][0] == {"if": "$HOURLY", "when": "never"}
    for job in ("pages", "deploy-own-server"):
        assert ci[job]["rules"][0]["if"].endswith("&& $HOURLY == null")


def _due(project, moment: int, capsys, monkeypatch, *within: str) -> tuple[int, list[str]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(moment))
    code = main(["--root", str(project), "due", *within])
    return code, capsys.readouterr().out.splitlines()


def test_due_says_when_an_embargo_lifted_and_which_comes_next(tmp_path, capsys, monkeypatch):
    import datetime as dt

    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + 'embargo: "2026-12-01 09:00"\n', "utf-8")
    line = case.read_text("utf-8").count("\n")
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace(
        "category: 通报\n", 'category: 通报\nembargo: "2026-12-02 08:30"\n'), "utf-8")
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    nine = int(dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.timezone.utc).timestamp())  # 09:00 +8
    case_said = f"data/cases/2026-001.yml:{line}：典型案例“东城镇办事员张某某推诿扯皮问题”"
    notice_said = ("content/notices/2026-05-notice.md:5：通知公告"
                   "“关于东城镇推诿扯皮问题的通报”")
    assert _due(project, nine - 1, capsys, monkeypatch) == (1, [
        "最近120分钟内没有到解禁时间的记录，不需要重新构建。",
        f"下一个解禁时间：2026-12-01 09:00，{case_said}"])
    lifted = (0, [f"{case_said}的解禁时间2026-12-01 09:00已到，需要重新构建发布",
                  f"下一个解禁时间：2026-12-02 08:30，{notice_said}"])
    assert _due(project, nine, capsys, monkeypatch) == lifted
    assert _due(project, nine + 7199, capsys, monkeypatch) == lifted  # the next hour's run too
    assert _due(project, nine + 7200, capsys, monkeypatch)[0] == 1
    assert _due(project, nine + 3600, capsys, monkeypatch, "--within", "30")[0] == 1
    # data that cannot be read: the build is due, and it says why
    case.write_text(case.read_text("utf-8") + "unit: [\n", "utf-8")
    assert _due(project, nine - 1, capsys, monkeypatch) == (
        0, ["数据检查未通过：照常构建，构建时会列出问题。"])


def test_the_make_targets_the_pipelines_call_exist():
    targets = _make_targets()
    assert {"setup", "check", "build", "test", "preview"} <= targets
    for target in ("setup", "check", "build"):
        dry = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True,
                             text=True)
        assert dry.returncode == 0, dry.stderr


def test_check_annotations_for_github_and_gitlab(tmp_path, capsys, monkeypatch):
    from conftest import DATA

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    project = make_project(tmp_path / "c", DATA / "invalid" / "ledger-closed-without-date")
    assert main(["--root", str(project), "check", "--format", "github"]) == 1
    assert ("::error file=data/ledger/台账.csv,line=2,title=closed-without-date::"
            "整改状态为“已销号”，但没有填写销号日期") in capsys.readouterr().out.splitlines()
    assert main(["--root", str(project), "check", "--format", "gitlab"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["check_name"])
            for r in report] == [("data/ledger/台账.csv", 2, "closed-without-date")]


# a file name that would write a forged annotation on a line of its own, one that reverses
# what follows it, and one that moves the terminal's cursor up and wipes the line above
_FORGING_NAMES = {"a\n::error file=units.csv,line=9::伪造.txt":
                  "a⏎::error file=units.csv,line=9::伪造.txt",
                  "\u202etxt.exe.txt": "<U+202E>txt.exe.txt",
                  "\x1b[1A\x1b[2Kb.txt": "<U+001B>[1A<U+001B>[2Kb.txt"}


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab"])
def test_a_file_name_prints_visibly_in_every_format_of_check(tmp_path, capsys, fmt):
    """A path is printed with its line breaks, controls and bidi controls shown, never
    raw: each name is one problem (file-name-control-character, the line break too) at
    its one shown path, and no line of the output is one the name wrote."""
    project = make_project(tmp_path / "c")
    (project / "content/files").mkdir()
    for name in _FORGING_NAMES:
        (project / "content/files" / name).write_text("附件", "utf-8")
    assert main(["--root", str(project), "check", "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert not re.search("[\x00-\x09\x0b-\x1f\u202a-\u202e]", out)
    shown = sorted(f"content/files/{v}" for v in _FORGING_NAMES.values())
    if fmt == "gitlab":
        assert sorted((r["location"]["path"], r["check_name"]) for r in json.loads(out)) == \
            [(path, "file-name-control-character") for path in shown]
        return
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("::error file=units.csv")]
    said = [line for line in lines if ": file-name-control-character: " in line]
    assert sorted(line.split(":1: ")[0] for line in said) == shown
    if fmt == "github":
        assert sorted(line.split(",line=")[0] for line in lines if line.startswith("::")) == \
            sorted(f"::error file=content/files/{v.replace(':', '%3A').replace(',', '%2C')}"
                   for v in _FORGING_NAMES.values())


# GitHub's runner reads a legacy command `##[name]data` anywhere in a line of the log
# (actions/runner ActionCommand.TryParse: message.IndexOf("##[")): a value quoted in
# check's output could forge an annotation, mask text, set a step's output or stop every
# annotation after it (stop-commands).
_LEGACY_COMMANDS = ["##[stop-commands]tok", "##[error file=data/units.csv,line=9]伪造",
                    "x##[set-output name=ok]1", "###[add-mask]县纪委"]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_line_of_check_holds_a_legacy_runner_command(tmp_path, capsys, fmt):
    """A cell holding ##[…] is quoted with its second # named (#<U+0023>[), in the line of
    the problem and in its annotation, so the runner parses no command from it, and the
    clerk still reads where it stands."""
    project = make_project(tmp_path / "c")
    ledger = project / "data/ledger/台账.csv"
    rows = ledger.read_text("utf-8").splitlines()
    for n, value in enumerate(_LEGACY_COMMANDS):
        cells = rows[1].split(",")
        cells[0], cells[1] = f"TZ-{9 + n}", '"' + value + '"'
        rows.append(",".join(cells))
    ledger.write_text("\n".join(rows) + "\n", "utf-8")
    assert main(["--root", str(project), "check", "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "##[" not in out
    said = [line for line in out.splitlines() if line.startswith("data/ledger/台账.csv:")]
    assert [line.split(": ")[1] for line in said] == ["unknown-reference"] * 4
    for value in _LEGACY_COMMANDS:
        shown = value.replace("##[", "#<U+0023>[")
        assert [line for line in said if shown in line], shown
    if fmt == "github":
        assert len([line for line in out.splitlines() if line.startswith("::error ")]) == 4


def test_what_a_document_reader_logs_of_an_attachment_reaches_no_line_of_the_log(tmp_path):
    """pypdf logs what it met in a PDF it reads (\"Font resources are not a dictionary:
    <a string of the file>\", line breaks and all) on stderr, a line of the CI log: a
    PDF put under content/ wrote an ::error annotation at data/units.csv:1 and a
    ##[stop-commands] that silenced every annotation after it. The readers of staff
    files say nothing check does not say in its own words."""
    import io as _io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    forged = "\n::error file=data/units.csv,line=1::伪造\n##[stop-commands]tok\n"
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): TextStringObject(forged)})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 10 10 Td (hello) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    pdf = _io.BytesIO()
    writer.write(pdf)
    project = make_project(tmp_path / "c")
    (project / "content/files").mkdir()
    (project / "content/files/说明.pdf").write_bytes(pdf.getvalue())
    # in a process of its own, as CI runs it (pytest's log capture would take the records)
    said = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check",
                           "--format", "github"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert said.returncode in (0, 1) and "Traceback" not in said.stderr
    assert "伪造" not in said.stdout + said.stderr
    assert "##[" not in said.stdout + said.stderr
    assert not [line for line in said.stderr.splitlines() if line.lstrip().startswith("::")]


# Names as a zip made on a Chinese Windows unpacks them on Linux: GBK bytes, no UTF-8,
# which Python holds as lone surrogates (\udcb4) and no output may print.
_GBK_NAMES = {"data/ledger": ("台账二.csv", "file"), "content/files": ("处理决定.pdf", "file"),
              "content": ("附件夹", "folder"), "overrides": ("页脚.html", "file")}


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab"])
def test_a_name_not_in_utf8_is_said_at_its_path_in_every_format_of_check(tmp_path, capsys,
                                                                         fmt):
    """A file or folder whose name is not UTF-8 (data/ledger/, an attachment in content/,
    a folder of content/, a page of the theme's overrides/, where check stopped with a
    traceback) is one file-name-not-utf8 each, at its path shown with the
    bytes it holds named (<U+DCxx>) and read as GBK in the message: not a traceback
    (the cache keyed the data file by its encoded name), nor bytes no UTF-8 reader takes
    in the annotation (GitLab refuses a report that is not UTF-8), nor a file under the
    folder said again."""
    project = make_project(tmp_path / "c")
    shown = []
    for folder, (name, kind) in _GBK_NAMES.items():
        raw = os.fsdecode(name.encode("gbk"))
        (project / folder).mkdir(parents=True, exist_ok=True)
        if kind == "folder":
            (project / folder / raw).mkdir()
            (project / folder / raw / "a.md").write_text("# 附件\n", "utf-8")
            raw += "/"
        else:
            shutil.copy(project / "data/ledger/台账.csv", project / folder / raw)
        shown.append(f"{folder}/" + "".join(f"<U+{ord(c):04X}>" if c >= "\udc80" else c
                                            for c in raw))
    assert main(["--root", str(project), "check", "--format", fmt]) == 1
    out = capsys.readouterr().out
    out.encode("utf-8")  # strict: no lone surrogate reached the output
    if fmt == "gitlab":
        found = [(r["location"]["path"], r["check_name"], r["description"])
                 for r in json.loads(out)]
    else:
        found = [(line.split(":1: ")[0], line.split(": ")[1], line) for line in
                 out.splitlines() if re.match(r"(data|content|overrides)/\S*:1: ", line)]
    assert sorted((path, code) for path, code, _ in found) == \
        sorted((path, "file-name-not-utf8") for path in shown)
    assert sorted(name for name, _ in _GBK_NAMES.values()) == \
        sorted(next(n for n, _ in _GBK_NAMES.values() if f"“{n}”" in said)
               for _, _, said in found)


# ------------------------------------------------------------------ reproducible

def test_same_commit_and_epoch_give_a_byte_identical_site(tmp_path):
    builds = []
    for name, tz, seed, lang in (("a", "UTC", "1", "C"), ("b", "Asia/Shanghai", "2", "C.UTF-8")):
        env = dict(os.environ, TZ=tz, PYTHONHASHSEED=seed, LANG=lang, LC_ALL=lang,
                   SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                                 "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / name)],
                                env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        builds.append(tmp_path / name)
    files = sorted(p.relative_to(builds[0]) for p in builds[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(builds[1]) for p in builds[1].rglob("*") if p.is_file())
    differing = [str(f) for f in files
                 if not filecmp.cmp(builds[0] / f, builds[1] / f, shallow=False)]
    assert differing == []
    manifest = json.loads((builds[0] / "manifest.json").read_text("utf-8"))
    assert manifest["build_time"] == "2026-11-20T00:00:00+08:00"
    assert len(manifest["files"]) == len(files) - 1


# ------------------------------------------------------------------ deploy

def _variant(source: Path, target: Path, marker: str) -> Path:
    shutil.copytree(source, target)
    for rel in ("index.html", "cases/2026-002/index.html"):
        page = target / rel
        page.write_text(page.read_text("utf-8").replace("</article>", f"<p>{marker}</p></article>"),
                        "utf-8")
    (target / "manifest.json").write_bytes(deploy.manifest(target, marker))
    return target


READER = r"""
import hashlib, json, os, sys, time
target, stop = sys.argv[1], sys.argv[2]
reads, errors = [], 0
deadline = time.time() + 60
while not os.path.exists(stop) and time.time() < deadline:
    try:
        one = open(os.path.join(target, "current", "index.html"), "rb").read()
        here = os.path.realpath(os.path.join(target, "current"))
        pair = [open(os.path.join(here, p), "rb").read()
                for p in ("index.html", "cases/2026-002/index.html")]
        reads.append([hashlib.sha256(x).hexdigest() for x in [one] + pair])
    except OSError:
        errors += 1
print(json.dumps({"reads": reads, "errors": errors}))
"""


def _digests(site: Path):
    return tuple(hashlib.sha256((site / p).read_bytes()).hexdigest()
                 for p in ("index.html", "cases/2026-002/index.html"))


def test_deploys_are_atomic_while_a_reader_reads(demo_built, tmp_path):
    v1 = _variant(demo_built, tmp_path / "v1", "版本一")
    v2 = _variant(demo_built, tmp_path / "v2", "版本二")
    target, stop = tmp_path / "www", tmp_path / "stop"
    first = deploy.deploy(v1, target)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(target), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)
    for site in (v2, v1, v2, v1, v2):
        deploy.deploy(site, target)
        time.sleep(0.1)
    stop.touch()
    result = json.loads(reader.communicate(timeout=60)[0])
    assert result["errors"] == 0 and len(result["reads"]) > 20
    whole = {_digests(v1), _digests(v2)}
    for one, index, case in result["reads"]:
        assert one in {d[0] for d in whole}      # each file read is one release's, whole
        assert (index, case) in whole           # the pages of one request never mix
    assert deploy.current(target) != first


def test_rollback_restores_the_previous_release(demo_built, tmp_path, capsys, monkeypatch):
    v1 = _variant(demo_built, tmp_path / "v1", "版本一")
    v2 = _variant(demo_built, tmp_path / "v2", "版本二")
    target = tmp_path / "www"
    one, two = deploy.deploy(v1, target), deploy.deploy(v2, target)
    assert deploy.current(target) == two
    assert main(["deploy", "--to", str(target), "--rollback"]) == 0
    assert deploy.current(target) == one
    assert "版本一" in (target / "current/index.html").read_text("utf-8")
    assert main(["deploy", "--to", str(target), "--rollback"]) == 1  # nothing before it
    assert deploy.current(target) == one


def test_old_releases_are_pruned_but_current_kept(demo_built, tmp_path):
    target = tmp_path / "www"
    ids = [deploy.deploy(_variant(demo_built, tmp_path / f"v{i}", f"版本{i}"), target, keep=2)
           for i in range(4)]
    assert sorted(p.name for p in (target / "releases").iterdir()) == sorted(ids[-2:])


def test_a_site_failing_the_audit_never_touches_current(demo_built, tmp_path, capsys,
                                                         monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    target = tmp_path / "www"
    good = deploy.deploy(_variant(demo_built, tmp_path / "v1", "版本一"), target)
    bad = _variant(demo_built, tmp_path / "bad", "<script>alert(1)</script>")
    (bad / "index.html").write_text((bad / "index.html").read_text("utf-8").replace(
        "</article>", "<script>alert(1)</script></article>"), "utf-8")
    (bad / "manifest.json").write_bytes(deploy.manifest(bad, "bad"))
    assert main(["--root", str(ROOT), "deploy", str(bad), "--to", str(target)]) == 1
    assert deploy.current(target) == good
    tampered = _variant(demo_built, tmp_path / "t", "版本三")
    (tampered / "index.html").write_text("changed after the manifest", "utf-8")
    with pytest.raises(deploy.DeployError):
        deploy.deploy(tampered, target)
    assert deploy.current(target) == good


def test_a_build_with_a_data_error_leaves_current_untouched(demo_built, tmp_path, capsys,
                                                           monkeypatch):
    from conftest import DATA
    from generator.synth import engine_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    target = tmp_path / "www"
    good = deploy.deploy(_variant(demo_built, tmp_path / "v1", "版本一"), target)
    project = make_project(tmp_path / "c", DATA / "invalid" / "ledger-closed-without-date")
    engine_config(ROOT, project)
    assert main(["--root", str(project), "publish", "--to", str(target),
                 "--site", str(tmp_path / "site")]) == 1
    assert deploy.current(target) == good
    assert "current 保持不变" in capsys.readouterr().out


# ------------------------------------------------------------------ history

def _git(repo: Path, *args: str, when: str = "") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="县纪委", GIT_AUTHOR_EMAIL="x@example.gov.cn",
               GIT_COMMITTER_NAME="县纪委", GIT_COMMITTER_EMAIL="x@example.gov.cn")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_record_pages_show_their_git_history(tmp_path):
    repo = make_project(tmp_path / "c")
    site_yml = repo / "site_config/site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "commit_messages: 是\n", "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "录入东城镇案例", when="2026-05-10T09:00:00+08:00")
    case = repo / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("责令整改。", "责令整改，已完成。"), "utf-8")
    units = repo / "data/units.csv"
    units.write_text(units.read_text("utf-8").replace("县委办公室,县委部门,县直机关工委",
                                                      "县委办公室,县委部门,县委"), "utf-8")
    # (dated before the build: a commit after the build's time is no history of it)
    _git(repo, "commit", "-q", "-am", "补充处理结果", when="2026-06-01T09:00:00+08:00")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "无关提交",
         when="2026-06-02T09:00:00+08:00")
    case.write_text(case.read_text("utf-8") + "batch: 2\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "联系人 13812345678 要求补充批次",
         when="2026-06-03T09:00:00+08:00")
    pages = build(repo, NOW).pages
    page = pages["cases/2026-001.md"]
    assert "## 记录历史" in page
    assert "录入东城镇案例" in page and "补充处理结果" in page and "无关提交" not in page
    assert "13812345678" not in page and "- " in page.split("## 记录历史")[1]
    assert page.split("## 记录历史")[1].count("\n- ") == 3
    assert "补充处理结果" in pages["units/XW01.md"]       # its row changed
    assert "补充处理结果" not in pages["units/XZ01.md"]   # its row did not
    assert "录入东城镇案例" in pages["notices/2026-05-notice.md"]



def test_history_reads_each_commits_patch_once_per_machine(tmp_path, monkeypatch):
    """What a commit changed never changes: a second run reads no patch, a run after a new
    commit reads that commit's alone, and each gives the history the first run gave."""
    from generator import history

    repo = make_project(tmp_path / "c")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "录入", when="2026-05-10T09:00:00+08:00")
    case = repo / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("责令整改。", "责令整改，已完成。"), "utf-8")
    _git(repo, "commit", "-q", "-am", "补充处理结果", when="2026-05-11T09:00:00+08:00")
    read = []
    analyse = history._analyse
    monkeypatch.setattr(history, "_analyse",
                        lambda root, tz, shas: read.append(len(shas)) or analyse(root, tz, shas))
    tz = NOW.tzinfo

    def listed(found):
        return {key: [(c.subject, c.when) for c in changes]
                for key, changes in found.by_path.items()}

    first = listed(history.load_history(repo, tz))
    assert first["data/cases/2026-001.yml"][0][0] == "补充处理结果"
    assert listed(history.load_history(repo, tz)) == first
    case.write_text(case.read_text("utf-8").replace("已完成。", "已全部完成。"), "utf-8")
    _git(repo, "commit", "-q", "-am", "再次补充", when="2026-05-12T09:00:00+08:00")
    third = listed(history.load_history(repo, tz))
    assert read == [2, 1]
    assert [subject for subject, _ in third["data/cases/2026-001.yml"]] == [
        "再次补充", "补充处理结果", "录入"]
    assert {k: v for k, v in third.items() if k != "data/cases/2026-001.yml"} == {
        k: v for k, v in first.items() if k != "data/cases/2026-001.yml"}

def _front_matter(text: str) -> dict:
    import yaml

    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)


def _unfrozen(notice: Path) -> str:
    """The minimal notice as issued before anything was frozen into it."""
    frozen = notice.read_text("utf-8")
    return frozen[:frozen.index("issuer:")] + frozen[frozen.index("---\n\n"):]


def test_a_freeze_that_writes_other_text_than_the_notice_printed_is_a_revision(tmp_path,
                                                                               monkeypatch):
    """A freeze is no revision only when the text it writes is what the notice printed
    just before, from the records and labels of the time: a case edited in the freeze's
    own commit, or frozen text or words typed by hand, changed what the issued 通报 says,
    and its page lists the commit."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    for how in ("case edited in the same commit", "text typed by hand", "words typed by hand",
                "freeze alone"):
        repo = make_project(tmp_path / how.replace(" ", "-"))
        notice = repo / "content/notices/2026-05-notice.md"
        notice.write_text(_unfrozen(notice), "utf-8")
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
        case = repo / "data/cases/2026-001.yml"
        if how == "case edited in the same commit":
            case.write_text(case.read_text("utf-8").replace("推诿扯皮。", "推诿扯皮，群众多次往返。"),
                            "utf-8")
        assert main(["--root", str(repo), "notice", "freeze",
                     "content/notices/2026-05-notice.md"]) == 0
        if how == "text typed by hand":
            notice.write_text(notice.read_text("utf-8").replace("      责令整改。\n",
                                                                "      责令限期整改。\n"), "utf-8")
        if how == "words typed by hand":  # not the labels its page printed before
            text = notice.read_text("utf-8")
            assert text.count('  cc: "抄送："\n') == 1
            notice.write_text(text.replace('  cc: "抄送："\n', '  cc: "抄报："\n'), "utf-8")
        _git(repo, "commit", "-q", "-am", "固定通报", when="2026-06-01T09:00:00+08:00")
        changes = build(repo, NOW).pages["notices/2026-05-notice.md"].split("## 记录历史")[1]
        expected = ["2026年5月10日"] if how == "freeze alone" else ["2026年6月1日", "2026年5月10日"]
        assert re.findall(r"^- (\S+)", changes, re.M) == expected, how


def test_a_commit_freezing_several_notices_reads_the_project_before_it_once(tmp_path,
                                                                            monkeypatch):
    """Telling whether a freeze wrote what each notice printed reads the whole project at
    the commit's parent (a whole check: tens of seconds at city scale): once for the
    commit, whatever the number of notices it freezes, and once on a machine (a commit
    never changes: `check --changed` would pay it on every run); each notice is judged."""
    from generator import checks

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    repo = make_project(tmp_path / "c")
    first = repo / "content/notices/2026-05-notice.md"
    first.write_text(_unfrozen(first), "utf-8")
    second = repo / "content/notices/2026-05-notice-2.md"
    second.write_text(first.read_text("utf-8").replace("〔2026〕7号", "〔2026〕8号"), "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    for notice in (first, second):
        assert main(["--root", str(repo), "notice", "freeze",
                     notice.relative_to(repo).as_posix()]) == 0
    second.write_text(second.read_text("utf-8").replace("      责令整改。\n",
                                                        "      责令限期整改。\n"), "utf-8")
    _git(repo, "commit", "-q", "-am", "固定通报", when="2026-06-01T09:00:00+08:00")
    read = []
    validate = checks.validate
    monkeypatch.setattr(checks, "validate", lambda *a, **k: read.append(a[0]) or validate(*a, **k))
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    pages = build(repo, NOW).pages
    assert len(read) == 1 and read[0] != repo
    # a later run on this machine (a pre-commit check, the next build) reads it no more
    from generator.history import _PrintedBefore

    monkeypatch.setattr(_PrintedBefore, "_memo", {})
    assert build(repo, NOW).pages == pages and len(read) == 1
    monkeypatch.setattr(_PrintedBefore, "_memo", {})
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "another-machine"))
    assert build(repo, NOW).pages == pages and len(read) == 2
    dates = {name: re.findall(r"^- (\S+)", pages[f"notices/{name}.md"].split("## 记录历史")[1],
                              re.M) for name in ("2026-05-notice", "2026-05-notice-2")}
    assert dates == {"2026-05-notice": ["2026年5月10日"],
                     "2026-05-notice-2": ["2026年6月1日", "2026年5月10日"]}


def test_a_commit_that_leaves_the_printed_notice_as_it_was_is_no_revision_of_it(tmp_path,
                                                                               monkeypatch):
    """Freezing an issued 通报 (`notice freeze`: its issuer and cases' text written into the
    file) and rewriting its file without changing a value (quotes, a comment, Windows line
    ends) are not shown to the public as revisions of the notice; a changed word is, and so
    is a frozen text changed after it was frozen."""
    repo = make_project(tmp_path / "c")
    notice = repo / "content/notices/2026-05-notice.md"
    frozen = notice.read_text("utf-8")
    notice.write_text(frozen[:frozen.index("issuer:")] + frozen[frozen.index("---\n\n"):],
                      "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "发布", when="2026-05-10T09:00:00+08:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    assert main(["--root", str(repo), "notice", "freeze", "content/notices/2026-05-notice.md"]) == 0
    written = _front_matter(notice.read_text("utf-8"))
    # the 印发机关 its 版记 printed (the site's printer), written with the issuer
    assert written.pop("printer") == "中共演示县纪律检查委员会办公室"
    # the cited case as a 通报 now prints it: the name as the case writes it, the measure
    # said as a 处理 (the fixture froze the words of before, which it keeps)
    assert written.pop("case_texts") == [{
        "case": "2026-001", "heading": "东城镇办事员张某某推诿扯皮问题",
        "text": "2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。"
                "张某某受到诫勉谈话处理。\n责令整改。"}]
    assert written == {k: v for k, v in _front_matter(frozen).items() if k != "case_texts"}
    frozen = notice.read_text("utf-8")
    _git(repo, "commit", "-q", "-am", "固定通报", when="2026-06-01T09:00:00+08:00")
    text = frozen.replace("title: 关于东城镇推诿扯皮问题的通报",
                          '# 标题不改\ntitle: "关于东城镇推诿扯皮问题的通报"')
    notice.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    _git(repo, "commit", "-q", "-am", "格式", when="2026-07-01T09:00:00+08:00")
    pages = build(repo, NOW).pages
    changes = pages["notices/2026-05-notice.md"].split("## 记录历史")[1]
    assert re.findall(r"^- (\S+)", changes, re.M) == ["2026年5月10日"]
    notice.write_text(frozen.replace("      责令整改。\n", "      责令限期整改。\n"), "utf-8")
    _git(repo, "commit", "-q", "-am", "改冻结文本", when="2026-08-01T09:00:00+08:00")
    notice.write_text(frozen.replace("      责令整改。\n", "      责令限期整改。\n")
                      .replace("通报如下。", "通报如下：", 1), "utf-8")
    _git(repo, "commit", "-q", "-am", "改正文", when="2026-09-01T09:00:00+08:00")
    changes = build(repo, NOW).pages["notices/2026-05-notice.md"].split("## 记录历史")[1]
    assert re.findall(r"^- (\S+)", changes, re.M) == ["2026年9月1日", "2026年8月1日",
                                                       "2026年5月10日"]
    # Its 附件 is part of it: a file replaced under the same name is a revision too.
    sheet = ROOT / "content/notices/files/2026-c1-late-units.xlsx"
    (repo / "content/notices/files").mkdir(parents=True, exist_ok=True)
    (repo / "content/notices/files/名单.xlsx").write_bytes(sheet.read_bytes())
    notice.write_text(notice.read_text("utf-8").replace(
        "---\n\n", "attachments:\n  - file: 名单.xlsx\n    title: 名单\n---\n\n", 1), "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "加附件", when="2026-10-01T09:00:00+08:00")
    import openpyxl

    book = openpyxl.load_workbook(sheet)
    book.active["A1"] = "单位名单（调整后）"
    book.save(repo / "content/notices/files/名单.xlsx")
    _git(repo, "commit", "-q", "-am", "换附件", when="2026-10-02T09:00:00+08:00")
    site = build(repo, NOW, history=True)
    changes = site.pages["notices/2026-05-notice.md"].split("## 记录历史")[1]
    assert re.findall(r"^- (\S+)", changes, re.M)[:2] == ["2026年10月2日", "2026年10月1日"]
    # An issuer written where there was none is a freeze only when it is what the 版头
    # printed (the site's authority then): another one changes the 版头, a revision.
    text = notice.read_text("utf-8")
    plain = re.sub(r"\nissuer: .*\n", "\n", text)
    notice.write_text(plain, "utf-8")
    _git(repo, "commit", "-q", "-am", "去掉发文机关", when="2026-10-03T09:00:00+08:00")
    notice.write_text(plain.replace("\ncase_texts:", "\nissuer: 中共测试县纪委\ncase_texts:"),
                      "utf-8")
    _git(repo, "commit", "-q", "-am", "另写发文机关", when="2026-10-04T09:00:00+08:00")
    changes = build(repo, NOW).pages["notices/2026-05-notice.md"].split("## 记录历史")[1]
    assert re.findall(r"^- (\S+)", changes, re.M)[:2] == ["2026年10月4日", "2026年10月3日"]


def test_without_git_the_pages_still_build(tmp_path):
    project = make_project(tmp_path / "plain")
    assert "## 记录历史" not in build(project, NOW).pages["cases/2026-001.md"]


def test_demo_case_pages_show_history_when_built_from_a_clone(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("the repository itself is not a git checkout")
    subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp_path / "clone")], check=True)
    # built when CI builds it, after its commits (the tests' clock predates the demo's
    # history, and a commit after the build's time is no history of that build)
    head = subprocess.run(["git", "-C", str(tmp_path / "clone"), "log", "-1", "--format=%ct"],
                          capture_output=True, text=True, check=True).stdout
    when = dt.datetime.fromtimestamp(int(head) + 60, NOW.tzinfo)
    clone = tmp_path / "clone"
    # the demo's history before its launch day (site.yml `launched`) is the generator's
    # own development: not listed
    settings = clone / "site_config/site.yml"
    launched = dt.date.fromisoformat(re.search(r"^launched: (\S+)$", settings.read_text(
        "utf-8"), re.M).group(1))
    page = build(clone, when).pages["cases/2026-002.md"]
    listed = page.split("## 记录历史")[1] if "## 记录历史" in page else ""
    assert all(dt.date(int(y), int(m), int(d)) >= launched
               for y, m, d in re.findall(r"^- (\d{4})年(\d+)月(\d+)日", listed, re.M))
    # read as a county's without a launch day, its history is listed
    settings.write_text(re.sub(r"^launched: .*\n", "", settings.read_text("utf-8"), flags=re.M),
                        "utf-8")
    page = build(clone, when).pages["cases/2026-002.md"]
    assert "## 记录历史" in page and "发布日期：2026年5月20日" in page
    listed = page.split("## 记录历史")[1]
    assert any(dt.date(int(y), int(m), int(d)) < launched
               for y, m, d in re.findall(r"^- (\d{4})年(\d+)月(\d+)日", listed, re.M))
    assert "首次发布" not in page


def test_history_states_the_records_own_date_and_no_commit_message_by_default(tmp_path):
    """A notice back-filled for 2015 in 2026: its date is 2015; git dates are changes only;
    commit messages stay off unless site.yml opts in."""
    repo = make_project(tmp_path / "c")
    notice = repo / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("date: 2026-05-10", "date: 2015-04-25")
                      .replace("signed_on: 2026-05-09", "signed_on: 2015-04-24")
                      .replace("〔2026〕", "〔2015〕")
                      .replace("cases: [2026-001]\n", ""), "utf-8")  # a 2015 notice cites no 2026 case
    text = notice.read_text("utf-8")  # (nor keeps its frozen text)
    notice.write_text(text[:text.index("case_texts:")] + text[text.index("---\n\n"):], "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "补录2015年通报（经办人王某）",
         when="2026-11-18T09:00:00+08:00")
    page = build(repo, NOW).pages["notices/2026-05-notice.md"]
    history = page.split("## 记录历史")[1]
    assert "发布日期：2015年4月25日" in history
    assert "- 2026年11月18日\n" in history
    assert "首次发布" not in page and "补录" not in page and "王某" not in page


# ------------------------------------------------------------------ portability

def test_exported_tree_builds_with_zensical(tmp_path):
    zensical = zensical_or_skip()
    site = build(ROOT, NOW, history=False)
    export(ROOT, tmp_path / "md", NOW)
    result = subprocess.run([zensical, "build"], cwd=tmp_path / "md", capture_output=True,
                            text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH))
    assert result.returncode == 0, result.stdout + result.stderr
    for case in site.data.cases:
        if case.state in ("published", "withdrawn"):
            assert (tmp_path / "md/site/cases" / case["id"] / "index.html").is_file(), case["id"]
    assert (tmp_path / "md/site/statistics/index.html").is_file()
    assert (tmp_path / "md/site/feeds/cases.xml").is_file()
    # the demo notice's paragraph broken over two source lines reads as one sentence
    page = (tmp_path / "md/site/notices/2026-05-20-typical-cases/index.html").read_text("utf-8")
    assert "问题。现将其中" in page and "问题。\n现将" not in page
    # the staff manual is noindex and out of sitemap.xml, as in the mkdocs build
    manual = (tmp_path / "md/site/data-spec/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in manual
    assert '<meta name="robots"' not in page
    sitemap = (tmp_path / "md/site/sitemap.xml").read_text("utf-8")
    assert "data-spec" not in sitemap and sitemap.count("<url>") > 500


def test_the_export_keeps_out_what_the_mkdocs_build_keeps_out(tmp_path):
    """The exported tree, built by stock mkdocs with no hook: the staff manual (数据规范)
    is marked noindex and left out of sitemap.xml, as the hook-built site has it (the
    export dropped both: a search engine offered the manual of error codes), and no
    dotfile a clerk's tools left under content/ (.env, .DS_Store, a .git-… folder) is
    copied into docs/ (the export copied them, and the engine published some)."""
    from generator.checks import GENERATED_PAGE

    project = make_project(tmp_path / "c")
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copyfile(ROOT / GENERATED_PAGE, project / GENERATED_PAGE)
    (project / "content/.env").write_text("TOKEN=secret-token-123\n", "utf-8")
    (project / "content/.DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (project / "content/.git-credentials").write_text("https://u:secret-token-123@x\n", "utf-8")
    (project / "content/assets/.hidden").mkdir()
    (project / "content/assets/.hidden/notes.md").write_text("# secret-token-123\n", "utf-8")
    out = tmp_path / "md"
    export(project, out, NOW)
    assert sorted(p.name for p in out.rglob(".*")) == []
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=out,
                            capture_output=True, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH, PYTHONPATH=str(ROOT),
                                     NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    built = out / "site"
    assert not [p for p in built.rglob("*") if "secret-token-123" in (
        p.read_text("utf-8", "replace") if p.is_file() else "")]
    robots = re.compile(r'<meta name="robots" content="([^"]*)">')
    assert robots.findall((built / "data-spec/index.html").read_text("utf-8")) == ["noindex"]
    assert robots.findall((built / "index.html").read_text("utf-8")) == []
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert "data-spec" not in sitemap and sitemap.count("<url>") > 10
    assert "<lastmod>" in sitemap
    search = json.loads((built / "search/search_index.json").read_text("utf-8"))
    assert not [d for d in search["docs"] if d["location"].startswith("data-spec")]


def test_the_audit_reads_a_site_zensical_built_from_the_export(tmp_path, capsys):
    """`generator audit DIR/site` on the exported tree as Zensical builds it: Zensical's
    own bundle is a theme script and no page links zensical.org (it refused every page,
    1,154 problems on the demo, so an exported build was never audited), and its
    search index, search.json (`items`, not mkdocs' `docs`), is read entry by entry as
    the mkdocs build's is: a number planted in one entry is found at that entry."""
    zensical = zensical_or_skip()
    from generator.synth import engine_config

    project = make_project(tmp_path / "c")
    engine_config(ROOT, project)
    export(project, tmp_path / "md", NOW)
    result = subprocess.run([zensical, "build"], cwd=tmp_path / "md", capture_output=True,
                            text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH))
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "md/site"
    capsys.readouterr()
    assert main(["--root", str(project), "audit", str(site)]) == 0, capsys.readouterr().out
    index = json.loads((site / "search.json").read_text("utf-8"))
    number = next(n for n, item in enumerate(index["items"], start=1)
                  if item["location"].startswith("cases/"))
    index["items"][number - 1]["text"] += "<p>联系电话：13812345678</p>"
    (site / "search.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "audit", str(site)]) == 1
    found = [line for line in capsys.readouterr().out.splitlines() if ": " in line]
    assert [line.split(": ")[:2] for line in found] == [
        [f"{site}/search.json#items[{number}].text:1", "personal-phone"]], found


def test_the_make_targets_ci_calls_really_run(tmp_path):
    """`make check` and `make build` as the pipelines call them, for real."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1")
    check = subprocess.run(["make", "-s", "-C", str(ROOT), "check"], capture_output=True,
                           text=True, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.rstrip().endswith("检查通过，没有发现问题。")
    built = subprocess.run(["make", "-s", "-C", str(ROOT), "build", f"SITE={tmp_path / 'site'}"],
                           capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "site" / "manifest.json").is_file()


def test_sitemap_dates_are_the_countys_build_date(demo_built):
    """Built at 2026-11-20 00:00 UTC+8 (2026-11-19 in UTC): pages say 2026年11月20日,
    and so does every <lastmod> (the demo's commits are dated after the build: capped)."""
    sitemap = (demo_built / "sitemap.xml").read_text("utf-8")
    days = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert len(days) > 100 and set(days) == {"2026-11-20"}


def test_the_demos_sitemap_is_one_file_within_the_search_engines_limits(demo_built):
    """563-odd addresses: the engine's own sitemap.xml stays as it is, no index written."""
    sitemap = (demo_built / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<url>") > 500 and "<sitemapindex" not in sitemap
    assert not list(demo_built.glob("sitemap-*.xml"))


@pytest.mark.parametrize("limits", [
    {"urls": 200},  # fewer addresses a file than the demo has
    {"size": 20_000},  # or fewer bytes
])
def test_a_sitemap_over_the_limits_becomes_an_index_of_sitemaps_within_them(
        demo_built, tmp_path, limits):
    """At city scale one sitemap.xml passes 50,000 addresses (or 50 MB) and search engines
    refuse it whole. Shown on the demo's real sitemap with the limits lowered: an index
    of sitemaps, each within the limits, that together list every address once, in order."""
    import gzip

    from generator import sitemap

    shutil.copy(demo_built / "sitemap.xml", tmp_path / "sitemap.xml")
    shutil.copy(demo_built / "sitemap.xml.gz", tmp_path / "sitemap.xml.gz")
    before = re.findall(r"<loc>([^<]*)</loc>", (tmp_path / "sitemap.xml").read_text("utf-8"))
    base = "https://zhuanxiang.example.gov.cn/"
    written = sitemap.split(tmp_path, base, **limits)
    index = (tmp_path / "sitemap.xml").read_text("utf-8")
    names = [p for p in written if p != "sitemap.xml"]
    assert written[0] == "sitemap.xml" and names == [f"sitemap-{n}.xml" for n in
                                                      range(1, len(names) + 1)]
    assert re.findall(r"<loc>([^<]*)</loc>", index) == [base + n for n in names]
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex')
    assert re.findall(r"<lastmod>([^<]*)</lastmod>", index) == ["2026-11-20"] * len(names)
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == index
    after, counts = [], []
    for name in names:
        text = (tmp_path / name).read_text("utf-8")
        found = re.findall(r"<loc>([^<]*)</loc>", text)
        after += found
        counts.append(len(found))
        assert text.count("<url>") == len(found) and text.endswith("</urlset>\n")
        assert len(found) <= limits.get("urls", sitemap.URLS)
        assert len(text.encode("utf-8")) <= limits.get("size", sitemap.BYTES)
    assert after == before
    if "urls" in limits:
        assert counts == [200, 200, len(before) - 400]
    else:
        assert len(counts) > 2 and all(c > 50 for c in counts)
    again = {n: (tmp_path / n).read_bytes() for n in [*names, "sitemap.xml.gz"]}
    assert sitemap.split(tmp_path, base, **limits) == []  # an index is not split again
    assert again == {n: (tmp_path / n).read_bytes() for n in again}


def test_a_record_pages_lastmod_is_its_last_public_change(tmp_path):
    repo = make_project(tmp_path / "c")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "录入", when="2026-05-01T09:00:00+08:00")
    case = repo / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("责令整改。", "责令整改，已完成。"), "utf-8")
    # 2026-06-16 01:00 in the county is still 2026-06-15 in UTC
    _git(repo, "commit", "-q", "-am", "补充", when="2026-06-16T01:00:00+08:00")
    site = build(repo, NOW)
    assert site.build_date == "2026-11-20"
    assert site.lastmod["cases/2026-001.md"] == "2026-06-16"
    # committed only before it was published: the generator knows no later change
    assert "notices/2026-05-notice.md" not in site.lastmod


def test_records_not_yet_public_change_no_byte_of_the_site(tmp_path):
    """A draft case and notice, a case and a 通报 citing it under embargo (one minute after
    the build), with follow-ups and in a new batch: every page and file (open data, charts,
    feeds, documents, editor) is what the site is without them, so no figure counts them."""
    plain = make_project(tmp_path / "plain")
    seeded = make_project(tmp_path / "seeded")
    case = (plain / "data/cases/2026-001.yml").read_text("utf-8")
    embargo = (NOW + __import__("datetime").timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
    for cid, control, unit in (("2026-091", "draft: 是", "ZF01"),
                               ("2026-092", f'embargo: "{embargo}"', "XW01")):
        (seeded / f"data/cases/{cid}.yml").write_text(
            case.replace("id: 2026-001", f"id: {cid}").replace("unit: XZ01", f"unit: {unit}")
            .replace("published_on: 2026-05-10", f"published_on: {NOW.date()}\n{control}\nbatch: 9")
            .replace("2026-06-10", str(NOW.date())).replace("categories: [A3]", "categories: [B2]"),
            "utf-8")
    notice = (plain / "content/notices/2026-05-notice.md").read_text("utf-8")
    for name, control, cid in (("2026-11-19-a", "draft: 是", "2026-091"),
                               ("2026-11-20-b", f'embargo: "{embargo}"', "2026-092")):
        (seeded / f"content/notices/{name}.md").write_text(
            notice.replace("date: 2026-05-10", f"date: {NOW.date()}\n{control}")
            .replace("cases: [2026-001]", f"cases: [{cid}]")
            .replace('case: "2026-001"', f'case: "{cid}"')  # its frozen text, too
            .replace("〔2026〕7号", f"〔2026〕{cid[-2:]}号"), "utf-8")
    before, after = build(plain, NOW, history=False), build(seeded, NOW, history=False)
    assert {r.get("id") or r["slug"]: r.state for name in ("cases", "notices")
            for r in after.data.collections[name] if r.state != "published"} == {
        "2026-091": "draft", "2026-092": "embargoed", "2026-11-19-a": "draft",
        "2026-11-20-b": "embargoed"}
    assert after.pages.keys() == before.pages.keys() and after.files.keys() == before.files.keys()
    assert [p for p in before.pages if before.pages[p] != after.pages[p]] == []
    assert [p for p in before.files if before.files[p] != after.files[p]] == []


def test_a_record_withdrawn_before_its_embargo_lifted_leaves_no_trace(tmp_path):
    """Taken back while still under embargo, a case or notice was never public: after the
    embargo time it gets no withdrawal page (that page would publish its id, that it
    existed and why it was taken back), and no figure counts it. Withdrawn on the day
    the embargo lifted, it may have been read: its URL keeps the withdrawal note."""
    import datetime as dt

    plain = make_project(tmp_path / "plain")
    seeded = make_project(tmp_path / "seeded")
    case = (plain / "data/cases/2026-001.yml").read_text("utf-8")
    lifted = (NOW - dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    before_lift = (NOW - dt.timedelta(days=4)).date()
    on_lift = (NOW - dt.timedelta(days=3)).date()
    control = f'embargo: "{lifted}"\nwithdrawn: {{date: {before_lift}, reason: 核实有误}}'
    (seeded / "data/cases/2026-093.yml").write_text(
        case.replace("id: 2026-001", "id: 2026-093")
        .replace("published_on: 2026-05-10", f"published_on: {before_lift}\n{control}")
        .replace("2026-06-10", str(NOW.date())), "utf-8")
    notice = (plain / "content/notices/2026-05-notice.md").read_text("utf-8")
    (seeded / "content/notices/2026-11-10-c.md").write_text(
        notice.replace("date: 2026-05-10", f"date: {before_lift}\n{control}")
        .replace("〔2026〕7号", "〔2026〕93号"), "utf-8")
    before, after = build(plain, NOW, history=False), build(seeded, NOW, history=False)
    states = {r.get("id") or r["slug"]: r.state for name in ("cases", "notices")
              for r in after.data.collections[name] if r.state != "published"}
    assert states == {"2026-093": "never_public", "2026-11-10-c": "never_public"}
    assert after.pages.keys() == before.pages.keys() and after.files.keys() == before.files.keys()
    assert [p for p in before.pages if before.pages[p] != after.pages[p]] == []
    assert [p for p in before.files if before.files[p] != after.files[p]] == []

    for path in ("data/cases/2026-093.yml", "content/notices/2026-11-10-c.md"):
        target = seeded / path
        target.write_text(target.read_text("utf-8").replace(str(before_lift), str(on_lift)),
                          "utf-8")
    read = build(seeded, NOW, history=False)
    assert "cases/2026-093.md" in read.pages and "notices/2026-11-10-c.md" in read.pages
    assert "核实有误" in read.pages["cases/2026-093.md"]


def test_the_staff_manual_is_built_but_not_offered_to_readers_or_search_engines(demo_built):
    """数据规范 (content/data-spec.md) is the staff's manual of every field and error code:
    it was in sitemap.xml (and so offered by search engines to readers looking for the
    campaign). It is still built at its address for staff, marked noindex, and kept out
    of sitemap.xml (and its .gz), the 网站地图 page and the search index."""
    import gzip

    page = (demo_built / "data-spec" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in page and "数据规范" in page
    sitemap = (demo_built / "sitemap.xml").read_text("utf-8")
    packed = gzip.decompress((demo_built / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    assert packed == sitemap
    assert "data-spec" not in sitemap
    assert "https://zhuanxiang.example.gov.cn/cases/2026-002/" in sitemap
    assert sitemap.count("<url>") == sitemap.count("</url>") == \
        len(list(demo_built.rglob("index.html"))) - 2  # every page but the manual and /admin/
    assert "data-spec" not in (demo_built / "sitemap" / "index.html").read_text("utf-8")
    assert "data-spec" not in (demo_built / "search" / "search_index.json").read_text("utf-8")
    unindexed = [p.parent.name for p in demo_built.rglob("index.html")
                 if 'name="robots"' in p.read_text("utf-8")]
    assert sorted(unindexed) == ["admin", "data-spec"]  # the editor's page and the manual


def test_a_sitemap_leaves_out_only_the_addresses_asked():
    from generator.sitemap import without

    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x">\n'
            "    <url>\n         <loc>https://a.gov.cn/</loc>\n         <lastmod>2026-01-01</lastmod>\n    </url>\n"
            "    <url>\n         <loc>https://a.gov.cn/data-spec/</loc>\n    </url>\n"
            "    <url>\n         <loc>https://a.gov.cn/data-spec/x/</loc>\n    </url>\n</urlset>")
    assert without(text, set()) == text
    assert without(text, {"https://a.gov.cn/data-spec/"}) == text.replace(
        "    <url>\n         <loc>https://a.gov.cn/data-spec/</loc>\n    </url>\n", "")


def test_a_path_said_by_the_command_line_prints_visibly():
    """`say` shows a path given as a Path (the notice and bulletin commands' own lines)
    as it shows a text: a line break in a folder's name does not start a line of its own."""
    from generator.problems import say

    said = say("notice_exists", path=Path("content/notices/a\n\u202eb.md"))
    assert "content/notices/a⏎<U+202E>b.md" in said and "\n" not in said
