// The status is translated in the Feedback Record context, as its other Select values are
// (values_in_context.bundle.js): Frappe's own "Open" or "Duplicate" mean something else.
function in_feedback_context(value) {
	return value ? __(value, null, "Feedback Record") : "";
}

// The SLA column says what the form's header says (services/sla/indicator.py, core/sla/now.py):
// the first response while it is owed, else the resolution, with the time left until its due
// moment. The states are the stored ones, which the five-minute sweep keeps true; the time left is
// counted here, so a list left open does not go stale. The words are the server's source strings.
var SLA_COLOURS = {
	"On Track": "blue",
	"At Risk": "orange",
	Breached: "red",
	Paused: "yellow",
	Met: "green",
};

function sla_duration(seconds) {
	const minutes = Math.max(1, Math.round(Math.abs(seconds) / 60));
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	if (days) return __("{0} d {1} h", [days, hours]);
	if (hours) return __("{0} h {1} min", [hours, minutes % 60]);
	return __("{0} min", [minutes]);
}

function sla_now(doc) {
	if (!doc.resolution_sla_status || !doc.resolution_due) return null;
	if (doc.resolution_fulfilled_on) return { status: doc.resolution_sla_status };
	if (doc.response_sla_status && !doc.first_responded_on && doc.first_response_due) {
		return { status: doc.response_sla_status, first: true, due: doc.first_response_due };
	}
	return { status: doc.resolution_sla_status, first: false, due: doc.resolution_due };
}

function sla_label(sla) {
	const status = in_feedback_context(sla.status);
	if (!sla.due || ["Paused", "Met"].includes(sla.status)) return __("SLA: {0}", [status]);
	const seconds = moment(sla.due).diff(moment(frappe.datetime.system_datetime()), "seconds");
	const duration = sla_duration(seconds);
	let text;
	if (seconds >= 0) {
		text = sla.first
			? __("First response due in {0}", [duration])
			: __("Resolution due in {0}", [duration]);
	} else {
		text = sla.first
			? __("First response overdue by {0}", [duration])
			: __("Resolution overdue by {0}", [duration]);
	}
	return `${status} · ${text}`;
}

// A list column is narrow: the largest unit of the time left or late ("2 h left", "3 d late"),
// coloured by the state; the state and the whole sentence are its tooltip.
function sla_short(sla) {
	if (!sla.due || ["Paused", "Met"].includes(sla.status)) return in_feedback_context(sla.status);
	const seconds = moment(sla.due).diff(moment(frappe.datetime.system_datetime()), "seconds");
	const minutes = Math.max(1, Math.round(Math.abs(seconds) / 60));
	let time;
	if (minutes >= 1440) time = __("{0} d", [Math.floor(minutes / 1440)]);
	else if (minutes >= 60) time = __("{0} h", [Math.floor(minutes / 60)]);
	else time = __("{0} min", [minutes]);
	return seconds >= 0 ? __("{0} left", [time]) : __("{0} late", [time]);
}

function sla_pill(value, df, doc) {
	const sla = sla_now(doc);
	if (!sla) return "";
	const title = frappe.utils.escape_html(sla_label(sla));
	const shown = frappe.utils.escape_html(sla_short(sla));
	const filter = sla.first ? "response_sla_status" : "resolution_sla_status";
	return `<span class="ellipsis" title="${title}">
		<span class="filterable indicator-pill ${SLA_COLOURS[sla.status] || "gray"} ellipsis"
			data-filter="${filter},=,${frappe.utils.escape_html(sla.status)}">
			<span class="ellipsis">${shown}</span></span></span>`;
}

frappe.listview_settings["Feedback Record"] = {
	add_fields: [
		"status",
		"priority",
		"response_sla_status",
		"first_response_due",
		"first_responded_on",
		"resolution_due",
		"resolution_fulfilled_on",
	],
	formatters: { resolution_sla_status: sla_pill },
	onload(listview) {
		if (frappe.model.can_create("Feedback Record")) {
			listview.page.add_inner_button(__("Enter Paper Forms"), () => feedback_loop.enter_paper_forms());
		}
		if (!frappe.model.can_create("Root Cause Analysis")) return;
		listview.page.add_actions_menu_item(__("Start Root Cause Analysis"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return;
			frappe
				.call("feedback_loop.api.root_cause_analysis.start_root_cause_analysis", {
					feedback_records: names,
				})
				.then(({ message }) => frappe.set_route("Form", "Root Cause Analysis", message));
		});
	},
	get_indicator(doc) {
		const colors = {
			Open: "red",
			Acknowledged: "orange",
			"In Progress": "blue",
			"Waiting on Customer": "yellow",
			Resolved: "green",
			Closed: "gray",
			Invalid: "darkgrey",
			Duplicate: "darkgrey",
		};
		return [in_feedback_context(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
