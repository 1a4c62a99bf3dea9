"""Names an article lists before 等 and a word for their kind (北汽、一汽丰田、小米、理想等京津整车厂;
环北京地铁支线、津承城际、京秦二城际等轨道交通): each item no registry name covers is a new name, of
the class its own ending says (邢东新区: a zone) or else of the kind's class. The kind words are data:
the ontology's jjj:kindWords on each class, so curators extend them without code."""
from __future__ import annotations

import re

from ..namespaces import JJJ
from ..schema import Schema
from .article import Article, Sentence
from .mentions import Mention, class_words, covered, in_name, name_endings, replacing

KIND_REACH = 12  # the kind word starts at most this many characters after 等 (等京津冀区域内整车企业)
_STOPS = set("，,。；;：:、“”\"‘’「」（）()！？!?\n")


def _kind_after(plain: str, at: int, end: int, kinds: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The first kind word in plain[at:end] before any punctuation."""
    for position in range(at, end):
        if plain[position] in _STOPS:
            return None
        for word, type_key in kinds:
            if plain.startswith(word, position):
                return word, type_key
    return None


def _item_start(plain: str, end: int, floor: int) -> int:
    """Where the item ending at end begins: back over name characters, stopping at a function word or
    after a verb (进入|北汽、…; 吸引|枫叶教育、…)."""
    start = end
    while start > floor and in_name(plain, start - 1):
        start -= 1
    return start


def _items(plain: str, sentence: Sentence, at: int) -> list[tuple[int, int]]:
    """The items of the 、-list that ends at at (where 等 stands), first item first; [] if no list."""
    items: list[tuple[int, int]] = []
    end = at
    while True:
        start = _item_start(plain, end, sentence.start)
        joined = start > sentence.start and plain[start - 1] == "、"
        if end - start < 2:
            return []
        items.append((start, end))
        if not joined:
            break
        end = start - 1
    return items[::-1] if len(items) >= 2 else []


def listed_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with the new names of lists closed by 等 and a kind word; an item that holds known names
    (北京现代 holds 北京) replaces them, an item a known name only partly covers is left alone."""
    plain = article.plain
    kinds, endings = class_words(schema, JJJ.kindWords), name_endings(schema)
    for sentence in article.sentences:
        for closer in re.finditer("等", plain[sentence.start:sentence.end]):
            at = sentence.start + closer.start()
            kind = _kind_after(plain, at + 1, min(sentence.end, at + 1 + KIND_REACH), kinds)
            if kind is None:
                continue
            for start, end in _items(plain, sentence, at):
                kept = replacing(mentions, start, end)
                if kept is None:
                    continue
                name = plain[start:end]
                type_key = next((key for ending, key in endings if name.endswith(ending) and len(name) > len(ending)),
                                kind[1])
                mentions = kept
                mentions.append(Mention(start, end, (), frozenset({schema.types[type_key].iri}), "new", type_key,
                                        f"listed before 等…{kind[0]}", name))
    return sorted(mentions, key=lambda m: m.start)


def parallel_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with the items of a list that end alike in a class's ending, where no name stands:
    高铁站片区、具有人口集聚能力的新城片区、…古城片区 are names, though 片区 alone needs a known name
    before it; a parallel list is how an article names several things of one kind."""
    plain, endings = article.plain, name_endings(schema)
    taken = covered(plain, mentions)
    added: list[Mention] = []
    for sentence in article.sentences:
        for ending, type_key in endings:
            runs = []
            for match in re.finditer(re.escape(ending), plain[sentence.start:sentence.end]):
                end = sentence.start + match.end()
                start = _item_start(plain, end - len(ending), sentence.start)
                if end - start - len(ending) >= 2 and not any(taken[start:end]):
                    runs.append((start, end))
            pairs = [(one, other) for one, other in zip(runs, runs[1:]) if _joined(plain[one[1]:other[0]])]
            listed = {run for pair in pairs for run in pair}
            for start, end in sorted(listed):
                added.append(Mention(start, end, (), frozenset({schema.types[type_key].iri}), "new", type_key,
                                     f"one of a list of names ending in {ending}", plain[start:end]))
                taken[start:end] = b"\x01" * (end - start)
    return sorted([*mentions, *added], key=lambda m: m.start)


def _joined(between: str) -> bool:
    """Whether two items are joined as one list: a 、 (or 和, 及) between them, no clause's end."""
    return any(mark in between for mark in "、和及") and not any(mark in between for mark in "，,。；;：:")
