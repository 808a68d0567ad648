"""fl_report_answers gave way to fl_report_answers_by_customer, the same columns and the customer:
the old one would only cost every insert and tempt the optimizer into reading rows."""

import frappe


def execute():
	table = "tabFeedback Callback"
	if frappe.db.has_index(table, "fl_report_answers"):
		frappe.db.sql_ddl(f"alter table `{table}` drop index `fl_report_answers`")
