import pytest

from feedback_loop.core.intake.automatic_mail import (
	MAX_ACKNOWLEDGEMENTS_PER_SENDER_PER_DAY,
	is_automatic,
	should_acknowledge,
)
from feedback_loop.core.intake.webhook_signature import SignatureProblem, check_signature, signature


@pytest.mark.parametrize(
	"sender",
	[
		"noreply@shop.example",
		"no-reply@x.cn",
		"MAILER-DAEMON@mx.example",
		"postmaster@x.com",
		"bounces+123@list.example",
	],
)
def test_robot_senders_are_recognised(sender):
	assert is_automatic(sender, "Re: 订单问题")


@pytest.mark.parametrize(
	"subject",
	["Automatic reply: Order 42", "Out of Office", "自动回复：您的来信已收到", "Undeliverable: FB2026"],
)
def test_automatic_subjects_are_recognised(subject):
	assert is_automatic("li.na@example.com", subject)


def test_people_are_not_robots():
	assert not is_automatic("reply.manager@example.com", "包裹破损")
	assert not is_automatic("nora@example.com", "Notification of a broken parcel")


def test_acknowledgement_rules():
	own = {"feedback@our.example"}
	assert should_acknowledge("li.na@example.com", "破损", own_addresses=own, acknowledged_today=0)
	assert not should_acknowledge("Feedback@our.example", "破损", own_addresses=own, acknowledged_today=0)
	assert not should_acknowledge("noreply@x.com", "破损", own_addresses=own, acknowledged_today=0)
	assert not should_acknowledge(
		"li.na@example.com",
		"破损",
		own_addresses=own,
		acknowledged_today=MAX_ACKNOWLEDGEMENTS_PER_SENDER_PER_DAY,
	)
	assert not should_acknowledge("", "破损", own_addresses=own, acknowledged_today=0)


SECRET = "s3cret"
BODY = b'{"message_id":"m1","sender":"o1","text":"\xe9\x80\x80\xe6\xac\xbe"}'


def check(**overrides):
	values = {"timestamp": "1000", "nonce": "n-1", "body": BODY, "now": 1010.0}
	values.update(overrides)
	if "given" not in values:
		values["given"] = signature(SECRET, values["timestamp"], values["nonce"], values["body"])
	return check_signature(SECRET, **values)


def test_a_correct_signature_passes():
	assert check() is None
	assert check(given=signature(SECRET, "1000", "n-1", BODY).upper()) is None


def test_signature_problems():
	assert check(given="") is SignatureProblem.MISSING
	assert check(nonce=None, given="x") is SignatureProblem.MISSING
	assert check(timestamp="soon", given="x") is SignatureProblem.BAD_TIMESTAMP
	assert check(now=1000.0 + 301) is SignatureProblem.EXPIRED
	assert check(now=1000.0 - 301) is SignatureProblem.EXPIRED
	assert check(nonce="n" * 65) is SignatureProblem.BAD_NONCE
	assert check(given=signature("other", "1000", "n-1", BODY)) is SignatureProblem.MISMATCH
	tampered = signature(SECRET, "1000", "n-1", BODY)
	assert check(body=BODY + b" ", given=tampered) is SignatureProblem.MISMATCH
