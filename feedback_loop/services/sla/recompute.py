"""Recompute the SLA moments of open records after a policy or Holiday List changes."""

import frappe
from frappe.utils import now_datetime

from feedback_loop.services.sla.calendar_source import clear_calendar_cache
from feedback_loop.services.sla.clocks import refresh_sla_state, set_due_moments
from feedback_loop.services.sla.policy import clock_policy

OPEN_STATES = ("On Track", "At Risk", "Paused", "Breached")
SLA_FIELDS = (
	"first_response_due",
	"response_warning_at",
	"resolution_due",
	"resolution_warning_at",
	"response_sla_status",
	"resolution_sla_status",
	"next_escalation_at",
	"assigned_at_breach",
)


def enqueue_recompute(policy: str | None = None, holiday_list: str | None = None) -> None:
	clear_calendar_cache()
	key = policy or f"holiday-list:{holiday_list}"
	frappe.enqueue(
		"feedback_loop.services.sla.recompute.recompute_open_records",
		queue="long",
		job_id=f"feedback_loop:sla-recompute:{key}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		policy=policy,
		holiday_list=holiday_list,
	)


def recompute_open_records(policy: str | None = None, holiday_list: str | None = None) -> int:
	"""Only records whose resolution clock is still open; one query finds them."""
	policies = (
		[policy]
		if policy
		else frappe.get_all("Feedback SLA Policy", filters={"holiday_list": holiday_list}, pluck="name")
	)
	if not policies:
		return 0
	names = frappe.get_all(
		"Feedback Record",
		filters={
			"sla_policy": ("in", policies),
			"resolution_sla_status": ("in", OPEN_STATES),
			"resolution_fulfilled_on": ("is", "not set"),
		},
		pluck="name",
	)
	now = now_datetime()
	for name in names:
		doc = frappe.get_doc("Feedback Record", name)
		sla_policy = clock_policy(doc.sla_policy)
		set_due_moments(doc, sla_policy)
		refresh_sla_state(doc, sla_policy, now=now)
		doc.db_set({field: doc.get(field) for field in SLA_FIELDS}, update_modified=False)
	return len(names)
