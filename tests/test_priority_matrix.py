import itertools

import pytest

from feedback_loop.core.triage.priority_matrix import IMPACTS, PRIORITIES, URGENCIES, Priority, priority_for

EXPECTED = {
	("One Customer", "Low"): "Low",
	("One Customer", "Medium"): "Low",
	("One Customer", "High"): "Medium",
	("One Customer", "Critical"): "High",
	("Several Customers", "Low"): "Low",
	("Several Customers", "Medium"): "Medium",
	("Several Customers", "High"): "High",
	("Several Customers", "Critical"): "Urgent",
	("Many Customers", "Low"): "Medium",
	("Many Customers", "Medium"): "High",
	("Many Customers", "High"): "Urgent",
	("Many Customers", "Critical"): "Urgent",
	("Core Function Down", "Low"): "High",
	("Core Function Down", "Medium"): "Urgent",
	("Core Function Down", "High"): "Urgent",
	("Core Function Down", "Critical"): "Urgent",
}


@pytest.mark.parametrize(("impact", "urgency"), list(itertools.product(IMPACTS, URGENCIES)))
def test_every_cell(impact, urgency):
	assert priority_for(impact, urgency).value == EXPECTED[(impact, urgency)]


@pytest.mark.parametrize(("impact", "urgency"), list(itertools.product([*IMPACTS, None], [*URGENCIES, None])))
def test_safety_or_legal_risk_is_always_urgent(impact, urgency):
	assert priority_for(impact, urgency, safety_or_legal_risk=True) is Priority.URGENT


def test_more_impact_or_urgency_never_lowers_priority():
	rank = {p: i for i, p in enumerate(reversed(PRIORITIES))}
	for i, impact in enumerate(IMPACTS):
		for j, urgency in enumerate(URGENCIES):
			here = rank[priority_for(impact, urgency).value]
			if i + 1 < len(IMPACTS):
				assert rank[priority_for(IMPACTS[i + 1], urgency).value] >= here
			if j + 1 < len(URGENCIES):
				assert rank[priority_for(impact, URGENCIES[j + 1]).value] >= here


def test_defaults_for_missing_values():
	assert priority_for(None, None) is Priority.LOW
	assert priority_for("Many Customers", "") is Priority.HIGH


def test_unknown_values_raise():
	with pytest.raises(ValueError):
		priority_for("Everyone", "Low")
	with pytest.raises(ValueError):
		priority_for("One Customer", "Whenever")


def test_an_edited_matrix_changes_only_its_cells():
	from feedback_loop.core.triage.priority_matrix import default_rules, matrix_from_rules

	rules = [
		r if r[:2] != ("One Customer", "Low") else ("One Customer", "Low", "High") for r in default_rules()
	]
	matrix, repeated, missing = matrix_from_rules(rules)
	assert (repeated, missing) == ([], [])
	assert priority_for("One Customer", "Low", matrix=matrix) is Priority.HIGH
	assert priority_for("Many Customers", "Low", matrix=matrix) is Priority.MEDIUM
	assert priority_for("One Customer", "Low", safety_or_legal_risk=True, matrix=matrix) is Priority.URGENT


def test_repeated_and_missing_cells_are_reported():
	from feedback_loop.core.triage.priority_matrix import matrix_from_rules

	_, repeated, missing = matrix_from_rules(
		[("One Customer", "Low", "Low"), ("One Customer", "Low", "High")]
	)
	assert repeated == [("One Customer", "Low")]
	assert len(missing) == 15
