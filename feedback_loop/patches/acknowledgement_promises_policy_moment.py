"""Acknowledgement texts still as first shipped now promise the SLA policy's first-response moment.

Reads and writes the stored values directly: the fields have since moved to Feedback Message
Templates (patches/move_message_texts_to_templates.py), and a site migrating from before both
runs this first.
"""

import frappe

from feedback_loop.patches.move_message_texts_to_templates import stored
from feedback_loop.services.messages.default_texts import ACKNOWLEDGEMENT

FIRST_SHIPPED = {
	"en": "<p>We will reply within {{ reply_days }} working days. Please quote {{ number }} whenever you contact us about it.</p>",
	"zh": "<p>我们将在 {{ reply_days }} 个工作日内回复您。如需就此联系我们，请提供反馈编号 {{ number }}。</p>",
}


def execute():
	for language, paragraph in FIRST_SHIPPED.items():
		field = f"acknowledgement_message_{language}"
		if paragraph in (stored(field) or ""):
			singles = frappe.qb.DocType("Singles")
			(
				frappe.qb.update(singles)
				.set(singles.value, ACKNOWLEDGEMENT[language]["message"])
				.where((singles.doctype == "Feedback Settings") & (singles.field == field))
			).run()
