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
  function draw(div, option, onClick, name) {
    var chart = echarts.init(div, null, { renderer: "svg" });
    option.toolbox = { feature: { saveAsImage: { type: "svg", title: t("保存为 SVG", "Save as SVG"), name: "jjjkg-" + name } } };
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

  /* ---- the sections: their charts (charts.js) and a table under each, every number a link ---- */
  function areaText(v) {
    var areas = v.areas.map(function (a) { return pick(a, "zh", "en"); }).join("、");
    var to = v.counterparts.map(function (a) { return pick(a, "zh", "en"); }).join("、");
    return areas + (to ? " → " + to : "");
  }
  var HINTS = {
    flows: [D.flows ? pick(D.flows, "hintZh", "hintEn") : ""],
    hubs: ["按联系数（度）排序；加权度为事实数；介数中心性按无向联系网络计算。", "By number of linked neighbours (degree); weighted degree counts facts; betweenness on the undirected linkage network."],
    timeline: ["有明确日期的事件，按时间排序。", "Events with a date of their own, in order."],
    indicators: ["数值按原文，另列换算后的基本单位；点击数值查看原文。", "Values as printed, and normalised; click a value for its quote."]
  };
  var TITLES = { flows: ["地区间流向", "Flows between places"], hubs: ["枢纽", "Hubs"], timeline: ["时间线", "Timeline"], indicators: ["指标", "Indicators"] };
  function sectionFor(key) {
    if ($(key)) return $(key);
    var hint = HINTS[key].length > 1 ? t(HINTS[key][0], HINTS[key][1]) : HINTS[key][0];
    return section(key, t(TITLES[key][0], TITLES[key][1]), hint);
  }
  function drawCharts() {
    var grid = null;
    jjjkgCharts.build(D, lang).forEach(function (c) {
      var parent = sectionFor(c.section);
      if (c.section === "indicators") {
        if (!grid) { grid = el("div", null, "charts"); parent.appendChild(grid); }
        parent = el("div"); parent.id = "chart-" + c.id; grid.appendChild(parent);
        parent.appendChild(el("div", c.title, "hint"));
      }
      var div = chartBox(parent, c.section === "indicators" || c.section === "timeline" ? "small" : "");
      draw(div, c.option, function (p) { var q = c.quotes(p); if (q) showQuotes(q.title, q.ids); }, c.id);
    });
  }
  function tables() {
    if (D.flows && D.flows.cells.length) {
      table(sectionFor("flows"), [t("起点", "Origin"), t("终点", "Destination"), t("关系", "Relation"), t("陈述数", "Statements")],
            D.flows.cells.map(function (c) { return [pick(c, "fromZh", "fromEn"), pick(c, "toZh", "toEn"), pick(c, "keyZh", "keyEn"), quoted(fmt(c.count), c.quotes)]; }));
    }
    if (D.hubs && D.hubs.length) {
      table(sectionFor("hubs"), [t("名称", "Name"), t("类型", "Type"), t("度", "Degree"), t("加权度", "Weighted"), t("介数", "Betweenness")],
            D.hubs.map(function (h) { return [pick(h, "zh", "en"), pick(h, "typeZh", "typeEn"), quoted(fmt(h.degree), h.quotes), fmt(h.weighted), h.betweenness.toFixed(3)]; }));
    }
    if (D.timeline && D.timeline.length) {
      table(sectionFor("timeline"), [t("日期", "Date"), t("主体", "Subject"), t("关系", "Relation"), t("客体", "Object")],
            D.timeline.map(function (e) { return [quoted(e.dateText || e.date, [e.quote]), pick(e, "subjectZh", "subjectEn"), pick(e, "relationZh", "relationEn"), pick(e, "objectZh", "objectEn")]; }));
    }
    var rows = [];
    D.indicators.forEach(function (ind) {
      ind.values.forEach(function (v) {
        rows.push([pick(ind, "zh", "en"), v.periodText ? v.period + "（" + v.periodText + "）" : v.period, areaText(v),
                   quoted(v.printed + v.unitPrinted, [v.quote]), fmt(v.value) + " " + v.unitLabel[lang === "zh" ? 0 : 1]]);
      });
    });
    if (rows.length) table(sectionFor("indicators"), [t("指标", "Indicator"), t("时期", "Period"), t("地区", "Area"), t("原文数值", "As printed"), t("换算", "Normalised")], rows);
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
    drawCharts(); tables(); sources(); quoteList();
  }
  $("lang").addEventListener("click", function () { lang = lang === "zh" ? "en" : "zh"; render(); });
  render();
  api.drawn = true; api.firstDrawMs = performance.now();
  api.setLang = function (next) { if (next === "zh" || next === "en") { lang = next; render(); } };
  api.svg = function (i) { return charts[i].renderToSVGString(); };
})();
