/* jjjkg network view. Every string that comes from the data is set with textContent (or as a
   vis-network label/title, which vis draws on the canvas or as plain text): never as HTML. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("jjjkg-data").textContent);
  var lang = D.lang;
  var byNode = new Map(D.nodes.map(function (n) { return [n.id, n]; }));
  var byEdge = new Map(D.edges.map(function (e) { return [e.id, e]; }));
  var baseNode = new Map(D.visNodes.map(function (n) { return [n.id, n]; }));
  var baseEdge = new Map(D.visEdges.map(function (e) { return [e.id, e]; }));
  var legend = D.legend;
  var typeInfo = new Map(legend.types.map(function (t) { return [t.key, t]; }));
  var regionInfo = new Map(legend.regions.map(function (r) { return [r.key, r]; }));
  var relationInfo = new Map(legend.relations.map(function (r) { return [r.key, r]; }));
  var sourceInfo = new Map(legend.sources.map(function (s) { return [s.key, s]; }));
  var incident = new Map(D.nodes.map(function (n) { return [n.id, []]; }));
  D.edges.forEach(function (e) { incident.get(e.from).push(e); if (e.to !== e.from) incident.get(e.to).push(e); });

  function keys(entries) { return new Set(entries.map(function (entry) { return entry.key; })); }
  function everything() {  // the filters as the page opens: all shown
    return { types: keys(legend.types), regions: keys(legend.regions), relations: keys(legend.relations),
             sources: keys(legend.sources), years: legend.years ? legend.years.slice() : null, undated: true,
             matches: null };
  }
  var state = everything();
  var visibleNodes = new Set(), visibleEdges = new Set(), highlighted = null;

  function other() { return lang === "zh" ? "en" : "zh"; }
  function pick(obj) { return obj[lang] || obj[other()] || obj.key || obj.id || ""; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function $(id) { return document.getElementById(id); }

  var nodes = new vis.DataSet(D.visNodes);
  var edges = new vis.DataSet(D.visEdges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });

  function edgeFiltersNarrowed() {
    var years = legend.years;
    return state.relations.size < legend.relations.length || state.sources.size < legend.sources.length ||
      !state.undated || (years && (state.years[0] > years[0] || state.years[1] < years[1]));
  }

  function nodePasses(id) {
    var n = byNode.get(id);
    return state.types.has(n.type) && state.regions.has(n.region);
  }

  function recompute() {
    var narrowed = edgeFiltersNarrowed(), touched = new Set(), m = state.matches;
    visibleEdges = new Set();
    D.edges.forEach(function (e) {
      if (!state.relations.has(e.relation) || !state.sources.has(e.source)) return;
      if (e.year === null ? !state.undated : (state.years && (e.year < state.years[0] || e.year > state.years[1]))) return;
      if (!nodePasses(e.from) || !nodePasses(e.to)) return;
      if (m && !m.has(e.from) && !m.has(e.to)) return;
      visibleEdges.add(e.id); touched.add(e.from); touched.add(e.to);
    });
    visibleNodes = new Set();
    D.nodes.forEach(function (n) {
      if (!nodePasses(n.id)) return;
      if (m ? !(m.has(n.id) || touched.has(n.id)) : (narrowed && !touched.has(n.id))) return;
      visibleNodes.add(n.id);
    });
    nodeView.refresh(); edgeView.refresh();
    showCounts();
  }

  function showCounts() {
    var text = lang === "zh"
      ? "显示 " + visibleNodes.size + " / " + D.nodes.length + " 个节点，" + visibleEdges.size + " / " + D.edges.length + " 条连线"
      : visibleNodes.size + " / " + D.nodes.length + " nodes, " + visibleEdges.size + " / " + D.edges.length + " edges shown";
    $("counts").textContent = text;
  }

  recompute();
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, D.options);
  var api = window.jjjkgView = { network: network, nodes: nodes, edges: edges, drawn: false, firstDrawMs: null };
  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now(); api.drawn = true;
    document.documentElement.setAttribute("data-drawn", "1");
  });

  /* ---- base map: province, prefecture and district outlines and names, under the network ---- */
  var layoutNow = "geo";
  api.basemapLabels = [];  // the names drawn last time, with their boxes on screen (for tests)
  function hexToRgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  function tracePath(ctx, flat, close) {
    ctx.moveTo(flat[0], flat[1]);
    for (var i = 2; i < flat.length; i += 2) ctx.lineTo(flat[i], flat[i + 1]);
    if (close) ctx.closePath();
  }
  function drawBasemap(ctx) {  // under the network: outlines and a faint tint by province
    var map = D.basemap;
    if (!map || layoutNow !== "geo") return;
    var scale = network.getScale();
    ctx.save();
    ctx.lineJoin = "round";
    map.units.forEach(function (u) {
      ctx.beginPath();
      u.rings.forEach(function (ring) { tracePath(ctx, ring, true); });
      ctx.fillStyle = hexToRgba(map.fill[u.province] || "#999999", 0.07);
      ctx.fill("evenodd");
      ctx.strokeStyle = "rgba(120,128,140,0.55)";
      ctx.lineWidth = 0.8 / scale;
      ctx.stroke();
    });
    map.provinces.forEach(function (p) {
      ctx.beginPath();
      p.lines.forEach(function (line) { tracePath(ctx, line, true); });
      ctx.strokeStyle = "rgba(70,78,92,0.75)";
      ctx.lineWidth = 1.8 / scale;
      ctx.stroke();
    });
    ctx.restore();
  }
  function drawPlaceNames(ctx) {  // over the network, so that nodes never hide them
    var map = D.basemap;
    api.basemapLabels = [];
    if (!map || layoutNow !== "geo") return;
    var scale = network.getScale(), taken = [];
    // Names at a fixed size on screen, most important first; a name that would overlap one
    // already drawn is left out (districts appear as the reader zooms in).
    function overlaps(box) {
      return taken.some(function (b) { return box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h; });
    }
    function name(entry, px, weight, colour) {
      var text = entry[lang] || entry[other()] || entry.zh;
      if (!text) return;
      ctx.font = weight + " " + (px / scale) + "px " + D.options.nodes.font.face;
      var width = ctx.measureText(text).width * scale, centre = network.canvasToDOM({ x: entry.label[0], y: entry.label[1] });
      var box = { x: centre.x - width / 2 - 2, y: centre.y - px / 2 - 2, w: width + 4, h: px + 4 };
      if (overlaps(box)) return;
      taken.push(box);
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, entry.label[0], entry.label[1]);
      ctx.fillStyle = colour;
      ctx.fillText(text, entry.label[0], entry.label[1]);
      api.basemapLabels.push({ text: text, level: entry.level || "province", x: box.x, y: box.y, w: box.w, h: box.h, px: px });
    }
    ctx.save();
    map.provinces.forEach(function (p) { name(p, 20, "bold", "rgba(55,62,75,0.85)"); });
    map.units.forEach(function (u) { if (u.level === "prefecture") name(u, 13, "600", "rgba(60,68,82,0.95)"); });
    map.units.forEach(function (u) { if (u.level === "district") name(u, 11, "normal", "rgba(90,98,110,0.95)"); });
    ctx.restore();
  }
  network.on("beforeDrawing", drawBasemap);
  network.on("afterDrawing", drawPlaceNames);
  function fitView() {  // geographic layout: the whole map and every node in sight; else vis's own fit
    if (layoutNow !== "geo" || !D.basemap) { network.fit(); return; }
    var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    function extend(x, y) { box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y); box.x1 = Math.max(box.x1, x); box.y1 = Math.max(box.y1, y); }
    D.basemap.provinces.forEach(function (p) { p.lines.forEach(function (line) { for (var i = 0; i < line.length; i += 2) extend(line[i], line[i + 1]); }); });
    var positions = network.getPositions(Array.from(visibleNodes));
    Object.keys(positions).forEach(function (id) { extend(positions[id].x, positions[id].y); });
    var area = $("network");
    var scale = 0.96 * Math.min(area.clientWidth / (box.x1 - box.x0), area.clientHeight / (box.y1 - box.y0));
    network.moveTo({ position: { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 }, scale: scale });
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

  function filterList(boxId, entries, set, kind) {
    var box = $(boxId);
    box.textContent = "";
    var tools = el("div", null, "hint");
    [["all", "全选", "all"], ["none", "全不选", "none"]].forEach(function (b) {
      var button = el("button", lang === "zh" ? b[1] : b[2]);
      button.type = "button";
      button.addEventListener("click", function () {
        entries.forEach(function (entry) { if (b[0] === "all") set.add(entry.key); else set.delete(entry.key); });
        box.querySelectorAll("input").forEach(function (i) { i.checked = b[0] === "all"; });
        recompute();
      });
      tools.appendChild(button); tools.appendChild(document.createTextNode(" "));
    });
    box.appendChild(tools);
    entries.forEach(function (entry) {
      var label = el("label", null, "item");
      var input = el("input"); input.type = "checkbox"; input.checked = set.has(entry.key); input.value = entry.key;
      input.addEventListener("change", function () {
        if (input.checked) set.add(entry.key); else set.delete(entry.key);
        recompute();
      });
      label.appendChild(input);
      if (kind) label.appendChild(swatch(kind, entry.colour, entry.shape));
      var name = el("span", pick(entry));
      name.title = entry[other()] || "";
      label.appendChild(name);
      if (entry.shape) label.appendChild(el("span", pick(legend.shapes[entry.shape] || {}), "shape-name"));
      label.appendChild(el("span", entry.count, "count"));
      box.appendChild(label);
    });
  }

  function buildFilters() {
    filterList("f-types", legend.types, state.types, "fill");
    filterList("f-regions", legend.regions, state.regions, "ring");
    filterList("f-relations", legend.relations, state.relations, "line");
    filterList("f-sources", legend.sources, state.sources, null);
  }
  buildFilters();

  if (legend.years) {
    var from = $("year-from"), to = $("year-to");
    [from, to].forEach(function (input) { input.min = legend.years[0]; input.max = legend.years[1]; });
    from.value = legend.years[0]; to.value = legend.years[1];
    var onYears = function () {
      var a = parseInt(from.value, 10), b = parseInt(to.value, 10);
      state.years = [isNaN(a) ? legend.years[0] : a, isNaN(b) ? legend.years[1] : b];
      recompute();
    };
    from.addEventListener("input", onYears); to.addEventListener("input", onYears);
  } else {
    $("f-years").querySelectorAll("input[type=number]").forEach(function (i) { i.disabled = true; });
  }
  $("undated").addEventListener("change", function () { state.undated = $("undated").checked; recompute(); });

  $("reset").addEventListener("click", function () {
    state = everything();
    $("undated").checked = true; $("search").value = ""; $("results").hidden = true;
    if (legend.years) { $("year-from").value = legend.years[0]; $("year-to").value = legend.years[1]; }
    clearHighlight(); network.unselectAll(); shown = null;
    panel.textContent = ""; panel.appendChild(panelHint.cloneNode(true));
    buildFilters(); recompute(); fitView();
  });

  /* ---- search: zh, en, aliases and ids; narrows the view to the matches and their links ---- */
  var searchable = D.nodes.map(function (n) {
    return [n.id, [n.zh, n.en, n.id].concat(n.aliases).join("\u0001").toLowerCase()];
  });
  function search(text) {
    var q = text.trim().toLowerCase(), list = $("results");
    list.textContent = "";
    if (!q) { state.matches = null; list.hidden = true; recompute(); return; }
    var found = searchable.filter(function (s) { return s[1].indexOf(q) >= 0; }).map(function (s) { return s[0]; });
    state.matches = new Set(found);
    found.slice(0, 50).forEach(function (id) {
      var n = byNode.get(id), item = el("li"), button = el("button", pick(n) + " · " + pick(typeInfo.get(n.type) || {}));
      button.type = "button";
      button.addEventListener("click", function () { selectNode(id, true); });
      item.appendChild(button); list.appendChild(item);
    });
    if (found.length > 50) list.appendChild(el("li", "… " + (found.length - 50)));
    if (found.length) network.fit({ nodes: Array.from(visibleNodes), animation: false });
    if (!found.length) list.appendChild(el("li", lang === "zh" ? "无匹配" : "no match"));
    list.hidden = false;
    recompute();
  }
  $("search").addEventListener("input", function () { search($("search").value); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.matches && state.matches.size) selectNode(state.matches.values().next().value, true);
  });

  /* ---- layouts ---- */
  function setLayout(which) {
    layoutNow = which;  // the base map belongs to the geographic layout only
    nodes.update(D.nodes.map(function (n) { return { id: n.id, x: n[which][0], y: n[which][1] }; }));
    fitView();
  }
  document.querySelectorAll("input[name=layout]").forEach(function (input) {
    input.addEventListener("change", function () { if (input.checked) setLayout(input.value); });
  });

  /* ---- language ---- */
  function typeLabel(key, l) { var t = typeInfo.get(key); return t ? t[l] : key; }
  function relationLabel(key, l) { var r = relationInfo.get(key); return r ? r[l] : key; }
  function setLang(next) {
    lang = next;
    document.documentElement.lang = lang;
    $("lang").textContent = lang === "zh" ? "EN" : "中文";
    document.querySelectorAll("[data-zh]").forEach(function (node) { node.textContent = node.getAttribute("data-" + lang); });
    $("heading").textContent = D.heading[lang] || D.heading.zh; document.title = $("heading").textContent;
    $("search").placeholder = $("search").getAttribute("data-placeholder-" + lang);
    nodes.update(D.nodes.map(function (n) {
      return { id: n.id, label: n[lang] || n[other()] || n.id,
               title: [n[other()], typeLabel(n.type, other())].filter(Boolean).join(" · ") };
    }));
    edges.update(D.edges.map(function (e) {
      return { id: e.id, label: relationLabel(e.relation, lang),
               title: [relationLabel(e.relation, other()), e.date].filter(Boolean).join(" · ") };
    }));
    buildFilters(); showCounts();
    if (shown) (shown.kind === "node" ? showNode : showEdge)(shown.id);
  }
  $("lang").addEventListener("click", function () { setLang(other()); });

  /* ---- neighbourhood highlight ---- */
  function highlight(id) {
    var keep = new Set([id]), keepEdges = new Set();
    (incident.get(id) || []).forEach(function (e) {
      if (visibleEdges.has(e.id)) { keep.add(e.from); keep.add(e.to); keepEdges.add(e.id); }
    });
    nodes.update(D.nodes.map(function (n) {
      return keep.has(n.id) ? { id: n.id, color: baseNode.get(n.id).color, opacity: 1 }
        : { id: n.id, color: { background: "#eeeeee", border: "#dddddd" }, opacity: 0.35 };
    }));
    edges.update(D.edges.map(function (e) {
      return { id: e.id, color: keepEdges.has(e.id) ? baseEdge.get(e.id).color : { color: "#eeeeee" } };
    }));
    highlighted = id;
  }
  function clearHighlight() {
    if (highlighted === null) return;
    nodes.update(D.nodes.map(function (n) { return { id: n.id, color: baseNode.get(n.id).color, opacity: 1 }; }));
    edges.update(D.edges.map(function (e) { return { id: e.id, color: baseEdge.get(e.id).color }; }));
    highlighted = null;
  }

  /* ---- side panel ---- */
  var panel = $("panel"), shown = null, panelHint = panel.firstElementChild.cloneNode(true);
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", term));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join("；") : value));
  }
  function nodeButton(id) {
    var n = byNode.get(id), b = el("button", n ? pick(n) : id, "link");
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function citation(e) {
    var box = el("div", null, "fact");
    var head = el("div");
    head.appendChild(nodeButton(e.from));
    head.appendChild(el("span", " —" + relationLabel(e.relation, lang) + "→ ", "rel"));
    head.appendChild(nodeButton(e.to));
    box.appendChild(head);
    if (e.quote) box.appendChild(el("blockquote", e.quote));
    var s = sourceInfo.get(e.source) || {};
    var cite = [pick(s), lang === "zh" ? s.publisher : s.publisherEn, s.published].filter(Boolean).join(" · ");
    box.appendChild(el("div", (lang === "zh" ? "出处：" : "Source: ") + cite, "cite"));
    if (e.quote) {  // a registry link has no sentence to cite
      var copy = el("button", lang === "zh" ? "复制引用" : "Copy citation", "copy");
      copy.type = "button";
      copy.addEventListener("click", function () { copyText(citationText(e), copy); });
      box.appendChild(copy);
    }
    var dl = el("dl");
    row(dl, lang === "zh" ? "日期" : "date", e.date);
    e.qualifiers.forEach(function (q) {
      var labels = D.qualifierLabels[q[0]] || [q[0], q[0]];
      var named = byNode.get(q[1]);  // from / industry / technology … name an entity by id
      row(dl, labels[lang === "zh" ? 0 : 1], named ? pick(named) + " (" + q[1] + ")" : q[1]);
    });
    row(dl, lang === "zh" ? "陈述" : "statement", e.statement);
    if (dl.childNodes.length) box.appendChild(dl);
    return box;
  }
  function showNode(id) {
    var n = byNode.get(id);
    if (!n) return;
    shown = { kind: "node", id: id };
    panel.textContent = "";
    panel.appendChild(el("h2", pick(n)));
    panel.appendChild(el("div", n[other()], "hint"));
    var dl = el("dl"), z = lang === "zh";
    row(dl, z ? "类型" : "type", typeLabel(n.type, lang));
    row(dl, z ? "所在" : "region", pick(regionInfo.get(n.region) || {}));
    row(dl, z ? "别名" : "aliases", n.aliases);
    row(dl, "id", n.id);
    row(dl, "IRI", n.iri);
    row(dl, z ? "行政区划代码" : "division code", n.division_code);
    row(dl, "Wikidata", n.wikidata);
    if (n.lat !== undefined) row(dl, z ? "坐标" : "coordinates", n.lat + ", " + n.lon);
    row(dl, z ? "连接数" : "links", n.degree);
    panel.appendChild(dl);
    var facts = incident.get(id) || [];
    panel.appendChild(el("h3", (z ? "事实与原文（" : "Facts and quotes (") + facts.length + (z ? "）" : ")")));
    facts.forEach(function (e) { panel.appendChild(citation(e)); });
  }
  function showEdge(id) {
    var e = byEdge.get(id);
    if (!e) return;
    shown = { kind: "edge", id: id };
    panel.textContent = "";
    panel.appendChild(el("h2", relationLabel(e.relation, lang)));
    panel.appendChild(el("div", relationLabel(e.relation, other()), "hint"));
    panel.appendChild(citation(e));
  }
  function selectNode(id, focus) {
    if (!byNode.has(id)) return;
    showNode(id);
    if (visibleNodes.has(id)) {
      network.selectNodes([id]); highlight(id);
      if (focus) network.focus(id, { scale: 1.2, animation: false });
    }
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) { clearHighlight(); showEdge(params.edges[0]); }
    else clearHighlight();
  });

  /* ---- citations and the CSV of what is shown ---- */
  function sourceParts(e) {
    var s = sourceInfo.get(e.source) || {};
    return { title: pick(s), publisher: (lang === "zh" ? s.publisher : s.publisherEn) || "", published: s.published || "" };
  }
  function citationText(e) {  // title, publisher, date and the quote, as a reader cites it
    var s = sourceParts(e);
    if (lang === "zh") {
      return "“" + e.quote + "”——《" + s.title + "》" + [s.publisher, s.published].filter(Boolean).map(function (x) { return "，" + x; }).join("") + "。";
    }
    return "\u201c" + e.quote + "\u201d \u2014 " + [s.title, s.publisher, s.published].filter(Boolean).join(", ") + ".";
  }
  function copyText(text, button) {
    api.lastCopied = text;
    var done = function () { button.textContent = lang === "zh" ? "已复制" : "Copied"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }
  function fallbackCopy(text) {
    var area = el("textarea"); area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed";
    area.style.opacity = "0"; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (err) { /* the text stays in api.lastCopied */ }
    document.body.removeChild(area);
  }
  var CSV_COLUMNS = ["subject", "relation", "object", "date", "quote", "source_title", "publisher", "source_date"];
  function csvCell(value) {  // every cell quoted; a formula start neutralised, as edges.csv does
    var text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function visibleCsv() {
    var lines = [CSV_COLUMNS.map(csvCell).join(",")];
    D.edges.filter(function (e) { return visibleEdges.has(e.id); }).forEach(function (e) {
      var s = sourceParts(e), from = byNode.get(e.from), to = byNode.get(e.to);
      lines.push([from ? pick(from) : e.from, relationLabel(e.relation, lang), to ? pick(to) : e.to, e.date,
                  e.quote, s.title, s.publisher, s.published].map(csvCell).join(","));
    });
    return lines.join("\n") + "\n";
  }
  $("export-csv").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([visibleCsv()], { type: "text/csv;charset=utf-8" }));
    var link = el("a"); link.href = url; link.download = "jjjkg-view.csv";
    document.body.appendChild(link); link.click(); document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
  api.visibleCsv = visibleCsv; api.citationText = function (edgeId) { return citationText(byEdge.get(edgeId)); };

  api.visibleNodeIds = function () { return Array.from(visibleNodes); };
  api.visibleEdgeIds = function () { return Array.from(visibleEdges); };
  api.selectNode = selectNode; api.showEdge = showEdge; api.setLayout = setLayout; api.setLang = setLang;
  api.search = function (text) { $("search").value = text; search(text); };
  if (lang !== "zh") setLang(lang);
})();
