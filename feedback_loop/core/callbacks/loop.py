"""The closed loop after a resolution: who verifies it again, and what an unanswered call does.

The seeds' loop: resolve → tell the customer (a one-tap "solved?") → verify 2–3 working days
after a complaint is fixed → a second verification within a week for urgent and high-priority
feedback whose first said "not solved" or went unanswered.
"""

from enum import Enum

#: Feedback whose fix is verified a second time when the first verification did not confirm it.
SECOND_VERIFICATION_PRIORITIES = frozenset({"Urgent", "High"})


class FirstVerification(str, Enum):
	SOLVED = "solved"
	NOT_SOLVED = "not_solved"
	UNANSWERED = "unanswered"


def needs_second_verification(priority: str | None, first: FirstVerification, *, is_second: bool) -> bool:
	"""Guarantees: only after a first verification (never a second of a second), only for Urgent
	and High feedback, and only when the customer did not confirm the fix."""
	return (
		not is_second and priority in SECOND_VERIFICATION_PRIORITIES and first is not FirstVerification.SOLVED
	)


def call_again(attempts: int, max_attempts: int) -> bool:
	"""After an unanswered call: try again while fewer than `max_attempts` calls went unanswered
	(at least one more call is always allowed when the setting is missing)."""
	return attempts < max(max_attempts, 1)
