"""Many articles in one file (graph/readers/bulk.py): .jsonl.gz and Parquet read a record at a time into the same
documents as the plain JSONL, bad records reported and skipped, and the progress bar's count (counting.py)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from graph.errors import InputError
from graph.readers.counting import count_documents
from graph.readers.documents import Document, read_documents

RECORDS = [
    {"id": "r1", "text": "Qatar sided with Turkey against the Saudi-led bloc.", "title": "Gulf", "date": "2017-06-05",
     "url": "https://news.example/r1", "source": "Example News"},
    {"id": "r2", "text": "Iran continues to back the Houthi rebels in Yemen.", "title": None, "date": None,
     "url": None, "source": None},
    {"id": "r3", "text": "The Kremlin praised Beijing for its neutral stance on the war.", "title": "Kremlin",
     "date": "2022-03-01", "url": None, "source": "Wire"},
]


def _jsonl(records: list[dict[str, str | None]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


def _read(*paths: Path) -> tuple[list[Document], list[str]]:
    errors: list[InputError] = []
    return list(read_documents([str(p) for p in paths], errors.append)), [str(e) for e in errors]


@pytest.fixture()
def plain(tmp_path: Path) -> list[Document]:
    path = tmp_path / "plain.jsonl"
    path.write_bytes(_jsonl(RECORDS))
    documents, errors = _read(path)
    assert errors == [] and len(documents) == 3
    return documents


def test_a_gzipped_jsonl_file_gives_the_documents_of_the_plain_one(plain: list[Document], tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl(RECORDS)))
    assert _read(path) == (plain, [])


def test_a_parquet_file_gives_the_documents_of_the_jsonl_one(plain: list[Document], tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist([{**r, "extra": 1} for r in RECORDS]), path, row_group_size=2)
    assert _read(path) == (plain, [])
    assert count_documents([str(path)]) == 3


def test_a_directory_finds_the_bulk_files_among_the_articles(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "jan.jsonl.gz").write_bytes(gzip.compress(_jsonl(RECORDS[:2])))
    pq.write_table(pa.Table.from_pylist(RECORDS[2:]), tmp_path / "feb.parquet")
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"not articles"))
    documents, errors = _read(tmp_path)
    assert sorted(d.id for d in documents) == ["r1", "r2", "r3"] and errors == []
    assert count_documents([str(tmp_path)]) is None  # a .jsonl.gz is not counted without reading it through


def test_bad_lines_of_a_gzipped_file_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    lines = _jsonl(RECORDS[:1]) + b"{not json\n" + b'{"id": "x", "text": "\xff\xfe bad bytes"}\n' + b'[1, 2]\n' \
        + _jsonl(RECORDS[1:])
    path.write_bytes(gzip.compress(lines))
    documents, errors = _read(path)
    assert [d.id for d in documents] == ["r1", "r2", "r3"]
    assert [e.split(":")[1] for e in errors] == ["2", "3", "4"]
    assert "malformed JSON" in errors[0] and "not valid UTF-8" in errors[1] and "not a JSON object" in errors[2]


def test_a_damaged_gzip_file_is_read_up_to_the_damage_and_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    whole = gzip.compress(_jsonl(RECORDS * 400), compresslevel=1)
    path.write_bytes(whole[: len(whole) // 2])  # a download cut in the middle
    errors: list[InputError] = []
    stream = read_documents([str(path)], errors.append)
    assert next(stream).id == "r1" and errors == []  # the first article comes before the damage is reached
    rest = list(stream)
    assert 0 < len(rest) < 1199
    assert len(errors) == 1 and "damaged gzip file after line" in str(errors[0])


def test_a_parquet_file_without_a_text_column_names_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "Iran backs the Houthis."}]), path)
    documents, errors = _read(path)
    assert documents == [] and errors == [f"{path}: no 'text' column (columns: id, body); name the article text "
                                          f"column 'text'"]


def test_without_pyarrow_a_parquet_input_says_which_extra_to_install(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(RECORDS), path)
    code = ("import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None\n"
            "from graph.cli.app import main\nsys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", code, "build", str(path), "-o", str(tmp_path / "g.ttl")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"stancegraph: error: {path}: reading Parquet needs pyarrow; install it with pip install "
        f"'stancegraph[scale]'; nothing written to {tmp_path / 'g.ttl'}"]


def test_a_lone_surrogate_in_a_gzipped_line_is_reported_as_in_a_plain_file(tmp_path: Path) -> None:
    lines = b'{"id": "r1", "text": "Iran backs Hamas."}\n{"id": "r2", "text": "half \\ud800 of it"}\n'
    (tmp_path / "news.jsonl").write_bytes(lines)
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress(lines))
    plain, gzipped = _read(tmp_path / "news.jsonl"), _read(tmp_path / "news.jsonl.gz")
    assert [d.id for d in plain[0]] == [d.id for d in gzipped[0]] == ["r1"]
    assert len(gzipped[1]) == 1 and "lone surrogate" in gzipped[1][0] and "lone surrogate" in plain[1][0]
