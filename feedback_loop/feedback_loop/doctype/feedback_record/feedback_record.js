// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback Record", {
	setup(frm) {
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
		for (const field of ["sales_order", "delivery_note", "sales_invoice"]) {
			frm.set_query(field, () => ({
				filters: { customer: frm.doc.customer, docstatus: ["!=", 2] },
			}));
		}
		frm.set_query("issue", () => ({ filters: { customer: frm.doc.customer } }));
		frm.set_query("category", () => ({ filters: { enabled: 1 } }));
		frm.set_query("duplicate_of", () => ({
			filters: { name: ["!=", frm.doc.name], customer: frm.doc.customer },
		}));
	},

	refresh(frm) {
		// Opened from an order or invoice: show what was prefilled instead of hiding it.
		const references = ["sales_order", "delivery_note", "sales_invoice", "item", "issue"];
		if (references.some((field) => frm.doc[field])) {
			frm.fields_dict.references_section.collapse(false);
		}
	},

	impact: preview_priority,
	urgency: preview_priority,
	safety_or_legal_risk: preview_priority,

	customer(frm) {
		// References of the previous customer would be refused on save.
		for (const field of ["contact", "sales_order", "delivery_note", "sales_invoice", "issue"]) {
			if (frm.doc[field]) frm.set_value(field, null);
		}
	},
});

// The server decides the priority (feedback_loop.core.priority_matrix); the form only shows it.
function preview_priority(frm) {
	frappe
		.call("feedback_loop.api.feedback.preview_priority", {
			impact: frm.doc.impact,
			urgency: frm.doc.urgency,
			safety_or_legal_risk: frm.doc.safety_or_legal_risk,
		})
		.then(({ message }) => {
			if (message && message !== frm.doc.priority) frm.set_value("priority", message);
		});
}
