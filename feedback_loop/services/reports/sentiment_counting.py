"""How the reports count sentiment, in one sentence every report that shows a negative share adds
to its message, so that a share is never read as more than it is."""

from frappe import _


def how_sentiment_is_counted() -> str:
	return _(
		"Sentiment is the label the text analysis gives each feedback (the record shows the words "
		"that decided it); a survey's low score (CSAT 2 or less, NPS 6 or less) makes it Negative "
		"whatever the words. A text that reads neither way is Neutral, so the negative share counts "
		"clear complaints, not every complaint."
	)
