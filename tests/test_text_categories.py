import pickle

import pytest
import sklearn

from feedback_loop.core.triage.text.category_model import (
	MIN_EXAMPLES_PER_CATEGORY,
	CategoryModel,
	NotEnoughExamples,
	Prediction,
)
from feedback_loop.core.triage.text.category_names import name_evidence, name_terms, words_naming
from feedback_loop.core.triage.text.category_rules import (
	CategoryKeywords,
	RuleMatch,
	match_categories,
	parse_keywords,
)
from feedback_loop.core.triage.text.normalise import normalise

# Rules


def test_parse_keywords_splits_on_every_separator():
	assert parse_keywords("退款, refund，退钱、Delay;延误；晚点\n破损\n\nbroken") == (
		"退款",
		"refund",
		"退钱",
		"delay",
		"延误",
		"晚点",
		"破损",
		"broken",
	)


def test_parse_keywords_dedupes_lowercases_and_trims_across_lists():
	assert parse_keywords(" Refund ,REFUND", None, "refund、 退款 ", "", "退款") == ("refund", "退款")


def test_parse_keywords_keeps_phrases():
	assert parse_keywords("on hold, never arrived") == ("on hold", "never arrived")


def test_parse_keywords_of_nothing():
	assert parse_keywords() == ()
	assert parse_keywords(None, "", " , ;\n") == ()


def match(text, rules):
	return match_categories(normalise(text).text, rules)


def test_english_keywords_match_whole_words_only():
	rules = [CategoryKeywords("Phone queue", ("hold",))]
	assert match("The card holder broke", rules) is None
	assert match("They put me on HOLD for an hour", rules) == RuleMatch("Phone queue", ("hold",), 0.6)
	assert match("hold.", rules) is not None
	assert match("withhold", rules) is None


def test_english_phrase_keywords():
	rules = [CategoryKeywords("Lost", parse_keywords("never arrived"))]
	assert match("My parcel never arrived!", rules).matched == ("never arrived",)
	assert match("It arrived, never mind", rules) is None


def test_chinese_keywords_match_inside_words():
	rules = [CategoryKeywords("Quality", ("碎",))]
	assert match("屏幕碎了", rules).matched == ("碎",)
	assert match("手机屏幕破碎严重", rules).matched == ("碎",)
	assert match("屏幕很清晰", rules) is None


def test_rules_see_normalised_text():
	rules = [CategoryKeywords("Attitude", parse_keywords("态度极差, Rude"))]
	# Traditional characters and upper case still match.
	assert match("客服態度極差", rules).matched == ("态度极差",)
	assert match("The agent was RUDE", rules).matched == ("rude",)


def test_more_matches_win():
	rules = [
		CategoryKeywords("Logistics", parse_keywords("快递, 物流, parcel, courier")),
		CategoryKeywords("Quality", parse_keywords("破损, 碎, broken, cracked")),
	]
	assert match("快递到了，屏幕碎了，外壳也破损了", rules).category == "Quality"
	assert match("快递到了，物流太慢，屏幕碎了", rules).category == "Logistics"
	assert match("The courier dropped the parcel and the lid is cracked", rules).category == "Logistics"
	assert match("The parcel came broken and cracked", rules).category == "Quality"


def test_depth_breaks_ties():
	parent = CategoryKeywords("Logistics", ("快递", "late"), 0)
	child = CategoryKeywords("Logistics > Late", ("晚点", "late"), 1)
	assert match("快递晚点了", [parent, child]).category == "Logistics > Late"
	assert match("快递晚点了", [child, parent]).category == "Logistics > Late"
	assert match("the parcel is late", [parent, child]).category == "Logistics > Late"
	# More matches still beat depth.
	assert match("快递晚点了, late", [parent, child]).category == "Logistics > Late"
	assert match("快递 late", [parent, CategoryKeywords("Late", ("late",), 1)]).category == "Logistics"


def test_a_full_tie_goes_to_the_first_rule():
	rules = [CategoryKeywords("A", ("退款",)), CategoryKeywords("B", ("退款",))]
	assert match("我要退款", rules).category == "A"


@pytest.mark.parametrize(
	("text", "matched", "confidence"),
	[
		("快递", ("快递",), 0.6),
		("快递 物流", ("快递", "物流"), 0.8),
		("快递 物流 parcel", ("快递", "物流", "parcel"), 0.9),
		("快递 物流 parcel courier", ("快递", "物流", "parcel", "courier"), 0.95),
	],
)
def test_confidence_grows_with_distinct_matches(text, matched, confidence):
	rules = [CategoryKeywords("Logistics", parse_keywords("快递, 物流, parcel, courier"))]
	result = match(text, rules)
	assert result.matched == matched
	assert result.confidence == pytest.approx(confidence)


def test_a_keyword_said_twice_counts_once():
	rules = [CategoryKeywords("Logistics", ("快递",))]
	assert match("快递快递快递", rules).confidence == pytest.approx(0.6)


def test_nothing_matches():
	rules = [CategoryKeywords("Logistics", ("快递", "parcel"))]
	assert match("客服态度很好", rules) is None
	assert match("Lovely staff", rules) is None
	assert match("", rules) is None
	assert match("快递", []) is None
	assert match("快递", [CategoryKeywords("Empty", ())]) is None


# Model

LOGISTICS = [
	"快递三天还没到",
	"物流太慢了，一直没有更新",
	"快递员送错地址了",
	"包裹延误了一个星期",
	"The parcel has not arrived after two weeks",
	"Tracking has not updated since Monday",
	"The courier left the package at the wrong address",
	"Shipping was delayed again",
]
DEFECT = [
	"手机屏幕有裂痕",
	"耳机左边没有声音",
	"电池充不进电",
	"收到的杯子有缺口",
	"The screen has a crack in the corner",
	"The kettle stopped heating after a day",
	"The zipper broke the first time I used it",
	"The battery will not charge at all",
]
ATTITUDE = [
	"客服态度很差，爱理不理",
	"店员说话很不礼貌",
	"售后人员一直敷衍我",
	"服务员对我大吼大叫",
	"The agent was rude and hung up on me",
	"The cashier shouted at me",
	"Support staff were dismissive and unhelpful",
	"The waiter ignored us and rolled his eyes",
]


def training_set(*groups):
	texts, categories = [], []
	for category, examples in groups:
		texts += [normalise(t).text for t in examples]
		categories += [category] * len(examples)
	return texts, categories


@pytest.fixture(scope="module")
def model():
	texts, categories = training_set(("Logistics", LOGISTICS), ("Defect", DEFECT), ("Attitude", ATTITUDE))
	return CategoryModel.train(texts, categories)


def predict(model, text):
	return model.predict(normalise(text).text)


@pytest.mark.parametrize(
	("text", "category"),
	[
		("快递一直没到，物流也不更新", "Logistics"),
		("屏幕裂了，充不进电", "Defect"),
		("客服态度恶劣，一直敷衍", "Attitude"),
		("My parcel still has not arrived", "Logistics"),
		("The lid has a crack and it stopped heating", "Defect"),
		("The agent was rude to me", "Attitude"),
	],
)
def test_model_predicts_unseen_similar_text(model, text, category):
	prediction = predict(model, text)
	assert isinstance(prediction, Prediction)
	assert prediction.category == category
	assert 1 / 3 < prediction.confidence <= 1


def test_model_knows_its_categories_and_examples(model):
	assert sorted(model.categories) == ["Attitude", "Defect", "Logistics"]
	assert model.examples == 24
	assert model.sklearn_version == sklearn.__version__


@pytest.mark.parametrize("text", ["", "完全无关的一句话", "hello"])
def test_confidence_is_a_probability(model, text):
	confidence = predict(model, text).confidence
	assert 0 < confidence <= 1


def test_categories_with_too_few_examples_are_dropped():
	texts, categories = training_set(
		("Logistics", LOGISTICS),
		("Defect", DEFECT),
		("Billing", ["多扣了我一笔钱", "I was charged twice"][: MIN_EXAMPLES_PER_CATEGORY - 1]),
	)
	model = CategoryModel.train(texts, categories)
	assert sorted(model.categories) == ["Defect", "Logistics"]
	assert model.examples == len(LOGISTICS) + len(DEFECT)
	assert predict(model, "I was charged twice").category != "Billing"


def test_exactly_the_minimum_is_enough():
	texts, categories = training_set(
		("Logistics", LOGISTICS[:MIN_EXAMPLES_PER_CATEGORY]), ("Defect", DEFECT[:MIN_EXAMPLES_PER_CATEGORY])
	)
	assert sorted(CategoryModel.train(texts, categories).categories) == ["Defect", "Logistics"]


@pytest.mark.parametrize(
	"groups",
	[
		[],
		[("Logistics", LOGISTICS)],
		[("Logistics", LOGISTICS), ("Defect", DEFECT[: MIN_EXAMPLES_PER_CATEGORY - 1])],
		[("Logistics", LOGISTICS[:2]), ("Defect", DEFECT[:2]), ("Attitude", ATTITUDE[:2])],
	],
)
def test_not_enough_examples(groups):
	texts, categories = training_set(*groups)
	with pytest.raises(NotEnoughExamples):
		CategoryModel.train(texts, categories)
	assert issubclass(NotEnoughExamples, ValueError)


def test_dumps_loads_round_trip(model):
	loaded = CategoryModel.loads(model.dumps())
	assert isinstance(loaded, CategoryModel)
	assert loaded.categories == model.categories
	assert loaded.examples == model.examples
	for text in ["快递一直没到", "The agent was rude to me", "屏幕裂了"]:
		assert predict(loaded, text) == predict(model, text)


def test_loads_refuses_a_model_from_another_sklearn():
	texts, categories = training_set(("Logistics", LOGISTICS), ("Defect", DEFECT))
	model = CategoryModel.train(texts, categories)
	model.sklearn_version = "0.0.1"
	assert CategoryModel.loads(model.dumps()) is None


def test_loads_refuses_something_that_is_not_a_model():
	assert CategoryModel.loads(pickle.dumps({"not": "a model"})) is None


@pytest.mark.parametrize(
	("text", "category", "expected"),
	[
		("快递一直没到，物流也不更新", "Logistics", {"快递", "物流"}),
		("客服态度恶劣，一直敷衍", "Attitude", {"客服", "敷衍"}),
		("The lid has a crack and it stopped heating", "Defect", {"crack", "heating", "stopped"}),
		("The agent was rude to me", "Attitude", {"rude", "agent"}),
	],
)
def test_the_model_names_the_words_that_decided(model, text, category, expected):
	normalised = normalise(text).text
	evidence = model.explain(normalised, category)
	assert 0 < len(evidence) <= 3
	assert set(evidence) & expected
	# Whole words of the text, never a fragment ("ate" of "late") or a stop word ("the", "to").
	words = set(normalised.replace("，", " ").split()) | {w for w in expected if w in normalised}
	assert all(word in normalised for word in evidence)
	assert not set(evidence) & {"the", "to", "me", "has", "and", "it"}
	assert all(word in words or any("\u4e00" <= ch <= "\u9fff" for ch in word) for word in evidence)


def test_no_words_speak_for_a_category_the_text_is_not_about(model):
	assert model.explain(normalise("客服态度恶劣，一直敷衍").text, "Defect") == ()
	assert model.explain(normalise("anything").text, "No Such Category") == ()


def test_two_category_model_explains_both_ways():
	texts, categories = training_set(("Logistics", LOGISTICS), ("Defect", DEFECT))
	two = CategoryModel.train(texts, categories)
	assert set(two.explain(normalise("The screen has a crack").text, "Defect")) == {"screen", "crack"}
	assert two.explain(normalise("The screen has a crack").text, "Logistics") == ()
	assert "快递" in two.explain(normalise("快递一直没到").text, "Logistics")


def test_a_stored_model_explains_after_loading(model):
	text = normalise("The agent was rude to me").text
	before = model.explain(text, "Attitude")
	loaded = CategoryModel.loads(model.dumps())
	assert "_names" not in pickle.loads(model.dumps()).__dict__
	assert loaded.explain(text, "Attitude") == before


# A category's own name as evidence


def test_name_terms_stem_english_words_and_keep_chinese_names_whole():
	assert name_terms(["Late Flight"]) == (("late", "fligh"),)
	# Stop words and short words say nothing of the category.
	assert name_terms(["Problems with the Delivery of an Order"]) == (("probl", "deliv", "order"),)
	assert name_terms(["Delivery Delay", "配送延迟"]) == (("deliv", "delay"), ("配送延迟",))
	assert name_terms(["Payday/title/personal loan"]) == (("payda", "title", "perso", "loan"),)


def test_name_terms_skip_empty_and_repeated_names():
	assert name_terms(["", None, "of the", "Delay", "delay"]) == (("delay",),)
	assert name_terms([]) == ()


def test_a_catch_all_name_is_no_evidence():
	# "其他都好" (the rest is fine) is not about the category Other.
	assert name_terms(["Other", "其他"]) == ()
	assert name_terms(["Other Issues", "其他问题"]) == (("issue",), ("其他问题",))


def test_name_evidence_is_the_share_of_the_best_matching_name():
	terms = name_terms(["Delivery Delay", "配送延迟"])
	assert name_evidence("my delivery was delayed", terms) == 1.0
	assert name_evidence("the delivery came", terms) == 0.5
	assert name_evidence("配送延迟三天", terms) == 1.0
	assert name_evidence("配送很快", terms) == 0.0
	assert name_evidence("anything", ()) == 0.0


def test_words_naming_are_the_words_of_the_text():
	terms = name_terms(["Delivery Delay", "配送延迟"])
	assert words_naming("deliveries were delayed", terms) == ("deliveries", "delayed")
	assert words_naming("又是配送延迟", terms) == ("配送延迟",)
	assert words_naming("on time", terms) == ()


def test_a_category_named_in_the_text_gains_probability(model):
	text = normalise("A question about the attitude of your staff").text
	classes = list(model.pipeline.classes_)
	without = model.pipeline.predict_proba([text])[0][classes.index("Attitude")]
	prediction = model.predict(text)
	assert prediction.category == "Attitude"
	assert prediction.confidence > without + 0.2
	assert model.explain(text, "Attitude")[0] == "attitude"


def test_a_chinese_name_counts_for_its_category():
	texts, categories = training_set(("Logistics", LOGISTICS), ("Defect", DEFECT), ("Attitude", ATTITUDE))
	named = CategoryModel.train(texts, categories, {"Defect": ["质量瑕疵"], "Nowhere": ["无此类"]})
	assert named.category_names["Defect"] == (("defec",), ("质量瑕疵",))
	assert "Nowhere" not in named.category_names
	# No training text holds these characters: without its name the model leans elsewhere.
	text = normalise("这个质量瑕疵太明显").text
	assert named.pipeline.predict([text])[0] != "Defect"
	assert named.predict(text).category == "Defect"
	assert named.explain(text, "Defect")[0] == "质量瑕疵"


def test_a_name_shown_is_not_shown_again_in_part():
	texts, categories = training_set(("Logistics", LOGISTICS), ("Defect", DEFECT), ("Attitude", ATTITUDE))
	named = CategoryModel.train(texts, categories, {"Logistics": ["快递延误"]})
	evidence = named.explain(normalise("快递延误了，快递员也不接电话").text, "Logistics")
	assert evidence[0] == "快递延误"
	# 快递 weighs for Logistics on its own, but says nothing more than 快递延误 already does.
	assert "快递" not in evidence


def test_a_model_stored_before_names_predicts_as_it_did(model):
	text = normalise("A question about the attitude of your staff").text
	old = CategoryModel.loads(model.dumps())
	del old.category_names
	probabilities = model.pipeline.predict_proba([text])[0]
	assert old.predict(text).confidence == pytest.approx(probabilities.max())


@pytest.mark.parametrize("groups", [3, 2])
def test_the_quick_probabilities_are_scikit_learns(groups):
	# predict() skips scikit-learn's input checks; what it computes must stay predict_proba.
	kinds = (("Logistics", LOGISTICS), ("Defect", DEFECT), ("Attitude", ATTITUDE))[:groups]
	texts, categories = training_set(*kinds)
	trained = CategoryModel.train(texts, categories)
	for text in ("快递一直没到", "The lid has a crack", "客服态度恶劣", "nothing in common", ""):
		row = trained._features(normalise(text).text)
		expected = trained.pipeline.predict_proba([normalise(text).text])[0]
		assert trained._probabilities(row) == pytest.approx(expected, abs=1e-12)
