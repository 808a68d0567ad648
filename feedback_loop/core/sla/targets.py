"""When an SLA target is due: an amount in clock hours, working hours or working days."""

import math
from datetime import datetime, timedelta, timezone
from enum import Enum
from zoneinfo import ZoneInfo

from feedback_loop.core.sla.calendar import BusinessCalendar


class TargetUnit(str, Enum):
	CLOCK_HOURS = "Clock Hours"
	WORKING_HOURS = "Working Hours"
	WORKING_DAYS = "Working Days"


TARGET_UNITS: tuple[str, ...] = tuple(u.value for u in TargetUnit)


def due_moment(calendar: BusinessCalendar, start: datetime, amount: float, unit: str) -> datetime:
	"""The moment a target of ``amount`` ``unit`` started at ``start`` is due.

	Guarantees: clock hours are absolute time that ignores windows and holidays (24 clock
	hours across a DST change still last 24 real hours); working hours are
	``calendar.add_working_time``; working days are ``calendar.add_working_days`` (one day =
	the calendar's typical working day). Like the calendar, a naive start is wall time in the
	calendar's zone and gives a naive result; an aware start gives an aware result in that
	zone. An amount that is not a positive finite number, or an unknown unit, raises ValueError.
	"""
	try:
		target_unit = TargetUnit(unit)
	except ValueError:
		raise ValueError(f"unknown SLA target unit {unit!r}; expected one of {', '.join(TARGET_UNITS)}")
	if isinstance(amount, bool) or not isinstance(amount, int | float) or not math.isfinite(amount):
		raise ValueError(f"an SLA target must be a finite number, not {amount!r}")
	if amount <= 0:
		raise ValueError(f"an SLA target must be more than 0, not {amount!r}")

	match target_unit:
		case TargetUnit.CLOCK_HOURS:
			return _add_clock_time(calendar, start, timedelta(hours=amount))
		case TargetUnit.WORKING_HOURS:
			return calendar.add_working_time(start, timedelta(hours=amount))
		case TargetUnit.WORKING_DAYS:
			return calendar.add_working_days(start, amount)


def _add_clock_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
	zone = ZoneInfo(calendar.timezone)
	# Through UTC, because Python adds to an aware datetime in wall-clock time: "+24 h" across a
	# DST change would otherwise last 23 or 25 real hours.
	aware = start if start.tzinfo else start.replace(tzinfo=zone)
	due = (aware.astimezone(timezone.utc) + duration).astimezone(zone)
	return due if start.tzinfo else due.replace(tzinfo=None)
