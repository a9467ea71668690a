"""Regenerate the view's screenshots in docs/: headless chromium at 1400x900, the page as it first opens.

- docs/view.png: the demo view with a contested pair's evidence open;
- docs/view-synthetic-N.png: the synthetic graphs of benchmarks/view_load.py (``--synthetic 50 500 2000``);
- docs/view-NAME.png for each ``--graph PATH:NAME`` (a graph built elsewhere, e.g. BBC politics articles, which are
  for screenshots only and never committed).

Run from the repository root with the venv active:
    python benchmarks/screenshot_view.py [--synthetic 50 500 2000] [--graph /tmp/bbc.ttl:bbc-politics]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from browser import open_chromium, wait_for_drawing
from view_load import synthetic_graph

from graph.cli.commands import demo, view
from graph.view.render import render_view

OPEN_EVIDENCE = """
    const sg = window.stancegraph;
    const ranked = sg.edges.get().sort((a, b) => (b.contested - a.contested) || (b.claims.length - a.claims.length));
    sg.network.selectEdges([ranked[0].id]);
    sg.network.body.emitter.emit('click', {nodes: [], edges: [ranked[0].id]});"""


def shoot(driver: Any, page: Path, output: Path, script: str = "") -> None:
    driver.get("about:blank")
    driver.get(page.as_uri())
    drawn = wait_for_drawing(driver)
    if script:
        driver.execute_script(script)
    time.sleep(0.3)
    output.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(output))
    shown = driver.execute_script("return [window.stancegraph.visibleNodes.length, window.stancegraph.nodes.length]")
    print(f"wrote {output}: {shown[0]} of {shown[1]} actors shown, drawn after {drawn / 1000:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--synthetic", type=int, nargs="*", default=[], metavar="N")
    parser.add_argument("--graph", action="append", default=[], metavar="PATH:NAME")
    args = parser.parse_args()
    driver = open_chromium(1400, 900)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            _, page, _ = demo(Path(tmp) / "demo")
            shoot(driver, page, args.docs / "view.png", OPEN_EVIDENCE)
            for size in args.synthetic:
                page = Path(tmp) / f"synthetic-{size}.html"
                page.write_text(render_view(synthetic_graph(size), title=f"synthetic, {size} actors"), encoding="utf-8")
                shoot(driver, page, args.docs / f"view-synthetic-{size}.png")
            for spec in args.graph:
                path, _, name = spec.rpartition(":")
                page = Path(tmp) / f"{name}.html"
                view(Path(path), page)
                shoot(driver, page, args.docs / f"view-{name}.png")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
