"""Stream documents through spaCy and the extractors: documents in, resolved claims per document out."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from tqdm import tqdm

from extractors.nlp.models import DEFAULT_MODEL
from extractors.nlp.pieces import pipe_pieces
from extractors.nlp.pipeline import load_pipeline
from extractors.records import Claim
from extractors.registry import DEFAULT_EXTRACTORS, LEARNED_EXTRACTORS, RULE_EXTRACTORS, get_extractor
from extractors.speakers import lift_to_organisations
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.mentions import document_mentions
from graph.resolve.resolver import Resolver

BATCH_SIZE = 32
__all__ = ["DEFAULT_EXTRACTORS", "LEARNED_EXTRACTORS", "RULE_EXTRACTORS", "Extracted", "extract_documents"]


@dataclass(frozen=True)
class Extracted:
    document: Document
    claims: list[Claim]


def extract_documents(documents: Iterable[Document], resolver: Resolver, model: str = DEFAULT_MODEL,
                      jobs: int = 1, extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                      progress: bool | None = None, classifier: Path | None = None) -> Iterator[Extracted]:
    """Run the pipeline over ``documents`` lazily, in batches, and yield each document's resolved claims.

    An extractor that can take a batch of documents (``extract_batch``, as the pair classifier ``pairs.v1``
    does) gets each batch at once, so its model runs on the sentences of many documents together.
    ``classifier`` is a pair-classifier folder to use instead of the shipped one.

    Examples:
        >>> docs = [Document(id="a", text="Iran continues to back the Houthi rebels in Yemen.")]
        >>> [(c.subject.label, c.relation, c.object.label) for c in
        ...  next(extract_documents(docs, Resolver())).claims]
        [('Iran', 'supports', 'Houthis')]
    """
    nlp = load_pipeline(model)
    funcs = [_configured(get_extractor(name), classifier) for name in extractors]
    show = sys.stderr.isatty() if progress is None else progress
    stream = ((d.text, d) for d in documents)
    docs = pipe_pieces(nlp, stream, batch_size=BATCH_SIZE, n_process=max(1, jobs))  # long texts in pieces
    for batch in _batches(tqdm(docs, disable=not show, unit="doc", desc="reading"), BATCH_SIZE):
        found: list[list[Claim]] = [[] for _ in batch]
        pairs = [(spacy_doc, document.id) for spacy_doc, document in batch]
        for func in funcs:
            many = getattr(func, "extract_batch", None)
            results = many(pairs) if many is not None else [list(func(doc, doc_id)) for doc, doc_id in pairs]
            for claims, more in zip(found, results, strict=True):
                claims.extend(more)
        for (spacy_doc, document), claims in zip(batch, found, strict=True):
            lifted = list(lift_to_organisations(claims))
            mentions, definitions = document_mentions(spacy_doc)
            yield Extracted(document, resolve_document(lifted, mentions, resolver, definitions))


def _configured(func: Any, classifier: Path | None) -> Any:
    """The extractor, with the pair-classifier folder ``classifier`` if it takes one."""
    with_model = getattr(func, "with_model", None)
    return with_model(classifier) if classifier is not None and with_model is not None else func


def _batches(items: Iterable[tuple[Doc, Document]], size: int) -> Iterator[Sequence[tuple[Doc, Document]]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
