"""The Callback Performance report: revisits scheduled, sent, answered and unanswered, by trigger
and revisit type, with the response rate. One GROUP BY through `frappe.get_list` (permissions
apply)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.queries import period_conditions

#: A revisit that went out: it may still be answered, or it was answered, or not.
SENT = ("Sent", "Responded", "No Response")


def performance(filters: dict) -> list[dict]:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	conditions = period_conditions("due_on", start, end)
	for field in ("customer", "trigger", "callback_type", "channel"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	counts = frappe.get_list(
		"Feedback Callback",
		filters=conditions,
		# Aliases unlike any column: MariaDB's GROUP BY would prefer the column.
		fields=["`trigger` as rule", "callback_type as kind", "status as state", "count(*) as count"],
		group_by="rule, kind, state",
		order_by="rule, kind",
	)
	rows: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
	for row in counts:
		rows[(row.rule or "", row.kind)][row.state] += row.count
	return [figures(rule, kind, states) for (rule, kind), states in sorted(rows.items())]


def figures(rule: str, kind: str, states: dict) -> dict:
	sent = sum(states.get(state, 0) for state in SENT)
	closed = states.get("Responded", 0) + states.get("No Response", 0)
	return {
		"trigger": rule or None,
		"callback_type": kind,
		"scheduled": sum(states.values()),
		"sent": sent,
		"responded": states.get("Responded", 0),
		"no_response": states.get("No Response", 0),
		"failed_or_cancelled": states.get("Failed", 0) + states.get("Cancelled", 0),
		# Of the revisits whose outcome is known: the ones still waiting are not counted yet.
		"response_rate": round(states.get("Responded", 0) / closed * 100, 1) if closed else None,
	}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "trigger",
			"label": _("Trigger"),
			"fieldtype": "Link",
			"options": "Feedback Trigger",
			"width": 220,
		},
		{"fieldname": "callback_type", "label": _("Revisit Type"), "fieldtype": "Data", "width": 160},
		{"fieldname": "scheduled", "label": _("Scheduled"), "fieldtype": "Int", "width": 100},
		{"fieldname": "sent", "label": _("Sent"), "fieldtype": "Int", "width": 90},
		{"fieldname": "responded", "label": _("Responded"), "fieldtype": "Int", "width": 100},
		{"fieldname": "no_response", "label": _("No Response"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "failed_or_cancelled",
			"label": _("Failed or Cancelled"),
			"fieldtype": "Int",
			"width": 140,
		},
		{"fieldname": "response_rate", "label": _("Response Rate (%)"), "fieldtype": "Percent", "width": 130},
	]


def summary(rows: list[dict]) -> list[dict]:
	responded = sum(r["responded"] for r in rows)
	closed = responded + sum(r["no_response"] for r in rows)
	return [
		{
			"value": sum(r["scheduled"] for r in rows),
			"label": _("Scheduled"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"value": sum(r["sent"] for r in rows), "label": _("Sent"), "datatype": "Int", "indicator": "Blue"},
		{"value": responded, "label": _("Responded"), "datatype": "Int", "indicator": "Green"},
		figure_card(round(responded / closed * 100, 1) if closed else 0, _("Response Rate (%)"), "Green"),
	]
