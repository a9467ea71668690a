"""``python -m graph.cli`` runs the ``stancegraph`` command."""

import sys

from graph.cli.app import main

if __name__ == "__main__":  # worker processes spawned by a local cluster import this module again: run only here
    sys.exit(main())
