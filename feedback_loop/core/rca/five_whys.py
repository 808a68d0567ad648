"""The 5 Whys chain of a Root Cause Analysis: when is it complete, and what does it conclude."""

from dataclasses import dataclass
from enum import Enum

#: Fewer levels than this need a written justification: most chains stop at a symptom before it.
MIN_LEVELS = 3


@dataclass(frozen=True)
class WhyStep:
	question: str = ""
	answer: str = ""
	verified: bool = False


class ChainProblem(str, Enum):
	EMPTY = "empty"
	TOO_SHORT = "too_short"
	ANSWER_MISSING = "answer_missing"


def check_chain(steps: list[WhyStep], justification: str = "") -> list[tuple[ChainProblem, int | None]]:
	"""Every problem with the chain and the 1-based level it concerns (None for the whole chain).

	Guarantees: a chain is complete when it has at least MIN_LEVELS levels, or fewer with a written
	justification, and every level has an answer.
	"""
	if not steps:
		return [(ChainProblem.EMPTY, None)]
	problems: list[tuple[ChainProblem, int | None]] = [
		(ChainProblem.ANSWER_MISSING, level)
		for level, step in enumerate(steps, start=1)
		if not step.answer.strip()
	]
	if len(steps) < MIN_LEVELS and not justification.strip():
		problems.append((ChainProblem.TOO_SHORT, None))
	return problems


def root_cause_statement(steps: list[WhyStep]) -> str:
	"""The last answer of the chain: where the asking stopped is the root cause."""
	answers = [step.answer.strip() for step in steps if step.answer.strip()]
	return answers[-1] if answers else ""
