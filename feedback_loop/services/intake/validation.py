"""Intake checks that every Feedback Record passes, whichever channel created it."""

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, getdate, now_datetime

from feedback_loop.core.intake.received_on import ReceivedOnProblem, check_received_on
from feedback_loop.core.intake.rules import (
	CHANNELS,
	MAX_DESCRIPTION_CHARS,
	MAX_SUBJECT_CHARS,
	IntakeProblem,
	check_classification,
	check_party,
	check_text,
)
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.plain_text import plain_text


def validate_intake(doc) -> None:
	problems = check_party(
		has_customer=bool(doc.customer),
		anonymous=bool(doc.anonymous),
		channel=doc.channel,
		anonymous_allowed=bool(get_feedback_settings().allow_anonymous_web_feedback),
		has_sender=bool(
			doc.sender or doc.sender_name or doc.contact_email or doc.contact_phone or doc.external_sender
		),
		# A customer deleted in ERPNext leaves the record without one (services/erp_links).
		party_changed=doc.is_new() or any(doc.has_value_changed(f) for f in ("customer", "anonymous")),
	)
	problems += check_classification(doc.channel, doc.feedback_type)
	problems += check_text(doc.subject, plain_text(doc.description))
	if doc.received_on:
		problems += check_received_on(
			get_datetime(doc.received_on),
			now_datetime(),
			getdate(doc.occurred_on) if doc.occurred_on else None,
		)
	if problems:
		frappe.throw(
			"<br>".join(_message(problem, doc) for problem in problems),
			title=_("Feedback cannot be saved"),
		)


def _message(problem: IntakeProblem | ReceivedOnProblem, doc) -> str:
	match problem:
		case IntakeProblem.CUSTOMER_REQUIRED:
			return _("Please select the customer this feedback comes from.")
		case IntakeProblem.ANONYMOUS_NOT_ALLOWED:
			return _(
				"Anonymous feedback is only accepted from the web form, and only when Feedback Settings allow it."
			)
		case IntakeProblem.ANONYMOUS_NEEDS_CONTACT:
			return _("Anonymous feedback needs the sender's name or e-mail address so that we can reply.")
		case IntakeProblem.UNKNOWN_CHANNEL:
			return _("Channel {0} is not known. Use one of: {1}.").format(
				frappe.bold(doc.channel or _("(empty)")),
				", ".join(_(c, context="Feedback Record") for c in CHANNELS),
			)
		case IntakeProblem.UNKNOWN_TYPE:
			return _("Feedback Type {0} is not known.").format(frappe.bold(doc.feedback_type or _("(empty)")))
		case IntakeProblem.DESCRIPTION_REQUIRED:
			return _("Please describe the feedback.")
		case IntakeProblem.DESCRIPTION_TOO_LONG:
			return _(
				"The description has {0} characters; at most {1} are accepted. Attach long texts as a file."
			).format(len(plain_text(doc.description)), MAX_DESCRIPTION_CHARS)
		case IntakeProblem.SUBJECT_TOO_LONG:
			return _("The subject may have at most {0} characters.").format(MAX_SUBJECT_CHARS)
		case ReceivedOnProblem.IN_FUTURE:
			return _("Received On {0} is in the future. Enter when the customer called or wrote.").format(
				format_datetime(doc.received_on)
			)
		case ReceivedOnProblem.BEFORE_OCCURRED:
			return _("Received On {0} is before the problem occurred ({1}).").format(
				format_datetime(doc.received_on), frappe.format(doc.occurred_on, "Date")
			)
	return str(problem)
