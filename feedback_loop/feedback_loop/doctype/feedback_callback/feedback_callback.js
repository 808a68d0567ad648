// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

// A phone revisit: the agent calls with the script and the survey's questions in the customer's
// language and records the answers, or that nobody answered. The server checks and scores them
// (feedback_loop.services.callbacks.phone), as it does the online survey's.
frappe.ui.form.on("Feedback Callback", {
	refresh(frm) {
		const actions = frm.get_field("call_actions");
		if (actions) actions.$wrapper.empty();
		if (frm.is_new() || frm.doc.channel !== "Phone" || !["Scheduled", "Sent"].includes(frm.doc.status)) {
			return;
		}
		if (!frappe.model.can_write("Feedback Callback")) return;
		frm.add_custom_button(__("Record Call"), () => record_call(frm)).addClass("btn-primary");
		frm.add_custom_button(__("No Answer"), () => record_no_answer(frm));
		// The toolbar folds custom buttons into a menu on a phone: the same two, large, in the form.
		if (actions) {
			$(`<div class="d-flex flex-wrap mb-3" style="gap: 8px">
				<button class="btn btn-primary btn-md fl-record-call">${__("Record Call")}</button>
				<button class="btn btn-default btn-md fl-no-answer">${__("No Answer")}</button>
			</div>`).appendTo(actions.$wrapper);
			actions.$wrapper.find(".fl-record-call").on("click", () => record_call(frm));
			actions.$wrapper.find(".fl-no-answer").on("click", () => record_no_answer(frm));
		}
	},
});

function record_call(frm) {
	frappe
		.call("feedback_loop.api.revisit.call_sheet", { callback: frm.doc.name })
		.then(({ message: sheet }) => {
			const dialog = new frappe.ui.Dialog({
				title: __("Record Call"),
				size: "large",
				fields: [
					{ fieldtype: "HTML", fieldname: "sheet" },
					...sheet.questions.map(feedback_loop.survey_question_field),
					{ fieldtype: "Small Text", fieldname: "notes", label: __("Notes") },
				],
				primary_action_label: __("Save Answers"),
				primary_action(values) {
					const answers = {};
					for (const q of sheet.questions) answers[q.key] = values[q.key] ?? "";
					frappe
						.call({
							method: "feedback_loop.api.revisit.record_call",
							args: { callback: frm.doc.name, answers, notes: values.notes },
							freeze: true,
						})
						.then(({ message }) => {
							if (message.ok) {
								dialog.hide();
								frm.reload_doc();
								return;
							}
							feedback_loop.show_answer_problems(sheet.questions, message.problems);
						});
				},
			});
			// Set after the dialog is made: an HTML field's options go through translation and
			// templating, which lose the script's line breaks.
			dialog.fields_dict.sheet.$wrapper.html(sheet_html(sheet));
			dialog.show();
		});
}

function sheet_html(sheet) {
	const esc = frappe.utils.escape_html;
	const lines = (text) => esc(text).replace(/\n/g, "<br>");
	const numbers = sheet.numbers.length
		? ` · ${sheet.numbers.map((n) => `<a href="tel:${esc(n)}">${esc(n)}</a>`).join(", ")}`
		: "";
	return `<div class="mb-3">
		<div class="text-muted small">${esc(sheet.contact || sheet.customer || "")}${numbers}</div>
		${sheet.script ? `<div class="mt-2 p-2 bg-light rounded">${lines(sheet.script)}</div>` : ""}
		${sheet.intro ? `<p class="mt-2">${lines(sheet.intro)}</p>` : ""}
	</div>`;
}

function record_no_answer(frm) {
	frappe
		.call("feedback_loop.api.revisit.call_sheet", { callback: frm.doc.name })
		.then(({ message: sheet }) =>
			sheet.last_call
				? frappe.confirm(
						__("That was the last call: the revisit ends as No Response. Record it?"),
						() => save_no_answer(frm, null)
				  )
				: ask_when_to_call_again(frm, sheet.call_again_at)
		);
}

function save_no_answer(frm, call_back_at) {
	return frappe
		.call({
			method: "feedback_loop.api.revisit.record_no_answer",
			args: { callback: frm.doc.name, call_back_at },
			freeze: true,
		})
		.then(() => frm.reload_doc());
}

function ask_when_to_call_again(frm, suggested) {
	frappe.prompt(
		[
			{
				fieldtype: "Datetime",
				fieldname: "call_back_at",
				label: __("Call Again At"),
				reqd: 1,
				// A moment, not a date: a date alone would mean midnight.
				default: suggested,
			},
		],
		(values) => save_no_answer(frm, values.call_back_at),
		__("No Answer"),
		__("Save")
	);
}
