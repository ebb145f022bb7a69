"""Record history from git: when each case, notice and unit was first committed and last
changed, and the list of changes (date and commit subject).

One `git log -p` pass over the record files' commits not seen before (what each commit
changed is kept per commit on this machine); rows of the units table are attributed by
the id in their first column. Without git, or outside a repository, history is empty
and pages build as before.

A change is a change of what the record says: a commit that leaves a case's or notice's
values and text as they were (quoting, comments, key order, line ends) is not listed as
a revision of it, and neither is the one that freezes an issued notice (`notice freeze`
writes `issuer`, `words` and `case_texts`, what its page already printed from the live
records and settings, and `attachment_digests` and `document_style`, which print
nothing on its page, into a notice that
had none of them). One `git cat-file --batch` call reads the two versions.
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
_RAW = re.compile(r":\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) \w+\t(.+)")
# What `notice freeze` adds to a notice: the text its page printed from live records.
FROZEN = ("issuer", "printer", "case_texts", "words", "attachment_digests", "document_style")
SETTINGS = "site_config/site.yml"
LABELS = "site_config/labels.yml"


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


def load_history(root: Path, tz, until: dt.datetime | None = None) -> History:
    """Read the history of the record files; empty without git. A commit made after
    `until` (the build's time) is no history of that build: a build states the site as of
    its time (SOURCE_DATE_EPOCH), and a page saying it was changed on a later day than it
    was made would date what it cannot know.

    What a commit changed (which record files it revised in what they say, which units'
    rows) never changes once it is committed, and telling it may read every record file
    the commit touched twice (and, for a notice's freeze, the project at its parent): it
    is worked out once per commit and zone and kept on this machine (cache.load_kept,
    made again when the generator changes). A run lists the commits (one cheap `git log`)
    and reads the patches of the commits it has not seen (one `git log -p` over those)."""
    from generator import cache

    listed = _git(root, ["log", "--format=%H", "--", *PATHS])
    if listed is None:
        return History()
    order = listed.decode("ascii", errors="replace").split()
    zone = str(tz)
    kept = cache.load_kept(root, "history") if order else {}
    missing = [sha for sha in order if (sha, zone) not in kept]
    if missing:
        found = _analyse(root, tz, missing)
        if found is None:
            return History()
        found.update((sha, None) for sha in missing if sha not in found)
        if not _shallow(root):  # a grafted parent may be fetched later: tell it again then
            present = set(order)  # (a commit no longer in the history is let go)
            kept = {key: value for key, value in kept.items() if key[0] in present}
            kept.update(((sha, zone), value) for sha, value in found.items())
            cache.save_kept(root, "history", kept)
        else:
            kept = {**kept, **{(sha, zone): value for sha, value in found.items()}}
    history = History()
    for sha in order:
        entry = kept.get((sha, zone))
        if entry is None:  # git printed no patch of PATHS for it (a merge)
            continue
        stamp, subject, paths, revised, units = entry
        if until is not None and stamp > until.timestamp():
            continue
        change = Change(dt.datetime.fromtimestamp(stamp, tz), subject, sha, paths)
        for path in revised:
            history.by_path.setdefault(path, []).append(change)
        for unit in units:
            history.by_unit.setdefault(unit, []).append(change)
    return history


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                                input=stdin, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _shallow(root: Path) -> bool:
    answer = _git(root, ["rev-parse", "--is-shallow-repository"])
    return answer is None or answer.strip() != b"false"


def _analyse(root: Path, tz, shas: list[str]) -> dict | None:
    """sha -> (time stamp, subject, paths touched, record files whose values or text it
    changed, units whose rows it changed), for the given commits, from one `git log -p`."""
    out = _git(root, ["log", "--stdin", "--no-walk=unsorted", "-p", "--raw", "--no-abbrev",
                      "--unified=0", "--no-renames", "--no-color",
                      f"--format={_COMMIT}%H%x1f%ct%x1f%s", "--", *PATHS],
               stdin="".join(sha + "\n" for sha in shas).encode())
    if out is None:
        return None
    commits = []
    for chunk in out.decode("utf-8", errors="replace").split(_COMMIT)[1:]:
        head, _, patch = chunk.partition("\n")
        commit, stamp, subject = (head.split("\x1f") + ["", "", ""])[:3]
        when = dt.datetime.fromtimestamp(int(stamp), tz)
        paths, units, blobs = set(), set(), {}
        current = ""
        for line in patch.splitlines():
            raw = _RAW.fullmatch(line)
            if raw and raw.group(3).endswith((".md", ".yml", ".yaml")):
                blobs[raw.group(3)] = (raw.group(1), raw.group(2))
            elif line.startswith("diff --git "):
                current = line.split(" b/", 1)[-1]
                paths.add(current)
            elif current == "data/units.csv" and line[:1] in "+-" and line[:3] not in ("+++", "---"):
                first = line[1:].split(",", 1)[0].strip().strip('"').lstrip("\ufeff")
                if _ID.fullmatch(first) and first != "id":
                    units.add(first)
        commits.append((Change(when, subject.strip(), commit, frozenset(paths)), units,
                        blobs, int(stamp)))
    # (the site's settings before a commit that edits a notice: the authority it printed;
    # and the labels it leaves: a word whose label the commit itself brings)
    edits = [c for c, _u, blobs, _s in commits if any(path.endswith(".md") for path in blobs)]
    settings = {f"{c.commit}^:{name}" for c in edits for name in (SETTINGS, LABELS)}
    settings |= {f"{c.commit}:{LABELS}" for c in edits}
    texts = _blobs(root, settings | {b for _c, _u, blobs, _s in commits
                                     for pair in blobs.values() for b in pair})
    found = {}
    for change, units, blobs, stamp in commits:
        site = (_read(texts.get(f"{change.commit}^:{SETTINGS}"), SETTINGS) or ({}, ""))[0]
        site = site if isinstance(site, dict) else {}
        authority, printer = site.get("authority"), site.get("printer")
        labels = (_read(texts.get(f"{change.commit}^:{LABELS}"), LABELS) or ({}, ""))[0]
        brought = (_read(texts.get(f"{change.commit}:{LABELS}"), LABELS) or ({}, ""))[0]
        before = {"authority": authority, "printer": printer,
                  "labels": labels if isinstance(labels, dict) else {},
                  "brought": brought if isinstance(brought, dict) else {},
                  "printed": _PrintedBefore(root, change, tz)}
        revised = []
        for path in sorted(change.paths):
            old, new = blobs.get(path, (None, None))
            if old is None or not _same_record(texts.get(old), texts.get(new), path, before):
                revised.append(path)
        found[change.commit] = (stamp, change.subject, change.paths, tuple(revised),
                                tuple(sorted(units)))
    return found


def _blobs(root: Path, ids: set[str]) -> dict[str, bytes]:
    """The contents of git blobs by id (or by `commit^:path`), in one call; a missing one
    (an added or deleted file's zero id, a first commit's parent) is left out."""
    wanted = sorted(i for i in ids if i.strip("0"))
    if not wanted:
        return {}
    try:
        result = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"],
                                input="".join(i + "\n" for i in wanted).encode(),
                                capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    out, data, at = {}, result.stdout, 0
    for blob in wanted:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<id> missing"
        size = int(header[2])
        out[blob] = data[at:at + size]
        at += size + 1
    return out


def _same_record(old: bytes | None, new: bytes | None, path: str,
                 settings: dict | None = None) -> bool:
    """Whether two versions of a record file say the same: equal values as read, equal
    body. A notice's frozen fields added where it had none say what it printed already:
    the issuer, when it is the site's `authority` of the time (what the 版头 printed); the
    words, when each is the label of the time (`labels`); the attachments' digests and
    the document style's, which print nothing on the page."""
    from generator.notices import FROZEN_WORDS

    settings = settings or {}
    before, after = _read(old, path), _read(new, path)
    if before is None or after is None:
        return False
    if path.endswith(".md") and isinstance(before[0], dict) and isinstance(after[0], dict):
        added = {k for k in FROZEN if k in after[0] and k not in before[0]}
        if "issuer" in added and after[0]["issuer"] != settings.get("authority"):
            return False
        if "printer" in added and str(after[0]["printer"]).strip() != _printer_of_the_time(before[0],
                                                                              settings):
            return False
        if "words" in added:
            words = after[0]["words"]
            if not isinstance(words, dict) or any(
                    key not in FROZEN_WORDS or value != _label_of_the_time(key, settings)
                    for key, value in words.items()):
                return False
        if "case_texts" in added:
            # what the notice printed of its cases before this commit, from the records of
            # the time: a freeze that wrote other text (a case edited in the same commit,
            # text typed by hand) changed what the issued notice says
            printed = settings.get("printed")
            if printed is None or printed(path) != after[0]["case_texts"]:
                return False
        after = ({k: v for k, v in after[0].items() if k not in added}, after[1])
        old_words, new_words = before[0].get("words"), after[0].get("words")
        if isinstance(old_words, dict) and isinstance(new_words, dict):
            # a word the generator came to print, frozen later as the label of the time
            # (`notice freeze` adds it: the 附注 of a seal not printed): printed already
            grown = {key for key in new_words if key not in old_words}
            if any(key not in FROZEN_WORDS or new_words[key] != _label_of_the_time(key, settings)
                   for key in grown):
                return False
            after = ({**after[0], "words": {k: v for k, v in new_words.items()
                                            if k not in grown}}, after[1])
    return before == after


def _printer_of_the_time(notice: dict, settings: dict) -> str:
    """The 印发机关 a notice's 版记 printed before the commit (as notices.printer_of
    reads it): its issuer's first organ when its issuer was written in, else the site's
    `printer` of the time, else the first organ of the site's authority."""
    def first(issuer) -> str:
        return next(iter(re.split(r"[\s\u3000]+", str(issuer or "").strip())), "")

    if notice.get("issuer"):
        return first(notice["issuer"])
    return str(settings.get("printer") or "").strip() or first(settings.get("authority"))


def _label_of_the_time(key: str, settings: dict):
    """The label a frozen word `key` printed before the commit (`labels`, of its parent);
    for a word the generator came to print in this very commit (its label is not in the
    parent's labels.yml: the seal's 附注 arrived with the code printing it), the label the
    commit brings. None when neither has it."""
    from generator.notices import FROZEN_WORDS

    section, name = FROZEN_WORDS[key]
    before = ((settings.get("labels") or {}).get(section) or {})
    if name in before:
        return before[name]
    return ((settings.get("brought") or {}).get(section) or {}).get(name)


class _PrintedBefore:
    """path -> what a notice printed of the cases it cites just before `change` (as
    `notices.case_texts` writes it), from the project as it was at the commit's parent,
    read and checked as `check` reads it; None when it cannot be told (no parent, no such
    notice). Made only for a commit that freezes a notice's case text, once per machine
    and notice; the project at the parent is read once for all the notices the commit
    freezes (a whole `check` of that project: at city scale, tens of seconds each, which
    `check --changed` would otherwise pay on every run)."""

    # (commit, path, zone) -> what it printed: a commit's tree never changes, so what is
    # found once is kept on this machine for every later run (cache.load_kept, made again
    # when the generator changes); read from there once per process and project
    _memo: dict[str, dict] = {}

    def __init__(self, root: Path, change: Change, tz) -> None:
        self.root, self.change, self.tz = root, change, tz
        self._data = None  # the project at the parent, while this commit is looked at
        self._folder = None  # where it is unpacked (removed with this object)

    def __call__(self, path: str):
        from generator import cache

        memo = self._memo.get(str(self.root))
        if memo is None:
            memo = self._memo[str(self.root)] = cache.load_kept(self.root, "freezes")
        key = (self.change.commit, path, str(self.tz))
        if key not in memo:
            memo[key] = self._printed(path)
            cache.save_kept(self.root, "freezes", memo)
        return memo[key]

    def _printed(self, path: str):
        from generator.notices import case_texts

        if self._data is None:
            self._data = self._project() or False
        if self._data is False:
            return None
        notice = next((n for n in self._data.collections.get("notices", [])
                       if n.where.path == path), None)
        if notice is None:
            return None
        return [{"case": str(e["case"]), "heading": e["heading"], "text": e["text"]}
                for e in case_texts(self._data, notice)]

    def _project(self):
        import io
        import tarfile
        import tempfile

        from generator.checks import validate

        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), "archive", "--format=tar",
                 f"{self.change.commit}^", "--", "data", "site_config", "content"],
                capture_output=True, check=False, timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if result.returncode != 0:
            return None
        self._folder = tempfile.TemporaryDirectory()
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(self._folder.name, filter="data")
        return validate(Path(self._folder.name), self.change.when.astimezone(self.tz))[0]


def _read(data: bytes | None, path: str):
    """(front matter or YAML values as plain data, body) of a record file; None when it
    cannot be read (then any commit to it counts as a change)."""
    from generator import load

    if data is None:
        return None
    text, _problem = load.decode(data, path)
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    body = ""
    if path.endswith(".md"):
        front, body, _line = load.split_front_matter(text)
        text = front or ""
        body = body.strip("\n")
    tree, problems = load.parse_yaml(text, path)
    if problems and tree is None:
        return None
    return _plain(tree), body


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value is None else str(value)
