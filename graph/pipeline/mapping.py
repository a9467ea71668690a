"""The map step: one partition of documents -> each document's claims, mentions and name definitions.

It runs wherever the partition is sent (this process, a local worker process, a Dask worker) and returns plain
picklable records, never a spaCy ``Doc``. The spaCy pipeline, the extractors and the language identifier load
once per process. A document that is not English is returned as ``Rejected`` (the client reports and skips it,
as it does a document it cannot read); one that makes the parser or an extractor raise is returned as ``Failed``
(its id and the reason) and the rest of its partition goes on; an ``ExtractorError`` (a model or extractor
missing or broken) stops the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractors.errors import ExtractorError
from extractors.nlp.models import DEFAULT_MODEL
from extractors.records import Claim, Mention
from extractors.registry import DEFAULT_EXTRACTORS
from graph.readers.documents import NOT_ENGLISH, Document, language_identifier, looks_english
from graph.resolve.document import Definition

BATCH_SIZE = 32  # documents spaCy and a batch extractor (the pair classifier) read together


@dataclass(frozen=True)
class Settings:
    """What a worker needs to load: the spaCy pipeline, the extractors by name, the pair-classifier folder."""

    model: str = DEFAULT_MODEL
    extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
    classifier: Path | None = None


@dataclass(frozen=True)
class Mapped:
    """One document's result of the map step, before cross-document resolution."""

    document: Document
    claims: list[Claim]
    mentions: list[Mention]
    definitions: list[Definition]


@dataclass(frozen=True)
class Failed:
    """A document the map step could not process: its id and why."""

    document: Document
    reason: str


@dataclass(frozen=True)
class Rejected:
    """A document the map step does not read (not English): its id and why."""

    document: Document
    reason: str


Outcome = Mapped | Failed | Rejected


def map_partition(documents: Sequence[Document], settings: Settings) -> list[Outcome]:
    """Parse and extract the English ``documents`` (in batches; a batch that raises is redone one document at
    a time, so only the document that raises fails) and return one outcome per document, in order.

    Examples:
        >>> [out, other] = map_partition([Document("a", "Iran continues to back the Houthi rebels in Yemen."),
        ...                               Document("b", "Irán sigue apoyando a los rebeldes hutíes en Yemen, "
        ...                                             "dijo el gobierno.")], Settings())
        >>> [(c.subject.text, c.relation, c.object.text) for c in out.claims], type(other).__name__
        ([('Iran', 'supports', 'Houthi rebels')], 'Rejected')
    """
    loaded(settings)  # a model or extractor that is not installed is an error of the run, not of a document
    verdicts = [None if looks_english(d.text) else Rejected(d, NOT_ENGLISH) for d in documents]
    mapped = iter(_map_english([d for d, verdict in zip(documents, verdicts, strict=True) if verdict is None],
                               settings))
    return [verdict if verdict is not None else next(mapped) for verdict in verdicts]


def _map_english(documents: Sequence[Document], settings: Settings) -> list[Outcome]:
    out: list[Outcome] = []
    for start in range(0, len(documents), BATCH_SIZE):
        batch = documents[start:start + BATCH_SIZE]
        try:
            out.extend(_map_batch(batch, settings))
        except ExtractorError:  # a model file missing or broken: an error of the run, one line from the CLI
            raise
        except Exception:  # find the one document that raised, keep the others
            out.extend(_map_one(document, settings) for document in batch)
    return out


def _map_one(document: Document, settings: Settings) -> Outcome:
    try:
        return _map_batch([document], settings)[0]
    except ExtractorError:
        raise
    except Exception as err:  # any error in a document's parse or extraction skips that document
        return Failed(document, _reason(err))


def _reason(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text[:200]}" if text else type(err).__name__


def _map_batch(batch: Sequence[Document], settings: Settings) -> list[Outcome]:
    from extractors.nlp.pieces import pipe_pieces  # a text over the model's max_length is parsed in pieces
    from extractors.speakers import lift_to_organisations
    from graph.resolve.mentions import document_mentions

    nlp, funcs = loaded(settings)
    docs = [doc for doc, _ in pipe_pieces(nlp, ((d.text, d.id) for d in batch), batch_size=BATCH_SIZE)]
    pairs = [(doc, document.id) for doc, document in zip(docs, batch, strict=True)]
    found: list[list[Claim]] = [[] for _ in batch]
    for func in funcs:
        many = getattr(func, "extract_batch", None)
        results = many(pairs) if many is not None else [list(func(doc, doc_id)) for doc, doc_id in pairs]
        for claims, more in zip(found, results, strict=True):
            claims.extend(more)
    out: list[Outcome] = []
    for doc, document, claims in zip(docs, batch, found, strict=True):
        mentions, definitions = document_mentions(doc)
        out.append(Mapped(document, list(lift_to_organisations(claims)), mentions, definitions))
    return out


_LOADING = threading.Lock()  # a worker's preload thread (graph.pipeline.preload) and its first partition


def loaded(settings: Settings) -> tuple[Any, list[Callable[..., Any]]]:
    """The spaCy pipeline and the extractor functions of ``settings``, loaded once per process with the
    language identifier."""
    with _LOADING:
        return _load(settings)


@cache
def _load(settings: Settings) -> tuple[Any, list[Callable[..., Any]]]:
    from extractors.nlp.pipeline import load_pipeline
    from extractors.registry import get_extractor

    language_identifier()
    return load_pipeline(settings.model), [_configured(get_extractor(n), settings.classifier)
                                           for n in settings.extractors]


def _configured(func: Any, classifier: Path | None) -> Any:
    """The extractor, with the pair-classifier folder ``classifier`` if it takes one."""
    with_model = getattr(func, "with_model", None)
    return with_model(classifier) if classifier is not None and with_model is not None else func
