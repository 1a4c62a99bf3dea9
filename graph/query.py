"""The SPARQL query catalogue (queries/*.rq) and running queries on the Oxigraph engine.

Each .rq opens with a comment header:

    # title: 研发在此、生产在彼 / R&D here, production there
    # answers: Which organisations do R&D in one place and produce in another?
    # parameter: ?province entity — only pairs whose production lies in this province (e.g. hebei)

Parameters are bound by SPARQL substitution (SEP-0007, pyoxigraph's `substitutions`), never by
editing the query text; an unbound parameter leaves the query unfiltered.
Inference is done in the queries with property paths: `jjj:locatedIn*` for the transitive place
hierarchy, `a/rdfs:subClassOf*` for types (the ontology is loaded in a named graph that queries
see as part of their default graph), so asserted triples stay apart from inferred ones.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .fields import ID_PATTERN
from .names import NameIndex
from .namespaces import BASE, ENT, INDICATOR, INDUSTRY, PREFIX_IRIS, SRC
from .oxigraph import memory_store
from .store_layout import query_dataset
from .problems import ConfigError
from .resources import QUERIES_DIR
from .safe_io import FileRefused, decode_utf8, read_capped, shown
from .settings import Built
from .sparql_guard import RefusedQuery, check_query

XSD_GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
PARAMETER_KINDS = {"entity": ENT, "indicator": INDICATOR, "industry": INDUSTRY, "source": SRC,
                   "year": None, "text": None}
_HEADER = re.compile(r"^#\s*(title|answers|parameters?):\s*(.*)$")
_PARAMETER = re.compile(r"^\?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<kind>[a-z]+)\s*(?:[—–-]+\s*(?P<doc>.*))?$")


class QueryError(ConfigError):
    """A query that cannot run: unknown name, unreadable file, syntax error, bad parameter."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    doc: str = ""


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    text: str
    title_zh: str = ""
    title_en: str = ""
    answers: str = ""
    parameters: tuple[Parameter, ...] = ()
    path: Path | None = None

    @property
    def is_check(self) -> bool:
        return self.name.endswith("-violation")

    def title(self, lang: str) -> str:
        return (self.title_zh if lang == "zh" else self.title_en) or self.title_en or self.title_zh


def parse_query_file(path: Path, text: str | None = None) -> CatalogueQuery:
    """Read a .rq file (a regular file, within safe_io's size cap) and its comment header."""
    try:
        text = decode_utf8(read_capped(path)) if text is None else text
    except FileRefused as exc:
        raise QueryError(f"{shown(path)}: cannot read the query: {exc}") from exc
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key.startswith("parameter"):
            if value in ("", "none"):
                continue
            param = _PARAMETER.match(value)
            if not param or param["kind"] not in PARAMETER_KINDS:
                raise QueryError(f"{path}:{number}: a parameter line reads '# parameter: ?name KIND — what it does' "
                                 f"with KIND one of {', '.join(PARAMETER_KINDS)}")
            parameters.append(Parameter(param["name"], param["kind"], (param["doc"] or "").strip()))
        else:
            fields[key] = value
    zh, _, en = fields.get("title", "").partition(" / ")
    return CatalogueQuery(path.stem, text, zh.strip(), en.strip(), fields.get("answers", ""), tuple(parameters), path)


def load_catalogue(queries_dir: Path = QUERIES_DIR) -> dict[str, CatalogueQuery]:
    """Every queries/*.rq by name (file stem), sorted."""
    return {path.stem: parse_query_file(path) for path in sorted(queries_dir.glob("*.rq"))}


def resolve(ref: str | None, expression: str | None, queries_dir: Path = QUERIES_DIR) -> CatalogueQuery:
    """A catalogue NAME, a FILE path, or an inline query (-e); a query jjjkg refuses to run (see
    sparql_guard) is a QueryError here, before anything is built."""
    if expression is not None and ref is not None:
        raise QueryError(f"give either a query NAME|FILE ({ref[:80]!r}) or -e 'SPARQL', not both")
    return checked(_resolve(ref, expression, queries_dir))


def checked(query: CatalogueQuery) -> CatalogueQuery:
    """query, if jjjkg runs it (graph/sparql_guard.py); else a QueryError saying why."""
    try:
        check_query(query.text)
    except RefusedQuery as exc:
        raise QueryError(f"{query.path or query.name}: {exc}") from None
    return query


def _resolve(ref: str | None, expression: str | None, queries_dir: Path) -> CatalogueQuery:
    if expression is not None:
        return parse_query_file(Path("-e"), expression)
    if ref is None:
        raise QueryError("give a query: a catalogue NAME (see `jjjkg queries`), a .rq FILE, or -e 'SPARQL'")
    catalogue = load_catalogue(queries_dir)
    if ref in catalogue:
        return catalogue[ref]
    path = Path(ref)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"query file not found: {ref}")
        return parse_query_file(path)
    raise QueryError(f"no query named '{ref}' in the catalogue (see `jjjkg queries`)")


Substitutions = dict[ox.Variable, "ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple"]
Lookup = Callable[[Parameter, str], str]  # a parameter's value (id or name) → the local id it names
MAX_VALUE = 200


def parse_params(query: CatalogueQuery, specs: list[str]) -> list[tuple[Parameter, str]]:
    """--param name=value, checked against the query's declared parameters and their kinds
    (years are YYYY; text and names 1 to 200 characters) before anything is built."""
    declared = {p.name: p for p in query.parameters}
    parsed: list[tuple[Parameter, str]] = []
    for spec in specs:
        name, sep, value = spec.partition("=")
        name, value = name.strip().lstrip("?"), value.strip()
        if not sep or not name:
            raise QueryError(f"--param {spec!r}: write name=value")
        if name not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(f"--param {name}: query '{query.name}' takes {takes}")
        param = declared[name]
        if param.kind == "year" and not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"--param {name}: '{value}' is not a year (YYYY)")
        if not value or len(value) > MAX_VALUE or any(not ch.isprintable() for ch in value):
            raise QueryError(f"--param {name}: give 1 to {MAX_VALUE} printable characters")
        parsed.append((param, value))
    return parsed


def bind(query: CatalogueQuery, specs: list[str], lookup: Lookup | None = None) -> Substitutions:
    """--param name=value → SPARQL substitutions. An entity, indicator, industry or source is
    named by its id (`xiongan`, `ent:xiongan`, the IRI) or, given a lookup, by a label or alias
    (雄安新区, Xiong'an); without one the value must be an id."""
    return {ox.Variable(param.name): _term(param, value, lookup) for param, value in parse_params(query, specs)}


def _term(param: Parameter, value: str, lookup: Lookup | None) -> ox.NamedNode | ox.Literal:
    if param.kind == "year":
        return ox.Literal(value, datatype=XSD_GYEAR)
    if param.kind == "text":
        return ox.Literal(value)
    namespace = str(PARAMETER_KINDS[param.kind])
    local = value[len(namespace):] if value.startswith(namespace) else value
    prefix, colon, rest = local.partition(":")
    if colon and PREFIX_IRIS.get(prefix) == namespace:
        local = rest
    if lookup is not None:
        return ox.NamedNode(namespace + lookup(param, local))
    if not ID_PATTERN.match(local):
        raise QueryError(f"--param {param.name}: '{value}' is not an {param.kind} id (lowercase letters, digits, hyphens)")
    return ox.NamedNode(namespace + local)


def store_folder(location: Path) -> Path:
    """location, if it is an Oxigraph store folder (as `jjjkg import-csv` writes); else a QueryError."""
    if not (location / "CURRENT").is_file():
        raise QueryError(f"--store: {location} is not an Oxigraph store (made by `jjjkg import-csv`)")
    return location


@dataclass
class Engine:
    """The built graph in an Oxigraph store, ready for queries; or a store `import-csv` wrote."""

    built: Built | None
    store: ox.Store = field(default=None)  # type: ignore[assignment]
    _names: dict[str, NameIndex] = field(default_factory=dict, repr=False)  # namespace → index

    def __post_init__(self) -> None:
        if self.store is None:
            assert self.built is not None
            self.store = memory_store(self.built.ntriples, self.built.schema.graph, self.built.derived)

    @classmethod
    def open(cls, location: Path) -> Engine:
        """A store folder written by `jjjkg import-csv` (data and ontology), opened read-only."""
        try:
            return cls(None, ox.Store.read_only(str(store_folder(location))))
        except (OSError, RuntimeError, ValueError) as exc:  # RocksDB reports corruption as RuntimeError
            raise QueryError(f"--store: cannot open {location}: {_one_line(str(exc))}") from exc

    def execute(self, query: CatalogueQuery, substitutions: Substitutions | None = None
                ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            text = checked(query).text
            return self.store.query(text, prefixes=PREFIX_IRIS, substitutions=substitutions or None,
                                    **query_dataset(text))  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"{query.path or query.name}: {_one_line(str(exc))}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{query.path or query.name}: query failed: {_one_line(str(exc))}") from exc

    def bind(self, query: CatalogueQuery, specs: list[str]) -> Substitutions:
        """--param values bound as substitutions, names resolved against this graph's labels."""
        return bind(query, specs, self.lookup)

    def lookup(self, param: Parameter, value: str) -> str:
        """The local id a parameter value names: an id of this graph, else a label, alias or title
        (the name index of `view --focus` and `import-csv`); a QueryError lists the candidates."""
        namespace = str(PARAMETER_KINDS[param.kind])
        if ID_PATTERN.match(value) and next(self.store.quads_for_pattern(
                ox.NamedNode(namespace + value), None, None, None), None) is not None:
            return value
        index = self.names(namespace)
        found = index.find(value)
        if found.id is None:
            raise QueryError(f"--param {param.name}: {index.explain(value, found, param.kind)}")
        return found.id

    def names(self, namespace: str) -> NameIndex:
        """The name index of every IRI in namespace: its local id, labels, aliases and titles,
        the zh label first (it names the candidates in messages). Made once per namespace."""
        if namespace not in self._names:
            named: dict[str, list[tuple[int, str]]] = {}
            for row in self.store.query(_NAMES_QUERY, prefixes=PREFIX_IRIS, **query_dataset(_NAMES_QUERY),  # type: ignore[arg-type]
                                        substitutions={ox.Variable("ns"): ox.Literal(namespace)}):
                local = row["s"].value[len(namespace):]
                named.setdefault(local, []).append((int(row["rank"].value), row["name"].value))
            self._names[namespace] = NameIndex.of((local, [name for _, name in sorted(names)])
                                                  for local, names in sorted(named.items()))
        return self._names[namespace]

    def label(self, node: ox.NamedNode, lang: str) -> str | None:
        """The node's rdfs:label (or skos:prefLabel; a source's dcterms:title) in lang, else in the
        other language."""
        found: dict[str, str] = {}
        for predicate in LABEL_PREDICATES:
            for quad in self.store.quads_for_pattern(node, predicate, None, None):
                term = quad.object
                if isinstance(term, ox.Literal) and term.language and term.language not in found:
                    found[term.language] = term.value
        return found.get(lang) or next(iter(sorted(found.items())), (None, None))[1]

    def source_text_in(self, text: ox.Literal, lang: str) -> str | None:
        """A source's title or publisher as a query gives it (as printed, in the source's language)
        in lang: the same property of the source(s) carrying that text, where they give one text in
        lang; else None."""
        found: set[str] = set()
        for predicate in SOURCE_TEXT_PREDICATES:
            for quad in self.store.quads_for_pattern(None, predicate, text, None):
                if not (isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(str(SRC))):
                    continue
                for other in self.store.quads_for_pattern(quad.subject, predicate, None, None):
                    if isinstance(other.object, ox.Literal) and other.object.language == lang:
                        found.add(other.object.value)
        return found.pop() if len(found) == 1 else None


_NAMES_QUERY = """
SELECT ?ns ?s ?name ?rank WHERE {
  ?s ?p ?name .
  VALUES (?p ?base) { (rdfs:label 0) (skos:prefLabel 0) (dcterms:title 0) (skos:altLabel 2) }
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?ns) && isLiteral(?name))
  BIND(?base + IF(LANG(?name) = "zh", 0, 1) AS ?rank)
}"""
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
DCTERMS_PUBLISHER = ox.NamedNode("http://purl.org/dc/terms/publisher")
LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF_LABEL, DCTERMS_TITLE)
SOURCE_TEXT_PREDICATES = (DCTERMS_TITLE, DCTERMS_PUBLISHER)


def iri_list(term: ox.Literal) -> list[ox.NamedNode]:
    """The IRIs of a plain string that holds only jjjkg IRIs separated by spaces; else []. Queries
    list several areas of one value this way (GROUP_CONCAT), so that it stays one row."""
    if term.language or term.datatype != XSD_STRING:
        return []
    words = term.value.split()
    if not words or not all(word.startswith(BASE) for word in words):
        return []
    try:
        return [ox.NamedNode(word) for word in words]
    except ValueError:
        return []


def _one_line(message: str) -> str:
    return " ".join(message.split())
