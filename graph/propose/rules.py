"""Candidate facts from the ontology's jjj:proposeTrigger patterns (see its rdfs:comment): each
pattern becomes a regular expression over the sentence with every name replaced by one private-use
character, so that {S} and {O} match exactly the names that fit the relation's domain and range."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..checks import PLACE
from ..namespaces import JJJ
from ..schema import Relation, Schema
from .article import Article, Sentence
from .coreference import Context
from .mentions import LIST_MARKS, POLICY, Mention, fits

GAP = 30  # the most characters a … of a pattern spans, inside one clause (no comma or colon)
LONG_GAP = 70  # the most characters a …… spans, across clauses but inside the sentence
_BASE = 0xE000  # names are replaced by U+E000 + their index in the sentence
_CLAUSE_MARKS = ",，;；"
CLAUSE_ENDS = "，,。；;：:！？!?\n"  # every mark a clause or a sentence ends at
_SLOT = re.compile(r"\{(S|O|from|pair)\}|(……)|…|\[([^\]]+)\]")


@dataclass(frozen=True)
class Trigger:
    relation: Relation
    pattern: str  # as written in the ontology
    parts: tuple[tuple[str, str], ...]  # ("slot", S|O|from), ("gap", ""), ("role", words), ("text", regex)

    @property
    def explicit(self) -> frozenset[str]:
        slots = {value for kind, value in self.parts if kind == "slot"}
        return frozenset(slots | {"S", "O"} if "pair" in slots else slots)


@dataclass
class Found:
    relation: str
    subjects: list[Mention]
    objects: list[Mention]
    sentence: Sentence
    pattern: str
    role: str | None
    origin: list[Mention]
    implicit: str  # which slot was filled from outside the pattern: "", "S", "O"; "name", "section" for rules
    pairs: bool = False  # a {pair} pattern: every two of the names (a joint name's members too) are related

    @classmethod
    def named(cls, relation: str, subjects: list[Mention], objects: list[Mention], sentence: Sentence,
              evidence: str) -> Found:
        """A fact a rule of code reads off names (by_name.py, parts.py, …), with no role and no origin."""
        return cls(relation, subjects, objects, sentence, evidence, None, [], "name")


def load_triggers(schema: Schema) -> list[Trigger]:
    """Every jjj:proposeTrigger of every relation, parsed; sorted for a stable order."""
    triggers = []
    for relation in sorted(schema.relations.values(), key=lambda r: r.key):
        for pattern in sorted(str(p) for p in schema.graph.objects(relation.iri, JJJ.proposeTrigger)):
            triggers.append(Trigger(relation, pattern, _parse(pattern)))
    return triggers


def _parse(pattern: str) -> tuple[tuple[str, str], ...]:
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _SLOT.finditer(pattern):
        if match.start() > position:
            parts.append(("text", pattern[position:match.start()]))
        if match.group(1):
            parts.append(("slot", match.group(1)))
        elif match.group(2):
            parts.append(("gap", "long"))
        elif match.group(3):
            parts.append(("role", match.group(3)))
        else:
            parts.append(("gap", ""))
        position = match.end()
    if position < len(pattern):
        parts.append(("text", pattern[position:]))
    return tuple(parts)


_BITS = {"S": 1, "O": 2, "from": 4, "pair": 3}  # a name's character is U+E000 + the bits of the slots it fits
_ANY_NAME = "[" + "".join(chr(_BASE + bits) for bits in range(8)) + "]"


# what may stand before a list's item: a phrase ending in 的, with no name (…、具有人口集聚能力的新城片区)
_MODIFIER = f"(?:[^,，:：;；、{chr(_BASE)}-{chr(_BASE + 7)}]{{1,12}}的)?"


# a comma may join the groups of a long list, when the group after it is itself a list
# (与北京市通州区、平谷区，唐山市及廊坊北三县，携手推进…)
_SUBLIST = "[,，]"


def _names_class(bit: int) -> str:
    return "[" + "".join(chr(_BASE + bits) for bits in range(8) if bits & bit == bit) + "]"


@lru_cache(maxsize=None)
def _regex(parts: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    pieces = []
    for kind, value in parts:
        if kind == "slot":  # names joined by 、和及与; a name right before another modifies it (京津冀|集成电路集群)
            one = f"{_ANY_NAME}*{_names_class(_BITS[value])}(?!{_ANY_NAME})"
            pieces.append(f"(?P<{value}>{one}(?:[{LIST_MARKS}]{_MODIFIER}{one}|{_SUBLIST}{one}(?=[{LIST_MARKS}]))*)")
        elif kind == "gap" and value == "long":
            pieces.append(f".{{0,{LONG_GAP}}}?")
        elif kind == "gap":
            pieces.append(f"[^,，:：]{{0,{GAP}}}?")
        elif kind == "role":
            pieces.append(f"(?P<role>{re.escape(value)})")
        else:
            pieces.append(value)  # the pattern's own text: a regular expression of words and (a|b)
    return re.compile("".join(pieces))


def _tokens(article: Article, sentence: Sentence, inside: list[Mention], bits: list[int]) -> str:
    """The sentence (simplified) with each name inside it replaced by the character of its slots."""
    out, position = [], sentence.start
    for mention, bit in zip(inside, bits):
        out.append(article.plain[position:mention.start])
        out.append(chr(_BASE + bit))
        position = mention.end
    out.append(article.plain[position:sentence.end])
    return "".join(out)


def _slot(match: re.Match[str], name: str, index_at: dict[int, int], inside: list[Mention]) -> list[Mention]:
    if name not in match.re.groupindex or match.group(name) is None:
        return []
    start, text = match.start(name), match.group(name)

    def quoted(k: int) -> bool:
        return start + k in index_at and inside[index_at[start + k]].quoted

    # the heads, not modifiers: a name before a list's joining word, the last, or quoted names side by side
    return [inside[index_at[start + k]] for k in range(len(text)) if start + k in index_at and (
        k + 1 == len(text) or text[k + 1] in LIST_MARKS + ",，" or (quoted(k) and quoted(k + 1)))]  # “资源承接”“农品进京”


def apply_triggers(article: Article, mentions: list[Mention], triggers: list[Trigger], schema: Schema,
                   context: dict[int, Context]) -> list[Found]:
    """Every match of every pattern in every sentence; context: what the paragraph named before each
    sentence (by sentence start), for a subject the sentence leaves out."""
    found: list[Found] = []
    for sentence in article.sentences:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        if not inside or sentence.credit:
            continue
        blank = _tokens(article, sentence, inside, [0] * len(inside))
        positions = [i for i, ch in enumerate(blank) if ch == chr(_BASE)]
        index_at = {pos: k for k, pos in enumerate(positions)}
        slots: dict[str, tuple[list[int], str]] = {}  # by relation: each name's slot bits, and the tokens
        for trigger in triggers:
            relation = trigger.relation
            if relation.key not in slots:
                fit = [(1 if fits(m, relation.domain, schema) else 0) | (2 if fits(m, relation.range, schema) else 0)
                       | (4 if fits(m, PLACE, schema) else 0) for m in inside]
                slots[relation.key] = (fit, _tokens(article, sentence, inside, fit))
            bits, tokens = slots[relation.key]
            for match in _nearest_matches(_regex(trigger.parts), tokens, lambda m: _relates(m, index_at, inside)):
                subjects, objects = _slot(match, "S", index_at, inside), _slot(match, "O", index_at, inside)
                if "pair" in match.re.groupindex:
                    subjects = objects = _slot(match, "pair", index_at, inside)
                implicit = ""
                if "S" not in trigger.explicit:
                    firm, topics = context[sentence.start].firm, context[sentence.start].topics
                    subjects = _before(match.start(), tokens, [(positions[k], m) for k, m in enumerate(inside) if bits[k] & 1])
                    if not subjects and firm is not None and fits(firm, relation.domain, schema):
                        subjects = [firm]
                    elif not subjects:  # the topic of the sentence before (蓟州区…。目前已与北京物美…建立合作关系)
                        subjects = [m for m in topics if fits(m, relation.domain, schema)][:1]
                    implicit = "S"
                if "O" not in trigger.explicit:
                    end = clause_end(tokens, match.end(), len(tokens))  # not a later clause's
                    objects = [m for k, m in enumerate(inside) if bits[k] & 2 and match.end() <= positions[k] < end][:1]
                    if not objects and "S" in trigger.explicit:  # the agent before (满城区…,规划建设了…的轨道交通产业园)
                        objects = _before(match.start(), tokens, [(positions[k], m) for k, m in enumerate(inside)
                                                                  if bits[k] & 2 and m not in subjects])
                    if not objects and "S" in trigger.explicit and relation.range <= POLICY:  # what the sentence
                        # before is about: its first policy (…产业协同发展是…。北京由“大而强”转向“优而精”)
                        objects = [m for m in context[sentence.start].topics if fits(m, relation.range, schema)][:1]
                    implicit = "O" if not implicit else "SO"
                if "pair" not in match.re.groupindex:
                    subjects, objects = _as_whole(subjects), _as_whole(objects)
                if subjects and objects:
                    role = None
                    if "role" in match.re.groupindex and match.group("role"):  # as printed (traditional stays so)
                        first = _text_offset(match.start("role"), positions, inside, sentence)
                        role = article.text[first:first + len(match.group("role"))]
                    found.append(Found(relation.key, subjects, objects, sentence, trigger.pattern, role,
                                       _slot(match, "from", index_at, inside), implicit, "pair" in match.re.groupindex))
    return found


def _as_whole(named: list[Mention]) -> list[Mention]:
    """Two or more parts of one whole, listed together, stand for that whole (大兴机场片区廊坊区域与
    大兴区域…引进了…: the 片区 hosts); with each other (a {pair}) they stay parts."""
    wholes = {(m.whole[0].ids, m.whole[0].name) if m.whole else None for m in named}
    first = named[0].whole if named else None
    return [first[0]] if first is not None and len(named) > 1 and len(wholes) == 1 else named


def _before(start: int, tokens: str, names: list[tuple[int, Mention]]) -> list[Mention]:
    """The name a pattern leaves out, before where it matched: the nearest in the match's clause,
    else the sentence's topic (its first name outside a clause that sets the scene, the head when a
    name modifies it); none when no name stands before."""
    before = [(position, mention) for position, mention in names if position < start]
    if not before:
        return []
    if before[-1][0] >= clause_start(tokens, start):
        return [before[-1][1]]
    topics = [k for k, (position, _) in enumerate(before) if not in_adverbial(tokens, position)]
    first = topics[0] if topics else 0
    while first + 1 < len(before) and before[first + 1][0] == before[first][0] + 1:
        first += 1  # a name right before another modifies it: 保定市|满城区
    return [before[first][1]]


SCENE_WORDS = ("作为", "随着", "自", "为了", "在", "据", "从", "按照", "围绕")


def in_adverbial(text: str, position: int, floor: int = 0) -> bool:
    """Whether the name (or words) at position stands in a clause that sets the scene, not the topic
    (作为京冀两地落实…的重大项目, 保定市满城区…: the topic is 满城区); floor: where the sentence begins."""
    return text.startswith(SCENE_WORDS, max(floor, clause_start(text, position)))


def clause_end(text: str, at: int, end: int, marks: str = _CLAUSE_MARKS) -> int:
    """Where the clause holding at ends: at the first of marks from it on, else at end (the sentence's)."""
    return min((found for mark in marks if (found := text.find(mark, at, end)) >= 0), default=end)


def clause_start(text: str, at: int, marks: str = _CLAUSE_MARKS) -> int:
    """Where the clause holding at begins: right after the last of marks before it, else 0."""
    return max(text.rfind(mark, 0, at) for mark in marks) + 1


def _text_offset(token: int, positions: list[int], inside: list[Mention], sentence: Sentence) -> int:
    """The article offset of the token at `token` (a name's character stands for the whole name)."""
    offset, previous = sentence.start, 0
    for k, position in enumerate(positions):
        if position >= token:
            break
        offset += position - previous + (inside[k].end - inside[k].start)
        previous = position + 1
    return offset + token - previous


def _relates(match: re.Match[str], index_at: dict[int, int], inside: list[Mention]) -> bool:
    """Whether a match's explicit slots hold two names that are not one another (服务京津 after 对接京津
    relates nothing: 京津 with itself)."""
    if "pair" in match.re.groupindex:
        return len({m.key for m in _slot(match, "pair", index_at, inside)}) > 1
    if "S" not in match.re.groupindex or "O" not in match.re.groupindex:
        return True
    subjects, objects = _slot(match, "S", index_at, inside), _slot(match, "O", index_at, inside)
    return any(not set(s.ids) & set(o.ids) or (not s.ids and s.start != o.start) for s in subjects for o in objects)


def _nearest_matches(regex: re.Pattern[str], tokens: str,
                     relates: Callable[[re.Match[str]], bool]) -> list[re.Match[str]]:
    """Non-overlapping matches; of matches ending at the same place, the one starting last (the
    nearest subject to the trigger, not the first name of the sentence), but never one that only
    drops names from the head of a list (雄安新区和北京城市副中心“两翼”), nor one that relates no two
    different names (河北在对接京津、服务京津: not 京津 with 京津)."""
    matches, position = [], 0
    while (match := regex.search(tokens, position)) is not None:
        shorter = regex.search(tokens, match.start() + 1)
        while shorter is not None and shorter.end() == match.end() and shorter.start() > match.start() \
                and not _inside_list(match, shorter.start()) and relates(shorter):
            match = shorter
            shorter = regex.search(tokens, match.start() + 1)
        matches.append(match)
        position = max(match.end(), position + 1)
    return matches


def _inside_list(match: re.Match[str], position: int) -> bool:
    return any(match.group(slot) is not None and match.start(slot) < position < match.end(slot)
               for slot in ("S", "O", "pair", "from") if slot in match.re.groupindex)
