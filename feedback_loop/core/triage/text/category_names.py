"""A category's own name as evidence for it: the model's prior knowledge of a category.

The model learns a category from agents' confirmed records, and a new or rare category has
few of them; its name (and its Chinese name) is what the administrator called the problem, so a
text that says "student loan" leans towards *Student loan* however few examples it has. Measured
on seven labelled sets (docs/text-analysis.md): macro-F1 rose on six (most on sets with rare
categories) and fell by 0.004 on the seventh, whose category names rarely occur in its texts.
"""

import re
from collections.abc import Iterable

#: An English name word is matched by its first letters, so "delayed" and "delays" both say
#: "Delay", and "overpriced" says "Price".
STEM_LENGTH = 5

_ENGLISH_WORDS = re.compile(r"[a-z]+")
_HAN_RUNS = re.compile(r"[\u3400-\u9fff]+")


def name_terms(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
	"""For each name of a category (its name, its Chinese name), the terms that say it."""
	from feedback_loop.core.triage.text.keywords import stop_words

	# A catch-all's name (Other, 其他) is no evidence: "其他都好" is not about "Other".
	stop = stop_words()
	terms = []
	for name in names:
		name = (name or "").lower()
		words = [
			word[:STEM_LENGTH] for word in _ENGLISH_WORDS.findall(name) if len(word) > 2 and word not in stop
		]
		# A Chinese name is matched whole: its characters alone (体, 验) say little.
		words += [run for run in _HAN_RUNS.findall(name) if run not in stop]
		unique = tuple(dict.fromkeys(words))
		if unique and unique not in terms:
			terms.append(unique)
	return tuple(terms)


def name_evidence(text: str, terms: tuple[tuple[str, ...], ...]) -> float:
	"""The share of a category's name found in a normalised text, by its best-matching name (0–1)."""
	best = 0.0
	for name in terms:
		found = sum(1 for term in name if term in text)
		best = max(best, found / len(name))
	return best


def words_naming(text: str, terms: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
	"""The words of a normalised text in which the category's name was found."""
	words: list[str] = []
	for name in terms:
		for term in name:
			if term.isascii():
				match = re.search(r"[a-z]*" + re.escape(term) + r"[a-z]*", text)
				word = match.group(0) if match else None
			else:
				word = term if term in text else None
			if word and word not in words:
				words.append(word)
	return tuple(words)
