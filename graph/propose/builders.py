"""Who builds what a sentence says is built: the sites, clusters and projects named after a building
verb (打造, 培育, 汇聚起, 建成; 推进 and 抓好 with 建设 after them) are built by the first division or
zone the sentence names before the verb, outside a clause setting the scene (天津正在汇聚起一个…组成的
海洋装备产业集群; 省内…,精心培育京冀曹妃甸协同发展示范区、…、邢东新区等重点承接平台: 河北; 抢抓…机遇,
衡水高新区依托…,打造衡水科技谷), else by the topic of the sentence before (河北将…。抓好…京津冀工业互联网
协同发展示范区、北戴河生命健康产业创新示范区建设). A verb in a clause setting the scene builds nothing
(在推进…建设雄安新区中彰显新担当); a joint name is no builder (三地…打造: co-built, by_name.py and the
patterns), nor is a policy built."""
from __future__ import annotations

import re

from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .coreference import Context
from .mentions import Mention, fits
from .rules import Found, in_adverbial

_BUILDS = re.compile(r"精心培育|培育壮大|培育|打造|汇聚起|建成(?!投|后)|(推进|抓好)(?=[^,，;；。]*建设)")
_BUILT = frozenset({JJJ.Zone, JJJ.Cluster, JJJ.Platform, JJJ.Project, JJJ.Facility})  # a park is a zone
_BUILDERS = frozenset({JJJ.AdministrativeDivision, JJJ.Zone})


def _builder(names: list[Mention], schema: Schema) -> Mention | None:
    return next((m for m in names if fits(m, _BUILDERS, schema) and len(m.ids) <= 1), None)


def built_by_topic(article: Article, mentions: list[Mention], schema: Schema,
                   context: dict[int, Context]) -> list[Found]:
    """built_by the topic for each site, cluster or project named in the clause after a building verb."""
    plain, found = article.plain, []
    for sentence in article.sentences:
        if sentence.credit:
            continue
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        for match in _BUILDS.finditer(plain, sentence.start, sentence.end):
            if in_adverbial(plain, match.start(), sentence.start):
                continue  # 在推进…建设雄安新区中彰显新担当: the scene, not what is said
            end = min((at for mark in ",，;；" if (at := plain.find(mark, match.end(), sentence.end)) >= 0),
                      default=sentence.end)
            built = [m for m in inside if match.end() <= m.start and m.end <= end and fits(m, _BUILT, schema)
                     and len(m.ids) <= 1]
            before = [m for m in inside if m.end <= match.start() and not in_adverbial(plain, m.start, sentence.start)]
            topic = _builder(before, schema) if before else _builder(context[sentence.start].topics[:1], schema)
            if built and topic is not None:
                found.append(Found("built_by", built, [topic], sentence, f"built ({match.group(0)}) by the topic",
                                   None, [], "S" if before else "section"))
    return found
