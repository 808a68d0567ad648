"""Install and remove the Frappe Workflows the app ships, described as data.

Workflow State and Workflow Action Master records are shared by every workflow on a site; the
app creates the ones Frappe does not ship and, on uninstall, removes only those no other
workflow uses.
"""

from dataclasses import dataclass, field

import frappe


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	allowed: str
	condition: str | None = None
	allow_self_approval: int = 1


@dataclass(frozen=True)
class WorkflowSpec:
	name: str
	doctype: str
	#: state → (style, the role that may edit the document while it is in this state)
	states: dict[str, tuple[str, str]]
	transitions: list[Transition] = field(default_factory=list)
	state_field: str = "workflow_state"

	@property
	def actions(self) -> tuple[str, ...]:
		return tuple(dict.fromkeys(t.action for t in self.transitions))


#: Records Frappe ships itself (its own fixtures), which the app must never delete.
FRAPPE_STATES = frozenset({"Pending", "Approved", "Rejected"})
FRAPPE_ACTIONS = frozenset({"Approve", "Reject", "Review"})


def our_states(spec: WorkflowSpec) -> tuple[str, ...]:
	return tuple(s for s in spec.states if s not in FRAPPE_STATES)


def our_actions(spec: WorkflowSpec) -> tuple[str, ...]:
	return tuple(a for a in spec.actions if a not in FRAPPE_ACTIONS)


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
			"transitions": [transition_row(t) for t in spec.transitions],
		}
	).insert(ignore_permissions=True)


def transition_row(t: Transition) -> dict:
	return {
		"state": t.state,
		"action": t.action,
		"next_state": t.next_state,
		"allowed": t.allowed,
		"condition": t.condition,
		"allow_self_approval": t.allow_self_approval,
	}


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
