"""English sentiment: VADER with customer-service cues and a contrast rule that finds the right word.

VADER's own `_but_check` only knows "but" and locates valences with `list.index`, so equal
valences land on the wrong side of the "but"; the rule here uses the position of the last
contrast word and knows "however", "unfortunately" and the like.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import (
	BOOSTER_DICT,
	N_SCALAR,
	SentimentIntensityAnalyzer,
	SentiText,
	negated,
)

from feedback_loop.core.triage.text import en_cues
from feedback_loop.core.triage.text.normalise import HANDLE

#: |compound| below this is neutral (chosen leave-one-dataset-out, docs/text-analysis.md).
NEUTRAL_BAND = 0.225


@dataclass(frozen=True)
class EnScore:
	compound: float
	cues: tuple[tuple[str, float], ...]


class EnSentiment(SentimentIntensityAnalyzer):
	def __init__(self, extra_cues: Mapping[str, float] | None = None):
		super().__init__()
		self.lexicon.update(en_cues.WORDS)
		self.lexicon.update(extra_cues or {})
		self.phrases = [(re.compile(p, re.IGNORECASE), v) for p, v in en_cues.PHRASES]
		# One pass for all idioms: each is a named group, and the group that matched names it.
		self.idioms = re.compile(
			"|".join(f"(?P<i{n}>{pattern})" for n, (pattern, _v) in enumerate(en_cues.IDIOMS)) or "(?!)",
			re.IGNORECASE,
		)
		self.idiom_valences = {f"i{n}": valence for n, (_p, valence) in enumerate(en_cues.IDIOMS)}

	def score(self, text: str) -> EnScore:
		# "@united" names an airline, not a mood.
		text = HANDLE.sub(lambda m: " " * len(m.group(0)), self._emoji_to_words(text))
		turn = _last_contrast_offset(text)
		text, idioms = self._idioms(text, turn)
		senti_text = SentiText(text)
		words = senti_text.words_and_emoticons
		sentiments: list[float] = []
		for i, item in enumerate(words):
			following = words[i + 1].lower() if i + 1 < len(words) else ""
			if (
				item.lower() in BOOSTER_DICT
				or (item.lower() == "kind" and following == "of")
				or (item.lower() in en_cues.DEGREE_BEFORE_VALENCE and self.lexicon.get(following))
			):
				sentiments.append(0)
				continue
			sentiments = self.sentiment_valence(0, senti_text, item, i, sentiments)
		sentiments = _contrast(words, sentiments)
		# Idioms and phrases: what they show on the record, and what they weigh.
		found = list(idioms)
		for pattern, valence in self.phrases:
			for match in pattern.finditer(text):
				weight, shown = valence, match.group(0)
				# Negated as VADER negates a word: "wasn't worth it" is not "worth it".
				before = text[: match.start()].split()[-3:]
				negation = next((j for j in range(len(before) - 1, -1, -1) if negated([before[j]])), None)
				if negation is not None:
					weight *= N_SCALAR
					shown = " ".join([*before[negation:], shown])
				found.append((shown, weight * _turn_factor(match, turn)))
		# Thanks beside a complaint is courtesy or sarcasm ("thanks for the canned response"),
		# not praise; alone it is praise.
		if any(v < 0 for v in sentiments) or any(w < 0 for _s, w in found):
			sentiments = [
				0 if v > 0 and words[i].lower() in en_cues.COURTESY else v for i, v in enumerate(sentiments)
			]
		cues = [(self._shown(words, i), round(v, 2)) for i, v in enumerate(sentiments) if v]
		cues += [(shown, round(weight, 2)) for shown, weight in found]
		compound = self.score_valence(sentiments + [weight for _s, weight in found], text)["compound"]
		return EnScore(compound=compound, cues=tuple(cues))

	def _idioms(self, text: str, turn: int | None) -> tuple[str, list[tuple[str, float]]]:
		"""The idioms in `text`, weighed as phrases are, and the text with each blanked out: spaces
		of the same length keep the offsets of what follows."""
		found: list[tuple[str, float]] = []

		def blank(match: re.Match) -> str:
			valence = self.idiom_valences[match.lastgroup]
			found.append((match.group(0), valence * _turn_factor(match, turn)))
			return " " * len(match.group(0))

		return self.idioms.sub(blank, text), found

	def _shown(self, words: list[str], i: int) -> str:
		"""The cue as the agent should read it: a word VADER negated keeps its negation ("not happy")."""
		# VADER negates a word when one of the three words before it is a negation.
		for back in range(1, 4):
			if i - back >= 0 and negated([words[i - back]]):
				return " ".join(words[i - back : i + 1])
		return words[i]

	def _emoji_to_words(self, text: str) -> str:
		if text.isascii():
			return text
		described = "".join(f" {self.emojis[ch]} " if ch in self.emojis else ch for ch in text)
		return " ".join(described.split())


def _contrast(words: list[str], sentiments: list[float]) -> list[float]:
	turn = max(
		(i for i, w in enumerate(words) if i > 0 and w.lower() in en_cues.CONTRAST_WORDS), default=None
	)
	if turn is None:
		return sentiments
	return [v * 0.5 if i < turn else v * 1.5 if i > turn else v for i, v in enumerate(sentiments)]


def _turn_factor(match: re.Match, turn: int | None) -> float:
	"""A phrase weighs like the words around it: less before the turn, more after it."""
	if turn is None:
		return 1.0
	return 0.5 if match.end() <= turn else 1.5 if match.start() > turn else 1.0


_CONTRAST_WORD = re.compile(r"\b(" + "|".join(sorted(en_cues.CONTRAST_WORDS)) + r")\b", re.IGNORECASE)


def _last_contrast_offset(text: str) -> int | None:
	"""Where the last contrast word starts, if one follows the first word (as in `_contrast`)."""
	offsets = [m.start() for m in _CONTRAST_WORD.finditer(text) if text[: m.start()].strip()]
	return offsets[-1] if offsets else None
