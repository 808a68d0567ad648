"""Tell the customers of a plan's feedback that it is approved (being worked on) and that it is done.

Every recipient hears once per event and cycle, whatever number of their feedback records the
plan answers; the message names all of them. Messages go through Frappe's Email Queue, in the
customer's language; urgent feedback goes to the front of the queue.
"""

import frappe
from frappe.utils import format_date, now_datetime

from feedback_loop.core.feedback_status import ACTIVE_STATUSES, Status
from feedback_loop.services.messages.acknowledgement import acknowledgement_recipient, reply_language_of
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME, PLAN_APPROVED, PLAN_COMPLETED

APPROVED = "Approved"
COMPLETED = "Completed"
_TEMPLATES = {APPROVED: PLAN_APPROVED, COMPLETED: PLAN_COMPLETED}
_URGENT_PRIORITY = 10


def notify_customers(plan, event: str) -> int:
	"""Queue the event's message to every recipient not yet told in this cycle; returns how many."""
	told = {(n.event, n.recipient) for n in plan.notices if (n.get("cycle") or 1) == (plan.cycle or 1)}
	by_recipient: dict[str, list] = {}
	for row in plan.feedback_records:
		feedback = frappe.get_doc("Feedback Record", row.feedback_record)
		recipient = acknowledgement_recipient(feedback)
		if recipient and (event, recipient) not in told:
			by_recipient.setdefault(recipient, []).append(feedback)
	for recipient, records in by_recipient.items():
		language = reply_language_of(records[0])
		subject, message = render(plan, event, records, language)
		frappe.sendmail(
			recipients=[recipient],
			subject=subject,
			message=message,
			reference_doctype="Feedback Record",
			reference_name=records[0].name,
			send_priority=_URGENT_PRIORITY if any(r.priority == "Urgent" for r in records) else 1,
		)
		plan.append(
			"notices",
			{
				"event": event,
				"recipient": recipient,
				"feedback_record": records[0].name,
				"language": language,
				"queued_on": now_datetime(),
				"cycle": plan.cycle or 1,
			},
		)
	return len(by_recipient)


def render(plan, event: str, records: list, language: str) -> tuple[str, str]:
	template = _TEMPLATES[event][language]
	first = records[0]
	context = {
		"customer_name": first.customer_name or first.sender_name or ANONYMOUS_NAME[language],
		"numbers": ", ".join(r.name for r in records),
		"title": plan.title,
		"expected_on": format_date(plan.expected_completion) if plan.expected_completion else "",
	}
	return frappe.render_template(template["subject"], context), frappe.render_template(
		template["message"], context
	)


def resolve_waiting_feedback(plan, resolution: str) -> list[str]:
	"""Linked feedback still open moves to Resolved, with the plan as its resolution."""
	resolved = []
	for row in plan.feedback_records:
		feedback = frappe.get_doc("Feedback Record", row.feedback_record)
		if Status(feedback.status) not in ACTIVE_STATUSES:
			continue
		feedback.status = Status.RESOLVED.value
		if not feedback.resolution_summary:
			feedback.resolution_summary = resolution
		feedback.flags.ignore_permissions = True
		feedback.save()
		resolved.append(feedback.name)
	return resolved
