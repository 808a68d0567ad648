"""Whitelisted endpoints for the desk: thin, typed, permission-checked; the work is in services."""

import frappe
from frappe import _

from feedback_loop.api.unsaved_documents import unsaved_doc
from feedback_loop.services.callbacks.resolution import preview as resolution_preview
from feedback_loop.services.intake.prefill import SOURCES, feedback_values_from
from feedback_loop.services.reports.customer_feedback_summary import customer_feedback_summary
from feedback_loop.services.triage.priority import apply_priority, priority_reasons


@frappe.whitelist()
def get_new_feedback_values(reference_doctype: str, reference_name: str) -> dict:
	"""Values for a new Feedback Record opened from a Customer, Sales Order or other source page."""
	frappe.has_permission("Feedback Record", "create", throw=True)
	if reference_doctype not in SOURCES:
		frappe.throw(_("Feedback cannot be started from a {0}.").format(_(reference_doctype)))
	frappe.has_permission(reference_doctype, "read", reference_name, throw=True)
	return feedback_values_from(reference_doctype, reference_name)


@frappe.whitelist()
def get_customer_feedback_summary(customer: str) -> dict:
	frappe.has_permission("Feedback Record", "read", throw=True)
	frappe.has_permission("Customer", "read", customer, throw=True)
	return customer_feedback_summary(customer)


@frappe.whitelist()
def preview_priority(record: str | dict) -> dict:
	"""The priority the record will get on save and why, from the form as edited (unsaved)."""
	frappe.has_permission("Feedback Record", "read", throw=True)
	doc = unsaved_doc("Feedback Record", record)
	try:
		apply_priority(doc)
	except ValueError:
		frappe.throw(_("Impact {0} or urgency {1} is not known.").format(doc.impact, doc.urgency))
	return {
		"priority": doc.priority,
		"reasons": priority_reasons(doc.priority_basis),
		"safety_suggested": doc.safety_suggested,
		"safety_evidence": doc.safety_evidence,
	}


@frappe.whitelist(methods=["POST"])
def preview_resolution_notice(record: str | dict) -> list[dict]:
	"""The resolution notice as the customer would get it, from the form as edited (unsaved)."""
	frappe.has_permission("Feedback Record", "write", throw=True)
	doc = unsaved_doc("Feedback Record", record)
	frappe.has_permission("Feedback Record", "write", doc.name, throw=True)
	return resolution_preview(doc)
