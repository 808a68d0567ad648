"""Sentiment of a feedback text: a label, a score in [-1, 1] and the cues that decided it."""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text.en_sentiment import NEUTRAL_BAND as EN_NEUTRAL_BAND
from feedback_loop.core.triage.text.en_sentiment import EnSentiment
from feedback_loop.core.triage.text.normalise import NormalisedText
from feedback_loop.core.triage.text.zh_sentiment import ZhSentiment

#: |score| below this is neutral, in both languages.
NEUTRAL_BAND = 0.3
# Chinese neutral bands in margin points (cues plus the models' weighted evidence). A text with
# cues needs a margin of 0.9 to lean either way, so one clear cue still decides a short
# complaint, even after praise ("外卖：送得很快，但是不好吃"). One with none needs 4: the corpus
# model alone must be about 92 % sure, since it reads questions ("请问什么时候发货") as mildly
# negative, as its reviews' questions were. Measured on the two sets with a neutral class (bank,
# car): within 0.02 of the best 3-class macro-F1 on each (docs/text-analysis.md). The scales map
# them onto NEUTRAL_BAND so one band serves both languages.
_ZH_BAND_WITH_CUES = 0.9
_ZH_BAND_WITHOUT_CUES = 4.0
MAX_CUES = 8


@dataclass(frozen=True)
class SentimentResult:
	label: Sentiment
	score: float
	#: (cue as written in the text, its signed weight), strongest first.
	cues: tuple[tuple[str, float], ...]


class SentimentAnalyser:
	"""Loaded once per worker: jieba's dictionary, the corpus model, SnowNLP's Bayes model and VADER's lexicon."""

	def __init__(
		self,
		extra_zh_cues: Mapping[str, float] | None = None,
		extra_en_cues: Mapping[str, float] | None = None,
	):
		self.zh = ZhSentiment(extra_zh_cues)
		self.en = EnSentiment(extra_en_cues)

	def zh_score(self, text: str) -> tuple[float, list[tuple[str, float]]]:
		result = self.zh.score(text)
		band = _ZH_BAND_WITH_CUES if result.cues else _ZH_BAND_WITHOUT_CUES
		scale = band / math.atanh(NEUTRAL_BAND)
		score = math.tanh(result.margin / scale)
		cues = [(c.text, c.value) for c in result.cues]
		if abs(score) >= NEUTRAL_BAND and result.cue_points * score <= 0:
			# The cues do not explain the label (there are none, or they lean the other way): the
			# corpus model decided, and its strongest words are the reason the agent sees.
			cues += [(c.text, c.value) for c in self.zh.model_words(text, 1 if score > 0 else -1)]
		return score, cues

	def en_score(self, text: str) -> tuple[float, list[tuple[str, float]]]:
		result = self.en.score(text)
		# Stretch VADER's band onto the common one, keeping the sign and the [-1, 1] range.
		return _rescale(result.compound, EN_NEUTRAL_BAND), list(result.cues)

	def analyse(self, text: NormalisedText) -> SentimentResult:
		if not text.language:
			return SentimentResult(Sentiment.NEUTRAL, 0.0, ())
		if text.language == "zh":
			score, cues = self.zh_score(text.text)
		elif text.language == "en":
			score, cues = self.en_score(text.text)
		else:
			zh_score, zh_cues = self.zh_score(text.text)
			en_score, en_cues = self.en_score(text.text)
			score, cues = (zh_score + en_score) / 2, zh_cues + en_cues
		cues = _merged(cues)
		cues.sort(key=lambda c: -abs(c[1]))
		# The label follows the stored score: 0.29999 rounds to 0.3, which is no longer neutral.
		score = round(score, 4)
		return SentimentResult(label_of(score), score, tuple(cues[:MAX_CUES]))


def _merged(cues: list[tuple[str, float]]) -> list[tuple[str, float]]:
	"""A cue said twice is shown once, with what it added in all: "问题 (-2)", not "问题 (-1), 问题 (-1)"."""
	totals: dict[str, float] = {}
	for cue, value in cues:
		totals[cue] = totals.get(cue, 0.0) + value
	return [(cue, round(value, 3)) for cue, value in totals.items() if round(value, 3)]


def label_of(score: float) -> Sentiment:
	if score >= NEUTRAL_BAND:
		return Sentiment.POSITIVE
	if score <= -NEUTRAL_BAND:
		return Sentiment.NEGATIVE
	return Sentiment.NEUTRAL


def _rescale(value: float, band: float) -> float:
	"""Piecewise-linear map of [-1, 1] onto itself that sends ±band to ±NEUTRAL_BAND."""
	magnitude = abs(value)
	if magnitude <= band:
		mapped = magnitude / band * NEUTRAL_BAND
	else:
		mapped = NEUTRAL_BAND + (magnitude - band) / (1 - band) * (1 - NEUTRAL_BAND)
	return math.copysign(mapped, value)
