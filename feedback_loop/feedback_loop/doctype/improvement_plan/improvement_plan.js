// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Improvement Plan", {
	setup(frm) {
		frm.set_query("source_analysis", () => ({ filters: { workflow_state: "Validated" } }));
		frm.set_query("category", () => ({ filters: { enabled: 1 } }));
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
