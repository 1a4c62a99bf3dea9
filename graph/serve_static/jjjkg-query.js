// jjjkg's query page: YASGUI (npm's @zazuko/yasgui, vendored in serve_static/yasgui/ and served by
// `jjjkg serve`), set up so that the page asks no host but this server.
// YASGUI's defaults would fetch prefix.cc (prefix completion) and Linked Open Vocabularies
// (property and class completion) from the browser; here prefix completion reads jjjkg's own
// prefixes from ./prefixes.json, and the two other completers are switched off.
(function () {
  "use strict";
  var here = new URL("./", window.location.href);
  var endpoint = new URL("query", here).href;
  var prefixesUrl = new URL("prefixes.json", here).href;
  var completers = ["variables", "prefixes"];
  var sample = [
    "# Entities by kind: a company counts as an organisation too (rdfs:subClassOf*).",
    "SELECT ?class (COUNT(DISTINCT ?entity) AS ?entities) WHERE {",
    "  ?entity a ?type . ?type rdfs:subClassOf* ?class . ?class rdfs:subClassOf* jjj:Entity .",
    "}",
    "GROUP BY ?class",
    "ORDER BY DESC(?entities) ?class",
  ].join("\n");

  // The defaults, not only this page's config: lodash's merge (which YASGUI uses) cannot shorten
  // the default list of completers, and the prefix list must not come from another page's cache.
  var Yasqe = Yasgui.Yasqe;
  Yasqe.defaults.autocompleters = completers.slice();
  Yasqe.defaults.prefixCcApi = prefixesUrl;
  Yasgui.defaults.yasqe.autocompleters = completers.slice();
  Yasgui.defaults.yasqe.prefixCcApi = prefixesUrl;
  Yasqe.Autocompleters.prefixes.persistenceId = null;

  function start(prefixes) {
    var declared = Object.keys(prefixes).map(function (prefix) {
      return "PREFIX " + prefix + ": <" + prefixes[prefix] + ">";
    });
    window.jjjkgYasgui = new Yasgui(document.getElementById("yasgui"), {
      persistenceId: "jjjkg_yasgui",
      requestConfig: { endpoint: endpoint },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
      yasqe: {
        value: declared.join("\n") + "\n\n" + sample,
        collapsePrefixesOnLoad: true,  // folded into one line (click to unfold): the sample shows
        autocompleters: completers,
        prefixCcApi: prefixesUrl,
      },
    });
  }

  fetch(prefixesUrl)
    .then(function (response) {
      if (!response.ok) throw new Error("prefixes.json: HTTP " + response.status);
      return response.json();
    })
    .then(start, function (error) {
      console.warn(error);
      start({});
    });
})();
