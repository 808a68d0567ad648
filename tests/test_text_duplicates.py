import pytest

from feedback_loop.core.triage.text.duplicates import (
	DEFAULT_SIMILARITY,
	DuplicateMatch,
	comparable,
	find_duplicate,
	find_duplicate_key,
	similarity,
)
from feedback_loop.core.triage.text.normalise import normalise


def n(text):
	return normalise(text).text


EARLIER = {
	"FB-0001": n("收到的手机屏幕碎了，要求换货"),
	"FB-0002": n("快递员态度很差，把包裹扔在门口"),
	"FB-0003": n("The blender arrived with a cracked lid"),
	"FB-0004": n("I was charged twice for order 1234"),
}


@pytest.mark.parametrize(
	("text", "name"),
	[
		("收到的手机屏幕碎了，要求换货", "FB-0001"),
		("The blender arrived with a cracked lid", "FB-0003"),
	],
)
def test_identical_text_matches_fully(text, name):
	assert find_duplicate(n(text), EARLIER) == DuplicateMatch(name, 1.0)


@pytest.mark.parametrize(
	("text", "name"),
	[
		("手机收到时屏幕碎了，要求换货", "FB-0001"),
		("要求换货，收到的手机屏幕是碎的", "FB-0001"),
		("收到的手機屏幕碎了！！要求換貨", "FB-0001"),
		("My blender arrived with a cracked lid.", "FB-0003"),
		("the lid of the blender arrived cracked", "FB-0003"),
		("For order 1234 I was charged twice!", "FB-0004"),
	],
)
def test_reworded_same_complaint_matches(text, name):
	result = find_duplicate(n(text), EARLIER)
	assert result is not None
	assert result.name == name
	assert DEFAULT_SIMILARITY <= result.similarity <= 1.0


@pytest.mark.parametrize(
	"text",
	["今天天气很好", "客服回复很及时，谢谢", "I love this coffee", "The parcel never arrived", "碎了"],
)
def test_unrelated_text_does_not_match(text):
	assert find_duplicate(n(text), EARLIER) is None


@pytest.mark.parametrize(
	("short", "long"),
	[
		("不好用", "这个吸尘器不好用，吸力很弱，而且噪音特别大，用了两天就坏了"),
		("bad", "The vacuum is bad, the suction is weak and it broke after two days"),
	],
)
def test_short_generic_text_does_not_match_a_long_text_containing_it(short, long):
	assert find_duplicate(n(short), {"FB-long": n(long)}) is None
	# Token-set similarity alone would call them identical; the token-sort half keeps them apart.
	assert similarity(comparable(n(short)), comparable(n(long))) < DEFAULT_SIMILARITY * 100


def test_threshold_is_respected():
	text = n("手机收到时屏幕碎了，要求换货")
	found = find_duplicate(text, EARLIER)
	assert found is not None
	assert found.similarity < 1.0
	# The similarity is rounded to four places: just below it still matches, just above does not.
	assert find_duplicate(text, EARLIER, threshold=found.similarity - 0.0001) == found
	assert find_duplicate(text, EARLIER, threshold=found.similarity + 0.0001) is None
	assert find_duplicate(text, EARLIER, threshold=1.0) is None
	weaker = n("The parcel never arrived")
	assert find_duplicate(weaker, EARLIER) is None
	assert find_duplicate(weaker, EARLIER, threshold=0.3) is not None


def test_best_of_several_candidates_wins():
	candidates = {
		"FB-1": n("收到手机屏幕碎了"),
		"FB-2": n("手机屏幕碎了，要求尽快换货"),
		"FB-3": n("手机屏幕碎了，要求换货"),
		"FB-4": n("The screen arrived cracked"),
	}
	assert find_duplicate(n("手机屏幕碎了，要求换货"), candidates) == DuplicateMatch("FB-3", 1.0)
	assert find_duplicate(n("手机屏幕碎了，要求尽快换货"), candidates).name == "FB-2"


def test_ties_go_to_the_earliest_candidate():
	same = n("The blender arrived with a cracked lid")
	assert find_duplicate(same, {"FB-7": same, "FB-3": same, "FB-9": same}).name == "FB-7"


def test_empty_inputs():
	assert find_duplicate("", EARLIER) is None
	assert find_duplicate(n("收到的手机屏幕碎了，要求换货"), {}) is None
	assert find_duplicate("", {}) is None
	assert find_duplicate(n("屏幕碎了"), {"FB-1": ""}) is None
	assert find_duplicate(n("屏幕碎了"), {"FB-1": n("!!")}) is None


@pytest.mark.parametrize(
	("text", "earlier"),
	[("!!", "????"), ("😡", "!!!"), ("the and it", "is it the"), ("我的了", "是在")],
)
def test_texts_without_content_words_are_not_duplicates_of_each_other(text, earlier):
	# Nothing is left to compare once punctuation and stop words are gone.
	assert find_duplicate(n(text), {"FB-1": n(earlier)}) is None


def test_comparable_keeps_content_words_only():
	assert comparable(n("手机屏幕碎了，要求换货")).split() == ["手机", "屏幕", "碎", "要求", "换货"]
	assert comparable(n("The lid, cracked!")) == "lid cracked"
	assert comparable(n("!!")) == ""


def test_similarity_ignores_order():
	assert similarity("a b c", "c b a") == pytest.approx(100)
	assert similarity("屏幕 碎 了", "屏幕 碎 了") == pytest.approx(100)
	assert similarity("屏幕 碎", "退款 太慢") == pytest.approx(0, abs=30)


def test_stored_comparison_texts_give_the_same_answer():
	text = n("快递送来时外包装破损，杯子碎了，要求退款")
	keys = {name: comparable(t) for name, t in EARLIER.items()}
	assert find_duplicate_key(comparable(text), keys) == find_duplicate(text, EARLIER)
	assert find_duplicate_key("", keys) is None
