frappe.treeview_settings["Feedback Category"] = {
	breadcrumb: "Feedback Loop",
	title: __("Feedback Categories"),
	get_tree_root: false,
	root_label: "All Feedback Categories",
	get_tree_nodes: "frappe.desk.treeview.get_children",
	fields: [
		{ fieldtype: "Data", fieldname: "category_name", label: __("Category Name"), reqd: true },
		{ fieldtype: "Data", fieldname: "category_name_zh", label: __("Chinese Name") },
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_feedback_category"],
};
