"""Paper questionnaires typed in at the desk (services/intake/paper_forms.py)."""

import json

import frappe
from frappe.utils import cint

from feedback_loop.services.callbacks.survey import template_context
from feedback_loop.services.intake import paper_forms


def _language(language: str | None) -> str:
	return "zh" if (language or "").startswith("zh") else "en"


@frappe.whitelist()
def paper_form_sheet(template: str, language: str | None = None) -> dict:
	"""The questionnaire's questions, as printed in `language`, for the entry dialog."""
	frappe.has_permission("Feedback Record", "create", throw=True)
	frappe.has_permission("Feedback Survey Template", "read", template, throw=True)
	return template_context(template, _language(language))


@frappe.whitelist(methods=["POST"])
def record_paper_form(
	template: str,
	answers: str | dict,
	customer: str | None = None,
	contact: str | None = None,
	sales_order: str | None = None,
	language: str | None = None,
	consent: int | str = 0,
	form_id: str | None = None,
) -> dict:
	"""One returned questionnaire; {'ok': True, 'name': …} or {'ok': False, 'problems': …}."""
	frappe.has_permission("Feedback Record", "create", throw=True)
	frappe.has_permission("Feedback Survey Template", "read", template, throw=True)
	if isinstance(answers, str):
		answers = json.loads(answers or "{}")
	return paper_forms.record_paper_form(
		template,
		answers,
		customer=customer or None,
		contact=contact or None,
		sales_order=sales_order or None,
		language=_language(language),
		consent=bool(cint(consent)),
		form_id=form_id or None,
	)
