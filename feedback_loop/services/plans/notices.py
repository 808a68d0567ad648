"""Tell the customers of a plan's feedback that it is approved (being worked on) and that it is done.

Every customer hears once per event and cycle, whatever number of their feedback records the
plan answers; the message names all of them. Each goes on the customer's own channel, in their
language (services/messages); urgent feedback goes to the front of the e-mail queue.
"""

import frappe
from frappe.utils import escape_html, format_date, now_datetime

from feedback_loop.core.feedback_status import ACTIVE_STATUSES, Status
from feedback_loop.services.messages.default_texts import ANONYMOUS_NAME
from feedback_loop.services.messages.language import reply_language_of
from feedback_loop.services.messages.outbound import tell
from feedback_loop.services.messages.reach import Reach, reach_of_record

APPROVED = "Approved"
COMPLETED = "Completed"
_KIND = {APPROVED: "Plan Approved", COMPLETED: "Plan Completed"}
_URGENT_PRIORITY = 10


def notify_customers(plan, event: str) -> int:
	"""Queue the event's message to every customer not yet told in this cycle; returns how many."""
	told = {(n.event, n.recipient) for n in plan.notices if (n.get("cycle") or 1) == (plan.cycle or 1)}
	by_recipient: dict[str, list] = {}
	reaches: dict[str, Reach] = {}
	for row in plan.feedback_records:
		feedback = frappe.get_doc("Feedback Record", row.feedback_record)
		reach = reach_of_record(feedback)
		recipient = recipient_key(feedback, reach)
		if recipient and (event, recipient) not in told:
			by_recipient.setdefault(recipient, []).append(feedback)
			reaches.setdefault(recipient, reach)
	for recipient, records in by_recipient.items():
		first = records[0]
		language = reply_language_of(first)
		tell(
			_KIND[event],
			reach=reaches[recipient],
			language=language,
			context=notice_context(plan, records, language),
			reference_doctype="Feedback Record",
			reference_name=first.name,
			feedback_records=tuple(r.name for r in records),
			customer=first.customer,
			contact=first.contact,
			send_priority=_URGENT_PRIORITY if any(r.priority == "Urgent" for r in records) else 1,
		)
		plan.append(
			"notices",
			{
				"event": event,
				"recipient": recipient,
				"feedback_record": first.name,
				"language": language,
				"queued_on": now_datetime(),
				"cycle": plan.cycle or 1,
			},
		)
	return len(by_recipient)


def recipient_key(feedback, reach: Reach) -> str | None:
	"""One customer, however many records: the address, number or WeChat user they are reached at."""
	return reach.email or reach.mobile_no or reach.wechat_openid or feedback.contact


def notice_context(plan, records: list, language: str) -> dict:
	first = records[0]
	return {
		"customer_name": escape_html(first.customer_name or first.sender_name or ANONYMOUS_NAME[language]),
		"numbers": ", ".join(r.name for r in records),
		"title": escape_html(plan.title),
		"expected_on": format_date(plan.expected_completion) if plan.expected_completion else "",
	}


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
