"""Who sees which Feedback Record.

The rule itself is ``feedback_loop.core.privacy.visibility.feedback_scope``; the list-view condition
and the single-document check below both ask it, so they cannot disagree. Which customers a
Sales User may read is Frappe's own business (role permissions plus User Permissions on
Customer, which Frappe applies to the `customer` link of every list and document).
"""

import frappe

from feedback_loop.core.privacy.visibility import Scope, feedback_scope


def feedback_scope_of(user: str | None = None) -> Scope:
	user = user or frappe.session.user
	# Asked three times a desk save (the insert, the form's answer, its docinfo): the Customer
	# permission check only for the roles it decides.
	return feedback_scope(
		set(frappe.get_roles(user)),
		can_read_customers=lambda: bool(frappe.has_permission("Customer", "read", user=user)),
	)


def feedback_record_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if feedback_scope_of(user) is Scope.OWN:
		fr = frappe.qb.DocType("Feedback Record")
		return (fr.owner == user).get_sql(quote_char="`", with_namespace=True)
	return ""


def has_feedback_record_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if feedback_scope_of(user) is Scope.OWN:
		return doc.owner == user
	# True: no objection, Frappe's role and user permissions decide. (A hook can only deny;
	# Frappe 16 reads None as a denial, Frappe 15 as no opinion.)
	return True
