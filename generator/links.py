"""Links in the pages staff write, checked as the engine checks them when it builds.

`mkdocs build --strict` stops at a link to no page or file of the site, at an absolute
link, at a relative link it does not recognise (`../cases/2026-001/`) and at an anchor
(`#…`) the page linked to does not have. Staff write such links in notice bodies and in
hand-written pages under content/; `check` must name them at the file and line they were
written on. So the links are checked by the engine's own code (mkdocs' link resolution
and anchor extraction), against the very files the build would have, and with the
project's `validation` settings: no second reading of links that could disagree with it.
"""
from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from generator import sanitize
from generator.problems import Location, Problem, problem

# The link in the engine's warnings ("contains a link '../x.md', but ..."): only to find
# the line it was written on; a warning this does not read is still reported.
_LINK_IN_WARNING = re.compile(r"contains (?:a|an absolute|an unrecognized relative) link '(.*)'"
                              r"(?:, but |, it was left| which is excluded)")


@dataclass
class Written:
    """A page staff wrote, in whole (a page under content/) or in part (a notice body)."""
    uri: str  # as the engine names the page: notices/2026-05-notice.md, about.md
    markdown: str | None  # the page as the engine reads it (None: a generated page)
    path: str  # the source file, from the project root
    text: str  # what staff wrote: the whole file, or the notice body
    first_line: int  # the source file's line `text` starts on


class _Warnings(logging.Handler):
    """The engine's warnings while it reads one page's links."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# The engine settings of the project the generator comes with: for a project that has
# no mkdocs.yml of its own (it is built with these when it is built).
_SHIPPED = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def engine_settings(root: Path, docs: Path):
    """The project's mkdocs.yml as the build reads it, without its hooks and plugins
    (with the heading ids the hook sets)."""
    from mkdocs.config import load_config

    from generator.sanitize import engine_markdown

    own = Path(root) / "mkdocs.yml"
    if own.is_file():
        config = load_config(str(own), hooks=[], plugins=[])
    else:
        config = load_config(str(_SHIPPED), hooks=[], plugins=[], docs_dir=str(docs))
    engine_markdown(config)  # the heading ids the hook gives the build
    return config


def site_files(root: Path, config, pages: Iterable[str], files: Iterable[str],
               owned: tuple[str, ...]):
    """The engine's files of the site: content/ as mkdocs lists it (folders the generator
    owns left out, as the hook leaves them out) and every generated page and file; and a
    problem for every file under content/ at the path or web address of a generated one
    (content/index.md, content/units/XZ01/index.md): the build would publish the
    generated one in its place without a word.

    A generated file is made (mkdocs' File, which works out its address) only when a
    link asks for it or when it could take the place of a file under content/: the
    engine keeps a file's folder in its address (units/XZ01.md -> units/XZ01/index.html),
    so a generated file in a folder no file under content/ starts in cannot clash (a
    city has 55,000 generated pages and a handful of hand-written ones)."""
    from mkdocs.structure.files import InclusionLevel, get_files

    found = get_files(config)
    for file in list(found):
        if file.src_uri.split("/", 1)[0] in owned:
            found.remove(file)
    written = {}
    for file in found:
        written.setdefault(file.src_uri, file)
        written.setdefault(file.dest_uri, file)
    tops = {uri.split("/", 1)[0] for uri in written}
    listed = _lazy_files(list(found), config)
    taken = []
    pages, files = list(pages), list(files)
    for kinds, inclusion in ((pages, InclusionLevel.NOT_IN_NAV), (files, InclusionLevel.UNDEFINED)):
        for path in kinds:
            if "/" in path and path.split("/", 1)[0] not in tops:
                listed.later(path, inclusion)
                continue
            made = _generated(config, path, inclusion)
            clash = written.get(made.src_uri) or written.get(made.dest_uri)
            if clash is not None:
                taken.append(problem("content-path-taken", Location(_shown(root, clash), 1),
                                     value=path))
                listed.remove(clash)
                for key in (clash.src_uri, clash.dest_uri):
                    if written.get(key) is clash:
                        del written[key]
            listed.append(made)
    named = {clash.path for clash in taken}
    taken += [found for found in in_generated_folders(root, found, [*pages, *files])
              if found.path not in named]
    return listed, taken


def in_generated_folders(root: Path, found, generated: Iterable[str]) -> list[Problem]:
    """A folder the generator writes pages in (cases/, units/, ledger/ …) holds records
    only: a page written there by hand (content/cases/2026-999.md) would be read as a
    record of the commission, in the records' place and layout. `found`: the engine's
    files of content/ (check and the build both refuse them)."""
    folders = {path.split("/", 1)[0] for path in generated if "/" in path}
    return [problem("content-in-generated-folder", Location(_shown(root, file), 1),
                    value=file.src_uri.split("/", 1)[0])
            for file in found if "/" in file.src_uri
            and file.src_uri.split("/", 1)[0] in folders]


def _lazy_files(found: list, config):
    """mkdocs' Files of the site, the generated files among them made when first looked
    up (`get_file_from_path`, what the engine's link resolution asks)."""
    from mkdocs.structure.files import Files

    class Generated(Files):
        def __init__(self, files, config) -> None:
            super().__init__(files)
            self._config = config
            self._later: dict[str, object] = {}

        def later(self, path: str, inclusion) -> None:
            self._later[PurePath(path).as_posix()] = (path, inclusion)

        def get_file_from_path(self, path: str):
            uri = PurePath(path).as_posix()
            if uri not in self._src_uris and uri in self._later:
                made = _generated(self._config, *self._later.pop(uri))
                self._src_uris[made.src_uri] = made
            return super().get_file_from_path(path)

        def __contains__(self, path: str) -> bool:
            return self.get_file_from_path(path) is not None

    return Generated(found, config)


def _shown(root: Path, file) -> str:
    """A file under the docs folder as staff name it: from the project root."""
    source = Path(file.abs_src_path).resolve()
    try:
        return source.relative_to(Path(root).resolve()).as_posix()
    except ValueError:  # docs_dir outside the project: named as it is
        return source.as_posix()


def _generated(config, path: str, inclusion):
    """A file the generator makes, as the hook hands it to the engine (File.generated,
    which can only be called from inside a build)."""
    from mkdocs.structure.files import File

    made = File(path, src_dir=None, dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls, inclusion=inclusion)
    made.generated_by = "generator"
    made._content = ""  # what it holds is not read here
    return made


def written_pages(root: Path, files, notices) -> list[Written]:
    """Every page staff wrote: the published notices (their bodies) and every Markdown
    page under content/ the engine publishes as it is."""
    from mkdocs.utils import meta

    out = []
    for notice in notices:
        uri = f"notices/{notice['slug']}.md"
        body = notice.get("body") or ""
        out.append(Written(uri, None, notice.where.path, body,
                           notice.lines.get("body", notice.where.line)))
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path:
            text = Path(file.abs_src_path).read_text("utf-8", errors="replace")
            markdown, _front = meta.get_data(text)
            out.append(Written(file.src_uri, markdown, _shown(root, file), text, 1))
    return out


ENGINE_CONFIG = "mkdocs.yml"
# What the engine's YAML has that staff files may not: its tags (!ENV, !!python/name)
# and anchors are the engine's to read.
_ENGINE_YAML = {"yaml-tag", "yaml-alias"}
_ENGINE_LINE = re.compile(r'in "mkdocs\.yml", line (\d{1,9}), column')


def _yaml_unreadable(root: Path) -> list[Problem]:
    """mkdocs.yml's YAML mistakes at their lines, said as a staff file's are (an unclosed
    bracket, a missing colon): the engine's own message named line 1, in English, with
    the file's full path on this machine. [] when its YAML reads."""
    from generator.load import parse_yaml

    try:
        text = (Path(root) / ENGINE_CONFIG).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    _value, found = parse_yaml(text, ENGINE_CONFIG)
    return [p for p in found if p.code.startswith("yaml-") and p.code not in _ENGINE_YAML]


def problems(root: Path, pages: Iterable[str], files: Iterable[str], owned: tuple[str, ...],
             notices, markdown_of: Callable[[str], str]) -> list[Problem]:
    """Every link of a page staff wrote that the strict build would stop at, at the line
    it was written on. `pages` and `files` are the generated ones; `markdown_of(path)` is
    a generated page's Markdown (front matter included), made when it is asked for."""
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.pages import Page
    from mkdocs.utils import meta

    with tempfile.TemporaryDirectory() as empty:  # docs_dir for a project with no content/
        content = Path(root) / "content"
        said = _Warnings()
        config_log = logging.getLogger("mkdocs.config")
        config_log.addHandler(said)
        propagates, config_log.propagate = config_log.propagate, False
        try:
            config = engine_settings(root, content if content.is_dir() else Path(empty))
        except MkDocsException as err:
            unreadable = _yaml_unreadable(root)
            if unreadable:
                return unreadable
            # the engine names the file by its full path on this machine: by its name here
            detail = ("；".join(said.messages) or str(err)).replace(
                str(Path(root).resolve() / ENGINE_CONFIG), ENGINE_CONFIG)
            at = _ENGINE_LINE.search(detail)  # a YAML error the engine met names its line
            return [problem("engine-config-invalid",
                            Location(ENGINE_CONFIG, int(at.group(1)) if at else 1),
                            detail=detail[:300])]
        finally:
            config_log.removeHandler(said)
            config_log.propagate = propagates
        listed, found = site_files(root, config, pages, files, owned)
    engine_log = logging.getLogger("mkdocs.structure.pages")
    rendered: dict[str, set] = {}

    def anchors_of(file) -> set | None:
        """The anchors the engine finds on a page (None: not a page)."""
        if not file.is_documentation_page():
            return None
        if file.src_uri not in rendered:
            if file.generated_by is not None:
                markdown = meta.get_data(markdown_of(file.src_uri))[0]
            else:
                markdown = meta.get_data(Path(file.abs_src_path).read_text(
                    "utf-8", errors="replace"))[0]
            if sanitize.long_references(markdown):
                return set()  # the engine stops at it: check says it at its line
            page = Page(None, file, config)
            page.markdown = markdown
            quiet = engine_log.disabled
            engine_log.disabled = True  # this page's own links are not the question here
            try:
                page.render(config, listed)
            finally:
                engine_log.disabled = quiet
            rendered[file.src_uri] = page.present_anchor_ids or set()
        return rendered[file.src_uri]

    for written in written_pages(root, listed, notices):
        file = listed.get_file_from_path(written.uri)
        if file is None:
            continue
        markdown = (written.markdown if written.markdown is not None
                    else meta.get_data(markdown_of(written.uri))[0])
        if sanitize.long_references(markdown):
            continue  # the engine stops at it (reference-too-long, said at its line)
        page = Page(None, file, config)
        page.markdown = markdown
        caught = _Warnings()
        engine_log.addHandler(caught)
        try:
            page.render(config, listed)
        finally:
            engine_log.removeHandler(caught)
        rendered[file.src_uri] = page.present_anchor_ids or set()
        lines = _url_lines(written)
        for message in caught.messages:
            link = _LINK_IN_WARNING.search(message)
            url = link.group(1) if link else ""
            found.append(problem("broken-link", _at(written, lines, url), value=url or message))
        level = config.validation.links.anchors
        if level < logging.WARNING:
            continue
        for target, links in (page.links_to_anchors or {}).items():
            present = anchors_of(target)
            for anchor, url in links.items():
                if present is not None and anchor not in present:
                    found.append(problem("broken-anchor", _at(written, lines, url), value=url,
                                         anchor=anchor))
    return found


def _url_lines(written: Written) -> dict[str, int]:
    """Each link target of the staff text -> the source line it is first written on."""
    from generator import sanitize

    lines: dict[str, int] = {}
    for number, url in sanitize.read_markdown(written.text).urls:
        lines.setdefault(url, written.first_line + number)
        lines.setdefault(url.strip("<>"), written.first_line + number)
    # raw HTML attributes, and targets as the engine reads them (entities, escapes, a
    # target with parentheses)
    for number, url in sanitize.markdown_urls(written.text):
        lines.setdefault(url, written.first_line + number)
    return lines


def _at(written: Written, lines: dict[str, int], url: str) -> Location:
    return Location(written.path, lines.get(url, written.first_line))
