"""One path (issue 15): the model's N-Triples lines are the graph; the NetworkX graph and GraphML
are made from the model, equal to what the RDF path through rdflib and NetworkX gives."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from networkx.readwrite.graphml import GraphMLWriter
from rdflib import RDF, Graph, Literal
from rdflib.compare import isomorphic

import graph
from conftest import MINIMAL, REFERENCE, ROOT, TEXTS
from graph.exporters import ExportInput, graphml
from graph.model import Fact, Note
from graph.namespaces import JJJ
from graph.network import to_networkx


@pytest.fixture(scope="module", params=["minimal", "curated"])
def built(request: pytest.FixtureRequest) -> graph.Built:
    if request.param == "minimal":
        return graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)
    return graph.load(ROOT / "seeds")


def test_the_network_from_the_model_equals_the_network_from_its_rdf(built: graph.Built) -> None:
    from_rdf = to_networkx(built.graph, built.schema)
    assert list(built.network.nodes(data=True)) == list(from_rdf.nodes(data=True))
    assert list(built.network.edges(keys=True, data=True)) == list(from_rdf.edges(keys=True, data=True))
    assert built.network.graph == from_rdf.graph
    assert built.size() == (len(built.graph), from_rdf.number_of_nodes(), from_rdf.number_of_edges())


def test_the_lines_are_the_graph_and_every_rdf_output_holds_it(built: graph.Built) -> None:
    assert built.lines == sorted(set(built.lines)) and all(line.endswith(" .\n") for line in built.lines)
    files = graph.render(built, ["turtle", "ntriples", "jsonld"])
    assert files["jjjkg.nt"] == built.ntriples
    for name, rdf_format in (("jjjkg.ttl", "turtle"), ("jjjkg.jsonld", "json-ld")):
        assert isomorphic(Graph().parse(data=files[name], format=rdf_format), built.graph)


class _NetworkXWriter(GraphMLWriter):
    """NetworkX's own GraphML writer with the key-id rule jjjkg's GraphML follows: the reference."""

    def get_key(self, name: str, attr_type: str, scope: str, default: Any) -> str:
        if (name, attr_type, scope) not in self.keys and name in self.keys.values():
            new_id = f"{scope}_{name}"
            self.keys[(name, attr_type, scope)] = new_id
            self.xml.insert(0, self.myElement("key", **{"id": new_id, "for": scope, "attr.name": name,
                                                        "attr.type": attr_type}))
            return new_id
        return str(super().get_key(name, attr_type, scope, default))


def _through_networkx(data: ExportInput) -> bytes:
    nodes, edges = graphml.labelled(data.parts, data.lang)
    network = nx.MultiDiGraph(**{key: graphml.xml_safe(value) for key, value in data.graph_attrs.items()})
    network.add_nodes_from(nodes)
    network.add_edges_from(edges)
    writer = _NetworkXWriter(encoding="utf-8", prettyprint=True, infer_numeric_types=True, named_key_ids=True)
    writer.add_graph_element(network)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_graphml_is_byte_for_byte_what_networkx_writes(built: graph.Built, lang: str) -> None:
    data = ExportInput(b"", lambda: built.network_parts, lang)
    assert graphml.export(data) == _through_networkx(data)


def test_graphml_of_hostile_strings_and_mixed_types_is_what_networkx_writes() -> None:
    network = nx.MultiDiGraph(name='g&"<x>')
    network.add_node('a"&<b>\n\tc', zh="甲\x01乙", en="", lat=1.5, count=3)
    network.add_node("b", en="B", lat="unknown", count=4)  # lat: a string here, a float above → string
    network.add_node("c")  # no attributes at all
    network.add_edge('a"&<b>\n\tc', "b", key="k&1", relation="r", amount="2.50", quote="")
    network.add_edge("b", "b", key="k2", relation_en="loops", label="own")
    data = ExportInput.of_network(network, "en")
    assert graphml.export(data) == _through_networkx(data)


def test_a_turtle_build_makes_no_rdflib_or_networkx_graph_and_loads_no_view_library() -> None:
    code = ("import sys; import graph; b = graph.load(); graph.render(b, ['turtle', 'ntriples']); "
            "print(sorted(m for m in ('networkx', 'pyvis', 'jinja2', 'igraph', 'pyshacl') if m in sys.modules), "
            "sorted(k for k in vars(b) if k in ('graph', 'network')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert shown.stdout.strip() == "[] []"


# ---------------------------------------------------------------- curator notes in two languages (issue 16)

FACT_NOTE_EN, FACT_NOTE_ZH = "Self-supply keeps the fixture small.", "自己给自己供货，让示例保持简短。"
OBS_NOTE_EN, OBS_NOTE_ZH = "京津项目: projects from Beijing and Tianjin.", "京津项目：来自北京和天津的项目。"
FACT_NOTE = f'note: {{en: "{FACT_NOTE_EN}", zh: "{FACT_NOTE_ZH}"}}'  # as the minimal example writes them
OBS_NOTE = f'note: {{en: "{OBS_NOTE_EN}", zh: "{OBS_NOTE_ZH}"}}'


def _minimal_with(tmp_path: Path, *replacements: tuple[str, str]) -> graph.Built:
    """The minimal example with its facts file's text replaced, built."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    facts = project / "seeds" / "facts" / "demo.yaml"
    text = facts.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    facts.write_text(text, encoding="utf-8")
    return graph.load(project / "seeds", TEXTS, REFERENCE)


def _english_only(tmp_path: Path) -> graph.Built:
    return _minimal_with(tmp_path, (FACT_NOTE, f'note: "{FACT_NOTE_EN}"'), (OBS_NOTE, f'note: "{OBS_NOTE_EN}"'))


def test_a_note_in_two_languages_is_one_curator_note_literal_per_language(tmp_path: Path) -> None:
    """The same graph as the note in English alone, plus its @zh literal; the statement keeps its IRI."""
    bilingual = graph.load(MINIMAL / "seeds", TEXTS, REFERENCE).graph
    expected = Graph()
    for triple in _english_only(tmp_path).graph:
        expected.add(triple)
    (fact,) = bilingual.subjects(JJJ.curatorNote, Literal(FACT_NOTE_EN, lang="en"))
    (obs,) = bilingual.subjects(JJJ.curatorNote, Literal(OBS_NOTE_EN, lang="en"))
    assert (fact, RDF.type, JJJ.Statement) in bilingual and (obs, RDF.type, JJJ.Observation) in bilingual
    expected.add((fact, JJJ.curatorNote, Literal(FACT_NOTE_ZH, lang="zh")))
    expected.add((obs, JJJ.curatorNote, Literal(OBS_NOTE_ZH, lang="zh")))
    assert isomorphic(bilingual, expected)
    assert set(bilingual.objects(fact, JJJ.curatorNote)) == {Literal(FACT_NOTE_EN, lang="en"),
                                                            Literal(FACT_NOTE_ZH, lang="zh")}


def test_a_plain_note_is_english_and_a_chinese_only_note_is_chinese(tmp_path: Path) -> None:
    built = _minimal_with(tmp_path, (FACT_NOTE, f'note: "{FACT_NOTE_EN}"'),
                          (OBS_NOTE, f'note: {{zh: "{OBS_NOTE_ZH}"}}'))
    (fact,) = [f for f in built.seeds.facts if f.note]
    (obs,) = built.seeds.observations
    assert fact.note == Note(en=FACT_NOTE_EN) and obs.note == Note(zh=OBS_NOTE_ZH)
    assert set(built.graph.objects(None, JJJ.curatorNote)) == {Literal(FACT_NOTE_EN, lang="en"),
                                                               Literal(OBS_NOTE_ZH, lang="zh")}
    edge = next(d for *_, d in built.network.edges(data=True) if "note" in d)
    assert edge["note"] == FACT_NOTE_EN and "note_zh" not in edge


def test_the_network_carries_a_note_in_english_as_note_and_in_chinese_as_note_zh() -> None:
    built = graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)
    from_rdf = to_networkx(built.graph, built.schema)
    for network in (built.network, from_rdf):
        noted = [d for *_, d in network.edges(data=True) if "note" in d or "note_zh" in d]
        assert [(d["relation"], d["note"], d["note_zh"]) for d in noted] == [("supplies", FACT_NOTE_EN, FACT_NOTE_ZH)]


def test_a_chinese_only_note_gives_note_zh_alone_on_both_paths(tmp_path: Path) -> None:
    built = _minimal_with(tmp_path, (FACT_NOTE, f'note: {{zh: "{FACT_NOTE_ZH}"}}'))
    from_rdf = to_networkx(built.graph, built.schema)
    assert list(built.network.edges(keys=True, data=True)) == list(from_rdf.edges(keys=True, data=True))
    (edge,) = [d for *_, d in from_rdf.edges(data=True) if "note" in d or "note_zh" in d]
    assert edge["note_zh"] == FACT_NOTE_ZH and "note" not in edge


def test_a_note_given_as_a_qualifier_is_english() -> None:
    """An imported table's note column reaches the model as the qualifier 'note': English, as a plain note."""
    fact = Fact("src", "a", "supplies", "b", "q", {"date": "2023", "note": "From the table."})
    assert fact.note == Note(en="From the table.") and fact.qualifiers == {"date": "2023"}
    assert Note(en="e", zh="中").texts() == [("en", "e"), ("zh", "中")] and Note(zh="中").texts() == [("zh", "中")]
