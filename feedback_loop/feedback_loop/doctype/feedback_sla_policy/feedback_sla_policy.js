// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback SLA Policy", {
	onload(frm) {
		frappe.call("frappe.core.doctype.user.user.get_timezones").then(({ message }) => {
			frm.set_df_property("timezone", "options", message.timezones);
		});
	},

	refresh(frm) {
		render_preview(frm);
	},

	timezone: render_preview,
	holiday_list: render_preview,
});

frappe.ui.form.on("Feedback SLA Target", {
	targets_remove: render_preview,
	response_time: render_preview,
	response_unit: render_preview,
	resolution_time: render_preview,
	resolution_unit: render_preview,
});

// When feedback recorded at "Start At" would be due. "Start At" is a control of the preview, not
// a field of the policy: choosing a moment to try out must not make the policy "Not Saved" (it was
// a stored field, set on every opening, so every policy opened unsaved and its history filled up).
function preview_start_control(frm) {
	const wrapper = frm.get_field("preview_html").$wrapper;
	const existing = frm.__preview_start;
	if (existing && $.contains(wrapper.get(0), existing.$wrapper.get(0))) return existing;
	wrapper.empty();
	const parent = $(`<div style="max-width: 20rem"></div>`).appendTo(wrapper);
	$(`<div class="fl-preview-table"></div>`).appendTo(wrapper);
	// Its own little document, as a dialog's fields have: never the policy.
	const values = { preview_start: frappe.datetime.now_datetime() };
	const control = frappe.ui.form.make_control({
		df: {
			fieldtype: "Datetime",
			fieldname: "preview_start",
			label: __("Start At"),
			description: __("Due moments per priority for feedback recorded at this moment"),
			change: () => render_preview(frm),
		},
		parent,
		doc: values,
		render_input: true,
	});
	control.set_input(values.preview_start);
	control.values = values;
	frm.__preview_start = control;
	return control;
}

// The server computes the moments (feedback_loop.core.sla.calendar); the form only lays them out.
function render_preview(frm) {
	const start = preview_start_control(frm);
	const table = frm.get_field("preview_html").$wrapper.find(".fl-preview-table");
	if (!frm.doc.targets || !frm.doc.targets.length) {
		table.empty();
		return;
	}
	frappe
		.call("feedback_loop.api.sla.preview_due_moments", {
			policy: JSON.stringify(frm.doc),
			start: start.values.preview_start || frappe.datetime.now_datetime(),
		})
		.then(({ message }) => {
			if (!message || !message.length) {
				table.html(
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
			table.html(`
				<table class="table table-bordered table-sm">
					<thead><tr><th>${__("Priority")}</th><th>${__("First Response Due")}</th>
					<th>${__("Resolution Due")}</th></tr></thead>
					<tbody>${rows}</tbody>
				</table>`);
		});
}
