"""Top terms of a feedback text, for search and for the Top Issues report.

jieba's TF-IDF keyword extraction (its own IDF table) handles Chinese and English tokens alike;
English stop words come from scikit-learn's list, which jieba's own list lacks.
"""

from functools import lru_cache

from feedback_loop.core.text.zh_sentiment import _jieba

MAX_KEYWORDS = 5


@lru_cache(maxsize=1)
def _extractor():
	import jieba.analyse
	from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

	extractor = jieba.analyse.TFIDF()
	extractor.tokenizer = _jieba().dt
	extractor.stop_words = extractor.stop_words | set(ENGLISH_STOP_WORDS) | {"n't", "just", "got", "get"}
	return extractor


def extract_keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
	"""Up to `limit` terms of a normalised text, most characteristic first; no digits-only terms."""
	if not text:
		return []
	terms = _extractor().extract_tags(text, topK=limit * 2)
	return [t for t in terms if not t.isdigit()][:limit]
