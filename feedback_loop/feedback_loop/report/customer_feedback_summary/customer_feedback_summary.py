# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.customer_feedback_summary import columns, message, report_rows, summary
from feedback_loop.services.reports.queries import checked_filters


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	rows = report_rows(filters)
	return columns(), rows, message(), None, summary(rows)
