// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Retrain Category Model"), () =>
			frappe
				.call("feedback_loop.api.triage.retrain_category_model_now")
				.then(({ message }) => frappe.show_alert({ message, indicator: "blue" }))
		);
	},
});
