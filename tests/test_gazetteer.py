"""The gazetteer data files: sourced, well-formed Wikidata ids; one actor per id; one actor per seat or demonym."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from extractors.lexicon import actors, ambiguous_forms, read_table
from extractors.nlp.pipeline import gazetteer_patterns
from graph.resolve.gazetteer import lookup, lookup_demonym, normalise

TABLES = ("states.tsv", "actors.tsv")


@pytest.mark.parametrize("table", TABLES)
def test_wikidata_ids_are_well_formed(table: str) -> None:
    bad = [(row["key"], row["wikidata"]) for row in read_table(table)
           if row["wikidata"] and not re.fullmatch(r"Q[1-9]\d*", row["wikidata"])]
    assert bad == []


def test_every_id_in_actors_tsv_names_its_source() -> None:
    unsourced = [row["key"] for row in read_table("actors.tsv") if row["wikidata"] and not row["source"]]
    assert unsourced == []


@pytest.mark.parametrize("table", TABLES)
def test_header_says_where_ids_come_from(table: str) -> None:
    from importlib import resources

    header = [line for line in resources.files("extractors").joinpath("data", table).read_text(
        encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("wikidata" in line.lower() and ("source" in line.lower() or "from" in line.lower())
               for line in header)


def test_no_id_labels_two_actors() -> None:
    keys_by_id: dict[str, set[str]] = defaultdict(set)
    for table in TABLES:
        for row in read_table(table):
            if row["wikidata"]:
                keys_by_id[row["wikidata"]].add(row["key"])
    assert {qid: keys for qid, keys in keys_by_id.items() if len(keys) > 1} == {}


def test_tables_that_both_carry_an_id_agree() -> None:
    states = {row["key"]: row["wikidata"] for row in read_table("states.tsv")}
    clashes = [(row["key"], row["wikidata"], states[row["key"]]) for row in read_table("actors.tsv")
               if row["key"] in states and row["wikidata"] and states[row["key"]] and
               row["wikidata"] != states[row["key"]]]
    assert clashes == []


def test_states_cover_un_members_observers_and_de_facto_states() -> None:
    states = {e.label for e in actors() if e.type == "State"}
    assert len(states) >= 195
    for name in ("Taiwan", "Kosovo", "Palestine", "Western Sahara", "Northern Cyprus", "Abkhazia", "South Ossetia",
                 "Somaliland", "Transnistria", "Vatican City", "Eswatini", "North Macedonia", "Tuvalu"):
        assert name in states, name


def test_every_form_names_one_actor_or_is_listed_as_ambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in actors():
        for form in (entry.label, *entry.aliases, *entry.seats, *entry.demonyms):
            owners[normalise(form)].add(entry.key)
    documented = {normalise(form) for form in ambiguous_forms()}
    shared = {form: keys for form, keys in owners.items() if len(keys) > 1 and form not in documented}
    assert shared == {}


def test_ambiguous_forms_point_at_real_actors() -> None:
    keys = {e.key for e in actors()}
    assert [a for a in ambiguous_forms().values() if a and a not in keys] == []


@pytest.mark.parametrize(("form", "key"), [
    ("the Kremlin", "russia"), ("Moscow", "russia"), ("Russians", "russia"), ("White House", "united_states"),
    ("Downing Street", "united_kingdom"), ("Élysée", "france"), ("Elysee", "france"), ("Zhongnanhai", "china"),
    ("ISIL", "islamic_state"), ("Daesh", "islamic_state"), ("Ansar Allah", "houthis"), ("HTS", "hts"),
    ("Brussels", "european_union"), ("Türkiye", "turkey"), ("Swaziland", "swaziland"), ("Eswatini", "swaziland"),
])
def test_forms_resolve_to_their_actor(form: str, key: str) -> None:
    entry = lookup(form)
    assert entry is not None and entry.key == key


def test_ambiguous_capital_resolves_to_nobody_and_is_never_tagged() -> None:
    assert lookup("Victoria") is None
    assert not any(p["pattern"] == "Victoria" for p in gazetteer_patterns())


def test_seat_is_not_a_demonym() -> None:
    assert lookup_demonym("Moscow") is None
    entry = lookup_demonym("Russian")
    assert entry is not None and entry.key == "russia"


def test_no_bare_iso_code_or_native_one_word_name_becomes_an_alias() -> None:
    iceland = next(e for e in actors() if e.key == "iceland")
    assert "IS" not in iceland.aliases and "Island" not in iceland.aliases
    entry = lookup("IS")
    assert entry is not None and entry.key == "islamic_state"


def test_state_ids_come_from_states_tsv() -> None:
    russia = next(e for e in actors() if e.key == "russia")
    assert russia.wikidata == "Q159" and "Kremlin" in russia.seats and "Russian" in russia.demonyms


def test_a_groups_base_is_a_state_key_or_a_people() -> None:
    keys = {entry.key for entry in actors() if entry.type == "State"}
    bases = {(entry.key, place) for entry in actors() for place in entry.base}
    assert ("hezbollah", "lebanon") in bases and ("ypg", "kurdish") in bases
    for key, place in bases:
        assert place in keys or (place.isalpha() and place.islower() and lookup(place) is None), (key, place)


def test_leaders_table_names_real_states_and_distinct_forms() -> None:
    keys = {entry.key for entry in actors() if entry.type == "State"}
    rows = read_table("leaders.tsv")
    assert rows and all(row["state"] in keys for row in rows)
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in (row["person"], *row["short"].split("|")):
            owners[normalise(form)].add(row["state"])
    assert all(len(states) == 1 for states in owners.values()), owners
