import pytest

from feedback_loop.core.language import detect_language, reply_language


@pytest.mark.parametrize(
	("text", "expected"),
	[
		("送得很快，但是不好吃", "zh"),
		("iPhone 屏幕碎了", "zh"),
		("The parcel arrived late again", "en"),
		("退款 please", "zh"),
		("12345 !!!", None),
		("", None),
		(None, None),
	],
)
def test_detect_language(text, expected):
	assert detect_language(text) == expected


def test_customer_setting_wins_over_text():
	assert reply_language("zh", "hello there") == "zh"
	assert reply_language("zh-TW", "hello") == "zh"
	assert reply_language("en-US", "快递没到") == "en"


def test_falls_back_to_text_then_english():
	assert reply_language("fr", "快递没到") == "zh"
	assert reply_language(None, "late") == "en"
	assert reply_language(None, None) == "en"
