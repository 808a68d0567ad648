# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackPriorityRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		impact: DF.Literal["One Customer", "Several Customers", "Many Customers", "Core Function Down"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		priority: DF.Literal["Urgent", "High", "Medium", "Low"]
		urgency: DF.Literal["Low", "Medium", "High", "Critical"]
	# end: auto-generated types

	pass
