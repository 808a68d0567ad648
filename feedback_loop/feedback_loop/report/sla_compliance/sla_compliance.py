# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.queries import SKIP_FRAPPE_TOTAL_ROW, checked_filters
from feedback_loop.services.reports.sla_compliance import chart, columns, compliance, message, rows, summary


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	figures = compliance(filters)
	table = rows(figures)
	return columns(figures), table, message(), chart(table), summary(figures), SKIP_FRAPPE_TOTAL_ROW
