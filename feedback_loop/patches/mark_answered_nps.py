"""Revisits answered before NPS answers were marked: a score above 0 was certainly an answer (a
0 cannot be told from "not asked" any more and stays unmarked)."""

import frappe


def execute():
	callback = frappe.qb.DocType("Feedback Callback")
	frappe.qb.update(callback).set(callback.nps_answered, 1).where(callback.nps > 0).run()
