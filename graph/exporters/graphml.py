"""GraphML for Gephi, Cytoscape and yEd: the NetworkX view with its node and edge attributes.

Every node and edge gets a `label` in the chosen language (Gephi shows `label`, else the id);
numbers are typed (`lat`/`lon`/`amount` as double); characters XML 1.0 forbids become U+FFFD.
Written with NetworkX's ElementTree writer, never the lxml one, so the bytes do not depend on
whether lxml happens to be installed."""
from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from .base import LANGS

if TYPE_CHECKING:
    from .base import ExportInput

# Anything outside XML 1.0's Char production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"
NUMERIC_EDGE_ATTRS = ("amount",)  # decimal literals in the RDF; strings in the NetworkX graph


def xml_safe(text: str) -> str:
    """text with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return NOT_XML_CHAR.sub(REPLACEMENT, text)


def _safe_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def _with_label(label: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """label first, then the other attributes, every string XML-safe."""
    return {"label": xml_safe(label)} | {key: _safe_value(value) for key, value in attrs.items() if key != "label"}


class _UniqueKeyWriter(GraphMLWriter):
    """named_key_ids, but a name used for both nodes and edges (label) gets a second id, edge_label:
    GraphML needs unique key ids; Gephi matches the key's attr.name when the id means nothing to it."""

    def get_key(self, name: str, attr_type: str, scope: str, default: Any) -> str:
        if (name, attr_type, scope) not in self.keys and name in self.keys.values():
            new_id = f"{scope}_{name}"
            self.keys[(name, attr_type, scope)] = new_id
            self.xml.insert(0, self.myElement("key", **{"id": new_id, "for": scope, "attr.name": name,
                                                        "attr.type": attr_type}))
            return new_id
        return str(super().get_key(name, attr_type, scope, default))


def labelled(network: nx.MultiDiGraph, lang: str) -> nx.MultiDiGraph:
    """A copy of network for GraphML: labels added, numbers as numbers, strings XML-safe."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    other = LANGS[1 - LANGS.index(lang)]
    out = nx.MultiDiGraph(**{key: _safe_value(value) for key, value in network.graph.items()})
    for node, attrs in network.nodes(data=True):
        label = attrs.get(lang) or attrs.get(other) or str(node)
        out.add_node(xml_safe(str(node)), **_with_label(label, attrs))
    for source, target, key, attrs in network.edges(keys=True, data=True):
        label = attrs.get(f"relation_{lang}") or attrs.get(f"relation_{other}") or attrs.get("relation", "")
        values = _with_label(label, attrs)
        for name in NUMERIC_EDGE_ATTRS:
            if name in values:
                values[name] = float(values[name])
        out.add_edge(xml_safe(str(source)), xml_safe(str(target)), key=xml_safe(str(key)), **values)
    return out


def export(data: ExportInput) -> bytes:
    writer = _UniqueKeyWriter(encoding="utf-8", prettyprint=True, infer_numeric_types=True, named_key_ids=True)
    writer.add_graph_element(labelled(data.network, data.lang))
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()
