"""Routing conditions and who is next: the text Frappe's Assignment Rule evaluates, and the pick."""

from feedback_loop.core.triage.routing import (
	assign_condition,
	candidates,
	close_condition,
	next_user,
	unassign_condition,
)

OPEN = {"status": "Open", "category_group": "Price", "analysis_status": "Analysed", "analysis_attempts": 0}
WAITING_FOR_ANALYSIS = {"analysis_status": "Pending Re-analysis", "analysis_attempts": 0}


def holds(condition: str, record: dict) -> bool:
	# Frappe evaluates the condition with the record's fields as names (frappe.safe_eval).
	return bool(eval(condition, {"__builtins__": {}}, record))


def test_a_department_rule_takes_open_records_of_its_group_only():
	condition = assign_condition("Price")
	assert holds(condition, OPEN)
	assert not holds(condition, {**OPEN, "category_group": "After-sales"})
	assert not holds(condition, {**OPEN, "status": "Resolved"})


def test_the_catch_all_takes_any_open_record_and_gives_way_to_a_routed_group():
	assert holds(assign_condition(None), {**OPEN, "status": "In Progress", "category_group": None})
	give_way = unassign_condition(None, ["Price", "After-sales"])
	assert holds(give_way, OPEN)
	assert not holds(give_way, {**OPEN, "category_group": None})
	assert not holds(give_way, {**OPEN, "category_group": "Other"})


def test_a_department_rule_lets_go_when_the_group_changes_and_closes_when_final():
	assert holds(unassign_condition("Price"), {**OPEN, "category_group": "Other"})
	assert not holds(unassign_condition("Price"), OPEN)
	assert holds(close_condition(), {**OPEN, "status": "Closed"})
	assert not holds(close_condition(), OPEN)


def test_a_group_name_with_quotes_stays_one_literal():
	condition = assign_condition("Kids' Toys")
	assert holds(condition, {**OPEN, "category_group": "Kids' Toys"})


def test_imported_history_is_routed_once_analysed_and_a_failed_analysis_does_not_hold_it_up():
	for condition in (assign_condition(None), assign_condition("Price")):
		assert not holds(condition, {**OPEN, **WAITING_FOR_ANALYSIS})
		assert holds(condition, {**OPEN, **WAITING_FOR_ANALYSIS, "analysis_attempts": 1})
		assert holds(condition, OPEN)


def test_candidates_fall_back_from_department_to_everyone_to_managers():
	assert candidates(["b", "a"], ["a", "b", "c"], ["m"], set()) == ["a", "b"]
	assert candidates(["a"], ["a", "c"], ["m"], {"a"}) == ["c"]
	assert candidates(["a"], ["a"], ["m"], {"a"}) == ["m"]
	assert candidates([], [], [], set()) == ["Administrator"]


def test_next_user_by_round_robin_and_by_load_never_the_current_one():
	users = ["a", "b", "c"]
	assert next_user("Round Robin", users, "a", {}, {"a"}) == "b"
	assert next_user("Round Robin", users, "c", {}, {"a"}) == "b"
	assert next_user("Load Balancing", users, None, {"a": 0, "b": 5, "c": 2}, {"a"}) == "c"
	assert next_user("Round Robin", ["a"], "a", {}, {"a"}) is None
