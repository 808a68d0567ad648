"""The record's first assignee moves from `assigned_to` to `assignee`: Frappe writes a field named
assigned_to on every assignment (and moves the record's modified time with it), which made the
form's next save fail after an Assignment Rule had assigned a new record."""

import frappe

TABLE = "tabFeedback Record"


def execute():
	columns = frappe.db.get_table_columns("Feedback Record")
	if "assigned_to" not in columns:
		return
	fr = frappe.qb.DocType("Feedback Record")
	frappe.qb.update(fr).set(fr.assignee, fr.assigned_to).where(fr.assignee.isnull()).run()
	if frappe.db.has_index(TABLE, "fl_received_sla"):
		frappe.db.sql_ddl(f"alter table `{TABLE}` drop index `fl_received_sla`")
	frappe.db.sql_ddl(f"alter table `{TABLE}` drop column `assigned_to`")
