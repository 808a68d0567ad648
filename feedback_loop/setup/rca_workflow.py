"""The approval workflow of a Root Cause Analysis, shipped as data and installed as a Frappe Workflow.

Draft → In Analysis → Under Review → Validated / Rejected. Only a Quality Analyst or a Feedback
Manager moves an analysis on; whether its author may also validate it is a Feedback Setting.
"""

import frappe

WORKFLOW = "Root Cause Analysis"
DOCTYPE = "Root Cause Analysis"
ANALYSTS = ("Quality Analyst", "Feedback Manager")

#: state → (style, role that may edit the analysis while it is in this state)
STATES = {
	"Draft": ("", "Quality Analyst"),
	"In Analysis": ("Primary", "Quality Analyst"),
	"Under Review": ("Warning", "Feedback Manager"),
	"Validated": ("Success", "Feedback Manager"),
	"Rejected": ("Danger", "Feedback Manager"),
}
#: (from, action, to)
TRANSITIONS = [
	("Draft", "Start Analysis", "In Analysis"),
	("In Analysis", "Submit for Review", "Under Review"),
	("Under Review", "Validate", "Validated"),
	("Under Review", "Reject", "Rejected"),
	("Under Review", "Send Back", "In Analysis"),
	("Rejected", "Reopen", "In Analysis"),
	("Validated", "Reopen", "In Analysis"),
]
VALIDATE_ACTION = "Validate"

#: Workflow State / Action Master records that Frappe does not ship and we create.
OUR_STATES = ("Draft", "In Analysis", "Under Review", "Validated")
OUR_ACTIONS = ("Start Analysis", "Submit for Review", "Validate", "Send Back", "Reopen")


def add_rca_workflow() -> None:
	for state, (style, _role) in STATES.items():
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for _from, action, _to in TRANSITIONS:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", WORKFLOW):
		return
	self_validation = int(frappe.db.get_single_value("Feedback Settings", "allow_self_validation") or 0)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW,
			"document_type": DOCTYPE,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{"state": state, "doc_status": "0", "allow_edit": role}
				for state, (_s, role) in STATES.items()
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": self_validation if action == VALIDATE_ACTION else 1,
				}
				for state, action, next_state in TRANSITIONS
				for role in ANALYSTS
			],
		}
	).insert(ignore_permissions=True)


def set_self_validation(allowed: bool) -> None:
	"""Feedback Settings decide whether the author of an analysis may validate it."""
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	for transition in workflow.transitions:
		if transition.action == VALIDATE_ACTION:
			transition.allow_self_approval = int(allowed)
	workflow.save(ignore_permissions=True)


def remove_rca_workflow() -> None:
	if frappe.db.exists("Workflow", WORKFLOW):
		frappe.delete_doc("Workflow", WORKFLOW, force=True, ignore_permissions=True, delete_permanently=True)
	for state in OUR_STATES:
		if frappe.db.exists("Workflow State", state) and not _state_in_use(state):
			frappe.delete_doc(
				"Workflow State", state, force=True, ignore_permissions=True, delete_permanently=True
			)
	for action in OUR_ACTIONS:
		if frappe.db.exists("Workflow Action Master", action) and not _action_in_use(action):
			frappe.delete_doc(
				"Workflow Action Master", action, force=True, ignore_permissions=True, delete_permanently=True
			)


def _state_in_use(state: str) -> bool:
	return bool(frappe.db.exists("Workflow Document State", {"state": state, "parent": ("!=", WORKFLOW)}))


def _action_in_use(action: str) -> bool:
	return bool(frappe.db.exists("Workflow Transition", {"action": action, "parent": ("!=", WORKFLOW)}))
