"""Resolution rules on hand-made mentions (no model): name chains, definitions, anaphors, types, traps, overrides."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDFS, SKOS, Literal, URIRef

from extractors.records import Claim, Mention
from graph.build import actors_in, add_actor, new_graph
from graph.errors import InputError
from graph.resolve.document import Definition, person_names, resolve_document
from graph.resolve.overrides import parse_overrides
from graph.resolve.resolver import Resolver


def mentions(*items: tuple[str, str]) -> list[Mention]:
    """Mentions in text order, offsets made up but increasing."""
    out, pos = [], 0
    for text, kind in items:
        out.append(Mention(text, pos, pos + len(text), kind))
        pos += len(text) + 10
    return out


def node_of(resolver: Resolver, form: str) -> set[str]:
    return {a.key for a in resolver.actors.values() if form in a.aliases or form == a.label}


def claim(subject: Mention, obj: Mention) -> Claim:
    return Claim("d", 0, "s", 0, "supports", subject, obj, "back", "stance.v1", 0.9)


def test_name_chain_joins_surname_and_titled_forms() -> None:
    r = Resolver()
    resolve_document([], mentions(("President Bashar al-Assad", "PERSON"), ("Assad", "PERSON"),
                                  ("Mr Assad", "PERSON")), r)
    people = [a for a in r.actors.values() if a.type == "Person"]
    assert len(people) == 1
    assert people[0].label == "Bashar al-Assad"
    assert {"President Bashar al-Assad", "Assad", "Mr Assad"} <= people[0].aliases


def test_surname_never_joins_a_person_whose_first_name_it_is() -> None:
    r = Resolver()
    resolve_document([], mentions(("Berg Olsen", "PERSON"), ("Berg", "PERSON")), r)
    assert node_of(r, "Berg") != node_of(r, "Berg Olsen")
    assert "berg" not in person_names(mentions(("Berg Olsen", "PERSON")))


def test_surname_shared_by_two_people_of_a_document_joins_neither() -> None:
    r = Resolver()
    resolve_document([], mentions(("Anna Berg", "PERSON"), ("Tomas Berg", "PERSON"), ("Berg", "PERSON")), r)
    assert node_of(r, "Berg").isdisjoint(node_of(r, "Anna Berg") | node_of(r, "Tomas Berg"))


def test_surname_in_a_later_document_joins_the_person_it_was_chained_to() -> None:
    r = Resolver()
    resolve_document([], mentions(("Mark Toner", "PERSON"), ("Toner", "PERSON")), r)
    resolve_document([], mentions(("Toner", "PERSON")), r)
    assert len([a for a in r.actors.values() if a.type == "Person"]) == 1


def test_never_merge_across_types() -> None:
    r = Resolver()
    person, state = r.actor_for("Jordan", "PERSON"), r.actor_for("Jordan", "GPE")
    org = r.actor_for("Hama", "ORG")
    assert person is not None and state is not None and org is not None
    assert (person.type, state.type, org.type) == ("Person", "State", "Organization")
    assert person.key != state.key


@pytest.mark.parametrize("name", ["King Fahd International Airport", "Hmeimim air base", "Mosul Dam",
                                  "Tahrir Square", "Rashid Street", "Incirlik Air Base"])
def test_places_named_after_people_are_not_actors(name: str) -> None:
    assert Resolver().actor_for(name, "ORG") is None
    assert Resolver().actor_for(name, "PERSON") is None


@pytest.mark.parametrize("name", ["Moscow Carnegie Center", "Washington Institute", "Tehran Times"])
def test_think_tank_named_after_a_capital_is_not_the_state(name: str) -> None:
    actor = Resolver().actor_for(name, "ORG")
    assert actor is not None and actor.type == "Organization"


@pytest.mark.parametrize(("form", "kind", "key"), [
    ("Russian jets", "NORP", "russia"), ("Syrian government", "NORP", "syria"),
    ("government in Damascus", "NOUN", "syria"), ("Kurdish YPG militia", "ORG", "ypg"),
    ("Houthi fighters", "NORP", "houthis"), ("the Kremlin", "GPE", "russia"),
])
def test_metonymy_demonyms_and_group_phrases(form: str, kind: str, key: str) -> None:
    actor = Resolver().actor_for(form, kind)
    assert actor is not None and actor.key == key


def test_acronym_definition_joins_both_forms_and_prefers_the_gazetteer() -> None:
    r = Resolver()
    ms = mentions(("Kurdish People's Protection Units", "ORG"), ("YPG", "ORG"))
    resolve_document([], ms, r, [Definition("Kurdish People's Protection Units", "YPG")])
    assert node_of(r, "YPG") == node_of(r, "Kurdish People's Protection Units") == {"ypg"}


def test_acronym_definition_of_an_unknown_group_makes_one_node_named_by_the_long_form() -> None:
    r = Resolver()
    ms = mentions(("Front for Northern Renewal", "ORG"), ("FNR", "ORG"), ("FNR", "ORG"))
    resolve_document([], ms, r, [Definition("Front for Northern Renewal", "FNR")])
    orgs = [a for a in r.actors.values() if a.type == "Organization"]
    assert len(orgs) == 1 and orgs[0].label == "Front for Northern Renewal" and "FNR" in orgs[0].aliases


def test_the_alliance_joins_the_one_alliance_named_before() -> None:
    r = Resolver()
    resolve_document([], mentions(("NATO", "ORG"), ("Russia", "GPE"), ("The alliance", "NOUN")), r)
    assert "alliance" in r.actors["nato"].aliases


@pytest.mark.parametrize("before", [[], [("NATO", "ORG"), ("OSCE", "ORG")]])
def test_the_alliance_with_no_or_several_candidates_joins_nothing(before: list[tuple[str, str]]) -> None:
    r = Resolver()
    resolve_document([], mentions(*before, ("the alliance", "NOUN")), r)
    assert not any("alliance" in a.aliases for a in r.actors.values() if a.type != "Group")


def test_the_group_in_a_claim_takes_the_document_antecedent() -> None:
    r = Resolver()
    ms = mentions(("Turkey", "GPE"), ("Kurdish YPG militia", "ORG"), ("Ankara", "GPE"), ("the group", "NOUN"))
    out = resolve_document([claim(ms[2], ms[3])], ms, r)
    assert [(c.subject.label, c.object.label) for c in out] == [("Turkey", "YPG")]


def test_unresolved_anaphor_drops_the_claim() -> None:
    r = Resolver()
    ms = mentions(("Hamas", "ORG"), ("Hezbollah", "ORG"), ("Iran", "GPE"), ("the group", "NOUN"))
    assert resolve_document([claim(ms[2], ms[3])], ms, r) == []


def test_overrides_merge_split_and_not_an_actor() -> None:
    overrides = parse_overrides("# corrections\nmerge\tSheikh Tamim\tQatar\nsplit\tWagner\n"
                                "not-an-actor\tReuters\n")
    r = Resolver(overrides=overrides)
    tamim = r.actor_for("Sheikh Tamim", "PERSON")
    assert tamim is not None and tamim.key == "qatar"
    wagner = r.actor_for("Wagner", "ORG")
    assert wagner is not None and wagner.key != "wagner_group"
    assert r.actor_for("Reuters", "ORG") is None
    assert r.actor_for("the Reuters", "ORG") is None


def _party_claims(overrides: str) -> tuple[Resolver, list[Claim]]:
    """Two documents' claims about a party written in two cases, resolved under ``overrides``."""
    r = Resolver(overrides=parse_overrides(overrides, "o.tsv"))
    kept = []
    for case in ("Conservative Party", "Conservative party", "Conservative Party"):
        ms = mentions((case, "ORG"), ("Ruritania", "GPE"))
        kept += resolve_document([claim(ms[0], ms[1])], ms, r)
    return r, kept


@pytest.mark.parametrize("lines", [
    "merge\tConservative party\tConservative Party\n",  # the case variant of issue 16 (331 -> 280 claims)
    "merge\tConservative Party\tConservative party\n",
    "merge\tConservative party\tCons\nmerge\tCons\tConservative Party\n",  # a chain ending at a variant
    "merge\tConservative party\tTories\nmerge\tTories\tConservative party\n",  # a cycle
])
def test_a_merge_onto_a_merged_form_keeps_the_actor_and_its_claims(lines: str) -> None:
    r, kept = _party_claims(lines)
    assert len(kept) == len(_party_claims("")[1]) == 3
    parties = {c.subject.id for c in kept}
    assert len(parties) == 1 and None not in parties
    assert len([a for a in r.actors.values() if "Conservative party" in a.aliases]) == 1


def test_a_merge_chain_ends_at_its_last_target() -> None:
    r = Resolver(overrides=parse_overrides("merge\tSheikh Tamim\tTamim\nmerge\tTamim\tQatar\n"))
    tamim = r.actor_for("Sheikh Tamim", "PERSON")
    assert tamim is not None and tamim.key == "qatar"


def test_overrides_that_match_no_mention_are_reported() -> None:
    r, _ = _party_claims("merge\tConservative party\tConservative Party\nsplit\tWagner\n"
                         "not-an-actor\tReuters\n")
    assert r.actor_for("the Reuters", "ORG") is None
    warnings = r.overrides.unmatched(r.overrides_matched)
    assert warnings == ["o.tsv: split 'Wagner' matched no mention; check its spelling or delete the line"]


@pytest.mark.parametrize("line", ["merge\tonly-one", "rename\tA\tB", "split", "not-an-actor\tA\tB"])
def test_bad_override_line_is_an_error_naming_the_line(line: str) -> None:
    with pytest.raises(InputError, match="line 2"):
        parse_overrides("# ok\n" + line + "\n", "o.tsv")


def test_actor_nodes_carry_label_alt_labels_and_wikidata() -> None:
    r = Resolver()
    resolve_document([], mentions(("Moscow", "GPE"), ("the Kremlin", "GPE"), ("Russian", "NORP")), r)
    graph = new_graph()
    iri = add_actor(graph, r.actors["russia"])
    assert graph.value(iri, RDFS.label) == Literal("Russia")
    assert {str(o) for o in graph.objects(iri, SKOS.altLabel)} >= {"Moscow", "Kremlin", "Russian"}
    assert graph.value(iri, OWL.sameAs) == URIRef("http://www.wikidata.org/entity/Q159")


def test_append_keeps_ids_and_new_mentions_join_existing_nodes() -> None:
    first = Resolver()
    resolve_document([], mentions(("Anna Berg", "PERSON"), ("Berg", "PERSON"), ("Free Tribes Union", "ORG")),
                     first)
    graph = new_graph()
    for actor in first.actors.values():
        add_actor(graph, actor)
    second = Resolver(actors_in(graph))
    resolve_document([], mentions(("Berg", "PERSON"), ("Free Tribes Union", "ORG")), second)
    assert set(second.actors) == set(first.actors)


def test_office_titled_surname_does_not_chain_to_a_relative_without_the_office() -> None:
    r = Resolver()
    resolve_document([], mentions(("Eric Trump", "PERSON"), ("President Trump", "PERSON")), r)
    assert node_of(r, "President Trump").isdisjoint(node_of(r, "Eric Trump"))


def test_office_titled_surname_chains_to_the_office_holder() -> None:
    r = Resolver()
    resolve_document([], mentions(("President Donald Trump", "PERSON"), ("Eric Trump", "PERSON"),
                                  ("President Trump", "PERSON")), r)
    assert node_of(r, "President Trump") == node_of(r, "Donald Trump")


def test_a_title_inside_a_name_is_not_stripped() -> None:
    r = Resolver()
    resolve_document([], mentions(("Martin Luther King Jr.", "PERSON")), r)
    assert [a.label for a in r.actors.values()] == ["Martin Luther King Jr."]


def test_headline_capitals_give_way_to_the_written_name() -> None:
    r = Resolver()
    resolve_document([], mentions(("KAMALA HARRIS", "PERSON")), r)
    resolve_document([], mentions(("Kamala Harris", "PERSON")), r)
    assert [a.label for a in r.actors.values()] == ["Kamala Harris"]


def test_the_readme_override_example_parses() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("read automatically")[1].split("```")[1]
    overrides = parse_overrides(block, "README.md")
    assert overrides.merge["sheikh tamim"] == "Qatar" and "wagner" in overrides.split
    assert "reuters" in overrides.not_actors


def test_surname_in_another_document_never_joins_a_person_whose_first_name_it_is() -> None:
    r = Resolver()
    resolve_document([], mentions(("Berg Olsen", "PERSON")), r)
    resolve_document([], mentions(("Berg", "PERSON")), r)
    assert len([a for a in r.actors.values() if a.type == "Person"]) == 2


@pytest.mark.parametrize("name", ["UN Medical Center", "NATO Defense College", "Russian Academy of Sciences"])
def test_institution_named_with_an_actor_word_is_its_own_organisation(name: str) -> None:
    actor = Resolver().actor_for(name, "ORG")
    assert actor is not None and actor.type == "Organization" and actor.label == name


def test_a_leaders_government_is_the_state_and_the_leader_stays_a_person() -> None:
    resolver = Resolver()
    found = mentions(("Cuba", "GPE"), ("President Nicolas Maduro", "PERSON"), ("the Maduro government", "NOUN"),
                     ("Maduro's regime", "NOUN"), ("Maduro", "PERSON"))
    resolve_document([], found, resolver)
    assert node_of(resolver, "Maduro government") == node_of(resolver, "Maduro's regime") == {"venezuela"}
    assert node_of(resolver, "Maduro") == {"person/nicolas_maduro"}


def test_a_leader_the_document_titles_with_a_demonym_names_that_states_government() -> None:
    resolver = Resolver()
    found = mentions(("Malian President Assimi Goita", "PERSON"), ("the Goita government", "NOUN"))
    resolve_document([], found, resolver)
    assert node_of(resolver, "Goita government") == {"mali"}
    assert node_of(resolver, "Assimi Goita") == {"person/assimi_goita"}


@pytest.mark.parametrize("generic", ["government troops", "the legitimate government", "the regime"])
def test_generic_government_is_the_one_government_the_document_names(generic: str) -> None:
    resolver = Resolver()
    resolve_document([], mentions(("Venezuelan government", "NORP"), (generic, "NOUN")), resolver)
    assert node_of(resolver, surface_of(generic)) == {"venezuela"}


def test_generic_government_with_two_governments_named_is_left_alone() -> None:
    resolver = Resolver()
    found = mentions(("Venezuelan government", "NORP"), ("the Maduro government", "NOUN"),
                     ("Colombian government", "NORP"), ("government troops", "NOUN"))
    resolve_document([], found, resolver)
    assert node_of(resolver, "government troops") == set()  # a plain mention: no node at all
    troops = Mention("government troops", 400, 416, "NOUN")
    out = resolve_document([claim(Mention("Cuba", 300, 304, "GPE"), troops)], found, Resolver())
    assert out[0].object.label == "government troops"  # a claim's participant keeps its own node


def test_demonym_description_is_the_one_group_based_there() -> None:
    resolver = Resolver()
    found = mentions(("Iran", "GPE"), ("Houthis", "ORG"), ("the Yemeni group", "NOUN"))
    inner = Mention("Yemeni group", found[2].start + 4, found[2].end, "NOUN")
    out = resolve_document([claim(found[0], inner)], found, resolver)
    assert node_of(resolver, "Yemeni group") == {"houthis"}
    assert out[0].object.id.endswith("/houthis")


@pytest.mark.parametrize("before", [
    [("YPG", "ORG"), ("PKK", "ORG")],   # two Kurdish groups: never guess
    [("Houthis", "ORG")],               # a Yemeni group is no Lebanese group
])
def test_demonym_description_with_no_or_two_fitting_groups_joins_none(before: list[tuple[str, str]]) -> None:
    resolver = Resolver()
    resolve_document([], mentions(*before, ("the Kurdish militia", "NOUN"), ("the Lebanese group", "NOUN")),
                     resolver)
    joined = {alias for a in resolver.actors.values() if a.type == "ArmedGroup" for alias in a.aliases}
    assert not {"Kurdish militia", "Lebanese group"} & joined


def test_a_description_in_apposition_defines_the_name() -> None:
    resolver = Resolver()
    found = mentions(("Houthis", "ORG"), ("Yemeni rebel movement", "NOUN"))
    resolve_document([], found, resolver, [Definition("Houthis", "Yemeni rebel movement")])
    assert node_of(resolver, "Yemeni rebel movement") == {"houthis"}


def surface_of(form: str) -> str:
    return form[4:] if form.startswith("the ") else form


@pytest.mark.parametrize("form", ["the government", "government officials"])
def test_bare_government_is_not_taken_for_the_one_foreign_government_named(form: str) -> None:
    resolver = Resolver()  # US home news that names Ukraine's government: "the government" is not Ukraine's
    resolve_document([], mentions(("Ukrainian government", "NORP"), (form, "NOUN")), resolver)
    assert surface_of(form) not in resolver.actors["ukraine"].aliases


def test_a_name_shaped_like_a_description_is_not_one() -> None:
    resolver = Resolver()
    found = mentions(("Trump", "ORG"), ("the Trump Organization", "ORG"))
    resolve_document([], found, resolver)
    assert len(node_of(resolver, "Trump Organization") | node_of(resolver, "Trump")) == 2


def test_government_nouns_come_from_the_data_with_their_uses() -> None:
    # "administration" names a leader's government but is never generic: "the administration" is the US.
    from graph.resolve.descriptions import is_generic_government, leader_government

    leaders = {"maduro": "venezuela"}
    assert leader_government("the administration of President Maduro", leaders) == "venezuela"
    assert leader_government("the regime of Maduro", leaders) == "venezuela"
    assert leader_government("the forces of Maduro", leaders) is None
    assert (is_generic_government("the legitimate regime"), is_generic_government("the legitimate administration")) \
        == (True, False)


def _chained(*forms: str) -> dict[str, str | None]:
    """Resolve PERSON mentions of one document in this order: form -> the label of the actor it joined."""
    from graph.resolve.document import resolve_with_context

    mentions, at = [], 0
    for form in forms:
        mentions.append(Mention(form, at, at + len(form), "PERSON"))
        at += len(form) + 10
    _, context = resolve_with_context([], mentions, Resolver())
    return {m.text: (a.label if (a := context.resolved.get((m.start, m.end))) else None) for m in mentions}


def test_ms_never_chains_to_the_person_the_document_calls_mr() -> None:
    found = _chained("Bernie Sanders", "Mr. Sanders", "Ms. Sanders", "Sanders")
    assert found["Mr. Sanders"] == found["Sanders"] == "Bernie Sanders"
    assert found["Ms. Sanders"] not in (None, "Bernie Sanders")


def test_mr_never_chains_to_the_person_the_document_calls_mrs() -> None:
    found = _chained("Sarah Sanders", "Mrs. Sanders", "Mr. Sanders")
    assert found["Mrs. Sanders"] == "Sarah Sanders"
    assert found["Mr. Sanders"] not in (None, "Sarah Sanders")
