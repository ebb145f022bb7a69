"""Page and navigation size do not grow with the number of records (bytes, not seconds)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from build_scale import build  # noqa: E402


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale")
    return {scale: build(scale, work) for scale in (1, 3)}


def test_navigation_is_the_same_size_at_any_scale(sizes):
    assert sizes[1]["nav_bytes"] > 1000
    assert sizes[3]["nav_bytes"] == sizes[1]["nav_bytes"]


def test_record_pages_do_not_grow_with_the_data(sizes):
    small, large = sizes[1], sizes[3]
    assert large["pages"] > 2 * small["pages"]
    # Same kind of content at three times the data: equal within 3 % on average, and
    # the largest page no more than 5 % larger (it has different random records).
    assert abs(large["case_mean"] - small["case_mean"]) <= 0.03 * small["case_mean"]
    assert abs(large["unit_mean"] - small["unit_mean"]) <= 0.03 * small["unit_mean"]
    assert large["case_max"] <= 1.05 * small["case_max"]
    assert large["unit_max"] <= 1.05 * small["unit_max"]


def test_the_same_record_has_the_same_page_size_at_any_scale(sizes):
    small, large = sizes[1]["demo"], sizes[3]["demo"]
    assert len(small) == 39 + 1 + 60  # published and withdrawn cases, and the units
    assert {p: large[p] for p in small} == small
