"""The layout tells the architecture: no module imports one that imports it back, not even inside a
function (seeds → checked model → one writer → RDF / NetworkX → queries, view, exports)."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from conftest import ROOT

PACKAGE = ROOT / "graph"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The graph.* modules a file imports anywhere in it (top level or inside functions), but for
    `if TYPE_CHECKING:` blocks."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):  # imports for type checkers only never run
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test):
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target == "graph" or target.startswith("graph."):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import layout`
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("graph."))
    return found


def module_graph() -> nx.DiGraph:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in imports_of(path):
            if target in modules and not name.startswith(target + ".") and target != name:
                graph.add_edge(name, target)  # (a package is always imported before its modules)
    return graph


def test_no_import_cycles() -> None:
    cycles = [cycle for cycle in nx.simple_cycles(module_graph()) if len(cycle) > 1]
    assert not cycles, "import cycles: " + "; ".join(" → ".join([*c, c[0]]) for c in cycles[:5])


def test_the_graph_sees_the_known_edges() -> None:
    """The check can fail: it sees imports inside functions too."""
    graph = module_graph()
    assert graph.has_edge("graph.build", "graph.view")
    assert graph.has_edge("graph.view", "graph.query")  # inside a function
    assert graph.has_edge("graph.view.data", "graph.view.layout")  # `from . import layout`

