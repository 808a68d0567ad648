"""Counting the SQL statements a piece of code sends, for the benchmarks' "statements per save".

Every query of Frappe's database API (get_value, get_all, the query builder, insert) goes through
`frappe.db.sql`; the counter wraps that one method of the current connection for the duration.
"""

from contextlib import contextmanager

import frappe


@contextmanager
def counted_statements():
	"""Yields a list that receives each statement's first line while the block runs."""
	seen: list[str] = []
	original = frappe.db.sql

	def counting(query, *args, **kwargs):
		seen.append(" ".join(str(query).split())[:160])
		return original(query, *args, **kwargs)

	frappe.db.sql = counting
	try:
		yield seen
	finally:
		frappe.db.sql = original
