"""Frappe chart data for the feedback reports: one series per name over the same labels.

A value of None is a gap: Frappe's bar charts draw no bar for it (a line chart would draw it at
0, so trends whose figures may be missing are bars). Frappe shows a legend only for two series
or more: a chart of one series is titled with its name instead.
"""

from frappe import _


def series_chart(
	labels: list[str], series: dict[str, list], kind: str = "bar", translate: bool = True, **options
) -> dict:
	"""`series`: name → values in label order. Names are stored values (a channel, a sentiment)
	shown translated in the record's context, or, with `translate=False`, already translated."""
	datasets = [
		{"name": _(name, context="Feedback Record") if translate else name, "values": values}
		for name, values in series.items()
	]
	if len(datasets) == 1 and "title" not in options:
		options["title"] = datasets[0]["name"]
	return {"data": {"labels": labels, "datasets": datasets}, "type": kind, **options}
