// Customer form: "Create → Feedback" (new_feedback.bundle.js) and a one-line feedback summary.
frappe.ui.form.on("Customer", {
	refresh(frm) {
		feedback_loop.add_new_feedback_button(frm);
		if (frm.is_new() || !frappe.model.can_read("Feedback Record")) return;

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
				frm.dashboard
					.add_indicator(
						__("Negative Feedback: {0}%", [s.negative_share]),
						s.negative_share >= 30 ? "red" : "blue"
					)
					.attr("title", s.sentiment_note);
				frm.dashboard.add_indicator(
					__("Last Feedback: {0}", [frappe.datetime.comment_when(s.last_feedback_on)]),
					"gray"
				);
			});
	},
});
