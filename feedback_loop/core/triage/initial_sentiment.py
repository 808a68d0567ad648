"""A first sentiment for a record before any text analysis has looked at it.

Reports and the Customer summary need a sentiment on every record from day one; the feedback
type is the only signal that exists before the text is analysed.
"""

from enum import Enum


class Sentiment(str, Enum):
	NEGATIVE = "Negative"
	NEUTRAL = "Neutral"
	POSITIVE = "Positive"


SENTIMENTS: tuple[str, ...] = tuple(s.value for s in Sentiment)

_BY_TYPE = {
	"Complaint": Sentiment.NEGATIVE,
	"Praise": Sentiment.POSITIVE,
	"Suggestion": Sentiment.NEUTRAL,
	"Inquiry": Sentiment.NEUTRAL,
}


def sentiment_from_type(feedback_type: str | None) -> Sentiment:
	return _BY_TYPE.get(feedback_type or "", Sentiment.NEUTRAL)
