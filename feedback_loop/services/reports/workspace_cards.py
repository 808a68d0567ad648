"""Figures of the Feedback Loop workspace's number cards that a plain count or average of one
doctype cannot give. Each is one aggregate query through `frappe.get_list` (permissions apply)."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from feedback_loop.core.feedback_status import ACTIVE_STATUSES
from feedback_loop.core.plans.lifecycle import ACTIVE_PLAN_STATES, FINISHED_ACTIONS
from feedback_loop.core.reports.satisfaction import net_promoter_score

NPS_DAYS = 90
CSAT_DAYS = 30
ACTIVE = [status.value for status in sorted(ACTIVE_STATUSES)]


def breached_now() -> int:
	"""Records still being worked on with a response or resolution clock past its due moment."""
	return frappe.get_list(
		"Feedback Record",
		filters=[["status", "in", ACTIVE]],
		or_filters=[["response_sla_status", "=", "Breached"], ["resolution_sla_status", "=", "Breached"]],
		fields=["count(*) as count"],
	)[0].count


def csat(days: int = CSAT_DAYS) -> float | None:
	"""Average CSAT (1–5) of the answers of the last `days` days; 0 means the question was not asked."""
	row = frappe.get_list(
		"Feedback Callback",
		filters=[["csat", ">", 0], ["responded_on", ">=", add_days(getdate(), -days)]],
		fields=["avg(csat) as average"],
	)[0]
	return round(float(row.average), 2) if row.average is not None else None


def nps(days: int = NPS_DAYS) -> float | None:
	rows = frappe.get_list(
		"Feedback Callback",
		filters=[["nps_answered", "=", 1], ["responded_on", ">=", add_days(getdate(), -days)]],
		fields=["nps as score", "count(*) as count"],
		group_by="score",
		order_by="score",
	)
	return net_promoter_score({row.score: row.count for row in rows})


def overdue_improvement_actions() -> int:
	"""Overdue as the daily overdue alert sees it (services/plans/tracking.py): plans being worked on."""
	return frappe.get_list(
		"Improvement Plan",
		filters=[
			["Improvement Plan Action", "due_date", "<", nowdate()],
			["Improvement Plan Action", "action_status", "not in", FINISHED_ACTIONS],
			["workflow_state", "in", ACTIVE_PLAN_STATES],
		],
		fields=["count(`tabImprovement Plan Action`.name) as count"],
	)[0].count
