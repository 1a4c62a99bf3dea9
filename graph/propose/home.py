"""Where an article's new sites lie when nothing else says. A report about one county or prefecture
names it far more often than any other division (蓟州区 in a page on 蓟州's four programmes), and the
sites and facilities it introduces without a place in their names (高铁站片区, ‘特色承接平台’,
京东最大绿色食品供应基地) are that division's. Such a
site is located in the article's home division, unless a pattern or its name already placed it or
it is hosted by another site."""
from __future__ import annotations

from collections import Counter

from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article, Sentence
from .coreference import SITES
from .mentions import Mention, fits
from .rules import Found

HOME_TYPES = ("prefecture", "county")
_AT_HOME = SITES | {JJJ.Facility}  # what lies in the home division when nothing else places it
HOME_MENTIONS = 5  # the home division is named at least this often, and twice as often as the next


def home_division(mentions: list[Mention], seeds: Seeds) -> str | None:
    """The prefecture or county the article names most, if it names it often and far more than any other."""
    named = Counter(m.ids[0] for m in mentions if len(m.ids) == 1 and m.how != "coreference"
                    and m.ids[0] in seeds.entities and seeds.entities[m.ids[0]].type in HOME_TYPES)
    ranked = named.most_common(2) + [("", 0)] * 2
    (top, count), (_, runner_up) = ranked[0], ranked[1]
    return top if count >= HOME_MENTIONS and count >= 2 * runner_up else None


def located_at_home(article: Article, mentions: list[Mention], first: list[tuple[Mention, Sentence]],
                    schema: Schema, seeds: Seeds, found: list[Found]) -> list[Found]:
    """located_in the home division for each new site or facility that found (the facts so far) neither
    places nor has hosted by another site (枫叶教育 落地 in ‘特色承接平台’ lies there)."""
    home = home_division(mentions, seeds)
    if home is None:
        return []
    placed = {m.printed(article.plain)
              for hit in found if hit.relation in ("located_in", "hosted_by") for m in hit.subjects}
    located = []
    for mention, sentence in first:
        name = mention.printed(article.plain)
        if fits(mention, _AT_HOME, schema) and name not in placed:
            place = Mention.place(mention.start, mention.start, (home,))
            located.append(Found.named("located_in", [mention], [place], sentence,
                                       f"the article is about {seeds.entities[home].zh}"))
    return located
