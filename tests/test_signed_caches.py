"""What the generator keeps under .cache/ is signed with a key of this machine's user,
kept outside the repository: a cache file that came with a commit (or from another
machine) is never taken for the generator's own work."""
from __future__ import annotations

import pytest
from conftest import NOW

from generator import cache, document, pdf, word
from generator.checks import validate
from generator.pipeline import check


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """Switch to the key of machine `name` (each has its own config folder)."""
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))

    def use(name: str) -> None:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / f"home-{name}"))

    use("a")
    return use


def test_a_pdf_in_the_cache_from_another_machine_is_never_published(minimal, machine,
                                                                    tmp_path):
    data, report = validate(minimal, NOW)
    assert report.valid
    notice = data.notices[0]
    docx = word.write(document.from_notice(notice, data.site, data.labels),
                      minimal / word.TEMPLATE)
    real = pdf.convert({"n": (docx, "20260510")}, minimal)["n"]
    assert real.startswith(b"%PDF")
    stored = list((tmp_path / "cache" / "documents").glob("*.pdf"))
    assert len(stored) == 1
    stored[0].write_bytes(b"%PDF-1.7 forged")  # what a commit could bring
    assert pdf.convert({"n": (docx, "20260510")}, minimal)["n"] == b"%PDF-1.7 forged"
    machine("b")  # CI, or a colleague's machine: the file is not its own
    assert pdf.convert({"n": (docx, "20260510")}, minimal)["n"] == real


def test_the_mark_that_the_pages_passed_counts_only_on_the_machine_that_wrote_it(
        minimal, machine):
    _data, report = check(minimal, NOW, changed=True)
    assert report.valid
    key = cache.pages_key(minimal)
    assert cache.pages_passed(minimal, key)
    mark = cache.cache_dir(minimal) / "pages-passed"
    assert mark.read_bytes() != key  # not the bare key anyone can compute
    machine("b")
    assert not cache.pages_passed(minimal, key)
    mark.write_bytes(key)  # the bare key, as a forged mark would hold it
    assert not cache.pages_passed(minimal, key)


def _build(project):
    from generator.pipeline import build

    return build(project, NOW, history=False)


def test_charts_drawn_by_the_last_run_on_this_machine_are_not_drawn_again(
        minimal, machine, monkeypatch):
    """The build and check find the charts the last run drew (the same SVG a fresh
    drawing makes); on another machine, or from a file it did not sign, they are drawn."""
    from generator import charts

    monkeypatch.setattr(charts, "_DRAWN", {})
    monkeypatch.setattr(charts, "_KEPT_FOR", set())
    first = {p: b for p, b in _build(minimal).files.items() if p.startswith("charts/")}
    assert len(first) == 2 * len(charts.CHARTS) and (
        cache.cache_dir(minimal) / "charts.pickle").is_file()
    drawn = []
    original = charts.draw
    monkeypatch.setattr(charts, "draw", lambda frame, key, *a: drawn.append(key) or
                        original(frame, key, *a))
    monkeypatch.setattr(charts, "_DRAWN", {})  # a new process: only the file is left
    monkeypatch.setattr(charts, "_KEPT_FOR", set())
    again = {p: b for p, b in _build(minimal).files.items() if p.startswith("charts/")}
    assert again == first and drawn == []
    machine("b")
    monkeypatch.setattr(charts, "_DRAWN", {})
    monkeypatch.setattr(charts, "_KEPT_FOR", set())
    elsewhere = {p: b for p, b in _build(minimal).files.items() if p.startswith("charts/")}
    assert elsewhere == first and sorted(drawn) == sorted(charts.CHARTS)


def test_a_word_file_written_by_the_last_run_is_found_only_on_the_machine_that_wrote_it(
        minimal, machine, monkeypatch):
    """Each notice's .docx is kept beside the PDFs under a name only this machine can
    make: the next run writes none, and the bytes are those word.write makes."""
    monkeypatch.setattr(document, "_WRITTEN", {})
    data, report = validate(minimal, NOW)
    assert report.valid and document.issued(data)
    first = document.files(data, minimal)
    docx = {path: content for path, content in first.items() if path.endswith(".docx")}
    assert docx
    stored = sorted((cache.cache_dir(minimal).parent / "documents").glob("*.docx"))
    assert len(stored) == len(docx)
    written = []
    original = word.write
    monkeypatch.setattr(word, "write", lambda *a: written.append(a) or original(*a))
    monkeypatch.setattr(document, "_WRITTEN", {})  # a new process
    assert document.files(data, minimal) == first and written == []
    machine("b")  # CI, or a colleague's machine: the files are not its own
    monkeypatch.setattr(document, "_WRITTEN", {})
    assert document.files(data, minimal) == first and len(written) == len(docx)


def test_compiled_templates_are_loaded_only_when_this_machine_signed_them(
        minimal, machine, monkeypatch):
    """The compiled templates kept in the cache are loaded by the next run; a file whose
    signature is not this machine's (another machine's, or one a commit brought) is
    compiled again from the template, never run."""
    import jinja2

    from generator import render

    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(  # (the pages' templates: bulletin.py's are not kept)
        jinja2.Environment, "compile", lambda self, *a, **k: isinstance(
            self, render._Environment) and compiled.append(1) or original(self, *a, **k))
    monkeypatch.setattr(render, "_COMPILED", render._Templates())
    first = _build(minimal).pages
    folder = cache.cache_dir(minimal) / "templates"
    made = sorted(folder.glob("*.jinja"))
    assert compiled and len(made) == len(compiled)
    compiled.clear()
    monkeypatch.setattr(render, "_COMPILED", render._Templates())  # a new process
    assert dict(_build(minimal).pages) == dict(first) and compiled == []
    machine("b")
    monkeypatch.setattr(render, "_COMPILED", render._Templates())
    assert dict(_build(minimal).pages) == dict(first) and len(compiled) == len(made)
    for path in made:  # a file whose signature is not b's: compiled again
        path.write_bytes(b"\0" * 32 + path.read_bytes()[32:])
    compiled.clear()
    monkeypatch.setattr(render, "_COMPILED", render._Templates())
    assert dict(_build(minimal).pages) == dict(first) and len(compiled) == len(made)
