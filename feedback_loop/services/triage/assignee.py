"""The record's assignee and department as plain columns, so that reports can group by them in
the database (Frappe keeps assignees only as a JSON list in `_assign`)."""

import json

import frappe

#: Assignments Frappe keeps as ToDo rows pointing at a record.
RECORD = "Feedback Record"


def sync_assignee(name: str) -> None:
	"""The record's first assignee, and that user's department, as columns (integrations/frappe/todo.py)."""
	row = frappe.db.get_value(RECORD, name, ["_assign", "assignee", "department"], as_dict=True)
	if row is None:
		return
	assignees = json.loads(row._assign or "[]")
	assignee = assignees[0] if assignees else None
	if assignee == row.assignee:
		return
	values = {"assignee": assignee}
	# The department follows the assignee unless nobody is assigned, then the last one stays.
	department = department_of(assignee)
	if department:
		values["department"] = department
	frappe.db.set_value(RECORD, name, values, update_modified=False)


def department_of(user: str | None) -> str | None:
	if not user:
		return None
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "department")


def keep_assignee_columns(doc) -> None:
	"""On every save of a record: the assignee as Frappe keeps it now, not as the form last read it.

	An Assignment Rule assigns a new record after its insert returned to the form; the form's copy
	still has no assignee, and saving it would blank the column. `_assign` itself Frappe protects.
	"""
	if doc.is_new():
		return
	row = frappe.db.get_value(RECORD, doc.name, ["_assign", "department"], as_dict=True)
	if row is None:
		return
	assignees = json.loads(row._assign or "[]")
	doc.assignee = assignees[0] if assignees else None
	if not doc.department:
		doc.department = row.department or department_of(doc.assignee)
