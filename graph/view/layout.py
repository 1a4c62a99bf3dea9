"""Node positions for the network view, computed in Python so the page draws with physics off.

Two layouts: `geographic` pins every place with coordinates where it lies on a map and sets
every other node on a small spiral around the place it belongs to; `force` is igraph's
Fruchterman–Reingold, grid variant (C code: 5,000 nodes in about 0.3 s where NetworkX's spring
layout takes 47 s), started from the geographic positions with a fixed random source, so it is
deterministic and keeps the map's rough orientation.
"""
from __future__ import annotations

import math
import random
import networkx as nx

Position = tuple[float, float]

PIXELS_PER_DEGREE = 700.0
CENTRE = (116.4, 39.3)  # lon, lat near the middle of the region: the map's origin
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SPIRAL_STEP = 38.0  # px: spacing of the nodes set around their anchor
# Which neighbour a node without coordinates is drawn beside, best first.
ANCHOR_RELATIONS = ("located_in", "part_of", "hosted_by", "headquarters", "production_location",
                    "rd_location", "hq_relocated_to", "member_of_cluster", "receiving_platform_for",
                    "built_by", "co_built_by", "implements_policy", "role_in")


def project(lat: float, lon: float) -> Position:
    """Equirectangular projection scaled at the region's latitude; y grows southwards (screen)."""
    x = (lon - CENTRE[0]) * PIXELS_PER_DEGREE * math.cos(math.radians(CENTRE[1]))
    y = -(lat - CENTRE[1]) * PIXELS_PER_DEGREE
    return x, y


def _candidates(network: nx.MultiDiGraph, node: str) -> list[tuple[int, int, str]]:
    """The neighbours a node may be drawn beside, best first: (rank, direction, neighbour). Its own
    place relations outwards (located in, part of, hosted by, headquartered in…), by the order of
    ANCHOR_RELATIONS; the same relations inwards (something headquartered or run here) after; any
    other neighbour last, so that nothing linked to the map is left off it."""
    rank = {relation: i for i, relation in enumerate(ANCHOR_RELATIONS)}
    last = len(ANCHOR_RELATIONS)
    found: set[tuple[int, int, str]] = set()
    for _, target, data in network.out_edges(node, data=True):
        if target != node:
            found.add((rank.get(data["relation"], last), 0, target))
    for source, _, data in network.in_edges(node, data=True):
        if source != node:
            inward = data["relation"] in rank and data["relation"] not in ("located_in", "part_of", "hosted_by")
            found.add((rank[data["relation"]] if inward else last, 1, source))
    return sorted(found)


def geographic(network: nx.MultiDiGraph) -> dict[str, Position]:
    """Places at their coordinates; every other node spiralled around the placed neighbour it is
    most tied to (see _candidates). Rounds go out from the pinned places, so chains (a firm in a
    zone in a county) resolve; a node waits for its best neighbour while that one can still be
    placed, and when no round makes progress takes its best neighbour already placed (a firm whose
    only anchor is a headquarters move into a zone that is itself placed by that firm). Only nodes
    with no path to any place go to a block east of the map."""
    positions: dict[str, Position] = {}
    spots: dict[Position, int] = {}  # places sharing coordinates (a province and its capital): spiral them
    for node in sorted(network):
        data = network.nodes[node]
        if "lat" in data and "lon" in data:
            spot = project(data["lat"], data["lon"])
            positions[node] = _spiral(spot, spots[spot]) if spot in spots else spot
            spots[spot] = spots.get(spot, 0) + 1
    candidates = {node: _candidates(network, node) for node in sorted(network) if node not in positions}
    occupied = {_cell(p) for p in positions.values()}
    counts: dict[str, int] = {}
    strict = True
    while candidates:
        chosen: dict[str, str] = {}
        for node, options in candidates.items():
            placed = [option for option in options if option[2] in positions]
            if placed and (not strict or placed[0] == options[0]):
                chosen[node] = placed[0][2]
        if not chosen:
            if not strict:
                break
            strict = False  # stuck: take the best neighbour already placed
            continue
        strict = True
        for node in sorted(chosen):
            anchor = chosen[node]
            k = counts.get(anchor, 0) + 1
            while _cell(_spiral(positions[anchor], k)) in occupied:  # a neighbour's spiral is there
                k += 1
            counts[anchor] = k
            positions[node] = _spiral(positions[anchor], k)
            occupied.add(_cell(positions[node]))
            del candidates[node]
    _grid(sorted(candidates, key=lambda n: (network.nodes[n].get("type", ""), n)), positions)
    return positions


def _cell(position: Position) -> tuple[int, int]:
    """The grid cell a position falls in; one node per cell keeps nodes from sitting on each other."""
    return round(position[0] / (SPIRAL_STEP * 0.7)), round(position[1] / (SPIRAL_STEP * 0.7))


def _spiral(centre: Position, k: int) -> Position:
    radius = SPIRAL_STEP * math.sqrt(k + 0.5)
    return centre[0] + radius * math.cos(k * GOLDEN_ANGLE), centre[1] + radius * math.sin(k * GOLDEN_ANGLE)


def _grid(nodes: list[str], positions: dict[str, Position]) -> None:
    """Nodes with no place at all: a block east of the map, in type order."""
    if not nodes:
        return
    east = max((x for x, _ in positions.values()), default=0.0) + 160.0
    north = min((y for _, y in positions.values()), default=0.0)
    columns = max(1, math.ceil(math.sqrt(len(nodes) / 2)))
    for i, node in enumerate(nodes):
        positions[node] = east + (i % columns) * 70.0, north + (i // columns) * 45.0


def force(network: nx.MultiDiGraph, start: dict[str, Position], iterations: int = 500) -> dict[str, Position]:
    """Fruchterman–Reingold on the undirected simple graph, scaled to about 55 px per node spacing."""
    import igraph

    order = sorted(network)
    if len(order) < 2:
        return {node: (0.0, 0.0) for node in order}
    index = {node: i for i, node in enumerate(order)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in network.edges() if a != b})
    g = igraph.Graph(n=len(order), edges=pairs)
    scale = max(1.0, max(abs(c) for p in start.values() for c in p))
    spread = math.sqrt(len(order)) / 2 / scale  # igraph starts from a box of side sqrt(n); its grid needs that
    seed = [[start[node][0] * spread, start[node][1] * spread] for node in order]
    igraph.set_random_number_generator(random.Random(1))  # FR jitters nodes: fix its random source
    try:
        layout = g.layout_fruchterman_reingold(seed=seed, niter=iterations, grid=True)
    finally:
        igraph.set_random_number_generator(random)
    coords = layout.coords
    return _fit({node: (coords[i][0], coords[i][1]) for i, node in enumerate(order)}, 55.0 * math.sqrt(len(order)))


def _fit(positions: dict[str, Position], size: float) -> dict[str, Position]:
    """Centre on the origin and scale so the larger side spans `size` px."""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) * size / span, (y - cy) * size / span) for n, (x, y) in positions.items()}


def rounded(position: Position) -> list[float]:
    """A position to one decimal: enough for pixels, and stable text in the page."""
    return [round(position[0], 1), round(position[1], 1)]
