# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document


class FeedbackMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_message_attempt.feedback_message_attempt import (
			FeedbackMessageAttempt,
		)

		attempts: DF.Table[FeedbackMessageAttempt]
		channel: DF.Literal["", "WeChat", "SMS", "Email"]
		channel_order: DF.Data | None
		communication: DF.Link | None
		contact: DF.Link | None
		customer: DF.Link | None
		email: DF.Data | None
		email_message: DF.TextEditor | None
		failure: DF.SmallText | None
		feedback_record: DF.Link | None
		feedback_records: DF.SmallText | None
		language: DF.Data | None
		link: DF.Data | None
		message_kind: DF.Literal[
			"Acknowledgement",
			"Resolution Notice",
			"Survey",
			"Survey Reminder",
			"Plan Approved",
			"Plan Completed",
		]
		mobile_no: DF.Data | None
		next_attempt_on: DF.Datetime | None
		provider_message_id: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		send_priority: DF.Int
		sent_on: DF.Datetime | None
		sms_text: DF.SmallText | None
		status: DF.Literal["Queued", "Retrying", "Sent", "Failed", "Skipped"]
		subject: DF.Data | None
		text: DF.SmallText | None
		title: DF.Data | None
		wechat_openid: DF.Data | None
		wechat_source: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	# The delivery job looks for messages due again (services/messages/outbound.py).
	frappe.db.add_index("Feedback Message", ["status", "next_attempt_on"])
