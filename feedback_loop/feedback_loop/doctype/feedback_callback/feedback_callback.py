# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from feedback_loop.integrations.frappe.write_conflicts import (
	for_this_transaction as locking_reads_see_latest_for_this_transaction,
)
from feedback_loop.services.erp_links.deleted_documents import referenced_doctype_added
from feedback_loop.services.messages.outbound import delete_messages_of
from feedback_loop.services.privacy.anonymisation import (
	CALLBACK_PERSONAL,
	refuse_personal_data_after_anonymisation,
)
from feedback_loop.services.privacy.contact_masking import set_masked_fields


class FeedbackCallback(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_callback_answer.feedback_callback_answer import (
			FeedbackCallbackAnswer,
		)

		anonymised_on: DF.Datetime | None
		answers: DF.Table[FeedbackCallbackAnswer]
		assigned_to: DF.Link | None
		attempts: DF.Int
		call_script: DF.Text | None
		callback_type: DF.Literal[
			"After Order",
			"After Delivery",
			"After Invoice",
			"After Support Issue",
			"Onboarding",
			"Periodic Check-in",
			"Resolution Verification",
			"Resolution Notice",
			"Campaign",
		]
		calls_made: DF.Int
		campaign: DF.Link | None
		ces: DF.Float
		channel: DF.Literal["E-mail", "SMS", "WeChat", "Phone"]
		consent_given: DF.Check
		consent_recorded_on: DF.Datetime | None
		consent_version: DF.Data | None
		contact: DF.Link | None
		contact_email: DF.Data | None
		coupon_code: DF.Link | None
		contact_email_masked: DF.Data | None
		created_feedback: DF.Link | None
		csat: DF.Float
		customer: DF.Link | None
		dedupe_key: DF.Data | None
		deleted_documents: DF.SmallText | None
		due_on: DF.Datetime
		feedback_record: DF.Link | None
		follow_up_due: DF.Check
		language: DF.Data | None
		last_error: DF.SmallText | None
		next_attempt_on: DF.Datetime | None
		notes: DF.SmallText | None
		nps: DF.Int
		nps_answered: DF.Check
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		reminder_sent_on: DF.Datetime | None
		responded_on: DF.Datetime | None
		sales_order: DF.Link | None
		sent_on: DF.Datetime | None
		solved: DF.Literal["", "Yes", "No"]
		status: DF.Literal["Scheduled", "Sent", "Responded", "No Response", "Cancelled", "Failed"]
		survey_template: DF.Link | None
		trigger: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		# MariaDB 11.8: the CB series row is taken as other saves left it, never refused for having
		# moved since this transaction's first read (a no-op inside a trigger's own scope).
		locking_reads_see_latest_for_this_transaction()

	def before_validate(self):
		set_masked_fields(self)

	def validate(self):
		refuse_personal_data_after_anonymisation(self, CALLBACK_PERSONAL)

	def after_insert(self):
		referenced_doctype_added(self.reference_doctype)

	def on_trash(self):
		delete_messages_of(self.doctype, self.name)


#: Replaced fl_report_answers, which lacked the customer (patch drop_customerless_answers_index).
ANSWERS_INDEX = "fl_report_answers_by_customer"


def on_doctype_update():
	# Covering indexes for the reports on revisits.
	# The customer is last so that the Customer Feedback Summary, when MariaDB picks this index
	# for its range on responded_on, still reads no row (1.1 s against 0.1 s at 340,000 answers).
	frappe.db.add_index(
		"Feedback Callback",
		["responded_on", "status", "csat", "nps", "nps_answered", "ces", "customer"],
		index_name=ANSWERS_INDEX,
	)
	frappe.db.add_index(
		"Feedback Callback",
		["due_on", "`trigger`", "callback_type", "status"],
		index_name="fl_report_revisits",
	)
	# Customer Feedback Summary: the CSAT of each customer's answers, in index order.
	frappe.db.add_index(
		"Feedback Callback", ["customer", "responded_on", "csat"], index_name="fl_report_customer_answers"
	)
	# The sweep for answers whose feedback was not raised (services/callbacks/follow_up.py).
	frappe.db.add_index("Feedback Callback", ["follow_up_due", "responded_on"])
