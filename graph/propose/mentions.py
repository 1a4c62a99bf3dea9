"""Names in an article: the registry's (gazetteer.py: labels, aliases, divisions' short forms,
industries; one Aho–Corasick pass, longest match first), the joint names of the three (京津冀, 京津,
三地), short forms the article itself sets up, and names the registry does not know (by the endings
the ontology lists for each class); the shared tests of what a name may hold (in_name) and where a
new name may stand (replacing, covered). Names the article's layout marks are in lists.py, built.py
and quoted.py; short forms of new firms in short_forms.py; coreference in coreference.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..checks import class_of
from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article, Sentence
from .gazetteer import DIVISION_TYPES, Gazetteer

PLACE_TYPES = (*DIVISION_TYPES, "zone")  # what a name may hold as its place: a zone too (雄安新区)
JOINT_NAMES = {"京津冀": ("beijing", "tianjin", "hebei"), "三地": ("beijing", "tianjin", "hebei"),
               "京津": ("beijing", "tianjin"), "津冀": ("tianjin", "hebei"), "京冀": ("beijing", "hebei")}
FIRM_TYPES = ("company", "organization", "research_institute", "university")
LIST_MARKS = "、和及与"  # what joins the items of a list
PLAN_WORDS = ("布局", "格局", "体系", "体制", "机制", "模式")  # what ends a plan's name (…的空间布局, 产业协同创新机制)
# regions a firm names its units by (凌云股份华北公司, 圆通速递北方总部基地二期项目)
REGIONS = ("华北", "华东", "华南", "华中", "西北", "西南", "东北", "北方", "南方")
NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·（）()]")
NOT_IN_NAME = set("的在与和及是为把将由了到向从对等距离听使让被给跟而并或也都就还又已正要会能可于其这那该此各每以后内来去说称有多余近约")
# function words no listed name holds (a list's items stand whole: 中国华能, 环首都; of NOT_IN_NAME, those no
# name ever takes, where a name running left must stop at 能 or 都 too)
FUNCTION_WORDS = set("的在与和及是为把将由了到向从对等并或也就还又已正要其这那该此各每被给让使")
_PLACES_BEFORE_IN = set("这那哪公城园区场田家村心厂院")  # 这里, 园里, 公里: 里 is "in" or a unit after them
_CLASSIFIERS = set("个家所")  # after a count (46家, 8个) they end a name; elsewhere they stand in one (郭家沟, 国家)
_COUNT_CHARS = set("0123456789一二三四五六七八九十百千万两几多余数")


# verbs a name never holds: a name running left stops after them (进入|国家医保局, 吸引|枫叶教育)
VERBS = ("进入", "参与", "吸引", "引进", "引入", "包括", "推进", "推动", "培育", "打造", "建设", "形成", "汇聚", "集聚",
         "聚集", "拥有", "涵盖", "支持", "依托", "对接", "连接", "签约", "实施", "布局", "覆盖", "入选", "加入", "成立",
         "组建", "设立", "建立", "共建", "落户", "入驻", "联合", "成立运行")


def in_name(plain: str, at: int) -> bool:
    """Whether the character at `at` may stand inside a name that runs left over it: a name character,
    not a function word, not the end of a verb, not a classifier after a count (46家)."""
    char = plain[at]
    if not NAME_CHAR.match(char) or char in NOT_IN_NAME or plain.endswith(VERBS, 0, at + 1):
        return False
    if char == "里" and (at == 0 or plain[at - 1] in _PLACES_BEFORE_IN):
        return False  # 这里, 园里, 公里: "in" or a unit; after another word a place's name (春山里片区)
    return char not in _CLASSIFIERS or at == 0 or plain[at - 1] not in _COUNT_CHARS
_LONGEST_NEW_NAME = 24
_Named = TypeVar("_Named")  # what a match names: a form, or ids
# common words that end in a class's ending (布局 in 局, 展厅 in 厅): no name ends in them
_COMMON_WORDS = ("乡村", "农村", "城乡", "城镇", "乡镇", "村镇", "家乡", "布局", "格局", "大局", "全局", "开局", "结局", "变局", "当局", "大厅", "展厅", "餐厅", "前线", "一线", "路线",
                 "底线", "红线", "主线", "防线", "在线", "上线", "热线", "战线", "界线", "视线", "全线")
# words no name holds (北京地区项目, 各类园区): a place's region or a kind, not one thing
_GENERIC_WORDS = ("地区", "各类", "各地", "相关", "一批", "多个", "等地")
# endings that make a name on their own (诚融科技有限公司); any other (中心, 基地, 项目) only after a known name
_PROPER_ENDINGS = ("company", "research_institute", "university", "alliance", "government_body", "place")
OPENING_QUOTES, CLOSING_QUOTES = "“\"「‘『", "”\"」’』"
POLICY = frozenset({JJJ.PolicyFrame})
SHORT_FORM = re.compile(r"[（(](?:以下)?简称[“\"]?([^”\"）)]{2,12})[”\"]?[）)]")


@dataclass
class Mention:
    start: int  # offsets in the article's text
    end: int
    ids: tuple[str, ...]  # registry ids (several for 京津冀); empty for a new name
    classes: frozenset[URIRef]  # the class of each id, or the guessed class of a new name
    how: str  # gazetteer, joint, learned, new, coreference
    new_type: str | None = None  # for a new name: the guessed type key
    evidence: str = ""
    name: str | None = None  # for a new name, its short form or a phrase standing for it: the new name in full
    completion: tuple[int, int] | None = None  # a word printed apart that ends a new name (工程 of “农品进京”…四大工程)
    group: bool = False  # a new name for a counted group of bodies (300余所京津学校), not one body
    lead: tuple[int, int] | None = None  # a whole printed before that begins this part's name (…河北中心、雄安中心)
    whole: tuple[Mention, Mention | None] | None = None  # a part's whole (or firm), and the division it lies in

    @property
    def quoted(self) -> bool:
        """A new name printed in quotation marks (“农品进京”): such names side by side are a list."""
        return self.name is not None and self.name[:1] in OPENING_QUOTES and any(q in self.name for q in CLOSING_QUOTES)

    @property
    def key(self) -> str:
        return ",".join(self.ids)

    @classmethod
    def place(cls, start: int, end: int, ids: tuple[str, ...]) -> Mention:
        """A registry place a rule reads off a name or a phrase (the 满城区 of 满城区轨道交通产业园)."""
        return cls(start, end, ids, frozenset({JJJ.Place}), "gazetteer")

    def printed(self, plain: str) -> str:
        """The name in full: a new name's own (for its short form or a phrase standing for it), else as printed."""
        return self.name or plain[self.start:self.end]


def ids_named(form: str, names: Gazetteer) -> tuple[str, ...]:
    """The ids form names: a joint name's members (京津 → 北京, 天津), else the registry's; () for none."""
    return JOINT_NAMES.get(form) or tuple(names.by_name.get(form, ()))


def joint_before(name: str) -> str:
    """The longest joint name name begins with (京津冀, not 京津), or ''."""
    return max((j for j in JOINT_NAMES if name.startswith(j)), key=len, default="")


def joint_members(mention: Mention, name: str, at_end: bool = False) -> Mention | None:
    """The members of the joint name mention's name (as printed: name) begins with (or, at_end, ends
    with), as a mention of them there (京津冀衔接干线公路网, 轨道上的京津冀: 北京, 天津, 河北); None when it
    has none there, or 三地 (三地产业链: the three's chains, a phrase, not a name's part)."""
    joint = max((j for j in JOINT_NAMES if name.endswith(j)), key=len, default="") if at_end else joint_before(name)
    if not joint or joint == "三地":
        return None
    start = mention.end - len(joint) if at_end else mention.start
    return Mention(start, start + len(joint), JOINT_NAMES[joint], frozenset({JJJ.Place}), "joint")


def with_wholes(mention: Mention) -> list[Mention]:
    """The mention after its whole (or firm: parts.py), and that one's whole before it."""
    return [*with_wholes(mention.whole[0]), mention] if mention.whole else [mention]


def fits(mention: Mention, allowed: frozenset[URIRef], schema: Schema) -> bool:
    """Every class of mention is one of allowed or below one (a joint name: each member's class)."""
    return bool(mention.classes) and all(schema.is_a(cls, allowed) for cls in mention.classes)


def class_words(schema: Schema, annotation: URIRef) -> list[tuple[str, str]]:
    """(word, type key) from a comma-separated annotation of each class (jjj:nameSuffixes,
    jjj:kindWords), longest word first."""
    words = []
    for key, etype in schema.types.items():
        for listed in schema.graph.objects(etype.iri, annotation):
            words += [(word.strip(), key) for word in str(listed).split(",") if word.strip()]
    return sorted(words, key=lambda pair: (-len(pair[0]), pair[0]))


def name_endings(schema: Schema) -> list[tuple[str, str]]:
    """(ending, type key) from the ontology's jjj:nameSuffixes, longest ending first."""
    return class_words(schema, JJJ.nameSuffixes)


def longest_first(found: list[tuple[int, int, _Named]]) -> list[tuple[int, int, _Named]]:
    """Non-overlapping matches (start, end, what they name), the longest (then leftmost) kept first."""
    taken: list[tuple[int, int, _Named]] = []
    used = bytearray(max((end for _, end, _ in found), default=0) + 1)
    for start, end, name in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not any(used[start:end]):
            taken.append((start, end, name))
            used[start:end] = b"\x01" * (end - start)
    return sorted(taken)


def _overlapped_head(plain: str, start: int, end: int, names: Gazetteer) -> int:
    """Where a registry name that the known name at start..end overlapped (and lost to) begins:
    京津冀新一代信息技术应用创新集群 kept 信息技术应用创新 over 新一代信息技术, whose 新一代 belongs to the name."""
    for size in range(4, 0, -1):
        if start - size >= 0 and any(plain[start - size:cut] in names.by_name for cut in range(start + 1, end)):
            return start - size
    return start


def _new_names(plain: str, sentence: Sentence, taken: list[tuple[int, int]],
               endings: list[tuple[str, str]], names: Gazetteer,
               industries: set[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Names ending in a class's ending that no registry name covers: (start, end, type, ending).
    The name runs left from its ending over name characters, stopping at a function word; a known
    place at its start stays inside it (满城区轨道交通产业园); a firm's name runs on over an industry
    word (industries: their spans) to the brand before it (北京奔驰汽车有限公司)."""
    found = []
    text = plain[sentence.start:sentence.end]
    for ending, type_key in endings:
        for match in re.finditer(re.escape(ending), text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s <= start and end <= e for s, e in taken) or plain.endswith(_COMMON_WORDS, 0, end):
                continue  # the ending is part of a known name (雄安新区), or of a common word (布局)
            starts_known = False
            while start > sentence.start and end - start < _LONGEST_NEW_NAME and in_name(plain, start - 1):
                known = next((s for s, e in taken if e == start), None)
                if known is not None and type_key in _PROPER_ENDINGS and (
                        (known, start) in industries or (known > 0 and plain[known - 1] in "(（" and plain[start] in ")）")):
                    start = known - (known > 0 and plain[known - 1] in "(（")  # 蓝箭鸿擎(雄安)空间科技有限公司
                    continue
                if known is not None:  # a name begins with known names (满城区轨道交通产业园, 京津冀集成电路集群)
                    start, starts_known = _overlapped_head(plain, known, start, names), True
                    while (further := next((s for s, e in taken if e == start - (plain[start - 1] == "·")), None)) is not None:
                        start = further  # 北京·沧州渤海新区生物医药产业园: a dot may join known names
                    break
                start -= 1
            start += plain[start] in "(（"  # (国家航天局): the bracket opens around the name
            if end - start - len(ending) < 2 or any(word in plain[start:end] for word in _GENERIC_WORDS):
                continue
            if type_key not in _PROPER_ENDINGS and not starts_known and not any(
                    2 <= plain.find(region, start, end) - start for region in REGIONS):
                continue  # 研发中心, 重点项目: a common noun, not a name; a firm's unit in a region is one (parts.py)
            found.append((start, end, type_key, ending))
    return found


def covered(plain: str, mentions: list[Mention]) -> bytearray:
    """One byte per character of plain (and one past its end), 1 where a name stands."""
    taken = bytearray(len(plain) + 1)
    for mention in mentions:
        taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
    return taken


def replacing(mentions: list[Mention], start: int, end: int) -> list[Mention] | None:
    """mentions without the names inside start..end, for a new name standing there (北京现代 holds
    北京); None when a name already stands exactly there, or one only partly overlaps it."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if any(m.start == start and m.end == end for m in inside) or any(
            m.start < end and start < m.end and m not in inside for m in mentions):
        return None
    return [m for m in mentions if m not in inside]


def find_mentions(article: Article, seeds: Seeds, schema: Schema, names: Gazetteer) -> list[Mention]:
    """Every name in the article, in order of where it starts; overlapping names resolved longest first."""
    plain = article.plain
    matches = names.spans(plain)
    for joint in JOINT_NAMES:
        matches += [(m.start(), m.end(), joint) for m in re.finditer(joint, plain)]
    matches += _learned(plain, names)
    kept = longest_first(matches)
    endings = name_endings(schema)
    mentions: list[Mention] = []
    for start, end, name in kept:
        if name in JOINT_NAMES:
            ids = JOINT_NAMES[name]
            how = "joint"
        else:
            ids = names.by_name[name]
            how = "gazetteer"
        mentions.append(Mention(start, end, ids, frozenset(c for c in (class_of(seeds, schema, i) for i in ids) if c is not None), how))
    spans = [(m.start, m.end) for m in mentions]
    industries = {(m.start, m.end) for m in mentions if m.classes == {SKOS.Concept}}
    new: list[tuple[int, int, str]] = []
    for sentence in article.sentences:
        for start, end, type_key, ending in _new_names(plain, sentence, spans, endings, names, industries):
            new.append((start, end, f"{type_key}\t{ending}"))
    # a new name may begin with a known place (满城区轨道交通产业园): it replaces the names inside it
    for start, end, tag in longest_first(new):
        type_key, ending = tag.split("\t")
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if any(m.end == end for m in inside):
            continue  # the ending belongs to a known name (石家庄高新区)
        mentions = [m for m in mentions if m not in inside]
        mentions.append(Mention(start, end, (), frozenset({schema.types[type_key].iri}), "new", type_key,
                                f"ends in {ending}", plain[start:end]))
    mentions.sort(key=lambda m: m.start)
    return _resolve_ambiguous(mentions, seeds)


def _learned(plain: str, names: Gazetteer) -> list[tuple[int, int, str]]:
    """Short forms the article sets up: 全称（以下简称“X”）, registered for the full name before it."""
    found = []
    for match in SHORT_FORM.finditer(plain):
        short = match.group(1)
        before = [name for name in names.by_name if plain.endswith(name, 0, match.start())]
        if before and short not in names.by_name:
            full = max(before, key=len)
            names.by_name[short] = names.by_name[full]
            found += [(m.start(), m.end(), short) for m in re.finditer(re.escape(short), plain) if m.start() > match.start()]
    return found


def _resolve_ambiguous(mentions: list[Mention], seeds: Seeds) -> list[Mention]:
    """A name of several registry ids (not a joint name) keeps the id whose prefecture or province the
    article names; with none or several such, it is dropped rather than guessed."""
    named = {i for m in mentions if len(m.ids) == 1 for i in m.ids}
    kept = []
    for mention in mentions:
        if mention.how == "gazetteer" and len(mention.ids) > 1:
            settled = [i for i in mention.ids if set(seeds.entities[i].located_in) & named] if all(
                i in seeds.entities for i in mention.ids) else []
            if len(settled) != 1:
                continue
            mention.ids = (settled[0],)
            mention.classes = frozenset(list(mention.classes)[:1])
        kept.append(mention)
    return kept
