// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

{% include "feedback_loop/public/js/feedback_report_filters.js" %}

frappe.query_reports["Customer Feedback Summary"] = {
	filters: feedback_loop_report_filters([]),
};
