# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class RootCauseAnalysisWhy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer: DF.SmallText | None
		evidence: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		question: DF.SmallText | None
		verified: DF.Check
	# end: auto-generated types

	pass
