"""The scorer on hand-made gold and prediction pairs whose figures were worked out by hand."""

import json

import pytest
from django.core.management import CommandError, call_command

from urafiki.newsroom.scoring import Score, person_key, score_article

pytestmark = pytest.mark.django_db


def party(name, country, place=None):
    result = {"name": name, "country": country, "level": "county" if country == "KE" else "province"}
    if place:
        result["place"] = place
    return result


GOLD_A = [
    {"type": "mou", "parties": [party("Kilifi County", "KE"), party("Jiangxi Province", "CN"), party("Jiujiang City", "CN")],
     "date_signed": None, "sectors": ["agriculture", "tourism", "trade"], "products": ["baobab"],
     "people": [{"name": "Gideon Mung’aro", "role": "", "party": ""}, {"name": "Ren Zhufeng", "role": "", "party": ""}]},
    {"type": "letter_of_intent", "parties": [party("Meru County", "KE"), party("Hunan Province", "CN")],
     "date_signed": None, "sectors": ["trade"], "products": [], "people": []},
]
PREDICTED_A = [
    # pairs with the first gold agreement: 2 of its 3 places (Jaccard 2/3)
    {"type": "mou", "parties": [party("Kilifi County", "KE", "Kilifi"), party("Jiangxi", "CN", "Jiangxi")],
     "date_signed": "2023-01-01", "sectors": ["agriculture", "trade", "health"], "products": [],
     "people": [{"name": "Mr. Gideon Mung'aro", "role": "", "party": ""}]},
    # pairs with nothing
    {"type": "mou", "parties": [party("Kisumu County", "KE", "Kisumu"), party("Liuzhou City", "CN", "Liuzhou")],
     "date_signed": None, "sectors": [], "products": [], "people": []},
]
PREDICTED_NEGATIVE = [
    {"type": "friendship", "parties": [party("Mombasa County", "KE", "Mombasa"), party("Fuzhou City", "CN", "Fuzhou")],
     "date_signed": None, "sectors": ["culture"], "products": [], "people": []},
]


@pytest.fixture
def score():
    score = Score()
    score_article(score, label="a", gold=GOLD_A, predicted=PREDICTED_A)
    score_article(score, label="b", gold=[], predicted=PREDICTED_NEGATIVE)
    return score


def test_counts_worked_out_by_hand(score):
    figures = {name: (c.tp, c.fp, c.fn) for name, c in score.counts.items()}
    assert figures == {
        "agreements": (1, 2, 1),
        "parties": (2, 4, 3),
        "sectors": (2, 2, 2),
        "products": (0, 0, 1),
        "people": (1, 0, 1),
    }
    # over the one matched pair only: the unmatched agreements' sectors do not count
    assert {name: (c.tp, c.fp, c.fn) for name, c in score.on_matched.items()} == {
        "sectors": (2, 1, 1), "products": (0, 0, 1), "people": (1, 0, 1)}


def test_precision_recall_f1_worked_out_by_hand(score):
    agreements, parties, products, people = (score.counts[n] for n in ("agreements", "parties", "products", "people"))
    assert (agreements.precision, agreements.recall) == pytest.approx((1 / 3, 1 / 2))
    assert agreements.f1 == pytest.approx(0.4)
    assert parties.f1 == pytest.approx(2 * (1 / 3) * 0.4 / (1 / 3 + 0.4))
    assert score.counts["sectors"].f1 == pytest.approx(0.5)
    assert (products.precision, products.recall, products.f1) == (1.0, 0.0, 0.0)
    assert people.f1 == pytest.approx(2 / 3)


def test_type_date_and_negative_articles(score):
    assert (score.pairs, score.type_accuracy, score.date_accuracy) == (1, 1.0, 0.0)
    assert score.date_errors == {"missing": 0, "unwarranted": 1, "wrong": 0}  # 2023-01-01 where the gold has none
    assert (score.articles, score.negative_articles, score.negative_records) == (2, 1, 1)


def test_a_person_found_in_both_counts_for_the_party_accuracy_when_said_to_speak_for_the_same_party():
    gold = [{"type": "mou", "parties": [party("Kilifi County", "KE"), party("Jiangxi Province", "CN")],
             "date_signed": None, "sectors": [], "products": [],
             "people": [{"name": "Gideon Mung’aro", "role": "Governor", "party": "Kilifi County"},
                        {"name": "Ren Zhufeng", "role": "Vice Governor", "party": "Jiangxi Province"},
                        {"name": "Wu Zhongqiong", "role": "", "party": "Jiangxi Province"}]}]
    # the party written as the prediction names it ("Kilifi", with its place), one person for the wrong party, one
    # person twice, one person the gold lacks
    predicted = [{"type": "mou", "parties": [party("Kilifi", "KE", "Kilifi"), party("Jiangxi", "CN", "Jiangxi")],
                  "date_signed": None, "sectors": [], "products": [],
                  "people": [{"name": "Gideon Mungaro", "role": "Governor", "party": "Kilifi"},
                             {"name": "Gideon Mungaro", "role": "Governor", "party": "Kilifi"},
                             {"name": "Ren Zhufeng", "role": "Vice Governor", "party": "Kilifi"},
                             {"name": "Zhang Wei", "role": "Mayor", "party": "Jiangxi"}]}]
    score = Score()
    score_article(score, label="a", gold=gold, predicted=predicted)
    assert (score.people_party_correct, score.people_shared) == (1, 2)
    assert score.as_json()["people_party_accuracy"] == 0.5
    assert "a: Ren Zhufeng speaks for 'Jiangxi Province', found 'Kilifi'" in score.notes


def test_a_perfect_prediction_scores_one():
    score = Score()
    score_article(score, label="a", gold=GOLD_A, predicted=json.loads(json.dumps(GOLD_A)))
    assert all(c.f1 == 1.0 for c in score.counts.values())
    assert (score.type_accuracy, score.date_accuracy) == (1.0, 1.0)


def test_person_names_are_normalised():
    assert person_key("Mr. Gideon Mung’aro") == person_key("gideon mungaro") == "gideonmungaro"
    assert person_key("基亚莱·姆沃里亚") == "基亚莱姆沃里亚"


def test_score_command_with_predictions_file(tmp_path, capsys):
    (tmp_path / "a.gold.json").write_text(json.dumps({"agreements": GOLD_A}), encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps({"agreements": []}), encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text(
        "\n".join(json.dumps({"file": f"/x/{stem}.txt", "agreements": agreements})
                  for stem, agreements in (("a", PREDICTED_A), ("b", PREDICTED_NEGATIVE))),
        encoding="utf-8",
    )
    call_command("score", str(tmp_path), "--pred", str(predictions), "--json")
    figures = json.loads(capsys.readouterr().out)
    assert figures["agreements"] == {"tp": 1, "fp": 2, "fn": 1, "precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert figures["records_from_negative_articles"] == 1
    assert figures["date_accuracy"] == 0.0


def test_the_pinyin_a_mirror_prints_after_a_character_is_no_part_of_a_name():
    from urafiki.newsroom.scoring import registry_party_key

    mirrored = {"name": "法國布列塔尼大區(qū)", "country": "FR", "level": "region", "place": None}
    assert registry_party_key(mirrored) == registry_party_key({**mirrored, "name": "布列塔尼大区"})


def test_a_sample_is_scored_on_its_own_articles_only(tmp_path, capsys):
    """A second annotator's sample (--only-predicted): the gold files it does not name are not misses."""
    (tmp_path / "a.gold.json").write_text(json.dumps({"agreements": GOLD_A}), encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps({"agreements": GOLD_A}), encoding="utf-8")
    sample = tmp_path / "sample.jsonl"
    sample.write_text(json.dumps({"file": "x/a.txt", "agreements": GOLD_A}), encoding="utf-8")
    call_command("score", str(tmp_path), "--pred", str(sample), "--only-predicted", "--json")
    assert json.loads(capsys.readouterr().out)["agreements"]["f1"] == 1.0
    call_command("score", str(tmp_path), "--pred", str(sample), "--json")
    assert json.loads(capsys.readouterr().out)["agreements"]["recall"] < 1.0
    with pytest.raises(CommandError, match="--only-predicted needs --pred"):
        call_command("score", str(tmp_path), "--only-predicted")


def test_a_party_the_registry_lacks_is_one_party_with_or_without_its_country_written_before():
    from urafiki.newsroom.scoring import registry_party_key

    gold = {"name": "利隆圭市", "country": "MW", "level": "city", "place": None}
    written_with_country = {"name": "馬拉維利隆圭市", "country": "MW", "level": "city", "place": None}
    in_english = {"name": "Malawi Lilongwe City", "country": "MW", "level": "city", "place": None}
    other_city = {"name": "布兰太尔市", "country": "MW", "level": "city", "place": None}
    key = registry_party_key(gold)
    assert registry_party_key(written_with_country) == key
    assert registry_party_key(other_city) != key
    assert registry_party_key(in_english) == registry_party_key({**in_english, "name": "Lilongwe City"})
    # the country's long form before it: 阿尔巴尼亚共和国发罗拉市 is 发罗拉市
    vlore = {"name": "发罗拉市", "country": "AL", "level": "city", "place": None}
    assert registry_party_key({**vlore, "name": "阿尔巴尼亚共和国发罗拉市"}) == registry_party_key(vlore)
    takeo = {"name": "茶胶省", "country": "KH", "level": "province", "place": None}
    assert registry_party_key({**takeo, "name": "柬埔寨王国茶胶省"}) == registry_party_key(takeo)
    # the body that governs it, written before: "County of Qiyang" is Qiyang County
    qiyang = {"name": "Qiyang County", "country": "CN", "level": "county", "place": None}
    assert registry_party_key({**qiyang, "name": "County of Qiyang"}) == registry_party_key(qiyang)
    # … or after it, as Viet Nam and Laos write theirs (dev 1294): 岘港市人民委员会 is 岘港市, 色贡省行政委员会 色贡省
    da_nang = {"name": "岘港", "country": "VN", "level": "city", "place": None}
    assert registry_party_key({**da_nang, "name": "越南岘港市人民委员会"}) == registry_party_key(da_nang)
    sekong = {"name": "色贡省", "country": "LA", "level": "province", "place": None}
    assert registry_party_key({**sekong, "name": "老挝色贡省行政委员会"}) == registry_party_key(sekong)


def test_a_city_named_like_a_district_is_not_the_district_and_its_council_is_the_city():
    from urafiki.newsroom.scoring import registry_party_key

    council = {"name": "Blantyre City Council", "country": "MW", "level": "city", "place": None}
    city = {"name": "Blantyre City", "country": "MW", "level": "city", "place": None}
    district = {"name": "Blantyre District", "country": "MW", "level": "district", "place": "Blantyre"}
    assert registry_party_key(council) == registry_party_key(city) == registry_party_key(
        {**city, "name": "City of Blantyre"})
    assert registry_party_key(city) != registry_party_key(district)
    # Without `place` at all (a second annotation that left it out), the name is looked up in the registry.
    assert registry_party_key({"name": "Blantyre District", "country": "MW", "level": "district"}) == \
        registry_party_key(district)


def test_a_city_named_as_its_country_keeps_its_name():
    from urafiki.newsroom.scoring import registry_party_key

    tunis = {"name": "突尼斯市", "country": "TN", "level": "city", "place": None}
    assert registry_party_key(tunis) == "TN:~突尼斯"  # not "TN:~市": the country's name is the city's
    assert registry_party_key({**tunis, "name": "Tunis City"}) != registry_party_key(
        {**tunis, "name": "Sfax City"})


def test_the_division_or_country_that_locates_a_party_the_registry_lacks_is_no_part_of_it():
    from urafiki.newsroom.scoring import registry_party_key

    def key(name, country):
        return registry_party_key({"name": name, "country": country, "level": "city", "place": None})

    assert key("马里兰州蒙哥马利", "US") == key("蒙哥马利", "US")
    assert key("撒马尔罕州努拉巴德区", "UZ") == key("努拉巴德区", "UZ")
    assert key("德国萨克森-安哈尔特州瑙姆堡市", "DE") == key("瑙姆堡市", "DE")
    assert key("京畿道杨州", "KR") == key("杨州", "KR")  # a Korean province (道) before its city
    assert key("Monrovia City Corporation", "LR") == key("Monrovia City", "LR")  # Liberia's city governments
    assert key("Urban Municipality of Agadir", "MA") == key("Agadir", "MA")
    assert key("Tustin, California", "US") == key("Tustin", "US")  # a state after a comma locates the city
    assert key("北海道", "JP") != key("海道", "JP")
    assert key("Victoria of Australia", "AU") == key("Victoria", "AU")
    assert key("维捷布斯克州", "BY") != key("维捷布斯克市", "BY")  # an oblast alone keeps its unit
    assert key("Santiago de Cuba", "CU") != key("Santiago", "CU")


def test_a_traditional_country_name_before_a_party_is_dropped_whole():
    # Taiwan's 哈薩克 (Kazakhstan) is a prefix of 哈薩克斯坦: the longest country name goes, not the shortest
    from urafiki.newsroom.scoring import registry_party_key

    assert registry_party_key({"name": "哈薩克斯坦阿拉木圖市", "country": "KZ", "place": None}) == \
        registry_party_key({"name": "阿拉木图市", "country": "KZ", "place": None})


def test_a_prefecture_written_before_its_county_locates_it():
    from urafiki.newsroom.scoring import registry_party_key

    assert registry_party_key({"name": "怀化市芷江侗族自治县", "country": "CN", "place": None}) == \
        registry_party_key({"name": "芷江侗族自治县", "country": "CN", "place": None})
    # dev 981, 667: in traditional characters, and before a township
    assert registry_party_key({"name": "福建南平市松溪縣", "country": "CN", "place": None}) == \
        registry_party_key({"name": "松溪县", "country": "CN", "place": None})
    assert registry_party_key({"name": "嘉義縣竹崎鄉", "country": "CN", "place": None}) == \
        registry_party_key({"name": "竹崎鄉", "country": "CN", "place": None})
