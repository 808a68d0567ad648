import pytest

from feedback_loop.core.intake.key_facts import Fact, missing_facts
from feedback_loop.core.reports.channel_health import (
	ChannelCounts,
	Flag,
	channel_health,
	shown_channels,
)

WEEKS = ["2026-W45", "2026-W46", "2026-W47"]


def test_a_complaint_needs_who_what_and_which():
	assert missing_facts("Complaint", who=True, what=True, which=True) == ()
	assert missing_facts("Complaint", who=False, what=True, which=False) == (Fact.WHO, Fact.WHICH)
	# The default type's needs apply when the type is unknown.
	assert missing_facts(None, who=True, what=False, which=True) == (Fact.WHAT,)


@pytest.mark.parametrize(
	("feedback_type", "missing"),
	[("Inquiry", (Fact.WHO, Fact.WHAT)), ("Suggestion", (Fact.WHAT,)), ("Praise", (Fact.WHAT,))],
)
def test_other_types_need_less(feedback_type, missing):
	assert missing_facts(feedback_type, who=False, what=False, which=False) == missing


def test_silent_weeks_are_zeros_and_a_dominant_channel_is_flagged():
	rows = channel_health(
		["Phone", "WeChat", "Email"],
		WEEKS,
		{("Phone", "2026-W45"): 5, ("Phone", "2026-W47"): 4, ("WeChat", "2026-W46"): 1},
		{
			"Phone": ChannelCounts(total=9, complete=6, invalid=1, duplicate=2),
			"WeChat": ChannelCounts(total=1),
		},
		usual={"Phone": 50, "WeChat": 30, "Email": 20},
	)
	phone, wechat, email = rows
	assert (phone.channel, phone.weekly, phone.total) == ("Phone", (5, 0, 4), 9)
	assert phone.share == pytest.approx(0.9)
	assert phone.usual_share == pytest.approx(0.5)
	assert phone.flags == (Flag.DOMINANT,)
	assert (phone.complete, phone.invalid, phone.duplicate) == pytest.approx((6 / 9, 1 / 9, 2 / 9))
	# WeChat usually brings 30 %, now 10 %: low, but not under a tenth of usual.
	assert wechat.flags == ()
	# Email usually brings 20 % and now nothing: it went silent, and says so.
	assert (email.weekly, email.total, email.share, email.flags) == ((0, 0, 0), 0, 0.0, (Flag.FALLEN,))
	assert (email.complete, email.invalid, email.duplicate) == (None, None, None)


def test_just_under_a_tenth_of_usual_is_fallen_and_a_tenth_is_not():
	def fallen(count):
		rows = channel_health(
			["SMS", "Desk"],
			WEEKS,
			{},
			{"SMS": ChannelCounts(total=count), "Desk": ChannelCounts(total=1000 - count)},
			usual={"SMS": 500, "Desk": 500},
		)
		return Flag.FALLEN in next(r for r in rows if r.channel == "SMS").flags

	assert fallen(49)
	assert not fallen(50)


def test_an_empty_period_or_history_gives_no_shares_and_no_flags():
	(row,) = channel_health(["Portal"], WEEKS, {}, {}, usual={})
	assert (row.share, row.usual_share, row.flags) == (None, None, ())


def test_listed_channels_are_those_seen_unless_every_one_is_asked_for():
	known = ["Desk", "Phone", "Email", "SMS"]
	assert shown_channels(known, {"SMS", "Desk"}, every=False) == ["Desk", "SMS"]
	assert shown_channels(known, set(), every=True) == known
	# A channel a site renamed or added still shows.
	assert shown_channels(known, {"Kiosk"}, every=False) == ["Kiosk"]
