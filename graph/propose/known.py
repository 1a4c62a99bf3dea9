"""Facts the registry already holds, stated again by a new article: a curator cites each article
that says where a known thing lies. The registry decides which place: by its name alone, a name
beginning with a province names an owner or an origin as often as a place (by_name.py), but
北京亦庄, which the registry puts in 北京, lies where its name says. A known thing named in one
sentence with the place the registry puts it in is said to be there too."""
from __future__ import annotations

from ..model import Seeds
from .article import Article, Sentence
from .by_name import place_starts
from .gazetteer import Gazetteer
from .mentions import Mention
from .rules import Found


def _place_at_start(name: str, places: list[str], names: Gazetteer) -> int:
    """How many characters of name are the name (full or short form) of one of places, the
    longest first; 0 when name begins with none of them."""
    return next((size for size in range(len(name) - 1, 1, -1)
                 if any(i in places for i in names.by_name.get(name[:size], ()))), 0)


def located_as_known(article: Article, first_known: list[tuple[Mention, Sentence]], mentions: list[Mention],
                     names: Gazetteer, seeds: Seeds) -> list[Found]:
    """located_in the registry's place for each known thing (first_known: where each is first named)
    when its name as printed begins with the place's name (北京亦庄; a partner before a dot skipped:
    北京·沧州渤海新区…), or when that sentence names the place too."""
    found = []
    for mention, sentence in first_known:
        entity = seeds.entities.get(mention.ids[0])
        if entity is None or not entity.located_in:
            continue
        places, name = entity.located_in, article.plain[mention.start:mention.end]
        at, size = next(((at, size) for at in place_starts(name) if (size := _place_at_start(name[at:], places, names))),
                        (0, 0))  # 北京·沧州渤海新区生物医药产业园: a partner before the dot, then the place
        if size:
            form = name[at:at + size]
            ids = tuple(i for i in names.by_name[form] if i in places)
            place = Mention.place(mention.start + at, mention.start + at + size, ids)
            found.append(Found.named("located_in", [mention], [place], sentence,
                                     f"the registry puts it in {form}, which its name begins with"))
            continue
        place = next((m for m in mentions if sentence.start <= m.start < sentence.end and len(m.ids) == 1
                      and m.ids[0] in places), None)
        if place is not None:
            found.append(Found.named("located_in", [mention], [place], sentence,
                                     f"the registry puts it in {article.plain[place.start:place.end]}, "
                                     "which the sentence names"))
    return found
