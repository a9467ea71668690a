"""Main text, title and date of a news page, read with trafilatura (navigation, scripts, captions, comments and
footers left out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_article(markup: str) -> Article:
    """The article in ``markup``: its main text (paragraphs separated by a blank line), title, publication date
    (ISO, ``YYYY-MM-DD``) and canonical URL, as trafilatura finds them; empty text when the page has none.

    Examples:
        >>> page = ("<html><head><title>Talks stall</title><meta property='article:published_time' "
        ...         "content='2021-03-04T09:00:00Z'></head><body><nav>Home | World</nav><article>"
        ...         "<p>Turkey and Russia failed to agree on a ceasefire in Idlib on Monday, officials said.</p>"
        ...         "<p>Ankara said it would keep its troops in the province for as long as needed.</p>"
        ...         "</article><footer>Copyright 2021</footer></body></html>")
        >>> a = extract_article(page)
        >>> a.title, a.date, a.text.startswith("Turkey and Russia"), "Home" in a.text, "Copyright" in a.text
        ('Talks stall', '2021-03-04', True, False, False)
    """
    import trafilatura  # a second to import: only when an HTML page is read

    found: Any = trafilatura.bare_extraction(markup, include_comments=False, include_tables=False,
                                             include_images=False, with_metadata=True, favor_precision=True,
                                             fast=True)  # no fallback extractors: they take menus for text
    if found is None:
        return Article(text="", title=None, date=None, url=None)
    fields: dict[str, Any] = found if isinstance(found, dict) else found.as_dict()
    text = "\n\n".join(line.strip() for line in str(fields.get("text") or "").splitlines() if line.strip())
    return Article(text=text, title=_field(fields, "title"), date=_field(fields, "date"), url=_field(fields, "url"))


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return str(value) if value else None
