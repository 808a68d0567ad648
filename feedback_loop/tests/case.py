"""The integration test case of the running Frappe, under its Frappe 16 name.

Frappe 16 splits tests into `UnitTestCase` and `IntegrationTestCase` (frappe.tests) and keeps
`FrappeTestCase` only as a deprecated alias; Frappe 15 has `FrappeTestCase` alone. Both open a
site, give every test class its own transaction and roll it back afterwards.
"""

try:
	from frappe.tests import IntegrationTestCase, change_settings
except ImportError:  # Frappe 15
	from frappe.tests.utils import FrappeTestCase as IntegrationTestCase
	from frappe.tests.utils import change_settings

from contextlib import contextmanager

__all__ = ["IntegrationTestCase", "change_settings", "jobs_queued_not_run", "lost_job"]


def set_test_mode(on: bool) -> None:
	"""Test mode outside a test run (benchmarks): Frappe 15 reads `frappe.flags.in_test`, Frappe 16
	`frappe.in_test` (a test mail account needs no SMTP server, a job runs at once)."""
	import frappe

	frappe.flags.in_test = on
	frappe.in_test = on


@contextmanager
def jobs_queued_not_run():
	"""As on a live site: what a save queues for after its commit waits for a worker (tests run it
	at once); nothing of it is left for the test's own commit."""
	import frappe

	set_test_mode(False)
	try:
		yield
	finally:
		set_test_mode(True)
		frappe.db.after_commit.reset()


def lost_job(doctype: str, name: str, moment_field: str = "creation") -> None:
	"""The row waits for a job as if that job had been lost half an hour ago (what the sweeps
	look for): its moment put back, its `modified` left alone."""
	import frappe
	from frappe.utils import add_to_date, now_datetime

	frappe.db.set_value(
		doctype, name, moment_field, add_to_date(now_datetime(), minutes=-30), update_modified=False
	)
