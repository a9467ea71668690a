"""Read articles from .txt/.md, .html, .jsonl files, directories and stdin into ``Document`` records.

A document that cannot be read is reported through ``on_error`` and skipped; the others go on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.readers.bulk import is_bulk, read_bulk

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_LANGUAGE_SAMPLE = 3000  # characters read to tell the language
_MIN_CHARS_FOR_LANGUAGE = 40  # shorter than this (a headline) cannot be told apart reliably
_SURE = 0.9  # the identifier's probability for another language that makes a Latin-script text not English
_LATIN_END = 0x250  # letters below this code point are Latin (ASCII, Latin-1, Latin Extended-A and -B)

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
    README, LICENSE and similar files are the folder's papers, not articles, and are left out."""
    for raw in inputs:
        if raw == "-":
            yield from _checked(_read_stream(sys.stdin.read(), "<stdin>"), on_error)
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


def _checked(docs: Iterator[Document | InputError], on_error: ErrorHandler) -> Iterator[Document]:
    try:
        for doc in docs:
            if isinstance(doc, InputError):
                on_error(doc)
                continue
            problem = _problem(doc)
            if problem:
                on_error(InputError(f"{doc.id}: {problem}; skipped"))
            else:
                yield doc
    except InputError as err:
        on_error(err)


def _problem(doc: Document) -> str | None:
    if not doc.text.strip():
        return "empty document, no text to read"
    if not looks_english(doc.text):
        return "does not look like English text (stancegraph reads English news only)"
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
    language, probability = _language_identifier().classify(sample)
    return bool(language == "en" or probability < _SURE)


@cache
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # a second to load: only when a text is read

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _read_file(path: Path, doc_id: str) -> Iterator[Document | InputError]:
    if is_bulk(path):  # .jsonl.gz, .parquet: streamed a record at a time (graph.readers.bulk)
        for fields in read_bulk(path):
            yield fields if isinstance(fields, InputError) else Document(**fields)  # type: ignore[arg-type]
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'}; use .txt, .md, .html or .jsonl")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text; pass .txt, .md, .html or .jsonl articles")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 (byte {err.start}); re-encode the file as UTF-8") from None
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, str(path))
    elif suffix in HTML_SUFFIXES:
        yield _read_html(text, doc_id, path)
    else:
        yield _read_text(text, doc_id)


def _read_stream(text: str, name: str) -> Iterator[Document | InputError]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _read_jsonl(text, name)
    elif stripped.startswith("<"):
        yield _read_html(text, name, Path(name))
    else:
        yield _read_text(text, name)


def _read_text(text: str, doc_id: str) -> Document:
    first = text.strip().split("\n", 1)[0].strip()
    title = first if first and len(first) < 200 and not first.endswith(".") else None
    return Document(id=doc_id, text=text, title=title)


def _read_jsonl(text: str, name: str) -> Iterator[Document | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{name}:{number}: malformed JSON ({err.msg}); fix or remove the line")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(f"{name}:{number}: no string 'text' field; each line needs one")
            continue
        doc_id = str(record.get("id") or f"{Path(name).name}:{number}")
        yield Document(id=doc_id, text=record["text"], title=_opt(record.get("title")),
                       date=_opt(record.get("date")), url=_opt(record.get("url")),
                       source=_opt(record.get("source")))


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_html(markup: str, doc_id: str, path: Path) -> Document:
    from graph.readers.html import extract_article

    article = extract_article(markup)
    if not article.text.strip():
        raise InputError(f"{path}: no article text found in the HTML (only navigation or scripts?); skipped")
    return Document(id=doc_id, text=article.text, title=article.title, date=article.date, url=article.url)
