# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe

from feedback_loop.services.reports.queries import checked_filters
from feedback_loop.services.reports.top_issues import (
	chart,
	columns,
	issue_keywords,
	message,
	rows,
	summary,
	top_issues,
)


@frappe.read_only()
def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	issues = top_issues(filters)
	return (
		columns(filters),
		rows(issues, *issue_keywords(issues, filters)),
		message(),
		chart(issues),
		summary(issues),
	)
