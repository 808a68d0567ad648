from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.write_batches import row_bytes, size_bounded


def test_small_rows_are_grouped_by_row_count():
	updates = {f"C-{i}": {"content": "x"} for i in range(250)}
	groups = size_bounded(updates, max_bytes=10_000_000, max_rows=100)
	assert [len(g) for g in groups] == [100, 100, 50]


def test_large_rows_are_grouped_by_size():
	updates = {f"C-{i}": {"content": "图" * 1_000_000} for i in range(5)}  # 3 MB each in UTF-8
	groups = size_bounded(updates, max_bytes=4_000_000, max_rows=100)
	assert [len(g) for g in groups] == [1, 1, 1, 1, 1]
	assert size_bounded(updates, max_bytes=7_000_000, max_rows=100) == [
		{"C-0": updates["C-0"], "C-1": updates["C-1"]},
		{"C-2": updates["C-2"], "C-3": updates["C-3"]},
		{"C-4": updates["C-4"]},
	]


def test_a_row_larger_than_the_limit_is_written_alone():
	updates = {"small": {"content": "a"}, "huge": {"content": "b" * 5000}, "after": {"content": "c"}}
	assert size_bounded(updates, max_bytes=1000, max_rows=100) == [
		{"small": updates["small"]},
		{"huge": updates["huge"]},
		{"after": updates["after"]},
	]


def test_empty_values_count_for_their_case_branch():
	assert row_bytes("COMM-1", {"sender": None, "cc": None}) > 2 * len("COMM-1")


def test_nothing_to_write_gives_no_group():
	assert size_bounded({}, max_bytes=100, max_rows=10) == []


@given(
	st.dictionaries(
		st.text(min_size=1, max_size=8),
		st.dictionaries(st.sampled_from(["content", "subject"]), st.none() | st.text(max_size=300)),
		max_size=60,
	),
	st.integers(min_value=1, max_value=3000),
	st.integers(min_value=1, max_value=20),
)
def test_every_row_is_written_once_in_order_within_the_bounds(updates, max_bytes, max_rows):
	groups = size_bounded(updates, max_bytes, max_rows)
	assert [name for group in groups for name in group] == list(updates)
	for group in groups:
		assert 1 <= len(group) <= max_rows
		if len(group) > 1:
			assert sum(row_bytes(name, values) for name, values in group.items()) <= max_bytes
