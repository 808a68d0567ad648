from feedback_loop.core.intake.rules import (
	CHANNELS,
	MAX_DESCRIPTION_CHARS,
	IntakeProblem,
	check_classification,
	check_party,
	check_text,
	subject_from_description,
)


def party(**kw):
	args = dict(has_customer=False, anonymous=False, channel="Desk", anonymous_allowed=True, has_sender=True)
	args.update(kw)
	return check_party(**args)


def test_customer_is_required_except_anonymous_web_feedback():
	assert party(has_customer=True) == []
	assert party() == [IntakeProblem.CUSTOMER_REQUIRED]
	assert party(anonymous=True, channel="Web") == []
	assert party(anonymous=True, channel="Desk") == [IntakeProblem.ANONYMOUS_NOT_ALLOWED]
	assert party(anonymous=True, channel="Web", anonymous_allowed=False) == [
		IntakeProblem.ANONYMOUS_NOT_ALLOWED
	]
	assert party(anonymous=True, channel="Web", has_sender=False) == [IntakeProblem.ANONYMOUS_NEEDS_CONTACT]


def test_a_record_whose_customer_was_deleted_stays_editable():
	assert party(party_changed=False) == []
	assert party(party_changed=True) == [IntakeProblem.CUSTOMER_REQUIRED]


def test_channels_that_name_their_sender_keep_a_strangers_message():
	for channel in ("Email", "API", "WeChat", "SMS"):
		assert party(channel=channel) == []
		assert party(channel=channel, has_sender=False) == [IntakeProblem.CUSTOMER_REQUIRED]
	assert party(channel="Phone") == [IntakeProblem.CUSTOMER_REQUIRED]


def test_channels_and_types():
	assert len(CHANNELS) == 12
	assert check_classification("WeChat", "Complaint") == []
	assert check_classification("Pigeon", "Complaint") == [IntakeProblem.UNKNOWN_CHANNEL]
	assert check_classification(None, "Rant") == [IntakeProblem.UNKNOWN_CHANNEL, IntakeProblem.UNKNOWN_TYPE]


def test_description_limits_count_characters_not_bytes():
	assert check_text("s", "好" * MAX_DESCRIPTION_CHARS) == []
	assert check_text("s", "好" * (MAX_DESCRIPTION_CHARS + 1)) == [IntakeProblem.DESCRIPTION_TOO_LONG]
	assert check_text("s", "   \n ") == [IntakeProblem.DESCRIPTION_REQUIRED]
	assert check_text("x" * 141, "ok") == [IntakeProblem.SUBJECT_TOO_LONG]


def test_subject_from_description():
	assert subject_from_description("\n  快递三天没到\n第二行") == "快递三天没到"
	long = subject_from_description("a" * 200, limit=10)
	assert len(long) == 10 and long.endswith("…")
