"""How `jjjkg propose` reads sentences, one rule at a time, on short articles written for the tests:
facts a new name states by itself, {pair} patterns, names modifying names, joint names, credit lines."""
from __future__ import annotations

from conftest import ROOT, propose_registry
from graph.propose import SourceMeta, article_of_text, propose
from graph.propose.article import is_credit


def _facts(body: str) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    """(subject, relation, object) of each candidate fact, and the new names by id."""
    seeds, schema = propose_registry()
    draft = propose(article_of_text("测试标题\n" + body + "\n", "test.txt"), seeds, schema,
                    SourceMeta("t", "测试标题", "t.txt", "t.txt"))
    return {(f["subject"], f["relation"], f["object"]) for f in draft["facts"]}, \
        {e["zh"]: e["id"] for e in draft["entities"]}


def test_a_new_park_lies_in_the_most_specific_division_its_name_begins_with() -> None:
    facts, new = _facts("一批企业落户天津滨海集成电路产业园。")
    park = new["天津滨海集成电路产业园"]
    assert (park, "located_in", "binhai") in facts, facts
    assert (park, "located_in", "tianjin") not in facts, "滨海新区 lies in 天津: the deeper one wins"
    assert (park, "in_industry", "integrated-circuits") in facts, "the name holds 集成电路"


def test_a_firm_is_not_located_by_its_name() -> None:
    facts, new = _facts("北京测维精工科技有限公司是一家装备企业。")
    firm = new["北京测维精工科技有限公司"]
    assert not [f for f in facts if f[0] == firm and f[1] == "located_in"], "a firm's name says where it was registered"


def test_a_pair_pattern_relates_the_members_of_a_joint_name_once_each() -> None:
    facts, _ = _facts("三地在科技成果转化等方面加强合作。")
    cooperation = {f for f in facts if f[1] == "cooperates_with"}
    assert {frozenset((s, o)) for s, _, o in cooperation} == {
        frozenset(p) for p in (("beijing", "tianjin"), ("beijing", "hebei"), ("tianjin", "hebei"))}
    assert len(cooperation) == 3, "a symmetric relation once per pair, not both ways"


def test_a_name_right_before_another_modifies_it() -> None:
    facts, new = _facts("三地联合共建的京津冀测维装备集群、京津冀测试材料集群入选名单。")
    clusters = {new["京津冀测维装备集群"], new["京津冀测试材料集群"]}
    built = {f for f in facts if f[1] == "co_built_by"}
    assert {(c, "co_built_by", p) for c in clusters for p in ("beijing", "tianjin", "hebei")} <= built
    assert not {f for f in built if f[0] in ("beijing", "tianjin", "hebei")}, built


def test_a_name_is_not_related_with_a_joint_name_holding_it() -> None:
    facts, _ = _facts("北京的创新成果正加速在京津冀落地转化。")
    assert not [f for f in facts if f[0] == "beijing" and f[2] in ("tianjin", "hebei")], facts


def test_credit_lines_give_no_facts() -> None:
    assert is_credit("天津海河传媒中心记者 李书祺:") and is_credit("凡注有电头的作品,版权均为本网所有")
    assert not is_credit("恒力精工已落户满城区轨道交通产业园")
    facts, _ = _facts("保定测维精工产业园主任 张三：\n园区已引进多家企业。")
    assert not [f for f in facts if f[1] == "located_in"], facts


def test_a_list_is_never_cut_at_its_head() -> None:
    facts, _ = _facts("推动雄安新区和北京城市副中心“两翼”联动发展。")
    assert {("xiongan", "role_in", "two-wings"), ("beijing-sub-center", "role_in", "two-wings")} <= facts, facts


def test_a_gap_stays_inside_its_clause() -> None:
    within, new = _facts("北京测维研究院积极推动京津冀协同发展。")
    institute = new["北京测维研究院"]
    assert (institute, "implements_policy", "jjj-coordinated-development") in within
    across, _ = _facts("北京测维研究院发布年度报告,全社会推动京津冀协同发展。")
    assert not [f for f in across if f[1] == "implements_policy"], across


def test_traditional_amounts_read_as_the_ontology_s_units_with_their_words_as_printed() -> None:
    from graph.propose import read_article

    seeds, schema = propose_registry()
    article = read_article(ROOT / "tests" / "fixtures" / "propose" / "article-traditional.txt")
    draft = propose(article, seeds, schema, SourceMeta("t", "京冀產業協作再添新例", "t.txt", "t.txt", None, "2026-03-01"))
    value = next(v for v in draft["observations"] if v["indicator"] == "tech-contract-turnover-absorbed")
    assert (value["value"], value["unit"], value["bound"]) == ("50", "亿元", "more_than"), "億元 is the unit 亿元"
    assert value["period_text"] == "今年以來" and value["quote"] in article.text


def test_a_quoted_slogan_that_counts_is_a_new_policy() -> None:
    facts, new = _facts("三地以“七链六群”为重点引导产业布局，打造“测试”品牌。")
    slogan = new["“七链六群”"]
    assert {("beijing", "implements_policy", slogan), ("tianjin", "implements_policy", slogan),
            ("hebei", "implements_policy", slogan)} <= facts, facts
    assert "“测试”" not in new, "a quoted word that does not count is no slogan"


def test_it_and_this_park_stand_for_the_last_site_named() -> None:
    seeds, schema = propose_registry()
    article = article_of_text("测试标题\n我现在是在保定测维装备产业园,它是由京冀两地共建的园区。\n", "test.txt")
    draft = propose(article, seeds, schema, SourceMeta("t", "测试标题", "t.txt", "t.txt"))
    park = next(e["id"] for e in draft["entities"] if e["zh"] == "保定测维装备产业园")
    built = [f for f in draft["facts"] if f["relation"] == "co_built_by"]
    assert {(f["subject"], f["object"]) for f in built} == {(park, "beijing"), (park, "hebei")}
    assert all("它 → 保定测维装备产业园" in f["evidence"] for f in built)


def test_the_items_of_a_list_closed_by_a_kind_word_are_new_names() -> None:
    _, new = _facts("河北多家企业进入测维精工、华测汽车、小橙出行等京津整车厂供应链。")
    assert {"测维精工", "华测汽车", "小橙出行"} <= set(new), new
    assert "进入测维精工" not in new, "the first item starts after the verb that opens the list"
    _, new = _facts("园区吸引测维教育、华测文化产业园等优质项目签约落地。")
    assert {"测维教育", "华测文化产业园"} <= set(new), new


def test_a_list_closed_by_a_word_that_is_no_kind_gives_no_names() -> None:
    _, new = _facts("三地聚焦测维制造、华测物流等重点领域。")
    assert not {"测维制造", "华测物流"} & set(new), new


def test_a_quoted_name_with_a_class_ending_is_a_name_wherever_the_article_writes_it() -> None:
    seeds, schema = propose_registry()
    body = "测试标题\n蓟州区规划建设一个测维承接平台。\n他说：“这些片区组成了‘测维承接平台’建设区域。”测维精工有限公司已落户这个平台。\n"
    draft = propose(article_of_text(body, "t.txt"), seeds, schema, SourceMeta("t", "t", "t.txt", "t.txt"))
    platform = next(e for e in draft["entities"] if e["zh"] == "测维承接平台")
    assert platform["type"] == "zone", "承接平台: a zone (the longest ending wins over 平台)"
    facts = {(f["subject"], f["relation"], f["object"]): f for f in draft["facts"]}
    firm = next(e["id"] for e in draft["entities"] if e["zh"] == "测维精工有限公司")
    assert (firm, "hosted_by", platform["id"]) in facts, "这个平台 stands for the quoted platform"


def test_a_quoted_term_after_a_list_names_its_kind_not_a_thing() -> None:
    _, new = _facts("蓟州区打造了蓝莓、草莓等鲜果“采摘园区”。")
    assert "采摘园区" not in new, new


def test_a_quoted_name_before_the_word_for_a_programme_is_a_policy() -> None:
    seeds, schema = propose_registry()
    draft = propose(article_of_text("测试标题\n蓟州区今年重点实施“测维进京”工程。\n", "t.txt"), seeds, schema,
                    SourceMeta("t", "t", "t.txt", "t.txt"))
    policy = next(e for e in draft["entities"] if e["zh"] == "“测维进京”工程")
    assert policy["type"] == "policy"
    assert ("tianjin-jizhou", "implements_policy", policy["id"]) in {
        (f["subject"], f["relation"], f["object"]) for f in draft["facts"]}


def test_a_firm_name_runs_over_an_industry_word_and_a_place_in_brackets() -> None:
    _, new = _facts("测维股份为北京华测汽车有限公司试制样品。华测(雄安)空间科技有限公司已成立。")
    assert {"北京华测汽车有限公司", "华测(雄安)空间科技有限公司"} <= set(new), new


def test_the_nearest_subject_is_skipped_when_it_is_the_object_itself() -> None:
    facts, _ = _facts("河北在对接京津、服务京津中加快发展自己。")
    assert {("hebei", "serves", "beijing"), ("hebei", "serves", "tianjin")} <= facts, facts


def test_what_a_sentence_says_is_built_is_a_new_name_though_nothing_known_begins_it() -> None:
    _, new = _facts("河北会同多家院所建立了测维供给平台。共建8个测维医疗中心。建成测东最大蔬菜供应基地。")
    assert {"测维供给平台", "8个测维医疗中心", "测东最大蔬菜供应基地"} <= set(new), new
    _, new = _facts("测维区已建成投用的测甲蔬菜供应基地扩产。")
    assert not [n for n in new if n.startswith("投用")], new
    _, new = _facts("河北将培育重点产业集群。")
    assert "重点产业集群" not in new, "a kind of thing, not one"


def test_a_subject_left_out_is_the_topic_of_the_sentence_before() -> None:
    facts, new = _facts("蓟州区积极打通农品进京渠道。目前已与测维精工、华测超市等商超建立合作关系。")
    firms = {new["测维精工"], new["华测超市"]}
    assert {("tianjin-jizhou", "market_channel", firm) for firm in firms} <= facts, facts


def test_a_name_holds_a_classifier_but_not_after_a_count_nor_a_verb() -> None:
    _, new = _facts("两公里外的测维家沟景区，46家测维精工有限公司进入国家测维局名录。")
    assert {"测维家沟景区", "国家测维局"} <= set(new), new
    assert not [name for name in new if name.startswith(("46家", "家测维", "进入"))], new


def test_items_of_a_list_that_end_alike_are_names() -> None:
    _, new = _facts("选取具有交通功能的测维站片区、具有人口集聚能力的华测城片区，组成承接区域。")
    assert {"测维站片区", "华测城片区"} <= set(new), new
    _, new = _facts("测维站片区很大。华测城片区也很大。")
    assert not {"测维站片区", "华测城片区"} & set(new), "片区 alone, outside a list, needs a known name before it"


def test_a_new_name_beginning_with_a_known_zone_lies_in_it() -> None:
    facts, new = _facts("一批企业落户雄安新区测维科技园。")
    assert (new["雄安新区测维科技园"], "located_in", "xiongan") in facts, facts


def test_quoted_programmes_counted_together_are_policies_named_with_the_word_after_their_count() -> None:
    facts, new = _facts("测试区的“2+3”工程，即规划建设一个测维承接平台，深入实施“测维引领”“测试进京”“测维共享”三大工程。")
    programmes = [new.get(f"“{name}”工程") for name in ("测维引领", "测试进京", "测维共享")]
    assert all(programmes), new
    whole = new["“2+3”工程"]
    assert {(p, "part_of", whole) for p in programmes} <= facts, "…… crosses the clauses up to 实施"
    assert (new["测维承接平台"], "part_of", whole) in facts, facts


def test_quoted_terms_side_by_side_without_a_count_after_them_are_not_programmes() -> None:
    _, new = _facts("测试区提出“测维引领”“测试进京”的口号。")
    assert not [name for name in new if "测维引领" in name], new


def test_the_builder_left_out_is_the_sentence_s_topic_not_a_name_setting_the_scene() -> None:
    facts, new = _facts("作为京冀两地落实测试战略的重大项目,保定市满城区以测维项目为中心,规划建设了12.5平方公里的测维装备产业园。")
    park = new["测维装备产业园"]  # the object of 规划建设, past a count and an area
    built = {f for f in facts if f[1] == "built_by"}
    assert built == {(park, "built_by", "mancheng")}, "not 京冀 (作为…), not 保定市 (it modifies 满城区)"


def test_a_name_after_a_list_of_industries_closed_by_deng_is_in_them() -> None:
    facts, new = _facts("作为重点承接生物医药、新型测试等产业的保定测维经济开发区，已签约项目13个。")
    assert (new["保定测维经济开发区"], "in_industry", "biomedicine") in facts, facts


def test_a_link_named_by_two_abbreviations_connects_both_places() -> None:
    facts, new = _facts("京保高速公路全线通车,津雄二城际开工。")
    jingbao, jinxiong = new["京保高速公路"], new["津雄二城际"]
    assert {(jingbao, "connects", "beijing"), (jingbao, "connects", "baoding")} <= facts, "保定市, the highest level"
    assert {(jinxiong, "connects", "tianjin"), (jinxiong, "connects", "xiongan")} <= facts, "a new area before 雄县"


def test_an_abbreviation_stands_for_the_place_the_article_names() -> None:
    facts, new = _facts("承德县交通提速,京承铁路开工。")
    link = new["京承铁路"]
    assert (link, "connects", "chengde-county") in facts and (link, "connects", "chengde") not in facts, facts


def test_a_link_whose_name_begins_with_a_joint_name_is_not_abbreviated() -> None:
    facts, _ = _facts("京津冀衔接干线公路网越织越密。")
    assert not [f for f in facts if f[1] == "connects"], facts


def test_items_of_a_list_each_with_its_own_modifier_make_up_what_they_form() -> None:
    facts, new = _facts("我们科学选取具有交通功能的测维站片区、具有人口集聚能力的测试城片区、具有一定产业基础的春水里片区，"
                        "组成了规划面积35平方公里的‘测维承接平台’建设区域。")
    whole = new["测维承接平台"]
    parts = {new["测维站片区"], new["测试城片区"], new["春水里片区"]}  # 里 in a place's name, not "in" (这里) nor a unit (公里)
    assert {(p, "part_of", whole) for p in parts} <= facts, facts


def test_li_after_a_word_for_a_place_or_a_unit_ends_a_name() -> None:
    _, new = _facts("这座测维园里的测试中心建成,距离五十公里测维产业园。")
    assert not [name for name in new if "里" in name], new


def test_what_is_built_after_a_colon_is_built_by_the_name_before_it() -> None:
    facts, new = _facts("吸引更多京津科技成果到河北孵化转化:共建测维成果转化中心等3个促转平台。")
    assert (new["测维成果转化中心"], "co_built_by", "hebei") in facts, facts
    facts, new = _facts("河北与京津共建创新平台、共享创新资源,吸引更多科技成果到河北转化:共建测维成果转化中心等5个促转平台,"
                        "会同9家高校院所建立了测维成果供给平台。")
    center = new["测维成果转化中心"]
    assert {(center, "co_built_by", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts
    assert not [f for f in facts if f[0] == center and f[2] not in ("beijing", "tianjin", "hebei")], \
        "the builders stand before the colon, not after the centre"


def test_a_numbered_point_relates_the_places_and_industries_of_its_sentences_to_the_policy_its_head_names() -> None:
    facts, new = _facts("一是加快构建雄安测维都市圈。推动保定与廊坊共同发展,促进高端装备、生物医药等产业发展。\n唐山加快发展。\n"
                        "二是推动测试工作。鼓励京津合作,北京加强研发。")
    policy = new["雄安测维都市圈"]
    assert {("baoding", "role_in", policy), ("langfang", "role_in", policy),
            (policy, "in_industry", "high-end-equipment"), (policy, "in_industry", "biomedicine")} <= facts, facts
    assert not [f for f in facts if f[1] == "role_in" and f[0] in ("beijing", "tianjin", "tangshan")], \
        "the next point names no policy, and a new paragraph ends the point"


def test_a_numbered_point_whose_short_head_ends_in_a_plan_word_is_a_policy() -> None:
    facts, new = _facts("一是强化在测维产业上的布局。三地积极谋划商业航天等未来产业发展。二是做好测试工作。天津发展生物医药。")
    plan = new["强化在测维产业上的布局"]
    assert (plan, "in_industry", "commercial-space") in facts, facts
    assert "做好测试工作" not in new and not [f for f in facts if f[2] == "biomedicine" and f[1] == "in_industry"
                                              and f[0] != "tianjin"], facts


def test_a_zones_generic_short_form_stands_for_the_last_zone_of_its_kind() -> None:
    facts, new = _facts("保定测维经济开发区揭牌。保定市将投资10亿元，用于提升经开区基础配套设施水平，"
                        "增强新材料、智能制造等2大产业承载能力。")
    zone = new["保定测维经济开发区"]
    assert {(zone, "in_industry", "new-materials"), (zone, "in_industry", "intelligent-manufacturing")} <= facts, facts
    assert ("baoding", "in_industry", "new-materials") not in facts, facts


def test_a_generic_short_form_in_a_list_names_zones_of_that_kind() -> None:
    facts, new = _facts("保定测维高新区揭牌。企业集中在各类园区、开发区和高新区发展新材料产业。")
    zone = new["保定测维高新区"]
    assert not [f for f in facts if f[0] == zone and f[1] == "in_industry"], facts


def test_a_counted_group_is_one_organisation_located_where_its_words_say() -> None:
    facts, new = _facts("120余所京津职业学校与河北开展合作办学。测维园区已汇聚京津冀三地150多家算力需求企业。"
                        "50多家京津等地的测试药企在保定安家。")
    schools = new["120余所京津职业学校"]
    assert {(schools, "located_in", "beijing"), (schools, "located_in", "tianjin"),
            (schools, "cooperates_with", "hebei")} <= facts, facts
    assert "京津冀三地150多家算力需求企业" in new, "a joint name right before the count belongs to the group"
    firms = new["50多家京津等地的测试药企"]
    assert not [f for f in facts if f[0] == firms and f[1] == "located_in"], "京津等地: where some came from"


def test_a_quoted_slogan_of_parallel_parts_is_a_policy_its_parts_name_the_roles_of() -> None:
    seeds, schema = propose_registry()
    draft = propose(article_of_text("测试标题\n按下“保定制造、雄安研发”快进键。要形成“两翼齐飞,测维联动”的空间格局。\n", "t.txt"),
                    seeds, schema, SourceMeta("t", "测试标题", "t.txt", "t.txt"))
    new = {e["zh"]: e["id"] for e in draft["entities"]}
    roles = {(f["subject"], f["object"]): f.get("qualifiers", {}).get("role") for f in draft["facts"] if f["relation"] == "role_in"}
    slogan, layout = new["“保定制造、雄安研发”"], new["“两翼齐飞,测维联动”的空间格局"]
    assert roles == {("baoding", slogan): "制造", ("xiongan", slogan): "研发"}, roles
    assert ("two-wings", "part_of", layout) in {(f["subject"], f["relation"], f["object"]) for f in draft["facts"]}


def test_a_new_site_lies_in_the_division_the_article_is_about() -> None:
    body = "满城区规划建设‘测维承接平台’。满城区加快发展。满城区引进企业。满城区完善配套。满城区扩大开放。建成测东最大蔬菜供应基地。"
    facts, new = _facts(body)
    assert (new["测维承接平台"], "located_in", "mancheng") in facts, facts
    assert (new["测东最大蔬菜供应基地"], "located_in", "mancheng") in facts, "a facility too"
    facts, new = _facts(body + "涿州市加快发展。涿州市引进企业。涿州市完善配套。")
    assert not [f for f in facts if f[0] == new["测维承接平台"] and f[1] == "located_in"], \
        "no home when another division is named more than half as often"


def test_sites_listed_before_receiving_platforms_receive_from_what_the_next_sentence_receives() -> None:
    facts, new = _facts("河北精心培育京冀测维协同发展示范区、测维新区等重点承接平台。全省累计承接京津转入企业4万家。\n"
                        "推进满城区等重点承接平台建设。今年天津发展迅速。")
    demo, area = new["京冀测维协同发展示范区"], new["测维新区"]
    received = {(s, o) for s, r, o in facts if r == "receiving_platform_for"}
    assert {(area, "beijing"), (area, "tianjin"), (demo, "beijing")} <= received, received
    assert (demo, "tianjin") not in received, "a 京冀 zone receives from 北京 alone"
    assert not [pair for pair in received if pair[0] == "mancheng"], "承接 names no place there or in the next sentence"


def test_parts_named_by_their_whole_and_a_place_lie_there_and_are_its_parts() -> None:
    facts, new = _facts("沧州测维示范区保定区域与廊坊区域共同探索改革。")
    whole, first, sibling = new["沧州测维示范区"], new["沧州测维示范区保定区域"], new["沧州测维示范区廊坊区域"]
    assert {(first, "part_of", whole), (first, "located_in", "baoding"),
            (sibling, "part_of", whole), (sibling, "located_in", "langfang")} <= facts, facts
    assert not [f for f in facts if f[0] == sibling and f[2] == "langfang-district"], facts


def test_a_link_segment_is_part_of_the_link_which_still_connects_its_ends() -> None:
    facts, new = _facts("京沧高速公路河北段二期工程开工。")
    link, segment = new["京沧高速公路"], new["京沧高速公路河北段二期工程"]
    assert {(segment, "part_of", link), (segment, "located_in", "hebei"),
            (link, "connects", "beijing"), (link, "connects", "cangzhou")} <= facts, facts


def test_a_firm_named_in_its_units_name_owns_the_unit_and_is_found_again() -> None:
    facts, new = _facts("在测维精工华北公司沧州工厂,一套部件刚刚下线。测维精工为北汽试制样品。")
    firm, unit, plant = new["测维精工"], new["测维精工华北公司"], new["测维精工华北公司沧州工厂"]
    assert {(firm, "subsidiary", unit), (unit, "operates", plant), (plant, "located_in", "cangzhou")} <= facts, facts
    assert not [name for name in new if name.startswith("沧州工厂")], new


def test_a_name_and_a_place_without_a_unit_word_make_no_part() -> None:
    facts, new = _facts("沧州测维示范区保定企业加快发展。")
    assert not [name for name in new if name.startswith("沧州测维示范区保定")], new
    assert not [f for f in facts if f[1] == "part_of"], facts


def test_a_firm_the_article_describes_is_a_new_firm_and_later_phrases_stand_for_it() -> None:
    facts, new = _facts("在天津滨海中关村科技园,一家全球机器人领域的“瞪羚”企业去年把总部从北京搬到天津。"
                        "这家“瞪羚”企业计划扩产。")
    firm = new["一家全球机器人领域的“瞪羚”企业"]
    assert {(firm, "in_industry", "robotics"), (firm, "hq_relocated_to", "tianjin"),
            (firm, "hosted_by", "binhai-zgc-park")} <= facts, facts
    assert not [name for name in new if name.startswith("这家")], "这家“瞪羚”企业 is the firm named before"


def test_a_described_firm_lies_in_the_division_before_its_de_and_plain_phrases_are_no_firms() -> None:
    facts, new = _facts("近期,天津的这家专精特新“小巨人”企业实现了传感器的国产化。一家企业落户滨海新区,这家企业很大。")
    firm = new["天津的这家专精特新“小巨人”企业"]
    assert (firm, "located_in", "tianjin") in facts, facts
    assert set(new) == {"天津的这家专精特新“小巨人”企业"}, "一家企业, 这家企业: no description, no new firm"


def test_what_enters_a_list_is_part_of_it() -> None:
    facts, new = _facts("京津冀测维装备集群、京津冀测试材料集群入选国家先进测维集群名单。")
    listing = new["国家先进测维集群名单"]
    assert {(new["京津冀测维装备集群"], "part_of", listing), (new["京津冀测试材料集群"], "part_of", listing)} <= facts, facts
    _, new = _facts("两个集群入选名单。")
    assert "名单" not in new, "a bare 名单 is no name"


def test_a_site_named_after_a_firm_or_a_firms_region_is_operated_by_it() -> None:
    facts, new = _facts("零部件几个小时之内就能运抵天津某车企生产基地。在廊坊永清,测维速递北方总部基地二期项目投运。")
    assert (new["天津某车企"], "operates", new["天津某车企生产基地"]) in facts, facts
    assert (new["测维速递"], "operates", new["测维速递北方总部基地二期项目"]) in facts, "a region word makes 项目 a name"
    _, new = _facts("重点项目加快建设,北方地区的研发中心投入使用。")
    assert not new, "重点项目 and 研发中心 are common nouns"


def test_numbered_points_after_a_sentence_naming_a_plan_are_parts_of_that_plan() -> None:
    facts, new = _facts("重点要形成“测维引领,两翼齐飞”的空间布局,推进京津冀产业协同发展。一是加快构建雄安测维都市圈。推动保定发展。"
                        "二是强化保定测甲都市圈地位。\n测乙经济带建设提速。\n一是加快构建唐山测丙都市圈。")
    plan = new["“测维引领,两翼齐飞”的空间布局"]
    assert {(new["雄安测维都市圈"], "part_of", plan), (new["保定测甲都市圈"], "part_of", plan)} <= facts, facts
    assert not [f for f in facts if f[0] == new["唐山测丙都市圈"] and f[1] == "part_of"], \
        "the sentence before these points names no policy"
    assert (new["雄安测维都市圈"], "part_of", "jjj-industrial-coordination") not in facts, "the first policy named is the plan"


def test_a_new_policy_whose_name_begins_with_a_known_policy_is_part_of_it() -> None:
    facts, new = _facts("三是探索产业协同测维机制。")
    assert (new["产业协同测维机制"], "part_of", "jjj-industrial-coordination") in facts, facts


def test_a_long_gap_spans_a_sentence_of_several_clauses() -> None:
    facts, _ = _facts("三地在做强创新主体、集聚创新要素、强化协同平台、优化创新机制上谋篇布局,在科技成果转化、联合创新攻关、"
                      "创新生态建设等方面加强务实合作。")
    assert {frozenset((s, o)) for s, r, o in facts if r == "cooperates_with"} == {
        frozenset(p) for p in (("beijing", "tianjin"), ("beijing", "hebei"), ("tianjin", "hebei"))}, facts


def test_a_headquarters_moved_from_one_place_to_another_is_where_the_headquarters_now_is() -> None:
    facts, new = _facts("测维科技有限公司去年底把总部从北京搬到雄安新区。")
    firm = new["测维科技有限公司"]
    assert {(firm, "hq_relocated_to", "xiongan"), (firm, "headquarters", "xiongan")} <= facts, facts
    assert (firm, "headquarters", "beijing") not in facts, "北京 is where it moved from"


def test_a_division_counting_its_counties_names_a_zone_in_that_division() -> None:
    facts, new = _facts("蓟州区正与唐山市及保定南三县，携手推进交通设施协同发展。")
    zone = new["保定南三县"]
    assert {(zone, "located_in", "baoding"), ("tianjin-jizhou", "cooperates_with", zone)} <= facts, facts
    assert ("tianjin-jizhou", "cooperates_with", "baoding") not in facts, "保定 is inside the zone's name"


def test_a_comma_joins_the_groups_of_a_list_only_when_a_list_follows_it() -> None:
    facts, _ = _facts("蓟州区正与北京市通州区、平谷区，唐山市及廊坊市，携手推进交通设施协同发展。")
    partners = {o for s, r, o in facts if s == "tianjin-jizhou" and r == "cooperates_with"}
    assert partners == {"tongzhou", "pinggu", "tangshan", "langfang"}, facts
    facts, _ = _facts("蓟州区正与平谷区，唐山市携手推进交通设施协同发展。")
    assert ("tianjin-jizhou", "cooperates_with", "tangshan") not in facts, "唐山市 after the comma is no list's item"


def test_a_new_zone_named_by_its_partners_then_a_place_lies_in_that_place() -> None:
    facts, new = _facts("精心培育京冀曹妃甸测维示范区等重点承接平台。")
    zone = new["京冀曹妃甸测维示范区"]
    assert (zone, "located_in", "caofeidian") in facts, facts
    assert not [f for f in facts if f[0] == zone and f[1] == "located_in" and f[2] in ("beijing", "hebei")], facts


def test_the_topic_after_an_opening_as_receiving_ground_receives_from_the_places_that_clause_names() -> None:
    facts, _ = _facts("作为疏解北京非首都功能的集中承载地,保定市承接疏解加力提速。")
    assert ("baoding", "receiving_platform_for", "beijing") in facts, "北京 inside the policy's name"
    facts, _ = _facts("作为天津产业转移的承接地,沧州市加快发展。")
    assert ("cangzhou", "receiving_platform_for", "tianjin") in facts, facts
    facts, _ = _facts("作为京津冀协同发展的重要项目,保定市加快发展。")
    assert not [f for f in facts if f[1] == "receiving_platform_for"], "not a receiving ground"


def test_a_new_cluster_or_project_named_by_a_joint_name_is_co_built_by_its_members() -> None:
    facts, new = _facts("三地规划的京津冀智能网联新能源汽车测维生态港启动建设。京冀测维产业集群加快形成。")
    port, cluster = new["京津冀智能网联新能源汽车测维生态港"], new["京冀测维产业集群"]
    assert {(port, "co_built_by", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts
    assert {(cluster, "co_built_by", p) for p in ("beijing", "hebei")} <= facts, facts
    assert (cluster, "co_built_by", "tianjin") not in facts, "京冀 names two"
    facts, new = _facts("京津冀测维示范区加快建设。")
    assert not [f for f in facts if f[1] == "co_built_by"], "a zone so named is often one side's"


def test_parts_of_one_whole_listed_together_stand_for_the_whole_but_with_each_other_stay_parts() -> None:
    facts, new = _facts("大兴测维片区廊坊区域与大兴区域共同探索制度改革,在此基础上,引进了符合双方发展定位的测甲研究院、"
                        "测乙研究院等一批高质量项目。")
    whole, langfang_part = new["大兴测维片区"], new["大兴测维片区廊坊区域"]
    assert {(new["测甲研究院"], "hosted_by", whole), (new["测乙研究院"], "hosted_by", whole)} <= facts, facts
    assert not [f for f in facts if f[1] == "hosted_by" and f[2] != whole], facts
    assert {f for f in facts if f[1] == "cooperates_with"} == {(langfang_part, "cooperates_with", new["大兴测维片区大兴区域"])}


def test_a_known_place_whose_name_begins_with_its_registry_place_is_said_to_lie_there() -> None:
    facts, _ = _facts("测维科技的网络可直达北京亦庄等区域,产品卖给北京奔驰。")
    assert ("beijing-yizhuang", "located_in", "beijing") in facts, "the registry puts 北京亦庄 in 北京, as its name says"
    assert not [f for f in facts if f[0] == "beijing-benz" and f[1] == "located_in"], \
        "the registry puts 北京奔驰 nowhere: its name alone says where it was registered"


def test_a_known_place_named_with_its_registry_place_in_one_sentence_is_said_to_lie_there() -> None:
    facts, _ = _facts("河北省和冀中南区域加快发展。")
    assert ("central-southern-hebei", "located_in", "hebei") in facts, facts
    facts, _ = _facts("冀中南区域加快发展。河北省和冀中南区域加快发展。")
    assert ("central-southern-hebei", "located_in", "hebei") not in facts, "only where it is first named"


def test_within_the_province_stands_for_the_province_the_article_names() -> None:
    facts, _ = _facts("河北省加快发展。省内冀中南区域加快发展。")
    assert ("central-southern-hebei", "located_in", "hebei") in facts, "省内 is 河北: 北京 and 天津 are no 省"
    facts, _ = _facts("北京市加快发展。省内冀中南区域加快发展。")
    assert ("central-southern-hebei", "located_in", "hebei") not in facts, "no province named: 省内 stands for none"
    facts, _ = _facts("河北省加快发展。省内外冀中南区域加快发展。")
    assert ("central-southern-hebei", "located_in", "hebei") not in facts, "省内外: inside and outside it"


def test_a_new_transport_link_named_by_a_joint_name_connects_its_members() -> None:
    facts, new = _facts("京津冀测维干线公路网越织越密。")
    road = new["京津冀测维干线公路网"]
    assert {(road, "connects", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts


def test_receiving_platforms_receive_from_a_place_named_inside_the_policy_after_receiving() -> None:
    facts, new = _facts("河北将加快承接北京非首都功能疏解步伐,推进测维新区、测试新区等重点承接平台建设。")
    assert {(new[n], "receiving_platform_for", "beijing") for n in ("测维新区", "测试新区")} <= facts, facts


def test_a_cluster_named_first_for_its_industry_is_in_it_and_a_known_site_by_its_name_too() -> None:
    facts, new = _facts("天津打造海洋装备测维产业集群,建设算力中心。京津冀·沧州生物医药产业园吸引药企,北京奔驰汽车有限公司扩产。")
    assert (new["海洋装备测维产业集群"], "in_industry", "marine-equipment") in facts, facts
    assert not [f for f in facts if f[1] == "in_industry" and f[2] == "computing"], "算力中心 is a common noun"
    assert ("cangzhou-biomedicine-park", "in_industry", "biomedicine") in facts, "a known park's name says it too"
    assert not [f for f in facts if f[0] == "beijing-benz" and f[1] == "in_industry"], \
        "a known firm's name says what it once made"


def test_a_firm_making_samples_for_another_supplies_it() -> None:
    facts, _ = _facts("凌云股份为北京奔驰试制的10套零部件样品已上车验证。")
    assert ("lingyun", "supplies", "beijing-benz") in facts, facts


def test_numbered_points_that_name_no_policy_spell_out_the_policy_the_sentence_before_them_names() -> None:
    facts, _ = _facts("因此,打造具有国际竞争力的数字产业集群,成了重要课题。一是明确功能定位,北京定位基础研发,天津着重创新应用。"
                      "二是统筹设施建设,协调算力布局。\n一是明确功能定位,河北侧重数字化转型。")
    cluster = "jjj-digital-industry-cluster"
    assert {("beijing", "role_in", cluster), ("tianjin", "role_in", cluster), (cluster, "in_industry", "computing")} \
        <= facts, facts
    assert ("hebei", "role_in", cluster) not in facts, "points opening a paragraph follow no sentence naming a policy"


def test_a_partner_before_a_dot_is_skipped_to_read_the_place_a_name_begins_with() -> None:
    facts, new = _facts("北京·保定测维产业园开园,北京·沧州渤海新区生物医药产业园更名,保定·测甲创新产业园揭牌。")
    assert (new["北京·保定测维产业园"], "located_in", "baoding") in facts, facts
    assert (new["保定·测甲创新产业园"], "located_in", "baoding") in facts, "no place after the dot: the one before it"
    assert ("cangzhou-biomedicine-park", "located_in", "cangzhou-bohai-new-area") in facts, "a known name, by its registry place"


def test_a_place_joining_a_strategy_in_a_later_clause_implements_it() -> None:
    facts, _ = _facts("满城区正在建设测维产业园，加快融入京津冀协同发展新格局。")
    assert ("mancheng", "implements_policy", "jjj-coordinated-development") in facts, facts


def test_a_speakers_firm_is_the_subject_his_words_leave_out() -> None:
    facts, new = _facts("保定测维精工科技有限公司总经理 张三:\n研发中心设在北京,制造基地建在保定。")
    firm = new["保定测维精工科技有限公司"]
    assert {(firm, "rd_location", "beijing"), (firm, "production_location", "baoding")} <= facts, facts
    for caption in ("保定测维传媒有限公司记者 张三:", "保定測維傳媒有限公司記者 張三:"):
        facts, new = _facts(caption + "\n研发中心设在北京,制造基地建在保定。")
        assert len(new) == 1 and not [f for f in facts if f[1] in ("rd_location", "production_location")], \
            "a reporter's newsroom says nothing"


def test_a_policy_named_for_two_places_gives_each_a_role_in_it() -> None:
    facts, new = _facts("京冀测维协同机制建立。")
    policy = new["京冀测维协同机制"]
    assert {("beijing", "role_in", policy), ("hebei", "role_in", policy)} <= facts, facts
    facts, _ = _facts("京津“双城记”越唱越响。")
    assert {("beijing", "role_in", "jingjin-twin-cities"), ("tianjin", "role_in", "jingjin-twin-cities")} <= facts
    facts, new = _facts("推动京津冀测维协同机制建设。")
    assert "京津冀测维协同机制" in new and not [f for f in facts if f[1] == "role_in"], "named for the three: everyone's"


def test_the_firms_leading_a_new_alliance_are_part_of_it() -> None:
    facts, new = _facts("以测维精工科技有限公司等企业为龙头,成立运行京津冀测维装备创新联盟。")
    assert (new["测维精工科技有限公司"], "part_of", new["京津冀测维装备创新联盟"]) in facts, (facts, new)


def test_a_site_made_a_receiving_ground_receives_from_what_it_takes_in() -> None:
    facts, new = _facts("保定测维产业园加快建设,将打造承接京津新材料、生物医药等资源的集中承载地。")
    park = new["保定测维产业园"]
    assert {(park, "receiving_platform_for", "beijing"), (park, "receiving_platform_for", "tianjin"),
            (park, "in_industry", "new-materials"), (park, "in_industry", "biomedicine")} <= facts, facts


def test_lines_brought_in_connect_the_site_not_the_projects_it_drew() -> None:
    facts, new = _facts("保定测维产业园已吸引测维精工科技有限公司落户,将规划引入测维城际、京测铁路等轨道交通。")
    park = new["保定测维产业园"]
    assert {(new["测维城际"], "connects", park), (new["京测铁路"], "connects", park)} <= facts, (facts, new)
    facts, new = _facts("在保定测维产业园带动下,保定测维示范区将规划引入测维城际、京测铁路等轨道交通。")
    zone, park = new["保定测维示范区"], new["保定测维产业园"]
    assert (new["测维城际"], "connects", zone) in facts and (new["测维城际"], "connects", park) not in facts, \
        "the first site outside a clause setting the scene"


def test_what_a_sentence_builds_is_built_by_its_topic_a_division_or_zone() -> None:
    facts, new = _facts("保定正在汇聚起一个由多家企业组成的集成电路产业集群。")
    assert (new["集成电路产业集群"], "built_by", "baoding") in facts, facts
    facts, new = _facts("抢抓协同发展机遇,衡水高新区依托测维研究院,打造衡水测维科技谷。")
    assert (new["衡水测维科技谷"], "built_by", "hengshui-hi-tech-zone") in facts, "the first builder before the verb"
    facts, new = _facts("保定将加快发展。抓好保定测维产业园、保定测维协同发展示范区建设。")
    assert {(new["保定测维产业园"], "built_by", "baoding"), (new["保定测维协同发展示范区"], "built_by", "baoding")} <= facts
    facts, new = _facts("保定加快发展,在推进保定测维产业园建设中彰显担当。")
    assert "保定测维产业园" in new and not [f for f in facts if f[1] == "built_by"], \
        "a clause setting the scene says nothing is built"
    facts, new = _facts("三地与保定共同打造京津冀测维装备集群。")
    assert "京津冀测维装备集群" in new and not [f for f in facts if f[1] == "built_by"], \
        "a joint name first co-builds: neither it nor the division after it builds alone"


def test_what_a_list_then_a_count_names_is_drawn_together_in_the_listed_industries() -> None:
    facts, new = _facts("三地绘制出集成电路、机器人等6条测维产业图谱,共同实施落地方案。")
    maps = new["测维产业图谱"]
    assert {(maps, "in_industry", "integrated-circuits"), (maps, "in_industry", "robotics")} <= facts, facts
    assert {(maps, "co_built_by", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts


def test_a_counted_programme_written_elsewhere_by_itself_is_named_as_written() -> None:
    facts, new = _facts("蓟州区深入实施“资源测维”“农品测维”“测维走廊”三大工程。平谷区加快融入“测维走廊”。"
                        "蓟州区重点实施“农品测维”工程。")
    assert {"“资源测维”工程", "“农品测维”工程", "“测维走廊”"} <= set(new), new
    assert ("pinggu", "implements_policy", new["“测维走廊”"]) in facts, "the same programme where written again"


def test_a_place_building_with_partners_co_builds_with_each_of_them() -> None:
    facts, new = _facts("目前，蓟州区正与北京市通州区、平谷区，唐山市及承德市，携手推进交通设施等方面协同发展，共同建设蓟州测维产业园。")
    park = new["蓟州测维产业园"]
    assert {(park, "co_built_by", p) for p in ("tianjin-jizhou", "tongzhou", "pinggu", "tangshan", "chengde")} <= facts, facts
    assert (park, "co_built_by", "beijing") not in facts, "北京市 only says where 通州区 is"


def test_firms_named_by_their_headquarters_after_a_move_move_there_too() -> None:
    facts, new = _facts("目前,首批疏解项目进展顺利,中国星网已迁驻雄安新区,中国测维、中国华能总部大楼内部正在精装修,"
                        "中国测量总部项目主体结构已开工,中国测算总部大楼在北京市西城区开工。随着中国测绘总部落地雄安新区,"
                        "产业加速聚集。北京测维科技有限公司成立于2010年,公司总部位于北京市海淀区。集团总部搬迁至雄安新区。")
    assert {"中国测维", "中国测量", "中国测绘"} <= set(new) and not {"公司", "集团"} & set(new), new
    moved = {s for s, r, o in facts if r == "hq_relocated_to" and o == "xiongan"}
    assert {"china-satnet", new["中国测维"], "huaneng", new["中国测量"]} <= moved, facts
    assert new["中国测算"] not in moved, "a headquarters building with a place of its own is not the move's"
    assert (new["北京测维科技有限公司"], "headquarters", "haidian") in facts, "公司总部: the firm named before"


def test_a_circle_of_travel_time_connects_the_places_forming_it_and_works_implement_a_transport_policy() -> None:
    facts, new = _facts("京蔚高速公路全线通车……2024年以来,京津冀交通一体化持续向纵深拓展,交通网越织越密,"
                        "京津冀主要城市已形成半小时通勤圈。京雄高速公路开工建设,助力京津冀协同发展。")
    circle, road = new["半小时通勤圈"], "jingwei-expressway"
    assert {(circle, "connects", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts
    assert {(w, "implements_policy", "jjj-transport-integration") for w in (circle, road)} <= facts, facts
    assert ("jingxiong-expressway", "implements_policy", "jjj-coordinated-development") not in facts, \
        "only a transport policy takes the works its sentence names"
    assert not [n for n in new if n.endswith("全线")], "全线通车: the whole line opens, no name ends in 全线"


def test_a_new_site_lies_in_the_county_or_municipality_building_it_not_in_a_province() -> None:
    facts, new = _facts("保定市满城区以测维项目为中心,规划建设了20平方公里的测维装备产业园。"
                        "天津正在汇聚起一个由170余家企业组成的生物医药产业集群。河北省精心培育保定测维示范区。")
    assert (new["测维装备产业园"], "located_in", "mancheng") in facts, facts
    assert (new["生物医药产业集群"], "located_in", "tianjin") in facts, facts
    zone = new["保定测维示范区"]
    assert (zone, "built_by", "hebei") in facts and (zone, "located_in", "hebei") not in facts, facts


def test_the_items_of_a_counted_list_of_regions_are_zones_lying_in_the_place_opening_it() -> None:
    facts, new = _facts("河北省加快发展。省内环首都、山区、冀中南三大区域错位承接产业转移。河北省测维、坝上、沿边四大板块各有分工。")
    assert {(new["环首都"], "located_in", "hebei"), (new["山区"], "located_in", "hebei"),
            ("central-southern-hebei", "located_in", "hebei")} <= facts, facts
    assert "坝上" not in new, "three items are not four regions"


def test_counted_regions_that_receive_take_what_the_next_sentence_receives_from() -> None:
    facts, new = _facts("河北省加快发展。省内环首都、山区、冀中南三大区域错位承接相关产业转移。全省累计承接京津转入企业4万家。")
    regions = (new["环首都"], new["山区"], "central-southern-hebei")
    assert {(r, "receiving_platform_for", p) for r in regions for p in ("beijing", "tianjin")} <= facts, facts
    assert not [f for f in facts if f[0] == "hebei" and f[1] == "receiving_platform_for"], "省内 only opens the list"


def test_a_quoted_network_of_a_joint_name_is_a_link_connecting_its_members() -> None:
    facts, new = _facts("“公路上的京津”加速形成,“创新中的京津冀”不断推进。")
    road = new["公路上的京津"]
    assert {(road, "connects", "beijing"), (road, "connects", "tianjin")} <= facts, facts
    assert (road, "connects", "hebei") not in facts and "创新中的京津冀" not in new, (facts, new)


def test_who_builds_together_with_others_co_builds_too() -> None:
    facts, new = _facts("河北加快协同创新,会同9家高校院所建立了河北测维成果供给平台。")
    platform = new["河北测维成果供给平台"]
    assert (platform, "co_built_by", "hebei") in facts, facts


def test_the_people_of_a_place_enjoying_anothers_services_are_served_by_it() -> None:
    facts, _ = _facts("天津人在家门口就能享受北京专家问诊服务。")
    assert ("beijing", "serves", "tianjin") in facts and ("tianjin", "serves", "beijing") not in facts, facts


def test_a_places_shift_is_its_role_in_the_policy_the_sentence_before_is_about() -> None:
    facts, _ = _facts("产业协同发展是京津冀协同发展战略的重要内容。北京由“大而强”转向“优而精”,河北由“接得住”转向“升级跳”。")
    assert {("beijing", "role_in", "jjj-industrial-coordination"), ("hebei", "role_in", "jjj-industrial-coordination")} <= facts, facts


def test_an_alliance_is_in_the_industries_its_name_holds_a_firm_is_not() -> None:
    facts, _ = _facts("中国空天信息和卫星互联网创新联盟成立。北京奔驰汽车有限公司加入联盟。")
    assert {("space-info-alliance", "in_industry", i) for i in ("satellite-internet", "aerospace-information")} <= facts, facts
    assert not [f for f in facts if f[0] == "beijing-benz" and f[1] == "in_industry"], "a firm's name: what it once made"


def test_a_list_after_a_colon_runs_on_in_the_next_sentence_opening_with_its_verb() -> None:
    facts, new = _facts("河北与京津共建创新平台、共享创新资源:共建河北测维转化中心等5个促转平台。共建河北测维共享服务平台,多家机构互认互通。\n"
                        "共建河北测试检测平台,成效显著。")
    carried = new["河北测维共享服务平台"]
    assert {(carried, "co_built_by", p) for p in ("beijing", "tianjin", "hebei")} <= facts, facts
    assert not [f for f in facts if f[0] == new["河北测试检测平台"] and f[1] == "co_built_by"], "a new paragraph ends the list"


def test_what_matters_much_to_a_policy_implements_it() -> None:
    facts, _ = _facts("产业协同发展是率先突破领域之一,对疏解北京非首都功能、推动区域高质量发展具有重要意义。")
    assert ("jjj-industrial-coordination", "implements_policy", "noncapital-function-relocation") in facts, facts


def test_a_municipalitys_metro_line_lies_in_it_its_other_links_do_not() -> None:
    facts, new = _facts("天津地铁测维线开通运营,北京测维高速公路全线通车。")
    assert (new["天津地铁测维线"], "located_in", "tianjin") in facts, facts
    assert not [f for f in facts if f[0] == new["北京测维高速公路"] and f[1] == "located_in"], facts


def test_the_leader_of_firms_forming_a_chain_is_a_member_and_the_chain_is_in_their_industry() -> None:
    facts, new = _facts("以中国星网等央企为龙头,成立运行测维创新联盟,一大批机器人企业汇成天津测维产业集群。"
                        "机器人企业组成的代表团赴天津市考察。")
    chain = new["天津测维产业集群"]
    assert {("china-satnet", "member_of_cluster", chain), (chain, "in_industry", "robotics")} <= facts, facts
    assert "测维创新联盟" in new and ("china-satnet", "part_of", new["测维创新联盟"]) in facts, "成立运行 is no name's part"
    assert ("tianjin", "in_industry", "robotics") not in facts, "组成的代表团: firms of a delegation, not a chain"


def test_an_object_left_out_is_not_taken_from_a_later_clause_nor_from_the_sentence_before_unless_a_policy() -> None:
    facts, new = _facts("河北省会同多家高校建立了河北测维成果供给平台,服务雄安新区企业。天津市统计局发布数据。新落户企业中,六成来自北京。")
    platform = new["河北测维成果供给平台"]
    assert (platform, "co_built_by", "hebei") in facts and (platform, "co_built_by", "xiongan") not in facts, facts
    assert not [f for f in facts if f[1] == "technology_transfer"], facts


def test_a_list_after_a_colon_carries_on_only_names_listed_right_after_its_verb() -> None:
    facts, _ = _facts("河北与京津共建创新平台、共享创新资源:共建河北测维转化中心等5个促转平台。共建共享机制在雄安新区率先推开。")
    assert not [f for f in facts if f[0] == "xiongan" and f[1] == "co_built_by"], facts


def test_a_site_placed_by_its_name_elsewhere_does_not_lie_where_its_builder_is() -> None:
    facts, new = _facts("北京市投资建设的雄安测维中学项目开工。")
    school = new["雄安测维中学项目"]
    assert (school, "located_in", "xiongan") in facts and (school, "located_in", "beijing") not in facts, facts


def test_counted_regions_leave_out_the_verb_before_them_and_words_for_a_side() -> None:
    _, new = _facts("河北省加快发展。全省形成环首都、沿边、冀中南三大区域。我省北部、中部、南部三大区域协同发展。")
    assert "形成环首都" not in new and not {"北部", "中部", "南部"} & set(new), new
