# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe import _
from frappe.model.document import Document

from feedback_loop.core.plans.lifecycle import APPROVED, COMPLETED
from feedback_loop.services.plans.improvement_plan import sync_action_todos, validate_plan
from feedback_loop.services.plans.notices import notify_customers, resolve_waiting_feedback


class ImprovementPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.improvement_plan_action.improvement_plan_action import (
			ImprovementPlanAction,
		)
		from feedback_loop.feedback_loop.doctype.improvement_plan_feedback.improvement_plan_feedback import (
			ImprovementPlanFeedback,
		)
		from feedback_loop.feedback_loop.doctype.improvement_plan_log.improvement_plan_log import (
			ImprovementPlanLog,
		)
		from feedback_loop.feedback_loop.doctype.improvement_plan_notice.improvement_plan_notice import (
			ImprovementPlanNotice,
		)

		actions: DF.Table[ImprovementPlanAction]
		after_breach_rate: DF.Percent
		after_count: DF.Int
		after_csat: DF.Float
		after_rate: DF.Float
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		approver_role: DF.Link | None
		baseline_count: DF.Int
		baseline_days: DF.Int
		baseline_rate: DF.Float
		category: DF.Link | None
		change_percent: DF.Float
		completed_on: DF.Date | None
		currency: DF.Link | None
		cycle: DF.Int
		deleted_documents: DF.SmallText | None
		expected_completion: DF.Date | None
		feedback_records: DF.Table[ImprovementPlanFeedback]
		item: DF.Link | None
		measurement_days: DF.Int
		notices: DF.Table[ImprovementPlanNotice]
		objective: DF.SmallText | None
		progress: DF.Percent
		progress_log: DF.Table[ImprovementPlanLog]
		source_analysis: DF.Link | None
		started_on: DF.Date | None
		target_type: DF.Literal["Reduce Feedback Volume", "Reach CSAT", "Limit SLA Breach Rate"]
		target_value: DF.Float
		title: DF.Data
		total_budget: DF.Currency
		verification_due: DF.Date | None
		verification_note: DF.SmallText | None
		verification_result: DF.Literal["", "Verified Effective", "Not Effective"]
		verified_on: DF.Datetime | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		validate_plan(self)

	def before_save(self):
		# In the same transaction as the state change: a failed save sends nothing.
		if self.state_changed_to(APPROVED):
			notify_customers(self, "Approved")
		if self.state_changed_to(COMPLETED):
			notify_customers(self, "Completed")
			resolve_waiting_feedback(
				self, _("Resolved by improvement plan {0}: {1}").format(self.name, self.title)
			)

	def on_update(self):
		sync_action_todos(self)

	def state_changed_to(self, state: str) -> bool:
		before = self.get_doc_before_save()
		return self.workflow_state == state and (before.workflow_state if before else None) != state
