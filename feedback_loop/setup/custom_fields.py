"""Fields feedback_loop adds to other apps' doctypes: added on install and migrate, removed on
uninstall, from one list.

Contact: the language and the channel a customer chose, which every message to them follows
(services/messages).
Assignment Rule: which rules route feedback by department, and to whom (services/triage/routing.py).
Department: its head, who approves the department's improvement plans first (services/plans/approval.py).
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

MODULE = "Feedback Loop"


def get_custom_fields() -> dict[str, list[dict]]:
	return {
		"Contact": [
			{
				"fieldname": "feedback_language",
				"fieldtype": "Link",
				"options": "Language",
				"label": "Reply Language",
				"insert_after": "unsubscribed",
				# Otherwise Frappe fills a new Contact with the user's own language: no choice of theirs.
				"ignore_user_permissions": 1,
				"description": "The language feedback replies, surveys and notices use for this contact. "
				"Empty: the language they write in.",
			},
			{
				"fieldname": "feedback_channel",
				"fieldtype": "Select",
				"options": "\nWeChat\nSMS\nEmail",
				"label": "Preferred Channel",
				"insert_after": "feedback_language",
				"description": "Where feedback replies, surveys and notices reach this contact first.",
			},
		],
		"Department": [
			{
				"fieldname": "feedback_department_head",
				"fieldtype": "Link",
				"options": "User",
				"label": "Department Head",
				"insert_after": "parent_department",
				# A user, not an Employee: Frappe's test records make a Department's links first,
				# and ERPNext's Employee records need the Department already.
				"description": "Approves the department's improvement plans first.",
			},
		],
		"Assignment Rule": [
			{
				"fieldname": "feedback_routing",
				"fieldtype": "Check",
				"label": "Route Feedback by Department",
				"insert_after": "rule",
				"depends_on": "eval:doc.document_type=='Feedback Record'",
				"description": "The users are kept to the department's Feedback Agents who are in today "
				"(active employee, enabled user, not on leave); if none is, every Feedback Agent, then "
				"the Feedback Managers. Untick to choose the users by hand.",
			},
			{
				"fieldname": "feedback_department",
				"fieldtype": "Link",
				"options": "Department",
				"label": "Department",
				"insert_after": "feedback_routing",
				"depends_on": "feedback_routing",
				"description": "Empty: every Feedback Agent.",
			},
			{
				"fieldname": "feedback_category_group",
				"fieldtype": "Link",
				"options": "Feedback Category",
				"label": "Top-Level Feedback Category",
				"insert_after": "feedback_department",
				"depends_on": "feedback_routing",
				"description": "Empty: feedback no department takes, and feedback not yet categorised.",
			},
		],
	}


def add_custom_fields() -> None:
	fields = get_custom_fields()
	for rows in fields.values():
		for row in rows:
			row["module"] = MODULE
	create_custom_fields(fields, ignore_validate=True)


def remove_custom_fields() -> None:
	for doctype, rows in get_custom_fields().items():
		for row in rows:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)
		frappe.clear_cache(doctype=doctype)
