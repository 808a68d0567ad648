# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackSLAEscalation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal["Notify Assignee", "Notify Role", "Reassign", "Raise Priority"]
		delay_working_hours: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reassign_to: DF.Link | None
		role: DF.Link | None
		trigger: DF.Literal["At Warning", "At Breach", "After Breach"]
	# end: auto-generated types

	pass
