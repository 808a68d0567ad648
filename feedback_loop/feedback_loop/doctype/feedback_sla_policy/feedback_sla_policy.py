# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from feedback_loop.core.feedback_status import STATUSES
from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.services.sla.policy import forget_policies
from feedback_loop.services.sla.policy_validation import calendar_problems, target_problems
from feedback_loop.services.sla.recompute import enqueue_recompute


class FeedbackSLAPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_sla_escalation.feedback_sla_escalation import (
			FeedbackSLAEscalation,
		)
		from feedback_loop.feedback_loop.doctype.feedback_sla_makeup_day.feedback_sla_makeup_day import (
			FeedbackSLAMakeupDay,
		)
		from feedback_loop.feedback_loop.doctype.feedback_sla_target.feedback_sla_target import (
			FeedbackSLATarget,
		)
		from feedback_loop.feedback_loop.doctype.feedback_sla_window.feedback_sla_window import (
			FeedbackSLAWindow,
		)

		category: DF.Link | None
		channel: DF.Literal[
			"",
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
		customer_group: DF.Link | None
		customer_segment: DF.Literal["", "New", "Returning", "Key Account"]
		enabled: DF.Check
		escalations: DF.Table[FeedbackSLAEscalation]
		fulfil_statuses: DF.SmallText | None
		holiday_list: DF.Link | None
		is_default: DF.Check
		makeup_days: DF.Table[FeedbackSLAMakeupDay]
		pause_statuses: DF.SmallText | None
		policy_name: DF.Data
		precedence: DF.Int
		priority: DF.Literal["", "Urgent", "High", "Medium", "Low"]
		targets: DF.Table[FeedbackSLATarget]
		territory: DF.Link | None
		timezone: DF.Autocomplete
		warning_threshold: DF.Percent
		working_windows: DF.Table[FeedbackSLAWindow]
	# end: auto-generated types

	def validate(self):
		messages = calendar_problems(self) + target_problems(self) + self.status_list_problems()
		if self.is_default and self.enabled:
			other = frappe.db.get_value(
				"Feedback SLA Policy", {"is_default": 1, "enabled": 1, "name": ("!=", self.name)}
			)
			if other:
				messages.append(_("{0} is already the default policy.").format(frappe.bold(other)))
		if messages:
			frappe.throw("<br>".join(messages), title=_("SLA policy cannot be saved"))

	def status_list_problems(self) -> list[str]:
		messages = []
		for fieldname in ("pause_statuses", "fulfil_statuses"):
			for status in (self.get(fieldname) or "").splitlines():
				if status.strip() and status.strip() not in STATUSES:
					messages.append(
						_("{0}: {1} is not a feedback status.").format(
							_(self.meta.get_label(fieldname)), frappe.bold(status.strip())
						)
					)
		return messages

	def on_update(self):
		forget_policies()
		enqueue_recompute(policy=self.name)
		# The setup steps read this document (services/onboarding).
		refresh_onboarding()

	def on_trash(self):
		forget_policies()

	def after_rename(self, old: str, new: str, merge: bool = False):
		forget_policies()
