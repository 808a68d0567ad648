"""How a customer can be reached: their address, number and WeChat user, the channel they
prefer, the one they came through, and which of these channels the site has set up."""

from dataclasses import dataclass
from datetime import datetime

import frappe
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import validate_email_address

from feedback_loop.core.messages.channels import Channel, channel_order, learned_channel, parse_order
from feedback_loop.services.feedback_settings import get_feedback_settings


@dataclass(frozen=True)
class Reach:
	email: str | None = None
	mobile_no: str | None = None
	wechat_source: str | None = None
	wechat_openid: str | None = None
	preferred: str | None = None
	learned: Channel | None = None
	#: The Contact is marked Unsubscribed: nothing is sent to them, on any channel.
	unsubscribed: bool = False


def reach_of_record(doc) -> Reach:
	"""A Feedback Record's customer, from the record, its Contact and its Customer."""
	contact = _contact(doc.contact)
	source, openid = _wechat_of(doc.messaging_source, doc.external_sender, doc.contact)
	sms_sender = doc.external_sender if _source_channel(doc.messaging_source) == "SMS" else None
	return Reach(
		email=_first_email(
			doc.contact_email, doc.sender, contact.get("email_id"), _customer_value(doc.customer, "email_id")
		),
		mobile_no=_first(
			doc.contact_phone,
			sms_sender,
			contact.get("mobile_no"),
			contact.get("phone"),
			_customer_value(doc.customer, "mobile_no"),
		),
		wechat_source=source,
		wechat_openid=openid,
		preferred=contact.get("feedback_channel"),
		learned=learned_channel(doc.channel),
		unsubscribed=bool(contact.get("unsubscribed")),
	)


def reach_of_contact(contact_name: str | None, customer: str | None, email: str | None = None) -> Reach:
	"""A customer known by Contact (a revisit): their Contact's and Customer's addresses."""
	contact = _contact(contact_name)
	source, openid = _wechat_of(None, None, contact_name)
	return Reach(
		email=_first_email(email, contact.get("email_id"), _customer_value(customer, "email_id")),
		mobile_no=_first(
			contact.get("mobile_no"), contact.get("phone"), _customer_value(customer, "mobile_no")
		),
		wechat_source=source,
		wechat_openid=openid,
		preferred=contact.get("feedback_channel"),
		unsubscribed=bool(contact.get("unsubscribed")),
	)


def addressable(reach: Reach) -> bool:
	"""The customer left some way to reach them, whether or not the site has that channel set up."""
	return bool(reach.email or reach.mobile_no or reach.wechat_openid)


def reachable(reach: Reach) -> set[Channel]:
	"""The channels that can carry a message to this customer on this site now."""
	channels = set()
	if reach.wechat_openid and reach.wechat_source and wechat_ready(reach.wechat_source):
		channels.add(Channel.WECHAT)
	if reach.mobile_no and sms_ready():
		channels.add(Channel.SMS)
	if reach.email and email_ready():
		channels.add(Channel.EMAIL)
	return channels


def order_for(reach: Reach) -> tuple[Channel, ...]:
	return channel_order(
		reachable=reachable(reach),
		preferred=reach.preferred,
		learned=reach.learned,
		configured=parse_order(get_feedback_settings().get("channel_order")),
	)


def why_unreachable(reach: Reach) -> str:
	"""What is missing, in words an administrator can act on."""
	missing = []
	if not (reach.wechat_openid or reach.mobile_no or reach.email):
		missing.append(frappe._("the customer left no address, mobile number or WeChat user"))
	if reach.wechat_openid and not wechat_ready(reach.wechat_source):
		missing.append(frappe._("WeChat: the messaging source has no AppID and AppSecret"))
	if reach.mobile_no and not sms_ready():
		missing.append(frappe._("SMS: SMS Settings has no gateway URL"))
	if reach.email and not email_ready():
		missing.append(frappe._("e-mail: no outgoing e-mail account"))
	return "; ".join(missing) or frappe._("no channel can reach the customer")


def email_ready() -> bool:
	return bool(EmailAccount.find_outgoing(match_by_doctype="Feedback Record"))


def sms_ready() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def wechat_ready(source: str | None) -> bool:
	if not source:
		return False
	row = frappe.db.get_value(
		"Feedback Messaging Source", {"name": source, "enabled": 1}, ["channel", "app_id"], as_dict=True
	)
	return bool(row and row.channel == "WeChat" and row.app_id)


def _wechat_of(source: str | None, sender: str | None, contact: str | None) -> tuple[str | None, str | None]:
	if source and sender and _source_channel(source) == "WeChat":
		return source, sender
	if not contact:
		return None, None
	identity = frappe.qb.DocType("Feedback Sender Identity")
	origin = frappe.qb.DocType("Feedback Messaging Source")
	row = (
		frappe.qb.from_(identity)
		.join(origin)
		.on(origin.name == identity.source)
		.select(identity.source, identity.external_id)
		.where((identity.contact == contact) & (origin.channel == "WeChat") & (origin.enabled == 1))
		.orderby(identity.modified, order=frappe.qb.desc)
		.limit(1)
	).run()
	return tuple(row[0]) if row else (None, None)


def last_heard(source: str | None, sender: str | None) -> datetime | None:
	"""When a messaging sender last wrote to the source (WeChat's 48-hour service window)."""
	if not (source and sender):
		return None
	return frappe.db.get_value(
		"Feedback Inbound Message",
		{"source": source, "external_sender": sender, "outcome": ("in", ("Created", "Repeated"))},
		"creation",
		order_by="creation desc",
	)


def _source_channel(source: str | None) -> str | None:
	return frappe.get_cached_value("Feedback Messaging Source", source, "channel") if source else None


def _contact(name: str | None) -> dict:
	if not name:
		return {}
	return (
		frappe.db.get_value(
			"Contact",
			name,
			["email_id", "mobile_no", "phone", "unsubscribed", "feedback_channel"],
			as_dict=True,
		)
		or {}
	)


def _customer_value(customer: str | None, field: str) -> str | None:
	return frappe.db.get_value("Customer", customer, field) if customer else None


def _first(*values: str | None) -> str | None:
	return next((v.strip() for v in values if v and v.strip()), None)


def _first_email(*values: str | None) -> str | None:
	return next((v.strip() for v in values if v and validate_email_address(v.strip())), None)
