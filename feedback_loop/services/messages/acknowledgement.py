"""The acknowledgement e-mail: feedback number, summary and promised reply time, in the customer's language."""

from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import escape_html, now_datetime, validate_email_address

from feedback_loop.core.language import reply_language
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.default_texts import ACKNOWLEDGEMENT, ANONYMOUS_NAME
from feedback_loop.services.plain_text import plain_text
from feedback_loop.services.sla.system_time import to_aware


def queue_acknowledgement(doc) -> None:
	"""Send the acknowledgement in a background job once the new record is committed.

	Building a Frappe e-mail (template, CSS inlining) costs several times the insert itself,
	so the agent's save does not wait for it; after commit, so the job finds the record and a
	rolled-back insert sends nothing. Tests run it inline.
	"""
	if not get_feedback_settings().send_acknowledgement:
		return
	frappe.enqueue(
		"feedback_loop.services.messages.acknowledgement.send_acknowledgement",
		queue="short",
		# With the creation moment: a number freed by a rolled-back insert may come back.
		job_id=f"feedback_loop:acknowledge:{doc.name}:{doc.creation}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		name=doc.name,
	)


def send_acknowledgement(name: str) -> str | None:
	"""Queue the acknowledgement e-mail (Frappe's Email Queue) once per record; return the recipient."""
	settings = get_feedback_settings()
	# The row lock makes a retried or duplicated job wait, then see acknowledged_on and stop.
	doc = frappe.get_doc("Feedback Record", name, for_update=True)
	if not settings.send_acknowledgement or doc.acknowledged_on:
		return None
	recipient = acknowledgement_recipient(doc)
	if not recipient:
		return None

	if not EmailAccount.find_outgoing(match_by_doctype=doc.doctype):
		# Frappe would refuse to queue the mail and so roll back the feedback itself: the
		# customer's words matter more than the receipt, so keep the record and say why.
		doc.add_comment(
			"Info", _("No acknowledgement e-mail was sent: no outgoing e-mail account is set up.")
		)
		return None

	language = reply_language_of(doc)
	subject, message = render_acknowledgement(doc, language, settings)
	frappe.sendmail(
		recipients=[recipient],
		subject=subject,
		message=message,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
		# Never roll back the record because the mail server is down; the queue retries.
		delayed=True,
	)
	doc.db_set("acknowledged_on", now_datetime(), update_modified=False)
	return recipient


def acknowledgement_recipient(doc) -> str | None:
	candidates = [doc.contact_email, doc.sender]
	if doc.customer:
		candidates.append(frappe.db.get_value("Customer", doc.customer, "email_id"))
	for candidate in candidates:
		if candidate and validate_email_address(candidate.strip()):
			return candidate.strip()
	return None


def reply_language_of(doc) -> str:
	"""The record's reply language, else the customer's language, else the language written in."""
	preferred = doc.reply_language
	if not preferred and doc.customer:
		preferred = frappe.db.get_value("Customer", doc.customer, "language")
	return reply_language(preferred, f"{doc.subject or ''} {plain_text(doc.description)}")


def render_acknowledgement(doc, language: str, settings=None) -> tuple[str, str]:
	settings = settings or get_feedback_settings()
	default = ACKNOWLEDGEMENT[language]
	subject_template = settings.get(f"acknowledgement_subject_{language}") or default["subject"]
	message_template = settings.get(f"acknowledgement_message_{language}") or default["message"]
	context = {
		"doc": doc,
		"number": doc.name,
		# Values typed by customers are escaped: the templates are HTML.
		"customer_name": escape_html(doc.customer_name or doc.sender_name or ANONYMOUS_NAME[language]),
		"subject": escape_html(doc.subject or ""),
		"reply_days": settings.reply_within_working_days or 0,
		"reply_by": promised_reply_moment(doc),
	}
	subject = frappe.render_template(subject_template, context).strip()
	return subject, frappe.render_template(message_template, context)


def promised_reply_moment(doc) -> str | None:
	"""The first-response due moment, on the clock of the policy's time zone (the customer's)."""
	if not (doc.first_response_due and doc.sla_policy):
		return None
	timezone = frappe.db.get_value("Feedback SLA Policy", doc.sla_policy, "timezone")
	moment = to_aware(doc.first_response_due)
	if timezone:
		moment = moment.astimezone(ZoneInfo(timezone))
	return moment.strftime("%Y-%m-%d %H:%M")
