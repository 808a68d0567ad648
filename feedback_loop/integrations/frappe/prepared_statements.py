"""Statements a save runs every time, built once per process with `frappe.qb` and then run with
their values.

Building a query with `frappe.qb` copies the whole query at every clause (pypika's builder); a
save's look-ups (duplicate candidates, the priority rules' counts, the segment's sales history,
the reply language) cost about half a millisecond each in building alone, as much as the
statement itself. Built with named placeholders (`param("customer")`), their SQL text is kept
for the worker's life, keyed by what shapes it, and executed with a dict of values by
`frappe.db.sql`, which escapes them as for any statement.
"""

from collections.abc import Callable, Hashable

import frappe
from pypika.terms import Parameter

_built: dict[Hashable, str] = {}


def param(name: str) -> Parameter:
	"""A named placeholder, filled from the values given to `run_prepared`."""
	return Parameter(f"%({name})s")


def run_prepared(key: Hashable, build: Callable[[], object], values: dict, *, as_dict: bool = False) -> list:
	"""Run the statement `build()` returns (a `frappe.qb` query with `param` placeholders, or the
	SQL text of one), built on this process's first call for `key`."""
	sql = _built.get(key)
	if sql is None:
		built = build()
		sql = _built[key] = built if isinstance(built, str) else built.get_sql()
	return frappe.db.sql(sql, values, as_dict=as_dict)


def union_all(*queries) -> str:
	"""`(q1) UNION ALL (q2) …`: each branch keeps its own ORDER BY and LIMIT (Frappe 15's query
	builder drops the parentheses that allow them)."""
	return " UNION ALL ".join(f"({query.get_sql()})" for query in queries)
