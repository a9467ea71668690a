"""What a role noun can hold: the kind of post (``data/role_nouns.tsv``) and whether an entity is a portfolio.

Two readings the model's entity types get wrong:
- "U.S. Representative X" names a seat in a legislature, like "U.S. Senator X": a member's post, not one that
  speaks for the state (a lower-case "a representative of the EU" is a spokesperson).
- "Minister for Social Protection", "Home Minister", "Professor of Commercial Law": the model types the
  portfolio or field as an organisation; it is what the post is about, not who employs its holder
  (``data/portfolio_words.tsv``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from extractors.lexicon import read_table, role_nouns

_LEGISLATOR_TITLES = frozenset({"representative", "rep", "rep."})


@cache
def portfolio_words() -> frozenset[str]:
    """Last words of portfolios and fields ("affairs", "security", "law")."""
    return frozenset(row["word"] for row in read_table("portfolio_words.tsv"))


@cache
def _organisation_nouns() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_table("organisation_nouns.tsv"))


def role_kind(role: Token) -> str | None:
    """The kind of post ``role`` names; a capitalised "Representative" is a legislator's seat ("member")."""
    if role.text.lower() in _LEGISLATOR_TITLES and role.text[:1].isupper():
        return "member"
    kinds = role_nouns()
    return kinds.get(role.lemma_.lower(), kinds.get(role.text.lower()))


def is_portfolio(org: Span) -> bool:
    """True for an entity that names a portfolio or field rather than an organisation: no "the", its last
    word a portfolio word, no organisation noun and not an acronym ("Social Protection", "Home")."""
    words = [t for t in org if not t.is_punct]
    if not words or words[0].pos_ == "DET" or org.text.isupper():
        return False
    if any(t.text.lower() in _organisation_nouns() or t.lemma_.lower() in _organisation_nouns() for t in words):
        return False
    return words[-1].text.lower() in portfolio_words()
