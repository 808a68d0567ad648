"""Status changes of a Feedback Record, checked by the core's state machine."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from feedback_loop.core.feedback_status import (
	Problem,
	TransitionFacts,
	check_transition,
	is_reopening,
	stamps_for,
)
from feedback_loop.core.intake.rules import Channel
from feedback_loop.services.plain_text import plain_text


def apply_status_change(doc) -> None:
	"""Refuse a status change the lifecycle does not allow; stamp the lifecycle dates."""
	before = doc.get_doc_before_save()
	current = None if doc.is_new() or not before else before.status
	reason = (doc.status_reason or "").strip()
	facts = TransitionFacts(
		has_resolution=bool(plain_text(doc.resolution_summary)),
		has_new_reason=bool(reason) and reason != ((before.status_reason or "").strip() if before else ""),
		has_duplicate_of=bool(doc.duplicate_of),
		duplicate_of_is_self=bool(doc.duplicate_of) and doc.duplicate_of == doc.name,
		is_import=doc.channel == Channel.IMPORT,
	)
	problems = check_transition(current, doc.status, facts)
	if problems:
		frappe.throw(
			"<br>".join(_message(problem, current, doc) for problem in problems),
			title=_("Status cannot change"),
		)

	if current and current != doc.status and not facts.has_new_reason:
		# The reason of an earlier change would read as this one's (a reopening, then resolved).
		doc.status_reason = None

	stamps = stamps_for(current, doc.status)
	now = now_datetime()
	for fieldname in ("resolved_on", "closed_on"):
		change = getattr(stamps, fieldname)
		# Imported history (current is None) keeps the dates it arrived with.
		if change is True and not (current is None and doc.get(fieldname)):
			doc.set(fieldname, now)
		elif change is False:
			doc.set(fieldname, None)

	if current and current != doc.status and (is_reopening(current, doc.status) or doc.status == "Invalid"):
		# The reason field is overwritten by the next change; the timeline keeps every one.
		doc.add_comment(
			"Info",
			_("Status changed from {0} to {1}: {2}").format(
				_status(current), _status(doc.status), frappe.bold(reason)
			),
		)


def _message(problem: Problem, current: str | None, doc) -> str:
	match problem:
		case Problem.UNKNOWN_STATUS:
			return _("Status {0} is not known.").format(frappe.bold(doc.status))
		case Problem.NOT_ALLOWED:
			return _("A feedback cannot go from {0} to {1}.").format(
				frappe.bold(_status(current)), frappe.bold(_status(doc.status))
			)
		case Problem.INITIAL_STATUS_NOT_ALLOWED:
			return _("New feedback starts as Open; only imported history may start as {0}.").format(
				frappe.bold(_status(doc.status))
			)
		case Problem.RESOLUTION_REQUIRED:
			return _("Write a resolution summary before setting the status to {0}.").format(
				frappe.bold(_status(doc.status))
			)
		case Problem.REASON_REQUIRED:
			return _("Write the reason for setting the status to {0} in Reason for Status Change.").format(
				frappe.bold(_status(doc.status))
			)
		case Problem.DUPLICATE_OF_REQUIRED:
			return _("Select the feedback this one duplicates.")
		case Problem.DUPLICATE_OF_SELF:
			return _("A feedback cannot be a duplicate of itself.")
	return str(problem)


def _status(status: str | None) -> str:
	# Statuses are translated in the Feedback Record context: Frappe's own "Duplicate" and
	# "Open" are actions ("copy", "open") elsewhere in the desk.
	return _(status or "", context="Feedback Record")
