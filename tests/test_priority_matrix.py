import itertools

import pytest

from feedback_loop.core.priority_matrix import IMPACTS, PRIORITIES, URGENCIES, Priority, priority_for

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
