"""Lifecycle of a Feedback Record: which status changes are allowed and what each one needs.

The desk form, the portal, e-mail and the API all change status through the same check, so a
record can never be closed without a resolution or reopened without a reason, whichever door
the change comes through.
"""

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
	OPEN = "Open"
	ACKNOWLEDGED = "Acknowledged"
	IN_PROGRESS = "In Progress"
	WAITING_ON_CUSTOMER = "Waiting on Customer"
	RESOLVED = "Resolved"
	CLOSED = "Closed"
	INVALID = "Invalid"
	DUPLICATE = "Duplicate"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

#: Statuses in which somebody still owes the customer an answer.
ACTIVE_STATUSES = frozenset(
	{Status.OPEN, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER}
)

_ACTIVE_EXITS = {Status.RESOLVED, Status.INVALID, Status.DUPLICATE}

ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
	Status.OPEN: frozenset(
		{Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER} | _ACTIVE_EXITS
	),
	Status.ACKNOWLEDGED: frozenset({Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER} | _ACTIVE_EXITS),
	Status.IN_PROGRESS: frozenset({Status.WAITING_ON_CUSTOMER} | _ACTIVE_EXITS),
	# The customer answered: work goes on.
	Status.WAITING_ON_CUSTOMER: frozenset({Status.IN_PROGRESS} | _ACTIVE_EXITS),
	# Closed means the customer confirmed the resolution, so only a resolved record can close.
	Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
	Status.CLOSED: frozenset({Status.IN_PROGRESS}),
	Status.INVALID: frozenset({Status.OPEN}),
	Status.DUPLICATE: frozenset({Status.OPEN}),
}

#: Transitions that take a finished record back into work; each needs a written reason.
REOPENING_TRANSITIONS = frozenset(
	{
		(Status.RESOLVED, Status.IN_PROGRESS),
		(Status.CLOSED, Status.IN_PROGRESS),
		(Status.INVALID, Status.OPEN),
		(Status.DUPLICATE, Status.OPEN),
	}
)


class Problem(str, Enum):
	UNKNOWN_STATUS = "unknown_status"
	NOT_ALLOWED = "not_allowed"
	INITIAL_STATUS_NOT_ALLOWED = "initial_status_not_allowed"
	RESOLUTION_REQUIRED = "resolution_required"
	REASON_REQUIRED = "reason_required"
	DUPLICATE_OF_REQUIRED = "duplicate_of_required"
	DUPLICATE_OF_SELF = "duplicate_of_self"


@dataclass(frozen=True)
class TransitionFacts:
	"""What the record holds at the moment of the change (after the user's edit)."""

	has_resolution: bool = False
	#: True only when a new reason was written with this change (an old one does not count).
	has_new_reason: bool = False
	has_duplicate_of: bool = False
	duplicate_of_is_self: bool = False
	#: Imported history may start in any status; every other channel starts at Open.
	is_import: bool = False


def is_reopening(current: str | None, new: str) -> bool:
	return (_as_status(current), _as_status(new)) in REOPENING_TRANSITIONS


def check_transition(current: str | None, new: str, facts: TransitionFacts) -> list[Problem]:
	"""Return every problem with moving from ``current`` to ``new``; an empty list means allowed.

	``current`` is None for a record being created. Staying in the same status is always
	allowed as a transition, but the status's own requirements (e.g. a resolution for
	Resolved) still apply, so a required field cannot be emptied later.
	"""
	new_status = _as_status(new)
	if new_status is None:
		return [Problem.UNKNOWN_STATUS]

	problems: list[Problem] = []
	if current is None:
		if new_status is not Status.OPEN and not facts.is_import:
			problems.append(Problem.INITIAL_STATUS_NOT_ALLOWED)
	else:
		current_status = _as_status(current)
		if current_status is None:
			return [Problem.UNKNOWN_STATUS]
		if new_status is not current_status:
			if new_status not in ALLOWED_TRANSITIONS[current_status]:
				return [Problem.NOT_ALLOWED]
			if (current_status, new_status) in REOPENING_TRANSITIONS and not facts.has_new_reason:
				problems.append(Problem.REASON_REQUIRED)

	problems.extend(_requirements_of(new_status, facts, entering=current != new))
	return problems


def _requirements_of(status: Status, facts: TransitionFacts, entering: bool) -> list[Problem]:
	problems: list[Problem] = []
	if status in (Status.RESOLVED, Status.CLOSED) and not facts.has_resolution:
		problems.append(Problem.RESOLUTION_REQUIRED)
	if status is Status.DUPLICATE:
		if not facts.has_duplicate_of:
			problems.append(Problem.DUPLICATE_OF_REQUIRED)
		elif facts.duplicate_of_is_self:
			problems.append(Problem.DUPLICATE_OF_SELF)
	if status is Status.INVALID and entering and not facts.has_new_reason:
		problems.append(Problem.REASON_REQUIRED)
	return problems


@dataclass(frozen=True)
class Stamps:
	"""Which lifecycle timestamps a status change sets (True) or clears (False); None: untouched."""

	resolved_on: bool | None = None
	closed_on: bool | None = None


def stamps_for(current: str | None, new: str) -> Stamps:
	"""Timestamps to set or clear when the status moves from ``current`` to ``new``.

	Reopening clears them, so "resolved on" always describes the resolution in force.
	"""
	new_status = _as_status(new)
	if current == new or new_status is None:
		return Stamps()
	if new_status is Status.RESOLVED:
		return Stamps(resolved_on=True, closed_on=False)
	if new_status is Status.CLOSED:
		# Imported history may arrive closed without passing through Resolved.
		return Stamps(resolved_on=True if current is None else None, closed_on=True)
	if new_status in ACTIVE_STATUSES:
		return Stamps(resolved_on=False, closed_on=False)
	return Stamps()


def _as_status(value: str | None) -> Status | None:
	try:
		return Status(value)
	except ValueError:
		return None
