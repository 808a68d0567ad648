// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["Sentiment Trend"] = {
	filters: feedback_loop_report_filters([
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["Day", "Week", "Month"], default: "Month" },
	]),
	formatter: feedback_loop_report_formatter,
};
