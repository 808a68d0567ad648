"""The SLA clocks of one record: due and warning moments, pauses, the first response and the
fulfilment, the working time each clock took, and when the next escalation level is due.

The record's clock fields are a `Clocks` value (the same names as the Feedback Record's fields),
the policy's rules a `ClockPolicy`; every function returns a new `Clocks` or a figure and
changes nothing. Every moment is timezone-aware: the service layer makes the record's naive
system-time values aware once on the way in and naive once on the way out, so a daylight-saving
change is never an hour off here.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta

from feedback_loop.core.feedback_status import Status
from feedback_loop.core.sla.calendar import BusinessCalendar
from feedback_loop.core.sla.state import Clock, EscalationTrigger, SlaStatus, sla_status
from feedback_loop.core.sla.targets import TargetUnit, due_moment


@dataclass(frozen=True)
class Target:
	"""One priority's targets: first response and resolution, each an amount in a unit."""

	response_time: float
	response_unit: str
	resolution_time: float
	resolution_unit: str


@dataclass(frozen=True)
class EscalationLevel:
	trigger: str
	delay_working_hours: float = 0.0
	action: str | None = None
	role: str | None = None
	reassign_to: str | None = None


@dataclass(frozen=True)
class ClockPolicy:
	"""What an SLA policy says about the clocks; `escalations` in the order they fire."""

	calendar: BusinessCalendar
	#: priority → its targets; a priority without targets has no due moments
	targets: Mapping[str, Target] = field(default_factory=dict)
	pause_statuses: frozenset[str] = frozenset()
	fulfil_statuses: frozenset[str] = frozenset()
	warning_fraction: float = 0.8
	escalations: tuple[EscalationLevel, ...] = ()


@dataclass(frozen=True)
class Clocks:
	sla_started_on: datetime
	first_response_due: datetime | None = None
	response_warning_at: datetime | None = None
	resolution_due: datetime | None = None
	resolution_warning_at: datetime | None = None
	first_responded_on: datetime | None = None
	resolution_fulfilled_on: datetime | None = None
	paused_since: datetime | None = None
	paused_working_hours: float = 0.0


#: The moments a record stores, by field name (all but the paused hours).
MOMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Clocks) if f.name != "paused_working_hours")
#: The due and warning moments of both clocks; they move together when a pause ends.
DUE_FIELDS = ("first_response_due", "response_warning_at", "resolution_due", "resolution_warning_at")
_TRIGGER_ORDER = {trigger.value: index for index, trigger in enumerate(EscalationTrigger)}
_RUNNING_OR_LATE = frozenset({SlaStatus.ON_TRACK, SlaStatus.AT_RISK, SlaStatus.BREACHED})


def escalation_order(levels: Iterable[EscalationLevel]) -> tuple[EscalationLevel, ...]:
	"""The order levels fire in: at warning, at breach, then after breach by their delay."""
	return tuple(sorted(levels, key=lambda level: (_TRIGGER_ORDER[level.trigger], level.delay_working_hours)))


def due_moments_outdated(
	before: tuple[str | None, str | None] | None, now: tuple[str | None, str | None], has_due: bool
) -> bool:
	"""Whether the due moments must be computed again: a new record, another (policy, priority)
	than before, or none computed yet. Otherwise they stay, so a later save never moves them."""
	return before is None or before != now or not has_due


def with_due_moments(clocks: Clocks, policy: ClockPolicy, priority: str | None) -> Clocks:
	"""Due and warning moments of both clocks from the start and the priority's targets.

	Guarantees: a priority without targets has no due moments; the warning moment lies the
	policy's warning fraction into the allowed time (real time for clock hours, working time
	otherwise); the working time already paused moves every moment later by that much.
	"""
	target = policy.targets.get(priority)
	if target is None:
		return replace(clocks, **dict.fromkeys(DUE_FIELDS))
	calendar, start = policy.calendar, clocks.sla_started_on
	paused = timedelta(hours=clocks.paused_working_hours or 0)
	moments = {}
	for due_field, warning_field, amount, unit in (
		("first_response_due", "response_warning_at", target.response_time, target.response_unit),
		("resolution_due", "resolution_warning_at", target.resolution_time, target.resolution_unit),
	):
		due = due_moment(calendar, start, amount, unit)
		warning = warning_moment(calendar, start, due, unit, policy.warning_fraction)
		if paused:
			due, warning = calendar.add_working_time(due, paused), calendar.add_working_time(warning, paused)
		moments[due_field], moments[warning_field] = due, warning
	return replace(clocks, **moments)


def warning_moment(
	calendar: BusinessCalendar, start: datetime, due: datetime, unit: str, fraction: float
) -> datetime:
	"""`fraction` of the way from `start` to `due`: in real time for a target in clock hours (through
	UTC, since subtracting wall-clock times of one zone is an hour off across a DST change), in
	working time otherwise."""
	if unit == TargetUnit.CLOCK_HOURS.value:
		start_utc, due_utc = start.astimezone(UTC), due.astimezone(UTC)
		return (start_utc + (due_utc - start_utc) * fraction).astimezone(due.tzinfo)
	return calendar.add_working_time(start, calendar.working_time_between(start, due) * fraction)


def after_status(
	clocks: Clocks, policy: ClockPolicy, status: str, now: datetime, resolved_on: datetime | None = None
) -> Clocks:
	"""The clocks once the record has `status` at `now`.

	Guarantees: leaving Open is the first response (kept once set); entering a pause status
	stops both clocks, leaving it resumes them (`resumed`); a fulfil status fulfils the
	resolution clock at the resolution moment (or now), kept while the status stays fulfilling
	and cleared when the record leaves it (a reopened record runs again).
	"""
	if not clocks.first_responded_on and status != Status.OPEN.value:
		clocks = replace(clocks, first_responded_on=now)
	if status in policy.pause_statuses and not clocks.paused_since:
		clocks = replace(clocks, paused_since=now)
	elif status not in policy.pause_statuses and clocks.paused_since:
		clocks = resumed(clocks, policy.calendar, now)
	if status in policy.fulfil_statuses:
		if not clocks.resolution_fulfilled_on:
			clocks = replace(clocks, resolution_fulfilled_on=resolved_on or now)
	elif clocks.resolution_fulfilled_on:
		clocks = replace(clocks, resolution_fulfilled_on=None)
	return clocks


def resumed(clocks: Clocks, calendar: BusinessCalendar, now: datetime) -> Clocks:
	"""The clock stood still while paused: the working time paused is added up, and every due or
	warning moment still ahead of the pause moves later by it (one already passed stays)."""
	paused_since = clocks.paused_since
	if paused_since is None:
		return clocks
	paused = calendar.working_time_between(paused_since, now)
	moved = {}
	for name in DUE_FIELDS:
		moment = getattr(clocks, name)
		if moment and moment > paused_since:
			remaining = calendar.working_time_between(paused_since, moment)
			moved[name] = calendar.add_working_time(now, remaining)
	return replace(
		clocks,
		**moved,
		paused_since=None,
		paused_working_hours=(clocks.paused_working_hours or 0) + paused.total_seconds() / 3600,
	)


def working_hours_taken(clocks: Clocks, calendar: BusinessCalendar) -> tuple[float, float]:
	"""(response, resolution) working hours on the policy's calendar, 0 while a clock runs.

	A first response always comes before any pause (a pause status is not Open, and leaving Open
	is a response), so only the resolution leaves the time paused out.
	"""
	start = clocks.sla_started_on
	responded, fulfilled = clocks.first_responded_on, clocks.resolution_fulfilled_on
	response = max(_hours(calendar.working_time_between(start, responded)), 0) if responded else 0
	resolution = (
		max(_hours(calendar.working_time_between(start, fulfilled)) - (clocks.paused_working_hours or 0), 0)
		if fulfilled
		else 0
	)
	return response, resolution


def clock_states(clocks: Clocks, now: datetime) -> tuple[SlaStatus | None, SlaStatus | None]:
	"""(response, resolution) state at `now` (see `sla_status`); both Paused while paused."""
	paused = bool(clocks.paused_since)
	response = Clock(
		due=clocks.first_response_due,
		warning_at=clocks.response_warning_at,
		fulfilled_on=clocks.first_responded_on,
		paused=paused,
	)
	resolution = Clock(
		due=clocks.resolution_due,
		warning_at=clocks.resolution_warning_at,
		fulfilled_on=clocks.resolution_fulfilled_on,
		paused=paused,
	)
	return sla_status(response, now), sla_status(resolution, now)


def next_escalation_moment(
	clocks: Clocks,
	policy: ClockPolicy,
	resolution_status: str | None,
	level: int,
) -> datetime | None:
	"""When escalation level `level` (0-based: how many fired so far) is due.

	Guarantees: None while the resolution clock is not running or late (no SLA, paused, met)
	and once every level has fired; at warning is the warning moment, at breach the due moment,
	after breach the due moment plus the level's delay in working hours.
	"""
	if resolution_status not in _RUNNING_OR_LATE or clocks.resolution_fulfilled_on:
		return None
	if level >= len(policy.escalations):
		return None
	row = policy.escalations[level]
	if row.trigger == EscalationTrigger.AT_WARNING.value:
		return clocks.resolution_warning_at
	if row.trigger == EscalationTrigger.AT_BREACH.value:
		return clocks.resolution_due
	if clocks.resolution_due is None:
		return None
	delay = timedelta(hours=row.delay_working_hours or 0)
	return policy.calendar.add_working_time(clocks.resolution_due, delay)


@dataclass(frozen=True)
class DueEscalations:
	#: (level number from 1, the level) for each level to fire now, in order
	fire: tuple[tuple[int, EscalationLevel], ...]
	level: int
	next_at: datetime | None


def due_escalations(
	clocks: Clocks,
	policy: ClockPolicy,
	resolution_status: str | None,
	level: int,
	next_at: datetime | None,
	now: datetime,
) -> DueEscalations:
	"""Every level due by `now`, in order: a record nobody looked at for a while may owe several.

	Guarantees: each level appears at most once; the level returned counts the levels fired,
	and `next_at` is when the next one is due (None when all have fired).
	"""
	fire: list[tuple[int, EscalationLevel]] = []
	levels: Sequence[EscalationLevel] = policy.escalations
	while next_at is not None and next_at <= now:
		if level < len(levels):
			fire.append((level + 1, levels[level]))
			level += 1
			next_at = next_escalation_moment(clocks, policy, resolution_status, level)
		else:
			next_at = None
	return DueEscalations(fire=tuple(fire), level=level, next_at=next_at)


def _hours(duration: timedelta) -> float:
	return round(duration.total_seconds() / 3600, 2)
