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
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .build import PROJECT_DIR, Built, ConfigError
from .fields import ID_PATTERN
from .namespaces import ENT, INDICATOR, INDUSTRY, PREFIX_IRIS, SRC
from .oxigraph import to_store

QUERIES_DIR = PROJECT_DIR / "queries"
XSD_GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
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
    """Read a .rq file and its comment header."""
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc.__class__.__name__}") from exc
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
    """A catalogue NAME, a FILE path, or an inline query (-e)."""
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


def bind(query: CatalogueQuery, specs: list[str]) -> Substitutions:
    """--param name=value → SPARQL substitutions, checked against the query's declared parameters."""
    declared = {p.name: p for p in query.parameters}
    bound: Substitutions = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip().lstrip("?")
        if not sep or not name:
            raise QueryError(f"--param {spec!r}: write name=value")
        if name not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(f"--param {name}: query '{query.name}' takes {takes}")
        bound[ox.Variable(name)] = _term(declared[name], value.strip())
    return bound


def _term(param: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    if param.kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"--param {param.name}: '{value}' is not a year (YYYY)")
        return ox.Literal(value, datatype=XSD_GYEAR)
    if param.kind == "text":
        if not value or len(value) > 200:
            raise QueryError(f"--param {param.name}: give 1 to 200 characters")
        return ox.Literal(value)
    namespace = PARAMETER_KINDS[param.kind]
    local = value.split(":", 1)[1] if ":" in value and not value.startswith("http") else value
    if value.startswith(str(namespace)):
        local = value[len(str(namespace)):]
    if not ID_PATTERN.match(local):
        raise QueryError(f"--param {param.name}: '{value}' is not an {param.kind} id (lowercase letters, digits, hyphens)")
    return ox.NamedNode(str(namespace) + local)


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

    def __post_init__(self) -> None:
        if self.store is None:
            assert self.built is not None
            self.store = to_store(self.built.graph, self.built.schema.graph)

    @classmethod
    def open(cls, location: Path) -> Engine:
        """A store folder written by `jjjkg import-csv` (data and ontology), opened read-only."""
        try:
            return cls(None, ox.Store.read_only(str(store_folder(location))))
        except OSError as exc:
            raise QueryError(f"--store: cannot open {location}: {_one_line(str(exc))}") from exc

    def execute(self, query: CatalogueQuery, substitutions: Substitutions | None = None
                ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self.store.query(query.text, prefixes=PREFIX_IRIS,
                                    use_default_graph_as_union=True, substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"{query.path or query.name}: {_one_line(str(exc))}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{query.path or query.name}: query failed: {_one_line(str(exc))}") from exc

    def label(self, node: ox.NamedNode, lang: str) -> str | None:
        """The node's rdfs:label (or skos:prefLabel) in lang, else in the other language."""
        found: dict[str, str] = {}
        for predicate in (RDFS_LABEL, SKOS_PREF_LABEL):
            for quad in self.store.quads_for_pattern(node, predicate, None, None):
                term = quad.object
                if isinstance(term, ox.Literal) and term.language and term.language not in found:
                    found[term.language] = term.value
        return found.get(lang) or next(iter(sorted(found.items())), (None, None))[1]


RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _one_line(message: str) -> str:
    return " ".join(message.split())
