# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ImprovementPlanFeedback(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link | None
		feedback_record: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		priority: DF.Data | None
		status: DF.Data | None
		summary: DF.Data | None
	# end: auto-generated types
	pass
