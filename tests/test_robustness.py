"""Nothing lost, nothing hangs, nothing escapes.

Random and hostile input into every loader: never a traceback, never a hang, always a
`path:line`. Symlinks are refused, record counts add up, the audit names the record.
"""
from __future__ import annotations

import io
import random
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, NOW, make_project
from generator import load
from generator.checks import validate
from generator.schema import record_types

LINE = re.compile(r"[^\n]+:\d+: [a-z0-9-]+: \S")
TIME_BOUND = 5  # seconds for one input; a hang fails the test, it does not stall the suite


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` in a loader hides it."""


@contextmanager
def time_bound(seconds: int, what: str):
    def fail(_signum, _frame):
        raise Hang(f"no answer within {seconds} s: {what}")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------- inputs

# Characters that have broken loaders: controls, separators, full-width forms, YAML and
# CSV syntax, Han text, byte order marks.
_POOL = ([chr(c) for c in range(0, 32)] + [chr(c) for c in range(0x7f, 0xa1)]
         + list("\u2028\u2029\u3000\ufeff\ufffd\uffff\u200b：，；“”（）［］｛｝＃＆＊！｜＞－")
         + [chr(c) for c in range(0xff01, 0xff5f, 7)]
         + list(":-[]{}&*!|>'\"#%@`,?~=\\ \t\n\n\n\r") + list("abcXYZ019") + list("东城镇张某整改台账"))
_ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1")


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(0, 400)))


def _encode(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(_ENCODINGS), errors="replace")


def _mutate(rng: random.Random, text: str) -> str:
    """A valid file with random damage: characters, whole lines, indentation."""
    lines = text.split("\n")
    for _ in range(rng.randrange(1, 8)):
        kind = rng.randrange(6)
        at = rng.randrange(len(lines))
        if kind == 0:
            col = rng.randrange(len(lines[at]) + 1)
            lines[at] = lines[at][:col] + "".join(rng.choice(_POOL) for _ in range(
                rng.randrange(1, 6))) + lines[at][col:]
        elif kind == 1 and lines[at]:
            col = rng.randrange(len(lines[at]))
            lines[at] = lines[at][:col] + lines[at][col + 1:]
        elif kind == 2:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif kind == 3:
            lines[at] = rng.choice(["", " ", "  ", "\t", "\u3000"]) + lines[at]
        elif kind == 4 and len(lines) > 1:
            del lines[at]
        else:
            lines[at] = lines[at] + rng.choice(['"', "'", "[", "{", ": x", "&a", "*a", ",,,",
                                                '"\n"', "x" * rng.randrange(1, 200000)])
    return "\n".join(lines)


def _valid_file(rtype_name: str) -> tuple[str, str]:
    """(relative path, text) of the minimal project's file of a record type."""
    project_file = {
        "site": "site_config/site.yml", "campaign": "site_config/campaign.yml",
        "taxonomy": "site_config/taxonomy.yml", "channels": "site_config/channels.yml",
        "unit": "data/units.csv", "commitment": "data/commitments.yml",
        "submission": "data/submissions.csv", "case": "data/cases/2026-001.yml",
        "ledger": "data/ledger/台账.csv", "inspection": "data/inspections.csv",
        "warning": "data/warnings.csv", "report": "data/reports.csv",
        "notice": "content/notices/2026-05-notice.md",
        "past_campaign": "site_config/campaigns/2025-dacaoban.yml",
    }.get(rtype_name) or record_types()[rtype_name].files[0]  # a type added later
    root = DATA / "minimal"
    path = root / project_file
    if not path.exists():
        path = DATA.parent.parent / project_file
    return project_file, path.read_text("utf-8")


def _inputs(rng: random.Random, valid: str) -> list[bytes]:
    return [
        bytes(rng.randrange(256) for _ in range(rng.randrange(0, 600))),
        _encode(rng, _random_text(rng)),
        _encode(rng, _mutate(rng, valid)),
        _mutate(rng, valid).encode("utf-8"),
    ]


def _located(problems, rel: str) -> None:
    for item in problems:
        assert LINE.match(str(item)), str(item)
        if item.path == rel:
            assert item.line >= 1, str(item)


SEEDS = range(40)
TYPES = list(record_types())


@pytest.mark.parametrize("rtype_name", TYPES)
def test_random_input_into_each_loader_is_located_never_a_traceback(rtype_name, tmp_path):
    rtype = record_types()[rtype_name]
    rel, valid = _valid_file(rtype_name)
    target = tmp_path / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    for seed in SEEDS:
        rng = random.Random(f"{rtype_name}-{seed}")
        for data in _inputs(rng, valid):
            target.write_bytes(data)
            with time_bound(TIME_BOUND, f"{rel} seed {seed}"):
                raws, problems = load.load_file(tmp_path, rel, rtype)
                records = list(raws)
            _located(problems, rel)
            count += 1
            assert all(r.where.path == rel and r.where.line >= 1 for r in records)
    assert count == len(SEEDS) * 4


@pytest.mark.parametrize("rtype_name", TYPES)
def test_random_input_through_check_is_located(rtype_name, tmp_path):
    """The whole check (typing, references, privacy) over a damaged file."""
    rel, valid = _valid_file(rtype_name)
    project = make_project(tmp_path / "county")
    for seed in range(6):
        rng = random.Random(f"check-{rtype_name}-{seed}")
        data = _inputs(rng, valid)[seed % 4]
        (project / rel).write_bytes(data)
        with time_bound(TIME_BOUND * 2, f"check {rel} seed {seed}"):
            _data, report = validate(project, NOW)
        _located(report.problems, rel)


def _random_workbook(rng: random.Random) -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook()
    sheet = book.active
    header = ["id", "unit", "category", "problem", "measures", "opened_on", "deadline",
              "handling", "status"]
    rng.shuffle(header)
    sheet.append(header[: rng.randrange(1, len(header) + 1)] + [None] * rng.randrange(3))
    import datetime as dt

    for _ in range(rng.randrange(0, 15)):
        row = []
        for _ in range(rng.randrange(0, 12)):
            kind = rng.randrange(7)
            if kind == 0:
                row.append(None)
            elif kind == 1:
                text = ILLEGAL_CHARACTERS_RE.sub("", _random_text(rng))[:50]
                row.append(re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd]", "", text))
            elif kind == 2:
                row.append(rng.choice([0, -1, 10**20, 3.5, 1e300, float(rng.randrange(99999))]))
            elif kind == 3:
                row.append(dt.datetime(2026, rng.randrange(1, 13), rng.randrange(1, 29)))
            elif kind == 4:
                row.append(rng.choice(["=A1", "=SUM(A1:A3)", "=1/0", '="x"']))
            elif kind == 5:
                row.append(rng.choice([True, False, dt.time(9, 30), "合计", "序号"]))
            else:
                row.append(rng.choice(["XZ01", "B2", "限期整改", "整改中", "2026-04-01"]))
        sheet.append(row)
    for _ in range(rng.randrange(3)):
        top, left = rng.randrange(1, 8), rng.randrange(1, 8)
        try:
            sheet.merge_cells(start_row=top, start_column=left, end_row=top + rng.randrange(3),
                              end_column=left + rng.randrange(2))
        except ValueError:
            pass
    if rng.random() < 0.3:
        sheet.row_dimensions[rng.randrange(1, 10)].hidden = True
    if rng.random() < 0.3:
        book.create_sheet("第二页").append(["x"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_random_workbooks_are_located(tmp_path):
    rtype = record_types()["ledger"]
    rel = "data/ledger/台账.xlsx"
    (tmp_path / "data/ledger").mkdir(parents=True)
    for seed in SEEDS:
        rng = random.Random(f"xlsx-{seed}")
        data = _random_workbook(rng)
        if seed % 5 == 4:  # a damaged workbook
            cut = rng.randrange(len(data))
            data = data[:cut] + bytes(rng.randrange(256) for _ in range(20)) + data[cut + 20:]
        (tmp_path / rel).write_bytes(data)
        with time_bound(TIME_BOUND, f"{rel} seed {seed}"):
            raws, problems = load.load_file(tmp_path, rel, rtype)
            records = list(raws)
        _located(problems, rel)
        assert all(r.where.line >= 1 for r in records)


# --------------------------------------------------------------------------- limits


def test_a_table_over_the_limit_is_refused_unread(minimal: Path, monkeypatch):
    monkeypatch.setattr(load, "MAX_TABLE_BYTES", 1000)
    ledger = minimal / "data/ledger/台账.csv"
    ledger.write_text(ledger.read_text("utf-8") * 8, "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 1, "file-too-large")]
    assert data.read_counts["ledger"] == 0


def test_a_cell_over_131072_characters_keeps_the_file(minimal: Path):
    path = minimal / "data/ledger/台账.csv"
    text = path.read_text("utf-8").replace("审批时限长", "审批" + "很" * 200000 + "长")
    path.write_text(text, "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/台账.csv", 3, "cell-too-long")]
    assert [r["id"] for r in data.ledger] == ["TZ-1", "TZ-3"]


# --------------------------------------------------------------------------- outside


def test_a_case_that_is_a_symlink_to_a_file_outside_is_refused(minimal: Path, tmp_path):
    outside = tmp_path / "secret.yml"
    case = (minimal / "data/cases/2026-001.yml").read_text("utf-8")
    outside.write_text(case.replace("2026-001", "2026-009"), "utf-8")
    (minimal / "data/cases/2026-009.yml").symlink_to(outside)
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/cases/2026-009.yml", 1, "file-symlink")]
    assert [c["id"] for c in data.cases] == ["2026-001"]


def test_a_symlinked_folder_is_refused_and_not_entered(minimal: Path, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(minimal / "data/ledger", outside)
    (outside / "台账.csv").rename(outside / "more.csv")
    (minimal / "data/ledger/more").symlink_to(outside)
    (minimal / "site_config/labels.yml").rename(tmp_path / "labels.yml")
    (minimal / "site_config/labels.yml").symlink_to(tmp_path / "labels.yml")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("data/ledger/more", 1, "file-symlink"),
                                ("site_config/labels.yml", 1, "file-symlink")]
    assert data.read_counts["ledger"] == 3


def test_yaml_null_is_empty_never_the_text(minimal: Path):
    path = minimal / "data/cases/2026-001.yml"
    path.write_text(path.read_text("utf-8").replace("outcome: 责令整改。", "outcome: ~"), "utf-8")
    data, report = validate(minimal, NOW)
    assert report.flatten() == []
    assert data.cases[0]["outcome"] is None


def test_utf8_read_as_gbk_is_named_with_the_original_text():
    original = "id,name\nXZ01,东城镇人民政府办公室\nXW01,县委办公室综合股\n"
    garbled = original.encode("utf-8").decode("gb18030", errors="ignore")
    found = load.mojibake(garbled, "data/units.csv")
    assert found is not None and found.code == "file-mojibake"
    assert "UTF-8 编码的文件被当作 GBK 打开" in found.message


def test_healthy_chinese_is_not_mojibake():
    text = (DATA.parent.parent / "data/ledger/自查自纠台账.csv").read_text("utf-8-sig")
    assert load.mojibake(text, "x.csv") is None
    assert load.mojibake("名称：Café résumé ÄÖÜ\n", "x.csv") is None


# --------------------------------------------------------------------------- counts

COUNTS = [  # defect -> (record type, records read): skipped rows are named, the rest read
    ("ledger-title-rows-above-header", "ledger", 3),
    ("ledger-index-column", "ledger", 3),
    ("ledger-trailing-total-row", "ledger", 3),
    ("ledger-index-column-and-subtotal", "ledger", 3),
    ("xlsx-unit-cells-merged-down", "ledger", 6),
    ("xlsx-hidden-row-is-not-published-silently", "ledger", 5),
    ("xlsx-rows-on-a-second-sheet", "ledger", 4),
    ("xlsx-cells-merged-across", "ledger", 4),
    ("xlsx-formula-without-stored-result", "ledger", 4),
    ("csv-million-character-cell", "ledger", 2),
    ("csv-multiline-cell-reported-at-its-row", "ledger", 3),
    ("csv-column-without-header-holds-data", "unit", 4),
    ("xlsx-months-stored-as-excel-dates", "report", 2),
    ("file-case-saved-as-yaml", "case", 1),
    ("csv-mojibake-gbk-read-as-latin1-and-saved", "unit", 0),
    # the staff's way in: what is read is every record, what is refused is said once
    ("xlsx-two-row-header-is-read", "ledger", 5),
    ("csv-two-row-header-is-read", "ledger", 5),
    ("xlsx-two-row-header-with-unknown-names", "ledger", 3),
    ("ledger-notes-and-signature-below-the-table", "ledger", 3),
    ("ledger-note-row-right-under-the-data", "ledger", 3),
    ("xlsx-filter-hiding-rows-is-one-problem", "ledger", 6),
    ("xlsx-hidden-rows-are-one-problem", "ledger", 6),
    ("xlsx-formula-column-without-results-is-one-problem", "ledger", 3),
    ("ledger-windows-copy-is-one-problem", "ledger", 3),
    ("ledger-second-batch-is-read", "ledger", 6),
    ("xlsx-header-cell-wrapped-on-two-lines", "ledger", 4),
    ("ledger-english-headers-in-capitals-are-read", "ledger", 3),
    ("xlsx-instructions-sheet-named-shuoming-first", "ledger", 4),
    ("case-windows-copy", "case", 2),
    ("notice-windows-copy-is-one-problem", "notice", 1),
    ("ledger-six-rows-above-the-header", "ledger", 3),
    ("ledger-title-written-over-three-cells", "ledger", 3),
]


@pytest.mark.parametrize("defect, rtype, read", COUNTS, ids=[c[0] for c in COUNTS])
def test_record_counts_add_up(defect: str, rtype: str, read: int, tmp_path: Path):
    project = make_project(tmp_path / "county", DATA / "invalid" / defect)
    data, _report = validate(project, NOW)
    assert data.read_counts[rtype] == read


def test_merged_cells_are_filled_with_the_merged_value(tmp_path: Path):
    project = make_project(tmp_path / "county", DATA / "invalid" / "xlsx-unit-cells-merged-down")
    data, _report = validate(project, NOW)
    assert [(r["id"], r["unit"]) for r in data.ledger if r["id"].startswith("XL")] == [
        ("XL-1", "XZ01"), ("XL-2", "XZ01"), ("XL-3", "XZ01")]


# --------------------------------------------------------------------------- audit


def test_the_audit_names_the_source_record(demo_built, tmp_path, capsys, monkeypatch):
    from conftest import ROOT
    from generator.cli import main

    site = tmp_path / "site"
    shutil.copytree(demo_built, site)
    page = site / "cases/2026-002/index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</article>", "<script>alert(1)</script></article>", 1), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    assert main(["--root", str(ROOT), "audit", str(site)]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "audit-script" in line]
    assert len(out) == 1 and out[0].endswith("（来源：data/cases/2026-002.yml:1）")


# --------------------------------------------------------------------------- info lines


def test_info_lines_are_printed_marked_and_do_not_fail_check(tmp_path: Path, capsys,
                                                              monkeypatch):
    from conftest import NOW_EPOCH
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    project = make_project(tmp_path / "c", DATA / "invalid" / "ledger-index-column-and-subtotal")
    assert main(["--root", str(project), "check", "--format", "github"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "data/ledger/台账.csv:1: table-index-column: （提示）第1列“序号”是行号，已忽略" in out
    assert "data/ledger/台账.csv:5: table-total-row: （提示）“小 计”行是合计行，已跳过" in out
    assert sum(line.startswith("::notice file=data/ledger/台账.csv,line=") for line in out) == 2
    assert not any(line.startswith("::error") for line in out)
    assert "  整改台账：读取3条，公开3条，未公开0条" in out
    assert out[-1] == "检查通过，没有发现问题。"


def test_every_problem_message_formats():
    """A stray brace in messages.yml would be a traceback for the clerk who meets it."""
    import string

    from generator.problems import catalogue

    for code, entry in catalogue().items():
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(entry["message"])
                  if name}
        entry["message"].format(**{name: "x" for name in fields})
        assert entry.get("severity", "error") in ("error", "info"), code


def test_a_symlinked_content_folder_is_refused(minimal: Path, tmp_path):
    (minimal / "content").rename(tmp_path / "content")
    (minimal / "content").symlink_to(tmp_path / "content")
    data, report = validate(minimal, NOW)
    assert report.flatten() == [("content", 1, "file-symlink")]
    assert data.read_counts["notice"] == 0


@pytest.mark.parametrize("defect", ["xlsx-two-row-header-is-read", "csv-two-row-header-is-read"])
def test_a_two_row_header_reads_each_column_into_its_field(defect: str, tmp_path: Path):
    """整改时限 under the merged 整改情况 and 建账日期 merged down both rows: each value in
    the field its column names, none shifted by the group cell."""
    import datetime as dt

    project = make_project(tmp_path / "county", DATA / "invalid" / defect)
    data, _report = validate(project, NOW)
    rows = [(r["id"], r["measures"], r["target"], r["deadline"], r["opened_on"], r["status"])
            for r in data.ledger if r["id"].startswith("XL")]
    assert rows == [(f"XL-{i}", "措施", "目标", dt.date(2026, 6, 30), dt.date(2026, 4, 1), "整改中")
                    for i in (1, 2)]
