import pytest

from feedback_loop.core.rca.solutions import Candidate, SolutionProblem, score_candidates, solution_problems


def c(solution, cost, effect, difficulty, cause="C1"):
	return Candidate(cause, solution, cost, effect, difficulty)


def test_the_best_return_of_each_cause_is_recommended():
	candidates = [
		c("New packaging supplier", 20_000, "High", "High"),
		c("Double-wall boxes", 2_000, "High", "Low"),
		c("Train packers", 500, "Medium", "Low"),
		c("Slower conveyor", 0, "Low", "Medium", cause="C2"),
	]
	scored = score_candidates(candidates)
	# Effect ÷ (difficulty + 2 × cost ÷ dearest of the cause).
	assert [s.score for s in scored] == pytest.approx([3 / 5, 3 / 1.2, 2 / 1.05, 1 / 2], abs=1e-3)
	assert [s.recommended for s in scored] == [False, True, False, True]


def test_a_tie_goes_to_the_cheaper_then_the_first():
	# 3 ÷ (1 + 2 × 100/100) = 1.0 against 1 ÷ 1 = 1.0: the free one wins.
	tie = [c("Dear", 100, "High", "Low"), c("Free", 0, "Low", "Low")]
	assert [s.score for s in score_candidates(tie)] == [1.0, 1.0]
	assert [s.recommended for s in score_candidates(tie)] == [False, True]
	same = [c("A", 0, "Medium", "Medium"), c("B", 0, "Medium", "Medium")]
	assert [s.recommended for s in score_candidates(same)] == [True, False]


def test_free_candidates_compare_on_effect_and_difficulty_alone():
	scored = score_candidates([c("A", 0, "High", "High"), c("B", 0, "Medium", "Low")])
	assert [s.score for s in scored] == [1.0, 2.0]
	assert [s.recommended for s in scored] == [False, True]


def test_problems_are_named_by_row():
	candidates = [
		c(" ", 10, "High", "Low"),
		c("Fix", -5, "High", "Low", cause="C9"),
		c("Fix", 0, "", "Low"),
		c("Fix", 0, "High", "Low", cause=""),
	]
	assert solution_problems(candidates, {"C1"}) == [
		(SolutionProblem.EMPTY_SOLUTION, 1),
		(SolutionProblem.UNKNOWN_CAUSE, 2),
		(SolutionProblem.NEGATIVE_COST, 2),
		(SolutionProblem.UNRATED, 3),
	]
