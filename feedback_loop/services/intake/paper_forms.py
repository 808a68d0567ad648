"""Paper questionnaires: a survey template printed with tick boxes and a QR code to the web form,
and a stack of returned ones typed in at the desk, each becoming feedback on the Paper Form
channel with its scores (so a low one reads Negative and raises the priority, as online).
"""

import io

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import get_url

from feedback_loop.core.callbacks.survey_answers import (
	YES,
	QuestionType,
	clean_answers,
	score_summary,
	scores_of,
)
from feedback_loop.core.intake.paper_forms import answers_text, paper_form_type
from feedback_loop.services.callbacks.survey import (
	is_complaint,
	problem_message,
	questions_of,
	template_context,
)
from feedback_loop.services.intake.create import create_feedback

CHANNEL = "Paper Form"
#: Where the printed QR code leads: the public feedback form, told the answer came from paper.
WEB_FORM = "/feedback/new?channel=paper"


def paper_form(template: str, language: str | None = None) -> dict:
	"""What the printed questionnaire shows (Jinja method of the print format)."""
	language = "zh" if (language or frappe.local.lang or "").startswith("zh") else "en"
	context = template_context(template, language)
	url = get_url(WEB_FORM)
	context.update({"web_form_url": url, "qr_svg": qr_svg(url)})
	return context


def qr_svg(url: str) -> str:
	"""The URL as an inline SVG QR code (pyqrcode, which Frappe itself ships for two-factor login)."""
	import pyqrcode

	out = io.BytesIO()
	pyqrcode.create(url, error="M").svg(out, scale=3, quiet_zone=2, xmldecl=False, svgns=True)
	return out.getvalue().decode()


def record_paper_form(
	template: str,
	answers: dict,
	*,
	customer: str | None,
	contact: str | None = None,
	sales_order: str | None = None,
	language: str = "zh",
	consent: bool = False,
	form_id: str | None = None,
) -> dict:
	"""One returned questionnaire: {'ok': True, 'name': …} or the problem of each answer, nothing
	stored then. `form_id` (one per form the clerk types) makes a double submit one record."""
	survey = frappe.get_cached_doc("Feedback Survey Template", template)
	questions = questions_of(survey)
	cleaned, problems = clean_answers(questions, answers)
	if problems:
		return {"ok": False, "problems": {key: problem_message(p) for key, p in problems.items()}}
	scores = scores_of(questions, cleaned)
	shown = template_context(template, language)["questions"]
	lines = [(q["text"], _shown_answer(q, cleaned.get(q["key"], ""))) for q in shown]
	result = create_feedback(
		{
			"customer": customer,
			"contact": contact,
			"sales_order": sales_order,
			"feedback_type": paper_form_type(scores, is_complaint(scores.free_text)),
			"subject": _subject(scores, language),
			"description": answers_text(lines),
			"survey_scores": score_summary(scores) or None,
			"language": language,
			"consent": "1" if consent else "",
		},
		channel=CHANNEL,
		external_id=form_id,
	)
	return {"ok": True, "name": result.name, "created": result.created}


def _subject(scores, language: str) -> str:
	words = scores.free_text.strip()
	if words:
		return words.splitlines()[0][:120]
	with print_language(language):
		return _("Paper questionnaire: {0}").format(score_summary(scores) or _("no score"))


def _shown_answer(question: dict, value: str) -> str:
	if not value:
		return ""
	if question["type"] == QuestionType.SOLVED.value:
		return _("Yes") if value == YES else _("No")
	for stored, shown in question["options"]:
		if stored == value:
			return shown
	return value
