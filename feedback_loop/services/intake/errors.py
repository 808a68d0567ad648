"""Field-level refusals of outside input: one message per field, in the caller's language, and a
machine-readable list beside it so that an integration can map them back to its own form."""

import frappe
from frappe import _

from feedback_loop.core.intake.payload import ATTACHMENT_EXTENSIONS, MAX_ATTACHMENTS, FieldProblem, Problem

#: Beyond what the payload itself shows: a named record that does not exist.
NOT_FOUND = "not_found"


class InvalidFeedback(frappe.ValidationError):
	"""The request was understood but its content cannot be stored (HTTP 422)."""

	http_status_code = 422


#: Request fields that are not fields of the record, by the label the caller's form shows.
_REQUEST_FIELD_LABELS = {"consent": "Consent"}


def field_label(field: str) -> str:
	meta = frappe.get_meta("Feedback Record")
	if meta.has_field(field):
		return _(meta.get_label(field))
	return _(_REQUEST_FIELD_LABELS[field]) if field in _REQUEST_FIELD_LABELS else field


def problem_message(problem: Problem) -> str:
	label = field_label(problem.field) if problem.field else _("Request")
	if problem.field == "attachments":
		return _("Attachments: at most {0} files, each at most the size allowed, of these types: {1}").format(
			MAX_ATTACHMENTS, ", ".join(ATTACHMENT_EXTENSIONS)
		)
	if problem.problem == FieldProblem.NOT_TEXT and not problem.field:
		return f"{label}: {_('must be a JSON object')}"
	explain = _EXPLANATIONS.get(problem.problem) or _not_found
	return f"{label}: {explain(problem.detail)}"


def _not_found(detail: str) -> str:
	return _("{0} does not exist").format(detail)


#: What each problem means, worded after the field's label; `detail` is the limit or the choices.
_EXPLANATIONS = {
	FieldProblem.REQUIRED: lambda detail: _("is required"),
	FieldProblem.NOT_TEXT: lambda detail: _("must be a text (a JSON string)"),
	FieldProblem.TOO_LONG: lambda detail: _("may have at most {0} characters").format(detail),
	FieldProblem.NOT_ALLOWED: lambda detail: _("must be one of: {0}").format(detail),
	FieldProblem.UNKNOWN_FIELD: lambda detail: _("is not a field this request accepts"),
	FieldProblem.BAD_EMAIL: lambda detail: _("is not a valid e-mail address"),
	FieldProblem.BAD_PHONE: lambda detail: _("is not a valid phone number"),
	FieldProblem.BAD_DATE: lambda detail: _("is not a date in the form {0}").format(detail),
	FieldProblem.FUTURE_DATE: lambda detail: _("lies in the future"),
	FieldProblem.CONTROL_CHARACTERS: lambda detail: _("contains control characters"),
}


def refuse_with_message(message: str) -> None:
	"""A rule of the record itself failed; its message (already shown by Frappe) is the error."""
	frappe.local.response["errors"] = [{"field": "", "problem": "invalid", "message": message}]
	raise InvalidFeedback(message)


def refuse(problems: list[Problem]) -> None:
	"""Raise InvalidFeedback naming every problem; does nothing when there is none."""
	if not problems:
		return
	messages = [problem_message(p) for p in problems]
	frappe.local.response["errors"] = [
		{"field": p.field, "problem": str(getattr(p.problem, "value", p.problem)), "message": m}
		for p, m in zip(problems, messages, strict=True)
	]
	frappe.throw(
		"<br>".join(frappe.utils.escape_html(m) for m in messages),
		InvalidFeedback,
		_("Feedback not accepted"),
	)


def refuse_with_messages(messages: dict[str, str]) -> None:
	"""Raise InvalidFeedback for field → message (a rule beyond the payload's own checks, such as a
	topic's aspects); does nothing when there is none."""
	if not messages:
		return
	frappe.local.response["errors"] = [
		{"field": field, "problem": "invalid", "message": message} for field, message in messages.items()
	]
	frappe.throw(
		"<br>".join(frappe.utils.escape_html(m) for m in messages.values()),
		InvalidFeedback,
		_("Feedback not accepted"),
	)
