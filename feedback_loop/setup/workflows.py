"""Install and remove the Frappe Workflows the app ships (described as data in core/plans/lifecycle.py
and core/rca/lifecycle.py).

Workflow State and Workflow Action Master records are shared by every workflow on a site; the
app creates the ones Frappe does not ship and, on uninstall, removes only those no other
workflow uses.
"""

import frappe

from feedback_loop.core.plans.lifecycle import plan_workflow_spec
from feedback_loop.core.rca.lifecycle import rca_workflow_spec
from feedback_loop.core.workflow import WorkflowSpec, our_actions, our_states
from feedback_loop.services.plans.workflow import approver_roles


def add_rca_workflow() -> None:
	self_validation = int(frappe.db.get_single_value("Feedback Settings", "allow_self_validation") or 0)
	install_workflow(rca_workflow_spec(self_validation))


def add_plan_workflow() -> None:
	install_workflow(plan_workflow_spec(approver_roles()))


def install_workflow(spec: WorkflowSpec) -> None:
	"""Create the workflow (and missing states and actions) unless it exists: admins may have edited it."""
	for state, (style, _role) in spec.states.items():
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in spec.actions:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", spec.name):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": spec.name,
			"document_type": spec.doctype,
			"workflow_state_field": spec.state_field,
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{"state": state, "doc_status": "0", "allow_edit": role}
				for state, (_s, role) in spec.states.items()
			],
			"transitions": [t.as_row() for t in spec.transitions],
		}
	).insert(ignore_permissions=True)


def remove_workflows(specs: list[WorkflowSpec]) -> None:
	names = [spec.name for spec in specs]
	for name in names:
		if frappe.db.exists("Workflow", name):
			frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True, delete_permanently=True)
	for spec in specs:
		for state in our_states(spec):
			if frappe.db.exists("Workflow State", state) and not _in_use(
				"Workflow Document State", "state", state
			):
				frappe.delete_doc(
					"Workflow State", state, force=True, ignore_permissions=True, delete_permanently=True
				)
		for action in our_actions(spec):
			if frappe.db.exists("Workflow Action Master", action) and not _in_use(
				"Workflow Transition", "action", action
			):
				frappe.delete_doc(
					"Workflow Action Master",
					action,
					force=True,
					ignore_permissions=True,
					delete_permanently=True,
				)


def _in_use(doctype: str, fieldname: str, value: str) -> bool:
	# Called after our workflows are gone: any row left belongs to someone else's workflow.
	return bool(frappe.db.exists(doctype, {fieldname: value}))
