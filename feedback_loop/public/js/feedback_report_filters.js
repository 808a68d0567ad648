// The filters every feedback report offers, with the report's own ones after the period.
// Included into each report's script on the server by its include directive. A Select's options
// are translated in the context of the doctype they come from: Frappe's own "Urgent" is 加急.
window.feedback_loop_report_filters = function (own_filters) {
	return [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -6) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		...(own_filters || []),
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Select", context: "Feedback Record", options: ["", "Desk", "Phone", "Email", "Portal", "Web", "WeChat", "SMS", "In Person", "Paper Form", "Survey", "API", "Import"] },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Feedback Category" },
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "customer_group", label: __("Customer Group"), fieldtype: "Link", options: "Customer Group" },
		{ fieldname: "territory", label: __("Territory"), fieldtype: "Link", options: "Territory" },
		{ fieldname: "industry", label: __("Industry"), fieldtype: "Link", options: "Industry Type" },
		{ fieldname: "item", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "customer_segment", label: __("Customer Segment"), fieldtype: "Select", context: "Feedback Record", options: ["", "New", "Returning", "Key Account"] },
		{ fieldname: "priority", label: __("Priority", null, "Feedback Record"), fieldtype: "Select", context: "Feedback Record", options: ["", "Urgent", "High", "Medium", "Low"] },
	];
};

// A report's own Total row (its rates computed from the summed counts, not Frappe's average of
// the rows' percentages) is marked bold, as it is in print; its label is not a link. A rate
// with nothing to count (a channel without feedback) is blank: Frappe would show it as 0 %.
window.feedback_loop_report_formatter = function (value, row, column, data, default_formatter) {
	if (data && data.is_total && column.fieldtype === "Link") {
		return `<b>${frappe.utils.escape_html(value || "")}</b>`;
	}
	if (column.fieldtype === "Percent" && (value === null || value === undefined || value === "")) {
		return "";
	}
	const shown = default_formatter(value, row, column, data);
	return data && data.bold ? `<b>${shown}</b>` : shown;
};
