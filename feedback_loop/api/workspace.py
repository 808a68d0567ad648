"""Number cards of the Feedback Loop workspace (Number Card type Custom). Read only: they use a
read replica when the site has one."""

import frappe
from frappe import _

from feedback_loop.services.reports import score_levels, workspace_cards


@frappe.whitelist()
@frappe.read_only()
def breached_now(filters: str | dict | None = None) -> dict:
	frappe.has_permission("Feedback Record", "read", throw=True)
	return {
		"value": workspace_cards.breached_now(),
		"fieldtype": "Int",
		"route": ["query-report", "SLA Compliance"],
	}


@frappe.whitelist()
@frappe.read_only()
def csat_30_days(filters: str | dict | None = None) -> dict | str:
	frappe.has_permission("Feedback Callback", "read", throw=True)
	return _score("csat", workspace_cards.csat(), precision=2, days=workspace_cards.CSAT_DAYS)


@frappe.whitelist()
@frappe.read_only()
def nps_90_days(filters: str | dict | None = None) -> dict | str:
	frappe.has_permission("Feedback Callback", "read", throw=True)
	return _score("nps", workspace_cards.nps(), precision=1, days=workspace_cards.NPS_DAYS)


@frappe.whitelist()
@frappe.read_only()
def overdue_improvement_actions(filters: str | dict | None = None) -> dict:
	frappe.has_permission("Improvement Plan", "read", throw=True)
	return {
		"value": workspace_cards.overdue_improvement_actions(),
		"fieldtype": "Int",
		"route": ["List", "Improvement Plan"],
	}


def _score(score: str, value: float | None, precision: int, days: int) -> dict | str:
	"""A satisfaction score's card; without answers in the period it says so instead of 0.

	The card widget formats a dict's value as a number, and a text there leaves it loading for
	ever; a plain text it shows as it is. The number is red when low, orange when fair and green
	only when good, by the thresholds of Feedback Settings (public/js/number_card_colours.bundle.js
	colours it); it opens Satisfaction Trend over the card's own days.
	"""
	if value is None:
		return _("No answers")
	limits = score_levels.thresholds(score)
	from_date, to_date = workspace_cards.window(days)
	return {
		"value": value,
		"fieldtype": "Float",
		"precision": precision,
		"indicator": score_levels.indicator(score, value),
		"indicator_title": _("Red at or below {0}, green at or above {1} (Feedback Settings)").format(
			_number(limits.low_at_most), _number(limits.good_at_least)
		),
		"route": ["query-report", "Satisfaction Trend"],
		"route_options": {"from_date": str(from_date), "to_date": str(to_date), "group_by": "Week"},
	}


def _number(value: float) -> str:
	return f"{value:g}"
