"""The Improvement Plan workflow, shipped as data: approval, work, completion, verification.

Draft → Pending Approval → Approved → In Progress → Completed → Verifying → Verified Effective /
Not Effective, and Rejected. Who approves is a Feedback Setting: a plan whose budget is above
the limit needs the higher role; each Approve/Reject transition carries the condition that the
plan's approver role (set on save from the settings) is that transition's role. The verdict is
set by the verification job only, so those transitions belong to the Administrator role.
"""

import frappe

from feedback_loop.setup.workflows import Transition, WorkflowSpec, install_workflow, transition_row

WORKFLOW = "Improvement Plan"
PLANNERS = ("Quality Analyst", "Feedback Manager")
DEFAULT_APPROVER = "Feedback Manager"
DEFAULT_HIGH_APPROVER = "System Manager"
#: Transitions only the system takes (the verification job runs as Administrator).
SYSTEM_ROLE = "Administrator"

DRAFT = "Draft"
PENDING_APPROVAL = "Pending Approval"
APPROVED = "Approved"
IN_PROGRESS = "In Progress"
COMPLETED = "Completed"
VERIFYING = "Verifying"
VERIFIED_EFFECTIVE = "Verified Effective"
NOT_EFFECTIVE = "Not Effective"
REJECTED = "Rejected"

STATES = {
	DRAFT: ("", "Quality Analyst"),
	PENDING_APPROVAL: ("Warning", "Feedback Manager"),
	APPROVED: ("Primary", "Quality Analyst"),
	IN_PROGRESS: ("Primary", "Quality Analyst"),
	COMPLETED: ("Info", "Quality Analyst"),
	VERIFYING: ("Info", "Feedback Manager"),
	VERIFIED_EFFECTIVE: ("Success", "Feedback Manager"),
	NOT_EFFECTIVE: ("Danger", "Quality Analyst"),
	REJECTED: ("Danger", "Quality Analyst"),
}
APPROVAL_ACTIONS = ("Approve", "Reject", "Send Back")
#: (from, action, to) moved by the planners
PLANNER_STEPS = [
	(DRAFT, "Submit for Approval", PENDING_APPROVAL),
	(REJECTED, "Revise", DRAFT),
	(APPROVED, "Start Work", IN_PROGRESS),
	(IN_PROGRESS, "Complete", COMPLETED),
	(COMPLETED, "Start Verification", VERIFYING),
	(NOT_EFFECTIVE, "Start New Cycle", IN_PROGRESS),
]
APPROVAL_STEPS = [
	(PENDING_APPROVAL, "Approve", APPROVED),
	(PENDING_APPROVAL, "Reject", REJECTED),
	(PENDING_APPROVAL, "Send Back", DRAFT),
]
SYSTEM_STEPS = [
	(VERIFYING, "Mark Effective", VERIFIED_EFFECTIVE),
	(VERIFYING, "Mark Not Effective", NOT_EFFECTIVE),
]


def approver_roles(settings=None) -> tuple[str, str]:
	"""(approver up to the budget limit, approver above it), from Feedback Settings."""
	settings = settings or frappe.get_cached_doc("Feedback Settings")
	return (
		settings.get("plan_approver_role") or DEFAULT_APPROVER,
		settings.get("plan_high_budget_approver_role") or DEFAULT_HIGH_APPROVER,
	)


def approval_transitions(roles: tuple[str, ...]) -> list[Transition]:
	return [
		Transition(state, action, next_state, role, condition=f"doc.approver_role == {role!r}")
		for role in dict.fromkeys(roles)
		for state, action, next_state in APPROVAL_STEPS
	]


def plan_workflow_spec(roles: tuple[str, ...]) -> WorkflowSpec:
	return WorkflowSpec(
		name=WORKFLOW,
		doctype="Improvement Plan",
		states=STATES,
		transitions=[
			*(Transition(s, a, n, role) for s, a, n in PLANNER_STEPS for role in PLANNERS),
			*approval_transitions(roles),
			*(Transition(s, a, n, SYSTEM_ROLE) for s, a, n in SYSTEM_STEPS),
		],
	)


def add_plan_workflow() -> None:
	install_workflow(plan_workflow_spec(approver_roles()))


def sync_approvers(roles: tuple[str, ...]) -> None:
	"""Rewrite the approval transitions for the roles Feedback Settings name now."""
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	kept = [
		t for t in workflow.transitions if not (t.state == PENDING_APPROVAL and t.action in APPROVAL_ACTIONS)
	]
	workflow.set("transitions", [])
	for row in kept:
		workflow.append(
			"transitions", {f: row.get(f) for f in transition_row(Transition("", "", "", "")).keys()}
		)
	for transition in approval_transitions(roles):
		workflow.append("transitions", transition_row(transition))
	workflow.save(ignore_permissions=True)
