"""What a resolution sets off: the customer is told, with a one-tap "solved?", and the fix is
verified again when the customer does not confirm it (core/callbacks/loop.py).

- On Resolved a notice goes out at once on the customer's channel (a Feedback Callback of type
  Resolution Notice, sent by sender.py): the resolution in their language and a signed,
  single-use link to /feedback/solved/<token>, where one tap says solved or not.
- Solved → Closed (已闭环) with the time; not solved → In Progress, one priority higher, the
  assignees notified. Either answer cancels the verification revisit still waiting (the
  "Feedback resolved" trigger, 2–3 working days later); without an answer it goes ahead.
- A first verification of Urgent or High feedback that goes unanswered or says not solved gets a
  second one, within a week.
"""

from datetime import timedelta

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.utils import now_datetime
from frappe.utils.user import get_users_with_role

from feedback_loop.core.callbacks.loop import FirstVerification, needs_second_verification
from feedback_loop.core.callbacks.survey_answers import QuestionType
from feedback_loop.core.feedback_status import Status
from feedback_loop.core.sla.state import raised_priority
from feedback_loop.core.sla.targets import TargetUnit, due_moment
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_after_commit
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME
from feedback_loop.services.messages.language import reply_language_of
from feedback_loop.services.messages.reach import order_for, reach_of_record
from feedback_loop.services.messages.texts import render
from feedback_loop.services.plain_text import plain_text
from feedback_loop.services.site_language import site_language
from feedback_loop.services.sla.calendar_source import calendar_for
from feedback_loop.services.sla.system_time import to_aware, to_system

NOTICE = "Resolution Notice"
VERIFICATION = "Resolution Verification"
SECOND = ":second"
SOLVED_QUESTION = {"en": "Is your problem solved?", "zh": "您的问题解决了吗？"}


def check_notice_choice(doc) -> None:
	"""Not telling the customer is a decision someone owns: it needs its reason."""
	if not doc.notify_on_resolution and not (doc.no_notice_reason or "").strip():
		frappe.throw(
			_(
				"Write why the customer is not told of the resolution, or tick Tell the Customer When Resolved."
			),
			title=_("Resolution Notice"),
		)


def on_resolved(doc) -> str | None:
	"""The record just became Resolved: queue its notice (the sender sends it at once)."""
	if not doc.notify_on_resolution:
		doc.add_comment(
			"Info", _("The customer is not told of the resolution: {0}").format(doc.no_notice_reason or "")
		)
		return None
	if not get_feedback_settings().tell_customer_on_resolution:
		return None
	dedupe_key = f"{NOTICE}:{doc.name}:{doc.resolved_on}"
	if frappe.db.exists("Feedback Callback", {"dedupe_key": dedupe_key}):
		return None
	callback = frappe.get_doc(
		{
			"doctype": "Feedback Callback",
			"callback_type": NOTICE,
			"customer": doc.customer,
			"contact": doc.contact,
			"contact_email": doc.contact_email or doc.sender,
			"language": reply_language_of(doc),
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"feedback_record": doc.name,
			"channel": "E-mail",
			"status": "Scheduled",
			"due_on": now_datetime(),
			"dedupe_key": dedupe_key,
		}
	)
	callback.flags.ignore_permissions = True
	callback.insert()
	enqueue_after_commit(
		"feedback_loop.services.callbacks.sender.send_now",
		queue="short",
		job_id=f"feedback_loop:callback:{callback.name}",
		name=callback.name,
	)
	return callback.name


def notice_context(callback, record=None) -> dict:
	"""The notice's words: the agent's notice, else the resolution summary, as plain text."""
	record = record or frappe.get_doc("Feedback Record", callback.feedback_record)
	return {
		"number": record.name,
		"customer_name": record.customer_name or record.sender_name or "",
		"summary": (record.resolution_notice or "").strip() or plain_text(record.resolution_summary),
		"subject": record.subject,
	}


def preview(record) -> list[dict]:
	"""The notice as each of the customer's channels would carry it, for the agent to read first."""
	language = reply_language_of(record)
	with frappe.translate.print_language(language):
		link_hint = _("(link to confirm: solved or not)")
	context = {**notice_context(None, record), "link": link_hint}
	context["customer_name"] = context["customer_name"] or ANONYMOUS_NAME[language]
	channels = [c.value for c in order_for(reach_of_record(record))] or ["Email"]
	return [
		{
			"channel": channel,
			"language": language,
			**dict(zip(("subject", "text"), render(NOTICE, channel, language, context), strict=True)),
		}
		for channel in channels
	]


def confirm_solved(callback, solved: bool) -> None:
	"""One tap on the notice's page. What it writes for the team (status reason, timeline, why the
	verification was cancelled) is in the site's language, not the customer's browser's."""
	language = callback.language if callback.language in SOLVED_QUESTION else "en"
	callback.set(
		"answers",
		[
			{
				"question": SOLVED_QUESTION[language],
				"question_type": QuestionType.SOLVED.value,
				"answer": "yes" if solved else "no",
				"respondent_email": callback.contact_email,
			}
		],
	)
	callback.update(
		{"solved": "Yes" if solved else "No", "status": "Responded", "responded_on": now_datetime()}
	)
	callback.flags.ignore_permissions = True
	callback.save()
	with frappe.translate.print_language(site_language()):
		close_or_reopen(callback.feedback_record, solved, callback)


def close_or_reopen(feedback_record: str, solved: bool, callback) -> None:
	"""The closed loop, whichever way the customer answered (the notice's link, a survey, a call):
	confirmed → Closed (已闭环); not solved → back to work, one priority higher, the notice text
	cleared for a new one, its assignees told. Either answer makes the verification revisits still
	waiting for this resolution moot."""
	feedback = frappe.get_doc("Feedback Record", feedback_record)
	feedback.flags.ignore_permissions = True
	if solved and feedback.status == Status.RESOLVED.value:
		feedback.status = Status.CLOSED.value
		feedback.save()
	elif not solved and feedback.status in (Status.RESOLVED.value, Status.CLOSED.value):
		feedback.status = Status.IN_PROGRESS.value
		feedback.status_reason = _("The customer said the problem is not solved ({0} {1}).").format(
			_(callback.callback_type), callback.name
		)
		feedback.priority_floor = raised_priority(feedback.priority)
		# The notice told of the fix that did not hold; the next resolution needs its own words.
		feedback.resolution_notice = None
		feedback.save()
		_notify_not_solved(feedback, callback.name)
	cancel_waiting_verification(feedback_record, solved, callback.name)


def _notify_not_solved(feedback, callback: str) -> None:
	assignees = frappe.parse_json(feedback.get("_assign") or "[]") or get_users_with_role("Feedback Manager")
	# Each reader in their own language: the alert's subject is stored as written.
	for user in assignees:
		with frappe.translate.print_language(
			frappe.db.get_value("User", user, "language") or site_language()
		):
			subject = _("The customer says feedback {0} is not solved ({1}).").format(feedback.name, callback)
		enqueue_create_notification(
			[user],
			{
				"type": "Alert",
				"document_type": feedback.doctype,
				"document_name": feedback.name,
				"subject": subject,
				"from_user": "Administrator",
			},
		)


def cancel_waiting_verification(feedback_record: str, solved: bool, answered_in: str) -> None:
	"""The customer answered: verification revisits still waiting or unanswered for this resolution
	(not the one just answered) are moot, and their reminders with them."""
	reason = (
		_("The customer confirmed that the problem is solved ({0}).")
		if solved
		else _("The customer said that the problem is not solved ({0}).")
	).format(answered_in)
	for name in frappe.get_all(
		"Feedback Callback",
		filters={
			"feedback_record": feedback_record,
			"callback_type": VERIFICATION,
			"status": ("in", ("Scheduled", "Sent")),
			"name": ("!=", answered_in),
		},
		pluck="name",
	):
		frappe.db.set_value("Feedback Callback", name, {"status": "Cancelled", "last_error": reason})


def verification_outcome(callback, first: FirstVerification, due_on=None) -> str | None:
	"""After a verification: a second one for Urgent and High feedback that was not confirmed."""
	if callback.callback_type != VERIFICATION or not callback.feedback_record:
		return None
	priority = frappe.db.get_value("Feedback Record", callback.feedback_record, "priority")
	is_second = (callback.dedupe_key or "").endswith(SECOND)
	if not needs_second_verification(priority, first, is_second=is_second):
		return None
	return schedule_second_verification(callback, due_on)


def schedule_second_verification(first, due_on=None) -> str | None:
	dedupe_key = f"{first.dedupe_key or first.name}{SECOND}"
	if frappe.db.exists("Feedback Callback", {"dedupe_key": dedupe_key}):
		return None
	days = get_feedback_settings().second_verification_working_days or 3
	second = frappe.copy_doc(first)
	second.update(
		{
			"status": "Scheduled",
			"due_on": due_on or _working_days_from_now(days),
			"dedupe_key": dedupe_key,
			"attempts": 0,
			"next_attempt_on": None,
			"sent_on": None,
			"reminder_sent_on": None,
			"responded_on": None,
			"last_error": None,
			"csat": None,
			"nps": None,
			"nps_answered": 0,
			"ces": None,
			"solved": None,
			"created_feedback": None,
			"notes": _("Second verification: the first ({0}) did not confirm the fix.").format(first.name),
		}
	)
	second.set("answers", [])
	second.flags.ignore_permissions = True
	second.insert()
	return second.name


def _working_days_from_now(days: int):
	policy = frappe.db.get_value("Feedback SLA Policy", {"is_default": 1, "enabled": 1})
	start = to_aware(now_datetime())
	if not policy:
		return to_system(start + timedelta(days=days))
	return to_system(due_moment(calendar_for(policy), start, days, TargetUnit.WORKING_DAYS.value))
