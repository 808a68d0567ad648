// A stack of returned paper questionnaires typed in one after another (Feedback Record list →
// Enter Paper Forms): the questionnaire and its language are chosen once, then each form is its
// customer, order and answers; "Save and Next" opens the next empty form at once.
// (feedback_loop.services.intake.paper_forms: each becomes feedback on the Paper Form channel.)
frappe.provide("feedback_loop");

feedback_loop.enter_paper_forms = function () {
	const choose = new frappe.ui.Dialog({
		title: __("Enter Paper Forms"),
		fields: [
			{
				fieldname: "template",
				fieldtype: "Link",
				options: "Feedback Survey Template",
				label: __("Questionnaire"),
				reqd: 1,
				get_query: () => ({ filters: { enabled: 1 } }),
			},
			{
				fieldname: "language",
				fieldtype: "Select",
				label: __("Language of the Printed Forms"),
				options: [
					{ label: "中文", value: "zh" },
					{ label: "English", value: "en" },
				],
				default: (frappe.boot.lang || "").startsWith("zh") ? "zh" : "en",
			},
		],
		primary_action_label: __("Start"),
		primary_action({ template, language }) {
			choose.hide();
			frappe
				.call("feedback_loop.api.paper_forms.paper_form_sheet", { template, language })
				.then(({ message: sheet }) => open_paper_form({ template, language, sheet, entered: 0 }));
		},
	});
	choose.show();
};

function open_paper_form(stack) {
	const { template, language, sheet } = stack;
	// One id per form: a double click or a retried request stores it once.
	const form_id = frappe.utils.get_random(20);
	const dialog = new frappe.ui.Dialog({
		title: __("Paper Form {0}", [stack.entered + 1]),
		size: "large",
		fields: [
			{ fieldname: "customer", fieldtype: "Link", options: "Customer", label: __("Customer"), reqd: 1 },
			{ fieldtype: "Column Break" },
			{
				fieldname: "contact",
				fieldtype: "Link",
				options: "Contact",
				label: __("Contact"),
				get_query: () => ({
					query: "frappe.contacts.doctype.contact.contact.contact_query",
					filters: { link_doctype: "Customer", link_name: dialog.get_value("customer") },
				}),
			},
			{ fieldtype: "Column Break" },
			{
				fieldname: "sales_order",
				fieldtype: "Link",
				options: "Sales Order",
				label: __("Order No."),
				get_query: () => ({ filters: { customer: dialog.get_value("customer"), docstatus: 1 } }),
			},
			{ fieldtype: "Section Break" },
			...sheet.questions.map(feedback_loop.survey_question_field),
			{ fieldtype: "Section Break" },
			{ fieldname: "consent", fieldtype: "Check", label: __("The customer ticked the consent box") },
		],
		primary_action_label: __("Save and Next"),
		primary_action(values) {
			save(values, true);
		},
		secondary_action_label: __("Save and Close"),
		secondary_action() {
			const values = dialog.get_values();
			if (values) save(values, false);
		},
	});

	function save(values, next) {
		const answers = {};
		for (const q of sheet.questions) answers[q.key] = values[q.key] ?? "";
		frappe
			.call({
				method: "feedback_loop.api.paper_forms.record_paper_form",
				args: {
					template,
					answers,
					customer: values.customer,
					contact: values.contact,
					sales_order: values.sales_order,
					language,
					consent: values.consent ? 1 : 0,
					form_id,
				},
				freeze: true,
			})
			.then(({ message }) => {
				if (!message.ok) {
					feedback_loop.show_answer_problems(sheet.questions, message.problems);
					return;
				}
				frappe.show_alert({ message: __("Saved as {0}", [message.name]), indicator: "green" });
				dialog.hide();
				if (next) {
					open_paper_form({ ...stack, entered: stack.entered + 1 });
				} else if (window.cur_list && cur_list.doctype === "Feedback Record") {
					cur_list.refresh();
				}
			});
	}
	dialog.show();
}
