"""The web editor's configuration (Decap CMS at /admin/), made from the schema and taxonomy.

Every field of a record type becomes a widget of the matching kind: options for enums
and taxonomy references, the current units by name, a relation to the cases, dates,
lists and groups, patterns for ids, months and links, `required` as the schema says.
Nothing here names a field: a field added to `schema.yml` or a list added to the
taxonomy reaches the editor at the next build. Tables stay in Excel.

`serve_local_backend` is the editor's local backend for `make preview` (the protocol of
Decap's `decap-server` in its file-system mode), so a preview edits the files here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from generator.problems import messages
from generator.records import Dataset
from generator.schema import Field, RecordType, record_types

SITE_PATH = "admin/config.yml"  # where the built site serves it, beside admin/index.html
# The editor itself (its page, our format script, the vendored Decap CMS and js-yaml): code
# of the generator, not staff content, so content/'s rules for attachments do not apply;
# the post-build audit still reads every file and allows these scripts on admin/ only.
EDITOR_DIR = Path(__file__).parent / "editor"
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]*$"
PERIOD_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$"
LIST_FORMAT = "yaml-list"  # registered by editor/formats.js
URL_PATTERN = "^(https?://[^\\s/]+|/(?!/))[^\\s<>\"'`]*$"


def _text() -> dict:
    return messages()["cms"]


def _options(data: Dataset) -> dict[str, list[str]]:
    """What a reference may hold, by collection, as the editor offers it (names)."""
    from generator.workbook import choices

    return choices(data)


def widget(f: Field, data: Dataset, options: dict[str, list[str]],
           required: bool | None = None) -> dict:
    """One schema field as a Decap field."""
    text = _text()
    out: dict = {"name": f.name, "label": f.label or f.name}
    if f.help:
        out["hint"] = f.help
    out["required"] = f.required if required is None else required
    kind = f.type
    if kind == "id":
        out.update(widget="string", pattern=[ID_PATTERN, text["pattern_id"]])
    elif kind in ("text", "timezone"):
        out["widget"] = "string"
        if f.pattern:  # 64 hexadecimal digits, 群组/项目: as check's bad-format asks it
            out["pattern"] = [f"^(?:{f.pattern})$", text["pattern_form"].format(form=f.form)]
    elif kind == "longtext":
        out["widget"] = "text"
    elif kind == "date":
        out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD",
                   time_format=False, picker_utc=False)
    elif kind == "datetime":
        out.update(widget="datetime", format="YYYY-MM-DD HH:mm", date_format="YYYY-MM-DD",
                   time_format="HH:mm", picker_utc=False)
    elif kind == "period":
        out.update(widget="string", pattern=[PERIOD_PATTERN, text["pattern_period"]])
    elif kind == "url":
        out.update(widget="string", pattern=[URL_PATTERN, text["pattern_url"]])
    elif kind == "office_phone":  # the check reads the number itself (privacy.office_phone)
        out["widget"] = "string"
    elif kind == "int":  # the schema's bounds (a 月报截止日 of 1 to 28), as check applies them
        out.update(widget="number", value_type="int", min=f.min if f.min is not None else 0)
        if f.max is not None:
            out["max"] = f.max
    elif kind == "bool":
        out.update(widget="select", options=["是", "否"])
    elif kind == "enum":
        out.update(widget="select", options=list(f.values))
    elif kind == "ref":
        out.update(_reference(f.to, options))
    elif kind == "map":
        # Decap validates the fields of an optional group even when it is left empty:
        # there they are optional, and `check` says what a filled-in group lacks.
        inner = None if out["required"] else False
        out.update(widget="object", fields=[widget(sub, data, options, inner) for sub in
                                            f.fields.values()])
        out["collapsed"] = False
    elif kind == "list":
        item = f.item
        if item.type in ("enum", "ref"):
            single = widget(item, data, options)
            out.update({k: v for k, v in single.items()
                        if k not in ("name", "label", "hint", "required")})
            out["multiple"] = True
        elif item.type == "map":
            out.update(widget="list", default=[], fields=[widget(sub, data, options) for sub
                                                          in item.fields.values()])
        else:
            out.update(widget="list", field=widget(item, data, options) |
                       {"name": "item", "label": f.label or f.name, "required": True})
    else:
        raise ValueError(f"no editor widget for field type {kind}")
    if f.default is not None and kind in ("enum", "bool", "int", "text"):
        out["default"] = int(f.default) if kind == "int" else f.default
    return out


def _reference(to: str, options: dict[str, list[str]]) -> dict:
    """A reference: a relation to a collection the editor holds, else its current names."""
    # Only a collection the editor holds whole can be related to (cases: drafts and
    # embargoed ones too, read from the repository, never written into this public file).
    editable = {c["name"] for c in _collection_specs() if not c.get("fixed")}
    if to in editable:
        rt = next(r for r in record_types().values() if r.collection == to)
        shown = [name for name in ("title", "name") if name in rt.fields]
        return {"widget": "relation", "collection": to, "value_field": rt.id,
                "search_fields": [rt.id, *shown],
                "display_fields": [rt.id, *shown]}
    return {"widget": "select", "options": options.get(to, [])}


def _collection_specs() -> list[dict]:
    """Which record types the editor holds and how; from the `cms` section of messages.yml."""
    return _text()["collections"]


def _collection(spec: dict, data: Dataset, options: dict[str, list[str]]) -> dict:
    text = _text()
    rtype: RecordType = record_types()[spec["type"]]
    fields = [widget(f, data, options) for f in rtype.fields.values()]
    fixed = spec.get("fixed") or {}
    body = None
    for field in fields:
        if field["name"] in fixed:
            field.update(widget="hidden", default=fixed[field["name"]])
            field.pop("options", None)
    out: dict = {"name": spec["name"], "label": spec["label"],
                 "label_singular": spec.get("label_singular", spec["label"]),
                 "description": spec["description"] + text["tables_in_excel"]}
    pattern = rtype.files[0]
    if rtype.shape == "file":
        out.update(folder=str(Path(pattern).parent), extension="yml", format="yaml",
                   create=True, slug="{{fields.%s}}" % rtype.id, identifier_field=rtype.id,
                   summary=spec.get("summary", "{{%s}}" % rtype.id), fields=fields)
        if fixed:
            key, value = next(iter(fixed.items()))
            out["filter"] = {"field": key, "value": value}
    elif rtype.shape == "front-matter":
        body = {"name": "body", "label": text["body_label"], "widget": "markdown",
                "hint": text["body_hint"], "required": True,
                "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote",
                            "bulleted-list", "numbered-list"],
                "editor_components": []}
        out.update(folder=str(Path(pattern).parent), extension="md", format="frontmatter",
                   create=True, slug=spec["slug"], identifier_field="title",
                   summary=spec.get("summary", "{{title}}"), fields=[*fields, body])
    elif rtype.shape == "list":
        # a top-level list: editor/formats.js holds it as {items: [...]}
        out.update(format=LIST_FORMAT,
                   files=[{"name": spec["name"], "label": spec["label"], "file": pattern,
                           "fields": [{"name": "items", "label": spec["label"],
                                       "widget": "list", "default": [],
                                       "summary": spec.get("summary", "{{fields.%s}}" % rtype.id),
                                       "fields": fields}]}])
    else:  # single
        out.update(files=[{"name": spec["name"], "label": spec["label"], "file": pattern,
                           "format": "yaml", "fields": fields}])
    _conditions(rtype, data, fields + ([body] if body else []))
    return out


def _conditions(rtype: RecordType, data: Dataset, fields: list[dict]) -> None:
    """Fields a chosen entry of a taxonomy list requires (a notice of the 通报 category
    needs its 文号, 主送机关 …: `requires` in notice_categories): the editor cannot make a
    field required by another's value, so each such field's hint, and the choosing field's,
    says when it must be filled (check refuses the notice without it)."""
    text = _text()
    by_name = {w["name"]: w for w in fields}
    for f in rtype.fields.values():
        entries = data.taxonomy.get(f.to) if f.type == "ref" else None
        if not isinstance(entries, list):
            continue
        needs: dict[str, list[str]] = {}
        for entry in entries:
            if isinstance(entry, dict):
                for name in _requires(f, entry):
                    needs.setdefault(name, []).append(str(entry.get("name", "")))
        if not needs or f.name not in by_name:
            continue
        label = f.label or f.name
        for name, values in needs.items():
            target = by_name.get(name)
            if target is not None:
                target["hint"] = (target.get("hint") or "") + text["required_when"].format(
                    field=label, values="、".join(values))
        chooser = by_name[f.name]
        chooser["hint"] = (chooser.get("hint") or "") + "；" + "；".join(
            text["requires_list"].format(value=entry["name"], fields="、".join(
                _label(rtype, name, text) for name in _requires(f, entry)))
            for entry in entries if isinstance(entry, dict) and _requires(f, entry))


def _requires(f, entry: dict) -> list[str]:
    """The fields an entry requires; a notice category's as check reads them (a 公文's
    成文日期 among them whatever it lists)."""
    from generator.document import requirements

    if f.to == "notice_categories":
        return requirements(entry)
    return list(entry.get("requires") or ())


def _label(rtype: RecordType, name: str, text: dict) -> str:
    """A field as the editor's form names it (the body: 正文)."""
    if name in rtype.fields:
        return rtype.fields[name].label or name
    return text["body_label"] if name == "body" else name


def config(data: Dataset, local: bool = False) -> dict:
    """The whole Decap configuration for this project's data; `local` (the preview only)
    lets the editor save through the local backend of `cms --serve`."""
    text = _text()
    editor = data.site.get("editor") or {}
    backend_name = editor.get("backend") or "gitlab"
    backend: dict = {"name": backend_name, "repo": editor.get("repo") or "owner/repository",
                     "branch": editor.get("branch") or "main",
                     "squash_merges": True, "commit_messages": text["commit_messages"]}
    if backend_name == "gitlab":
        for key in ("api_root", "base_url", "app_id"):
            if editor.get(key):
                backend[key] = editor[key].rstrip("/") if key != "app_id" else editor[key]
        if editor.get("app_id"):
            backend["auth_type"] = "pkce"
    options = _options(data)
    out = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "zh_Hans",
        "site_url": data.site.get("url") or "",
        "display_url": data.site.get("url") or "",
        "logo_url": "",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": [_collection(spec, data, options) for spec in _collection_specs()],
    }
    if local:
        out["local_backend"] = True
    return out


def static_files() -> dict[str, bytes]:
    """The editor's files by their site path under admin/."""
    return {f"admin/{p.relative_to(EDITOR_DIR).as_posix()}": p.read_bytes()
            for p in sorted(EDITOR_DIR.rglob("*")) if p.is_file()}


def config_yaml(data: Dataset, local: bool = False) -> str:
    head = _text()["header"]
    body = yaml.safe_dump(config(data, local), allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"# {line}\n" for line in head.splitlines()) + body


# --------------------------------------------------------------------------- local backend


# The folders the editor edits. Anything else in the project (.git/hooks, the generator's
# code, mkdocs.yml, .pre-commit-config.yaml) runs on the next commit or build, and
# .git/config may hold a token: the local backend answers any page on localhost.
EDITABLE = ("data", "content", "site_config")


MEDIA_FOLDER = "content/assets/uploads"


def _inside(root: Path, rel: str) -> Path:
    """A project path from the editor; refuses anything outside the folders it edits."""
    target = (root / rel).resolve()
    if not any(target == root / top or root / top in target.parents for top in EDITABLE):
        raise PermissionError(rel)
    return target


def _writable(root: Path, rel: str) -> Path:
    """A path the editor may write or delete: a record of one of its collections (a file
    it names, or a file with the collection's extension directly in its folder) or an
    upload of a kind the site publishes (a picture, a document) in the media folder.
    The rest of data/, content/ and site_config/ is the clerks' or the programmers':
    content/assets/ holds the scripts and stylesheets every page runs (pinned by
    own_assets.sha256, so a page posting one there broke check and the audit), and a
    .md page or a .js, .html or .css file anywhere else under content/ is published."""
    from generator.attachments import DOCUMENT_KINDS, IMAGE_KINDS, TEXT_KINDS

    target = _inside(root, rel)
    where = target.relative_to(root).as_posix()
    folder, _, name = where.rpartition("/")
    suffix = Path(name).suffix.lower()
    if not name.startswith(".") and (where in _record_files() or (
            folder, suffix) in _record_folders() or folder == MEDIA_FOLDER and (
            suffix in IMAGE_KINDS or suffix in DOCUMENT_KINDS or suffix in TEXT_KINDS
            or suffix == ".svg")):
        return target
    raise PermissionError(rel)


def _record_files() -> set[str]:
    """The files the editor's collections hold whole (site.yml, commitments.yml …)."""
    types = record_types()
    return {types[spec["type"]].files[0] for spec in _collection_specs()
            if types[spec["type"]].shape in ("single", "list")}


def _record_folders() -> set[tuple[str, str]]:
    """(folder, extension) of the collections with one file per record."""
    types = record_types()
    out = set()
    for spec in _collection_specs():
        rtype = types[spec["type"]]
        if rtype.shape in ("file", "front-matter"):
            pattern = rtype.files[0]
            out.add((str(Path(pattern).parent), Path(pattern).suffix.lower()))
    return out


def _entry(root: Path, rel: str, label: str | None = None) -> dict:
    import hashlib

    try:
        content = _inside(root, rel).read_bytes()
    except (OSError, PermissionError):
        return {"data": None, "file": {"path": rel, "label": label, "id": None}}
    return {"data": content.decode("utf-8", errors="replace"),
            "file": {"path": rel, "label": label, "id": hashlib.sha256(content).hexdigest()}}


def handle(root: Path, action: str, params: dict):
    """One request of Decap's local backend protocol (file-system mode)."""
    import base64
    import hashlib

    root = root.resolve()
    if action == "info":
        return {"repo": root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        folder = _inside(root, params["folder"])
        depth = int(params.get("depth") or 1)
        ext = params.get("extension") or ""
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(ext)
                       and len(p.relative_to(folder).parts) <= depth) if folder.is_dir() else []
        return [_entry(root, p.relative_to(root).as_posix()) for p in files]
    if action == "entriesByFiles":
        return [_entry(root, f["path"], f.get("label")) for f in params["files"]]
    if action == "getEntry":
        return _entry(root, params["path"])
    if action == "persistEntry":
        files = params.get("dataFiles") or [params["entry"]]
        for item in [*files, *(params.get("assets") or [])]:
            _writable(root, item["path"])  # all refused before any is written
        for item in files:
            target = _inside(root, item["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(item["raw"], encoding="utf-8")
        for asset in params.get("assets") or []:
            target = _inside(root, asset["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(asset["content"]))
        return {"message": "entry persisted"}
    if action in ("getMedia", "getMediaFile", "persistMedia"):
        if action == "persistMedia":
            asset = params["asset"]
            target = _writable(root, asset["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(asset["content"]))
            paths = [asset["path"]]
        elif action == "getMediaFile":
            paths = [params["path"]]
        else:
            folder = _inside(root, params["mediaFolder"])
            paths = [p.relative_to(root).as_posix() for p in sorted(folder.iterdir())
                     if p.is_file()] if folder.is_dir() else []
        media = []
        for rel in paths:
            content = _inside(root, rel).read_bytes()
            media.append({"id": hashlib.sha256(content).hexdigest(), "path": rel,
                          "name": Path(rel).name, "encoding": "base64",
                          "content": base64.b64encode(content).decode("ascii")})
        return media if action == "getMedia" else media[0]
    if action in ("deleteFile", "deleteFiles"):
        targets = [_writable(root, rel) for rel in params.get("paths") or [params["path"]]]
        for target in targets:
            if target.is_file():
                target.unlink()
        return {"message": "deleted"}
    if action == "getDeployPreview":
        return None
    raise KeyError(action)


def serve_local_backend(root: Path, port: int = 8081) -> None:
    """Serve `handle` on 127.0.0.1:port/api/v1 until interrupted (pages on localhost only)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    allowed = re.compile(r"https?://(localhost|127\.0\.0\.1)(:\d+)?")
    local_host = re.compile(rf"(localhost|127\.0\.0\.1):{port}")

    class Handler(BaseHTTPRequestHandler):
        def _cors(self) -> None:
            origin = self.headers.get("Origin") or ""
            if allowed.fullmatch(origin):
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

        def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_POST(self) -> None:  # noqa: N802
            status, result = 200, None
            origin = self.headers.get("Origin")
            json_body = (self.headers.get("Content-Type") or "").startswith("application/json")
            if self.path.rstrip("/") != "/api/v1":
                status, result = 404, {"error": "not found"}
            elif (origin and not allowed.fullmatch(origin)) or not json_body \
                    or not local_host.fullmatch(self.headers.get("Host") or ""):
                # Only the editor on a local page may write here: a page elsewhere could
                # post a form (no preflight) and change the project's files; and only
                # when asked as localhost: a site whose name its DNS turns to 127.0.0.1
                # (rebinding) is its own origin here, and a request may carry no Origin.
                status, result = 403, {"error": "forbidden"}
            else:
                try:
                    body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                    result = handle(root, body.get("action", ""), body.get("params") or {})
                except KeyError as err:
                    status, result = 422, {"error": f"unknown action or parameter {err}"}
                except (OSError, PermissionError, ValueError) as err:
                    status, result = 500, {"error": type(err).__name__}
            data = json.dumps(result, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self._cors()
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", port), Handler) as server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
