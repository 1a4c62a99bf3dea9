"""Facts a numbered section states across its sentences. An essay lists its points as 一是…。二是…。:
the point's first sentence names what the section is about (一是加快构建现代化首都都市圈。), and the
sentences after it, to the next point or the paragraph's end, say which places take part in it and
which industries it covers (紧扣北京“四个中心”定位,提高对冀中北的辐射能力。 … 促进高端装备、航空航天…等产业发展。).
So each place they name has a role in the policy the head names, and the policy is in each industry
they name. The quote runs from the head to the sentence naming the place or industry, verbatim.
A point whose head names no policy but is one short clause ending in the word for a plan
(一是强化在未来产业和战略性新兴产业上的布局。) is itself the policy, named as its head is printed.
Points that follow, in the same paragraph, a sentence naming a plan (重点要形成“双城引领,两翼齐飞,三圈联动”
的空间布局,…。一是加快构建现代化首都都市圈。) spell that plan out: each point's policy is part of the
first policy that sentence names; a point that names no policy (…打造具有国际竞争力的数字产业集群,…。一是
明确功能定位,北京定位基础研发…) is about that policy itself, its head sentence too, the quote running from
the sentence before the points."""
from __future__ import annotations

import re

from rdflib.namespace import SKOS

from ..checks import PLACE
from ..schema import Schema
from .article import Article, Sentence
from .mentions import PLAN_WORDS, POLICY, Mention, fits, replacing
from .rules import Found

_HEAD = re.compile(r"\s*[一二三四五六七八九十]是")  # a point's first sentence: 一是…, 二是…
_LONGEST_HEAD = 24
_CLAUSE_MARKS = set("，,；;：:")


def _policies(sentence: Sentence, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """The policies sentence names, in order."""
    return [m for m in mentions if sentence.start <= m.start < sentence.end and fits(m, POLICY, schema)]


def _head_policy(sentence: Sentence, mentions: list[Mention], schema: Schema) -> Mention | None:
    """The last policy the point's first sentence names, if it names one."""
    named = _policies(sentence, mentions, schema)
    return named[-1] if named else None


def section_heads(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each numbered point's head that is a plan (see the module's text) as a new policy's
    name, the names inside it dropped (未来产业 of …未来产业…上的布局)."""
    for sentence in article.sentences:
        head = _HEAD.match(article.plain, sentence.start)
        if head is None or _head_policy(sentence, mentions, schema) is not None:
            continue
        start, end = head.end(), sentence.end  # a sentence ends before its closing mark (article.py)
        clause = article.plain[start:end]
        if not clause.endswith(PLAN_WORDS) or len(clause) > _LONGEST_HEAD or _CLAUSE_MARKS & set(clause):
            continue
        kept = replacing(mentions, start, end)
        if kept is not None:
            mentions = sorted([*kept, Mention(start, end, (), frozenset({schema.types["policy"].iri}), "new", "policy",
                                              "the head of a numbered point", clause)], key=lambda m: m.start)
    return mentions


def section_facts(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """role_in for the places, in_industry for the industries, each sentence of a numbered point names
    after its first, or each of its sentences when it spells out the sentence before the points'
    policy (see the module's text). A joint name (京津) is left out: in a point it names the
    partners of another policy as often as this one's (鼓励京津…合作,强化双城引领)."""
    found: list[Found] = []
    head: Sentence | None = None
    policy: Mention | None = None
    lead: tuple[Sentence, Mention] | None = None  # the sentence before the first point, and its first policy
    before: Sentence | None = None
    for sentence in article.sentences:
        if head is not None and sentence.paragraph != head.paragraph:
            head = policy = lead = None
        if _HEAD.match(article.plain, sentence.start):
            if head is None and before is not None and before.paragraph == sentence.paragraph:
                named = _policies(before, mentions, schema)
                lead = (before, named[0]) if named else None
            head, policy = sentence, _head_policy(sentence, mentions, schema)
            if lead is not None and policy is not None and (policy.ids, policy.name) != (lead[1].ids, lead[1].name):
                span = Sentence(lead[0].start, sentence.end, sentence.paragraph)
                found.append(Found("part_of", [policy], [lead[1]], span, "a numbered point of the plan the sentence "
                                   "before the points names", None, [], "section"))
            if policy is not None or lead is None:
                continue
            policy, head = lead[1], lead[0]  # a point that names no policy spells out the lead's
        else:
            before = sentence
        if head is None or policy is None or sentence.credit:
            continue
        span = Sentence(head.start, sentence.end, sentence.paragraph)
        for mention in (m for m in mentions if sentence.start <= m.start < sentence.end):
            if mention.classes == {SKOS.Concept}:
                found.append(Found("in_industry", [policy], [mention], span, "a numbered point's head names it",
                                   None, [], "section"))
            elif mention.how != "joint" and fits(mention, PLACE, schema) and not fits(mention, POLICY, schema):
                found.append(Found("role_in", [mention], [policy], span, "a numbered point's head names it",
                                   None, [], "section"))
    return found
