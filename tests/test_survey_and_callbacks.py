from datetime import datetime, time, timedelta

import pytest

from feedback_loop.core.callbacks.schedule import BACKOFF_MINUTES, callback_due, next_attempt, throttled
from feedback_loop.core.callbacks.survey_answers import (
	MAX_TEXT_LENGTH,
	AnswerProblem,
	Question,
	QuestionType,
	Scores,
	clean_answers,
	is_low,
	nps_group,
	scores_of,
	stored_scores,
	template_problems,
)
from feedback_loop.core.callbacks.survey_token import TokenProblem, check_token, make_token
from feedback_loop.core.sla.calendar import BusinessCalendar, Window

SECRET = b"site-secret"
QUESTIONS = [
	Question("q1", QuestionType.CSAT),
	Question("q2", QuestionType.NPS),
	Question("q3", QuestionType.CES, required=False),
	Question("q4", QuestionType.CHOICE, required=False, options=("Delivery", "Product")),
	Question("q5", QuestionType.TEXT, required=False),
	Question("q6", QuestionType.SOLVED, required=False),
]


def test_token_round_trip_and_refusals():
	token = make_token(SECRET, "CB-2026-00001", expires_at=2000)
	assert check_token(SECRET, token, now=1000).callback == "CB-2026-00001"
	assert check_token(SECRET, token, now=1000).problem is None
	assert check_token(SECRET, token, now=2000).problem is TokenProblem.EXPIRED
	assert check_token(b"other", token, now=1000).problem is TokenProblem.TAMPERED
	_payload, signature = token.split(".")
	forged = make_token(SECRET, "CB-2026-00002", expires_at=2000).split(".")[0]
	assert check_token(SECRET, f"{forged}.{signature}", now=1000).problem is TokenProblem.TAMPERED
	assert check_token(SECRET, "nonsense", now=1000).problem is TokenProblem.MALFORMED
	assert check_token(SECRET, "", now=1000).problem is TokenProblem.MALFORMED
	assert check_token(SECRET, "a" * 600 + "." + signature, now=1000).problem is TokenProblem.MALFORMED


def test_answers_are_validated_all_or_nothing():
	answers, problems = clean_answers(QUESTIONS, {"q1": "4", "q2": " 9 ", "q4": "Delivery", "q6": "yes"})
	assert problems == {}
	assert answers == {"q1": "4", "q2": "9", "q4": "Delivery", "q6": "yes"}

	answers, problems = clean_answers(
		QUESTIONS, {"q1": "6", "q2": "", "q3": "x", "q4": "Other", "q5": "a" * (MAX_TEXT_LENGTH + 1)}
	)
	assert answers == {}
	assert problems == {
		"q1": AnswerProblem.OUT_OF_RANGE,
		"q2": AnswerProblem.REQUIRED,
		"q3": AnswerProblem.NOT_A_NUMBER,
		"q4": AnswerProblem.UNKNOWN_OPTION,
		"q5": AnswerProblem.TOO_LONG,
	}
	assert clean_answers(QUESTIONS, {"q1": "0", "q2": "11"})[1] == {
		"q1": AnswerProblem.OUT_OF_RANGE,
		"q2": AnswerProblem.OUT_OF_RANGE,
	}
	assert clean_answers(QUESTIONS, {"q1": "3", "q2": "0", "q6": "maybe"})[1] == {
		"q6": AnswerProblem.UNKNOWN_OPTION
	}


def test_scores_and_low_scores():
	scores = scores_of(QUESTIONS, {"q1": "2", "q2": "9", "q3": "5", "q5": "太慢了", "q6": "no"})
	assert (scores.csat, scores.nps, scores.ces, scores.solved, scores.free_text) == (
		2.0,
		9,
		5.0,
		False,
		"太慢了",
	)
	assert is_low(scores)
	assert not is_low(scores_of(QUESTIONS, {"q1": "4", "q2": "9"}))
	assert is_low(scores_of(QUESTIONS, {"q1": "4", "q2": "6"}))
	assert not is_low(scores_of(QUESTIONS, {"q1": "4", "q2": "6"}), nps_at_most=5)
	assert [nps_group(s) for s in (0, 6, 7, 8, 9, 10)] == ["detractor"] * 2 + ["passive"] * 2 + [
		"promoter"
	] * 2


def _as_stored(answers: dict) -> Scores:
	"""What the revisit keeps of an answer (services/callbacks/survey.py store_answers), read back."""
	scores = scores_of(QUESTIONS, answers)
	rows = [(q.type.value, answers[q.key]) for q in QUESTIONS if q.key in answers]
	solved = None if scores.solved is None else ("Yes" if scores.solved else "No")
	return stored_scores(
		scores.csat or 0, scores.nps or 0, scores.nps is not None, scores.ces or 0, solved, rows
	)


@pytest.mark.parametrize(
	"answers",
	[
		{"q1": "2", "q2": "9", "q3": "5", "q5": "太慢了", "q6": "no"},
		{"q1": "1", "q2": "0"},
		{"q1": "5", "q2": "10", "q6": "yes"},
		{"q1": "3", "q2": "6", "q4": "Delivery", "q5": "包装破损\n送货太慢"},
	],
)
def test_an_answer_read_back_from_its_revisit_has_the_scores_it_was_given(answers):
	# A follow-up raised later (a job, the sweep) decides from what was stored, not what was sent.
	assert _as_stored(answers) == scores_of(QUESTIONS, answers)


def test_an_unanswered_nps_is_no_score_but_an_answered_zero_is():
	assert stored_scores(0, 0, False, 0, None, []).nps is None
	assert stored_scores(0, 0, True, 0, None, []).nps == 0
	assert stored_scores(0, 0, False, 0, None, [("Free Text", None), ("Free Text", "")]).free_text == ""


def test_templates_need_three_to_eight_questions_and_choice_options():
	assert template_problems(QUESTIONS) == []
	assert template_problems(QUESTIONS[:2]) == ["question_count"]
	assert template_problems(QUESTIONS + QUESTIONS[:3]) == ["question_count"]
	bad_choice = [*QUESTIONS[:2], Question("c", QuestionType.CHOICE, options=("Only",))]
	assert template_problems(bad_choice) == ["options:c"]


def _weekday_calendar():
	windows = {day: (Window(time(9), time(18)),) for day in range(5)}
	return BusinessCalendar("Asia/Shanghai", windows)


def test_delays_in_hours_days_and_working_days():
	friday_evening = datetime(2026, 11, 27, 20, 0)
	assert callback_due(friday_evening, 4, "Hours", None) == datetime(2026, 11, 28, 0, 0)
	assert callback_due(friday_evening, 3, "Days", None) == datetime(2026, 11, 30, 20, 0)
	# Two working days after Friday evening: the weekend does not count.
	assert callback_due(friday_evening, 2, "Working Days", _weekday_calendar()) == datetime(
		2026, 12, 1, 18, 0
	)
	assert callback_due(friday_evening, 0, "Working Days", None) == friday_evening
	with pytest.raises(ValueError):
		callback_due(friday_evening, 2, "Working Days", None)
	with pytest.raises(ValueError):
		callback_due(friday_evening, 2, "Weeks", None)


def test_throttling_window():
	due = datetime(2026, 12, 10, 9)
	assert throttled(due, [datetime(2026, 11, 20, 9)], days=30)
	assert not throttled(due, [datetime(2026, 11, 1, 9)], days=30)
	assert throttled(due, [datetime(2026, 12, 20, 9)], days=30)
	assert not throttled(due, [datetime(2026, 12, 10, 9)], days=0)
	assert not throttled(due, [], days=30)


def test_backoff_then_give_up():
	failed = datetime(2026, 11, 24, 10, 0)
	assert next_attempt(failed, 1) == failed + timedelta(minutes=BACKOFF_MINUTES[0])
	assert next_attempt(failed, len(BACKOFF_MINUTES)) == failed + timedelta(minutes=BACKOFF_MINUTES[-1])
	assert next_attempt(failed, len(BACKOFF_MINUTES) + 1) is None
	assert next_attempt(failed, 0) is None
