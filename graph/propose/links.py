"""Transport links a sentence says are brought to a site (规划引入, 引入, 接入): each connects the
sentence's first park, zone or platform named before the verb, outside a clause setting the scene
(这个平台…,将规划引入环北京地铁支线、津承城际、京秦二城际等轨道交通: each line connects the platform, not
the projects the platform drew in)."""
from __future__ import annotations

import re

from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .coreference import GROUNDS, is_site
from .mentions import Mention, fits
from .rules import Found, clause_end, in_adverbial

_BRINGS_IN = re.compile("规划引入|引入|接入")
_LINKS = frozenset({JJJ.TransportLink})


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
