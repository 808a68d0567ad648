"""Tell a customer something: one Feedback Message, delivered through their channels in order.

`tell` renders the message for every channel, stores it (Queued) and hands it to `deliver`
after the caller's transaction commits (one job delivers every message then queued), so a
rolled-back record sends nothing. `deliver` asks the core (core/messages/channels.py) what to
do next, sends, and records every attempt: sent, a passing failure waiting its backoff (the job
`send_due` tries again), or the next channel.
A message no channel could carry is Failed, and its record says why in its timeline. Nothing
a customer wrote is ever lost because a message could not go: the record was saved first.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime

from feedback_loop.core.messages.channels import Attempt, Channel, Outcome, Result, next_step
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_unless_waiting
from feedback_loop.integrations.frappe.own_transactions import each_waiting
from feedback_loop.services.messages import email_channel, sms_channel, wechat_channel
from feedback_loop.services.messages.reach import Reach, order_for, why_unreachable
from feedback_loop.services.messages.texts import has_text, render

SENDERS = {
	Channel.EMAIL: email_channel.send,
	Channel.SMS: sms_channel.send,
	Channel.WECHAT: wechat_channel.send,
}
OPEN = ("Queued", "Retrying")
BATCH = 200
#: A Queued message whose job never ran (a worker restarted) is picked up by the sweep after this.
STALE_MINUTES = 5


def tell(
	kind: str,
	*,
	reach: Reach,
	language: str,
	context: dict,
	reference_doctype: str,
	reference_name: str,
	feedback_records: tuple[str, ...] = (),
	customer: str | None = None,
	contact: str | None = None,
	link: str | None = None,
	email: tuple[str, str] | None = None,
	send_priority: int = 1,
) -> str:
	"""Queue `kind` for the customer `reach` describes; returns the Feedback Message's name.

	`context` fills the message's templates (texts.py); `email` gives a ready (subject, html)
	instead of the e-mail template (the survey e-mail is built from its survey template).
	"""
	order = order_for(reach)
	context = {**context, "link": link}
	subject, html = email or (
		render(kind, "Email", language, context) if has_text(kind, "Email") else ("", "")
	)
	texts = {
		channel: render(kind, channel, language, context) if has_text(kind, channel) else ("", "")
		for channel in ("SMS", "WeChat")
	}
	message = frappe.get_doc(
		{
			"doctype": "Feedback Message",
			"message_kind": kind,
			"status": "Queued",
			"title": reference_name,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"feedback_record": feedback_records[0] if feedback_records else None,
			"feedback_records": "\n".join(feedback_records[1:]),
			"customer": customer,
			"contact": contact,
			"language": language,
			"channel_order": ", ".join(c.value for c in order),
			"email": reach.email,
			"mobile_no": reach.mobile_no,
			"wechat_source": reach.wechat_source,
			"wechat_openid": reach.wechat_openid,
			"subject": subject or texts["WeChat"][0],
			"email_message": html,
			"text": texts["WeChat"][1],
			"sms_text": texts["SMS"][1],
			"link": link,
			"send_priority": send_priority,
		}
	)
	if reach.unsubscribed:
		message.status = "Skipped"
		message.failure = _("The contact withdrew consent (marked Unsubscribed).")
	elif not order:
		message.status = "Failed"
		message.failure = _("No channel can reach the customer: {0}.").format(why_unreachable(reach))
	message.insert(ignore_permissions=True)
	if message.status == "Failed":
		note_failure(message)
	elif message.status == "Queued":
		queue_deliveries()
	return message.name


def queue_deliveries() -> None:
	"""After the caller's commit, a job that delivers every Queued message, unless one is still
	waiting to start: that one will find this message too (a burst of acknowledgements is one
	job, not one process each). Tests run it at once."""
	enqueue_unless_waiting(
		"feedback_loop.services.messages.outbound.deliver_queued",
		queue="short",
		name="feedback_loop:deliveries",
	)


def deliver_queued() -> int:
	"""The job: every Queued message, the most urgent kind first, then oldest first, each in its
	own transaction; `deliver`'s row lock makes a message that two jobs meet go once."""
	return sum(
		1
		for _name, _status in each_waiting(
			"Feedback Message",
			{"status": "Queued"},
			"send_priority desc, creation asc",
			deliver,
			failure_title=_("Feedback message could not be delivered; it will be tried again"),
		)
	)


def deliver(name: str, now=None) -> str:
	"""Send the message through its next channel(s); returns its status. Safe to run twice: the row
	lock makes a second run wait, then find the message no longer open."""
	now = get_datetime(now or now_datetime())
	message = frappe.get_doc("Feedback Message", name, for_update=True)
	if message.status not in OPEN:
		return message.status
	order = tuple(Channel(c.strip()) for c in (message.channel_order or "").split(",") if c.strip())
	history = [
		Attempt(Channel(row.channel), Result(row.result), get_datetime(row.attempted_on), row.detail or "")
		for row in message.attempts
	]
	while True:
		step = next_step(order, history, now)
		if step.done:
			break
		if step.wait_until:
			message.status, message.next_attempt_on = "Retrying", step.wait_until
			message.failure = history[-1].reason if history else None
			break
		if step.failed:
			message.status, message.next_attempt_on = "Failed", None
			message.failure = "; ".join(f"{_(a.channel.value)}: {a.reason}" for a in step.gave_up)
			note_failure(message)
			break
		outcome = _attempt(message, step.send)
		history.append(Attempt(step.send, outcome.result, now, outcome.reason))
		message.append(
			"attempts",
			{
				"channel": step.send.value,
				"result": outcome.result.value,
				"detail": outcome.reason,
				"attempted_on": now,
			},
		)
		if outcome.result is Result.SENT:
			message.update(
				{
					"status": "Sent",
					"channel": step.send.value,
					"sent_on": now,
					"next_attempt_on": None,
					"failure": None,
					"provider_message_id": outcome.provider_id,
				}
			)
			_note_sent(message, now)
			break
	message.flags.ignore_permissions = True
	message.save()
	return message.status


def _attempt(message, channel: Channel) -> Outcome:
	"""One channel's send; an unexpected error is a passing failure, logged with its traceback."""
	try:
		return SENDERS[channel](message)
	except Exception as error:
		frappe.log_error(
			title=_("Feedback message {0} could not be sent by {1}").format(message.name, channel.value),
			reference_doctype="Feedback Message",
			reference_name=message.name,
		)
		return Outcome(Result.RETRY, str(error)[:300])


def send_due(now=None) -> int:
	"""Every open message whose backoff has passed (and Queued ones whose job was lost), claimed
	with SKIP LOCKED so two workers never send one twice."""
	now = get_datetime(now or now_datetime())
	fm = frappe.qb.DocType("Feedback Message")
	stale = add_to_date(now, minutes=-STALE_MINUTES)
	done = 0
	while True:
		names = (
			frappe.qb.from_(fm)
			.select(fm.name)
			.where(
				((fm.status == "Retrying") & (fm.next_attempt_on <= now))
				| ((fm.status == "Queued") & (fm.creation <= stale))
			)
			.orderby(fm.send_priority, order=frappe.qb.desc)
			.limit(BATCH)
			.for_update(skip_locked=True)
		).run(pluck=True)
		for name in names:
			deliver(name, now)
			done += 1
		if not frappe.flags.in_test:
			frappe.db.commit()  # nosemgrep: releases the batch's row locks
		if len(names) < BATCH:
			return done


def _note_sent(message, now) -> None:
	"""A record is acknowledged when its acknowledgement went out, not when it was queued."""
	if message.message_kind == "Acknowledgement" and message.feedback_record:
		frappe.db.set_value(
			"Feedback Record", message.feedback_record, "acknowledged_on", now, update_modified=False
		)


def delete_messages_of(reference_doctype: str, reference_name: str) -> None:
	"""A deleted record or revisit takes its messages with it (its Communications go the same way):
	otherwise a number handed out again would inherit them."""
	names = frappe.get_all(
		"Feedback Message",
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		pluck="name",
	)
	if names:
		frappe.db.delete(
			"Feedback Message Attempt", {"parenttype": "Feedback Message", "parent": ("in", names)}
		)
		frappe.db.delete("Feedback Message", {"name": ("in", names)})


def note_failure(message) -> None:
	"""The record (or revisit) says in its timeline why its customer was not told."""
	if not (message.reference_doctype and message.reference_name):
		return
	if not frappe.db.exists(message.reference_doctype, message.reference_name):
		return
	frappe.get_doc(message.reference_doctype, message.reference_name).add_comment(
		"Info",
		_("{0} not sent to the customer: {1}").format(_(message.message_kind), message.failure),
	)
