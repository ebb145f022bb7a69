"""The PDF of a document: LibreOffice converts the very .docx that Word users get.

One layout, the template's, so the PDF cannot drift from the Word file. LibreOffice
takes about 2 s to start, so every document of a build is converted in one run, and
each PDF is kept under `.cache/documents/`, keyed by the hash of everything it is made
from (the .docx, the font rules, the fonts installed, LibreOffice's version): a
rebuild converts only what changed. The cache is an optimisation only: its PDFs are
byte-identical to fresh ones, because the creation date and the file identifiers that
LibreOffice stamps are replaced by values made from the content.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from generator.cache import machine_key

FONTS = "site_config/fonts.conf"
_TIMEOUT = 300
_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_IDS = re.compile(rb"/ID \[ ?<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})> ?\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]{32})")


class ConverterMissing(RuntimeError):
    """LibreOffice (soffice) is not installed."""


class ConversionFailed(RuntimeError):
    """LibreOffice ran but wrote no PDF for a document."""


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def _version(program: str) -> bytes:
    done = subprocess.run([program, "--version"], capture_output=True, timeout=_TIMEOUT,
                          env=_env(Path(tempfile.gettempdir()), None))
    return done.stdout


def _installed_fonts() -> bytes:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return b""
    done = subprocess.run([fc_list, "--format", "%{file}|%{family}|%{style}\n"],
                          capture_output=True, timeout=_TIMEOUT)
    return b"\n".join(sorted(done.stdout.splitlines()))


def cache_dir(root: Path) -> Path:
    """Where converted PDFs are kept: $GENERATOR_CACHE or the project's .cache/."""
    base = os.environ.get("GENERATOR_CACHE")
    return (Path(base) if base else Path(root) / ".cache") / "documents"


def convert(documents: dict[str, tuple[bytes, str]], root: Path,
            fonts_of: dict | None = None) -> dict[str, bytes]:
    """{name: (.docx bytes, YYYYMMDD stamped as creation date)} -> {name: PDF bytes}.
    `fonts_of`: {name: font rules file or None} for documents that keep the font rules
    they were issued with (word.style_of); the others use the project's."""
    if not documents:
        return {}
    program = converter()
    if program is None:
        raise ConverterMissing()
    now = (Path(root) / FONTS).resolve()
    now = now if now.is_file() else None
    groups: dict = {}
    for name in documents:
        fonts = (fonts_of or {}).get(name, now)
        groups.setdefault(fonts.resolve() if fonts is not None else None, []).append(name)
    out = {}
    for fonts, names in groups.items():
        out.update(_convert({name: documents[name] for name in names}, root, program, fonts))
    return {name: out[name] for name in documents}


def _convert(documents: dict[str, tuple[bytes, str]], root: Path, program: str,
             fonts: Path | None) -> dict[str, bytes]:
    """convert, for documents made with one set of font rules (None: fontconfig's own)."""
    rules = fonts.read_bytes() if fonts is not None else b""
    salt = hashlib.sha256(_version(program) + rules + _installed_fonts()
                          + EXPORT.encode()).digest()
    store = cache_dir(root)
    # Named by a MAC with this machine's key (cache.machine_key): a PDF that came with a
    # commit or from another machine is never found, so it is never published.
    secret = machine_key()
    keys = {name: hmac.new(secret, salt + day.encode() + docx, hashlib.sha256).hexdigest()
            for name, (docx, day) in documents.items()}
    out = {name: (store / f"{key}.pdf").read_bytes() for name, key in keys.items()
           if (store / f"{key}.pdf").is_file()}
    missing = sorted(set(documents) - set(out))
    if missing:
        made = _run(program, {n: documents[n][0] for n in missing}, fonts)
        store.mkdir(parents=True, exist_ok=True)
        for name in missing:
            pdf = normalise(made[name], documents[name][1])
            partial = store / f".{keys[name]}.{os.getpid()}"
            partial.write_bytes(pdf)
            partial.replace(store / f"{keys[name]}.pdf")
            out[name] = pdf
    return {name: out[name] for name in documents}


# A tagged PDF (structure tree, reading order, /MarkInfo) for readers who hear the page:
# LibreOffice (7.4 and later) takes the export filter's options as JSON after its name.
EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def _env(home: Path, fonts: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL")}
    env.update(HOME=str(home), TZ="UTC", SAL_USE_VCLPLUGIN="svp")
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    return env


def _run(program: str, docx: dict[str, bytes], fonts: Path | None) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="documents-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        paths = []
        for name, data in docx.items():
            path = work / "in" / f"{name}.docx"
            path.write_bytes(data)
            paths.append(str(path))
        command = [program, "--headless", "--norestore", "--nologo", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", EXPORT, "--outdir", str(work / "out"),
                   *paths]
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT,
                              env=_env(work, fonts), stdin=subprocess.DEVNULL)
        made = {}
        for name in docx:
            pdf = work / "out" / f"{name}.pdf"
            if not pdf.is_file():
                detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
                raise ConversionFailed(f"{name}: {detail[-300:]}")
            made[name] = pdf.read_bytes()
        return made


def normalise(pdf: bytes, day: str) -> bytes:
    """The same PDF with its dates set to `day` (YYYYMMDD) and its identifiers made from
    its content: the only bytes LibreOffice varies between two runs. Every replacement
    keeps its length, so the cross-reference offsets stay right."""
    stamp = (day + "000000").encode()
    pdf = _DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp, pdf)
    zero = b"0" * 32
    pdf = _IDS.sub(lambda m: m.group().replace(m.group(1), zero).replace(m.group(2), zero), pdf)
    pdf = _CHECKSUM.sub(lambda m: m.group().replace(m.group(1), zero), pdf)
    digest = hashlib.md5(pdf, usedforsecurity=False).hexdigest().upper().encode()
    return pdf.replace(b"<" + zero + b">", b"<" + digest + b">").replace(
        b"/DocChecksum /" + zero, b"/DocChecksum /" + digest)
