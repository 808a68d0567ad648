"""Feedback per customer: how much, how much still open, how negative, how many SLA breaches,
when the last one came and how satisfied the revisits found the customer.

One GROUP BY over the records and one over the answered revisits, both through `frappe.get_list`
so the reader's permissions decide what counts. The Customer Feedback Summary report and the
Customer form's indicators use the same function (the form asks for one customer, all time).
"""

import frappe
from frappe import _
from frappe.query_builder import functions as fn
from frappe.utils import getdate

from feedback_loop.core.feedback_status import ACTIVE_STATUSES
from feedback_loop.core.reports.figures import percent
from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.link_columns import link_column
from feedback_loop.services.reports.queries import period_conditions, record_filters
from feedback_loop.services.reports.sentiment_counting import how_sentiment_is_counted

_ACTIVE = [status.value for status in sorted(ACTIVE_STATUSES)]


def customer_rows(filters: dict, start=None, end=None) -> list[dict]:
	"""A row per customer with feedback in the period (all time when no period is given)."""
	record = frappe.qb.DocType("Feedback Record")
	rows = aggregate_list(
		"Feedback Record",
		[
			"customer as party",
			count_all("total"),
			fn.Sum(record.status.isin(_ACTIVE)).as_("open_count"),
			fn.Sum(record.sentiment == Sentiment.NEGATIVE.value).as_("negative"),
			fn.Sum(
				(record.response_sla_status == "Breached") | (record.resolution_sla_status == "Breached")
			).as_("breached"),
			fn.Max(record.received_on).as_("last_feedback_on"),
		],
		filters=[*record_filters(filters, start, end), ["customer", "is", "set"]],
		group_by=("party",),
		order_by=(("total", "desc"),),
	)
	# Sales and support users may not read revisits: their CSAT column stays empty.
	can_read_revisits = frappe.has_permission("Feedback Callback", "read")
	satisfaction = (
		_csat_by_customer([row.party for row in rows], start, end) if rows and can_read_revisits else {}
	)
	# Names apart: customer_name is not in the covering index the counting reads.
	names = (
		dict(
			frappe.get_all(
				"Customer",
				filters={"name": ("in", [row.party for row in rows])},
				fields=["name", "customer_name"],
				as_list=True,
			)
		)
		if rows
		else {}
	)
	return [_figures(row, names.get(row.party), satisfaction.get(row.party)) for row in rows]


def _csat_by_customer(customers: list[str], start, end) -> dict[str, tuple[float, int]]:
	conditions = [
		["csat", ">", 0],
		["customer", "in", customers],
		*period_conditions("responded_on", start, end),
	]
	callback = frappe.qb.DocType("Feedback Callback")
	rows = aggregate_list(
		"Feedback Callback",
		["customer as party", fn.Avg(callback.csat).as_("csat"), count_all("answers")],
		filters=conditions,
		group_by=("party",),
		order_by=("party",),
	)
	return {row.party: (round(float(row.csat), 2), row.answers) for row in rows}


def _figures(row, name: str | None, satisfaction: tuple[float, int] | None) -> dict:
	total, negative = int(row.total), int(row.negative or 0)
	csat, answers = satisfaction or (None, 0)
	return {
		"customer": row.party,
		"customer_name": name,
		"total": total,
		"open": int(row.open_count or 0),
		"negative": negative,
		"negative_share": round(100.0 * negative / total, 1) if total else 0.0,
		"breached": int(row.breached or 0),
		"csat": csat,
		"csat_answers": answers,
		"last_feedback_on": row.last_feedback_on,
	}


def customer_feedback_summary(customer: str) -> dict:
	"""The Customer form's indicators: the same figures for one customer, all time."""
	rows = customer_rows({"customer": customer})
	summary = (
		rows[0]
		if rows
		else {"customer": customer, "total": 0, "open": 0, "negative": 0, "negative_share": 0.0}
	)
	# Shown on the indicator's hover: what "negative" counts.
	summary["sentiment_note"] = how_sentiment_is_counted()
	return summary


def report_rows(filters: dict) -> list[dict]:
	return customer_rows(filters, getdate(filters["from_date"]), getdate(filters["to_date"]))


def columns() -> list[dict]:
	return [
		link_column("customer", _("Customer"), "Customer", 160),
		{"fieldname": "customer_name", "label": _("Customer Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "total", "label": _("Feedback"), "fieldtype": "Int", "width": 90},
		{"fieldname": "open", "label": _("Open"), "fieldtype": "Int", "width": 80},
		{"fieldname": "negative", "label": _("Negative"), "fieldtype": "Int", "width": 90},
		{"fieldname": "negative_share", "label": _("Negative (%)"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "breached", "label": _("SLA Breached"), "fieldtype": "Int", "width": 110},
		{"fieldname": "csat", "label": _("CSAT (1-5)"), "fieldtype": "Float", "precision": 2, "width": 100},
		{"fieldname": "csat_answers", "label": _("Survey Answers"), "fieldtype": "Int", "width": 120},
		{"fieldname": "last_feedback_on", "label": _("Last Feedback"), "fieldtype": "Datetime", "width": 160},
	]


def summary(rows: list[dict]) -> list[dict]:
	total = sum(r["total"] for r in rows)
	negative = sum(r["negative"] for r in rows)
	return [
		{"value": len(rows), "label": _("Customers with Feedback"), "datatype": "Int", "indicator": "Blue"},
		{"value": total, "label": _("Feedback"), "datatype": "Int", "indicator": "Blue"},
		{"value": sum(r["open"] for r in rows), "label": _("Open"), "datatype": "Int", "indicator": "Orange"},
		figure_card(percent(negative, total), _("Negative (%)"), "Red"),
	]


def message() -> str:
	return (
		_(
			"Negative (%) = negative feedback in per cent of the customer's feedback; on the card, of all "
			"customers' feedback together (not an average of the rows). CSAT = the average of the "
			"customer's CSAT answers (1-5) given in the period. Feedback counts in the period it was "
			"received."
		)
		+ " "
		+ how_sentiment_is_counted()
	)
