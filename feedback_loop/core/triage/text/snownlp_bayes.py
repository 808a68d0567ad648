"""SnowNLP's sentiment model read with jieba's tokens, without importing SnowNLP.

SnowNLP's naive Bayes model is the best offline general-purpose Chinese sentiment model on PyPI,
but `import snownlp` loads its own segmenter and tagger too (≈ 410 MB, 2–10 ms a text). Its
model file alone, scored over jieba tokens, costs ≈ 1 MB and 0.1 ms and keeps most of the
accuracy (docs/text-analysis.md).
"""

import gzip
import importlib.util
import marshal
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The log-odds are clipped: a long review otherwise drowns every cue in Bayes evidence.
MAX_LOG_ODDS = 8.0


@dataclass(frozen=True)
class BayesModel:
	prior: float
	#: log P(word|pos) - log P(word|neg) for every word SnowNLP saw; unseen words weigh the
	#: difference of the two classes' add-one floors.
	delta: dict[str, float]
	unseen: float
	stopwords: frozenset[str]

	def log_odds(self, tokens: list[str]) -> float:
		"""log P(pos|tokens) / P(neg|tokens) without the prior; stopwords are skipped."""
		delta = self.delta
		unseen = self.unseen
		stop = self.stopwords
		return sum(delta.get(t, unseen) for t in tokens if t not in stop and not t.isspace())


def _package_dir() -> Path:
	# find_spec does not execute snownlp/__init__.py, which would load every SnowNLP model.
	spec = importlib.util.find_spec("snownlp")
	if spec is None or not spec.submodule_search_locations:
		raise ImportError("snownlp is not installed")
	return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def load_model() -> BayesModel:
	base = _package_dir()
	with gzip.open(base / "sentiment" / "sentiment.marshal.3", "rb") as f:
		data = marshal.loads(f.read())
	pos, neg = data["d"]["pos"], data["d"]["neg"]
	pos_total, neg_total = pos["total"], neg["total"]
	delta = {}
	for word in pos["d"].keys() | neg["d"].keys():
		p = pos["d"].get(word, pos["none"]) / pos_total
		n = neg["d"].get(word, neg["none"]) / neg_total
		delta[word] = math.log(p) - math.log(n)
	unseen = math.log(pos["none"] / pos_total) - math.log(neg["none"] / neg_total)
	stopwords = frozenset((base / "normal" / "stopwords.txt").read_text(encoding="utf-8").split())
	return BayesModel(prior=math.log(pos_total / neg_total), delta=delta, unseen=unseen, stopwords=stopwords)


def clip(value: float) -> float:
	return max(-MAX_LOG_ODDS, min(MAX_LOG_ODDS, value))
