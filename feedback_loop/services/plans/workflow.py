"""The shipped Improvement Plan workflow, kept in step with the approver roles of Feedback Settings."""

import frappe

from feedback_loop.core.plans.lifecycle import (
	DEFAULT_APPROVER,
	DEFAULT_HIGH_APPROVER,
	WORKFLOW,
	approval_transitions,
	is_approval_transition,
)
from feedback_loop.core.workflow import TRANSITION_FIELDS


def approver_roles(settings=None) -> tuple[str, str]:
	"""(approver up to the budget limit, approver above it), from Feedback Settings."""
	settings = settings or frappe.get_cached_doc("Feedback Settings")
	return (
		settings.get("plan_approver_role") or DEFAULT_APPROVER,
		settings.get("plan_high_budget_approver_role") or DEFAULT_HIGH_APPROVER,
	)


def sync_approvers(roles: tuple[str, ...]) -> None:
	"""Rewrite the approval transitions for the roles Feedback Settings name now."""
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	kept = [t for t in workflow.transitions if not is_approval_transition(t.state, t.action)]
	workflow.set("transitions", [])
	for row in kept:
		workflow.append("transitions", {name: row.get(name) for name in TRANSITION_FIELDS})
	for transition in approval_transitions(roles):
		workflow.append("transitions", transition.as_row())
	workflow.save(ignore_permissions=True)
