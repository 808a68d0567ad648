"""The approval workflow of a Root Cause Analysis, shipped as data and installed as a Frappe Workflow.

Draft → In Analysis → Under Review → Validated / Rejected. Only a Quality Analyst or a Feedback
Manager moves an analysis on; whether its author may also validate it is a Feedback Setting.
"""

import frappe

from feedback_loop.setup.workflows import Transition, WorkflowSpec, install_workflow

WORKFLOW = "Root Cause Analysis"
ANALYSTS = ("Quality Analyst", "Feedback Manager")
VALIDATE_ACTION = "Validate"

STATES = {
	"Draft": ("", "Quality Analyst"),
	"In Analysis": ("Primary", "Quality Analyst"),
	"Under Review": ("Warning", "Feedback Manager"),
	"Validated": ("Success", "Feedback Manager"),
	"Rejected": ("Danger", "Feedback Manager"),
}
#: (from, action, to)
STEPS = [
	("Draft", "Start Analysis", "In Analysis"),
	("In Analysis", "Submit for Review", "Under Review"),
	("Under Review", "Validate", "Validated"),
	("Under Review", "Reject", "Rejected"),
	("Under Review", "Send Back", "In Analysis"),
	("Rejected", "Reopen", "In Analysis"),
	("Validated", "Reopen", "In Analysis"),
]


def rca_workflow_spec(self_validation: int = 0) -> WorkflowSpec:
	return WorkflowSpec(
		name=WORKFLOW,
		doctype="Root Cause Analysis",
		states=STATES,
		transitions=[
			Transition(
				state,
				action,
				next_state,
				role,
				allow_self_approval=self_validation if action == VALIDATE_ACTION else 1,
			)
			for state, action, next_state in STEPS
			for role in ANALYSTS
		],
	)


def add_rca_workflow() -> None:
	self_validation = int(frappe.db.get_single_value("Feedback Settings", "allow_self_validation") or 0)
	install_workflow(rca_workflow_spec(self_validation))


def set_self_validation(allowed: bool) -> None:
	"""Feedback Settings decide whether the author of an analysis may validate it."""
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	for transition in workflow.transitions:
		if transition.action == VALIDATE_ACTION:
			transition.allow_self_approval = int(allowed)
	workflow.save(ignore_permissions=True)
