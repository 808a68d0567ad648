"""Acknowledgement texts still as first shipped now promise the SLA policy's first-response moment."""

import frappe

from feedback_loop.services.messages.default_texts import ACKNOWLEDGEMENT

FIRST_SHIPPED = {
	"en": "<p>We will reply within {{ reply_days }} working days. Please quote {{ number }} whenever you contact us about it.</p>",
	"zh": "<p>我们将在 {{ reply_days }} 个工作日内回复您。如需就此联系我们，请提供反馈编号 {{ number }}。</p>",
}


def execute():
	settings = frappe.get_single("Feedback Settings")
	for language, paragraph in FIRST_SHIPPED.items():
		fieldname = f"acknowledgement_message_{language}"
		current = settings.get(fieldname) or ""
		if paragraph in current:
			settings.set(fieldname, ACKNOWLEDGEMENT[language]["message"])
	settings.flags.ignore_permissions = True
	settings.save()
