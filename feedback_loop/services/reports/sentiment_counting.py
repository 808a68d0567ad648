"""How the reports count sentiment, in one sentence every report that shows a negative share adds
to its message, so that a share is never read as more than it is."""

from frappe import _


def how_sentiment_is_counted() -> str:
	return _(
		"Sentiment is the label the text analysis gives each feedback (the record shows what decided "
		"it). A survey's low score (CSAT 2 or less, NPS 6 or less) makes it Negative whatever the "
		"words, and so does the type Complaint when the words read neither way (Praise: Positive), "
		"unless the channel only set the type by default (e-mail, WeChat, SMS, import). Otherwise a "
		"text that reads neither way is Neutral."
	)
