"""A document's id is its key: a duplicate id in one run, and an id the graph holds for another text, are reported
and skipped; ``--append --replace`` replaces the old document in a store and in a graph file. Real CLI runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.store.location import open_store
from tests.faults.probes import document_ids, labelled_edges, no_traceback, problems, run_cli, sentences_with

pytestmark = pytest.mark.model

IRAN = "Iran continues to back the Houthi rebels in Yemen."
RUSSIA = "Russia sent more jets to Syria to prop up the Assad government."
TURKEY = "Turkey condemned the Kurdish militia after the bombing in Ankara."
QATAR = "Qatar sided with Turkey against the Saudi-led bloc."


def write_jsonl(path: Path, *records: tuple[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in records),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["news", "graph.ttl"])
def test_another_text_under_a_known_id_is_skipped_unless_replace(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    first = write_jsonl(tmp_path / "first.jsonl", ("a", f"{IRAN} {RUSSIA}"), ("b", f"{QATAR} {IRAN}"),
                        ("a", TURKEY))
    built = run_cli("build", first, "-o", out)
    no_traceback(built)
    assert built.returncode == 1  # a document was skipped
    assert problems(built.stderr) == ["stancegraph: warning: a: a second document with this id in the input; "
                                      "skipped (give each document its own id)"]
    assert document_ids(out) == ["a", "b"] and sentences_with(out, "Kurdish militia") == 0

    update = write_jsonl(tmp_path / "update.jsonl", ("a", TURKEY))
    refused = run_cli("build", update, "-o", out, "--append")
    assert refused.returncode == 1, refused.stderr
    lines = problems(refused.stderr)
    assert len(lines) == 1 and lines[0].startswith("stancegraph: error: a: the graph holds another text under "
                                                   "this id") and "--replace" in lines[0], refused.stderr
    assert document_ids(out) == ["a", "b"] and sentences_with(out, "Kurdish militia") == 0

    replaced = run_cli("build", update, "-o", out, "--append", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "1 replaced" in replaced.stderr
    assert document_ids(out) == ["a", "b"]  # one document a, with the new text
    assert sentences_with(out, "Kurdish militia") == 1 and sentences_with(out, "Assad") == 0
    supports, opposes = labelled_edges(out, "supports"), labelled_edges(out, "opposes")
    assert ("Turkey", "Kurdish militia") in opposes
    assert ("Russia", "Syria") not in supports  # only the old text of a said so
    assert ("Iran", "Houthis") in supports  # b says so too
    assert ("Qatar", "Turkey") in supports


def test_a_replaced_text_given_again_under_another_id_counts_the_same_whenever_the_replacement_commits(
        tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", ("a", IRAN))
    update = write_jsonl(tmp_path / "update.jsonl", ("a", TURKEY), ("b", RUSSIA), ("c", IRAN))
    outcomes = []
    for chunk in (1, 100):  # a's replacement commits before c is looked up, or after the whole run
        out = tmp_path / f"news-{chunk}"
        assert run_cli("build", first, "-o", out).returncode == 0
        done = run_cli("build", update, "-o", out, "--append", "--replace", "--jobs", "1", "--partition-size", "1",
                       "--chunk-size", chunk)
        assert done.returncode == 0, done.stderr
        summary = [line.split(": ", 1)[1] for line in done.stderr.splitlines() if "already there" in line]
        outcomes.append((summary, document_ids(out), set(open_store(out).quads_for_pattern(None, None, None))))
    assert outcomes[0] == outcomes[1]


def test_replace_goes_with_append(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ("a", IRAN))
    result = run_cli("build", source, "-o", tmp_path / "g.ttl", "--replace")
    assert result.returncode == 2
    assert problems(result.stderr) == ["stancegraph: error: --replace goes with --append (it replaces documents of "
                                       "an existing graph); add --append"]
    assert not (tmp_path / "g.ttl").exists()
