"""Mentions that are no party themselves: a place that only locates another ("Liuzhou City of Guangxi", a
venue, a dateline), and words that refer back to a place ("the County", 该省, 我省).
"""

from __future__ import annotations

import re
from collections import Counter

from .dates import _DATELINE, _ZH_DATELINE
from .places import (
    _DEMONYMS,
    _KINDS_OF_UNIT,
    Mention,
    PlaceRef,
    _registry_version,
    _resolve_cached,
    _without_a_government,
)

_EN_COREFERENCE = re.compile(
    r"\b[Tt]he (?:(?P<count>two|three|both|four) (?:(?P<demonym>[A-Z][a-z]+) )?(?:[\w\-]+ )?"
    r"(?P<plural>provinces|cities|counties|regions|states|administrations|governments|local governments|municipalities)"
    r"|(?:host |local )?(?P<county>[Cc]ounty(?! (?:Executive|Assembly|Secretary|Commissioner|Chief))(?: [Gg]overnment)?"
    r"|devolved unit|devolved government)"
    r"|(?P<province>[Pp]rovince|[Pp]rovincial [Gg]overnment)"
    r"|(?P<city>[Cc]ity(?: [Gg]overnment)?|[Mm]unicipality|[Mm]unicipal [Gg]overnment)"
    r"|(?P<state>[Ss]tate [Gg]overnment))\b"
    r"(?! of [A-Z])"  # "The city of Guangzhou" names its place
)
# not "两地各机构", "两省16家企业", "两省商务部门": the institutions, companies or departments of the places, which
# are no party
_ZH_COREFERENCE = re.compile(r"(?:该(?P<province>省)|该(?P<city>市|城市)|该(?P<county>郡|县)|该(?P<state>州)|(?P<count>两|三)(?P<plural>省|市|郡|地))"
                             r"(?!各?[\u4e00-\u9fff\d]{0,4}?(?:机构|企业|高校|院校|大学|商会|协会|部门|单位|医院|学校))")
_DIVISION_UNITS = ("province", "region", "state")
_DIVISION_KINDS = frozenset().union(*(_KINDS_OF_UNIT[unit] for unit in _DIVISION_UNITS))
_COUNT = {"two": 2, "both": 2, "three": 3, "four": 4, "两": 2, "三": 3}
_PLURAL_UNIT = {"provinces": "province", "cities": "city", "counties": "county", "states": "state", "regions": "region",
                "municipalities": "city", "省": "province", "市": "city", "郡": "county"}


# "Liuzhou City of Guangxi", "Suqian City in Northern Jiangsu Province"
_LOCATOR_AFTER_CHILD = re.compile(
    # (after a body of the city: "Kunming Municipal Committee of Yunnan Province")
    r"^(?:,\s*|(?:\s+(?:Party\s+)?(?:Committee|Government|People[’']s\s+Government|Council))?"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?"
    # "Hulunbuir City of northern China's Inner Mongolia Autonomous Region"
    r"(?:China[’']s\s+(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?)?"
    r"|\s*\(\s*)$", re.IGNORECASE)
# "Wenzhou, a city in East China's Zhejiang province", "Guangzhou, capital of south China's Guangdong
# Province": the province locates the city.
_LOCATOR_APPOSITION = re.compile(r"^,\s*(?:(?:a|the|an)\s+|(?=capital\b))[^,.;]{0,30}?\b(?:in|of)\s+"
                                 r"(?:(?:[A-Z][\w’']*|(?:north|south|east|west|central)\w*)\s+){0,3}$")
# "in Addis Ababa", "in Namibia's capital Windhoek"
_VENUE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:[A-Z][a-z]+[’']s\s+)?(?:(?:the\s+)?capital(?:\s+city)?,?\s+)?$")
_SHORT_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][A-Za-z]+\s*)?(?:--|-|–|—)\s")
# "Guangxi's Liuzhou", 广西柳州, 广西的钦州
_LOCATOR_BEFORE_CHILD = re.compile(r"^(?:[’']s\s+|\s*|的)$")


_ZH_VENUE_BEFORE = re.compile(r"在[\u4e00-\u9fff]{1,5}(?:首都|首府|省会)$")


# The name of a numbered event: 第N届, then a name without a clause break or a joint, then the event's noun.
_ZH_EVENT_NAME = re.compile(r"第[一二三四五六七八九十百\d]+届[^，,。；;、与和同：:“”]{1,24}?(?:会议|论坛|大会|博览会|峰会|交易会|洽谈会|文化节|旅游节|节)")


# 驻…总领事, 驻…办事处: the place a mission is posted in, no party
_ZH_POSTED_IN = re.compile(r"驻[\u4e00-\u9fff]{0,6}$")
_ZH_MISSION = re.compile(r"总?领事|大使|总?领馆|办事处|代表处")
_ZH_FOREIGN_AFFAIRS_OFFICE = re.compile(r"(?:人民政府)?(?:外侨办|外事办|外办|侨办|外事侨务办)")


# "…signed … on the 20th October, 2025, in Freetown": where it was signed
_EN_VENUE_BEFORE = re.compile(r",\s*in $")
_EN_IN_THE_UNIT_OF = re.compile(r"\b(?:located )?in the (?:[A-Z][a-z]+ )?(?:province|region|state|county|district|department|"
                                r"prefecture|governorate|(?:regional|provincial|state|county) capital) of $")


def _namesake_in(place: PlaceRef, division: PlaceRef) -> PlaceRef | None:
    """The place of ``division`` that has ``place``'s name and kind, if the registry has one."""
    return next((c for c in _resolve_cached(place.name_en, "", _registry_version())
                 if c.parent_id == division.id and c.kind == place.kind), None)


def _mark_locators(text: str, mentions: list[Mention], language: str = "en") -> None:
    """A province written next to one of its cities ("Liuzhou City of Guangxi", 广西柳州市) locates it, and
    the place of a dateline ("MOMBASA, May 3 (Xinhua) --", 新华社内罗毕5月3日电) says where the news was
    filed: neither is a party. Nor is a division without a government of its own (Taiwan: 台湾高雄)."""
    nominal = _without_a_government(_registry_version())
    for mention in mentions:
        if mention.place.id in nominal:
            mention.locator = True
    for dateline in (_ZH_DATELINE if language == "zh" else _DATELINE).finditer(text):
        for mention in mentions:
            if dateline.start() <= mention.start < dateline.start("date"):
                mention.locator = True
    if language == "en":  # "ACCRA -- Wenzhou …", "Durban - eThekwini Municipality …": a dateline without a date
        for mention in mentions:
            if (_SHORT_DATELINE.match(text, mention.end) or mention.written.isupper() and text.startswith(":", mention.end)) \
                    and (mention.start == 0 or text[mention.start - 1] == "\n"):
                mention.locator = True  # and in capitals before a colon: "KOTA KINABALU: Ranau district …"
    if language == "en":  # "Carpignano Sesia, in the province of Novara in the Italian region of Piedmont"
        for mention in mentions:
            if _EN_IN_THE_UNIT_OF.search(text, max(0, mention.start - 40), mention.start) \
                    or _EN_VENUE_BEFORE.search(text, max(0, mention.start - 4), mention.start):
                mention.locator = True
    if language == "zh":  # 第一届国际绍兴(嵊州)绿茶会议: a place in an event's name says where it is held
        for event in _ZH_EVENT_NAME.finditer(text):
            for mention in mentions:
                if event.start() <= mention.start < event.end():
                    mention.locator = True
        for mention in mentions:  # 湖南省外侨办 works for the province, which it does not sign for here
            if _ZH_FOREIGN_AFFAIRS_OFFICE.match(text, mention.end):
                mention.locator = True
            # 中国驻韩国光州总领事: where a diplomat is posted
            if _ZH_POSTED_IN.search(text, max(0, mention.start - 8), mention.start) and _ZH_MISSION.match(text, mention.end):
                mention.locator = True
    for first, second in zip(mentions, mentions[1:], strict=False):
        gap = text[first.end : second.start]
        if language == "en" and second.place.admin_level == 1 and first.place.parent_id not in (None, second.place.id) \
                and gap.strip() and _LOCATOR_AFTER_CHILD.match(gap) \
                and (namesake := _namesake_in(first.place, second.place)) is not None:
            # "Suzhou City in Anhui Province" is Anhui's Suzhou (宿州), not Jiangsu's (苏州), wherever it is named
            for mention in mentions:
                if mention.place == first.place:
                    mention.place = namesake
        if second.place.id == first.place.parent_id and (_LOCATOR_AFTER_CHILD.match(gap)
                                                          or _LOCATOR_APPOSITION.match(gap)):
            second.locator = True
        elif first.place.id == second.place.parent_id and _LOCATOR_BEFORE_CHILD.match(gap):
            first.locator = True
        elif language == "zh" and not gap and second.place.id < 0 < first.place.id \
                and first.place.country == second.place.country and first.place.admin_level in (1, 2):
            first.locator = True  # 南非豪登省莫哈勒市, 玉溪市元江县: where a place the registry lacks is
        elif language == "zh" and not gap and first.place.id < 0 and second.place.id < 0 \
                and first.place.country == second.place.country and (
                    first.place.kind in ("province", "state", "region") and second.place.kind in ("city", "county")
                    or first.place.kind == "county" and second.place.kind == "city"):
            # 巴西圣保罗州圣若泽多斯坎波斯市: neither in the registry, the state locates the city; a county its township
            # (龙州县水口镇)
            first.locator = True
        elif language == "en" and first.place.id < 0 < second.place.id and second.place.admin_level in (1, 2) \
                and first.place.country == second.place.country and (_LOCATOR_AFTER_CHILD.match(gap)
                                                                     or _LOCATOR_APPOSITION.match(gap)):
            # "Dujiangyan, a city in China's Sichuan Province", "Longmen County of Huizhou City": the registry
            # lacks the city or county
            second.locator = True
    # Where the signing or meeting took place ("signed the agreement in Addis Ababa", 在长沙举行) is no party:
    # a place named bare after "in"/"at", or after 在 (a province written before it locates it too).
    for index, mention in enumerate(mentions):
        if mention.coreference:
            continue
        if language == "zh":
            before = text[max(0, mention.start - 1) : mention.start]
            previous = mentions[index - 1] if index else None
            if before != "在" and previous is not None and previous.locator and previous.end == mention.start:
                before = text[max(0, previous.start - 1) : previous.start]
            if before == "在" or _ZH_VENUE_BEFORE.search(text, max(0, mention.start - 8), mention.start):
                mention.locator = True  # 在长沙, 在乌干达首都坎帕拉: where it took place
        elif not mention.has_unit and _VENUE_BEFORE.search(text, max(0, mention.start - 40), mention.start):
            mention.locator = True
        elif re.match(r"[Cc]ity of ", text[mention.start : mention.end]) \
                and re.search(r"\b(?:in|at) the $", text[max(0, mention.start - 10) : mention.start]):
            mention.locator = True  # "signed on Thursday in the City of Guangzhou"


def _with_coreferences(text: str, mentions: list[Mention], language: str) -> list[Mention]:
    """Mentions plus "the County", 该省 …, each resolved to the nearest compatible place before it."""
    # Kept although the dev articles rarely use them: the issue names these references ("the County
    # Government", "the devolved unit", 该省 …) and the tests hold them.
    pattern = _ZH_COREFERENCE if language == "zh" else _EN_COREFERENCE
    first_person = _first_person_references(text, mentions) if language == "zh" else []
    homes = list(dict.fromkeys(m.place for m in first_person))  # the article's own places (我省, 我市)
    added: list[Mention] = []
    for match in pattern.finditer(text):
        before = [m for m in mentions if m.end <= match.start()]
        if any(m.start <= match.start() < m.end for m in mentions):
            continue  # "the County Government of Kilifi" is a mention, not a reference back
        if match.group("count"):
            count = _COUNT[match.group("count")]
            unit = _PLURAL_UNIT.get(match.group("plural"), "")
            country = _DEMONYMS.get(match.groupdict().get("demonym") or "", "")
            # a country's first-level divisions are its provinces, regions or states, whatever each country calls
            # them: "the two provinces" are Matabeleland North Province and Namibia's Omaheke Region, 两省 山东省 and
            # Hungary's 佩斯州
            kinds = _DIVISION_KINDS if unit in _DIVISION_UNITS else _KINDS_OF_UNIT.get(unit, set())
            chosen: list[PlaceRef] = []
            for mention in reversed(before):
                ref = mention.place
                if mention.locator:
                    continue  # 南非豪登省莫哈勒市: "the two cities" are not Gauteng
                if (country and ref.country != country) or (unit and ref.kind not in kinds):
                    continue
                if ref not in chosen:
                    chosen.append(ref)
                if len(chosen) == count:
                    break
            home = next((p for p in homes if not unit or p.kind in _KINDS_OF_UNIT[unit]), None)
            if count == 2 and len(chosen) == 2 and home is not None and home not in chosen \
                    and chosen[0].country == chosen[1].country != home.country:
                # a province's own news (我省): "两省" are ours and the partner named last, not two of the partner's country
                chosen = [chosen[0], home]
            if len(chosen) == count:
                added.extend(Mention(match.start(), match.end(), "", ref, False, True) for ref in chosen)
            continue
        unit = next(name for name in ("county", "province", "city", "state") if match.group(name))
        devolved = "devolved" in match.group(0)
        for mention in reversed(before):
            if mention.place.kind in _KINDS_OF_UNIT[unit] and (not devolved or mention.place.country == "KE"):
                added.append(Mention(match.start(), match.end(), "", mention.place, False, True))
                break
    added += first_person
    return sorted([*mentions, *added], key=lambda m: (m.start, m.coreference))


# A Chinese province's or city's own news says 我省, 我市 ("our province"): the Chinese place of that kind the
# article names most (the outlet's own), before or after; none named, no reference.
_ZH_FIRST_PERSON = re.compile(r"我(?P<unit>省|市)")


def _first_person_references(text: str, mentions: list[Mention]) -> list[Mention]:
    named = Counter(m.place for m in mentions if m.place.country == "CN" and not m.coreference)
    most_named = {  # the place of each kind the article names most
        unit: next((place for place, _count in named.most_common() if place.kind in _KINDS_OF_UNIT[kind]), None)
        for unit, kind in (("省", "province"), ("市", "city"))
    }
    added = []
    for match in _ZH_FIRST_PERSON.finditer(text):
        home = most_named[match.group("unit")]
        if home is not None and not any(m.start <= match.start() < m.end for m in mentions):
            added.append(Mention(match.start(), match.end(), "", home, False, True))
    return added
