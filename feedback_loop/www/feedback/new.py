import frappe
from frappe import _

from feedback_loop.core.intake.payload import MAX_EXPECTED_SOLUTION_CHARS
from feedback_loop.core.intake.rules import FEEDBACK_TYPES, MAX_DESCRIPTION_CHARS, MAX_SUBJECT_CHARS
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.intake.portal import orders_and_items, portal_categories, require_login
from feedback_loop.services.intake.topics import portal_topics
from feedback_loop.services.privacy.consent import privacy_notice

no_cache = 1


def get_context(context):
	context.guest = frappe.session.user == "Guest"
	if context.guest and not get_feedback_settings().allow_anonymous_web_feedback:
		require_login("/feedback/new")
	context.types = [(value, _(value, context="Feedback Record")) for value in FEEDBACK_TYPES]
	context.categories = portal_categories()
	context.topics = portal_topics(frappe.local.lang or "en")
	context.orders, context.items = ([], []) if context.guest else orders_and_items(frappe.session.user)
	context.max_description = MAX_DESCRIPTION_CHARS
	context.max_subject = MAX_SUBJECT_CHARS
	context.max_expected = MAX_EXPECTED_SOLUTION_CHARS
	context.privacy_notice = privacy_notice(frappe.local.lang)
	context.title = _("New Feedback")
	# The QR code of a printed questionnaire opens this page with ?channel=paper.
	context.source = "paper" if frappe.form_dict.get("channel") == "paper" else None
	context.show_sidebar = not context.guest
	return context
