# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.queries import SKIP_FRAPPE_TOTAL_ROW, checked_filters
from feedback_loop.services.reports.satisfaction_trend import chart, columns, message, rows, summary, trend


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	figures = trend(filters)
	return columns(), rows(figures), message(), chart(figures), summary(figures), SKIP_FRAPPE_TOTAL_ROW
