# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from feedback_loop.core.survey_answers import MAX_QUESTIONS, MIN_QUESTIONS, QuestionType


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
		if not MIN_QUESTIONS <= len(self.questions) <= MAX_QUESTIONS:
			frappe.throw(
				_("A survey has {0} to {1} questions; this one has {2}.").format(
					MIN_QUESTIONS, MAX_QUESTIONS, len(self.questions)
				)
			)
		for row in self.questions:
			if row.question_type != QuestionType.CHOICE.value:
				continue
			english = [o for o in (row.options_en or "").splitlines() if o.strip()]
			chinese = [o for o in (row.options_zh or "").splitlines() if o.strip()]
			if len(english) < 2:
				frappe.throw(
					_("Row {0}: a single-choice question needs at least two options.").format(row.idx)
				)
			if chinese and len(chinese) != len(english):
				frappe.throw(
					_("Row {0}: give as many Chinese options as English ones, in the same order.").format(
						row.idx
					)
				)
