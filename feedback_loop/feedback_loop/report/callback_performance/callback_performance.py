# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.callback_performance import (
	chart,
	columns,
	message,
	performance,
	rows,
	summary,
)
from feedback_loop.services.reports.queries import SKIP_FRAPPE_TOTAL_ROW, checked_filters


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	table = rows(performance(filters))
	return columns(), table, message(), chart(table), summary(table), SKIP_FRAPPE_TOTAL_ROW
