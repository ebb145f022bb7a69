"""What `check` keeps between runs: each file's reading and typing, keyed by its bytes.

Under `.cache/check/` (git-ignored; `$GENERATOR_CACHE` moves it, as for the documents).
A file has two entries. Its reading: what `load.load_file` returned for it (its raw
records with every line, and the problems met reading it), keyed by the hash of the
file's bytes, its path and record type. Its typing: its typed records, the problems met
typing them and the ids they register (`checks._type_file`), keyed as well by the
typing context (`checks._typing_context`: the ids of every collection its fields refer
to, the time zone, the official contacts), so a file whose references now resolve
otherwise is typed again; and with it what the privacy rules found in those records,
keyed as well by the rules (the redacted names and where each is set, the hosts allowed). Every entry depends on every file of the generator (code,
schema.yml, messages.yml, templates): a change to any of them reads everything again.
Per-record and cross-record rules and the verdict are worked out on every run. A run
keeps the entries it used: a file whose typing came from the cache keeps that entry
only (its reading is read again if the context ever changes). An unreadable or stale
cache is ignored (read again), never an error.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

from generator import load
from generator.load import RawRecord

_FORMAT = b"check-cache-2"
_GENERATOR = Path(__file__).resolve().parent


def cache_dir(root: Path) -> Path:
    base = os.environ.get("GENERATOR_CACHE")
    return (Path(base) if base else Path(root) / ".cache") / "check"


def generator_key() -> bytes:
    """The hash of every file the generator is made of (code, schema, messages, templates)."""
    digest = hashlib.sha256(_FORMAT)
    for path in sorted(_GENERATOR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (
                ".py", ".yml", ".yaml", ".j2", ".html", ".md", ".json", ".txt"):
            digest.update(path.relative_to(_GENERATOR).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def machine_key() -> bytes:
    """A secret of this machine's user, outside the repository: the cache is signed with it,
    so a cache file that came with a commit (or from another machine) is never unpickled."""
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = home / "campaign-generator" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(key)
    except FileExistsError:
        return path.read_bytes()  # another check wrote it first
    except OSError:
        pass  # no writable home: this run's key signs this run's cache only
    return key


# What a long-running process (the preview) read last time, by project: kept in memory,
# so its rebuilds neither unpickle nor pickle the whole county again.
_IN_MEMORY: dict[Path, tuple[bytes, dict[bytes, bytes]]] = {}


class FileCache:
    """`load_file` with the answers of the last run for files whose bytes are unchanged.
    `in_memory`: the last run is this process's own (the preview), not the file on disk."""

    def __init__(self, root: Path, in_memory: bool = False) -> None:
        self.root = Path(root)
        self.path = cache_dir(self.root) / "files.pickle"
        self.code = generator_key()
        self.old: dict[bytes, bytes] = {}  # key -> a pickled entry
        self.new: dict[bytes, bytes] = {}
        self.hits = self.misses = self.typed_hits = 0
        self._keys: dict[str, bytes | None] = {}  # this run's file -> _key
        # this run's file -> the key of its typing, when its records are the cache's
        self._typed: dict[str, bytes] = {}
        self.in_memory = in_memory
        kept = _IN_MEMORY.get(self.root.resolve()) if in_memory else None
        if kept is not None and kept[0] == self.code:
            self.old = kept[1]
            return
        self.key = machine_key()
        try:
            signed = memoryview(self.path.read_bytes())  # slices of it are not copies
            mac, blob = signed[:32], signed[32:]
            if hmac.compare_digest(mac, hmac.new(self.key, blob, hashlib.sha256).digest()):
                stored = pickle.loads(blob)  # noqa: S301 - signed by this machine's key
                if stored.get("code") == self.code:
                    self.old = stored["files"]
        except Exception:  # noqa: BLE001 - a damaged or old cache is read again, never trusted
            self.old = {}

    def _key(self, root: Path, rel: str, rtype) -> bytes | None:
        """The hash of the file's path, record type and bytes (None: it cannot be read)."""
        if rel not in self._keys:
            # (a named pipe is never opened: the reader names it, file-unreadable)
            data = None
            if load.regular(Path(root) / rel):
                try:
                    data = (Path(root) / rel).read_bytes()
                except OSError:
                    pass
            if data is None:
                self._keys[rel] = None
            else:
                self._keys[rel] = hashlib.sha256(b"\0".join((
                    rel.encode(), rtype.name.encode(), hashlib.sha256(data).digest()))).digest()
        return self._keys[rel]

    def typed(self, root: Path, rel: str, rtype, context: bytes):
        """What `checks._type_file` kept for this file in this typing context, or None."""
        key = self._key(root, rel, rtype)
        if key is None:
            return None
        kept = self.old.get(_typed_key(key, context))
        if kept is None:
            return None
        self.new[_typed_key(key, context)] = kept
        self._typed[rel] = _typed_key(key, context)
        self.typed_hits += 1
        return pickle.loads(kept)  # noqa: S301 - signed (or this process's own)

    def keep_typed(self, root: Path, rel: str, rtype, context: bytes, entry) -> None:
        key = self._key(root, rel, rtype)
        if key is not None:
            # pickled even in memory: the pipeline changes records after validation
            self.new[_typed_key(key, context)] = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
            self._typed[rel] = _typed_key(key, context)

    def privacy(self, rel: str, rules: bytes):
        """What `checks._privacy_rules` found in this file's records under these rules, when
        the records are those typed (or taken from the cache) in this run, else None."""
        typed = self._typed.get(rel)
        if typed is None:
            return None
        kept = self.old.get(_typed_key(typed, b"privacy\0" + rules))
        if kept is None:
            return None
        self.new[_typed_key(typed, b"privacy\0" + rules)] = kept
        return pickle.loads(kept)  # noqa: S301 - signed (or this process's own)

    def keep_privacy(self, rel: str, rules: bytes, found: list) -> None:
        typed = self._typed.get(rel)
        if typed is not None:
            self.new[_typed_key(typed, b"privacy\0" + rules)] = pickle.dumps(
                found, pickle.HIGHEST_PROTOCOL)

    def load_file(self, root: Path, rel: str, rtype):
        self._typed.pop(rel, None)  # its records are typed afresh (kept again if they can be)
        key = self._key(root, rel, rtype)
        if key is None:
            return load.load_file(root, rel, rtype)  # the reader names the problem
        kept = self.old.get(key)
        if kept is None:
            self.misses += 1
            raws, problems = load.load_file(root, rel, rtype)
            raws = list(raws)  # a table's rows come lazily; its problems fill meanwhile
            entry = ([(r.where, r.data, r.body, r.body_line, r.slug, r.short) for r in raws],
                     list(problems))
            # Each file's reading is kept pickled on its own: a run that reads one file
            # again pickles that file, not the county (and in memory as on disk, so the
            # preview can start from what a check left on disk).
            kept = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        else:
            self.hits += 1
            entry = pickle.loads(kept)  # noqa: S301 - signed (or this process's own)
        self.new[key] = kept
        rows, problems = entry
        return [RawRecord(rtype, *row) for row in rows], list(problems)

    def save(self) -> None:
        """Keep this run's entries only (files deleted or changed since are dropped)."""
        if self.in_memory:
            _IN_MEMORY[self.root.resolve()] = (self.code, self.new)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            blob = pickle.dumps({"code": self.code, "files": self.new},
                                protocol=pickle.HIGHEST_PROTOCOL)
            with open(temporary, "wb") as stream:  # (not mac + blob: a copy of the county)
                stream.write(hmac.new(self.key, blob, hashlib.sha256).digest())
                stream.write(blob)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only checkout: the next run reads the files again


def _typed_key(key: bytes, context: bytes) -> bytes:
    return hashlib.sha256(b"typed\0" + key + context).digest()


# What the pages depend on besides the records under data/.
_PAGE_INPUTS = ("site_config", "content", "overrides", "mkdocs.yml")


def pages_key(root: Path) -> bytes:
    """The hash of everything but data/ that the pages are made from."""
    digest = hashlib.sha256(generator_key())
    for name in _PAGE_INPUTS:
        top = Path(root) / name
        paths = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in paths:
            if path.is_file():
                # as bytes: a name that is not UTF-8 (said by check) is no traceback here
                digest.update(os.fsencode(path.relative_to(root).as_posix()) + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def pages_passed(root: Path, key: bytes) -> bool:
    """Whether the last full check on this machine built these pages and passed (the mark
    is signed with this machine's key: one that came with a commit does not count)."""
    try:
        mark = (cache_dir(root) / "pages-passed").read_bytes()
    except OSError:
        return False
    return hmac.compare_digest(mark, hmac.new(machine_key(), key, hashlib.sha256).digest())


def remember_pages(root: Path, key: bytes) -> None:
    try:
        cache_dir(root).mkdir(parents=True, exist_ok=True)
        (cache_dir(root) / "pages-passed").write_bytes(
            hmac.new(machine_key(), key, hashlib.sha256).digest())
    except OSError:
        pass


def load_kept(root: Path, name: str) -> dict:
    """A small mapping a run kept for the next ones under the cache folder (signed with
    this machine's key, made by this generator): {} when there is none or it is not ours."""
    try:
        signed = (cache_dir(root) / f"{name}.pickle").read_bytes()
        mac, blob = signed[:32], signed[32:]
        if hmac.compare_digest(mac, hmac.new(machine_key(), blob, hashlib.sha256).digest()):
            stored = pickle.loads(blob)  # noqa: S301 - signed by this machine's key
            if stored.get("code") == generator_key():
                return stored["kept"]
    except Exception:  # noqa: BLE001 - a damaged or old file is made again, never trusted
        pass
    return {}


def save_kept(root: Path, name: str, kept: dict) -> None:
    """Keep `kept` for the next runs (see load_kept); a read-only checkout keeps nothing."""
    try:
        folder = cache_dir(root)
        folder.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps({"code": generator_key(), "kept": kept}, pickle.HIGHEST_PROTOCOL)
        temporary = folder / f"{name}.{os.getpid()}.tmp"
        temporary.write_bytes(hmac.new(machine_key(), blob, hashlib.sha256).digest() + blob)
        os.replace(temporary, folder / f"{name}.pickle")
    except OSError:
        pass
