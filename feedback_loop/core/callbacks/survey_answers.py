"""Survey questions, the answers a customer may give, and the scores they make.

CSAT 1–5 (satisfied = 4 or 5), NPS 0–10 (promoters 9–10, detractors 0–6), CES 1–7 (effort;
lower is easier). A low score or a complaint in the free text turns the answer into feedback.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

MIN_QUESTIONS = 3
MAX_QUESTIONS = 8
MAX_TEXT_LENGTH = 2000


class QuestionType(str, Enum):
	CSAT = "CSAT (1-5)"
	NPS = "NPS (0-10)"
	CES = "CES (1-7)"
	CHOICE = "Single Choice"
	TEXT = "Free Text"
	SOLVED = "Problem Solved (Yes/No)"


QUESTION_TYPES: tuple[str, ...] = tuple(t.value for t in QuestionType)
SCALES = {QuestionType.CSAT: (1, 5), QuestionType.NPS: (0, 10), QuestionType.CES: (1, 7)}
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Question:
	key: str
	type: QuestionType
	required: bool = True
	#: Option values for single choice (shown translated, stored as given here).
	options: tuple[str, ...] = ()
	#: The same options in Chinese, in the same order (empty: the English ones are shown).
	translated_options: tuple[str, ...] = ()


class AnswerProblem(str, Enum):
	REQUIRED = "required"
	NOT_A_NUMBER = "not_a_number"
	OUT_OF_RANGE = "out_of_range"
	UNKNOWN_OPTION = "unknown_option"
	TOO_LONG = "too_long"


@dataclass(frozen=True)
class Scores:
	csat: float | None = None
	nps: int | None = None
	ces: float | None = None
	solved: bool | None = None
	free_text: str = ""


def template_problems(questions: Sequence[Question]) -> list[str]:
	problems = []
	if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
		problems.append("question_count")
	for question in questions:
		if question.type is not QuestionType.CHOICE:
			continue
		if len(question.options) < 2:
			problems.append(f"options:{question.key}")
		elif question.translated_options and len(question.translated_options) != len(question.options):
			problems.append(f"translation:{question.key}")
	return problems


def clean_answers(
	questions: Sequence[Question], raw: Mapping[str, object]
) -> tuple[dict[str, str], dict[str, AnswerProblem]]:
	"""Answers as stored (strings), or the problem with each bad one; never a partial mix."""
	answers: dict[str, str] = {}
	problems: dict[str, AnswerProblem] = {}
	for question in questions:
		value = raw.get(question.key)
		text = "" if value is None else str(value).strip()
		if not text:
			if question.required:
				problems[question.key] = AnswerProblem.REQUIRED
			continue
		if question.type in SCALES:
			low, high = SCALES[question.type]
			try:
				number = int(text)
			except ValueError:
				problems[question.key] = AnswerProblem.NOT_A_NUMBER
				continue
			if not low <= number <= high:
				problems[question.key] = AnswerProblem.OUT_OF_RANGE
				continue
			text = str(number)
		elif question.type is QuestionType.CHOICE and text not in question.options:
			problems[question.key] = AnswerProblem.UNKNOWN_OPTION
			continue
		elif question.type is QuestionType.SOLVED and text not in (YES, NO):
			problems[question.key] = AnswerProblem.UNKNOWN_OPTION
			continue
		elif question.type is QuestionType.TEXT and len(text) > MAX_TEXT_LENGTH:
			problems[question.key] = AnswerProblem.TOO_LONG
			continue
		answers[question.key] = text
	return ({} if problems else answers), problems


def scores_of(questions: Sequence[Question], answers: Mapping[str, str]) -> Scores:
	"""The first answer of each scored type counts; texts are joined."""
	found: dict[str, object] = {}
	texts = []
	for question in questions:
		value = answers.get(question.key)
		if value is None:
			continue
		if question.type is QuestionType.CSAT:
			found.setdefault("csat", float(value))
		elif question.type is QuestionType.NPS:
			found.setdefault("nps", int(value))
		elif question.type is QuestionType.CES:
			found.setdefault("ces", float(value))
		elif question.type is QuestionType.SOLVED:
			found.setdefault("solved", value == YES)
		elif question.type is QuestionType.TEXT:
			texts.append(value)
	return Scores(**found, free_text="\n".join(texts))


def stored_scores(
	csat: float | None,
	nps: int | None,
	nps_answered: bool,
	ces: float | None,
	solved: str | None,
	answers: Sequence[tuple[str, str | None]],
) -> Scores:
	"""The scores of an answer already stored on its revisit (its score fields, and its answer rows
	as (question type, answer) in question order): what `scores_of` gave when it was taken. CSAT
	and CES 0 mean not answered; NPS 0 is a score when the NPS question was answered."""
	texts = [answer for kind, answer in answers if kind == QuestionType.TEXT.value and answer]
	return Scores(
		csat=float(csat) if csat else None,
		nps=int(nps or 0) if nps_answered else None,
		ces=float(ces) if ces else None,
		solved=None if not solved else solved == "Yes",
		free_text="\n".join(texts),
	)


def is_low(scores: Scores, csat_at_most: float = 2, nps_at_most: int = 6) -> bool:
	return (scores.csat is not None and scores.csat <= csat_at_most) or (
		scores.nps is not None and scores.nps <= nps_at_most
	)


def nps_group(score: int) -> str:
	return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def score_summary(scores: Scores) -> str:
	"""The scores of one answered survey on one line, each with its scale: "CSAT 1/5 · NPS 2/10"."""
	parts = []
	for label, value, top in (("CSAT", scores.csat, 5), ("NPS", scores.nps, 10), ("CES", scores.ces, 7)):
		if value is not None:
			parts.append(f"{label} {value:g}/{top}")
	return " · ".join(parts)
