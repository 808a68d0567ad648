"""The closed loop's rules: which revisit holds another back, when a fix is verified a second
time, and how often an unanswered call is tried again."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.callbacks.loop import FirstVerification, call_again, needs_second_verification
from feedback_loop.core.callbacks.schedule import held_back_by, throttled

DUE = datetime(2026, 12, 10, 10, 0)


def test_the_nearest_revisit_within_the_window_holds_another_back():
	others = [
		("CB-1", DUE - timedelta(days=20)),
		("CB-2", DUE + timedelta(days=3)),
		("CB-3", DUE - timedelta(days=40)),
	]
	assert held_back_by(DUE, others, 30) == "CB-2"
	assert held_back_by(DUE, [("CB-3", DUE - timedelta(days=40))], 30) is None
	assert held_back_by(DUE, others, 0) is None


@given(st.lists(st.integers(-60, 60), max_size=8), st.integers(0, 45))
def test_held_back_agrees_with_throttled(offsets, days):
	others = [(f"CB-{i}", DUE + timedelta(days=d)) for i, d in enumerate(offsets)]
	assert (held_back_by(DUE, others, days) is not None) == throttled(DUE, [due for _n, due in others], days)


@pytest.mark.parametrize(
	("priority", "first", "expected"),
	[
		("Urgent", FirstVerification.UNANSWERED, True),
		("High", FirstVerification.NOT_SOLVED, True),
		("High", FirstVerification.SOLVED, False),
		("Medium", FirstVerification.UNANSWERED, False),
		("Low", FirstVerification.NOT_SOLVED, False),
		(None, FirstVerification.UNANSWERED, False),
	],
)
def test_a_second_verification_for_urgent_and_high_feedback_not_confirmed(priority, first, expected):
	assert needs_second_verification(priority, first, is_second=False) is expected


def test_never_a_third_verification():
	assert not needs_second_verification("Urgent", FirstVerification.UNANSWERED, is_second=True)


def test_an_unanswered_call_is_tried_again_until_the_attempts_are_used():
	assert [call_again(n, 3) for n in (1, 2, 3, 4)] == [True, True, False, False]
	assert call_again(0, 0)
