frappe.treeview_settings["Feedback Category"] = {
	breadcrumb: "Feedback Loop",
	ignore_fields: ["parent_feedback_category"],
};
