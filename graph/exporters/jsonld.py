"""JSON-LD, with a context of jjjkg's prefixes. Oxigraph writes expanded JSON-LD (rdflib's
serializer took 340 ms for the curated graph); property names, @id and @type values are then
shortened to compact IRIs of the context's prefixes, which any JSON-LD processor expands back,
and rdf:type is written as @type, so framing and compaction by type find the nodes."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..namespaces import PREFIX_IRIS

if TYPE_CHECKING:
    from .base import ExportInput

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def context() -> dict[str, str]:
    return dict(PREFIX_IRIS)


def _compactor(prefixes: dict[str, str]):  # type: ignore[no-untyped-def]
    by_length = sorted(prefixes.items(), key=lambda item: -len(item[1]))  # the longest namespace wins

    def compact(iri: str) -> str:
        for prefix, ns in by_length:
            rest = iri[len(ns):]
            if iri.startswith(ns) and rest and not rest.startswith("//") and ":" not in rest:
                return f"{prefix}:{rest}"
        return iri
    return compact


def _types_as_keyword(node: dict[str, Any]) -> dict[str, Any]:
    """Oxigraph writes rdf:type as a property ({"rdf:type": [{"@id": …}]}); JSON-LD framing and
    compaction look for @type. IRI classes move there; anything else (a literal, a blank node)
    stays a property, so the triples are the same."""
    classes = node.get(RDF_TYPE)
    if not isinstance(classes, list):
        return node
    iris: list[str] = []
    rest: list[Any] = []
    for cls in classes:
        named = isinstance(cls, dict) and set(cls) == {"@id"} and not str(cls["@id"]).startswith("_:")
        if named:
            iris.append(cls["@id"])
        else:
            rest.append(cls)
    out = {key: value for key, value in node.items() if key != RDF_TYPE}
    if iris:
        out["@type"] = iris
    if rest:
        out[RDF_TYPE] = rest
    return out


def _compact_node(node: Any, compact: Any) -> Any:
    if isinstance(node, list):
        return [_compact_node(item, compact) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in _types_as_keyword(node).items():
        if key == "@id":
            out[key] = compact(value)
        elif key == "@type":
            out[key] = [compact(v) for v in value] if isinstance(value, list) else compact(value)
        elif key.startswith("@"):
            out[key] = value
        else:
            out[compact(key)] = _compact_node(value, compact)
    return out


def export(data: ExportInput) -> bytes:
    nodes = json.loads(ox.serialize(data.triples, format=ox.RdfFormat.JSON_LD))
    if isinstance(nodes, dict):
        nodes = nodes.get("@graph", [nodes])
    compact = _compactor(context())
    body = sorted((_compact_node(node, compact) for node in nodes), key=lambda node: str(node.get("@id", "")))
    # One node per line: diffs stay reviewable, and without indent json uses its C encoder (10x faster).
    lines = ",\n".join(json.dumps(node, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
                        for node in body)
    head = json.dumps(context(), ensure_ascii=False, indent=2, sort_keys=True)
    return ('{\n"@context": ' + head + ',\n"@graph": [\n' + lines + "\n]\n}\n").encode("utf-8")
