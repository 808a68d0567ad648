"""The text of a Feedback Record that triage, duplicate detection and training read."""

import frappe

from feedback_loop.core.triage.record_text import analysed_text
from feedback_loop.services.plain_text import plain_text


def analysis_text(doc) -> str:
	"""The record's subject, description (as plain text) and expected solution; for feedback a
	survey raised, only what the customer wrote in it (the questions are ours, not theirs)."""
	if doc.get("survey_callback"):
		words = doc.flags.survey_words
		return words.strip() if words is not None else survey_words(doc.survey_callback)
	return analysed_text(doc.subject, plain_text(doc.description), doc.expected_solution)


def survey_words(callback: str) -> str:
	"""The free-text answers of a revisit, in question order."""
	answers = frappe.get_all(
		"Feedback Callback Answer",
		filters={"parent": callback, "parenttype": "Feedback Callback", "question_type": "Free Text"},
		pluck="answer",
		order_by="idx asc",
	)
	return "\n".join(a.strip() for a in answers if a and a.strip())
