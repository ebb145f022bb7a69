"""`check`'s cache of file readings (.cache/check/) and `check --changed` (pre-commit).

The cache keeps what each file read to (raw records with their lines and the problems
met reading it), keyed by the file's bytes and the generator; typing, references and
cross-record rules run on every check, so a cached check reports exactly what a fresh
one reports."""
from pathlib import Path

import pytest

from conftest import DATA, NOW, make_project
from generator import cache
from generator.checks import validate
from generator.pipeline import check, validate_cached

DEFECTS = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_a_cached_check_reports_exactly_the_expected_lines(defect, tmp_path, own_cache):
    """Every defect fixture again, each file answered from the cache this time."""
    project = make_project(tmp_path / "county", defect)
    files = cache.FileCache(project)
    validate(project, NOW, files)
    files.save()
    warm = cache.FileCache(project)
    assert warm.old
    _data, report = check(project, NOW, cached=True)
    found = [f"{path}:{line}: {code}" for path, line, code in report.flatten()]
    assert found == (defect / "expected.txt").read_text("utf-8").splitlines()


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_the_preview_kept_in_memory_reports_exactly_the_expected_lines(defect, tmp_path,
                                                                        own_cache):
    """The preview keeps its readings in memory between rebuilds (nothing on disk): the
    records read once are typed again on every rebuild and nothing is left of the last."""
    project = make_project(tmp_path / "county", defect)
    fresh, expected = validate(project, NOW)
    for run in range(2):
        data, report = validate_cached(project, NOW, in_memory=True)
        assert report.flatten() == expected.flatten(), run
        assert repr(data.collections) == repr(fresh.collections), run
        assert cache.FileCache(project, in_memory=True).old  # the next run reads from memory
    assert not (own_cache / "check" / "files.pickle").exists()


def test_only_changed_files_are_read_again(minimal, own_cache, monkeypatch):
    reads = []
    original = cache.load.load_file
    monkeypatch.setattr(cache.load, "load_file",
                        lambda root, rel, rtype: reads.append(rel) or original(root, rel, rtype))
    check(minimal, NOW, cached=True)
    everything = sorted(reads)
    assert everything and "data/units.csv" in everything
    reads.clear()
    check(minimal, NOW, cached=True)
    assert reads == []
    units = minimal / "data" / "units.csv"
    units.write_bytes(units.read_bytes() + b"\n")
    check(minimal, NOW, cached=True)
    assert reads == ["data/units.csv"]


def test_a_cross_record_problem_is_found_from_cached_files(minimal, own_cache):
    """The duplicate is in two files each unchanged and cached: still reported."""
    cases = sorted((minimal / "data" / "cases").glob("*.yml"))
    assert cases
    check(minimal, NOW, cached=True)
    copy = cases[0].with_name("9999-999.yml")
    copy.write_bytes(cases[0].read_bytes())
    _data, first = check(minimal, NOW, cached=True)
    _data, again = check(minimal, NOW, cached=True)
    codes = [code for _path, _line, code in again.flatten()]
    assert "file-copied-id-rename" in codes  # 9999-999.yml still holds 2026-001
    assert again.flatten() == first.flatten()


def test_a_cache_file_not_signed_on_this_machine_is_never_unpickled(minimal, own_cache):
    """A cache file that came with a commit could run code when unpickled: only files
    signed with this machine's key (kept outside the repository) are read."""
    import pickle

    check(minimal, NOW, cached=True)
    stored = own_cache / "check" / "files.pickle"
    assert cache.FileCache(minimal).old
    signed = stored.read_bytes()
    stored.write_bytes(bytes(32) + signed[32:])  # the same entries, signed by no one
    assert cache.FileCache(minimal).old == {}

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('unpickled')",))

    stored.write_bytes(pickle.dumps({"code": cache.generator_key(), "files": Boom()}))
    assert cache.FileCache(minimal).old == {}
    _data, report = check(minimal, NOW, cached=True)
    assert report.valid


def test_a_generator_change_empties_the_cache(minimal, own_cache, monkeypatch):
    check(minimal, NOW, cached=True)
    assert cache.FileCache(minimal).old
    monkeypatch.setattr(cache, "generator_key", lambda: b"another generator")
    assert cache.FileCache(minimal).old == {}


def test_changed_builds_the_pages_when_more_than_data_changed(minimal, own_cache,
                                                              monkeypatch):
    from generator import pipeline

    built = []
    original = pipeline.build
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: built.append(1) or original(*a, **k))
    _data, report = check(minimal, NOW, changed=True)
    assert report.valid and len(built) == 1
    case = sorted((minimal / "data" / "cases").glob("*.yml"))[0]
    case.write_text(case.read_text("utf-8") + "\n", "utf-8")
    check(minimal, NOW, changed=True)
    assert len(built) == 1  # data only: validated, pages not built again
    check(minimal, NOW)
    assert len(built) == 2  # check without --changed always builds them
    labels = minimal / "site_config" / "labels.yml"
    labels.write_text(labels.read_text("utf-8") + "\n", "utf-8")
    check(minimal, NOW, changed=True)
    assert len(built) == 3


def test_the_cyclic_collector_is_as_it_was_after_check_and_only_one_shot_runs_set_aside(
        minimal, own_cache, monkeypatch):
    """Validation runs with the cyclic collector off (pipeline._without_cycle_collection):
    it is on again after, and only a one-shot run (`python -m generator`, `mkdocs build`)
    sets the records aside from it; the preview and a library caller do not."""
    import gc

    from generator import mkdocs_hook, pipeline

    frozen = gc.get_freeze_count()
    assert gc.isenabled() and pipeline.SET_ASIDE is False
    _data, report = check(minimal, NOW)
    assert report.valid and gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        check(minimal, NOW)
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()
    monkeypatch.setattr(pipeline, "SET_ASIDE", False)
    from generator import health, render

    for name in ("_serving", "_incremental"):  # put back as they were after the test
        monkeypatch.setattr(mkdocs_hook, name, getattr(mkdocs_hook, name))
    monkeypatch.setattr(render, "MEMO", render.MEMO)  # the preview's memos, likewise
    monkeypatch.setattr(health, "LINKS", health.LINKS)
    mkdocs_hook.on_startup("build", False)
    assert pipeline.SET_ASIDE is True and render.MEMO is None and health.LINKS is None
    mkdocs_hook.on_startup("serve", True)
    assert pipeline.SET_ASIDE is False and render.MEMO == {} and health.LINKS == {}
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-c", "import runpy, sys; sys.argv = ['generator', "
                            "'--root', sys.argv[1], 'check']; "
                            "import generator.pipeline as p; "
                            "import atexit; atexit.register(lambda: print('SET_ASIDE', p.SET_ASIDE)); "
                            "runpy.run_module('generator', run_name='__main__')", str(minimal)],
                           capture_output=True, text=True)
    assert "SET_ASIDE True" in shown.stdout, shown.stderr[-500:]


def _typed_calls(monkeypatch):
    from generator import checks

    typed = []
    original = checks._type_record
    monkeypatch.setattr(checks, "_type_record",
                        lambda typer, rtype, raw, ids: typed.append(raw.where.path) or
                        original(typer, rtype, raw, ids))
    return typed


def test_a_file_unchanged_is_not_typed_again_unless_what_it_refers_to_changed(
        minimal, own_cache, monkeypatch):
    """The typing of a file is kept with the ids of everything its fields refer to: the
    next run takes its records from the cache, and a change in what it refers to (a unit
    renamed) types it again, with the problems a fresh check finds."""
    typed = _typed_calls(monkeypatch)
    check(minimal, NOW, cached=True)
    assert "data/ledger/台账.csv" in typed and "data/cases/2026-001.yml" in typed
    typed.clear()
    _data, report = check(minimal, NOW, cached=True)
    assert report.valid
    assert set(typed) <= {"site_config/site.yml", "site_config/taxonomy.yml",
                          "site_config/channels.yml", "site_config/campaign.yml"}  # singles
    case = minimal / "data" / "cases" / "2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("推诿扯皮。", "推诿扯皮，久拖不办。"), "utf-8")
    typed.clear()
    check(minimal, NOW, cached=True)
    assert "data/cases/2026-001.yml" in typed and "data/ledger/台账.csv" not in typed
    units = minimal / "data" / "units.csv"
    units.write_text(units.read_text("utf-8").replace("XZ01,东城镇", "XZ09,东城镇"), "utf-8")
    typed.clear()
    _data, cached = check(minimal, NOW, cached=True)
    assert "data/ledger/台账.csv" in typed and "data/cases/2026-001.yml" in typed
    _data, fresh = validate(minimal, NOW)
    assert cached.flatten() == fresh.flatten()
    assert ("data/ledger/台账.csv", 2, "unknown-reference") in cached.flatten()


def test_an_id_taken_first_by_another_file_is_typed_again_every_time(minimal, own_cache):
    """A record whose id another file took first says so; once that other file changes
    its id, the cached check says nothing more, as a fresh one."""
    case = minimal / "data" / "cases" / "2026-001.yml"
    copy = case.with_name("9999-999.yml")
    copy.write_bytes(case.read_bytes())
    _data, first = check(minimal, NOW, cached=True)
    assert ("data/cases/9999-999.yml", 1, "file-copied-id-rename") in first.flatten()
    _data, again = check(minimal, NOW, cached=True)
    assert again.flatten() == first.flatten()
    copy.write_text(copy.read_text("utf-8").replace("id: 2026-001", "id: 9999-999"), "utf-8")
    _data, cached = check(minimal, NOW, cached=True)
    assert cached.flatten() == validate(minimal, NOW)[1].flatten()
    assert not any(code.startswith(("duplicate", "file-copied")) for _p, _l, code in cached.flatten())


def test_a_redacted_name_is_found_from_cached_files_until_it_is_redacted_no_more(
        minimal, own_cache):
    """What the privacy rules found in a file is kept with the redacted names and where
    each is set: a name redacted in one case and shown in another is reported from the
    cache, and no more once the first case stops redacting it."""
    case = minimal / "data" / "cases" / "2026-001.yml"
    text = case.read_text("utf-8")
    other = case.with_name("2026-002.yml")
    other.write_text(text.replace("id: 2026-001", "id: 2026-002")
                     .replace("  - name: 张某某\n", "  - name: 李某某\n"), "utf-8")
    case.write_text(text.replace("    rank: 一般干部\n", "    rank: 一般干部\n    redacted: 是\n", 1),
                    "utf-8")
    _data, first = check(minimal, NOW, cached=True)
    shown = [(p, line) for p, line, code in first.flatten() if code == "redacted-name-shown"]
    assert ("data/cases/2026-002.yml", 3) in shown  # its title, in a file of its own
    _data, again = check(minimal, NOW, cached=True)
    assert again.flatten() == first.flatten()
    case.write_text(text, "utf-8")  # redacted no more: 2026-002 (unchanged) may name him
    _data, cached = check(minimal, NOW, cached=True)
    assert cached.flatten() == validate(minimal, NOW)[1].flatten()
    assert not any(code == "redacted-name-shown" for _p, _l, code in cached.flatten())


def test_the_preview_starts_from_what_check_left_on_disk(minimal, own_cache):
    """The preview's first build reads the cache a check wrote, and reports exactly what
    a fresh validation reports."""
    check(minimal, NOW, cached=True)
    fresh, expected = validate(minimal, NOW)
    cache._IN_MEMORY.pop(minimal.resolve(), None)
    files = cache.FileCache(minimal, in_memory=True)
    assert files.old  # from disk
    data, report = validate_cached(minimal, NOW, in_memory=True)
    assert report.flatten() == expected.flatten()
    assert repr(data.collections) == repr(fresh.collections)


def test_records_read_from_the_cache_are_those_typed_and_share_what_is_empty(minimal,
                                                                             own_cache):
    """A record from the cache equals the one typed afresh in every field and attribute
    (where, lines, rejected, state, why); records with no line of their own and nothing
    rejected share one empty `lines` and one empty `rejected` (at city scale a fifth of
    what the records took), and the shared `lines` cannot be written to by mistake."""
    from generator.records import NO_LINES, NONE_REJECTED

    def attributes(data):
        return [(name, dict(rec), rec.where, dict(rec.lines), rec.rejected, rec.state, rec.why)
                for name, records in sorted(data.collections.items()) for rec in records]

    fresh, _report = validate(minimal, NOW)
    validate_cached(minimal, NOW)
    cached, _report = validate_cached(minimal, NOW)
    assert attributes(cached) == attributes(fresh)
    records = [rec for records in cached.collections.values() for rec in records]
    with_lines = [rec for rec in records if rec.lines]
    assert with_lines and all(type(rec.lines) is dict for rec in with_lines)
    plain = [rec for rec in records if not rec.lines]
    assert len(plain) > 10 and all(rec.lines is NO_LINES for rec in plain)
    assert all(rec.rejected is NONE_REJECTED for rec in records if not rec.rejected)
    with pytest.raises(TypeError):
        plain[0].lines["title"] = 3
    plain[0].set_line("title", 3)
    assert plain[0].lines == {"title": 3} and NO_LINES == {}
