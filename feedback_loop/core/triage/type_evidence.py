"""The feedback type someone chose is evidence the words cannot outvote unless they clearly say
the opposite: a complaint whose words read neither way ("the parcel came on the 5th, order
1234") is shown Negative, a praise that reads neither way Positive. A complaint is negative
feedback by what it is, whatever its tone.

Where the type is the channel's default rather than anyone's choice (an e-mail, a WeChat or SMS
account's configured type, a record on the Import channel), it says nothing and the words decide.
"""

from dataclasses import replace

from feedback_loop.core.triage.initial_sentiment import Sentiment, sentiment_from_type
from feedback_loop.core.triage.text.sentiment import NEUTRAL_BAND, SentimentResult

#: Channels whose records carry the type as a default, not as anyone's choice.
DEFAULT_TYPE_CHANNELS = frozenset({"Email", "WeChat", "SMS", "Import"})


def with_type_evidence(
	result: SentimentResult, feedback_type: str | None, channel: str | None, cue: str | None = None
) -> SentimentResult:
	"""`cue`: how the type is shown among the reasons (the type in the reader's language)."""
	stated = sentiment_from_type(feedback_type)
	if stated is Sentiment.NEUTRAL or result.label is not Sentiment.NEUTRAL:
		return result
	if channel in DEFAULT_TYPE_CHANNELS:
		return result
	sign = -1.0 if stated is Sentiment.NEGATIVE else 1.0
	score = min(result.score, -NEUTRAL_BAND) if sign < 0 else max(result.score, NEUTRAL_BAND)
	return replace(result, label=stated, score=score, cues=((cue or feedback_type, sign), *result.cues))
