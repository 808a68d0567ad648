// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.query_reports["Improvement Recommendations"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -3) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Feedback Category" },
	],
};
