"""A category model learned from this site's confirmed records: TF-IDF n-grams and logistic regression.

Agents' own choices and corrections are the training data, so the model learns the site's
vocabulary and its category tree. Character n-grams (1–3, within words) read Chinese without a
segmenter, survive typos and carry English stems; adding word n-grams or longer character
n-grams, LinearSVC, SGD and complement naive Bayes were measured and did no better
(docs/text-analysis.md). Logistic regression gives the probability that becomes the
confidence shown on the record.
"""

import pickle
from collections import Counter
from dataclasses import dataclass

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

#: A category needs this many confirmed examples before the model may predict it.
MIN_EXAMPLES_PER_CATEGORY = 3


class NotEnoughExamples(ValueError):
	pass


@dataclass(frozen=True)
class Prediction:
	category: str
	confidence: float


class CategoryModel:
	def __init__(self, pipeline: Pipeline, examples: int):
		self.pipeline = pipeline
		self.examples = examples
		self.sklearn_version = sklearn.__version__

	@property
	def categories(self) -> list[str]:
		return list(self.pipeline.classes_)

	@classmethod
	def train(cls, texts: list[str], categories: list[str]) -> "CategoryModel":
		"""Train on normalised texts; categories with too few examples are left out."""
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
		return cls(pipeline, len(pairs))

	def predict(self, text: str) -> Prediction:
		probabilities = self.pipeline.predict_proba([text])[0]
		best = probabilities.argmax()
		return Prediction(str(self.pipeline.classes_[best]), float(probabilities[best]))

	def dumps(self) -> bytes:
		return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

	@staticmethod
	def loads(data: bytes) -> "CategoryModel | None":
		"""None when the stored model was made by another scikit-learn: it must be retrained."""
		model = pickle.loads(data)
		if not isinstance(model, CategoryModel) or model.sklearn_version != sklearn.__version__:
			return None
		return model


def make_pipeline() -> Pipeline:
	features = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
	classifier = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
	return Pipeline([("features", features), ("classifier", classifier)])
