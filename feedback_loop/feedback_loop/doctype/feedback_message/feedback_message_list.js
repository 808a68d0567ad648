// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

const MESSAGE_STATUS_COLOURS = {
	Queued: "blue",
	Retrying: "orange",
	Sent: "green",
	Failed: "red",
	Skipped: "gray",
};

frappe.listview_settings["Feedback Message"] = {
	get_indicator(doc) {
		return [__(doc.status), MESSAGE_STATUS_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
