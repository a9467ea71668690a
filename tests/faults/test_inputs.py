"""Bad input is reported per document and the good documents are built: encodings, surrogates, binary files,
malformed JSONL, non-English text, standard input as bytes; over-long texts are parsed in pieces whose offsets are
the document's own. CLI probes run ``python -m graph.cli`` in a subprocess on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.nlp.pieces import pipe_pieces, split_text
from graph.readers.documents import Document
from tests.faults.probes import document_ids, labelled_edges, no_traceback, problems, run_cli

GOOD = "Iran continues to back the Houthi rebels in Yemen, officials in Sanaa said on Monday."
GOOD_TOO = "Turkey condemned the Kurdish militia after the bombing in Ankara on Tuesday."
LATIN1 = "Ankara c\u00e9de to Moscow on the pipeline deal, officials in the caf\u00e9 said on Friday."


def jsonl_line(doc_id: str, text: str) -> bytes:
    return json.dumps({"id": doc_id, "text": text}).encode()


@pytest.mark.model
def test_every_bad_document_is_one_line_and_the_good_ones_are_built(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (folder / "windows.txt").write_bytes(GOOD_TOO.encode("utf-16"))  # a byte-order mark: decoded, not refused
    (folder / "huge.txt").write_text((GOOD + "\n\n") * (10_000_000 // len(GOOD)), encoding="utf-8")
    (folder / "russian.txt").write_text("Президент России заявил во вторник, что Россия продолжит поддерживать "
                                        "правительство Сирии.", encoding="utf-8")
    (folder / "chinese.txt").write_text("俄罗斯总统普京周二表示，俄罗斯将继续支持叙利亚政府，"
                                        "并向大马士革提供更多援助。",
                                        encoding="utf-8")
    (folder / "lines.jsonl").write_bytes(b"\n".join([
        jsonl_line("j1", "Qatar sided with Turkey against the Saudi-led bloc, diplomats said."),
        b'{"id": "j2", "text": "Iran backs \\ud800 Hezbollah in Lebanon, officials said on Monday in Beirut."}',
        b'{"id": "j3", "text": "' + LATIN1.encode("latin-1") + b'"}',
        b'{"id": "j4", "text": "unterminated',
        b'{"id": "j5", "title": "no text"}',
        jsonl_line("j6", "Russia sent more jets to Syria to prop up the Assad government."),
    ]) + b"\n")
    out = tmp_path / "g.ttl"
    result = run_cli("build", folder, "-o", out)
    no_traceback(result)
    assert result.returncode == 1, result.stderr  # some documents were skipped
    lines = problems(result.stderr)
    expected = [
        f"{folder / 'binary.txt'}: binary file",
        "chinese.txt: does not look like English",
        "huge.txt: 10,",  # the number of characters, then what to do
        f"{folder / 'latin1.txt'}: not valid UTF-8 (byte 8)",
        f"{folder / 'lines.jsonl'}:2: the 'text' field holds a lone surrogate (\\ud800)",
        f"{folder / 'lines.jsonl'}:3: not valid UTF-8",
        f"{folder / 'lines.jsonl'}:4: malformed JSON",
        f"{folder / 'lines.jsonl'}:5: no string 'text' field",
        "russian.txt: does not look like English",
    ]
    assert len(lines) == len(expected), result.stderr
    # one line each; not in input order: the language is checked in the map step, and its lines come when the
    # map's results do, after the reader's lines about the documents read with them
    for start in expected:
        assert sum(line.startswith(f"stancegraph: warning: {start}") for line in lines) == 1, (start, lines)
    assert "split it into its articles" in next(line for line in lines if "huge.txt" in line)
    assert document_ids(out) == ["good.txt", "j1", "j6", "windows.txt"]
    assert {("Iran", "Houthis"), ("Qatar", "Turkey"), ("Russia", "Syria")} <= labelled_edges(out, "supports")
    assert ("Turkey", "Kurdish militia") in labelled_edges(out, "opposes")


@pytest.mark.model
def test_standard_input_is_read_as_bytes_and_decoded_as_a_file_is(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    latin = run_cli("build", "-", "-o", out, stdin=LATIN1.encode("latin-1"))
    no_traceback(latin)
    assert latin.returncode == 1
    assert problems(latin.stderr) == ["stancegraph: error: <stdin>: not valid UTF-8 (byte 8); re-encode it as "
                                      f"UTF-8; nothing written to {out}"]
    assert not out.exists()
    lines = jsonl_line("s1", GOOD) + b"\n" + b'{"id": "s2", "text": "' + LATIN1.encode("latin-1") + b'"}\n'
    mixed = run_cli("build", "-", "-o", out, stdin=lines)
    no_traceback(mixed)
    assert mixed.returncode == 1
    assert problems(mixed.stderr) == ["stancegraph: warning: <stdin>:2: not valid UTF-8 (byte 30 of the line); "
                                      "re-encode the file as UTF-8"]
    assert document_ids(out) == ["s1"]


@pytest.mark.parametrize("text,limit", [
    ("One.\n\nTwo two.\n\nThree three three.\n", 12),
    ("A line\nanother line\nand a third line\n", 15),
    ("First sentence. Second one here. Third.", 17),
    ("no breaks at all in this text", 7),
    ("x" * 50, 8),
    ("short", 100),
])
def test_pieces_join_back_into_the_text_and_stay_within_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


def test_pieces_are_cut_at_the_best_break_within_reach() -> None:
    text = "Para one.\nline two.\n\nPara two is here. And more."
    assert split_text(text, 30) == ["Para one.\nline two.\n\n", "Para two is here. And more."]
    assert split_text("Alpha beta. Gamma delta", 18) == ["Alpha beta. ", "Gamma delta"]


@pytest.mark.model
def test_a_text_over_max_length_is_parsed_in_pieces_with_its_own_offsets() -> None:
    from extractors.nlp.models import DEFAULT_MODEL
    from extractors.nlp.pipeline import load_pipeline
    from graph.pipeline import extract_documents
    from graph.resolve.resolver import Resolver

    nlp = load_pipeline(DEFAULT_MODEL)  # the pipeline extract_documents uses

    paragraphs = [GOOD, GOOD_TOO, "Russia sent more jets to Syria to prop up the Assad government.",
                  "Qatar sided with Turkey against the Saudi-led bloc, diplomats said."] * 3
    text = "Headline\n\n" + "\n\n".join(paragraphs) + "\n"
    whole = list(extract_documents([Document(id="d", text=text)], Resolver()))[0].claims
    limit = nlp.max_length
    nlp.max_length = 200  # the same pipeline, told that this text is too long for it
    try:
        parsed = list(pipe_pieces(nlp, [(text, "ctx")]))
        cut = list(extract_documents([Document(id="d", text=text)], Resolver()))[0].claims
    finally:
        nlp.max_length = limit
    assert len(parsed) == 1 and parsed[0][1] == "ctx" and parsed[0][0].text == text
    assert max(c.subject.start for c in cut) > 200  # claims from later pieces
    for claim in cut:
        for mention in (claim.subject, claim.object):
            assert text[mention.start:mention.end] == mention.text
        assert text[claim.sentence_start:claim.sentence_start + len(claim.sentence)] == claim.sentence
    key = [(c.relation, c.subject.start, c.object.start, c.sentence_index) for c in whole]
    assert [(c.relation, c.subject.start, c.object.start, c.sentence_index) for c in cut] == key
