"""A full job queue never refuses a customer's feedback (integrations/frappe/after_commit_jobs.py):
the job's work is left to the request, after its commit."""

import frappe

from feedback_loop.integrations.frappe.after_commit_jobs import DoneByThisRequest, enqueue_after_commit
from feedback_loop.tests.case import IntegrationTestCase

METHOD = "feedback_loop.services.messages.acknowledgement.send_acknowledgement"


class TestFullJobQueue(IntegrationTestCase):
	def setUp(self):
		self.pending = list(frappe.db.after_commit._functions)
		self.limit = frappe.local.conf.get("max_queued_jobs")
		# Frappe refuses once a queue holds the limit (Frappe 16 adds 50 per site): far below zero,
		# every queue is full.
		frappe.local.conf.max_queued_jobs = -1_000_000_000
		frappe.local.message_log = []

	def tearDown(self):
		if self.limit is None:
			frappe.local.conf.pop("max_queued_jobs", None)
		else:
			frappe.local.conf.max_queued_jobs = self.limit
		for added in self._added():
			frappe.db.after_commit._functions.remove(added)

	def _added(self) -> list:
		return [f for f in frappe.db.after_commit._functions if f not in self.pending]

	def test_frappe_refuses_to_queue(self):
		with self.assertRaises(frappe.QueueOverloaded):
			frappe.enqueue(METHOD, queue="short", enqueue_after_commit=True, name="FB-X")
		frappe.local.message_log = []

	def test_the_request_does_the_work_after_its_commit_and_shows_no_refusal(self):
		enqueue_after_commit(
			METHOD, queue="short", job_id="feedback_loop:test-full-queue", now=False, name="FB-X"
		)
		(added,) = self._added()
		self.assertIsInstance(added, DoneByThisRequest)
		self.assertEqual((added.method, added.kwargs), (METHOD, {"name": "FB-X"}))
		self.assertEqual(frappe.local.message_log, [])

	def test_with_room_in_the_queue_it_is_a_job(self):
		frappe.local.conf.max_queued_jobs = 1_000_000
		enqueue_after_commit(
			METHOD, queue="short", job_id="feedback_loop:test-full-queue", now=False, name="FB-X"
		)
		(added,) = self._added()
		self.assertNotIsInstance(added, DoneByThisRequest)
