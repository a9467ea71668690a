"""How long the HTML view takes to render (Python) and to become usable in headless chromium, by graph size.

Synthetic graphs of N actors (default 100, 1,000 and 5,000) are built with the project's own graph builder: actors of
every type, two signed edges an actor on average between random pairs (supports or opposes, 1-4 claims each, some
hedged or negated, some pairs contested) and an affiliation for one person in four. Each graph is rendered with
``render_view`` and opened from disk in Debian chromium (the flags of tests/test_browser.py, network off). Reported:

- render: seconds in Python for ``render_view`` (reading the RDF, layout, HTML); size of the page;
- drawn: milliseconds from navigation start until vis-network's first ``afterDrawing`` (the page's own clock);
- click: milliseconds from the pointer going down on an actor (a real selenium mouse click) until the page's
  click handler has filled the actor's panel (the page's own clock);
- filter: milliseconds for the page to apply a minimum-evidence filter (DataView refresh and a redraw).

Browser timings are medians of ``--repeat`` page loads (default 3).

Run from the repository root with the venv active:  python benchmarks/view_load.py [--sizes 100 1000 5000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from browser import open_chromium, wait_for_drawing
from rdflib import Graph

from extractors.records import Claim, Mention
from graph.build import add_actor, add_claim, add_document, new_graph
from graph.readers.documents import Document
from graph.resolve.resolver import Actor
from graph.view.render import render_view

TYPES = ("State", "Person", "Organization", "GovernmentBody", "ArmedGroup", "Group")
CUES = {"supports": ("backed", "supports", "endorsed", "armed"), "opposes": ("condemned", "opposes", "attacked")}
CLAIMS_PER_DOCUMENT = 20


def synthetic_graph(actors: int, seed: int = 1) -> Graph:
    """A random signed graph of ``actors`` actors with claims following the ontology, shaped like news: actors
    in blocs of about 40, a few much-named actors (popularity falls with rank as 1/rank**0.8), 85% of pairs inside a
    bloc and mostly supportive there, the rest across blocs and mostly hostile."""
    rng = random.Random(seed)
    people = [Actor(f"a{i}", f"Actor {i}", rng.choice(TYPES), f"Q{1000 + i}" if i % 3 == 0 else None,
                    {f"Actor {i}", f"A{i}"}) for i in range(actors)]
    blocs = max(1, actors // 40)
    popularity = [1 / (1 + i) ** 0.8 for i in range(actors)]
    members = [[i for i in range(actors) if i % blocs == b] for b in range(blocs)]
    claims: list[tuple[Actor, str, Actor, bool, bool]] = []
    for _ in range(2 * actors):
        a = rng.choices(range(actors), weights=popularity)[0]
        inside = rng.random() < 0.85
        pool = members[a % blocs] if inside else range(actors)
        b = rng.choices(pool, weights=[popularity[i] for i in pool])[0]
        if a == b:
            continue
        friendly = rng.random() < (0.75 if inside else 0.25)
        relations = ["supports", "opposes"] if rng.random() < 0.05 else ["supports" if friendly else "opposes"]
        for relation in relations:
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
                claims.append((people[a], relation, people[b], rng.random() < 0.08, rng.random() < 0.08))
    orgs = [p for p in people if p.type in ("Organization", "GovernmentBody", "State")]
    for person in (p for p in people if p.type == "Person"):
        if rng.random() < 0.25:
            claims.append((person, "affiliated_with", rng.choice(orgs), False, False))
    graph = new_graph()
    for start in range(0, len(claims), CLAIMS_PER_DOCUMENT):
        batch = claims[start:start + CLAIMS_PER_DOCUMENT]
        sentences = [_sentence(rng, *claim) for claim in batch]
        doc = Document(id=f"doc{start}.txt", text=" ".join(s for s, _ in sentences), title=f"Synthetic report {start}",
                       date=f"2024-{1 + start % 12:02d}-{1 + start % 28:02d}")
        doc_iri = add_document(graph, doc)
        offset = 0
        for index, ((sentence, cue), (a, relation, b, negated, hedged)) in enumerate(zip(sentences, batch,
                                                                                          strict=True)):
            add_claim(graph, Claim(
                doc_id=doc.id, sentence_index=index, sentence=sentence, sentence_start=offset,
                relation=relation,  # type: ignore[arg-type]
                subject=_mention(a, offset), object=_mention(b, offset + sentence.index(b.label)), cue=cue,
                extractor="synthetic.v1", confidence=round(rng.uniform(0.4, 0.95), 2), negated=negated,
                hedged=hedged), doc_iri)
            offset += len(sentence) + 1
    for person in people:
        add_actor(graph, person)
    return graph


def _sentence(rng: random.Random, a: Actor, relation: str, b: Actor, negated: bool, hedged: bool) -> tuple[str, str]:
    if relation == "affiliated_with":
        return f"{a.label}, a spokesperson for {b.label}, spoke to reporters on Monday.", "spokesperson"
    cue = rng.choice(CUES[relation])
    verb = f"did not {cue.rstrip('ed').rstrip('s')}" if negated else f"may have {cue}" if hedged else cue
    return f"{a.label} {verb} {b.label} in a statement issued on Tuesday.", cue


def _mention(actor: Actor, start: int) -> Mention:
    return Mention(actor.label, start, start + len(actor.label), label=actor.label, id=actor.iri, type=actor.type)


def measure(driver: Any, actors: int, workdir: Path, repeat: int) -> dict[str, float]:
    """Render once; open the page ``repeat`` times and keep the median of each browser timing."""
    graph = synthetic_graph(actors)
    started = time.perf_counter()
    html = render_view(graph, title=f"synthetic {actors}")
    render = time.perf_counter() - started
    page = workdir / f"view_{actors}.html"
    page.write_text(html, encoding="utf-8")
    runs = [_open(driver, page) for _ in range(repeat)]
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    if errors:
        raise SystemExit(f"console errors at {actors} actors: {errors[:3]}")
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return {"actors": actors, "drawn": int(driver.execute_script("return window.stancegraph.nodes.length")),
            "edges": int(driver.execute_script("return window.stancegraph.edges.length")),
            "render_s": render, "size_mb": len(html.encode("utf-8")) / 1e6, **medians}


def _open(driver: Any, page: Path) -> dict[str, float]:
    driver.get("about:blank")
    driver.get(page.as_uri())
    drawn = wait_for_drawing(driver)
    click = _click_an_actor(driver)
    filtered = float(driver.execute_script("""
        const t = performance.now(); const s = document.getElementById('min-evidence');
        s.value = 2; s.dispatchEvent(new Event('input')); window.stancegraph.network.redraw();
        return performance.now() - t;"""))
    return {"drawn_ms": drawn, "click_ms": click, "filter_ms": filtered}


def _click_an_actor(driver: Any) -> float:
    """Milliseconds from pointer-down on the most connected actor until an actor panel is filled (page clock)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    target, x, y = driver.execute_script("""
        const sg = window.stancegraph;
        const hub = sg.nodes.get().sort((a, b) => b.value - a.value)[0];
        sg.network.focus(hub.id, {scale: 2.5, animation: false}); sg.network.redraw();
        const dom = sg.network.canvasToDOM(sg.network.getPositions([hub.id])[hub.id]);
        const box = document.getElementById('network').getBoundingClientRect();
        window.pointerDownAt = null;
        document.addEventListener('pointerdown', () => { window.pointerDownAt = performance.now(); }, true);
        const under = sg.network.getNodeAt(dom);  // the node vis picks at that point (a neighbour may lie on top)
        return [sg.nodes.get(under).label, dom.x + box.left, dom.y + box.top];""")
    ActionChains(driver).move_by_offset(int(x), int(y)).click().move_by_offset(-int(x), -int(y)).perform()
    WebDriverWait(driver, 60, poll_frequency=0.01).until(lambda d: d.execute_script(
        "return window.pointerDownAt !== null && window.stancegraph.handledAt > window.pointerDownAt"))
    shown = driver.execute_script("return document.querySelector('#evidence h3')?.textContent")
    if shown != target:
        raise SystemExit(f"the click on {target!r} opened {shown!r}")
    return float(driver.execute_script("return window.stancegraph.handledAt - window.pointerDownAt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (medians are reported)")
    args = parser.parse_args()
    driver = open_chromium()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in args.sizes:
                rows.append(measure(driver, size, Path(tmp), args.repeat))
                print(_row(rows[-1]), flush=True)
    finally:
        driver.quit()
    print("\n| actors (with an edge) | edges | render (Python) | page size | drawn | click -> panel "
          "| min-evidence filter |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['actors']:,} ({row['drawn']:,}) | {row['edges']:,} | {row['render_s']:.1f} s "
              f"| {row['size_mb']:.1f} MB | {row['drawn_ms'] / 1000:.2f} s | {row['click_ms']:.0f} ms "
              f"| {row['filter_ms']:.0f} ms |")


def _row(row: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items())


if __name__ == "__main__":
    main()
