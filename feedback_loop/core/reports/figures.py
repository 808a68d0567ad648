"""The one way the reports turn counts into figures.

A rate or share is always computed from counts — in a row from the row's counts, in a Total row,
a summary card or a chart's total from the summed counts — and never as an average of other
percentages. Where nothing was counted the figure is None (shown as a dash, a gap in a chart),
not 0: "no answers" is not "nobody was satisfied".
"""

from collections.abc import Iterable


def percent(part: float, whole: float, digits: int = 1) -> float | None:
	"""`part` of `whole` in per cent, rounded to `digits`; None when `whole` is 0."""
	return round(part / whole * 100, digits) if whole else None


def change_percent(current: float, previous: float, digits: int = 1) -> float | None:
	"""The change from `previous` to `current` in per cent of `previous`; None without a previous."""
	return round((current - previous) / previous * 100, digits) if previous else None


def pooled_change(pairs: Iterable[tuple[float, float]], digits: int = 1) -> float | None:
	"""The change of the summed values of (before, after) pairs, in per cent: what all of them
	together changed by, weighted by their size — not the average of each pair's change."""
	pairs = list(pairs)
	return change_percent(sum(after for _b, after in pairs), sum(before for before, _a in pairs), digits)
