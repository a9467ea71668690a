"""What a role noun can hold (``fits``): the kind of post (``data/role_nouns.tsv``), the organisation lexicons,
and whether an entity is a portfolio.

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

from extractors.lexicon import actors, read_table, role_nouns

_LEGISLATOR_TITLES = frozenset({"representative", "rep", "rep."})
_STATE_KINDS = frozenset({"leader", "official", "spokesperson", "military"})


@cache
def portfolio_words() -> frozenset[str]:
    """Last words of portfolios and fields ("affairs", "security", "law")."""
    return frozenset(row["word"] for row in read_table("portfolio_words.tsv"))


@cache
def party_words() -> frozenset[str]:
    """NORP words that name a party, not a nationality ("Republican", "Labour")."""
    return frozenset(row["word"] for row in read_table("party_words.tsv"))


@cache
def organisation_nouns() -> frozenset[str]:
    """Head nouns of organisation names ("party", "union", "band")."""
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
    if any(t.text.lower() in organisation_nouns() or t.lemma_.lower() in organisation_nouns() for t in words):
        return False
    return words[-1].text.lower() in portfolio_words()


def fits(role: Token, org: Span) -> bool:
    """Whether ``org`` can employ someone in ``role``. A place or a people only holds state posts: "the German
    chancellor", "French President", "mayor of Calgary"; but "a German politician" states a nationality and
    "a New York attorney" a place of work."""
    if org.label_ == "ORG" or (org.label_ == "NORP" and org.text.lower() in party_words()):
        return not is_portfolio(org)  # "Minister for Social Protection", "Home Minister"
    if role_kind(role) not in _STATE_KINDS:
        return False
    if org.label_ == "GPE":
        return True
    # a demonym: "the German chancellor" and the title "German Chancellor X" name a post; "a German
    # chancellor" and a bare "X, South Korean church leader" describe a nationality
    det = next((c.text.lower() for c in role.children if c.dep_ == "det"), None)
    return det == "the" or (det is None and role.dep_ == "compound")


@cache
def _known_names() -> frozenset[str]:
    return frozenset(n.lower() for e in actors() for n in (e.label, *e.aliases, *e.seats))


def is_sure_organisation(org: Span) -> bool:
    """Whether a name typed ORG is surely an organisation's, for patterns with no role to confirm it ("NATO's
    X"): an acronym, a party word, a name holding an organisation noun, or an actor of the gazetteer. The model
    also types surnames and titles as ORG ("Hardon's Catholic Catechism", "Trane's Blues")."""
    words = [t for t in org if t.pos_ != "DET" and not t.is_punct]
    text = " ".join(t.text for t in words)
    return bool(words) and (text.isupper() or text.lower() in party_words() or text.lower() in _known_names()
                            or any(t.lemma_.lower() in organisation_nouns() for t in words))
