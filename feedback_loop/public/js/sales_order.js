// Sales Order form: "Create → Feedback", prefilled from the order (new_feedback.bundle.js).
frappe.ui.form.on("Sales Order", {
	refresh: (frm) => feedback_loop.add_new_feedback_button(frm),
});
