"""Sites installed with one approval level: the workflow gets the senior level's state and the
two levels' transitions; the site keeps its behaviour (a senior leader only above a budget limit
that is set), which an administrator may change to Always in Feedback Settings."""

import frappe

from feedback_loop.core.plans.lifecycle import PENDING_SENIOR_APPROVAL, STATES, WORKFLOW, SeniorApproval
from feedback_loop.services.plans.workflow import approver_roles, sync_approvers
from feedback_loop.setup.custom_fields import add_custom_fields


def execute():
	add_custom_fields()
	frappe.reload_doc("feedback_loop", "doctype", "feedback_settings")
	frappe.reload_doc("feedback_loop", "doctype", "improvement_plan")
	frappe.db.set_single_value(
		"Feedback Settings", "plan_senior_approval", SeniorApproval.ABOVE_BUDGET_LIMIT.value
	)
	style, role = STATES[PENDING_SENIOR_APPROVAL]
	if not frappe.db.exists("Workflow State", PENDING_SENIOR_APPROVAL):
		frappe.get_doc(
			{"doctype": "Workflow State", "workflow_state_name": PENDING_SENIOR_APPROVAL, "style": style}
		).insert(ignore_permissions=True)
	if frappe.db.exists("Workflow", WORKFLOW):
		workflow = frappe.get_doc("Workflow", WORKFLOW)
		if not any(row.state == PENDING_SENIOR_APPROVAL for row in workflow.states):
			workflow.append(
				"states", {"state": PENDING_SENIOR_APPROVAL, "doc_status": "0", "allow_edit": role}
			)
			workflow.save(ignore_permissions=True)
	frappe.clear_cache(doctype="Feedback Settings")
	sync_approvers(approver_roles(frappe.get_single("Feedback Settings")))
