"""An ERPNext document is being deleted: our records let go of it.

Frappe runs a document's on_trash before it checks what links to the document, in the same
transaction, so the links cleared here never block the deletion, and a deletion that fails for
another reason rolls the clearing back with it. Cleared: the links of our doctypes to the
documents in `TARGETS` (Customer, Contact, orders, deliveries, invoices, issues, items) and the
revisits' references to any document. Our own doctypes' links among themselves still block as
Frappe decides.
"""

from functools import cache

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import getdate, now_datetime

from feedback_loop.core.erp_links.deleted import DeletedDocument, cancels, with_line
from feedback_loop.integrations.frappe.site_cache import forget
from feedback_loop.services.site_language import site_language

MODULE = "Feedback Loop"
#: The ERPNext doctypes whose deletion our links never block.
TARGETS = frozenset({"Customer", "Contact", "Sales Order", "Delivery Note", "Sales Invoice", "Issue", "Item"})
#: The field on our documents that keeps the trace lines.
TRACE_FIELD = "deleted_documents"
_DATE_FIELDS = ("posting_date", "transaction_date", "opening_date")
_REFERENCED_KEY = "feedback_loop:callback_reference_doctypes"


def on_trash(doc) -> None:
	links = _links_to().get(doc.doctype, ())
	# Our own documents (a verification revisit refers to its Feedback Record) keep Frappe's rules.
	referenced = not doc.meta.istable and doc.meta.module != MODULE and doc.doctype in _referenced_doctypes()
	if not links and not referenced:
		return
	deleted = DeletedDocument(
		doctype=doc.doctype,
		name=doc.name,
		dated=_document_date(doc),
		deleted_on=now_datetime(),
		deleted_by=frappe.session.user,
	)
	# Kept for every later reader, so written in the site's language, not the deleting user's.
	with print_language(site_language()):
		line = deleted.line(_(doc.doctype))
		for doctype, fieldname, is_child in links:
			_clear_link(doctype, fieldname, doc.name, line, is_child)
		if referenced:
			_clear_references(doc.doctype, doc.name, line)


def referenced_doctype_added(doctype: str | None) -> None:
	"""A revisit now refers to a document of `doctype`: deletions of that doctype look for it."""
	if doctype and doctype not in _referenced_doctypes():
		forget(_REFERENCED_KEY)


def _clear_link(doctype: str, fieldname: str, name: str, line: str, is_child: bool) -> None:
	if is_child:
		# A row mirrors its parent's record (a customer beside a feedback record), which keeps
		# the trace itself.
		frappe.db.set_value(doctype, {fieldname: name}, fieldname, None)
		return
	revisits = doctype == "Feedback Callback"
	fields = ["name", TRACE_FIELD, *(("status", "notes") if revisits else ())]
	for row in frappe.get_all(doctype, filters={fieldname: name}, fields=fields):
		values = {fieldname: None, TRACE_FIELD: with_line(row.get(TRACE_FIELD), line)}
		# Without the customer or the contact there is nobody left to ask.
		if revisits and fieldname in ("customer", "contact"):
			values.update(_cancelled(row, line))
		frappe.db.set_value(doctype, row.name, values)


def _clear_references(doctype: str, name: str, line: str) -> None:
	for revisit in frappe.get_all(
		"Feedback Callback",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["name", "status", "notes", TRACE_FIELD],
	):
		values = {"reference_name": None, TRACE_FIELD: with_line(revisit.get(TRACE_FIELD), line)}
		frappe.db.set_value("Feedback Callback", revisit.name, {**values, **_cancelled(revisit, line)})


def _cancelled(revisit, line: str) -> dict:
	"""A revisit not yet sent is cancelled, saying why; one already sent can still be answered."""
	if not cancels(revisit.status):
		return {}
	return {
		"status": "Cancelled",
		"notes": with_line(revisit.notes, _("Cancelled, deleted: {0}").format(line)),
	}


def _document_date(doc):
	for fieldname in _DATE_FIELDS:
		if doc.get(fieldname):
			return getdate(doc.get(fieldname))
	return getdate(doc.creation) if doc.get("creation") else None


@cache
def _links_to() -> dict[str, tuple[tuple[str, str, bool], ...]]:
	"""target doctype → (our doctype, link field, is a child table) for every link of ours to
	a doctype in TARGETS, read from the doctypes' definitions (the same in every process)."""
	found: dict[str, list] = {}
	for doctype in frappe.get_all("DocType", filters={"module": MODULE}, pluck="name"):
		meta = frappe.get_meta(doctype)
		# A log without a trace (Feedback Message) never blocks: it is in ignore_links_on_delete.
		if not meta.istable and not meta.has_field(TRACE_FIELD):
			continue
		for field in meta.fields:
			if field.fieldtype == "Link" and field.options in TARGETS:
				found.setdefault(field.options, []).append((doctype, field.fieldname, bool(meta.istable)))
	return {target: tuple(links) for target, links in found.items()}


def _referenced_doctypes() -> frozenset[str]:
	"""The doctypes some revisit refers to (one cached set: a deletion of any other doctype
	costs a look-up)."""
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_uninstall:
		return frozenset()
	return frozenset(frappe.cache.get_value(_REFERENCED_KEY, _read_referenced) or ())


def _read_referenced() -> list[str]:
	try:
		return frappe.get_all(
			"Feedback Callback",
			filters={"reference_doctype": ("is", "set")},
			distinct=True,
			pluck="reference_doctype",
		)
	except Exception as error:
		if frappe.db.is_table_missing(error):
			return []
		raise
