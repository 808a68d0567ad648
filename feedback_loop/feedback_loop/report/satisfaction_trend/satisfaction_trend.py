# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.queries import checked_filters
from feedback_loop.services.reports.satisfaction_trend import chart, columns, summary, trend


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	figures = trend(filters)
	return columns(), figures["rows"], None, chart(figures), summary(figures)
