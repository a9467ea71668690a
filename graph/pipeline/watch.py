"""Worker processes of a local Dask cluster end with the client process that started them.

A ``LocalCluster``'s nannies live in the client process and stop their workers when it exits, but a client
killed with SIGKILL runs no shutdown and its worker processes would stay behind. This plugin, registered on the
cluster, makes each worker whose parent is the client poll its parent pid and exit once it changes.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from distributed import WorkerPlugin

_POLL_S = 0.5


class WorkerWatch(WorkerPlugin):
    """Exit the worker process when ``parent_pid`` stops being its parent; workers of a cluster on other
    machines (whose parent is another process) are left alone."""

    name = "stancegraph-watch"

    def __init__(self, parent_pid: int) -> None:
        self.parent_pid = parent_pid

    def setup(self, worker: Any) -> None:
        if os.getppid() == self.parent_pid:
            threading.Thread(target=_exit_with_parent, args=(self.parent_pid,), daemon=True,
                             name="stancegraph-parent-watch").start()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_POLL_S)
    os._exit(1)
