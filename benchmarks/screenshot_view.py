"""Regenerate docs/view.png: the demo view in headless chromium at 1400x900 with a contested pair's evidence open.

Run from the repository root with the venv active:  python benchmarks/screenshot_view.py [-o docs/view.png]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from browser import open_chromium, wait_for_drawing

from graph.cli.commands import demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/view.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _, page, _ = demo(Path(tmp))
        driver = open_chromium(1400, 900)
        try:
            driver.get(page.as_uri())
            wait_for_drawing(driver)
            driver.execute_script("""
                const sg = window.stancegraph;
                const ranked = sg.edges.get().sort((a, b) => (b.contested - a.contested) || (b.asserted - a.asserted));
                const edge = ranked[0];
                sg.network.selectEdges([edge.id]);
                sg.network.body.emitter.emit('click', {nodes: [], edges: [edge.id]});""")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.output))
        finally:
            driver.quit()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
