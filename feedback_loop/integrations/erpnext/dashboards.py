"""Feedback on ERPNext dashboards (Customer, Sales Order).

Each of those dashboards links by the field Feedback Record and Feedback Callback also use
(`customer`, `sales_order`), so one group serves both; the counts come from Frappe's dashboard.
"""

from frappe import _


def add_feedback_group(data: dict) -> dict:
	data.setdefault("transactions", []).append(
		{"label": _("Feedback"), "items": ["Feedback Record", "Feedback Callback"]}
	)
	return data
