// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["Top Issues"] = {
	filters: feedback_loop_report_filters([
		// Shown as its value in the toolbar: "By Category", never a second "Category" beside the filter.
		{ fieldname: "issue_by", label: __("Issues By"), fieldtype: "Select", options: [{ value: "Category", label: __("By Category") }, { value: "Item", label: __("By Item") }], default: "Category" },
		{ fieldname: "top", label: __("Top"), fieldtype: "Int", default: 10 },
	]),
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
