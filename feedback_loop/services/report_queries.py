"""The feedback reports' one way to count: a GROUP BY through `frappe.get_list`, so the reader's
permissions (roles, User Permissions, the app's visibility rule) decide which records count,
with the filters every report offers."""

import frappe
from frappe import _
from frappe.utils import add_days

from feedback_loop.core.report_periods import Grouping

#: MariaDB formats that label a moment as core.report_periods.period_label does.
_PERIOD_FORMATS = {Grouping.DAY: "%Y-%m-%d", Grouping.WEEK: "%x-W%v", Grouping.MONTH: "%Y-%m"}


def period_sql(grouping: Grouping, column: str = "creation") -> str:
	"""The period a row falls in, by one of its moments."""
	return f"date_format({column}, '{_PERIOD_FORMATS[grouping]}')"


#: Filters that are plain equality on a column of the record.
EQUAL_FILTERS = ("customer", "customer_group", "territory", "channel", "item", "customer_segment", "priority")


def record_filters(filters: dict, start=None, end=None) -> list:
	"""Conditions for the filters; without a period, all time."""
	conditions = [["creation", ">=", start], ["creation", "<", add_days(end, 1)]] if start and end else []
	for field in EQUAL_FILTERS:
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	if filters.get("category"):
		conditions.append(["category", "descendants of (inclusive)", filters["category"]])
	return conditions


def counts_by(filters: dict, start, end, *group: tuple[str, str], extra: list | None = None) -> list[dict]:
	"""Record counts per value of each (alias, SQL expression) in `group`.

	An alias must not be the name of another column of the record: MariaDB's GROUP BY prefers
	the column to the alias.
	"""
	return frappe.get_list(
		"Feedback Record",
		filters=record_filters(filters, start, end) + (extra or []),
		fields=[*(f"{expr} as {alias}" for alias, expr in group), "count(*) as count"],
		group_by=", ".join(alias for alias, _expr in group),
		order_by=", ".join(alias for alias, _expr in group),
	)


def checked_filters(filters: dict | None) -> dict:
	"""The report's filters, refused when the period is missing or ends before it starts."""
	filters = frappe._dict(filters or {})
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	if str(filters.from_date) > str(filters.to_date):
		frappe.throw(_("From Date must be before To Date."))
	return filters
