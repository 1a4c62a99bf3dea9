/* `jjjkg report --charts DIR`: the report's charts as SVG, rendered by ECharts' server-side renderer
   under Node.js from the same options the page draws (charts.js). Reads {"data": …, "lang": …} on
   stdin, writes {"chart id": "<svg …>", …} on stdout. Run by graph/report/chart_files.py. */
"use strict";
const echarts = require(process.argv[2]);
const charts = require(process.argv[3]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const out = {};
  for (const c of charts.build(request.data, request.lang)) {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: c.size[0], height: c.size[1] });
    chart.setOption(Object.assign({ backgroundColor: "#ffffff" }, c.option));  // a paper wants white, not transparent
    out[c.id] = chart.renderToSVGString();
    chart.dispose();
  }
  process.stdout.write(JSON.stringify(out));
});
