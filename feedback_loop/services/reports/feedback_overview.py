"""The Feedback Overview report's figures: volume by period and channel, channel shares with the
40 % flag, the status funnel and the closed-loop share, against the previous period of the same
length. Every figure is a GROUP BY in the database (services/reports/queries.py)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from feedback_loop.core.feedback_status import STATUSES
from feedback_loop.core.intake.rules import CHANNELS
from feedback_loop.core.reports.figures import percent
from feedback_loop.core.reports.periods import (
	Grouping,
	change,
	channel_shares,
	key_label,
	period_labels,
	previous_range,
)
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import counts_by, period_term, record_count

#: The status cards: every status, Invalid and Duplicate too (what did not count, and why).
FUNNEL = STATUSES


def overview(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	grouping = Grouping(filters.get("group_by") or Grouping.MONTH.value)
	period = period_term(grouping)
	# One scan: channel and status together ("state": a GROUP BY alias must not name a column).
	counts = counts_by(filters, start, end, ("period", period), ("channel", "channel"), ("state", "status"))
	previous_start, previous_end = previous_range(start, end)
	previous_total = record_count(filters, previous_start, previous_end)

	# Every period of the range: one without feedback is a row of zeros, not left out.
	periods: dict[str, dict[str, int]] = defaultdict(
		lambda: defaultdict(int), {label: defaultdict(int) for label in period_labels(start, end, grouping)}
	)
	per_channel: dict[str, int] = defaultdict(int)
	by_status: dict[str, int] = defaultdict(int)
	for row in counts:
		periods[key_label(row.period, grouping)][row.channel] += row.count
		per_channel[row.channel] += row.count
		by_status[row.state] += row.count
	total = sum(per_channel.values())
	closed = by_status.get("Closed", 0)
	return {
		"grouping": grouping,
		"periods": {key: dict(value) for key, value in sorted(periods.items())},
		"channels": channel_shares(dict(per_channel)),
		"status": dict(by_status),
		"total": total,
		"previous_total": previous_total,
		"change": change(total, previous_total),
		"closed_loop_share": closed / total if total else None,
	}


def columns(figures: dict) -> list[dict]:
	used = [share.channel for share in figures["channels"]] or list(CHANNELS[:1])
	return [
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 110},
		{"fieldname": "total", "label": _("Feedback"), "fieldtype": "Int", "width": 100},
		*(
			{
				"fieldname": frappe.scrub(channel),
				"label": _(channel, context="Feedback Record"),
				"fieldtype": "Int",
				"width": 90,
			}
			for channel in used
		),
	]


def rows(figures: dict) -> list[dict]:
	if not figures["total"]:
		return []  # Frappe then says there is nothing to show, rather than a table of zeros
	out = []
	for period, channels in figures["periods"].items():
		row = {"period": period, "total": sum(channels.values())}
		row.update({frappe.scrub(channel): count for channel, count in channels.items()})
		out.append(row)
	return out


def chart(figures: dict) -> dict | None:
	if not figures["total"]:
		return None
	labels = list(figures["periods"])
	series = {
		share.channel: [figures["periods"][label].get(share.channel, 0) for label in labels]
		for share in figures["channels"]
	}
	# Counts: a period without feedback had none, so it is a 0 (in the table too), not a gap.
	return series_chart(labels, series, "bar", barOptions={"stacked": True})


def summary(figures: dict) -> list[dict]:
	cards = [
		{
			"value": figures["total"],
			"label": _("Feedback"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		figure_card(
			round(figures["change"] * 100, 1) if figures["change"] is not None else None,
			_("Change vs previous period (%)"),
			"Red" if (figures["change"] or 0) > 0 else "Green",
		),
		figure_card(
			percent(figures["status"].get("Closed", 0), figures["total"]), _("Closed loop (%)"), "Green"
		),
	]
	for share in figures["channels"][:1]:
		cards.append(
			figure_card(
				round(share.share * 100, 1),
				_("Largest channel: {0} (%)").format(_(share.channel, context="Feedback Record")),
				"Red" if share.flagged else "Green",
			)
		)
	for status in FUNNEL:
		cards.append(
			{
				"value": figures["status"].get(status, 0),
				"label": _(status, context="Feedback Record"),
				"datatype": "Int",
				"indicator": "Grey",
			}
		)
	return cards


def message() -> str:
	return _(
		"Feedback counts in the period it was received. Closed loop = Closed feedback in per cent of "
		"all feedback of the period; a channel's share = its feedback in per cent of all, flagged "
		"above 40 %; the change compares the count with the period of the same length just before. "
		"A period without feedback is a row of zeros. The Total row sums the counts."
	)
