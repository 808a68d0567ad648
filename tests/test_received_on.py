"""When the customer gave the feedback: never in the future, never before the problem, and the
moment an integration sends is read with its offset."""

from datetime import date, datetime, timedelta

from feedback_loop.core.intake.payload import API_FIELDS, FieldProblem, check_payload, parse_moment
from feedback_loop.core.intake.received_on import (
	CLOCK_TOLERANCE,
	ReceivedOnProblem,
	check_received_on,
	clock_restarts,
)

NOW = datetime(2026, 12, 6, 15, 0)


def test_last_month_is_fine_the_future_is_not():
	assert check_received_on(NOW - timedelta(days=30), NOW, None) == []
	assert check_received_on(NOW + CLOCK_TOLERANCE, NOW, None) == []
	assert check_received_on(NOW + CLOCK_TOLERANCE + timedelta(seconds=1), NOW, None) == [
		ReceivedOnProblem.IN_FUTURE
	]


def test_not_before_the_problem_happened():
	assert check_received_on(datetime(2026, 3, 1, 9), NOW, date(2026, 3, 1)) == []
	assert check_received_on(datetime(2026, 2, 28, 23), NOW, date(2026, 3, 1)) == [
		ReceivedOnProblem.BEFORE_OCCURRED
	]


def test_the_clock_restarts_on_a_new_record_and_a_correction_only():
	moment = datetime(2026, 12, 1, 9)
	assert clock_restarts(None, moment, is_new=True)
	assert not clock_restarts(moment, moment, is_new=False)
	assert clock_restarts(moment, moment - timedelta(days=1), is_new=False)
	assert not clock_restarts(moment, None, is_new=False)


def test_an_integration_sends_received_on_with_or_without_an_offset():
	assert parse_moment("2026-03-01T14:05:00+08:00").utcoffset() == timedelta(hours=8)
	assert parse_moment("2026-03-01 14:05").tzinfo is None
	payload = {
		"external_id": "x",
		"feedback_type": "Complaint",
		"description": "late",
		"received_on": "yesterday",
	}
	_values, problems = check_payload(payload, API_FIELDS, today=NOW.date())
	assert [(p.field, p.problem) for p in problems] == [("received_on", FieldProblem.BAD_DATE)]
	payload["received_on"] = "2027-01-01 10:00"
	_values, problems = check_payload(payload, API_FIELDS, today=NOW.date())
	assert [(p.field, p.problem) for p in problems] == [("received_on", FieldProblem.FUTURE_DATE)]
	payload["received_on"] = "2026-11-30T09:00:00+08:00"
	values, problems = check_payload(payload, API_FIELDS, today=NOW.date())
	assert problems == [] and values["received_on"] == "2026-11-30T09:00:00+08:00"
