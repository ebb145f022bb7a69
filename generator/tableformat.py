"""`fmt`: CSV tables rewritten in the one form Excel itself saves.

UTF-8 with a BOM (Chinese Excel opens it without mojibake), CRLF between rows (what
Excel writes, so a re-save changes no line endings), quotes only where a cell needs them,
no blank rows at the end. Cells and header labels are kept exactly as written: only the
form changes, so after `fmt` an Excel re-save shows nothing but real edits in `git diff`.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator import load
from generator.schema import record_types


@dataclass(frozen=True)
class Outcome:
    path: str
    changed: bool
    error: str = ""  # why the file was left alone


def table_files(root: Path) -> list[str]:
    """Every CSV file a table record type reads, project-relative, sorted."""
    found: set[str] = set()
    for rtype in record_types().values():
        if rtype.shape == "table":
            found |= {rel for rel in load.files_of(root, rtype) if rel.lower().endswith(".csv")}
    return sorted(found)


def canonical(data: bytes, path: str) -> tuple[bytes | None, str]:
    """The canonical bytes of one CSV file, or None and the reason it cannot be read
    (said as check says it: a workbook with a .csv name is named as one). Excel's
    "Unicode 文本" (UTF-16, tab-separated) is rewritten as the CSV it stands for."""
    text, separator, told = load.table_text(data, path)
    if text is None:
        return None, told[0].message
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error:
        from generator.problems import catalogue

        return None, catalogue()["csv-quote"]["message"]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8"), ""


def format_tables(root: Path, write: bool = True) -> list[Outcome]:
    """Rewrite (or, with write=False, only compare) every CSV table under root."""
    outcomes = []
    for rel in table_files(root):
        path = root / rel
        data, unreadable = load.read_staff(root, rel)
        if unreadable:  # a named pipe is never opened: reading it waits for ever
            outcomes.append(Outcome(rel, False, unreadable.message))
            continue
        new, why = canonical(data, rel)
        if new is None:
            outcomes.append(Outcome(rel, False, why))
            continue
        changed = new != data
        if changed and write:
            path.write_bytes(new)
        outcomes.append(Outcome(rel, changed))
    return outcomes
