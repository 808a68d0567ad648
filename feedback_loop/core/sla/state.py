"""What an SLA clock says at a given moment, and which escalation levels are due.

Pure functions over moments already computed by the business calendar: the sweep job and the
form both ask these, so the state shown on a record is the state the sweep writes.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from feedback_loop.core.triage.priority_matrix import PRIORITIES


class SlaStatus(str, Enum):
	ON_TRACK = "On Track"
	AT_RISK = "At Risk"
	PAUSED = "Paused"
	BREACHED = "Breached"
	MET = "Met"


SLA_STATUSES: tuple[str, ...] = tuple(s.value for s in SlaStatus)
#: States the clock can still leave by itself as time passes (the sweep looks only at these).
RUNNING = frozenset({SlaStatus.ON_TRACK, SlaStatus.AT_RISK})


@dataclass(frozen=True)
class Clock:
	due: datetime | None
	warning_at: datetime | None = None
	fulfilled_on: datetime | None = None
	paused: bool = False


def sla_status(clock: Clock, now: datetime) -> SlaStatus | None:
	"""Guarantees: fulfilled in time is Met and late is Breached, forever; a paused clock is
	Paused; a running clock is Breached from its due moment on, At Risk from its warning
	moment on, else On Track. No due moment: no SLA (None)."""
	if clock.due is None:
		return None
	if clock.fulfilled_on is not None:
		return SlaStatus.MET if clock.fulfilled_on <= clock.due else SlaStatus.BREACHED
	if clock.paused:
		return SlaStatus.PAUSED
	if now >= clock.due:
		return SlaStatus.BREACHED
	if clock.warning_at is not None and now >= clock.warning_at:
		return SlaStatus.AT_RISK
	return SlaStatus.ON_TRACK


def warning_fraction(percent: float | None) -> float:
	"""The share of the allowed time after which a clock is At Risk; 80 % when unset."""
	if not percent:
		return 0.8
	if not 0 < percent < 100:
		raise ValueError(percent)
	return percent / 100


class EscalationTrigger(str, Enum):
	AT_WARNING = "At Warning"
	AT_BREACH = "At Breach"
	AFTER_BREACH = "After Breach"


ESCALATION_TRIGGERS: tuple[str, ...] = tuple(t.value for t in EscalationTrigger)


class EscalationAction(str, Enum):
	NOTIFY_ASSIGNEE = "Notify Assignee"
	NOTIFY_ROLE = "Notify Role"
	REASSIGN = "Reassign"
	RAISE_PRIORITY = "Raise Priority"


ESCALATION_ACTIONS: tuple[str, ...] = tuple(a.value for a in EscalationAction)

#: Least to most urgent: the priority matrix's own list, reversed.
_PRIORITY_ORDER = tuple(reversed(PRIORITIES))


def raised_priority(priority: str) -> str:
	"""One step up; Urgent stays Urgent."""
	index = _PRIORITY_ORDER.index(priority) if priority in _PRIORITY_ORDER else 0
	return _PRIORITY_ORDER[min(index + 1, len(_PRIORITY_ORDER) - 1)]


def higher_priority(a: str | None, b: str | None) -> str:
	"""The more urgent of two priorities (an empty one loses)."""
	rank = {p: i for i, p in enumerate(_PRIORITY_ORDER)}
	return max((p for p in (a, b) if p in rank), key=rank.__getitem__, default="Low")
