// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.query_reports["Feedback Overview"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -6) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["Day", "Week", "Month"], default: "Month" },
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Select", options: ["", "Desk", "Phone", "Email", "Portal", "Web", "WeChat", "SMS", "In Person", "Paper Form", "Survey", "API", "Import"] },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Feedback Category" },
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "customer_group", label: __("Customer Group"), fieldtype: "Link", options: "Customer Group" },
		{ fieldname: "territory", label: __("Territory"), fieldtype: "Link", options: "Territory" },
		{ fieldname: "item", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "customer_segment", label: __("Customer Segment"), fieldtype: "Select", options: ["", "New", "Returning", "Key Account"] },
		{ fieldname: "priority", label: __("Priority"), fieldtype: "Select", options: ["", "Urgent", "High", "Medium", "Low"] },
	],
};
