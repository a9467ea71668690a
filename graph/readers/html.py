"""Main text, title and date of a news page, without navigation, scripts, captions or footers."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure", "figcaption",
         "iframe", "svg", "button")
_MIN_PARAGRAPH_CHARS = 40


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_article(markup: str) -> Article:
    """The article in ``markup``: the paragraphs of its densest container, with the page's title and date.

    Examples:
        >>> page = ("<html><head><title>Talks stall</title></head><body><nav>Home | World</nav>"
        ...         "<article><p>Turkey and Russia failed to agree on a ceasefire in Idlib on Monday.</p>"
        ...         "</article><footer>Copyright</footer></body></html>")
        >>> a = extract_article(page)
        >>> a.title, a.text
        ('Talks stall', 'Turkey and Russia failed to agree on a ceasefire in Idlib on Monday.')
    """
    soup = BeautifulSoup(markup, "lxml")
    title = _meta(soup, "og:title") or (soup.title.get_text(strip=True) if soup.title else None)
    date = _meta(soup, "article:published_time") or _time(soup)
    url = _meta(soup, "og:url") or _canonical(soup)
    for tag in soup(_DROP):
        tag.decompose()
    container = soup.find("article") or _densest(soup)
    paragraphs = [p.get_text(" ", strip=True) for p in container.find_all("p")] if container else []
    text = "\n\n".join(p for p in paragraphs if len(p) >= _MIN_PARAGRAPH_CHARS or p.endswith("."))
    return Article(text=text, title=title or None, date=date, url=url)


def _meta(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    if isinstance(tag, Tag):
        content = tag.get("content")
        return str(content) if content else None
    return None


def _time(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time")
    if isinstance(tag, Tag) and tag.get("datetime"):
        return str(tag["datetime"])
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    tag = soup.find("link", attrs={"rel": "canonical"})
    return str(tag["href"]) if isinstance(tag, Tag) and tag.get("href") else None


def _densest(soup: BeautifulSoup) -> Tag | None:
    """The element whose direct <p> children hold the most text."""
    best: Tag | None = None
    best_len = 0
    for parent in {p.parent for p in soup.find_all("p") if isinstance(p.parent, Tag)}:
        if not isinstance(parent, Tag):
            continue
        size = sum(len(p.get_text()) for p in parent.find_all("p", recursive=False))
        if size > best_len:
            best, best_len = parent, size
    return best
