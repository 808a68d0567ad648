// Sales Invoice form: "Create → Feedback", prefilled from the invoice (new_feedback.bundle.js).
frappe.ui.form.on("Sales Invoice", {
	refresh: (frm) => feedback_loop.add_new_feedback_button(frm),
});
