# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.improvement_effectiveness import (
	chart,
	columns,
	message,
	plans,
	summary,
	verdict_counts,
)
from feedback_loop.services.reports.queries import checked_filters


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	rows = plans(filters)
	return columns(), rows, message(), chart(rows), summary(verdict_counts(filters), rows)
