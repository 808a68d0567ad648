"""A signed message from a messaging gateway becomes feedback, at most once.

Order matters: the signature is checked before the body is trusted, and the nonce is recorded
(unique key) before the feedback is created, so a replay is refused even while the first
request is still being handled.
"""

import time

import frappe
from frappe import _
from frappe.utils import getdate

from feedback_loop.core.intake.payload import MESSAGE_FIELDS, check_payload
from feedback_loop.core.intake.webhook_signature import SignatureProblem, check_signature
from feedback_loop.core.messages.channels import Channel
from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.intake.errors import refuse
from feedback_loop.services.intake.party_matching import contact_by_phone, customer_of_contact
from feedback_loop.services.intake.sender_identity import identity_key
from feedback_loop.services.messages.acknowledgement import render_acknowledgement
from feedback_loop.services.messages.conversation import received_communication, relayed_reply
from feedback_loop.services.messages.default_texts import MESSAGING_REPLY
from feedback_loop.services.messages.language import reply_language_of

TRANSPORT_KEYS = frozenset({"cmd", "source"})
#: Sources whose messages and replies join the record's conversation (an API source has none).
CONVERSATION_CHANNELS = {"WeChat": Channel.WECHAT, "SMS": Channel.SMS}


class WebhookRefused(frappe.AuthenticationError):
	http_status_code = 401


class ReplayedMessage(frappe.ValidationError):
	http_status_code = 409


def receive(
	source_name: str,
	*,
	body: bytes,
	timestamp: str | None,
	nonce: str | None,
	given_signature: str | None,
	payload: dict,
	now: float | None = None,
) -> dict:
	source = frappe.db.get_value(
		"Feedback Messaging Source",
		{"name": source_name, "enabled": 1},
		["name", "channel", "feedback_type", "reply_zh", "reply_en"],
		as_dict=True,
	)
	# One answer for an unknown source and a bad signature: a caller learns nothing by probing.
	if not source:
		raise WebhookRefused(_("The message is not signed correctly."))
	secret = frappe.utils.password.get_decrypted_password(
		"Feedback Messaging Source", source.name, "secret", raise_exception=False
	)
	problem = check_signature(
		secret or "",
		timestamp=timestamp,
		nonce=nonce,
		given=given_signature,
		body=body,
		now=time.time() if now is None else now,
	)
	if problem:
		raise WebhookRefused(signature_message(problem))
	log = remember_nonce(source.name, nonce)

	values, problems = check_payload(payload, MESSAGE_FIELDS, today=getdate(), ignore=TRANSPORT_KEYS)
	if problems:
		log.db_set(
			{"outcome": "Refused", "refusal": "; ".join(f"{p.field}: {p.problem.value}" for p in problems)}
		)
		refuse(problems)

	contact = contact_for(source, values["sender"])
	result = create_feedback(
		{
			"feedback_type": source.feedback_type,
			"description": values["text"],
			"sender_name": values.get("sender_name"),
			"external_sender": values["sender"],
			"messaging_source": source.name,
			"contact": contact,
			"customer": customer_of_contact(contact),
			"contact_phone": values["sender"] if source.channel == "SMS" else None,
			"language": values.get("language"),
			"consent": values.get("consent"),
			"acknowledged_by_caller": source.channel in CONVERSATION_CHANNELS,
		},
		channel=source.channel,
		external_id=values["message_id"],
	)
	log.db_set(
		{
			"message_id": values["message_id"],
			"external_sender": values["sender"],
			"feedback_record": result.name,
			"outcome": "Created" if result.created else "Repeated",
		}
	)
	record = frappe.get_doc("Feedback Record", result.name)
	reply = reply_text(source, record)
	if result.created and source.channel in CONVERSATION_CHANNELS:
		channel = CONVERSATION_CHANNELS[source.channel]
		received_communication(
			record,
			channel,
			text=values["text"],
			sender=values["sender"],
			sender_name=values.get("sender_name"),
		)
		relayed_reply(record, channel, reply)
		record.db_set("acknowledged_on", frappe.utils.now_datetime(), update_modified=False)
	return {"feedback": result.name, "created": result.created, "reply": reply}


def reply_text(source, record) -> str:
	"""What the gateway relays: the source's own reply text, else the acknowledgement as this
	channel carries it (number and promised reply time), in the record's language."""
	language = reply_language_of(record)
	own = source.get(f"reply_{language}")
	if own:
		return own.replace("{number}", record.name)
	if source.channel in CONVERSATION_CHANNELS:
		return render_acknowledgement(record, language, source.channel)[1]
	return MESSAGING_REPLY[language].replace("{number}", record.name)


def remember_nonce(source: str, nonce: str):
	try:
		log = frappe.get_doc(
			{
				"doctype": "Feedback Inbound Message",
				"source": source,
				"nonce": nonce,
				"nonce_key": f"{source}:{nonce}",
			}
		)
		log.insert(ignore_permissions=True)
		return log
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		raise ReplayedMessage(_("This message was already received (the nonce was used before)."))


def contact_for(source, external_id: str) -> str | None:
	"""The contact an agent linked to this sender before, else (SMS) the contact with that number."""
	contact = frappe.db.get_value(
		"Feedback Sender Identity", {"identity_key": identity_key(source.name, external_id)}, "contact"
	)
	if not contact and source.channel == "SMS":
		contact = contact_by_phone(external_id)
	return contact


def signature_message(problem: SignatureProblem) -> str:
	if problem is SignatureProblem.EXPIRED:
		return _("The message's timestamp is too far from the current time.")
	return _("The message is not signed correctly.")
