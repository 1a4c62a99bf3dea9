"""Lists after a colon that run on past their sentence's end. A clause names who acts, a colon opens the
list of what they do, each item opening with its verb; the writer may close the sentence after a few
items and go on with the next in a new one (河北与京津共建创新平台…:共建京津冀科技成果协同转化中心等5个
促转平台,会同9家高校院所建立了成果供给平台。共建大型仪器共享服务平台,…). A sentence of the same paragraph
that opens with the verb of the list's first item carries the list on: what a pattern read across that
colon, between the names before it and the item after it, holds for the names this sentence's opening
clause gives after the verb."""
from __future__ import annotations

import re

from ..schema import Schema
from .article import Article
from .mentions import Mention, fits
from .rules import Found, clause_end

_COLONS = ":："
_VERB = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _opening_verb(plain: str, colon: int, mentions: list[Mention]) -> str | None:
    """The words between a colon and the first name after it (the list's verb: 共建), if a verb's length."""
    first = next((m for m in mentions if m.start > colon), None)
    if first is None or not _VERB.fullmatch(plain, colon + 1, first.start):
        return None
    return plain[colon + 1:first.start]


def lists_run_on(article: Article, mentions: list[Mention], schema: Schema, found: list[Found]) -> list[Found]:
    """For each hit of found that relates names before a colon with an item after it, the same
    relation with the item a following sentence names after the list's verb (see the module's text)."""
    plain, added = article.plain, []
    for previous, sentence in zip(article.sentences, article.sentences[1:]):
        colon = max(plain.rfind(mark, previous.start, previous.end) for mark in _COLONS)
        verb = _opening_verb(plain, colon, mentions) if colon >= 0 else None
        if previous.paragraph != sentence.paragraph or sentence.credit or verb is None \
                or not plain.startswith(verb, sentence.start):
            continue
        end = clause_end(plain, sentence.start, sentence.end)
        for hit in (h for h in found if h.sentence == previous and h.subjects and h.objects):
            relation = schema.relations[hit.relation]
            if all(m.start > colon for m in hit.subjects) and all(m.end < colon for m in hit.objects):
                items = [m for m in mentions if sentence.start + len(verb) <= m.start and m.end <= end
                         and fits(m, relation.domain, schema)]
                if items:
                    added.append(Found(hit.relation, items, hit.objects, sentence,
                                       f"the list after the colon runs on ({verb}…): {hit.pattern}", None, [], "name"))
    return added
