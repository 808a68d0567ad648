import pytest

from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.text.category_model import CategoryModel
from feedback_loop.core.triage.text.category_rules import CategoryKeywords, match_categories, parse_keywords
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.triage import (
	DEFAULT_CATEGORY_THRESHOLD,
	CategoryGuess,
	CategorySource,
	Triage,
	TriageConfig,
	Triager,
)
from feedback_loop.core.triage.text.vague import VagueReason

RULES = (
	CategoryKeywords("Logistics", parse_keywords("快递, 物流, parcel, courier")),
	CategoryKeywords("Defect", parse_keywords("屏幕, 裂, screen, broken, crack")),
)

TRAINING = {
	"Logistics": [
		"快递三天还没到",
		"物流太慢了，一直没有更新",
		"快递员送错地址了",
		"包裹延误了一个星期",
		"The parcel has not arrived after two weeks",
		"Tracking has not updated since Monday",
		"The courier left the package at the wrong address",
		"Shipping was delayed again",
	],
	"Defect": [
		"手机屏幕有裂痕",
		"耳机左边没有声音",
		"电池充不进电",
		"收到的杯子有缺口",
		"The screen has a crack in the corner",
		"The kettle stopped heating after a day",
		"The zipper broke the first time I used it",
		"The battery will not charge at all",
	],
	"Attitude": [
		"客服态度很差，爱理不理",
		"店员说话很不礼貌",
		"售后人员一直敷衍我",
		"服务员对我大吼大叫",
		"The agent was rude and hung up on me",
		"The cashier shouted at me",
		"Support staff were dismissive and unhelpful",
		"The waiter ignored us and rolled his eyes",
	],
}


@pytest.fixture(scope="module")
def model():
	texts = [normalise(t).text for examples in TRAINING.values() for t in examples]
	categories = [c for c, examples in TRAINING.items() for _t in examples]
	return CategoryModel.train(texts, categories)


@pytest.fixture(scope="module")
def rules_only():
	return Triager(rules=RULES)


@pytest.fixture(scope="module")
def rules_and_model(model):
	return Triager(rules=RULES, model=model)


@pytest.mark.parametrize("text", ["不好用", "真的太不好用了！！"])
def test_vague_chinese_text_gets_a_question_and_no_category(rules_and_model, text):
	result = rules_and_model.triage(text)
	assert isinstance(result, Triage)
	assert result.language == "zh"
	assert result.vagueness.reason is VagueReason.GENERIC
	assert result.category is None
	assert result.clarifying_question == "您提到的“不好用”是指功能无法使用，还是操作流程复杂？"
	assert result.sentiment.label is Sentiment.NEGATIVE


def test_vague_english_text_gets_an_english_question(rules_and_model):
	result = rules_and_model.triage("This is bad")
	assert result.language == "en"
	assert result.category is None
	assert result.clarifying_question.startswith("You mentioned “bad”")


def test_vague_text_with_a_keyword_still_gets_no_category(rules_and_model):
	# "快递" is a Logistics keyword, but two characters say nothing to act on.
	result = rules_and_model.triage("快递")
	assert result.vagueness is not None
	assert result.category is None
	assert match_categories("快递", RULES) is not None


def test_specific_chinese_complaint_end_to_end(rules_only):
	result = rules_only.triage("快递把手机屏幕摔裂了，我要退款！！！")
	assert result.language == "zh"
	assert result.normalised == "快递把手机屏幕摔裂了,我要退款!!"
	assert result.vagueness is None
	assert result.clarifying_question is None
	assert result.sentiment.label is Sentiment.NEGATIVE
	assert "退款" in [cue for cue, _value in result.sentiment.cues]
	assert "退款" in result.keywords
	assert result.category == CategoryGuess("Defect", 0.8, CategorySource.RULE, ("屏幕", "裂"), True)


def test_specific_english_complaint_end_to_end(rules_only):
	result = rules_only.triage("The courier dropped my parcel and now it is late again")
	assert result.language == "en"
	assert result.vagueness is None
	assert result.sentiment.label is Sentiment.NEGATIVE
	assert "parcel" in result.keywords
	assert result.category.category == "Logistics"
	assert result.category.source == CategorySource.RULE
	assert result.category.evidence == ("parcel", "courier")
	assert result.category.confident is True


def test_traditional_text_is_triaged_as_simplified(rules_only):
	result = rules_only.triage("快遞三天還沒到，物流也不更新")
	assert result.normalised == "快递三天还没到,物流也不更新"
	assert result.category.evidence == ("快递", "物流")


def test_one_keyword_rule_at_the_default_threshold_is_confident(rules_only):
	assert DEFAULT_CATEGORY_THRESHOLD == 0.6
	guess = rules_only.triage("收到的时候屏幕是黑的，开不了机").category
	assert guess.confidence == pytest.approx(0.6)
	assert guess.confident is True


def test_threshold_above_the_confidence_only_suggests():
	triager = Triager(TriageConfig(category_threshold=0.85), rules=RULES)
	two_keywords = triager.triage("快递三天还没到，物流也不更新").category
	assert two_keywords.category == "Logistics"
	assert two_keywords.confidence == pytest.approx(0.8)
	assert two_keywords.confident is False
	three_keywords = triager.triage("The screen is broken and has a crack").category
	assert three_keywords.category == "Defect"
	assert three_keywords.confidence == pytest.approx(0.9)
	assert three_keywords.confident is True


def test_rule_and_model_agreeing_raise_confidence(model, rules_only, rules_and_model):
	text = "快递三天还没到，物流也不更新"
	rule = rules_only.triage(text).category
	predicted = model.predict(normalise(text).text)
	assert predicted.category == "Logistics"
	both = rules_and_model.triage(text).category
	assert both.category == "Logistics"
	assert both.source == CategorySource.RULE
	assert both.evidence == ("快递", "物流")
	assert both.confidence > max(rule.confidence, predicted.confidence)
	assert both.confidence == pytest.approx(1 - (1 - rule.confidence) * (1 - predicted.confidence), abs=1e-4)
	assert both.confident is True


def test_agreement_can_cross_a_threshold_neither_reaches_alone(model):
	text = "快递三天还没到，物流也不更新"
	predicted = model.predict(normalise(text).text).confidence
	threshold = (max(0.8, predicted) + 1) / 2
	guess = (
		Triager(TriageConfig(category_threshold=threshold), rules=RULES, model=model).triage(text).category
	)
	assert guess.confidence >= threshold
	assert guess.confident is True
	assert (
		Triager(TriageConfig(category_threshold=threshold), rules=RULES).triage(text).category.confident
		is False
	)


@pytest.mark.parametrize("text", ["客服态度恶劣，一直敷衍我", "The agent was rude and shouted at me"])
def test_model_only_guess(model, text):
	guess = Triager(rules=RULES, model=model).triage(text).category
	assert match_categories(normalise(text).text, RULES) is None
	assert guess.category == "Attitude"
	assert guess.source == CategorySource.MODEL == "Model"
	# The words that weighed most, as written in the text.
	assert guess.evidence
	assert set(guess.evidence) & {"客服", "态度恶劣", "敷衍", "rude", "shouted", "agent"}
	assert all(word in normalise(text).text for word in guess.evidence)
	assert 0 < guess.confidence <= 1
	assert guess.confident is (guess.confidence >= DEFAULT_CATEGORY_THRESHOLD)


def test_model_guess_below_threshold_is_only_suggested(model):
	guess = (
		Triager(TriageConfig(category_threshold=0.999), model=model).triage("店员态度很差，不理人").category
	)
	assert guess.source == CategorySource.MODEL
	assert guess.confident is False


def test_more_confident_model_beats_a_one_keyword_rule_it_disagrees_with(model):
	# "屏幕" alone makes the rule say Defect at 0.6; the text is about the staff.
	text = "客服看了一眼屏幕就说不管，态度很差，一直敷衍我"
	rule = match_categories(normalise(text).text, RULES)
	predicted = model.predict(normalise(text).text)
	assert rule.category == "Defect"
	assert predicted.category == "Attitude"
	assert predicted.confidence > rule.confidence
	guess = Triager(rules=RULES, model=model).triage(text).category
	assert guess.category == "Attitude"
	assert guess.source == CategorySource.MODEL


def test_no_rules_and_no_model_gives_no_category():
	result = Triager().triage("The blender arrived broken and the lid is missing")
	assert result.vagueness is None
	assert result.category is None
	assert result.sentiment.label is Sentiment.NEGATIVE


def test_custom_vague_configuration():
	config = TriageConfig(vague_phrases=("不靠谱",), vague_min_length=2)
	triager = Triager(config)
	assert triager.triage("不靠谱").vagueness.reason is VagueReason.GENERIC
	assert triager.triage("不好用").vagueness is None


def test_extra_cues_reach_the_sentiment():
	plain = Triager().triage("这个耳机音质太拉胯了，戴着也不舒服")
	extended = Triager(TriageConfig(extra_zh_cues={"拉胯": -2.0})).triage(
		"这个耳机音质太拉胯了，戴着也不舒服"
	)
	assert extended.sentiment.score < plain.sentiment.score
	assert "太拉胯" in [cue for cue, _value in extended.sentiment.cues]
