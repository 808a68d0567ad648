"""The priority rules' count of a category's reports in a window reads the index alone
(fl_category_reports: category, received_on, status, customer); the narrower index on category
and received_on would only cost every insert."""

import frappe

from feedback_loop.feedback_loop.doctype.feedback_record.feedback_record import CATEGORY_REPORTS_INDEX


def execute():
	name, fields = CATEGORY_REPORTS_INDEX
	# Migrate calls on_doctype_update only for a doctype whose definition changed.
	frappe.db.add_index("Feedback Record", list(fields), index_name=name)
	table = "tabFeedback Record"
	if frappe.db.has_index(table, "category_received_on_index"):
		frappe.db.sql_ddl(f"alter table `{table}` drop index `category_received_on_index`")
