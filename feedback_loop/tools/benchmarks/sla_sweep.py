"""Benchmark: the SLA sweep's state updates over many open records against a bare indexed UPDATE.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.sla_sweep.run --kwargs "{'n': 100000}"

Generates ``n`` open Feedback Records (bulk insert, committed so the sweep sees real tables and
indexes), about a third overdue and a fifth past their warning moment, then times
``update_states`` (all four guarded UPDATEs) and the same four UPDATEs with nothing but the
indexed moment in their WHERE clause (they touch at least the same rows), each rolled back. The generated rows are deleted at the end. Prints figures.
"""

import time
from datetime import timedelta

import frappe
from frappe.utils import now_datetime

from feedback_loop.services.sla.sweep import update_states

PREFIX = "BENCH-SLA-"


def run(n: int = 100_000) -> None:
	now = now_datetime()
	_delete_generated()
	_generate(n, now)
	try:
		started = time.perf_counter()
		counts = update_states(now)
		sweep_s = time.perf_counter() - started
		frappe.db.rollback()

		fr = frappe.qb.DocType("Feedback Record")
		touched = 0
		started = time.perf_counter()
		# The same four updates with nothing but the indexed moment in the WHERE clause.
		for status, moment, value in (
			(fr.response_sla_status, fr.first_response_due, "Breached"),
			(fr.response_sla_status, fr.response_warning_at, "At Risk"),
			(fr.resolution_sla_status, fr.resolution_due, "Breached"),
			(fr.resolution_sla_status, fr.resolution_warning_at, "At Risk"),
		):
			frappe.qb.update(fr).set(status, value).where(moment <= now).run()
			touched += frappe.db._cursor.rowcount
		bare_s = time.perf_counter() - started
		frappe.db.rollback()
	finally:
		_delete_generated()

	print(f"SLA sweep over {n} open records: {counts} ({sum(counts.values())} row changes)")
	print(f"  sweep update_states (4 guarded UPDATEs)      {sweep_s * 1000:9.1f} ms")
	print(f"  4 bare indexed UPDATEs ({touched} row changes) {bare_s * 1000:9.1f} ms")
	per_sweep = sweep_s * 1e6 / max(sum(counts.values()), 1)
	per_bare = bare_s * 1e6 / max(touched, 1)
	print(
		f"  ratio sweep / bare UPDATEs: {sweep_s / bare_s:.2f} in time, {per_sweep / per_bare:.2f} per row change"
	)


def _generate(n: int, now) -> None:
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "subject", "description",
		"feedback_type", "channel", "status", "impact", "urgency", "priority",
		"first_response_due", "response_warning_at", "response_sla_status",
		"resolution_due", "resolution_warning_at", "resolution_sla_status",
	]  # fmt: skip
	rows = []
	for i in range(n):
		# Spread due moments from 3 days ago to 12 days ahead: ~1/3 overdue at `now`.
		due = now + timedelta(minutes=(i * 37) % (15 * 24 * 60) - 3 * 24 * 60)
		warning = due - timedelta(days=2)
		response_due = due - timedelta(days=4)
		rows.append(
			(
				f"{PREFIX}{i:07d}", now, now, "Administrator", "Administrator", 0, "benchmark", "benchmark",
				"Complaint", "Desk", "Open", "One Customer", "Medium", "Low",
				response_due, response_due - timedelta(hours=2), "On Track",
				due, warning, "On Track",
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Feedback Record", fields, rows, chunk_size=5000)
	frappe.db.commit()  # nosemgrep: the sweep must see committed rows, as in production


def _delete_generated() -> None:
	frappe.db.delete("Feedback Record", {"name": ("like", f"{PREFIX}%")})
	frappe.db.commit()  # nosemgrep
