import pytest

from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.vague import (
	DEFAULT_MIN_LENGTH,
	Vagueness,
	VagueReason,
	check_vague,
	clarifying_question,
	generic_core,
)


def vague(text, **kwargs):
	return check_vague(normalise(text).text, **kwargs)


def question(text):
	normalised = normalise(text)
	vagueness = check_vague(normalised.text)
	assert vagueness is not None
	return clarifying_question(vagueness, normalised.language)


@pytest.mark.parametrize(
	("text", "phrase"),
	[
		("不好用", "不好用"),
		("真的太不好用了！！", "不好用"),
		("我觉得这个产品不好用啊", "不好用"),
		("不满意", "不满意"),
		("感觉很差", "差"),
		("bad", "bad"),
		("This is bad", "bad"),
		("Not good!!!", "not good"),
		("It's not working", "not working"),
		("really disappointed", "disappointed"),
	],
)
def test_generic_phrases(text, phrase):
	assert vague(text) == Vagueness(VagueReason.GENERIC, phrase)


@pytest.mark.parametrize("text", ["哈哈哈哈哈", "啊啊啊", "hahaha", "好好好好"])
def test_repeated_characters(text):
	assert vague(text) == Vagueness(VagueReason.REPEATED)


@pytest.mark.parametrize("text", ["????", "！！！", "...", "😡😡", "12345", "6666666", ""])
def test_no_content(text):
	assert vague(text) == Vagueness(VagueReason.NO_CONTENT)


@pytest.mark.parametrize("text", ["屏幕碎了", "ok", "bad box", "Late"])
def test_too_short(text):
	assert vague(text) == Vagueness(VagueReason.TOO_SHORT)


@pytest.mark.parametrize(
	"text",
	[
		"收到的手机屏幕碎了，要求换货",
		"快递员把包裹放在门口被偷了",
		"The blender arrived with a cracked lid",
		"My order #1234 was charged twice",
		# A generic word inside a specific complaint is not vague.
		"这个吸尘器不好用，吸力很弱，用了两天就坏了",
		"The app is bad: it crashes every time I open the camera",
	],
)
def test_specific_text_is_not_vague(text):
	assert vague(text) is None


def test_question_for_bu_hao_yong_is_the_specific_one():
	expected = "您提到的“不好用”是指功能无法使用，还是操作流程复杂？"
	assert question("不好用") == expected
	assert question("真的太不好用了！！") == expected


def test_question_for_other_chinese_phrases_names_the_phrase():
	text = question("不满意")
	assert "“不满意”" in text
	assert text.endswith("？")


def test_question_for_english_text_is_english():
	text = question("This is bad")
	assert "“bad”" in text
	assert "You mentioned" in text
	assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_question_for_not_working_is_the_specific_one():
	assert question("It's not working").startswith("You said it is not working")


@pytest.mark.parametrize(
	("text", "language"), [("屏幕碎了", "zh"), ("哈哈哈哈哈", "zh"), ("ok", "en"), ("hahaha", "en")]
)
def test_question_follows_the_text_language(text, language):
	text_question = question(text)
	has_han = any("\u4e00" <= ch <= "\u9fff" for ch in text_question)
	assert has_han is (language == "zh")


def test_question_without_language_is_english():
	assert question("????").startswith("We could not understand")


def test_mixed_text_gets_a_chinese_question():
	assert "“不好用”" in clarifying_question(Vagueness(VagueReason.GENERIC, "不好用"), "mixed")


def test_specific_chinese_question_is_not_used_for_english_text():
	# The phrase list is shared; an English reader gets the English template.
	text = clarifying_question(Vagueness(VagueReason.GENERIC, "不好用"), "en")
	assert text.startswith("You mentioned “不好用”")


def test_custom_phrases():
	assert vague("不靠谱", phrases=["不靠谱"]) == Vagueness(VagueReason.GENERIC, "不靠谱")
	assert vague("so meh", phrases=["Meh "]) == Vagueness(VagueReason.GENERIC, "meh")
	# Without the default list 不好用 is only short, not generic.
	assert vague("不好用", phrases=["垃圾"]) == Vagueness(VagueReason.TOO_SHORT)
	assert vague("不好用", phrases=[]) == Vagueness(VagueReason.TOO_SHORT)


def test_custom_min_length():
	assert DEFAULT_MIN_LENGTH == 6
	assert vague("屏幕碎了要换货") is None
	assert vague("屏幕碎了要换货", min_length=10) == Vagueness(VagueReason.TOO_SHORT)
	assert vague("屏幕碎了", min_length=4) is None
	assert vague("bad box", min_length=4) is None
	assert vague("The lid is cracked", min_length=20) == Vagueness(VagueReason.TOO_SHORT)


def test_generic_core():
	assert generic_core("真的太不好用了!") == "不好用"
	assert generic_core("我觉得这个产品不好用啊") == "不好用"
	assert generic_core("it's really not working") == "not working"
	# Never stripped to nothing.
	assert generic_core("好") == "好"
