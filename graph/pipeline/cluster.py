"""Where the map step runs: in this process (``--jobs 1``), on a Dask ``LocalCluster`` of worker processes
(``--jobs N``, ``--dask local:N``), or on an existing Dask cluster (``--dask tcp://host:8786``).

Every runner takes a partition of documents and gives back something whose ``result()`` is that partition's
outcomes, so the stream in ``graph.pipeline.stream`` is one code path for all of them. Dask and its cluster
start only for more than one job: ``--jobs 1`` costs what it did before.

Worker processes of a local cluster end with the process that started them, even when it is killed with
SIGKILL and cannot shut them down: each watches its parent's pid (``graph.pipeline.watch``).
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError, Future
from contextlib import contextmanager, suppress
from typing import Any, Protocol

from graph.errors import StancegraphError, UsageError
from graph.pipeline.mapping import Failed, Outcome, Settings, map_partition
from graph.readers.documents import Document

LOCAL = "local:"
_CONNECT_TIMEOUT_S = 10
# Workers of a local cluster cost what the map costs in one process (benchmarks/RESULTS.md, issue 18, map5). The
# nanny gives each one thread for OpenMP, MKL and OpenBLAS, as wanted, but also sets MALLOC_TRIM_THRESHOLD_=65536:
# glibc then hands freed memory back at every free of 64 KiB and takes it again from the kernel at the next parse
# (60-90 times the page faults, a fifth more CPU); unset, glibc keeps its default (a worker peaks ~100 MiB
# higher). No statistical profiler (it samples the working thread's stack every 10 ms, for a dashboard nobody
# opens), and the event loop's health tick, memory monitor and system monitor wake less often (each wake takes the
# GIL from the working thread).
_LOCAL_WORKERS = {"distributed.worker.profile.enabled": False,
                  "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                  "distributed.admin.tick.interval": "1s",
                  "distributed.worker.memory.monitor-interval": "1s",
                  "distributed.admin.system-monitor.interval": "5s"}


class ClusterError(StancegraphError):
    """The cluster running the map step went away during a build."""


class Pending(Protocol):
    def result(self) -> list[Outcome]: ...


class Runner(Protocol):
    """Runs ``map_partition`` on partitions; ``workers`` is how many run at once."""

    workers: int

    def submit(self, partition: Sequence[Document]) -> Pending: ...

    def collect(self, partition: Sequence[Document], pending: Pending) -> list[Outcome]:
        """The outcomes of ``partition`` submitted as ``pending``, one per document, in order."""
        ...


class InlineRunner:
    """The map step in this process, one partition at a time (``--jobs 1``: no cluster, no Dask import)."""

    workers = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def submit(self, partition: Sequence[Document]) -> Pending:
        done: Future[list[Outcome]] = Future()
        done.set_result(map_partition(partition, self.settings))
        return done

    def collect(self, partition: Sequence[Document], pending: Pending) -> list[Outcome]:
        return pending.result()


class DaskRunner:
    """The map step on the workers of a Dask cluster reached through ``client``."""

    def __init__(self, client: Any, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(self, partition: Sequence[Document]) -> Pending:
        future: Pending = self.client.submit(map_partition, list(partition), self.settings, pure=False)
        return future

    def collect(self, partition: Sequence[Document], pending: Pending) -> list[Outcome]:
        """A partition whose worker died is rerun by Dask on another; one that killed a worker every time
        (``distributed.scheduler.allowed-failures``) is run again one document at a time, so only the document
        that kills its worker is lost."""
        from distributed import KilledWorker

        try:
            return pending.result()
        except KilledWorker:
            return [self._alone(document) for document in partition]
        except (OSError, CancelledError) as err:  # the scheduler or the connection to it is gone
            raise ClusterError(f"the Dask cluster stopped answering ({type(err).__name__}: {err}); a store keeps "
                               f"the chunks committed so far; check the scheduler and workers, then run the build "
                               f"again (with --append to go on from there)") from None

    def _alone(self, document: Document) -> Outcome:
        from distributed import KilledWorker

        try:
            outcomes: list[Outcome] = self.client.submit(map_partition, [document], self.settings, pure=False).result()
        except KilledWorker:
            return Failed(document, "its worker process died on it each time (out of memory, or a crash in native "
                                    "code)")
        return outcomes[0]


def worker_count(jobs: int, dask: str | None) -> int:
    """The workers ``--jobs``/``--dask`` ask for (an existing cluster: 0, it says itself)."""
    if dask is None:
        return jobs
    if dask.startswith(LOCAL):
        count = dask[len(LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--dask {dask}: give local:N with N worker processes (1 or more), e.g. local:4")
        return int(count)
    return 0


@contextmanager
def open_runner(settings: Settings, jobs: int = 1, dask: str | None = None) -> Iterator[Runner]:
    """The runner for ``jobs`` local processes or the Dask cluster ``dask`` (``local:N`` or a scheduler
    address); a local cluster is started here and closed on leaving."""
    workers = worker_count(jobs, dask)
    if dask is None and jobs == 1:
        yield InlineRunner(settings)
        return
    from dask import config as dask_config
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)  # the CLI reports what matters on its own
    from graph.pipeline.preload import PipelineLoader

    if workers:
        from graph.pipeline.watch import WorkerWatch

        # The plugins go to each worker as it starts (the nanny hands them to it), so its pipeline loads from
        # then on, not once the whole cluster is up and the client has connected and registered them.
        with dask_config.set(_LOCAL_WORKERS):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1,  # type: ignore[no-untyped-call]
                                   processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL,
                                   plugins=(WorkerWatch(os.getpid()), PipelineLoader(settings)))
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            try:
                yield DaskRunner(client, settings)
            finally:
                _stop_workers(cluster)
        return
    try:
        client = Client(dask, timeout=_CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as err:
        raise UsageError(f"--dask {dask}: cannot reach a Dask scheduler there ({type(err).__name__}); start one "
                         f"with `dask scheduler` and `dask worker ADDRESS`, or use --dask local:N") from None
    with client:
        client.register_plugin(PipelineLoader(settings), name=PipelineLoader.name)
        yield DaskRunner(client, settings)


def _stop_workers(cluster: Any) -> None:
    """End a local cluster's worker processes at once: once the stream has ended (or failed) nothing of theirs
    is needed, and a graceful close takes a second or more per worker with spaCy loaded (the cluster's close
    then finds them gone)."""
    for nanny in list(cluster.workers.values()):
        pid = getattr(nanny, "pid", None)
        if pid:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
