"""The view's data, selection and size limit, without a browser (see test_view_browser.py for the page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.cli import app as cli
from graph.errors import InputError, UsageError
from graph.store.files import save_graph
from graph.view import render as view
from graph.view.data import collect_actors, collect_edges
from tests.view_graph import ACTORS, small_graph

RUSSIA, ASSAD, TURKEY, YPG, KAYA = (ACTORS[k].iri for k in ("russia", "assad", "turkey", "ypg", "kaya"))


@pytest.fixture(scope="module")
def edges():  # type: ignore[no-untyped-def]
    graph = small_graph()
    actors = collect_actors(graph)
    return actors, collect_edges(graph, actors)


def _keys(selected: list[view.Edge]) -> set[tuple[str, str, str]]:
    return {(e.source, e.relation, e.target) for e in selected}


def test_edges_carry_every_claim_with_speaker_and_flags(edges) -> None:  # type: ignore[no-untyped-def]
    _, found = edges
    by_key = {(e.source, e.relation, e.target): e for e in found}
    backing = by_key[(RUSSIA, "supports", ASSAD)]
    assert (backing.asserted, len(backing.evidence)) == (2, 3)
    assert [e.hedged for e in backing.evidence] == [False, False, True]  # weak claims listed last
    condemn = by_key[(TURKEY, "opposes", RUSSIA)].evidence[0]
    assert condemn.speaker == "Omer Kaya" and condemn.date == "2024-03-05" and condemn.document == "Report 4"
    assert condemn.extractor == "stance.v1" and backing.evidence[1].extractor.startswith("<img src=z")
    assert condemn.sentence[slice(*condemn.highlights[1][:2])] == "condemned"
    assert (TURKEY, "supports", YPG) not in by_key  # a negated claim never makes an edge


def test_filters_by_evidence_confidence_and_neighbourhood(edges) -> None:  # type: ignore[no-untyped-def]
    actors, found = edges
    assert _keys(view.select_edges(found, actors, None, 2, 2)) == {
        (RUSSIA, "supports", ASSAD), (TURKEY, "opposes", RUSSIA), (TURKEY, "opposes", YPG)}
    assert (TURKEY, "supports", RUSSIA) not in _keys(view.select_edges(found, actors, None, 2, 1, 0.6))
    one_hop = view.select_edges(found, actors, "the Kremlin", 1, 1)  # an alias finds the actor
    assert {e.source for e in one_hop} | {e.target for e in one_hop} == {RUSSIA, ASSAD, TURKEY}
    assert YPG in {e.target for e in view.select_edges(found, actors, "Moscow", 2, 1)}
    with pytest.raises(UsageError, match="no actor named 'Atlantis'"):
        view.select_edges(found, actors, "Atlantis", 2, 1)
    assert view.find_actor(actors, "kreml") == view.find_actor(actors, "Russia")  # part of a name, as the page's search
    with pytest.raises(UsageError, match=r"'a' names \d+ actors \("):
        view.find_actor(actors, "a")


def test_contested_pair_is_marked_and_curved_apart(edges) -> None:  # type: ignore[no-untyped-def]
    _, found = edges
    drawn = {(e["from"], e["relation"], e["to"]): e for e in view.view_edges(found)}
    support, oppose = drawn[(TURKEY, "supports", RUSSIA)], drawn[(TURKEY, "opposes", RUSSIA)]
    assert support["contested"] and oppose["contested"] and support["dashes"] and oppose["shadow"]
    assert support["smooth"]["roundness"] != oppose["smooth"]["roundness"]
    assert not drawn[(RUSSIA, "supports", ASSAD)]["contested"]
    assert not drawn[(YPG, "opposes", TURKEY)]["contested"]  # opposite directions are not a contest


def test_page_holds_untrusted_text_only_as_escaped_json() -> None:
    page = view.render_view(small_graph())
    assert "<img src=x" not in page and "</script><img" not in page
    data = re.search(r"const edges = new vis.DataSet\((.*?)\);\n", page)
    assert data is not None
    sentences = [ev["sentence"] for e in json.loads(data.group(1)) for ev in e["evidence"]]
    assert any("<img src=x onerror=window.pwned=1>" in s for s in sentences)
    assert "content=\"default-src 'none'; script-src 'unsafe-inline'" in page  # the CSP blocks every request


def test_too_many_actors_exits_1_with_a_filter_that_fits(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    save_graph(small_graph(), tmp_path / "g.ttl")
    monkeypatch.setattr(view, "MAX_ACTORS", 4)
    code = cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "v.html")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and not (tmp_path / "v.html").exists()
    assert err == ("stancegraph: error: the graph has 5 actors; the view holds 4: use --min-evidence 2 or "
                   "--actor Turkey --hops 2")
    assert cli.main(["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "v.html"), "--min-evidence", "2",
                     "--min-confidence", "0.85"]) == 0


def test_check_size_without_a_fitting_threshold_names_the_hub(edges, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    actors, found = edges
    monkeypatch.setattr(view, "MAX_ACTORS", 1)
    with pytest.raises(InputError, match=r"holds 1: use --actor Turkey --hops 2$"):
        view.check_size(found, actors, 1)
