import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def test_an_explicit_choice_wins_over_the_words():
	assert reply_language(explicit="zh", text="hello there") == "zh"
	assert reply_language(explicit="zh-TW", text="hello") == "zh"
	assert reply_language(explicit="en-US", text="快递没到", customer_language="zh") == "en"


def test_a_customer_created_the_erpnext_way_is_answered_in_the_language_they_write():
	# ERPNext gives every new Customer the site's default language: that is no choice of theirs.
	text = "包裹破损，等了三天才到，客服电话一直打不通，要求退款"
	assert reply_language(text=text, customer_language="en", site_default="en") == "zh"
	assert reply_language(text="The parcel is late", customer_language="zh", site_default="zh") == "en"


def test_without_words_a_customer_language_other_than_the_site_default_counts():
	assert reply_language(customer_language="zh", site_default="en") == "zh"
	assert reply_language(customer_language="en", site_default="en") == "en"
	assert reply_language(customer_language="en-GB", site_default="en-US") == "en"
	assert reply_language(customer_language="zh-CN", site_default="zh") == "zh"


def test_then_the_site_default_then_english():
	assert reply_language(site_default="zh-CN") == "zh"
	assert reply_language(site_default="de") == "en"
	assert reply_language(explicit="fr", text="12345", customer_language="de", site_default="fr") == "en"
	assert reply_language() == "en"


@given(
	st.sampled_from([None, "", "zh", "en", "zh-TW", "en-US", "fr", "de"]),
	st.sampled_from([None, "", "快递没到", "late again", "12345"]),
	st.sampled_from([None, "zh", "en", "fr"]),
	st.sampled_from([None, "zh", "en", "de"]),
)
def test_the_answer_is_always_a_supported_language_and_an_explicit_one_is_kept(
	explicit, text, customer, site
):
	chosen = reply_language(explicit=explicit, text=text, customer_language=customer, site_default=site)
	assert chosen in ("zh", "en")
	if explicit and explicit.split("-")[0] in ("zh", "en"):
		assert chosen == explicit.split("-")[0]
