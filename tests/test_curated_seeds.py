"""The project's own seeds: valid against the real source texts and reference identifiers."""
from __future__ import annotations

import re

from conftest import CURATED_REFERENCE, CURATED_TEXTS, ROOT, run_cli


def test_curated_seeds_validate() -> None:
    result = run_cli("validate")  # the defaults: seeds/, seeds/texts/, seeds/reference/
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_every_quote_is_verbatim_in_its_article() -> None:
    import graph

    built = graph.load(ROOT / "seeds", CURATED_TEXTS, CURATED_REFERENCE)
    texts = {s.id: (CURATED_TEXTS / s.file).read_text(encoding="utf-8") for s in built.seeds.sources.values()}
    items = [*built.seeds.facts, *built.seeds.observations]
    assert items
    for item in items:
        assert item.quote in texts[item.source], item.loc


def test_article_002_is_curated() -> None:
    import graph

    built = graph.load(ROOT / "seeds")
    from_002 = [f for f in built.seeds.facts if f.source == "hebtv-2023-02-28"]
    assert len(from_002) >= 40
    relations = {f.relation for f in from_002}
    assert {"rd_location", "production_location", "technology_transfer", "receiving_platform_for",
            "co_built_by", "hosted_by", "supplies"} <= relations
    indicators = {o.indicator for o in built.seeds.observations if o.source == "hebtv-2023-02-28"}
    assert "tech-contract-turnover-absorbed" in indicators


HAN = re.compile("[\u4e00-\u9fff]")
# A Chinese term as an English note quotes it: Han characters with the punctuation and digits between them.
_TERM_PART = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”…·Ⅴ0-9"
CHINESE_TERM = re.compile(f"[{_TERM_PART}]*[\u4e00-\u9fff][{_TERM_PART}]*")


def test_every_curator_note_is_in_english_and_chinese() -> None:
    """The view shows a note in the page's language (issue 16): each note gives both texts, and the
    Chinese one keeps every Chinese term the English one quotes from the article as written."""
    import graph

    built = graph.load(ROOT / "seeds", CURATED_TEXTS, CURATED_REFERENCE)
    notes = [(item.loc, item.note) for item in [*built.seeds.facts, *built.seeds.observations] if item.note]
    assert len(notes) >= 140
    for loc, note in notes:
        assert note.en and note.zh, loc
        assert HAN.search(note.zh), loc
        missing = [term for term in CHINESE_TERM.findall(note.en) if term not in note.zh]
        assert not missing, f"{loc}: {missing} not in the Chinese note"
