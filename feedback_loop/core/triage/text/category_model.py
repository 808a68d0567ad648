"""A category model learned from this site's confirmed records: TF-IDF n-grams and logistic regression.

Agents' own choices and corrections are the training data, so the model learns the site's
vocabulary and its category tree. Character n-grams (1–3, within words) read Chinese without a
segmenter, survive typos and carry English stems; adding word n-grams or longer character
n-grams, LinearSVC, SGD and complement naive Bayes were measured and did no better
(docs/text-analysis.md). Logistic regression gives the probability that becomes the
confidence shown on the record, and its coefficients name the words of a text that weighed most
for the category it chose, shown on the record as a rule shows its keywords. A category's own
name found in the text adds to its probability (category_names.py).
"""

import math
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from feedback_loop.core.triage.text.category_names import name_evidence, name_terms, words_naming
from feedback_loop.core.triage.text.char_ngrams import tfidf_row

if TYPE_CHECKING:
	from sklearn.pipeline import Pipeline

#: Clauses of Chinese text and words of English text, for the explanation.
_PIECES = re.compile(r"[\s，,。.！!？?；;：:、~～…（）()]+")

#: A category needs this many confirmed examples before the model may predict it.
MIN_EXAMPLES_PER_CATEGORY = 3

#: A text holding all of a category's name multiplies that category's odds by e² (about 7.4):
#: enough to lift a rare category the model barely knows, not enough to outvote a clear
#: prediction. Chosen among 1, 2 and 3 on seven labelled sets: the best on five, close on two.
NAME_WEIGHT = 2.0


class NotEnoughExamples(ValueError):
	pass


@dataclass(frozen=True)
class Prediction:
	category: str
	confidence: float


class CategoryModel:
	def __init__(
		self, pipeline: "Pipeline", examples: int, names: dict[str, tuple[tuple[str, ...], ...]] | None = None
	):
		self.pipeline = pipeline
		self.examples = examples
		self.sklearn_version = _sklearn_version()
		#: Per category, the terms of its names (category_names.name_terms).
		self.category_names = names or {}

	@property
	def categories(self) -> list[str]:
		return list(self.pipeline.classes_)

	@classmethod
	def train(
		cls, texts: list[str], categories: list[str], other_names: Mapping[str, Iterable[str]] | None = None
	) -> "CategoryModel":
		"""Train on normalised texts; categories with too few examples are left out.

		`other_names` are further names of a category (its Chinese name): found in a text, they
		count for the category as its own name does.
		"""
		counts = Counter(categories)
		pairs = [
			(t, c) for t, c in zip(texts, categories, strict=True) if counts[c] >= MIN_EXAMPLES_PER_CATEGORY
		]
		if len({c for _, c in pairs}) < 2:
			raise NotEnoughExamples(
				f"need at least two categories with {MIN_EXAMPLES_PER_CATEGORY} confirmed records each"
			)
		pipeline = make_pipeline()
		pipeline.fit([t for t, _ in pairs], [c for _, c in pairs])
		other_names = other_names or {}
		names = {str(c): name_terms([str(c), *other_names.get(str(c), ())]) for c in pipeline.classes_}
		return cls(pipeline, len(pairs), names)

	def predict(self, text: str) -> Prediction:
		probabilities = self._probabilities(self._features(text))
		names = getattr(self, "category_names", None) or {}
		if names:
			# Product of the model and the name: each category's odds times e^(weight × share
			# of its name in the text), then normalised again.
			lowered = text.lower()
			factors = [
				math.exp(NAME_WEIGHT * name_evidence(lowered, names.get(str(c), ())))
				for c in self.pipeline.classes_
			]
			probabilities = probabilities * factors
			probabilities = probabilities / probabilities.sum()
		best = probabilities.argmax()
		return Prediction(str(self.pipeline.classes_[best]), float(probabilities[best]))

	def explain(self, text: str, category: str, limit: int = 3) -> tuple[str, ...]:
		"""The words of `text` that pushed the model most towards `category`, strongest first.

		Each character n-gram adds its TF-IDF weight times the category's coefficient; a word
		collects what its own n-grams add, so the agent sees 晚到 or "late", not "ate".
		"""
		from feedback_loop.core.triage.text.keywords import stop_words
		from feedback_loop.core.triage.text.segmentation import tokenize

		classes = list(self.pipeline.classes_)
		if category not in classes:
			return ()
		features = self.pipeline.named_steps["features"]
		row = self._features(text)
		weights = self._weights()[classes.index(category)]
		names = self._ngram_names()
		pushes = {names[j]: value * weights[j] for j, value in zip(*row, strict=True)}
		# A word's own n-grams, looked up: linear in the text, where testing every n-gram against
		# every word was not (a long review has hundreds of each).
		ngrams_of = features.build_analyzer()
		by_word: dict[str, float] = {}
		stop = stop_words()
		# Only the pieces holding one of the strongest n-grams are segmented: a long review has
		# many clauses, and jieba over all of them costs more than the rest of the explanation.
		strongest = [g.strip() for g, push in sorted(pushes.items(), key=lambda i: -i[1])[:8] if push > 0]
		pieces = [p for p in _PIECES.split(text) if any(g and g in p for g in strongest)]
		words = {t.strip() for piece in pieces for t in tokenize(piece) if any(c.isalnum() for c in t)}
		for word in words - stop:
			by_word[word] = sum(pushes.get(ngram, 0.0) for ngram in set(ngrams_of(word)))
		# Only words that, all their n-grams taken together, speak for the category.
		by_word = {word: push for word, push in by_word.items() if push > 0}
		ranked = sorted(by_word.items(), key=lambda item: (-item[1], item[0]))
		# The category's own name, where the text holds it, is the plainest reason of all.
		naming = words_naming(text.lower(), (getattr(self, "category_names", None) or {}).get(category, ()))
		# 性能 says nothing more once 性能问题 is shown.
		ranked_words = [word for word, _push in ranked if not any(word in named for named in naming)]
		return (*naming, *ranked_words)[:limit]

	# Both built on first use and left out of the stored file: they are derived from the
	# pipeline, and models stored before explanations existed lack them.
	_DERIVED = ("_names", "_class_weights", "_last", "_linear", "_vocabulary")

	def _features(self, text: str) -> tuple[list[int], list[float]]:
		"""The text's TF-IDF row (columns, values); the last one is kept, since triage predicts and
		then explains."""
		last = getattr(self, "_last", None)
		if last is not None and last[0] == text:
			return last[1]
		if getattr(self, "_vocabulary", None) is None:
			features = self.pipeline.named_steps["features"]
			self._vocabulary = (features.vocabulary_, features.idf_.tolist(), features.ngram_range)
		vocabulary, idf, ngram_range = self._vocabulary
		# The vectorizer lower-cases before it cuts n-grams.
		row = tfidf_row(text.lower(), vocabulary, idf, ngram_range)
		self._last = (text, row)
		return row

	def _probabilities(self, row: tuple[list[int], list[float]]) -> np.ndarray:
		"""What the classifier's predict_proba gives for one row, without its input checks, which
		take nine tenths of its time for one text: softmax of the linear scores, or the logistic of
		the one score for two categories."""
		if getattr(self, "_linear", None) is None:
			classifier = self.pipeline.named_steps["classifier"]
			self._linear = (np.ascontiguousarray(classifier.coef_.T), classifier.intercept_)
		coef, intercept = self._linear
		columns, values = row
		scores = np.asarray(values) @ coef[columns] + intercept if columns else intercept.copy()
		if scores.size == 1:
			positive = 1.0 / (1.0 + math.exp(-scores[0]))
			return np.array([1.0 - positive, positive])
		exponentials = np.exp(scores - scores.max())
		return exponentials / exponentials.sum()

	def _ngram_names(self):
		if getattr(self, "_names", None) is None:
			self._names = self.pipeline.named_steps["features"].get_feature_names_out()
		return self._names

	def _weights(self):
		"""Per category, what each n-gram adds to its score against the others."""
		if getattr(self, "_class_weights", None) is None:
			coef = self.pipeline.named_steps["classifier"].coef_
			if coef.shape[0] == 1:
				# Two categories: one row of log-odds for the second against the first.
				self._class_weights = [-coef[0], coef[0]]
			else:
				# Softmax ignores what all rows share; a category's own part is its row
				# against the average row.
				self._class_weights = list(coef - coef.mean(axis=0))
		return self._class_weights

	def __getstate__(self) -> dict:
		return {key: value for key, value in self.__dict__.items() if key not in self._DERIVED}

	def dumps(self) -> bytes:
		return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

	@staticmethod
	def loads(data: bytes) -> "CategoryModel | None":
		"""None when the stored model was made by another scikit-learn: it must be retrained."""
		model = pickle.loads(data)
		if not isinstance(model, CategoryModel) or model.sklearn_version != _sklearn_version():
			return None
		return model


def _sklearn_version() -> str:
	# scikit-learn is imported when a model is trained or loaded, not with the analysis: every
	# background job that opens a Feedback Record imports this module (0.75 s of start-up).
	import sklearn

	return sklearn.__version__


def make_pipeline() -> "Pipeline":
	from sklearn.feature_extraction.text import TfidfVectorizer
	from sklearn.linear_model import LogisticRegression
	from sklearn.pipeline import Pipeline

	features = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
	classifier = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
	return Pipeline([("features", features), ("classifier", classifier)])
