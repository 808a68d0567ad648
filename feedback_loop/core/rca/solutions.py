"""Choosing a solution (the problem-analysis seed, step 4): several candidates per root cause,
compared on cost, expected effect and difficulty, the best return recommended.

Return = effect points ÷ effort points. Effect: High 3, Medium 2, Low 1. Effort: difficulty (Low
1, Medium 2, High 3) plus the candidate's cost as a share of the dearest candidate for the same
cause, counted double (0 to 2), so that among equally easy candidates the cheaper wins and a
costly one must promise more. The best return of each cause is recommended; a tie goes to the
cheaper, then to the one written first. The analyst chooses; the recommendation only advises.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

EFFECT_POINTS = {"High": 3, "Medium": 2, "Low": 1}
DIFFICULTY_POINTS = {"Low": 1, "Medium": 2, "High": 3}
COST_WEIGHT = 2.0
#: The cause a candidate answers when it names none: the analysis's conclusion (the 5 Whys).
WHOLE_ANALYSIS = ""


@dataclass(frozen=True)
class Candidate:
	cause: str
	solution: str
	cost: float
	effect: str
	difficulty: str


@dataclass(frozen=True)
class Scored:
	score: float
	recommended: bool


class SolutionProblem(str, Enum):
	EMPTY_SOLUTION = "empty_solution"
	UNKNOWN_CAUSE = "unknown_cause"
	NEGATIVE_COST = "negative_cost"
	UNRATED = "unrated"


def solution_problems(
	candidates: Sequence[Candidate], root_causes: set[str]
) -> list[tuple[SolutionProblem, int]]:
	"""Each problem with the 1-based row it concerns, in row order. A candidate names one of the
	analysis's root causes (by its id, C1…) or none (the analysis's conclusion)."""
	problems = []
	for row, c in enumerate(candidates, start=1):
		if not c.solution.strip():
			problems.append((SolutionProblem.EMPTY_SOLUTION, row))
		if c.cause and c.cause not in root_causes:
			problems.append((SolutionProblem.UNKNOWN_CAUSE, row))
		if c.cost < 0:
			problems.append((SolutionProblem.NEGATIVE_COST, row))
		if c.effect not in EFFECT_POINTS or c.difficulty not in DIFFICULTY_POINTS:
			problems.append((SolutionProblem.UNRATED, row))
	return problems


def score_candidates(candidates: Sequence[Candidate]) -> list[Scored]:
	"""Each candidate's return and whether it is its cause's best, in input order. Call only on
	candidates without problems."""
	dearest: dict[str, float] = {}
	for c in candidates:
		dearest[c.cause] = max(dearest.get(c.cause, 0.0), c.cost)
	scores = []
	for c in candidates:
		cost_share = c.cost / dearest[c.cause] if dearest[c.cause] else 0.0
		effort = DIFFICULTY_POINTS[c.difficulty] + COST_WEIGHT * cost_share
		scores.append(round(EFFECT_POINTS[c.effect] / effort, 3))
	best: dict[str, int] = {}
	for i, c in enumerate(candidates):
		j = best.get(c.cause)
		if j is None or (scores[i], -c.cost) > (scores[j], -candidates[j].cost):
			best[c.cause] = i
	chosen = set(best.values())
	return [Scored(score, i in chosen) for i, score in enumerate(scores)]
