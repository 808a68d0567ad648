"""One text's TF-IDF row, computed without scikit-learn, is scikit-learn's."""

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from feedback_loop.core.triage.text.char_ngrams import char_wb_ngrams, tfidf_row


@pytest.mark.parametrize(
	"text",
	["送得很快，但是不好吃", "ok 好的 a", "  两个   空格  ", "abc", "质量good!!", "x", ""],
)
def test_ngrams_are_scikit_learns_char_wb(text):
	analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False).build_analyzer()
	assert char_wb_ngrams(text) == analyzer(text)


def test_the_row_is_scikit_learns_transform():
	corpus = ["快递很快 包装完好", "快递太慢了 太慢了", "the lid cracked", "lid lid lid fine", "客服态度好"]
	vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True).fit(corpus)
	idf = vectorizer.idf_.tolist()
	for text in ("太慢了太慢了，快递", "the lid the lid", "没见过的字", "", "lid 快递"):
		expected = vectorizer.transform([text]).toarray()[0]
		columns, values = tfidf_row(text, vectorizer.vocabulary_, idf)
		row = [0.0] * len(idf)
		for column, value in zip(columns, values, strict=True):
			row[column] = value
		assert row == pytest.approx(list(expected), abs=1e-12)
