# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.rca.analysis import (
	assign_cause_ids,
	fishbone_svg,
	stamp_validation,
	suggest_summary,
	tell_feedback_records,
	validate_analysis,
)
from feedback_loop.services.rca.solutions import score_solutions


class RootCauseAnalysis(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.root_cause_analysis_cause.root_cause_analysis_cause import (
			RootCauseAnalysisCause,
		)
		from feedback_loop.feedback_loop.doctype.root_cause_analysis_feedback.root_cause_analysis_feedback import (
			RootCauseAnalysisFeedback,
		)
		from feedback_loop.feedback_loop.doctype.root_cause_analysis_participant.root_cause_analysis_participant import (
			RootCauseAnalysisParticipant,
		)
		from feedback_loop.feedback_loop.doctype.root_cause_analysis_solution.root_cause_analysis_solution import (
			RootCauseAnalysisSolution,
		)
		from feedback_loop.feedback_loop.doctype.root_cause_analysis_why.root_cause_analysis_why import (
			RootCauseAnalysisWhy,
		)

		category: DF.Link | None
		causes: DF.Table[RootCauseAnalysisCause]
		chain_justification: DF.SmallText | None
		deleted_documents: DF.SmallText | None
		feedback_records: DF.Table[RootCauseAnalysisFeedback]
		item: DF.Link | None
		method: DF.Literal["5 Whys", "Fishbone", "Both"]
		participants: DF.Table[RootCauseAnalysisParticipant]
		problem_statement: DF.SmallText
		review_meeting_on: DF.Datetime | None
		root_cause_category: DF.Literal[
			"", "Man", "Machine", "Material", "Method", "Environment", "Measurement"
		]
		root_cause_summary: DF.Text | None
		solutions: DF.Table[RootCauseAnalysisSolution]
		title: DF.Data
		validated_by: DF.Link | None
		validated_on: DF.Datetime | None
		whys: DF.Table[RootCauseAnalysisWhy]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_validate(self):
		self.remove_repeated_feedback()
		assign_cause_ids(self)
		suggest_summary(self)

	def validate(self):
		validate_analysis(self)
		score_solutions(self)
		stamp_validation(self)

	def on_update(self):
		tell_feedback_records(self)

	def remove_repeated_feedback(self):
		seen = set()
		for row in list(self.feedback_records):
			if row.feedback_record in seen:
				self.remove(row)
			seen.add(row.feedback_record)

	def get_fishbone_svg(self, language: str | None = None) -> str:
		return fishbone_svg(self, language)
