import pytest

from feedback_loop.core.triage.text.keywords import MAX_KEYWORDS, extract_keywords
from feedback_loop.core.triage.text.normalise import normalise

ZH_REFUND = "我要求退款，快递把东西压坏了，包装破损严重"
EN_REFUND = "I want a refund because the blender arrived broken and the lid is cracked"
STOP_WORDS = {"the", "and", "a", "i", "is", "because", "was", "it", "了", "的", "把"}


def keywords(text, limit=MAX_KEYWORDS):
	return extract_keywords(normalise(text).text, limit)


@pytest.mark.parametrize(
	("text", "salient"),
	[
		(ZH_REFUND, "退款"),
		(ZH_REFUND, "破损"),
		(EN_REFUND, "refund"),
		(EN_REFUND, "blender"),
		("The courier left my parcel in the rain and the box was soaked", "parcel"),
		("客服态度极差，电话打了五次都没人接", "客服"),
	],
)
def test_salient_word_is_among_the_keywords(text, salient):
	assert salient in keywords(text)


@pytest.mark.parametrize("text", [ZH_REFUND, EN_REFUND, "The order was late and the refund never came"])
def test_at_most_limit_terms(text):
	assert 0 < len(keywords(text)) <= MAX_KEYWORDS
	assert len(keywords(text, 2)) <= 2
	assert len(keywords(text, 1)) == 1


@pytest.mark.parametrize("text", [EN_REFUND, "The order was late and the refund never came", ZH_REFUND])
def test_no_stop_words(text):
	assert not set(keywords(text, 10)) & STOP_WORDS


def test_stop_words_alone_give_nothing():
	assert keywords("the and the and the") == []


@pytest.mark.parametrize(
	"text", ["订单 12345 12345 12345 退款", "Order 2024 2024 2024 was late, refund 99 99 99 please"]
)
def test_no_digit_only_terms(text):
	terms = keywords(text, 10)
	assert terms
	assert not any(term.isdigit() for term in terms)


def test_keywords_are_distinct_and_come_from_the_text():
	text = normalise(EN_REFUND).text
	terms = extract_keywords(text)
	assert len(terms) == len(set(terms))
	assert all(term in text for term in terms)


def test_empty_text():
	assert extract_keywords("") == []
	assert keywords("!!!") == []


@pytest.mark.parametrize(
	"text", ["酒店还行..房间太小..早餐一般", "等了很久……非常失望", "late again!!! -- refund?"]
)
def test_punctuation_and_function_words_are_never_keywords(text):
	terms = keywords(text, 10)
	assert terms
	assert all(any(ch.isalpha() for ch in term) for term in terms), terms
	assert "非常" not in terms


def test_a_contraction_leaves_no_stump_among_the_keywords():
	terms = keywords("Don't buy this kettle, it doesn't boil and I won't use it", 10)
	assert "kettle" in terms
	assert not {"don", "doesn", "won", "t"} & set(terms)


def test_a_handle_is_no_keyword():
	assert "acmestore" not in keywords("@acmestore the kettle lid arrived dented", 10)
