"""Who builds what a sentence says is built: the sites, clusters, projects and facilities named after a
building verb (打造, not 打造成; 培育, 汇聚起, 建成; 推进 and 抓好 with 建设 after them) are built by the first
division or zone the sentence names before the verb, outside a clause setting the scene (天津正在汇聚起
一个…组成的海洋装备产业集群; 省内…,精心培育京冀曹妃甸协同发展示范区、…、邢东新区等重点承接平台: 河北; 抢抓…机遇,
衡水高新区依托…,打造衡水科技谷); when no name at all stands before the verb, by the topic of the sentence
before (河北将…。抓好…京津冀工业互联网协同发展示范区、北戴河生命健康产业创新示范区建设). A verb in a clause
setting the scene builds nothing (在推进…建设雄安新区中彰显新担当); a joint name first is no builder, nor
the division after it (三地…打造, 京冀两地与保定共同打造: co-built, by_name.py and the patterns); a
policy is not built.
A new site a county, prefecture, municipality or zone builds lies in it (满城区…规划建设了…轨道交通产业园;
天津正在汇聚起…海洋装备产业集群); one a province (省) builds does not say where: the province builds through
its cities, and a curator places the site in one of them."""
from __future__ import annotations

import re

from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .by_name import within
from .coreference import Context, is_site
from .mentions import Mention, fits
from .rules import Found, clause_end, in_adverbial

_BUILDS = re.compile(r"精心培育|培育壮大|培育|打造(?!成|为)|汇聚起|建成(?!投|后)|(推进|抓好)(?=[^,，;；。]*建设)")
_BUILT = frozenset({JJJ.Zone, JJJ.Cluster, JJJ.Platform, JJJ.Project, JJJ.Facility})  # a park is a zone
_BUILDERS = frozenset({JJJ.AdministrativeDivision, JJJ.Zone})


def _builder(names: list[Mention], schema: Schema) -> Mention | None:
    """The first of names that is a division or a zone, if it is one of them (a joint name builds
    nothing alone: 京冀两地与保定共同打造… is not 保定's)."""
    first = next((m for m in names if fits(m, _BUILDERS, schema)), None)
    return first if first is not None and len(first.ids) <= 1 else None


def built_by_topic(article: Article, mentions: list[Mention], schema: Schema,
                   context: dict[int, Context]) -> list[Found]:
    """built_by the builder (see the module's text) for each site, cluster, project or facility named in
    the clause after a building verb."""
    plain, found = article.plain, []
    for sentence in article.sentences:
        if sentence.credit:
            continue
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        for match in _BUILDS.finditer(plain, sentence.start, sentence.end):
            if in_adverbial(plain, match.start(), sentence.start):
                continue  # 在推进…建设雄安新区中彰显新担当: the scene, not what is said
            end = clause_end(plain, match.end(), sentence.end)
            built = [m for m in inside if match.end() <= m.start and m.end <= end and is_site(m, schema, _BUILT)]
            before = [m for m in inside if m.end <= match.start() and not in_adverbial(plain, m.start, sentence.start)]
            builder = _builder(before, schema) if before else _builder(context[sentence.start].topics[:1], schema)
            if built and builder is not None:
                found.append(Found("built_by", built, [builder], sentence, f"built ({match.group(0)}) by the topic",
                                   None, [], "O" if before else "SO"))
    return found


def located_where_built(found: list[Found], seeds: Seeds) -> list[Found]:
    """located_in its builder for each new site a built_by of found (a pattern's or the topic's) says a
    county, prefecture, municipality or zone builds (see the module's text), unless found already places
    it where the builder is not (北京市投资建设的雄安测维中学项目: in 雄安新区, by its name)."""
    located, placed = [], {}
    for hit in (h for h in found if h.relation == "located_in"):
        for site in (m for m in hit.subjects if not m.ids):
            placed.setdefault(site.name, set()).update(i for m in hit.objects for i in m.ids)
    for hit in (h for h in found if h.relation == "built_by"):
        builders = [m for m in hit.objects if len(m.ids) == 1 and m.ids[0] in seeds.entities]
        for builder in builders:
            ident = builder.ids[0]
            entity = seeds.entities[ident]
            sites = [m for m in hit.subjects if not m.ids and all(  # where found places it, the builder is too
                p == ident or (p in seeds.entities and within(ident, p, seeds)) for p in placed.get(m.name, ()))]
            if sites and entity.type in ("prefecture", "county", "zone", "province") and not entity.zh.endswith("省"):
                located.append(Found.named("located_in", sites, [builder], hit.sentence, "a new site lies where its builder is"))
    return located
