"""Put the view's page together: the template, its stylesheet and script, the vendored vis-network and the data,
under a strict Content-Security-Policy.

The policy allows no request at all and no inline code but the page's own: each ``<style>`` and ``<script>`` block
is allowed by its SHA-256 hash (``'unsafe-inline'`` is never used), so markup that slipped into the page from
article text could not run even if escaping failed. The data travels as JSON in a ``<script
type="application/json">`` block, which the browser never executes (``<``, ``>``, ``&`` and quotes escaped by
Jinja's ``tojson``), and the script shows article text through ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

_TEMPLATES = ("graph.view", "templates")
_VENDOR = ("graph.view", "vendor")


def assemble_page(title: str, data: dict[str, Any], edge_style: dict[str, dict[str, Any]],
                  node_style: dict[str, dict[str, str]], contested_style: dict[str, str]) -> str:
    """The page as one HTML string: ``data`` (settings, nodes, edges, options) is read by the page's script."""
    css = jinja2.Environment(autoescape=False).from_string(_read(*_TEMPLATES, "view.css")).render(
        edge_style=edge_style, node_style=node_style, contested_style=contested_style)
    scripts = [_read(*_VENDOR, "vis-network.min.js"), _read(*_TEMPLATES, "view.js")]
    policy = content_security_policy(scripts, [css])
    template = jinja2.Environment(autoescape=True).from_string(_read(*_TEMPLATES, "view.html"))
    return template.render(title=title, policy=policy, css=Markup(css), vis_js=Markup(scripts[0]),
                           view_js=Markup(scripts[1]), data=data, edge_style=edge_style, node_style=node_style,
                           contested_style=contested_style)


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """A policy that allows exactly these inline scripts and styles (by hash) and nothing from anywhere.

    Examples:
        >>> content_security_policy(["alert(1)"], [])
        "default-src 'none'; script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; style-src 'none'; \
img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    """
    def allowed(blocks: list[str]) -> str:
        return " ".join(f"'{source_hash(block)}'" for block in blocks) or "'none'"

    return (f"default-src 'none'; script-src {allowed(scripts)}; style-src {allowed(styles)}; img-src data:; "
            f"font-src data:; base-uri 'none'; form-action 'none'")


def source_hash(text: str) -> str:
    """The CSP source expression of an inline block: ``sha256-`` and the base64 SHA-256 of its UTF-8 text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _read(package: str, folder: str, name: str) -> str:
    return resources.files(package).joinpath(folder, name).read_text(encoding="utf-8")
