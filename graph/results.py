"""Query results for people and for tools.

Machine formats are the SPARQL 1.1 results formats written by Oxigraph (json, csv, tsv), or
Turtle for CONSTRUCT/DESCRIBE. Human formats (an aligned table, Markdown) show entities by
their label in the chosen language (a source by its title); `ids` shows their local ids instead.
A source's title or publisher, which the catalogue gives as printed, is shown in the chosen
language where the source has it in that language; a list of IRIs in one string (the areas an
indicator value covers together, as the queries GROUP_CONCAT them) is shown as their labels.
"""
from __future__ import annotations

import pyoxigraph as ox

from .namespaces import BASE, PREFIX_IRIS, PREFIXES
from .query import Engine, iri_list
from .textable import render_table

MACHINE = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
HUMAN = ("table", "md")
FORMATS = (*HUMAN, *MACHINE)
LIST_SEPARATOR = {"zh": "、", "en": ", "}  # between the labels of a list of IRIs


def render(engine: Engine, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str = "table",
           lang: str = "zh", ids: bool = False, width: int | None = None) -> str:
    """The result as text; a table narrower than `width` columns (its cells wrap) if one is given."""
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
        return (data or b"").decode("utf-8")
    if fmt in MACHINE:
        return (result.serialize(format=MACHINE[fmt]) or b"").decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    variables = [v.value for v in result.variables]
    labels: dict[ox.NamedNode | ox.Literal, str | None] = {}  # terms repeat down a column: look each up once
    rows = [[_show(engine, solution[v], lang, ids, labels) for v in variables] for solution in result]
    numeric = [all(_is_number(row[i]) for row in rows) and bool(rows) for i in range(len(variables))]
    if fmt == "md":
        return _markdown(variables, rows)
    footer = f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return render_table(variables, rows, numeric, width) + footer


def _show(engine: Engine, term: ox.NamedNode | ox.BlankNode | ox.Literal | None, lang: str, ids: bool,
          labels: dict[ox.NamedNode | ox.Literal, str | None]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _named(engine, term, lang, ids, labels)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    listed = iri_list(term)
    if listed:
        separator = ", " if ids else LIST_SEPARATOR.get(lang, ", ")
        return separator.join(_named(engine, node, lang, ids, labels) for node in listed)
    if term.language and term.language != lang:
        if term not in labels:
            labels[term] = engine.source_text_in(term, lang)
        return labels[term] or term.value
    return term.value


def _named(engine: Engine, node: ox.NamedNode, lang: str, ids: bool,
           labels: dict[ox.NamedNode | ox.Literal, str | None]) -> str:
    local = _local(node.value)
    if ids:
        return local
    if node not in labels:
        labels[node] = engine.label(node, lang)
    return labels[node] or local


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
