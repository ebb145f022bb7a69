"""The HTTP headers the site asks its host to send with every file: `_headers` at the
site's root, read by hosts that take one (Netlify, Cloudflare Pages); the same lines for
nginx and Apache are in README ("Security headers"), which a test holds to these.

A static site sets no header itself. These say: the browser takes a file for what its
name says it is (a text attachment is never run as a script), a page read here tells no
other site which page the reader came from (a case page names an official), and no other
site frames a page (a 我要举报 button under someone else's overlay). The policy leaves
scripts and styles as the theme has them (its inline scripts would need their hashes);
what it forbids is what no page of the site uses: plugins, a <base> to another host, a
form sending to another host, being framed.
"""
from __future__ import annotations

# The policy's directives, none of which the theme, the search or the web editor uses.
CONTENT_SECURITY_POLICY = ("object-src 'none'; base-uri 'self'; form-action 'self'; "
                           "frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
SITE_PATH = "_headers"


def headers_file() -> bytes:
    """`_headers` as Netlify and Cloudflare Pages read it: every path, every header."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in HEADERS.items()]
    return ("\n".join(lines) + "\n").encode("ascii")
