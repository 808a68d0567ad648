"""The recommendations an analysis report ends with: for each validated root cause analysis, what
was found, what to do (the solutions chosen, else the best return of each cause) and how far the
improvement plan made from it has got."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Solution:
	analysis: str
	text: str
	chosen: bool
	recommended: bool


@dataclass(frozen=True)
class Plan:
	analysis: str
	name: str
	state: str
	change_percent: float | None = None


@dataclass(frozen=True)
class Recommendation:
	analysis: str
	#: the solutions to carry out; `chosen` says whether the analyst chose them or they are only
	#: the best returns computed from the candidates
	solutions: tuple[str, ...]
	chosen: bool
	plans: tuple[Plan, ...]


def recommendations(
	analyses: Sequence[str], solutions: Iterable[Solution], plans: Iterable[Plan]
) -> list[Recommendation]:
	"""One per analysis, in the order given; an analysis without candidates recommends nothing
	yet (its plans may still say what is being done)."""
	by_analysis: dict[str, list[Solution]] = {}
	for solution in solutions:
		by_analysis.setdefault(solution.analysis, []).append(solution)
	plans_of: Mapping[str, list[Plan]] = {}
	for plan in plans:
		plans_of.setdefault(plan.analysis, []).append(plan)
	out = []
	for analysis in analyses:
		candidates = by_analysis.get(analysis, [])
		chosen = [s.text for s in candidates if s.chosen]
		picked = chosen or [s.text for s in candidates if s.recommended]
		out.append(Recommendation(analysis, tuple(picked), bool(chosen), tuple(plans_of.get(analysis, []))))
	return out
