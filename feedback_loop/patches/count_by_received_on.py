"""Reports count by when the customer gave the feedback: existing records were received when they
were entered (the only moment known), and the report indexes on creation give way to those on
received_on."""

import frappe

OLD_INDEXES = ("fl_report_scope", "fl_report_sla", "fl_report_customer")


def execute():
	fr = frappe.qb.DocType("Feedback Record")
	frappe.qb.update(fr).set(fr.received_on, fr.creation).where(fr.received_on.isnull()).run()
	table = "tabFeedback Record"
	for index in OLD_INDEXES:
		if frappe.db.has_index(table, index):
			frappe.db.sql_ddl(f"alter table `{table}` drop index `{index}`")
