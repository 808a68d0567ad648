"""Summary cards of the feedback reports."""

#: Shown where a figure cannot be computed (nothing to compare with, nothing decided yet).
NO_FIGURE = "—"


def figure_card(value: float | None, label: str, indicator: str) -> dict:
	"""A card for a figure that may be missing: a dash then, not a misleading 0."""
	if value is None:
		return {"value": NO_FIGURE, "label": label, "datatype": "Data", "indicator": indicator}
	return {"value": value, "label": label, "datatype": "Float", "indicator": indicator}
