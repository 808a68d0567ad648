"""The Sentiment Trend report: the share of negative, neutral and positive feedback by period,
and the negative share against the previous period of the same length."""

from collections import defaultdict

from frappe import _
from frappe.utils import getdate

from feedback_loop.core.reports.periods import Grouping, key_label, previous_range
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import counts_by, period_sql

MOODS = ("Negative", "Neutral", "Positive")


def trend(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	grouping = Grouping(filters.get("group_by") or Grouping.MONTH.value)
	# "mood", not "sentiment": an alias named like a column is grouped by the column.
	rows = counts_by(filters, start, end, ("period", period_sql(grouping)), ("mood", "sentiment"))
	periods: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
	for row in rows:
		periods[key_label(row.period, grouping)][row.mood or "Neutral"] += row.count
	before_start, before_end = previous_range(start, end)
	previous = {
		r.mood or "Neutral": r.count
		for r in counts_by(filters, before_start, before_end, ("mood", "sentiment"))
	}
	now = defaultdict(int)
	for moods in periods.values():
		for mood, count in moods.items():
			now[mood] += count
	return {
		"periods": {k: dict(v) for k, v in sorted(periods.items())},
		"now": dict(now),
		"previous": previous,
	}


def share(moods: dict, mood: str) -> float:
	total = sum(moods.values())
	return round(moods.get(mood, 0) / total * 100, 1) if total else 0.0


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


def rows(figures: dict) -> list[dict]:
	return [
		{
			"period": period,
			"total": sum(moods.values()),
			**{mood.lower(): share(moods, mood) for mood in MOODS},
		}
		for period, moods in figures["periods"].items()
	]


def chart(figures: dict) -> dict:
	labels = list(figures["periods"])
	series = {mood: [share(figures["periods"][label], mood) for label in labels] for mood in MOODS}
	return series_chart(labels, series, "line", colors=["#e24c4c", "#a0a0a0", "#29cd42"])


def summary(figures: dict) -> list[dict]:
	negative_now, negative_before = share(figures["now"], "Negative"), share(figures["previous"], "Negative")
	return [
		figure_card(negative_now, _("Negative (%)"), "Red"),
		figure_card(negative_before, _("Negative, previous period (%)"), "Grey"),
		figure_card(
			round(negative_now - negative_before, 1),
			_("Change (percentage points)"),
			"Red" if negative_now > negative_before else "Green",
		),
		figure_card(share(figures["now"], "Positive"), _("Positive (%)"), "Green"),
	]
