"""Lists after a colon that run on past their sentence's end. A clause names who acts, a colon opens the
list of what they do, each item opening with its verb; the writer may close the sentence after a few
items and go on with the next in a new one (河北与京津共建创新平台…:共建京津冀科技成果协同转化中心等5个
促转平台,会同9家高校院所建立了成果供给平台。共建大型仪器共享服务平台,…). The next sentence of the
paragraph, if it opens with the verb of the list's first item, carries the list on: what a pattern read
across that colon, between the names before it and the item after it, holds for the names listed right
after the verb (not a division: 在石家庄市落地)."""
from __future__ import annotations

import re

from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .mentions import LIST_MARKS, Mention, fits
from .rules import Found

_COLONS = ":："
_VERB = re.compile(r"[\u4e00-\u9fff]{2,4}")
_DIVISIONS = frozenset({JJJ.AdministrativeDivision})  # a place where the item is built, not the item


def _opening_verb(plain: str, colon: int, end: int, mentions: list[Mention]) -> str | None:
    """The words between a colon and the first name after it before end (the list's verb: 共建), if a
    verb's length."""
    first = next((m for m in mentions if colon < m.start < end), None)
    if first is None or not _VERB.fullmatch(plain, colon + 1, first.start):
        return None
    return plain[colon + 1:first.start]


def _listed_from(plain: str, at: int, mentions: list[Mention]) -> list[Mention]:
    """The names of the list that begins right at at (A、B和C), first first."""
    items: list[Mention] = []
    while (item := next((m for m in mentions if m.start == at), None)) is not None:
        items.append(item)
        at = item.end + (plain[item.end:item.end + 1] in LIST_MARKS)
        if at == item.end:
            break
    return items


def lists_run_on(article: Article, mentions: list[Mention], schema: Schema, found: list[Found]) -> list[Found]:
    """For each hit of found that relates names before a colon with an item after it, the same
    relation with the item a following sentence names after the list's verb (see the module's text)."""
    plain, added = article.plain, []
    for previous, sentence in zip(article.sentences, article.sentences[1:]):
        colon = max(plain.rfind(mark, previous.start, previous.end) for mark in _COLONS)
        verb = _opening_verb(plain, colon, previous.end, mentions) if colon >= 0 else None
        if previous.paragraph != sentence.paragraph or sentence.credit or verb is None \
                or not plain.startswith(verb, sentence.start):
            continue
        items = _listed_from(plain, sentence.start + len(verb), mentions)
        for hit in (h for h in found if h.sentence == previous and h.subjects and h.objects):
            if all(m.start > colon for m in hit.subjects) and all(m.end < colon for m in hit.objects):
                kept = [m for m in items if fits(m, schema.relations[hit.relation].domain, schema)
                        and not fits(m, _DIVISIONS, schema)]
                if kept:
                    added.append(Found.named(hit.relation, kept, hit.objects, sentence,
                                             f"the list after the colon runs on ({verb}…): {hit.pattern}"))
    return added
