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
