# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.core.messages.channels import parse_order
from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.plans.improvement_plan import validate_plan_approvers
from feedback_loop.services.plans.workflow import approver_roles, sync_approvers
from feedback_loop.services.rca.workflow import set_self_validation
from feedback_loop.services.triage.engine import bump_triage_version
from feedback_loop.services.triage.priority import validate_priority_matrix


class FeedbackSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_priority_rule.feedback_priority_rule import (
			FeedbackPriorityRule,
		)

		allow_anonymous_web_feedback: DF.Check
		allow_self_validation: DF.Check
		api_requests_per_minute: DF.Int
		apply_priority_rules: DF.Check
		category_confidence_threshold: DF.Percent
		category_model_categories: DF.Int
		category_model_examples: DF.Int
		category_model_file: DF.Attach | None
		category_model_message: DF.SmallText | None
		category_model_trained_on: DF.Datetime | None
		channel_order: DF.SmallText | None
		demand_words: DF.SmallText | None
		duplicate_similarity_threshold: DF.Percent
		duplicate_window_days: DF.Int
		good_csat_average_at_least: DF.Float
		good_nps_score_at_least: DF.Int
		key_account_min_revenue: DF.Currency
		key_account_urgency_steps: DF.Int
		low_csat_at_most: DF.Int
		low_csat_average_at_most: DF.Float
		low_nps_at_most: DF.Int
		low_nps_score_at_most: DF.Int
		many_customers_at: DF.Int
		max_attachment_mb: DF.Int
		max_call_attempts: DF.Int
		negative_cues: DF.SmallText | None
		new_urgency_steps: DF.Int
		plan_approver_role: DF.Link | None
		plan_budget_limit: DF.Currency
		plan_digest_week: DF.Data | None
		plan_high_budget_approver_role: DF.Link | None
		positive_cues: DF.SmallText | None
		priority_matrix: DF.Table[FeedbackPriorityRule]
		privacy_notice_en: DF.SmallText | None
		privacy_notice_version: DF.Data | None
		privacy_notice_zh: DF.SmallText | None
		raise_on_low_score: DF.Check
		reply_within_working_days: DF.Int
		retention_days: DF.Int
		returning_min_purchases: DF.Int
		returning_urgency_steps: DF.Int
		revisits_paused: DF.Check
		safety_words: DF.SmallText | None
		same_problem_window_days: DF.Int
		second_verification_working_days: DF.Int
		segment_lookback_days: DF.Int
		send_acknowledgement: DF.Check
		several_customers_at: DF.Int
		sms_max_segments: DF.Int
		sms_opt_out_en: DF.Data | None
		sms_opt_out_zh: DF.Data | None
		sms_separate_parts: DF.Check
		sms_success_marker: DF.Data | None
		strongly_negative_at_most: DF.Float
		survey_answers_per_hour: DF.Int
		survey_link_valid_days: DF.Int
		survey_no_response_days: DF.Int
		survey_reminder_days: DF.Int
		tell_customer_on_resolution: DF.Check
		vague_min_length: DF.Int
		vague_phrases: DF.SmallText | None
		web_submissions_per_hour: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_channel_order()
		validate_priority_matrix(self)
		validate_plan_approvers(self)

	def on_update(self):
		# Workers rebuild their analyser from the thresholds, cues and vague phrases kept here.
		bump_triage_version()
		if self.has_value_changed("allow_self_validation"):
			set_self_validation(bool(self.allow_self_validation))
		if self.has_value_changed("plan_approver_role") or self.has_value_changed(
			"plan_high_budget_approver_role"
		):
			sync_approvers(approver_roles(self))
		# The setup steps read this document (services/onboarding).
		refresh_onboarding()

	def validate_channel_order(self):
		# Typed by hand: kept as the channels it names, each once, the others after them.
		self.channel_order = "\n".join(c.value for c in parse_order(self.channel_order))
