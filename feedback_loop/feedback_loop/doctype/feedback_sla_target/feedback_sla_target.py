# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackSLATarget(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		priority: DF.Literal["Urgent", "High", "Medium", "Low"]
		resolution_time: DF.Float
		resolution_unit: DF.Literal["Working Days", "Working Hours", "Clock Hours"]
		response_time: DF.Float
		response_unit: DF.Literal["Working Days", "Working Hours", "Clock Hours"]
	# end: auto-generated types

	pass
