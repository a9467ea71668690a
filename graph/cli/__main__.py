"""``python -m graph.cli`` runs the ``stancegraph`` command."""

import sys

from graph.cli.app import main

sys.exit(main())
