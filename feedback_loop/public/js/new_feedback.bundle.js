// "Create → Feedback" on the pages feedback is about: a customer, an order, a delivery, an
// invoice, an issue. The server fills in the customer, contact, reply language and the document
// (feedback_loop.services.intake.prefill); with several items, the agent picks the one meant.
frappe.provide("feedback_loop");

feedback_loop.add_new_feedback_button = function (frm) {
	if (frm.is_new() || frm.doc.docstatus === 2) return;
	if (!frappe.model.can_create("Feedback Record")) return;
	frm.add_custom_button(
		__("Feedback"),
		() =>
			frappe
				.call("feedback_loop.api.feedback.get_new_feedback_values", {
					reference_doctype: frm.doctype,
					reference_name: frm.doc.name,
				})
				.then(({ message }) => pick_item_then_open(message, frm.doctype)),
		__("Create")
	);
};

function pick_item_then_open({ values, items }, doctype) {
	if (items.length <= 1) {
		frappe.new_doc("Feedback Record", values);
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("Which item is the feedback about?"),
		fields: [
			{
				fieldname: "item",
				fieldtype: "Select",
				label: __("Item"),
				options: [
					{
						value: "",
						label: doctype === "Sales Order" ? __("The whole order") : __("All items"),
					},
					...items.map((i) => ({
						value: i.item_code,
						label:
							i.item_name && i.item_name !== i.item_code
								? `${i.item_code}: ${i.item_name}`
								: i.item_code,
					})),
				],
			},
		],
		primary_action_label: __("New Feedback"),
		primary_action({ item }) {
			dialog.hide();
			frappe.new_doc("Feedback Record", item ? { ...values, item } : values);
		},
	});
	dialog.show();
}

// A Customer created from a Feedback Record's Customer field ("Create a new Customer"): ERPNext's
// quick entry keeps the e-mail and the mobile number in a collapsed section, so the agent who
// typed the customer's name never saw where its e-mail goes, and the new customer had none.
// From a feedback record that section is open and filled in with what the record knows; ERPNext
// makes the customer's primary Contact from it. Elsewhere the quick entry stays ERPNext's own.
const ErpnextCustomerQuickEntry = frappe.ui.form.CustomerQuickEntryForm;

function feedback_record_behind_link() {
	const frm = frappe._from_link && frappe._from_link.frm;
	return frm && frm.doctype === "Feedback Record" ? frm.doc : null;
}

if (ErpnextCustomerQuickEntry) {
	frappe.ui.form.CustomerQuickEntryForm = class CustomerFromFeedbackQuickEntry extends (
		ErpnextCustomerQuickEntry
	) {
		get_variant_fields() {
			const fields = super.get_variant_fields();
			if (!feedback_record_behind_link()) return fields;
			const email = fields.findIndex((df) => df.fieldname === "email_address");
			return fields.map((df, index) =>
				index === email - 1 && df.fieldtype === "Section Break" ? { ...df, collapsible: 0 } : df
			);
		}

		render_dialog() {
			super.render_dialog();
			const record = feedback_record_behind_link();
			if (!record) return;
			// set_value, not a default: the quick entry saves the dialog's document.
			const fill = {
				// The real address; a reader without the contact details has only the masked one.
				email_address: record.contact_email || record.sender,
				mobile_number: record.contact_phone,
				customer_name: record.sender_name,
			};
			for (const [fieldname, value] of Object.entries(fill)) {
				if (value && this.dialog.fields_dict[fieldname] && !this.dialog.get_value(fieldname)) {
					this.dialog.set_value(fieldname, value);
				}
			}
		}
	};
}
