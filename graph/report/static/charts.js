/* The report's charts as ECharts options, built from the report's data alone (no DOM), so that the
   page draws them and `jjjkg report --charts DIR` renders the same options to SVG files with
   ECharts' server-side renderer (static/render_charts.js, under Node.js). Each chart says which
   quotes a clicked mark stands for. */
(function (root) {
  "use strict";
  function escapeText(text) {  // ECharts tooltips are HTML
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function build(D, lang) {
    function pick(o, zh, en) { return (lang === "zh" ? o[zh] : o[en]) || o[zh] || o[en] || ""; }
    function t(zh, en) { return lang === "zh" ? zh : en; }
    var out = [];

    if (D.flows && D.flows.cells.length) {  // origins on the left, destinations on the right
      var names = new Map(), links = [];
      D.flows.cells.forEach(function (c) {
        var from = pick(c, "fromZh", "fromEn") + " ▸", to = "▸ " + pick(c, "toZh", "toEn");
        names.set(from, true); names.set(to, true);
        links.push({ source: from, target: to, value: c.count, cell: c });
      });
      out.push({ id: "flows", section: "flows", title: t("地区间流向", "Flows between places"), size: [1000, 560], option: {
        tooltip: { formatter: function (p) { return p.data && p.data.cell ? escapeText(p.data.source + " " + p.data.target + " · " + pick(p.data.cell, "keyZh", "keyEn") + ": " + p.data.value) : escapeText(p.name); } },
        series: [{ type: "sankey", data: Array.from(names.keys()).map(function (name) { return { name: name }; }), links: links,
                   emphasis: { focus: "adjacency" }, label: { fontSize: 12 }, lineStyle: { color: "gradient", opacity: 0.4 } }]
      }, quotes: function (p) { return p.data && p.data.cell ? { title: p.data.source + " " + p.data.target, ids: p.data.cell.quotes } : null; } });
    }

    if (D.hubs && D.hubs.length) {
      var hubs = D.hubs.slice().reverse();
      out.push({ id: "hubs", section: "hubs", title: t("枢纽", "Hubs"), size: [900, Math.max(300, 24 * hubs.length + 60)], option: {
        grid: { left: 180, right: 40, top: 20, bottom: 30 }, tooltip: { formatter: function (p) { return escapeText(p.name + ": " + p.value); } },
        xAxis: { type: "value", name: t("度", "degree") }, yAxis: { type: "category", data: hubs.map(function (h) { return pick(h, "zh", "en"); }) },
        series: [{ type: "bar", data: hubs.map(function (h) { return h.degree; }), label: { show: true, position: "right" } }]
      }, quotes: function (p) { var h = hubs[p.dataIndex]; return h ? { title: pick(h, "zh", "en"), ids: h.quotes } : null; } });
    }

    if (D.timeline && D.timeline.length) {
      var relations = Array.from(new Set(D.timeline.map(function (e) { return pick(e, "relationZh", "relationEn"); })));
      out.push({ id: "timeline", section: "timeline", title: t("时间线", "Timeline"), size: [1000, Math.max(240, 34 * relations.length + 80)], option: {
        grid: { left: 170, right: 40, top: 20, bottom: 40 }, tooltip: { formatter: function (p) { return escapeText(p.data[2]); } },
        xAxis: { type: "time" }, yAxis: { type: "category", data: relations },
        series: [{ type: "scatter", symbolSize: 10, data: D.timeline.map(function (e) {
          return [e.date, pick(e, "relationZh", "relationEn"), (e.dateText || e.date) + " " + pick(e, "subjectZh", "subjectEn") + " → " + pick(e, "objectZh", "objectEn"), e.quote];
        }) }]
      }, quotes: function (p) { return { title: p.data[2], ids: [p.data[3]] }; } });
    }

    D.indicators.filter(function (i) { return i.values.length > 1; }).forEach(function (ind) {
      var labels = ind.values.map(function (v) {
        var areas = v.areas.map(function (a) { return pick(a, "zh", "en"); }).join("、");
        var to = v.counterparts.map(function (a) { return pick(a, "zh", "en"); }).join("、");
        return [v.periodText || v.period, areas + (to ? " → " + to : "")].filter(Boolean).join(" · ");
      });
      out.push({ id: "indicator-" + ind.id, section: "indicators", title: pick(ind, "zh", "en"), size: [520, 300], option: {
        grid: { left: 80, right: 20, top: 30, bottom: 70 },
        tooltip: { formatter: function (p) { var v = ind.values[p.dataIndex]; return escapeText(labels[p.dataIndex] + ": " + v.printed + v.unitPrinted); } },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: 20, fontSize: 10 } },
        yAxis: { type: "value", name: ind.values[0].unitLabel[lang === "zh" ? 0 : 1] },
        series: [{ type: "bar", data: ind.values.map(function (v) { return v.value; }),
                   label: { show: true, position: "top", formatter: function (p) { var v = ind.values[p.dataIndex]; return v.printed + v.unitPrinted; } } }]
      }, quotes: function (p) { return { title: pick(ind, "zh", "en") + " · " + labels[p.dataIndex], ids: [ind.values[p.dataIndex].quote] }; } });
    });
    out.forEach(function (c) { c.option.animation = false; });
    return out;
  }
  root.jjjkgCharts = { build: build, escapeText: escapeText };
  if (typeof module !== "undefined" && module.exports) module.exports = root.jjjkgCharts;
})(typeof window !== "undefined" ? window : globalThis);
