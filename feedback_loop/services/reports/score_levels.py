"""How a CSAT average or an NPS reads — low (red), fair (orange) or good (green) — by the
thresholds of Feedback Settings (*CSAT and NPS Figures*), for the workspace's number cards and
the Satisfaction Trend report's cards alike (core/reports/satisfaction.py decides)."""

from feedback_loop.core.reports.satisfaction import (
	CSAT_AVERAGE,
	LEVEL_INDICATOR,
	NPS_SCORE,
	Thresholds,
	level,
)
from feedback_loop.services.feedback_settings import get_feedback_settings

#: score → (low field, good field, defaults)
FIELDS = {
	"csat": ("low_csat_average_at_most", "good_csat_average_at_least", CSAT_AVERAGE),
	"nps": ("low_nps_score_at_most", "good_nps_score_at_least", NPS_SCORE),
}


def thresholds(score: str) -> Thresholds:
	"""The settings' thresholds of "csat" or "nps"; a threshold left empty is the default."""
	low_field, good_field, defaults = FIELDS[score]
	settings = get_feedback_settings()

	def value(field, default):
		# An empty number of a single reads 0; 0 is a real threshold only for the NPS's low one,
		# which is also its default.
		stored = settings.get(field)
		return float(stored) if stored else default

	return Thresholds(
		low_at_most=value(low_field, defaults.low_at_most),
		good_at_least=value(good_field, defaults.good_at_least),
	)


def indicator(score: str, value: float | None) -> str | None:
	"""Red, Orange or Green for a figure; None without one."""
	found = level(value, thresholds(score))
	return LEVEL_INDICATOR[found] if found else None
