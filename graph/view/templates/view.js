"use strict";
// The stancegraph view: reads its data from the JSON block, draws it with vis-network, keeps the filters.
(function () {
  const scriptStartedAt = performance.now();
  const data = JSON.parse(document.getElementById("stancegraph-data").textContent);
  const settings = data.settings;
  const months = settings.months;
  const LABELLED = 20;  // actors labelled at the overview zoom, the best attested first

  // Labels: vis draws a label only when its font is at least drawThreshold (8) pixels on screen. At the zoom that
  // fits the actors shown at first, the best attested get 13 px (all of them in a small graph); the others start
  // under 7 px and appear as the reader zooms in, the better attested first, every one by 2.3 times the overview.
  function labelFonts(nodeList, shown) {
    const box = document.getElementById("network");
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const n of nodeList) {
      if (!shown.has(n.id)) continue;
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    }
    if (minX > maxX) { minX = maxX = minY = maxY = 0; }  // nothing shown
    const overview = Math.min(1, box.clientWidth / (maxX - minX + 200), box.clientHeight / (maxY - minY + 200));
    const labelled = shown.size <= 2 * LABELLED ? Infinity : LABELLED;
    for (const n of nodeList) {
      const onScreen = n.rank < labelled ? 13 : Math.max(3, 6.5 * LABELLED / (n.rank + 1));
      n.font = { size: Math.round(10 * onScreen / overview) / 10 };
    }
    return { scale: overview, position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 } };
  }

  const monthIndex = new Map(months.map(function (m, i) { return [m, i]; }));
  for (const e of data.edges) {  // the asserted claims of each edge as [month index or -1, confidence]
    e.claims = e.evidence.filter(function (ev) { return !ev.negated && !ev.hedged; }).map(function (ev) {
      const m = monthIndex.get((ev.date || "").slice(0, 7));
      return [m === undefined ? -1 : m, ev.confidence];
    });
  }
  // The page starts where the command line left it (view --min-evidence, --min-confidence, --since/--until,
  // --relation, --type): edges outside were never written, so the controls start there and go no further.
  const state = { relations: new Set(settings.relations), types: new Set(settings.types),
                  minEvidence: settings.minEvidence, minConfidence: settings.minConfidence,
                  from: 0, to: Math.max(0, months.length - 1), affiliationOnly: false, focus: null, focusId: null };

  const typeOf = new Map(data.nodes.map(function (n) { return [n.id, n.actorType]; }));
  function typeOk(id) { return !typeOf.has(id) || state.types.has(typeOf.get(id)); }
  function wholeTime() { return state.from === 0 && state.to === Math.max(0, months.length - 1); }
  function inTime(e) {  // asserted claims in the time range, and the best confidence among them
    const whole = wholeTime();
    let count = 0, best = 0;
    for (const [m, confidence] of e.claims) {
      if (whole || (m >= state.from && m <= state.to)) { count++; best = Math.max(best, confidence); }
    }
    return [count, best];
  }
  function edgePasses(e, ignoreFocus) {
    if (!state.relations.has(e.relation) || !typeOk(e.from) || !typeOk(e.to)) return false;
    if (e.affiliationOnly && !state.affiliationOnly) return false;
    if (!ignoreFocus && state.focus && !(state.focus.has(e.from) && state.focus.has(e.to))) return false;
    const [count, best] = inTime(e);
    return count >= state.minEvidence && count > 0 && best >= state.minConfidence;
  }
  function shownBy(edgeList) {  // the actors on the edges that pass the filters (an array or a vis DataSet)
    const shown = new Set();
    edgeList.forEach(function (e) { if (edgePasses(e, false)) { shown.add(e.from); shown.add(e.to); } });
    if (state.focusId) shown.add(state.focusId);
    return shown;
  }
  let shownNodes = shownBy(data.edges);
  if (settings.focus) shownNodes.add(settings.focus);
  const firstView = labelFonts(data.nodes, shownNodes);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const edgeView = new vis.DataView(edges, { filter: function (e) { return edgePasses(e, false); } });
  const nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  const network = new vis.Network(document.getElementById("network"), { nodes: nodeView, edges: edgeView },
                                  data.options);
  const sg = { network: network, nodes: nodes, edges: edges, visibleNodes: nodeView, visibleEdges: edgeView,
               state: state, drawnAt: null, clickedAt: null, handledAt: null,
               scriptStartedAt: scriptStartedAt, networkBuiltAt: performance.now() };
  window.stancegraph = sg;
  network.moveTo(Object.assign({ animation: false }, firstView));  // vis fits the nodes; this leaves their labels room
  network.once("afterDrawing", function () { sg.drawnAt = performance.now(); });

  function applyFilters() {
    shownNodes = shownBy(edges);
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("counts").textContent =
      nodeView.length + " of " + nodes.length + " actors, " + edgeView.length + " of " + edges.length + " edges shown";
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function label(id) { const n = nodes.get(id); return n ? n.label : id; }
  function actorLink(id) {
    const a = el("span", label(id), "link");
    a.addEventListener("click", function () { network.selectNodes([id]); network.focus(id, { scale: 1.2 }); showNode(id); });
    return a;
  }
  function sentence(ev) {
    const div = el("div");
    let at = 0;
    for (const [start, end, kind] of ev.highlights) {
      div.appendChild(document.createTextNode(ev.sentence.slice(at, start)));
      div.appendChild(el("mark", ev.sentence.slice(start, end), kind));
      at = end;
    }
    div.appendChild(document.createTextNode(ev.sentence.slice(at)));
    return div;
  }
  function claimBox(ev) {
    const box = el("div", undefined, ev.negated || ev.hedged ? "claim weak" : "claim");
    if (ev.negated) box.appendChild(el("span", "negated", "flag"));
    if (ev.hedged) box.appendChild(el("span", "hedged", "flag"));
    box.appendChild(sentence(ev));
    const meta = [ev.document || "untitled document"];
    if (ev.date) meta.push(ev.date);
    if (ev.speaker) meta.push("speaker: " + ev.speaker + (ev.role ? " (" + ev.role + ")" : ""));
    else if (ev.role) meta.push("role: " + ev.role);
    meta.push("confidence " + ev.confidence.toFixed(2));
    if (ev.extractor) meta.push("extractor: " + ev.extractor);
    box.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
    return box;
  }
  function showEdges(ids) {
    const panel = document.getElementById("evidence");
    panel.replaceChildren();
    for (const id of ids) {
      const edge = edges.get(id);
      const head = el("h3");
      head.append(actorLink(edge.from), " \u2192 " + settings.edgeStyle[edge.relation].label + " \u2192 ", actorLink(edge.to));
      if (edge.contested) head.append(" ", el("span", "contested", "badge"));
      panel.appendChild(head);
      panel.appendChild(el("div", edge.claims.length + " asserted claim(s), " + (edge.evidence.length - edge.claims.length) + " negated or hedged", "note"));
      edge.evidence.forEach(function (ev) { panel.appendChild(claimBox(ev)); });
    }
  }
  function pairEdges(edge) {
    if (!edge.contested) return [edge.id];
    return edges.getIds({ filter: function (e) { return e.contested && e.from === edge.from && e.to === edge.to; } });
  }
  function related(id, relation) {
    const found = new Map();
    edges.forEach(function (e) {
      if (e.relation !== relation || (e.from !== id && e.to !== id)) return;
      const other = e.from === id ? e.to : e.from;
      const arrow = e.from === id ? "\u2192" : "\u2190";
      const had = found.get(other);  // both directions with one actor: one row, a two-headed arrow
      found.set(other, had !== undefined && had !== arrow ? "\u2194" : arrow);
    });
    return found;
  }
  function listOf(title, found, panel) {
    panel.appendChild(el("h3", title + " (" + found.size + ")"));
    const ul = el("ul", undefined, "plain");
    for (const [other, arrow] of found) { const li = el("li", arrow + " "); li.appendChild(actorLink(other)); ul.appendChild(li); }
    panel.appendChild(ul);
  }
  function showNode(id) {
    const n = nodes.get(id);
    const panel = document.getElementById("evidence");
    panel.replaceChildren(el("h3", n.label), el("div", "type: " + n.actorType + " \u00b7 " + n.value + " claims", "meta"));
    panel.appendChild(el("div", n.aliases.length ? "also called: " + n.aliases.join("; ") : "no other names seen", "aliases"));
    if (n.wikidata) {
      const a = el("a", "Wikidata " + n.wikidata);
      a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(n.wikidata);
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      panel.appendChild(a);
    }
    listOf("Allies (supports)", related(id, "supports"), panel);
    listOf("Opponents (opposes)", related(id, "opposes"), panel);
    listOf("Affiliations", related(id, "affiliatedWith"), panel);
  }
  network.on("click", function (params) {
    sg.clickedAt = performance.now();
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdges(pairEdges(edges.get(params.edges[0])));
    sg.handledAt = performance.now();
  });

  function findActor(name) {
    const wanted = name.trim().toLowerCase();
    if (!wanted) return null;
    const all = nodes.get();
    const exact = all.find(function (n) { return n.label.toLowerCase() === wanted; })
      || all.find(function (n) { return n.aliases.some(function (a) { return a.toLowerCase() === wanted; }); })
      || all.find(function (n) { return n.label.toLowerCase().includes(wanted); });
    return exact ? exact.id : null;
  }
  function focusActor(name, hops) {
    const id = findActor(name);
    const status = document.getElementById("search-status");
    if (!id) { status.textContent = "no actor named " + JSON.stringify(name); return null; }
    const near = new Map([[id, 0]]);
    const queue = [id];
    const adjacent = new Map();
    edges.forEach(function (e) {
      if (!edgePasses(e, true)) return;
      if (!adjacent.has(e.from)) adjacent.set(e.from, []);
      if (!adjacent.has(e.to)) adjacent.set(e.to, []);
      adjacent.get(e.from).push(e.to);
      adjacent.get(e.to).push(e.from);
    });
    while (queue.length) {
      const at = queue.shift();
      if (near.get(at) >= hops) continue;
      for (const next of adjacent.get(at) || []) if (!near.has(next)) { near.set(next, near.get(at) + 1); queue.push(next); }
    }
    state.focus = new Set(near.keys());
    state.focusId = id;
    applyFilters();
    status.textContent = "focused on " + label(id) + " and " + (near.size - 1) + " actors within " + hops + " hop(s)";
    network.selectNodes([id]);
    network.fit({ nodes: Array.from(near.keys()), animation: false });
    showNode(id);
    return id;
  }
  function clearFocus() {
    state.focus = null; state.focusId = null;
    document.getElementById("search-status").textContent = "";
    applyFilters();
    network.fit({ animation: false });
  }
  sg.applyFilters = applyFilters;
  sg.focusActor = focusActor;
  sg.clearFocus = clearFocus;

  // A threshold slider: starts at (and goes no lower than) the command line's value, shown beside it.
  function thresholdSlider(id, key) {
    const slider = document.getElementById(id);
    const shown = document.getElementById(id + "-value");
    slider.min = slider.value = String(settings[key]);
    shown.textContent = slider.value;
    slider.addEventListener("input", function () {
      state[key] = Number(slider.value);
      shown.textContent = slider.value;
      applyFilters();
    });
    return slider;
  }
  thresholdSlider("min-evidence", "minEvidence").max =
    String(Math.max(settings.minEvidence, ...edges.map(function (e) { return e.claims.length; })));
  thresholdSlider("min-confidence", "minConfidence");

  // The time range: two sliders over the months of the claims' documents, from the first to the last.
  function timeSlider(id, key) {
    const slider = document.getElementById(id);
    const shown = document.getElementById(id + "-value");
    slider.max = String(Math.max(0, months.length - 1));
    slider.value = String(state[key]);
    slider.disabled = months.length < 2;
    shown.textContent = months[state[key]] || "no dated claims";
    slider.addEventListener("input", function () {
      state[key] = Number(slider.value);
      if (state.from > state.to) {  // the two ends never cross: the other one moves along
        if (key === "from") state.to = state.from; else state.from = state.to;
      }
      for (const [other, otherKey] of [["time-from", "from"], ["time-to", "to"]]) {
        document.getElementById(other).value = String(state[otherKey]);
        document.getElementById(other + "-value").textContent = months[state[otherKey]];
      }
      applyFilters();
    });
  }
  timeSlider("time-from", "from");
  timeSlider("time-to", "to");

  function checkboxes(selector, set) {
    document.querySelectorAll(selector).forEach(function (box) {
      box.checked = set.has(box.value);
      box.addEventListener("change", function () {
        if (box.checked) set.add(box.value); else set.delete(box.value);
        applyFilters();
      });
    });
  }
  checkboxes(".relation-filter", state.relations);
  checkboxes(".type-filter", state.types);
  const alone = document.getElementById("affiliation-only");
  document.getElementById("affiliation-only-count").textContent =
    String(edges.get({ filter: function (e) { return e.affiliationOnly; } }).length);
  alone.addEventListener("change", function () { state.affiliationOnly = alone.checked; applyFilters(); });

  const search = document.getElementById("search");
  const hopsInput = document.getElementById("hops");
  function focusFromInput() { focusActor(search.value, Math.max(1, Number(hopsInput.value) || 1)); }
  document.getElementById("focus-button").addEventListener("click", focusFromInput);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusFromInput(); });
  document.getElementById("clear-button").addEventListener("click", clearFocus);
  const names = document.getElementById("actor-names");
  nodes.forEach(function (n) { const o = document.createElement("option"); o.value = n.label; names.appendChild(o); });

  const contested = edges.get({ filter: function (e) { return e.contested && e.relation === "supports"; } });
  document.getElementById("contested-title").textContent = "Contested pairs (" + contested.length + ")";
  for (const e of contested) {
    const li = el("li", label(e.from) + " \u2192 " + label(e.to), "link");
    li.addEventListener("click", function () { network.selectEdges(pairEdges(e)); showEdges(pairEdges(e)); });
    document.getElementById("contested").appendChild(li);
  }
  applyFilters();
  if (settings.focus && nodes.get(settings.focus)) {
    state.focusId = settings.focus;
    search.value = label(settings.focus);
    network.selectNodes([settings.focus]);
    showNode(settings.focus);
  }
})();
