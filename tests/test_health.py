"""Site health (python -m generator health) and the warnings for missing official marks."""
import re

from conftest import NOW_EPOCH, ROOT, make_project
from generator.cli import main


def _production(project, **marks):
    site = project / "site_config" / "site.yml"
    text = site.read_text("utf-8")
    text = re.sub(r"(?m)^(demo|logo|favicon|contact|site_code|icp|police_record):.*\n", "",
                  text)
    text += "demo: 否\n" + "".join(f"{k}: {v}\n" for k, v in marks.items())
    site.write_text(text, "utf-8")
    return project


def test_check_warns_when_a_production_site_lacks_its_marks(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    project = _production(make_project(tmp_path / "county"), contact="电话 0000-1234567",
                          icp="演ICP备00000000号")
    assert main(["--root", str(project), "check"]) == 0  # a warning does not stop publishing
    out = capsys.readouterr().out
    warned = re.findall(r"^site_config/site.yml:1: site-mark-missing: 警告：正式网站没有填写“(.+?)”（(\w+)）",
                        out, re.M)
    assert warned == [("徽标", "logo"), ("网站图标", "favicon"), ("网站标识码", "site_code"),
                      ("公安备案号", "police_record")]


def test_the_demo_and_a_complete_production_site_are_not_warned(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    assert main(["--root", str(ROOT), "check"]) == 0
    assert "site-mark-missing" not in capsys.readouterr().out
    project = _production(make_project(tmp_path / "county"), logo="assets/images/emblem.svg",
                          favicon="assets/images/favicon.svg", contact="电话 0000-1234567",
                          site_code="0000000000", icp="演ICP备00000000号",
                          police_record="演公网安备 00000000000000号")
    assert main(["--root", str(project), "check"]) == 0
    assert "site-mark-missing" not in capsys.readouterr().out


def test_health_lists_a_stale_news_column(capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)  # 2026-11-20 00:00 in the site's zone
    assert main(["--root", str(ROOT), "health"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "网站健康检查（按政府网站检查指标）：",
        "  栏目“工作动态”已71天没有更新（最近一次2026年9月10日），应在14天内更新",
    ]


def test_health_counts_the_home_page_and_empty_columns(tmp_path, capsys, monkeypatch):
    # Four weeks later the newest case and notice on the home page are 40 days old; the
    # minimal project has no 工作动态 or 澄清正名 notices at all.
    from conftest import NOW

    later = NOW.timestamp() + 28 * 86400
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later)))
    project = make_project(tmp_path / "county")
    assert main(["--root", str(project), "health"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "网站健康检查（按政府网站检查指标）："
    assert "  栏目“工作动态”没有任何内容（空白栏目）" in lines
    assert any(line.startswith("  首页显示的最新公告和案例已是") for line in lines)


def test_health_finds_broken_links_and_empty_columns():
    from generator import health

    pages = {"index.md": "[甲](cases/index.md) [乙](missing.md#x) [丙](tel:12388) [丁](#top)",
             "cases/index.md": "[返回](../index.md) [下载](../open-data/cases.csv)"}
    files = {"open-data/cases.csv"}
    assert health.broken_links(pages, files) == [("index.md", "missing.md#x")]


def test_the_build_log_carries_the_health_section(demo_built):
    log = (demo_built.parent / "stderr.txt").read_text("utf-8")
    assert "INFO    -  网站健康检查（按政府网站检查指标）：" in log
    assert "栏目“工作动态”已71天没有更新（最近一次2026年9月10日），应在14天内更新" in log


def test_the_preview_reads_again_only_the_links_of_pages_it_rendered_again(monkeypatch):
    """health.LINKS (the preview): a page whose text is the very one read last time keeps
    its links; whether their targets exist is asked again every time."""
    from generator import health

    monkeypatch.setattr(health, "LINKS", {})
    kept = "[甲](../units/A.md) [乙](../cases/1.md)"
    pages = {"cases/index.md": kept, "units/A.md": "[回](../cases/index.md)"}
    assert health.broken_links(pages, set()) == [("cases/index.md", "../cases/1.md")]
    read = []
    real = health._relative_links
    monkeypatch.setattr(health, "_relative_links", lambda p, t: read.append(p) or real(p, t))
    changed = {"cases/index.md": kept, "units/A.md": "[回](../cases/2.md)"}
    assert health.broken_links(changed, {"cases/1.md"}) == [("units/A.md", "../cases/2.md")]
    assert read == ["units/A.md"]  # the unchanged page was not read again
    del changed["units/A.md"]  # a page taken down: its target is gone for the others
    assert health.broken_links(changed, set()) == [
        ("cases/index.md", "../units/A.md"), ("cases/index.md", "../cases/1.md")]
    assert list(health.LINKS) == ["cases/index.md"]
