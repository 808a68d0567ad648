"""The reports' one way from counts to figures: rates from counts (a Total from the summed
counts, never an average of percentages), every period of a range, revisit outcomes and the
response rate, and how a CSAT average or an NPS reads against its thresholds."""

import json
import pathlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.reports.figures import change_percent, percent, pooled_change
from feedback_loop.core.reports.periods import Grouping, period_label, period_labels
from feedback_loop.core.reports.revisits import Outcomes, outcomes, total
from feedback_loop.core.reports.satisfaction import (
	CSAT_AVERAGE,
	LEVEL_INDICATOR,
	NPS_SCORE,
	Level,
	Thresholds,
	csat_average,
	level,
	merged,
	net_promoter_score,
)

SETTINGS = (
	pathlib.Path(__file__).resolve().parents[1]
	/ "feedback_loop/feedback_loop/doctype/feedback_settings/feedback_settings.json"
)


def test_a_rate_without_a_whole_is_none_not_zero():
	assert percent(26, 76) == 34.2
	assert percent(0, 5) == 0.0
	assert percent(0, 0) is None
	assert change_percent(40, 100) == -60.0
	assert change_percent(5, 0) is None


def test_the_total_of_rates_is_the_rate_of_the_sums_not_their_average():
	# The case: one row 26 of 26 closed (100 %), another 10 of 50: the average of the
	# two percentages (60 %) is no rate of anything; the sums give 36 of 76.
	rows = [outcomes({"Responded": 26}), outcomes({"Responded": 10, "No Response": 40})]
	assert [row.response_rate for row in rows] == [100.0, 20.0]
	assert total(rows).response_rate == percent(36, 76) == 47.4


def test_pooled_change_weights_by_size():
	# 100 → 40 and 80 → 72: together 180 → 112, −37.8 %, not the average of −60 and −10.
	assert pooled_change([(100, 40), (80, 72)]) == -37.8
	assert pooled_change([]) is None


def test_every_period_of_a_range():
	assert period_labels(date(2019, 3, 30), date(2019, 4, 2), Grouping.DAY) == [
		"2019-03-30",
		"2019-03-31",
		"2019-04-01",
		"2019-04-02",
	]
	assert period_labels(date(2019, 3, 1), date(2019, 3, 31), Grouping.WEEK) == [
		"2019-W09",
		"2019-W10",
		"2019-W11",
		"2019-W12",
		"2019-W13",
	]
	assert period_labels(date(2026, 12, 28), date(2027, 1, 4), Grouping.WEEK) == ["2026-W53", "2027-W01"]
	assert period_labels(date(2018, 11, 15), date(2019, 2, 1), Grouping.MONTH) == [
		"2018-11",
		"2018-12",
		"2019-01",
		"2019-02",
	]
	with pytest.raises(ValueError):
		period_labels(date(2019, 3, 2), date(2019, 3, 1), Grouping.DAY)


@given(
	st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
	st.integers(0, 800),
	st.sampled_from(list(Grouping)),
)
def test_period_labels_hold_every_day_once_in_order(start, days, grouping):
	end = date.fromordinal(start.toordinal() + days)
	labels = period_labels(start, end, grouping)
	every_day = [
		period_label(date.fromordinal(d), grouping) for d in range(start.toordinal(), end.toordinal() + 1)
	]
	assert labels == list(dict.fromkeys(every_day))


def test_revisit_outcomes_and_the_response_rate():
	found = outcomes(
		{"Responded": 26, "Sent": 50, "No Response": 0, "Scheduled": 3, "Failed": 1, "Cancelled": 2}
	)
	assert (found.revisits, found.sent, found.not_sent, found.failed_or_cancelled) == (82, 76, 3, 3)
	# Answered ÷ sent: the 50 still awaiting an answer are asked and not answered (yet).
	assert found.response_rate == 34.2
	assert found.shares_of_sent() == {"responded": 34.2, "no_response": 0.0, "awaiting": 65.8}
	assert Outcomes(not_sent=4).response_rate is None
	assert outcomes({"Unknown": 3}) == Outcomes()


def test_the_total_row_is_the_sum_of_the_rows_and_its_rate_their_pooled_rate():
	rows = [outcomes({"Responded": 26, "Sent": 50}), outcomes({"Responded": 30, "No Response": 10})]
	whole = total(rows)
	assert whole == Outcomes(awaiting=50, responded=56, no_response=10)
	assert whole.response_rate == percent(56, 116) == 48.3
	assert total([]) == Outcomes()


@given(
	st.lists(
		st.dictionaries(
			st.sampled_from(["Responded", "Sent", "No Response", "Scheduled"]), st.integers(0, 50)
		),
		max_size=6,
	)
)
def test_a_total_agrees_with_its_rows(states):
	rows = [outcomes(s) for s in states]
	whole = total(rows)
	assert whole.sent == sum(r.sent for r in rows)
	assert whole.responded == sum(r.responded for r in rows)
	assert whole.response_rate == percent(whole.responded, whole.sent)


def test_merged_distributions_give_the_whole_periods_figures():
	march, april = {5: 1, 4: 1, 1: 1}, {2: 2}
	whole = merged([march, april])
	assert whole == {5: 1, 4: 1, 1: 1, 2: 2}
	# Not the average of the months' averages (3.33 and 2.0).
	assert csat_average(whole) == 2.8
	assert net_promoter_score(merged([{10: 1}, {0: 3}])) == -50.0


def test_a_score_reads_low_fair_or_good():
	assert level(2.23, CSAT_AVERAGE) is Level.LOW
	assert level(3.0, CSAT_AVERAGE) is Level.LOW
	assert level(3.5, CSAT_AVERAGE) is Level.FAIR
	assert level(4.0, CSAT_AVERAGE) is Level.GOOD
	assert level(None, CSAT_AVERAGE) is None
	assert level(0, NPS_SCORE) is Level.LOW
	assert level(29.9, NPS_SCORE) is Level.FAIR
	assert level(30, NPS_SCORE) is Level.GOOD
	# Overlapping thresholds: never green and low at once.
	assert level(3, Thresholds(low_at_most=4, good_at_least=3)) is Level.LOW
	assert LEVEL_INDICATOR == {Level.LOW: "Red", Level.FAIR: "Orange", Level.GOOD: "Green"}


def test_the_settings_defaults_are_the_cores():
	fields = {f["fieldname"]: f for f in json.loads(SETTINGS.read_text(encoding="utf-8"))["fields"]}
	for low, good, thresholds in (
		("low_csat_average_at_most", "good_csat_average_at_least", CSAT_AVERAGE),
		("low_nps_score_at_most", "good_nps_score_at_least", NPS_SCORE),
	):
		assert float(fields[low]["default"]) == thresholds.low_at_most
		assert float(fields[good]["default"]) == thresholds.good_at_least
