/* The network view's permalink: its state (language, layout, filters, years, search, selection,
   zoom) in the URL's hash, written as the reader goes (history.replaceState: no history entries),
   read back on opening and on hashchange. The hash only ever picks among the page's own keys and
   numbers. view.js passes V (shared state) and W (its functions). */
window.jjjkgPermalink = function (V, W) {
  "use strict";
  var S = window.jjjkgShare, network = V.network, legend = V.D.legend, P = W.panel;
  var everything = W.everything, keys = W.keys, $ = V.$;
  function hidden(entries, set) { return entries.filter(function (e) { return !set.has(e.key); }).map(function (e) { return e.key; }); }
  function permalinkHash() {
    var start = everything(), view = network.getViewPosition(), hiddenRelations = hidden(legend.relations, V.state.relations);
    var years = legend.years && (V.state.years[0] !== legend.years[0] || V.state.years[1] !== legend.years[1]) ? V.state.years.join("-") : null;
    return S.encodeHash([
      ["lang", V.lang], ["layout", W.layout()],
      ["xt", hidden(legend.types, V.state.types)], ["xg", hidden(legend.regions, V.state.regions)],
      ["xr", hiddenRelations.join() === hidden(legend.relations, start.relations).join() ? null : (hiddenRelations.length ? hiddenRelations : ["-"])],
      ["xs", hidden(legend.sources, V.state.sources)], ["years", years], ["undated", V.state.undated ? null : "0"],
      ["q", V.state.query || null], ["sel", V.shown ? (V.shown.kind === "node" ? "n:" : "e:") + V.shown.id : null],
      ["zoom", [network.getScale().toFixed(4), view.x.toFixed(1), view.y.toFixed(1)].join(" ")],
    ].map(function (p) { return Array.isArray(p[1]) && !p[1].length ? [p[0], null] : p; }));
  }
  var writing = null, restoring = false;
  function changed() {
    if (restoring) return;
    if (writing !== null) clearTimeout(writing);
    writing = setTimeout(function () { writing = null; S.writeHash(permalinkHash()); }, 120);
  }
  network.on("zoom", function () { changed(); });
  network.on("dragEnd", function () { changed(); });
  function restore(hash) {
    var h = S.decodeHash(hash);
    if (!h.size) return false;
    function only(list, entries) { var known = keys(entries); return list.filter(function (k) { return known.has(k); }); }
    function without(entries, key) { var set = keys(entries); if (h.has(key)) only(h.get(key).list, entries).forEach(function (k) { set.delete(k); }); return set; }
    restoring = true;
    W.stopPlay(); P.clearHighlight(); network.unselectAll();
    var start = everything();
    V.state = { types: without(legend.types, "xt"), regions: without(legend.regions, "xg"),
              relations: h.has("xr") ? without(legend.relations, "xr") : start.relations,
              sources: without(legend.sources, "xs"), years: start.years, undated: !(h.has("undated") && h.get("undated").text === "0"),
              matches: null, query: "" };
    var years = h.has("years") ? /^(\d{1,4})-(\d{1,4})$/.exec(h.get("years").text) : null;
    if (years && legend.years) V.state.years = [Math.max(legend.years[0], Math.min(+years[1], +years[2])), Math.min(legend.years[1], Math.max(+years[1], +years[2]))];
    $("undated").checked = V.state.undated;
    if (h.has("lang")) W.setLang(h.get("lang").text);
    if (h.has("layout")) W.setLayout(h.get("layout").text, false);
    W.buildFilters(); W.showYears();
    var q = h.has("q") ? h.get("q").text.slice(0, 200) : "";
    $("search").value = q;
    W.search(q, false);
    var sel = h.has("sel") ? h.get("sel").text : "";
    if (sel.slice(0, 2) === "n:") P.selectNode(sel.slice(2), false);
    else if (sel.slice(0, 2) === "e:") P.selectEdge(sel.slice(2));
    else P.showHint();
    var zoom = h.has("zoom") ? h.get("zoom").text.split(" ").map(Number) : [];
    if (zoom.length === 3 && zoom.every(isFinite) && zoom[0] > 0.001 && zoom[0] < 100) {
      network.moveTo({ scale: zoom[0], position: { x: zoom[1], y: zoom[2] }, animation: false });
    } else { W.fitView(); }
    restoring = false;
    return true;
  }
  window.addEventListener("hashchange", function () { restore(location.hash); });

  return { hash: permalinkHash, changed: changed, restore: restore };
};
