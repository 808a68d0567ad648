"""The SLA of a record as its reader needs it now: which clock matters, its state, time left.

The form's header shows one indicator per record ("At Risk · First response due in 1 h 20 min"):
the first response while it is still owed, else the resolution. States come from `clock_states`,
so the header says what the sweep writes; time left is the plain time until the due moment (or
since it, once breached), not working time, because that is what "in 2 h" means to a reader.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from feedback_loop.core.sla.clock import Clocks, clock_states
from feedback_loop.core.sla.state import SlaStatus


class SlaClock(str, Enum):
	FIRST_RESPONSE = "First Response"
	RESOLUTION = "Resolution"


@dataclass(frozen=True)
class SlaNow:
	clock: SlaClock
	status: SlaStatus
	due: datetime
	#: time until the due moment, negative once it passed; None when the clock is not running
	#: (met, fulfilled late, paused)
	left: timedelta | None


def sla_now(clocks: Clocks, now: datetime) -> SlaNow | None:
	"""Guarantees: None without a resolution due moment (no SLA); a fulfilled resolution is shown
	as Met or Breached with no time left; otherwise the first response while none was made and
	it has a due moment, else the resolution; a paused clock has no time left (it does not run)."""
	response, resolution = clock_states(clocks, now)
	if resolution is None or clocks.resolution_due is None:
		return None
	if clocks.resolution_fulfilled_on is not None:
		return SlaNow(SlaClock.RESOLUTION, resolution, clocks.resolution_due, None)
	if response is not None and clocks.first_responded_on is None and clocks.first_response_due:
		clock, status, due = SlaClock.FIRST_RESPONSE, response, clocks.first_response_due
	else:
		clock, status, due = SlaClock.RESOLUTION, resolution, clocks.resolution_due
	left = None if status in (SlaStatus.PAUSED, SlaStatus.MET) else due - now
	return SlaNow(clock, status, due, left)


class DurationUnit(str, Enum):
	DAYS = "days"  # days and hours
	HOURS = "hours"  # hours and minutes
	MINUTES = "minutes"


def duration_parts(delta: timedelta) -> tuple[DurationUnit, tuple[int, ...]]:
	"""A duration as a reader says it: its two largest units, in whole minutes (at least one).

	Guarantees: the sign is dropped (the caller says "left" or "overdue"); a day or more is
	(days, hours), an hour or more (hours, minutes), less than that (minutes,) and never 0 minutes.
	"""
	minutes = max(1, round(abs(delta.total_seconds()) / 60))
	days, rest = divmod(minutes, 24 * 60)
	hours, minutes = divmod(rest, 60)
	if days:
		return DurationUnit.DAYS, (days, hours)
	if hours:
		return DurationUnit.HOURS, (hours, minutes)
	return DurationUnit.MINUTES, (minutes,)
