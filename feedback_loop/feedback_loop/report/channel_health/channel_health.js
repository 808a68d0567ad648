// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["Channel Health"] = {
	// Every channel's own share is the point, so the report offers no channel filter.
	filters: feedback_loop_report_filters([
		{ fieldname: "usual_weeks", label: __("Usual Share Over (Weeks)"), fieldtype: "Int", default: 12 },
		{ fieldname: "every_channel", label: __("Every Channel"), fieldtype: "Check", default: 0 },
	]).filter((filter) => filter.fieldname !== "channel"),
	formatter: feedback_loop_report_formatter,
	onload(report) {
		// Weekly figures: the last eight weeks unless the reader chooses otherwise.
		report.set_filter_value("from_date", frappe.datetime.add_days(frappe.datetime.get_today(), -55));
	},
};
