"""The acknowledgement: feedback number, subject and promised reply time, in the customer's
language, on the customer's channel (WeChat, SMS or e-mail; outbound.py)."""

from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import add_to_date, escape_html, get_datetime, now_datetime

from feedback_loop.core.messages.moments import promised_moment
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_unless_waiting
from feedback_loop.integrations.frappe.own_transactions import apart, each_waiting
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME
from feedback_loop.services.messages.language import reply_language_of
from feedback_loop.services.messages.outbound import tell
from feedback_loop.services.messages.reach import reach_of_record
from feedback_loop.services.messages.texts import render
from feedback_loop.services.sla.system_time import to_aware

KIND = "Acknowledgement"
#: A job queued with the record normally runs within seconds; older marks were lost with it.
SWEEP_AFTER_MINUTES = 5


def mark_for_acknowledgement(doc) -> None:
	"""Before the save: the record is to be acknowledged once it is committed (the mark is stored
	with the record, so the save sends no statement more).

	A new record, unless it is a mail waiting for its text, history brought in by import, or a
	record its caller acknowledges itself (a survey's follow-up) or whose triage job will (stored
	first, services/triage/arrival.py); and a mail whose text has just arrived, when its sender
	may be answered (`flags.acknowledge_on_save`, services/intake/inbound_email.py).
	"""
	if doc.is_new():
		# Decided here, whatever a caller or an imported file put in the field.
		wanted = not (
			doc.flags.mail_stub
			or doc.flags.acknowledged_by_caller
			or doc.flags.triage_after_commit
			or frappe.flags.in_import
		)
	elif doc.flags.acknowledge_on_save:
		wanted = True
	else:
		return
	doc.acknowledgement_due = int(wanted and bool(get_feedback_settings().send_acknowledgement))


def queue_acknowledgements(doc) -> None:
	"""After the commit, a job that acknowledges every record then marked, unless one is still
	waiting to start: that one will find this record too. Building a message costs several times
	the insert, so the agent's save does not wait for it; a rolled-back insert sends nothing; a
	burst of records is one job, not one process each. Tests run it at once."""
	if doc.acknowledgement_due:
		enqueue_unless_waiting(
			"feedback_loop.services.messages.acknowledgement.acknowledge_waiting_records",
			queue="short",
			name="feedback_loop:acknowledgements",
		)


def acknowledge_waiting_records() -> int:
	"""The job: every marked record, oldest first, each in its own transaction."""
	return _acknowledge_waiting()


def acknowledge_missed_records() -> int:
	"""Records still marked well after their job should have run (it was lost with the queue)."""
	return _acknowledge_waiting(created_before=add_to_date(now_datetime(), minutes=-SWEEP_AFTER_MINUTES))


def _acknowledge_waiting(created_before=None) -> int:
	filters = {"acknowledgement_due": 1}
	if created_before:
		filters["creation"] = ("<", created_before)
	return sum(
		1
		for _name, _message in each_waiting(
			"Feedback Record",
			filters,
			"creation asc",
			_acknowledge_marked,
			failure_title=_("Feedback acknowledgement failed"),
			# Tried once, as a job of its own was: logged, never retried for ever.
			on_failure=_unmark_after_failure,
		)
	)


def _acknowledge_marked(name: str) -> str | None:
	# The mark's row lock makes a second job (or the sweep) wait, then find nothing to send.
	_unmark(name)
	return send_acknowledgement(name)


def _unmark(name: str) -> None:
	frappe.db.set_value("Feedback Record", name, "acknowledgement_due", 0, update_modified=False)


def _unmark_after_failure(name: str) -> None:
	_unmark(name)
	if not frappe.flags.in_test:
		frappe.db.commit()


def acknowledge_now(name: str) -> None:
	"""A job that has just made or triaged the record acknowledges it itself, after its commit,
	rather than queue a job of its own: a worker starts every job in a new process. A failure is
	logged; the record is not touched."""
	apart(
		lambda: send_acknowledgement(name),
		failure_title=_("Feedback acknowledgement failed"),
		doctype="Feedback Record",
		name=name,
	)


def send_acknowledgement(name: str) -> str | None:
	"""Queue the acknowledgement once per record; returns its Feedback Message. The record's
	acknowledged_on is set when the message goes out (outbound.py)."""
	settings = get_feedback_settings()
	if not settings.send_acknowledgement:
		return None
	try:
		# The row lock makes a retried or duplicated job wait, then find the message and stop.
		doc = frappe.get_doc("Feedback Record", name, for_update=True)
	except frappe.DoesNotExistError:
		# Deleted (or its insert rolled back) before the job ran: there is no one to acknowledge.
		frappe.clear_last_message()
		return None
	if doc.acknowledged_on:
		return None
	if frappe.db.exists(
		"Feedback Message",
		{"feedback_record": doc.name, "message_kind": KIND, "creation": (">=", doc.creation)},
	):
		return None
	language = reply_language_of(doc)
	message = tell(
		KIND,
		reach=reach_of_record(doc),
		language=language,
		context=acknowledgement_context(doc, language, settings),
		reference_doctype=doc.doctype,
		reference_name=doc.name,
		feedback_records=(doc.name,),
		customer=doc.customer,
		contact=doc.contact,
	)
	return message


def acknowledgement_context(doc, language: str, settings=None) -> dict:
	settings = settings or get_feedback_settings()
	return {
		"doc": doc,
		"number": doc.name,
		# Values typed by customers are escaped: the e-mail templates are HTML.
		"customer_name": escape_html(doc.customer_name or doc.sender_name or ANONYMOUS_NAME[language]),
		"subject": escape_html(doc.subject or ""),
		"reply_days": settings.reply_within_working_days or 0,
		"reply_by": promised_reply_moment(doc),
	}


def render_acknowledgement(doc, language: str, channel: str = "Email") -> tuple[str, str]:
	"""(subject, text) of the acknowledgement as `channel` would carry it."""
	return render(KIND, channel, language, acknowledgement_context(doc, language))


def promised_reply_moment(doc) -> str | None:
	"""The first-response due moment, on the clock of the policy's time zone (the customer's),
	with that time zone's offset, else the site's (System Settings)."""
	if not (doc.first_response_due and doc.sla_policy):
		return None
	# Received long before it was entered (a letter, an old mail): it was due before it was even
	# entered, and a promise in the past is none; the message then promises the usual working days.
	if get_datetime(doc.first_response_due) <= get_datetime(doc.creation or now_datetime()):
		return None
	timezone = frappe.db.get_value("Feedback SLA Policy", doc.sla_policy, "timezone")
	moment = to_aware(doc.first_response_due)
	if timezone:
		moment = moment.astimezone(ZoneInfo(timezone))
	return promised_moment(moment)
