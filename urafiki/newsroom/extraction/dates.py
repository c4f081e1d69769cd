"""The article's own date (its date line or dateline) and the day a signing took place."""

from __future__ import annotations

import datetime
import re

from .signing import _YEAR, _ZH_FULL_DAY, _background_clause, _zh_full_day

_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTHS} ?\d{{1,2}}(?:st|nd|rd|th)?(?:,? |/)\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}})\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b"
)
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})")
# "新华社内罗毕5月3日电", and with the day only: "【香港文汇网 记者… 郑州21日电】"
_ZH_DATELINE = re.compile(r"^.{0,30}?(?P<date>(?:\d{1,2}月)?\d{1,2}日)电", re.MULTILINE)
# "MOMBASA, May 3 (Xinhua) --", and as NAMPA writes it, "WINDHOEK, 20 JUN (NAMPA) –", or UrduPoint,
# "BEIJING, Nov. 21 (UrduPoint / Pakistan Point News - 21st Nov, 2021 ) :"
_DATELINE = re.compile(rf"^[A-Z][A-Za-z ,]+?,\s*(?P<date>(?i:{_MONTHS})\s?\d{{1,2}}|\d{{1,2}}\s?(?i:{_MONTHS}))\b"
                       r".{0,60}?(?:--|—|–|\)\s*:)", re.MULTILINE)
_EN_SIGN_DATE = re.compile(
    rf"\b(?:[Oo]n|dated)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:the )?(?P<explicit>{_MONTHS} ?\d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS}(?:,? \d{{4}})?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
    # "on Friday", and as agencies also write it, "signed … Friday", "last Friday"; not a day to come, not the
    # day something was said ("the office said Friday"), not a date heading ("Thursday, May 27, 2021 –")
    r"|(?<!next )(?<!every )(?<!coming )(?<!until )(?<!by )(?<!said )(?<!says )(?<!announced )(?<!reported )"
    r"\b(?:[Oo]n |[Ll]ast )?"
    rf"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?! next\b)(?!,? (?:the )?\d|,? {_MONTHS})"
    r"|\b(?P<relative>[Yy]esterday|[Tt]oday|[Tt]his morning|[Ll]ast night)\b",
)
_ZH_SIGN_DATE = re.compile(
    r"(?P<explicit>(?:\d{4}年)?\d{1,2}月\d{1,2}日)|(?<![月\d])(?P<day>\d{1,2})日|(?P<relative>昨日|昨天|今天|今日|前天)"
    r"|(?:本|上)?(?:周|星期)(?P<weekday>[一二三四五六日天])"
)
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE_DAYS = {"yesterday": 1, "last night": 1, "today": 0, "this morning": 0, "昨日": 1, "昨天": 1, "今天": 0,
                  "今日": 0, "前天": 2}


_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")


def _parse_date(expression: str, *, language: str, base: datetime.date | None) -> datetime.date | None:
    written = expression.strip()
    numeric = _NUMERIC_DATE.fullmatch(written)
    if numeric:
        # 22/04/2024 (day first, as most of Africa and Europe write it) unless the first number cannot be a day
        day, month = int(numeric.group("a")), int(numeric.group("b"))
        if month > 12:
            day, month = month, day
        try:
            return datetime.date(int(numeric.group("year")), month, day)
        except ValueError:
            return None
    chinese = _ZH_DATE.fullmatch(written)
    if chinese:  # dateparser does not read 11月3日 without a year
        year = int(chinese.group("year")) if chinese.group("year") else base.year if base else None
        if year is None:
            return None
        try:
            day = datetime.date(year, int(chinese.group("month")), int(chinese.group("day")))
        except ValueError:
            return None
        if not chinese.group("year") and base and day > base:
            day = day.replace(year=year - 1)
        return day
    if (day := _common_date(written, base)) is not None:
        return day
    if base is None and not re.search(r"\d{4}", expression):
        return None  # a day and month without the article's date: the year is unknown
    import dateparser  # loads its language data on first use

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time(12))
    # "April 3/2022", as the Ethiopian News Agency writes it
    expression = re.sub(r"(?<=\d)/(?=\d{4}\b)", ", ", expression)
    parsed = dateparser.parse(expression.replace(".", ". ").replace("  ", " "),
                              languages=[language, "en"], settings=settings)
    if parsed is None:
        return None
    return parsed.date()


# The forms most dates of the news take, read without dateparser (whose every call costs milliseconds):
# 2019-11-28, 2025/07/02, "October 21, 2009", "Feb. 9, 2023", "April 3/2022" (as the Ethiopian News Agency writes
# it), "29 December 2015", "May 3" (the last one before the base).
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for name in names.split()}
_COMMON_DATE = re.compile(
    r"(?P<iso_year>\d{4})(?P<separator>[-/])(?P<iso_month>\d{1,2})(?P=separator)(?P<iso_day>\d{1,2})"
    r"|(?P<month>[A-Za-z]+)\.? ?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:(?:,? |/)(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)? (?P<month2>[A-Za-z]+)\.?(?:,? (?P<year2>\d{4}))?")


def _common_date(expression: str, base: datetime.date | None) -> datetime.date | None:
    """The day ``expression`` gives in one of the common forms, else None (another form, or no such day)."""
    match = _COMMON_DATE.fullmatch(expression)
    if match is None:
        return None
    written_year = match.group("iso_year") or match.group("year") or match.group("year2")
    if match.group("iso_year"):
        month, day = int(match.group("iso_month")), int(match.group("iso_day"))
    else:
        month = _MONTH_NUMBERS.get((match.group("month") or match.group("month2")).lower())
        day = int(match.group("day") or match.group("day2"))
    if month is None or (written_year is None and base is None):
        return None
    year = int(written_year) if written_year else base.year
    try:
        found = datetime.date(year, month, day)
    except ValueError:
        return None
    if written_year is None and found > base:
        try:
            found = found.replace(year=year - 1)  # "May 3" in a March article: last year's
        except ValueError:
            return None  # February 29th
    return found


def _date_line(text: str, language: str) -> datetime.date | None:
    """The publication date printed alone on the article's second line (after the title), if any."""
    lines = text.split("\n", 2)
    if len(lines) < 2 or not lines[1].strip() or len(lines[1]) > 60:
        return None
    line = lines[1].strip()
    match = _FULL_DATE.search(line)
    if match is None:
        return None
    expression = match.group(0).replace(" ", "") if "年" in match.group(0) else match.group(0)
    return _parse_date(expression, language=language, base=None)


def _day_of_month(day: int, published: datetime.date) -> datetime.date | None:
    """The day of a dateline that gives the day only ("郑州21日电"): in the month of publication, or the month before."""
    month = published.replace(day=1)
    if day > published.day:
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    try:
        return month.replace(day=day)
    except ValueError:
        return None


def article_date(text: str, *, language: str, published: datetime.date | None) -> datetime.date | None:
    """The date the article speaks from: its dateline or date line, else the date it was published."""
    head = text[:600]
    if published is None:
        published = _date_line(text, language)
    dateline = (_ZH_DATELINE if language == "zh" else _DATELINE).search(head)
    if dateline and published is not None:
        written = dateline.group("date")
        day = _day_of_month(int(written[:-1]), published) if language == "zh" and "月" not in written \
            else _parse_date(written, language=language, base=published)
        # a republication (a mirror, a digest) may be dated months later: the dateline is the report's own day
        if day is not None and (published - day).days in range(0, 366):
            return day
    if published is not None:
        return published
    match = _FULL_DATE.search(head)
    if match:
        return _parse_date(match.group(0).replace(" ", "") if "年" in match.group(0) else match.group(0),
                           language=language, base=None)
    if dateline and (language != "zh" or "月" in dateline.group("date")):
        # An undated page whose dateline has no year ("中新社昆明11月19日电"), about one year only
        # ("2024中国国际友好城市大会"): the dateline is in that year.
        years = {int(m.group("year")) for m in _YEAR.finditer(text)}
        if len(years) == 1 and (year := years.pop()) <= datetime.datetime.now(datetime.UTC).year:
            return _parse_date(dateline.group("date"), language=language, base=datetime.date(year, 12, 31))
    return None


# "During the forum, X witnessed the signing…", 大会上…签署: the signing took place at an event the article
# dated before ("…the Forum … held in Guangzhou on Tuesday", 19日,在…大会上).
_EN_AT_EVENT = re.compile(r"\b(?:during|at|on the sidelines of|on the margins of|in the course of) the (?:[\w\-]+ ){0,4}?"
                          r"(?P<event>forum|conference|summit|meeting|ceremony|event|expo|fair|talks|visit|dialogue|"
                          r"session|convention|festival|symposium|seminar)\b", re.IGNORECASE)
_ZH_AT_EVENT = re.compile(r"(?P<event>论坛|大会|会议|峰会|博览会|洽谈会|对话会|推介会|活动|会谈|会见|访问|开幕式|(?<![\u4e00-\u9fff])仪式|"
                          r"(?<![\u4e00-\u9fff])会)"
                          r"(?:活动|开幕式)?(?:上|期间|中|后|现场)")


_SAME_DAY = re.compile(r"当天|当日|同日|同一天|\b(?:on )?(?:the same day|that day|later that day)\b", re.IGNORECASE)


def _without_dateline(sentence: str, language: str) -> str:
    dateline = (_ZH_DATELINE if language == "zh" else _DATELINE).match(sentence)
    return sentence[dateline.end() :] if dateline else sentence


def _event_date(signing: list[str], before: list[str], *, language: str,
                base: datetime.date | None) -> tuple[datetime.date | None, int]:
    """The date of the event a signing sentence says it took place at, from the first earlier sentence that
    names that event with a day; (None, -1) when none does."""
    pattern = _ZH_AT_EVENT if language == "zh" else _EN_AT_EVENT
    events = {m.group("event").lower() for sentence in signing for m in pattern.finditer(sentence)}
    if events & {"会", "开幕式", "仪式"}:  # 会上, 开幕式上: at the meeting, conference or forum the article has named
        # (a ceremony or a video meeting too: "…协议书签字仪式通过视频方式举行", then "会上，两市市长共同签署")
        events = (events - {"会", "开幕式", "仪式"}) | {"会议", "大会", "论坛", "峰会", "博览会", "仪式", "视频会", "座谈会",
                                                       "交流会", "洽谈会", "推介会", "对话会", "研讨会", "恳谈会", "见面会"}
    if "event" in events:  # "During the event": the conference, forum or fair the article has named
        events = (events - {"event"}) | {"conference", "forum", "summit", "expo", "fair", "festival", "convention"}
    for index, sentence in enumerate(before):
        if any(event in sentence.lower() for event in events) \
                and (not _background_clause(sentence, 0, len(sentence), language, base)
                     # "…20周年庆祝活动15日在合肥举办": the anniversary is old, the day of its celebration is not
                     or any(re.search(rf"{re.escape(event)}\s*\d{{1,2}}日", sentence) for event in events)):
            # "新华社长沙5月15日电 14日，…论坛开幕": the day the news was filed is the event's only when the rest
            # of the sentence gives none
            # an undated page's event named with its year ("Conference 2024 kicked off on May 22") is of that year
            years = {int(m.group("year")) for m in _YEAR.finditer(sentence)}
            event_base = base or (datetime.date(years.pop(), 12, 31) if len(years) == 1 else None)
            day, _at = _date_signed([_without_dateline(sentence, language)], language=language, base=event_base)
            if day is None:
                day, _at = _date_signed([sentence], language=language, base=event_base)
            if day is not None:
                return day, index
    return None, -1


def _date_signed(sentences: list[str], *, language: str, base: datetime.date | None,
                 contexts: list[datetime.date | None] = ()) -> tuple[datetime.date | None, int]:
    """The date the signing sentences give, and which sentence gives it; (None, -1) when none does. ``contexts``
    are the full dates of the sentences just before them, if any: "1982年8月7日，…访问…。9日，双方签署" is 1982-08-09."""
    pattern = _ZH_SIGN_DATE if language == "zh" else _EN_SIGN_DATE
    for index, sentence in enumerate(sentences):
        context = contexts[index] if index < len(contexts) else None
        # a date written in full first: "记者13日从…获悉，…2024年9月12日下午，…举行…签署仪式" was signed on the 12th
        matches = sorted(pattern.finditer(sentence), key=lambda match: not match.group("explicit"))
        for match in matches:
            if match.group("explicit"):
                day = _parse_date(match.group("explicit"), language=language, base=base)
                if day is not None:
                    return day, index
            elif base is None:
                continue
            elif match.groupdict().get("day") and context is not None and context.day <= int(match.group("day")):
                try:
                    return context.replace(day=int(match.group("day"))), index
                except ValueError:
                    continue
            elif match.groupdict().get("day"):
                day_of_month = int(match.group("day"))
                month_start = base.replace(day=1)
                if day_of_month > base.day:  # "3日" in a story of the 8th is this month; "28日" the last
                    month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
                try:
                    return month_start.replace(day=day_of_month), index
                except ValueError:
                    continue
            elif match.group("weekday"):
                weekday = _WEEKDAYS[match.group("weekday").lower()]
                return base - datetime.timedelta(days=(base.weekday() - weekday) % 7), index
            elif match.group("relative"):
                return base - datetime.timedelta(days=_RELATIVE_DAYS[match.group("relative").lower()]), index
    return None, -1


def _full_date_in(sentence: str) -> datetime.date | None:
    """The first date with its year, month and day written in a Chinese sentence (1982年8月7日)."""
    match = _ZH_FULL_DAY.search(sentence)
    return _zh_full_day(match) if match else None



def _latest_year_end(text: str) -> datetime.date | None:
    years = [int(m.group("year")) for m in _YEAR.finditer(text)]
    return datetime.date(max(years), 12, 31) if years and max(years) <= datetime.datetime.now(datetime.UTC).year else None
