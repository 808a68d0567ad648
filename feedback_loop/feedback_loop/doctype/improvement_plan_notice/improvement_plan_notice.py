# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ImprovementPlanNotice(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cycle: DF.Int
		event: DF.Literal["Approved", "Completed"]
		feedback_record: DF.Link | None
		language: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		queued_on: DF.Datetime | None
		recipient: DF.Data | None
	# end: auto-generated types
	pass
