"""Feedback from an integration stored the moment it arrives, triaged right after.

An API request (README "Submitting feedback through the API") is answered once its record is
checked and stored: the fields, the named records, the customer, the consent. What the
integration does not wait for — the text analysis with the duplicate look-up, the segment, the
reply language, the priority rules and the SLA — follows from a job queued at the commit, which
saves the record as its first save would have, then notes a late entry, raises the crowd and
acknowledges. Until then the record carries the matrix's priority, `triage_due`, and the state
of imported history awaiting its first analysis, which the routing rules wait for
(core/triage/routing.py): nobody is assigned and notified before the category is known.

The mark is what makes it safe, as for survey answers (services/callbacks/follow_up.py): each job
triages every record then waiting, and a record queues none while one is waiting to start (a
worker pays its start-up once a burst), a job lost with the queue is swept up after ten minutes,
and the record's row lock makes a repeated job, or a job and the sweep together, triage a record
once. `wait_for_triage` keeps the whole triage in the request.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_unless_waiting
from feedback_loop.integrations.frappe.own_transactions import each_waiting
from feedback_loop.services.messages.acknowledgement import acknowledge_now
from feedback_loop.services.sla.clocks import note_late_entry
from feedback_loop.services.triage.analysis import MAX_ATTEMPTS, PENDING, note_manual_category
from feedback_loop.services.triage.priority import compute_priority, raise_the_crowd

#: A job queued with the record normally runs within seconds; older marks were lost with it.
SWEEP_AFTER_MINUTES = 10
DOCTYPE = "Feedback Record"


def stored_first(doc) -> bool:
	"""The record's triage follows its insert (set by the API's intake on a new record only)."""
	return bool(doc.flags.triage_after_commit)


def mark_for_triage(doc) -> None:
	"""What the insert decides by itself: the mark, the wait for analysis, the matrix's priority."""
	note_manual_category(doc)
	doc.triage_due = 1
	# Imported history's state before its first analysis: routing waits for it, and a save by an
	# agent before the job analyses the text as any pending record's save does.
	doc.analysis_status = PENDING
	doc.analysis_attempts = 0
	doc.priority = compute_priority(doc.impact, doc.urgency, bool(doc.safety_or_legal_risk))


def queue_triage(doc) -> None:
	"""After the insert's commit (a rolled-back insert queues nothing), unless a triage job is
	still waiting to start: it will triage this record too. Tests run it at once."""
	enqueue_unless_waiting(
		"feedback_loop.services.triage.arrival.triage_waiting_records",
		queue="short",
		name="feedback_loop:triage",
	)


def triage_waiting_records() -> int:
	"""The job each stored-first record queues: every record still waiting, its own among them."""
	return _triage_waiting()


def triage_missed_records() -> int:
	"""Records still waiting well after their job should have run (the job was lost)."""
	return _triage_waiting(created_before=add_to_date(now_datetime(), minutes=-SWEEP_AFTER_MINUTES))


def _triage_waiting(created_before=None) -> int:
	"""Oldest first, each record in its own transaction; a record that fails is left marked and
	tried again by the sweep, a few times at most (each failure counted as an attempt, as a failed
	analysis's retries are)."""
	filters = {"triage_due": 1, "analysis_attempts": ("<", MAX_ATTEMPTS)}
	if created_before:
		filters["creation"] = ("<", created_before)
	done = 0
	for name, triaged in each_waiting(
		DOCTYPE,
		filters,
		"creation asc",
		triage_record,
		failure_title=_("Feedback could not be triaged; it will be retried"),
		on_failure=_count_failure,
	):
		done += 1 if triaged else 0
		acknowledge_now(name)
	return done


def _count_failure(name: str) -> None:
	fr = frappe.qb.DocType(DOCTYPE)
	frappe.qb.update(fr).set(fr.analysis_attempts, fr.analysis_attempts + 1).where(fr.name == name).run()
	if not frappe.flags.in_test:
		frappe.db.commit()


def triage_record(name: str) -> bool:
	"""The first save's decisions for a stored-first record, unless already made (False)."""
	# The row lock makes a second job, or the sweep, wait, then find the mark cleared.
	if not frappe.db.get_value(DOCTYPE, name, "triage_due", for_update=True):
		return False
	doc = frappe.get_doc(DOCTYPE, name)
	doc.triage_due = 0
	doc.flags.ignore_permissions = True
	# Its SLA is started as on a new record's save: from when the customer gave the feedback.
	doc.flags.first_triage = True
	# The record's history shows what people changed; its triage is part of its arrival.
	doc.save(ignore_version=True)
	note_late_entry(doc)
	raise_the_crowd(doc)
	return True
