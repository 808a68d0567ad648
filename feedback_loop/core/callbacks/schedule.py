"""When a revisit is due, whether throttling holds it back, and when a failed send is retried."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import Enum

from feedback_loop.core.sla.calendar import BusinessCalendar
from feedback_loop.core.sla.targets import TargetUnit, due_moment


class DelayUnit(str, Enum):
	HOURS = "Hours"
	DAYS = "Days"
	WORKING_DAYS = "Working Days"


DELAY_UNITS: tuple[str, ...] = tuple(u.value for u in DelayUnit)
#: Minutes to wait after the 1st, 2nd, 3rd … failed attempt.
BACKOFF_MINUTES = (10, 60, 360)


def callback_due(event_at: datetime, delay: float, unit: str, calendar: BusinessCalendar | None) -> datetime:
	"""The moment `delay` `unit` after the event; working days need the calendar, and 0 means now."""
	unit = DelayUnit(unit)
	if delay <= 0:
		return event_at
	if unit is DelayUnit.HOURS:
		return event_at + timedelta(hours=delay)
	if unit is DelayUnit.DAYS:
		return event_at + timedelta(days=delay)
	if calendar is None:
		raise ValueError("working days need a business calendar")
	return due_moment(calendar, event_at, delay, TargetUnit.WORKING_DAYS.value)


def throttled(due_on: datetime, other_due: list[datetime], days: int) -> bool:
	"""Another revisit of the same customer within `days` of this one holds this one back."""
	return held_back_by(due_on, [("", other) for other in other_due], days) is not None


def held_back_by(due_on: datetime, others: Sequence[tuple[str, datetime]], days: int) -> str | None:
	"""The revisit (name, due) of the same customer within `days` of this one that holds it back:
	the nearest one, so its log can say what it held back; None when nothing does."""
	if days <= 0:
		return None
	window = timedelta(days=days)
	near = [(abs(due_on - other), name) for name, other in others if abs(due_on - other) < window]
	return min(near)[1] if near else None


def next_attempt(failed_at: datetime, attempts: int) -> datetime | None:
	"""When to try again after the `attempts`-th failure; None once the retries are used up."""
	if attempts < 1 or attempts > len(BACKOFF_MINUTES):
		return None
	return failed_at + timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
