"""The analysis's candidate solutions checked, scored and the best return of each cause marked
(core/rca/solutions.py). The plan form made from the analysis starts with the chosen ones as its
actions (improvement_plan.js): the owner and due date are the planner's to give."""

import frappe
from frappe import _
from frappe.utils import flt

from feedback_loop.core.rca.solutions import Candidate, SolutionProblem, score_candidates, solution_problems


def candidates_of(doc) -> list[Candidate]:
	return [
		Candidate(
			cause=(row.cause_id or "").strip().upper(),
			solution=row.solution or "",
			cost=flt(row.estimated_cost),
			effect=row.expected_effect or "",
			difficulty=row.difficulty or "",
		)
		for row in doc.solutions
	]


def score_solutions(doc) -> None:
	for row in doc.solutions:
		row.cause_id = (row.cause_id or "").strip().upper() or None
	candidates = candidates_of(doc)
	roots = {row.cause_id for row in doc.causes if row.is_root_cause and row.cause_id}
	problems = solution_problems(candidates, roots)
	if problems:
		frappe.throw(
			"<br>".join(_message(problem, row, doc.solutions[row - 1].cause_id) for problem, row in problems),
			title=_("Candidate Solutions"),
		)
	for row, scored in zip(doc.solutions, score_candidates(candidates), strict=True):
		row.return_score = scored.score
		row.recommended = int(scored.recommended)


def _message(problem: SolutionProblem, row: int, cause: str | None) -> str:
	match problem:
		case SolutionProblem.EMPTY_SOLUTION:
			return _("Row {0}: describe the solution.").format(row)
		case SolutionProblem.UNKNOWN_CAUSE:
			return _("Row {0}: {1} is not a root cause of the fishbone.").format(row, cause)
		case SolutionProblem.NEGATIVE_COST:
			return _("Row {0}: the cost cannot be negative.").format(row)
		case SolutionProblem.UNRATED:
			return _("Row {0}: rate its expected effect and its difficulty.").format(row)
	return str(problem)
