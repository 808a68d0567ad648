"""A reply time promised to a customer says which clock it is on ("2026-12-08 18:00 (UTC+08:00)")."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from feedback_loop.core.messages.moments import promised_moment, utc_offset
from feedback_loop.core.messages.sms import fit_sms
from feedback_loop.core.privacy.masking import scrub_text


def test_the_moment_carries_the_offset_of_its_own_time_zone():
	shanghai = datetime(2026, 12, 8, 18, 0, 41, tzinfo=ZoneInfo("Asia/Shanghai"))
	assert promised_moment(shanghai) == "2026-12-08 18:00 (UTC+08:00)"
	# Daylight saving shows: Berlin is UTC+01:00 in winter, UTC+02:00 in summer.
	assert promised_moment(datetime(2026, 1, 5, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))).endswith(
		"(UTC+01:00)"
	)
	assert promised_moment(datetime(2026, 7, 6, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))).endswith(
		"(UTC+02:00)"
	)
	assert promised_moment(datetime(2026, 7, 6, 9, 30, tzinfo=ZoneInfo("America/New_York"))).endswith(
		"(UTC-04:00)"
	)


def test_offsets_with_minutes_and_utc_itself():
	assert utc_offset(timedelta(hours=5, minutes=45)) == "UTC+05:45"
	assert utc_offset(timedelta(hours=-3, minutes=-30)) == "UTC-03:30"
	assert utc_offset(timedelta(0)) == "UTC+00:00"


def test_a_moment_without_a_time_zone_is_no_promise():
	with pytest.raises(ValueError):
		promised_moment(datetime(2026, 12, 8, 18, 0))


def test_anonymised_it_still_reads_as_a_moment_not_a_phone_number():
	text = "We will reply by 2026-12-08 18:00 (UTC+08:00)."
	assert scrub_text(text) == text


def test_the_chinese_acknowledgement_still_goes_in_one_sms():
	body = "您的反馈FB20261206001已收到，我们将于2026-12-08 18:00 (UTC+08:00)前回复。"
	text = fit_sms(body, opt_out="回复TD退订", max_segments=1)
	assert text.parts == (f"{body} 回复TD退订",)
	assert (text.segments, text.shortened) == (1, False)
