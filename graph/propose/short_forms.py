"""Short forms of a new firm's name that the article uses later (恒力精工 for 河北恒力精工装备有限公司,
河北京车 for 京投装备河北京车轨道交通车辆装备有限公司): each becomes a mention standing for the full name."""
from __future__ import annotations

import re

from .article import Article
from .mentions import FIRM_TYPES, SHORT_FORM, Gazetteer, Mention, covered


def learn_new_short_forms(article: Article, mentions: list[Mention], names: Gazetteer) -> list[Mention]:
    """Short forms of a new firm's name used later in the article: the one it sets up (河北恒力精工装备
    有限公司（以下简称“恒力精工”）), else the longest prefix of at least two characters, with or without a
    leading place name (河北京车, 恒力精工), that is not itself a known name and is found again where no
    name stands."""
    plain, added = article.plain, []
    taken = covered(plain, mentions)
    for mention in [m for m in mentions if m.how == "new" and m.new_type in FIRM_TYPES]:
        full = plain[mention.start:mention.end]
        declared = SHORT_FORM.match(plain, mention.end)
        core = full
        for size in range(len(full) - 2, 1, -1):
            if full[:size] in names.by_name:
                core = full[size:]
                break
        candidates = [declared.group(1)] if declared else []
        candidates += [text[:size] for text in dict.fromkeys((full, core))
                       for size in range(min(6, len(text) - 3), 1, -1)]
        for short in candidates:
            if short in names.by_name:
                continue
            spots = [m.start() for m in re.finditer(re.escape(short), plain)
                     if m.start() >= mention.end and not any(taken[m.start():m.start() + len(short)])]
            if not spots:
                continue
            for spot in spots:
                added.append(Mention(spot, spot + len(short), (), mention.classes, "learned", mention.new_type,
                                     f"short form of {full}", full))
                taken[spot:spot + len(short)] = b"\x01" * len(short)
            break
    return sorted([*mentions, *added], key=lambda m: m.start)
