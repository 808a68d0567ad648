"""SMS texts that fit the segment limit and what gateways answer; WeChat's answers and messages."""

import re
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_loop.core.messages.channels import Result
from feedback_loop.core.messages.sms import (
	GSM_7,
	UCS_2,
	encoding_of,
	fit_sms,
	gateway_outcome,
	segments,
	units,
)
from feedback_loop.core.messages.wechat import (
	read_answer,
	template_message,
	text_message,
	token_valid_until,
	within_service_window,
)

OPT_OUT = "回复TD退订"
LINK = "https://erp.example.com/feedback/survey/eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnopqrstuvwxyz0123456789"


def test_chinese_text_is_ucs2_with_70_units_to_one_sms():
	assert encoding_of("Your feedback FB1 is resolved") == GSM_7
	assert encoding_of("您的反馈已收到") == UCS_2
	assert segments("字" * 70) == 1
	assert segments("字" * 71) == 2
	assert segments("字" * 134) == 2
	assert segments("a" * 160) == 1
	# An emoji outside the Basic Multilingual Plane takes two UCS-2 units.
	assert units("好😀") == 3


def test_a_short_acknowledgement_goes_whole_with_the_opt_out_last():
	text = fit_sms(
		"您的反馈FB20261206001已收到，我们将于2026-12-08 18:00前回复。", opt_out=OPT_OUT, max_segments=1
	)
	assert text.parts == ("您的反馈FB20261206001已收到，我们将于2026-12-08 18:00前回复。 回复TD退订",)
	assert (text.segments, text.shortened) == (1, False)


def test_a_long_chinese_text_is_shortened_in_its_prose_keeping_number_link_and_opt_out():
	body = f"您好王先生，您的反馈FB20261206001（包裹破损，等了三天才到）已经处理完毕，请点击链接告诉我们问题是否已解决：{LINK}"
	text = fit_sms(body, opt_out=OPT_OUT, max_segments=2)
	(sms,) = text.parts
	assert text.shortened and text.segments == 2
	assert units(sms) <= 134
	assert "FB20261206001" in sms and LINK in sms and sms.endswith(OPT_OUT)
	assert "…" in sms


def test_an_english_text_is_shortened_with_dots_so_it_stays_gsm7():
	text = fit_sms("Please tell us whether it holds. " * 8, opt_out="Reply STOP to opt out", max_segments=1)
	(sms,) = text.parts
	assert encoding_of(sms) == GSM_7 and units(sms) <= 160 and "..." in sms


def test_separate_numbered_parts_for_gateways_that_do_not_join_long_texts():
	body = "您的反馈FB20261206001已处理完毕。" + "我们已经更换了快递公司并加强了包装。" * 3
	text = fit_sms(body, opt_out=OPT_OUT, max_segments=3, separate_parts=True)
	assert len(text.parts) >= 2 and not text.shortened
	assert all(units(p) <= 70 for p in text.parts)
	assert [p[:5] for p in text.parts] == [f"({i}/{len(text.parts)})" for i in range(1, len(text.parts) + 1)]
	assert text.parts[-1].endswith(OPT_OUT)
	assert "FB20261206001" in text.parts[0]


zh_words = st.text(alphabet="快递包裹破损等了三天客服电话打不通要求退款，。！", min_size=1, max_size=8)
atoms = st.one_of(zh_words, st.from_regex(r"FB2026[0-9]{7}", fullmatch=True), st.just(LINK), st.just(" "))


@given(st.lists(atoms, min_size=1, max_size=30), st.integers(1, 4), st.booleans())
def test_nothing_is_cut_inside_a_number_or_link_and_the_text_fits_when_it_can(pieces, max_segments, separate):
	body = "".join(pieces)
	text = fit_sms(body, opt_out=OPT_OUT, max_segments=max_segments, separate_parts=separate)
	joined = " ".join(text.parts)
	links = re.findall(r"https?://[!-~]+", body)
	for token in re.findall(r"https?://[!-~]+|FB2026[0-9]{7}", " ".join(body.split())):
		# Whole, or not there at all (a shortened prose may lose a number; a link never).
		assert token in joined or (not token.startswith("http") and text.shortened)
	if LINK in body:
		assert LINK in joined
	assert text.parts[-1].endswith(OPT_OUT)
	limit = 70 if separate else (70 if max_segments == 1 else 67 * max_segments)
	if sum(units(link) + 1 for link in links) + units(OPT_OUT) + 1 <= limit:
		assert all(units(p) <= limit for p in text.parts)


@pytest.mark.parametrize(
	("status", "body", "result"),
	[
		(200, '{"code": 0, "msg": "ok", "message_id": "m-1"}', Result.SENT),
		(200, "OK", Result.SENT),
		(200, '{"Code": "OK", "BizId": "9"}', Result.SENT),
		(200, '{"code": 4085, "msg": "签名不合法"}', Result.NEXT),
		(200, '{"status": "error", "message": "insufficient balance"}', Result.NEXT),
		(200, '{"success": false}', Result.NEXT),
		(200, "ERROR: invalid destination", Result.NEXT),
		(401, "unauthorised", Result.NEXT),
		(404, "", Result.NEXT),
		(429, "slow down", Result.RETRY),
		(503, "", Result.RETRY),
		(None, "Connection refused", Result.RETRY),
	],
)
def test_what_an_sms_gateway_answer_means(status, body, result):
	outcome = gateway_outcome(status, body)
	assert outcome.result is result
	assert outcome.reason or result is Result.SENT


def test_a_success_marker_decides_when_set_and_the_gateway_id_is_kept():
	assert gateway_outcome(200, "RESULT=QUEUED", success_marker="QUEUED").result is Result.SENT
	assert gateway_outcome(200, "RESULT=NOCREDIT", success_marker="QUEUED").result is Result.NEXT
	assert gateway_outcome(200, '{"code": 0, "message_id": "m-1"}').provider_id == "m-1"


@pytest.mark.parametrize(
	("answer", "result", "token"),
	[
		({"errcode": 0, "errmsg": "ok", "msgid": 200228332}, Result.SENT, False),
		({"errcode": 42001, "errmsg": "access_token expired"}, Result.RETRY, True),
		({"errcode": 40001, "errmsg": "invalid credential"}, Result.RETRY, True),
		({"errcode": 45009, "errmsg": "reach max api daily quota limit"}, Result.RETRY, False),
		({"errcode": -1, "errmsg": "system error"}, Result.RETRY, False),
		({"errcode": 40003, "errmsg": "invalid openid"}, Result.NEXT, False),
		({"errcode": 40125, "errmsg": "invalid appsecret"}, Result.NEXT, False),
		({"errcode": 45015, "errmsg": "response out of time limit"}, Result.NEXT, False),
		({"errcode": 99999, "errmsg": "something new"}, Result.NEXT, False),
	],
)
def test_what_a_wechat_answer_means(answer, result, token):
	read = read_answer(answer)
	assert read.outcome.result is result
	assert read.token_expired is token
	if result is not Result.SENT:
		assert str(answer["errcode"]) in read.outcome.reason


def test_no_answer_from_wechat_is_passing_and_the_message_id_is_kept():
	assert read_answer(None, None).outcome.result is Result.RETRY
	assert read_answer({}, 502).outcome.result is Result.RETRY
	assert read_answer({"errcode": 0, "msgid": 7}).outcome.provider_id == "7"
	assert read_answer({"errcode": 45015}).outside_window


def test_tokens_are_reused_until_shortly_before_they_expire():
	fetched = datetime(2026, 12, 7, 10, 0)
	assert token_valid_until(fetched, 7200) == fetched + timedelta(seconds=6900)
	assert token_valid_until(fetched, None) == fetched + timedelta(seconds=6900)
	assert token_valid_until(fetched, 100) == fetched + timedelta(seconds=60)


def test_free_text_only_within_48_hours_of_the_user_s_last_message():
	now = datetime(2026, 12, 7, 10, 0)
	assert within_service_window(now - timedelta(hours=47), now)
	assert not within_service_window(now - timedelta(hours=48), now)
	assert not within_service_window(None, now)


def test_the_message_bodies_wechat_documents():
	assert text_message("o1", "您好") == {"touser": "o1", "msgtype": "text", "text": {"content": "您好"}}
	body = template_message(
		"o1", "T1", title="反馈已处理", number="FB1", when="2026-12-07", text="谢谢", url=LINK
	)
	assert body["template_id"] == "T1" and body["url"] == LINK
	assert body["data"]["keyword1"] == {"value": "FB1"}
