"""Figures of the Feedback Loop workspace's number cards that a plain count or average of one
doctype cannot give. Each is one aggregate query through `frappe.get_list` (permissions apply)."""

from frappe.utils import add_days, getdate, nowdate

from feedback_loop.core.feedback_status import ACTIVE_STATUSES
from feedback_loop.core.plans.lifecycle import ACTIVE_PLAN_STATES, FINISHED_ACTIONS
from feedback_loop.core.reports.satisfaction import csat_average, net_promoter_score
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.satisfaction_trend import distributions

NPS_DAYS = 90
CSAT_DAYS = 30
ACTIVE = [status.value for status in sorted(ACTIVE_STATUSES)]


def breached_now() -> int:
	"""Records still being worked on with a response or resolution clock past its due moment."""
	return aggregate_list(
		"Feedback Record",
		[count_all()],
		filters=[["status", "in", ACTIVE]],
		or_filters=[["response_sla_status", "=", "Breached"], ["resolution_sla_status", "=", "Breached"]],
	)[0].count


def window(days: int) -> tuple:
	"""The last `days` days and today: the period the Satisfaction Trend report is opened with
	from the card, so that the card and the report show the same figure."""
	today = getdate()
	return add_days(today, -days), today


def csat(days: int = CSAT_DAYS) -> float | None:
	"""Average CSAT (1–5) of the answers of the last `days` days, as Satisfaction Trend counts it."""
	return csat_average(_answers(days)["csat"].get("all", {}))


def nps(days: int = NPS_DAYS) -> float | None:
	return net_promoter_score(_answers(days)["nps"].get("all", {}))


def _answers(days: int) -> dict:
	return distributions({}, *window(days), None)


def overdue_improvement_actions() -> int:
	"""Overdue as the daily overdue alert sees it (services/plans/tracking.py): plans being worked on."""
	# One joined row per matching action.
	return aggregate_list(
		"Improvement Plan",
		[count_all()],
		filters=[
			["Improvement Plan Action", "due_date", "<", nowdate()],
			["Improvement Plan Action", "action_status", "not in", FINISHED_ACTIONS],
			["workflow_state", "in", ACTIVE_PLAN_STATES],
		],
	)[0].count
