"""The fishbone diagram as a standalone SVG: the same picture in the desk form and the PDF."""

import html
from collections.abc import Sequence

from feedback_loop.core.rca.fishbone import (
	_MARGIN,
	FONT_FAMILY,
	LINE_HEIGHT,
	PAD_X,
	PAD_Y,
	PROBLEM_SCALE,
	Box,
	Diagram,
	Label,
)
from feedback_loop.core.rca.text_measure import XML_INVALID, text_width, wrap_text

_INK = "#1f2937"
_ROOT_RED = "#c81e1e"
_STROKES = {"spine": (_INK, 3), "bone": ("#374151", 2), "branch": ("#6b7280", 1)}
_TITLE_SCALE = 1.25


def render_svg(diagram: Diagram, *, title: str | None = None, max_width: float | None = None) -> str:
	"""The diagram as a standalone SVG document (one string, no scripts, stylesheets or links).

	Guarantees: all text is XML-escaped and characters XML cannot carry are dropped; styling is
	in attributes, so a desk form and wkhtmltopdf draw it alike; root causes are red, bold and
	boxed, and a "Root cause" (根本原因) legend is drawn only when there is one; a title, if
	given, is drawn above. With ``max_width`` the width and height attributes shrink to fit it
	(the drawing scales, the viewBox keeps its coordinates).
	"""
	fs = diagram.font_size
	margin = _MARGIN * fs
	title_fs = _TITLE_SCALE * fs
	title_lines = (
		wrap_text(title, max(diagram.width - 2 * margin, 20 * fs), title_fs, bold=True) if title else ()
	)
	title_h = len(title_lines) * LINE_HEIGHT * title_fs + margin if title_lines else 0.0
	has_root = any(label.is_root for label in diagram.labels)
	legend = Box(
		margin, title_h + diagram.height, text_width(diagram.legend, fs, bold=True) + 2 * PAD_X * fs, 0
	)
	legend = Box(legend.x, legend.y, legend.width, LINE_HEIGHT * fs + 2 * PAD_Y * fs)
	width = max(diagram.width, legend.right + margin)
	height = title_h + diagram.height + (legend.height + margin if has_root else 0.0)
	scale = min(1.0, max_width / width) if max_width else 1.0

	out = [
		f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {_n(width)} {_n(height)}"'
		f' width="{_n(width * scale)}" height="{_n(height * scale)}"'
		f' font-family="{FONT_FAMILY}" font-size="{_n(fs)}">'
	]
	if title_lines:
		out.append(f"<title>{_xml(' '.join(title_lines))}</title>")
	out.append(f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>')
	if title_lines:
		out.append(_text(title_lines, width / 2, margin / 2, title_fs, anchor="middle", fill=_INK, bold=True))
	out.append(f'<g transform="translate(0 {_n(title_h)})">')
	for line in diagram.lines:
		color, stroke_width = _STROKES.get(line.kind, _STROKES["branch"])
		out.append(
			f'<line x1="{_n(line.x1)}" y1="{_n(line.y1)}" x2="{_n(line.x2)}" y2="{_n(line.y2)}"'
			f' stroke="{color}" stroke-width="{stroke_width}" stroke-linecap="round"/>'
		)
	out += [_label(label, fs) for label in diagram.labels]
	out.append("</g>")
	if has_root:
		out.append(_label(Label(None, (diagram.legend,), legend, "cause", True), fs))
	out.append("</svg>")
	return "\n".join(out)


def _label(label: Label, fs: float) -> str:
	box = label.box
	if label.kind == "problem":
		frame = _rect(box, fill="#fff7ed", stroke="#c2410c", stroke_width=2, radius=8)
		size = PROBLEM_SCALE * fs
		pad_y = (box.height - len(label.lines) * LINE_HEIGHT * size) / 2
		return frame + _text(
			label.lines,
			box.x + box.width / 2,
			box.y + pad_y,
			size,
			anchor="middle",
			fill="#7c2d12",
			bold=True,
		)
	if label.kind == "category":
		frame = _rect(box, fill="#1e3a5f", stroke="#1e3a5f", stroke_width=1, radius=4)
		pad_y = (box.height - len(label.lines) * LINE_HEIGHT * fs) / 2
		return frame + _text(
			label.lines, box.x + box.width / 2, box.y + pad_y, fs, anchor="middle", fill="#ffffff", bold=True
		)
	frame = _rect(box, fill="#fef2f2", stroke=_ROOT_RED, stroke_width=1.5, radius=3) if label.is_root else ""
	fill = _ROOT_RED if label.is_root else _INK
	return frame + _text(
		label.lines, box.x + PAD_X * fs, box.y + PAD_Y * fs, fs, anchor="start", fill=fill, bold=label.is_root
	)


def _rect(box: Box, *, fill: str, stroke: str, stroke_width: float, radius: float) -> str:
	return (
		f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" height="{_n(box.height)}"'
		f' rx="{_n(radius)}" fill="{fill}" stroke="{stroke}" stroke-width="{_n(stroke_width)}"/>'
	)


def _text(
	lines: Sequence[str], x: float, top: float, size: float, *, anchor: str, fill: str, bold: bool
) -> str:
	# Baseline where a CJK font's glyphs sit centred in the line: half the leading, then the ascent.
	first = top + (LINE_HEIGHT - 1) / 2 * size + 0.86 * size
	spans = "".join(
		f'<tspan x="{_n(x)}" y="{_n(first + i * LINE_HEIGHT * size)}">{_xml(line)}</tspan>'
		for i, line in enumerate(lines)
	)
	weight = ' font-weight="bold"' if bold else ""
	return f'<text font-size="{_n(size)}" fill="{fill}" text-anchor="{anchor}"{weight}>{spans}</text>'


def _xml(text: str) -> str:
	return html.escape(XML_INVALID.sub("", text), quote=True)


def _n(value: float) -> str:
	"""A coordinate with at most two decimals, so equal diagrams give byte-equal SVG."""
	text = f"{value:.2f}".rstrip("0").rstrip(".")
	return "0" if text == "-0" else text
