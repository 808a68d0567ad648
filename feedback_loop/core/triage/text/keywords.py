"""Top terms of a feedback text, for search and for the Top Issues report.

jieba's TF-IDF keyword extraction (its own IDF table) handles Chinese and English tokens alike.
jieba's own stop list has 31 words: Chinese function words (非常, 就是, 已经 …) come from SnowNLP's
list, already loaded with its sentiment model, and English ones from scikit-learn's.
"""

from functools import lru_cache

from feedback_loop.core.triage.text.normalise import HANDLE
from feedback_loop.core.triage.text.segmentation import loaded_jieba
from feedback_loop.core.triage.text.snownlp_bayes import load_model

MAX_KEYWORDS = 5


@lru_cache(maxsize=1)
def _extractor():
	import jieba.analyse
	from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

	extractor = jieba.analyse.TFIDF()
	extractor.tokenizer = loaded_jieba().dt
	extractor.stop_words = (
		extractor.stop_words
		| load_model().stopwords
		| set(ENGLISH_STOP_WORDS)
		| {"n't", "just", "got", "get"}
		# jieba cuts "don't" into "don", "'" and "t".
		| {"don", "doesn", "didn", "isn", "wasn", "aren", "weren", "hasn", "haven", "hadn", "couldn"}
		| {"shouldn", "wouldn", "won", "ll", "ve", "re", "t", "s", "d", "m"}
	)
	return extractor


def stop_words() -> frozenset[str]:
	"""Words that carry no topic: never a keyword, never a category's evidence."""
	return frozenset(_extractor().stop_words)


def extract_keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
	"""Up to `limit` terms of a normalised text, most characteristic first; no numbers, no punctuation."""
	if not text:
		return []
	terms = _extractor().extract_tags(HANDLE.sub(" ", text), topK=limit * 2)
	return [t for t in terms if not t.isdigit() and any(ch.isalpha() for ch in t)][:limit]
