"""Documents in, each document's resolved claims out: the map step on a runner, the reduce here, in input order.

Partitions of documents go to the runner (this process, local worker processes or a Dask cluster) as a stream:
at most a few partitions per worker are in flight, so the client never holds all documents. Results are taken
back in the order the partitions went out (later ones that finish first wait in that bounded window), and the
cross-document resolver sees the documents in input order: the graph is the same for any number of workers,
partition size or order of arrival.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from extractors.nlp.models import DEFAULT_MODEL
from extractors.records import Claim
from extractors.registry import DEFAULT_EXTRACTORS
from graph.errors import InputError
from graph.pipeline.cluster import InlineRunner, Pending, Runner, open_runner
from graph.pipeline.mapping import BATCH_SIZE, Failed, Mapped, Rejected, Settings
from graph.readers.documents import Document, left_out
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver

PARTITION_SIZE = 16  # documents a worker gets at a time: small enough to balance, big enough for spaCy's batches
_IN_FLIGHT_PER_WORKER = 2  # partitions submitted ahead per worker: keeps workers busy, bounds the client's memory
_SMALLEST = 2  # documents in the smallest partition at the end of a run (``_Tail``)

Handler = Callable[[InputError], None]


@dataclass(frozen=True)
class Extracted:
    document: Document
    claims: list[Claim]


def extract_documents(documents: Iterable[Document], resolver: Resolver, model: str = DEFAULT_MODEL,
                      jobs: int = 1, extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                      progress: bool | None = None, classifier: Path | None = None, *, dask: str | None = None,
                      partition_size: int | None = None, total: int | None = None,
                      on_failure: Handler | None = None, on_skip: Handler | None = None) -> Iterator[Extracted]:
    """Run the pipeline over ``documents`` lazily and yield each document's resolved claims, in input order.

    The map step (spaCy, the extractors, in-document name definitions) runs in this process for ``jobs=1``, on
    a Dask ``LocalCluster`` of ``jobs`` processes, or on the cluster ``dask`` (``"local:N"`` or a scheduler
    address such as ``"tcp://host:8786"``); resolution across documents runs here. A document whose parse,
    extraction or resolution raises goes to ``on_failure``, one that is not English (the map step's language
    check) to ``on_skip`` (both default to a warning on stderr), and is skipped.
    ``total`` (if known) gives the progress bar its end; ``classifier`` is a pair-classifier folder to use
    instead of the shipped one.

    Examples:
        >>> docs = [Document(id="a", text="Iran continues to back the Houthi rebels in Yemen.")]
        >>> [(c.subject.label, c.relation, c.object.label) for c in
        ...  next(extract_documents(docs, Resolver())).claims]
        [('Iran', 'supports', 'Houthis')]
    """
    settings = Settings(model, tuple(extractors), classifier)
    failed, skipped = on_failure or _warn, on_skip or _warn
    show = sys.stderr.isatty() if progress is None else progress
    with open_runner(settings, jobs, dask) as runner, \
            tqdm(total=total, disable=not show, unit="doc", desc="building", smoothing=0.1) as bar:
        inline = isinstance(runner, InlineRunner)
        size = partition_size or (BATCH_SIZE if inline else PARTITION_SIZE)
        limit = 1 if inline else _IN_FLIGHT_PER_WORKER * runner.workers + 1
        window: deque[tuple[Sequence[Document], Pending]] = deque()
        tail = None if partition_size or inline else _Tail(total, runner.workers)
        for partition in _partitions(documents, size, tail):
            window.append((partition, runner.submit(partition)))
            while len(window) >= limit:
                yield from _reduced(runner, *window.popleft(), resolver, failed, skipped, bar)
        while window:
            yield from _reduced(runner, *window.popleft(), resolver, failed, skipped, bar)


def _reduced(runner: Runner, partition: Sequence[Document], pending: Pending, resolver: Resolver,
             failed: Handler, skipped: Handler, bar: tqdm[None]) -> Iterator[Extracted]:
    for outcome in runner.collect(partition, pending):
        bar.update(1)
        if isinstance(outcome, Failed):
            failed(_failure(outcome.document, outcome.reason))
            continue
        if isinstance(outcome, Rejected):
            skipped(left_out(outcome.document, outcome.reason))
            continue
        extracted = _resolved(outcome, resolver, failed)
        if extracted is not None:
            yield extracted


def _resolved(outcome: Mapped, resolver: Resolver, failed: Handler) -> Extracted | None:
    try:
        claims = resolve_document(outcome.claims, outcome.mentions, resolver, outcome.definitions)
    except Exception as err:  # one document's names breaking the resolver skips that document, not the run
        failed(_failure(outcome.document, f"resolving its names: {type(err).__name__}: {err}"))
        return None
    return Extracted(outcome.document, claims)


def _failure(document: Document, reason: str) -> InputError:
    return InputError(f"{document.id}: could not be processed ({reason}); skipped, the rest is built; "
                      f"please report this document")


def _warn(err: InputError) -> None:
    print(f"stancegraph: warning: {err}", file=sys.stderr)


@dataclass(frozen=True)
class _Tail:
    """How the last partitions of a run shrink so that its workers finish together (guided self-scheduling):
    once fewer than ``2 * workers`` full partitions are left of ``total`` documents, a partition is a
    ``2 * workers``-th of what is left, and no smaller than ``_SMALLEST``. With equal partitions one worker
    could still be parsing its last one, up to a partition's time, while the others wait."""

    total: int | None
    workers: int

    def size(self, full: int, sent: int) -> int:
        left = (self.total or 0) - sent
        if self.workers < 2 or left <= 0:  # no count, or more documents than counted: full partitions
            return full
        return max(_SMALLEST, min(full, -(-left // (2 * self.workers))))


def _partitions(documents: Iterable[Document], size: int, tail: _Tail | None = None) -> Iterator[list[Document]]:
    it = iter(documents)
    sent = 0
    while chunk := list(islice(it, size if tail is None else tail.size(size, sent))):
        sent += len(chunk)
        yield chunk
