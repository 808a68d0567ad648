from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.sentiment import NEUTRAL_BAND, SentimentAnalyser, SentimentResult
from feedback_loop.core.triage.type_evidence import DEFAULT_TYPE_CHANNELS, with_type_evidence

analyser = SentimentAnalyser()
FACTUAL_ZH = "订单SO-1234的包裹5号送到，箱子编号A12"
FACTUAL_EN = "The parcel for order 1234 arrived on the 5th"


def test_a_complaint_that_reads_neither_way_is_shown_negative():
	for text in (FACTUAL_ZH, FACTUAL_EN):
		words = analyser.analyse(normalise(text))
		assert words.label is Sentiment.NEUTRAL, text
		shown = with_type_evidence(words, "Complaint", "Portal", cue="投诉")
		assert shown.label is Sentiment.NEGATIVE
		assert shown.score <= -NEUTRAL_BAND
		# The agent sees why: the type is the first reason, in the reader's language.
		assert shown.cues[0] == ("投诉", -1.0)


def test_a_praise_that_reads_neither_way_is_shown_positive():
	words = analyser.analyse(normalise(FACTUAL_EN))
	shown = with_type_evidence(words, "Praise", "Desk")
	assert (shown.label, shown.cues[0]) == (Sentiment.POSITIVE, ("Praise", 1.0))
	assert shown.score >= NEUTRAL_BAND


def test_words_that_clearly_say_the_opposite_decide():
	praise = SentimentResult(Sentiment.POSITIVE, 0.8, (("great", 1.5),))
	assert with_type_evidence(praise, "Complaint", "Portal") == praise
	complaint = SentimentResult(Sentiment.NEGATIVE, -0.8, (("broken", -1.5),))
	assert with_type_evidence(complaint, "Praise", "Portal") == complaint


def test_suggestions_and_inquiries_are_left_to_the_words():
	words = analyser.analyse(normalise(FACTUAL_EN))
	for feedback_type in ("Suggestion", "Inquiry", None, ""):
		assert with_type_evidence(words, feedback_type, "Portal") == words


def test_a_type_the_channel_set_by_default_is_no_evidence():
	words = analyser.analyse(normalise(FACTUAL_ZH))
	for channel in sorted(DEFAULT_TYPE_CHANNELS):
		assert with_type_evidence(words, "Complaint", channel) == words
	assert with_type_evidence(words, "Complaint", "API").label is Sentiment.NEGATIVE
