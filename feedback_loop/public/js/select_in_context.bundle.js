// Frappe translates a Select's options in their doctype's context while they can be chosen, but
// shows a read-only or listed value with the word's general translation. In Chinese our category
// source "Manual" (人工) then read 手册 (a handbook) and a status "Duplicate" 复制 (to copy).
// Our doctypes' values are shown in their own context, as Frappe does when they are edited;
// other apps' fields are left to Frappe.
const frappe_select_formatter = frappe.form.formatters.Select;

frappe.form.formatters.Select = function (value, df, ...rest) {
	const doctype = df && df.parent;
	if (value && doctype && frappe.get_meta(doctype)?.module === "Feedback Loop") {
		return __(frappe.form.formatters.Data(value, df), null, doctype);
	}
	return frappe_select_formatter(value, df, ...rest);
};
