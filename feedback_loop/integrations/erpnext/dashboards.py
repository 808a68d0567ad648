"""Feedback on ERPNext dashboards (Customer, Sales Order, Delivery Note, Sales Invoice, Issue).

Each of those dashboards links by the field Feedback Record also uses (`customer`,
`sales_order`, `delivery_note`, `sales_invoice`, `issue`); the counts come from Frappe's
dashboard. Feedback Callback carries only the customer and the order, so it joins those two;
Feedback Message only the customer.
"""

from frappe import _


def add_customer_feedback_group(data: dict) -> dict:
	"""Customer: the feedback, the follow-up calls about it, and every message the customer got."""
	return _add(data, ["Feedback Record", "Feedback Callback", "Feedback Message"])


def add_feedback_group(data: dict) -> dict:
	"""Sales Order: the feedback and the follow-up calls about it."""
	return _add(data, ["Feedback Record", "Feedback Callback"])


def add_feedback_record_group(data: dict) -> dict:
	"""Delivery Note, Sales Invoice and Issue: the feedback recorded about them."""
	return _add(data, ["Feedback Record"])


def _add(data: dict, items: list[str]) -> dict:
	data.setdefault("transactions", []).append({"label": _("Feedback"), "items": items})
	return data
