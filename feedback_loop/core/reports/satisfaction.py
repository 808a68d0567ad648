"""Satisfaction figures from answer distributions: CSAT average and satisfied share, NPS
(promoters minus detractors, in points), average effort (CES); a period's distributions merged
into the whole's; and whether a figure reads low, fair or good against the settings' thresholds.

Every figure of a period or of the whole is computed from its answer distribution, never as an
average of other averages."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

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


def merged(distributions: Iterable[Mapping[int, int]]) -> dict[int, int]:
	"""One distribution of the answers of several (the periods of a trend: its Total)."""
	total: dict[int, int] = defaultdict(int)
	for values in distributions:
		for value, count in values.items():
			total[value] += count
	return dict(total)


class Level(str, Enum):
	LOW = "low"
	FAIR = "fair"
	GOOD = "good"


#: How each level is shown: a card's indicator (reports) and colour (workspace number cards).
LEVEL_INDICATOR = {Level.LOW: "Red", Level.FAIR: "Orange", Level.GOOD: "Green"}


@dataclass(frozen=True)
class Thresholds:
	"""A score is low at or below `low_at_most`, good at or above `good_at_least`, fair between.
	When the two overlap, low wins: a figure is never shown green and low at once."""

	low_at_most: float
	good_at_least: float


#: Defaults of Feedback Settings' thresholds for the CSAT average (1–5): 4 is "satisfied" on the
#: scale, 3 or less means the average customer was at best neutral.
CSAT_AVERAGE = Thresholds(low_at_most=3.0, good_at_least=4.0)
#: For the NPS (−100 to 100): at most 0, no more promoters than detractors; 30 or more is good.
NPS_SCORE = Thresholds(low_at_most=0, good_at_least=30)


def level(value: float | None, thresholds: Thresholds) -> Level | None:
	"""How a CSAT average or NPS reads against its thresholds; None without a value."""
	if value is None:
		return None
	if value <= thresholds.low_at_most:
		return Level.LOW
	if value >= thresholds.good_at_least:
		return Level.GOOD
	return Level.FAIR
