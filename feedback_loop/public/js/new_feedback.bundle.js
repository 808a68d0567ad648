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
