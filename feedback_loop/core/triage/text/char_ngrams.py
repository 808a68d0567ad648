"""One text's TF-IDF row as scikit-learn's TfidfVectorizer(analyzer="char_wb", sublinear_tf=True) makes it.

Both text models learn with scikit-learn and read one text at a time. For one text, scikit-learn's
transform spends most of its time checking its input and building a sparse matrix (a quarter of
the whole triage, profiled); this is the same arithmetic over the fitted vocabulary and IDF
weights in plain Python. Tests keep it equal to scikit-learn's.
"""

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

_WHITESPACE = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, ngram_range: tuple[int, int] = (1, 3)) -> list[str]:
	"""scikit-learn's `char_wb` analyzer: n-grams inside words padded with one space each side."""
	low, high = ngram_range
	grams: list[str] = []
	for word in _WHITESPACE.sub(" ", text).split():
		padded = f" {word} "
		length = len(padded)
		for n in range(low, high + 1):
			offset = 0
			grams.append(padded[offset : offset + n])
			while offset + n < length:
				offset += 1
				grams.append(padded[offset : offset + n])
			if offset == 0:
				break
	return grams


def tfidf_row(
	text: str, vocabulary: Mapping[str, int], idf: Sequence[float], ngram_range: tuple[int, int] = (1, 3)
) -> tuple[list[int], list[float]]:
	"""Column indices and L2-normalised values of the text's known n-grams: (1 + log tf) × idf."""
	terms = tfidf_terms(text, vocabulary, idf, ngram_range)
	return [column for column, _ in terms.values()], [value for _, value in terms.values()]


def tfidf_terms(
	text: str, vocabulary: Mapping[str, int], idf: Sequence[float], ngram_range: tuple[int, int] = (1, 3)
) -> dict[str, tuple[int, float]]:
	"""The same row keyed by n-gram: n-gram → (column, value)."""
	terms: dict[str, tuple[int, float]] = {}
	for gram, count in Counter(char_wb_ngrams(text, ngram_range)).items():
		column = vocabulary.get(gram)
		if column is not None:
			terms[gram] = (column, (1.0 + math.log(count)) * idf[column])
	norm = math.sqrt(sum(value * value for _, value in terms.values()))
	if norm:
		terms = {gram: (column, value / norm) for gram, (column, value) in terms.items()}
	return terms
