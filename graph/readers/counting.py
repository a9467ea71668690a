"""How many articles the inputs hold, when that is cheap to know: the progress bar's total."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph.readers.bulk import count_bulk, is_bulk
from graph.readers.documents import JSONL_SUFFIXES, NOT_ARTICLES, SUPPORTED

_CHUNK = 1 << 20


def count_documents(inputs: Sequence[str]) -> int | None:
    """The number of articles in ``inputs`` (one a text or HTML file, one a JSONL line, a Parquet file's row
    count), or None when some input cannot be counted without reading it through (stdin, ``.jsonl.gz``).
    Unreadable articles are counted too: the total is what the progress bar may reach.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     for name, text in [("a.txt", "A."), ("b.jsonl", '{"text": "B."}\\n{"text": "C."}\\n'),
        ...                        ("README.md", "about"), ("c.csv", "x")]:
        ...         _ = (Path(tmp) / name).write_text(text)
        ...     count_documents([tmp]), count_documents([tmp, "-"])
        (3, None)
    """
    total = 0
    for raw in inputs:
        if raw == "-":
            return None
        path = Path(raw)
        files = (p for p in path.rglob("*") if p.is_file() and p.stem.upper() not in NOT_ARTICLES) \
            if path.is_dir() else [path]
        for file in files:
            found = _count_file(file)
            if found is None:
                return None
            total += found
    return total


def _count_file(path: Path) -> int | None:
    if is_bulk(path):
        return count_bulk(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED or not path.is_file():
        return 0
    if suffix not in JSONL_SUFFIXES:
        return 1
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return lines + (last != b"\n")
