# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from feedback_loop.core.triage.initial_sentiment import sentiment_from_type
from feedback_loop.integrations.frappe.write_conflicts import (
	for_this_transaction as locking_reads_see_latest_for_this_transaction,
)
from feedback_loop.services.callbacks.resolution import check_notice_choice
from feedback_loop.services.callbacks.resolution import on_resolved as tell_customer_it_is_resolved
from feedback_loop.services.feedback_status import apply_status_change
from feedback_loop.services.intake.inbound_email import is_mail_stub, prepare_mail_stub
from feedback_loop.services.intake.key_facts import set_key_facts
from feedback_loop.services.intake.references import validate_references
from feedback_loop.services.intake.sender_identity import remember_from_feedback
from feedback_loop.services.intake.validation import validate_intake
from feedback_loop.services.messages.acknowledgement import (
	mark_for_acknowledgement,
	queue_acknowledgements,
)
from feedback_loop.services.messages.language import reply_language_of
from feedback_loop.services.messages.outbound import delete_messages_of
from feedback_loop.services.privacy.anonymisation import (
	FEEDBACK_PERSONAL,
	refuse_personal_data_after_anonymisation,
)
from feedback_loop.services.privacy.contact_masking import set_masked_fields
from feedback_loop.services.sla.clocks import apply_sla, note_late_entry
from feedback_loop.services.sla.indicator import sla_indicator
from feedback_loop.services.triage.analysis import apply_triage
from feedback_loop.services.triage.arrival import mark_for_triage, queue_triage, stored_first
from feedback_loop.services.triage.assignee import keep_assignee_columns
from feedback_loop.services.triage.customer_segment import segment_for_customer
from feedback_loop.services.triage.priority import apply_priority, priority_reasons, raise_the_crowd
from feedback_loop.services.triage.routing import set_category_group


class FeedbackRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledged_on: DF.Datetime | None
		acknowledgement_due: DF.Check
		analysed_on: DF.Datetime | None
		analysis_attempts: DF.Int
		analysis_status: DF.Literal["", "Analysed", "Pending Re-analysis"]
		anonymised_on: DF.Datetime | None
		anonymous: DF.Check
		assigned_at_breach: DF.SmallText | None
		aspects: DF.SmallText | None
		assignee: DF.Link | None
		category: DF.Link | None
		category_confidence: DF.Percent
		category_evidence: DF.SmallText | None
		category_group: DF.Link | None
		category_source: DF.Literal["", "Manual", "Rule", "Model"]
		channel: DF.Literal[
			"Desk",
			"Phone",
			"Email",
			"Portal",
			"Web",
			"WeChat",
			"SMS",
			"In Person",
			"Paper Form",
			"Survey",
			"API",
			"Import",
		]
		clarifying_question: DF.SmallText | None
		closed_on: DF.Datetime | None
		comparison_text: DF.LongText | None
		consent_given: DF.Check
		consent_recorded_on: DF.Datetime | None
		consent_version: DF.Data | None
		contact: DF.Link | None
		contact_email: DF.Data | None
		contact_email_masked: DF.Data | None
		contact_phone: DF.Data | None
		contact_phone_masked: DF.Data | None
		customer: DF.Link | None
		customer_group: DF.Link | None
		customer_name: DF.Data | None
		customer_segment: DF.Literal["", "New", "Returning", "Key Account"]
		deleted_documents: DF.SmallText | None
		delivery_note: DF.Link | None
		department: DF.Link | None
		description: DF.TextEditor
		duplicate_of: DF.Link | None
		duplicate_similarity: DF.Percent
		escalation_level: DF.Int
		expected_solution: DF.SmallText | None
		external_id: DF.Data | None
		external_sender: DF.Data | None
		facts_complete: DF.Check
		feedback_type: DF.Literal["Complaint", "Suggestion", "Praise", "Inquiry"]
		first_responded_on: DF.Datetime | None
		first_response_due: DF.Datetime | None
		frequency: DF.Literal["", "Once", "Sometimes", "Often", "Always"]
		idempotency_key: DF.Data | None
		impact: DF.Literal["One Customer", "Several Customers", "Many Customers", "Core Function Down"]
		industry: DF.Link | None
		issue: DF.Link | None
		item: DF.Link | None
		item_name: DF.Data | None
		keywords: DF.SmallText | None
		missing_facts: DF.SmallText | None
		messaging_source: DF.Link | None
		needs_clarification: DF.Check
		next_escalation_at: DF.Datetime | None
		no_notice_reason: DF.SmallText | None
		notify_on_resolution: DF.Check
		occurred_on: DF.Date | None
		occurrence_count: DF.Int
		paused_since: DF.Datetime | None
		paused_working_hours: DF.Float
		possible_duplicate_of: DF.Link | None
		priority: DF.Literal["Urgent", "High", "Medium", "Low"]
		priority_basis: DF.JSON | None
		priority_floor: DF.Literal["", "Urgent", "High", "Medium", "Low"]
		received_on: DF.Datetime
		reply_language: DF.Link | None
		resolution_due: DF.Datetime | None
		resolution_fulfilled_on: DF.Datetime | None
		resolution_notice: DF.SmallText | None
		resolution_sla_status: DF.Literal["", "On Track", "At Risk", "Paused", "Breached", "Met"]
		resolution_summary: DF.TextEditor | None
		resolution_warning_at: DF.Datetime | None
		resolution_working_hours: DF.Float
		resolved_on: DF.Datetime | None
		response_sla_status: DF.Literal["", "On Track", "At Risk", "Paused", "Breached", "Met"]
		response_warning_at: DF.Datetime | None
		response_working_hours: DF.Float
		root_cause_analysis: DF.Link | None
		root_cause_category: DF.Literal[
			"", "Man", "Machine", "Material", "Method", "Environment", "Measurement"
		]
		safety_dismissed: DF.Check
		safety_evidence: DF.SmallText | None
		safety_or_legal_risk: DF.Check
		safety_suggested: DF.Check
		sales_invoice: DF.Link | None
		sales_order: DF.Link | None
		sender: DF.Data | None
		sender_masked: DF.Data | None
		sender_name: DF.Data | None
		sentiment: DF.Literal["", "Negative", "Neutral", "Positive"]
		sentiment_cues: DF.SmallText | None
		sentiment_score: DF.Float
		sla_policy: DF.Link | None
		sla_started_on: DF.Datetime | None
		status: DF.Literal[
			"Open",
			"Acknowledged",
			"In Progress",
			"Waiting on Customer",
			"Resolved",
			"Closed",
			"Invalid",
			"Duplicate",
		]
		status_reason: DF.SmallText | None
		subject: DF.Data
		suggested_category: DF.Link | None
		survey_callback: DF.Link | None
		survey_scores: DF.Data | None
		territory: DF.Link | None
		text_language: DF.Literal["", "zh", "en", "mixed"]
		topic: DF.Link | None
		urgency: DF.Literal["Low", "Medium", "High", "Critical"]
	# end: auto-generated types

	def before_insert(self):
		# Naming takes the day's series row lock and holds it until commit, so every concurrent
		# save waits for this one: everything that does not need the name is done before it.
		self.prepare()
		self.flags.prepared_before_naming = True
		# MariaDB 11.8: the series row is taken as other saves left it, never refused for having
		# moved since this transaction's first read (an agent's save beside the API's).
		locking_reads_see_latest_for_this_transaction()

	def before_validate(self):
		if not self.flags.prepared_before_naming:
			self.prepare()

	def validate(self):
		# Prepared once, before naming; a later save of the same object prepares again.
		self.flags.prepared_before_naming = False

	def prepare(self):
		"""Fill in, check, triage and time the record: everything a save decides."""
		self.fill_in()
		self.check_and_decide()

	def fill_in(self):
		if is_mail_stub(self):
			prepare_mail_stub(self)
		if frappe.flags.in_import and self.is_new():
			self.channel = self.channel or "Import"
		self.received_on = self.received_on or now_datetime()
		self.clear_customer_of_anonymous_feedback()
		set_masked_fields(self)
		self.set_initial_sentiment()
		if stored_first(self):
			# Decided with the rest of its triage, after the commit (services/triage/arrival.py).
			return
		self.set_customer_segment()
		self.set_reply_language()

	def check_and_decide(self):
		mark_for_acknowledgement(self)
		if self.flags.mail_stub:
			# Checked, triaged and timed when its mail's text arrives (services/intake/inbound_email.py).
			return
		refuse_personal_data_after_anonymisation(self, FEEDBACK_PERSONAL)
		keep_assignee_columns(self)
		validate_intake(self)
		validate_references(self)
		if stored_first(self):
			mark_for_triage(self)
			apply_status_change(self)
			check_notice_choice(self)
			return
		# Before the SLA: a policy may match on the category the analysis sets, and the priority
		# rules read what the analysis found.
		apply_triage(self)
		# After the analysis: a vague text is no clear description.
		set_key_facts(self)
		set_category_group(self)
		apply_priority(self)
		apply_status_change(self)
		check_notice_choice(self)
		# After the lifecycle: the SLA reads the status and the resolved-on stamp it sets.
		apply_sla(self)

	def onload(self):
		self.set_onload("priority_reasons", priority_reasons(self.priority_basis))
		self.set_onload("sla_indicator", sla_indicator(self))

	def after_insert(self):
		if stored_first(self):
			# Its triage job notes a late entry, raises the crowd and acknowledges.
			queue_triage(self)
			self.flags.triage_after_commit = False
			return
		note_late_entry(self)
		raise_the_crowd(self)
		# Marked before the insert (mark_for_acknowledgement): which records are acknowledged, and
		# by whom.
		queue_acknowledgements(self)

	def on_update(self):
		remember_from_feedback(self)
		# Resolved now, not arrived resolved (imported history is never announced).
		before = self.get_doc_before_save()
		if before is not None and before.status != self.status == "Resolved":
			tell_customer_it_is_resolved(self)

	def on_trash(self):
		delete_messages_of(self.doctype, self.name)

	def clear_customer_of_anonymous_feedback(self):
		if self.customer:
			self.anonymous = 0

	def set_initial_sentiment(self):
		if not self.sentiment:
			self.sentiment = sentiment_from_type(self.feedback_type).value

	def set_reply_language(self):
		if not self.reply_language:
			self.reply_language = reply_language_of(self)

	def set_customer_segment(self):
		if not self.customer:
			self.customer_segment = None
		elif self.is_new() or self.has_value_changed("customer") or not self.customer_segment:
			self.customer_segment = segment_for_customer(self.customer).value


def on_doctype_update():
	# Duplicate detection looks up one party's recent records (services/triage/duplicates.py).
	for party in ("customer", "contact", "sender"):
		frappe.db.add_index("Feedback Record", [party, "creation"])
	# The SLA sweep filters on a clock's state and one of its moments together.
	for clock, due, warning in (
		("response", "first_response_due", "response_warning_at"),
		("resolution", "resolution_due", "resolution_warning_at"),
	):
		frappe.db.add_index("Feedback Record", [f"{clock}_sla_status", due])
		frappe.db.add_index("Feedback Record", [f"{clock}_sla_status", warning])
	# The priority rules count the customers who reported a category in a window, on every save:
	# from the index alone (patch count_reports_from_an_index drops the narrower one).
	frappe.db.add_index(
		"Feedback Record", list(CATEGORY_REPORTS_INDEX[1]), index_name=CATEGORY_REPORTS_INDEX[0]
	)
	# The retry job looks for records whose analysis is pending, every ten minutes.
	frappe.db.add_index("Feedback Record", ["analysis_status", "analysis_attempts"])
	# The triage job and its sweep look for records stored first, oldest first (triage/arrival.py).
	frappe.db.add_index("Feedback Record", ["triage_due", "creation"])
	# The acknowledgement job and its sweep look for marked records, oldest first (acknowledgement.py).
	frappe.db.add_index("Feedback Record", ["acknowledgement_due", "creation"])
	# Covering indexes for the reports, which count by when the customer gave the feedback
	# (patch count_by_received_on dropped the ones on creation): a period's GROUP BY reads the index alone, not the rows
	# (short columns, see the `length` of the status fields, keep them small).
	for name, fields in REPORT_INDEXES.items():
		frappe.db.add_index("Feedback Record", list(fields), index_name=name)


CATEGORY_REPORTS_INDEX = ("fl_category_reports", ("category", "received_on", "status", "customer"))

REPORT_INDEXES = {
	# Feedback Overview, Sentiment Trend, Top Issues, the workspace charts.
	"fl_received_scope": ("received_on", "channel", "status", "sentiment", "category", "priority"),
	# SLA Compliance: every grouping, both clocks' states and the working hours taken.
	"fl_received_sla_by_assignee": (
		"received_on",
		"sla_policy",
		"priority",
		"assignee",
		"department",
		"response_sla_status",
		"resolution_sla_status",
		"first_responded_on",
		"response_working_hours",
		"resolution_fulfilled_on",
		"resolution_working_hours",
	),
	# Customer Feedback Summary and the Customer form: grouped by customer in index order.
	"fl_received_customer": (
		"customer",
		"received_on",
		"status",
		"sentiment",
		"response_sla_status",
		"resolution_sla_status",
	),
}
