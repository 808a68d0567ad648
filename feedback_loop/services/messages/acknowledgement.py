"""The acknowledgement: feedback number, subject and promised reply time, in the customer's
language, on the customer's channel (WeChat, SMS or e-mail; outbound.py)."""

from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime, now_datetime

from feedback_loop.core.messages.moments import promised_moment
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_after_commit
from feedback_loop.integrations.frappe.own_transactions import apart
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME
from feedback_loop.services.messages.language import reply_language_of
from feedback_loop.services.messages.outbound import tell
from feedback_loop.services.messages.reach import reach_of_record
from feedback_loop.services.messages.texts import render
from feedback_loop.services.sla.system_time import to_aware

KIND = "Acknowledgement"


def queue_acknowledgement(doc) -> None:
	"""Acknowledge in a background job once the new record is committed.

	The promise needs the record's SLA moments, and building a message costs several times the
	insert itself, so the agent's save does not wait for it; after commit, so the job finds the
	record and a rolled-back insert sends nothing. Tests run it inline.
	"""
	if not get_feedback_settings().send_acknowledgement:
		return
	enqueue_after_commit(
		"feedback_loop.services.messages.acknowledgement.send_acknowledgement",
		queue="short",
		# With the creation moment: a number freed by a rolled-back insert may come back.
		job_id=f"feedback_loop:acknowledge:{doc.name}:{doc.creation}",
		unique_id=True,
		name=doc.name,
	)


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
