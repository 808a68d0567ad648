# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe import _

from feedback_loop.services.feedback_overview import chart, columns, overview, rows, summary


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	if filters.from_date > filters.to_date:
		frappe.throw(_("From Date must be before To Date."))
	figures = overview(filters)
	return columns(figures), rows(figures), None, chart(figures), summary(figures)
