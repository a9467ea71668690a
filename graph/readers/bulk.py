"""Many articles in one file: gzip-compressed JSONL (``.jsonl.gz``) and Parquet (``.parquet``), read as a stream.

Both hold one article a record with the JSONL fields (``id``, ``text``, optional ``title``, ``date``, ``url``,
``source``); a Parquet file has them as columns. Records are read a line or a row group at a time, so a file of
millions of articles never sits in memory whole. A bad record is reported and skipped; the others are read.
Parquet needs pyarrow (``pip install 'stancegraph[scale]'``).
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from graph.errors import InputError

GZIP_JSONL = ".jsonl.gz"
PARQUET = ".parquet"
FIELDS = ("id", "text", "title", "date", "url", "source")
_ROWS_AT_ONCE = 512


def is_bulk(path: Path) -> bool:
    """True for the file kinds this module reads.

    Examples:
        >>> is_bulk(Path("news/2024.JSONL.GZ")), is_bulk(Path("a.parquet")), is_bulk(Path("a.jsonl"))
        (True, True, False)
    """
    name = path.name.lower()
    return name.endswith(GZIP_JSONL) or name.endswith(PARQUET)


Fields = dict[str, str | None]


def read_bulk(path: Path) -> Iterator[Fields | InputError]:
    """Yield the ``Document`` fields of each good record of ``path`` and an ``InputError`` for each bad one.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = Path(tmp) / "news.jsonl.gz"
        ...     _ = path.write_bytes(gzip.compress(b'{"id": "a", "text": "Hi."}\\n{"id": "b"}\\n'))
        ...     [str(x) if isinstance(x, InputError) else x["id"] for x in read_bulk(path)]
        ['a', "news.jsonl.gz:2: no string 'text' field; each record needs one"]
    """
    if path.name.lower().endswith(PARQUET):
        yield from _read_parquet(path)
    else:
        yield from _read_gzip_jsonl(path)


def count_bulk(path: Path) -> int | None:
    """The number of records in ``path`` when that is cheap to know (a Parquet file's footer), else None."""
    if not path.name.lower().endswith(PARQUET):
        return None
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return None
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # a damaged file is reported when it is read
        return None


def document_fields(record: Mapping[str, Any], where: str) -> Fields | InputError:
    """A ``Document``'s fields from one record (its id defaults to ``where``), or an ``InputError`` naming
    ``where`` when it has no string ``text`` or a field holds a lone surrogate."""
    text = record.get("text")
    if not isinstance(text, str):
        return InputError(f"{where}: no string 'text' field; each record needs one")
    if (broken := lone_surrogate(record)) is not None:
        return InputError(f"{where}: {broken}")
    return {"id": str(record.get("id") or where), "text": text,
            **{name: _optional(record.get(name)) for name in ("title", "date", "url", "source")}}


_SURROGATE = re.compile("[\ud800-\udfff]")  # a "\ud800" escape in JSON that no second half completes


def lone_surrogate(record: Mapping[str, Any]) -> str | None:
    """What is wrong when a string field of ``record`` holds half of a character (a JSON ``"\\ud800"`` escape
    with no second half), else None."""
    for key, value in record.items():
        if isinstance(value, str) and (found := _SURROGATE.search(value)):
            return (f"the {key!r} field holds a lone surrogate (\\u{ord(found.group()):04x}), half of a character; "
                    f"fix the escape or remove the line")
    return None


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_gzip_jsonl(path: Path) -> Iterator[Fields | InputError]:
    number = 0
    try:
        with gzip.open(path, "rb") as lines:
            for number, raw in enumerate(lines, start=1):  # noqa: B007 -- ``number`` names the line after an error
                yield from _record_line(raw, f"{path.name}:{number}")
    except (OSError, EOFError, zlib.error) as err:
        yield InputError(f"{path}: damaged gzip file after line {number} ({type(err).__name__}); the lines before "
                         f"it were read; recompress the file or pass the rest separately")


def _record_line(raw: bytes, where: str) -> Iterator[Fields | InputError]:
    if not raw.strip():
        return
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        yield InputError(f"{where}: not valid UTF-8 (byte {err.start}); re-encode the line as UTF-8")
        return
    except json.JSONDecodeError as err:
        yield InputError(f"{where}: malformed JSON ({err.msg}); fix or remove the line")
        return
    yield document_fields(record, where) if isinstance(record, dict) else InputError(
        f"{where}: not a JSON object; each line needs one with a 'text' field")


def _read_parquet(path: Path) -> Iterator[Fields | InputError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow; install it with pip install 'stancegraph[scale]'"
                         ) from None
    try:
        table = pq.ParquetFile(path)
        columns = [name for name in FIELDS if name in table.schema_arrow.names]
        if "text" not in columns:
            raise InputError(f"{path}: no 'text' column (columns: {', '.join(table.schema_arrow.names)}); "
                             f"name the article text column 'text'")
        row = 0
        for batch in table.iter_batches(batch_size=_ROWS_AT_ONCE, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield document_fields(record, f"{path.name}:{row}")
    except InputError:
        raise
    except Exception as err:  # pyarrow's errors (ArrowInvalid, OSError) for a damaged or foreign file
        raise InputError(f"{path}: not a readable Parquet file ({type(err).__name__}); check the file") from None
