"""The style guide's machine-checkable half: ruff and ``mypy --strict`` stay clean on the three packages.

A new module that skips annotations or leaves an unused import fails here, in CI, rather than in review.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extras")
def test_ruff_is_clean() -> None:
    done = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = _run("mypy")  # packages and strictness come from [tool.mypy] in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr
