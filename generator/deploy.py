"""Deploy a built, audited site to a county's own server, atomically.

    TARGET/releases/<build id>/   one complete copy per deployment
    TARGET/releases.log           the order releases were switched to
    TARGET/current -> releases/<build id>

`releases.log` lists releases in the order they were deployed; `--rollback` switches to
the one before the current. A release directory appears whole (copied under a temporary name, then renamed), and
`current` is switched with an atomic rename of a symlink, so a reader always gets one
release whole. Nothing here touches `current` unless the site's manifest checks out.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

MANIFEST = "manifest.json"


class DeployError(Exception):
    """The site cannot be deployed; `current` was not touched."""


def manifest(site: Path, build_time: str,
             hashes: dict[str, tuple[int, str]] | None = None) -> bytes:
    """Path, size and sha256 of every file, so a reader can verify what was published.
    `hashes` (from the audit, which has just read every file) spares a second reading."""
    files = []
    hashes = hashes or {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel != MANIFEST:
            if rel in hashes:
                size, sha = hashes[rel]
            else:
                data = path.read_bytes()
                size, sha = len(data), hashlib.sha256(data).hexdigest()
            files.append({"path": rel, "size": size, "sha256": sha})
    body = {"build_time": build_time, "files": files}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def verify(site: Path) -> dict:
    """The manifest, after checking that every file is there with its size and hash."""
    path = site / MANIFEST
    if not path.is_file():
        raise DeployError("missing-manifest")
    body = json.loads(path.read_bytes())
    listed = set()
    for entry in body["files"]:
        file = site / entry["path"]
        listed.add(entry["path"])
        if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != entry["sha256"]:
            raise DeployError(f"changed:{entry['path']}")
    extra = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    extra -= listed | {MANIFEST}
    if extra:
        raise DeployError(f"unlisted:{sorted(extra)[0]}")
    return body


def build_id(site: Path, body: dict) -> str:
    stamp = "".join(ch for ch in body["build_time"] if ch.isdigit())[:14]
    digest = hashlib.sha256((site / MANIFEST).read_bytes()).hexdigest()[:12]
    return f"{stamp}-{digest}"


def _log(target: Path) -> list[str]:
    path = target / "releases.log"
    return path.read_text("utf-8").split() if path.is_file() else []


def _switch(target: Path, release: str) -> None:
    temporary = target / f".current-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(Path("releases") / release, temporary)
    os.replace(temporary, target / "current")  # atomic on POSIX: readers see old or new


def current(target: Path) -> str | None:
    link = target / "current"
    return Path(os.readlink(link)).name if link.is_symlink() else None


def deploy(site: Path, target: Path, keep: int = 5) -> str:
    """Copy the site into a new release, switch `current` to it, keep the last `keep`."""
    site, target = Path(site), Path(target)
    body = verify(site)
    release = build_id(site, body)
    releases = target / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    final = releases / release
    if not final.exists():
        staging = releases / f".staging-{release}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(site, staging)
        verify(staging)
        os.rename(staging, final)
    _switch(target, release)
    history = [r for r in _log(target) if r != release] + [release]
    (target / "releases.log").write_text("\n".join(history) + "\n", encoding="utf-8")
    _prune(target, history, keep)
    return release


def rollback(target: Path) -> str:
    """Switch `current` back to the release deployed before it."""
    target = Path(target)
    history = [r for r in _log(target) if (target / "releases" / r).is_dir()]
    now = current(target)
    if now not in history or history.index(now) == 0:
        raise DeployError("no-previous-release")
    previous = history[history.index(now) - 1]
    _switch(target, previous)  # the log stays in deploy order: rolling back twice goes further
    return previous


def _prune(target: Path, history: list[str], keep: int) -> None:
    live = current(target)
    for release in history[:-keep] if keep > 0 else []:
        if release != live:
            shutil.rmtree(target / "releases" / release, ignore_errors=True)
    remaining = [r for r in history if (target / "releases" / r).is_dir()]
    (target / "releases.log").write_text("\n".join(remaining) + "\n", encoding="utf-8")
