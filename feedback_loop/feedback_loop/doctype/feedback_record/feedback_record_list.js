frappe.listview_settings["Feedback Record"] = {
	add_fields: ["status", "priority"],
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
		return [__(doc.status, null, "Feedback Record"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
