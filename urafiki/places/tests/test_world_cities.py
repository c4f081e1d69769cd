from urafiki.places.world_cities import african_city


def test_african_cities_by_their_names_in_latin_and_chinese_letters():
    assert (african_city("Accra").country, african_city("Cape Town").country) == ("GH", "ZA")
    assert african_city("恩德培").name == "Entebbe"  # GeoNames' Chinese name, keyed simplified
    assert african_city("開普敦").country == "ZA"


def test_words_and_places_elsewhere_are_no_african_city():
    assert african_city("Man") is None  # a city of Côte d'Ivoire, and an English word: too short to trust
    assert african_city("Victoria") is None  # several in Africa, none ten times the others
    assert african_city("Chongqing") is None


def test_a_country_the_text_speaks_of_decides_between_namesakes():
    assert african_city("Victoria", frozenset({"SC"})).country == "SC"


def test_states_and_provinces_outside_africa_and_china_from_iso_3166_2():
    from urafiki.places.world_cities import city_in, world_division

    assert (world_division("Balochistan").country, world_division("Balochistan").unit) == ("PK", "province")
    assert world_division("Maryland", frozenset({"US", "NG"})).country == "US"
    assert world_division("Lagos") is None and world_division("Hunan") is None  # the registry's own countries
    # the provinces below the Philippines' regions; ISO's local unit words ("Gyeonggi-do", "Almaty oblysy") left out
    assert world_division("Ilocos Sur").country == "PH"
    assert (world_division("Gyeonggi").country, world_division("Almaty").country) == ("KR", "KZ")
    assert city_in("Maastricht", "NL").name == "Maastricht" and city_in("Maastricht", "BE") is None
