"""Report columns of ERPNext document names (customers, items, departments, users).

Frappe filters a script report's rows by the reader's rights on every doctype a Link column
names, and refuses the whole report to a reader who may neither select nor read one of them.
Our roles read feedback about customers and items without rights on those doctypes
(docs/permissions.md), so for such a reader the column is the plain name, not a link.
"""

from feedback_loop.integrations.frappe.link_rights import may_see


def link_column(fieldname: str, label: str, doctype: str, width: int) -> dict:
	column = {"fieldname": fieldname, "label": label, "width": width}
	return (
		{**column, "fieldtype": "Link", "options": doctype}
		if may_see(doctype)
		else {**column, "fieldtype": "Data"}
	)
