"""Revisit outcomes and the response rate (the Callback Performance report).

Every revisit due in the period is in exactly one state:

- not sent yet (Scheduled), failed or cancelled: never reached the customer;
- sent, and then answered (Responded), closed unanswered (No Response) or still awaiting an
  answer (Sent: its answer window is open, or the phone agent has calls left).

**Response rate = answered ÷ sent.** Revisits still awaiting an answer are in the denominator:
they were asked and have not answered (yet). Leaving them out would count an answer the day it
comes but an unanswered revisit only when its window closes, so a young period would read better
than it is (26 answers of 76 sent showed as 100 %). The rate of a recent period can still rise as
answers come in; how many may still come is the Awaiting Answer count beside it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from feedback_loop.core.reports.figures import percent

#: Status → the outcome it counts as.
STATE_OUTCOME = {
	"Scheduled": "not_sent",
	"Sent": "awaiting",
	"Responded": "responded",
	"No Response": "no_response",
	"Failed": "failed_or_cancelled",
	"Cancelled": "failed_or_cancelled",
}


@dataclass(frozen=True)
class Outcomes:
	not_sent: int = 0
	awaiting: int = 0
	responded: int = 0
	no_response: int = 0
	failed_or_cancelled: int = 0

	@property
	def revisits(self) -> int:
		"""Every revisit due in the period, whatever became of it."""
		return sum(getattr(self, f.name) for f in fields(self))

	@property
	def sent(self) -> int:
		return self.responded + self.no_response + self.awaiting

	@property
	def response_rate(self) -> float | None:
		"""Answered of sent, in per cent (one decimal); None when nothing was sent."""
		return percent(self.responded, self.sent)

	def shares_of_sent(self) -> dict[str, float | None]:
		"""Answered, no response and awaiting an answer, each in per cent of sent (the chart)."""
		return {
			"responded": self.response_rate,
			"no_response": percent(self.no_response, self.sent),
			"awaiting": percent(self.awaiting, self.sent),
		}

	def __add__(self, other: "Outcomes") -> "Outcomes":
		return Outcomes(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def outcomes(states: Mapping[str, int]) -> Outcomes:
	"""`states`: revisit status → number of revisits. A status outside the known ones counts in
	no outcome (and so in no rate)."""
	counts: dict[str, int] = {}
	for state, count in states.items():
		outcome = STATE_OUTCOME.get(state)
		if outcome:
			counts[outcome] = counts.get(outcome, 0) + count
	return Outcomes(**counts)


def total(rows: Iterable[Outcomes]) -> Outcomes:
	"""The summed counts of every row: the Total row, the cards and the chart's Total bar."""
	return sum(rows, Outcomes())
