"""HTML articles read with trafilatura: the main text with its title and date, never menus, teasers of other
stories, captions or footers."""

from __future__ import annotations

from graph.readers.html import extract_article

PAGE = """<html><head><title>Turkey and Russia fail to agree | World News</title>
<meta property="og:title" content="Turkey and Russia fail to agree on Idlib">
<link rel="canonical" href="https://news.example.org/world/idlib-talks">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Turkey and Russia fail to agree on Idlib</h1>
<p class="byline">By A. Reporter, <time datetime="2020-03-05T10:00:00Z">5 March 2020</time></p>
<figure><img src="x.jpg"><figcaption>Photo: Turkish troops near Idlib (Agency/Name)</figcaption></figure>
<p>Turkey and Russia failed to agree on a ceasefire in the Syrian province of Idlib on Thursday, after talks in
Moscow between the two countries' presidents ran late into the night.</p>
<p>Ankara has backed rebel groups in the province, while Moscow supports the Syrian government's offensive
against them, which has driven almost a million people from their homes since December.</p>
<p>"We will not leave our positions," a Turkish defence ministry spokesman told reporters on Friday.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm batters the coast as thousands lose power overnight</a></li>
<li><a href="/b">Ten things we learned from the football weekend</a></li></ul></aside>
</main>
<footer><p>Copyright 2020 Example News. All rights reserved. Read about our approach to external linking.</p></footer>
</body></html>"""


def test_the_main_text_title_and_date_of_an_ordinary_page() -> None:
    article = extract_article(PAGE)
    assert article.title == "Turkey and Russia fail to agree on Idlib"
    assert article.date == "2020-03-05"
    assert article.url == "https://news.example.org/world/idlib-talks"
    headline, first = article.text.split("\n\n")[:2]  # the headline leads, as in a .txt article
    assert headline == article.title and first.startswith("Turkey and Russia failed to agree on a ceasefire")
    assert "Moscow supports the Syrian government's offensive" in article.text
    assert "We will not leave our positions" in article.text
    for junk in ("Home", "Most read", "Storm batters", "Copyright", "Photo: Turkish troops", "By A. Reporter"):
        assert junk not in article.text, junk
    assert article.text.count("\n\n") == 3  # the headline and three paragraphs


def test_a_page_with_only_navigation_has_no_article_text() -> None:
    assert extract_article("<html><body><nav>Home | World</nav></body></html>").text == ""
