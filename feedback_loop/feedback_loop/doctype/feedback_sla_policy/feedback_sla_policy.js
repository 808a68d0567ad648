// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback SLA Policy", {
	onload(frm) {
		frappe.call("frappe.core.doctype.user.user.get_timezones").then(({ message }) => {
			frm.set_df_property("timezone", "options", message.timezones);
		});
	},

	refresh(frm) {
		if (!frm.doc.preview_start) frm.set_value("preview_start", frappe.datetime.now_datetime());
		render_preview(frm);
	},

	preview_start: render_preview,
	timezone: render_preview,
	holiday_list: render_preview,
});

frappe.ui.form.on("Feedback SLA Target", { targets_remove: render_preview });

// The server computes the moments (feedback_loop.core.sla.calendar); the form only lays them out.
function render_preview(frm) {
	if (!frm.doc.targets || !frm.doc.targets.length) return;
	frappe
		.call("feedback_loop.api.sla.preview_due_moments", {
			policy: JSON.stringify(frm.doc),
			start: frm.doc.preview_start,
		})
		.then(({ message }) => {
			if (!message || !message.length) {
				frm.get_field("preview_html").$wrapper.html(
					`<p class="text-muted small">${__(
						"Fill in the working hours and the time limits to see when feedback would be due."
					)}</p>`
				);
				return;
			}
			const rows = message
				.map(
					(r) => `<tr><td>${__(r.priority, null, "Feedback Record")}</td>
					<td>${frappe.datetime.str_to_user(r.first_response_due)}</td>
					<td>${frappe.datetime.str_to_user(r.resolution_due)}</td></tr>`
				)
				.join("");
			frm.get_field("preview_html").$wrapper.html(`
				<table class="table table-bordered table-sm">
					<thead><tr><th>${__("Priority")}</th><th>${__("First Response Due")}</th>
					<th>${__("Resolution Due")}</th></tr></thead>
					<tbody>${rows}</tbody>
				</table>`);
		});
}
