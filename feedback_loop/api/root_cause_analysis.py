"""Whitelisted Root Cause Analysis endpoints for the desk."""

import json

import frappe
from frappe import _

from feedback_loop.api.unsaved_documents import unsaved_doc
from feedback_loop.services.next_step import next_step_note
from feedback_loop.services.rca.analysis import analyses_of, fishbone_svg, start_analysis
from feedback_loop.services.reports.top_issues import feedback_of


@frappe.whitelist()
def start_root_cause_analysis(feedback_records: list[str] | str) -> str:
	"""A draft analysis of the selected feedback records; returns its name."""
	frappe.has_permission("Root Cause Analysis", "create", throw=True)
	names = json.loads(feedback_records) if isinstance(feedback_records, str) else feedback_records
	for name in names:
		frappe.has_permission("Feedback Record", "read", name, throw=True)
	return start_analysis(names).name


@frappe.whitelist()
def get_fishbone_svg(analysis: str, language: str | None = None) -> str:
	"""The fishbone of the analysis as edited in the form (unsaved rows included)."""
	frappe.has_permission("Root Cause Analysis", "read", throw=True)
	doc = unsaved_doc("Root Cause Analysis", analysis)
	doc.run_method("before_validate")  # IDs for new cause rows, as saving would give them
	return fishbone_svg(doc, language)


@frappe.whitelist()
def get_analyses(feedback_record: str) -> list[dict]:
	frappe.has_permission("Feedback Record", "read", throw=True)
	frappe.has_permission("Feedback Record", "read", feedback_record, throw=True)
	return analyses_of(feedback_record)


@frappe.whitelist()
def start_root_cause_analysis_for_issue(issue: str, filters: str | dict) -> str:
	"""A draft analysis of an issue's most recent feedback in the report's period (Top Issues)."""
	frappe.has_permission("Root Cause Analysis", "create", throw=True)
	filters = frappe._dict(json.loads(filters) if isinstance(filters, str) else filters)
	names = feedback_of(issue, filters)
	if not names:
		frappe.throw(_("No feedback of {0} in this period.").format(issue))
	return start_analysis(names).name


@frappe.whitelist()
def next_step(name: str) -> str | None:
	"""Who takes the analysis's next step, for a reader who may not (its author, say)."""
	frappe.has_permission("Root Cause Analysis", "read", throw=True)
	doc = frappe.get_doc("Root Cause Analysis", name)
	frappe.has_permission("Root Cause Analysis", "read", doc, throw=True)
	return next_step_note(doc)
