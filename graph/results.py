"""Query results for people and for tools.

Machine formats are the SPARQL 1.1 results formats written by Oxigraph (json, csv, tsv), or
Turtle for CONSTRUCT/DESCRIBE. Human formats (an aligned table, Markdown) show entities by
their label in the chosen language; `ids` shows their local ids instead.
"""
from __future__ import annotations

import pyoxigraph as ox

from .namespaces import BASE, PREFIX_IRIS, PREFIXES
from .query import Engine
from .textable import render_table

MACHINE = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
HUMAN = ("table", "md")
FORMATS = (*HUMAN, *MACHINE)


def render(engine: Engine, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str = "table",
           lang: str = "zh", ids: bool = False) -> str:
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
        return (data or b"").decode("utf-8")
    if fmt in MACHINE:
        return (result.serialize(format=MACHINE[fmt]) or b"").decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    variables = [v.value for v in result.variables]
    labels: dict[str, str | None] = {}  # IRIs repeat down a column: look each label up once
    rows = [[_show(engine, solution[v], lang, ids, labels) for v in variables] for solution in result]
    numeric = [all(_is_number(row[i]) for row in rows) and bool(rows) for i in range(len(variables))]
    if fmt == "md":
        return _markdown(variables, rows)
    footer = f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return render_table(variables, rows, numeric) + footer


def _show(engine: Engine, term: ox.NamedNode | ox.BlankNode | ox.Literal | None, lang: str, ids: bool,
          labels: dict[str, str | None]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        local = _local(term.value)
        if ids:
            return local
        if term.value not in labels:
            labels[term.value] = engine.label(term, lang)
        return labels[term.value] or local
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _local(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "ent":
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri.rsplit("/", 1)[-1] if iri.startswith(BASE) else iri


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


def _markdown(headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
