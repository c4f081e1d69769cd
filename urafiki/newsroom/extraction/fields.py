"""Fields of an agreement's cooperation: which sentences speak of them, and which words of the
vocabulary (sectors, products) count there.
"""

from __future__ import annotations

import re

from urafiki.taxonomy.models import Product, Sector
from urafiki.taxonomy.selectors import terms_in_text

from .places import _DEMONYMS, PlaceRef, _country_code
from .records import Span
from .signing import _STRONG_SIGNING

# A formula of diplomatic language: every statement "promotes economic, trade and people-to-people
# exchanges"; it names no field of cooperation (the gold annotations leave it out).
_FORMULAIC_SECTOR_LABELS = frozenset({"people-to-people exchanges", "people-to-people exchange"})


# A sentence that opens on a span of past years ("In recent years, …", 近年来) tells of cooperation that exists.
_EXISTING_SENTENCE = re.compile(r"^\W*(?:近年来|多年来|长期以来|一直以来|如今|目前|截至目前|(?:\d+|[一二三四五六七八九十几]+)年来|(?:In recent years|Over the (?:past|last) (?:few |\w+ )?"
                                r"(?:years|decades?)|For (?:many )?years|Over the years)\b)", re.IGNORECASE)
# A party described as a centre or hub of something ("Wenzhou, one of the province's economic and cultural
# centres"), its population or its output: what it is, not a field of the agreement.
_EN_DESCRIPTION = re.compile(
    r"\b(?!urban\b)(?:\w+ and )?\w+ (?:cent(?:re|er)s?|hubs?|powerhouses?|capital)\b(?! (?:of|for) (?:cooperation|exchanges?))"
    r"|\bpopulation (?:of|stands|is)\b|\bGDP\b|\bgross domestic product\b|\bwhose (?:economy|population)\b",
    re.IGNORECASE)
# Words of the vocabulary used for something else: an organisation's name ("Kaduna Investment Promotion
# Agency", "Ministry of Trade and Industry", 中国石油大学) is no field, nor is the "business environment",
# 营商环境 or 主题教育 (a political campaign). The head word of an institution that is itself a field
# ("University", 大学) is kept.
_EN_ORGANISATION_NAME = re.compile(
    r"\b(?:(?:[A-Z][\w’'\-]*|of|and|for|the|&) ){0,6}?"
    r"(?P<head>Agency|Authority|Ministry|Department|Company|Corporation|Bank|Chamber|Commission|Council|Bureau|"
    r"Association|Board|Group|Fund|University|College|Hospital|Expo|Fair|Conference|Forum|Summit|Symposium)\b"
    r"(?:(?: (?:of|for|on) (?:the )?[A-Z][\w’'\-]*)(?: (?:and|&|of) [A-Z][\w’'\-]*| [A-Z][\w’'\-]*)*)?"
)
_EN_ORGANISATION_HEAD_KEPT = frozenset({"University", "College", "Hospital"})


def _field_text(sentence: str, language: str) -> str:
    """``sentence`` with the words that name no field blanked out (same length, offsets kept)."""
    def blank(match: re.Match) -> str:
        head = match.groupdict().get("head")
        if head and (head in _EN_ORGANISATION_HEAD_KEPT or head in ("大学", "学院", "医院")):
            return " " * (match.start("head") - match.start()) + head + " " * (match.end() - match.end("head"))
        return " " * (match.end() - match.start())

    if language == "zh":
        return _ZH_CLIMATE.sub(blank, sentence)
    return _EN_ORGANISATION_NAME.sub(blank, sentence)


# The climate for something, not the natural environment: 营造良好的交流环境, 营商环境, 投资环境.
_ZH_CLIMATE = re.compile(r"(?:交流|营商|投资|发展|合作|政策|市场|创业|人文|舆论|良好的?)环境")
# A sentence names fields of an agreement's cooperation when it speaks of cooperating in them, of their
# benefits or priorities; a sentence without such a word is background (a visit, a province's economy).
_EN_SECTOR_CUE = re.compile(
    r"\b(?:cooperat\w* (?:in|on)|collaborat\w*|areas?|sectors?|fields?|spheres?|focus\w*|prioriti[sz]\w*|"
    r"promot\w*|boost\w*|benefit\w*|enhanc\w*|strengthen\w*|expand\w*|explor\w*|"
    r"together|opportunit\w*|transfer|covering|covers|includ\w*|such as|pledg\w*|agreed|exchang\w*|jointly|"
    r"encourag\w*|envisag\w*|stipulat\w*|provides? for|"
    r"(?:agreement|mou|memorandum|understanding|pact|deal|accord)s?\)?(?: \([^)]*\))? on)\b",
    re.IGNORECASE,
)
# Ties "between the US and Tanzania": the countries', not the parties' (guideline 6).
_EN_BETWEEN = re.compile(r"\bbetween (?:the )?(?P<first>[A-Z][a-z]+(?: [A-Z][a-z]+)?|US|UK|UAE) and (?:the )?"
                         r"(?P<second>[A-Z][a-z]+(?: [A-Z][a-z]+)?|US|UK|UAE)\b")


def _between_countries(clause: str) -> bool:
    between = _EN_BETWEEN.search(clause)
    # countries by name: "between Chinese and Zambian businesses" are the parties' people
    return bool(between) and all(between.group(g) not in _DEMONYMS and _country_code(between.group(g))
                                 or between.group(g) in ("US", "UK", "UAE") for g in ("first", "second"))


# A clause about the countries, not the parties ("中国在泰国的基础设施、能源等领域有着广泛投资", "两国在…领域"): background
# (guideline 6).
_ZH_NATIONAL_CLAUSE = re.compile(r"^\s*(?:中国|两国|中非|中[\u4e00-\u9fff]{1,2}两国)(?:在|与|同|和)")
_ZH_SECTOR_CUE = re.compile(r"合作|领域|交流|促进|推动|加强|深化|拓展|共同|互利|共赢|互补|重点|携手|助力|旨在|共享|等项目")
_CLAUSE = re.compile(r"[，,；;。]")
_PRODUCT_CUE = re.compile(
    r"\b(?:areas?|fields?|sectors?|cooperat\w* (?:in|on)|collaborat\w* (?:in|on)|exports?|exporting|imports?|importing|"
    r"trade in|trading in|market(?:s|ing)? for|value chains?|process\w*|opportunit\w* in|invest\w* in|such as|including|"
    r"focus(?:es|ing)? on)\b"
    r"|领域|方面|合作|出口|进口|贸易|产业链|加工", re.IGNORECASE)
# What the parties already do together, in English: "have an existing cooperation in water and energy".
_EN_EXISTING = re.compile(r"\b(?:existing|already|has long|have long)\b", re.IGNORECASE)
_EXISTING_COOPERATION = re.compile(r"日渐|日益|日趋|已经|近年来|多年来|由来已久|持续推进|亮点纷呈|硕果累累|\b(?:already|existing|has long|have long|"
                                   r"has been|have been|currently)\b", re.IGNORECASE)


# The signing just reported, spoken of again ("Speaking at the signing ceremony", "signing the agreement"):
# no other signing.
_SIGNING_RECALLED = re.compile(
    r"\bthe signing(?: ceremony| event)?\b|\bsigning (?:of )?(?:the|this) (?:agreement|mou|memorandum|deal|document|pact)\b"
    r"|\b(?:the|this) (?:newly |just )?(?:signed|inked) (?:agreement|mou|memorandum|deal|document|pact)s?\b"
    r"|\b(?:the|this) signature(?: signed)?\b"
    r"|签约仪式|签字仪式|签约活动|(?:此次|本次|这次)签(?:约|署|字)|双方(?:共同)?签(?:署|订)的", re.IGNORECASE)


def sentences_about_fields(places: list[PlaceRef], signing: list[int], scope: list[int], sentences: list[str],
                           mentions_of, single: bool, language: str, event_host: set[int] | None = None) -> list[int]:
    """The sentences whose fields are this agreement's: its signing sentences; after them, those that
    speak of cooperating in fields; before them (the lead), those that do and name one of its parties,
    or any such sentence when the article reports this agreement only.

    ``event_host``: when the article reports an event's many agreements, the parties they all share; a
    sentence then speaks of this agreement's fields only when it names one of its other parties."""
    cue = _ZH_SECTOR_CUE if language == "zh" else _EN_SECTOR_CUE
    own = {p.id for p in places}
    chosen = []
    for index in range(0, max([*scope, *signing]) + 1):
        sentence = sentences[index]
        if index in signing and len(own & set(mentions_of(index))) >= 2:
            chosen.append(index)  # a sentence saying who signed what ("... the devolved unit" counts too)
        elif not cue.search(sentence):
            continue
        elif index > signing[0] and index not in signing and (
                not own & set(mentions_of(index))
                and (_STRONG_SIGNING.search(_SIGNING_RECALLED.sub(" ", sentence))
                     or set(mentions_of(index, parties_only=True)) - own)):
            continue  # another signing, another document, other places: not this agreement's fields
        elif event_host is not None and not (own - event_host) & set(mentions_of(index)):
            continue  # the event's fields ("the forum would facilitate cooperation in …"), not this pair's
        elif index in scope or index in signing or (index < signing[0] and (single or own & set(mentions_of(index)))):
            chosen.append(index)
    return chosen


def fields_named(sentences: list[tuple[Span, str, str]], language: str) -> tuple[dict[str, list[Span]], dict[str, list[Span]]]:
    """The sectors and products named as fields of an agreement, each with the sentences behind it.

    ``sentences`` are those about the agreement's fields: each one's span, its words about this agreement (its
    own clause when several agreements share the sentence) and the whole sentence.
    """
    sectors: dict[str, list[Span]] = {}
    products: dict[str, list[Span]] = {}
    for span, sentence, whole in sentences:
        if _EXISTING_SENTENCE.search(sentence):
            continue  # "多年来,双方…开展合作", and the paragraph it opens: what the parties already do together
        sentence = _field_text(sentence, language)
        # Chinese lists no field outside the clause that speaks of cooperating in it (在…等领域加强合作).
        current = " ".join(c for c in _CLAUSE.split(sentence)
                           if (language == "en" or _ZH_SECTOR_CUE.search(c) and not _ZH_NATIONAL_CLAUSE.match(c)
                               and not _EXISTING_COOPERATION.search(c))
                           and not (language == "en" and (_EN_DESCRIPTION.search(c) or _between_countries(c)
                                                          or _EN_EXISTING.search(c))))
        for mention in terms_in_text(Sector, current, language=language):
            if mention.label.lower() not in _FORMULAIC_SECTOR_LABELS:
                sectors.setdefault(mention.slug, []).append(span)
        for clause in _CLAUSE.split(whole):
            # Products only as fields of this agreement or goods to be traded under it, in a clause (Chinese) or
            # sentence (English lists run over commas) that says so; never trade that exists already
            # ("双方在纺织、钢材等领域的合作日渐紧密").
            if _EXISTING_COOPERATION.search(clause) or not _PRODUCT_CUE.search(clause if language == "zh" else whole):
                continue
            for mention in terms_in_text(Product, clause, language=language):
                products.setdefault(mention.slug, []).append(span)
    return sectors, products
