# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class RootCauseAnalysisParticipant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		department: DF.Link | None
		full_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		role_in_analysis: DF.Literal["", "Facilitator", "Analyst", "Subject Expert", "Reviewer"]
		user: DF.Link
	# end: auto-generated types

	pass
