"""Read articles from .txt/.md, .html, .jsonl files, directories and stdin into ``Document`` records.

A document that cannot be read is reported through ``on_error`` and skipped; the others go on. Whether a text is
English (``looks_english``) is decided by the map step (``graph.pipeline.mapping``), on the workers: the client
only reads.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.readers.bulk import document_fields, is_bulk, lone_surrogate, read_bulk

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_LANGUAGE_SAMPLE = 3000  # characters read to tell the language
_MIN_CHARS_FOR_LANGUAGE = 40  # shorter than this (a headline) cannot be told apart reliably
_SURE = 0.9  # the identifier's probability for another language that makes a Latin-script text not English
_LATIN_END = 0x250  # letters below this code point are Latin (ASCII, Latin-1, Latin Extended-A and -B)
# Longer than this, a document is no article (a book, a dump of many): reported and skipped. Up to it, a text over
# the spaCy pipeline's max_length is parsed in pieces (extractors.nlp.pieces); at 1.2 million characters that
# took 13 minutes on the shared machine, so ten million is already hours.
MAX_DOCUMENT_CHARS = 10_000_000
_SNIFF = 8192  # bytes looked at for NULs (a binary file) and for a byte-order mark
# Byte-order marks that say for certain how a file is encoded (UTF-8's is read by "utf-8-sig"); longest first,
# as UTF-32-LE's begins with UTF-16-LE's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
NOT_ENGLISH = "does not look like English text (stancegraph reads English news only)"  # why looks_english skips

ErrorHandler = Callable[[InputError], None]


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


# A folder's own papers, not articles: skipped when a directory is read (named on the command line, they are read)
NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "CONTRIBUTING", "NOTICE"})


def read_documents(inputs: Iterable[str], on_error: ErrorHandler) -> Iterator[Document]:
    """Yield every readable document under ``inputs`` (files, directories, ``-`` for stdin); in a directory,
    README, LICENSE and similar files are the folder's papers, not articles, and are left out. The language is
    not checked here (``looks_english``, in the map step)."""
    for raw in inputs:
        if raw == "-":
            yield from _checked(_read_stream(sys.stdin.buffer.read(), "<stdin>"), on_error)
            continue
        path = Path(raw)
        if not path.exists():
            on_error(InputError(f"{raw}: no such file or directory; check the path"))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.stem.upper() not in NOT_ARTICLES
                           and (p.suffix.lower() in SUPPORTED or is_bulk(p)))
            if not files:
                on_error(InputError(f"{raw}: no .txt, .md, .html or .jsonl files in this directory"))
            for file in files:
                yield from _checked(_read_file(file, file.relative_to(path).as_posix()), on_error)
        else:
            yield from _checked(_read_file(path, path.name), on_error)


def left_out(document: Document, problem: str) -> InputError:
    """The one line that reports ``document`` left out for ``problem``, where it is found (reading or mapping)."""
    return InputError(f"{document.id}: {problem}; skipped")


def _checked(docs: Iterator[Document | InputError], on_error: ErrorHandler) -> Iterator[Document]:
    try:
        for doc in docs:
            if isinstance(doc, InputError):
                on_error(doc)
                continue
            problem = _problem(doc)
            if problem:
                on_error(left_out(doc, problem))
            else:
                yield doc
    except InputError as err:
        on_error(err)


def _problem(doc: Document) -> str | None:
    if not doc.text.strip():
        return "empty document, no text to read"
    if len(doc.text) > MAX_DOCUMENT_CHARS:
        return (f"{len(doc.text):,} characters, more than the {MAX_DOCUMENT_CHARS:,} stancegraph reads as one "
                f"document; split it into its articles")
    return None


def looks_english(text: str) -> bool:
    """False when most of ``text``'s letters are not Latin, or when a language identifier (py3langid, 97
    languages) is sure a Latin-script text is in another language; a text too short to tell passes.

    Examples:
        >>> looks_english("Russia said on Tuesday that it has sent more jets to Syria.")
        True
        >>> looks_english("Reunión entre el presidente y el ministro en el Kremlin sobre la guerra en Siria hoy. "
        ...               "El gobierno anunció nuevas medidas contra la inflación.")
        False
        >>> looks_english("Президент России заявил во вторник, что Россия продолжит поддерживать Сирию.")
        False
        >>> looks_english("俄罗斯总统普京周二表示，俄罗斯将继续支持叙利亚政府。")
        False
    """
    sample = text[:_LANGUAGE_SAMPLE].strip()
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(ord(c) < _LATIN_END for c in letters) / len(letters) < 0.5:
        return False  # mostly Cyrillic, Chinese, Arabic, ... letters: not English whatever the identifier says
    if len(sample) < _MIN_CHARS_FOR_LANGUAGE:
        return True
    language, probability = language_identifier().classify(sample)
    return bool(language == "en" or probability < _SURE)


@cache
def language_identifier() -> Any:
    """py3langid's identifier, loaded once per process (a second: only where texts are checked)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _read_file(path: Path, doc_id: str) -> Iterator[Document | InputError]:
    if is_bulk(path):  # .jsonl.gz, .parquet: streamed a record at a time (graph.readers.bulk)
        for fields in read_bulk(path):
            yield fields if isinstance(fields, InputError) else Document(**fields)  # type: ignore[arg-type]
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'}; use .txt, .md, .html or .jsonl")
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as lines:  # line by line: a big JSONL file is never held in memory whole
                yield from _read_jsonl_bytes(lines, str(path))
            return
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read the file ({err.strerror or type(err).__name__}); check that it "
                         f"exists and is readable") from None
    text = _decode(data, str(path))
    yield _read_html(text, doc_id, path) if suffix in HTML_SUFFIXES else _read_text(text, doc_id)


def _decode(data: bytes, name: str) -> str:
    """``data`` as text: UTF-8 (a UTF-8 byte-order mark dropped), or UTF-16/32 where a byte-order mark says so
    (a lossless repair: the mark leaves no doubt); anything else is reported, never guessed.

    Examples:
        >>> _decode("Ankara c\u00e9de".encode("utf-16"), "a.txt")
        'Ankara céde'
        >>> _decode("Ankara c\u00e9de".encode("latin-1"), "a.txt")
        Traceback (most recent call last):
        graph.errors.InputError: a.txt: not valid UTF-8 (byte 8); re-encode it as UTF-8
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # a mark followed by no such text: binary after all
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: binary file, not text; pass .txt, .md, .html or .jsonl articles")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not valid UTF-8 (byte {err.start}); re-encode it as UTF-8") from None


def _read_stream(data: bytes, name: str) -> Iterator[Document | InputError]:
    """Standard input, read as bytes and decoded as a file is; JSONL when it starts with "{", HTML with "<"."""
    first = data.lstrip()[:1]
    if first == b"{":
        yield from _read_jsonl_bytes(iter(data.splitlines(keepends=True)), name)
        return
    text = _decode(data, name)
    yield _read_html(text, name, Path(name)) if first == b"<" else _read_text(text, name)


def _read_text(text: str, doc_id: str) -> Document:
    first = text.strip().split("\n", 1)[0].strip()
    title = first if first and len(first) < 200 and not first.endswith(".") else None
    return Document(id=doc_id, text=text, title=title)


def _read_jsonl_bytes(lines: Iterable[bytes], name: str) -> Iterator[Document | InputError]:
    """JSONL records from raw lines: a line that is not UTF-8 is reported by its number and the others are
    read; NULs near the start make the whole file binary."""
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            if raw.startswith(tuple(bom for bom, _ in _BOMS)) or b"\x00" in raw[:_SNIFF]:
                raise InputError(f"{name}: binary file or not UTF-8 JSONL; write one UTF-8 JSON object a line")
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield InputError(f"{name}:{number}: not valid UTF-8 (byte {err.start} of the line); re-encode the "
                             f"file as UTF-8")
            continue
        yield from _record(line, name, number)


def _read_jsonl(text: str, name: str) -> Iterator[Document | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        yield from _record(line, name, number)


def _record(line: str, name: str, number: int) -> Iterator[Document | InputError]:
    """The document on JSONL line ``number`` of ``name``, or what is wrong with the line; nothing for a blank
    line."""
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        yield InputError(f"{name}:{number}: malformed JSON ({err.msg}); fix or remove the line")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield InputError(f"{name}:{number}: no string 'text' field; each line needs one")
        return
    if (broken := lone_surrogate(record)) is not None:
        yield InputError(f"{name}:{number}: {broken}")
        return
    yield Document(**document_fields(record, f"{Path(name).name}:{number}"))  # type: ignore[arg-type]


def _read_html(markup: str, doc_id: str, path: Path) -> Document:
    from graph.readers.html import extract_article

    article = extract_article(markup)
    if not article.text.strip():
        raise InputError(f"{path}: no article text found in the HTML (only navigation or scripts?); skipped")
    return Document(id=doc_id, text=article.text, title=article.title, date=article.date, url=article.url)
