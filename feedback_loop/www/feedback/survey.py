import frappe
from frappe import _

from feedback_loop.api.survey import refusal_message
from feedback_loop.services.callbacks.survey import SurveyRefused, callback_for_token, page_context

no_cache = 1


def get_context(context):
	token = frappe.form_dict.get("token") or ""
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.token = token
	try:
		callback = callback_for_token(token)
	except SurveyRefused as refused:
		context.refused = refusal_message(refused.reason)
		context.language = frappe.local.lang if (frappe.local.lang or "").startswith("zh") else "en"
		context.title = _("Survey")
		return context
	survey = page_context(callback)
	context.update(survey)
	frappe.local.lang = "zh" if survey["language"] == "zh" else "en"
	context.title = _("How did we do?")
	return context
