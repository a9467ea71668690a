"""Stream documents through spaCy and the extractors: documents in, resolved claims per document out."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqdm import tqdm

from extractors.learned.model import StanceModel, learned_claims
from extractors.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from extractors.records import Claim
from extractors.registry import get_extractor
from extractors.speakers import lift_to_organisations
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.mentions import document_mentions
from graph.resolve.resolver import Resolver

DEFAULT_EXTRACTORS = ("stance.v1", "affiliation.v1")
BATCH_SIZE = 32


@dataclass(frozen=True)
class Extracted:
    document: Document
    claims: list[Claim]


def extract_documents(documents: Iterable[Document], resolver: Resolver, model: str = DEFAULT_MODEL,
                      jobs: int = 1, extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                      progress: bool | None = None, stance_model: StanceModel | None = None) -> Iterator[Extracted]:
    """Run the pipeline over ``documents`` lazily, in batches, and yield each document's resolved claims.

    With a ``stance_model`` (opt-in; see ``stancegraph train-stance``) its claims are added for pairs of named
    actors that no rule claim joins.

    Examples:
        >>> docs = [Document(id="a", text="Iran continues to back the Houthi rebels in Yemen.")]
        >>> [(c.subject.label, c.relation, c.object.label) for c in
        ...  next(extract_documents(docs, Resolver())).claims]
        [('Iran', 'supports', 'Houthis')]
    """
    nlp = load_pipeline(model)
    funcs = [get_extractor(name) for name in extractors]
    show = sys.stderr.isatty() if progress is None else progress
    stream = ((d.text, d) for d in documents)
    docs = nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE, n_process=max(1, jobs))
    for spacy_doc, document in tqdm(docs, disable=not show, unit="doc", desc="reading"):
        found = [claim for func in funcs for claim in func(spacy_doc, document.id)]
        if stance_model is not None:
            found.extend(learned_claims(spacy_doc, document.id, stance_model, found))
        claims = list(lift_to_organisations(found))
        mentions, definitions = document_mentions(spacy_doc)
        yield Extracted(document, resolve_document(claims, mentions, resolver, definitions))
