# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.callbacks.survey import validate_template


class FeedbackSurveyTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_survey_question.feedback_survey_question import (
			FeedbackSurveyQuestion,
		)

		enabled: DF.Check
		intro_en: DF.SmallText | None
		intro_zh: DF.SmallText | None
		purpose: DF.Literal[
			"Satisfaction", "Loyalty (NPS)", "Resolution Verification", "Onboarding", "Check-in"
		]
		questions: DF.Table[FeedbackSurveyQuestion]
		template_name: DF.Data
		thank_you_en: DF.SmallText | None
		thank_you_zh: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		validate_template(self)
