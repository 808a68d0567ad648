import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.privacy.masking import (
	EMAIL_PLACEHOLDER,
	PHONE_PLACEHOLDER,
	REDACTED,
	mask_email,
	mask_phone,
	scrub_names,
	scrub_text,
)


@pytest.mark.parametrize(
	"address, masked",
	[
		("zhang.san@company.com", "z***@company.com"),
		("li@x.cn", "l***@x.cn"),
		("  Wang@Example.COM ", "W***@Example.COM"),
		("not-an-address", "***"),
		("", ""),
		(None, ""),
	],
)
def test_mask_email(address, masked):
	assert mask_email(address) == masked


@pytest.mark.parametrize(
	"number, masked",
	[
		("13812345678", "138****5678"),
		("138 1234 5678", "138****5678"),
		("+86 138 1234 5678", "+86138****5678"),
		("010-6552 9988", "010****9988"),
		("6552 9988", "65****88"),
		("12345", "****"),
		("", ""),
		(None, ""),
	],
)
def test_mask_phone(number, masked):
	assert mask_phone(number) == masked


@given(st.text(alphabet="0123456789 +-", min_size=7, max_size=20))
def test_a_masked_phone_always_hides_digits(number):
	digits = [c for c in number if c.isdigit()]
	shown = [c for c in mask_phone(number) if c.isdigit()]
	if len(digits) >= 7:
		assert len(digits) - len(shown) >= 3
		assert "****" in mask_phone(number)
	else:
		assert shown == []


def test_scrub_text_removes_addresses_and_numbers_but_keeps_the_rest():
	text = "请联系我 13812345678 或 zhang.san@company.com，订单 SO-2026-00042 于 2026-11-20 送达，数量 3。Call +86 138 0013 8000."
	scrubbed = scrub_text(text)
	assert "13812345678" not in scrubbed and "zhang.san" not in scrubbed and "0013" not in scrubbed
	assert scrubbed.count(PHONE_PLACEHOLDER) == 2 and EMAIL_PLACEHOLDER in scrubbed
	assert "SO-2026-00042" in scrubbed and "2026-11-20" in scrubbed and "数量 3" in scrubbed


def test_scrub_text_of_nothing():
	assert scrub_text("") == "" and scrub_text(None) == ""


def test_scrub_names():
	assert scrub_names("王伟说：王伟的杯子碎了", ["王伟", "", "x"]) == f"{REDACTED}说：{REDACTED}的杯子碎了"
	assert scrub_names("Li Na and Li", ["Li", "Li Na"]) == f"{REDACTED} and {REDACTED}"


def test_a_promised_reply_moment_is_a_date_not_a_phone_number():
	# The acknowledgement says "We will reply by 2026-12-08 18:00": anonymised, it must still say so.
	assert scrub_text("We will reply by 2026-12-08 18:00.") == "We will reply by 2026-12-08 18:00."
	assert scrub_text("我们将于 2026-12-08 18:00:00 前回复，电话 138 0013 8000") == (
		"我们将于 2026-12-08 18:00:00 前回复，电话 [phone]"
	)
