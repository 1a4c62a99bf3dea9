"""Every namespace jjjkg uses, and the one persistent base IRI. Bind them all here only."""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/jjjkg/"

JJJ = Namespace(BASE + "ontology#")
ENT = Namespace(BASE + "id/")
STMT = Namespace(BASE + "statement/")
OBS = Namespace(BASE + "observation/")
SRC = Namespace(BASE + "source/")
INDUSTRY = Namespace(BASE + "industry/")
INDICATOR = Namespace(BASE + "indicator/")
UNIT = Namespace(BASE + "unit/")

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
# rdflib 7.6's built-in WGS namespace says https; the real one is http.
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
TIME = Namespace("http://www.w3.org/2006/time#")
QB = Namespace("http://purl.org/linked-data/cube#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "jjj": JJJ,
    "ent": ENT,
    "stmt": STMT,
    "obs": OBS,
    "src": SRC,
    "industry": INDUSTRY,
    "indicator": INDICATOR,
    "unit": UNIT,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "org": ORG,
    "schema": SCHEMA,
    "geo": GEO,
    "time": TIME,
    "qb": QB,
    "wd": WD,
}

# The same prefixes as plain strings, for Oxigraph's serializers and queries and the JSON-LD context.
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def new_graph() -> Graph:
    """An empty rdflib Graph with exactly our prefixes bound (none of rdflib's defaults)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every namespace, for queries that omit their own."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
