"""Expected results of every catalogue query, on the curated graph and on the query fixture.

Each query runs unbound, and again with its parameters bound to the examples its header gives
(`e.g. hebei`), or for the fixture to FIXTURE_PARAMS. Results are SPARQL TSV. Regenerate after a
reviewed change with `python tests/query_goldens.py`, then read the diff.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from graph.query import CatalogueQuery  # noqa: E402

GOLDEN = HERE / "golden" / "queries"
FIXTURE = HERE / "examples" / "valid" / "queries"
FIXTURE_PARAMS = {
    "automaker-supply-chains": ["automaker=automaker-c"],
    "facts-about-entity": ["entity=firm-a"],
    "parks-and-hosted": ["park=sample-park"],
    "policy-roles": ["policy=division-of-labour"],
    "search-labels": ["text=甲"],
}


def example_params(query: CatalogueQuery, graph_name: str) -> list[str]:
    if graph_name == "fixture" and query.name in FIXTURE_PARAMS:
        return FIXTURE_PARAMS[query.name]
    params = []
    for param in query.parameters:
        match = re.search(r"e\.g\. ([^);,\s]+)", param.doc)
        if match:
            params.append(f"{param.name}={match.group(1)}")
    return params


def engines():  # type: ignore[no-untyped-def]
    import graph
    from graph.query import Engine

    return {
        "curated": Engine(graph.load(HERE.parent / "seeds", HERE.parent / "seeds" / "texts",
                                      HERE.parent / "seeds" / "reference")),
        "fixture": Engine(graph.load(FIXTURE / "seeds", FIXTURE / "texts", HERE / "examples" / "reference")),
    }


def runs(query: CatalogueQuery, graph_name: str) -> dict[str, list[str]]:
    """file name → parameter specs, for each run of the query."""
    out = {f"{query.name}.tsv": []}
    if query.parameters:
        out[f"{query.name}.example.tsv"] = example_params(query, graph_name)
    return out


def result_tsv(engine, query: CatalogueQuery, params: list[str]) -> str:  # type: ignore[no-untyped-def]
    from graph.query import bind
    from graph.results import render

    return render(engine, engine.execute(query, bind(query, params)), "tsv")


def main() -> None:
    from graph.query import load_catalogue

    for graph_name, engine in engines().items():
        folder = GOLDEN / graph_name
        folder.mkdir(parents=True, exist_ok=True)
        for query in load_catalogue().values():
            for file_name, params in runs(query, graph_name).items():
                (folder / file_name).write_text(result_tsv(engine, query, params), encoding="utf-8")
        print(f"wrote {folder}")


if __name__ == "__main__":
    main()
