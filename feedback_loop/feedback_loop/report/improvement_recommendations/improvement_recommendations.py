# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.queries import checked_filters
from feedback_loop.services.reports.recommendations import report


@frappe.read_only()
def execute(filters: dict | None = None):
	return report(checked_filters(filters))
