"""Transport in an article's words.
- Links a sentence says are brought to a site (规划引入, 引入, 接入): each connects the sentence's first
  park, zone or platform named before the verb, outside a clause setting the scene (这个平台…,将规划引入
  环北京地铁支线、津承城际、京秦二城际等轨道交通: each line connects the platform, not the projects it drew in).
- Circles of travel time (1至1.5小时交通圈, 半小时通勤圈): new infrastructure, which connects the places
  named before it in its clause (京津冀主要城市已形成1至1.5小时交通圈: 北京, 天津, 河北).
- Links and circles named in a sentence with a transport policy (京蔚高速公路全线通车,…,京津冀交通一体化
  持续向纵深拓展,…): each implements it, the work the sentence reports of it."""
from __future__ import annotations

import re

from ..checks import PLACE
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .coreference import GROUNDS, is_site
from .mentions import POLICY, Mention, fits, replacing
from .rules import Found, clause_end, clause_start, in_adverbial

_BRINGS_IN = re.compile("规划引入|引入|接入")
_LINKS = frozenset({JJJ.TransportLink})
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|[半一二三两])"
_CIRCLE = re.compile(f"{_NUMBER}(?:(?:至|到|-|—|~){_NUMBER})?个?半?小时(?:交通|通勤)圈")
_CIRCLE_TYPE = "infrastructure"
_CIRCLE_EVIDENCE = "a circle of travel time"
_WORKS = frozenset({JJJ.Infrastructure})  # links, circles and other works a transport policy's sentence reports


def links_brought_in(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """connects each transport link named in the clause after 引入 to the sentence's first site before it,
    outside a clause setting the scene."""
    plain, found = article.plain, []
    for sentence in (s for s in article.sentences if not s.credit):
        for match in _BRINGS_IN.finditer(plain, sentence.start, sentence.end):
            end = clause_end(plain, match.end(), sentence.end)
            links = [m for m in mentions if match.end() <= m.start and m.end <= end and fits(m, _LINKS, schema)]
            site = next((m for m in mentions if sentence.start <= m.start and m.end <= match.start()
                         and is_site(m, schema, GROUNDS) and not in_adverbial(plain, m.start, sentence.start)), None)
            if links and site is not None:
                found.append(Found.named("connects", links, [site], sentence,
                                         f"brought in ({match.group(0)}) to the sentence's first site"))
    return found


def circle_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each circle of travel time (1至1.5小时交通圈) as new infrastructure, where no name stands."""
    iri = frozenset({schema.types[_CIRCLE_TYPE].iri})
    for match in _CIRCLE.finditer(article.plain):
        kept = replacing(mentions, match.start(), match.end())
        if kept is not None and len(kept) == len(mentions):
            mentions = sorted([*kept, Mention(match.start(), match.end(), (), iri, "new", _CIRCLE_TYPE,
                                              _CIRCLE_EVIDENCE, match.group(0))], key=lambda m: m.start)
    return mentions


def circles_formed(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """connects each circle of travel time to the places named before it in its clause."""
    plain, found = article.plain, []
    for circle in (m for m in mentions if m.how == "new" and m.evidence == _CIRCLE_EVIDENCE):
        sentence = article.sentence_at(circle.start)
        start = max(sentence.start, clause_start(plain, circle.start))
        places = [m for m in mentions if start <= m.start and m.end <= circle.start and fits(m, PLACE, schema)
                  and not is_site(m, schema)]
        if places:
            found.append(Found.named("connects", [circle], places, sentence, "the places that form the circle"))
    return found


def works_of_policy(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """implements_policy a transport policy (its name holds 交通) for each link or other work named in its sentence."""
    plain, found = article.plain, []
    for sentence in (s for s in article.sentences if not s.credit):
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        policies = [m for m in inside if fits(m, POLICY, schema) and "交通" in plain[m.start:m.end]]
        works = [m for m in inside if fits(m, _WORKS, schema) and len(m.ids) <= 1]
        if policies and works:
            found.append(Found.named("implements_policy", works, policies[:1], sentence,
                                     f"named with {plain[policies[0].start:policies[0].end]} in one sentence"))
    return found
