"""The actor knowledge base (extractors/kb): ids, sources, licences, the overlay, and agreement between sources."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from extractors.kb import KnowledgeBase, load_kb, name_key
from extractors.kb.actors import FILES, overlay_rows, read_rows
from extractors.kb.build import ID_PATTERN, check_rows, main
from extractors.kb.rows import LICENCES, SHARE_ALIKE, TYPES, Row
from extractors.lexicon import read_table

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "data" / "kb"  # beside the project, as the other sets
GENERATED = [row for name in FILES for row in read_rows(name)]


def _rows_by_id() -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in GENERATED:
        grouped[row["id"]].append(row)
    return grouped


def test_every_id_is_well_formed() -> None:
    bad = [row["id"] for row in [*GENERATED, *overlay_rows()] if not ID_PATTERN.match(row["id"])]
    assert bad == []


def test_every_row_names_its_source_and_a_licence_we_may_ship() -> None:
    assert all(row["source"] and row["licence"] in LICENCES for row in GENERATED)
    assert all(row["type"] in TYPES for row in [*GENERATED, *overlay_rows()])


def test_share_alike_rows_are_kept_apart_and_marked() -> None:
    main_file, share_alike = read_rows(FILES[0]), read_rows(FILES[1])
    assert share_alike and all(row["licence"] in SHARE_ALIKE for row in share_alike)
    assert not any(row["licence"] in SHARE_ALIKE for row in main_file)
    assert load_kb().get("Q458") is not None and load_kb().get("Q458").share_alike  # type: ignore[union-attr]
    assert not load_kb(share_alike=False).get("Q458").share_alike  # type: ignore[union-attr]


def test_no_id_is_given_to_two_different_actors() -> None:
    """Rows sharing an id agree on the type; states on their ISO code; people share a name."""
    clashes = []
    for actor_id, rows in _rows_by_id().items():
        if len({row["type"] for row in rows}) > 1:
            clashes.append((actor_id, "type"))
        if rows[0]["type"] == "State" and len({row["countries"] for row in rows}) > 1:
            clashes.append((actor_id, "country"))
        if rows[0]["type"] == "Person":
            names = [{name_key(n) for n in [row["label"], *row["aliases"].split("|")] if n} for row in rows]
            if not set.intersection(*names):
                clashes.append((actor_id, "name"))
    assert clashes == []


def test_the_build_refuses_an_id_on_two_types_and_a_malformed_id() -> None:
    rows = [Row("Q1", "Party", "A", "partyfacts", "MIT"), Row("Q1", "ArmedGroup", "A", "ucdp", "CC-BY-4.0"),
            Row("Q 2", "State", "B", "factbook", "CC0-1.0")]
    problems = check_rows(rows)
    assert any("Q1" in p and "types" in p for p in problems) and any("'Q 2'" in p for p in problems)


# Where the sources really differ, each one right in its own way.
_PREDECESSORS = {"DDR": "DEU"}  # Party Facts files Alliance 90 (Q446007) under the GDR, ParlGov under Germany
_STATE_IDS = {"Denmark": "Q756617"}  # country-coder: the Kingdom of Denmark (realm); country-codes: Denmark, Q35


def test_parties_in_two_sources_agree_on_their_country() -> None:
    """Party Facts and ParlGov name the same country for a party (a territory's party is its state's too)."""
    disagree = []
    for actor_id, rows in _rows_by_id().items():
        by_source = {row["source"]: {_PREDECESSORS.get(c, c) for c in row["countries"].split("|")} for row in rows}
        if {"partyfacts", "parlgov"} <= by_source.keys() and not by_source["partyfacts"] & by_source["parlgov"]:
            disagree.append(actor_id)
    assert disagree == []


def test_the_kb_states_carry_the_wikidata_ids_of_the_gazetteer_states() -> None:
    """Two independent sources of state ids (country-codes and the Factbook here, country-coder in states.tsv)."""
    kb = load_kb()
    missing = []
    for row in read_table("states.tsv"):
        states = {actor.id for actor in kb.candidates(row["label"]) if actor.type == "State"}
        expected = row["wikidata"] if _STATE_IDS.get(row["label"]) != row["wikidata"] else ""
        if expected and states and expected not in states:
            missing.append((row["label"], row["wikidata"], states))
    assert missing == []
    assert len(kb.candidates("France")) == 1 and kb.candidates("France")[0].id == "Q142"


def test_overlay_ids_are_sourced_or_project_ids() -> None:
    """An overlay id is one the generated KB has, with the same type, or a project id ``sg:``: never typed in."""
    generated = _rows_by_id()
    unsourced = [row["id"] for row in overlay_rows() if not row["id"].startswith("sg:")
                 and not any(g["type"] == row["type"] for g in generated.get(row["id"], []))]
    assert unsourced == []
    assert all(row["evidence"] for row in overlay_rows())
    assert all(row["label"] for row in overlay_rows() if row["id"].startswith("sg:"))


@pytest.mark.parametrize(("name", "expected"), [
    ("Tories", "Q9626"), ("Lib Dems", "Q9624"), ("GOP", "Q29468"), ("Dems", "Q29552"), ("Downing Street", "Q145"),
    ("Britain", "Q145"), ("the Kremlin", "Q159"), ("NATO", "Q7184"), ("Xi Jinping", "factbook:ch_xi_jinping"),
    ("Pentagon", "sg:us_department_of_defense"), ("Islamic State", "ucdp:234"),
])
def test_news_names_find_their_actor(name: str, expected: str) -> None:
    assert expected in {actor.id for actor in load_kb().candidates(name)}


def test_a_name_that_is_another_groups_name_now_is_not_an_old_alias() -> None:
    """UCDP gives Darul Islam the original English name "Islamic State"; only IS keeps it."""
    assert [actor.label for actor in load_kb().candidates("Islamic State")] == ["IS"]


def test_rows_of_one_id_merge_into_one_actor_with_every_source() -> None:
    kb = KnowledgeBase.from_rows([
        {"id": "Q7", "type": "Party", "label": "Party of Ruritania", "aliases": "PR", "countries": "RUR",
         "source": "partyfacts", "licence": "MIT"},
        {"id": "Q7", "type": "Party", "label": "Ruritanian Party", "aliases": "", "countries": "RUR",
         "source": "parlgov", "licence": "CC0-1.0"},
        {"id": "Q7", "type": "Party", "label": "", "aliases": "Rurries", "countries": "RUR", "source": "overlay",
         "licence": "CC0-1.0"}])
    actor = kb.get("Q7")
    assert actor is not None and len(kb) == 1
    assert actor.label == "Party of Ruritania" and actor.ontology_type == "Organization"
    assert set(actor.names) == {"Party of Ruritania", "Ruritanian Party", "PR", "Rurries"}
    assert actor.sources == ("overlay", "partyfacts", "parlgov") and not actor.share_alike
    assert [a.id for a in kb.candidates("rurries")] == ["Q7"]


def test_the_kb_is_read_once() -> None:
    assert load_kb() is load_kb()


def test_the_shipped_files_stay_compact() -> None:
    data = Path(__file__).resolve().parents[1] / "extractors" / "kb" / "data"
    assert sum(path.stat().st_size for path in data.iterdir()) < 5_000_000


@pytest.mark.skipif(not (SOURCES / "SOURCE.md").is_file(), reason="the KB sources (shared/data/kb) are not here")
def test_the_build_script_makes_the_shipped_files(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    assert main([str(SOURCES), "-o", str(tmp_path)]) == 0
    data = Path(__file__).resolve().parents[1] / "extractors" / "kb" / "data"
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), f"{name}: rebuild and commit it"


def test_the_build_without_sources_says_what_to_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "SOURCE.md" in err and "Traceback" not in err
