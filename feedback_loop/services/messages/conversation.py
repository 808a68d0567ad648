"""One conversation per record: every message we send and every message the customer sends
through WeChat or SMS is a Frappe Communication on the record's timeline, with its channel and
delivery state, and linked to the Customer and Contact so that the Customer page shows it too.

What we send by ourselves is an "Automated Message": Frappe shows it in the timeline, and it is
not a person's first response (integrations/frappe/communication.py).
"""

import frappe
from frappe.utils import now_datetime

from feedback_loop.core.messages.channels import Channel

#: Our channels as Communication media (WeChat is a chat to Frappe).
MEDIUM = {Channel.EMAIL: "Email", Channel.SMS: "SMS", Channel.WECHAT: "Chat"}
AUTOMATED = "Automated Message"


def sent_communication(
	message, channel: Channel, *, content: str, delivery_status: str, subject: str | None = None
) -> str:
	"""The Communication of a message we send (delivery_status: Sending, Sent or Error)."""
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": AUTOMATED,
			"communication_medium": MEDIUM[channel],
			"sent_or_received": "Sent",
			"subject": subject or _subject(message, channel),
			"content": content,
			# Who it went to, as the timeline names the receiver of an automated message.
			"recipients": _recipient(message, channel),
			"phone_no": message.mobile_no if channel is Channel.SMS else None,
			"delivery_status": delivery_status,
			"reference_doctype": message.reference_doctype,
			"reference_name": message.reference_name,
			"communication_date": now_datetime(),
		}
	)
	_link(comm, message.customer, message.contact, _records_of(message))
	comm.insert(ignore_permissions=True)
	return comm.name


def received_communication(
	record, channel: Channel, *, text: str, sender: str | None, sender_name: str | None
) -> str:
	"""A message a customer sent through WeChat or SMS, on the record it created or belongs to."""
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": MEDIUM[channel],
			"sent_or_received": "Received",
			"subject": frappe._("{0} message").format(frappe._(channel.value)),
			"content": frappe.utils.escape_html(text).replace("\n", "<br>"),
			"sender_full_name": sender_name,
			"phone_no": sender if channel is Channel.SMS else None,
			"reference_doctype": "Feedback Record",
			"reference_name": record.name,
			"communication_date": now_datetime(),
		}
	)
	_link(comm, record.customer, record.contact, ())
	comm.insert(ignore_permissions=True)
	return comm.name


def relayed_reply(record, channel: Channel, text: str) -> str:
	"""Our answer that a messaging gateway relays in the same request: the record's acknowledgement."""
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": AUTOMATED,
			"communication_medium": MEDIUM[channel],
			"sent_or_received": "Sent",
			"subject": frappe._("{0} ({1})").format(frappe._("Acknowledgement"), frappe._(channel.value)),
			"content": frappe.utils.escape_html(text),
			"phone_no": record.external_sender if channel is Channel.SMS else None,
			# Handed to the gateway in the answer to its own request; it relays it at once.
			"delivery_status": "Sent",
			"reference_doctype": record.doctype,
			"reference_name": record.name,
			"communication_date": now_datetime(),
		}
	)
	_link(comm, record.customer, record.contact, ())
	comm.insert(ignore_permissions=True)
	return comm.name


def set_delivery_status(communication: str | None, status: str) -> None:
	if communication:
		frappe.db.set_value("Communication", communication, "delivery_status", status, update_modified=False)


def _link(comm, customer: str | None, contact: str | None, records) -> None:
	for doctype, name in (
		("Customer", customer),
		("Contact", contact),
		*(("Feedback Record", r) for r in records),
	):
		if name and not (doctype == comm.reference_doctype and name == comm.reference_name):
			comm.append("timeline_links", {"link_doctype": doctype, "link_name": name})


def _recipient(message, channel: Channel) -> str | None:
	if channel is Channel.EMAIL:
		return message.email
	if channel is Channel.SMS:
		return message.mobile_no
	contact = message.contact and frappe.db.get_value("Contact", message.contact, "full_name")
	return contact or message.wechat_openid


def _records_of(message) -> list[str]:
	"""Every record a message speaks of (a plan notice names several; a revisit's message its
	record), so that each record's timeline shows it."""
	others = [name for name in (message.get("feedback_records") or "").split("\n") if name]
	return [name for name in (message.feedback_record, *others) if name]


def _subject(message, channel: Channel) -> str:
	return f"{frappe._(message.message_kind)} ({frappe._(channel.value)})"
