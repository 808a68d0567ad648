"""Explainable category rules: the keyword lists each Feedback Category carries.

A rule match names the words that matched, so an agent sees why a category was chosen; the
most specific category with the most distinct matches wins.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_SEPARATORS = re.compile(r"[,，;；、\n]+")


@dataclass(frozen=True)
class CategoryKeywords:
	category: str
	keywords: tuple[str, ...]
	#: Depth in the tree: a child's match beats its parent's on a tie.
	depth: int = 0


@dataclass(frozen=True)
class RuleMatch:
	category: str
	matched: tuple[str, ...]
	confidence: float


def parse_keywords(*lists: str | None) -> tuple[str, ...]:
	"""Keywords as the form stores them: comma-, semicolon- or line-separated, either language."""
	words: list[str] = []
	for value in lists:
		for word in _SEPARATORS.split(value or ""):
			word = word.strip().lower()
			if word and word not in words:
				words.append(word)
	return tuple(words)


def match_categories(text: str, rules: Iterable[CategoryKeywords]) -> RuleMatch | None:
	"""The best rule for a normalised text, or None when no keyword occurs in it.

	English keywords match whole words ("hold" is not in "holder"); Chinese ones match anywhere.
	Confidence grows with distinct matches: 0.6 for one, 0.8 for two, about 0.9 for three.
	"""
	best: tuple[int, int] | None = None
	result = None
	for rule in rules:
		matched = tuple(k for k in rule.keywords if _occurs(k, text))
		if not matched:
			continue
		rank = (len(matched), rule.depth)
		if best is None or rank > best:
			best = rank
			result = RuleMatch(rule.category, matched, round(1 - 0.4 * math.pow(0.5, len(matched) - 1), 4))
	return result


def _occurs(keyword: str, text: str) -> bool:
	if keyword.isascii():
		return _whole_word(keyword).search(text) is not None
	return keyword in text


@lru_cache(maxsize=4096)
def _whole_word(keyword: str) -> re.Pattern:
	return re.compile(r"(?<![a-z])" + re.escape(keyword) + r"(?![a-z])")
