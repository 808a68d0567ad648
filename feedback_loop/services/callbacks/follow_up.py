"""The feedback an unhappy answer raises: a low score or a complaint in the free text becomes a
Feedback Record (channel Survey, urgency High) that goes through triage and the SLA like any other.

A customer's answer on the survey page is stored at once and marked `follow_up_due` in the same
transaction; the record is raised right after the commit by a job, so the customer's phone does
not wait for a whole triage it never sees. Each job raises every answer then waiting, and an
answer queues none while one is waiting to start, so a burst of answers costs the worker's
start-up once. The mark is what makes this safe: a job lost with the
queue (a worker killed, Redis flushed) is found by the sweep (`raise_missed_follow_ups`, every ten
minutes), and the revisit's row lock with the record's idempotency key (the revisit's name) make a
repeated job, or the job and the sweep together, raise one record. An agent recording a call
raises it in the request, to see it when the form reloads.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from feedback_loop.core.callbacks.survey_answers import Scores, score_summary, stored_scores
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_unless_waiting
from feedback_loop.integrations.frappe.own_transactions import each_waiting
from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.messages.acknowledgement import acknowledge_now

#: A job queued with the answer normally runs within seconds; older marks were lost with it.
SWEEP_AFTER_MINUTES = 10


def raise_follow_up(callback, scores: Scores, language: str, acknowledged_here: bool = False) -> str:
	"""The record for an unhappy answer; its description is the customer's own words, the scores
	stay on the revisit (linked as the record's survey) and in one line beside them.

	`acknowledged_here`: the caller, a job, acknowledges it after its commit (no job of its own)."""
	summary = score_summary(scores)
	words = scores.free_text.strip()
	if not words:
		with frappe.translate.print_language(language):
			words = _("The customer gave a low score in the survey ({0}) and wrote nothing.").format(summary)
	first_line = scores.free_text.strip().splitlines()[0][:120] if scores.free_text.strip() else None
	with frappe.translate.print_language(language):
		subject = first_line or _("Low score in survey: {0}").format(summary)
	return create_feedback(
		{
			"customer": callback.customer,
			"contact": callback.contact,
			"feedback_type": "Complaint",
			"subject": subject,
			"description": words,
			"sales_order": callback.sales_order,
			"impact": "One Customer",
			"urgency": "High",
			"language": language,
			"survey_callback": callback.name,
			"survey_scores": summary,
			# The answers may not be stored yet: its analysis gets the words from here.
			"survey_words": scores.free_text,
			# The survey page shows the privacy notice above its send button.
			"consent": "1",
			"acknowledged_by_caller": acknowledged_here,
		},
		channel="Phone" if callback.channel == "Phone" else "Survey",
		# One feedback per answered survey, however often the answer is posted or the job runs.
		external_id=callback.name,
	).name


def queue_follow_up(callback) -> None:
	"""After the answer's commit (a rolled-back answer raises nothing), unless a follow-up job is
	still waiting to start: it will raise this answer's record too. Tests run it at once."""
	enqueue_unless_waiting(
		"feedback_loop.services.callbacks.follow_up.raise_waiting_follow_ups",
		queue="short",
		name="feedback_loop:follow-up",
	)


def raise_waiting_follow_ups() -> int:
	"""The job each unhappy answer queues: every answer still waiting, its own among them.

	A worker starts each job in a fresh process, which loads the text analysis before its first
	record (about 2.5 s): the first job of a burst of answers raises them all, paying that once,
	and the jobs after it find nothing left to do."""
	return _raise_waiting()


def raise_missed_follow_ups() -> int:
	"""Answers still waiting well after their job should have run (the job was lost)."""
	return _raise_waiting(responded_before=add_to_date(now_datetime(), minutes=-SWEEP_AFTER_MINUTES))


def _raise_waiting(responded_before=None) -> int:
	"""Oldest first, each answer in its own transaction; an answer that fails is tried once a run."""
	filters = {"follow_up_due": 1}
	if responded_before:
		filters["responded_on"] = ("<", responded_before)
	raised = 0
	for _name, (record, raised_now) in each_waiting(
		"Feedback Callback",
		filters,
		"responded_on asc",
		_raise_one,
		failure_title=_("A survey answer's feedback could not be raised; it will be retried"),
	):
		if raised_now:
			raised += 1
			acknowledge_now(record)
	return raised


def raise_due_follow_up(name: str) -> str | None:
	"""The record a stored answer is waiting for, raised now unless it already was (None: the
	revisit is gone, or its answer raised nothing)."""
	record, raised_now = _raise_one(name)
	if raised_now:
		acknowledge_now(record)
	return record


def _raise_one(name: str) -> tuple[str | None, bool]:
	"""(the answer's record, whether this call raised it)."""
	# The row lock makes a second job, or the sweep, wait, then find the mark cleared. Only the
	# revisit's row: locking its answer rows would take gap locks that other answers' inserts wait on.
	state = frappe.db.get_value(
		"Feedback Callback", name, ["follow_up_due", "created_feedback"], for_update=True
	)
	if state is None:
		# Deleted (a personal-data erasure) before the job ran: nobody to follow up.
		return None, False
	due, created = state
	if not due:
		return created, False
	callback = frappe.get_doc("Feedback Callback", name)
	record = callback.created_feedback or raise_follow_up(
		callback, scores_of_revisit(callback), callback.language or "en", acknowledged_here=True
	)
	# The revisit's own history is the answer; this only completes it.
	callback.db_set({"created_feedback": record, "follow_up_due": 0}, update_modified=False)
	return record, True


def scores_of_revisit(callback) -> Scores:
	return stored_scores(
		callback.csat,
		callback.nps,
		bool(callback.nps_answered),
		callback.ces,
		callback.solved,
		[(row.question_type, row.answer) for row in callback.answers],
	)
