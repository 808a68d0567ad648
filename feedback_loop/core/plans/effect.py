"""Did an improvement plan work? Baseline and after figures, and the verdict against the plan's target.

The seeds' "反馈量下降70%": feedback about the category or item per 30 days before the plan and
after it, or the CSAT of verification revisits, or the share of SLA breaches. Windows may be
partly empty (the site went live inside the baseline window): rates are per day of the window
that could hold data, so a short history is not mistaken for a drop.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

RATE_DAYS = 30


class TargetType(str, Enum):
	REDUCE_VOLUME = "Reduce Feedback Volume"
	REACH_CSAT = "Reach CSAT"
	LIMIT_BREACH_RATE = "Limit SLA Breach Rate"


TARGET_TYPES: tuple[str, ...] = tuple(t.value for t in TargetType)


class Verdict(str, Enum):
	EFFECTIVE = "Verified Effective"
	NOT_EFFECTIVE = "Not Effective"


class Problem(str, Enum):
	#: Nothing to compare against: no feedback in the baseline window.
	NO_BASELINE = "no_baseline"
	#: No survey answers or no finished records in the measurement window.
	NO_DATA = "no_data"
	#: The measurement window has not passed yet.
	TOO_EARLY = "too_early"


@dataclass(frozen=True)
class Window:
	start: date
	#: Exclusive.
	end: date

	@property
	def days(self) -> int:
		return max(0, (self.end - self.start).days)

	def clipped_to(self, first_day_with_data: date | None) -> "Window":
		"""The part of the window in which data could exist at all."""
		if first_day_with_data is None or first_day_with_data <= self.start:
			return self
		return Window(min(first_day_with_data, self.end), self.end)


def windows(
	started_on: date, completed_on: date, baseline_days: int, measurement_days: int
) -> tuple[Window, Window]:
	"""Baseline: the days before the plan started. Measurement: the days after its actions were done."""
	baseline = Window(started_on - timedelta(days=baseline_days), started_on)
	measurement = Window(completed_on, completed_on + timedelta(days=measurement_days))
	return baseline, measurement


def rate_per_30_days(count: int, window: Window) -> float | None:
	if window.days <= 0:
		return None
	return count * RATE_DAYS / window.days


@dataclass(frozen=True)
class Figures:
	"""What the verification job measured; None where a figure does not apply or had no data."""

	baseline_count: int = 0
	baseline_rate: float | None = None
	after_count: int = 0
	after_rate: float | None = None
	after_csat: float | None = None
	csat_answers: int = 0
	after_breach_rate: float | None = None
	finished_records: int = 0


@dataclass(frozen=True)
class Result:
	verdict: Verdict | None
	#: Change of the measured figure in percent of the baseline (volume), else None.
	change_percent: float | None
	problem: Problem | None = None


def evaluate(target_type: str, target_value: float, figures: Figures) -> Result:
	"""The verdict against the target; without data the plan cannot be judged (verdict None)."""
	kind = TargetType(target_type)
	if kind is TargetType.REDUCE_VOLUME:
		if not figures.baseline_rate:
			return Result(None, None, Problem.NO_BASELINE)
		if figures.after_rate is None:
			return Result(None, None, Problem.NO_DATA)
		change = (figures.after_rate - figures.baseline_rate) / figures.baseline_rate * 100
		reached = -change >= target_value
		return Result(Verdict.EFFECTIVE if reached else Verdict.NOT_EFFECTIVE, round(change, 1))
	if kind is TargetType.REACH_CSAT:
		if figures.after_csat is None or not figures.csat_answers:
			return Result(None, None, Problem.NO_DATA)
		reached = figures.after_csat >= target_value
		return Result(Verdict.EFFECTIVE if reached else Verdict.NOT_EFFECTIVE, None)
	if figures.after_breach_rate is None or not figures.finished_records:
		return Result(None, None, Problem.NO_DATA)
	reached = figures.after_breach_rate <= target_value
	return Result(Verdict.EFFECTIVE if reached else Verdict.NOT_EFFECTIVE, None)


def validate_target(target_type: str, target_value: float | None) -> str | None:
	"""A problem with the target as entered, or None: percentages 0–100, CSAT 1–5."""
	if target_type not in TARGET_TYPES:
		return "unknown_target_type"
	if target_value is None:
		return "target_value_required"
	if target_type == TargetType.REACH_CSAT.value:
		return None if 1 <= target_value <= 5 else "csat_out_of_range"
	return None if 0 < target_value <= 100 else "percent_out_of_range"


def plan_progress(actions: list[tuple[str, float]]) -> float:
	"""Mean progress of the actions that count: Done counts 100, Cancelled does not count."""
	counted = [
		100.0 if status == "Done" else float(progress or 0)
		for status, progress in actions
		if status != "Cancelled"
	]
	return round(sum(counted) / len(counted), 1) if counted else 0.0
