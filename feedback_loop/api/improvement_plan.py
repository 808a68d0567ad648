"""Whitelisted Improvement Plan endpoints for the desk: My Actions and the next step's note."""

import frappe

from feedback_loop.integrations.frappe.desk_users import desk_users_only
from feedback_loop.services.next_step import next_step_note
from feedback_loop.services.plans.actions import update_action as report_on_action

PLAN = "Improvement Plan"


@frappe.whitelist(methods=["POST"])
def update_action(
	plan: str,
	action: str,
	status: str | None = None,
	progress: float | None = None,
	note: str | None = None,
) -> dict:
	"""The owner of one of the plan's actions (or someone who may edit the plan) reports on it:
	status, progress, a note in the plan's log. Returns the plan's progress."""
	# An action may belong to anyone who works in the desk, whatever their role.
	desk_users_only()
	doc = report_on_action(plan, action, status=status, progress=progress, note=note)
	return {"progress": doc.progress, "modified": doc.modified}


@frappe.whitelist()
def next_step(name: str) -> str | None:
	"""Who takes the plan's next step, for a reader who may not (and My Actions for an owner)."""
	frappe.has_permission(PLAN, "read", throw=True)
	doc = frappe.get_doc(PLAN, name)
	frappe.has_permission(PLAN, "read", doc, throw=True)
	return next_step_note(doc)
