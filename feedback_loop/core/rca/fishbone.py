"""The fishbone (Ishikawa, 6M) diagram of a Root Cause Analysis: its rules and its layout
(drawn by fishbone_svg, measured by text_measure).

The layout is computed here rather than in the browser so that the desk form and the PDF print
format show the same picture, and so that "no two labels overlap" is a property a test can check.
Without a font library, text widths are estimated: CJK and other full-width characters take 1 em,
other characters take a width from a small table that leans wide, so real text fits its box.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from feedback_loop.core.rca.text_measure import text_width, wrap_text

SIX_M: tuple[str, ...] = ("Man", "Machine", "Material", "Method", "Environment", "Measurement")
SIX_M_ZH: Mapping[str, str] = {
	"Man": "人",
	"Machine": "机",
	"Material": "料",
	"Method": "法",
	"Environment": "环",
	"Measurement": "测",
}
#: The legend's words, in the diagram's language.
LEGEND_TEXT: Mapping[str, str] = {"en": "Root cause", "zh": "根本原因"}
FONT_FAMILY = (
	"'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', "
	"'WenQuanYi Zen Hei', sans-serif"
)


@dataclass(frozen=True)
class Cause:
	key: str
	category: str
	text: str
	#: Key of the cause this one explains (a sub-cause sits in its parent's category).
	parent: str | None = None
	is_root: bool = False


class FishboneProblem(str, Enum):
	UNKNOWN_CATEGORY = "unknown_category"
	PARENT_NOT_FOUND = "parent_not_found"
	PARENT_IN_OTHER_CATEGORY = "parent_in_other_category"
	CYCLE = "cycle"
	EMPTY_CAUSE = "empty_cause"
	NO_ROOT_CAUSE = "no_root_cause"


def check_fishbone(
	causes: Sequence[Cause], *, require_root: bool
) -> list[tuple[FishboneProblem, str | None]]:
	"""Every problem with the causes, each with the key of the cause it concerns.

	Guarantees: causes are reported in input order, and for one cause in the order unknown
	category, empty text, parent not found, parent in another category, cycle; a cycle is
	reported for every cause on it (a cause naming itself is a cycle of one), not for causes that
	merely hang below one. A key given twice names its first cause. NO_ROOT_CAUSE (key None)
	comes last, only when ``require_root`` and no cause is marked as a root cause.
	"""
	first = _first_index_by_key(causes)
	parents = [first.get(cause.parent) if cause.parent else None for cause in causes]
	on_cycle = {i for cycle in _cycles(parents) for i in cycle}
	problems: list[tuple[FishboneProblem, str | None]] = []
	for i, cause in enumerate(causes):
		if cause.category not in SIX_M:
			problems.append((FishboneProblem.UNKNOWN_CATEGORY, cause.key))
		if not (cause.text or "").strip():
			problems.append((FishboneProblem.EMPTY_CAUSE, cause.key))
		if cause.parent:
			if parents[i] is None:
				problems.append((FishboneProblem.PARENT_NOT_FOUND, cause.key))
			elif causes[parents[i]].category != cause.category:
				problems.append((FishboneProblem.PARENT_IN_OTHER_CATEGORY, cause.key))
			if i in on_cycle or cause.parent == cause.key:
				problems.append((FishboneProblem.CYCLE, cause.key))
	if require_root and not any(cause.is_root for cause in causes):
		problems.append((FishboneProblem.NO_ROOT_CAUSE, None))
	return problems


def _first_index_by_key(causes: Sequence[Cause]) -> dict[str, int]:
	first: dict[str, int] = {}
	for i, cause in enumerate(causes):
		if cause.key:
			first.setdefault(cause.key, i)
	return first


def _cycles(parents: Sequence[int | None]) -> list[list[int]]:
	"""The cycles of a parent-pointer graph, each as the indices on it, found in one pass."""
	state = [0] * len(parents)  # 0: not seen, 1: on the walk in progress, 2: done
	cycles = []
	for start in range(len(parents)):
		walk = []
		node = start
		while node is not None and state[node] == 0:
			state[node] = 1
			walk.append(node)
			node = parents[node]
		if node is not None and state[node] == 1:
			cycles.append(walk[walk.index(node) :])
		for seen in walk:
			state[seen] = 2
	return cycles


# --- layout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
	x: float
	y: float
	width: float
	height: float

	@property
	def right(self) -> float:
		return self.x + self.width

	@property
	def bottom(self) -> float:
		return self.y + self.height

	def overlaps(self, other: "Box", tolerance: float = 0.0) -> bool:
		"""True when the interiors share area; boxes that only touch, or overlap by no more than
		``tolerance``, do not overlap."""
		return (
			self.x < other.right - tolerance
			and other.x < self.right - tolerance
			and self.y < other.bottom - tolerance
			and other.y < self.bottom - tolerance
		)

	def moved(self, dx: float, dy: float) -> "Box":
		return Box(self.x + dx, self.y + dy, self.width, self.height)


@dataclass(frozen=True)
class Label:
	key: str | None
	lines: tuple[str, ...]
	box: Box
	#: "problem", "category", "cause" or "subcause".
	kind: str
	is_root: bool = False


@dataclass(frozen=True)
class Line:
	x1: float
	y1: float
	x2: float
	y2: float
	#: "spine", "bone" or "branch".
	kind: str


@dataclass(frozen=True)
class Diagram:
	width: float
	height: float
	labels: tuple[Label, ...]
	lines: tuple[Line, ...]
	#: The font size the layout measured text with; ``render_svg`` draws with the same.
	font_size: float = 13.0
	#: The root-cause legend, in the language the diagram was laid out in.
	legend: str = LEGEND_TEXT["en"]


# Geometry in em of the font size, in one place so the look can be tuned without a hunt.
LINE_HEIGHT = 1.4
PAD_X = 0.4
PAD_Y = 0.2
MAX_CAUSE_WIDTH = 16.0
MAX_PROBLEM_WIDTH = 12.0
PROBLEM_SCALE = 1.15
_CATEGORY_PAD = (0.8, 0.35)
_PROBLEM_PAD = (0.8, 0.6)
_ROW_GAP = 0.5
_INDENT = 1.6
_BONE_GAP = 0.6
_COLUMN_GAP = 1.6
_SPINE_GAP = 1.2
_BOX_GAP = 1.0
_MIN_BONE = 7.0
_MIN_SLOT = 10.0
_HEAD_GAP = 2.0
_TAIL = 3.0
_MARGIN = 1.0
#: How far a bone leans towards the head per unit of height (the classic look, about 65°)...
_SLOPE = 0.45
#: ... but never more than this in all, or a long bone would push its neighbours far apart.
_MAX_LEAN = 10.0


@dataclass
class _Row:
	"""One cause on its bone while the layout is being worked out, relative to the bone's foot."""

	index: int
	depth: int
	parent_row: int | None
	lines: tuple[str, ...]
	width: float
	height: float
	top: float = 0.0
	left: float = 0.0

	@property
	def bottom(self) -> float:
		return self.top + self.height

	@property
	def right(self) -> float:
		return self.left + self.width


def layout_fishbone(
	problem: str, causes: Sequence[Cause], *, language: str = "en", font_size: float = 13
) -> Diagram:
	"""Where every label and line of the fishbone goes.

	Guarantees, for any causes (valid or not): the six category bones are always drawn, Man,
	Machine, Material above the spine and Method, Environment, Measurement below, left to right;
	causes are listed top to bottom along their bone in input order, sub-causes below their
	parent and indented; no two labels overlap, no cause label reaches the spine, no bone or spine
	crosses a label, and everything lies inside ``width`` × ``height``, which grow with the causes.
	Every cause of a 6M category is drawn exactly once: one whose parent is missing, in another
	category or in a cycle is drawn as a cause of its own (the cycle broken at its first cause in
	input order); a cause of an unknown category is not drawn. The same input gives the same
	Diagram. Category labels are English, or "人（Man）" style when ``language`` starts with "zh".
	Labels come in a fixed order: the problem, the six categories (key: the category), then the
	causes in input order (key: the cause's key).
	"""
	fs = float(font_size)
	zh = (language or "").lower().startswith("zh")
	names = {c: f"{SIX_M_ZH[c]}（{c}）" if zh else c for c in SIX_M}
	box_w = max(text_width(n, fs, bold=True) for n in names.values()) + 2 * _CATEGORY_PAD[0] * fs
	box_h = LINE_HEIGHT * fs + 2 * _CATEGORY_PAD[1] * fs

	columns = {category: _measure(causes, rows, fs) for category, rows in _forest(causes).items()}
	upper, lower = SIX_M[:3], SIX_M[3:]
	half, slope = {}, {}
	for side in (upper, lower):
		needed = max(_stacked_height(columns[c], fs) for c in side)
		half[side] = max(_MIN_BONE * fs, needed + (_BOX_GAP + _SPINE_GAP) * fs)
		slope[side] = min(_SLOPE, _MAX_LEAN * fs / half[side])
	for category in upper:
		_place_rows(
			columns[category], top=-half[upper] + _BOX_GAP * fs, span=half[upper], slope=slope[upper], fs=fs
		)
	for category in lower:
		_place_rows(columns[category], top=_SPINE_GAP * fs, span=half[lower], slope=slope[lower], fs=fs)

	# The bones' feet on the spine: each slot as close to the previous one as its labels allow,
	# which is clear of the previous bone (parallel to its own) over the height of each label.
	feet = [0.0]
	for slot in (1, 2):
		gap = max(_MIN_SLOT * fs, box_w + _COLUMN_GAP * fs)
		for side in (upper, lower):
			for row in columns[side[slot]]:
				bone = max(_bone_x(row.top, slope[side]), _bone_x(row.bottom, slope[side]))
				gap = max(gap, bone + _COLUMN_GAP * fs - row.left)
		feet.append(feet[-1] + gap)

	labels: list[Label] = []
	lines: list[Line] = []
	cause_labels: dict[int, Label] = {}
	for category in SIX_M:
		foot = feet[SIX_M.index(category) % 3]
		side = upper if category in upper else lower
		end_y = -half[upper] if category in upper else half[lower]
		end_x = foot + _bone_x(end_y, slope[side])
		box_y = end_y - box_h if category in upper else end_y
		labels.append(
			Label(category, (names[category],), Box(end_x - box_w / 2, box_y, box_w, box_h), "category")
		)
		lines.append(Line(end_x, end_y, foot, 0.0, "bone"))
		rows = columns[category]
		for position, row in enumerate(rows):
			cause = causes[row.index]
			box = Box(foot + row.left, row.top, row.width, row.height)
			kind = "subcause" if row.depth else "cause"
			cause_labels[row.index] = Label(cause.key, row.lines, box, kind, bool(cause.is_root))
			if row.parent_row is None:
				bone_x = foot + _bone_x(box.bottom, slope[side])
				lines.append(Line(box.x, box.bottom, bone_x, box.bottom, "branch"))
				continue
			parent = rows[row.parent_row]
			elbow = foot + parent.right - _INDENT * fs / 2
			lines.append(Line(box.x, box.bottom, elbow, box.bottom, "branch"))
			if not any(r.parent_row == row.parent_row for r in rows[position + 1 :]):
				lines.append(Line(elbow, parent.bottom, elbow, box.bottom, "branch"))
	labels += [cause_labels[i] for i in sorted(cause_labels)]

	head_lines = wrap_text(
		problem or "", MAX_PROBLEM_WIDTH * PROBLEM_SCALE * fs, PROBLEM_SCALE * fs, bold=True
	)
	head_w = max(
		6 * fs,
		max((text_width(t, PROBLEM_SCALE * fs, bold=True) for t in head_lines), default=0)
		+ 2 * _PROBLEM_PAD[0] * fs,
	)
	head_h = max(1, len(head_lines)) * LINE_HEIGHT * PROBLEM_SCALE * fs + 2 * _PROBLEM_PAD[1] * fs
	head_x = max([feet[-1], *(label.box.right for label in labels)]) + _HEAD_GAP * fs
	labels.insert(0, Label(None, head_lines, Box(head_x, -head_h / 2, head_w, head_h), "problem"))

	tail_x = min([feet[0] - _TAIL * fs, *(label.box.x for label in labels)])
	fin = 1.2 * fs
	lines[:0] = [
		Line(tail_x, 0.0, head_x, 0.0, "spine"),
		Line(tail_x - fin, -fin, tail_x, 0.0, "spine"),
		Line(tail_x - fin, fin, tail_x, 0.0, "spine"),
	]
	return _framed(labels, lines, fs, legend=LEGEND_TEXT["zh" if zh else "en"])


def _bone_x(y: float, slope: float) -> float:
	"""Where a bone is at height ``y`` (spine at 0), relative to its foot: it leans to the head."""
	return -slope * abs(y)


def _forest(causes: Sequence[Cause]) -> dict[str, list[tuple[int, int, int | None]]]:
	"""Per category, (cause index, depth, parent's position in the list) in drawing order."""
	first = _first_index_by_key(causes)
	parents: list[int | None] = []
	for i, cause in enumerate(causes):
		p = first.get(cause.parent) if cause.parent else None
		keep = p is not None and p != i and causes[p].category == cause.category
		parents.append(p if keep else None)
	for cycle in _cycles(parents):
		parents[min(cycle)] = None
	children: dict[int | None, list[int]] = {}
	for i, p in enumerate(parents):
		children.setdefault(p, []).append(i)

	forest: dict[str, list[tuple[int, int, int | None]]] = {c: [] for c in SIX_M}
	for top in children.get(None, []):
		rows = forest.get(causes[top].category)
		if rows is None:
			continue
		stack: list[tuple[int, int, int | None]] = [(top, 0, None)]
		while stack:
			index, depth, parent_row = stack.pop()
			rows.append((index, depth, parent_row))
			position = len(rows) - 1
			stack += [(child, depth + 1, position) for child in reversed(children.get(index, []))]
	return forest


def _measure(causes: Sequence[Cause], rows: list[tuple[int, int, int | None]], fs: float) -> list[_Row]:
	measured = []
	for index, depth, parent_row in rows:
		cause = causes[index]
		bold = bool(cause.is_root)
		lines = wrap_text(cause.text or "", MAX_CAUSE_WIDTH * fs, fs, bold=bold) or ("…",)
		text_w = max(text_width(line, fs, bold=bold) for line in lines)
		# At least an indent wide, so a sub-cause's elbow always lands on its parent's line.
		width = max(text_w + 2 * PAD_X * fs, _INDENT * fs)
		height = len(lines) * LINE_HEIGHT * fs + 2 * PAD_Y * fs
		measured.append(_Row(index, depth, parent_row, lines, width, height))
	return measured


def _stacked_height(rows: list[_Row], fs: float) -> float:
	return sum(row.height for row in rows) + max(0, len(rows) - 1) * _ROW_GAP * fs


def _place_rows(rows: list[_Row], *, top: float, span: float, slope: float, fs: float) -> None:
	"""Stack the rows down the bone, spare room spread evenly between top-level causes, and set
	each row as far right as its bone (or its parent's indent) allows."""
	span -= (_BOX_GAP + _SPINE_GAP) * fs
	groups = sum(1 for row in rows if row.depth == 0)
	spare = (span - _stacked_height(rows, fs)) / (groups + 1)
	y = top
	for n, row in enumerate(rows):
		y += (spare if row.depth == 0 else 0.0) + (_ROW_GAP * fs if n else 0.0)
		row.top = y
		y = row.bottom
		right = min(_bone_x(row.top, slope), _bone_x(row.bottom, slope)) - _BONE_GAP * fs
		if row.parent_row is not None:
			right = min(right, rows[row.parent_row].right - _INDENT * fs)
		row.left = right - row.width


def _framed(labels: list[Label], lines: list[Line], fs: float, *, legend: str) -> Diagram:
	"""Move everything so the drawing starts one margin from the top-left corner."""
	xs = [v for label in labels for v in (label.box.x, label.box.right)]
	xs += [v for line in lines for v in (line.x1, line.x2)]
	ys = [v for label in labels for v in (label.box.y, label.box.bottom)]
	ys += [v for line in lines for v in (line.y1, line.y2)]
	margin = _MARGIN * fs
	dx, dy = margin - min(xs), margin - min(ys)
	return Diagram(
		width=max(xs) - min(xs) + 2 * margin,
		height=max(ys) - min(ys) + 2 * margin,
		labels=tuple(
			Label(label.key, label.lines, label.box.moved(dx, dy), label.kind, label.is_root)
			for label in labels
		),
		lines=tuple(Line(ln.x1 + dx, ln.y1 + dy, ln.x2 + dx, ln.y2 + dy, ln.kind) for ln in lines),
		font_size=fs,
		legend=legend,
	)
