"""Keep owners on track: a daily alert for each action that became overdue, a weekly digest.

Each alert is sent once per action (again only if its due date moves); the digest once per ISO
week, whatever number of times the scheduler calls it.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import add_days, escape_html, format_date, getdate, today

from feedback_loop.core.plans.lifecycle import ACTIVE_PLAN_STATES, FINISHED_ACTIONS


def open_actions(due_before) -> list:
	plan = frappe.qb.DocType("Improvement Plan")
	action = frappe.qb.DocType("Improvement Plan Action")
	return (
		frappe.qb.from_(action)
		.join(plan)
		.on(action.parent == plan.name)
		.select(
			action.name,
			action.measure,
			action.owner_user,
			action.due_date,
			action.overdue_alert_sent_on,
			plan.name.as_("plan"),
			plan.title,
			plan.approved_by,
		)
		.where(
			(action.parenttype == "Improvement Plan")
			& plan.workflow_state.isin(ACTIVE_PLAN_STATES)
			& action.action_status.notin(FINISHED_ACTIONS)
			& (action.due_date < due_before)
		)
		.orderby(action.due_date)
		.run(as_dict=True)
	)


def send_overdue_alerts() -> int:
	rows = [r for r in open_actions(getdate(today())) if not r.overdue_alert_sent_on]
	# A disabled user (someone who left) cannot act on it: their plan's approver still reads it
	# in the weekly digest.
	enabled = _enabled_users({r.owner_user for r in rows})
	rows = [r for r in rows if r.owner_user in enabled]
	for row in rows:
		with print_language(_user_language(row.owner_user)):
			subject = _("Improvement action overdue: {0}").format(row.title)
			message = _("The action {0} of plan {1} was due on {2} and is not done yet.").format(
				f"<b>{escape_html(row.measure)}</b>", _plan_link(row), format_date(row.due_date)
			)
		frappe.sendmail(
			recipients=[row.owner_user],
			subject=subject,
			message=message,
			reference_doctype="Improvement Plan",
			reference_name=row.plan,
		)
		frappe.db.set_value(
			"Improvement Plan Action", row.name, "overdue_alert_sent_on", today(), update_modified=False
		)
	return len(rows)


def send_weekly_digest() -> int:
	"""Overdue and due-this-week actions, to each owner (theirs) and each approver (their plans')."""
	week = "{}-W{:02d}".format(*getdate(today()).isocalendar()[:2])
	if frappe.db.get_single_value("Feedback Settings", "plan_digest_week") == week:
		return 0
	rows = open_actions(add_days(today(), 8))
	by_recipient: dict[str, list] = defaultdict(list)
	for row in rows:
		by_recipient[row.owner_user].append(row)
		if row.approved_by and row.approved_by != row.owner_user:
			by_recipient[row.approved_by].append(row)
	enabled = _enabled_users(set(by_recipient))
	for recipient, items in by_recipient.items():
		if recipient not in enabled:
			continue
		with print_language(_user_language(recipient)):
			subject = _("Improvement actions: {0} overdue, {1} due this week").format(
				sum(1 for r in items if getdate(r.due_date) < getdate(today())),
				sum(1 for r in items if getdate(r.due_date) >= getdate(today())),
			)
			lines = "".join(
				f"<li>{format_date(r.due_date)} · {_plan_link(r)} · {escape_html(r.measure)} · {escape_html(r.owner_user)}</li>"
				for r in items
			)
		frappe.sendmail(recipients=[recipient], subject=subject, message=f"<ul>{lines}</ul>")
	frappe.db.set_single_value("Feedback Settings", "plan_digest_week", week)
	return len(set(by_recipient) & enabled)


def _enabled_users(users: set[str]) -> set[str]:
	if not users:
		return set()
	return set(frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, pluck="name"))


def _plan_link(row) -> str:
	return (
		f'<a href="{frappe.utils.get_url_to_form("Improvement Plan", row.plan)}">{escape_html(row.title)}</a>'
	)


def _user_language(user: str) -> str:
	return frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"
