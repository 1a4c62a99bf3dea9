/* jjjkg network view. Every string that comes from the data is set with textContent, or drawn on
   the canvas with fillText, or given to vis-network as a title (plain text): never as HTML. The
   URL's hash is read the same way: it only picks among the page's own keys and numbers. */
(function () {
  "use strict";
  var M = window.jjjkgMap, S = window.jjjkgShare;
  var D = JSON.parse(document.getElementById("jjjkg-data").textContent);
  var V = { D: D, lang: D.lang }, layoutNow = "geo";  // V: what the panel (panel.js) shares
  var byNode = new Map(D.nodes.map(function (n) { return [n.id, n]; }));
  var byEdge = new Map(D.edges.map(function (e) { return [e.id, e]; }));
  var legend = D.legend, ADMIN = D.adminRelations || [];
  var typeInfo = new Map(legend.types.map(function (t) { return [t.key, t]; }));
  var regionInfo = new Map(legend.regions.map(function (r) { return [r.key, r]; }));
  var relationInfo = new Map(legend.relations.map(function (r) { return [r.key, r]; }));
  var sourceInfo = new Map(legend.sources.map(function (s) { return [s.key, s]; }));
  var incident = new Map(D.nodes.map(function (n) { return [n.id, []]; }));
  D.edges.forEach(function (e) { incident.get(e.from).push(e); if (e.to !== e.from) incident.get(e.to).push(e); });
  var focus = D.focus && byNode.has(D.focus) ? D.focus : null;
  if (focus) D.visNodes.forEach(function (n) {  // the focus entity: a heavy dark ring, its label always drawn
    if (n.id === focus) { n.borderWidth = 7; n.color = { background: n.color.background, border: "#111111", highlight: { background: n.color.background, border: "#111111" } }; }
  });
  var baseNode = new Map(D.visNodes.map(function (n) { return [n.id, n]; }));
  var baseEdge = new Map(D.visEdges.map(function (e) { return [e.id, e]; }));
  var labelOrder = D.nodes.slice().sort(function (a, b) { return b.degree - a.degree || (a.id < b.id ? -1 : 1); }).map(function (n) { return n.id; });

  function keys(entries) { return new Set(entries.map(function (entry) { return entry.key; })); }
  function everything() {  // the filters as the page opens: the whole map without the administrative
    var relations = keys(legend.relations);  // hierarchy; a --focus or --query page all it was given
    if (D.fit !== "content") ADMIN.forEach(function (k) { relations.delete(k); });
    return { types: keys(legend.types), regions: keys(legend.regions), relations: relations,
             sources: keys(legend.sources), years: legend.years ? legend.years.slice() : null, undated: true,
             matches: null, query: "" };
  }
  V.state = everything();
  V.visibleNodes = new Set(); V.visibleEdges = new Set(); V.highlighted = null; V.kept = null; V.shown = null;

  function other() { return V.lang === "zh" ? "en" : "zh"; }
  function pick(obj) { return obj[V.lang] || obj[other()] || obj.key || obj.id || ""; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function $(id) { return document.getElementById(id); }

  var nodes = new vis.DataSet(D.visNodes);
  var edges = new vis.DataSet(D.visEdges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return V.visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return V.visibleEdges.has(e.id); } });

  /* ---- what is shown ---- */
  function yearPasses(e) {
    return e.year === null ? V.state.undated : !V.state.years || (e.year >= V.state.years[0] && e.year <= V.state.years[1]);
  }
  function edgeFiltersNarrowed() {
    var years = legend.years;
    return V.state.relations.size < legend.relations.length || V.state.sources.size < legend.sources.length ||
      !V.state.undated || (years && (V.state.years[0] > years[0] || V.state.years[1] < years[1]));
  }
  function nodePasses(id) {
    var n = byNode.get(id);
    return V.state.types.has(n.type) && V.state.regions.has(n.region);
  }
  function recompute() {
    var narrowed = edgeFiltersNarrowed(), touched = new Set(), m = V.state.matches;
    V.visibleEdges = new Set();
    D.edges.forEach(function (e) {
      if (!V.state.relations.has(e.relation) || !V.state.sources.has(e.source) || !yearPasses(e)) return;
      if (!nodePasses(e.from) || !nodePasses(e.to)) return;
      if (m && !m.has(e.from) && !m.has(e.to)) return;
      V.visibleEdges.add(e.id); touched.add(e.from); touched.add(e.to);
    });
    V.visibleNodes = new Set();
    D.nodes.forEach(function (n) {
      if (!nodePasses(n.id)) return;
      if (m ? !(m.has(n.id) || touched.has(n.id)) : (narrowed && !touched.has(n.id))) return;
      V.visibleNodes.add(n.id);
    });
    nodeView.refresh(); edgeView.refresh();
    showCounts(); legendCounts(); changed();
  }
  function showCounts() {
    $("counts").textContent = V.lang === "zh"
      ? "显示 " + V.visibleNodes.size + " / " + D.nodes.length + " 个节点，" + V.visibleEdges.size + " / " + D.edges.length + " 条连线"
      : V.visibleNodes.size + " / " + D.nodes.length + " nodes, " + V.visibleEdges.size + " / " + D.edges.length + " edges shown";
  }
  /* The legend's counts follow the filters: each entry counts what it shows (or would show if
     ticked) under every other filter. */
  var countSpans = {};
  function legendCounts() {
    var c = { relations: new Map(), sources: new Map(), types: new Map(), regions: new Map() }, touched = new Set();
    function add(map, key) { map.set(key, (map.get(key) || 0) + 1); }
    D.edges.forEach(function (e) {
      if (!yearPasses(e) || !nodePasses(e.from) || !nodePasses(e.to)) return;
      if (V.state.matches && !V.state.matches.has(e.from) && !V.state.matches.has(e.to)) return;
      var relationOk = V.state.relations.has(e.relation), sourceOk = V.state.sources.has(e.source);
      if (sourceOk) add(c.relations, e.relation);
      if (relationOk) add(c.sources, e.source);
      if (relationOk && sourceOk) { touched.add(e.from); touched.add(e.to); }
    });
    var narrowed = edgeFiltersNarrowed() || V.state.matches;
    D.nodes.forEach(function (n) {
      if (narrowed ? !touched.has(n.id) : false) return;
      if (V.state.regions.has(n.region)) add(c.types, n.type);
      if (V.state.types.has(n.type)) add(c.regions, n.region);
    });
    Object.keys(countSpans).forEach(function (kind) {
      countSpans[kind].forEach(function (span, key) { span.textContent = c[kind].get(key) || 0; });
    });
    api.legendCounts = function () {
      var out = {};
      Object.keys(c).forEach(function (kind) { out[kind] = Object.fromEntries(c[kind]); });
      return out;
    };
  }

  var api = window.jjjkgView = { drawn: false, firstDrawMs: null, labels: [], basemapLabels: [] };
  var changed = function () {};  // set below, once the permalink can be written
  recompute();
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, D.options);
  api.network = network; api.nodes = nodes; api.edges = edges;
  Object.assign(V, { network: network, nodes: nodes, edges: edges, api: api, byNode: byNode, byEdge: byEdge, incident: incident,
                    baseNode: baseNode, baseEdge: baseEdge, sourceInfo: sourceInfo, regionInfo: regionInfo, el: el, $: $,
                    pick: pick, other: other, typeLabel: typeLabel, relationLabel: relationLabel,
                    changed: function () { changed(); } });
  var P = window.jjjkgPanel(V);  // the side panel and the lit neighbourhood
  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now(); api.drawn = true;
    document.documentElement.setAttribute("data-drawn", "1");
  });

  /* ---- the base map under the network, and every label over it ---- */
  network.on("beforeDrawing", function (ctx) { if (layoutNow === "geo") M.drawOutlines(ctx, network, D.basemap); });
  network.on("afterDrawing", function (ctx) {
    var drawn = M.drawLabels(ctx, network, { map: layoutNow === "geo" ? D.basemap : null, lang: V.lang, byNode: byNode,
      byEdge: byEdge, order: labelOrder, visibleNodes: V.visibleNodes, visibleEdges: V.visibleEdges, focus: focus,
      selected: V.highlighted, lit: V.kept, matches: V.state.matches, relationLabel: relationLabel });
    api.labels = drawn;
    api.basemapLabels = drawn.filter(function (b) { return b.kind === "map"; });
  });

  function boxOf(ids) {
    var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }, positions = network.getPositions(ids);
    Object.keys(positions).forEach(function (id) { M.grow(box, positions[id].x, positions[id].y); });
    return box;
  }
  /* The whole map and every node in sight (the full graph in the geographic layout); else what is
     shown (a search, a --focus or --query page, the force layout), zoomed in no further than 1.6. */
  function fitView() {
    var ids = Array.from(V.visibleNodes), content = D.fit === "content" || V.state.matches || layoutNow !== "geo";
    var box = boxOf(ids);
    if (!content) { var map = M.extent(D.basemap); M.grow(box, map.x0, map.y0); M.grow(box, map.x1, map.y1); }
    var pad = content ? 60 : 0;
    box = { x0: box.x0 - pad, y0: box.y0 - pad, x1: box.x1 + pad, y1: box.y1 + pad };
    M.fitBox(network, $("network"), box, content ? 1.6 : Infinity);
  }
  fitView();

  /* ---- legend and filters ---- */
  function swatch(kind, colour, shape) {
    var s = el("span", null, "swatch " + (shape || ""));
    if (kind === "fill") s.style.background = colour;
    if (kind === "ring") { s.className = "swatch ring"; s.style.borderColor = colour; }
    if (kind === "line") { s.className = "swatch line"; s.style.background = colour; }
    return s;
  }
  function filterList(boxId, kind, entries, set, look) {
    var box = $(boxId), spans = countSpans[kind] = new Map();
    box.textContent = "";
    var tools = el("div", null, "hint");
    [["all", "全选", "all"], ["none", "全不选", "none"]].forEach(function (b) {
      var button = el("button", V.lang === "zh" ? b[1] : b[2]);
      button.type = "button";
      button.addEventListener("click", function () {
        entries.forEach(function (entry) { if (b[0] === "all") set.add(entry.key); else set.delete(entry.key); });
        box.querySelectorAll("input").forEach(function (i) { i.checked = b[0] === "all"; });
        syncAdmin(); recompute();
      });
      tools.appendChild(button); tools.appendChild(document.createTextNode(" "));
    });
    box.appendChild(tools);
    entries.forEach(function (entry) {
      var label = el("label", null, "item");
      var input = el("input"); input.type = "checkbox"; input.checked = set.has(entry.key); input.value = entry.key;
      input.addEventListener("change", function () {
        if (input.checked) set.add(entry.key); else set.delete(entry.key);
        syncAdmin(); recompute();
      });
      label.appendChild(input);
      if (look) label.appendChild(swatch(look, entry.colour, entry.shape));
      var name = el("span", pick(entry));
      name.title = entry[other()] || "";
      label.appendChild(name);
      if (entry.shape) label.appendChild(el("span", pick(legend.shapes[entry.shape] || {}), "shape-name"));
      var count = el("span", entry.count, "count");
      spans.set(entry.key, count);
      label.appendChild(count);
      box.appendChild(label);
    });
  }
  function buildFilters() {
    filterList("f-types", "types", legend.types, V.state.types, "fill");
    filterList("f-regions", "regions", legend.regions, V.state.regions, "ring");
    filterList("f-relations", "relations", legend.relations, V.state.relations, "line");
    filterList("f-sources", "sources", legend.sources, V.state.sources, null);
    syncAdmin(); legendCounts();
  }
  /* The administrative hierarchy (located in, part of) is one switch: on, both relations are shown
     and with them the counties known only from the register. */
  var adminKeys = ADMIN.filter(function (k) { return relationInfo.has(k); });
  function syncAdmin() { $("admin").checked = adminKeys.length > 0 && adminKeys.every(function (k) { return V.state.relations.has(k); }); }
  $("admin").disabled = !adminKeys.length;
  $("admin").addEventListener("change", function () {
    adminKeys.forEach(function (k) { if ($("admin").checked) V.state.relations.add(k); else V.state.relations.delete(k); });
    buildFilters(); recompute();
  });
  buildFilters();

  /* ---- time: a range of years with play ---- */
  var from = $("year-from"), to = $("year-to"), playing = null;
  function showYears() {
    if (!legend.years) { $("year-shown").textContent = V.lang === "zh" ? "无日期" : "no dates"; return; }
    from.value = V.state.years[0]; to.value = V.state.years[1];
    $("year-shown").textContent = V.state.years[0] === V.state.years[1] ? V.state.years[0] : V.state.years[0] + " – " + V.state.years[1];
  }
  function setYears(a, b) {
    if (!legend.years) return;
    var lo = legend.years[0], hi = legend.years[1];
    a = Math.max(lo, Math.min(hi, a)); b = Math.max(lo, Math.min(hi, b));
    V.state.years = [Math.min(a, b), Math.max(a, b)];
    showYears(); recompute();
  }
  function stopPlay() {
    if (playing !== null) { clearInterval(playing); playing = null; }
    $("play").textContent = V.lang === "zh" ? "▶ 播放" : "▶ Play";
  }
  function play() {  // the end year steps from the start year to the last, one a second
    if (playing !== null || !legend.years) { stopPlay(); return; }
    setYears(V.state.years[0], V.state.years[0]);
    $("play").textContent = V.lang === "zh" ? "❚❚ 暂停" : "❚❚ Pause";
    playing = setInterval(function () {
      setYears(V.state.years[0], V.state.years[1] + 1);
      if (V.state.years[1] >= legend.years[1]) stopPlay();
    }, 1000);
  }
  if (legend.years) {
    [from, to].forEach(function (input) { input.min = legend.years[0]; input.max = legend.years[1]; input.step = 1; });
    from.addEventListener("input", function () { stopPlay(); setYears(parseInt(from.value, 10), Math.max(parseInt(from.value, 10), V.state.years[1])); });
    to.addEventListener("input", function () { stopPlay(); setYears(Math.min(parseInt(to.value, 10), V.state.years[0]), parseInt(to.value, 10)); });
    $("play").addEventListener("click", play);
  } else {
    [from, to, $("play")].forEach(function (input) { input.disabled = true; });
  }
  showYears();
  $("undated").addEventListener("change", function () { V.state.undated = $("undated").checked; recompute(); });

  $("reset").addEventListener("click", function () {
    stopPlay(); V.state = everything();
    $("undated").checked = true; $("search").value = ""; $("results").hidden = true;
    P.clearHighlight(); network.unselectAll(); P.showHint();
    buildFilters(); showYears(); recompute(); fitView();
  });

  /* ---- search: zh, en, aliases and ids; narrows the view to the matches and their links ---- */
  var searchable = D.nodes.map(function (n) { return [n.id, [n.zh, n.en, n.id].concat(n.aliases).join("\u0001").toLowerCase()]; });
  function search(text, fit) {
    var q = text.trim().toLowerCase(), list = $("results");
    list.textContent = ""; V.state.query = text;
    if (!q) { V.state.matches = null; list.hidden = true; recompute(); if (fit !== false) fitView(); return; }
    var found = searchable.filter(function (s) { return s[1].indexOf(q) >= 0; }).map(function (s) { return s[0]; });
    V.state.matches = new Set(found);
    found.slice(0, 50).forEach(function (id) {
      var n = byNode.get(id), item = el("li"), button = el("button", pick(n) + " · " + pick(typeInfo.get(n.type) || {}));
      button.type = "button";
      button.addEventListener("click", function () { P.selectNode(id, true); });
      item.appendChild(button); list.appendChild(item);
    });
    if (found.length > 50) list.appendChild(el("li", "… " + (found.length - 50)));
    if (!found.length) list.appendChild(el("li", V.lang === "zh" ? "无匹配" : "no match"));
    list.hidden = false;
    recompute();
    if (found.length && fit !== false) fitView();
  }
  $("search").addEventListener("input", function () { search($("search").value); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && V.state.matches && V.state.matches.size) P.selectNode(V.state.matches.values().next().value, true);
  });

  /* ---- layouts and language ---- */
  function setLayout(which, fit) {
    if (which !== "geo" && which !== "force") return;
    layoutNow = which;  // the base map belongs to the geographic layout only
    document.querySelectorAll("input[name=layout]").forEach(function (i) { i.checked = i.value === which; });
    nodes.update(D.nodes.map(function (n) { return { id: n.id, x: n[which][0], y: n[which][1] }; }));
    if (fit !== false) fitView();
    changed();
  }
  document.querySelectorAll("input[name=layout]").forEach(function (input) {
    input.addEventListener("change", function () { if (input.checked) setLayout(input.value); });
  });
  function typeLabel(key, l) { var t = typeInfo.get(key); return t ? t[l] : key; }
  function relationLabel(key, l) { var r = relationInfo.get(key); return r ? r[l] : key; }
  function setLang(next) {
    if (next !== "zh" && next !== "en") return;
    V.lang = next;
    document.documentElement.lang = V.lang;
    $("lang").textContent = V.lang === "zh" ? "EN" : "中文";
    document.querySelectorAll("[data-zh]").forEach(function (node) { node.textContent = node.getAttribute("data-" + V.lang); });
    $("heading").textContent = D.heading[V.lang] || D.heading.zh; document.title = $("heading").textContent;
    $("search").placeholder = $("search").getAttribute("data-placeholder-" + V.lang);
    nodes.update(D.nodes.map(function (n) { return { id: n.id, title: [n[other()], typeLabel(n.type, other())].filter(Boolean).join(" · ") }; }));
    edges.update(D.edges.map(function (e) { return { id: e.id, title: [relationLabel(e.relation, other()), e.date].filter(Boolean).join(" · ") }; }));
    buildFilters(); showCounts(); showYears(); stopPlay();
    if (V.shown) (V.shown.kind === "node" ? P.showNode : P.showEdge)(V.shown.id);
    network.redraw(); changed();
  }
  $("lang").addEventListener("click", function () { setLang(other()); });

  /* ---- CSV and PNG of what is shown ---- */
  var CSV_COLUMNS = ["subject", "relation", "object", "date", "quote", "source_title", "publisher", "source_date"];
  function visibleCsv() {
    var rows = D.edges.filter(function (e) { return V.visibleEdges.has(e.id); }).map(function (e) {
      var s = P.sourceParts(e), a = byNode.get(e.from), b = byNode.get(e.to);
      return [a ? pick(a) : e.from, relationLabel(e.relation, V.lang), b ? pick(b) : e.to, e.date, e.quote, s.title, s.publisher, s.published];
    });
    return S.csvText(CSV_COLUMNS, rows);
  }
  $("export-csv").addEventListener("click", function () { S.download(new Blob([visibleCsv()], { type: "text/csv;charset=utf-8" }), "jjjkg-view.csv"); });
  function pngDataUrl() {
    var caption = (D.heading[V.lang] || D.heading.zh) + " · jjjkg" + (D.basemap ? " · " + (V.lang === "zh" ? "底图：" : "base map: ") + D.basemap.source : "");
    return S.pngDataUrl(network.canvas.frame.canvas, caption, M.FACE);
  }
  $("export-png").addEventListener("click", function () { S.download(S.dataUrlBlob(pngDataUrl()), "jjjkg-view.png"); });

  var link = window.jjjkgPermalink(V, { panel: P, everything: everything, keys: keys, setLang: setLang, setLayout: setLayout,
    buildFilters: buildFilters, showYears: showYears, search: search, fitView: fitView, stopPlay: stopPlay,
    layout: function () { return layoutNow; } });
  changed = link.changed;
  var permalinkHash = link.hash, restore = link.restore;

  api.visibleCsv = visibleCsv; api.citationText = function (edgeId) { return P.citationText(byEdge.get(edgeId)); };
  api.pngDataUrl = pngDataUrl;
  api.permalink = function () { var hash = permalinkHash(); S.writeHash(hash); return location.href; };
  api.visibleNodeIds = function () { return Array.from(V.visibleNodes); };
  api.visibleEdgeIds = function () { return Array.from(V.visibleEdges); };
  api.selectNode = P.selectNode; api.showEdge = P.selectEdge; api.setLayout = setLayout; api.setLang = setLang;
  api.setYears = setYears; api.play = play;
  api.state = function () { return { lang: V.lang, layout: layoutNow, years: V.state.years, undated: V.state.undated, query: V.state.query, shown: V.shown, scale: network.getScale(), position: network.getViewPosition() }; };
  api.search = function (text) { $("search").value = text; search(text); };
  if (!restore(location.hash) && V.lang !== "zh") setLang(V.lang);
})();
