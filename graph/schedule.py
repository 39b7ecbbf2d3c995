"""Schedules (时间段): when a resource is available and when a demand needs it (design.md §4, §5).

Canonical form
--------------
A schedule is a list of strings ``"<days> <HH:MM>-<HH:MM>"``. Several windows on one day are several
strings. ``<days>`` is a comma-separated list of items, each one of

- a day ``mon`` … ``sun``, or a range ``mon-fri`` (a range may wrap: ``fri-mon`` = Fri, Sat, Sun, Mon);
- ``daily``: every day;
- ``workday``: a working day by China's official calendar (工作日, 含调休): Mon–Fri unless it is a
  statutory holiday, plus the weekend days that are make-up working days (调休上班);
- ``holiday``: a day off by the same calendar (节假日 / 休息日): every day that is not a workday, so
  ordinary weekends plus statutory holidays, minus make-up working days. ``workday`` and ``holiday``
  together are ``daily``.

Items combine as a union: ``sat,sun,holiday`` is every weekend plus every holiday.

Times are ``HH:MM``; ``24:00`` is allowed as an end. An end before the start runs past midnight:
``mon-fri 18:00-08:00`` starts Mon 18:00 and ends Tue 08:00, … the last one starts Fri 18:00 and ends
Sat 08:00. A window belongs to the day it starts on. A start equal to the end is refused as
ambiguous (write ``00:00-24:00`` for a whole day).

``str(parse_window(s))`` gives the canonical spelling: lower case, two-digit hours, days sorted
Mon→Sun, a run of three or more days as a range (``mon-fri``), shorter runs as a list (``sat,sun``),
all seven days as ``daily``, ``workday`` and ``holiday`` after the days, and an end of ``00:00`` after a
later start as ``24:00`` (``18:00-00:00`` → ``18:00-24:00``). A canonical string round-trips unchanged.

Chinese forms (``parse_chinese``)
---------------------------------
Spreadsheet spellings such as ``工作日18:00-次日8:00``, ``周一至周五 18:00—次日07:30``, ``周末全天``,
``每天9:00-17:00``, ``周六、周日 8:30-11:30``, ``周二、周四下午``, ``节假日全天``, ``8:00~17:00``,
``晚6点至早8点``, full-width digits and punctuation. Conventions:

- ``工作日`` = ``workday`` (含调休); ``周一至周五`` = ``mon-fri`` (plain weekdays, holidays included);
  ``周末`` / ``双休日`` = ``sat,sun``; ``节假日`` / ``假日`` / ``休息日`` = ``holiday`` (any day off);
  ``每天`` / ``每日`` / ``天天`` = ``daily``. ``法定节假日`` is refused rather than read as all days off.
- ``全天`` / ``全日`` / ``整天`` / ``24小时`` = ``00:00-24:00``.
- Parts of the day on their own: ``上午`` = 08:00-12:00, ``下午`` = 14:00-18:00,
  ``晚上`` / ``晚间`` = 18:00-22:00.
- Before a time, ``下午`` / ``傍晚`` / ``晚上`` / ``晚`` / ``夜间`` add 12 hours to 1–11 o'clock
  (``晚12点`` is 24:00), ``中午`` adds 12 to 1–10 o'clock, ``凌晨12点`` is 00:00, ``上午`` / ``早上`` /
  ``早`` keep the hour. An end without such a word inherits the start's afternoon/evening when
  that keeps it after the start (``下午2点到5点`` = 14:00-17:00, ``晚10点至6点`` = 22:00-06:00).
  ``次日`` / ``翌日`` / ``第二天`` mark an end on the next day; one that is not before the start
  (more than 24 hours) is refused.
- Times are ``H:MM``, ``H点``, ``H点半``, ``H点MM分``, ``H时`` or a bare hour; ranges use ``-``, ``—``,
  ``~``, ``至`` or ``到``.
- Windows are separated by ``；`` ``;`` ``，`` ``,`` ``。`` or a new line. A part with times but no days
  uses the days before it (``工作日 9:00-12:00，14:00-17:30`` is two workday windows), or ``daily`` when
  there are none; a part with days but no times joins the days of the next part (``周六，周日 9:00-12:00``)
  or, at the end, means the whole day.

Calendar
--------
``workday`` and ``holiday`` come from the ``chinese-calendar`` package (never a hand-kept list). For
a date outside the years it covers (``calendar_supports``), the rule is fixed and silent:
Mon–Fri is a workday, Sat and Sun are holidays. It never raises and logs nothing, so results stay
deterministic; update the package to get newly published years.

Overlap
-------
All times are naive local time in Asia/Shanghai (UTC+8, no daylight saving); aware datetimes are
converted to it. Overlaps are counted over a period of whole days, by default the reference week
``REFERENCE_WEEK`` = Mon 2026-06-08 … Sun 2026-06-14, an ordinary week with no holiday and no make-up
day, so ``workday`` = Mon–Fri and ``holiday`` = Sat, Sun there and results are deterministic.
An empty schedule means "any time": ``overlap_ratio`` and ``covers`` treat an empty need as fully
met and an empty offer as always available (``overlap_minutes`` and ``occurrences`` are literal: an
empty schedule has no intervals).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import chinese_calendar

__all__ = [
    "REFERENCE_WEEK",
    "Days",
    "Schedule",
    "ScheduleError",
    "Window",
    "calendar_supports",
    "covers",
    "describe",
    "is_holiday",
    "is_workday",
    "normalise_schedule",
    "overlap_minutes",
    "overlap_ratio",
    "parse_chinese",
    "parse_schedule",
    "parse_window",
]

REFERENCE_WEEK = date(2026, 6, 8)
"""Monday of the default week for overlaps: 2026-06-08 … 2026-06-14, no holiday, no make-up day."""

DAY_MINUTES = 24 * 60
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHINESE_DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

EXAMPLE_CHINESE = "工作日18:00-次日8:00"
EXAMPLE_CANONICAL = "mon-fri 18:00-08:00"


class ScheduleError(ValueError):
    """A schedule that cannot be read. The message quotes the text and shows a valid example."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason
        detail = f"（{reason}）" if reason else ""
        super().__init__(
            f'无法识别的时间 "{text}"{detail}：请写成 "{EXAMPLE_CHINESE}" 或 "{EXAMPLE_CANONICAL}"'
        )


# ---------------------------------------------------------------------------------------------
# Calendar


@functools.lru_cache(maxsize=4096)
def is_workday(day: date) -> bool:
    """True on a working day by China's official calendar (调休 included); see the module doc."""
    day = _as_date(day)
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the package has no data for
        return day.weekday() < 5


def is_holiday(day: date) -> bool:
    """True on a day off: an ordinary weekend or a statutory holiday, not a make-up working day."""
    return not is_workday(day)


def calendar_supports(day: date) -> bool:
    """Whether ``chinese-calendar`` has data for this date's year (else the Mon–Fri rule applies)."""
    first, last = _calendar_years()
    return first <= _as_date(day).year <= last


@functools.cache
def _calendar_years() -> tuple[int, int]:
    years = {day.year for day in chinese_calendar.holidays}
    return min(years), max(years)


def _as_date(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


# ---------------------------------------------------------------------------------------------
# Days and windows


@dataclass(frozen=True)
class Days:
    """The days a window starts on: some weekdays (0 = Mon) plus, optionally, workdays and holidays."""

    weekdays: frozenset[int] = frozenset()
    workday: bool = False
    holiday: bool = False

    def __post_init__(self) -> None:
        if not (self.weekdays or self.workday or self.holiday):
            raise ValueError("Days needs at least one day")
        if len(self.weekdays) == 7 or (self.workday and self.holiday):
            object.__setattr__(self, "weekdays", frozenset(range(7)))
            object.__setattr__(self, "workday", False)
            object.__setattr__(self, "holiday", False)

    @property
    def daily(self) -> bool:
        return len(self.weekdays) == 7

    def __or__(self, other: Days) -> Days:
        return Days(
            self.weekdays | other.weekdays, self.workday or other.workday, self.holiday or other.holiday
        )

    def matches(self, day: date) -> bool:
        if day.weekday() in self.weekdays:
            return True
        if self.workday and is_workday(day):
            return True
        return self.holiday and is_holiday(day)

    def __str__(self) -> str:
        if self.daily:
            return "daily"
        parts = [part for run in _runs(self.weekdays) for part in _run_text(run, DAY_NAMES, "-")]
        parts += ["workday"] * self.workday + ["holiday"] * self.holiday
        return ",".join(parts)

    def describe(self) -> str:
        """Chinese: 每天, 工作日, 周一至周五, 周六、周日及节假日 …"""
        if self.daily:
            return "每天"
        days = "、".join(p for run in _runs(self.weekdays) for p in _run_text(run, CHINESE_DAY_NAMES, "至"))
        keywords = "及".join(["工作日"] * self.workday + ["节假日"] * self.holiday)
        return "及".join(p for p in (days, keywords) if p)


DAILY = Days(frozenset(range(7)))


def _runs(weekdays: Iterable[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for day in sorted(weekdays):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _run_text(run: list[int], names: Sequence[str], joiner: str) -> list[str]:
    if len(run) >= 3:
        return [f"{names[run[0]]}{joiner}{names[run[-1]]}"]
    return [names[day] for day in run]


@dataclass(frozen=True)
class Window:
    """One canonical string: the days it starts on and a start and end in minutes after midnight.

    ``end`` is 1…1440 (an end of 0 after a later start becomes 1440); an end before ``start`` is on
    the next day (``overnight``). A start equal to the end is refused.
    """

    days: Days
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < DAY_MINUTES:
            raise ValueError(f"start {self.start} outside 0..1439")
        if not 0 <= self.end <= DAY_MINUTES:
            raise ValueError(f"end {self.end} outside 0..1440")
        if self.end == 0 and self.start > 0:
            object.__setattr__(self, "end", DAY_MINUTES)
        if self.end == self.start or self.end == 0:
            raise ValueError("start equals end")

    @property
    def overnight(self) -> bool:
        return self.end < self.start

    @property
    def minutes(self) -> int:
        return self.end - self.start if not self.overnight else DAY_MINUTES - self.start + self.end

    def on(self, day: date) -> tuple[datetime, datetime] | None:
        """The interval this window gives when started on ``day``, or None if it does not apply."""
        if not self.days.matches(day):
            return None
        begin = datetime.combine(day, time()) + timedelta(minutes=self.start)
        return begin, begin + timedelta(minutes=self.minutes)

    def __str__(self) -> str:
        return f"{self.days} {_hhmm(self.start)}-{_hhmm(self.end)}"

    def describe_time(self) -> str:
        if self.start == 0 and self.end == DAY_MINUTES:
            return "24小时" if self.days.daily else "全天"
        next_day = "次日" if self.overnight else ""
        return f"{_hmm(self.start)}-{next_day}{_hmm(self.end)}"

    def describe(self) -> str:
        return f"{self.days.describe()}{self.describe_time()}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


# ---------------------------------------------------------------------------------------------
# Schedules and overlap

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Schedule:
    """A list of windows; empty means no window was given (read as "any time" by overlap_ratio)."""

    windows: tuple[Window, ...] = ()

    def __iter__(self) -> Iterator[Window]:
        return iter(self.windows)

    def __len__(self) -> int:
        return len(self.windows)

    def __str__(self) -> str:
        return "; ".join(self.to_list())

    def to_list(self) -> list[str]:
        """The canonical strings, as stored on ``Resource.availability`` / ``Demand.window``."""
        return [str(window) for window in self.windows]

    def occurrences(self, start: datetime, end: datetime) -> list[Interval]:
        """Concrete intervals within ``[start, end)``, clipped to it, sorted, overlaps merged.

        Naive local time (Asia/Shanghai); a window that started the day before ``start`` and runs past
        midnight is included from ``start`` on.
        """
        start, end = _local(start), _local(end)
        if end <= start:
            return []
        intervals: list[Interval] = []
        day = start.date() - timedelta(days=1)
        while day <= end.date():
            for window in self.windows:
                interval = window.on(day)
                if interval is not None and interval[1] > start and interval[0] < end:
                    intervals.append((max(interval[0], start), min(interval[1], end)))
            day += timedelta(days=1)
        return _merge(intervals)

    def minutes(self, start: date = REFERENCE_WEEK, days: int = 7) -> int:
        """Minutes covered in the ``days`` days from ``start`` (default: the reference week)."""
        return _total(self.occurrences(*_period(start, days)))


ScheduleLike = Schedule | str | Sequence[str]


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(SHANGHAI).replace(tzinfo=None)


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for begin, finish in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def _total(intervals: Iterable[Interval]) -> int:
    return sum(int((finish - begin).total_seconds() // 60) for begin, finish in intervals)


def _period(start: date, days: int) -> tuple[datetime, datetime]:
    begin = datetime.combine(_as_date(start), time())
    return begin, begin + timedelta(days=days)


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Intersection of two sorted, merged interval lists."""
    result: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        begin, finish = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if begin < finish:
            result.append((begin, finish))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def _schedule(value: ScheduleLike) -> Schedule:
    return value if isinstance(value, Schedule) else parse_schedule(value)


def overlap_minutes(a: ScheduleLike, b: ScheduleLike, start: date = REFERENCE_WEEK, days: int = 7) -> int:
    """Minutes when both schedules are open in the ``days`` days from ``start`` (literal: empty = none)."""
    period = _period(start, days)
    return _total(_intersect(_schedule(a).occurrences(*period), _schedule(b).occurrences(*period)))


def overlap_ratio(
    offer: ScheduleLike, need: ScheduleLike, start: date = REFERENCE_WEEK, days: int = 7
) -> float:
    """Share (0…1) of the need's minutes that the offer covers.

    An empty need, or one with no minutes in the period, is 1.0 ("any time" / nothing to cover); an
    empty offer is read as available at any time, so it is 1.0 too.
    """
    offer, need = _schedule(offer), _schedule(need)
    if not need or not offer:
        return 1.0
    needed = need.minutes(start, days)
    if needed == 0:
        return 1.0
    return overlap_minutes(offer, need, start, days) / needed


def covers(offer: ScheduleLike, need: ScheduleLike, start: date = REFERENCE_WEEK, days: int = 7) -> bool:
    """Whether the offer is open for every minute of the need (same conventions as overlap_ratio)."""
    offer, need = _schedule(offer), _schedule(need)
    if not need or not offer:
        return True
    return overlap_minutes(offer, need, start, days) == need.minutes(start, days)


# ---------------------------------------------------------------------------------------------
# Canonical strings

_CANONICAL = re.compile(
    r"^\s*(?P<days>[a-z][a-z,\-]*)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*$"
)
_KEYWORDS = {"daily": DAILY, "workday": Days(workday=True), "holiday": Days(holiday=True)}


def parse_window(text: str) -> Window:
    """Parse one canonical string such as ``mon-fri 18:00-08:00``; raises ScheduleError."""
    match = _CANONICAL.match(text.lower())
    if match is None:
        raise ScheduleError(text)
    days = _parse_days(match["days"], text)
    start = _parse_clock(match["start"], text, end=False)
    end = _parse_clock(match["end"], text, end=True)
    return _window(days, start, end, text)


def parse_schedule(value: ScheduleLike) -> Schedule:
    """Canonical strings to a Schedule: a list, or one string with windows split by ``;`` or new lines."""
    if isinstance(value, Schedule):
        return value
    items = _split_canonical(value) if isinstance(value, str) else list(value)
    return Schedule(tuple(parse_window(item) for item in items))


def _split_canonical(text: str) -> list[str]:
    return [part for part in re.split(r"[;\n\r]+", text) if part.strip()]


def _parse_days(text: str, source: str) -> Days:
    days: Days | None = None
    for item in text.split(","):
        part = _parse_day_item(item, source)
        days = part if days is None else days | part
    if days is None:
        raise ScheduleError(source)
    return days


def _parse_day_item(item: str, source: str) -> Days:
    if item in _KEYWORDS:
        return _KEYWORDS[item]
    first, _, last = item.partition("-")
    if first not in DAY_NAMES or (last and last not in DAY_NAMES):
        raise ScheduleError(source, f'不认识的日期 "{item}" / unknown day "{item}"')
    return Days(_day_range(DAY_NAMES.index(first), DAY_NAMES.index(last or first)))


def _day_range(first: int, last: int) -> frozenset[int]:
    return frozenset((first + offset) % 7 for offset in range((last - first) % 7 + 1))


def _parse_clock(text: str, source: str, *, end: bool) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    return _minutes(hours, minutes, source, end=end)


def _minutes(hours: int, minutes: int, source: str, *, end: bool) -> int:
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not end)):
        raise ScheduleError(source, f"时间 {hours}:{minutes:02d} 超出范围 / time out of range")
    return hours * 60 + minutes


def _window(days: Days, start: int, end: int, source: str) -> Window:
    if start == end:
        raise ScheduleError(source, "开始与结束相同，全天请写 00:00-24:00 / start equals end")
    return Window(days, start, end)


# ---------------------------------------------------------------------------------------------
# Entry point for imports


def normalise_schedule(value: str | Sequence[str]) -> list[str]:
    """Canonical strings from canonical or Chinese text (a string or a list of them).

    Each string is tried as canonical first (windows split by ``;`` or new lines), then as Chinese.
    Duplicates are dropped, order kept. An empty string or list gives ``[]``.
    """
    items = [value] if isinstance(value, str) else list(value)
    result: list[str] = []
    for item in items:
        for window in _normalise_one(item):
            if window not in result:
                result.append(window)
    return result


def _normalise_one(text: str) -> list[str]:
    try:
        return parse_schedule(text).to_list()
    except ScheduleError:
        if _LATIN_START.match(text):  # meant as canonical: report that error, not the Chinese one
            raise
        return parse_chinese(text)


_LATIN_START = re.compile(r"^\s*[A-Za-z]")


def describe(schedule: ScheduleLike) -> str:
    """A Chinese description: ``周一至周五18:00-次日7:30``, ``周六、周日全天``, ``每天9:00-17:00``.

    Days: ``mon-fri`` = 周一至周五, ``workday`` = 工作日 (含调休), ``holiday`` = 节假日, ``daily`` = 每天;
    a whole day is 全天 (every day, whole day: 每天24小时). Windows with the same days are joined with
    ``，``, groups with ``；``; ``parse_chinese`` reads the result back to the same windows. An empty
    schedule is ``""``.
    """
    groups: list[tuple[Days, list[str]]] = []
    for window in _schedule(schedule):
        if groups and groups[-1][0] == window.days:
            groups[-1][1].append(window.describe_time())
        else:
            groups.append((window.days, [window.describe_time()]))
    return "；".join(days.describe() + "，".join(times) for days, times in groups)


# ---------------------------------------------------------------------------------------------
# Chinese forms

_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_DAY_KEYWORDS = {
    "工作日": Days(workday=True),
    "节假日": Days(holiday=True),
    "休息日": Days(holiday=True),
    "假日": Days(holiday=True),
    "周末": Days(frozenset({5, 6})),
    "双休日": Days(frozenset({5, 6})),
    "每天": DAILY,
    "每日": DAILY,
    "天天": DAILY,
}
_PERIODS = {"上午": (8 * 60, 12 * 60), "下午": (14 * 60, 18 * 60), "晚上": (18 * 60, 22 * 60)}
_PERIODS["晚间"] = _PERIODS["晚上"]
_EVENING = {"下午", "傍晚", "晚上", "晚间", "晚", "夜间", "夜里"}
_MORNING = {"凌晨", "早上", "早晨", "上午", "早"}
_NEXT_DAY = {"次日", "翌日", "第二天", "隔天"}

_TOKEN = re.compile(
    r"""
    (?P<allday>全天|全日|整天|二十四小时|24小时|24h)
   |(?P<daykw>工作日|节假日|休息日|假日|周末|双休日|每天|每日|天天)
   |(?P<weekday>每?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天七]))
   |(?P<qual>次日|翌日|第二天|隔天|凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|夜里|早|晚)
   |(?P<time>(?P<h>\d{1,2})(?::(?P<m>\d{2})|[点时](?:(?P<half>半)|(?P<pm>\d{1,2})分?)?)?)
   |(?P<range>[-~—–―〜]+|至|到)
   |(?P<sep>以及|、|和|及|与|/|&|\+)
   |(?P<bare>[一二三四五六日天七])
   |(?P<skip>\s+|:|开放|可用|均可|营业)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    value: int = 0  # weekday index, or minutes after midnight for a time


def parse_chinese(text: str) -> list[str]:
    """Canonical strings from the Chinese forms people write (see the module doc); raises ScheduleError."""
    segments = [s for s in re.split(r"[;,。\n\r]+", _fold(text)) if s.strip()]
    builder = _Builder()
    for segment in segments:
        days, times = _Segment(_tokens(segment, text), text).parse()
        builder.add(days, times)
    result: list[str] = []
    for window in builder.finish(text):
        if str(window) not in result:
            result.append(str(window))
    return result


def _fold(text: str) -> str:
    """Full-width → half-width (NFKC: １８：００ → 18:00, ，→ ,, ～ → ~), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _tokens(segment: str, source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(segment):
        match = _TOKEN.match(segment, position)
        if match is None:
            rest = segment[position:].strip()
            reason = "" if rest == source.strip() else f'看不懂 "{rest}" / cannot read "{rest}"'
            raise ScheduleError(source, reason)
        position = match.end()
        token = _token(match)
        if token is not None:
            tokens.append(token)
    return tokens


def _token(match: re.Match[str]) -> _Token | None:
    kind = match.lastgroup
    if kind is None or kind == "skip":
        return None
    text = match[kind]
    if kind == "weekday":
        return _Token(kind, text, _WEEKDAY_CHARS[match["wd"]])
    if kind == "bare":
        return _Token(kind, text, _WEEKDAY_CHARS[text])
    if kind == "time":
        minutes = 30 if match["half"] else int(match["m"] or match["pm"] or 0)
        return _Token(kind, text, int(match["h"]) * 60 + minutes)
    return _Token(kind, text)


class _Segment:
    """Recursive-descent reading of one segment: ``[days] [times]``."""

    def __init__(self, tokens: list[_Token], source: str) -> None:
        self.tokens = tokens
        self.source = source
        self.position = 0

    def peek(self, offset: int = 0) -> _Token | None:
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def kind(self, offset: int = 0) -> str:
        token = self.peek(offset)
        return token.kind if token is not None else ""

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def fail(self, reason: str = "") -> ScheduleError:
        return ScheduleError(self.source, reason)

    def parse(self) -> tuple[Days | None, list[tuple[int, int]] | None]:
        days = self.days() if self.kind() in ("weekday", "daykw") else None
        times = self.times() if self.position < len(self.tokens) else None
        if days is None and times is None:
            raise self.fail("没有日期或时间 / no days or times")
        return days, times

    # days ------------------------------------------------------------------------------------

    def days(self) -> Days:
        days = self.day_item()
        while self.kind() == "sep" and self.kind(1) in ("weekday", "daykw", "bare"):
            self.take()
            days = days | self.day_item()
        return days

    def day_item(self) -> Days:
        token = self.take()
        if token.kind == "daykw":
            return _DAY_KEYWORDS[token.text]
        first = token.value
        if self.kind() == "range" and self.kind(1) in ("weekday", "bare"):
            self.take()
            return Days(_day_range(first, self.take().value))
        return Days(frozenset({first}))

    # times -----------------------------------------------------------------------------------

    def times(self) -> list[tuple[int, int]]:
        times: list[tuple[int, int]] = []
        while self.position < len(self.tokens):
            times.append(self.time_item())
            if self.kind() == "sep":
                self.take()
        return times

    def time_item(self) -> tuple[int, int]:
        token = self.peek()
        assert token is not None
        if token.kind == "allday":
            self.take()
            return 0, DAY_MINUTES
        if token.kind == "qual" and token.text in _PERIODS and self.kind(1) != "time":
            self.take()
            return _PERIODS[token.text]
        if token.kind in ("qual", "time"):
            return self.time_range()
        raise self.fail(f'"{token.text}" 不在这里 / unexpected "{token.text}"')

    def time_range(self) -> tuple[int, int]:
        start_quals, start = self.point()
        if self.kind() != "range":
            raise self.fail("缺少结束时间 / missing end time")
        self.take()
        end_quals, end = self.point()
        return _resolve_range(start_quals, start, end_quals, end, self.source)

    def point(self) -> tuple[set[str], int]:
        quals: set[str] = set()
        while self.kind() == "qual":
            quals.add(self.take().text)
        if self.kind() != "time":
            raise self.fail("缺少时间 / missing time")
        return quals, self.take().value


def _resolve_range(
    start_quals: set[str], start: int, end_quals: set[str], end: int, source: str
) -> tuple[int, int]:
    if start_quals & _NEXT_DAY:
        raise ScheduleError(source, "开始时间不能是次日 / a start cannot be on the next day")
    start = _apply_qualifier(start_quals, start, source)
    if not end_quals and start_quals & _EVENING:
        end = _inherit_evening(start, end)
    end = _apply_qualifier(end_quals, end, source)
    begin = _minutes(start // 60, start % 60, source, end=False)
    finish = _minutes(end // 60, end % 60, source, end=True)
    if end_quals & _NEXT_DAY and finish > begin:
        raise ScheduleError(source, "超过24小时 / longer than 24 hours")
    if begin == finish:
        raise ScheduleError(source, "开始与结束相同，全天请写“全天” / start equals end")
    return begin, finish


def _apply_qualifier(quals: set[str], minutes: int, source: str) -> int:
    hours = minutes // 60
    if quals & _EVENING and 1 <= hours < 12:
        return minutes + 12 * 60
    if quals & (_EVENING - {"下午"}) and hours == 12:
        return minutes + 12 * 60  # 晚12点 = midnight
    if "中午" in quals and 1 <= hours <= 10:
        return minutes + 12 * 60
    if "凌晨" in quals and hours == 12:
        return minutes - 12 * 60
    return minutes


def _inherit_evening(start: int, end: int) -> int:
    """``下午2点到5点``: a bare end after an afternoon start is in the afternoon too, if that is later.

    ``晚上7点到12点`` ends at 24:00; ``晚10点至6点`` stays 22:00-06:00.
    """
    if end < 13 * 60 and start < end + 12 * 60 <= DAY_MINUTES and not start < end:
        return end + 12 * 60
    return end


class _Builder:
    """Joins segments: times without days use the days before them; days without times wait."""

    def __init__(self) -> None:
        self.windows: list[Window] = []
        self.current: Days | None = None
        self.pending: Days | None = None

    def add(self, days: Days | None, times: list[tuple[int, int]] | None) -> None:
        if times is None:
            assert days is not None
            self.pending = days if self.pending is None else self.pending | days
            return
        if days is not None:
            self.current = days if self.pending is None else self.pending | days
        elif self.pending is not None:
            self.current = self.pending
        elif self.current is None:
            self.current = DAILY
        self.pending = None
        self.windows.extend(Window(self.current, start, end) for start, end in times)

    def finish(self, source: str) -> list[Window]:
        if self.pending is not None:
            self.windows.append(Window(self.pending, 0, DAY_MINUTES))
        return self.windows
