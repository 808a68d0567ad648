"""Counts, sums and averages through Frappe's permission-checked list query, on Frappe 15 and 16.

Every report figure is one GROUP BY through `frappe.get_list`, so the reader's roles, User
Permissions and the app's visibility rule decide which rows count. The two majors disagree on
how an aggregate is handed over: Frappe 15 takes SQL text for a field ("count(*) as count");
Frappe 16 refuses SQL functions written as text and takes pypika terms, but then knows no alias
of a term for GROUP BY and ORDER BY. The app writes each aggregate once, as a pypika term with
an alias (`frappe.qb.functions`), and this module gives each major what it takes.
"""

from functools import cache
from typing import Literal

import frappe
from frappe.query_builder import functions as fn
from pypika.enums import Order
from pypika.terms import BasicCriterion, ContainsCriterion, Field, NullCriterion, RangeCriterion, Term

#: Terms that compare (Frappe replaces pypika's Function class on import, so "a criterion that is
#: not a function" cannot be asked).
_COMPARISONS = (BasicCriterion, ContainsCriterion, NullCriterion, RangeCriterion)
#: A selected column: a pypika term with its alias, or a plain "column as alias".
Column = Term | str
#: An alias to sort by, ascending, or (alias, "desc").
Sort = str | tuple[str, Literal["asc", "desc"]]


def aggregate_list(
	doctype: str,
	fields: list[Column],
	*,
	filters: list | dict | None = None,
	or_filters: list | None = None,
	group_by: tuple[str, ...] | list[str] = (),
	order_by: tuple[Sort, ...] | list[Sort] = (),
	ignore_permissions: bool = False,
	as_list: bool = False,
) -> list:
	"""The rows of `fields` over the `doctype` rows the session user may read that match the
	filters, grouped and sorted by aliases of `fields` (no ORDER BY when none is given)."""
	if lists_through_query_builder():
		return _through_query_builder(
			doctype, fields, filters, or_filters, group_by, order_by, ignore_permissions, as_list
		)
	sorts = [_sort(item) for item in order_by]
	return frappe.get_list(
		doctype,
		fields=[_as_text(column) for column in fields],
		filters=filters,
		or_filters=or_filters,
		group_by=", ".join(group_by) or None,
		order_by=", ".join(f"{alias} {direction}" for alias, direction in sorts) or None,
		ignore_permissions=ignore_permissions,
		as_list=as_list,
	)


def count_all(alias: str = "count") -> Term:
	"""COUNT(*) under `alias`."""
	return fn.Count("*").as_(alias)


def as_sql(term: Term) -> str:
	"""A term as MariaDB text over the doctype's own columns (Frappe 15's list query reads a
	table name inside a function as a table of its own), also for hand-written queries."""
	return term.get_sql(quote_char="`", with_namespace=False)


def _through_query_builder(doctype, fields, filters, or_filters, group_by, order_by, ignore, as_list):
	query = frappe.get_list(
		doctype,
		fields=fields,
		filters=filters,
		or_filters=or_filters,
		# Not Frappe's default order: it names a column that a grouped query does not select.
		order_by=None,
		ignore_permissions=ignore,
		run=False,
	)
	if group_by:
		query = query.groupby(*(Field(alias) for alias in group_by))
	for alias, direction in map(_sort, order_by):
		query = query.orderby(Field(alias), order=Order.desc if direction == "desc" else Order.asc)
	return query.run(as_dict=not as_list)


def _as_text(column: Column) -> str:
	if isinstance(column, str):
		return column
	if not column.alias:
		raise ValueError(f"an aggregate needs an alias: {column}")
	sql = as_sql(column.as_(None))
	# A comparison ("x IS NOT NULL") before "as": MariaDB would read the alias into it.
	return f"({sql}) as {column.alias}" if isinstance(column, _COMPARISONS) else f"{sql} as {column.alias}"


def _sort(item: Sort) -> tuple[str, str]:
	return (item, "asc") if isinstance(item, str) else item


@cache
def lists_through_query_builder() -> bool:
	"""Frappe 16's list query is built by the query builder (frappe.model.qb_query)."""
	try:
		import frappe.model.qb_query  # noqa: F401
	except ImportError:
		return False
	return True
