/* jjjkg report: the flow matrix, the hubs, the timeline, every indicator's values and the sources,
   each number linked to the quote that states it. Charts are Apache ECharts (inlined), drawn with
   its SVG renderer so that each can be saved as SVG or PNG. Every string from the data is set with
   textContent or given to ECharts as plain text (tooltips use a formatter that escapes it). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("jjjkg-report").textContent);
  var lang = D.lang, charts = [], api = window.jjjkgReport = { charts: charts, drawn: false };
  var quotes = new Map(D.quotes.map(function (q) { return [q.id, q]; }));
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function pick(o, zh, en) { return (lang === "zh" ? o[zh] : o[en]) || o[zh] || o[en] || ""; }
  function t(zh, en) { return lang === "zh" ? zh : en; }
  function escapeText(text) {  // for ECharts tooltips, which are HTML
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function fmt(n) { return typeof n === "number" ? n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US") : String(n); }

  /* A number that leads to its quotes: the first as a link into the quote list, the panel on click. */
  function quoted(text, ids) {
    var a = el("a", text, "q");
    a.href = "#" + (ids[0] || "quotes");
    a.setAttribute("data-quotes", ids.join(" "));
    a.addEventListener("click", function () { showQuotes(text, ids); });
    return a;
  }
  function quoteBlock(q) {
    var box = el("div");
    box.appendChild(el("blockquote", q.quote));
    box.appendChild(el("div", [pick(q, "title", "titleEn"), pick(q, "publisher", "publisherEn"), q.published].filter(Boolean).join(" · "), "hint"));
    return box;
  }
  function showQuotes(title, ids) {
    var box = $("picked");
    box.textContent = "";
    box.appendChild(el("h2", title));
    ids.forEach(function (id) { var q = quotes.get(id); if (q) box.appendChild(quoteBlock(q)); });
    var close = el("button", t("关闭", "Close")); close.type = "button";
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
    box.hidden = false;
    api.picked = ids.slice();
  }
  function section(id, title, hint) {
    var s = el("section"); s.id = id;
    s.appendChild(el("h2", title));
    if (hint) s.appendChild(el("p", hint, "hint"));
    $("report").appendChild(s);
    return s;
  }
  function chartBox(parent, cls) {
    var div = el("div", null, "chart " + (cls || ""));
    parent.appendChild(div);
    return div;
  }
  function draw(div, option, onClick) {
    var chart = echarts.init(div, null, { renderer: "svg" });
    option.animation = false;
    option.toolbox = { feature: { saveAsImage: { type: "svg", title: t("保存为 SVG", "Save as SVG"), name: "jjjkg-" + (div.parentNode.id || "chart") } } };
    chart.setOption(option);
    if (onClick) chart.on("click", onClick);
    charts.push(chart);
    return chart;
  }
  function table(parent, heads, rows) {
    var tab = el("table"), head = el("tr");
    heads.forEach(function (h) { head.appendChild(el("th", h)); });
    tab.appendChild(head);
    rows.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (cell) {
        var td = el("td");
        if (cell && cell.nodeType) td.appendChild(cell); else td.textContent = cell === undefined || cell === null ? "" : String(cell);
        if (cell && cell.className === "q") td.className = "num";
        tr.appendChild(td);
      });
      tab.appendChild(tr);
    });
    parent.appendChild(tab);
    return tab;
  }

  /* ---- flows: a Sankey diagram, origins on the left, destinations on the right ---- */
  function flows() {
    if (!D.flows || !D.flows.cells.length) return;
    var s = section("flows", t("地区间流向", "Flows between places"), pick(D.flows, "hintZh", "hintEn"));
    var nodes = new Map(), links = [];
    D.flows.cells.forEach(function (c) {
      var from = pick(c, "fromZh", "fromEn") + " ▸", to = "▸ " + pick(c, "toZh", "toEn");
      nodes.set(from, true); nodes.set(to, true);
      links.push({ source: from, target: to, value: c.count, cell: c });
    });
    draw(chartBox(s), {
      tooltip: { formatter: function (p) { return p.data && p.data.cell ? escapeText(p.data.source + " " + p.data.target + " · " + pick(p.data.cell, "keyZh", "keyEn") + ": " + fmt(p.data.value)) : escapeText(p.name); } },
      series: [{ type: "sankey", data: Array.from(nodes.keys()).map(function (name) { return { name: name }; }), links: links,
                 emphasis: { focus: "adjacency" }, label: { fontSize: 12 }, lineStyle: { color: "gradient", opacity: 0.4 } }]
    }, function (p) { if (p.data && p.data.cell) showQuotes(p.data.source + " " + p.data.target, p.data.cell.quotes); });
    table(s, [t("起点", "Origin"), t("终点", "Destination"), t("关系", "Relation"), t("陈述数", "Statements")],
          D.flows.cells.map(function (c) { return [pick(c, "fromZh", "fromEn"), pick(c, "toZh", "toEn"), pick(c, "keyZh", "keyEn"), quoted(fmt(c.count), c.quotes)]; }));
  }

  /* ---- hubs: a bar per hub, by degree ---- */
  function hubs() {
    if (!D.hubs || !D.hubs.length) return;
    var s = section("hubs", t("枢纽", "Hubs"), t("按联系数（度）排序；加权度为事实数；介数中心性按无向联系网络计算。", "By number of linked neighbours (degree); weighted degree counts facts; betweenness on the undirected linkage network."));
    var list = D.hubs.slice().reverse();
    draw(chartBox(s), {
      grid: { left: 170, right: 30, top: 20, bottom: 30 }, tooltip: { formatter: function (p) { return escapeText(p.name + ": " + p.value); } },
      xAxis: { type: "value" }, yAxis: { type: "category", data: list.map(function (h) { return pick(h, "zh", "en"); }) },
      series: [{ type: "bar", data: list.map(function (h) { return h.degree; }), label: { show: true, position: "right" } }]
    }, function (p) { var h = list[p.dataIndex]; if (h) showQuotes(pick(h, "zh", "en"), h.quotes); });
    table(s, [t("名称", "Name"), t("类型", "Type"), t("度", "Degree"), t("加权度", "Weighted"), t("介数", "Betweenness")],
          D.hubs.map(function (h) { return [pick(h, "zh", "en"), pick(h, "typeZh", "typeEn"), quoted(fmt(h.degree), h.quotes), fmt(h.weighted), h.betweenness.toFixed(3)]; }));
  }

  /* ---- timeline: dated events, a dot per event on a time axis, and the list ---- */
  function timeline() {
    if (!D.timeline || !D.timeline.length) return;
    var s = section("timeline", t("时间线", "Timeline"), t("有明确日期的事件，按时间排序。", "Events with a date of their own, in order."));
    var relations = Array.from(new Set(D.timeline.map(function (e) { return pick(e, "relationZh", "relationEn"); })));
    draw(chartBox(s, "small"), {
      grid: { left: 150, right: 30, top: 20, bottom: 40 }, tooltip: { formatter: function (p) { return escapeText(p.data[2]); } },
      xAxis: { type: "time" }, yAxis: { type: "category", data: relations },
      series: [{ type: "scatter", symbolSize: 10, data: D.timeline.map(function (e) {
        return [e.date, pick(e, "relationZh", "relationEn"), e.dateText + " " + pick(e, "subjectZh", "subjectEn") + " → " + pick(e, "objectZh", "objectEn"), e.quote];
      }) }]
    }, function (p) { showQuotes(p.data[2], [p.data[3]]); });
    table(s, [t("日期", "Date"), t("主体", "Subject"), t("关系", "Relation"), t("客体", "Object")],
          D.timeline.map(function (e) { return [quoted(e.dateText || e.date, [e.quote]), pick(e, "subjectZh", "subjectEn"), pick(e, "relationZh", "relationEn"), pick(e, "objectZh", "objectEn")]; }));
  }

  /* ---- indicators: a chart for each indicator with two or more values; a table of all ---- */
  function areaText(v) {
    var areas = v.areas.map(function (a) { return pick(a, "zh", "en"); }).join("、");
    var to = v.counterparts.map(function (a) { return pick(a, "zh", "en"); }).join("、");
    return areas + (to ? " → " + to : "");
  }
  function indicators() {
    if (!D.indicators.length) return;
    var s = section("indicators", t("指标", "Indicators"), t("数值按原文，括号内为换算后的基本单位；点击数值查看原文。", "Values as printed, normalised in brackets; click a value for its quote."));
    var grid = el("div", null, "charts"); s.appendChild(grid);
    D.indicators.filter(function (i) { return i.values.length > 1; }).forEach(function (ind) {
      var box = el("div"); box.id = "chart-" + ind.id; grid.appendChild(box);
      box.appendChild(el("div", pick(ind, "zh", "en"), "hint"));
      var labels = ind.values.map(function (v) { return [v.periodText || v.period, areaText(v)].filter(Boolean).join(" · "); });
      draw(chartBox(box, "small"), {
        grid: { left: 70, right: 20, top: 20, bottom: 60 },
        tooltip: { formatter: function (p) { var v = ind.values[p.dataIndex]; return escapeText(labels[p.dataIndex] + ": " + v.printed + v.unitPrinted); } },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: 20, fontSize: 10 } },
        yAxis: { type: "value", name: ind.values[0].unitLabel[lang === "zh" ? 0 : 1] },
        series: [{ type: "bar", data: ind.values.map(function (v) { return v.value; }),
                   label: { show: true, position: "top", formatter: function (p) { var v = ind.values[p.dataIndex]; return v.printed + v.unitPrinted; } } }]
      }, function (p) { showQuotes(pick(ind, "zh", "en") + " · " + labels[p.dataIndex], [ind.values[p.dataIndex].quote]); });
    });
    var rows = [];
    D.indicators.forEach(function (ind) {
      ind.values.forEach(function (v) {
        rows.push([pick(ind, "zh", "en"), v.periodText ? v.period + "（" + v.periodText + "）" : v.period, areaText(v),
                   quoted(v.printed + v.unitPrinted, [v.quote]), fmt(v.value) + " " + v.unitLabel[lang === "zh" ? 0 : 1]]);
      });
    });
    table(s, [t("指标", "Indicator"), t("时期", "Period"), t("地区", "Area"), t("原文数值", "As printed"), t("换算", "Normalised")], rows);
  }

  function sources() {
    var s = section("sources", t("来源", "Sources"));
    table(s, [t("标题", "Title"), t("发布者", "Publisher"), t("日期", "Date"), t("本报告引用", "Quotes cited")],
          D.sources.map(function (x) { return [pick(x, "title", "titleEn"), pick(x, "publisher", "publisherEn"), x.published, x.cited]; }));
  }
  function quoteList() {
    var s = section("quotes", t("引语", "Quotes"), t("本报告每个数字所依据的原文。", "The sentence behind each number of this report."));
    var list = el("ol"); list.id = "quote-list";
    D.quotes.forEach(function (q) { var li = el("li"); li.id = q.id; li.appendChild(quoteBlock(q)); list.appendChild(li); });
    s.appendChild(list);
  }

  function render() {
    charts.forEach(function (c) { c.dispose(); }); charts.length = 0;
    Array.from($("report").querySelectorAll("section:not(#picked)")).forEach(function (n) { n.remove(); });
    document.documentElement.lang = lang;
    $("heading").textContent = pick(D.heading, "zh", "en"); document.title = $("heading").textContent;
    $("meta").textContent = pick(D, "metaZh", "metaEn");
    $("lang").textContent = lang === "zh" ? "EN" : "中文";
    flows(); hubs(); timeline(); indicators(); sources(); quoteList();
  }
  $("lang").addEventListener("click", function () { lang = lang === "zh" ? "en" : "zh"; render(); });
  render();
  api.drawn = true; api.firstDrawMs = performance.now();
  api.setLang = function (next) { if (next === "zh" || next === "en") { lang = next; render(); } };
  api.svg = function (i) { return charts[i].renderToSVGString(); };
})();
