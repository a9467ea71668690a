"""``stancegraph`` command line: thin argument checking over ``graph.cli.commands``."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from extractors.errors import ExtractorError
from extractors.nlp.models import DEFAULT_MODEL
from graph.errors import StancegraphError, UsageError
from graph.query.answer import DEFAULT_TIMEOUT_S, answer_query
from graph.query.named import OUTPUT_FORMATS, BoundQuery, named_queries, named_query, parse_params
from graph.store.sizes import CHUNK_DOCUMENTS

# the view's relations and actor types (graph.view.render's EDGE_STYLE and NODE_STYLE; not imported here, where it
# would cost every command networkx's import)
VIEW_RELATIONS = ("supports", "opposes", "affiliatedWith")
VIEW_TYPES = ("State", "Person", "Organization", "GovernmentBody", "ArmedGroup", "Group")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stancegraph", description=(
        "Turn news articles into a graph of who supports or opposes whom, with the evidence behind every edge."))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="articles -> graph (format from the output extension)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md/.html/.jsonl files, directories, or -")
    p.add_argument("-o", "--output", required=True, type=Path,
                   help="a store directory (a name without an extension) or a graph file: .ttl .nt .trig .jsonld")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default {DEFAULT_MODEL})")
    _scale_options(p)
    p.add_argument("--append", action="store_true", help="add to an existing graph instead of replacing it; "
                                                         "documents already in it are skipped (resume a long run)")
    p.add_argument("--replace", action="store_true",
                   help="with --append: a document whose id the graph holds for another text replaces it "
                        "(without this it is skipped)")
    p.add_argument("--chunk-size", type=_positive, default=CHUNK_DOCUMENTS, metavar="N",
                   help=f"a store is written N documents a transaction (default {CHUNK_DOCUMENTS}): an "
                        f"interrupted build keeps the chunks committed, and --append resumes after them")
    p.add_argument("--overrides", type=Path, metavar="FILE.tsv",
                   help="resolution corrections (merge/split/not-an-actor); default: stancegraph-overrides.tsv "
                        "beside the output graph, if there is one")
    _extractor_options(p)

    p = sub.add_parser("extract", help="articles -> claims JSONL, no merging")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md/.html/.jsonl files, directories, or -")
    p.add_argument("-o", "--output", required=True, type=Path, help="claims file (.jsonl)")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default {DEFAULT_MODEL})")
    p.add_argument("--jobs", type=_positive, default=1, help="processes for the spaCy pipeline")
    _extractor_options(p)

    p = sub.add_parser("train-classifier", help="rebuild the pair classifier from our annotations (needs the "
                                                "train extra: pip install -e '.[train]')")
    p.add_argument("--corpus", required=True, type=Path, help="the folder of the annotated corpus "
                                                              "(../shared/data/corpus)")
    p.add_argument("-o", "--output", required=True, type=Path, help="model folder to write "
                                                                    "(extractors/learned/model ships)")
    p.add_argument("--dev-sets", type=Path, help="also train on the trainable documents of re3d dev and Re-DocRED "
                                                 "dev in this folder (../shared/data/external)")
    p.add_argument("--epochs", type=_positive, default=4, help="passes over the training sentences (default 4)")
    p.add_argument("--seed", type=int, default=0, help="seed of the shuffle, dropout and head initialisation "
                                                      "(default 0); retrain with another to see how far a figure "
                                                      "moves by chance")
    p.add_argument("--cache", type=Path, help="where to keep the parsed examples between runs "
                                              "(default: .cache/examples.jsonl beside the output)")

    p = sub.add_parser("query", help="SPARQL 1.1 over a graph; --name runs a bundled query, --list lists them")
    p.add_argument("graph", type=Path, nargs="?", help="the store directory or graph file (not needed with --list)")
    p.add_argument("query", nargs="?", help="the query text")
    p.add_argument("-f", "--file", type=Path, help="read the query from a .rq file")
    p.add_argument("--name", help="run the bundled query NAME (see --list)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of the --name query, e.g. --param actor=Russia (repeatable)")
    p.add_argument("--list", action="store_true", help="list the bundled queries and what each answers")
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="table",
                   help="our table, or SPARQL results CSV, TSV or JSON (a graph: Turtle, or JSON-LD for json)")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"stop a query that runs longer (default {DEFAULT_TIMEOUT_S:g})")
    _service_option(p)

    p = sub.add_parser("serve", help="a read-only SPARQL 1.1 Protocol endpoint over a graph (Oxigraph's engine)")
    p.add_argument("graph", type=Path)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=7878, help="port to listen on (default 7878)")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"stop a query that runs longer (default {DEFAULT_TIMEOUT_S:g})")
    _service_option(p)

    p = sub.add_parser("view", help="graph (store directory or file) -> self-contained interactive HTML")
    p.add_argument("graph", type=Path)
    p.add_argument("-o", "--output", required=True, type=Path)
    p.add_argument("--actor", help="focus on this actor (label or alias)")
    p.add_argument("--hops", type=_positive, default=2, help="neighbourhood size around --actor")
    p.add_argument("--min-evidence", type=_positive, default=1, help="hide edges with fewer asserted claims")
    p.add_argument("--min-confidence", type=_fraction, default=0.0,
                   help="hide edges whose most confident asserted claim is below this (0 to 1)")
    p.add_argument("--since", type=_date, help="count only claims from documents dated on or after this "
                   "(YYYY, YYYY-MM or YYYY-MM-DD); undated claims are left out")
    p.add_argument("--until", type=_date, help="count only claims from documents dated up to this (same forms)")
    p.add_argument("--relation", nargs="+", choices=VIEW_RELATIONS, metavar="RELATION",
                   help=f"draw only these relations (of {', '.join(VIEW_RELATIONS)})")
    p.add_argument("--type", nargs="+", choices=VIEW_TYPES, metavar="TYPE",
                   help=f"draw only actors of these types (of {', '.join(VIEW_TYPES)})")

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes; exit 1 on violations")
    p.add_argument("graph", type=Path)
    p.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                   help="oxigraph (default): the shapes' checks as SPARQL on the store; pyshacl: the reference "
                        "SHACL engine, as a cross-check (slow on large graphs)")

    p = sub.add_parser("import", help="RDF files -> a store directory (added in one transaction)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".ttl .nt .nq .trig .jsonld .rdf files")
    p.add_argument("-o", "--output", required=True, type=Path, help="the store directory (created if missing)")

    p = sub.add_parser("export", help="a store (or graph file) -> .ttl .nt .nq .trig .jsonld, or the actor network "
                                      "as .graphml .gexf .csv")
    p.add_argument("graph", type=Path, help="the store directory or graph file")
    p.add_argument("-o", "--output", required=True, type=Path, help="the file to write; its extension picks the format")

    p = sub.add_parser("demo", help="build the bundled demo corpus and its view")
    p.add_argument("-o", "--output", type=Path, default=Path("stancegraph-demo"), help="output directory")
    return parser


def _scale_options(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=_positive, default=1,
                       help="worker processes on this machine for the per-document work (default 1: this process)")
    where.add_argument("--dask", metavar="ADDRESS|local:N",
                       help="run the per-document work on the Dask cluster at ADDRESS (tcp://host:8786) or on a "
                            "local cluster of N worker processes (local:N); see docs/scale.md")
    p.add_argument("--partition-size", type=_positive, metavar="N",
                   help="documents sent to a worker at a time (default 16; the graph does not depend on it)")


def _service_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-service", action="store_true",
                   help="let queries call remote SPARQL endpoints with SERVICE (off: a query from elsewhere could "
                        "make this machine send requests to any host)")


def _extractor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learned", action="store_true",
                   help="decide with the pair classifier (pairs.v5, experimental) instead of the rules "
                        "(stance.v1, affiliation.v1)")
    p.add_argument("--classifier", type=Path, metavar="DIR",
                   help="with --learned: a pair-classifier folder from train-classifier instead of the shipped one")


def _extractors(args: argparse.Namespace) -> tuple[str, ...]:
    if args.classifier is not None and not args.learned:
        raise UsageError("--classifier goes with --learned; add --learned or drop --classifier")
    from extractors.registry import DEFAULT_EXTRACTORS, LEARNED_EXTRACTORS  # importlib.metadata: only to extract

    return LEARNED_EXTRACTORS if args.learned else DEFAULT_EXTRACTORS


def _number(text: str, what: str = "a number") -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def _fraction(text: str) -> float:
    value = _number(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} must be between 0 and 1")
    return value


def _date(text: str) -> str:
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _seconds(text: str) -> float:
    value = _number(text, "a number of seconds")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{value:g} must be more than 0 seconds")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; use 1 to 65535")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


def _run(args: argparse.Namespace) -> int:
    # Modules that only some commands need are imported in their branches: the build side (rdflib, spaCy) for
    # build, extract and demo, pyshacl for validate, torch for train-classifier. Importing them costs every other
    # command a second or more at start; query and serve import pyoxigraph only.
    if args.command == "build":
        from graph.cli import commands

        report = commands.build(args.inputs, args.output, args.model, args.jobs, args.append, args.overrides,
                                _extractors(args), args.classifier, args.dask, args.partition_size, args.replace,
                                args.chunk_size)
        print(f"built {args.output}: {report.documents} documents, {report.claims} claims"
              + (f" ({report.documents} new, {report.already} already there)" if report.already else "")
              + (f", {len(report.replaced)} replaced" if report.replaced else "")
              + (f", {len(report.skipped)} skipped" if report.skipped else ""), file=sys.stderr)
        if report.failed:
            print(f"stancegraph: {len(report.failed)} documents could not be processed (see the warnings above); "
                  f"the graph holds the rest", file=sys.stderr)
        return 1 if report.skipped or report.failed else 0  # some documents were skipped: the README's exit 1
    elif args.command == "extract":
        from graph.cli import commands

        report = commands.extract(args.inputs, args.output, args.model, args.jobs, _extractors(args), args.classifier)
        print(f"wrote {args.output}: {report.claims} claims from {report.documents} documents"
              + (f", {len(report.skipped)} skipped" if report.skipped else ""), file=sys.stderr)
        return 1 if report.skipped else 0
    elif args.command == "train-classifier":
        from extractors.learned.training import TrainSettings, train_classifier

        trained = train_classifier(args.corpus, args.output, TrainSettings(epochs=args.epochs, seed=args.seed),
                                   args.cache, args.dev_sets)
        print(f"wrote {args.output}: {trained.examples} sentences (train/calibration/test), held-back test "
              f"{trained.figures['all']}; see {args.output / 'MODEL_CARD.md'}", file=sys.stderr)
    elif args.command == "query":
        if args.list:
            print(_query_list())
            return 0
        bound = _query_text(args)
        print(answer_query(args.graph, bound, args.timeout, args.format, args.allow_service))
    elif args.command == "serve":
        from graph.query.endpoint import serve_graph

        return serve_graph(args.graph, args.host, args.port, args.timeout, args.allow_service)
    elif args.command == "view":
        from graph.cli import commands

        commands.view(args.graph, args.output, args.actor, args.hops, args.min_evidence, args.min_confidence,
                      since=args.since, until=args.until, relations=args.relation, types=args.type)
        print(f"wrote {args.output}; open it in a browser", file=sys.stderr)
    elif args.command == "validate":
        if args.engine == "pyshacl":
            from graph.store.database import load_graph
            from graph.validate.conformance import validate_graph

            validation = validate_graph(load_graph(args.graph), "pyshacl")
        else:  # the checks on Oxigraph: no rdflib
            from graph.store.location import open_store
            from graph.validate.report import validate_store

            validation = validate_store(open_store(args.graph))
        if not validation.conforms:
            print(validation.text)
            print(f"{args.graph}: does not conform to the stancegraph shapes (see above)", file=sys.stderr)
            return 1
        print(f"{args.graph}: conforms to the stancegraph shapes")
    elif args.command == "import":
        from graph.store.transfer import import_files

        added = import_files(args.files, args.output)
        print(f"imported {len(args.files)} file{'s' if len(args.files) != 1 else ''} into {args.output}: "
              f"{added} new triples", file=sys.stderr)
    elif args.command == "export":
        if args.output.suffix.lower() in (".graphml", ".gexf", ".csv"):
            from graph.analysis.network import write_network
            from graph.store.database import load_graph

            nodes, edges = write_network(load_graph(args.graph), args.output)
            print(f"wrote {args.output}: {nodes} actors, {edges} edges", file=sys.stderr)
        else:
            from graph.store.transfer import export_store

            written = export_store(args.graph, args.output)
            print(f"wrote {args.output}: {written} triples", file=sys.stderr)
    elif args.command == "demo":
        from graph.cli import commands

        graph_path, view_path, report = commands.demo(args.output)
        print(_next_steps(graph_path, view_path, report.documents, report.claims))
    return 0


def _query_list() -> str:
    library = named_queries()
    width = max(len(q.name) for q in library)
    lines = []
    for q in library:
        params = " ".join(f"--param {p.name}=..." if p.default is None else f"--param {p.name}={p.default} (default)"
                          for p in q.parameters)
        lines.append(f"{q.name.ljust(width)}  {q.description}" + (f" [{params}]" if params else ""))
    return "\n".join(lines)


def _query_text(args: argparse.Namespace) -> BoundQuery:
    if args.graph is None:
        raise UsageError("give the GRAPH file or store directory to query (only --list needs none)")
    given = [x for x in (args.query, args.file, args.name) if x is not None]
    if len(given) != 1:
        raise UsageError("give a query as text, with -f FILE.rq, or with --name NAME; exactly one of them")
    if args.param and args.name is None:
        raise UsageError("--param goes with --name NAME; write the values into the query text instead")
    if args.name is not None:
        return named_query(args.name).bind(parse_params(args.param))
    if args.file is not None:
        try:
            return BoundQuery(str(args.file.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"{args.file}: cannot read the query file ({err.__class__.__name__}); "
                             f"check the path") from None
    return BoundQuery(str(args.query))


def _next_steps(graph_path: Path, view_path: Path, documents: int, claims: int) -> str:
    return f"""Built the demo graph from {documents} articles ({claims} claims):
  graph: {graph_path}
  view:  {view_path}

Next:
  open {view_path} in a browser (works offline; click an edge to read its evidence)
  stancegraph query {graph_path} "SELECT ?a ?b WHERE {{ ?x sg:supports ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }}"
  stancegraph validate {graph_path}"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except StancegraphError as err:
        print(f"stancegraph: error: {err}", file=sys.stderr)
        return err.exit_code
    except ExtractorError as err:
        print(f"stancegraph: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stancegraph: interrupted; no output written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`stancegraph query ... | head`): stop quietly, as Unix tools do. Point stdout at
        # /dev/null so the interpreter's final flush does not raise a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
