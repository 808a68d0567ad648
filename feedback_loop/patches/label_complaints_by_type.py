"""Records analysed before a chosen feedback type counted as sentiment evidence
(core/triage/type_evidence.py) keep the label their words alone gave: a complaint that reads
neither way is stored Neutral. The same rule on the stored labels, one UPDATE per type, so that
the Sentiment Trend's past counts as its new records do. A label is Neutral only when the words
read neither way, so nothing needs analysing again."""

import frappe
from frappe import _
from frappe.query_builder.functions import Concat_ws, NullIf

from feedback_loop.core.triage.initial_sentiment import Sentiment, sentiment_from_type
from feedback_loop.core.triage.text.sentiment import NEUTRAL_BAND
from feedback_loop.core.triage.type_evidence import DEFAULT_TYPE_CHANNELS
from feedback_loop.services.site_language import site_language
from feedback_loop.services.triage.analysis import ANALYSED


def execute():
	record = frappe.qb.DocType("Feedback Record")
	lang = site_language()
	for feedback_type in ("Complaint", "Praise"):
		label = sentiment_from_type(feedback_type)
		sign = -1 if label is Sentiment.NEGATIVE else 1
		# As the analysis writes a reason: the type in the site's language and its weight.
		cue = f"{_(feedback_type, lang=lang, context='Feedback Record')} ({sign:+g})"
		(
			frappe.qb.update(record)
			.set(record.sentiment, label.value)
			.set(record.sentiment_score, sign * NEUTRAL_BAND)
			.set(record.sentiment_cues, Concat_ws(", ", cue, NullIf(record.sentiment_cues, "")))
			.where(record.sentiment == Sentiment.NEUTRAL.value)
			.where(record.feedback_type == feedback_type)
			.where(record.channel.notin(sorted(DEFAULT_TYPE_CHANNELS)))
			.where(record.analysis_status == ANALYSED)
		).run()
