"""A customer's feedback at a glance: open count, last feedback, share of negative feedback."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum

from feedback_loop.core.feedback_status import ACTIVE_STATUSES
from feedback_loop.core.initial_sentiment import Sentiment


def customer_feedback_summary(customer: str) -> dict:
	"""One aggregate query over the customer's Feedback Records (index on `customer`)."""
	fr = frappe.qb.DocType("Feedback Record")
	active = [status.value for status in ACTIVE_STATUSES]
	row = (
		frappe.qb.from_(fr)
		.select(
			Count(fr.name).as_("total"),
			Sum(Case().when(fr.status.isin(active), 1).else_(0)).as_("open"),
			Sum(Case().when(fr.sentiment == Sentiment.NEGATIVE.value, 1).else_(0)).as_("negative"),
			Max(fr.creation).as_("last_feedback_on"),
		)
		.where(fr.customer == customer)
	).run(as_dict=True)[0]
	total = int(row.total or 0)
	negative = int(row.negative or 0)
	return {
		"total": total,
		"open": int(row.open or 0),
		"negative": negative,
		"negative_share": round(100.0 * negative / total, 1) if total else 0.0,
		"last_feedback_on": row.last_feedback_on,
	}
