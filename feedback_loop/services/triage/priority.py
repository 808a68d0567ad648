"""The priority of a record: the (editable) impact × urgency matrix, never below an escalation."""

import frappe
from frappe import _

from feedback_loop.core.sla.state import higher_priority
from feedback_loop.core.triage.priority_matrix import matrix_from_rules, priority_for
from feedback_loop.services.feedback_settings import get_feedback_settings


def current_matrix():
	rules = [(r.impact, r.urgency, r.priority) for r in get_feedback_settings().priority_matrix]
	return matrix_from_rules(rules)[0]


def compute_priority(
	impact: str | None, urgency: str | None, safety_or_legal_risk: bool, floor: str | None = None
) -> str:
	matrix_priority = priority_for(
		impact, urgency, safety_or_legal_risk=safety_or_legal_risk, matrix=current_matrix()
	)
	# An escalation that raised the priority is not undone by the next save.
	return higher_priority(matrix_priority.value, floor) if floor else matrix_priority.value


def validate_priority_matrix(settings) -> None:
	rules = [(r.impact, r.urgency, r.priority) for r in settings.priority_matrix]
	if not rules:
		return
	_matrix, repeated, missing = matrix_from_rules(rules)
	messages = [_("Impact {0} with urgency {1} is given more than once.").format(*pair) for pair in repeated]
	messages += [_("Impact {0} with urgency {1} has no priority.").format(*pair) for pair in missing]
	if messages:
		frappe.throw("<br>".join(messages), title=_("Priority matrix incomplete"))
