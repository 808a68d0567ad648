"""The CSAT and NPS number cards were first named without the parentheses of their labels, which
the workspace matches them by; the old copies would stay in the card list."""

import frappe


def execute():
	for name in ("CSAT 30 Days", "NPS 90 Days"):
		frappe.delete_doc_if_exists("Number Card", name, force=True)
