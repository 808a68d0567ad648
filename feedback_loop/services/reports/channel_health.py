"""The Channel Health report: weekly volume per channel (zeros included), each channel's share
against its usual share, and the quality of what it brings (core/reports/channel_health.py).

Two GROUP BYs through the permission-checked list query: the period by week and channel with
the complete, Invalid and Duplicate counts summed alongside; the weeks before it by channel."""

from datetime import timedelta

import frappe
from frappe import _
from frappe.query_builder import functions as fn
from frappe.utils import cint, getdate

from feedback_loop.core.feedback_status import Status
from feedback_loop.core.intake.rules import CHANNELS
from feedback_loop.core.reports.channel_health import (
	ChannelCounts,
	ChannelHealth,
	channel_health,
	shown_channels,
)
from feedback_loop.core.reports.figures import percent
from feedback_loop.core.reports.periods import Grouping, key_label, period_labels
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import (
	SKIP_FRAPPE_TOTAL_ROW,
	counts_by,
	period_term,
	record_filters,
)

DEFAULT_USUAL_WEEKS = 12
#: The chart draws the busiest channels; the table lists them all.
CHART_CHANNELS = 6


def health(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	# A channel's own share is the point: a channel filter would make every share 100 %.
	filters = {key: value for key, value in filters.items() if key != "channel"}
	weeks = period_labels(start, end, Grouping.WEEK)
	record = frappe.qb.DocType("Feedback Record")
	rows = aggregate_list(
		"Feedback Record",
		[
			period_term(Grouping.WEEK).as_("week"),
			"channel as source",
			count_all(),
			fn.Sum(record.facts_complete).as_("complete"),
			fn.Sum(record.status == Status.INVALID.value).as_("invalid"),
			fn.Sum(record.status == Status.DUPLICATE.value).as_("duplicate"),
		],
		filters=record_filters(filters, start, end),
		group_by=("week", "source"),
		order_by=("week", "source"),
	)
	weekly: dict[tuple[str, str], int] = {}
	sums: dict[str, list[int]] = {}
	for row in rows:
		weekly[(row.source, key_label(row.week, Grouping.WEEK))] = row.count
		total = sums.setdefault(row.source, [0, 0, 0, 0])
		for i, value in enumerate((row.count, row.complete, row.invalid, row.duplicate)):
			total[i] += int(value or 0)
	usual_weeks = max(1, cint(filters.get("usual_weeks")) or DEFAULT_USUAL_WEEKS)
	usual = {
		row.channel: row.count
		for row in counts_by(
			filters, start - timedelta(weeks=usual_weeks), start - timedelta(days=1), ("channel", "channel")
		)
	}
	channels = shown_channels(
		CHANNELS, set(sums) | set(usual), every=bool(cint(filters.get("every_channel")))
	)
	counts = {channel: ChannelCounts(*values) for channel, values in sums.items()}
	return {
		"weeks": weeks,
		"channels": channel_health(channels, weeks, weekly, counts, usual),
		"totals": ChannelCounts(*(sum(values[i] for values in sums.values()) for i in range(4))),
		"usual_weeks": usual_weeks,
	}


def columns(figures: dict) -> list[dict]:
	return [
		{"fieldname": "channel", "label": _("Channel"), "fieldtype": "Data", "width": 120},
		{"fieldname": "total", "label": _("Feedback"), "fieldtype": "Int", "width": 90},
		{"fieldname": "share", "label": _("Share (%)"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "usual_share", "label": _("Usual Share (%)"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "flag", "label": _("Flag"), "fieldtype": "Data", "width": 200},
		{"fieldname": "complete", "label": _("Key Facts Complete (%)"), "fieldtype": "Percent", "width": 150},
		{"fieldname": "invalid", "label": _("Invalid (%)"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "duplicate", "label": _("Duplicate (%)"), "fieldtype": "Percent", "width": 100},
		*(
			{"fieldname": week_field(week), "label": week, "fieldtype": "Int", "width": 80}
			for week in figures["weeks"]
		),
	]


def week_field(week: str) -> str:
	return "w_" + week.replace("-", "_").lower()


def rows(figures: dict) -> list[dict]:
	if not any(h.total or h.usual_share for h in figures["channels"]):
		return []
	out = [_row(h, figures["weeks"]) for h in figures["channels"]]
	totals = figures["totals"]
	total_row = {
		"channel": _("Total"),
		"total": totals.total,
		# The channels' shares add up to all feedback: 100 %, blank when there is nothing to share.
		"share": 100.0 if totals.total else None,
		"usual_share": 100.0 if any(h.usual_share for h in figures["channels"]) else None,
		"complete": percent(totals.complete, totals.total),
		"invalid": percent(totals.invalid, totals.total),
		"duplicate": percent(totals.duplicate, totals.total),
		"is_total": 1,
		"bold": 1,
	}
	for i, week in enumerate(figures["weeks"]):
		total_row[week_field(week)] = sum(h.weekly[i] for h in figures["channels"])
	return [*out, total_row]


def _row(h: ChannelHealth, weeks: list[str]) -> dict:
	row = {
		"channel": _(h.channel, context="Feedback Record"),
		"total": h.total,
		"share": _percent(h.share),
		"usual_share": _percent(h.usual_share),
		"flag": "; ".join(_(flag.value) for flag in h.flags),
		"complete": _percent(h.complete),
		"invalid": _percent(h.invalid),
		"duplicate": _percent(h.duplicate),
	}
	row.update({week_field(week): count for week, count in zip(weeks, h.weekly, strict=True)})
	return row


def _percent(fraction: float | None) -> float | None:
	return None if fraction is None else round(fraction * 100, 1)


def chart(figures: dict) -> dict | None:
	busiest = [h for h in figures["channels"] if h.total][:CHART_CHANNELS]
	if not busiest:
		return None
	return series_chart(figures["weeks"], {h.channel: list(h.weekly) for h in busiest}, "line")


def summary(figures: dict) -> list[dict]:
	totals = figures["totals"]
	flagged = [h for h in figures["channels"] if h.flags]
	return [
		{"value": totals.total, "label": _("Feedback"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": len(flagged),
			"label": _("Channels flagged"),
			"datatype": "Int",
			"indicator": "Red" if flagged else "Green",
		},
		figure_card(percent(totals.complete, totals.total), _("Key Facts Complete (%)"), "Blue"),
		figure_card(
			percent(totals.invalid + totals.duplicate, totals.total), _("Invalid or Duplicate (%)"), "Orange"
		),
	]


def message(figures: dict) -> str:
	return _(
		"Weekly feedback per channel, a week without feedback as 0. Share = the channel's feedback in "
		"per cent of all feedback of the period; Usual Share = the same over the {0} weeks before it. "
		"A channel is flagged above 40 % of all feedback (the others may be hard to find or broken), "
		"or under a tenth of its usual share (it may have stopped working). Key Facts Complete = "
		"feedback with every fact its type needs: who to answer, a clear description and, for a "
		"complaint, the order or product. Invalid and Duplicate = feedback closed as such."
	).format(figures["usual_weeks"])


def report(filters: dict) -> tuple:
	figures = health(filters)
	return (
		columns(figures),
		rows(figures),
		message(figures),
		chart(figures),
		summary(figures),
		SKIP_FRAPPE_TOTAL_ROW,
	)
