// Issue form: "Create → Feedback", prefilled from the issue (new_feedback.bundle.js).
frappe.ui.form.on("Issue", {
	refresh: (frm) => feedback_loop.add_new_feedback_button(frm),
});
