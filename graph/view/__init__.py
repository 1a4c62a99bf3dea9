"""The interactive network view: the whole graph (out/network.html, written by `jjjkg build`),
a catalogue query's results, or an entity's neighbourhood, each as one self-contained page."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from ..exporters import VIEW_FILE
from .credits import drawn
from .data import Heading, division_names, page_data
from .page import render_page

if TYPE_CHECKING:
    from ..settings import Built
    from ..query import CatalogueQuery

FULL_HEADING = Heading("京津冀产业联系知识图谱", "Beijing–Tianjin–Hebei industrial linkages")
DEFAULT_DEPTH = 1


def page_for(built: Built, network: nx.MultiDiGraph | None = None, heading: Heading = FULL_HEADING,
             lang: str = "zh", focus: str | None = None) -> bytes:
    """The page for the whole graph, or for a part of it (a subgraph of built.network), which
    opens zoomed on what it shows; focus: the entity a neighbourhood is drawn around."""
    chosen = built.network if network is None else network
    names = division_names(built.network)  # a part of the graph still names every place on the map
    fit = "map" if network is None or network is built.network else "content"
    return render_page(page_data(chosen, built.seeds.sources, built.schema, heading, lang, names, focus, fit))


@dataclass(frozen=True)
class ViewRequest:
    """What `jjjkg view` draws: the whole graph, a catalogue query's results, or a neighbourhood."""
    query: CatalogueQuery | None = None
    params: list[str] = field(default_factory=list)  # --param name=value, as given
    focus: str | None = None
    depth: int = DEFAULT_DEPTH
    lang: str = "zh"

    @classmethod
    def parse(cls, query: str | None, params: list[str], focus: str | None, depth: int | None,
              lang: str) -> ViewRequest:
        """Check the arguments before anything is built; ConfigError names the wrong one."""
        from ..problems import ConfigError
        from ..query import parse_params, resolve

        if query is not None and focus is not None:
            raise ConfigError("--query and --focus: give one or the other")
        if params and query is None:
            raise ConfigError("--param: only with --query")
        if depth is not None and focus is None:
            raise ConfigError("--depth: only with --focus")
        if query is None:
            return cls(focus=focus, depth=DEFAULT_DEPTH if depth is None else depth, lang=lang)
        catalogue_query = resolve(query, None)
        parse_params(catalogue_query, params)  # names are resolved against the built graph
        return cls(query=catalogue_query, params=list(params), lang=lang)


@dataclass(frozen=True)
class ViewPage:
    file_name: str
    html: bytes
    nodes: int
    edges: int


def make_view(built: Built, request: ViewRequest) -> ViewPage:
    """The page a request asks for, with a file name that says what it shows."""
    from .subgraph import find_entity, from_results, neighbourhood

    shown = drawn(built.network)  # what the view draws of the registry's links
    entity: str | None = None
    if request.query is not None:
        from ..query import Engine

        q = request.query
        engine = Engine(built)
        result = engine.execute(q, engine.bind(q, request.params))
        network = from_results(shown, result, q.name)
        given = ", ".join(sorted(request.params))
        suffix = f"（{given}）" if given else ""
        heading = Heading(f"查询：{q.title('zh')}{suffix}", f"Query: {q.title('en')}{f' ({given})' if given else ''}")
        name = f"query-{re.sub(r'[^A-Za-z0-9_.-]+', '_', q.name)}.html"
    elif request.focus is not None:
        entity = find_entity(shown, request.focus)
        network = neighbourhood(shown, entity, request.depth)
        data = shown.nodes[entity]
        heading = Heading(f"{data.get('zh') or entity}：{request.depth} 步以内的联系",
                          f"{data.get('en') or entity}: links within {request.depth} step(s)")
        name = f"focus-{entity}-{request.depth}.html"
    else:
        network, heading, name = shown, FULL_HEADING, VIEW_FILE
    html = page_for(built, None if network is shown else network, heading, request.lang, entity)
    return ViewPage(name, html, network.number_of_nodes(), network.number_of_edges())


__all__ = ["FULL_HEADING", "Heading", "VIEW_FILE", "ViewPage", "ViewRequest", "make_view", "page_for"]
