# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.feedback_overview import chart, columns, message, overview, rows, summary
from feedback_loop.services.reports.queries import checked_filters


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	figures = overview(filters)
	return columns(figures), rows(figures), message(), chart(figures), summary(figures)
