"""A survey's low score is evidence the words cannot outvote: a CSAT of 1 is negative feedback
whatever the customer wrote beside it ("ok", "no comment", a polite sentence).

The record keeps the scores as one line (`score_summary`, "CSAT 1/5 · NPS 2/10"), written before
the revisit's answers are stored, so the rule reads that line back rather than the revisit.
"""

import re
from dataclasses import replace

from feedback_loop.core.callbacks.survey_answers import Scores, is_low
from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text.sentiment import NEUTRAL_BAND, SentimentResult

_SCORE = re.compile(r"\b(CSAT|NPS|CES)\s+(\d+(?:\.\d+)?)/\d+")


def scores_from_summary(summary: str | None) -> Scores:
	found: dict[str, float | int] = {}
	for name, value in _SCORE.findall(summary or ""):
		key = name.lower()
		found.setdefault(key, int(float(value)) if key == "nps" else float(value))
	return Scores(**found)


def with_survey_evidence(result: SentimentResult, survey_scores: str | None) -> SentimentResult:
	"""The text's sentiment, made Negative by a low survey score; the score is shown as the first cue."""
	if not survey_scores or not is_low(scores_from_summary(survey_scores)):
		return result
	cue = (survey_scores.strip(), -1.0)
	return replace(
		result,
		label=Sentiment.NEGATIVE,
		score=min(result.score, -NEUTRAL_BAND),
		cues=(cue, *(c for c in result.cues if c[0] != cue[0])),
	)
