# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class RootCauseAnalysisSolution(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cause_id: DF.Data | None
		chosen: DF.Check
		difficulty: DF.Literal["", "Low", "Medium", "High"]
		estimated_cost: DF.Currency
		expected_effect: DF.Literal["", "High", "Medium", "Low"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recommended: DF.Check
		return_score: DF.Float
		solution: DF.SmallText
	# end: auto-generated types

	pass
