"""Satisfaction figures from answer distributions: CSAT average and satisfied share, NPS
(promoters minus detractors, in points), average effort (CES)."""

from feedback_loop.core.callbacks.survey_answers import nps_group


def csat_average(distribution: dict[int, int]) -> float | None:
	answers = sum(distribution.values())
	return (
		round(sum(score * count for score, count in distribution.items()) / answers, 2) if answers else None
	)


def satisfied_share(distribution: dict[int, int]) -> float | None:
	"""Share of CSAT answers of 4 or 5."""
	answers = sum(distribution.values())
	return sum(c for s, c in distribution.items() if s >= 4) / answers if answers else None


def net_promoter_score(distribution: dict[int, int]) -> float | None:
	"""% promoters (9–10) minus % detractors (0–6), from −100 to 100."""
	answers = sum(distribution.values())
	if not answers:
		return None
	groups = {"promoter": 0, "passive": 0, "detractor": 0}
	for score, count in distribution.items():
		groups[nps_group(score)] += count
	return round((groups["promoter"] - groups["detractor"]) / answers * 100, 1)
