// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["Satisfaction Trend"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -3) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["Day", "Week", "Month"], default: "Month" },
		{ fieldname: "trigger", label: __("Trigger"), fieldtype: "Link", options: "Feedback Trigger" },
		{ fieldname: "callback_type", label: __("Revisit Type"), fieldtype: "Select", context: "Feedback Callback", options: ["", "After Order", "After Delivery", "After Invoice", "After Support Issue", "Onboarding", "Periodic Check-in", "Resolution Verification"] },
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Select", context: "Feedback Callback", options: ["", "E-mail", "SMS", "WeChat", "Phone"] },
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
	],
	formatter: feedback_loop_report_formatter,
};
