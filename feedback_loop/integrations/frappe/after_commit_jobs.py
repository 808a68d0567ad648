"""The jobs a save queues for after its commit (the acknowledgements, the messages to deliver, a
notice, a category's priorities), never refused because the queue is full.

Frappe refuses to queue a job once its queue holds `max_queued_jobs` (Frappe 16: 500 by default,
plus 50 per site; Frappe 15: only when the setting is given) and raises QueueOverloaded inside
the request, even for a job meant to run after the commit. With the workers stopped or behind,
every feedback save would then fail for its acknowledgement, a customer's survey answer or
portal form included. The customer's words come first: when the queue refuses, the same work is
done by this request, right after its commit, as the job would have done it.

`enqueue_after_commit`: a job for this save's own work. `enqueue_unless_waiting`: a job that
takes all the work waiting (the API's triage, survey answers' feedback, acknowledgements, the
messages to deliver), queued once a burst.
"""

import frappe
from frappe.utils.background_jobs import get_job_status
from rq.job import JobStatus


def enqueue_after_commit(method: str, *, queue: str, job_id: str, now: bool | None = None, **kwargs) -> None:
	"""`now`: run at once (tests do, as Frappe's own `now`); by default only in tests."""
	now = frappe.flags.in_test if now is None else now
	try:
		frappe.enqueue(
			method,
			queue=queue,
			job_id=job_id,
			# A job run at once has no queue to be a duplicate in: Frappe would otherwise skip it
			# for a job of the same id waiting in Redis (a test site's requests queue real ones).
			deduplicate=not now,
			enqueue_after_commit=True,
			now=now,
			**kwargs,
		)
	except frappe.QueueOverloaded:
		# Frappe showed the refusal; this request does the work, so the caller must not see it.
		frappe.clear_last_message()
		frappe.db.after_commit.add(DoneByThisRequest(method, kwargs))


class DoneByThisRequest:
	"""A job's work after the request's commit, committed by itself (a callable, so a test can
	tell it from Frappe's own enqueue)."""

	def __init__(self, method: str, kwargs: dict) -> None:
		self.method = method
		self.kwargs = kwargs

	def __call__(self) -> None:
		try:
			frappe.call(self.method, **self.kwargs)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"feedback_loop: {self.method} (run by the request: queue full)")


def enqueue_unless_waiting(method: str, *, queue: str, name: str, now: bool | None = None) -> None:
	"""After the commit, queue `method` (no arguments) unless its last job has not started yet:
	that job, when it starts, reads what this transaction committed. A job already running may
	have read past it, so then another is queued. For a job that takes all the work waiting (a
	burst of a hundred records is one job, not a hundred, each a process of its own). `name`
	names the jobs' kind; `now`: run at once (tests do)."""
	now = frappe.flags.in_test if now is None else now
	if now:
		frappe.call(method)
		return
	frappe.db.after_commit.add(QueueUnlessWaiting(method, queue, name))


class QueueUnlessWaiting:
	"""The after-commit step of `enqueue_unless_waiting` (a callable, so a test can find it)."""

	def __init__(self, method: str, queue: str, name: str) -> None:
		self.method = method
		self.queue = queue
		self.name = name

	@property
	def latest_key(self) -> str:
		return f"feedback_loop:latest-job:{self.name}"

	def __call__(self) -> None:
		# `expires`: read from Redis, not a copy this process kept (another process queued it).
		latest = frappe.cache.get_value(self.latest_key, expires=True)
		if latest and get_job_status(latest) == JobStatus.QUEUED:
			return
		job_id = f"{self.name}:{frappe.generate_hash(length=12)}"
		try:
			frappe.enqueue(self.method, queue=self.queue, job_id=job_id)
		except frappe.QueueOverloaded:
			frappe.clear_last_message()
			DoneByThisRequest(self.method, {})()
			return
		frappe.cache.set_value(self.latest_key, job_id, expires_in_sec=24 * 60 * 60)
