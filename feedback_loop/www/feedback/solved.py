import frappe
from frappe import _

from feedback_loop.api.survey import refusal_message
from feedback_loop.services.callbacks.resolution import NOTICE, notice_context
from feedback_loop.services.callbacks.survey import SurveyRefused, callback_for_token, language_of

no_cache = 1


def get_context(context):
	"""The page a resolution notice links to: the resolution, and one tap for solved or not.

	Answered by a POST from its buttons, never by opening it: link previews (WeChat, mail
	scanners) open links, and must not answer for the customer."""
	token = frappe.form_dict.get("token") or ""
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.token = token
	try:
		callback = callback_for_token(token)
		if callback.callback_type != NOTICE:
			raise SurveyRefused("invalid")
	except SurveyRefused as refused:
		# A genuine link answered or expired still speaks the customer's language, not the phone's.
		if refused.callback:
			frappe.local.lang = (
				"zh" if language_of(frappe.get_doc("Feedback Callback", refused.callback)) == "zh" else "en"
			)
		context.refused = refusal_message(refused.reason, notice=True)
		context.already_answered = refused.reason == "used"
		context.language = "zh" if (frappe.local.lang or "").startswith("zh") else "en"
		context.title = _("Is your problem solved?")
		return context
	language = language_of(callback)
	frappe.local.lang = "zh" if language == "zh" else "en"
	context.update(notice_context(callback))
	context.language = language
	context.title = _("Is your problem solved?")
	return context
