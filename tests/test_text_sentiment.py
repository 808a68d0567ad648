import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text.en_sentiment import _contrast
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.sentiment import (
	MAX_CUES,
	NEUTRAL_BAND,
	SentimentAnalyser,
	_rescale,
	label_of,
)
from feedback_loop.core.triage.text.zh_sentiment import clauses

# Loading jieba, SnowNLP's model and VADER costs about a second: once for the whole module.
ANALYSER = SentimentAnalyser()
ANALYSER.analyse(normalise("预热一下"))


def analyse(text):
	return ANALYSER.analyse(normalise(text))


def cue_texts(result):
	return [text for text, _value in result.cues]


def cue_value(result, text):
	values = [value for cue, value in result.cues if cue == text]
	assert values, f"{text!r} not among the cues {result.cues}"
	return values[0]


# Chinese


def test_zh_contrast_makes_the_clause_after_but_count_most():
	result = analyse("送得很快，但是不好吃")
	assert result.label is Sentiment.NEGATIVE
	assert result.score < 0
	assert cue_value(result, "不好吃") < 0
	assert cue_value(result, "很快") > 0
	# The clause after 但是 counts 1.5×, the one before it 0.5×.
	assert abs(cue_value(result, "不好吃")) > abs(cue_value(result, "很快"))


def test_zh_and_keeps_both_clauses_positive():
	result = analyse("送得很快，而且好吃")
	assert result.label is Sentiment.POSITIVE
	assert result.score > 0
	assert {"很快", "好吃"} <= set(cue_texts(result))


def test_zh_contrast_in_the_other_direction():
	assert analyse("不好吃，但是送得很快").label is Sentiment.POSITIVE


def test_zh_an_overall_verdict_outweighs_the_faults_listed_before_it():
	# 总的来说 / 总之 sum up, as 但是 turns: the clause after them decides.
	assert analyse("房间有点小，早餐一般，总的来说还不错").label is Sentiment.POSITIVE
	assert analyse("物流很快，包装也好，总之很失望").label is Sentiment.NEGATIVE


def test_zh_contrast_without_punctuation():
	assert analyse("送得很快但是不好吃").label is Sentiment.NEGATIVE


def test_clause_weights():
	assert clauses("送得很快,但是不好吃") == [("送得很快", 0.5), ("但是不好吃", 1.5)]
	assert clauses("送得很快但是不好吃") == [("送得很快", 0.5), ("但是不好吃", 1.5)]
	assert clauses("送得很快,而且好吃") == [("送得很快", 1.0), ("而且好吃", 1.0)]
	# A concession counts half, and the contrast after it halves it again.
	assert clauses("虽然贵,但是好用") == [("虽然贵", 0.25), ("但是好用", 1.5)]
	assert clauses("") == []


def test_zh_negation_flips_the_cue_and_names_it():
	result = analyse("不是很好")
	assert result.score < 0
	assert result.label is Sentiment.NEGATIVE
	assert "不是很好" in cue_texts(result)
	assert cue_value(result, "不是很好") < 0
	# Without the negator the same cue is positive.
	assert analyse("东西很好，很满意").label is Sentiment.POSITIVE


def test_zh_degree_word_scales_the_cue():
	result = analyse("送得有点慢")
	assert cue_value(result, "有点慢") == pytest.approx(-0.7)
	assert result.score < 0


@pytest.mark.parametrize(
	("text", "cue"),
	[
		("客服态度极差", "态度极差"),
		("这个东西我要退款", "退款"),
		("收到的时候包装破损", "破损"),
		("等了三天才到", "等了三天"),
	],
)
def test_zh_complaint_cues(text, cue):
	result = analyse(text)
	assert result.label is Sentiment.NEGATIVE
	assert result.score < 0
	assert cue in cue_texts(result)
	assert cue_value(result, cue) < 0


def test_traditional_chinese_finds_the_simplified_cue():
	result = analyse("客服態度極差")
	assert result.label is Sentiment.NEGATIVE
	assert "态度极差" in cue_texts(result)


def test_angry_emoji_in_chinese_text_is_a_negative_cue():
	result = analyse("快递到了😡")
	assert "生气" in cue_texts(result)
	assert cue_value(result, "生气") < 0
	assert result.label is Sentiment.NEGATIVE


def test_zh_praise():
	result = analyse("质量很好，非常满意，下次还会再买")
	assert result.label is Sentiment.POSITIVE
	assert all(value > 0 for _cue, value in result.cues)


def test_extra_zh_cues_extend_the_lexicon():
	plain = SentimentAnalyser().analyse(normalise("这个耳机太拉胯"))
	assert "拉胯" not in " ".join(cue_texts(plain))
	extended = SentimentAnalyser(extra_zh_cues={"拉胯": -2.0}).analyse(normalise("这个耳机太拉胯"))
	assert "太拉胯" in cue_texts(extended)
	assert extended.label is Sentiment.NEGATIVE
	assert extended.score < plain.score


# English


def test_en_late_again_is_negative():
	result = analyse("The parcel arrived late again")
	assert result.label is Sentiment.NEGATIVE
	assert cue_value(result, "late") < 0
	assert cue_value(result, "late again") < 0


@pytest.mark.parametrize("text", ["I want a refund", "I am still waiting for my refund"])
def test_en_refund_is_negative(text):
	result = analyse(text)
	assert result.label is Sentiment.NEGATIVE
	assert cue_value(result, "refund") < 0


def test_en_praise():
	result = analyse("I love it, works great")
	assert result.label is Sentiment.POSITIVE
	assert "works great" in cue_texts(result)


def test_en_contrast_word_turns_the_sentence():
	assert analyse("The food was great, but the service was terrible").label is Sentiment.NEGATIVE
	assert analyse("The food was cold, but the service was great").label is Sentiment.POSITIVE
	assert analyse("The room was clean, however the staff were rude").label is Sentiment.NEGATIVE
	result = analyse("The food was great, but the service was terrible")
	# great is 3.1 in VADER's lexicon, terrible −2.1: halved before the turn, 1.5× after it.
	assert cue_value(result, "great") == pytest.approx(3.1 * 0.5)
	assert cue_value(result, "terrible") == pytest.approx(-2.1 * 1.5)


def test_en_phrase_cue_before_the_contrast_word_is_weighed_down_too():
	result = analyse("Great service, but the food was terrible")
	assert cue_value(result, "great service") == pytest.approx(0.5)
	assert result.label is Sentiment.NEGATIVE


def test_contrast_weighs_before_half_and_after_one_and_a_half():
	words = ["Great", "service", "but", "the", "food", "was", "cold"]
	assert _contrast(words, [3.1, 0, 0, 0, 0, 0, -0.4]) == pytest.approx([1.55, 0, 0, 0, 0, 0, -0.6])


def test_contrast_uses_the_last_contrast_word():
	words = ["good", "but", "ok", "however", "bad"]
	assert _contrast(words, [2.0, 0, 1.0, 0, -2.0]) == pytest.approx([1.0, 0, 0.5, 0, -3.0])


@pytest.mark.parametrize(
	"word", ["but", "BUT", "However", "unfortunately", "except", "sadly", "yet", "Overall"]
)
def test_contrast_words(word):
	assert _contrast(["nice", word, "broken"], [2.0, 0, -2.0]) == pytest.approx([1.0, 0, -3.0])


def test_contrast_word_itself_keeps_its_valence():
	assert _contrast(["good", "unfortunately", "late"], [2.0, -1.0, -1.0]) == pytest.approx([1.0, -1.0, -1.5])


def test_no_contrast_or_contrast_as_first_word_changes_nothing():
	assert _contrast(["good", "and", "bad"], [2.0, 0, -2.0]) == [2.0, 0, -2.0]
	assert _contrast(["but", "great"], [0, 2.0]) == [0, 2.0]
	assert _contrast([], []) == []


def test_extra_en_cues_extend_the_lexicon():
	assert analyse("the courier was grumpy").score > -0.3
	extended = SentimentAnalyser(extra_en_cues={"grumpy": -3.0}).analyse(normalise("the courier was grumpy"))
	assert extended.label is Sentiment.NEGATIVE
	assert cue_value(extended, "grumpy") < 0


# Both languages


def test_mixed_text_averages_both_analyses_and_keeps_both_cues():
	result = analyse("快递很慢 the delivery was late")
	assert normalise("快递很慢 the delivery was late").language == "mixed"
	assert result.label is Sentiment.NEGATIVE
	assert {"很慢", "late"} <= set(cue_texts(result))


@pytest.mark.parametrize("text", ["", "12345", "!!!", "😡"])
def test_text_without_words_is_neutral(text):
	result = analyse(text)
	assert result.label is Sentiment.NEUTRAL
	assert result.score == 0.0
	assert result.cues == ()


def test_cues_are_strongest_first_and_capped():
	result = analyse("太差了，很失望，垃圾，骗子，假货，态度恶劣，难吃，变质，过期，恶心，后悔，退款")
	assert 0 < len(result.cues) <= MAX_CUES
	strengths = [abs(value) for _cue, value in result.cues]
	assert strengths == sorted(strengths, reverse=True)


def test_label_of_band():
	assert label_of(NEUTRAL_BAND) is Sentiment.POSITIVE
	assert label_of(-NEUTRAL_BAND) is Sentiment.NEGATIVE
	assert label_of(NEUTRAL_BAND - 0.01) is Sentiment.NEUTRAL
	assert label_of(0.0) is Sentiment.NEUTRAL
	assert label_of(1.0) is Sentiment.POSITIVE
	assert label_of(-1.0) is Sentiment.NEGATIVE


def test_rescale_maps_the_band_and_keeps_the_ends():
	assert _rescale(0.0, 0.2) == 0.0
	assert _rescale(0.2, 0.2) == pytest.approx(NEUTRAL_BAND)
	assert _rescale(-0.2, 0.2) == pytest.approx(-NEUTRAL_BAND)
	assert _rescale(1.0, 0.2) == pytest.approx(1.0)
	assert _rescale(-1.0, 0.2) == pytest.approx(-1.0)
	assert _rescale(0.1, 0.2) == pytest.approx(NEUTRAL_BAND / 2)


_FEEDBACK_WORDS = ["great", "bad", "not", "but", "however", "late", "refund", "never", "very", "!!!"]
_FEEDBACK_CHARS = st.sampled_from(
	[*"不好很差极快慢但是而且虽然退款破损态度等了三天小时😡😊👍！？。，!?,. ", *_FEEDBACK_WORDS]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(_FEEDBACK_CHARS, max_size=60).map("".join)))
def test_score_always_within_bounds(text):
	result = ANALYSER.analyse(normalise(text))
	assert not math.isnan(result.score)
	assert -1.0 <= result.score <= 1.0
	assert result.label is label_of(result.score)
	assert len(result.cues) <= MAX_CUES


@pytest.mark.parametrize(
	"text, cue",
	[
		("The soup was cold. Not happy.", "not happy"),
		("The courier was fast, but the soup was not good at all", "not good"),
		("It isn't really helpful", "isn't really helpful"),
	],
)
def test_en_negated_cue_is_shown_with_its_negation(text, cue):
	result = analyse(text)
	assert cue_value(result, cue) < 0
	assert result.label is Sentiment.NEGATIVE


def test_en_negated_phrase_counts_against():
	result = analyse("The place was clean but the food simply wasn't worth it.")
	assert cue_value(result, "wasn't worth it") < 0
	assert result.label is Sentiment.NEGATIVE


@pytest.mark.parametrize("text", ["Will order from them again!", "We would definitely come here again."])
def test_en_coming_back_is_praise(text):
	assert analyse(text).label is Sentiment.POSITIVE


@pytest.mark.parametrize("text", ["I will never order from them again.", "We won't be back again."])
def test_en_not_coming_back_is_a_complaint(text):
	assert analyse(text).label is Sentiment.NEGATIVE


def test_en_a_phrase_found_twice_is_weighed_from_its_own_valence_each_time():
	result = analyse("It works great, but honestly it works great")
	# works great is 2.0: halved before the turn (1.0), 1.5× after it (3.0), not 1.5× the
	# halved value (1.5); the record shows the phrase once, with both together.
	assert [value for cue, value in result.cues if cue == "works great"] == [4.0]


def test_a_cue_said_twice_is_shown_once_with_its_total():
	result = analyse("有问题，又出问题了")
	assert [cue for cue, _value in result.cues].count("问题") == 1
	single = dict(analyse("有问题").cues)["问题"]
	assert dict(result.cues)["问题"] == pytest.approx(2 * single)


@pytest.mark.parametrize(
	"text, label",
	[
		("I will definitely be going back.", Sentiment.POSITIVE),
		("Sadly this dress is going back.", Sentiment.NEGATIVE),
		("It arrived broken so I sent it back", Sentiment.NEGATIVE),
	],
)
def test_en_going_back_to_a_place_is_praise_sending_goods_back_is_not(text, label):
	assert analyse(text).label is label


@pytest.mark.parametrize(
	"text", ["The app keeps crashing when I open the order page", "It froze twice today"]
)
def test_en_software_failures_are_complaints(text):
	assert analyse(text).label is Sentiment.NEGATIVE


@pytest.mark.parametrize(
	"text, idiom",
	[
		("Don't waste your money on this kettle.", "don't waste"),
		("Do not bother calling their hotline.", "do not bother"),
		("Don't buy this charger.", "don't buy"),
		("Do not be fooled by the photos.", "do not be fooled"),
		("Nothing happens when I press the button.", "nothing happens"),
		("None of the buttons work.", "none of the buttons work"),
		("Take your business elsewhere.", "business elsewhere"),
		("I've had better pizza from the freezer.", "'ve had better"),
		("The packing was careless at best.", "at best"),
		("The app takes forever to load.", "takes forever"),
		("I really wanted to love this blender.", "wanted to love"),
	],
)
def test_en_idioms_are_read_whole_so_a_negation_inside_does_not_turn_them_into_praise(text, idiom):
	result = analyse(text)
	assert result.label is Sentiment.NEGATIVE
	assert cue_value(result, idiom) < 0
	# The idiom's words are not read again on their own: "waste" negated had counted as praise.
	assert all(idiom not in cue and cue not in idiom for cue in cue_texts(result) if cue != idiom)


@pytest.mark.parametrize(
	"text",
	["I could not be happier with the new router.", "You can't go wrong with this one.", "No issues so far."],
)
def test_en_negated_idioms_of_praise_are_praise(text):
	assert analyse(text).label is Sentiment.POSITIVE


def test_en_an_idiom_after_the_turn_weighs_one_and_a_half():
	before = cue_value(analyse("Don't bother with it."), "don't bother")
	after = cue_value(analyse("The box looks nice, but don't bother with it."), "don't bother")
	assert after == pytest.approx(1.5 * before)


@pytest.mark.parametrize(
	"text",
	[
		"The delivery was slow and the box was filthy.",
		"The replacement is junk, a total nightmare to set up.",
		"The manual is lacking and the support is unreliable.",
		"The service was extremely slow.",
		"They forgot half of our order and the bread was burnt.",
		"The room was too noisy to sleep.",
		"We waited 40 minutes for the starter.",
		"It feels cheap.",
		"The hem frayed after one wash.",
		"The lid arrived dented and the paint is peeling.",
		"The yoghurt had expired.",
		"My ticket has been unanswered for a week.",
	],
)
def test_en_complaint_words_vader_lacks(text):
	assert analyse(text).label is Sentiment.NEGATIVE


def test_en_a_garment_called_a_top_is_no_praise():
	assert "tops" not in cue_texts(analyse("The tops arrived in a bag."))


@pytest.mark.parametrize("apostrophe", ["\u2019", "'"])
def test_en_a_typographic_apostrophe_negates_as_a_plain_one_does(apostrophe):
	assert analyse(f"It doesn{apostrophe}t work.").label is Sentiment.NEGATIVE
	assert analyse(f"The speaker doesn{apostrophe}t disappoint.").label is Sentiment.POSITIVE


@pytest.mark.parametrize(
	"text, sign",
	[
		("The fabric is soft and the colour is lovely, the buttons are nice. Overall, a disappointment.", -1),
		("Shipping was slow and the box was dented. Overall I am happy with it.", 1),
	],
)
def test_en_an_overall_verdict_weighs_as_a_turn(text, sign):
	# As 总的来说 does in Chinese: the verdict counts 1.5×, the details before it half.
	assert math.copysign(1, analyse(text).score) == sign
	assert analyse(text).label is not (Sentiment.POSITIVE if sign < 0 else Sentiment.NEUTRAL)


# A word read in another sense: no cue there, and still a cue where it means what the lexicon says.


@pytest.mark.parametrize(
	"text, char, elsewhere",
	[
		# 硬 (too hard, of a bed or a bun) is a complaint; 硬件 is hardware, 硬座 a hard seat class.
		("酒店的硬件很新", "硬", "床太硬了，睡不好"),
		("这台电脑的硬件配置", "硬", "床太硬了，睡不好"),
		("坐的是硬座", "硬", "床太硬了，睡不好"),
		# 牛 alone is slang praise (这软件很牛); in 牛奶, 牛肉 or a brand it is an ox.
		("蒙牛的牛奶", "牛", "这软件很牛"),
		("牛肉面", "牛", "这软件很牛"),
		("一本牛津词典", "牛", "这软件很牛"),
		("这条牛仔裤", "牛", "这软件很牛"),
	],
)
def test_zh_a_cue_inside_another_word_is_no_cue(text, char, elsewhere):
	assert not any(char in cue for cue in cue_texts(analyse(text)))
	assert any(char in cue for cue in cue_texts(analyse(elsewhere)))


@pytest.mark.parametrize(
	"text, word, elsewhere",
	[
		# 好 or "pretty" before a cue says how much, as 很 does.
		("这个价格好贵", "好", "这次的体验好，下次再来"),
		("The soup was pretty bland.", "pretty", "What a pretty dress."),
		# A handle names someone; without the @ the word is still VADER's.
		("@united my bag is lost again and nobody answers", "united", "We stood united against the delay"),
		# Thanks beside a complaint is courtesy or sarcasm.
		(
			"Thanks for the canned response, my bag is still lost.",
			"thanks",
			"Thanks for sorting out my booking so quickly",
		),
	],
)
def test_a_word_in_another_sense_is_no_cue_in_a_complaint(text, word, elsewhere):
	result = analyse(text)
	assert word not in cue_texts(result)
	assert result.label is Sentiment.NEGATIVE
	assert word in cue_texts(analyse(elsewhere))


def test_en_thanks_alone_is_praise():
	alone = analyse("Thanks for sorting out my booking so quickly")
	assert cue_value(alone, "thanks") > 0
	assert alone.label is Sentiment.POSITIVE
