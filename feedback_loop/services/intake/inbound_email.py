"""Feedback by e-mail, through Frappe's own mail intake (an Email Account that appends to
Feedback Record).

Frappe first creates the record from the subject and sender alone, then the Communication
holding the mail. The record is therefore completed when that Communication arrives: the
mail's text becomes the description, the sender's address finds the contact and customer, and
only then is the record validated, triaged and acknowledged, like feedback from any channel.
Replies in the same thread are threaded onto the record by Frappe (In-Reply-To, or the number
in the subject); a reply to a record that waits on the customer puts it back to work.
"""

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, now_datetime, strip_html_tags

from feedback_loop.core.intake.automatic_mail import should_acknowledge
from feedback_loop.core.intake.rules import MAX_DESCRIPTION_CHARS, subject_from_description
from feedback_loop.services.intake.create import plain_text_to_html, set_party
from feedback_loop.services.messages.acknowledgement import queue_acknowledgements
from feedback_loop.services.privacy.consent import record_consent

#: Room left in the description for the note that the mail was cut.
_CUT_MARGIN = 200


def is_mail_stub(doc) -> bool:
	"""The record Frappe's mail intake inserts: only subject and sender, mandatory checks off."""
	return bool(doc.is_new() and doc.flags.ignore_mandatory and doc.sender and not doc.description)


def prepare_mail_stub(doc) -> None:
	"""Defaults so the stub can be stored until its mail's text arrives a moment later."""
	doc.channel = "Email"
	doc.feedback_type = doc.feedback_type or "Complaint"
	doc.impact = doc.impact or "One Customer"
	doc.urgency = doc.urgency or "Medium"
	doc.flags.mail_stub = True


def on_received_mail(communication) -> None:
	if communication.reference_doctype != "Feedback Record" or not communication.reference_name:
		return
	doc = frappe.get_doc("Feedback Record", communication.reference_name)
	if not doc.description:
		complete_from_mail(doc, communication)
	elif doc.status == "Waiting on Customer":
		doc.status = "In Progress"
		doc.status_reason = _("The customer replied by e-mail.")
		doc.flags.ignore_permissions = True
		doc.save()


def complete_from_mail(doc, communication) -> None:
	text = (communication.text_content or strip_html_tags(communication.content or "")).strip()
	if len(text) > MAX_DESCRIPTION_CHARS - _CUT_MARGIN:
		text = (
			text[: MAX_DESCRIPTION_CHARS - _CUT_MARGIN]
			+ "\n"
			+ _("(cut; the whole e-mail is in the timeline)")
		)
	text = text or doc.subject or _("(empty e-mail)")
	doc.description = plain_text_to_html(text)
	doc.subject = doc.subject or subject_from_description(text)
	doc.contact_email = doc.contact_email or doc.sender
	# When the customer wrote (the mail's Date), not when the mailbox was polled; a sender's
	# clock ahead of ours is not the future.
	if communication.communication_date:
		doc.received_on = min(get_datetime(communication.communication_date), now_datetime())
	set_party(doc, {"sender": doc.sender})
	# A mail says nothing about the privacy notice: recorded as not given, with the version in force.
	record_consent(doc, False)
	doc.flags.ignore_permissions = True
	# The save marks it (mark_for_acknowledgement) when its sender may be answered.
	doc.flags.acknowledge_on_save = acknowledgement_allowed(doc)
	doc.save()
	queue_acknowledgements(doc)


def acknowledgement_allowed(doc) -> bool:
	own = {address.lower() for address in frappe.get_all("Email Account", pluck="email_id") if address}
	since = add_days(now_datetime(), -1)
	acknowledged_today = frappe.db.count(
		"Feedback Record",
		{"sender": doc.sender, "acknowledged_on": (">=", since), "name": ("!=", doc.name)},
	)
	return should_acknowledge(
		doc.sender, doc.subject, own_addresses=own, acknowledged_today=acknowledged_today
	)
