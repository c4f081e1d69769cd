import pytest

from urafiki.places.names import name_keys, pinyin_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jiǔjiāng", ("jiujiang",)),
        ("jiu jiang", ("jiujiang",)),
        ("jiu3jiang1", ("jiujiang",)),
        ("Jiujiang City", ("jiujiangcity", "jiujiang")),
        ("Jiujiang Municipal", ("jiujiangmunicipal", "jiujiang")),
        ("九江市", ("九江市", "九江")),
        ("長沙", ("长沙",)),
        ("益陽市", ("益阳市", "益阳")),
        ("County Government of Kilifi", ("countygovernmentofkilifi", "kilifi")),
        ("Kaunti ya Kilifi", ("kauntiyakilifi", "kilifi")),
        ("基苏木郡", ("基苏木郡", "基苏木")),
        ("延边朝鲜族自治州", ("延边朝鲜族自治州", "延边")),
        ("新疆维吾尔自治区", ("新疆维吾尔自治区", "新疆")),
        ("Murang'a", ("muranga",)),
        ("Ürümqi", ("urumqi",)),
        ("County", ("county",)),
        ("", ()),
    ],
)
def test_name_keys(text, expected):
    assert name_keys(text) == expected


def test_pinyin_key_drops_the_unit_word():
    assert pinyin_key("九江市") == "jiujiang"
    assert pinyin_key("Kilifi") == ""
