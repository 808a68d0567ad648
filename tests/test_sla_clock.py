"""The SLA clock rules of one record: due moments, pauses, first response, fulfilment, working
hours taken and escalation moments, hand-checked and as properties over random calendars."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from calendar_strategies import calendars, durations, moments
from hypothesis import assume, given
from hypothesis import strategies as st

from feedback_loop.core.sla.calendar import BusinessCalendar, Window
from feedback_loop.core.sla.clock import (
	ClockPolicy,
	Clocks,
	EscalationLevel,
	Target,
	after_status,
	clock_states,
	due_escalations,
	due_moments_outdated,
	escalation_order,
	next_escalation_moment,
	resumed,
	warning_moment,
	with_due_moments,
	working_hours_taken,
)
from feedback_loop.core.sla.state import SlaStatus

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
H = timedelta(hours=1)
NINE_TO_SIX = {day: (Window(time(9), time(18)),) for day in range(5)}


def at(text: str, zone: ZoneInfo = SHANGHAI) -> datetime:
	return datetime.fromisoformat(text).replace(tzinfo=zone)


def policy(calendar: BusinessCalendar | None = None, **kwargs) -> ClockPolicy:
	return ClockPolicy(
		calendar=calendar or BusinessCalendar("Asia/Shanghai", NINE_TO_SIX),
		targets=kwargs.pop(
			"targets",
			{
				"High": Target(4, "Working Hours", 3, "Working Days"),
				"Urgent": Target(2, "Clock Hours", 24, "Clock Hours"),
			},
		),
		pause_statuses=frozenset({"Waiting on Customer"}),
		fulfil_statuses=frozenset({"Resolved", "Closed"}),
		**kwargs,
	)


MONDAY_TEN = at("2026-03-02 10:00")


# --- due and warning moments -------------------------------------------------------------------


def test_working_hours_and_days_are_counted_on_the_calendar_with_the_warning_at_80_percent():
	clocks = with_due_moments(Clocks(MONDAY_TEN), policy(), "High")
	assert clocks.first_response_due == at("2026-03-02 14:00")
	# 4 h × 0.8 = 3 h 12 min of working time
	assert clocks.response_warning_at == at("2026-03-02 13:12")
	# 3 working days of 9 h: 8 h left on Monday, 9 on Tuesday, 9 on Wednesday, 1 on Thursday
	assert clocks.resolution_due == at("2026-03-05 10:00")


def test_a_priority_without_targets_has_no_due_moments():
	clocks = with_due_moments(Clocks(MONDAY_TEN), policy(), "High")
	cleared = with_due_moments(clocks, policy(), "Low")
	assert (cleared.first_response_due, cleared.resolution_due, cleared.resolution_warning_at) == (None,) * 3


def test_clock_hours_ignore_the_calendar_and_last_real_hours_across_a_dst_change():
	berlin = policy(BusinessCalendar("Europe/Berlin", NINE_TO_SIX))
	# Clocks go forward at 02:00 on Sunday 29 March 2026 in Berlin.
	start = at("2026-03-28 12:00", BERLIN)
	clocks = with_due_moments(Clocks(start), berlin, "Urgent")
	assert clocks.resolution_due.astimezone(UTC) - start.astimezone(UTC) == 24 * H
	assert clocks.resolution_warning_at.astimezone(UTC) - start.astimezone(UTC) == 24 * H * 0.8


def test_time_already_paused_moves_the_new_due_moments_later():
	clocks = with_due_moments(Clocks(MONDAY_TEN, paused_working_hours=2), policy(), "High")
	assert clocks.first_response_due == at("2026-03-02 16:00")


def test_due_moments_are_computed_again_only_when_policy_or_priority_change_or_none_exist():
	assert due_moments_outdated(None, ("Default", "High"), has_due=False)
	assert due_moments_outdated(("Default", "Medium"), ("Default", "High"), has_due=True)
	assert due_moments_outdated(("Default", "High"), ("Retail", "High"), has_due=True)
	assert due_moments_outdated(("Default", "High"), ("Default", "High"), has_due=False)
	assert not due_moments_outdated(("Default", "High"), ("Default", "High"), has_due=True)


@given(calendars(), moments, durations, st.floats(0.05, 0.95))
def test_the_warning_lies_between_start_and_due_at_its_share_of_the_working_time(cal, start, amount, share):
	assume(amount > timedelta())
	start = start.replace(tzinfo=ZoneInfo(cal.timezone))
	due = cal.add_working_time(start, amount)
	warning = warning_moment(cal, start, due, "Working Hours", share)
	assert start <= warning <= due
	allowed = cal.working_time_between(start, due)
	assert abs(cal.working_time_between(start, warning) - allowed * share) <= timedelta(microseconds=1)


# --- status changes: first response, pause, fulfilment --------------------------------------------


def test_leaving_open_is_the_first_response_and_it_is_kept():
	clocks = after_status(Clocks(MONDAY_TEN), policy(), "Open", at("2026-03-02 11:00"))
	assert clocks.first_responded_on is None
	clocks = after_status(clocks, policy(), "In Progress", at("2026-03-02 11:00"))
	clocks = after_status(clocks, policy(), "Acknowledged", at("2026-03-02 15:00"))
	assert clocks.first_responded_on == at("2026-03-02 11:00")


def test_a_pause_stops_both_clocks_and_resuming_moves_what_is_still_ahead():
	started = with_due_moments(Clocks(MONDAY_TEN), policy(), "High")
	paused = after_status(started, policy(), "Waiting on Customer", at("2026-03-02 12:00"))
	assert paused.paused_since == at("2026-03-02 12:00")
	assert clock_states(paused, at("2026-03-09 12:00")) == (SlaStatus.MET, SlaStatus.PAUSED)
	# Resumed Tuesday 12:00: paused 6 h on Monday and 3 h on Tuesday, 9 working hours.
	running = after_status(paused, policy(), "In Progress", at("2026-03-03 12:00"))
	assert running.paused_since is None
	assert running.paused_working_hours == 9
	assert running.resolution_due == started.resolution_due + timedelta(days=1)


def test_a_moment_already_passed_when_the_pause_began_stays_where_it_was():
	clocks = Clocks(
		MONDAY_TEN, first_response_due=at("2026-03-02 11:00"), paused_since=at("2026-03-02 12:00")
	)
	assert resumed(clocks, policy().calendar, at("2026-03-03 12:00")).first_response_due == at(
		"2026-03-02 11:00"
	)


def test_a_fulfil_status_fulfils_the_resolution_at_the_resolution_moment_and_reopening_clears_it():
	resolved_on = at("2026-03-03 09:30")
	clocks = after_status(Clocks(MONDAY_TEN), policy(), "Resolved", at("2026-03-03 10:00"), resolved_on)
	assert clocks.resolution_fulfilled_on == resolved_on
	closed = after_status(clocks, policy(), "Closed", at("2026-03-04 10:00"))
	assert closed.resolution_fulfilled_on == resolved_on
	assert (
		after_status(closed, policy(), "In Progress", at("2026-03-05 10:00")).resolution_fulfilled_on is None
	)


@given(calendars(), moments, durations, durations, durations)
def test_a_pause_never_takes_working_time_from_the_customer(cal, start, before, pause, after):
	"""Whatever the calendar: the working time left when the pause began is the working time left
	when it ends, and the paused working hours are exactly the working time paused."""
	zone = ZoneInfo(cal.timezone)
	start = start.replace(tzinfo=zone)
	due = cal.add_working_time(start, before + after + timedelta(hours=1))
	paused_at = cal.add_working_time(start, before)
	resumed_at = paused_at + pause
	clocks = Clocks(start, resolution_due=due, paused_since=paused_at)
	moved = resumed(clocks, cal, resumed_at)
	left_then = cal.working_time_between(paused_at, due)
	assert cal.working_time_between(resumed_at, moved.resolution_due) == left_then
	paused_hours = cal.working_time_between(paused_at, resumed_at).total_seconds() / 3600
	assert moved.paused_working_hours == pytest.approx(paused_hours)


# --- working hours taken ---------------------------------------------------------------------------


def test_the_resolution_leaves_the_time_paused_out_and_the_response_does_not():
	clocks = Clocks(
		MONDAY_TEN,
		first_responded_on=at("2026-03-02 11:30"),
		resolution_fulfilled_on=at("2026-03-03 17:00"),
		paused_working_hours=4,
	)
	# 8 h on Monday + 8 h on Tuesday = 16 h, 4 of them paused
	assert working_hours_taken(clocks, policy().calendar) == (1.5, 12)
	assert working_hours_taken(Clocks(MONDAY_TEN), policy().calendar) == (0, 0)


# --- escalation ---------------------------------------------------------------------------------------

LEVELS = escalation_order(
	[
		EscalationLevel("After Breach", 8, "Reassign", reassign_to="lead@example.com"),
		EscalationLevel("At Breach", 0, "Notify Role", role="Feedback Manager"),
		EscalationLevel("After Breach", 2, "Raise Priority"),
		EscalationLevel("At Warning", 0, "Notify Assignee"),
	]
)
DUE = Clocks(MONDAY_TEN, resolution_warning_at=at("2026-03-04 16:00"), resolution_due=at("2026-03-05 10:00"))


def test_levels_fire_at_warning_then_at_breach_then_after_breach_by_delay():
	assert [(level.trigger, level.delay_working_hours) for level in LEVELS] == [
		("At Warning", 0),
		("At Breach", 0),
		("After Breach", 2),
		("After Breach", 8),
	]
	escalating = policy(escalations=LEVELS)
	moments = [next_escalation_moment(DUE, escalating, "On Track", level) for level in range(5)]
	assert moments == [
		at("2026-03-04 16:00"),
		at("2026-03-05 10:00"),
		at("2026-03-05 12:00"),
		at("2026-03-05 18:00"),
		None,
	]


@pytest.mark.parametrize("status", ["Paused", "Met", None])
def test_no_escalation_while_the_resolution_clock_is_not_running(status):
	assert next_escalation_moment(DUE, policy(escalations=LEVELS), status, 0) is None


def test_a_record_nobody_looked_at_owes_every_level_due_by_now_each_once_in_order():
	escalating = policy(escalations=LEVELS)
	first = next_escalation_moment(DUE, escalating, "Breached", 0)
	due = due_escalations(DUE, escalating, "Breached", 0, first, at("2026-03-05 13:00"))
	assert [number for number, _level in due.fire] == [1, 2, 3]
	assert [level.action for _number, level in due.fire] == [
		"Notify Assignee",
		"Notify Role",
		"Raise Priority",
	]
	assert (due.level, due.next_at) == (3, at("2026-03-05 18:00"))
	again = due_escalations(DUE, escalating, "Breached", due.level, due.next_at, at("2026-03-05 13:00"))
	assert again.fire == ()


@given(st.integers(0, 4), st.integers(0, 72))
def test_every_level_fires_exactly_once_however_late_the_sweep_comes(level, hours_late):
	escalating = policy(escalations=LEVELS)
	now = DUE.resolution_due + hours_late * H
	fired = []
	next_at = next_escalation_moment(DUE, escalating, "Breached", level)
	for _sweep in range(3):
		due = due_escalations(DUE, escalating, "Breached", level, next_at, now)
		fired += [number for number, _level in due.fire]
		level, next_at = due.level, due.next_at
	assert fired == sorted(set(fired))
	assert all(next_escalation_moment(DUE, escalating, "Breached", n - 1) <= now for n in fired)
	assert next_at is None or next_at > now
