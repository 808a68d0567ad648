"""Records saved before they carried the customer's industry: one UPDATE per industry."""

import frappe


def execute():
	frappe.reload_doc("feedback_loop", "doctype", "feedback_record")
	by_industry: dict[str, list[str]] = {}
	for row in frappe.get_all("Customer", filters={"industry": ["is", "set"]}, fields=["name", "industry"]):
		by_industry.setdefault(row.industry, []).append(row.name)
	record = frappe.qb.DocType("Feedback Record")
	for industry, customers in by_industry.items():
		frappe.qb.update(record).set(record.industry, industry).where(record.customer.isin(customers)).run()
