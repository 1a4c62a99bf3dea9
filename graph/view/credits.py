"""What the view draws of the entity registry's own links, and whom it credits for them.

The registry's located_in links carry no quote (network.py gives them source "registry"). Those of
the generated divisions (entities with a division_code) are the reference tables' hierarchy: the
view credits them to the table they came from, named as a reference table. Those of curated
entities are a curator's claim, not a source's: the view leaves them out (a located_in fact with
its quote is drawn as any fact is).
"""
from __future__ import annotations

import networkx as nx

from ..references import COUNTY_TABLE, PLACES_TABLE

REGISTRY = "registry"  # network.py's source of an edge no statement states
# The reference tables the view credits, as the legend and the side panel name them.
REFERENCE_TABLES = {
    COUNTY_TABLE: {"zh": f"行政区划代码表 {COUNTY_TABLE}",
                   "en": f"reference table {COUNTY_TABLE} (GB/T 2260 codes)"},
    PLACES_TABLE: {"zh": f"省、地级市参照表 {PLACES_TABLE}",
                   "en": f"reference table {PLACES_TABLE} (provinces and prefectures, GB/T 2260 codes)"},
}


def reference_table(division_code: str) -> str:
    """The table a division's place in the hierarchy comes from: a county-level code (not ending
    in 00) from admin-divisions-county.csv, a prefecture's from places.csv."""
    return PLACES_TABLE if division_code.endswith("00") else COUNTY_TABLE


def drawn(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network the view draws: registry links of divisions credited to their reference
    table, registry links of curated entities left out. The input is not changed."""
    registry = [(u, v, key, data) for u, v, key, data in network.edges(keys=True, data=True)
                if data.get("source") == REGISTRY]
    if not registry:
        return network
    shown = network.copy()
    for u, v, key, data in registry:
        code = network.nodes[u].get("division_code")
        if code:
            shown.edges[u, v, key]["source"] = reference_table(code)
        else:
            shown.remove_edge(u, v, key)
    return shown
