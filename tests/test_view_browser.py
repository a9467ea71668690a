"""The view's interactions in a real browser (Debian chromium, headless, network off): evidence and actor
panels, the relation, evidence and confidence filters, focus on an actor, contested pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.view.render import render_view
from tests.test_browser import _wait_for_network, browser  # noqa: F401  (the shared chromium fixture)
from tests.view_graph import ACTORS, small_graph

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("view") / "small.html"
    page.write_text(render_view(small_graph()), encoding="utf-8")
    return page


@pytest.fixture
def opened(browser, small_page: Path):  # type: ignore[no-untyped-def]  # noqa: F811
    browser.get(small_page.as_uri())
    _wait_for_network(browser)
    return browser


def _click_edge(driver, relation: str, source: str, target: str) -> str:  # type: ignore[no-untyped-def]
    return str(driver.execute_script("""
        const sg = window.stancegraph;
        const edge = sg.edges.get().find(
            e => e.relation === arguments[0] && e.from === arguments[1] && e.to === arguments[2]);
        sg.network.body.emitter.emit('click', {nodes: [], edges: [edge.id]});
        return document.getElementById('evidence').innerText;""", relation, source, target))


def test_edge_evidence_marks_cue_speaker_date_and_weak_claims(opened) -> None:  # type: ignore[no-untyped-def]
    text = _click_edge(opened, "supports", ACTORS["russia"].iri, ACTORS["assad"].iri)
    assert "Moscow has long supported Assad with jets and advisers." in text
    assert "Report 0 · 2024-03-01" in text and "HEDGED" in text.upper()
    assert "confidence 0.90 · extractor: stance.v1" in text  # which extractor made each claim
    assert "extractor: <img src=z onerror=window.pwned=3>.v1" in text  # as text, never markup
    assert opened.execute_script("return document.querySelectorAll('#evidence img').length") == 0
    marks = opened.execute_script(
        "return [...document.querySelectorAll('#evidence mark.cue')].map(m => m.textContent)")
    assert marks[:3] == ["supported", "backs", "back"]
    assert opened.execute_script("return document.querySelectorAll('#evidence .claim.weak').length") == 1
    text = _click_edge(opened, "opposes", ACTORS["turkey"].iri, ACTORS["russia"].iri)
    assert "speaker: Omer Kaya (spokesman)" in text and "contested" in text
    assert "Ankara endorsed the Russian plan" in text  # a contested pair shows both sides
    assert opened.execute_script("return window.pwned === undefined")


def test_node_panel_shows_aliases_wikidata_allies_and_opponents(opened) -> None:  # type: ignore[no-untyped-def]
    opened.execute_script("window.stancegraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []})",
                          ACTORS["russia"].iri)
    panel = opened.find_element("id", "evidence")
    assert "also called: Moscow; the Kremlin" in panel.text and "type: State" in panel.text
    links = [a.get_attribute("href") for a in panel.find_elements("tag name", "a")]
    assert links == ["https://www.wikidata.org/wiki/Q159"]
    assert "Allies (supports) (2)" in panel.text and "Bashar al-Assad" in panel.text
    assert "Opponents (opposes) (1)" in panel.text


def test_filters_hide_and_restore_edges(opened) -> None:  # type: ignore[no-untyped-def]
    count = "return window.stancegraph.visibleEdges.length"
    assert opened.execute_script(count) == 6
    opened.find_element("css selector", ".relation-filter[value=opposes]").click()
    assert opened.execute_script(count) == 3
    assert opened.execute_script("return window.stancegraph.visibleEdges.get().every(e => e.relation !== 'opposes')")
    opened.find_element("css selector", ".relation-filter[value=opposes]").click()
    assert opened.execute_script(count) == 6
    opened.execute_script("""const s = document.getElementById('min-evidence'); s.value = 2;
                             s.dispatchEvent(new Event('input'));""")
    assert opened.execute_script(count) == 3
    assert opened.execute_script("return window.stancegraph.visibleNodes.length") == 4
    opened.execute_script("""const s = document.getElementById('min-evidence'); s.value = 1;
                             s.dispatchEvent(new Event('input'));""")
    assert opened.execute_script(count) == 6
    opened.execute_script("""const c = document.getElementById('min-confidence'); c.value = 0.85;
                             c.dispatchEvent(new Event('input'));""")
    assert opened.execute_script(count) == 3  # Russia-Assad 0.9, Turkey-YPG 0.9, the spokesman 0.85
    opened.execute_script("const c = document.getElementById('min-confidence'); c.value = 0; "
                          "c.dispatchEvent(new Event('input'));")
    opened.find_element("css selector", ".type-filter[value=Person]").click()
    assert opened.execute_script(count) == 4  # the two edges touching Assad or the spokesman go
    assert "of 5 actors" in opened.find_element("id", "counts").text


def test_search_focuses_an_actor_and_its_neighbourhood(opened) -> None:  # type: ignore[no-untyped-def]
    box = opened.find_element("id", "search")
    box.send_keys("ypg")
    hops = opened.find_element("id", "hops")
    hops.clear()
    hops.send_keys("1")
    opened.find_element("id", "focus-button").click()
    shown = set(opened.execute_script("return window.stancegraph.visibleNodes.getIds()"))
    assert shown == {ACTORS["ypg"].iri, ACTORS["turkey"].iri}
    assert opened.execute_script("return window.stancegraph.network.getSelectedNodes()") == [ACTORS["ypg"].iri]
    assert "focused on YPG" in opened.find_element("id", "search-status").text
    opened.find_element("id", "clear-button").click()
    assert opened.execute_script("return window.stancegraph.visibleNodes.length") == 5


def test_contested_pairs_are_listed_and_open_both_sides(opened) -> None:  # type: ignore[no-untyped-def]
    items = opened.find_elements("css selector", "#contested li")
    assert [i.text for i in items] == ["Turkey → Russia"]
    items[0].click()
    text = opened.find_element("id", "evidence").text
    assert "Turkey condemned Russia" in text and "Ankara endorsed the Russian plan" in text
    assert [e for e in opened.get_log("browser") if e["level"] == "SEVERE"] == []
    assert opened.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_a_real_mouse_click_on_an_actor_opens_its_panel(opened) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = opened.execute_script("""
        const sg = window.stancegraph; const p = sg.network.getPositions([arguments[0]])[arguments[0]];
        const dom = sg.network.canvasToDOM(p); const box = document.getElementById('network').getBoundingClientRect();
        return [dom.x + box.left, dom.y + box.top];""", ACTORS["turkey"].iri)
    ActionChains(opened).move_by_offset(int(x), int(y)).click().perform()
    ActionChains(opened).move_by_offset(-int(x), -int(y)).perform()
    panel = opened.find_element("id", "evidence").text
    assert panel.startswith("Turkey") and "also called: Ankara" in panel


def test_markup_in_an_alias_stays_text(opened) -> None:  # type: ignore[no-untyped-def]
    opened.execute_script("window.stancegraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []});"
                          "window.stancegraph.network.body.emitter.emit('hover', {nodes: [arguments[0]]});",
                          ACTORS["ypg"].iri)
    assert "<img src=y onerror=window.pwned=2>" in opened.find_element("id", "evidence").text
    assert opened.execute_script("return document.querySelectorAll('img').length") == 0
    assert opened.execute_script("return window.pwned === undefined")


def test_mutual_support_keeps_both_directions_in_the_actor_panel(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.graphs import Stated, make_graph

    graph = make_graph([Stated("Iran", "supports", "Russia"), Stated("Russia", "supports", "Iran"),
                        Stated("Iran", "supports", "Syria")])
    page = tmp_path / "mutual.html"
    page.write_text(render_view(graph), encoding="utf-8")
    browser.get(page.as_uri())
    _wait_for_network(browser)
    iran = browser.execute_script(
        "return window.stancegraph.nodes.get().find(n => n.label === 'Iran').id")
    browser.execute_script("window.stancegraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []})",
                           iran)
    items = browser.execute_script("return [...document.querySelectorAll('#evidence li')].map(li => li.innerText)")
    assert "\u2194 Russia" in items and "\u2192 Syria" in items


def test_the_sliders_start_where_the_command_line_left_them(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = tmp_path / "filtered.html"
    page.write_text(render_view(small_graph(), min_evidence=2, min_confidence=0.5), encoding="utf-8")
    browser.get(page.as_uri())
    _wait_for_network(browser)
    shown = browser.execute_script("""return ['min-evidence', 'min-confidence'].map(id => {
        const s = document.getElementById(id);
        return [s.value, s.min, document.getElementById(id + '-value').textContent]; })""")
    assert shown == [["2", "2", "2"], ["0.5", "0.5", "0.5"]]


def _open(browser, tmp_path: Path, html: str, name: str = "page.html"):  # type: ignore[no-untyped-def]  # noqa: F811
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    _wait_for_network(browser)
    return browser


def _slide(driver, slider: str, value: int) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script("const s = document.getElementById(arguments[0]); s.value = arguments[1]; "
                          "s.dispatchEvent(new Event('input'));", slider, value)


def _shown(driver) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return sorted(tuple(e) for e in driver.execute_script("""const sg = window.stancegraph;
        return sg.visibleEdges.get().map(e => [sg.nodes.get(e.from).label, e.relation, sg.nodes.get(e.to).label]);"""))


def test_pairs_linked_only_by_affiliation_wait_for_one_click(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.graphs import Stated, make_graph

    graph = make_graph([Stated("Turkey", "opposes", "YPG"), Stated("Omer Kaya", "affiliated_with", "Turkey"),
                        Stated("Sara Klein", "affiliated_with", "Wilson Center")],
                       types={"Omer Kaya": "Person", "Sara Klein": "Person", "Wilson Center": "Organization"})
    driver = _open(browser, tmp_path, render_view(graph))
    assert _shown(driver) == [("Omer Kaya", "affiliatedWith", "Turkey"), ("Turkey", "opposes", "YPG")]
    assert driver.find_element("id", "affiliation-only-count").text == "1"
    driver.find_element("id", "affiliation-only").click()
    assert ("Sara Klein", "affiliatedWith", "Wilson Center") in _shown(driver)
    assert driver.execute_script("return window.stancegraph.visibleNodes.length") == 5


def test_the_time_range_counts_only_the_claims_between_its_ends(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.graphs import Stated, make_graph

    graph = make_graph([Stated("Turkey", "supports", "Qatar", date="2020-01-10"),
                        Stated("Turkey", "supports", "Qatar", date="2020-02-01"),
                        Stated("Turkey", "opposes", "Qatar", date="2021-06-30"),
                        Stated("Iran", "supports", "Syria")])
    driver = _open(browser, tmp_path, render_view(graph))
    months = driver.execute_script(
        "return [...document.querySelectorAll('#time-range output')].map(o => o.textContent)")
    assert months == ["2020-01", "2021-06"]
    assert len(_shown(driver)) == 3  # the whole range: the undated Iran -> Syria too
    _slide(driver, "time-to", 1)
    assert _shown(driver) == [("Turkey", "supports", "Qatar")]
    _slide(driver, "min-evidence", 2)
    assert _shown(driver) == [("Turkey", "supports", "Qatar")]  # both supporting claims are in January-February
    _slide(driver, "time-from", 1)
    assert _shown(driver) == []  # one claim in February only
    _slide(driver, "min-evidence", 1)
    _slide(driver, "time-to", 2)
    assert _shown(driver) == [("Turkey", "opposes", "Qatar"), ("Turkey", "supports", "Qatar")]
    _slide(driver, "time-from", 2)
    assert _shown(driver) == [("Turkey", "opposes", "Qatar")]
    _slide(driver, "time-to", 0)  # dragged below the start: the start follows
    assert driver.execute_script("return [window.stancegraph.state.from, window.stancegraph.state.to]") == [0, 0]


def test_the_controls_start_where_the_command_line_left_them(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from graph.view.render import ViewFilters

    driver = _open(browser, tmp_path, render_view(small_graph(), filters=ViewFilters(
        relations=frozenset({"supports", "opposes"}), types=frozenset({"State", "ArmedGroup"}))))
    ticked = driver.execute_script("return [...document.querySelectorAll('.relation-filter, .type-filter')]"
                                   ".filter(b => b.checked).map(b => b.value)")
    assert ticked == ["supports", "opposes", "State", "ArmedGroup"]
    assert driver.execute_script("return window.stancegraph.visibleEdges.length") == 4


def test_the_overview_labels_the_best_attested_actors(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.graphs import Stated, make_graph

    # 30 states around two hubs, 300 minor actors named once each: the hubs and the best attested states labelled
    statements = [Stated("Hub A", "supports", f"State {i}") for i in range(30)]
    statements += [Stated("Hub B", "opposes", f"State {i}") for i in range(0, 30, 2)]
    statements += [Stated(f"State {i % 30}", "opposes", f"Minor {i}") for i in range(300)]
    driver = _open(browser, tmp_path, render_view(make_graph(statements)))
    drawn = driver.execute_script("""const sg = window.stancegraph; const scale = sg.network.getScale();
        return sg.nodes.get().filter(n => n.font.size * scale >= 7).map(n => n.label);""")
    assert {"Hub A", "Hub B"} <= set(drawn) and 15 <= len(drawn) <= 30  # at the zoom that shows everything
    assert not [label for label in drawn if label.startswith("Minor")]
    driver.execute_script("window.stancegraph.network.moveTo({scale: window.stancegraph.network.getScale() * 4})")
    closer = driver.execute_script("""const sg = window.stancegraph; const scale = sg.network.getScale();
        return sg.nodes.get().filter(n => n.font.size * scale >= 7).length;""")
    assert closer > len(drawn) + 30  # zoomed in, more of them
    sizes = driver.execute_script("return window.stancegraph.nodes.get(arguments[0]).value",
                                  driver.execute_script("return window.stancegraph.nodes.get().find("
                                                        "n => n.label === 'Hub A').id"))
    assert sizes == 30


def test_the_strict_policy_refuses_inline_script_that_slipped_in(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # as if escaping had failed and an article's markup had reached the page as markup
    html = render_view(small_graph()).replace(
        '<div id="network"></div>', '<div id="network"></div><script>window.pwned = 4;</script>'
        '<img src="data:," onerror="window.pwned = 5">', 1)
    driver = _open(browser, tmp_path, html)
    driver.execute_script("const s = document.createElement('script'); s.textContent = 'window.pwned = 6';"
                          "document.body.appendChild(s);")
    assert driver.execute_script("return window.pwned === undefined")
    refused = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    assert len(refused) >= 2
    text = _click_edge(driver, "supports", ACTORS["russia"].iri, ACTORS["assad"].iri)
    assert "Moscow has long supported Assad" in text  # the page's own script still runs
