"""Phone revisits: the agent calls with the script and the survey's questions in the customer's
language, and records each answer during the call, or that nobody answered and when to call again.

Answers go through the same checks and rules as the survey page (survey.py): a low score or a
complaint becomes feedback, "not solved" reopens. An unanswered call is tried again (a new call
task when it is due) until Feedback Settings' attempts are used, then the revisit has No Response.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime

from feedback_loop.core.callbacks.loop import FirstVerification, call_again
from feedback_loop.core.callbacks.survey_answers import clean_answers
from feedback_loop.services.callbacks.resolution import verification_outcome
from feedback_loop.services.callbacks.survey import (
	language_of,
	page_context,
	problem_message,
	questions_of,
	store_answers,
)
from feedback_loop.services.feedback_settings import get_feedback_settings

CALLABLE = ("Scheduled", "Sent")
#: Nobody answered: the dialog suggests calling again this much later (on the hour).
CALL_AGAIN_HOURS = 2


def call_sheet(callback) -> dict:
	"""What the agent needs on the phone: who, which numbers, the script, the questions."""
	sheet = page_context(callback) if callback.survey_template else {"questions": [], "intro": ""}
	contact = (
		frappe.db.get_value("Contact", callback.contact, ["full_name", "mobile_no", "phone"], as_dict=True)
		if callback.contact
		else None
	) or frappe._dict()
	language = language_of(callback)
	return {
		"language": language,
		"customer": callback.customer,
		"contact": contact.full_name or callback.contact,
		"numbers": [n for n in (contact.mobile_no, contact.phone) if n],
		"script": script_in(callback, language),
		"intro": sheet.get("intro") or "",
		"questions": sheet["questions"],
		"calls_made": callback.calls_made or 0,
		"call_again_at": _on_the_hour(add_to_date(now_datetime(), hours=CALL_AGAIN_HOURS)),
		# No answer this time would be the last call: nothing to schedule.
		"last_call": not call_again(
			(callback.calls_made or 0) + 1, get_feedback_settings().max_call_attempts or 3
		),
		"can_record": callback.status in CALLABLE,
	}


def _on_the_hour(moment):
	"""The next full hour from `moment` (never earlier than it)."""
	rounded = moment.replace(minute=0, second=0, microsecond=0)
	return rounded if rounded == moment else add_to_date(rounded, hours=1)


def script_in(callback, language: str) -> str:
	"""The trigger's Chinese script for a Chinese-speaking customer, when it has one."""
	if language == "zh" and callback.trigger:
		chinese = frappe.db.get_value("Feedback Trigger", callback.trigger, "call_script_zh")
		if chinese:
			return chinese
	return callback.call_script or ""


def record_call(callback, answers: dict, notes: str | None = None) -> dict:
	"""The customer's answers, taken on the phone; {'ok': True} or the problems, all or nothing."""
	_ensure_callable(callback)
	callback.calls_made = (callback.calls_made or 0) + 1
	if callback.survey_template:
		template = frappe.get_cached_doc("Feedback Survey Template", callback.survey_template)
		questions = questions_of(template)
		cleaned, problems = clean_answers(questions, answers)
		if problems:
			return {"ok": False, "problems": {key: problem_message(p) for key, p in problems.items()}}
		if notes:
			callback.notes = "\n".join(filter(None, [callback.notes, notes]))
		store_answers(callback, template, questions, cleaned)
	else:
		callback.update(
			{
				"status": "Responded",
				"responded_on": now_datetime(),
				"notes": "\n".join(filter(None, [callback.notes, notes])),
			}
		)
		callback.flags.ignore_permissions = True
		callback.save()
	_close_call_tasks(callback, "Closed")
	callback.add_comment("Info", _("Call recorded by {0}.").format(frappe.session.user))
	return {"ok": True}


def record_no_answer(callback, call_back_at=None) -> dict:
	"""Nobody answered: call again at `call_back_at` (a new task then), or No Response at the end."""
	_ensure_callable(callback)
	calls = (callback.calls_made or 0) + 1
	again = call_again(calls, get_feedback_settings().max_call_attempts or 3)
	when = get_datetime(call_back_at) if call_back_at else None
	if again and (not when or when <= now_datetime()):
		frappe.throw(_("Choose when to call again: a moment still ahead."))
	callback.calls_made = calls
	_close_call_tasks(callback, "Cancelled")
	if again:
		callback.update({"status": "Scheduled", "due_on": when, "next_attempt_on": None})
		note = _("No answer (call {0}); calling again at {1}.").format(
			calls, frappe.utils.format_datetime(when)
		)
	else:
		callback.status = "No Response"
		note = _("No answer (call {0}): no more calls.").format(calls)
	callback.flags.ignore_permissions = True
	callback.save()
	callback.add_comment("Info", note)
	if callback.status == "No Response":
		verification_outcome(callback, FirstVerification.UNANSWERED)
	return {"ok": True, "status": callback.status}


def _ensure_callable(callback) -> None:
	if callback.channel != "Phone":
		frappe.throw(_("Only a phone revisit is recorded by the agent."))
	if callback.status not in CALLABLE:
		frappe.throw(_("This revisit is {0}: nothing more to record.").format(_(callback.status)))


def _close_call_tasks(callback, status: str) -> None:
	for todo in frappe.get_all(
		"ToDo",
		filters={"reference_type": callback.doctype, "reference_name": callback.name, "status": "Open"},
		pluck="name",
	):
		frappe.db.set_value("ToDo", todo, "status", status)
