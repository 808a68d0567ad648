// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.query_reports["Improvement Effectiveness"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -12) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "verdict", label: __("Verdict"), fieldtype: "Select", context: "Improvement Plan", options: ["", "Verified Effective", "Not Effective", "Pending"] },
		{ fieldname: "target_type", label: __("Target"), fieldtype: "Select", context: "Improvement Plan", options: ["", "Reduce Feedback Volume", "Reach CSAT", "Limit SLA Breach Rate"] },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Feedback Category" },
		{ fieldname: "item", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "workflow_state", label: __("State"), fieldtype: "Link", options: "Workflow State" },
	],
};
