"""The fishbone (Ishikawa, 6M) diagram of a Root Cause Analysis: rules, layout and SVG.

The layout is pure geometry, so it is tested without a browser and the same diagram appears in
the desk form and in the printed PDF. Labels never overlap by construction: each of the six
bones owns a column of the diagram, and the causes of a bone are stacked one below the other
inside its column, on their side of the spine.
"""

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from xml.sax.saxutils import escape

SIX_M: tuple[str, ...] = ("Man", "Machine", "Material", "Method", "Environment", "Measurement")
SIX_M_ZH: Mapping[str, str] = {
	"Man": "人",
	"Machine": "机",
	"Material": "料",
	"Method": "法",
	"Environment": "环",
	"Measurement": "测",
}
_TOP = ("Man", "Machine", "Material")
_BOTTOM = ("Method", "Environment", "Measurement")


@dataclass(frozen=True)
class Cause:
	key: str
	category: str
	text: str
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
	"""Every problem, in the order of the causes, with the key of the cause it concerns.

	Guarantees: categories are limited to the 6M; a sub-cause names an existing parent of its own
	category; parent chains never loop (a cause that is its own parent included); with
	``require_root``, at least one cause is chosen as a root cause.
	"""
	by_key = {cause.key: cause for cause in causes}
	problems: list[tuple[FishboneProblem, str | None]] = []
	for cause in causes:
		if cause.category not in SIX_M:
			problems.append((FishboneProblem.UNKNOWN_CATEGORY, cause.key))
		if not cause.text.strip():
			problems.append((FishboneProblem.EMPTY_CAUSE, cause.key))
		if cause.parent is None:
			continue
		parent = by_key.get(cause.parent)
		if parent is None:
			problems.append((FishboneProblem.PARENT_NOT_FOUND, cause.key))
		elif parent.category != cause.category:
			problems.append((FishboneProblem.PARENT_IN_OTHER_CATEGORY, cause.key))
		if _in_cycle(cause, by_key):
			problems.append((FishboneProblem.CYCLE, cause.key))
	if require_root and not any(cause.is_root for cause in causes):
		problems.append((FishboneProblem.NO_ROOT_CAUSE, None))
	return problems


def _in_cycle(cause: Cause, by_key: Mapping[str, Cause]) -> bool:
	seen = {cause.key}
	current = cause
	while current.parent is not None and current.parent in by_key:
		if current.parent in seen:
			return True
		seen.add(current.parent)
		current = by_key[current.parent]
	return False


@dataclass(frozen=True)
class Box:
	x: float
	y: float
	width: float
	height: float

	def overlaps(self, other: "Box", tolerance: float = 0.01) -> bool:
		return (
			self.x < other.x + other.width - tolerance
			and other.x < self.x + self.width - tolerance
			and self.y < other.y + other.height - tolerance
			and other.y < self.y + self.height - tolerance
		)


@dataclass(frozen=True)
class Label:
	key: str | None
	lines: tuple[str, ...]
	box: Box
	kind: str  # "problem", "category", "cause", "subcause"
	is_root: bool = False


@dataclass(frozen=True)
class Line:
	x1: float
	y1: float
	x2: float
	y2: float
	kind: str  # "spine", "bone", "branch"


@dataclass(frozen=True)
class Diagram:
	width: float
	height: float
	labels: tuple[Label, ...]
	lines: tuple[Line, ...]
	font_size: float = 13


_MARGIN = 20.0
_GAP = 8.0
_INDENT = 18.0
_SLANT = 40.0
_PAD = 6.0


def text_width(text: str, font_size: float) -> float:
	"""An estimate without a font: CJK and full-width characters one em, others 0.6 em."""
	return sum(font_size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * font_size for ch in text)


def wrap(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
	"""Lines no wider than ``max_width``: Latin words kept whole where they fit, CJK broken anywhere."""
	lines: list[str] = []
	current = ""
	for token in _tokens(" ".join(text.split())):
		candidate = current + token
		if current and text_width(candidate.rstrip(), font_size) > max_width:
			lines.append(current.rstrip())
			current = token.lstrip()
		else:
			current = candidate
		while text_width(current, font_size) > max_width:  # a single token wider than a line
			cut = _fit(current, max_width, font_size)
			lines.append(current[:cut])
			current = current[cut:]
	if current.strip() or not lines:
		lines.append(current.rstrip())
	return tuple(lines)


def _tokens(text: str) -> list[str]:
	"""Each CJK character on its own; Latin words with their trailing space."""
	tokens: list[str] = []
	word = ""
	for ch in text:
		if _is_wide(ch):
			if word:
				tokens.append(word)
				word = ""
			tokens.append(ch)
		elif ch == " ":
			tokens.append(word + " ")
			word = ""
		else:
			word += ch
	if word:
		tokens.append(word)
	return tokens


def _is_wide(ch: str) -> bool:
	return unicodedata.east_asian_width(ch) in "WF"


def _fit(text: str, max_width: float, font_size: float) -> int:
	width = 0.0
	for index, ch in enumerate(text):
		width += text_width(ch, font_size)
		if width > max_width:
			return max(index, 1)
	return len(text)


def category_label(category: str, language: str) -> str:
	return f"{SIX_M_ZH[category]}（{category}）" if language == "zh" else category


def layout_fishbone(
	problem: str, causes: Sequence[Cause], *, language: str = "en", font_size: float = 13
) -> Diagram:
	"""Deterministic layout: same input, same diagram; no two labels overlap; causes stay on their
	side of the spine. Causes in unknown categories or in parent loops are left out (the rules
	above report them)."""
	fs = font_size
	line_height = fs * 1.35
	label_width = 16 * fs
	drawable = _drawable(causes)
	rows_by_category = {category: _ordered(drawable, category) for category in SIX_M}
	max_depth = max((depth for rows in rows_by_category.values() for _c, depth in rows), default=0)
	column_width = label_width + max_depth * _INDENT + _SLANT + 3 * _PAD + 40

	def height_of(lines: tuple[str, ...]) -> float:
		return len(lines) * line_height + 2 * _PAD

	category_height = line_height + 2 * _PAD
	wrapped = {cause.key: wrap(cause.text, label_width, fs) for cause in drawable}
	half = {
		category: category_height
		+ _GAP
		+ sum(height_of(wrapped[c.key]) + _GAP for c, _d in rows_by_category[category])
		+ 2 * _GAP
		for category in SIX_M
	}
	top_height = max(half[c] for c in _TOP)
	bottom_height = max(half[c] for c in _BOTTOM)
	spine_y = _MARGIN + top_height
	head_lines = wrap(problem or "", 14 * fs, fs)
	head_width = max(text_width(line, fs) for line in head_lines) + 2 * _PAD
	head_height = height_of(head_lines)
	spine_end = _MARGIN + 3 * column_width
	width = spine_end + 20 + head_width + _MARGIN
	height = max(spine_y + bottom_height + _MARGIN, spine_y + head_height / 2 + _MARGIN)

	labels: list[Label] = []
	lines: list[Line] = [Line(_MARGIN, spine_y, spine_end + 20, spine_y, "spine")]
	labels.append(
		Label(
			None,
			head_lines,
			Box(spine_end + 20, spine_y - head_height / 2, head_width, head_height),
			"problem",
		)
	)
	for index, category in enumerate((*_TOP, *_BOTTOM)):
		top = category in _TOP
		column = index % 3
		left = _MARGIN + column * column_width
		bone_far_x = left + column_width - _SLANT - 30  # where the bone meets its category box
		text = category_label(category, language)
		box_width = text_width(text, fs) + 2 * _PAD
		far_y = _MARGIN if top else spine_y + bottom_height - category_height
		labels.append(
			Label(
				None, (text,), Box(bone_far_x - box_width / 2, far_y, box_width, category_height), "category"
			)
		)
		bone_start_y = far_y + category_height if top else far_y
		lines.append(Line(bone_far_x, bone_start_y, bone_far_x + _SLANT, spine_y, "bone"))

		def bone_x(y: float) -> float:
			return bone_far_x + _SLANT * (y - bone_start_y) / (spine_y - bone_start_y)

		y = (bone_start_y + _GAP) if top else (spine_y + 2 * _GAP)
		for cause, depth in rows_by_category[category]:
			label_lines = wrapped[cause.key]
			box_height = height_of(label_lines)
			box_width = max(text_width(line, fs) for line in label_lines) + 2 * _PAD
			middle = y + box_height / 2
			right = bone_x(middle) - _PAD - depth * _INDENT
			box = Box(right - box_width, y, box_width, box_height)
			labels.append(Label(cause.key, label_lines, box, "subcause" if depth else "cause", cause.is_root))
			lines.append(Line(right, middle, bone_x(middle), middle, "branch"))
			y += box_height + _GAP
	return Diagram(width, height, tuple(labels), tuple(lines), fs)


def _drawable(causes: Sequence[Cause]) -> list[Cause]:
	by_key = {cause.key: cause for cause in causes}
	return [
		cause
		for cause in causes
		if cause.category in SIX_M
		and not _in_cycle(cause, by_key)
		and (
			cause.parent is None
			or (cause.parent in by_key and by_key[cause.parent].category == cause.category)
		)
	]


def _ordered(causes: list[Cause], category: str) -> list[tuple[Cause, int]]:
	"""Causes of one bone in input order, each followed by its sub-causes (depth-first)."""
	own = [cause for cause in causes if cause.category == category]
	keys = {cause.key for cause in own}
	children: dict[str | None, list[Cause]] = {}
	for cause in own:
		parent = cause.parent if cause.parent in keys else None
		children.setdefault(parent, []).append(cause)
	ordered: list[tuple[Cause, int]] = []

	def visit(parent: str | None, depth: int) -> None:
		for cause in children.get(parent, []):
			ordered.append((cause, depth))
			visit(cause.key, depth + 1)

	visit(None, 0)
	return ordered


_FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Zen Hei, Helvetica, Arial, sans-serif"
_ROOT = "#c0392b"


def render_svg(diagram: Diagram, *, title: str | None = None) -> str:
	"""A standalone SVG (inline attributes only, no script), for the desk and for wkhtmltopdf."""
	fs = diagram.font_size
	line_height = fs * 1.35
	has_root = any(label.is_root for label in diagram.labels)
	legend_height = line_height + _GAP if has_root else 0
	height = diagram.height + legend_height
	parts = [
		f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {diagram.width:.1f} {height:.1f}" '
		f'width="{diagram.width:.0f}" height="{height:.0f}" font-family="{_FONT}" font-size="{fs:g}">'
	]
	if title:
		parts.append(f"<title>{escape(title)}</title>")
	for line in diagram.lines:
		stroke, width = {"spine": ("#333", 3), "bone": ("#555", 2), "branch": ("#999", 1)}[line.kind]
		parts.append(
			f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}" '
			f'stroke="{stroke}" stroke-width="{width}"/>'
		)
	for label in diagram.labels:
		box = label.box
		fill, stroke, weight, color = {
			"problem": ("#fdf2e9", "#e67e22", "bold", "#333"),
			"category": ("#eaf2f8", "#2e86c1", "bold", "#1b4f72"),
			"cause": ("#ffffff", "#ccc", "normal", "#333"),
			"subcause": ("#ffffff", "#e0e0e0", "normal", "#555"),
		}[label.kind]
		if label.is_root:
			fill, stroke, weight, color = "#fdedec", _ROOT, "bold", _ROOT
		parts.append(
			f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
			f'rx="4" fill="{fill}" stroke="{stroke}" stroke-width="{2 if label.is_root else 1}"/>'
		)
		spans = "".join(
			f'<tspan x="{box.x + _PAD:.1f}" y="{box.y + _PAD + (i + 0.8) * line_height:.1f}">{escape(text)}</tspan>'
			for i, text in enumerate(label.lines)
		)
		parts.append(f'<text font-weight="{weight}" fill="{color}">{spans}</text>')
	if has_root:
		y = diagram.height + _GAP / 2
		parts.append(
			f'<rect x="{_MARGIN:.1f}" y="{y:.1f}" width="{fs:g}" height="{fs:g}" fill="#fdedec" '
			f'stroke="{_ROOT}" stroke-width="2"/>'
			f'<text x="{_MARGIN + fs + 6:.1f}" y="{y + fs - 2:.1f}" fill="{_ROOT}">Root cause / 根本原因</text>'
		)
	parts.append("</svg>")
	return "".join(parts)
