// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

// The layout is computed on the server (feedback_loop.core.rca.fishbone); the form only shows it.
// `var`: Frappe may evaluate a form script more than once.
var draw_fishbone = frappe.utils.debounce((frm) => {
	if (frm.doc.method === "5 Whys") return;
	frappe
		.call({
			method: "feedback_loop.api.root_cause_analysis.get_fishbone_svg",
			args: { analysis: JSON.stringify(frm.doc), language: frappe.boot.lang },
		})
		.then(({ message }) => {
			frm.get_field("fishbone_html").$wrapper.html(
				`<div class="fishbone-diagram" style="overflow-x:auto">${message || ""}</div>`
			);
		});
}, 300);

frappe.ui.form.on("Root Cause Analysis", {
	refresh(frm) {
		draw_fishbone(frm);
		if (!frm.is_new()) show_next_step(frm);
		if (frm.doc.workflow_state === "Validated" && frappe.model.can_create("Improvement Plan")) {
			frm.add_custom_button(
				__("Improvement Plan"),
				() => frappe.new_doc("Improvement Plan", { source_analysis: frm.doc.name }),
				__("Create")
			);
		}
	},
	problem_statement: draw_fishbone,
	method: draw_fishbone,
});

frappe.ui.form.on("Root Cause Analysis Cause", {
	category: draw_fishbone,
	cause: draw_fishbone,
	parent_cause: draw_fishbone,
	is_root_cause: draw_fishbone,
	causes_remove: draw_fishbone,
});

// Who takes the next step, for a reader who does not see its button: the author of an analysis
// under review does not see Validate (services/next_step.py).
function show_next_step(frm) {
	const { name, modified } = frm.doc;
	frappe.call("feedback_loop.api.root_cause_analysis.next_step", { name }).then(({ message }) => {
		// The form may show another document, or this one saved again, by now.
		if (!message || frm.doc.name !== name || frm.doc.modified !== modified) return;
		frm.set_intro(frappe.utils.escape_html(message), "blue");
	});
}
