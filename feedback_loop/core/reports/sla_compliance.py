"""SLA compliance figures from counts of clock states.

A clock counts once it is decided: Met, or Breached (a breach stays a breach, also while the
record is still open). Clocks still On Track, At Risk or Paused are not decided yet and count in
the total only, so a young period is not shown as better than it is.
"""

from dataclasses import dataclass
from enum import Enum


class BasedOn(str, Enum):
	PRIORITY = "Priority"
	POLICY = "SLA Policy"
	DEPARTMENT = "Department"
	ASSIGNEE = "Assignee"


#: The record column each grouping reads.
BASED_ON_COLUMN = {
	BasedOn.PRIORITY: "priority",
	BasedOn.POLICY: "sla_policy",
	BasedOn.DEPARTMENT: "department",
	BasedOn.ASSIGNEE: "assignee",
}


@dataclass(frozen=True)
class ClockCompliance:
	met: int = 0
	breached: int = 0

	@property
	def decided(self) -> int:
		return self.met + self.breached

	@property
	def breached_share(self) -> float | None:
		"""Breached of the decided clocks, 0–1; None while none is decided."""
		return self.breached / self.decided if self.decided else None


def clock_compliance(states: dict[str | None, int]) -> ClockCompliance:
	"""`states`: clock status → number of records."""
	return ClockCompliance(met=states.get("Met", 0), breached=states.get("Breached", 0))


def percentile(histogram: dict[float, int], fraction: float) -> float | None:
	"""The `fraction` percentile (0–1) of the values a histogram counts, interpolated between the
	two nearest values as MariaDB's PERCENTILE_CONT does; None for no values."""
	total = sum(histogram.values())
	if not total:
		return None
	position = fraction * (total - 1)
	lower_rank, weight = int(position), position - int(position)
	lower = upper = None
	seen = 0
	for value in sorted(histogram):
		seen += histogram[value]
		if lower is None and seen > lower_rank:
			lower = value
		if seen > lower_rank + 1 or (weight == 0 and lower is not None):
			upper = value
			break
	upper = lower if upper is None else upper
	return lower + (upper - lower) * weight
