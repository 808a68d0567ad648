"""Who approves a plan: its department's head first, then a senior leader (core/plans/lifecycle.py).

The head is read from ERPNext: the plan's department (by default the creator's, from their
Employee record) names its head, a user, on the Department form (a field the app adds). A head may hold no role on plans at all, so the plan is shared
with them, with write access, when it is submitted for approval: Frappe then notifies them and
lets them take the workflow step.
"""

import frappe
from frappe.share import add_docshare
from frappe.utils import flt, now_datetime

from feedback_loop.core.plans.lifecycle import (
	APPROVED,
	DRAFT,
	PENDING_APPROVAL,
	PENDING_SENIOR_APPROVAL,
	REJECTED,
	needs_senior_approval,
)
from feedback_loop.services.plans.workflow import approver_roles

#: The custom field on Department naming its head (setup/custom_fields.py).
HEAD_FIELD = "feedback_department_head"
#: Before the first approval, who approves follows the plan; from then on it stays as it was.
UNDECIDED = (None, DRAFT, PENDING_APPROVAL, REJECTED)


def set_approvers(doc, settings) -> None:
	before = doc.get_doc_before_save()
	if before is not None and before.workflow_state not in UNDECIDED:
		return
	doc.department = doc.department or department_of(doc.owner or frappe.session.user)
	doc.department_head = head_of(doc.department)
	doc.approver_role = approver_roles(settings)[0]
	doc.needs_senior_approval = int(
		needs_senior_approval(
			settings.plan_senior_approval, flt(doc.total_budget), flt(settings.plan_budget_limit)
		)
	)


def department_of(user: str) -> str | None:
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "department")


def head_of(department: str | None) -> str | None:
	"""The department's head; None when it names none, or the head's user is disabled."""
	if not department:
		return None
	user = frappe.db.get_value("Department", department, HEAD_FIELD)
	return user if user and frappe.db.get_value("User", user, "enabled") else None


def on_approval_move(doc, old: str | None, new: str) -> None:
	"""Stamp the first level's decision and hand the plan to the head."""
	if new == PENDING_APPROVAL and doc.department_head:
		add_docshare(
			doc.doctype,
			doc.name,
			doc.department_head,
			read=1,
			write=1,
			flags={"ignore_share_permission": True},
			notify=1,
		)
	if old == PENDING_APPROVAL and new in (PENDING_SENIOR_APPROVAL, APPROVED):
		doc.first_approved_by = frappe.session.user
		doc.first_approved_on = now_datetime()
