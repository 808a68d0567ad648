// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["SLA Compliance"] = {
	filters: feedback_loop_report_filters([
		{ fieldname: "based_on", label: __("Based On"), fieldtype: "Select", options: ["Priority", "SLA Policy", "Department", "Assignee"], default: "Priority" },
	]),
	formatter: feedback_loop_report_formatter,
};
