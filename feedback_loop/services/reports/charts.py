"""Frappe chart data for the feedback reports: one series per name over the same labels."""

from frappe import _


def series_chart(labels: list[str], series: dict[str, list], kind: str = "bar", **options) -> dict:
	"""`series`: untranslated name → values in label order; names are shown translated."""
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _(name, context="Feedback Record"), "values": values}
				for name, values in series.items()
			],
		},
		"type": kind,
		**options,
	}
