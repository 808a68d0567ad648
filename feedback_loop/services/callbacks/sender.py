"""Send what is due: survey links on the customer's channel and phone-call tasks, reminders, and No
Response at the end.

Set-based and idempotent: due callbacks are claimed with SELECT … FOR UPDATE SKIP LOCKED and
leave Scheduled in the same transaction, so two workers or a retried job never send twice. A
failed send is retried with backoff and marked Failed when the retries are used up.
"""

import frappe
from frappe import _
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime
from frappe.utils.user import get_users_with_role

from feedback_loop.core.callbacks.loop import SECOND_VERIFICATION_PRIORITIES, FirstVerification
from feedback_loop.core.callbacks.schedule import next_attempt
from feedback_loop.core.messages.channels import Channel
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.callbacks.links import solved_url, survey_url
from feedback_loop.services.callbacks.phone import script_in
from feedback_loop.services.callbacks.resolution import (
	NOTICE,
	SECOND,
	VERIFICATION,
	notice_context,
	verification_outcome,
)
from feedback_loop.services.callbacks.survey import language_of, render_survey_email
from feedback_loop.services.callbacks.triggers import survey_reach
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME
from feedback_loop.services.messages.outbound import tell
from feedback_loop.services.messages.reach import addressable, order_for, why_unreachable
from feedback_loop.services.privacy.consent import withdrew_consent

BATCH = 200
#: A revisit whose customer only a channel not yet set up could reach looks again this much later.
WAIT_HOURS = 1
#: A revisit's channel as the Feedback Callback names it.
CALLBACK_CHANNEL = {Channel.EMAIL: "E-mail", Channel.SMS: "SMS", Channel.WECHAT: "WeChat"}
#: Revisits sent as a message (not a phone call): they get a reminder and may go unanswered.
MESSAGE_CHANNELS = tuple(CALLBACK_CHANNEL.values())


def run(now=None) -> dict:
	now = get_datetime(now) if now else now_datetime()
	return {
		"sent": send_due(now),
		"reminded": send_reminders(now),
		"verified_again": verify_again_when_unanswered(now),
		"no_response": close_unanswered(now),
	}


def send_due(now) -> int:
	cb = frappe.qb.DocType("Feedback Callback")
	due = (
		(cb.status == "Scheduled")
		& (cb.due_on <= now)
		& (cb.next_attempt_on.isnull() | (cb.next_attempt_on <= now))
	)
	if frappe.db.get_single_value("Feedback Settings", "revisits_paused"):
		# Paused revisits wait; telling a customer their feedback is resolved does not.
		due &= cb.callback_type == NOTICE
	sent = 0
	while True:
		names = (
			frappe.qb.from_(cb)
			.select(cb.name)
			.where(due)
			.orderby(cb.due_on)
			.limit(BATCH)
			.for_update(skip_locked=True)
		).run(pluck=True)
		for name in names:
			sent += _send_one(name, now)
		_commit()
		if len(names) < BATCH:
			return sent


def send_now(name: str) -> int:
	"""A callback that must not wait for the ten-minute job (a resolution notice), claimed like it."""
	cb = frappe.qb.DocType("Feedback Callback")
	claimed = (
		frappe.qb.from_(cb)
		.select(cb.name)
		.where((cb.name == name) & (cb.status == "Scheduled"))
		.for_update(skip_locked=True)
	).run(pluck=True)
	return _send_one(name, now_datetime()) if claimed else 0


def _send_one(name: str, now) -> int:
	callback = frappe.get_doc("Feedback Callback", name)
	callback.flags.ignore_permissions = True
	try:
		if withdrew_consent(callback.contact):
			callback.status = "Cancelled"
			callback.last_error = _("The contact withdrew consent (marked Unsubscribed).")
			callback.save()
			return 0
		if callback.channel == "Phone":
			create_call_task(callback)
		else:
			reach = survey_reach(callback.contact, callback.customer, callback.contact_email)
			order = order_for(reach)
			if not order:
				return _cannot_send_yet(callback, reach, now)
			callback.channel = CALLBACK_CHANNEL[order[0]]
			if callback.callback_type == NOTICE:
				send_notice(callback, reach)
			else:
				send_survey(callback, reach)
	except Exception as error:
		callback.attempts = (callback.attempts or 0) + 1
		callback.last_error = str(error)[:500]
		callback.next_attempt_on = next_attempt(now, callback.attempts)
		if callback.next_attempt_on is None:
			callback.status = "Failed"
		callback.save()
		frappe.log_error(
			title=_("Feedback callback {0} could not be sent").format(name),
			reference_doctype="Feedback Callback",
			reference_name=name,
		)
		return 0
	callback.status = "Sent"
	callback.sent_on = now
	callback.attempts = (callback.attempts or 0) + 1
	callback.next_attempt_on = None
	callback.last_error = None
	callback.save()
	return 1


def _cannot_send_yet(callback, reach, now) -> int:
	"""No channel reaches the customer: without any address the revisit is cancelled; with one the
	site has not set up (no SMS gateway, no outgoing e-mail), it waits and says why."""
	if not addressable(reach):
		callback.status = "Cancelled"
		callback.last_error = _("The customer left no address, mobile number or WeChat user (or opted out).")
	else:
		callback.next_attempt_on = add_to_date(now, hours=WAIT_HOURS)
		callback.last_error = _("Waiting for a channel: {0}.").format(why_unreachable(reach))
	callback.save()
	return 0


def send_survey(callback, reach=None, reminder: bool = False) -> str:
	"""The survey link on the customer's channel: the survey e-mail, or a short SMS / WeChat text."""
	url = survey_url(callback)
	language = language_of(callback)
	template = frappe.get_cached_doc("Feedback Survey Template", callback.survey_template)
	customer_name = callback.customer and frappe.db.get_value("Customer", callback.customer, "customer_name")
	return tell(
		"Survey Reminder" if reminder else "Survey",
		reach=reach or survey_reach(callback.contact, callback.customer, callback.contact_email),
		language=language,
		context={
			"customer_name": customer_name or ANONYMOUS_NAME[language],
			"intro": template.get(f"intro_{language}") or template.intro_en or "",
			"number": callback.feedback_record if callback.callback_type == VERIFICATION else None,
		},
		reference_doctype="Feedback Callback",
		reference_name=callback.name,
		feedback_records=(callback.feedback_record,) if callback.feedback_record else (),
		customer=callback.customer,
		contact=callback.contact,
		link=url,
		email=render_survey_email(callback, url, reminder=reminder),
	)


def send_notice(callback, reach) -> str:
	"""The resolution in the customer's language, with the one-tap "solved?" link."""
	language = language_of(callback)
	context = notice_context(callback)
	context["customer_name"] = context["customer_name"] or ANONYMOUS_NAME[language]
	return tell(
		NOTICE,
		reach=reach,
		language=language,
		context=context,
		reference_doctype="Feedback Callback",
		reference_name=callback.name,
		feedback_records=(callback.feedback_record,),
		customer=callback.customer,
		contact=callback.contact,
		link=solved_url(callback),
	)


def create_call_task(callback) -> None:
	"""A ToDo for an agent, with the call script; the agent records the answers in the form."""
	trigger = frappe.get_cached_doc("Feedback Trigger", callback.trigger) if callback.trigger else None
	role = (trigger.assign_to_role if trigger else None) or "Feedback Agent"
	# Nobody holds the trigger's role (a small team of managers only): the Feedback Managers call.
	agent = (
		callback.assigned_to
		or _least_busy(get_users_with_role(role))
		or _least_busy(get_users_with_role("Feedback Manager"))
	)
	if not agent:
		raise ValueError(
			_("Nobody holds the role {0} or Feedback Manager to call the customer.").format(_(role))
		)
	callback.assigned_to = agent
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": agent,
			"reference_type": "Feedback Callback",
			"reference_name": callback.name,
			"description": _("Call {0} ({1}): {2}").format(
				callback.customer or callback.contact or "",
				_(callback.callback_type),
				script_in(callback, language_of(callback)),
			),
			"date": now_datetime().date(),
			"priority": "Medium",
		}
	).insert(ignore_permissions=True)


def _least_busy(users: list[str]) -> str | None:
	if not users:
		return None
	open_todos = dict(
		aggregate_list(
			"ToDo",
			["allocated_to", count_all("n")],
			filters={"status": "Open", "allocated_to": ("in", users), "reference_type": "Feedback Callback"},
			group_by=("allocated_to",),
			ignore_permissions=True,
			as_list=True,
		)
	)
	return min(sorted(users), key=lambda u: open_todos.get(u, 0))


def send_reminders(now) -> int:
	days = frappe.db.get_single_value("Feedback Settings", "survey_reminder_days") or 0
	if days <= 0:
		return 0
	names = frappe.get_all(
		"Feedback Callback",
		filters={
			"status": "Sent",
			"channel": ("in", MESSAGE_CHANNELS),
			# A notice is followed up by its verification revisit, not by a reminder.
			"callback_type": ("!=", NOTICE),
			"reminder_sent_on": ("is", "not set"),
			"sent_on": ("<=", add_days(now, -days)),
		},
		pluck="name",
	)
	for name in names:
		callback = frappe.get_doc("Feedback Callback", name)
		send_survey(callback, reminder=True)
		callback.db_set("reminder_sent_on", now, update_modified=False)
	return len(names)


def verify_again_when_unanswered(now) -> int:
	"""An Urgent or High record's verification still unanswered after the second verification's
	delay gets its second one now, so both fall within a week, not after the no-response wait."""
	days = frappe.db.get_single_value("Feedback Settings", "second_verification_working_days") or 3
	cb = frappe.qb.DocType("Feedback Callback")
	fr = frappe.qb.DocType("Feedback Record")
	names = (
		frappe.qb.from_(cb)
		.join(fr)
		.on(fr.name == cb.feedback_record)
		.select(cb.name)
		.where(
			(cb.callback_type == VERIFICATION)
			& (cb.status == "Sent")
			& (cb.sent_on <= add_days(now, -days))
			& fr.priority.isin(list(SECOND_VERIFICATION_PRIORITIES))
			& (cb.dedupe_key.isnull() | cb.dedupe_key.not_like(f"%{SECOND}"))
		)
	).run(pluck=True)
	scheduled = 0
	for name in names:
		if verification_outcome(frappe.get_doc("Feedback Callback", name), FirstVerification.UNANSWERED, now):
			scheduled += 1
	return scheduled


def close_unanswered(now) -> int:
	days = frappe.db.get_single_value("Feedback Settings", "survey_no_response_days") or 0
	if days <= 0:
		return 0
	cb = frappe.qb.DocType("Feedback Callback")
	names = (
		frappe.qb.from_(cb)
		.select(cb.name)
		.where(
			(cb.status == "Sent") & (cb.channel.isin(MESSAGE_CHANNELS)) & (cb.sent_on <= add_days(now, -days))
		)
	).run(pluck=True)
	if names:
		frappe.qb.update(cb).set(cb.status, "No Response").where(cb.name.isin(names)).run()
		for name in frappe.get_all(
			"Feedback Callback",
			filters={"name": ("in", names), "callback_type": VERIFICATION},
			pluck="name",
		):
			verification_outcome(frappe.get_doc("Feedback Callback", name), FirstVerification.UNANSWERED)
	return len(names)


def _commit() -> None:
	if not frappe.flags.in_test:
		frappe.db.commit()
