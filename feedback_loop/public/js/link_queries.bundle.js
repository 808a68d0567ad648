// Our forms' links to ERPNext doctypes (customer, order, department ...) search through the app
// when the user may pick that doctype only through one of our roles: ERPNext's own permission
// rules stay untouched (feedback_loop/integrations/frappe/link_rights.py). A form's own query
// (its filters) is kept; a link that already names its own search method is left alone.
const SEARCH = "feedback_loop.api.link_search.search";

function needs_our_search(doctype) {
	const pickable = frappe.boot.feedback_loop_pickable || [];
	return (
		pickable.includes(doctype) &&
		!frappe.model.can_select(doctype) &&
		!frappe.model.can_read(doctype)
	);
}

function through_our_search(control) {
	if (!control || control.__feedback_loop_search) return;
	const own = control.get_query || (control.df && control.df.get_query);
	control.get_query = function (...args) {
		const base = (typeof own === "function" ? own.apply(this, args) : own) || {};
		return base.query ? base : { ...base, query: SEARCH };
	};
	control.__feedback_loop_search = true;
}

function link_fields_of(doctype) {
	return frappe.meta
		.get_docfields(doctype)
		.filter((df) => df.fieldtype === "Link" && needs_our_search(df.options));
}

function route_links(frm) {
	for (const df of link_fields_of(frm.doctype)) {
		through_our_search(frm.fields_dict[df.fieldname]);
	}
	for (const table of frappe.meta
		.get_docfields(frm.doctype)
		.filter((df) => frappe.model.table_fields.includes(df.fieldtype))) {
		const grid = frm.fields_dict[table.fieldname] && frm.fields_dict[table.fieldname].grid;
		if (!grid) continue;
		for (const df of link_fields_of(table.options)) {
			through_our_search(grid.get_field(df.fieldname));
		}
	}
}

for (const doctype of frappe.boot.feedback_loop_forms || []) {
	frappe.ui.form.on(doctype, { onload: route_links });
}
