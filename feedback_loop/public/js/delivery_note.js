// Delivery Note form: "Create → Feedback", prefilled from the delivery (new_feedback.bundle.js).
frappe.ui.form.on("Delivery Note", {
	refresh: (frm) => feedback_loop.add_new_feedback_button(frm),
});
