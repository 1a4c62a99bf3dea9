"""Names of things an article says are being built (共建大型仪器共享服务平台, 建立了成果供给平台, 打造
具有国际竞争力的数字产业集群, 共建8个国家区域医疗中心): the object of a building verb that ends in a
class's ending is a new name of that class, though nothing known begins it; after a verb of drawing,
a list and its count, the head the count counts (绘制出…、机器人等6条产业链图谱). Elsewhere a name with
such an ending (平台, 集群, 中心) needs a known name at its start (mentions.py): 研发中心 alone is a
common noun, but what a sentence says is built is one thing the curator may want in the graph."""
from __future__ import annotations

import re

from ..schema import Schema
from .article import Article
from .mentions import NAME_CHAR, Mention, name_endings, replacing

BUILDING_VERBS = ("规划建设", "共同建设", "共建", "建设", "建成", "建立", "打造", "成立运行", "成立", "组建", "设立", "培育",
                  "绘制出", "绘制")
# verbs that put a thing on a list: their object is a name when it ends in a list's word (入选国家先进制造业集群名单)
LISTING_VERBS = ("入选", "纳入", "列入")
LIST_WORDS = ("名单", "榜单", "目录", "清单")
_VERBS = re.compile("|".join((*BUILDING_VERBS, *LISTING_VERBS)).replace("建成", "建成(?!投|后)"))  # not 建成投用的…
# what may stand between the verb and its object: 了, a count, an area (规划建设了20.18平方公里的轨道交通产业园)
_BEFORE_OBJECT = re.compile(r"(?:壮大)?了?(?:一个|一批|一座|成为)?(?:[0-9.]+(?:万|多|余)?(?:平方公里|平方米|亩|公顷)的)?")
_LONGEST_OBJECT = 18
_SHORTEST_HEAD = 3  # characters before the ending: 创新平台 is a kind, 共性技术平台 one thing
_GENERIC_HEADS = ("重点", "相关", "各类", "一些", "更多")
_COUNT = re.compile(r"[0-9一二三四五六七八九十两]+个")
# after a verb of drawing, a list of what the object is about, then its count: the object is the head
# after them (绘制出…、机器人等6条产业链图谱); after 培育…等5个 the head is a kind (千亿级产业集群), not one thing
_DRAWING = ("绘制出", "绘制")
_COUNTED_HEAD = re.compile(r"[^,，。；;:：]{2,40}?等[0-9一二三四五六七八九十两]+[条个项张]")
# words that end an object (a clause's function words); lighter than mentions.NOT_IN_NAME, whose
# 给, 有, 内 stand inside objects (成果供给平台, 具有国际竞争力的数字产业集群)
_NOT_IN_OBJECT = set("的在与和及是为把将由了到向从对等并或也都就还又已正要会能可其这那该此各每")


def _object_end(plain: str, start: int, endings: list[tuple[str, str]]) -> tuple[int, str] | None:
    """Where the object starting at start ends in a class's ending, and its type; None when it
    crosses punctuation or a function word (one 的, and a count before 个, may stand inside it)."""
    count = _COUNT.match(plain, start)
    position, of_seen = (count.end() if count else start), False
    best: tuple[int, str] | None = None
    while position < len(plain) and position - start < _LONGEST_OBJECT:
        char = plain[position]
        if char == "的" and not of_seen and position > start:
            of_seen = True
        elif not NAME_CHAR.match(char) or char in _NOT_IN_OBJECT:
            break
        position += 1
        for ending, type_key in endings:
            if plain.endswith(ending, start, position) and position - len(ending) - start >= _SHORTEST_HEAD \
                    and plain[position - len(ending) - 1] != "的":
                best = (position, type_key)
                break
    return best


def built_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with the objects of building verbs that end in a class's ending, where no name stands
    or only names that the object holds (打造京津冀世界级产业集群 holds 京津冀)."""
    plain, endings = article.plain, name_endings(schema)
    lists = [(word, key) for word, key in endings if word in LIST_WORDS]
    for sentence in article.sentences:
        for verb in _VERBS.finditer(plain, sentence.start, sentence.end):
            listing = verb.group(0) in LISTING_VERBS
            start = _BEFORE_OBJECT.match(plain, verb.end()).end()  # type: ignore[union-attr]
            found = _object_end(plain, start, lists if listing else endings)
            counted = _COUNTED_HEAD.match(plain, verb.end(), sentence.end) if verb.group(0) in _DRAWING else None
            if found is None and counted is not None:  # 绘制出…、机器人等6条|产业链图谱
                start = counted.end()
                found = _object_end(plain, start, endings)
            if found is None or found[0] > sentence.end:
                continue
            end, type_key = found
            if plain.startswith(_GENERIC_HEADS, start):
                continue  # 培育重点产业集群: a kind of thing, not one
            kept = replacing(mentions, start, end)
            if kept is None:
                continue
            mentions = kept
            mentions.append(Mention(start, end, (), frozenset({schema.types[type_key].iri}), "new", type_key,
                                    f"what {verb.group(0)} {'lists' if listing else 'builds'}",
                                    plain[start:end]))
    return sorted(mentions, key=lambda m: m.start)
