# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackMessageAttempt(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempted_on: DF.Datetime | None
		channel: DF.Literal["WeChat", "SMS", "Email"]
		detail: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		result: DF.Literal["Sent", "Retry", "Next Channel"]
	# end: auto-generated types
	pass
