import itertools

import pytest

from feedback_loop.core.feedback_status import (
	ACTIVE_STATUSES,
	ALLOWED_TRANSITIONS,
	REOPENING_TRANSITIONS,
	STATUSES,
	Problem,
	Stamps,
	Status,
	TransitionFacts,
	check_transition,
	is_reopening,
	stamps_for,
)

# Everything a transition could need, so that only "is this move allowed at all" is tested.
COMPLETE = TransitionFacts(has_resolution=True, has_new_reason=True, has_duplicate_of=True)

EXPECTED_ALLOWED = {
	("Open", "Acknowledged"),
	("Open", "In Progress"),
	("Open", "Waiting on Customer"),
	("Open", "Resolved"),
	("Open", "Invalid"),
	("Open", "Duplicate"),
	("Acknowledged", "In Progress"),
	("Acknowledged", "Waiting on Customer"),
	("Acknowledged", "Resolved"),
	("Acknowledged", "Invalid"),
	("Acknowledged", "Duplicate"),
	("In Progress", "Waiting on Customer"),
	("In Progress", "Resolved"),
	("In Progress", "Invalid"),
	("In Progress", "Duplicate"),
	("Waiting on Customer", "In Progress"),
	("Waiting on Customer", "Resolved"),
	("Waiting on Customer", "Invalid"),
	("Waiting on Customer", "Duplicate"),
	("Resolved", "Closed"),
	("Resolved", "In Progress"),
	("Closed", "In Progress"),
	("Invalid", "Open"),
	("Duplicate", "Open"),
}


@pytest.mark.parametrize(("current", "new"), list(itertools.permutations(STATUSES, 2)))
def test_every_pair_of_distinct_statuses(current, new):
	problems = check_transition(current, new, COMPLETE)
	if (current, new) in EXPECTED_ALLOWED:
		assert problems == []
	else:
		assert problems == [Problem.NOT_ALLOWED]


def test_table_and_expectation_agree():
	table = {(a.value, b.value) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
	assert table == EXPECTED_ALLOWED
	assert set(ALLOWED_TRANSITIONS) == set(Status)


def test_open_cannot_be_closed_directly_even_with_a_resolution():
	assert check_transition("Open", "Closed", COMPLETE) == [Problem.NOT_ALLOWED]


@pytest.mark.parametrize("current", [s.value for s in ACTIVE_STATUSES])
def test_resolving_needs_a_resolution(current):
	facts = TransitionFacts(has_resolution=False)
	assert check_transition(current, "Resolved", facts) == [Problem.RESOLUTION_REQUIRED]


def test_closing_keeps_needing_the_resolution():
	assert check_transition("Resolved", "Closed", TransitionFacts()) == [Problem.RESOLUTION_REQUIRED]
	# Emptying the resolution of a closed record is refused too.
	assert check_transition("Closed", "Closed", TransitionFacts()) == [Problem.RESOLUTION_REQUIRED]


@pytest.mark.parametrize(("current", "new"), sorted((a.value, b.value) for a, b in REOPENING_TRANSITIONS))
def test_reopening_needs_a_new_reason(current, new):
	facts = TransitionFacts(has_resolution=True, has_duplicate_of=True)
	assert Problem.REASON_REQUIRED in check_transition(current, new, facts)
	assert check_transition(current, new, COMPLETE) == []
	assert is_reopening(current, new)


def test_marking_invalid_needs_a_reason():
	assert check_transition("Open", "Invalid", TransitionFacts()) == [Problem.REASON_REQUIRED]
	# Saving an already invalid record again does not ask for another reason.
	assert check_transition("Invalid", "Invalid", TransitionFacts()) == []


def test_duplicate_needs_the_original_and_not_itself():
	assert check_transition("Open", "Duplicate", TransitionFacts()) == [Problem.DUPLICATE_OF_REQUIRED]
	self_ref = TransitionFacts(has_duplicate_of=True, duplicate_of_is_self=True)
	assert check_transition("Open", "Duplicate", self_ref) == [Problem.DUPLICATE_OF_SELF]


def test_new_records_start_open_unless_imported():
	assert check_transition(None, "Open", TransitionFacts()) == []
	for status in STATUSES:
		if status != "Open":
			assert Problem.INITIAL_STATUS_NOT_ALLOWED in check_transition(None, status, COMPLETE)
	imported = TransitionFacts(is_import=True, has_resolution=True)
	assert check_transition(None, "Closed", imported) == []
	assert check_transition(None, "Resolved", TransitionFacts(is_import=True)) == [
		Problem.RESOLUTION_REQUIRED
	]


def test_unknown_statuses_are_refused():
	assert check_transition("Open", "Done", COMPLETE) == [Problem.UNKNOWN_STATUS]
	assert check_transition("Done", "Open", COMPLETE) == [Problem.UNKNOWN_STATUS]
	assert check_transition(None, "", COMPLETE) == [Problem.UNKNOWN_STATUS]


def test_stamps():
	assert stamps_for("In Progress", "Resolved") == Stamps(resolved_on=True, closed_on=False)
	assert stamps_for("Resolved", "Closed") == Stamps(closed_on=True)
	assert stamps_for("Closed", "In Progress") == Stamps(resolved_on=False, closed_on=False)
	assert stamps_for("Resolved", "Resolved") == Stamps()
	assert stamps_for(None, "Closed") == Stamps(resolved_on=True, closed_on=True)
	assert stamps_for("Open", "Invalid") == Stamps()
