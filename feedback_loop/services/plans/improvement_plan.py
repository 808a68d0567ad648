"""Improvement Plan rules on save: targets, actions and their ToDos, approver, state changes.

The workflow moves the plan; this module makes each move mean something: approval stamps who
and when (and starts the baseline clock), completion needs every action done, a verdict needs
verification figures, and a new cycle after Not Effective keeps the old figures in the log.
"""

import frappe
from frappe import _
from frappe.share import add_docshare
from frappe.utils import add_days, flt, format_date, getdate, now_datetime, today

from feedback_loop.core.plans.effect import plan_progress, validate_target
from feedback_loop.core.plans.lifecycle import (
	APPROVED,
	CANCELLED,
	COMPLETED,
	DONE,
	FINISHED_ACTIONS,
	VERDICT_STATES,
	StateProblem,
	starts_new_cycle,
	state_change_problem,
)
from feedback_loop.services.plans.approval import on_approval_move, set_approvers
from feedback_loop.services.plans.workflow import approver_roles


def _target_message(problem: str) -> str:
	return {
		"unknown_target_type": _("Choose what the plan must achieve."),
		"target_value_required": _("Enter the target value."),
		"csat_out_of_range": _("A CSAT target lies between 1 and 5."),
		"percent_out_of_range": _("A percentage target lies between 0 and 100."),
	}[problem]


def validate_plan_approvers(settings) -> None:
	"""An approver role without write permission on plans could never approve one."""
	for role in approver_roles(settings):
		if not frappe.db.exists("Role", role):
			continue
		has_write = frappe.db.exists("DocPerm", {"parent": "Improvement Plan", "role": role, "write": 1}) or (
			frappe.db.exists("Custom DocPerm", {"parent": "Improvement Plan", "role": role, "write": 1})
		)
		if not has_write:
			frappe.throw(
				_(
					"Role {0} may not edit Improvement Plans. Give it write permission in the Role Permissions Manager first."
				).format(frappe.bold(role))
			)


def validate_plan(doc) -> None:
	problem = validate_target(doc.target_type, doc.target_value)
	if problem:
		frappe.throw(_target_message(problem), title=_("Target"))
	if (doc.baseline_days or 0) <= 0 or (doc.measurement_days or 0) <= 0:
		frappe.throw(_("The baseline and measurement windows need at least one day each."))
	fill_from_analysis(doc)
	validate_actions(doc)
	summarise_actions(doc)
	set_approvers(doc, frappe.get_cached_doc("Feedback Settings"))
	apply_state_change(doc)


def fill_from_analysis(doc) -> None:
	if not doc.source_analysis:
		return
	analysis = frappe.get_doc("Root Cause Analysis", doc.source_analysis)
	doc.category = doc.category or analysis.category
	doc.item = doc.item or analysis.item
	if not doc.feedback_records:
		for row in analysis.feedback_records:
			doc.append("feedback_records", {"feedback_record": row.feedback_record})
	doc.title = doc.title or analysis.title


def validate_actions(doc) -> None:
	before = {row.name: row for row in (doc.get_doc_before_save() or frappe._dict(actions=[])).actions}
	currency = frappe.get_cached_value(
		"Company", frappe.defaults.get_global_default("company"), "default_currency"
	)
	doc.currency = doc.currency or currency
	for row in doc.actions:
		row.currency = doc.currency
		if flt(row.budget) < 0:
			frappe.throw(_("Row {0}: the budget cannot be negative.").format(row.idx))
		row.progress = min(max(flt(row.progress), 0), 100)
		if row.action_status == DONE:
			row.progress = 100
			row.completed_on = row.completed_on or today()
		else:
			row.completed_on = None
		old = before.get(row.name)
		if old and getdate(old.due_date) != getdate(row.due_date):
			# A new due date may become overdue again: alert once more then.
			row.overdue_alert_sent_on = None
		due_changed = not old or getdate(old.due_date) != getdate(row.due_date)
		if (
			due_changed
			and row.action_status not in FINISHED_ACTIONS
			and getdate(row.due_date) < getdate(today())
		):
			# Saved all the same (a plan may record what is already late), but never by a slip unseen.
			frappe.msgprint(
				_("Row {0}: the due date {1} has already passed; the action shows as overdue.").format(
					row.idx, format_date(row.due_date)
				),
				indicator="orange",
				alert=True,
			)


def summarise_actions(doc) -> None:
	doc.progress = plan_progress([(row.action_status, row.progress) for row in doc.actions])
	doc.total_budget = sum(flt(row.budget) for row in doc.actions if row.action_status != CANCELLED)
	open_due = [getdate(row.due_date) for row in doc.actions if row.action_status not in FINISHED_ACTIONS]
	doc.expected_completion = max(open_due) if open_due else None


def apply_state_change(doc) -> None:
	before = doc.get_doc_before_save()
	old_state = before.workflow_state if before else None
	new_state = doc.workflow_state
	if old_state == new_state:
		return
	unfinished = [row.idx for row in doc.actions if row.action_status not in FINISHED_ACTIONS]
	problem = state_change_problem(
		old_state,
		new_state,
		has_actions=bool(doc.actions),
		unfinished_actions=bool(unfinished),
		verdict_recorded=bool(doc.verified_on and doc.verification_result == new_state),
	)
	if problem:
		frappe.throw(_state_message(problem, unfinished))
	on_approval_move(doc, old_state, new_state)
	if new_state == APPROVED:
		doc.approved_by = frappe.session.user
		doc.approved_on = now_datetime()
		# The baseline window ends where the plan's work begins.
		doc.started_on = today()
	if new_state == COMPLETED:
		doc.completed_on = today()
		doc.verification_due = add_days(doc.completed_on, doc.measurement_days)
	if starts_new_cycle(old_state, new_state):
		start_new_cycle(doc)


def _state_message(problem: StateProblem, unfinished_rows: list[int]) -> str:
	match problem:
		case StateProblem.NO_ACTIONS:
			return _("Add at least one action before asking for approval.")
		case StateProblem.UNFINISHED_ACTIONS:
			return _("Actions in rows {0} are not done or cancelled yet.").format(
				", ".join(map(str, unfinished_rows))
			)
		case StateProblem.VERDICT_BY_HAND:
			return _(
				"A plan is closed by its verification result only, once the measurement window has passed."
			)


def start_new_cycle(doc) -> None:
	doc.append(
		"progress_log",
		{
			"logged_on": today(),
			"note": _("Cycle {0} not effective: {1}").format(doc.cycle, doc.verification_note or ""),
			"logged_by": frappe.session.user,
		},
	)
	doc.cycle = (doc.cycle or 1) + 1
	for field in (
		"verification_result",
		"verified_on",
		"verification_note",
		"change_percent",
		"baseline_count",
		"baseline_rate",
		"after_count",
		"after_rate",
		"after_csat",
		"after_breach_rate",
		"completed_on",
		"verification_due",
	):
		doc.set(field, None)


def sync_action_todos(doc) -> None:
	"""One open ToDo per unfinished action for its owner; finished or reassigned actions close theirs."""
	for row in doc.actions:
		todo = (
			frappe.db.get_value("ToDo", row.todo, ["name", "allocated_to", "status"], as_dict=True)
			if row.todo
			else None
		)
		wanted = row.action_status not in FINISHED_ACTIONS and doc.workflow_state not in VERDICT_STATES
		if todo and todo.status == "Open" and (not wanted or todo.allocated_to != row.owner_user):
			frappe.db.set_value(
				"ToDo", todo.name, "status", "Closed" if row.action_status == DONE else "Cancelled"
			)
			todo = None
		elif todo and todo.status != "Open":
			todo = None
		if wanted and not todo:
			new = frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": row.owner_user,
					"reference_type": doc.doctype,
					"reference_name": doc.name,
					"description": _("Improvement action for {0}: {1}").format(doc.title, row.measure),
					"date": row.due_date,
					"priority": "Medium",
					"assigned_by": frappe.session.user,
				}
			).insert(ignore_permissions=True)
			row.db_set("todo", new.name, update_modified=False)
			share_with_owner(doc, row.owner_user)


def share_with_owner(doc, user: str) -> None:
	"""An owner whose roles do not read plans (a warehouse user, say) gets this plan shared, as
	Frappe shares a document it assigns: their ToDo opens it, and My Actions reports on it."""
	if not user or frappe.has_permission(doc.doctype, "read", doc, user=user):
		return
	add_docshare(doc.doctype, doc.name, user, read=1, flags={"ignore_share_permission": True}, notify=0)
