"""The seeded report digests get dates in their filters: without them Auto Email Report refuses to
switch a digest on ("Missing Filters Required: From Date, To Date"). The dates sent are still the
period's (dynamic dates)."""

import json

import frappe

from feedback_loop.setup.digests import DIGESTS, with_dates


def execute():
	for name, _report, _frequency, period, _filters in DIGESTS:
		if not frappe.db.exists("Auto Email Report", name):
			continue
		filters = json.loads(frappe.db.get_value("Auto Email Report", name, "filters") or "{}")
		if filters.get("from_date") and filters.get("to_date"):
			continue
		frappe.db.set_value("Auto Email Report", name, "filters", frappe.as_json(with_dates(filters, period)))
