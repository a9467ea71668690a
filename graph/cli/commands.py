"""The functions behind the CLI; notebooks and tests call these directly."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph

from extractors.nlp.models import DEFAULT_MODEL
from extractors.registry import DEFAULT_EXTRACTORS
from graph.build import actors_in, build_graph, document_iri, new_graph
from graph.errors import InputError
from graph.readers.documents import Document, read_documents
from graph.resolve.overrides import load_overrides
from graph.resolve.resolver import Resolver
from graph.store.database import load_graph
from graph.store.destination import Destination
from graph.store.files import write_atomic
from graph.validate import require_conformance
from ontology import SG

if TYPE_CHECKING:
    from graph.pipeline import Extracted


@dataclass
class RunReport:
    """What a build or extract run read, skipped and produced.

    Skipped documents are reported on stderr as warnings once the run has read a good document; until then
    they are held back, so that a run where nothing was readable ends in one error line, not a warning and an
    error about the same file.
    """

    documents: int = 0
    claims: int = 0
    already: int = 0  # documents an --append found in the graph already, and left alone
    skipped: list[str] = field(default_factory=list)
    _held: list[str] = field(default_factory=list)

    def skip(self, err: InputError) -> None:
        self.skipped.append(str(err))
        if self.documents:
            _warning(str(err))
        else:
            self._held.append(str(err))

    def read_one(self, claims: int) -> None:
        if not self.documents:
            for held in self._held:
                _warning(held)
        self.documents += 1
        self.claims += claims

    def fail_if_empty(self, inputs: Sequence[str], output: Path) -> None:
        if self.documents or self.already:
            return
        if len(self.skipped) == 1:
            raise InputError(f"{self.skipped[0]}; nothing written to {output}")
        for held in self._held:
            _warning(held)
        raise InputError(f"no readable English article in {', '.join(inputs)}; nothing written to {output}")


def _warning(message: str) -> None:
    print(f"stancegraph: warning: {message}", file=sys.stderr)


def _check_inputs(inputs: Sequence[str]) -> None:
    for raw in inputs:
        if raw != "-" and not Path(raw).exists():
            raise InputError(f"{raw}: no such file or directory; check the path")


def build(inputs: Sequence[str], output: Path, model: str = DEFAULT_MODEL, jobs: int = 1,
          append: bool = False, overrides: Path | None = None, extractors: Sequence[str] = DEFAULT_EXTRACTORS,
          classifier: Path | None = None) -> RunReport:
    """Read ``inputs``, extract and resolve claims, and write the graph to ``output``: a store directory (a path
    without an RDF extension; one transaction) or a graph file (written atomically).

    With ``append`` the existing graph at ``output`` is extended (new mentions join its actors; ids stay); the
    same article added twice changes nothing. ``overrides`` (default: ``stancegraph-overrides.tsv`` beside
    ``output``) holds the analyst's resolution corrections. ``extractors`` are the registered extractors to run
    (the rules by default; ``LEARNED_EXTRACTORS`` for the pair classifier), ``classifier`` a pair-classifier
    folder instead of the shipped one.
    """
    _check_inputs(inputs)
    corrections = load_overrides(overrides, output)
    target = Destination(output)  # a store is locked from here to the end of the run
    graph = target.base(new_graph(), append)
    known = target.known(graph) if append else graph  # what is there already: actors, articles
    resolver = Resolver(actors_in(known), corrections)
    report = RunReport()

    from graph.pipeline import extract_documents  # the build side (spaCy) loads only for build and extract

    def counted() -> Iterator[Extracted]:
        for item in extract_documents(_new_documents(read_documents(inputs, report.skip), known, report), resolver,
                                      model, jobs, extractors, classifier=classifier):
            report.read_one(sum(claim.between_actors for claim in item.claims))
            yield item

    try:
        build_graph(counted(), resolver, graph)
        report.fail_if_empty(inputs, output)
    except BaseException:
        target.abandon()
        raise
    for message in corrections.unmatched(resolver.overrides_matched):
        _warning(message)
    require_conformance(graph, output)  # what this run adds (a file --append: the whole file)
    target.write(graph, append)
    return report


def _new_documents(documents: Iterable[Document], graph: Graph, report: RunReport) -> Iterator[Document]:
    """The documents not in ``graph`` already (the same text is the same document); the others are counted in
    ``report.already`` and never reach the pipeline, so an --append costs what is new."""
    for document in documents:
        if (document_iri(document), RDF.type, SG.Document) in graph:
            report.already += 1
            continue
        yield document


def extract(inputs: Sequence[str], output: Path, model: str = DEFAULT_MODEL, jobs: int = 1,
            extractors: Sequence[str] = DEFAULT_EXTRACTORS, classifier: Path | None = None) -> RunReport:
    """Write the claims of ``inputs`` as JSONL (the claims contract of DESIGN.md) to ``output`` atomically."""
    _check_inputs(inputs)
    resolver = Resolver()
    report = RunReport()
    lines: list[str] = []
    from graph.pipeline import extract_documents

    for item in extract_documents(read_documents(inputs, report.skip), resolver, model, jobs, extractors,
                                  classifier=classifier):
        report.read_one(len(item.claims))
        lines.extend(json.dumps(c.to_json(), ensure_ascii=False) for c in item.claims)
    report.fail_if_empty(inputs, output)
    write_atomic(output, "".join(line + "\n" for line in lines).encode("utf-8"))
    return report


def view(graph_path: Path, output: Path, actor: str | None = None, hops: int = 2, min_evidence: int = 1,
         min_confidence: float = 0.0) -> int:
    """Write the HTML view of the graph at ``graph_path`` (store directory or file); returns the number of edges
    drawn."""
    from graph.view.render import render_view  # here, not at the top: networkx and pyvis take a second to import

    graph = load_graph(graph_path)
    html = render_view(graph, actor=actor, hops=hops, min_evidence=min_evidence, min_confidence=min_confidence,
                       title=f"stancegraph: {graph_path.name}")
    write_atomic(output, html.encode("utf-8"))
    return html.count('"relation":')


def demo_corpus() -> Path:
    return Path(str(resources.files("graph").joinpath("demo")))


def demo(directory: Path) -> tuple[Path, Path, RunReport]:
    """Build the bundled demo corpus into ``directory``/graph.ttl and ``directory``/view.html."""
    directory.mkdir(parents=True, exist_ok=True)
    graph_path, view_path = directory / "graph.ttl", directory / "view.html"
    articles = sorted(str(p) for p in demo_corpus().glob("*.txt"))
    report = build(articles, graph_path)
    view(graph_path, view_path)
    return graph_path, view_path, report


def load(graph_path: Path) -> Graph:
    return load_graph(graph_path)


def serve(graph_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 60.0,
          allow_service: bool = False) -> int:
    """Serve the graph at ``graph_path`` as a read-only SPARQL 1.1 endpoint until interrupted
    (``graph.query.endpoint``)."""
    from graph.query.endpoint import serve_graph  # imported by the one command that needs it, as render_view is

    return serve_graph(graph_path, host, port, timeout, allow_service)
