"""The business calendar: hand-checked due moments, properties on random calendars, and the fast
arithmetic against a slow window-by-window walk that is obviously right."""

import pickle
import time as timer
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from calendar_strategies import calendars, durations, moments
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from feedback_loop.core.sla.calendar import BusinessCalendar, CalendarProblem, Window, validate_calendar

MON_TO_FRI = range(5)
H = timedelta(hours=1)


def office(*windows: tuple[str, str], days=MON_TO_FRI) -> dict[int, tuple[Window, ...]]:
	return {
		day: tuple(Window(time.fromisoformat(a), time.fromisoformat(b)) for a, b in windows) for day in days
	}


LUNCH_BREAK = office(("09:00", "12:00"), ("13:30", "18:00"))
NINE_TO_SIX = office(("09:00", "18:00"))


def at(text: str) -> datetime:
	return datetime.fromisoformat(text)


# --- the slow reference: walk the windows one by one, in the order they happen ---------------


def reference_windows(cal: BusinessCalendar, day: date) -> list[tuple[datetime, datetime]]:
	if day in cal.makeup_days:
		windows = cal.makeup_days[day]
	elif day in cal.holidays:
		windows = ()
	else:
		windows = cal.weekly.get(day.weekday(), ())
	return [(datetime.combine(day, w.start), datetime.combine(day, w.end)) for w in windows]


def windows_from(cal: BusinessCalendar, day: date):
	while True:
		yield from reference_windows(cal, day)
		day += timedelta(days=1)


def reference_add(cal: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
	remaining = duration
	for window_start, window_end in windows_from(cal, start.date()):
		if window_end < start:
			continue
		begin = max(window_start, start)
		if remaining <= window_end - begin:
			return begin + remaining
		remaining -= window_end - begin
	raise AssertionError


def reference_between(cal: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
	if end < start:
		return -reference_between(cal, end, start)
	total = timedelta()
	day = start.date()
	while day <= end.date():
		for window_start, window_end in reference_windows(cal, day):
			total += max(timedelta(), min(window_end, end) - max(window_start, start))
		day += timedelta(days=1)
	return total


def reference_next_working(cal: BusinessCalendar, moment: datetime) -> datetime:
	for window_start, window_end in windows_from(cal, moment.date()):
		if window_end > moment:
			return max(window_start, moment)
	raise AssertionError


def in_a_window(cal: BusinessCalendar, moment: datetime, *, end_allowed: bool) -> bool:
	wall = moment.time()
	return any(
		w.start <= wall < w.end or (end_allowed and wall == w.end) for w in cal.windows_on(moment.date())
	)


# --- properties ---------------------------------------------------------------------------------


@given(calendars(), moments, durations, durations)
def test_adding_x_then_y_equals_adding_x_plus_y(cal, start, x, y):
	assert cal.add_working_time(cal.add_working_time(start, x), y) == cal.add_working_time(start, x + y)


@given(calendars(), moments, durations)
def test_the_working_time_up_to_the_due_moment_is_what_was_added(cal, start, x):
	assert cal.working_time_between(start, cal.add_working_time(start, x)) == x


@given(calendars(), moments, moments)
def test_working_time_between_is_antisymmetric(cal, a, b):
	assert cal.working_time_between(a, b) == -cal.working_time_between(b, a)


@given(calendars(), moments, durations)
def test_results_lie_in_a_window_and_never_on_a_holiday_unless_it_is_a_makeup_day(cal, start, x):
	due = cal.add_working_time(start, x)
	assert due >= start
	assert in_a_window(cal, due, end_allowed=True)
	assert due.date() not in cal.holidays or due.date() in cal.makeup_days


@given(calendars(), moments, durations, durations)
def test_results_grow_with_the_duration(cal, start, x, y):
	shorter, longer = sorted((x, y))
	assert cal.add_working_time(start, shorter) <= cal.add_working_time(start, longer)


@given(calendars(), moments)
def test_next_working_moment_is_idempotent_never_earlier_and_working(cal, moment):
	nxt = cal.next_working_moment(moment)
	assert nxt >= moment
	assert cal.next_working_moment(nxt) == nxt
	assert in_a_window(cal, nxt, end_allowed=False)
	# Nothing worked in between: it really is the next one.
	assert cal.working_time_between(moment, nxt) == timedelta()


@given(calendars(), st.data())
def test_makeup_days_count_as_working_time_even_on_holidays_and_days_off(cal, data):
	assume(cal.makeup_days)
	day = data.draw(st.sampled_from(sorted(cal.makeup_days)))
	windows = cal.makeup_days[day]
	midnight = datetime.combine(day, time())
	expected = sum(
		(datetime.combine(day, w.end) - datetime.combine(day, w.start) for w in windows), timedelta()
	)
	assert cal.working_time_between(midnight, midnight + timedelta(days=1)) == expected
	first = windows[0]
	due = cal.add_working_time(midnight, timedelta(minutes=1))
	assert due == datetime.combine(day, first.start) + timedelta(minutes=1)


@given(calendars(), moments, st.floats(0, 300, allow_nan=False))
def test_working_days_are_typical_working_days(cal, start, n):
	assert cal.add_working_days(start, n) == cal.add_working_time(start, n * cal.working_day_length())


@given(calendars(), moments)
def test_adding_nothing_stays_put_on_a_window_and_moves_to_the_next_one_off_it(cal, start):
	due = cal.add_working_time(start, timedelta())
	if in_a_window(cal, start, end_allowed=True):
		assert due == start
	else:
		assert due == cal.next_working_moment(start) > start


# --- the fast arithmetic against the slow walk --------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(calendars(), moments, durations)
def test_add_working_time_matches_the_window_by_window_walk(cal, start, x):
	assert cal.add_working_time(start, x) == reference_add(cal, start, x)


@settings(max_examples=300, deadline=None)
@given(calendars(), moments, moments)
def test_working_time_between_matches_the_window_by_window_walk(cal, a, b):
	assert cal.working_time_between(a, b) == reference_between(cal, a, b)


@settings(max_examples=300, deadline=None)
@given(calendars(), moments)
def test_next_working_moment_matches_the_window_by_window_walk(cal, moment):
	assert cal.next_working_moment(moment) == reference_next_working(cal, moment)


@settings(max_examples=50, deadline=None)
@given(calendars(), moments, st.integers(1, 1500))
def test_long_targets_across_years_of_holidays_match_the_walk(cal, start, n):
	# Hundreds of working days: the week jumps, the holiday corrections and the galloping all run.
	x = n * cal.working_day_length()
	assert cal.add_working_time(start, x) == reference_add(cal, start, x)


@pytest.mark.parametrize("hours", [1, 7, 10, 55, 300])
def test_extremes_match_the_walk_a_year_of_holidays_and_a_year_of_makeup_saturdays(hours):
	# A year off overshoots nothing but leaves every jump short; a year of nine-hour make-up
	# Saturdays on a one-hour-a-week calendar makes every jump overshoot.
	year = [date(2026, 3, 2) + timedelta(days=i) for i in range(365)]
	closed = BusinessCalendar("UTC", NINE_TO_SIX, holidays=frozenset(year))
	saturdays = {d: (Window(time(9), time(18)),) for d in year if d.weekday() == 5}
	busy = BusinessCalendar("UTC", office(("09:00", "10:00"), days=[0]), makeup_days=saturdays)
	for cal in (closed, busy):
		for start in (at("2026-03-01 12:00"), at("2026-03-02 09:30"), at("2026-09-05 17:59")):
			assert cal.add_working_time(start, hours * H) == reference_add(cal, start, hours * H)


# --- aware moments ------------------------------------------------------------------------------

zones = st.sampled_from([ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin"), timezone.utc])
aware_moments = st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=zones)


@given(calendars(st.sampled_from(["Asia/Shanghai", "Europe/Berlin"])), aware_moments, durations)
def test_aware_moments_are_read_in_the_calendars_zone_and_answered_in_it(cal, start, x):
	zone = ZoneInfo(cal.timezone)
	wall = start.astimezone(zone).replace(tzinfo=None)
	due = cal.add_working_time(start, x)
	assert due.tzinfo is zone
	assert due.replace(tzinfo=None) == cal.add_working_time(wall, x)
	assert cal.working_time_between(start, due) == x
	assert cal.next_working_moment(start).replace(tzinfo=None) == cal.next_working_moment(wall)


def test_friday_evening_in_shanghai_given_in_utc():
	cal = BusinessCalendar("Asia/Shanghai", LUNCH_BREAK)
	due = cal.add_working_time(datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc), 2 * H)
	assert due == datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
	assert due.utcoffset() == timedelta(hours=8)


def test_dst_windows_count_wall_clock_time():
	# Berlin springs forward on Sunday 2026-03-29 at 02:00: a 01:00-04:00 window holds three hours
	# of work by the wall clock although only two really pass.
	cal = BusinessCalendar("Europe/Berlin", office(("01:00", "04:00"), days=[6]))
	sunday = datetime(2026, 3, 29, tzinfo=ZoneInfo("Europe/Berlin"))
	assert cal.working_time_between(sunday, sunday + timedelta(days=1)) == 3 * H
	due = cal.add_working_time(sunday, 1.5 * H)
	# 02:30 does not exist that day: the reading denotes the instant an hour later.
	assert due.replace(tzinfo=None) == datetime(2026, 3, 29, 2, 30)
	assert due.astimezone(timezone.utc) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)
	assert cal.working_time_between(sunday, due) == 1.5 * H


# --- hand-checked cases -------------------------------------------------------------------------


def test_friday_1730_plus_two_working_hours_is_monday_1030():
	cal = BusinessCalendar("Asia/Shanghai", LUNCH_BREAK)
	assert cal.add_working_time(at("2026-11-20 17:30"), 2 * H) == at("2026-11-23 10:30")
	assert cal.working_time_between(at("2026-11-20 17:30"), at("2026-11-23 10:30")) == 2 * H


def test_the_lunch_break_is_skipped():
	cal = BusinessCalendar("Asia/Shanghai", LUNCH_BREAK)
	assert cal.add_working_time(at("2026-11-23 11:00"), 2 * H) == at("2026-11-23 14:30")
	assert cal.add_working_time(at("2026-11-23 12:15"), H) == at("2026-11-23 14:30")
	assert cal.next_working_moment(at("2026-11-23 12:00")) == at("2026-11-23 13:30")
	assert cal.working_time_between(at("2026-11-23 00:00"), at("2026-11-24 00:00")) == 7.5 * H
	assert cal.working_day_length() == 7.5 * H


def test_a_due_moment_may_be_a_window_end_but_counting_never_starts_there():
	cal = BusinessCalendar("Asia/Shanghai", LUNCH_BREAK)
	assert cal.add_working_time(at("2026-11-23 11:00"), H) == at("2026-11-23 12:00")
	assert cal.add_working_time(at("2026-11-23 12:00"), timedelta()) == at("2026-11-23 12:00")
	assert cal.add_working_time(at("2026-11-23 12:00"), timedelta(minutes=1)) == at("2026-11-23 13:31")
	assert cal.add_working_time(at("2026-11-23 12:10"), timedelta()) == at("2026-11-23 13:30")


GOLDEN_WEEK = BusinessCalendar(
	"Asia/Shanghai",
	NINE_TO_SIX,
	holidays=frozenset(date(2026, 10, 1) + timedelta(days=i) for i in range(7)),
	makeup_days={
		date(2026, 9, 27): (Window(time(9), time(18)),),  # Sunday
		date(2026, 10, 10): (Window(time(9), time(18)),),  # Saturday
	},
)


def test_golden_week_holidays_are_skipped_and_its_makeup_weekend_days_worked():
	# Friday 17:00 + 2 h: one hour on Friday, the next on the make-up Sunday.
	assert GOLDEN_WEEK.add_working_time(at("2026-09-25 17:00"), 2 * H) == at("2026-09-27 10:00")
	# Wednesday 30 Sep 10:00 + 3 working days (27 h): 8 h that day, the holidays skipped, 9 h on
	# Thursday 8 Oct and on Friday 9 Oct, the last hour on the make-up Saturday 10 Oct.
	assert GOLDEN_WEEK.add_working_days(at("2026-09-30 10:00"), 3) == at("2026-10-10 10:00")
	assert GOLDEN_WEEK.working_time_between(at("2026-09-28 00:00"), at("2026-10-12 00:00")) == 6 * 9 * H
	assert GOLDEN_WEEK.windows_on(date(2026, 10, 3)) == ()
	assert GOLDEN_WEEK.windows_on(date(2026, 10, 10)) == (Window(time(9), time(18)),)
	assert GOLDEN_WEEK.next_working_moment(at("2026-09-30 18:00")) == at("2026-10-08 09:00")
	without_makeup = BusinessCalendar("Asia/Shanghai", NINE_TO_SIX, holidays=GOLDEN_WEEK.holidays)
	assert without_makeup.add_working_days(at("2026-09-30 10:00"), 3) == at("2026-10-12 10:00")


def test_a_makeup_day_listed_as_a_holiday_too_still_works():
	cal = BusinessCalendar(
		"Asia/Shanghai",
		NINE_TO_SIX,
		holidays=frozenset({date(2026, 10, 10)}),
		makeup_days={date(2026, 10, 10): (Window(time(9), time(12)),)},
	)
	assert cal.windows_on(date(2026, 10, 10)) == (Window(time(9), time(12)),)
	assert cal.add_working_time(at("2026-10-09 17:00"), 2 * H) == at("2026-10-10 10:00")


def test_ten_working_days_across_a_weekend_and_a_holiday():
	# Dragon Boat Festival, Friday 19 June 2026. From Monday 15 June 14:00: four hours that day,
	# then 15-18, 22-26, 29 June (nine full days), and the last five hours on Tuesday 30 June.
	cal = BusinessCalendar("Asia/Shanghai", NINE_TO_SIX, holidays=frozenset({date(2026, 6, 19)}))
	assert cal.add_working_days(at("2026-06-15 14:00"), 10) == at("2026-06-30 14:00")
	# From a window start, the tenth day ends at its window end, not the next morning.
	assert cal.add_working_days(at("2026-06-15 09:00"), 10) == at("2026-06-29 18:00")
	assert cal.add_working_days(at("2026-06-13 12:00"), 0.5) == at("2026-06-15 13:30")


def test_holidays_on_days_off_change_nothing():
	weekends = frozenset(date(2026, 1, 3) + timedelta(days=7 * i + d) for i in range(52) for d in (0, 1))
	plain = BusinessCalendar("Asia/Shanghai", NINE_TO_SIX)
	listed = BusinessCalendar("Asia/Shanghai", NINE_TO_SIX, holidays=weekends)
	for n in (1, 10, 100):
		assert listed.add_working_days(at("2026-01-05 10:00"), n) == plain.add_working_days(
			at("2026-01-05 10:00"), n
		)


def test_windows_are_sorted_and_touching_windows_are_one_stretch_of_work():
	cal = BusinessCalendar("UTC", office(("12:00", "18:00"), ("09:00", "12:00")))
	assert cal.weekly[0] == (Window(time(9), time(12)), Window(time(12), time(18)))
	assert cal.add_working_time(at("2026-11-23 11:00"), 2 * H) == at("2026-11-23 13:00")
	assert cal.next_working_moment(at("2026-11-23 12:00")) == at("2026-11-23 12:00")


def test_working_day_length_is_the_most_common_day_and_the_longest_on_a_tie():
	common = {**office(("09:00", "17:00"), days=range(3)), **office(("09:00", "18:00"), days=(3, 4))}
	assert BusinessCalendar("UTC", common).working_day_length() == 8 * H
	tie = {
		**office(("09:00", "17:00"), days=(0, 1)),
		**office(("09:00", "18:00"), days=(2, 3)),
		**office(("09:00", "13:00"), days=(4,)),
	}
	assert BusinessCalendar("UTC", tie).working_day_length() == 9 * H


def test_negative_durations_are_refused_and_reversed_intervals_are_negative():
	cal = BusinessCalendar("UTC", NINE_TO_SIX)
	with pytest.raises(ValueError):
		cal.add_working_time(at("2026-11-23 10:00"), -H)
	assert cal.working_time_between(at("2026-11-24 10:00"), at("2026-11-23 10:00")) == -9 * H


def test_a_calendar_survives_pickling_as_the_redis_cache_stores_it():
	copy = pickle.loads(pickle.dumps(GOLDEN_WEEK))
	assert copy == GOLDEN_WEEK
	assert hash(copy) == hash(GOLDEN_WEEK)
	assert copy != BusinessCalendar("Asia/Shanghai", NINE_TO_SIX, holidays=GOLDEN_WEEK.holidays)
	assert copy.add_working_days(at("2026-09-30 10:00"), 3) == at("2026-10-10 10:00")


# --- validation ---------------------------------------------------------------------------------


def test_validate_calendar_names_every_problem():
	nine_to_six = [Window(time(9), time(18))]
	assert validate_calendar({0: nine_to_six}, {}, "Asia/Shanghai") == []
	assert validate_calendar({0: [Window(time(9), time(12)), Window(time(12), time(18))]}, {}, "UTC") == []
	assert validate_calendar({0: [Window(time(9), time(12)), Window(time(11), time(18))]}, {}, "UTC") == [
		CalendarProblem.WINDOWS_OVERLAP
	]
	assert validate_calendar({0: [Window(time(18), time(9)), *nine_to_six]}, {}, "UTC") == [
		CalendarProblem.WINDOW_END_NOT_AFTER_START
	]
	assert validate_calendar({0: [Window(time(9), time(9))]}, {}, "UTC") == [
		CalendarProblem.WINDOW_END_NOT_AFTER_START,
		CalendarProblem.NO_WORKING_TIME,
	]
	makeup_only = {date(2026, 10, 10): nine_to_six}
	assert validate_calendar({}, makeup_only, "UTC") == [CalendarProblem.NO_WORKING_TIME]
	assert validate_calendar({5: []}, {}, "UTC") == [CalendarProblem.NO_WORKING_TIME]
	overlapping_makeup = {date(2026, 10, 10): [Window(time(9), time(12)), Window(time(10), time(11))]}
	assert validate_calendar({0: nine_to_six}, overlapping_makeup, "UTC") == [CalendarProblem.WINDOWS_OVERLAP]
	for unknown in ("Mars/Olympus_Mons", "", "../etc/passwd"):
		assert validate_calendar({0: nine_to_six}, {}, unknown) == [CalendarProblem.UNKNOWN_TIMEZONE]


def test_a_calendar_that_cannot_work_is_not_built():
	with pytest.raises(ValueError) as raised:
		BusinessCalendar("Mars/Olympus_Mons", {0: (Window(time(18), time(9)),)})
	assert raised.value.problems == [
		CalendarProblem.WINDOW_END_NOT_AFTER_START,
		CalendarProblem.NO_WORKING_TIME,
		CalendarProblem.UNKNOWN_TIMEZONE,
	]
	with pytest.raises(ValueError):
		BusinessCalendar("UTC", {7: (Window(time(9), time(18)),)})


# --- cost ---------------------------------------------------------------------------------------


def test_a_1000_day_target_costs_about_what_a_10_day_one_does():
	# Not a benchmark (that is feedback_loop/tools/benchmarks/sla_calendar.py): a guard against a
	# day-by-day walk creeping back in, which would make the long target ~100x slower.
	holidays = frozenset(date(2026, 1, 1) + timedelta(days=d) for d in range(0, 3650, 9))
	cal = BusinessCalendar("Asia/Shanghai", LUNCH_BREAK, holidays=holidays)
	start = at("2026-03-02 10:00")

	def best_of(n: float) -> float:
		runs = []
		for _ in range(7):
			began = timer.perf_counter()
			for _ in range(200):
				cal.add_working_days(start, n)
			runs.append(timer.perf_counter() - began)
		return min(runs)

	assert best_of(1000) < 5 * best_of(10)
