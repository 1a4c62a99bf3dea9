/* jjjkg base map and label layer, shared by the network view (view.js) and the flows view
   (flows.js). Both draw on vis-network's canvas: the outlines before the network, the names and
   labels after it. Every text is drawn with fillText, never parsed as HTML. */
window.jjjkgMap = (function () {
  "use strict";
  var FACE = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif";

  function hexToRgba(hex, alpha) {
    var n = parseInt(String(hex).slice(1), 16);
    if (isNaN(n)) n = 0x999999;
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  function tracePath(ctx, flat, close) {
    ctx.moveTo(flat[0], flat[1]);
    for (var i = 2; i < flat.length; i += 2) ctx.lineTo(flat[i], flat[i + 1]);
    if (close) ctx.closePath();
  }

  /* Outlines and a faint tint by province, under the network. */
  function drawOutlines(ctx, network, map) {
    if (!map) return;
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

  /* One frame's labels: each is drawn at a fixed size on screen, and only where its box overlaps
     no label drawn before it in the same frame. Callers offer labels most important first, so the
     most important win and the rest appear as the reader zooms in. */
  function Labels(ctx, network) {
    this.ctx = ctx; this.network = network; this.scale = network.getScale();
    this.drawn = [];   // {text, kind, x, y, w, h, px}: boxes in screen pixels (for tests)
    this.cells = new Map();  // a grid of the boxes drawn, so a check looks at its neighbours only
    var canvas = network.canvas.frame.canvas, ratio = network.canvas.pixelRatio || 1;
    this.width = canvas.width / ratio; this.height = canvas.height / ratio;
    this.widths = new Map();
  }
  var CELL = 64;
  Labels.prototype.each = function (box, visit) {
    for (var i = Math.floor(box.x / CELL); i <= Math.floor((box.x + box.w) / CELL); i++) {
      for (var j = Math.floor(box.y / CELL); j <= Math.floor((box.y + box.h) / CELL); j++) {
        if (visit(i + ":" + j) === false) return false;
      }
    }
    return true;
  };
  Labels.prototype.free = function (box) {
    var cells = this.cells;
    return this.each(box, function (key) {
      var list = cells.get(key);
      return !list || !list.some(function (b) {
        return box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h;
      });
    });
  };
  Labels.prototype.take = function (box) {
    var cells = this.cells;
    this.each(box, function (key) { var list = cells.get(key); if (list) list.push(box); else cells.set(key, [box]); });
  };
  Labels.prototype.measure = function (font, text) {
    var key = font + "\u0001" + text, width = this.widths.get(key);
    if (width === undefined) { this.ctx.font = font; width = this.ctx.measureText(text).width; this.widths.set(key, width); }
    return width;
  };
  /* Draw text centred on canvas point (x, y), moved dy screen pixels down; returns whether drawn.
     Off screen or over another label: not drawn. */
  Labels.prototype.put = function (text, x, y, opts) {
    if (!text) return false;
    var px = opts.px || 12, weight = opts.weight || "normal", s = this.scale, dy = opts.dy || 0;
    var font = weight + " " + (px / s) + "px " + FACE;
    var width = this.measure(font, text) * s;
    var c = this.network.canvasToDOM({ x: x, y: y });
    var box = { x: c.x - width / 2 - 2, y: c.y + dy - px / 2 - 2, w: width + 4, h: px + 4 };
    if (box.x + box.w < 0 || box.y + box.h < 0 || box.x > this.width || box.y > this.height) return false;
    if (!opts.force && !this.free(box)) return false;
    this.take(box);
    var ctx = this.ctx;
    ctx.font = font; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3 / s; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.lineJoin = "round";
    ctx.strokeText(text, x, y + dy / s);
    ctx.fillStyle = opts.colour || "#222222";
    ctx.fillText(text, x, y + dy / s);
    box.text = text; box.kind = opts.kind || "label"; box.px = px; box.level = opts.level || "";
    this.drawn.push(box);
    return true;
  };

  function pickName(entry, lang) { return entry[lang] || entry[lang === "zh" ? "en" : "zh"] || entry.zh || ""; }

  /* The map's names at one level: "province", "prefecture" or "district". */
  function drawNames(labels, map, lang, level) {
    if (!map) return;
    if (level === "province") {
      map.provinces.forEach(function (p) {
        labels.put(pickName(p, lang), p.label[0], p.label[1], { px: 20, weight: "bold", colour: "rgba(55,62,75,0.85)", kind: "map", level: "province" });
      });
      return;
    }
    var style = level === "prefecture" ? { px: 13, weight: "600", colour: "rgba(60,68,82,0.95)" }
      : { px: 11, weight: "normal", colour: "rgba(90,98,110,0.95)" };
    map.units.forEach(function (u) {
      if (u.level === level) labels.put(pickName(u, lang), u.label[0], u.label[1], { px: style.px, weight: style.weight, colour: style.colour, kind: "map", level: level });
    });
  }

  /* Every label of a network frame, most important first: the focus entity (always), the map's
     province and prefecture names, the selected entity and its lit neighbours, search matches, then
     the shown entities by number of links (at most 4,000 tried), the map's districts, and close in
     the relation on each edge. An entity the map already names gets no second label. o: map (null
     outside the geographic layout), lang, byNode, byEdge, order (ids by degree), visibleNodes,
     visibleEdges, focus, selected, lit (the selection's neighbourhood), matches, relationLabel. */
  function drawLabels(ctx, network, o) {
    var labels = new Labels(ctx, network), scale = network.getScale(), bodyNodes = network.body.nodes, done = new Set();
    var other = o.lang === "zh" ? "en" : "zh", named = new Set();
    if (o.map) { o.map.provinces.forEach(function (p) { named.add(p.code); }); o.map.units.forEach(function (u) { named.add(u.code); }); }
    function shortName(text) { return text.length > 18 ? text.slice(0, 17) + "…" : text; }
    function nodeLabel(id, px, weight, force) {
      var node = bodyNodes[id], n = o.byNode.get(id);
      if (!node || !n || done.has(id) || !o.visibleNodes.has(id) || (o.lit && !o.lit.has(id))) return;
      if (!force && n.division_code && named.has(n.division_code)) return;
      done.add(id);
      var radius = (node.options.size || 10) * scale + (node.options.borderWidth || 1);
      labels.put(shortName(n[o.lang] || n[other] || id), node.x, node.y,
                 { px: px, weight: weight, colour: "#1d2530", dy: radius + px / 2 + 1, kind: "node", force: force, level: id });
    }
    if (o.focus) nodeLabel(o.focus, 15, "bold", true);
    drawNames(labels, o.map, o.lang, "province");
    drawNames(labels, o.map, o.lang, "prefecture");
    if (o.selected !== null && o.selected !== undefined) {
      nodeLabel(o.selected, 14, "bold", false);
      if (o.lit) o.lit.forEach(function (id) { nodeLabel(id, 12, "600", false); });
    }
    if (o.matches) o.matches.forEach(function (id) { nodeLabel(id, 13, "600", false); });
    for (var i = 0, tried = 0; i < o.order.length && tried < 4000; i++) {
      if (!o.visibleNodes.has(o.order[i])) continue;
      tried++;
      nodeLabel(o.order[i], o.byNode.get(o.order[i]).degree >= 8 ? 13 : 12, "normal", false);
    }
    drawNames(labels, o.map, o.lang, "district");
    if (scale >= 1.4) {
      o.visibleEdges.forEach(function (id) {
        var e = o.byEdge.get(id), a = bodyNodes[e.from], b = bodyNodes[e.to];
        if (a && b && (!o.lit || (o.lit.has(e.from) && o.lit.has(e.to))))
          labels.put(o.relationLabel(e.relation, o.lang), (a.x + b.x) / 2, (a.y + b.y) / 2, { px: 10, colour: "#555555", kind: "edge" });
      });
    }
    return labels.drawn;
  }

  /* The canvas box of the three provinces' outlines. */
  function extent(map) {
    var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    if (map) map.provinces.forEach(function (p) { p.lines.forEach(function (line) { for (var i = 0; i < line.length; i += 2) grow(box, line[i], line[i + 1]); }); });
    return box;
  }
  function grow(box, x, y) { box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y); box.x1 = Math.max(box.x1, x); box.y1 = Math.max(box.y1, y); }

  /* Move the view so that the canvas box fills the container (with a margin), zoomed in no further
     than maxScale. */
  function fitBox(network, container, box, maxScale) {
    if (!isFinite(box.x0)) { network.fit({ animation: false }); return; }
    var w = Math.max(box.x1 - box.x0, 1), h = Math.max(box.y1 - box.y0, 1);
    var scale = 0.9 * Math.min(container.clientWidth / w, container.clientHeight / h);
    network.moveTo({ position: { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 },
                     scale: Math.min(scale, maxScale || Infinity), animation: false });
  }

  return { FACE: FACE, hexToRgba: hexToRgba, drawOutlines: drawOutlines, Labels: Labels, drawNames: drawNames, drawLabels: drawLabels,
           extent: extent, grow: grow, fitBox: fitBox, pickName: pickName };
})();
