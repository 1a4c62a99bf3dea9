"""Short forms of a new firm's name that the article uses later (恒力精工 for 河北恒力精工装备有限公司,
河北京车 for 京投装备河北京车轨道交通车辆装备有限公司): each becomes a mention standing for the full name.
So does a zone's generic short form, for the last zone of its kind named before it (经开区 for 蓟州经济开发区)."""
from __future__ import annotations

import re

from .article import Article
from .gazetteer import Gazetteer
from .mentions import FIRM_TYPES, LIST_MARKS, SHORT_FORM, Mention, covered

# a zone's generic short form, and the endings of the full names it stands for
ZONE_SHORT_FORMS = {"经开区": ("经济开发区", "经济技术开发区", "经开区"), "高新区": ("高新技术产业开发区", "高新区"),
                    "综保区": ("综合保税区", "综保区"), "自贸区": ("自由贸易试验区", "自贸区")}


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


def zone_short_forms(article: Article, mentions: list[Mention]) -> list[Mention]:
    """mentions with each generic short form (提升经开区基础配套…) standing for the last zone named before
    it whose name ends in one of its full endings (…蓟州经济开发区), even where the registry knows it as
    one zone's alias; not in a list (各类园区、开发区和高新区: zones of that kind), nor with no such zone before it."""
    plain, added, replaced = article.plain, [], []
    taken = covered(plain, mentions)
    for short, endings in ZONE_SHORT_FORMS.items():
        for spot in (m.start() for m in re.finditer(short, plain)):
            end = spot + len(short)
            alias = next((m for m in mentions if (m.start, m.end) == (spot, end)), None)  # a zone's alias (经开区)
            if (any(taken[spot:end]) and alias is None) or (spot > 0 and plain[spot - 1] in LIST_MARKS) \
                    or plain[end:end + 1] == "、":
                continue
            before = [m for m in mentions if m.end <= spot and len(m.printed(plain)) > len(short)
                      and m.printed(plain).endswith(endings)]
            if before:
                zone = before[-1]
                replaced += [alias] if alias is not None else []
                added.append(Mention(spot, end, zone.ids, zone.classes, "learned" if zone.how == "new" else zone.how,
                                     zone.new_type, f"short for {zone.printed(plain)}", zone.name))
    return sorted([*(m for m in mentions if m not in replaced), *added], key=lambda m: m.start)
