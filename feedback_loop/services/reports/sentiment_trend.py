"""The Sentiment Trend report: the share of negative, neutral and positive feedback by period,
and the negative share against the previous period of the same length.

Every share is a count over the count of its period (core/reports/figures.py): a period without
feedback has no shares (a gap in the chart, not 0 %), and the Total row and the cards are the
shares of the summed counts."""

from collections import defaultdict

from frappe import _
from frappe.utils import getdate

from feedback_loop.core.reports.figures import percent
from feedback_loop.core.reports.periods import Grouping, key_label, period_labels, previous_range
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import counts_by, period_term
from feedback_loop.services.reports.sentiment_counting import how_sentiment_is_counted

MOODS = ("Negative", "Neutral", "Positive")
COLOURS = ["#e24c4c", "#a0a0a0", "#29cd42"]


def trend(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	grouping = Grouping(filters.get("group_by") or Grouping.MONTH.value)
	# "mood", not "sentiment": an alias named like a column is grouped by the column.
	rows = counts_by(filters, start, end, ("period", period_term(grouping)), ("mood", "sentiment"))
	periods: dict[str, dict[str, int]] = {label: {} for label in period_labels(start, end, grouping)}
	now: dict[str, int] = defaultdict(int)
	for row in rows:
		moods = periods.setdefault(key_label(row.period, grouping), {})
		moods[row.mood or "Neutral"] = moods.get(row.mood or "Neutral", 0) + row.count
		now[row.mood or "Neutral"] += row.count
	before_start, before_end = previous_range(start, end)
	previous: dict[str, int] = defaultdict(int)
	for r in counts_by(filters, before_start, before_end, ("mood", "sentiment")):
		previous[r.mood or "Neutral"] += r.count
	return {"periods": dict(sorted(periods.items())), "now": dict(now), "previous": dict(previous)}


def share(moods: dict, mood: str) -> float | None:
	"""A mood's share of the feedback in per cent; None without feedback."""
	return percent(moods.get(mood, 0), sum(moods.values()))


def columns() -> list[dict]:
	return [
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 110},
		{"fieldname": "total", "label": _("Feedback"), "fieldtype": "Int", "width": 100},
		*(
			{
				"fieldname": mood.lower(),
				"label": _("{0} (%)").format(_(mood, context="Feedback Record")),
				"fieldtype": "Percent",
				"width": 120,
			}
			for mood in MOODS
		),
	]


def _row(period: str, moods: dict, **extra) -> dict:
	return {
		"period": period,
		"total": sum(moods.values()),
		**{mood.lower(): share(moods, mood) for mood in MOODS},
		**extra,
	}


def rows(figures: dict) -> list[dict]:
	"""Every period, then the Total row: the shares of the period's summed counts (the cards')."""
	if not figures["now"]:
		return []  # Frappe then says there is nothing to show, rather than a table of blanks
	return [
		*(_row(period, moods) for period, moods in figures["periods"].items()),
		_row(_("Total"), figures["now"], bold=1, is_total=1),
	]


def chart(figures: dict) -> dict | None:
	"""Stacked shares per period (they add up to 100 %); a period without feedback has no bar."""
	if not figures["now"]:
		return None
	labels = list(figures["periods"])
	series = {mood: [share(figures["periods"][label], mood) for label in labels] for mood in MOODS}
	return series_chart(labels, series, "bar", barOptions={"stacked": True}, colors=COLOURS)


def summary(figures: dict) -> list[dict]:
	negative_now, negative_before = share(figures["now"], "Negative"), share(figures["previous"], "Negative")
	change = (
		round(negative_now - negative_before, 1)
		if negative_now is not None and negative_before is not None
		else None
	)
	return [
		figure_card(negative_now, _("Negative (%)"), "Red"),
		figure_card(negative_before, _("Negative, previous period (%)"), "Grey"),
		figure_card(
			change,
			_("Change (percentage points)"),
			"Red" if (change or 0) > 0 else "Green" if change is not None else "Grey",
		),
		figure_card(share(figures["now"], "Positive"), _("Positive (%)"), "Green"),
	]


def message() -> str:
	return (
		_(
			"Each share is the feedback of that sentiment in per cent of all feedback of the period "
			"(feedback without a sentiment counts as Neutral). The Total row and the cards are the shares "
			"of the summed counts, not an average of the periods' shares. A period without feedback "
			"shows no shares and no bar, not 0 %. Feedback counts in the period it was received."
		)
		+ " "
		+ how_sentiment_is_counted()
	)
