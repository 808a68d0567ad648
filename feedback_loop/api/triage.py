"""Desk endpoints for text analysis: accept a suggestion, merge a duplicate, retrain the model."""

import frappe
from frappe import _

from feedback_loop.services.triage.duplicates import merge_feedback


@frappe.whitelist(methods=["POST"])
def accept_suggested_category(feedback_record: str) -> str:
	"""Confirm the suggested category: it becomes the agent's choice and trains the model."""
	frappe.has_permission("Feedback Record", "write", throw=True)
	doc = frappe.get_doc("Feedback Record", feedback_record)
	doc.check_permission("write")
	if not doc.suggested_category:
		frappe.throw(_("{0} has no suggested category.").format(doc.name))
	doc.category = doc.suggested_category
	doc.save()
	return doc.category


@frappe.whitelist(methods=["POST"])
def merge_duplicate(duplicate: str, original: str) -> str:
	frappe.has_permission("Feedback Record", "write", throw=True)
	return merge_feedback(duplicate, original)


@frappe.whitelist(methods=["POST"])
def retrain_category_model_now() -> str:
	frappe.has_permission("Feedback Settings", "write", throw=True)
	frappe.enqueue(
		# The nightly task, which writes its status line in the site's language: Frappe starts a
		# job in English whoever pressed the button.
		"feedback_loop.tasks.retrain_category_model",
		queue="long",
		job_id="feedback_loop:retrain_category_model",
		deduplicate=True,
		now=frappe.flags.in_test,
	)
	return _("Retraining started; the figures below update when it is done.")
