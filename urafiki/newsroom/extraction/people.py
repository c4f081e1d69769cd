"""People who signed or led a party: "Governor X", "X, the Deputy Mayor of Y", 副省长XXX."""

from __future__ import annotations

import re
from dataclasses import dataclass

from urafiki.places.names import has_han

from .language import _looks_chinese
from .places import (
    _NOT_BARE_PLACE,
    Mention,
    PlaceRef,
    _country_code,
    _known_key,
    _strip_possessive,
    _without_unit_words,
    resolve_place,
)
from .records import ExtractedParty, Span

_TITLE = (
    r"(?:(?:Executive |First |Acting |Former |Deputy |Vice |Executive [Vv]ice |Vice-)?(?:Governor|Mayor|"
    r"Party Secretary|Premier|Minister|Chairman|Chairperson|Chairwoman|Speaker|Secretary(?:-General)?|Director(?:-General)?|"
    r"Commissioner|CEC Member|CECM|County Executive Committee Member|County Executive Member|"
    r"(?:Metropolitan |Municipal |District )?Chief Executive|Executive Director|Attorney General|Town Clerk|City Manager|Chief Minister|District Officer|Leader))"
)
# Middle initials may stand between the words ("Elizabeth K. T Sackey").
_NAME = r"(?P<name>[A-Z][a-zA-Z\u00C0-\u024F’'\-]+(?:(?: [A-Z]\.?)* [A-Z][a-zA-Z\u00C0-\u024F’'\-]+){1,3})"
_HONORIFIC = (r"(?:(?:(?:Her|His) (?:Worship|Lordship|Excellency)|Honou?rable|Councill?or|Alderman|Brigadier General|"
              r"Mr|Mrs|Ms|Dr|Prof|Hon|H\.E|Malam|Mallam|Alhaji|Engr|Chief)\.? )*")
# Titles as news write them in lower case: "the Tanga city executive director, Daud Mayeji".
_LOWER_TITLE = (
    r"(?:(?:deputy |vice |acting |executive |city |county |municipal |regional |provincial |district |state )*"
    r"(?:governor|mayor|director(?:-general)?|commissioner|chairman|chairperson|chairwoman|premier|"
    r"party secretary|secretary(?:-general)?)\b)"
)
_ROLE_BEFORE_NAME = re.compile(
    rf"(?P<role>(?:[A-Z][\w’'\-]+ )*?(?:{_TITLE}|{_LOWER_TITLE}|counterpart)),? {_HONORIFIC}{_NAME}"
)
_UNIT_NOUN = r"(?:City|County|Province|State|Municipality|Region|District)"
_ROLE_OF_PLACE_NAME = re.compile(
    rf"(?P<role>(?:{_TITLE}|{_LOWER_TITLE}) (?:of|for) (?:the )?(?:{_UNIT_NOUN} of )?(?:[A-Z][\w’'\-]+ ){{0,2}}?[A-Z][\w’'\-]+"
    rf"(?: {_UNIT_NOUN}| city| county)?),? "
    rf"{_HONORIFIC}(?!{_UNIT_NOUN}\b){_NAME}"
)
_NAME_THEN_ROLE = re.compile(
    rf"{_HONORIFIC}{_NAME}, (?:the |who is the |who is )?(?P<role>[^,.;()]*?"
    # "Chen Zhi, vice mayor of Hulunbuir": news write the title in lower case too
    r"\b(?:Governor|Mayor|Secretary|Premier|Chairman|Chairperson|Chairwoman|Speaker|Director|Commissioner|Executive|"
    r"Member|governor|mayor|premier)\b[^,;()]*?)(?=,|\.(?:\s|$)|;|\)| and | who |$)"
)
_ZH_TITLE = re.compile(
    r"(?P<role>常务副省长|副省长|省长|省委书记|省委副书记|市委书记|市委副书记|副市长|市长|郡长|副郡长|州长|副州长|"
    r"郡督|省督|人大常委会主任|政协主席|外办主任|"
    # a region's Party secretary and chairman, a district's, county's, town's and township's head, Japan's and
    # Korea's governors (知事, 郡守), Macao's Chief Executive, a French region's president (大区主席)
    r"党委书记|党委副书记|自治区主席|自治区副主席|副区长|区长|副县长|县长|镇长|乡长|副知事|知事|郡守|行政长官|(?<=大区)主席)(?:代表)?"
    # not a word after the title: 市长会议 and 市长论坛 (mayors' meetings), 市长签署, 省长强调, 两市市长分别签字, 市长说, 上任市长后
    # 兼: "省长兼额尔登特市长" holds another title; 对外: 市长对外特使 is an envoy
    # 长期/长远 ("地区长期合作"): no title, though 区长 is written in it
    r"(?!会议|论坛|对话|会见|签署|签订|出席|表示|强调|指出|致辞|一行|分别|共同|等|及|以及|和|与|说|后|兼|对外)"
    r"(?!(?<=长)[期远])"
    # (looked ahead, not consumed: "副省长李明远和市长…" holds a second title)
    r"(?=(?P<name>[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})*))"
)
_ZH_NAME_END = re.compile(r"(?:和|与|及|等|率|在|并|以|通过|表示|代表|签署|签约|签订|出席|会见|一行|同志|共同|分别|见证|致辞|介绍|指出|说)")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to"})


# The words of a role after a name: capitalised words and the few lower-case ones a title is written with ("vice
# mayor of Hulunbuir", "Secretary of the CPC Sichuan Provincial Committee"). Any other word ends it.
_ROLE_WORDS = re.compile(
    r"(?:[A-Z0-9][\w’'\-]*(?:\.[A-Z]\w*)*|of|for|the|in|at|de|du|des|da|do|del|la|le|and|deputy|vice|acting|executive|"
    r"first|city|county|municipal|metropolitan|regional|provincial|district|state|province|region|prefecture|"
    r"municipality|town|party|chief|standing|people[’']s|government|committee|council|assembly|governor|mayor|"
    r"premier|secretary|director|commissioner|chairman|chairperson|chairwoman|member)$"
)
_ROLE_TRAILING = re.compile(r"(?:\s+(?:of|for|the|in|at|and|de|du|des|da|do|del|la|le))+$")


def _role_phrase(written: str) -> str:
    """The role in what follows a name and its comma, up to the first word no title has: "Deputy Mayor of
    Brazzaville initiated the agreement" is the Deputy Mayor of Brazzaville. A phrase that begins with such a word
    or with "and" ("signed the agreement alongside the Deputy Mayor", "and the Mayor of Nice, …") holds another
    person's title: no role is known."""
    words = written.strip().split(" ")
    end = next((i for i, word in enumerate(words)
                if not all(_ROLE_WORDS.match(part) for part in word.rstrip(".,").split("-") if part)), len(words))
    if end == 0 or words[0] in ("and", "And"):
        return ""
    return _ROLE_TRAILING.sub("", " ".join(words[:end])).rstrip(".")


def _title_case(role: str) -> str:
    words = role.split(" ")
    return " ".join(w if (w in _SMALL_WORDS and i) or not w[:1].isalpha() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


# Characters of the standard transliteration of foreign names (姆瓦卡隆贝, 阿希拉瓦): a run of four or more of them
# after a title is one foreign name written without a middle dot, which jieba would cut short.
_TRANSLITERATION = (
    "阿埃艾安昂奥巴拜班邦贝本比宾波伯博布查达戴丹道德登迪丁东杜敦多厄恩法菲芬丰弗福富盖甘冈戈格贡古瓜圭哈海汉豪赫亨胡华霍"
    "基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱兰朗劳勒雷里利莉连林琳卢鲁伦罗洛马迈曼芒梅门蒙米敏莫姆穆纳奈南瑙内尼宁纽努诺"
    "欧帕潘庞佩彭皮普齐奇乔切萨塞桑森沙尚舍什斯索苏塔泰坦汤唐特提图托瓦万旺威韦维温沃乌伍西希谢辛休许雅亚扬耶伊因尤约扎泽"
    "詹兹祖佐尔夫茨蒂隆")
_ORDINARY_NAME_LENGTH = 4


def _chinese_name(after: str) -> str:
    """A name after a Chinese title: a foreign name written whole, else up to a word that ends it, else the first
    word jieba cuts."""
    foreign = len(after) - len(after.lstrip(_TRANSLITERATION))
    if foreign >= _ORDINARY_NAME_LENGTH and after[foreign : foreign + 1] != "·":
        end = _ZH_NAME_END.search(after, 0, foreign)
        return after[: end.start() if end and end.start() >= 2 else foreign]
    end = _ZH_NAME_END.search(after)
    if end and 2 <= end.start() <= 3:
        return after[: end.start()]  # 覃伟中代表深圳市: the word after the name ends it
    if 2 <= len(after) <= 3:
        return after  # 姜洙贤、: the name is all there is before a stop
    if "·" not in after[: _ORDINARY_NAME_LENGTH + 1]:
        after = after[:_ORDINARY_NAME_LENGTH]
    if "·" in after:  # a foreign name: up to the first word that ends it
        dot = after.index("·")
        end = _ZH_NAME_END.search(after, dot + 1)
        return after[: end.start()] if end else after
    import jieba

    jieba.setLogLevel(60)
    first = next(iter(jieba.cut(after)), "")
    return first if 2 <= len(first) <= 3 else after[:3] if len(after) >= 3 else after


@dataclass
class _Person:
    name: str
    role: str  # as written
    place: PlaceRef | None  # the place the role names, if any
    span: Span
    at: int = 0  # offset in the text, to list people in the order the article names them
    role_names_place: bool = False  # "Deputy Mayor of Jiujiang Municipal" rather than "Kilifi Governor"


def _people_in(sentence: str, offset: int, mentions: list[Mention], language: str) -> list[_Person]:
    found: list[_Person] = []

    def place_in(start: int, end: int) -> PlaceRef | None:
        for mention in mentions:
            if mention.start >= offset + start and mention.end <= offset + end and not mention.coreference:
                return mention.place
        return None

    span = Span(offset, offset + len(sentence))
    if language == "zh":
        for match in _ZH_TITLE.finditer(sentence):
            name = _chinese_name(match.group("name"))
            if len(name) < 2:
                continue
            if any(offset + match.start() < m.start < offset + match.end("role") for m in mentions):
                continue  # 省长 in 湖南省长沙市: a place name begins inside the "title"
            # The place written just before the title (湖南省副省长) is the person's.
            place = None
            role_start = match.start()
            for mention in mentions:
                if mention.end == offset + match.start() and not mention.coreference:
                    place, role_start = mention.place, mention.start - offset
            found.append(_Person(name, sentence[role_start : match.end("role")], place, span,
                                 offset + match.start(), place is not None))
        return found
    roleless: list[_Person] = []
    for match in _NAME_THEN_ROLE.finditer(sentence):
        role = _role_phrase(match.group("role"))
        if not role:  # another person's title ("X, and the Mayor of Nice, Y"): X's may come before X's name
            roleless.append(_Person(match.group("name"), "", None, span, offset + match.start()))
            continue
        place = place_in(match.start("role"), match.start("role") + len(role))
        found.append(_Person(match.group("name"), _title_case(role), place, span, offset + match.start(),
                             place is not None))
    for match in _ROLE_OF_PLACE_NAME.finditer(sentence):
        name = match.group("name")
        if any(p.name == name for p in found):
            continue
        place = place_in(match.start("role"), match.end("role"))
        found.append(_Person(name, _title_case(match.group("role")), place, span, offset + match.start("name"), True))
    for match in _ROLE_BEFORE_NAME.finditer(sentence):
        name = match.group("name")
        if any(p.name == name for p in found):
            continue
        role_words = match.group("role").split(" ")
        # "Kilifi Governor X": the leading words are a place or a qualifier ("area"), not part of the title.
        title_at = next((i for i, w in enumerate(role_words)
                         if re.match(rf"{_TITLE}|{_LOWER_TITLE}|counterpart", " ".join(role_words[i:]))),
                        len(role_words) - 1)
        role = " ".join(role_words[title_at:])
        place = place_in(match.start("role"), match.end("role")) or _bare_place(" ".join(role_words[:title_at])) \
            or _place_after_name(sentence, match.end("name"), offset, mentions)
        found.append(_Person(name, _title_case(role), place, span, offset + match.start("name")))
    found += [p for p in roleless if not any(other.name == p.name for other in found)]
    for person in found:
        person.name = _LEADING_TITLE.sub("", person.name)  # "Governor Festus Ueitele", "Datuk Amar Abang Johari"
    # "Acting on behalf of Hebei Province, Vice Governor ...": a place, not a person's name; nor is "New Zealand".
    found = [p for p in found
             if " " in p.name and not _PLACE_AS_NAME.search(p.name) and not _NOT_A_NAME_START.match(p.name)
             and _country_code(p.name) is None]
    return sorted(found, key=lambda person: person.at)


# "Mayor Ester Hamor of Sorsogon City", "Governor Abdulraman Abdulrazaq of Kwara State": the place after the name
_OF_AFTER_NAME = re.compile(r" of (?:the )?(?:[Cc]ity of )?")


def _place_after_name(sentence: str, end: int, offset: int, mentions: list[Mention]) -> PlaceRef | None:
    after = _OF_AFTER_NAME.match(sentence, end)
    if after is None:
        return None
    return next((m.place for m in mentions if m.start == offset + after.end() and not m.coreference), None)


_NOT_A_NAME_START = re.compile(r"(?:The|A|An|This|That|These|Both|His|Her|Their|Its)\b")
# Titles and honorifics the name patterns take in when they come first ("Governor Festus Tulonga Ueitele").
_LEADING_TITLE = re.compile(r"^(?:(?:Governor|Mayor|Datuk|Dato|Amar|Tan Sri|Brigadier|General|Chief|Hon|Honourable|"
                            r"Councill?or|Alderman)\.?[ \-])+")


_PLACE_AS_NAME = re.compile(r"\b(?:City|County|Province|State|Municipality|Region|District|Government|Committee|Council|"
                            r"Assembly|Office|Bureau|Provincial|Municipal|Governorate|Prefecture|Autonomous|Party|"
                            # nor a day, a street, a hall or a field ("On Tuesday", "Civic Centre Town Hall")
                            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Street|Road|Avenue|Hall|Centre|"
                            r"Center|Health|Signs?|MoU|MOU)\b")


def _bare_place(words: str) -> PlaceRef | None:
    words = _strip_possessive(words.strip())
    if not words or words.lower() in _NOT_BARE_PLACE or not _known_key(words):
        return None
    return resolve_place(words)


_ROLE_LEVELS = [
    (re.compile(r"Mayor|市长|市委", re.IGNORECASE), {"city"}),
    (re.compile(r"Governor|Premier|省长|省委|郡长|州长|County Executive|CEC", re.IGNORECASE),
     {"county", "province", "state", "region"}),
]


def _assign_party(person: _Person, parties: list[ExtractedParty], places: list[PlaceRef]) -> int | None:
    """Which party a person speaks for: the place in the role, else the party the title fits."""
    if person.place is not None:
        return next((i for i, p in enumerate(places) if p.id == person.place.id), None)
    # "Zhang Yadan, mayor of Dujiangyan": the party the role names, when the registry lacks it
    named = [i for i, p in enumerate(parties) if _without_unit_words(p.name) in person.role]
    if len(named) == 1:
        return named[0]
    candidates = list(range(len(places)))
    for pattern, levels in _ROLE_LEVELS:
        if pattern.search(person.role):
            candidates = [i for i in candidates if places[i].level in levels]
            break
    chinese = _looks_chinese(person.name) or has_han(person.name) and "·" not in person.name
    same_side = [i for i in candidates if (places[i].country == "CN") == chinese]
    candidates = same_side or candidates
    return candidates[0] if len(candidates) == 1 else None
