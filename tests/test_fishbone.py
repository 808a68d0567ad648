"""The 6M fishbone: its rules, a layout in which no label overlaps another whatever the causes, and
an SVG that a desk form and wkhtmltopdf both draw."""

import itertools
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_loop.core.rca.fishbone import (
	LEGEND_TEXT,
	MAX_CAUSE_WIDTH,
	SIX_M,
	SIX_M_ZH,
	Cause,
	Diagram,
	FishboneProblem,
	Label,
	check_fishbone,
	layout_fishbone,
	text_width,
	wrap_text,
)
from feedback_loop.core.rca.fishbone_svg import render_svg

P = FishboneProblem
NS = "{http://www.w3.org/2000/svg}"
ROOT_RED = 'stroke="#c81e1e"'
UPPER = ("Man", "Machine", "Material")
# Box coordinates are floats: half a pixel either way is not an overlap anyone can see.
TOLERANCE = 0.5

DELIVERY = [
	Cause("C1", "Man", "骑手不熟悉路线", is_root=True),
	Cause("C2", "Method", "派单规则只看距离"),
	Cause("C3", "Method", "未考虑高峰时段", parent="C2", is_root=True),
	Cause("C4", "Environment", "雨天"),
]

# --- check_fishbone ----------------------------------------------------------------------------


def test_a_valid_tree_has_no_problems():
	assert check_fishbone(DELIVERY, require_root=True) == []
	assert check_fishbone([], require_root=False) == []


def test_each_problem_names_its_cause_in_input_order():
	causes = [
		Cause("C1", "Money", "budget"),
		Cause("C2", "Man", "  "),
		Cause("C3", "Man", "x", parent="C9"),
		Cause("C4", "Method", "y", parent="C5"),
		Cause("C5", "Man", "z"),
		Cause("C6", "人", "", parent="C404"),
	]
	assert check_fishbone(causes, require_root=True) == [
		(P.UNKNOWN_CATEGORY, "C1"),
		(P.EMPTY_CAUSE, "C2"),
		(P.PARENT_NOT_FOUND, "C3"),
		(P.PARENT_IN_OTHER_CATEGORY, "C4"),
		(P.UNKNOWN_CATEGORY, "C6"),
		(P.EMPTY_CAUSE, "C6"),
		(P.PARENT_NOT_FOUND, "C6"),
		(P.NO_ROOT_CAUSE, None),
	]


def test_a_root_cause_is_required_only_when_asked():
	no_root = [Cause("C1", "Man", "a"), Cause("C2", "Man", "b", parent="C1")]
	assert check_fishbone(no_root, require_root=False) == []
	assert check_fishbone(no_root, require_root=True) == [(P.NO_ROOT_CAUSE, None)]
	assert check_fishbone([], require_root=True) == [(P.NO_ROOT_CAUSE, None)]
	assert check_fishbone([Cause("C1", "Man", "a", parent=None, is_root=True)], require_root=True) == []


def test_a_cause_that_is_its_own_parent_is_a_cycle():
	assert check_fishbone([Cause("C1", "Man", "a", parent="C1")], require_root=False) == [(P.CYCLE, "C1")]


def test_a_two_cycle_names_both_causes():
	two = [Cause("C1", "Man", "a", parent="C2"), Cause("C2", "Man", "b", parent="C1")]
	assert check_fishbone(two, require_root=False) == [(P.CYCLE, "C1"), (P.CYCLE, "C2")]


def test_a_longer_cycle_names_the_causes_on_it_and_not_those_hanging_below():
	causes = [
		Cause("C1", "Method", "a", parent="C4"),
		Cause("C2", "Method", "hangs below the cycle", parent="C3"),
		Cause("C3", "Method", "b", parent="C1"),
		Cause("C4", "Method", "c", parent="C3"),
		Cause("C5", "Method", "d"),
	]
	assert check_fishbone(causes, require_root=False) == [(P.CYCLE, "C1"), (P.CYCLE, "C3"), (P.CYCLE, "C4")]


def test_a_cycle_across_categories_is_reported_twice_over():
	causes = [Cause("C1", "Man", "a", parent="C2"), Cause("C2", "Machine", "b", parent="C1")]
	assert check_fishbone(causes, require_root=False) == [
		(P.PARENT_IN_OTHER_CATEGORY, "C1"),
		(P.CYCLE, "C1"),
		(P.PARENT_IN_OTHER_CATEGORY, "C2"),
		(P.CYCLE, "C2"),
	]


def test_deep_valid_chains_are_not_cycles():
	chain = [Cause("C0", "Machine", "0")]
	chain += [Cause(f"C{i}", "Machine", str(i), parent=f"C{i - 1}") for i in range(1, 500)]
	assert check_fishbone(list(reversed(chain)), require_root=False) == []


# --- text measurement and wrapping -------------------------------------------------------------


def test_widths_are_one_em_for_cjk_and_less_for_latin():
	assert text_width("雨天路滑", 10) == 40
	assert text_width("，。（）", 10) == 40
	assert 5 <= text_width("a", 10) <= 6.5
	assert text_width("illicit", 10) < text_width("MWMWMWM", 10)
	assert text_width("root", 10, bold=True) > text_width("root", 10)


def test_chinese_breaks_between_any_two_characters():
	lines = wrap_text("派单规则只看距离未考虑高峰时段和雨天", 8 * 13, 13)
	assert lines == ("派单规则只看距离", "未考虑高峰时段和", "雨天")


def test_latin_breaks_between_words():
	text = "The dispatch rule only looks at the straight-line distance"
	lines = wrap_text(text, 12 * 13, 13)
	assert len(lines) > 1
	assert " ".join(lines) == text
	assert all(text_width(line, 13) <= 12 * 13 for line in lines)


def test_a_word_wider_than_a_line_is_cut_between_characters():
	lines = wrap_text("see https://example.com/a/very/long/path/without/any/spaces", 10 * 13, 13)
	assert lines[0] == "see"
	assert "".join(lines[1:]) == "https://example.com/a/very/long/path/without/any/spaces"
	assert all(text_width(line, 13) <= 10 * 13 for line in lines)


def test_mixed_text_keeps_latin_words_whole():
	lines = wrap_text("派单规则只看distance，未考虑peak hours", 9 * 13, 13)
	assert "".join(lines).replace(" ", "") == "派单规则只看distance，未考虑peakhours"
	assert not any("dist" in line and "distance" not in line for line in lines)


def test_closing_punctuation_does_not_start_a_line():
	lines = wrap_text("骑手不熟悉路线。派单规则", 7 * 13, 13)
	assert lines == ("骑手不熟悉路", "线。派单规则")


def test_line_breaks_are_kept_and_spaces_collapsed():
	assert wrap_text("雨天\r\n\n  road   works ", 100 * 13, 13) == ("雨天", "road works")
	assert wrap_text("", 100, 13) == ()
	assert wrap_text(" \n\t ", 100, 13) == ()


# --- layout: properties over random fishbones --------------------------------------------------

CHINESE = (
	"骑手不熟悉路线派单规则只看距离未考虑高峰时段雨天路滑设备老化培训缺失测量误差包装破损供应商质量不稳定"
)
WORDS = [
	"rider",
	"route",
	"dispatch",
	"ignores",
	"peak",
	"hours",
	"rain",
	"calibration",
	"Supercalifragilisticexpialidocious",
	"WWW",
	"ill",
	"A/B",
	"(draft)",
	"50%",
	"，",
	"。",
]
fragments = st.one_of(st.sampled_from(WORDS), st.text(alphabet=CHINESE + "，。、", min_size=1, max_size=12))
texts = st.one_of(
	st.tuples(st.lists(fragments, min_size=1, max_size=20), st.sampled_from(["", " "])).map(
		lambda parts: parts[1].join(parts[0])[:60]
	),
	st.text(alphabet=CHINESE, min_size=40, max_size=60),
	st.text(min_size=1, max_size=60),
).filter(str.strip)
languages = st.sampled_from(["en", "zh", "zh-CN"])


@st.composite
def fishbones(draw) -> list[Cause]:
	"""Valid trees of 0–30 causes, sometimes crowded onto one or two bones, listed in any order."""
	categories = draw(st.lists(st.sampled_from(SIX_M), min_size=1, max_size=6, unique=True))
	causes: list[Cause] = []
	for i in range(draw(st.integers(0, 30))):
		category = draw(st.sampled_from(categories))
		same = [c.key for c in causes if c.category == category]
		parent = draw(st.sampled_from([None, *same])) if same else None
		causes.append(Cause(f"C{i + 1}", category, draw(texts), parent, draw(st.booleans())))
	return draw(st.permutations(causes))


def crossing(line, box, shrink: float = TOLERANCE) -> bool:
	"""True when the segment passes through the box's interior (Liang–Barsky clipping)."""
	x0, y0, x1, y1 = box.x + shrink, box.y + shrink, box.right - shrink, box.bottom - shrink
	if x0 >= x1 or y0 >= y1:
		return False
	dx, dy = line.x2 - line.x1, line.y2 - line.y1
	low, high = 0.0, 1.0
	for p, q in ((-dx, line.x1 - x0), (dx, x1 - line.x1), (-dy, line.y1 - y0), (dy, y1 - line.y1)):
		if p == 0:
			if q <= 0:
				return False
			continue
		t = q / p
		if p < 0:
			low = max(low, t)
		else:
			high = min(high, t)
	return low < high


def assert_a_clean_fishbone(diagram: Diagram, causes: list[Cause]) -> None:
	for a, b in itertools.combinations(diagram.labels, 2):
		assert not a.box.overlaps(b.box, TOLERANCE), (a, b)
	ends = [v for line in diagram.lines for v in (line.x1, line.y1, line.x2, line.y2)]
	assert min(ends) >= 0
	assert max(line_x for line in diagram.lines for line_x in (line.x1, line.x2)) <= diagram.width
	assert max(line_y for line in diagram.lines for line_y in (line.y1, line.y2)) <= diagram.height
	for label in diagram.labels:
		assert 0 <= label.box.x and label.box.right <= diagram.width
		assert 0 <= label.box.y and label.box.bottom <= diagram.height
	# Cause labels come in input order, so they pair with their causes even when keys repeat.
	drawn = [label for label in diagram.labels if label.kind in ("cause", "subcause")]
	drawable = [cause for cause in causes if cause.category in SIX_M]
	assert [label.key for label in drawn] == [cause.key for cause in drawable]
	spine_y = spine_of(diagram)
	for label, cause in zip(drawn, drawable, strict=True):
		if cause.category in UPPER:
			assert label.box.bottom < spine_y
		else:
			assert label.box.y > spine_y
	for line in diagram.lines:
		if line.kind in ("spine", "bone"):
			assert not [label for label in diagram.labels if crossing(line, label.box)], line
	assert sorted(label.key for label in diagram.labels if label.kind == "category") == sorted(SIX_M)
	assert [label.kind for label in diagram.labels].count("problem") == 1


def spine_of(diagram: Diagram) -> float:
	return next(line.y1 for line in diagram.lines if line.kind == "spine" and line.y1 == line.y2)


def cause_labels(diagram: Diagram) -> dict[str, Label]:
	return {label.key: label for label in diagram.labels if label.kind in ("cause", "subcause")}


@settings(max_examples=150, deadline=None)
@given(fishbones(), texts, languages)
def test_any_valid_fishbone_is_laid_out_cleanly(causes, problem, language):
	assert [p for p, _ in check_fishbone(causes, require_root=False) if p is not P.EMPTY_CAUSE] == []
	diagram = layout_fishbone(problem, causes, language=language)
	assert diagram == layout_fishbone(problem, causes, language=language)
	assert_a_clean_fishbone(diagram, causes)
	drawn = [label.key for label in diagram.labels if label.kind in ("cause", "subcause")]
	assert sorted(drawn) == sorted(c.key for c in causes)

	labels = cause_labels(diagram)
	for cause in causes:
		label = labels[cause.key]
		assert label.kind == ("subcause" if cause.parent else "cause")
		assert label.is_root == cause.is_root
		assert all(text_width(line, 13, bold=cause.is_root) <= MAX_CAUSE_WIDTH * 13 for line in label.lines)
		if cause.parent:
			parent = labels[cause.parent]
			assert label.box.y > parent.box.bottom and label.box.right < parent.box.right
	for a, b in itertools.combinations(causes, 2):
		if a.category == b.category and a.parent is None and b.parent is None:
			earlier, later = sorted((a, b), key=causes.index)
			assert labels[earlier.key].box.y < labels[later.key].box.y


any_key = st.sampled_from(["C1", "C2", "C3", "C4", "C5", "", "C404"])


@settings(max_examples=150, deadline=None)
@given(
	st.lists(
		st.builds(
			Cause,
			key=any_key,
			category=st.sampled_from([*SIX_M, "Money", "", "man"]),
			text=st.one_of(texts, st.just(""), st.just("   ")),
			parent=st.one_of(st.none(), any_key),
			is_root=st.booleans(),
		),
		max_size=20,
	)
)
def test_invalid_fishbones_are_still_drawn_cleanly_while_being_edited(causes):
	# The form redraws the diagram on every keystroke, long before the rules are satisfied.
	diagram = layout_fishbone("外卖送达超时", causes, language="zh")
	assert_a_clean_fishbone(diagram, causes)
	ET.fromstring(render_svg(diagram))


# --- layout: the shape of the fish -------------------------------------------------------------


def test_the_six_bones_are_always_drawn_in_their_places():
	diagram = layout_fishbone("", [])
	categories = {label.key: label for label in diagram.labels if label.kind == "category"}
	spine_y = spine_of(diagram)
	for row in (("Man", "Machine", "Material"), ("Method", "Environment", "Measurement")):
		boxes = [categories[name].box for name in row]
		assert boxes[0].x < boxes[1].x < boxes[2].x
	assert all(categories[name].box.bottom < spine_y for name in UPPER)
	assert all(categories[name].box.y > spine_y for name in ("Method", "Environment", "Measurement"))
	assert [line.kind for line in diagram.lines].count("bone") == 6
	head = next(label for label in diagram.labels if label.kind == "problem")
	assert head.box.x > max(label.box.right for label in categories.values())
	assert head.box.y < spine_y < head.box.bottom


def test_category_labels_follow_the_language():
	def names(language: str) -> list[str]:
		diagram = layout_fishbone("x", [], language=language)
		return [label.lines[0] for label in diagram.labels if label.kind == "category"]

	assert names("en") == list(SIX_M)
	assert names("zh") == [
		"人（Man）",
		"机（Machine）",
		"料（Material）",
		"法（Method）",
		"环（Environment）",
		"测（Measurement）",
	]
	assert SIX_M_ZH["Measurement"] == "测"


def test_sub_causes_sit_below_their_parent_indented_and_joined_to_it():
	diagram = layout_fishbone("外卖送达超时", DELIVERY, language="zh")
	labels = cause_labels(diagram)
	parent, child = labels["C2"], labels["C3"]
	assert (parent.kind, child.kind) == ("cause", "subcause")
	assert child.box.y > parent.box.bottom and child.box.right < parent.box.right
	branches = [line for line in diagram.lines if line.kind == "branch"]
	elbow = next(ln for ln in branches if ln.x1 == ln.x2 and ln.y1 == pytest.approx(parent.box.bottom))
	assert elbow.y2 == pytest.approx(child.box.bottom)
	underline = next(ln for ln in branches if ln.y1 == ln.y2 == pytest.approx(child.box.bottom))
	assert (underline.x1, underline.x2) == pytest.approx((child.box.x, elbow.x1))


def test_the_diagram_grows_with_more_and_longer_causes():
	few = layout_fishbone("p", [Cause("C1", "Man", "short")])
	many = layout_fishbone("p", [Cause(f"C{i}", "Man", "short") for i in range(30)])
	long = layout_fishbone("p", [Cause("C1", "Man", "很长的原因" * 12)])
	assert many.height > 3 * few.height
	assert len(cause_labels(long)["C1"].lines) == 4
	assert long.height > few.height and long.width > few.width


def test_a_long_problem_statement_is_wrapped_in_the_head():
	diagram = layout_fishbone("外卖在晚高峰时段的送达时间经常超过承诺时间三十分钟以上，客户投诉增加", [])
	head = next(label for label in diagram.labels if label.kind == "problem")
	assert len(head.lines) > 1


def test_broken_links_are_drawn_as_causes_of_their_own():
	causes = [
		Cause("C1", "Man", "missing parent", parent="C9"),
		Cause("C2", "Machine", "other category", parent="C1"),
		Cause("C3", "Method", "a", parent="C4"),
		Cause("C4", "Method", "b", parent="C3"),
		Cause("C5", "Money", "not a 6M category"),
	]
	labels = cause_labels(layout_fishbone("p", causes))
	assert {key: label.kind for key, label in labels.items()} == {
		"C1": "cause",
		"C2": "cause",
		"C3": "cause",  # the cycle is broken at its first cause
		"C4": "subcause",
	}


# --- SVG ---------------------------------------------------------------------------------------


def svg_text(svg: str) -> str:
	return "".join(ET.fromstring(svg).itertext())


def test_the_svg_is_standalone_and_well_formed():
	svg = render_svg(layout_fishbone("外卖送达超时", DELIVERY, language="zh"), title="鱼骨图")
	root = ET.fromstring(svg)
	assert root.tag == f"{NS}svg"
	assert root.get("viewBox").startswith("0 0 ")
	assert float(root.get("width")) > 0 and float(root.get("height")) > 0
	assert "WenQuanYi Zen Hei" in root.get("font-family") and "Microsoft YaHei" in root.get("font-family")
	tags = {element.tag.removeprefix(NS) for element in root.iter()}
	assert tags <= {"svg", "title", "rect", "line", "g", "text", "tspan"}
	for forbidden in ("<script", "href", "class=", "style", "url(", "onload", "<image", "<foreignObject"):
		assert forbidden not in svg


def test_multi_line_labels_are_tspans():
	diagram = layout_fishbone("p", [Cause("C1", "Man", "很长的原因" * 6)])
	label = cause_labels(diagram)["C1"]
	elements = ET.fromstring(render_svg(diagram)).iter(f"{NS}text")
	spans = next(t for t in elements if "".join(t.itertext()) == "".join(label.lines))
	assert [s.text for s in spans.iter(f"{NS}tspan")] == list(label.lines)


def test_every_text_is_escaped():
	hostile = "<script>alert(\"x\")</script> & 'quotes'"
	causes = [Cause("C1", "Man", hostile), Cause("C2", "Method", "a < b && c > d", is_root=True)]
	svg = render_svg(layout_fishbone(hostile, causes), title=hostile)
	assert "<script" not in svg
	text = svg_text(svg)
	assert "alert(" in text and "&&" in text and "'quotes'" in text
	assert "a < b && c > d" in text


def test_characters_xml_cannot_carry_are_dropped():
	svg = render_svg(layout_fishbone("bell\x07", [Cause("C1", "Man", "nul\x00 and \ufffe")]))
	assert "bell" in svg_text(svg) and "nul and" in svg_text(svg)


@given(texts, st.text(max_size=80))
@settings(max_examples=60, deadline=None)
def test_any_text_gives_well_formed_svg(cause, problem):
	ET.fromstring(render_svg(layout_fishbone(problem, [Cause("C1", "Man", cause)]), title=problem))


def test_root_causes_are_highlighted_only_when_there_is_one():
	with_root = render_svg(layout_fishbone("外卖送达超时", DELIVERY, language="zh"))
	# Two root causes, each boxed in red, plus the legend's sample box.
	assert with_root.count(ROOT_RED) == 3
	assert LEGEND_TEXT["zh"] in svg_text(with_root) and 'font-weight="bold"' in with_root
	# The legend speaks the diagram's language only.
	english = svg_text(render_svg(layout_fishbone("Late delivery", DELIVERY)))
	assert LEGEND_TEXT["en"] in english and LEGEND_TEXT["zh"] not in english
	assert LEGEND_TEXT["en"] not in svg_text(with_root)
	without = render_svg(
		layout_fishbone("外卖送达超时", [Cause("C1", "Man", "骑手不熟悉路线")], language="zh")
	)
	assert ROOT_RED not in without and "根本原因" not in without
	assert "#c81e1e" not in without


def test_chinese_text_is_kept_as_written():
	text = svg_text(render_svg(layout_fishbone("外卖送达超时", DELIVERY, language="zh"), title="鱼骨图"))
	for expected in (
		"外卖送达超时",
		"骑手不熟悉路线",
		"派单规则只看距离",
		"未考虑高峰时段",
		"雨天",
		"人（Man）",
		"鱼骨图",
	):
		assert expected in text


def test_max_width_scales_the_drawing_not_its_coordinates():
	diagram = layout_fishbone("p", [Cause(f"C{i}", "Man", "a cause of some length") for i in range(10)])
	natural = ET.fromstring(render_svg(diagram))
	scaled = ET.fromstring(render_svg(diagram, max_width=300))
	assert scaled.get("viewBox") == natural.get("viewBox")
	assert float(scaled.get("width")) == 300
	ratio = float(natural.get("width")) / float(natural.get("height"))
	assert abs(float(scaled.get("width")) / float(scaled.get("height")) - ratio) < 0.01
	assert render_svg(diagram, max_width=10_000) == render_svg(diagram)


# --- hand examples, written out to look at ----------------------------------------------------

DELIVERY_EN = [
	Cause("C1", "Man", "New riders do not know the shopping-mall routes", is_root=True),
	Cause("C2", "Man", "Riders accept too many orders at once to earn more per hour"),
	Cause("C3", "Man", "Incentive pays per order, not per on-time delivery", parent="C2"),
	Cause("C4", "Man", "Restaurant staff hand over late during the lunch rush"),
	Cause("C5", "Machine", "Navigation app routes through pedestrian-only streets"),
	Cause("C6", "Machine", "E-bike batteries run flat before the shift ends"),
	Cause("C7", "Machine", "Only one charging station per district", parent="C6"),
	Cause("C8", "Machine", "Order tablet in the kitchen freezes"),
	Cause("C9", "Material", "Insulated bags too small for family meals"),
	Cause("C10", "Material", "Packaging leaks, so riders ride slowly"),
	Cause("C11", "Material", "Supplier changed the lid design without notice", parent="C10"),
	Cause("C12", "Method", "Dispatch rule only looks at straight-line distance", is_root=True),
	Cause("C13", "Method", "Peak hours are not considered", parent="C12"),
	Cause("C14", "Method", "Traffic data refreshed only once a day", parent="C13"),
	Cause("C15", "Method", "Batching of orders ignores restaurant preparation time"),
	Cause("C16", "Method", "No escalation when an order is 10 minutes late"),
	Cause("C17", "Environment", "Rain and snow"),
	Cause("C18", "Environment", "Road works in the city centre for three months"),
	Cause("C19", "Environment", "Gated residential compounds refuse entry to riders"),
	Cause("C20", "Environment", "Guards ask for the resident to come down", parent="C19"),
	Cause("C21", "Measurement", "Delivery time measured from pickup, not from order"),
	Cause("C22", "Measurement", "GPS drift in high-rise areas"),
	Cause("C23", "Measurement", "Promised time shown to customers is an optimistic average"),
	Cause("C24", "Measurement", "Late deliveries under 5 minutes are not counted"),
	Cause("C25", "Measurement", "Customer complaints are not linked to orders", parent="C24"),
]


def write_example(name: str, svg: str) -> None:
	# A fixed place, so that whoever reviews the look can convert it to PNG and open it.
	(Path(tempfile.gettempdir()) / name).write_text(svg, encoding="utf-8")


def test_chinese_hand_example():
	diagram = layout_fishbone("外卖送达超时", DELIVERY, language="zh")
	assert_a_clean_fishbone(diagram, DELIVERY)
	labels = cause_labels(diagram)
	spine_y = spine_of(diagram)
	assert labels["C1"].box.bottom < spine_y < labels["C2"].box.y < labels["C3"].box.y
	assert labels["C4"].box.x > labels["C2"].box.right
	write_example("fishbone-example.svg", render_svg(diagram, title="外卖送达超时 · 鱼骨图"))


def test_english_hand_example_with_25_causes():
	diagram = layout_fishbone("Food deliveries arrive late (32% of orders in March)", DELIVERY_EN)
	assert_a_clean_fishbone(diagram, DELIVERY_EN)
	assert len(cause_labels(diagram)) == 25
	write_example("fishbone-example-en.svg", render_svg(diagram, title="Late deliveries: 6M analysis"))
