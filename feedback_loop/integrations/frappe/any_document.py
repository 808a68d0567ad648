"""Every document of every app (`doc_events["*"]`): a submit or a status change that a Feedback
Trigger watches schedules a revisit; a deleted ERPNext document our records point at leaves
them a trace instead of a link. Returns at once for the many doctypes neither concerns (cached
sets)."""

from feedback_loop.services.callbacks.triggers import (
	STATUS_CHANGED,
	SUBMITTED,
	fire_triggers,
	is_watched,
)
from feedback_loop.services.erp_links import deleted_documents


def on_submit(doc, method=None) -> None:
	if is_watched(doc.doctype):
		fire_triggers(doc, SUBMITTED)


def on_change(doc, method=None) -> None:
	# Frappe also runs on_change when it deletes a document, which then has no earlier version, so
	# every watched status would read as changed: a deleted record is not a resolved one.
	if doc.flags.in_delete:
		return
	if is_watched(doc.doctype) and doc.meta.has_field("status") and doc.has_value_changed("status"):
		fire_triggers(doc, STATUS_CHANGED)


def on_trash(doc, method=None) -> None:
	deleted_documents.on_trash(doc)
