// A survey question as a dialog field, and the answers the server refused, the same for a phone
// call (Feedback Callback → Record Call) and a paper questionnaire typed in (Feedback Record list →
// Enter Paper Forms): scores as a choice of the scale's numbers, single choice as its options in
// the customer's language.
frappe.provide("feedback_loop");

const SCALES = { "CSAT (1-5)": [1, 5], "NPS (0-10)": [0, 10], "CES (1-7)": [1, 7] };

feedback_loop.survey_question_field = function (q) {
	const field = { fieldname: q.key, label: q.text, reqd: q.required ? 1 : 0 };
	if (SCALES[q.type]) {
		const [low, high] = SCALES[q.type];
		const scores = [];
		for (let n = low; n <= high; n++) scores.push(String(n));
		return { ...field, fieldtype: "Select", options: ["", ...scores] };
	}
	if (q.type === "Single Choice") {
		return {
			...field,
			fieldtype: "Select",
			options: [{ label: "", value: "" }, ...q.options.map(([value, label]) => ({ value, label }))],
		};
	}
	if (q.type === "Problem Solved (Yes/No)") {
		return {
			...field,
			fieldtype: "Select",
			options: [
				{ label: "", value: "" },
				{ label: __("Yes, solved"), value: "yes" },
				{ label: __("No, not solved"), value: "no" },
			],
		};
	}
	return { ...field, fieldtype: "Small Text" };
};

// The answers the server refused, each under its question's text, in one message.
feedback_loop.show_answer_problems = function (questions, problems) {
	const lines = Object.entries(problems || {}).map(
		([key, problem]) =>
			`${frappe.utils.escape_html(
				questions.find((q) => q.key === key)?.text || key
			)}: ${frappe.utils.escape_html(problem)}`
	);
	frappe.msgprint(lines.join("<br>"), __("Check the answers"));
};
