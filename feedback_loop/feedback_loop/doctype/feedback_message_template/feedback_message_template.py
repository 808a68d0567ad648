# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document
from frappe.utils.jinja import validate_template


class FeedbackMessageTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["Email", "SMS", "WeChat"]
		language: DF.Literal["zh", "en"]
		message_kind: DF.Literal[
			"Acknowledgement",
			"Resolution Notice",
			"Survey",
			"Survey Reminder",
			"Plan Approved",
			"Plan Completed",
		]
		subject: DF.Data | None
		text: DF.Code

	# end: auto-generated types
	def validate(self):
		# A template that does not render would only fail later, in a customer's message.
		for value in (self.subject, self.text):
			if value:
				validate_template(value)
