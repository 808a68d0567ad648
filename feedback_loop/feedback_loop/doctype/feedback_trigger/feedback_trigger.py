# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from feedback_loop.services.callbacks.triggers import (
	EVERY_N_DAYS,
	STATUS_CHANGED,
	SUBMITTED,
	clear_watched_cache,
)
from feedback_loop.services.onboarding.setup_state import refresh_onboarding


class FeedbackTrigger(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal["Survey E-mail", "Phone Call"]
		assign_to_role: DF.Link | None
		call_script: DF.Text | None
		call_script_zh: DF.Text | None
		callback_type: DF.Literal[
			"After Order",
			"After Delivery",
			"After Invoice",
			"After Support Issue",
			"Onboarding",
			"Periodic Check-in",
			"Resolution Verification",
		]
		condition: DF.Code | None
		delay: DF.Float
		delay_unit: DF.Literal["Hours", "Days", "Working Days"]
		description: DF.SmallText | None
		document_type: DF.Link | None
		enabled: DF.Check
		event: DF.Literal["Submitted", "Status Changed To", "Every N Days"]
		loop_revisit: DF.Check
		period_days: DF.Int
		status_value: DF.Data | None
		survey_template: DF.Link | None
		throttle_days: DF.Int
		trigger_name: DF.Data
		working_calendar: DF.Link | None

	# end: auto-generated types
	def validate(self):
		if self.event == EVERY_N_DAYS:
			self.document_type = None
			if (self.period_days or 0) <= 0:
				frappe.throw(_("Enter the period in days."))
		else:
			self.validate_document_type()
		if (self.delay or 0) < 0:
			frappe.throw(_("The delay cannot be negative."))
		if self.condition:
			try:
				compile(self.condition, "condition", "eval")
			except SyntaxError as error:
				frappe.throw(_("The condition is not a valid expression: {0}").format(error.msg))

	def on_update(self):
		# The `"*"` document hook looks up the watched doctypes in this cache.
		clear_watched_cache()
		# The setup steps read this document (services/onboarding).
		refresh_onboarding()

	def on_trash(self):
		clear_watched_cache()

	def validate_document_type(self):
		meta = frappe.get_meta(self.document_type)
		if self.event == SUBMITTED and not meta.is_submittable:
			frappe.throw(_("{0} cannot be submitted; choose a status instead.").format(_(self.document_type)))
		if self.event == STATUS_CHANGED and not meta.has_field("status"):
			frappe.throw(_("{0} has no status.").format(_(self.document_type)))
