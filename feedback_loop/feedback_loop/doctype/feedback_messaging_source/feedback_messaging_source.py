# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackMessagingSource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["WeChat", "SMS", "API"]
		enabled: DF.Check
		feedback_type: DF.Literal["Complaint", "Suggestion", "Praise", "Inquiry"]
		reply_en: DF.SmallText | None
		reply_zh: DF.SmallText | None
		secret: DF.Password
		source_name: DF.Data
	# end: auto-generated types
	pass
