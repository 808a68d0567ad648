from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.sla.calendar import BusinessCalendar, Window
from feedback_loop.core.sla.targets import TARGET_UNITS, TargetUnit, due_moment

NINE_TO_SIX = {day: (Window(time(9), time(18)),) for day in range(5)}
SHANGHAI = BusinessCalendar(
	"Asia/Shanghai", NINE_TO_SIX, holidays=frozenset({date(2026, 6, 19)}), makeup_days={}
)
BERLIN = BusinessCalendar("Europe/Berlin", NINE_TO_SIX)


def at(text: str) -> datetime:
	return datetime.fromisoformat(text)


def test_units_are_the_three_the_policy_offers():
	assert TARGET_UNITS == ("Clock Hours", "Working Hours", "Working Days")


def test_clock_hours_ignore_the_calendar_working_units_follow_it():
	friday_5pm = at("2026-11-20 17:00")
	assert due_moment(SHANGHAI, friday_5pm, 24, "Clock Hours") == at("2026-11-21 17:00")
	# One hour on Friday, eight on Monday.
	assert due_moment(SHANGHAI, friday_5pm, 1, "Working Days") == at("2026-11-23 17:00")
	# 1 + 9 + 9 + 5 hours.
	assert due_moment(SHANGHAI, friday_5pm, 24, "Working Hours") == at("2026-11-25 14:00")
	assert due_moment(SHANGHAI, friday_5pm, 1.5, TargetUnit.WORKING_HOURS) == at("2026-11-23 09:30")


def test_the_default_targets_across_a_weekend_and_a_holiday():
	# Defaults from the design: Urgent 24 h, High 3, Medium 5, Low 10 working days. Dragon Boat
	# Festival falls on Friday 19 June 2026.
	start = at("2026-06-15 14:00")
	assert due_moment(SHANGHAI, start, 24, "Clock Hours") == at("2026-06-16 14:00")
	assert due_moment(SHANGHAI, start, 3, "Working Days") == at("2026-06-18 14:00")
	assert due_moment(SHANGHAI, start, 5, "Working Days") == at("2026-06-23 14:00")
	assert due_moment(SHANGHAI, start, 10, "Working Days") == at("2026-06-30 14:00")


def test_clock_hours_are_real_hours_across_a_dst_change():
	# Berlin springs forward on 29 March 2026: 24 real hours after Saturday noon is Sunday 13:00.
	assert due_moment(BERLIN, at("2026-03-28 12:00"), 24, "Clock Hours") == at("2026-03-29 13:00")
	aware = datetime(2026, 3, 28, 11, 0, tzinfo=timezone.utc)
	due = due_moment(BERLIN, aware, 24, "Clock Hours")
	assert due == datetime(2026, 3, 29, 11, 0, tzinfo=timezone.utc)
	assert due.tzinfo is ZoneInfo("Europe/Berlin")
	assert due.replace(tzinfo=None) == at("2026-03-29 13:00")


def test_aware_starts_give_aware_results_in_the_calendars_zone():
	start = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)  # 17:00 in Shanghai
	for unit in TARGET_UNITS:
		due = due_moment(SHANGHAI, start, 2, unit)
		assert due.tzinfo is ZoneInfo("Asia/Shanghai")
		assert due.replace(tzinfo=None) == due_moment(SHANGHAI, at("2026-11-20 17:00"), 2, unit)


@pytest.mark.parametrize("amount", [0, -1, -0.5, float("nan"), float("inf"), None, "24", True])
def test_amounts_that_are_not_positive_numbers_are_refused(amount):
	for unit in TARGET_UNITS:
		with pytest.raises(ValueError):
			due_moment(SHANGHAI, at("2026-11-20 17:00"), amount, unit)


@pytest.mark.parametrize("unit", ["Hours", "working days", "", None])
def test_unknown_units_are_refused(unit):
	with pytest.raises(ValueError):
		due_moment(SHANGHAI, at("2026-11-20 17:00"), 1, unit)


@given(
	st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)),
	st.floats(0.01, 500),
	st.sampled_from(TARGET_UNITS),
)
def test_a_target_is_never_due_before_it_starts_nor_sooner_in_working_than_in_clock_time(start, amount, unit):
	due = due_moment(SHANGHAI, start, amount, unit)
	assert due > start
	if unit == "Working Hours":
		assert due >= due_moment(SHANGHAI, start, amount, "Clock Hours")
