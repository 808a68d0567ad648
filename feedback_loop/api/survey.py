"""Public survey endpoints: no login, rate-limited per address, everything checked on the server."""

import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import strip_html_tags
from frappe.utils.verified_command import verify_request

from feedback_loop.services.callbacks.resolution import NOTICE
from feedback_loop.services.callbacks.resolution import confirm_solved as confirm
from feedback_loop.services.callbacks.survey import SurveyRefused, callback_for_token, submit
from feedback_loop.services.deadlock_retry import retry_on_deadlock
from feedback_loop.services.intake.limits import survey_answers_per_hour

MAX_PAYLOAD = 20_000


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=survey_answers_per_hour, seconds=60 * 60)
def submit_survey(token: str, answers: str | dict) -> dict:
	"""Answers as {question key: value}; returns {'ok': True} or {'ok': False, 'problems': {...}}."""
	if isinstance(answers, str):
		if len(answers) > MAX_PAYLOAD:
			return {"ok": False, "error": _("Your answers are too long.")}
		try:
			answers = json.loads(answers or "{}")
		except ValueError:
			return {"ok": False, "error": _("Your answers could not be read. Please try again.")}
	if not isinstance(answers, dict) or len(answers) > 20:
		return {"ok": False, "error": _("Your answers could not be read. Please try again.")}
	# Plain text only: nothing a customer types is ever shown as markup.
	cleaned = {str(k)[:20]: strip_html_tags(str(v)) if v is not None else None for k, v in answers.items()}

	def answer() -> dict:
		try:
			callback = callback_for_token(token, lock=True)
		except SurveyRefused as refused:
			return {"ok": False, "error": refusal_message(refused.reason)}
		return submit(callback, cleaned)

	return retry_on_deadlock(answer)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=survey_answers_per_hour, seconds=60 * 60)
def confirm_solved(token: str, solved: str) -> dict:
	"""One tap on a resolution notice's page: solved ("yes") or not ("no")."""
	if solved not in ("yes", "no"):
		return {"ok": False, "error": _("Your answer could not be read. Please try again.")}

	def answer() -> dict:
		try:
			callback = callback_for_token(token, lock=True)
		except SurveyRefused as refused:
			return {"ok": False, "error": refusal_message(refused.reason, notice=True)}
		if callback.callback_type != NOTICE:
			return {"ok": False, "error": refusal_message("invalid", notice=True)}
		confirm(callback, solved == "yes")
		return {"ok": True}

	return retry_on_deadlock(answer)


def refusal_message(reason: str, notice: bool = False) -> str:
	"""Why a link does nothing, in the words of its page (the survey, or the notice's "solved?")."""
	if notice:
		return {
			"invalid": _("This link is not valid. Please use the link we sent you."),
			"used": _("You have already told us. Thank you!"),
			"expired": _("This link has expired."),
		}[reason]
	return {
		"invalid": _("This survey link is not valid. Please use the link we sent you."),
		"used": _("This survey has already been answered. Thank you!"),
		"expired": _("This survey link has expired."),
	}[reason]


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=20, seconds=60 * 60)
def opt_out(email: str, doctype: str, name: str) -> None:
	"""The unsubscribe link of every survey e-mail: no more surveys to this address, ever."""
	if not frappe.flags.in_test and not verify_request():
		return
	if doctype != "Feedback Callback":
		frappe.throw(_("This link is not valid."))
	if not frappe.db.exists("Email Unsubscribe", {"email": email, "reference_doctype": doctype}):
		frappe.get_doc(
			{
				"doctype": "Email Unsubscribe",
				"email": email,
				"reference_doctype": doctype,
				"reference_name": name,
			}
		).insert(ignore_permissions=True)
	cb = frappe.qb.DocType("Feedback Callback")
	frappe.qb.update(cb).set(cb.status, "Cancelled").where(
		(cb.contact_email == email) & cb.status.isin(["Scheduled"])
	).run()
	frappe.respond_as_web_page(
		_("Unsubscribed"),
		_("{0} will receive no more feedback surveys from us.").format(frappe.utils.escape_html(email)),
		indicator_color="green",
	)
