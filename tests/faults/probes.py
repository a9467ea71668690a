"""What the fault probes share: the real CLI in a subprocess, its stderr lines, and the documents of a graph."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from graph.store.location import open_store

DCTERMS_ID = "http://purl.org/dc/terms/identifier"


def run_cli(*args: str | Path, stdin: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``python -m graph.cli ARGS`` with ``stdin`` as raw bytes; stdout and stderr as text."""
    done = subprocess.run([sys.executable, "-m", "graph.cli", *map(str, args)], input=stdin, capture_output=True,
                          timeout=timeout)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def problems(stderr: str) -> list[str]:
    """The warning and error lines of a run (not the progress bar or the summary)."""
    return [line for line in stderr.splitlines() if line.startswith(("stancegraph: warning:", "stancegraph: error:"))]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def document_ids(graph: Path) -> list[str]:
    """The ids of the documents in the graph file or store at ``graph``, sorted (repeats kept)."""
    store = open_store(graph)
    found = store.quads_for_pattern(None, ox.NamedNode(DCTERMS_ID), None, ox.DefaultGraph())
    return sorted(quad.object.value for quad in found)  # type: ignore[union-attr]


def labelled_edges(graph: Path, relation: str) -> set[tuple[str, str]]:
    """The (subject label, object label) pairs of the direct ``sg:RELATION`` edges in ``graph``."""
    store = open_store(graph)
    rows = store.query("SELECT ?a ?b WHERE { ?x <https://w3id.org/stancegraph/ontology#" + relation + "> ?y . "
                       "?x <http://www.w3.org/2000/01/rdf-schema#label> ?a . "
                       "?y <http://www.w3.org/2000/01/rdf-schema#label> ?b }")
    return {(row["a"].value, row["b"].value) for row in rows}  # type: ignore[union-attr,index]


def sentences_with(graph: Path, text: str) -> int:
    """How many sentence nodes of ``graph`` have a text containing ``text``."""
    store = open_store(graph)
    rows = store.query('SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/stancegraph/ontology#text> ?t . '
                       f'FILTER(CONTAINS(?t, "{text}")) }}')
    return int(next(iter(rows))["n"].value)  # type: ignore[union-attr,index,call-overload]


def namespace_refusal() -> str | None:
    """Why this machine cannot give a test a mount namespace of its own (``unshare -rm``), or None if it can."""
    try:
        done = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"unshare is not available ({err})"
    return None if done.returncode == 0 else f"unshare -rm is not permitted here: {done.stderr.decode().strip()}"


def cli_line(*args: str | Path) -> str:
    """The shell command line that runs ``python -m graph.cli ARGS``."""
    return " ".join(shlex.quote(str(part)) for part in (sys.executable, "-m", "graph.cli", *args))


def run_in_namespace(script: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``script`` in ``sh`` in a user and mount namespace of its own, where it may mount a tmpfs or make a
    directory read-only without touching the rest of the machine."""
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))
