from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_loop.core.intake.payload import (
	API_FIELDS,
	MESSAGE_FIELDS,
	PORTAL_FIELDS,
	WEB_FIELDS,
	FieldProblem,
	check_payload,
	idempotency_key,
)

TODAY = date(2026, 11, 24)
VALID = {
	"external_id": "crm-1001",
	"feedback_type": "Complaint",
	"description": "包裹破损，等了三天才到",
	"contact_email": "li.na@example.com",
	"contact_phone": "+86 138 0013 8000",
	"occurred_on": "2026-11-20",
	"urgency": "High",
}


def problems_of(payload, fields=API_FIELDS, **kwargs):
	return {(p.field, p.problem) for p in check_payload(payload, fields, today=TODAY, **kwargs)[1]}


def test_a_valid_payload_is_cleaned_and_has_no_problem():
	clean, problems = check_payload({**VALID, "subject": "  破损  ", "item": ""}, API_FIELDS, today=TODAY)
	assert problems == []
	assert clean["subject"] == "破损"
	assert "item" not in clean  # empty values are dropped, not stored as ""


def test_every_missing_required_field_is_reported_at_once():
	assert problems_of({}) == {
		("external_id", FieldProblem.REQUIRED),
		("feedback_type", FieldProblem.REQUIRED),
		("description", FieldProblem.REQUIRED),
	}
	assert ("description", FieldProblem.REQUIRED) in problems_of({**VALID, "description": "   "})


def test_wrong_types_are_refused_not_coerced():
	found = problems_of({**VALID, "description": 42, "urgency": ["High"], "external_id": True})
	assert found == {
		("description", FieldProblem.NOT_TEXT),
		("urgency", FieldProblem.NOT_TEXT),
		("external_id", FieldProblem.NOT_TEXT),
	}


def test_unknown_fields_are_named_and_transport_keys_ignored():
	found = problems_of({**VALID, "priority": "Urgent", "cmd": "x"}, ignore=frozenset({"cmd"}))
	assert found == {("priority", FieldProblem.UNKNOWN_FIELD)}


def test_limits_choices_formats_and_dates():
	found = problems_of(
		{
			**VALID,
			"description": "x" * 20_001,
			"channel": "Desk",
			"contact_email": "not-an-address",
			"contact_phone": "call me",
			"occurred_on": "2026-02-30",
		}
	)
	assert found == {
		("description", FieldProblem.TOO_LONG),
		("channel", FieldProblem.NOT_ALLOWED),
		("contact_email", FieldProblem.BAD_EMAIL),
		("contact_phone", FieldProblem.BAD_PHONE),
		("occurred_on", FieldProblem.BAD_DATE),
	}
	assert problems_of({**VALID, "occurred_on": "2026-11-25"}) == {("occurred_on", FieldProblem.FUTURE_DATE)}


def test_control_characters_are_refused():
	assert problems_of({**VALID, "description": "ok\x00 drop table"}) == {
		("description", FieldProblem.CONTROL_CHARACTERS)
	}
	assert problems_of({**VALID, "description": "第一行\n第二行\t缩进"}) == set()


def test_a_payload_that_is_not_an_object_is_one_problem():
	for payload in ([VALID], "text", 3, None):
		clean, problems = check_payload(payload, API_FIELDS, today=TODAY)
		assert clean == {} and len(problems) == 1


def test_portal_and_web_forms_take_only_their_fields():
	assert ("customer", FieldProblem.UNKNOWN_FIELD) in problems_of(
		{"feedback_type": "Complaint", "description": "x", "customer": "Someone Else", "consent": "1"},
		PORTAL_FIELDS,
	)
	assert problems_of({"feedback_type": "Praise", "description": "很好"}, WEB_FIELDS) == {
		("sender_name", FieldProblem.REQUIRED),
		("sender", FieldProblem.REQUIRED),
		("consent", FieldProblem.REQUIRED),
	}
	assert problems_of({"message_id": "m1", "sender": "openid-1", "text": "退款"}, MESSAGE_FIELDS) == set()


def test_consent_flags():
	clean, problems = check_payload({**VALID, "consent": True}, API_FIELDS, today=TODAY)
	assert problems == [] and clean["consent"] == "1"
	assert check_payload({**VALID, "consent": "false"}, API_FIELDS, today=TODAY)[0]["consent"] == "0"
	for wrong in (1, "yes", ["true"], {"a": 1}):
		assert problems_of({**VALID, "consent": wrong}) == {("consent", FieldProblem.NOT_ALLOWED)}
	portal = {"feedback_type": "Complaint", "description": "破损"}
	assert problems_of({**portal, "consent": "1"}, PORTAL_FIELDS) == set()
	assert problems_of({**portal, "consent": "0"}, PORTAL_FIELDS) == {("consent", FieldProblem.REQUIRED)}
	assert problems_of(portal, PORTAL_FIELDS) == {("consent", FieldProblem.REQUIRED)}


def test_the_idempotency_key_separates_channels():
	assert idempotency_key("SMS", "42") != idempotency_key("WeChat", "42")


json_values = st.recursive(
	st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
	lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
	max_leaves=8,
)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from([*API_FIELDS, "junk", ""]), json_values, max_size=12))
def test_any_json_object_gives_clean_text_or_named_problems_never_an_exception(payload):
	clean, problems = check_payload(payload, API_FIELDS, today=TODAY)
	assert set(clean) <= set(API_FIELDS)
	assert all(isinstance(value, str) and value for value in clean.values())
	assert clean.get("consent", "1") in ("0", "1")
	assert not ({p.field for p in problems} & set(clean))
	if not problems:
		assert {"external_id", "feedback_type", "description"} <= set(clean)
