"""The text of a Feedback Record that triage, duplicate detection and training read."""

from feedback_loop.core.triage.record_text import analysed_text
from feedback_loop.services.plain_text import plain_text


def analysis_text(doc) -> str:
	"""The record's subject, description (as plain text) and expected solution."""
	return analysed_text(doc.subject, plain_text(doc.description), doc.expected_solution)
