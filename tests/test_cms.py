"""The web editor at /admin/: its config follows the schema, and a case made in it passes check."""
from __future__ import annotations

import dataclasses
import re
import shutil
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import NOW, ROOT, make_project
from generator import cms
from generator.checks import _ID, _PERIOD, validate
from generator.schema import record_types
from test_browser import browser, server  # noqa: F401 (fixtures)

SPECS = {spec["name"]: spec for spec in cms._collection_specs()}


@pytest.fixture(scope="module")
def demo():
    data, report = validate(ROOT, NOW)
    assert report.valid
    return data


def _by_name(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def _collection_fields(config: dict, name: str) -> list[dict]:
    collection = next(c for c in config["collections"] if c["name"] == name)
    if "fields" in collection:
        return collection["fields"]
    fields = collection["files"][0]["fields"]
    if collection.get("format") == cms.LIST_FORMAT:
        return fields[0]["fields"]
    return fields


def _expect(field, widget: dict, names: dict[str, list[str]], required: bool | None = None):
    """The widget one schema field should have; checks it, recursing into groups."""
    where = field.name
    assert widget["label"] == field.label, where
    assert widget["required"] is (field.required if required is None else required), where
    kind = field.type
    if kind in ("list",) and field.item.type in ("enum", "ref"):
        assert widget.get("multiple") is True, where
        kind, field = field.item.type, dataclasses.replace(field.item, name=field.name)
    if kind == "enum":
        assert (widget["widget"], widget["options"]) == ("select", list(field.values)), where
    elif kind == "bool":
        assert (widget["widget"], widget["options"]) == ("select", ["是", "否"]), where
    elif kind == "ref" and field.to in SPECS:
        assert (widget["widget"], widget["collection"], widget["value_field"]) == \
            ("relation", field.to, "id"), where
    elif kind == "ref":
        assert (widget["widget"], widget["options"]) == ("select", names[field.to]), where
    elif kind in ("date", "datetime"):
        assert widget["widget"] == "datetime", where
        assert widget["format"] == ("YYYY-MM-DD" if kind == "date" else "YYYY-MM-DD HH:mm")
    elif kind == "longtext":
        assert widget["widget"] == "text", where
    elif kind == "int":  # the schema's bounds, as check applies them
        assert (widget["widget"], widget["value_type"], widget["min"], widget.get("max")) == \
            ("number", "int", field.min, field.max), where
    elif kind == "id":
        assert widget["pattern"][0] == cms.ID_PATTERN, where
    elif kind == "period":
        assert widget["pattern"][0] == cms.PERIOD_PATTERN, where
    elif kind == "map":
        inner = None if field.required else False
        assert [w["name"] for w in widget["fields"]] == list(field.fields), where
        for sub, sub_widget in zip(field.fields.values(), widget["fields"], strict=True):
            _expect(sub, sub_widget, names, inner)
    elif kind == "list" and field.item.type == "map":
        assert widget["widget"] == "list" and widget["default"] == [], where
        for sub, sub_widget in zip(field.item.fields.values(), widget["fields"], strict=True):
            _expect(sub, sub_widget, names)
    elif kind == "list":
        assert widget["widget"] == "list" and widget["field"]["widget"] == "string", where
    else:
        assert widget["widget"] == "string", where
        if field.pattern:  # 64 hexadecimal digits: refused in the form, as check refuses it
            assert widget["pattern"][0] == f"^(?:{field.pattern})$", where
            assert field.form in widget["pattern"][1], where
        else:
            assert "pattern" not in widget, where


def test_every_schema_field_is_in_the_editor_with_its_kind(demo):
    config = cms.config(demo)
    names = {"units": [u["name"] for u in demo.units],
             "categories": [c["name"] for top in demo.taxonomy["categories"]
                            for c in top["children"]],
             "measures": [m["name"] for m in demo.taxonomy["measures"]],
             "case_sources": [s["name"] for s in demo.taxonomy["case_sources"]],
             "unit_kinds": [k["name"] for k in demo.taxonomy["unit_kinds"]],
             "campaigns": [c["title"] for c in demo.collections["campaigns"]]}
    for key, entries in demo.taxonomy.items():  # lists added to the taxonomy later
        if key not in names and isinstance(entries, list):
            names[key] = [e["name"] for e in entries if isinstance(e, dict) and "name" in e]
    assert [c["name"] for c in config["collections"]] == list(SPECS)
    for name, spec in SPECS.items():
        rtype = record_types()[spec["type"]]
        widgets = _by_name(_collection_fields(config, name))
        expected = list(rtype.fields) + (["body"] if rtype.shape == "front-matter" else [])
        assert list(widgets) == expected, name
        for field in rtype.fields.values():
            if field.name in (spec.get("fixed") or {}):
                assert widgets[field.name]["widget"] == "hidden"
                assert widgets[field.name]["default"] == spec["fixed"][field.name]
                continue
            _expect(field, widgets[field.name], names)
    notice = _by_name(_collection_fields(config, "notices"))
    assert notice["body"]["widget"] == "markdown"
    assert notice["cases"]["widget"] == "relation" and notice["cases"]["multiple"] is True
    clarifications = next(c for c in config["collections"] if c["name"] == "clarifications")
    assert clarifications["filter"] == {"field": "kind", "value": "澄清正名"}
    tolerances = next(c for c in config["collections"] if c["name"] == "tolerances")
    assert tolerances["filter"] == {"field": "kind", "value": "容错免责"}
    for collection in config["collections"]:
        assert "请用 Excel 模板" in collection["description"]  # tables stay in Excel


def test_the_editor_patterns_agree_with_the_checks():
    for sample in ("2026-001", "ZF01", "a-b", "-x", "2026_001", "编号", "A 1", ""):
        assert bool(re.fullmatch(cms.ID_PATTERN.strip("^$"), sample)) == \
            bool(_ID.fullmatch(sample)), sample
    for sample in ("2026-08", "2026-12", "2026-13", "2026-00", "2026-8", "202608"):
        expected = bool(_PERIOD.fullmatch(sample)) and sample[:4].isdigit() and \
            len(sample) == 7 and 1 <= int(sample[5:]) <= 12
        assert bool(re.fullmatch(cms.PERIOD_PATTERN.strip("^$"), sample)) == expected, sample


def _sample(pattern: str) -> str:
    """A value an editor field's pattern accepts, as a clerk would type it."""
    for value in ("2026-901", "2026-11", "https://www.example.gov.cn/x", "a" * 64, "0" * 64,
                  "jiwei/zhuanxiang"):
        if re.fullmatch(pattern.strip("^$"), value):
            return value
    raise AssertionError(f"no sample for {pattern}")


def _entry(widgets: list[dict], ids: dict[str, list[str]]) -> dict:
    """The entry the editor saves when a clerk fills only what it requires, taking the
    defaults it offers, the first option of a list, today's date."""
    out: dict = {}
    for w in widgets:
        kind, required = w["widget"], w.get("required", True)
        if kind == "hidden" or "default" in w and not required:
            out[w["name"]] = w["default"]
            continue
        if not required:
            continue
        if kind == "select":
            value = w.get("default", w["options"][0])
            out[w["name"]] = [value] if w.get("multiple") else value
        elif kind == "relation":
            value = ids[w["collection"]][0]
            out[w["name"]] = [value] if w.get("multiple") else value
        elif kind == "datetime":
            out[w["name"]] = "2026-11-19" if w["format"] == "YYYY-MM-DD" else "2026-11-19 09:00"
        elif kind == "number":
            out[w["name"]] = w.get("min", 0) if w.get("max", 10**6) >= w.get("min", 0) else 0
        elif kind == "object":
            out[w["name"]] = _entry(w["fields"], ids)
        elif kind == "list" and "fields" in w:
            out[w["name"]] = [_entry(w["fields"], ids)]
        elif kind == "list":
            out[w["name"]] = ["检查中发现的问题已整改"]
        elif kind == "string" and "pattern" in w:
            out[w["name"]] = _sample(w["pattern"][0])
        elif kind in ("string", "text", "markdown"):
            out[w["name"]] = "县某局按要求开展自查自纠。"
        else:
            raise AssertionError(f"no value for widget {kind}")
    return out


@pytest.mark.parametrize("name", list(SPECS))
def test_an_entry_of_every_collection_made_in_the_editor_passes_check(name, demo, tmp_path):
    """For each collection, the entry the editor saves when only what it requires is
    filled (defaults taken, the first option chosen) is written where the config says,
    named as its slug says, and check finds nothing wrong in that file: the editor asks
    for every field check requires, offers only values check accepts and saves to the
    file check reads."""
    config = cms.config(demo)
    collection = next(c for c in config["collections"] if c["name"] == name)
    project = make_project(tmp_path / "county")
    data, _report = validate(project, NOW)
    ids = {"cases": [c["id"] for c in data.cases], "notices": [], "units": ["XZ01"]}
    if "folder" in collection:
        entry = _entry(collection["fields"], ids)
        body = entry.pop("body", None)
        slug = collection["slug"].replace("{{fields.id}}", str(entry.get("id", ""))) \
            .replace("{{year}}", "2026").replace("{{month}}", "11").replace("{{day}}", "19") \
            .replace("{{hour}}", "09").replace("{{minute}}", "30")
        rel = f"{collection['folder']}/{slug}.{collection['extension']}"
        text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
        if collection["format"] == "frontmatter":
            text = f"---\n{text}---\n\n{body}\n"
    else:
        spec = collection["files"][0]
        rel = spec["file"]
        if collection.get("format") == cms.LIST_FORMAT:
            kept = yaml.safe_load((project / rel).read_text("utf-8"))
            entry = _entry(spec["fields"][0]["fields"], ids)
            entry["id"] = "CN-901" if "id" in entry else None
            text = yaml.safe_dump(kept + [entry], allow_unicode=True, sort_keys=False)
        else:
            text = yaml.safe_dump(_entry(spec["fields"], ids), allow_unicode=True,
                                  sort_keys=False)
    (project / rel).write_text(text, "utf-8")
    _data, report = validate(project, NOW)
    hints = {w["name"]: w.get("hint", "") for w in collection.get("fields", ())}
    wrong = [f"{p.line}: {p.code}: {p.message}" for p in report.problems
             if p.path == rel and p.severity != "info"]
    if name == "notices":
        # what a category requires (通报: 文号, 主送机关 …) the editor cannot make required;
        # each such field's hint says when it must be filled, and nothing else is missing
        required = [p.field for p in report.problems if p.code in (
            "notice-field-required", "notice-body-required", "notice-signed-on-required")]
        assert sorted(required) == ["doc_number", "signed_on", "to"]
        for field in required:
            assert f"为 {entry['category']}" in hints[field], field
        wrong = [w for w in wrong if "notice-field-required" not in w and
                 "notice-body-required" not in w and "notice-signed-on-required" not in w]
        # nor can it know a 公文's title ends with its category's 文种: the hint says so
        if any(p.code == "notice-title-genre" for p in report.problems):
            assert "文种" in hints["title"]
            wrong = [w for w in wrong if "notice-title-genre" not in w]
    assert wrong == [], text


def test_backends_come_from_site_settings(demo, tmp_path):
    config = cms.config(demo)
    assert config["backend"]["name"] == "gitlab"
    assert config["backend"]["api_root"] == demo.site["editor"]["api_root"]
    assert config["backend"]["auth_type"] == "pkce"
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config  # the published editor never calls this machine
    assert cms.config(demo, local=True)["local_backend"] is True  # `mkdocs serve` only
    project = make_project(tmp_path / "c")
    site = project / "site_config/site.yml"
    text = site.read_text("utf-8")
    text = text[:text.index("editor:")] + "editor:\n  backend: github\n  repo: county/site\n"
    site.write_text(text, "utf-8")
    data, report = validate(project, NOW)
    assert report.valid
    backend = cms.config(data)["backend"]
    assert (backend["name"], backend["repo"], backend["branch"]) == ("github", "county/site", "main")
    assert "api_root" not in backend


def test_a_new_category_and_a_new_schema_field_reach_the_editor(tmp_path, monkeypatch):
    project = make_project(tmp_path / "c")
    taxonomy = project / "site_config/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text("utf-8").replace(
        "      - {id: C3, name: 违规决策",
        "      - {id: C4, name: 优亲厚友, description: 新增。}\n      - {id: C3, name: 违规决策"),
        "utf-8")
    data, report = validate(project, NOW)
    assert report.valid
    widgets = _by_name(_collection_fields(cms.config(data), "cases"))
    assert "优亲厚友" in widgets["categories"]["options"]
    case = record_types()["case"]
    extra = dataclasses.replace(case.fields["batch"], name="hearing", label="听证日期", type="date")
    monkeypatch.setitem(record_types()["case"].fields, "hearing", extra)
    widgets = _by_name(_collection_fields(cms.config(data), "cases"))
    assert widgets["hearing"]["widget"] == "datetime" and widgets["hearing"]["label"] == "听证日期"


def test_the_built_site_serves_the_editor_off_the_navigation(demo_built, demo):
    admin = demo_built / "admin"
    assert (admin / "index.html").is_file()
    assert (admin / "vendor/decap-cms/LICENSE").is_file()
    text = (admin / "config.yml").read_text("utf-8")
    assert text == cms.config_yaml(demo)
    hidden = [r["title"] for name in ("cases", "notices") for r in demo.collections[name]
              if not r.published]
    assert len(hidden) >= 3 and not [t for t in hidden if t in text]  # served with the site
    assert "admin/" not in (demo_built / "sitemap.xml").read_text("utf-8")
    index = (demo_built / "search/search_index.json").read_text("utf-8")
    assert '"location":"admin' not in index
    for page in demo_built.rglob("*.html"):
        if page.parent != admin:
            assert 'href="admin' not in page.read_text("utf-8") and \
                "/admin/\"" not in page.read_text("utf-8"), page


def test_the_audit_accepts_the_editor_bundle_on_the_editor_page_only(demo_built, demo, tmp_path):
    from generator.audit import audit, policy_for

    site = tmp_path / "site"
    shutil.copytree(demo_built, site)
    engine = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    policy = policy_for(demo, engine["extra_javascript"])
    assert [p for p in audit(site, policy, "site") if p.code == "audit-script"] == []
    (site / "notices/evil").mkdir(parents=True)
    (site / "notices/evil/index.html").write_text(
        '<script src="../../admin/vendor/decap-cms/decap-cms.js"></script>', "utf-8")
    found = [(p.path, p.code) for p in audit(site, policy, "site")]
    assert found == [("site/notices/evil/index.html", "audit-script")]


def test_local_backend_reads_and_writes_inside_the_project_only(tmp_path):
    project = make_project(tmp_path / "c")
    assert cms.handle(project, "info", {})["type"] == "local_fs"
    raw = (project / "data/cases/2026-001.yml").read_text("utf-8")
    listed = cms.handle(project, "entriesByFolder",
                        {"folder": "data/cases", "extension": "yml", "depth": 1})
    assert [e["file"]["path"] for e in listed] == ["data/cases/2026-001.yml"]
    assert listed[0]["data"] == raw
    cms.handle(project, "persistEntry", {"entry": {"path": "data/cases/2026-002.yml",
                                                   "raw": raw.replace("2026-001", "2026-002")},
                                         "assets": []})
    assert cms.handle(project, "getEntry", {"path": "data/cases/2026-002.yml"})["data"] == \
        raw.replace("2026-001", "2026-002")
    with pytest.raises(PermissionError):
        cms.handle(project, "persistEntry", {"entry": {"path": "../outside.yml", "raw": "x"}})
    assert not (tmp_path / "outside.yml").exists()
    assert cms.handle(project, "getEntry", {"path": "../../etc/passwd"})["data"] is None
    # only the folders it edits: a hook or the generator's code would run at the next
    # commit or build, and .git/config may hold a token
    (project / ".git").mkdir()
    (project / ".git/config").write_text("[remote]\n\turl = https://token@x/\n", "utf-8")
    for path in (".git/hooks/pre-commit", "generator/checks.py", "mkdocs.yml",
                 "data/../.pre-commit-config.yaml"):
        with pytest.raises(PermissionError):
            cms.handle(project, "persistEntry", {"entry": {"path": path, "raw": "x"}})
        assert not (project / path).exists()
    assert cms.handle(project, "getEntry", {"path": ".git/config"})["data"] is None
    with pytest.raises(PermissionError):
        cms.handle(project, "entriesByFolder", {"folder": ".git", "extension": ""})
    with pytest.raises(KeyError):
        cms.handle(project, "unknownAction", {})


def test_local_backend_writes_the_editors_records_and_uploads_only(tmp_path):
    """The editor writes its collections' records and publishable uploads: a page that
    posts a script over content/assets/ (run by every page), a Markdown page or an HTML
    file under content/, or a YAML file beside the records is refused before anything
    is written."""
    import base64

    project = make_project(tmp_path / "c")
    raw = (project / "data/cases/2026-001.yml").read_text("utf-8")
    campaign = (project / "site_config/campaign.yml").read_text("utf-8")
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode("ascii")
    cms.handle(project, "persistEntry", {"entry": {"path": "site_config/campaign.yml",
                                                   "raw": campaign}, "assets": []})
    cms.handle(project, "persistMedia", {"asset": {"path": "content/assets/uploads/a.png",
                                                   "content": png}})
    assert (project / "content/assets/uploads/a.png").read_bytes().startswith(b"\x89PNG")
    refused = ["content/assets/javascripts/reader.js", "content/assets/stylesheets/site.css",
               "content/assets/uploads/x.js", "content/assets/uploads/x.html",
               "content/assets/uploads/.htaccess", "content/index.md",
               "content/notices/files/x.html", "data/cases/2026-009.md",
               "data/cases/sub/2026-009.yml", "site_config/mkdocs.yml", "data/units.csv",
               # not the editor's: the hosts the site may link to, the reporting channels
               "site_config/site.yml", "site_config/channels.yml"]
    for path in refused:
        before = (project / path).read_bytes() if (project / path).exists() else None
        with pytest.raises(PermissionError):
            cms.handle(project, "persistMedia", {"asset": {"path": path, "content": png}})
        with pytest.raises(PermissionError):
            cms.handle(project, "persistEntry", {"entry": {"path": path, "raw": "x"}})
        with pytest.raises(PermissionError):
            cms.handle(project, "deleteFile", {"path": path})
        assert ((project / path).read_bytes() if (project / path).exists() else None) == before
    # a refused asset refuses the entry it came with: nothing of it is written
    with pytest.raises(PermissionError):
        cms.handle(project, "persistEntry", {
            "entry": {"path": "data/cases/2026-002.yml", "raw": raw.replace("001", "002")},
            "assets": [{"path": "content/assets/javascripts/x.js", "content": png}]})
    assert not (project / "data/cases/2026-002.yml").exists()
    cms.handle(project, "deleteFiles", {"paths": ["content/assets/uploads/a.png"]})
    assert not (project / "content/assets/uploads/a.png").exists()


def test_cms_command_prints_or_writes_the_config(demo, tmp_path, capsys, monkeypatch):
    from conftest import NOW_EPOCH
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    assert main(["--root", str(ROOT), "cms"]) == 0
    assert capsys.readouterr().out == cms.config_yaml(demo)
    assert main(["--root", str(ROOT), "cms", "--out", str(tmp_path / "c.yml")]) == 0
    assert capsys.readouterr().out == f"已生成网页编辑器配置 {tmp_path / 'c.yml'}\n"
    assert (tmp_path / "c.yml").read_text("utf-8") == cms.config_yaml(demo)


def test_local_backend_speaks_http_to_local_pages_only(tmp_path):
    import json
    import socket
    import threading
    import urllib.error
    import urllib.request

    project = make_project(tmp_path / "c")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    threading.Thread(target=cms.serve_local_backend, args=(project, port), daemon=True).start()

    def post(body: dict, origin: str | None, host: str | None = None):
        headers = {"Content-Type": "application/json"}
        headers.update({"Origin": origin} if origin else {})
        headers.update({"Host": host} if host else {})
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1", data=json.dumps(body).encode(), headers=headers)
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.headers.get("Access-Control-Allow-Origin"), \
                        json.loads(response.read())
            except ConnectionRefusedError:
                threading.Event().wait(0.1)
            except urllib.error.HTTPError:
                raise
            except urllib.error.URLError as err:
                if not isinstance(err.reason, ConnectionRefusedError):
                    raise
                threading.Event().wait(0.1)
        raise AssertionError("the local backend did not start")

    allowed, info = post({"action": "info", "params": {}}, "http://127.0.0.1:8000")
    assert allowed == "http://127.0.0.1:8000" and info["type"] == "local_fs"
    allowed, entry = post({"action": "getEntry", "params": {"path": "data/cases/2026-001.yml"}},
                          "http://localhost:8000")
    assert entry["file"]["path"] == "data/cases/2026-001.yml"
    evil = {"action": "persistEntry",
            "params": {"entry": {"path": "data/cases/x.yml", "raw": "id: x"}, "assets": []}}
    with pytest.raises(urllib.error.HTTPError) as refused:
        post(evil, "https://evil.example")  # a page elsewhere may not write here
    assert refused.value.code == 403
    assert refused.value.headers.get("Access-Control-Allow-Origin") is None
    assert not (project / "data/cases/x.yml").exists()
    # a page of a host whose DNS answers 127.0.0.1 (rebinding) is its own origin, and a
    # request may come with no Origin at all: the Host it asked for is not localhost
    for origin in (f"http://evil.example:{port}", None):
        with pytest.raises(urllib.error.HTTPError) as refused:
            post(evil, origin, host=f"evil.example:{port}")
        assert refused.value.code == 403
    assert not (project / "data/cases/x.yml").exists()
    assert post({"action": "info", "params": {}}, None, host=f"localhost:{port}")[1][
        "type"] == "local_fs"


def test_make_preview_starts_the_local_backend():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = makefile[makefile.index("preview:"):].split("\n\n")[0]
    assert "-m generator cms --serve" in recipe and "mkdocs serve" in recipe


# --------------------------------------------------------------------------- in the browser


def _choose(page, prefix: str, text: str) -> None:
    page.locator(f"[id^={prefix}-field]").first.fill(text)
    page.get_by_role("option", name=text, exact=True).click()


def test_a_case_made_in_the_editor_passes_check(browser, server, demo_built, tmp_path):  # noqa: F811
    config = yaml.safe_load((demo_built / "admin/config.yml").read_text("utf-8"))
    config["backend"] = {"name": "test-repo"}  # Decap's in-memory repository
    assert "local_backend" not in config
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        status=200, content_type="text/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    try:
        page.goto(server + "admin/")
        page.get_by_role("button", name="登录").click()
        page.goto(server + "admin/#/collections/cases/new")
        page.locator("[id^=id-field]").fill("2026-099")
        _choose(page, "kind", "通报曝光")
        page.locator("[id^=title-field]").fill("县某局干部张某某推诿扯皮问题")
        page.locator("[id^=published_on-field]").fill("2026-11-19")
        _choose(page, "unit", "东城镇")
        _choose(page, "categories", "推诿扯皮不主动")
        _choose(page, "source", "群众举报")
        page.locator("[id^=facts-field]").fill("2026年10月，该局干部张某某对群众反映的问题推诿扯皮。")
        page.get_by_role("button", name="保存").click()
        page.get_by_text("状态: 草稿").wait_for()  # an unpublished entry: a merge request
        saved = page.evaluate(
            "Object.assign({}, window.repoFilesUnpublished)['cases/2026-099'].diffs")
    finally:
        page.close()
    assert [d["path"] for d in saved] == ["data/cases/2026-099.yml"]
    text = saved[0]["content"]
    assert "unit: 东城镇\n" in text and "published_on: 2026-11-19\n" in text
    assert {urlsplit(u).netloc for u in requests} == {urlsplit(server).netloc}
    project = make_project(tmp_path / "c")
    (project / "data/cases/2026-099.yml").write_text(text, "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, report.sorted()
    made = next(c for c in data.cases if c["id"] == "2026-099")
    assert (made["unit"], made["categories"], made["source"], made.published) == \
        ("XZ01", ["A3"], "S2", True)


def test_a_commitment_added_in_the_editor_keeps_the_list_and_passes_check(
        browser, server, demo_built, tmp_path):  # noqa: F811
    """data/commitments.yml is a list at the top: admin/formats.js reads and writes it."""
    project = make_project(tmp_path / "c")
    current = (project / "data/commitments.yml").read_text("utf-8")
    config = yaml.safe_load((demo_built / "admin/config.yml").read_text("utf-8"))
    config["backend"] = {"name": "test-repo"}
    assert "local_backend" not in config
    page = browser.new_page()
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        status=200, content_type="text/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    try:
        page.goto(server + "admin/")
        # the in-memory repository starts with this project's file
        page.evaluate("files => { window.repoFiles = files; }",
                      {"data": {"commitments.yml": {"content": current}}})
        page.get_by_role("button", name="登录").click()
        page.goto(server + "admin/#/collections/commitments/entries/commitments")
        page.get_by_text("C1　领导干部带头改进作风承诺书").wait_for()
        page.get_by_role("button", name="新增承诺事项").click()
        page.locator("[id^=id-field]").last.fill("C2")
        page.locator("[id^=title-field]").last.fill("服务窗口限时办结承诺")
        page.locator("[id^=due-field]").last.fill("2026-06-30")
        page.locator("[id^=unit_kinds-field]").last.fill("政府部门")
        page.get_by_role("option", name="政府部门", exact=True).click()
        page.get_by_role("button", name="保存").click()
        page.get_by_text("状态: 草稿").wait_for()
        saved = page.evaluate("Object.assign({}, window.repoFilesUnpublished)"
                              "['commitments/commitments'].diffs")
    finally:
        page.close()
    assert [d["path"] for d in saved] == ["data/commitments.yml"]
    (project / "data/commitments.yml").write_text(saved[0]["content"], "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, report.sorted()
    assert [(c["id"], c["title"], c["unit_kinds"]) for c in data.commitments] == [
        ("C1", "领导干部带头改进作风承诺书", ["XZ", "XW", "ZF"]),
        ("C2", "服务窗口限时办结承诺", ["ZF"])]


def test_a_case_written_by_hand_edited_in_the_editor_passes_check(
        browser, server, demo_built, tmp_path):  # noqa: F811
    """A case a clerk wrote in a text editor (ids for the unit and categories, a list of
    persons, dates) opened in the editor, its title changed and saved: what it saves
    passes check and keeps every other value."""
    project = make_project(tmp_path / "c")
    current = (project / "data/cases/2026-001.yml").read_text("utf-8")
    config = yaml.safe_load((demo_built / "admin/config.yml").read_text("utf-8"))
    config["backend"] = {"name": "test-repo"}
    page = browser.new_page()
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        status=200, content_type="text/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    errors: list[str] = []
    try:
        page.goto(server + "admin/")
        page.evaluate("files => { window.repoFiles = files; }",
                      {"data": {"cases": {"2026-001.yml": {"content": current}}}})
        page.get_by_role("button", name="登录").click()
        page.goto(server + "admin/#/collections/cases/entries/2026-001")
        title = page.locator("[id^=title-field]")
        title.wait_for()
        title.fill("东城镇办事员张某某推诿扯皮问题（更正）")
        page.get_by_role("button", name="保存").click()
        try:
            page.get_by_text("状态: 草稿").wait_for(timeout=15000)
        except Exception:  # noqa: BLE001 - say what the editor refused
            errors = page.locator("ul[class*=ControlErrors] li, [class*=error]").all_inner_texts()
            raise
        saved = page.evaluate("Object.assign({}, window.repoFilesUnpublished)"
                              "['cases/2026-001'].diffs")
    finally:
        page.close()
    assert not errors
    assert [d["path"] for d in saved] == ["data/cases/2026-001.yml"]
    (project / "data/cases/2026-001.yml").write_text(saved[0]["content"], "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, (report.sorted(), saved[0]["content"])
    made = next(c for c in data.cases if c["id"] == "2026-001")
    assert made["title"] == "东城镇办事员张某某推诿扯皮问题（更正）"
    assert (made["unit"], made["categories"], made["source"]) == ("XZ01", ["A3"], "S2")
    assert [p["name"] for p in made["persons"]] == ["张某某"]
    assert str(made["published_on"]) == "2026-05-10"


def test_a_notice_made_in_the_editor_passes_check(browser, server, demo_built, tmp_path):  # noqa: F811
    """A 工作动态 written in the editor (title, date, category, an embargo, a body): the
    file it saves, named by the editor's slug, passes check as the clerk wrote it."""
    config = yaml.safe_load((demo_built / "admin/config.yml").read_text("utf-8"))
    config["backend"] = {"name": "test-repo"}
    page = browser.new_page()
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        status=200, content_type="text/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    try:
        page.goto(server + "admin/")
        page.get_by_role("button", name="登录").click()
        page.goto(server + "admin/#/collections/notices/new")
        page.locator("[id^=title-field]").fill("县纪委监委召开作风建设推进会")
        page.locator("[id^=date-field]").first.fill("2026-11-03")
        _choose(page, "category", "工作动态")
        embargo = page.locator("[id^=embargo-field]").first
        embargo.fill("2026-11-03T09:30" if embargo.get_attribute("type") == "datetime-local"
                     else "2026-11-03 09:30")
        page.locator("[contenteditable=true]").first.fill("11月3日，县纪委监委召开推进会，部署下一阶段整治工作。")
        page.get_by_role("button", name="保存").click()
        page.get_by_text("状态: 草稿").wait_for()
        unpublished = page.evaluate("Object.assign({}, window.repoFilesUnpublished)")
    finally:
        page.close()
    saved = next(entry["diffs"] for key, entry in unpublished.items() if key.startswith("notices/"))
    assert len(saved) == 1 and saved[0]["path"].startswith("content/notices/")
    project = make_project(tmp_path / "c")
    (project / saved[0]["path"]).write_text(saved[0]["content"], "utf-8")
    data, report = validate(project, NOW)
    assert report.valid, (report.sorted(), saved[0]["path"], saved[0]["content"])
    made = next(n for n in data.notices if n["title"] == "县纪委监委召开作风建设推进会")
    assert str(made["date"]) == "2026-11-03"
    assert "部署下一阶段整治工作" in made["body"]
