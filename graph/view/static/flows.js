/* jjjkg aggregated flows view: one arrow per origin, destination and relation group, at the
   province or the prefecture level, on the base map (map.js). Place names and counts are drawn with
   map.js's Labels (fixed size on screen, never over one another). Every string from the data is set
   with textContent or drawn with fillText: never parsed as HTML. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("jjjkg-data").textContent);
  var M = window.jjjkgMap;
  var lang = D.lang;
  var LEVELS = ["province", "prefecture"];
  var LEVEL_NAMES = { province: ["省级", "provinces"], prefecture: ["地级", "prefectures"] };

  function $(id) { return document.getElementById(id); }
  function other() { return lang === "zh" ? "en" : "zh"; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function z(zh, en) { return lang === "zh" ? zh : en; }
  function pick(entry, l) { l = l || lang; return entry[l] || entry[l === "zh" ? "en" : "zh"] || entry.zh || ""; }

  var groupInfo = new Map(D.groups.map(function (g, i) { return [g.key, { g: g, rank: i }]; }));
  var byArrow = new Map(D.arrows.map(function (a) { return [a.id, a]; }));
  var byNode = new Map(D.nodes.map(function (n) { return [n.id, n]; }));
  function placeName(id, l) { var p = D.places[id]; return p ? (pick(p, l) || id) : id; }
  function groupName(key, l) { var g = groupInfo.get(key); return g ? pick(g.g, l) : key; }
  function relationName(key, l) { var r = D.relations[key]; return r ? (r[(l || lang) === "zh" ? 0 : 1] || r[0]) : key; }
  function entity(i) { return i >= 0 ? D.entities[i] : null; }
  function entityName(e) { return e ? ((lang === "zh" ? e[1] : e[2]) || e[1] || e[2] || e[0]) : ""; }

  var level = "prefecture", mode = "auto", groupsOn = new Set(D.groups.map(function (g) { return g.key; }));
  var fitScale = 1;

  function arrowTitle(a, l) {
    return placeName(a.from, l) + " → " + placeName(a.to, l) + " · " + groupName(a.group, l) + " · " + fmt(a.count);
  }
  function visNode(n) {
    return { id: n.id, level: n.level, x: n.x, y: n.y, size: 4 + 1.6 * Math.log(1 + n.through) / Math.LN10,
             color: { background: n.colour, border: "#ffffff", highlight: { background: n.colour, border: "#000000" },
                      hover: { background: n.colour, border: "#333333" } },
             title: placeName(n.place, other()) || placeName(n.place, lang) };
  }
  function visEdge(a) {
    var g = groupInfo.get(a.group), colour = g ? g.g.colour : "#888888";
    return { id: a.id, from: a.level + ":" + a.from, to: a.level + ":" + a.to, level: a.level, group: a.group,
             width: a.width, title: arrowTitle(a, lang),
             color: { color: colour, highlight: colour, hover: colour, opacity: 0.78 },
             smooth: { enabled: true, type: "curvedCW", roundness: 0.12 + 0.07 * (g ? g.rank : 0) } };
  }
  var nodes = new vis.DataSet(D.nodes.map(visNode));
  var edges = new vis.DataSet(D.arrows.map(visEdge));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return n.level === level; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return e.level === level && groupsOn.has(e.group); } });
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, D.visOptions);
  var api = window.jjjkgFlows = { network: network, nodes: nodes, edges: edges, drawn: false, firstDrawMs: null,
                                  labels: [], shown: null };
  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now(); api.drawn = true;
    document.documentElement.setAttribute("data-drawn", "1");
  });

  /* ---- drawing: outlines under the arrows; names, counts and the map's names over them ---- */
  network.on("beforeDrawing", function (ctx) { M.drawOutlines(ctx, network, D.basemap); });
  function midpoint(id, t) {  // a point on the arrow's curve (its middle by default), in canvas coordinates
    var edge = network.body.edges[id];
    if (!edge || !edge.edgeType) return null;
    return edge.edgeType.getPoint(t === undefined ? 0.5 : t);
  }
  var ALONG = [0.5, 0.42, 0.58, 0.34, 0.66];  // where a count may sit, best first
  network.on("afterDrawing", function (ctx) {
    var labels = new M.Labels(ctx, network), shownNodes = nodeView.get(), hidden = new Set();
    shownNodes.sort(function (a, b) { return byNode.get(b.id).through - byNode.get(a.id).through || (a.id < b.id ? -1 : 1); });
    shownNodes.forEach(function (n) {
      var record = byNode.get(n.id);
      if (record.map) hidden.add(record.map);
      var name = placeName(record.place) + (record.aside ? z("（全省）", " (as a whole)") : "");
      labels.put(name, n.x, n.y, { px: 13, weight: "bold", colour: "#1d2430", dy: -(n.size + 9), kind: "place", level: level });
    });
    var shownEdges = edgeView.get().map(function (e) { return byArrow.get(e.id); });
    shownEdges.sort(function (a, b) { return b.count - a.count || (a.id < b.id ? -1 : 1); });
    shownEdges.forEach(function (a) {  // each count near its arrow's middle, where it overlaps nothing drawn
      // (a count label's `level` holds its arrow's id, for tests)
      var g = groupInfo.get(a.group), opts = { px: 11, weight: "600", colour: g ? g.g.colour : "#333333", kind: "count", level: a.id };
      ALONG.some(function (t) { var p = midpoint(a.id, t); return p && labels.put(fmt(a.count), p.x, p.y, opts); });
    });
    var map = { provinces: D.basemap.provinces.filter(function (p) { return !hidden.has(p.id); }),
                units: D.basemap.units.filter(function (u) { return !hidden.has(u.code); }) };
    M.drawNames(labels, map, lang, "province");
    M.drawNames(labels, map, lang, "prefecture");
    api.labels = labels.drawn;
  });

  /* ---- level: by zoom (provinces once zoomed out past the whole map), or as chosen ---- */
  function setLevel(next) {
    if (LEVELS.indexOf(next) < 0 || next === level) return;
    level = next;
    nodeView.refresh(); edgeView.refresh();
    if (api.shown && api.shown.kind === "place") showHint();
    buildLegend(); showCounts();
  }
  function autoLevel() { if (mode === "auto") setLevel(network.getScale() < 0.9 * fitScale ? "province" : "prefecture"); }
  network.on("zoom", autoLevel);
  document.querySelectorAll("input[name=level]").forEach(function (input) {
    input.addEventListener("change", function () {
      if (!input.checked) return;
      mode = input.value;
      if (mode === "auto") autoLevel(); else setLevel(mode);
    });
  });
  function fit() {  // the whole map and every place of both levels in sight
    var box = M.extent(D.basemap);
    D.nodes.forEach(function (n) { M.grow(box, n.x - 70, n.y - 30); M.grow(box, n.x + 70, n.y + 10); });  // and its name
    M.fitBox(network, $("network"), box);
    fitScale = network.getScale();
    autoLevel();
  }
  fit();
  $("fit").addEventListener("click", fit);

  function showCounts() {
    var shown = D.arrows.filter(function (a) { return a.level === level && groupsOn.has(a.group); });
    var total = shown.reduce(function (s, a) { return s + a.count; }, 0);
    $("counts").textContent = z(LEVEL_NAMES[level][0] + "：" + shown.length + " 个箭头，共 " + fmt(total) + " 条陈述",
                                shown.length + " arrows between " + LEVEL_NAMES[level][1] + ", " + fmt(total) + " statements");
  }

  /* ---- legend: the relation groups, each with its count at this level; unticked ones are hidden ---- */
  function buildLegend() {
    var box = $("f-groups");
    box.textContent = "";
    D.groups.forEach(function (g) {
      var count = D.arrows.reduce(function (s, a) { return s + (a.level === level && a.group === g.key ? a.count : 0); }, 0);
      var label = el("label", null, "item"), input = el("input"), swatch = el("span", null, "swatch line");
      input.type = "checkbox"; input.value = g.key; input.checked = groupsOn.has(g.key);
      input.addEventListener("change", function () {
        if (input.checked) groupsOn.add(g.key); else groupsOn.delete(g.key);
        edgeView.refresh(); showCounts();
      });
      swatch.style.background = g.colour;
      label.appendChild(input); label.appendChild(swatch);
      var name = el("span", pick(g)); name.title = pick(g, other());
      label.appendChild(name); label.appendChild(el("span", fmt(count), "count"));
      box.appendChild(label);
    });
  }

  /* ---- the panel ---- */
  var panel = $("panel"), panelHint = panel.firstElementChild.cloneNode(true);
  function showHint() { api.shown = null; panel.textContent = ""; panel.appendChild(panelHint.cloneNode(true)); }
  function copyText(text, done) {
    function fallback() {
      var area = el("textarea"); area.value = text; area.setAttribute("readonly", "");
      area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); } catch (err) { /* the text stays selectable in the panel */ }
      document.body.removeChild(area);
    }
    api.lastCopied = text;
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () { fallback(); done(); });
    else { fallback(); done(); }
  }
  function shellQuote(text) { return "'" + text.replace(/'/g, "'\"'\"'") + "'"; }  // as Python's shlex.quote
  function command(a) { return D.command + shellQuote(a.query); }
  function button(text, onClick, cls) {
    var b = el("button", text, cls); b.type = "button"; b.addEventListener("click", onClick); return b;
  }
  function fact(f) {  // [statement, subject, relation, object, from, date, quote, source]
    var box = el("div", null, "fact"), head = el("div", null, "ends");
    head.appendChild(el("span", entityName(entity(f[1]))));
    head.appendChild(el("span", " —" + relationName(f[2]) + "→ ", "rel"));
    head.appendChild(el("span", entityName(entity(f[3]))));
    box.appendChild(head);
    var dl = el("dl");
    function row(term, value) { if (value) { dl.appendChild(el("dt", term)); dl.appendChild(el("dd", value)); } }
    row(z("迁出地", "from"), entityName(entity(f[4])));
    row(z("日期", "date"), f[5]);
    if (dl.childNodes.length) box.appendChild(dl);
    if (f[6]) box.appendChild(el("blockquote", f[6]));
    var s = f[7] >= 0 ? D.sources[f[7]] : null;
    if (s) {
      var parts = [pick(s), lang === "zh" ? (s.publisher || s.publisherEn) : (s.publisherEn || s.publisher), s.published];
      box.appendChild(el("div", z("出处：", "Source: ") + parts.filter(Boolean).join(" · "), "cite"));
    }
    box.appendChild(el("div", f[0], "iri"));
    return box;
  }
  function entitiesOf(a) {  // the sample's entities, each with the number of its statements it is in
    var counts = new Map();
    a.facts.forEach(function (i) {
      var f = D.facts[i];
      new Set([f[1], f[3], f[4]].filter(function (e) { return e >= 0; })).forEach(function (e) { counts.set(e, (counts.get(e) || 0) + 1); });
    });
    return Array.from(counts.entries()).sort(function (x, y) {
      return y[1] - x[1] || (D.entities[x[0]][0] < D.entities[y[0]][0] ? -1 : 1);
    });
  }
  function showArrow(id, only) {
    var a = byArrow.get(id);
    if (!a) return false;
    api.shown = { kind: "arrow", id: id, only: only === undefined ? null : only, expanded: !!(api.shown && api.shown.id === id && api.shown.expanded) };
    panel.textContent = "";
    panel.appendChild(el("h2", placeName(a.from) + " → " + placeName(a.to)));
    var head = el("div", null, "arrow-head"), swatch = el("span", null, "swatch line");
    swatch.style.background = groupInfo.get(a.group) ? groupInfo.get(a.group).g.colour : "#888888";
    head.appendChild(swatch);
    head.appendChild(el("span", groupName(a.group) + " · " + z(LEVEL_NAMES[a.level][0], LEVEL_NAMES[a.level][1])));
    panel.appendChild(head);
    panel.appendChild(el("div", placeName(a.from, other()) + " → " + placeName(a.to, other()) + " · " + groupName(a.group, other()), "hint"));
    var table = el("table", null, "relations");
    a.relations.forEach(function (r) {
      var tr = el("tr"); tr.appendChild(el("td", relationName(r[0]))); tr.appendChild(el("td", fmt(r[1]), "n")); table.appendChild(tr);
    });
    panel.appendChild(el("h3", z("陈述数：", "Statements: ") + fmt(a.count)));
    panel.appendChild(table);
    panel.appendChild(el("p", z("显示 " + fmt(a.facts.length) + " / " + fmt(a.count) + " 条（按陈述 IRI 排序的前 " + fmt(a.facts.length) + " 条）。",
                                "Showing " + fmt(a.facts.length) + " of " + fmt(a.count) + " (the first by statement IRI)."), "shown"));
    panel.appendChild(el("h3", z("列出全部陈述的查询", "The query that lists all of them")));
    panel.appendChild(el("p", z("在本页所在的文件夹运行（" + D.storeDir + " 为导入写出的存储），结果顺序与上面相同：",
                                "Run it in this page's folder (" + D.storeDir + " is the store the import wrote); rows come in the order above:"), "hint"));
    var area = el("textarea", null, "query"); area.readOnly = true; area.value = a.query; area.spellcheck = false;
    panel.appendChild(area);
    var tools = el("div", null, "tools");
    var copyQuery = button(z("复制查询", "Copy query"), function () { copyText(a.query, function () { copyQuery.textContent = z("已复制", "Copied"); }); });
    var copyCommand = button(z("复制命令", "Copy command"), function () { copyText(command(a), function () { copyCommand.textContent = z("已复制", "Copied"); }); });
    tools.appendChild(copyQuery); tools.appendChild(copyCommand);
    panel.appendChild(tools);
    panel.appendChild(el("div", "jjjkg query --store " + D.storeDir + " --format csv -e '…'", "hint"));
    var entities = entitiesOf(a);
    var expand = button(api.shown.expanded ? z("收起实体", "Collapse entities") : z("展开为实体（" + entities.length + "）", "Expand into entities (" + entities.length + ")"), function () {
      api.shown.expanded = !api.shown.expanded; showArrow(id, api.shown.only);
    }, "expand");
    panel.appendChild(expand);
    if (api.shown.expanded) {
      panel.appendChild(el("p", z("所示陈述中的实体及其出现的陈述数；点击只看该实体的陈述。", "The entities of the statements shown, with how many of them each is in; click one to list only its statements."), "hint"));
      var list = el("ol", null, "entities");
      entities.forEach(function (entry) {
        var item = el("li"), row = el("div", null, "entity"), e = D.entities[entry[0]];
        row.appendChild(button(entityName(e), function () { showArrow(id, entry[0]); }, "link"));
        row.appendChild(el("span", "×" + entry[1], "n"));
        item.appendChild(row); list.appendChild(item);
      });
      panel.appendChild(list);
    }
    var listed = a.facts.filter(function (i) { var f = D.facts[i]; return only === undefined || only === null || f[1] === only || f[3] === only || f[4] === only; });
    var title = z("陈述与原文（" + listed.length + "）", "Statements and quotes (" + listed.length + ")");
    panel.appendChild(el("h3", title));
    if (only !== undefined && only !== null) {
      panel.appendChild(button(z("只看：", "Only: ") + entityName(D.entities[only]) + z("（全部显示）", " (show all)"), function () { showArrow(id); }, "link"));
    }
    listed.forEach(function (i) { panel.appendChild(fact(D.facts[i])); });
    if (edgeView.get(id)) network.selectEdges([id]);
    return true;
  }
  function showPlace(nodeId) {
    var n = byNode.get(nodeId);
    if (!n) return false;
    api.shown = { kind: "place", id: nodeId };
    panel.textContent = "";
    panel.appendChild(el("h2", placeName(n.place)));
    panel.appendChild(el("div", placeName(n.place, other()), "hint"));
    [["from", z("流出", "Out")], ["to", z("流入", "In")]].forEach(function (side) {
      var list = D.arrows.filter(function (a) { return a.level === n.level && a[side[0]] === n.place && groupsOn.has(a.group); });
      panel.appendChild(el("h3", side[1] + "（" + list.length + "）"));
      list.forEach(function (a) {
        var row = el("div", null, "entity");
        row.appendChild(button(placeName(a.from) + " → " + placeName(a.to) + " · " + groupName(a.group), function () { showArrow(a.id); }, "link"));
        row.appendChild(el("span", fmt(a.count), "n"));
        panel.appendChild(row);
      });
    });
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) showPlace(params.nodes[0]);
    else if (params.edges.length) showArrow(params.edges[0]);
  });

  /* ---- language ---- */
  function setLang(next) {
    if (next !== "zh" && next !== "en") return;
    lang = next;
    document.documentElement.lang = lang;
    $("lang").textContent = lang === "zh" ? "EN" : "中文";
    document.querySelectorAll("[data-zh]").forEach(function (node) { node.textContent = node.getAttribute("data-" + lang); });
    $("heading").textContent = D.heading[lang] || D.heading.zh; document.title = $("heading").textContent;
    nodes.update(D.nodes.map(function (n) { return { id: n.id, title: placeName(n.place, other()) || placeName(n.place, lang) }; }));
    edges.update(D.arrows.map(function (a) { return { id: a.id, title: arrowTitle(a, lang) }; }));
    buildLegend(); showCounts();
    if (api.shown) { if (api.shown.kind === "arrow") showArrow(api.shown.id, api.shown.only); else showPlace(api.shown.id); }
    network.redraw();
  }
  $("lang").addEventListener("click", function () { setLang(other()); });
  buildLegend(); showCounts();
  if (lang !== "zh") setLang(lang);

  /* ---- for tests ---- */
  api.level = function () { return level; };
  api.setLevel = function (next) {
    mode = next === "auto" ? "auto" : next;
    document.querySelectorAll("input[name=level]").forEach(function (i) { i.checked = i.value === mode; });
    if (mode === "auto") autoLevel(); else setLevel(next);
    network.redraw();
  };
  api.arrows = function () {  // the arrows drawn now, with their counts and where their middles are in the page
    var box = $("network").getBoundingClientRect();
    return edgeView.get().map(function (e) {
      var a = byArrow.get(e.id), p = midpoint(e.id), dom = p ? network.canvasToDOM(p) : null;
      if (dom) { dom.x += box.left; dom.y += box.top; }
      return { id: a.id, level: a.level, from: a.from, to: a.to, group: a.group, count: a.count,
               facts: a.facts.length, middle: dom ? [dom.x, dom.y] : null };
    });
  };
  api.showArrow = showArrow;
  api.command = function (id) { var a = byArrow.get(id); return a ? command(a) : null; };
  api.showPlace = showPlace;
  api.setLang = setLang;
  api.fit = fit;
})();
