"""The linker (graph/resolve/linker.py): mentions the gazetteer lacks -> knowledge-base actors, chosen in context."""

from __future__ import annotations

import pytest

import graph.resolve.document as document_module
import graph.resolve.linker as linker_module
import graph.resolve.resolver as resolver_module
from extractors.kb import KnowledgeBase, load_kb
from extractors.kb.actors import FILES, overlay_rows, read_rows
from graph.build import actors_in, add_actor, new_graph
from graph.resolve.document import resolve_document
from graph.resolve.linker import LinkContext, document_context, link
from graph.resolve.resolver import Actor, Resolver
from tests.test_resolve import mentions


def node_of(resolver: Resolver, form: str) -> Actor:
    found = [a for a in resolver.actors.values() if form in a.aliases or form == a.label]
    assert len(found) == 1, (form, found)
    return found[0]


def test_a_british_articles_party_nicknames_are_one_organisation_with_its_wikidata_id() -> None:
    r = Resolver()
    resolve_document([], mentions(("Britain", "GPE"), ("Tories", "NORP"), ("the Conservative Party", "ORG"),
                                  ("Tory", "NORP"), ("Labour", "PERSON"), ("Labour Party", "ORG")), r)
    tories = node_of(r, "Tories")
    assert tories is node_of(r, "Conservative Party") is node_of(r, "Tory")
    assert (tories.type, tories.wikidata) == ("Organization", "Q9626")
    labour = node_of(r, "Labour")
    assert labour is node_of(r, "Labour Party") and labour.type == "Organization" and labour.wikidata == "Q9630"


def test_the_country_named_most_often_decides() -> None:
    """"Labour Party" is the UK's and Ireland's; an article naming Britain twice and Ireland once means the UK's."""
    context = document_context(mentions(("Britain", "GPE"), ("British", "NORP"), ("Irish", "NORP")))
    linked = link("Labour Party", "ORG", context)
    assert linked is not None and linked.id == "Q9630"
    assert link("Labour Party", "ORG", LinkContext({"GBR": 1, "IRL": 1})) is None


def test_a_british_democrat_is_not_the_american_party() -> None:
    r = Resolver()
    resolve_document([], mentions(("Washington", "GPE"), ("Democrats", "ORG"), ("Democrat", "NORP")), r)
    us = node_of(r, "Democrats")
    assert us.wikidata == "Q29552" and us is node_of(r, "Democrat")
    resolve_document([], mentions(("Britain", "GPE"), ("Democrats", "ORG"), ("Democrat", "NORP")), r)
    british = [a for a in r.actors.values() if "Democrats" in a.aliases and a is not us]
    assert len(british) == 1 and british[0].wikidata is None


def test_an_actor_gone_before_the_article_is_no_candidate() -> None:
    """Party Facts' "Tories" is also the Tory party of 1678-1834; only the overlay's Conservative Party is left."""
    linked = link("Tories", "NORP", LinkContext({"GBR": 1}, 2019))
    assert linked is not None and linked.id == "Q9626"
    assert link("Tories", "NORP", LinkContext({"GBR": 1}, 1800)) is None


def test_without_a_country_only_long_or_countryless_names_link() -> None:
    nowhere = LinkContext()
    assert link("GOP", "ORG", nowhere) is None
    assert link("Republican Party", "ORG", LinkContext({"USA": 1})) is not None
    nato = link("North Atlantic Treaty Organization", "ORG", nowhere)
    assert nato is not None and nato.id == "Q7184"


def test_a_person_is_never_linked_to_an_organisation_and_gets_the_id_of_their_name() -> None:
    r = Resolver()
    resolve_document([], mentions(("Washington", "GPE"), ("Senator Mitch McConnell", "PERSON"),
                                  ("McConnell", "PERSON")), r)
    person = node_of(r, "McConnell")
    assert person.type == "Person" and person.wikidata == "Q355522"
    assert link("Mitch McConnell", "ORG", LinkContext({"USA": 1})) is None


def test_a_form_ambiguous_tsv_decides_is_not_the_linkers() -> None:
    """"US" is a Czech party's short name in Party Facts; ambiguous.tsv gives the form to the United States."""
    assert link("US", "ORG", LinkContext({"CZE": 1})) is None
    assert link("Freedom Union", "ORG", LinkContext({"CZE": 1})) is not None


def test_an_appended_build_finds_the_node_of_a_kb_actor_without_a_wikidata_id() -> None:
    """The graph keeps no KB id: a later build's other name of the actor ("DHS") finds its node by key."""
    first = Resolver()
    resolve_document([], mentions(("Washington", "GPE"), ("Department of Homeland Security", "ORG")), first)
    department = node_of(first, "Department of Homeland Security")
    assert department.wikidata is None and department.type == "GovernmentBody"
    loaded = Actor(department.key, department.label, department.type, None, set(department.aliases))
    later = Resolver([loaded])
    resolve_document([], mentions(("Washington", "GPE"), ("DHS", "ORG")), later)
    assert node_of(later, "DHS").key == department.key
    assert len([a for a in later.actors.values() if a.type == "GovernmentBody"]) == 1


def test_an_append_after_a_kb_update_finds_every_actor_under_its_old_iri(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build, update the KB (drop unrelated parties, add an unrelated actor), append: the same actor IRIs."""
    articles = [
        (("Britain", "GPE"), ("Tories", "NORP"), ("Labour Party", "ORG"), ("Lib Dems", "ORG"),
         ("Parliament", "ORG"), ("Prime Minister Boris Johnson", "PERSON"), ("Johnson", "PERSON")),
        (("Washington", "GPE"), ("Democrats", "NORP"), ("Department of Homeland Security", "ORG"),
         ("Senator Mitch McConnell", "PERSON"), ("McConnell", "PERSON"), ("NATO", "ORG")),
    ]
    first = Resolver()
    for article in articles:
        resolve_document([], mentions(*article), first)
    graph = new_graph()
    for actor in first.actors.values():
        add_actor(graph, actor)

    rows = [row for name in FILES for row in read_rows(name) if "DEU" not in row.get("countries", "")]
    rows.append({"id": "Q4115189", "type": "Party", "label": "Sandbox Party", "aliases": "Labour Sandbox",
                 "countries": "GBR", "source": "partyfacts", "licence": "MIT"})
    updated = KnowledgeBase.from_rows([*rows, *overlay_rows()])
    assert len(updated) != len(load_kb())
    for module in (linker_module, resolver_module, document_module):
        monkeypatch.setattr(module, "load_kb", lambda share_alike=True: updated)
    linker_module.state_codes.cache_clear()
    later = Resolver(actors_in(graph))
    for article in articles:
        resolve_document([], mentions(*article), later)
    linker_module.state_codes.cache_clear()
    forms = [form for article in articles for form, _ in article]
    assert {form: node_of(later, form).key for form in forms} == {form: node_of(first, form).key for form in forms}
    assert later.actors.keys() == first.actors.keys()
