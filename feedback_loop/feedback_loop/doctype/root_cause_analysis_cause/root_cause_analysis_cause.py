# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class RootCauseAnalysisCause(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal["Man", "Machine", "Material", "Method", "Environment", "Measurement"]
		cause: DF.SmallText
		cause_id: DF.Data | None
		evidence: DF.SmallText | None
		is_root_cause: DF.Check
		likelihood: DF.Literal["", "High", "Medium", "Low"]
		parent: DF.Data
		parent_cause: DF.Data | None
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
