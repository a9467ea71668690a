"""Every notebook runs top to bottom in a fresh kernel, and its tables hold real edges."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.model

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"
PER_MONTH_IN_CI = "2"  # statements a month that notebook 03 reads here: about 22, half a minute


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if path.name == "03_state_department.ipynb":
        if not (CORPUS / "state_department.jsonl").exists():
            pytest.skip(f"the shared corpus is not at {CORPUS} (notebook 03 reads its State Department statements)")
        monkeypatch.setenv("STANCEGRAPH_CORPUS", str(CORPUS))  # the kernel inherits the environment
        monkeypatch.setenv("STANCEGRAPH_PER_MONTH", PER_MONTH_IN_CI)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name}: outputs are not stripped"
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    # A print's words may reach the notebook as several stream outputs (the kernel flushes on a timer), so
    # streams are joined as they were written; other outputs stand on lines of their own.
    text = "".join(o["text"] if o.get("output_type") == "stream" else f"\n{o.get('data', {}).get('text/plain', '')}\n"
                   for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs)
    if path.name == "01_quickstart.ipynb":
        assert "articles" in text and "claims" in text
        assert "supporter" in text and "evidence" in text and "IFrame" in text
        assert (tmp_path / "quickstart-output" / "view.html").stat().st_size > 100_000
    if path.name == "02_analysis.ipynb":
        check_analysis_outputs(nb, text)
    if path.name == "03_state_department.ipynb":
        check_corpus_outputs(nb, text)


def check_analysis_outputs(nb: nbformat.NotebookNode, text: str) -> None:
    assert "demo graph: 8 articles" in text
    total, balanced, unbalanced = map(int, re.search(r"(\d+) triads: (\d+) balanced, (\d+) unbalanced", text).groups())
    assert total == balanced + unbalanced > 0
    blocs = re.search(r"(\d+) blocs over (\d+) actors; frustration (\S+)", text)
    assert blocs and 2 <= int(blocs.group(1)) < int(blocs.group(2)) and float(blocs.group(3)) >= 0
    members = [line for line in text.splitlines() if "Russia" in line and line.lstrip()[:1].isdigit()]
    assert any("Iran" in line for line in members), "Russia and Iran should share a bloc"
    assert "unbalanced: Russia supports both Hezbollah and Iran, but they oppose each other" in text
    assert re.search(r"frustration with the invented ties: [1-9]", text)
    pictures = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
                if "image/png" in o.get("data", {})]
    assert len(pictures) == 1
    drawn = re.search(r"drawn: (\d+) of (\d+) actors \((.*)\)", text)
    assert drawn and 0 < int(drawn.group(1)) < int(drawn.group(2))  # the actors without a signed tie left out
    assert {"Russia", "Israel", "Iran"} <= set(drawn.group(3).split(", "))


def check_corpus_outputs(nb: nbformat.NotebookNode, text: str) -> None:
    found = re.search(r"(\d+) statements from (\d+) months \((\S+) to (\S+)\)", text)
    assert found and int(found.group(1)) >= 2 * int(found.group(2)) - 2 and found.group(3) == "2021-05"
    assert re.search(r"the United States supports [1-9]\d* actors and opposes \d+", text)
    pair = re.search(r"Russia and Ukraine: (\d+) support and (\d+) opposition claims over (\d+) months", text)
    assert pair and int(pair.group(2)) > 0 and int(pair.group(3)) >= 2  # the timeline spans months
    assert sum("image/png" in o.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for o in cell.outputs) == 1
    sliders = re.search(r"time sliders from (\S+) to (\S+) \((\d+) months\)", text)
    assert sliders and sliders.group(1) < sliders.group(2) and int(sliders.group(3)) >= 2
