// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Improvement Plan", {
	setup(frm) {
		frm.set_query("source_analysis", () => ({ filters: { workflow_state: "Validated" } }));
		frm.set_query("category", () => ({ filters: { enabled: 1 } }));
		// The linked records' status and priority are copied as text: shown in the words of the
		// Feedback Record form (待处理, 中), not as stored.
		for (const fieldname of ["status", "priority"]) {
			const df = frappe.meta.get_docfield("Improvement Plan Feedback", fieldname);
			if (df) {
				df.formatter = (value) => frappe.utils.escape_html(value ? __(value, null, "Feedback Record") : "");
			}
		}
	},

	refresh(frm) {
		if (frm.doc.verification_note) {
			const colour = frm.doc.verification_result === "Verified Effective" ? "green" : "orange";
			frm.dashboard.set_headline(frappe.utils.escape_html(frm.doc.verification_note), colour);
		} else if (frm.doc.verification_due && !frm.doc.verification_result) {
			frm.dashboard.set_headline(
				__("Verified automatically after {0}.", [frappe.datetime.str_to_user(frm.doc.verification_due)]),
				"blue"
			);
		}
		if (!frm.is_new() && frm.perm[0].write) {
			frm.add_custom_button(__("Add Progress Note"), () => add_progress_note(frm));
		}
		if (!frm.is_new()) {
			add_my_actions(frm);
			show_next_step(frm);
		}
		// Opened from a validated analysis (its "Improvement Plan" button): the value came with
		// the route, so its change handler never ran.
		if (frm.is_new() && frm.doc.source_analysis && !frm.__filled_from_analysis) {
			frm.__filled_from_analysis = true;
			frm.trigger("source_analysis");
		}
	},

	source_analysis(frm) {
		if (!frm.doc.source_analysis) return;
		frappe.db
			.get_doc("Root Cause Analysis", frm.doc.source_analysis)
			.then((analysis) => {
				if (!frm.doc.title) frm.set_value("title", analysis.title);
				if (!frm.doc.category) frm.set_value("category", analysis.category);
				if (!frm.doc.item) frm.set_value("item", analysis.item);
				if (!(frm.doc.feedback_records || []).length) {
					for (const row of analysis.feedback_records || []) {
						frm.add_child("feedback_records", { feedback_record: row.feedback_record });
					}
					frm.refresh_field("feedback_records");
				}
				// The solutions chosen in the analysis are the first actions; owner and due date
				// are the planner's to give.
				const chosen = (analysis.solutions || []).filter((row) => row.chosen);
				if (chosen.length && !(frm.doc.actions || []).some((row) => row.measure)) {
					frm.clear_table("actions");
					for (const row of chosen) {
						frm.add_child("actions", { measure: row.solution, budget: row.estimated_cost });
					}
					frm.refresh_field("actions");
				}
			});
	},
});

function add_progress_note(frm) {
	frappe.prompt(
		[{ fieldname: "note", fieldtype: "Small Text", label: __("Note"), reqd: 1 }],
		({ note }) => {
			frm.add_child("progress_log", { note, logged_on: frappe.datetime.get_today() });
			frm.save();
		},
		__("Add Progress Note")
	);
}

// The work is done by each action's owner, whatever their role; the plan itself stays the
// planners' (services/plans/actions.py decides who may report on what, and when).
// `var`: Frappe may evaluate a form script more than once.
var CLOSED_PLAN_STATES = ["Completed", "Verifying", "Verified Effective", "Not Effective"];

function add_my_actions(frm) {
	if (CLOSED_PLAN_STATES.includes(frm.doc.workflow_state)) return;
	const mine = (frm.doc.actions || []).filter(
		(row) => row.owner_user === frappe.session.user && !["Done", "Cancelled"].includes(row.action_status)
	);
	for (const row of mine) {
		const label = frappe.utils.escape_html(frappe.ellipsis(row.measure || "", 40));
		frm.add_custom_button(`${row.idx}. ${label}`, () => report_on_action(frm, row), __("My Actions"));
	}
}

function report_on_action(frm, row) {
	const dialog = new frappe.ui.Dialog({
		title: __("Action {0}", [row.idx]),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p>${frappe.utils.escape_html(row.measure || "")}</p>`,
			},
			{
				fieldname: "status",
				fieldtype: "Select",
				label: __("Status"),
				// Only a planner cancels an action.
				options: ["Open", "In Progress", "Done"].map((value) => ({
					value,
					label: __(value, null, "Improvement Plan Action"),
				})),
				default: row.action_status,
			},
			{
				fieldname: "progress",
				fieldtype: "Percent",
				label: __("Progress", null, "Improvement Plan Action"),
				default: row.progress || 0,
				depends_on: "eval:doc.status !== 'Done'",
			},
			{ fieldname: "note", fieldtype: "Small Text", label: __("Note", null, "Improvement Plan Log") },
		],
		primary_action_label: __("Save"),
		primary_action(values) {
			frappe
				.call({
					method: "feedback_loop.api.improvement_plan.update_action",
					args: {
						plan: frm.doc.name,
						action: row.name,
						status: values.status,
						progress: values.progress,
						note: values.note,
					},
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

// Who takes the next step, for a reader who does not see its button (services/next_step.py).
function show_next_step(frm) {
	const { name, modified } = frm.doc;
	frappe.call("feedback_loop.api.improvement_plan.next_step", { name }).then(({ message }) => {
		// The form may show another document, or this one saved again, by now.
		if (!message || frm.doc.name !== name || frm.doc.modified !== modified) return;
		frm.set_intro(frappe.utils.escape_html(message), "blue");
	});
}
