"""An action's owner reports on it: progress, done, a note; and closing its ToDo marks it done.

Whoever owns an action does the work, whatever their role: a Feedback Agent, a Feedback Manager
or a warehouse user may not edit the plan (its workflow leaves an approved plan to the Quality
Analyst), yet must be able to say that their part is done. The rules are
`core/plans/lifecycle.py::action_update_problem`; the plan is saved as a whole, so its progress,
expected completion and ToDos follow (improvement_plan.py).

Wired: api/improvement_plan.py (the plan form's My Actions), integrations/frappe/todo.py.
"""

import frappe
from frappe import _
from frappe.utils import flt, today

from feedback_loop.core.plans.lifecycle import (
	DONE,
	FINISHED_ACTIONS,
	ActionProblem,
	action_update_problem,
	reported_status,
)

PLAN = "Improvement Plan"


def _problem_message(problem: ActionProblem) -> str:
	return {
		ActionProblem.NOT_YOURS: _(
			"Only the owner of this action, or someone who may edit the plan, reports on it."
		),
		ActionProblem.PLAN_CLOSED: _("The plan's work is over: its actions can no longer change."),
		ActionProblem.CANCEL_BY_PLANNER: _(
			"Only a planner cancels an action: ask the plan's Quality Analyst."
		),
		ActionProblem.UNKNOWN_STATUS: _("Choose Open, In Progress or Done."),
	}[problem]


def may_edit_plan(plan, user: str | None = None) -> bool:
	return bool(frappe.has_permission(PLAN, "write", plan, user=user))


def update_action(
	plan_name: str,
	action_name: str,
	status: str | None = None,
	progress: float | None = None,
	note: str | None = None,
):
	"""Report on one action of a plan as the session user; returns the saved plan."""
	plan = frappe.get_doc(PLAN, plan_name)
	row = next((r for r in plan.actions if r.name == action_name), None)
	if row is None:
		frappe.throw(_("Plan {0} has no such action.").format(plan_name), frappe.DoesNotExistError)
	user = frappe.session.user
	problem = action_update_problem(
		plan.workflow_state,
		is_owner=row.owner_user == user,
		may_edit_plan=may_edit_plan(plan, user),
		status=status or None,
	)
	if problem:
		frappe.throw(
			_problem_message(problem),
			frappe.ValidationError if problem == ActionProblem.UNKNOWN_STATUS else frappe.PermissionError,
		)
	if progress is not None and progress != "":
		row.progress = min(max(flt(progress), 0), 100)
	row.action_status = reported_status(row.action_status, status or None, flt(row.progress))
	if note and note.strip():
		plan.append(
			"progress_log",
			{"logged_on": today(), "note": f"{row.measure}: {note.strip()}", "logged_by": user},
		)
	# The owner may not edit the plan itself; what they may change was checked above.
	plan.flags.ignore_permissions = True
	plan.save()
	return plan


def done_by_todo(todo) -> None:
	"""A ToDo of an action closed (its owner ticked it off): the action is done, unless the plan's
	work is already over or the action finished another way."""
	if todo.reference_type != PLAN or not todo.reference_name or todo.status != "Closed":
		return
	if not todo.has_value_changed("status"):
		return
	action = frappe.db.get_value(
		"Improvement Plan Action",
		{"parent": todo.reference_name, "parenttype": PLAN, "todo": todo.name},
		["name", "action_status"],
		as_dict=True,
	)
	if not action or action.action_status in FINISHED_ACTIONS:
		return
	plan = frappe.get_doc(PLAN, todo.reference_name)
	# Closing the ToDo was the check (ToDo rights: the person it is allocated to or who assigned it).
	if action_update_problem(plan.workflow_state, is_owner=True, may_edit_plan=False, status=DONE):
		return
	plan.get("actions", {"name": action.name})[0].action_status = DONE
	plan.flags.ignore_permissions = True
	plan.save()
