# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.callback_performance import columns, performance, summary
from feedback_loop.services.reports.queries import checked_filters


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	rows = performance(filters)
	return columns(), rows, None, None, summary(rows)
