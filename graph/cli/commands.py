"""The functions behind the CLI; notebooks and tests call these directly."""

from __future__ import annotations

import json
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from extractors.nlp.models import DEFAULT_MODEL
from extractors.registry import DEFAULT_EXTRACTORS
from graph.build import HeldDocuments, actors_in, build_graph, document_iri, new_graph
from graph.errors import GraphFileError, InputError, UsageError
from graph.readers.counting import count_documents
from graph.readers.documents import Document, read_documents
from graph.resolve.overrides import load_overrides
from graph.resolve.resolver import Resolver
from graph.store.chunks import CHUNK_DOCUMENTS as CHUNK_DOCUMENTS
from graph.store.database import load_graph
from graph.store.destination import Destination
from graph.store.files import check_output, write_atomic
from graph.validate import drop_nonconforming
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
    replaced: list[URIRef] = field(default_factory=list)  # the old documents that --replace replaces
    replacing: dict[str, list[URIRef]] = field(default_factory=dict)  # the same, under the new document's id
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # documents that crashed the parser, an extractor or the resolver
    _held: list[str] = field(default_factory=list)

    def skip(self, err: InputError) -> None:
        self.skipped.append(str(err))
        if self.documents:
            _warning(str(err))
        else:
            self._held.append(str(err))

    def fail(self, err: InputError) -> None:
        """A document the pipeline could not process: skipped as unreadable ones are, and the run exits 1."""
        self.failed.append(str(err))
        self.skip(err)

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
          classifier: Path | None = None, dask: str | None = None, partition_size: int | None = None,
          replace: bool = False, chunk_size: int = CHUNK_DOCUMENTS) -> RunReport:
    """Read ``inputs``, extract and resolve claims, and write the graph to ``output``: a store directory (a path
    without an RDF extension; a transaction every ``chunk_size`` documents, each checked against the shapes
    first, so an interrupted build leaves whole documents and ``append`` resumes) or a graph file (written
    atomically).

    The per-document work runs in ``jobs`` local processes or on the Dask cluster ``dask`` (``local:N`` or a
    scheduler address), ``partition_size`` documents at a time (``graph.pipeline``); the graph is the same.
    With ``append`` the existing graph at ``output`` is extended (new mentions join its actors; ids stay); the
    same article added twice changes nothing. ``overrides`` (default: ``stancegraph-overrides.tsv`` beside
    ``output``) holds the analyst's resolution corrections. ``extractors`` are the registered extractors to run
    (the rules by default; ``LEARNED_EXTRACTORS`` for the pair classifier), ``classifier`` a pair-classifier
    folder instead of the shipped one.

    A document's id is its key: a second document with an id the run has read is reported and skipped, and so
    is one whose id the graph holds for another text, unless ``replace`` (with ``append``), which replaces the
    old document's sentences, claims and the edges only they made.
    """
    if replace and not append:
        raise UsageError("--replace goes with --append (it replaces documents of an existing graph); add --append")
    _check_inputs(inputs)
    corrections = load_overrides(overrides, output)
    target = Destination(output)  # a store is locked from here to the end of the run
    graph = target.base(new_graph(), append)
    known = target.known(graph) if append else graph  # the actors there already
    stored = target.documents(graph) if append else HeldDocuments(graph)  # the articles there already
    resolver = Resolver(actors_in(known), corrections)
    report = RunReport()
    held = set(graph.subjects(RDF.type, SG.Document))  # a file --append's old documents: never dropped below

    from graph.pipeline import extract_documents  # the build side (spaCy) loads only for build and extract

    def counted() -> Iterator[Extracted]:
        new = _new_documents(read_documents(inputs, report.skip), stored, report, replace)
        for item in extract_documents(new, resolver, model, jobs, extractors, classifier=classifier, dask=dask,
                                      partition_size=partition_size, total=count_documents(inputs),
                                      on_failure=report.fail, on_skip=report.skip):
            report.read_one(sum(claim.between_actors for claim in item.claims))
            yield item

    writer = target.chunks(resolver, lambda chunk: _check(chunk, output, report), append, chunk_size)
    try:
        if writer is None:
            build_graph(counted(), resolver, graph)
        else:  # a store: each chunk checked and committed as it fills
            for item in counted():
                writer.add(item, report.replacing.pop(item.document.id, ()))
        report.fail_if_empty(inputs, output)
    except BaseException:
        target.abandon()
        raise
    for message in corrections.unmatched(resolver.overrides_matched):
        _warning(message)
    if writer is None:
        _check(graph, output, report, held)  # what this run adds (a file --append: the whole file)
        target.write(graph, append, report.replaced)
        return report
    try:
        writer.finish()
    except BaseException:
        target.abandon()  # a store this run made and never committed to is removed
        raise
    return report


def _check(graph: Graph, output: Path, report: RunReport, keep: Collection[Node] = ()) -> bool:
    """The shapes' check of what a build is about to write (a file's graph, or one chunk of a store's): a
    document whose triples break the shapes is taken out of ``graph`` and reported as a failure, the rest is
    written (``graph.validate.drop_nonconforming``; never the documents ``keep``, a file's old ones). True when
    a document was taken out."""
    dropped = drop_nonconforming(graph, output, keep=keep)
    for err in dropped:
        report.fail(err)
    return bool(dropped)


def _new_documents(documents: Iterable[Document], stored: HeldDocuments, report: RunReport,
                   replace: bool = False) -> Iterator[Document]:
    """The documents not ``stored`` already nor earlier in this run (the same text is the same document); the
    others are counted in ``report.already`` and never reach the pipeline, so an --append costs what is new. The
    run's own documents, and the stored ones it replaces, are remembered here, not looked up in ``stored``: the
    pipeline reads ahead of what a store holds, by as much as the partitions in flight, and the graph must not
    depend on that. A document under an id that ``stored`` holds for another text is reported and skipped, or with
    ``replace`` built and the old one listed in ``report.replaced``."""
    seen: set[URIRef] = set()  # what this run added, and what it took out (gone from a store once committed)
    for document in _first_of_each_id(documents, report):
        iri = document_iri(document)
        if iri in seen or stored.holds(iri):
            report.already += 1
            continue
        others = [old for old in stored.under(document.id) if old != iri and old not in seen]
        if others and not replace:
            report.skip(InputError(f"{document.id}: the graph holds another text under this id; skipped (add "
                                   f"--replace to replace it, or give the document a new id)"))
            continue
        seen.update([iri, *others])
        report.replaced.extend(others)
        if others:
            report.replacing[document.id] = others
        yield document


def _first_of_each_id(documents: Iterable[Document], report: RunReport) -> Iterator[Document]:
    """``documents`` without the second and later documents under one id, each reported as skipped."""
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            report.skip(InputError(f"{document.id}: a second document with this id in the input; skipped (give "
                                   f"each document its own id)"))
            continue
        seen.add(document.id)
        yield document


def extract(inputs: Sequence[str], output: Path, model: str = DEFAULT_MODEL, jobs: int = 1,
            extractors: Sequence[str] = DEFAULT_EXTRACTORS, classifier: Path | None = None) -> RunReport:
    """Write the claims of ``inputs`` as JSONL (the claims contract of DESIGN.md) to ``output`` atomically."""
    _check_inputs(inputs)
    check_output(output)
    resolver = Resolver()
    report = RunReport()
    lines: list[str] = []
    from graph.pipeline import extract_documents

    for item in extract_documents(_first_of_each_id(read_documents(inputs, report.skip), report), resolver, model,
                                  jobs, extractors, classifier=classifier, total=count_documents(inputs),
                                  on_failure=report.fail, on_skip=report.skip):
        report.read_one(len(item.claims))
        lines.extend(json.dumps(c.to_json(), ensure_ascii=False) for c in item.claims)
    report.fail_if_empty(inputs, output)
    write_atomic(output, "".join(line + "\n" for line in lines).encode("utf-8"))
    return report


def view(graph_path: Path, output: Path, actor: str | None = None, hops: int = 2, min_evidence: int = 1,
         min_confidence: float = 0.0, *, since: str | None = None, until: str | None = None,
         relations: Sequence[str] | None = None, types: Sequence[str] | None = None) -> int:
    """Write the HTML view of the graph at ``graph_path`` (store directory or file); returns the number of edges
    drawn. ``since``/``until`` (ISO dates or prefixes), ``relations`` and ``types`` narrow what is drawn."""
    from graph.view.render import ViewFilters, render_view  # here, not at the top: networkx takes a second

    check_output(output)
    base = ViewFilters()
    filters = ViewFilters(min_evidence, min_confidence, since, until,
                          frozenset(relations) if relations else base.relations,
                          frozenset(types) if types else base.types)
    graph = load_graph(graph_path)
    html = render_view(graph, actor=actor, hops=hops, min_evidence=min_evidence, min_confidence=min_confidence,
                       title=f"stancegraph: {graph_path.name}", filters=filters)
    write_atomic(output, html.encode("utf-8"))
    return html.count('"relation":')


def demo_corpus() -> Path:
    return Path(str(resources.files("graph").joinpath("demo")))


def demo(directory: Path) -> tuple[Path, Path, RunReport]:
    """Build the bundled demo corpus into ``directory``/graph.ttl and ``directory``/view.html."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GraphFileError(f"{directory}: cannot make the demo's directory ({err.strerror or type(err).__name__});"
                             f" give another with -o DIR") from None
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
