from datetime import date

import pytest

from feedback_loop.core.plans.effect import (
	Figures,
	Problem,
	TargetType,
	Verdict,
	Window,
	evaluate,
	plan_progress,
	rate_per_30_days,
	validate_target,
	windows,
)

VOLUME = TargetType.REDUCE_VOLUME.value
CSAT = TargetType.REACH_CSAT.value
BREACH = TargetType.LIMIT_BREACH_RATE.value


def test_windows_before_the_start_and_after_completion():
	baseline, measurement = windows(date(2026, 6, 1), date(2026, 7, 15), 90, 30)
	assert baseline == Window(date(2026, 3, 3), date(2026, 6, 1))
	assert baseline.days == 90
	assert measurement == Window(date(2026, 7, 15), date(2026, 8, 14))
	assert measurement.days == 30


def test_rate_per_30_days():
	assert rate_per_30_days(90, Window(date(2026, 1, 1), date(2026, 4, 1))) == pytest.approx(30.0)
	assert rate_per_30_days(0, Window(date(2026, 1, 1), date(2026, 1, 31))) == 0
	assert rate_per_30_days(5, Window(date(2026, 1, 1), date(2026, 1, 1))) is None


def test_partial_baseline_counts_only_the_days_that_could_hold_data():
	baseline = Window(date(2026, 3, 3), date(2026, 6, 1))
	clipped = baseline.clipped_to(date(2026, 5, 2))  # the site went live a month before the plan
	assert clipped == Window(date(2026, 5, 2), date(2026, 6, 1))
	assert rate_per_30_days(30, clipped) == pytest.approx(30.0)
	assert rate_per_30_days(30, baseline) == pytest.approx(10.0)
	assert baseline.clipped_to(date(2025, 1, 1)) == baseline
	assert baseline.clipped_to(None) == baseline
	assert baseline.clipped_to(date(2026, 7, 1)).days == 0


def test_volume_reduced_by_seventy_percent_meets_a_seventy_percent_target():
	result = evaluate(
		VOLUME, 70, Figures(baseline_count=100, baseline_rate=100 / 3, after_count=10, after_rate=10.0)
	)
	assert result.verdict is Verdict.EFFECTIVE
	assert result.change_percent == -70.0


def test_volume_reduced_less_than_the_target_is_not_effective():
	result = evaluate(VOLUME, 70, Figures(baseline_rate=30.0, after_rate=12.0))
	assert result.verdict is Verdict.NOT_EFFECTIVE
	assert result.change_percent == -60.0


def test_volume_that_grew_is_not_effective():
	result = evaluate(VOLUME, 10, Figures(baseline_rate=10.0, after_rate=15.0))
	assert result.verdict is Verdict.NOT_EFFECTIVE
	assert result.change_percent == 50.0


def test_empty_baseline_cannot_be_judged():
	result = evaluate(VOLUME, 50, Figures(baseline_rate=0.0, after_rate=0.0))
	assert result.verdict is None
	assert result.problem is Problem.NO_BASELINE
	assert evaluate(VOLUME, 50, Figures(baseline_rate=None)).problem is Problem.NO_BASELINE
	assert evaluate(VOLUME, 50, Figures(baseline_rate=3.0, after_rate=None)).problem is Problem.NO_DATA


def test_empty_after_window_is_a_full_reduction():
	result = evaluate(VOLUME, 70, Figures(baseline_rate=9.0, after_count=0, after_rate=0.0))
	assert result.verdict is Verdict.EFFECTIVE
	assert result.change_percent == -100.0


def test_csat_target():
	assert evaluate(CSAT, 4.0, Figures(after_csat=4.2, csat_answers=12)).verdict is Verdict.EFFECTIVE
	assert evaluate(CSAT, 4.0, Figures(after_csat=3.9, csat_answers=12)).verdict is Verdict.NOT_EFFECTIVE
	assert evaluate(CSAT, 4.0, Figures(after_csat=None, csat_answers=0)).problem is Problem.NO_DATA


def test_breach_rate_target():
	assert (
		evaluate(BREACH, 10, Figures(after_breach_rate=8.0, finished_records=25)).verdict is Verdict.EFFECTIVE
	)
	assert (
		evaluate(BREACH, 10, Figures(after_breach_rate=10.0, finished_records=25)).verdict
		is Verdict.EFFECTIVE
	)
	assert (
		evaluate(BREACH, 10, Figures(after_breach_rate=12.5, finished_records=8)).verdict
		is Verdict.NOT_EFFECTIVE
	)
	assert (
		evaluate(BREACH, 10, Figures(after_breach_rate=None, finished_records=0)).problem is Problem.NO_DATA
	)


def test_unknown_target_type_is_refused():
	with pytest.raises(ValueError):
		evaluate("Make customers happy", 1, Figures())


@pytest.mark.parametrize(
	("target_type", "value", "problem"),
	[
		(VOLUME, 70, None),
		(VOLUME, 0, "percent_out_of_range"),
		(VOLUME, 120, "percent_out_of_range"),
		(BREACH, 5, None),
		(CSAT, 4.5, None),
		(CSAT, 6, "csat_out_of_range"),
		(CSAT, None, "target_value_required"),
		("Other", 5, "unknown_target_type"),
	],
)
def test_validate_target(target_type, value, problem):
	assert validate_target(target_type, value) == problem


def test_plan_progress_from_actions():
	assert plan_progress([]) == 0.0
	assert plan_progress([("Done", 0), ("Open", 0)]) == 50.0
	assert plan_progress([("In Progress", 40), ("Cancelled", 0), ("Done", 80)]) == 70.0
	assert plan_progress([("Cancelled", 10)]) == 0.0
