from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.reports.sla_compliance import (
	BASED_ON_COLUMN,
	BasedOn,
	ClockCompliance,
	clock_compliance,
	percentile,
)


def test_only_decided_clocks_count_towards_the_share():
	state = clock_compliance({"Met": 6, "Breached": 2, "On Track": 5, "Paused": 1, None: 3})
	assert (state.met, state.breached, state.decided) == (6, 2, 8)
	assert state.breached_share == 0.25


def test_nothing_decided_has_no_share():
	assert clock_compliance({"On Track": 4}).breached_share is None
	assert ClockCompliance().decided == 0


def test_every_grouping_reads_a_record_column():
	assert set(BASED_ON_COLUMN) == set(BasedOn)
	assert BASED_ON_COLUMN[BasedOn.ASSIGNEE] == "assignee"


def expanded(histogram):
	return sorted(value for value, count in histogram.items() for _ in range(count))


def reference(values, fraction):
	"""PERCENTILE_CONT on a plain sorted list."""
	position = fraction * (len(values) - 1)
	low = int(position)
	high = min(low + 1, len(values) - 1)
	return values[low] + (values[high] - values[low]) * (position - low)


def test_percentile_by_hand():
	assert percentile({1: 1, 2: 1, 3: 1}, 0.5) == 2
	assert abs(percentile({1: 1, 2: 1, 3: 1}, 0.9) - 2.8) < 1e-9
	assert abs(percentile({1: 1, 2: 1, 3: 1, 5: 1}, 0.9) - 4.4) < 1e-9
	assert percentile({7.5: 3}, 0.9) == 7.5
	assert percentile({}, 0.5) is None


@given(
	st.dictionaries(st.integers(0, 500).map(lambda v: v / 10), st.integers(1, 20), min_size=1, max_size=30),
	st.sampled_from([0.0, 0.1, 0.5, 0.9, 0.99, 1.0]),
)
def test_percentile_of_a_histogram_equals_it_on_the_values(histogram, fraction):
	assert abs(percentile(histogram, fraction) - reference(expanded(histogram), fraction)) < 1e-9
