"""Text widths and line breaks without a font library, for diagrams drawn as SVG.

CJK and other full-width characters take 1 em; other characters take a width from a small table
that leans wide, so real text fits the box computed for it.
"""

import re
import unicodedata

_NARROW = frozenset("ijlI.,:;'|!`")
_SEMI_NARROW = frozenset('frt()[]{}-/\\" ')
_BROAD = frozenset("mwMW@%")
#: Closing punctuation a line should not start with (Chinese typesetting's 避头点).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〉…,.;:?!)]}%")
_BOLD = 1.08
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _is_wide(ch: str) -> bool:
	width = unicodedata.east_asian_width(ch)
	# Ambiguous characters above Latin (quotes, ellipsis, symbols) are full width in CJK fonts.
	return width in ("W", "F") or (width == "A" and ord(ch) >= 0x2000)


def _char_em(ch: str, bold: bool) -> float:
	if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc", "Cs"):
		return 0.0
	if _is_wide(ch):
		return 1.0
	if ch in _NARROW:
		em = 0.35
	elif ch in _SEMI_NARROW:
		em = 0.45
	elif ch in _BROAD:
		em = 0.95
	elif ch.isupper():
		em = 0.75
	else:
		em = 0.6
	return em * _BOLD if bold else em


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
	"""Estimated width of one line of text: full-width characters 1 em, others about 0.6 em."""
	return sum(_char_em(ch, bold) for ch in text) * font_size


def wrap_text(text: str, max_width: float, font_size: float, *, bold: bool = False) -> tuple[str, ...]:
	"""The text as lines no wider than ``max_width`` (by ``text_width``).

	Guarantees: line breaks in the text are kept and blank lines dropped; runs of white space
	become one space; CJK text breaks between any two characters, other text between words, and
	a word wider than a line is cut between characters; a line does not start with closing
	punctuation when the word before it can move down with it.
	"""
	lines: list[str] = []
	for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
		lines += _wrap_paragraph(_tokens(paragraph), max_width, font_size, bold)
	return tuple(lines)


def _tokens(paragraph: str) -> list[str]:
	"""Words, single full-width characters and single spaces: the places a line may break."""
	tokens: list[str] = []
	word = ""
	for ch in paragraph:
		if ch.isspace() or _is_wide(ch):
			if word:
				tokens.append(word)
				word = ""
			if not ch.isspace():
				tokens.append(ch)
			elif tokens and tokens[-1] != " ":
				tokens.append(" ")
		else:
			word += ch
	if word:
		tokens.append(word)
	while tokens and tokens[-1] == " ":
		tokens.pop()
	return tokens


def _wrap_paragraph(tokens: list[str], max_width: float, font_size: float, bold: bool) -> list[str]:
	def width(s: str) -> float:
		return text_width(s, font_size, bold=bold)

	lines: list[str] = []
	line: list[str] = []

	def flush() -> None:
		while line and line[-1] == " ":
			line.pop()
		if line:
			lines.append("".join(line))
			line.clear()

	for token in tokens:
		if token == " ":
			if line:
				line.append(token)
			continue
		if width("".join(line) + token) <= max_width:
			line.append(token)
			continue
		carried = []
		if token in _NO_LINE_START and len(line) > 1 and line[-1] != " ":
			if width(line[-1] + token) <= max_width:
				carried = [line.pop()]
		flush()
		if width(token) <= max_width:
			line.extend([*carried, token])
			continue
		for ch in token:
			if line and width("".join(line) + ch) > max_width:
				flush()
			line.append(ch)
	flush()
	return lines
