"""The scheduled SLA sweep: SLA states stay true in the database without anyone saving.

State changes are a handful of set-based UPDATEs guarded by the current state, so running the
sweep twice, or in two workers at once, changes nothing the second time. Escalations are claimed
row by row with SELECT … FOR UPDATE SKIP LOCKED and advance the record's level in the same
transaction, so each level fires exactly once.
"""

import json

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.desk.form import assign_to
from frappe.utils import get_datetime, now_datetime
from frappe.utils.user import get_users_with_role

from feedback_loop.core.sla.clock import EscalationLevel, due_escalations
from feedback_loop.core.sla.state import RUNNING, EscalationAction, raised_priority
from feedback_loop.services.sla.clocks import read_clocks
from feedback_loop.services.sla.policy import clock_policy
from feedback_loop.services.sla.system_time import to_aware, to_system
from feedback_loop.services.triage.routing import reassign_by_rule

ESCALATION_BATCH = 500
#: core.sla.state.sla_status, set-based: only these states change by themselves as time passes.
RUNNING_STATES = tuple(sorted(state.value for state in RUNNING))


def sweep(now=None) -> dict:
	"""Bring every running SLA clock up to ``now`` and fire the escalations that fell due."""
	now = get_datetime(now or now_datetime())
	changed = update_states(now)
	_commit()
	fired = fire_due_escalations(now)
	return {**changed, "escalations": fired}


def update_states(now) -> dict:
	fr = frappe.qb.DocType("Feedback Record")
	counts = {}
	for clock, due, warning in (
		("response", fr.first_response_due, fr.response_warning_at),
		("resolution", fr.resolution_due, fr.resolution_warning_at),
	):
		status = fr[f"{clock}_sla_status"]
		breach = frappe.qb.update(fr).set(status, "Breached")
		if clock == "resolution":
			# `_assign` holds the assignees at this very moment: kept for the breach report.
			breach = breach.set(fr.assigned_at_breach, fr._assign)
		breach.where(status.isin(RUNNING_STATES) & (due <= now)).run()
		counts[f"{clock}_breached"] = frappe.db._cursor.rowcount
		(frappe.qb.update(fr).set(status, "At Risk").where((status == "On Track") & (warning <= now)).run())
		counts[f"{clock}_at_risk"] = frappe.db._cursor.rowcount
	return counts


def fire_due_escalations(now) -> int:
	fired = 0
	while True:
		fr = frappe.qb.DocType("Feedback Record")
		names = (
			frappe.qb.from_(fr)
			.select(fr.name)
			.where(fr.next_escalation_at <= now)
			.orderby(fr.next_escalation_at)
			.limit(ESCALATION_BATCH)
			.for_update(skip_locked=True)
		).run(pluck=True)
		if not names:
			return fired
		for name in names:
			fired += escalate(name, now)
		_commit()  # releases the claimed rows batch by batch
		if len(names) < ESCALATION_BATCH:
			return fired


def escalate(name: str, now) -> int:
	"""Fire every escalation level of the record that is due by ``now``; return how many fired."""
	doc = frappe.get_doc("Feedback Record", name)
	if not doc.sla_policy:
		return 0
	policy = clock_policy(doc.sla_policy)
	due = due_escalations(
		read_clocks(doc),
		policy,
		doc.resolution_sla_status,
		doc.escalation_level or 0,
		to_aware(doc.next_escalation_at),
		to_aware(now),
	)
	for number, level in due.fire:
		run_escalation_action(doc, level, number)
	doc.escalation_level = due.level
	doc.next_escalation_at = to_system(due.next_at)
	doc.db_set(
		{
			"escalation_level": doc.escalation_level,
			"next_escalation_at": doc.next_escalation_at,
			"priority": doc.priority,
			"priority_floor": doc.priority_floor,
		},
		update_modified=False,
	)
	return len(due.fire)


def run_escalation_action(doc, row: EscalationLevel, level: int) -> None:
	subject = _("Feedback {0} escalated (level {1}): {2}").format(doc.name, level, _(row.trigger))
	assignees = json.loads(doc.get("_assign") or "[]")
	match row.action:
		case EscalationAction.NOTIFY_ASSIGNEE.value:
			# Nobody assigned: the people who configure feedback must hear of it instead.
			notify(doc, assignees or _users_with_role("Feedback Manager"), subject)
		case EscalationAction.NOTIFY_ROLE.value:
			notify(doc, _users_with_role(row.role), subject)
		case EscalationAction.REASSIGN.value if not row.reassign_to:
			# Through the same Assignment Rule that routed it: the department's next agent.
			if not reassign_by_rule(doc, subject):
				notify(doc, _users_with_role("Feedback Manager"), subject)
		case EscalationAction.REASSIGN.value:
			for user in assignees:
				if user != row.reassign_to:
					assign_to.remove(doc.doctype, doc.name, user, ignore_permissions=True)
			if row.reassign_to not in assignees:
				assign_to.add(
					{
						"assign_to": [row.reassign_to],
						"doctype": doc.doctype,
						"name": doc.name,
						"description": subject,
					},
					ignore_permissions=True,
				)
		case EscalationAction.RAISE_PRIORITY.value:
			doc.priority = doc.priority_floor = raised_priority(doc.priority)
	doc.add_comment("Info", subject + f" — {_(row.action)}")


def notify(doc, users: list[str], subject: str) -> None:
	if users:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
				"from_user": "Administrator",
			},
		)


def _users_with_role(role: str | None) -> list[str]:
	return get_users_with_role(role) if role else []


def _commit() -> None:
	# A scheduled job owns its transaction; a test's transaction belongs to the test.
	if not frappe.flags.in_test:
		frappe.db.commit()  # nosemgrep
