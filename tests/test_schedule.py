"""Schedules: canonical strings, Chinese forms, the official calendar, occurrences and overlap."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from gongjian.graph.schedule import (
    REFERENCE_WEEK,
    Schedule,
    ScheduleError,
    calendar_supports,
    covers,
    describe,
    is_holiday,
    is_workday,
    normalise_schedule,
    overlap_minutes,
    overlap_ratio,
    parse_chinese,
    parse_schedule,
    parse_window,
)

# --- Chinese forms --------------------------------------------------------------------------------

CHINESE_FORMS = [
    ("工作日18:00-次日8:00", ["workday 18:00-08:00"]),
    ("周一至周五 18:00—次日07:30", ["mon-fri 18:00-07:30"]),
    ("周末全天", ["sat,sun 00:00-24:00"]),
    ("每天9:00-17:00", ["daily 09:00-17:00"]),
    ("每日9:00-17:00", ["daily 09:00-17:00"]),
    ("全天", ["daily 00:00-24:00"]),
    ("24小时", ["daily 00:00-24:00"]),
    ("周六、周日 8:30-11:30", ["sat,sun 08:30-11:30"]),
    ("周二、周四下午", ["tue,thu 14:00-18:00"]),
    ("周一上午", ["mon 08:00-12:00"]),
    ("周三晚上", ["wed 18:00-22:00"]),
    ("节假日全天", ["holiday 00:00-24:00"]),
    ("工作日 9:00-12:00，14:00-17:30", ["workday 09:00-12:00", "workday 14:00-17:30"]),
    ("8:00~17:00", ["daily 08:00-17:00"]),
    ("工作日１８：００－次日８：００", ["workday 18:00-08:00"]),
    ("周六 ８:３０～１１:３０", ["sat 08:30-11:30"]),
    ("晚6点至早8点", ["daily 18:00-08:00"]),
    ("18点-22点", ["daily 18:00-22:00"]),
    ("下午2点到5点半", ["daily 14:00-17:30"]),
    ("晚上7点到12点", ["daily 19:00-24:00"]),
    ("晚10点至6点", ["daily 22:00-06:00"]),
    ("晚6点-次日8点", ["daily 18:00-08:00"]),
    ("每周一至五 8:00-17:00", ["mon-fri 08:00-17:00"]),
    ("星期六、日 全天", ["sat,sun 00:00-24:00"]),
    ("周末及节假日全天", ["sat,sun,holiday 00:00-24:00"]),
    ("周六，周日 9:00-12:00", ["sat,sun 09:00-12:00"]),
    ("上午、下午", ["daily 08:00-12:00", "daily 14:00-18:00"]),
    ("周一至周日 9:00-17:00", ["daily 09:00-17:00"]),
    (
        "周一至周五 9:00-17:00；周六 9:00-12:00\n周日全天",
        ["mon-fri 09:00-17:00", "sat 09:00-12:00", "sun 00:00-24:00"],
    ),
    (
        "周一 8:00-9:00; 周二 8:00-9:00, 周三 8:00-9:00",
        ["mon 08:00-09:00", "tue 08:00-09:00", "wed 08:00-09:00"],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CHINESE_FORMS)
def test_parse_chinese(text: str, expected: list[str]) -> None:
    assert parse_chinese(text) == expected


@pytest.mark.parametrize(("text", "expected"), CHINESE_FORMS)
def test_normalise_accepts_chinese(text: str, expected: list[str]) -> None:
    assert normalise_schedule(text) == expected


def test_chinese_output_is_canonical() -> None:
    for text, _ in CHINESE_FORMS:
        assert parse_schedule(parse_chinese(text)).to_list() == parse_chinese(text)


# --- canonical strings ----------------------------------------------------------------------------

CANONICAL = [
    "mon-fri 18:00-08:00",
    "sat,sun 00:00-24:00",
    "daily 09:00-17:00",
    "workday 18:00-08:00",
    "holiday 00:00-24:00",
    "mon 08:00-12:00",
    "mon-wed,fri 07:00-09:30",
    "sat,sun,holiday 09:00-12:00",
    "mon-fri,holiday 18:00-24:00",
]


@pytest.mark.parametrize("text", CANONICAL)
def test_canonical_round_trip(text: str) -> None:
    assert str(parse_window(text)) == text
    assert normalise_schedule(text) == [text]
    assert parse_schedule([text]).to_list() == [text]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Mon-Fri 18:00-8:00", "mon-fri 18:00-08:00"),
        ("sat-sun 0:00-24:00", "sat,sun 00:00-24:00"),
        ("fri-mon 10:00-11:00", "mon,fri-sun 10:00-11:00"),
        ("mon,tue,wed,thu,fri 09:00-10:00", "mon-fri 09:00-10:00"),
        ("mon-sun 09:00-10:00", "daily 09:00-10:00"),
        ("workday,holiday 09:00-10:00", "daily 09:00-10:00"),
        ("daily 18:00-00:00", "daily 18:00-24:00"),
    ],
)
def test_canonical_spelling(text: str, canonical: str) -> None:
    assert str(parse_window(text)) == canonical


def test_parse_schedule_from_list_and_string() -> None:
    schedule = parse_schedule(["daily 08:00-12:00", "daily 14:00-18:00"])
    assert len(schedule) == 2
    assert parse_schedule("daily 08:00-12:00; daily 14:00-18:00") == schedule
    assert parse_schedule("daily 08:00-12:00\ndaily 14:00-18:00") == schedule
    assert parse_schedule([]) == Schedule()


def test_normalise_list_mixes_forms_and_drops_duplicates() -> None:
    value = ["mon-fri 18:00-08:00", "工作日 9:00-12:00", "周一至周五 18:00-次日8:00"]
    assert normalise_schedule(value) == ["mon-fri 18:00-08:00", "workday 09:00-12:00"]


def test_parse_schedule_is_strict_about_chinese() -> None:
    with pytest.raises(ScheduleError):
        parse_schedule("每天9:00-17:00")


# --- windows: overnight and 24:00 -----------------------------------------------------------------


def test_overnight_window() -> None:
    window = parse_window("mon-fri 18:00-08:00")
    assert window.overnight
    assert window.minutes == 14 * 60


def test_end_at_24() -> None:
    window = parse_window("daily 18:00-24:00")
    assert not window.overnight
    assert window.minutes == 6 * 60
    assert parse_window("daily 00:00-24:00").minutes == 24 * 60


@pytest.mark.parametrize(
    "text", ["daily 24:00-08:00", "daily 08:00-08:00", "daily 00:00-00:00", "daily 08:60-09:00"]
)
def test_invalid_times(text: str) -> None:
    with pytest.raises(ScheduleError, match=f'"{text}"'):
        parse_window(text)


# --- occurrences ----------------------------------------------------------------------------------

MON = datetime(2026, 6, 8)  # REFERENCE_WEEK


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the reference week: day 0 = Mon 2026-06-08."""
    return MON + timedelta(days=day, hours=hour, minutes=minute)


def test_reference_week_is_ordinary() -> None:
    assert datetime.combine(REFERENCE_WEEK, datetime.min.time()) == MON
    for offset in range(7):
        day = REFERENCE_WEEK + timedelta(days=offset)
        assert chinese_calendar.is_workday(day) == (day.weekday() < 5)


def test_occurrences_across_a_week() -> None:
    schedule = parse_schedule(["mon-fri 18:00-08:00"])
    assert schedule.occurrences(at(0, 0), at(7, 0)) == [(at(d, 18), at(d + 1, 8)) for d in range(5)]


def test_occurrences_are_clipped_and_include_the_previous_night() -> None:
    schedule = parse_schedule(["daily 22:00-06:00"])
    occurrences = schedule.occurrences(at(0, 0), at(1, 0))
    assert occurrences == [(at(0, 0), at(0, 6)), (at(0, 22), at(1, 0))]


def test_occurrences_merge_overlapping_windows() -> None:
    schedule = parse_schedule(["daily 09:00-17:00", "mon-fri 08:00-12:00", "mon 17:00-18:00"])
    assert schedule.occurrences(at(0, 0), at(1, 0)) == [(at(0, 8), at(0, 18))]
    assert parse_schedule(["daily 00:00-24:00"]).occurrences(at(0, 0), at(7, 0)) == [(at(0, 0), at(7, 0))]


def test_occurrences_of_workday_and_holiday_in_a_plain_week() -> None:
    workday = parse_schedule(["workday 09:00-17:00"]).occurrences(at(0, 0), at(7, 0))
    holiday = parse_schedule(["holiday 09:00-17:00"]).occurrences(at(0, 0), at(7, 0))
    assert [start.weekday() for start, _ in workday] == [0, 1, 2, 3, 4]
    assert [start.weekday() for start, _ in holiday] == [5, 6]


def test_occurrences_accept_aware_datetimes() -> None:
    schedule = parse_schedule(["daily 09:00-10:00"])
    start = datetime(2026, 6, 8, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    end = start + timedelta(hours=4)  # 12:00 in Shanghai
    assert schedule.occurrences(start, end) == [(at(0, 9), at(0, 10))]


def test_minutes_in_reference_week() -> None:
    assert parse_schedule(["mon-fri 18:00-08:00"]).minutes() == 5 * 14 * 60
    assert Schedule().minutes() == 0


# --- overlap --------------------------------------------------------------------------------------


def test_offpeak_parking_does_not_reach_saturday_morning() -> None:
    offer = parse_schedule(["mon-fri 18:00-08:00"])
    need = parse_schedule(["sat 09:00-12:00"])
    assert overlap_minutes(offer, need) == 0
    assert overlap_ratio(offer, need) == 0.0
    assert not covers(offer, need)


def test_overnight_offer_covers_early_saturday() -> None:
    assert overlap_minutes(["mon-fri 18:00-08:00"], ["sat 07:00-12:00"]) == 60


def test_overlap_ratio() -> None:
    offer = ["mon-fri 18:00-08:00"]
    assert overlap_ratio(offer, ["daily 19:00-22:00"]) == pytest.approx(5 / 7)
    assert overlap_ratio(offer, ["sat,sun 00:00-24:00"]) == pytest.approx(8 / 48)
    assert overlap_ratio(offer, ["tue 06:00-07:00"]) == 1.0
    assert covers(offer, ["tue 06:00-07:00", "wed 20:00-23:00"])


def test_empty_schedule_means_any_time() -> None:
    assert overlap_ratio(["mon 09:00-10:00"], []) == 1.0
    assert overlap_ratio([], ["mon 09:00-10:00"]) == 1.0
    assert covers(["mon 09:00-10:00"], [])
    assert overlap_minutes([], ["mon 09:00-10:00"]) == 0


def test_overlap_over_a_holiday_week() -> None:
    national_day = date(2026, 9, 28)  # Mon; 2026-10-01 (Thu) … 10-07 are holidays
    offer = ["workday 09:00-17:00"]
    need = ["mon-fri 09:00-17:00"]
    assert overlap_minutes(offer, need) == 5 * 8 * 60
    assert overlap_minutes(offer, need, national_day) == 3 * 8 * 60


# --- official calendar ----------------------------------------------------------------------------


def test_weekday_holiday_is_holiday_not_workday() -> None:
    national_day = date(2026, 10, 1)
    assert national_day.weekday() == 3  # Thursday
    assert chinese_calendar.is_holiday(national_day)
    assert is_holiday(national_day)
    assert not is_workday(national_day)
    start = datetime(2026, 10, 1)
    day = (start, start + timedelta(days=1))
    assert parse_schedule(["workday 09:00-17:00"]).occurrences(*day) == []
    assert parse_schedule(["holiday 09:00-17:00"]).occurrences(*day) == [
        (datetime(2026, 10, 1, 9), datetime(2026, 10, 1, 17))
    ]
    assert parse_schedule(["thu 09:00-17:00"]).occurrences(*day) != []


def test_makeup_saturday_is_workday() -> None:
    makeup = date(2026, 5, 9)  # Saturday worked for Labour Day (调休上班)
    assert makeup.weekday() == 5
    assert chinese_calendar.is_workday(makeup)
    assert chinese_calendar.get_holiday_detail(makeup) == (False, "Labour Day")
    assert is_workday(makeup)
    assert not is_holiday(makeup)
    start = datetime(2026, 5, 9)
    day = (start, start + timedelta(days=1))
    assert parse_schedule(["workday 09:00-17:00"]).occurrences(*day) == [
        (datetime(2026, 5, 9, 9), datetime(2026, 5, 9, 17))
    ]
    assert parse_schedule(["holiday 09:00-17:00"]).occurrences(*day) == []
    assert parse_schedule(["sat 09:00-17:00"]).occurrences(*day) != []


def test_years_outside_the_calendar_fall_back_to_monday_to_friday() -> None:
    far = date(2099, 10, 1)  # a Thursday, beyond the package's data
    assert not calendar_supports(far)
    assert calendar_supports(date(2026, 10, 1))
    assert is_workday(far)
    assert is_holiday(date(2099, 10, 3))  # Saturday
    assert is_workday(date(1999, 10, 1))  # Friday, before the package's data
    assert overlap_minutes(["workday 09:00-17:00"], ["daily 09:00-17:00"], date(2099, 9, 28)) == 5 * 8 * 60


# --- description ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (["mon-fri 18:00-07:30"], "周一至周五18:00-次日7:30"),
        (["workday 18:00-08:00"], "工作日18:00-次日8:00"),
        (["sat,sun 00:00-24:00"], "周六、周日全天"),
        (["daily 09:00-17:00"], "每天9:00-17:00"),
        (["daily 00:00-24:00"], "每天24小时"),
        (["holiday 00:00-24:00"], "节假日全天"),
        (["sat,sun,holiday 09:00-12:00"], "周六、周日及节假日9:00-12:00"),
        (["mon-wed,fri 18:00-24:00"], "周一至周三、周五18:00-24:00"),
        (["workday 09:00-12:00", "workday 14:00-17:30"], "工作日9:00-12:00，14:00-17:30"),
        (["mon-fri 09:00-17:00", "sat 09:00-12:00"], "周一至周五9:00-17:00；周六9:00-12:00"),
        ([], ""),
    ],
)
def test_describe(schedule: list[str], text: str) -> None:
    assert describe(schedule) == text
    assert parse_chinese(text) == schedule


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "下班后",
        "周一至周五下班后",
        "法定节假日全天",
        "25:00-26:00",
        "8:00-8:00",
        "8:00-次日9:00",
        "周八 9:00-10:00",
        "周一至周五 18:00",
        "中午",
    ],
)
def test_chinese_errors_name_the_text(text: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        normalise_schedule(text)
    message = str(caught.value)
    assert f'"{text}"' in message
    assert "工作日18:00-次日8:00" in message
    assert "mon-fri 18:00-08:00" in message
    assert caught.value.text == text
    assert isinstance(caught.value, ValueError)


def test_error_message_shape() -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_chinese("下班后")
    assert (
        str(caught.value) == '无法识别的时间 "下班后"：请写成 "工作日18:00-次日8:00" 或 "mon-fri 18:00-08:00"'
    )


def test_error_points_at_the_unreadable_part() -> None:
    with pytest.raises(ScheduleError, match='看不懂 "下班后"'):
        parse_chinese("周一至周五下班后")


@pytest.mark.parametrize("text", ["mon-fry 09:00-10:00", "mon-fri 9-10", "weekend 09:00-10:00"])
def test_canonical_errors_name_the_text(text: str) -> None:
    with pytest.raises(ScheduleError, match=f'"{text}"'):
        normalise_schedule(text)
    with pytest.raises(ScheduleError, match=f'"{text}"'):
        parse_window(text)
