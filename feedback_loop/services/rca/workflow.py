"""The shipped Root Cause Analysis workflow, kept in step with Feedback Settings."""

import frappe

from feedback_loop.core.rca.lifecycle import VALIDATE_ACTION, WORKFLOW


def set_self_validation(allowed: bool) -> None:
	"""Feedback Settings decide whether the author of an analysis may validate it."""
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	for transition in workflow.transitions:
		if transition.action == VALIDATE_ACTION:
			transition.allow_self_approval = int(allowed)
	workflow.save(ignore_permissions=True)
