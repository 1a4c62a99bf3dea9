/* The network view's side panel: an entity's record or a fact, each fact with its verbatim quote,
   its source and a copy-citation button; and the lit neighbourhood of the selected entity (the
   rest dims, lit edges keep their relation's colour). view.js passes V, the view's shared state
   and helpers; everything from the data is set with textContent. */
window.jjjkgPanel = function (V) {
  "use strict";
  var S = window.jjjkgShare, D = V.D, network = V.network, nodes = V.nodes, edges = V.edges;
  var byNode = V.byNode, byEdge = V.byEdge, incident = V.incident, baseNode = V.baseNode, baseEdge = V.baseEdge;
  var sourceInfo = V.sourceInfo, regionInfo = V.regionInfo;
  var el = V.el, $ = V.$, pick = V.pick, other = V.other, typeLabel = V.typeLabel, relationLabel = V.relationLabel;

  /* ---- neighbourhood highlight: the rest dims, the lit edges keep their relation's colour ---- */
  function highlight(id) {
    var keepEdges = new Set();
    V.kept = new Set([id]);
    (incident.get(id) || []).forEach(function (e) {
      if (V.visibleEdges.has(e.id)) { V.kept.add(e.from); V.kept.add(e.to); keepEdges.add(e.id); }
    });
    nodes.update(D.nodes.map(function (n) {
      return V.kept.has(n.id) ? { id: n.id, color: baseNode.get(n.id).color, opacity: 1 }
        : { id: n.id, color: { background: "#eeeeee", border: "#dddddd" }, opacity: 0.35 };
    }));
    edges.update(D.edges.map(function (e) { return { id: e.id, color: keepEdges.has(e.id) ? baseEdge.get(e.id).color : { color: "#eeeeee", highlight: "#eeeeee", hover: "#eeeeee" } }; }));
    V.highlighted = id;
  }
  function clearHighlight() {
    if (V.highlighted === null) return;
    nodes.update(D.nodes.map(function (n) { return { id: n.id, color: baseNode.get(n.id).color, opacity: 1 }; }));
    edges.update(D.edges.map(function (e) { return { id: e.id, color: baseEdge.get(e.id).color }; }));
    V.highlighted = null; V.kept = null;
  }

  /* ---- side panel ---- */
  var panel = $("panel"), panelHint = panel.firstElementChild.cloneNode(true);
  function showHint() { V.shown = null; panel.textContent = ""; panel.appendChild(panelHint.cloneNode(true)); V.changed(); }
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
  function sourceParts(e) {
    var s = sourceInfo.get(e.source) || {};
    return { title: pick(s), publisher: (V.lang === "zh" ? s.publisher : s.publisherEn) || "", published: s.published || "" };
  }
  function citationText(e) { return S.citationText(e.quote, sourceParts(e), V.lang); }
  var NOTE_KEYS = { note: "en", note_zh: "zh" };  // the curator's note is shown in the page's language
  function qualifiersShown(e) {
    var notes = e.qualifiers.filter(function (q) { return q[0] in NOTE_KEYS; });
    var note = notes.filter(function (q) { return NOTE_KEYS[q[0]] === V.lang; })[0] || notes[0];
    return e.qualifiers.filter(function (q) { return !(q[0] in NOTE_KEYS) || q === note; });
  }
  function citation(e) {
    var box = el("div", null, "fact"), head = el("div");
    head.appendChild(nodeButton(e.from));
    head.appendChild(el("span", " —" + relationLabel(e.relation, V.lang) + "→ ", "rel"));
    head.appendChild(nodeButton(e.to));
    box.appendChild(head);
    if (e.quote) box.appendChild(el("blockquote", e.quote));
    var s = sourceParts(e);
    box.appendChild(el("div", (V.lang === "zh" ? "出处：" : "Source: ") + [s.title, s.publisher, s.published].filter(Boolean).join(" · "), "cite"));
    if (e.quote) {  // a registry link has no sentence to cite
      var copy = el("button", V.lang === "zh" ? "复制引用" : "Copy citation", "copy");
      copy.type = "button";
      copy.addEventListener("click", function () {
        var text = citationText(e);
        V.api.lastCopied = text;
        S.copyText(text, function () { copy.textContent = V.lang === "zh" ? "已复制" : "Copied"; });
      });
      box.appendChild(copy);
    }
    var dl = el("dl");
    row(dl, V.lang === "zh" ? "日期" : "date", e.date);
    qualifiersShown(e).forEach(function (q) {
      var labels = D.qualifierLabels[q[0] === "note_zh" ? "note" : q[0]] || [q[0], q[0]];
      var named = byNode.get(q[1]);  // from / industry / technology … name an entity by id
      row(dl, labels[V.lang === "zh" ? 0 : 1], named ? pick(named) + " (" + q[1] + ")" : q[1]);
    });
    row(dl, V.lang === "zh" ? "陈述" : "statement", e.statement);
    if (dl.childNodes.length) box.appendChild(dl);
    return box;
  }
  function showNode(id) {
    var n = byNode.get(id);
    if (!n) return;
    V.shown = { kind: "node", id: id };
    panel.textContent = "";
    panel.appendChild(el("h2", pick(n)));
    panel.appendChild(el("div", n[other()], "hint"));
    var dl = el("dl"), z = V.lang === "zh";
    row(dl, z ? "类型" : "type", typeLabel(n.type, V.lang));
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
    V.shown = { kind: "edge", id: id };
    panel.textContent = "";
    panel.appendChild(el("h2", relationLabel(e.relation, V.lang)));
    panel.appendChild(el("div", relationLabel(e.relation, other()), "hint"));
    panel.appendChild(citation(e));
  }
  function selectNode(id, move) {
    if (!byNode.has(id)) return;
    showNode(id);
    if (V.visibleNodes.has(id)) {
      network.selectNodes([id]); highlight(id);
      if (move) network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    }
    V.changed();
  }
  function selectEdge(id) {
    if (!byEdge.has(id)) return;
    clearHighlight(); showEdge(id);
    if (V.visibleEdges.has(id)) network.selectEdges([id]);
    V.changed();
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else { clearHighlight(); V.changed(); }
  });

  return { highlight: highlight, clearHighlight: clearHighlight, showHint: showHint, showNode: showNode, showEdge: showEdge,
           selectNode: selectNode, selectEdge: selectEdge, sourceParts: sourceParts, citationText: citationText };
};
