"""Near-duplicate feedback: the same complaint sent twice, through two channels or in other words."""

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from feedback_loop.core.triage.text.segmentation import tokenize

DEFAULT_SIMILARITY = 0.8


@dataclass(frozen=True)
class DuplicateMatch:
	name: str
	similarity: float


#: Below this many content words a text is compared as a whole, never as a subset.
MIN_SUBSET_TOKENS = 4


def comparable(text: str) -> str:
	"""Content words joined by spaces, so token-set similarity works for Chinese as for English."""
	stop = _stop_words()
	return " ".join(t for t in tokenize(text) if t.strip() and t.isalnum() and t not in stop)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
	from jieba.analyse.tfidf import KeywordExtractor
	from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

	# jieba's short list, not the keywords' long one: comparison texts are stored on the records,
	# and those of earlier records must stay comparable with new ones.
	base = frozenset(KeywordExtractor.STOP_WORDS) | ENGLISH_STOP_WORDS | {"n't", "just", "got", "get"}
	# Negations are content here: "arrived" and "never arrived" are two different messages.
	negations = frozenset({"no", "not", "never", "nor", "none", "nothing", "cannot", "不", "没", "没有"})
	return (base | frozenset("的了是在我要也就都和很")) - negations


def find_duplicate(
	text: str, candidates: dict[str, str], threshold: float = DEFAULT_SIMILARITY
) -> DuplicateMatch | None:
	"""The most similar earlier text at or above `threshold` (0–1); candidates map name → normalised text.

	Ties go to the earliest candidate given.
	"""
	if not text or not candidates:
		return None
	return find_duplicate_key(
		comparable(text), {name: comparable(t) for name, t in candidates.items()}, threshold
	)


def find_duplicate_key(
	key: str, candidate_keys: dict[str, str], threshold: float = DEFAULT_SIMILARITY
) -> DuplicateMatch | None:
	"""As `find_duplicate`, over texts already reduced by `comparable` (stored with each record)."""
	if not key or not candidate_keys:
		return None
	best = process.extractOne(key, candidate_keys, scorer=similarity, score_cutoff=threshold * 100)
	if best is None:
		return None
	_choice, score, name = best
	return DuplicateMatch(name=name, similarity=round(score / 100, 4))


def similarity(a: str, b: str, **_kwargs) -> float:
	"""0–100 over content words: mostly token-set similarity, which ignores order, repeats and
	extra detail ("外包装破损，杯子碎了，要退款" is the longer complaint again), tempered by
	token-sort similarity; a short text is compared whole, so "不好用" is not every complaint
	that says it."""
	if not a or not b:
		# No content words ("!!", "😡", "the and it"): nothing to compare, never a duplicate.
		return 0.0
	if min(a.count(" "), b.count(" ")) + 1 < MIN_SUBSET_TOKENS:
		return fuzz.token_sort_ratio(a, b)
	return 0.75 * fuzz.token_set_ratio(a, b) + 0.25 * fuzz.token_sort_ratio(a, b)
