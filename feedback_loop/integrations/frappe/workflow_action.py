"""Frappe 16's workflow buttons, for the roles that run our workflows.

Clicking a workflow action in Frappe 16's form first asks `frappe.client.get_value` for the
Workflow's "enable_action_confirmation"; only System Managers may read Workflow, so for a Quality
Analyst validating an analysis or a Feedback Manager approving a plan the call is refused and
the action never runs. This override (hook `override_whitelisted_methods`) answers that one
question for a user who may read a document of the workflow's doctype, and leaves every other
call to Frappe's own `get_value`.
"""

import json

import frappe
from frappe import client

from feedback_loop.integrations.frappe.desk_users import desk_users_only

QUESTION = "enable_action_confirmation"


# Frappe's own signature, untyped as Frappe's: the desk sends these as it sends them to Frappe's.
@frappe.whitelist()
def get_value(doctype, fieldname, filters=None, as_dict=True, debug=False, parent=None):
	if (
		doctype == "Workflow"
		and fieldname == QUESTION
		and frappe.get_meta("Workflow").has_field(QUESTION)
		and not frappe.has_permission("Workflow", "read")
	):
		document_type = _document_type(filters)
		if document_type and frappe.has_permission(document_type, "read"):
			desk_users_only()
			value = frappe.db.get_value(
				"Workflow", {"document_type": document_type, "is_active": 1}, QUESTION
			)
			return {QUESTION: value or 0} if as_dict else value
	return client.get_value(doctype, fieldname, filters=filters, as_dict=as_dict, debug=debug, parent=parent)


def _document_type(filters) -> str | None:
	if isinstance(filters, str):
		try:
			filters = json.loads(filters)
		except ValueError:
			return None
	if isinstance(filters, dict) and isinstance(filters.get("document_type"), str):
		return filters["document_type"]
	return None
