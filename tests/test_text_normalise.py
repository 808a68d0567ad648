import pytest

from feedback_loop.core.triage.text.normalise import NormalisedText, normalise, text_language


def test_full_width_becomes_half_width_and_lower_case():
	assert normalise("ＡＢＣ１２３").text == "abc123"
	assert normalise("Ｒｅｆｕｎｄ　ｐｌｅａｓｅ").text == "refund please"


def test_traditional_chinese_becomes_simplified():
	assert normalise("客服態度極差").text == "客服态度极差"
	assert normalise("這個產品質量很差").text == "这个产品质量很差"


def test_latin_text_is_not_sent_through_the_chinese_converter():
	# Only text with Han characters is converted; English is only lower-cased.
	assert normalise("The Parcel Was Late").text == "the parcel was late"


@pytest.mark.parametrize(
	("text", "expected"),
	[
		("太差了！！！！", "太差了!!"),
		("什么？？？？？", "什么??"),
		("What!!!!!!", "what!!"),
		("Really??????", "really??"),
		("好吧。。。。", "好吧。。"),
		("~~~~", "~~"),
		("wait....", "wait.."),
		# Two marks keep the emphasis and stay as they are.
		("好！！", "好!!"),
		("no!!", "no!!"),
	],
)
def test_repeated_punctuation_collapses_to_two(text, expected):
	assert normalise(text).text == expected


def test_whitespace_is_collapsed_and_trimmed():
	assert normalise("  快递   没到 \n\t 怎么回事  ").text == "快递 没到 怎么回事"
	assert normalise(" The  box\n\nwas   empty ").text == "the box was empty"


def test_emoji_in_chinese_text_becomes_a_word_the_lexicon_knows():
	text = normalise("快递到了😡").text
	assert "生气" in text
	assert "😡" not in text
	assert "开心" in normalise("收到了😊").text
	assert "差评" in normalise("质量👎").text


def test_emoji_in_english_text_becomes_an_english_word():
	text = normalise("The parcel is late 😡").text
	assert "angry" in text
	assert "生气" not in text


def test_emoji_alone_is_left_as_it_is():
	# No words: nothing to analyse, and the vague check must see that there is no content.
	assert normalise("😡😡").text == "😡😡"


@pytest.mark.parametrize(
	("text", "expected"),
	[
		("送得很快，但是不好吃", "zh"),
		("客服態度極差", "zh"),
		("The parcel arrived late again", "en"),
		("ＡＢＣ１２３", "en"),
		("快递很慢 the delivery was late", "mixed"),
		("iPhone 屏幕碎了 but the screen is broken", "mixed"),
		# One English word in Chinese text is not a mixed text.
		("退款 please", "zh"),
		("iPhone 屏幕碎了", "zh"),
		("12345 !!!", None),
		("😡😡", None),
		("", None),
	],
)
def test_language(text, expected):
	assert normalise(text).language == expected
	# text_language reads normalised text (full-width letters are not Latin letters until NFKC).
	assert text_language(normalise(text).text) == expected


def test_none_and_empty_text():
	assert normalise(None) == NormalisedText(text="", language=None)
	assert normalise("") == NormalisedText(text="", language=None)
	assert normalise("   ") == NormalisedText(text="", language=None)


def test_language_is_detected_on_the_text_as_written():
	# The stored text keeps its script; language and analysis both see the same customer text.
	result = normalise("客服態度極差，我要退款！！！")
	assert result.language == "zh"
	assert result.text == "客服态度极差,我要退款!!"


def test_typographic_apostrophes_become_plain_ones():
	assert normalise("Doesn’t work, isn‘t it").text == "doesn't work, isn't it"
