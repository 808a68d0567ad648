"""A returned paper questionnaire typed in at the desk: what kind of feedback it is, and its
answers written out as the record's description.

The questions are a survey template's (the same ones the survey page and a phone revisit ask);
a low score or a complaint in the customer's words makes it a complaint, a high score with no
complaint praise, anything else a suggestion.
"""

from collections.abc import Sequence

from feedback_loop.core.callbacks.survey_answers import Scores, is_low
from feedback_loop.core.intake.rules import FeedbackType

#: A CSAT (1–5) or NPS (0–10) at or above these is praise when nothing else complains.
PRAISE_CSAT = 4
PRAISE_NPS = 9


def paper_form_type(scores: Scores, words_complain: bool) -> str:
	if words_complain or is_low(scores):
		return FeedbackType.COMPLAINT.value
	if (scores.csat or 0) >= PRAISE_CSAT or (scores.nps or 0) >= PRAISE_NPS:
		return FeedbackType.PRAISE.value
	return FeedbackType.SUGGESTION.value


def answers_text(lines: Sequence[tuple[str, str]]) -> str:
	"""(question as printed, answer as shown) pairs, one per line, in the questionnaire's order."""
	return "\n".join(f"{question}: {answer}" for question, answer in lines if answer)
