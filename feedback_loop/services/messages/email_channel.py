"""E-mail through Frappe's Email Queue: the queue sends, retries and records the delivery state on
the message's Communication (its `communication` link), as for any e-mail of the desk."""

import frappe

from feedback_loop.core.messages.channels import Channel, Outcome, Result
from feedback_loop.services.messages.conversation import sent_communication

#: Survey e-mails carry an opt-out link that works without login (api/survey.py).
SURVEY_OPT_OUT = "/api/method/feedback_loop.api.survey.opt_out"
SURVEY_KINDS = ("Survey", "Survey Reminder")


def send(message) -> Outcome:
	communication = message.communication = sent_communication(
		message,
		Channel.EMAIL,
		content=message.email_message,
		delivery_status="Sending",
		subject=message.subject,
	)
	survey = message.message_kind in SURVEY_KINDS
	try:
		frappe.sendmail(
			recipients=[message.email],
			subject=message.subject,
			message=message.email_message,
			reference_doctype=message.reference_doctype,
			reference_name=message.reference_name,
			communication=communication,
			send_priority=message.send_priority or 1,
			unsubscribe_method=SURVEY_OPT_OUT if survey else None,
			unsubscribe_message=frappe._("Stop feedback surveys") if survey else None,
			# Never roll back the caller because the mail server is down; the queue retries.
			delayed=True,
		)
	except frappe.ValidationError as error:
		frappe.db.set_value("Communication", communication, "delivery_status", "Error", update_modified=False)
		return Outcome(Result.NEXT, f"e-mail refused: {error}")
	return Outcome(Result.SENT, frappe._("queued in the Email Queue"))
