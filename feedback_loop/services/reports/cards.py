"""Summary cards of the feedback reports."""

#: Shown where a figure cannot be computed (nothing to compare with, nothing decided yet).
NO_FIGURE = "—"
#: Figures are rounded where they are computed and shown as they are: a Float card pads every
#: one to the site's float precision (66.700 %, 2.900 hours).
FIGURE = "Data"


def figure_card(value: float | None, label: str, indicator: str) -> dict:
	"""A card for a figure that may be missing: a dash then, not a misleading 0."""
	if value is None:
		return {"value": NO_FIGURE, "label": label, "datatype": "Data", "indicator": indicator}
	return {"value": value, "label": label, "datatype": FIGURE, "indicator": indicator}
