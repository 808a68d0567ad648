// Customer form: "New Feedback" and a one-line feedback summary.
frappe.ui.form.on("Customer", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("Feedback Record")) return;

		frm.add_custom_button(
			__("Feedback"),
			() => feedback_loop_new_feedback(frm),
			__("Create")
		);

		frappe
			.call("feedback_loop.api.feedback.get_customer_feedback_summary", {
				customer: frm.doc.name,
			})
			.then(({ message: s }) => {
				if (!s || !s.total) return;
				frm.dashboard.add_indicator(
					__("Open Feedback: {0}", [s.open]),
					s.open ? "orange" : "green"
				);
				frm.dashboard.add_indicator(
					__("Negative Feedback: {0}%", [s.negative_share]),
					s.negative_share >= 30 ? "red" : "blue"
				);
				frm.dashboard.add_indicator(
					__("Last Feedback: {0}", [frappe.datetime.comment_when(s.last_feedback_on)]),
					"gray"
				);
			});
	},
});

function feedback_loop_new_feedback(frm) {
	frappe
		.call("feedback_loop.api.feedback.get_new_feedback_values", {
			reference_doctype: frm.doctype,
			reference_name: frm.doc.name,
		})
		.then(({ message }) => frappe.new_doc("Feedback Record", message.values));
}
