"""The security headers the site asks its host for: written by every build, documented
for nginx and Apache in README as `headers.py` has them."""
import re

from conftest import DATA, NOW, ROOT, make_project
from generator import headers
from generator.pipeline import build, file_paths


def test_every_build_writes_the_headers_file(tmp_path):
    project = make_project(tmp_path / "c", DATA / "minimal")
    site = build(project, NOW, history=False)
    assert site.files["_headers"].decode("ascii").split("\n") == [
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: same-origin",
        "  X-Frame-Options: DENY",
        "  Content-Security-Policy: object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
        ""]
    assert "_headers" in file_paths(site.data, site.facts)


def _block(readme: str, language: str) -> str:
    return re.search(rf"```{language}\n(.*?)```", readme, re.S).group(1)


def test_readme_gives_nginx_and_apache_the_same_headers():
    """An own server sends what README says: its lines must be headers.py's."""
    readme = (ROOT / "README.md").read_text("utf-8")
    nginx = re.findall(r'add_header (\S+) "(.*)" always;', _block(readme, "nginx"))
    apache = re.findall(r'Header always set (\S+) "(.*)"', _block(readme, "apache"))
    assert dict(nginx) == headers.HEADERS
    assert dict(apache) == headers.HEADERS
    assert len(nginx) == len(apache) == len(headers.HEADERS)
