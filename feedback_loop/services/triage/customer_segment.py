"""A customer's segment (New, Returning, Key Account) from their real sales history: submitted orders
and invoices aggregated in the database, classified by the core with the thresholds of Feedback
Settings."""

from decimal import Decimal

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, getdate, nowdate

from feedback_loop.core.triage.customer_segment import SalesHistory, Segment, classify_segment
from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared
from feedback_loop.services.feedback_settings import segment_lookback_days, segment_thresholds


def sales_history(customer: str, on_date=None) -> SalesHistory:
	"""The customer's submitted orders and invoices in the look-back window, aggregated in SQL."""
	on_date = getdate(on_date or nowdate())
	lookback = segment_lookback_days()
	since = add_days(on_date, -lookback) if lookback else getdate("1900-01-01")

	values = {"customer": customer, "since": since, "until": on_date}
	orders, invoices, revenue = run_prepared("sales history", _sales_history_query, values)[0]

	return SalesHistory(
		submitted_orders=int(orders or 0),
		submitted_invoices=int(invoices or 0),
		invoiced_revenue=Decimal(str(revenue or 0)),
	)


def _sales_history_query():
	so = frappe.qb.DocType("Sales Order")
	si = frappe.qb.DocType("Sales Invoice")
	orders = (
		frappe.qb.from_(so)
		.select(Count(so.name))
		.where((so.customer == param("customer")) & (so.docstatus == 1))
		.where(so.transaction_date.between(param("since"), param("until")))
	)
	# One statement: the orders' count rides along the invoices' aggregate as a subquery.
	return (
		frappe.qb.from_(si)
		# Credit notes lower the revenue but are not purchases.
		.select(orders.as_("orders"), Sum(1 - si.is_return), Sum(si.base_grand_total))
		.where((si.customer == param("customer")) & (si.docstatus == 1))
		.where(si.posting_date.between(param("since"), param("until")))
	)


def segment_for_customer(customer: str, on_date=None) -> Segment:
	return classify_segment(sales_history(customer, on_date), segment_thresholds())
