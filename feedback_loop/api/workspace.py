"""Number cards of the Feedback Loop workspace (Number Card type Custom). Read only: they use a
read replica when the site has one."""

import frappe
from frappe import _

from feedback_loop.services.reports import workspace_cards


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
	return _score(workspace_cards.csat(), precision=2)


@frappe.whitelist()
@frappe.read_only()
def nps_90_days(filters: str | dict | None = None) -> dict | str:
	frappe.has_permission("Feedback Callback", "read", throw=True)
	return _score(workspace_cards.nps(), precision=1)


@frappe.whitelist()
@frappe.read_only()
def overdue_improvement_actions(filters: str | dict | None = None) -> dict:
	frappe.has_permission("Improvement Plan", "read", throw=True)
	return {
		"value": workspace_cards.overdue_improvement_actions(),
		"fieldtype": "Int",
		"route": ["List", "Improvement Plan"],
	}


def _score(value: float | None, precision: int) -> dict | str:
	"""A satisfaction score's card; without answers in the period it says so instead of 0.

	The card widget formats a dict's value as a number, and a text there leaves it loading for
	ever; a plain text it shows as it is.
	"""
	if value is None:
		return _("No answers")
	return {
		"value": value,
		"fieldtype": "Float",
		"precision": precision,
		"route": ["query-report", "Satisfaction Trend"],
	}
