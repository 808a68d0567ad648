# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ImprovementPlanAction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action_status: DF.Literal["Open", "In Progress", "Done", "Cancelled"]
		budget: DF.Currency
		completed_on: DF.Date | None
		currency: DF.Link | None
		department: DF.Link | None
		due_date: DF.Date
		measure: DF.SmallText
		overdue_alert_sent_on: DF.Date | None
		owner_user: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		progress: DF.Percent
		resources: DF.SmallText | None
		todo: DF.Link | None
	# end: auto-generated types
	pass
