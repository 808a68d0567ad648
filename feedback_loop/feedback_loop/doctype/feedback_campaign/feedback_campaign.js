// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback Campaign", {
	setup(frm) {
		frm.set_query("pricing_rule", () => ({ filters: { coupon_code_based: 1, disable: 0 } }));
		frm.set_query("survey_template", () => ({ filters: { enabled: 1 } }));
	},

	refresh(frm) {
		show_results(frm);
		if (frm.is_new() || !frm.perm[0].write) return;
		if (frm.doc.status === "Draft") {
			frm.add_custom_button(__("Start Campaign"), () =>
				frappe.confirm(__("Send the survey to every target customer now?"), () =>
					frappe
						.call({
							method: "feedback_loop.api.campaigns.start_campaign",
							args: { name: frm.doc.name },
							freeze: true,
						})
						.then(({ message }) => {
							frappe.msgprint(
								__("{0} revisits planned; {1} customers could not be reached.", [
									message.planned,
									message.unreachable,
								])
							);
							frm.reload_doc();
						})
				)
			).addClass("btn-primary");
		}
		if (frm.doc.status === "Running") {
			frm.add_custom_button(__("Close Campaign"), () =>
				frappe
					.call({ method: "feedback_loop.api.campaigns.close_campaign", args: { name: frm.doc.name } })
					.then(() => frm.reload_doc())
			);
		}
	},
});

function show_results(frm) {
	const figures = (frm.doc.__onload || {}).figures;
	const wrapper = frm.get_field("results_html").$wrapper;
	if (!figures || !figures.targeted) {
		wrapper.html(`<p class="text-muted">${__("No results yet: start the campaign.")}</p>`);
		return;
	}
	const esc = frappe.utils.escape_html;
	const dash = (value, suffix = "") => (value === null || value === undefined ? "—" : `${value}${suffix}`);
	const findings = figures.findings.length
		? figures.findings.map(([category, count]) => `${esc(category)} (${count})`).join(", ")
		: __("none yet");
	wrapper.html(`<table class="table table-bordered table-sm">
		<tr><th>${__("Target Customers")}</th><td>${figures.targeted}</td>
			<th>${__("Surveys Sent")}</th><td>${figures.sent}</td></tr>
		<tr><th>${__("Answered")}</th><td>${figures.answered}</td>
			<th>${__("Response Rate")}</th><td>${dash(figures.response_rate, " %")}</td></tr>
		<tr><th>${__("CSAT Average")}</th><td>${dash(figures.csat)}</td>
			<th>${__("Coupons Given")}</th><td>${figures.coupons}</td></tr>
		<tr><th>${__("Feedback Raised")}</th><td>${figures.feedback}</td>
			<th>${__("Most Frequent Problems")}</th><td>${findings}</td></tr>
	</table>`);
}
