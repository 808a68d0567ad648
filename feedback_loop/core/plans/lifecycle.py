"""Lifecycle of an Improvement Plan: its workflow as data, who approves, and what each move needs.

Draft → Pending Approval → (Pending Senior Approval →) Approved → In Progress → Completed →
Verifying → Verified Effective / Not Effective, and Rejected. Two levels approve, as the seeds
ask: first the head of the plan's department (Department → Department Head), or, where the
department names none, the approver role of Feedback Settings; then a senior leader (a role of
Feedback Settings), always or only above the budget limit, as the settings say. A head is a
person, not a role: the head's transitions are open to every role ("All") under the condition
that the reader is the plan's head. The verdict is set by the verification job only, so those
transitions belong to the Administrator role.
"""

from enum import Enum

from feedback_loop.core.workflow import Transition, WorkflowSpec

WORKFLOW = "Improvement Plan"
PLANNERS = ("Quality Analyst", "Feedback Manager")
DEFAULT_APPROVER = "Feedback Manager"
DEFAULT_HIGH_APPROVER = "System Manager"
#: Frappe's role every user holds: the head's steps are open to it, under the condition below.
EVERY_USER = "All"
HEAD_CONDITION = "doc.department_head == frappe.session.user"
#: Transitions only the system takes (the verification job runs as Administrator).
SYSTEM_ROLE = "Administrator"

DRAFT = "Draft"
PENDING_APPROVAL = "Pending Approval"
PENDING_SENIOR_APPROVAL = "Pending Senior Approval"
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
	PENDING_SENIOR_APPROVAL: ("Warning", "Feedback Manager"),
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
#: The second level's steps; the first level's Approve leads to it or, when the plan needs no
#: senior approval, straight to Approved.
SENIOR_STEPS = [
	(PENDING_SENIOR_APPROVAL, "Approve", APPROVED),
	(PENDING_SENIOR_APPROVAL, "Reject", REJECTED),
	(PENDING_SENIOR_APPROVAL, "Send Back", DRAFT),
]


class SeniorApproval(str, Enum):
	"""When a plan needs the senior leader's approval after its department head's."""

	ALWAYS = "Always"
	ABOVE_BUDGET_LIMIT = "Above Budget Limit"
	NEVER = "Never"


SYSTEM_STEPS = [
	(VERIFYING, "Mark Effective", VERIFIED_EFFECTIVE),
	(VERIFYING, "Mark Not Effective", NOT_EFFECTIVE),
]

#: Plans being worked on: their actions' owners get alerts and digests.
ACTIVE_PLAN_STATES = (APPROVED, IN_PROGRESS)
#: States only the verification result may set.
VERDICT_STATES = (VERIFIED_EFFECTIVE, NOT_EFFECTIVE)
#: Plans whose measurement window the verification job watches.
AWAITING_VERIFICATION = (COMPLETED, VERIFYING)

#: Statuses of an action that need nothing more from its owner.
DONE = "Done"
CANCELLED = "Cancelled"
FINISHED_ACTIONS = (DONE, CANCELLED)


def approval_transitions(roles: tuple[str, str]) -> list[Transition]:
	"""Both levels' Approve, Reject and Send Back. `roles`: (the first level's role where the
	department names no head, the senior leader's role)."""
	first_role, senior_role = roles
	deciders = [
		(EVERY_USER, HEAD_CONDITION),
		(first_role, f"not doc.department_head and doc.approver_role == {first_role!r}"),
	]
	first = []
	for allowed, who in deciders:
		first += [
			Transition(
				PENDING_APPROVAL,
				"Approve",
				PENDING_SENIOR_APPROVAL,
				allowed,
				f"{who} and doc.needs_senior_approval",
			),
			Transition(
				PENDING_APPROVAL, "Approve", APPROVED, allowed, f"{who} and not doc.needs_senior_approval"
			),
			Transition(PENDING_APPROVAL, "Reject", REJECTED, allowed, who),
			Transition(PENDING_APPROVAL, "Send Back", DRAFT, allowed, who),
		]
	return first + [Transition(s, a, n, senior_role) for s, a, n in SENIOR_STEPS]


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


def is_approval_transition(state: str, action: str) -> bool:
	"""A transition `approval_transitions` writes (and rewrites when the approver roles change)."""
	return state in (PENDING_APPROVAL, PENDING_SENIOR_APPROVAL) and action in APPROVAL_ACTIONS


def needs_senior_approval(when: str | None, total_budget: float, budget_limit: float) -> bool:
	"""Whether the senior leader approves after the first level. Above the limit: only a plan whose
	budget exceeds a limit that is set (0 is no limit)."""
	match SeniorApproval(when or SeniorApproval.ALWAYS.value):
		case SeniorApproval.ALWAYS:
			return True
		case SeniorApproval.NEVER:
			return False
		case SeniorApproval.ABOVE_BUDGET_LIMIT:
			return bool(budget_limit) and total_budget > budget_limit


class StateProblem(str, Enum):
	NO_ACTIONS = "no_actions"
	UNFINISHED_ACTIONS = "unfinished_actions"
	VERDICT_BY_HAND = "verdict_by_hand"


def state_change_problem(
	old: str | None,
	new: str,
	*,
	has_actions: bool,
	unfinished_actions: bool,
	verdict_recorded: bool,
) -> StateProblem | None:
	"""Guarantees: nobody asks for approval of a plan without actions, completes one with an
	action neither done nor cancelled, or sets a verdict that the verification did not record."""
	if old == new:
		return None
	if new == PENDING_APPROVAL and not has_actions:
		return StateProblem.NO_ACTIONS
	if new == COMPLETED and unfinished_actions:
		return StateProblem.UNFINISHED_ACTIONS
	if new in VERDICT_STATES and not verdict_recorded:
		return StateProblem.VERDICT_BY_HAND
	return None


def starts_new_cycle(old: str | None, new: str) -> bool:
	"""Work again after Not Effective: the plan's figures start afresh, the old ones go to its log."""
	return old == NOT_EFFECTIVE and new == IN_PROGRESS


#: An action's statuses in the order they are offered; its owner sets any but Cancelled.
OPEN_ACTION = "Open"
ACTION_IN_PROGRESS = "In Progress"
ACTION_STATUSES = (OPEN_ACTION, ACTION_IN_PROGRESS, DONE, CANCELLED)
OWNER_STATUSES = (OPEN_ACTION, ACTION_IN_PROGRESS, DONE)
#: States in which a plan's work is over: its actions are finished and stay as they were.
ACTIONS_CLOSED_STATES = (COMPLETED, VERIFYING, *VERDICT_STATES)


class ActionProblem(str, Enum):
	NOT_YOURS = "not_yours"
	PLAN_CLOSED = "plan_closed"
	CANCEL_BY_PLANNER = "cancel_by_planner"
	UNKNOWN_STATUS = "unknown_status"


def action_update_problem(
	plan_state: str | None, *, is_owner: bool, may_edit_plan: bool, status: str | None
) -> ActionProblem | None:
	"""Who may report on an action, and when.

	Guarantees: the action's owner, whatever their role, or someone who may edit plans; never once
	the plan's work is over (completed, being verified, judged); the owner may set Open, In
	Progress or Done, and only a planner cancels an action (it changes the plan, not the work)."""
	if not (is_owner or may_edit_plan):
		return ActionProblem.NOT_YOURS
	if plan_state in ACTIONS_CLOSED_STATES:
		return ActionProblem.PLAN_CLOSED
	if status is not None and status not in ACTION_STATUSES:
		return ActionProblem.UNKNOWN_STATUS
	if status == CANCELLED and not may_edit_plan:
		return ActionProblem.CANCEL_BY_PLANNER
	return None


def reported_status(current: str, status: str | None, progress: float | None) -> str:
	"""The action's status after a report: the one given, else In Progress once an open action
	has some progress, else unchanged."""
	if status:
		return status
	if current == OPEN_ACTION and progress and progress > 0:
		return ACTION_IN_PROGRESS
	return current
