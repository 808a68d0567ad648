"""Chinese word segmentation: jieba loaded once, and one cached cut of a clause.

Sentiment, keywords, duplicates and the category model's explanation all read the same words, so
they all cut through here.
"""

import logging
import warnings
from functools import lru_cache


@lru_cache(maxsize=1)
def loaded_jieba():
	"""The jieba module with its dictionary loaded (about a second, once per process)."""
	with warnings.catch_warnings():
		# jieba 0.42 reads its dictionary through pkg_resources when it can, and says so.
		warnings.simplefilter("ignore", UserWarning)
		import jieba

	jieba.setLogLevel(logging.WARNING)
	jieba.initialize()
	return jieba


# Triage segments the same clauses twice, for the sentiment and for the words that explain the
# category (half the segmentation time); the dictionary never changes after loading.
@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[str, ...]:
	"""The words of `text` as jieba cuts them (English words whole, spaces and punctuation kept)."""
	return tuple(loaded_jieba().lcut(text))
