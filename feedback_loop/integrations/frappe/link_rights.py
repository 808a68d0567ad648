"""What our roles may pick of ERPNext's doctypes, without touching those doctypes' permissions.

A Feedback Agent records feedback for a customer, about an order, a delivery, an invoice or an
issue; a Quality Analyst names the department that owns an action. Frappe's link search and
its link check refuse a doctype the user may neither select nor read. Rules for our roles on
ERPNext's doctypes would have to be Custom DocPerms, and Frappe reads a doctype's Custom DocPerms
*instead of* its standard rules once it has any: ERPNext's later permission changes would
never reach the site again. So the rules stay ERPNext's, and for our forms and reports the app
answers the two questions itself, for the roles and doctypes below only:

- the link search of our forms (`api.link_search.search`, set on their link fields by
  public/js/link_queries.bundle.js) lists names and search fields, within the user's User
  Permissions;
- the link check (`link_check.py`, in place of Frappe's) confirms a name and, with **read**,
  returns the fields our forms copy from it (their `fetch_from`), nothing more.

A user whom ERPNext's own roles let select or read the doctype gets Frappe's own answer.
"""

from functools import cache

import frappe

from feedback_loop.setup.roles import ROLES

#: doctype → role → right: "select" (the name and search fields), "read" (also the fields our
#: forms copy from it).
GRANTS: dict[str, dict[str, str]] = {
	"Customer": {"Feedback Manager": "read", "Feedback Agent": "read", "Quality Analyst": "select"},
	"Contact": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Sales Order": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Delivery Note": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Sales Invoice": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Issue": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Item": {"Feedback Manager": "select", "Feedback Agent": "select", "Quality Analyst": "select"},
	"Department": {"Feedback Manager": "select", "Feedback Agent": "select", "Quality Analyst": "select"},
	"Customer Group": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Territory": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Industry Type": {"Feedback Manager": "select", "Feedback Agent": "select"},
	"Holiday List": {"Feedback Manager": "select"},
	"Pricing Rule": {"Feedback Manager": "select"},
	"Role": {"Feedback Manager": "select"},
}
MODULE = "Feedback Loop"


def may_see(doctype: str) -> bool:
	"""Whether the session user may select or read the doctype by its own rules."""
	return bool(frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read"))


def frappe_answers(doctype: str) -> bool:
	"""Whether Frappe's own search and link check serve the session user for the doctype: they
	may read every document of it by its own (ERPNext's) rules, or our roles give them nothing
	on it. Otherwise the app answers: with select alone Frappe 16's search refuses the doctype's
	enabled/disabled filter, and a read limited to one's own documents (Contact's rule for every
	desk user) would hide the customer's contacts from an agent."""
	if not granted(doctype):
		return True
	perms = frappe.permissions.get_role_permissions(frappe.get_meta(doctype))
	return bool(perms.get("read")) and "read" not in (perms.get("if_owner") or {})


def granted(doctype: str, user: str | None = None) -> str | None:
	"""The right ("read" or "select") our roles give the user on the doctype, if any."""
	by_role = GRANTS.get(doctype)
	if not by_role:
		return None
	roles = set(frappe.get_roles(user)) & set(ROLES)
	rights = {by_role[role] for role in roles if role in by_role}
	return "read" if "read" in rights else ("select" if rights else None)


def fetchable_fields(doctype: str) -> frozenset[str]:
	"""The fields of `doctype` our forms copy when one of them is picked (`fetch_from`)."""
	return _fetched().get(doctype, frozenset())


def user_permission_filters(doctype: str, user: str | None = None) -> list[list]:
	"""The user's User Permissions as filters on `doctype`: its own names, and its links to
	restricted doctypes (an empty link counts as outside, the stricter reading)."""
	restricted = frappe.permissions.get_user_permissions(user or frappe.session.user)
	filters = []
	if doctype in restricted:
		filters.append(["name", "in", _allowed(restricted[doctype], doctype)])
	for field in frappe.get_meta(doctype).get_link_fields():
		if field.options in restricted and not field.ignore_user_permissions:
			filters.append([field.fieldname, "in", _allowed(restricted[field.options], doctype)])
	return filters


def _allowed(entries: list[dict], doctype: str) -> list[str]:
	return [
		entry.get("doc")
		for entry in entries
		if not entry.get("applicable_for") or entry.get("applicable_for") == doctype
	] or [""]


@cache
def _fetched() -> dict[str, frozenset[str]]:
	found: dict[str, set[str]] = {}
	for doctype in frappe.get_all("DocType", filters={"module": MODULE}, pluck="name"):
		meta = frappe.get_meta(doctype)
		links = {f.fieldname: f.options for f in meta.fields if f.fieldtype == "Link"}
		for field in meta.fields:
			source = (field.fetch_from or "").split(".")
			if len(source) == 2 and links.get(source[0]) in GRANTS:
				found.setdefault(links[source[0]], set()).add(source[1])
	return {doctype: frozenset(fields) for doctype, fields in found.items()}


def on_boot(bootinfo) -> None:
	"""The desk's link fields of our forms ask our search for these doctypes when the user may
	pick them only through our roles (public/js/link_queries.bundle.js)."""
	bootinfo.feedback_loop_pickable = sorted(d for d in GRANTS if granted(d))
	bootinfo.feedback_loop_forms = _our_forms()


@cache
def _our_forms() -> list[str]:
	return sorted(
		doctype
		for doctype in frappe.get_all("DocType", filters={"module": MODULE, "istable": 0}, pluck="name")
		if any(f.fieldtype in ("Link", "Table", "Table MultiSelect") for f in frappe.get_meta(doctype).fields)
	)
