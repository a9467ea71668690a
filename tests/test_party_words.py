"""Party words: "Democratic" names the party like "Republican"; an affiliation stated in one conjunct's own
relative clause stays with that conjunct (the cause of wrong party affiliations when "democratic" was added)."""

from __future__ import annotations

import pytest

from extractors.affiliation.posts import party_words
from extractors.lexicon import actor_adjectives
from graph.pipeline import RULE_EXTRACTORS, extract_documents
from graph.readers.documents import Document
from graph.resolve.resolver import Resolver


def test_democratic_is_a_party_word_as_republican_is() -> None:
    assert {"democratic", "republican", "democrat"} <= party_words()
    assert "democratic" in actor_adjectives()


@pytest.mark.model
@pytest.mark.parametrize(("text", "pairs"), [
    ("Ann Lee, a Democratic strategist, said the bill would pass.", {("Ann Lee", "Democratic")}),
    ("Democratic Senator Ann Lee said the bill would pass.", {("Ann Lee", "Democratic")}),
    ("Jane Roe and Bill Moe joined the Democratic Party in 1990.",
     {("Jane Roe", "Democratic Party"), ("Bill Moe", "Democratic Party")}),
    # a conjunct's own relative clause stays with it
    ("Jane Roe and Ann Lee, who served as chairman of NATO, spoke on Monday.", {("Ann Lee", "NATO")}),
])
def test_democratic_affiliations_through_the_model(text: str, pairs: set[tuple[str, str]]) -> None:
    claims = next(extract_documents([Document(id="d", text=text)], Resolver(), extractors=RULE_EXTRACTORS)).claims
    assert {(c.subject.label, c.object.label) for c in claims if c.relation == "affiliated_with"} == pairs
