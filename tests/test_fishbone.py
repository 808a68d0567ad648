import itertools
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_loop.core.fishbone import (
	SIX_M,
	Cause,
	FishboneProblem,
	check_fishbone,
	layout_fishbone,
	render_svg,
	wrap,
)

EXAMPLE = [
	Cause("C1", "Man", "骑手不熟悉路线", is_root=True),
	Cause("C2", "Method", "派单规则只看距离"),
	Cause("C3", "Method", "未考虑高峰时段", parent="C2"),
	Cause("C4", "Environment", "雨天路滑"),
]


def test_valid_tree_has_no_problems():
	assert check_fishbone(EXAMPLE, require_root=True) == []


def test_each_problem_is_found():
	causes = [
		Cause("C1", "Money", "budget"),
		Cause("C2", "Man", "  "),
		Cause("C3", "Man", "x", parent="C9"),
		Cause("C4", "Method", "y", parent="C5"),
		Cause("C5", "Man", "z"),
	]
	assert check_fishbone(causes, require_root=True) == [
		(FishboneProblem.UNKNOWN_CATEGORY, "C1"),
		(FishboneProblem.EMPTY_CAUSE, "C2"),
		(FishboneProblem.PARENT_NOT_FOUND, "C3"),
		(FishboneProblem.PARENT_IN_OTHER_CATEGORY, "C4"),
		(FishboneProblem.NO_ROOT_CAUSE, None),
	]
	assert (FishboneProblem.NO_ROOT_CAUSE, None) not in check_fishbone(causes, require_root=False)


def test_cycles():
	assert check_fishbone([Cause("C1", "Man", "a", parent="C1")], require_root=False) == [
		(FishboneProblem.CYCLE, "C1")
	]
	two = [Cause("C1", "Man", "a", parent="C2"), Cause("C2", "Man", "b", parent="C1")]
	assert [p for p, _ in check_fishbone(two, require_root=False)] == [FishboneProblem.CYCLE] * 2
	three = [*two[:1], Cause("C2", "Man", "b", parent="C3"), Cause("C3", "Man", "c", parent="C1")]
	assert len(check_fishbone(three, require_root=False)) == 3


def test_wrap_keeps_words_and_breaks_chinese():
	assert all(len(line) <= 10 for line in wrap("派单规则只看距离未考虑高峰时段和雨天", 10 * 13, 13))
	lines = wrap("The dispatch rule only looks at distance", 12 * 13, 13)
	assert " ".join(lines) == "The dispatch rule only looks at distance"
	assert wrap("", 100, 13) == ("",)


texts = st.one_of(
	st.text(alphabet="派单规则只看距离未考虑高峰时段雨天路滑骑手不熟悉路线", min_size=1, max_size=60),
	st.lists(
		st.sampled_from(["late", "delivery", "route", "supercalifragilistic", "rain", "App"]),
		min_size=1,
		max_size=12,
	).map(" ".join),
	st.text(min_size=1, max_size=60).filter(str.strip),
)


@st.composite
def trees(draw):
	count = draw(st.integers(0, 30))
	causes = []
	for i in range(count):
		category = draw(st.sampled_from(SIX_M))
		same = [c.key for c in causes if c.category == category]
		parent = draw(st.sampled_from([None, *same])) if same else None
		causes.append(Cause(f"C{i}", category, draw(texts), parent, draw(st.booleans())))
	return causes


@settings(max_examples=120, deadline=None)
@given(trees(), texts, st.sampled_from(["en", "zh"]))
def test_layout_has_no_overlaps_and_stays_on_its_side(causes, problem, language):
	diagram = layout_fishbone(problem, causes, language=language)
	assert diagram == layout_fishbone(problem, causes, language=language)
	for a, b in itertools.combinations(diagram.labels, 2):
		assert not a.box.overlaps(b.box), (a, b)
	spine = next(line for line in diagram.lines if line.kind == "spine")
	by_key = {c.key: c for c in causes}
	for label in diagram.labels:
		box = label.box
		assert 0 <= box.x and box.x + box.width <= diagram.width + 0.01
		assert 0 <= box.y and box.y + box.height <= diagram.height + 0.01
		if label.key:
			top = by_key[label.key].category in ("Man", "Machine", "Material")
			assert (box.y + box.height < spine.y1) if top else (box.y > spine.y1)
	assert sorted(label.key for label in diagram.labels if label.key) == sorted(c.key for c in causes)
	assert sum(label.kind == "category" for label in diagram.labels) == 6


def test_svg_is_well_formed_escaped_and_marks_root_causes():
	hostile = [*EXAMPLE, Cause("C5", "Material", '<script>alert("x")</script> & more')]
	svg = render_svg(layout_fishbone("外卖送达超时 & <late>", hostile, language="zh"), title="RCA")
	root = ET.fromstring(svg)
	text = "".join(root.itertext())
	assert "<script>" in text and "<script" not in svg
	assert "骑手不熟悉路线" in text and "人（Man）" in text
	assert "根本原因" in text
	plain = render_svg(layout_fishbone("x", [Cause("C1", "Man", "a")]))
	assert "根本原因" not in plain and "#c0392b" not in plain
