// The status is translated in the Feedback Record context, as its other Select values are
// (values_in_context.bundle.js): Frappe's own "Open" or "Duplicate" mean something else.
function in_feedback_context(value) {
	return value ? __(value, null, "Feedback Record") : "";
}

frappe.listview_settings["Feedback Record"] = {
	add_fields: ["status", "priority"],
	onload(listview) {
		if (!frappe.model.can_create("Root Cause Analysis")) return;
		listview.page.add_actions_menu_item(__("Start Root Cause Analysis"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return;
			frappe
				.call("feedback_loop.api.root_cause_analysis.start_root_cause_analysis", {
					feedback_records: names,
				})
				.then(({ message }) => frappe.set_route("Form", "Root Cause Analysis", message));
		});
	},
	get_indicator(doc) {
		const colors = {
			Open: "red",
			Acknowledged: "orange",
			"In Progress": "blue",
			"Waiting on Customer": "yellow",
			Resolved: "green",
			Closed: "gray",
			Invalid: "darkgrey",
			Duplicate: "darkgrey",
		};
		return [in_feedback_context(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
