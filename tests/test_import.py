"""`jjjkg import-csv`: places resolved, bad rows reported by line, merged outputs, queries on the store."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import CURATED_REFERENCE, CURATED_TEXTS, EXAMPLES, ROOT, on_a_terminal, run_cli
from graph.build import Settings, checked_seeds
from graph.places import PlaceIndex
from graph.progress import Progress
from graph.tabular import parse_date

TABLES = EXAMPLES / "tables"
TABLE, MAPPING = TABLES / "relocations.csv", TABLES / "relocations.yaml"
STMT = "https://w3id.org/jjjkg/statement/example-relocations-"


def curated_args() -> list[str]:
    return ["--seeds", str(ROOT / "seeds"), "--sources-dir", str(CURATED_TEXTS),
            "--reference-dir", str(CURATED_REFERENCE)]


def run_import(out: Path, *extra: str, table: Path = TABLE, mapping: Path = MAPPING):
    return run_cli("import-csv", str(table), "--mapping", str(mapping), "--out", str(out), *curated_args(), *extra)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("import") / "out"
    result = run_import(out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    seeds, schema, _ = checked_seeds(Settings.resolve(ROOT / "seeds", CURATED_TEXTS, CURATED_REFERENCE))
    return PlaceIndex.from_seeds(seeds, schema)


@pytest.mark.parametrize("text", ["保定", "保定市", "130600", "130600000000", "Baoding", "baoding", "河北省保定市",
                                  " 保定 市 "])
def test_place_forms_resolve(places: PlaceIndex, text: str) -> None:
    assert places.resolve(text).place == "baoding"


def test_parent_prefix_tells_twins_apart(places: PlaceIndex) -> None:
    assert places.resolve("张家口市桥西区").place == "zhangjiakou-qiaoxi"
    assert places.resolve("石家庄桥西区").place == "shijiazhuang-qiaoxi"
    twin = places.resolve("桥西区")
    assert twin.place is None and twin.problem == "ambiguous" and "张家口市桥西区" in twin.detail


@pytest.mark.parametrize("text", ["保定府", "130699", "", "北京市保定市"])
def test_unknown_places_stay_unresolved(places: PlaceIndex, text: str) -> None:
    assert places.resolve(text).place is None


@pytest.mark.parametrize(("text", "iso"), [("2019", "2019"), ("2019-05", "2019-05"), ("2019年", "2019"),
                                           ("2019年5月", "2019-05"), ("2019年5月3日", "2019-05-03"),
                                           ("2019/5/3", "2019-05-03"), ("二〇二二", None), ("2019-13", None),
                                           ("2019年2月30日", None)])
def test_dates_as_tables_print_them(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_bad_rows_are_reported_by_line_and_skipped(imported: tuple[Path, object]) -> None:
    out, result = imported
    assert "imported 5 of 9 rows" in result.stdout and "4 new entities" in result.stdout
    assert "skipped 4 bad row(s)" in result.stdout
    for line, code in ((5, "ambiguous"), (6, "unresolved"), (7, "bad-relation"), (7, "bad-date"),
                       (11, "bad-number")):
        assert f"relocations.csv:{line}: error[{code}]" in result.stderr
    assert "unresolved in column 迁入地: '保定府' (1 row(s))" in result.stderr
    rows = list(csv.reader(io.StringIO((out / "import-problems.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[0] == ["line", "problem", "message"]
    assert [(r[0], r[1]) for r in rows[1:]] == [("5", "ambiguous"), ("6", "unresolved"), ("7", "bad-relation"),
                                                ("7", "bad-date"), ("11", "bad-number")]
    assert "Traceback" not in result.stderr


def test_rows_become_facts_with_dataset_provenance(imported: tuple[Path, object]) -> None:
    out, _ = imported
    graph = Graph().parse(out / "jjjkg.nt", format="nt")
    jjj = "https://w3id.org/jjjkg/ontology#"
    first = URIRef(STMT + "2")
    assert graph.value(first, URIRef(jjj + "sourceRow")) == Literal(2)
    assert str(graph.value(first, URIRef(jjj + "quote"))) == "示例甲科技有限公司,北京市海淀区,保定,总部迁入,2019,1200"
    assert str(graph.value(first, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))).endswith("source/example-relocations")
    assert str(graph.value(first, URIRef(jjj + "fromPlace"))).endswith("/id/haidian")
    assert graph.value(first, URIRef(jjj + "amount")) == Literal("12000000.0", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))
    multi_line = URIRef(STMT + "8")  # the record spans lines 8 and 9; its quote keeps the line break
    assert str(graph.value(multi_line, URIRef(jjj + "quote"))) == '"示例庚\n装备有限公司",天津,廊坊,总部迁入,2023,100'
    assert str(graph.value(URIRef(STMT + "3"), URIRef(jjj + "date"))) == "2020-05"
    firms = {s for s in graph.subjects(URIRef(jjj + "relocatedHeadquartersTo"), None) if "/id/company-" in str(s)}
    assert len(firms) == 3  # 甲 (rows 2 and 10 are one firm), 丙, 庚
    source = URIRef("https://w3id.org/jjjkg/source/example-relocations")
    assert (source, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef("https://schema.org/Dataset")) in graph
    assert str(graph.value(source, URIRef(jjj + "textFile"))) == "relocations.csv"


def test_streamed_rows_and_the_whole_model_give_the_same_graph(imported: tuple[Path, object]) -> None:
    """The N-Triples are the curated model then each row streamed through the writer; the JSON-LD is
    the merged seeds written as one model: the same graph."""
    out, _ = imported
    bulk = Graph().parse(out / "jjjkg.nt", format="nt")
    assert isomorphic(bulk, Graph().parse(out / "jjjkg.jsonld", format="json-ld"))
    assert isomorphic(bulk, Graph().parse(out / "jjjkg.ttl", format="turtle"))
    assert len(bulk) > 6000


def test_small_imports_reach_every_output(imported: tuple[Path, object]) -> None:
    out, _ = imported
    assert "示例甲科技有限公司" in (out / "network.html").read_text(encoding="utf-8")
    assert "示例庚" in (out / "edges.csv").read_text(encoding="utf-8")
    assert "示例丙医药有限公司" in (out / "jjjkg.graphml").read_text(encoding="utf-8")


def test_catalogue_queries_run_on_the_store(imported: tuple[Path, object]) -> None:
    out, _ = imported
    store = str(out / "jjjkg.oxigraph")
    moves = run_cli("query", "hq-relocations", "--store", store, "--format", "csv")
    assert moves.returncode == 0, moves.stderr
    assert "示例丙医药有限公司" in moves.stdout or "company-" in moves.stdout
    flows = run_cli("query", "linkage-flows-by-province", "--store", store, "--format", "csv", "--ids")
    curated = run_cli("query", "linkage-flows-by-province", "--format", "csv", *curated_args())
    count = {tuple(r[:3]): int(r[3]) for r in csv.reader(io.StringIO(flows.stdout)) if r[3].isdigit()}
    before = {tuple(r[:3]): int(r[3]) for r in csv.reader(io.StringIO(curated.stdout)) if r[3].isdigit()}
    key = next(k for k in count if k[0].endswith("beijing") and k[1].endswith("hebei")
               and k[2].endswith("relocatedHeadquartersTo"))
    assert count[key] == before[key] + 2  # rows 2 and 4 (Beijing → Baoding, Zhangjiakou); row 8 is Tianjin's
    checks = run_cli("query", "truthy-without-statement-violation", "--store", store, "--format", "csv")
    assert checks.returncode == 0 and checks.stdout.strip().count("\n") == 0, checks.stdout


def test_same_table_gives_byte_identical_rdf(imported: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = imported
    again = run_import(tmp_path / "again")
    assert again.returncode == 0
    for name in ("jjjkg.nt", "jjjkg.ttl"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_strict_fails_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "jjjkg.ttl").write_text("previous", encoding="utf-8")
    result = run_import(out, "--strict")
    assert result.returncode == 1
    assert "relocations.csv:6: error[unresolved]" in result.stderr
    assert "5 problem(s) found; nothing was written" in result.stderr
    assert (out / "jjjkg.ttl").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["jjjkg.ttl"]


MAPPING_ERRORS = [
    ("object: 迁入地", "object: 目的地", ":13:", "unknown-column", "column '目的地' is not in the header"),
    ("总部迁入: hq_relocated_to", "总部迁入: moved_to", ":12:", "unknown-relation", "moved_to"),
    ("type: company", "type: county", ":9:", "bad-value", "places are never minted"),
    ("id: example-relocations", "id: cctv-2025-02-27", ":3:", "duplicate-id", "already defined"),
    ("unit: 万元", "unit: 万斤", ":17:", "unknown-unit", "万斤"),
    ("qualifiers:", "qualifiers: [", ":", "yaml", "YAML syntax"),
]


@pytest.mark.parametrize(("old", "new", "line", "code", "words"), MAPPING_ERRORS)
def test_mapping_errors_name_file_and_line(tmp_path: Path, old: str, new: str, line: str, code: str,
                                           words: str) -> None:
    text = MAPPING.read_text(encoding="utf-8")
    assert old in text
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(text.replace(old, new), encoding="utf-8")
    result = run_import(tmp_path / "out", mapping=mapping)
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(str(mapping) + line) and f"error[{code}]" in first and words in first, first
    assert not (tmp_path / "out").exists() and "Traceback" not in result.stderr


HEADER = "企业名称,迁出地,迁入地,类型,年份,投资额(万元)\n".encode()


@pytest.mark.parametrize(("data", "line", "code"), [
    (HEADER + "示例,北京,保定,总部迁入,2019,\n".encode() + b"\xff\xfe,1\n", 3, "encoding"),
    (b"", 1, "csv"),
    (HEADER + "示例,北京,保定\0,总部迁入,2019,\n".encode(), 2, "control-character"),
    (HEADER + "示例,北京,保定,总部迁入,2019\n".encode(), 2, "row-width"),
])
def test_unreadable_tables_fail_in_one_line(tmp_path: Path, data: bytes, line: int, code: str) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes(data)
    result = run_import(tmp_path / "out", "--strict", table=table)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{table}:{line}: error[{code}]"), result.stderr
    assert not (tmp_path / "out").exists()


def test_wrong_arguments_exit_2(tmp_path: Path) -> None:
    missing = run_import(tmp_path / "out", table=tmp_path / "nope.csv")
    assert missing.returncode == 2 and "nope.csv is not a file" in missing.stderr
    no_store = run_cli("query", "hq-relocations", "--store", str(tmp_path))
    assert no_store.returncode == 2 and "is not an Oxigraph store" in no_store.stderr
    assert len(no_store.stderr.strip().splitlines()) == 1


def test_progress_shows_onlyon_a_terminal() -> None:
    shown, hidden = io.StringIO(), io.StringIO()
    for stream, enabled in ((shown, True), (hidden, None)):
        bar = Progress("reading t.csv", 1000, stream=stream, enabled=enabled)
        bar.update(1000, 42)
        bar.phase("writing Turtle")
        bar.close()
    assert "reading t.csv: [####################] 100.0% 42 rows" in shown.getvalue()
    assert "writing Turtle …" in shown.getvalue()
    assert hidden.getvalue() == ""


def test_fixture_table_is_left_untouched(tmp_path: Path) -> None:
    copy = tmp_path / "t.csv"
    shutil.copy(TABLE, copy)
    run_import(tmp_path / "out", table=copy)
    assert copy.read_bytes() == TABLE.read_bytes()


def test_progress_on_a_real_terminal(tmp_path: Path) -> None:
    shown = on_a_terminal("import-csv", str(TABLE), "--mapping", str(MAPPING), "--out", str(tmp_path / "o"),
                           *curated_args())
    assert "reading relocations.csv: [####################] 100.0%" in shown
    assert "writing Turtle …" in shown and "loading the Oxigraph store …" in shown
    build = on_a_terminal("build", "--out", str(tmp_path / "b"), *curated_args())
    assert "reading and checking the seeds …" in build and "writing html …" in build
    piped = run_import(tmp_path / "p")
    assert "…" not in piped.stderr and "[#" not in piped.stderr
