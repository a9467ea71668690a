"""Workers load the spaCy pipeline and the extractors when they start, not when their first partition arrives.

Registered on the cluster, this plugin starts the load in a thread of each worker (and of each worker that joins
later), so the workers load in parallel while the client is still starting: reading its first documents,
loading the language identifier and the actor knowledge base. A partition that arrives before the load has
finished waits for it (``graph.pipeline.mapping.loaded`` loads once per process).
"""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import Any

from distributed import WorkerPlugin

from graph.pipeline.mapping import Settings, loaded


class PipelineLoader(WorkerPlugin):
    """Load ``settings``' pipeline and extractors on each worker as it starts."""

    name = "stancegraph-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        threading.Thread(target=_load, args=(self.settings,), daemon=True, name="stancegraph-preload").start()


def _load(settings: Settings) -> None:
    with suppress(Exception):  # a pipeline that does not load fails the first partition, which says why
        loaded(settings)
