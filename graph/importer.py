"""`jjjkg import-csv`: a table and its mapping, merged with the curated seeds into the same outputs.

The curated seeds and the table's rows go through the same writer (`writer`) to N-Triples text, the
rows streamed one by one, and Oxigraph turns that into Turtle and an on-disk store (`jjjkg.oxigraph/`) that
`jjjkg query --store` and `jjjkg serve --store` read. Up to SMALL_IMPORT rows the merged seeds are
also built with rdflib and NetworkX, so JSON-LD, GraphML and CSV hold the rows too; above it those
formats would cost minutes and gigabytes, so they are left out, and the run says so.

The view (network.html) is written for a table of any size. Up to FLOWS_VIEW rows it is the network
view, every entity and fact drawn. Above it it is the aggregated flows view (graph/view/flows.py):
one arrow per origin, destination and relation group, at the province and the prefecture level,
made from the store's derived graph and the statements' ends noted here as the rows stream by,
without rdflib or NetworkX; each arrow lists its first statements with their quotes and sources,
and the query that lists all of them from the store.
"""
from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .build import ConfigError, Settings, assemble, checked_seeds, open_staging, publish, render
from .exporters import EXPORTERS, VIEW_FILE
from .derived import flow_counts
from .mapping import read_mapping
from .model import Entity, Fact
from .namespaces import JJJ, PREFIX_IRIS
from .oxigraph import ONTOLOGY_GRAPH
from .places import PlaceIndex
from .problems import InputError, Problem, Problems
from .progress import Progress
from .safe_io import regular_kind
from .safe_io import shown as shown_path
from .schema import ONTOLOGY_FILE, Schema
from .tabular import TableReport, read_table
from .writer import NTriplesWriter, model_lines

SMALL_IMPORT = 10_000
# Above this many facts from the table, network.html is the aggregated flows view. The limit is
# legibility, not speed: with the curated graph, 2,000 rows draw as 2,386 edges, already a hairball over
# Hebei's south, and 5,000 rows as 5,349. The full view still draws fast (first draw 0.50 s at 2,000
# rows, 0.68 s at 5,000, 0.93 s at 10,000; target 1.5 s) but its page grows by about 0.7 MB per 1,000
# rows (8.7 MB at 10,000); the flows view is about 1.5 MB and first draws in 0.2 s at any size
# (benchmarks/view_flows.py; benchmarks/README.md, "Issue 16").
FLOWS_VIEW = 2_000
STORE_DIR = "jjjkg.oxigraph"
DERIVED_FILE = ".derived.nq"  # the derived graph, on its way into the store
PROBLEMS_FILE = "import-problems.tsv"
SHOWN_PROBLEMS = 20


@dataclass
class ImportResult:
    report: TableReport
    source: str
    triples: int
    files: list[Path]
    shown: list[Problem] = field(default_factory=list)  # the first problems, for the terminal
    notes: list[str] = field(default_factory=list)


def import_csv(settings: Settings, table: Path, mapping_file: Path, out_dir: Path, strict: bool = False,
               progress: Progress | None = None) -> ImportResult:
    """Read, resolve and write; all outputs replace the old ones only when everything is made."""
    for option, path in (("FILE", table), ("--mapping", mapping_file)):
        found = regular_kind(path)  # a FIFO or /dev/zero would never end: refused before it is opened
        if found is not None:
            what = "not a file" if found == "missing" else f"{found}, not a regular file"
            raise ConfigError(f"{option}: {shown_path(path)} is {what}")
    seeds, schema, notes = checked_seeds(settings)
    mapping = read_mapping(mapping_file, table.name, seeds, schema)
    seeds.sources[mapping.source.id] = mapping.source
    places = PlaceIndex.from_seeds(seeds, schema)
    bar = progress or Progress("reading " + table.name, table.stat().st_size)
    small = [*EXPORTERS, "html"]
    created = not out_dir.exists()
    outputs = ["jjjkg.nt", "jjjkg.ttl", *(name for name, _ in EXPORTERS.values()), VIEW_FILE, PROBLEMS_FILE]
    staging = open_staging(out_dir, outputs, (STORE_DIR,))
    done = False
    try:
        report = TableReport()
        strict_problems = Problems()
        shown: list[Problem] = []
        kept: tuple[list[Fact], list[Entity]] | None = ([], [])
        with open(staging / "jjjkg.nt", "w", encoding="utf-8", newline="\n") as nt, \
                open(staging / PROBLEMS_FILE, "w", encoding="utf-8", newline="\n") as bad:
            bad.write("line\tproblem\tmessage\n")

            def on_problem(problem: Problem) -> None:
                bad.write(f"{problem.loc.line}\t{problem.code}\t{problem.message}\n")
                if len(shown) < SHOWN_PROBLEMS:
                    shown.append(problem)
                if strict:
                    strict_problems.items.append(problem)

            stated: set[tuple[str, str, str]] = set()
            curated = model_lines(seeds, schema, stated)
            nt.write("".join(curated))
            writer = NTriplesWriter(seeds, schema, nt.write, stated)
            counter = flow_counts(seeds, schema)  # the derived aggregates, counted as the rows go by
            ends = StatementEnds(schema)  # for the flows view: each statement's relation and two ends
            for fact in seeds.facts:
                ends.add(fact)
            for fact, fresh in read_table(table, mapping, seeds, schema, places, report, on_problem,
                                          bar.update, str(table)):
                for entity in fresh:
                    writer.entity(entity)
                    counter.entity(entity)
                writer.fact(fact)
                counter.fact(fact)
                ends.add(fact)
                if kept is not None:
                    kept[0].append(fact)
                    kept[1].extend(fresh)
                    if len(kept[0]) > SMALL_IMPORT:
                        kept = None
            bar.close()
        if strict and strict_problems:
            raise InputError(strict_problems)
        triples = len(curated) + writer.triples
        bar.phase("counting the derived aggregates")
        with open(staging / DERIVED_FILE, "w", encoding="utf-8", newline="\n") as derived:
            derived.writelines(counter.chunks())  # piece by piece: the text is never held whole
        names = _write_rdf(staging, bar)
        flows = report.facts > FLOWS_VIEW
        if flows:
            bar.phase("making the flows view")
            sample = _write_flows(staging, schema, ends)
            names.append(VIEW_FILE)
            notes.append(f"{report.facts:,} facts are more than {FLOWS_VIEW:,}: {VIEW_FILE} shows the flows between "
                         f"places, aggregated by relation group (each arrow lists its first {sample} statements "
                         "and the query for all of them)")
        del ends
        if kept is not None:
            for entity in kept[1]:
                seeds.entities[entity.id] = entity
            seeds.facts.extend(kept[0])
            wanted = [f for f in small if f not in ("turtle", "ntriples") and not (flows and f == "html")]
            bar.phase("building JSON-LD, GraphML, CSV" + ("" if flows else " and the network view"))
            files = render(assemble(seeds, schema, notes), wanted)
            for name, data in files.items():
                (staging / name).write_bytes(data)
            names += list(files)
        else:
            notes.append(f"{report.facts:,} facts are more than {SMALL_IMPORT:,}: JSON-LD, GraphML and CSV edges "
                         "are not written (use the Turtle, the N-Triples or the store)")
        if report.problems:
            names.append(PROBLEMS_FILE)
        paths = publish(staging, out_dir, names)
        done = True
    except OSError as exc:
        raise ConfigError(f"--out: cannot write to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not done and not any(out_dir.iterdir()):
            out_dir.rmdir()  # leave no trace of a failed run
    return ImportResult(report, mapping.source.id, triples, paths, shown, notes)


class StatementEnds:
    """Each statement's id, relation, start (its from-place, else its subject) and end (its object),
    as the rows stream by, for the flows view; located_in statements are left out, as the derived
    counts leave them out. Four lists of shared strings: about 100 MB at 1M rows."""

    def __init__(self, schema: Schema) -> None:
        self._located_in = next((k for k, r in schema.relations.items() if r.iri == JJJ.locatedIn), "located_in")
        self._from = next((k for k, q in schema.qualifiers.items() if q.iri == JJJ.fromPlace), "from")
        self.ids: list[str] = []
        self.relations: list[str] = []
        self.starts: list[str] = []
        self.objects: list[str] = []

    def add(self, fact: Fact) -> None:
        if fact.relation != self._located_in:
            self.ids.append(fact.id)
            self.relations.append(fact.relation)
            self.starts.append(fact.qualifiers.get(self._from) or fact.subject)
            self.objects.append(fact.object)

    def rows(self) -> Iterator[tuple[str, str, str, str]]:
        return zip(self.ids, self.relations, self.starts, self.objects)


def _write_flows(staging: Path, schema: Schema, ends: StatementEnds) -> int:
    """network.html as the aggregated flows view, from the store just written (opened read-only)
    and the statements' ends; returns how many statements an arrow lists."""
    from .view.flows import SAMPLE, flows_page  # only a large import needs it

    store = ox.Store.read_only(str(staging / STORE_DIR))
    try:
        html = flows_page(store, schema, ends.rows(), store_dir=STORE_DIR)
    finally:
        del store
        gc.collect()  # closes the store before its folder moves
    (staging / VIEW_FILE).write_bytes(html)
    return SAMPLE


def _write_rdf(staging: Path, bar: Progress) -> list[str]:
    """Turtle from the N-Triples, and the Oxigraph store with the ontology in its named graph."""
    nt = staging / "jjjkg.nt"
    bar.phase("writing Turtle")
    ox.serialize(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), staging / "jjjkg.ttl",
                 ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
    bar.phase("loading the Oxigraph store")
    store = ox.Store(str(staging / STORE_DIR))
    store.bulk_load(path=nt, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # written above, by us
    store.bulk_load(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    store.bulk_load(path=staging / DERIVED_FILE, format=ox.RdfFormat.N_QUADS)  # its own named graph
    (staging / DERIVED_FILE).unlink()
    bar.phase("optimizing the store")
    store.optimize()  # 18 s per 1M rows; reads then up to 15 times faster (benchmarks/README.md)
    store.flush()
    del store
    gc.collect()  # closes the store before its folder moves
    return ["jjjkg.nt", "jjjkg.ttl", STORE_DIR]
