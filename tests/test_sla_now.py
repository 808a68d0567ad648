"""The SLA a reader sees in the record's header: the clock that matters now, its state, time left."""

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from feedback_loop.core.sla.clock import Clocks
from feedback_loop.core.sla.now import DurationUnit, SlaClock, duration_parts, sla_now
from feedback_loop.core.sla.state import SlaStatus

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
	return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


CLOCKS = Clocks(
	sla_started_on=at("2026-03-02 10:00"),
	first_response_due=at("2026-03-02 14:00"),
	response_warning_at=at("2026-03-02 13:12"),
	resolution_due=at("2026-03-05 10:00"),
	resolution_warning_at=at("2026-03-04 15:00"),
)


def test_no_resolution_due_moment_is_no_sla():
	assert sla_now(Clocks(sla_started_on=at("2026-03-02 10:00")), at("2026-03-02 11:00")) is None


def test_the_first_response_while_it_is_owed():
	now = sla_now(CLOCKS, at("2026-03-02 12:40"))
	assert (now.clock, now.status, now.left) == (
		SlaClock.FIRST_RESPONSE,
		SlaStatus.ON_TRACK,
		timedelta(hours=1, minutes=20),
	)
	assert sla_now(CLOCKS, at("2026-03-02 13:30")).status == SlaStatus.AT_RISK


def test_a_late_first_response_counts_down_below_zero():
	now = sla_now(CLOCKS, at("2026-03-02 15:00"))
	assert (now.clock, now.status, now.left) == (
		SlaClock.FIRST_RESPONSE,
		SlaStatus.BREACHED,
		-timedelta(hours=1),
	)


def test_once_answered_the_resolution():
	answered = replace(CLOCKS, first_responded_on=at("2026-03-02 11:00"))
	now = sla_now(answered, at("2026-03-03 10:00"))
	assert (now.clock, now.status, now.due, now.left) == (
		SlaClock.RESOLUTION,
		SlaStatus.ON_TRACK,
		at("2026-03-05 10:00"),
		timedelta(days=2),
	)


def test_fulfilled_is_met_or_breached_without_time_left():
	met = replace(CLOCKS, resolution_fulfilled_on=at("2026-03-04 10:00"))
	assert sla_now(met, at("2026-03-09 10:00")) == sla_now(met, at("2026-03-04 10:01"))
	assert (sla_now(met, at("2026-03-09 10:00")).status, sla_now(met, at("2026-03-09 10:00")).left) == (
		SlaStatus.MET,
		None,
	)
	late = replace(CLOCKS, resolution_fulfilled_on=at("2026-03-06 10:00"))
	assert sla_now(late, at("2026-03-09 10:00")).status == SlaStatus.BREACHED
	assert sla_now(late, at("2026-03-09 10:00")).clock == SlaClock.RESOLUTION


def test_a_paused_clock_has_no_time_left():
	paused = replace(CLOCKS, paused_since=at("2026-03-02 11:00"))
	now = sla_now(paused, at("2026-03-02 18:00"))
	assert (now.status, now.left) == (SlaStatus.PAUSED, None)


def test_durations_read_in_their_two_largest_units():
	assert duration_parts(timedelta(days=2, hours=3, minutes=40)) == (DurationUnit.DAYS, (2, 3))
	assert duration_parts(timedelta(hours=1, minutes=20)) == (DurationUnit.HOURS, (1, 20))
	assert duration_parts(-timedelta(minutes=12, seconds=20)) == (DurationUnit.MINUTES, (12,))
	# Never "0 min" left while the clock still runs.
	assert duration_parts(timedelta(seconds=10)) == (DurationUnit.MINUTES, (1,))
	assert duration_parts(timedelta(hours=23, minutes=59, seconds=50)) == (DurationUnit.DAYS, (1, 0))
