"""When the customer actually gave the feedback, as opposed to when someone typed it in.

A letter answered last month, a call written up after lunch, a file of last year's complaints:
numbering follows the moment of entry, but the SLA clock and the reports follow this moment.
"""

from datetime import date, datetime, timedelta
from enum import Enum

#: Clocks of a phone, a mail server and this server differ by a little; more is a typing error.
CLOCK_TOLERANCE = timedelta(minutes=5)


class ReceivedOnProblem(str, Enum):
	IN_FUTURE = "received_in_future"
	BEFORE_OCCURRED = "received_before_occurred"


def check_received_on(
	received_on: datetime, now: datetime, occurred_on: date | None
) -> list[ReceivedOnProblem]:
	"""Guarantees: a moment later than now (beyond the tolerance) is refused; so is one on a day
	before the problem itself happened. Both moments are in the same (system) time zone."""
	problems = []
	if received_on > now + CLOCK_TOLERANCE:
		problems.append(ReceivedOnProblem.IN_FUTURE)
	if occurred_on and received_on.date() < occurred_on:
		problems.append(ReceivedOnProblem.BEFORE_OCCURRED)
	return problems


def clock_restarts(received_before: datetime | None, received_now: datetime | None, is_new: bool) -> bool:
	"""The SLA clock starts at the received-on moment, and again whenever someone corrects it."""
	return is_new or (received_now is not None and received_before != received_now)
