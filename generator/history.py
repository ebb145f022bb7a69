"""Record history from git: when each case, notice and unit was first committed and last
changed, and the list of changes (date and commit subject).

One `git log -p` pass over the record files; rows of the units table are attributed by
the id in their first column. Without git, or outside a repository, history is empty
and pages build as before.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

PATHS = ["data/cases", "content/notices", "data/units.csv"]
_COMMIT = "\x1e"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    subject: str
    commit: str
    paths: frozenset = frozenset()


@dataclass
class History:
    by_path: dict[str, list[Change]] = field(default_factory=dict)
    by_unit: dict[str, list[Change]] = field(default_factory=dict)

    def of(self, key: str) -> list[Change]:
        """Changes of a file ("data/cases/x.yml") or a unit ("unit:XZ01"), newest first."""
        if key.startswith("unit:"):
            return self.by_unit.get(key[5:], [])
        return self.by_path.get(key, [])


def load_history(root: Path, tz) -> History:
    """Read the history of the record files in one git call; empty without git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-p", "--unified=0", "--no-renames", "--no-color",
             f"--format={_COMMIT}%H%x1f%ct%x1f%s", "--", *PATHS],
            capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return History()
    if result.returncode != 0:
        return History()
    history = History()
    for chunk in result.stdout.decode("utf-8", errors="replace").split(_COMMIT)[1:]:
        head, _, patch = chunk.partition("\n")
        commit, stamp, subject = (head.split("\x1f") + ["", "", ""])[:3]
        when = dt.datetime.fromtimestamp(int(stamp), tz)
        paths, units = set(), set()
        current = ""
        for line in patch.splitlines():
            if line.startswith("diff --git "):
                current = line.split(" b/", 1)[-1]
                paths.add(current)
            elif current == "data/units.csv" and line[:1] in "+-" and line[:3] not in ("+++", "---"):
                first = line[1:].split(",", 1)[0].strip().strip('"').lstrip("\ufeff")
                if _ID.fullmatch(first) and first != "id":
                    units.add(first)
        change = Change(when, subject.strip(), commit, frozenset(paths))
        for path in paths:
            history.by_path.setdefault(path, []).append(change)
        for unit in units:
            history.by_unit.setdefault(unit, []).append(change)
    return history
