from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.reports.periods import Grouping, change, channel_shares, period_label, previous_range


def test_previous_range_has_the_same_length_and_ends_the_day_before():
	assert previous_range(date(2026, 11, 1), date(2026, 11, 30)) == (date(2026, 10, 2), date(2026, 10, 31))
	assert previous_range(date(2026, 3, 1), date(2026, 3, 1)) == (date(2026, 2, 28), date(2026, 2, 28))
	with pytest.raises(ValueError):
		previous_range(date(2026, 3, 2), date(2026, 3, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 400))
def test_previous_range_property(start, days):
	end = date.fromordinal(start.toordinal() + days)
	before_start, before_end = previous_range(start, end)
	assert (before_end - before_start).days == days
	assert before_end.toordinal() == start.toordinal() - 1


def test_change():
	assert change(120, 100) == pytest.approx(0.2)
	assert change(50, 100) == pytest.approx(-0.5)
	assert change(5, 0) is None


def test_period_labels():
	day = date(2026, 11, 24)
	assert period_label(day, Grouping.DAY) == "2026-11-24"
	assert period_label(day, Grouping.WEEK) == "2026-W48"
	assert period_label(date(2027, 1, 1), Grouping.WEEK) == "2026-W53"
	assert period_label(day, Grouping.MONTH) == "2026-11"


def test_channel_shares_flag_above_forty_percent():
	shares = channel_shares({"Email": 41, "Desk": 39, "SMS": 20})
	assert [(s.channel, s.count, s.flagged) for s in shares] == [
		("Email", 41, True),
		("Desk", 39, False),
		("SMS", 20, False),
	]
	assert shares[0].share == pytest.approx(0.41)
	assert not channel_shares({"Email": 40, "Desk": 60})[1].flagged  # exactly 40 % is not above
	assert channel_shares({}) == []
	assert channel_shares({"Email": 0})[0].share == 0.0


def test_database_period_keys_label_like_days_do():
	from datetime import date

	from feedback_loop.core.reports.periods import Grouping, key_label, period_label

	# What MariaDB returns for 2027-01-01 (ISO week 53 of 2026) and 2026-11-24.
	for day, week_key, month_key in (
		(date(2027, 1, 1), 202653, 202701),
		(date(2026, 11, 24), 202648, 202611),
	):
		assert key_label(week_key, Grouping.WEEK) == period_label(day, Grouping.WEEK)
		assert key_label(month_key, Grouping.MONTH) == period_label(day, Grouping.MONTH)
		assert key_label(day, Grouping.DAY) == period_label(day, Grouping.DAY)
