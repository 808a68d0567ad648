// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.query_reports["Top Issues"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.get_today(), -6) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "issue_by", label: __("Issues By"), fieldtype: "Select", options: ["Category", "Item"], default: "Category" },
		{ fieldname: "top", label: __("Top"), fieldtype: "Int", default: 10 },
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Select", options: ["", "Desk", "Phone", "Email", "Portal", "Web", "WeChat", "SMS", "In Person", "Paper Form", "Survey", "API", "Import"] },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Feedback Category" },
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "customer_group", label: __("Customer Group"), fieldtype: "Link", options: "Customer Group" },
		{ fieldname: "territory", label: __("Territory"), fieldtype: "Link", options: "Territory" },
		{ fieldname: "item", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "customer_segment", label: __("Customer Segment"), fieldtype: "Select", options: ["", "New", "Returning", "Key Account"] },
		{ fieldname: "priority", label: __("Priority"), fieldtype: "Select", options: ["", "Urgent", "High", "Medium", "Low"] },
	],
	get_datatable_options(options) {
		return Object.assign(options, { checkboxColumn: true });
	},
	onload(report) {
		report.page.add_inner_button(__("Start Root Cause Analysis"), () => {
			const checked = report.datatable.rowmanager.getCheckedRows().map((i) => report.data[i]);
			if (checked.length !== 1) {
				frappe.msgprint(__("Select one issue to analyse."));
				return;
			}
			frappe.call({
				method: "feedback_loop.api.root_cause_analysis.start_root_cause_analysis_for_issue",
				args: { issue: checked[0].issue, filters: report.get_values() },
				callback: (r) => r.message && frappe.set_route("Form", "Root Cause Analysis", r.message),
			});
		});
	},
};
