"""Resolution through the real model and CLI: mentions of a parsed document, traps, overrides, --append."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from spacy.language import Language

from graph.resolve.document import resolve_document
from graph.resolve.mentions import document_mentions
from graph.resolve.resolver import Resolver
from ontology import SG

pytestmark = pytest.mark.model

ARTICLE = (
    "Border clashes resume\n\n"
    "The Eastern Liberation Front (ELF) attacked a convoy near the border on Monday, said Colonel Ruth Amsel. "
    "Amsel said the ELF had been armed by Iran. Flights resumed at King Fahd International Airport later.\n\n"
    "Nadia Volk, a fellow at the Moscow Carnegie Center, said the Kremlin would not intervene.\n\n"
    "Photo: soldiers at the airport. (Reuters/Peter Quill)\n\n"
    "Follow Jane Roe on Twitter: @janeroe\n"
)


def labels_by_node(graph: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s, _, o in graph.triples((None, RDFS.label, None)):
        out.setdefault(str(s), set()).add(str(o))
    for s, _, o in graph.triples((None, SKOS.altLabel, None)):
        out.setdefault(str(s), set()).add(str(o))
    return out


def node_with(graph: Graph, form: str) -> str | None:
    return next((node for node, forms in labels_by_node(graph).items() if form in forms), None)


def test_document_mentions_skip_credits_places_and_handles(nlp: Language) -> None:
    found, definitions = document_mentions(nlp(ARTICLE))
    texts = {m.text for m in found}
    assert "Ruth Amsel" in texts and "Nadia Volk" in texts
    assert not any("Quill" in t or "Roe" in t or "janeroe" in t for t in texts)
    assert not any("King Fahd" in t for t in texts)
    assert ("Eastern Liberation Front", "ELF") in {(d.long, d.short) for d in definitions}


def test_resolved_document_keeps_think_tank_and_state_apart(nlp: Language) -> None:
    resolver = Resolver()
    found, definitions = document_mentions(nlp(ARTICLE))
    resolve_document([], found, resolver, definitions)
    carnegie = [a for a in resolver.actors.values() if "Carnegie" in a.label]
    assert len(carnegie) == 1 and carnegie[0].type == "Organization"
    assert "Kremlin" in resolver.actors["russia"].aliases
    assert not any("Moscow Carnegie" in alias for alias in resolver.actors["russia"].aliases)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=600)


def test_build_applies_the_default_override_file_and_append_keeps_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ruth Amsel said Iran backs the Eastern Liberation Front. Amsel spoke in "
                                    "Geneva.\n", encoding="utf-8")
    out = tmp_path / "out" / "g.ttl"
    out.parent.mkdir()
    (out.parent / "stancegraph-overrides.tsv").write_text("not-an-actor\tNadia Volk\n", encoding="utf-8")
    assert run("build", str(tmp_path / "a.txt"), "-o", str(out)).returncode == 0
    first = Graph().parse(out)
    assert node_with(first, "Nadia Volk") is None
    amsel, elf = node_with(first, "Ruth Amsel"), node_with(first, "ELF")
    assert amsel is not None and elf is not None and elf == node_with(first, "Eastern Liberation Front")
    assert run("build", str(tmp_path / "b.txt"), "-o", str(out), "--append").returncode == 0
    second = Graph().parse(out)
    assert node_with(second, "Ruth Amsel") == amsel
    assert node_with(second, "Eastern Liberation Front") == elf
    people = [node for node, forms in labels_by_node(second).items() if "Amsel" in forms]
    assert people == [amsel]
    assert (None, RDFS.label, Literal("Amsel")) not in second


def test_a_merge_between_case_variants_keeps_the_party_and_an_unmatched_line_warns(tmp_path: Path) -> None:
    """Issue 16: 'merge<TAB>Conservative party<TAB>Conservative Party' deleted the party and its claims, exit 0."""
    (tmp_path / "a.txt").write_text(
        "The Conservative Party opposes the new tax, and the Conservative party backs Ruritania in the dispute.\n"
        "Ruritania welcomed the support of the Conservative Party. The Labour Party criticised the Conservative "
        "party.\n", encoding="utf-8")
    overrides = tmp_path / "o.tsv"
    overrides.write_text("merge\tConservative party\tConservative Party\nsplit\tWagner Group\n", encoding="utf-8")
    plain, merged = tmp_path / "plain.ttl", tmp_path / "merged.ttl"
    assert run("build", str(tmp_path / "a.txt"), "-o", str(plain)).returncode == 0
    result = run("build", str(tmp_path / "a.txt"), "-o", str(merged), "--overrides", str(overrides))
    assert result.returncode == 0
    assert "'Wagner Group' matched no mention" in result.stderr and "Conservative party'" not in result.stderr
    claims = [len(list(Graph().parse(path).subjects(RDF.type, SG.StanceClaim))) for path in (plain, merged)]
    assert claims[1] == claims[0] > 0
    graph = Graph().parse(merged)
    party = node_with(graph, "Conservative Party")
    assert party is not None and party == node_with(graph, "Conservative party")


def test_bad_override_file_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "o.tsv"
    bad.write_text("merge\tonly one form\n", encoding="utf-8")
    result = run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl"), "--overrides", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "o.tsv, line 1" in result.stderr
    assert not (tmp_path / "g.ttl").exists()


def test_dateline_is_not_an_acronym_definition(nlp: Language) -> None:
    _, definitions = document_mentions(nlp("WASHINGTON (AP) — The Eastern Liberation Front (ELF) said on Monday "
                                           "that it would talk.\n"))
    assert {(d.long, d.short) for d in definitions} == {("Eastern Liberation Front", "ELF")}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Experts at the Carnegie Moscow Center disagreed.", "Carnegie Moscow Center", "ORG"),
    ("A fellow at the Washington Institute for Near East Policy said so.", "Washington Institute for Near East Policy",
     "ORG"),
    ("Flights resumed at King Fahd International Airport on Monday.", "King Fahd International Airport", "FAC"),
    ("Jets took off from the Hmeimim air base near Latakia.", "Hmeimim air base", "FAC"),
])
def test_capital_or_person_inside_a_longer_name_stays_inside_it(nlp: Language, text: str, name: str,
                                                                label: str) -> None:
    assert (name, label) in {(e.text, e.label_) for e in nlp(text).ents}


DESCRIBED = (
    "Saudi Arabia backs the Hadi government against the Houthis, the Yemeni rebel movement that controls Sanaa. "
    "The Yemeni group, which Iran arms, fights government troops near Marib. Bashar al-Assad was not mentioned.\n\n"
    "Cuba supports the Maduro government. President Nicolas Maduro thanked Havana."
)


def resolved(nlp: Language, text: str) -> Resolver:
    resolver = Resolver()
    found, definitions = document_mentions(nlp(text))
    resolve_document([], found, resolver, definitions)
    return resolver


def aliases_of(resolver: Resolver, key: str) -> set[str]:
    return resolver.actors[key].aliases if key in resolver.actors else set()


def test_apposition_and_demonym_description_join_the_named_group(nlp: Language) -> None:
    houthis = aliases_of(resolved(nlp, DESCRIBED), "houthis")
    assert {"Yemeni rebel movement", "Yemeni group"} <= houthis


def test_leader_governments_are_states_and_leaders_stay_people(nlp: Language) -> None:
    resolver = resolved(nlp, DESCRIBED)
    assert "Hadi government" in aliases_of(resolver, "yemen")
    assert "Maduro government" in aliases_of(resolver, "venezuela")
    assert "Nicolas Maduro" not in aliases_of(resolver, "venezuela")
    assert any(a.type == "Person" and a.label == "Nicolas Maduro" for a in resolver.actors.values())


def test_government_troops_need_one_government_in_the_document(nlp: Language) -> None:
    two = resolved(nlp, DESCRIBED)  # Yemen's and Venezuela's governments: "government troops" stays unresolved
    assert not any("government troops" in a.aliases for a in two.actors.values())
    one = resolved(nlp, DESCRIBED.split("\n\n")[0])
    assert "government troops" in aliases_of(one, "yemen")


def test_a_pro_or_anti_state_government_is_not_that_states(nlp: Language) -> None:
    resolver = resolved(nlp, "Manafort worked for Ukraine's pro-Russia government in 2012.")
    assert not any("government" in alias for alias in aliases_of(resolver, "russia"))


@pytest.mark.parametrize("text", [
    "Essar is linked with Hutchison Whampoa, the Sterling group and the Tata group.",
    "The deal went to Hutchison Whampoa, the Sterling group, on Monday.",
])
def test_a_named_or_listed_group_after_a_name_is_no_description_of_it(nlp: Language, text: str) -> None:
    _, definitions = document_mentions(nlp(text))
    assert not any("Sterling" in d.short for d in definitions)
