/* What a reader takes away from the network view: a citation, a CSV of the facts shown, a PNG of
   the canvas, and a permalink (the view's state in the URL's hash). Pure helpers; view.js wires
   them to its state. Nothing here builds HTML from data. */
window.jjjkgShare = (function () {
  "use strict";

  /* "quote"——《title》，publisher，date。 in Chinese; "quote" — title, publisher, date. in English. */
  function citationText(quote, source, lang) {
    if (lang === "zh") {
      return "“" + quote + "”——《" + source.title + "》" +
        [source.publisher, source.published].filter(Boolean).map(function (x) { return "，" + x; }).join("") + "。";
    }
    return "\u201c" + quote + "\u201d \u2014 " + [source.title, source.publisher, source.published].filter(Boolean).join(", ") + ".";
  }

  /* The clipboard where the browser allows it (a file:// page may not), else a hidden textarea. */
  function copyText(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (err) { /* the caller keeps the text */ }
    document.body.removeChild(area);
  }

  /* Every cell quoted; a cell that a spreadsheet would run as a formula starts with ' (as edges.csv). */
  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function csvText(columns, rows) {
    return [columns].concat(rows).map(function (row) { return row.map(csvCell).join(","); }).join("\n") + "\n";
  }

  function download(blob, name) {
    var url = URL.createObjectURL(blob), link = document.createElement("a");
    link.href = url; link.download = name;
    document.body.appendChild(link); link.click(); document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* The canvas on white with a caption strip (heading, credits) under it, as a PNG data URL. */
  function pngDataUrl(canvas, caption, face) {
    var ratio = canvas.width / Math.max(canvas.clientWidth || canvas.width, 1), strip = Math.round(26 * ratio);
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height + strip;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    ctx.fillStyle = "#f3f3f3"; ctx.fillRect(0, canvas.height, out.width, strip);
    ctx.fillStyle = "#333333"; ctx.font = Math.round(12 * ratio) + "px " + face;
    ctx.textBaseline = "middle"; ctx.textAlign = "left";
    ctx.fillText(caption, Math.round(8 * ratio), canvas.height + strip / 2, out.width - Math.round(16 * ratio));
    return out.toDataURL("image/png");
  }
  function dataUrlBlob(url) {
    var bytes = atob(url.slice(url.indexOf(",") + 1)), array = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
    return new Blob([array], { type: "image/png" });
  }

  /* The hash: k=v pairs joined by &, each value percent-encoded; lists are comma-joined, each item
     encoded. Anything unknown or malformed is ignored by the reader (view.js checks every value). */
  function encodeHash(pairs) {
    return pairs.filter(function (p) { return p[1] !== null && p[1] !== undefined; }).map(function (p) {
      var value = Array.isArray(p[1]) ? p[1].map(encodeURIComponent).join(",") : encodeURIComponent(String(p[1]));
      return p[0] + "=" + value;
    }).join("&");
  }
  function decodeHash(hash) {
    var found = new Map();
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at <= 0) return;
      var key = part.slice(0, at), raw = part.slice(at + 1);
      try {
        found.set(key, { text: decodeURIComponent(raw), list: raw ? raw.split(",").map(decodeURIComponent) : [] });
      } catch (err) { /* malformed escape: the key is left out */ }
    });
    return found;
  }
  /* Replace the URL's hash without a history entry or a hashchange event. */
  function writeHash(text) {
    var url = location.href.split("#")[0] + (text ? "#" + text : "");
    try { history.replaceState(null, "", url); } catch (err) { location.replace(url); }
  }

  return { citationText: citationText, copyText: copyText, csvText: csvText, download: download,
           pngDataUrl: pngDataUrl, dataUrlBlob: dataUrlBlob, encodeHash: encodeHash, decodeHash: decodeHash,
           writeHash: writeHash };
})();
