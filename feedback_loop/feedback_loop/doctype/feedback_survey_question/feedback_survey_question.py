# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackSurveyQuestion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		options_en: DF.SmallText | None
		options_zh: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		question_en: DF.SmallText
		question_type: DF.Literal[
			"CSAT (1-5)", "NPS (0-10)", "CES (1-7)", "Single Choice", "Free Text", "Problem Solved (Yes/No)"
		]
		question_zh: DF.SmallText
		required: DF.Check
	# end: auto-generated types
	pass
