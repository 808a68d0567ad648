"""The feedback reports' one way to count: a GROUP BY through `frappe.get_list`
(integrations/frappe/aggregate_list.py), so the reader's permissions (roles, User Permissions,
the app's visibility rule) decide which records count, with the filters every report offers."""

import zlib

import frappe
from frappe import _
from frappe.query_builder.functions import Cast, CustomFunction
from frappe.utils import add_days
from pypika.terms import Term

from feedback_loop.core.reports.periods import Grouping
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all

_YEARWEEK = CustomFunction("YEARWEEK", ["moment", "mode"])
_YEAR = CustomFunction("YEAR", ["moment"])
_MONTH = CustomFunction("MONTH", ["moment"])
CRC32 = CustomFunction("CRC32", ["value"])


def period_term(grouping: Grouping, column: str = "received_on", doctype: str = "Feedback Record") -> Term:
	"""The period key of a row by one of its moments, as a number or date — much cheaper to group
	by than a formatted text; core.report_periods.key_label turns it into the label."""
	moment = frappe.qb.DocType(doctype)[column]
	if grouping == Grouping.DAY:
		return Cast(moment, "date")
	if grouping == Grouping.WEEK:
		# Mode 3 is ISO 8601.
		return _YEARWEEK(moment, 3)
	# Not extract(year_month from …): Frappe 15's list query drops a field that contains " from ".
	return _YEAR(moment) * 100 + _MONTH(moment)


#: Filters that are plain equality on a column of the record.
EQUAL_FILTERS = (
	"customer",
	"customer_group",
	"territory",
	"industry",
	"channel",
	"item",
	"customer_segment",
	"priority",
)


def period_conditions(column: str, start, end) -> list:
	"""`column` within the days from `start` to `end`, both included; no condition without a period."""
	return [[column, ">=", start], [column, "<", add_days(end, 1)]] if start and end else []


def record_filters(filters: dict, start=None, end=None) -> list:
	"""Conditions for the filters; without a period, all time. A record counts in the period the
	customer gave it (received on), not in the one somebody typed it in."""
	conditions = period_conditions("received_on", start, end)
	for field in EQUAL_FILTERS:
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	if filters.get("category"):
		conditions.append(["category", "descendants of (inclusive)", filters["category"]])
	return conditions


def counts_by(
	filters: dict, start, end, *group: tuple[str, str | Term], extra: list | None = None
) -> list[dict]:
	"""Record counts per value of each (alias, column name or pypika term) in `group`.

	An alias must not be the name of another column of the record: MariaDB's GROUP BY prefers
	the column to the alias. A Select column, or a link to a doctype with few names, is grouped
	by the CRC32 of its value, read back from the checksums of its options or names: grouping
	by text makes MariaDB compare collation keys for every row, 1.5–3 times slower at a million
	rows. When two values share a checksum, or a stored value is not among them, the query runs
	again grouped by the text itself.
	"""
	conditions = record_filters(filters, start, end) + (extra or [])
	by_checksum = {alias: names for alias, expr in group if (names := _checksummed_names(expr))}
	if by_checksum:
		rows = _counts(conditions, group, set(by_checksum))
		if all(
			row[alias] is None or row[alias] in by_checksum[alias] for row in rows for alias in by_checksum
		):
			for row in rows:
				for alias, names in by_checksum.items():
					row[alias] = names.get(row[alias])
			return rows
	return _counts(conditions, group, set())


def _counts(conditions: list, group: tuple, checksummed: set[str]) -> list[dict]:
	record = frappe.qb.DocType("Feedback Record")
	fields = [
		CRC32(record[expr]).as_(alias)
		if alias in checksummed
		else f"{expr} as {alias}"
		if isinstance(expr, str)
		else expr.as_(alias)
		for alias, expr in group
	]
	aliases = [alias for alias, _expr in group]
	return aggregate_list(
		"Feedback Record", [*fields, count_all()], filters=conditions, group_by=aliases, order_by=aliases
	)


#: Linked doctypes with few names, whose links are grouped by checksum.
CHECKSUMMED_LINKS = frozenset({"User", "Department", "Feedback SLA Policy", "Feedback Category"})


def _checksummed_names(column: str | Term) -> dict[int, str] | None:
	"""Checksum → value for a Select column (its options) or a link to a small doctype (its
	names); None for other columns and expressions, or when two values would share a checksum."""
	if not isinstance(column, str):
		return None
	df = frappe.get_meta("Feedback Record").get_field(column)
	if df is None:
		return None
	if df.fieldtype == "Select":
		values = [option for option in (df.options or "").split("\n")]
	elif df.fieldtype == "Link" and df.options in CHECKSUMMED_LINKS:
		# Every name, whoever reads: only checksums of values the reader's own query found are mapped.
		values = frappe.get_all(df.options, pluck="name")
	else:
		return None
	values = {*values, ""}
	checksums = {zlib.crc32(value.encode()): value for value in values}
	return checksums if len(checksums) == len(values) else None


def record_count(filters: dict, start, end) -> int:
	"""Records in the period the reader may see, for the comparison with the period before."""
	return aggregate_list("Feedback Record", [count_all()], filters=record_filters(filters, start, end))[
		0
	].count


#: Returned sixth by a report with its own Total row: Frappe's would average the percentages of
#: the rows (on the server and in the desk's table), and a migrate keeps a site's "Add Total Row"
#: whatever the report's file says.
SKIP_FRAPPE_TOTAL_ROW = 1


def checked_filters(filters: dict | None) -> dict:
	"""The report's filters, refused when the period is missing or ends before it starts."""
	filters = frappe._dict(filters or {})
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	if str(filters.from_date) > str(filters.to_date):
		frappe.throw(_("From Date must be before To Date."))
	return filters
