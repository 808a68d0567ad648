"""A job that takes all the work waiting is queued once a burst (integrations/frappe/
after_commit_jobs.py::enqueue_unless_waiting), on the site's real job queue: a save that finds
such a job still waiting to start queues none, one that finds it running queues the next."""

import frappe
from frappe.utils.background_jobs import get_job, get_job_status
from rq.job import JobStatus

from feedback_loop.integrations.frappe.after_commit_jobs import QueueUnlessWaiting, enqueue_unless_waiting
from feedback_loop.tests.case import IntegrationTestCase

#: Harmless if a worker happens to run it.
METHOD = "frappe.ping"


class TestJobsPerBurst(IntegrationTestCase):
	def setUp(self):
		self.name = f"feedback_loop:test-burst-{frappe.generate_hash(length=6)}"
		self.pending = list(frappe.db.after_commit._functions)
		self.jobs: list[str] = []

	def tearDown(self):
		for step in [f for f in frappe.db.after_commit._functions if f not in self.pending]:
			frappe.db.after_commit._functions.remove(step)
		for job_id in self.jobs:
			if job := get_job(job_id):
				job.delete()
		frappe.cache.delete_value(QueueUnlessWaiting(METHOD, "short", self.name).latest_key)

	def save_commits(self) -> str | None:
		"""One save's queueing, as its commit runs it; the job it left last (None: none yet)."""
		enqueue_unless_waiting(METHOD, queue="short", name=self.name, now=False)
		(step,) = [f for f in frappe.db.after_commit._functions if f not in self.pending]
		frappe.db.after_commit._functions.remove(step)
		self.assertIsInstance(step, QueueUnlessWaiting)
		step()
		latest = frappe.cache.get_value(step.latest_key, expires=True)
		if latest and latest not in self.jobs:
			self.jobs.append(latest)
		return latest

	def test_a_burst_queues_one_job_until_it_starts(self):
		first = self.save_commits()
		self.assertEqual(get_job_status(first), JobStatus.QUEUED)
		self.assertEqual([self.save_commits() for _ in range(3)], [first] * 3)
		self.assertEqual(len(self.jobs), 1)

		# The job started: it may have read past what the next save commits, so that one queues another.
		get_job(first).set_status(JobStatus.STARTED)
		second = self.save_commits()
		self.assertNotEqual(second, first)
		self.assertEqual(get_job_status(second), JobStatus.QUEUED)
		self.assertEqual(self.save_commits(), second)

	def test_tests_run_it_at_once(self):
		enqueue_unless_waiting(METHOD, queue="short", name=self.name)
		self.assertEqual([f for f in frappe.db.after_commit._functions if f not in self.pending], [])
