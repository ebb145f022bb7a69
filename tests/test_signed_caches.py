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
