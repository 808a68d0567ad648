// Sales Order form: "New Feedback", prefilled from the order, with a choice of its items.
frappe.ui.form.on("Sales Order", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus === 2) return;
		if (!frappe.model.can_create("Feedback Record")) return;

		frm.add_custom_button(
			__("Feedback"),
			() => {
				frappe
					.call("feedback_loop.api.feedback.get_new_feedback_values", {
						reference_doctype: frm.doctype,
						reference_name: frm.doc.name,
					})
					.then(({ message }) => pick_item_then_open(message));
			},
			__("Create")
		);
	},
});

function pick_item_then_open({ values, items }) {
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
					{ value: "", label: __("The whole order") },
					...items.map((i) => ({
						value: i.item_code,
						label: i.item_name && i.item_name !== i.item_code
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
