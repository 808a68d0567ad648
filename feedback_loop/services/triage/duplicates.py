"""Possible duplicates of a new or edited record, and merging a duplicate into its original.

Only the same customer's, contact's or sender's recent feedback is compared: a duplicate is the
same person telling the same thing twice, often through two channels.
"""

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import add_days, now_datetime

from feedback_loop.core.feedback_status import Status
from feedback_loop.core.triage.text.duplicates import comparable, find_duplicate_key
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared, union_all
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.triage.record_text import analysis_text

MAX_CANDIDATES = 50
_NOT_ORIGINALS = (Status.DUPLICATE.value, Status.INVALID.value)


def flag_possible_duplicate(doc, normalised_text: str, candidates: dict[str, str] | None = None) -> None:
	"""`candidates`: name → comparison text, when the caller read them for a whole batch."""
	# Kept on the record so later records compare against it without tokenising it again.
	doc.comparison_text = comparable(normalised_text)
	doc.possible_duplicate_of = None
	doc.duplicate_similarity = 0
	if doc.status in _NOT_ORIGINALS:
		return
	if candidates is None:
		candidates = candidate_keys(doc)
	settings = get_feedback_settings()
	threshold = (settings.duplicate_similarity_threshold or 80) / 100
	match = find_duplicate_key(doc.comparison_text, candidates, threshold)
	if match:
		doc.possible_duplicate_of = match.name
		doc.duplicate_similarity = match.similarity * 100


def candidate_keys(doc) -> dict[str, str]:
	"""Comparison texts of the same customer's, contact's or sender's latest feedback in the window,
	earliest first (core/triage/neighbours.py `PartyHistory.latest` is the same rule in memory)."""
	parties = tuple(field for field in PARTIES if doc.get(field))
	if not parties:
		return {}
	window = get_feedback_settings().duplicate_window_days or 7
	created = doc.creation or now_datetime()
	values = {field: doc.get(field) for field in parties}
	values.update(since=add_days(created, -window), until=created, name=doc.name or "")
	found = run_prepared(
		("duplicate candidates", parties), lambda: _candidates_query(parties), values, as_dict=True
	)
	rows = sorted({row.name: row for row in found}.values(), key=lambda row: (row.creation, row.name))
	return with_comparison_texts({r.name: r.comparison_text for r in rows[-MAX_CANDIDATES:]})


PARTIES = ("customer", "contact", "sender")


def _candidates_query(parties: tuple[str, ...]) -> str:
	"""One branch per party field, each on its (field, creation) index, each with its own ORDER BY
	and LIMIT: an OR of the three makes MariaDB scan the whole window, after a large import every
	record of the day. Newest first, in the index's order (the name is the index's last part)."""
	fr = frappe.qb.DocType("Feedback Record")
	return union_all(
		*(
			frappe.qb.from_(fr)
			.select(fr.name, fr.comparison_text, fr.creation)
			.where(fr[field] == param(field))
			.where(fr.creation.between(param("since"), param("until")))
			.where(fr.name != param("name"))
			.where(fr.status.notin(_NOT_ORIGINALS))
			.orderby(fr.creation, order=Order.desc)
			.orderby(fr.name, order=Order.desc)
			.limit(MAX_CANDIDATES)
			for field in parties
		)
	)


def with_comparison_texts(keys: dict[str, str | None]) -> dict[str, str]:
	"""Records analysed before comparison texts were stored get theirs computed here."""
	missing = [name for name, key in keys.items() if not key]
	if missing:
		for r in frappe.get_all(
			"Feedback Record",
			filters={"name": ("in", missing)},
			fields=["name", "subject", "description", "expected_solution"],
			ignore_permissions=True,
		):
			keys[r.name] = comparable(normalise(analysis_text(r)).text)
	return keys


def merge_feedback(duplicate: str, original: str) -> str:
	"""Move the duplicate's e-mails, comments and attachments to the original and mark it Duplicate."""
	if duplicate == original:
		frappe.throw(_("A feedback record cannot be merged into itself."))
	dup = frappe.get_doc("Feedback Record", duplicate)
	orig = frappe.get_doc("Feedback Record", original)
	dup.check_permission("write")
	orig.check_permission("write")
	if dup.status == Status.DUPLICATE.value:
		frappe.throw(_("{0} is already a duplicate of {1}.").format(dup.name, dup.duplicate_of))
	if orig.status in _NOT_ORIGINALS:
		frappe.throw(
			_("{0} is {1}; merge into the original record instead.").format(orig.name, _(orig.status))
		)

	moved = _move_related(dup.name, orig.name)
	dup.status = Status.DUPLICATE.value
	dup.duplicate_of = orig.name
	dup.status_reason = _("Merged into {0}").format(orig.name)
	dup.save()
	orig.occurrence_count = (orig.occurrence_count or 1) + (dup.occurrence_count or 1)
	# Saved, not only counted: a problem reported again raises the original's priority (and its SLA).
	orig.save()
	orig.add_comment(
		"Info",
		_("{0} merged into this record: {1} e-mails, {2} comments, {3} attachments moved.").format(
			dup.name, moved["Communication"], moved["Comment"], moved["File"]
		),
	)
	return orig.name


def _move_related(source: str, target: str) -> dict[str, int]:
	"""Repoint the source's e-mails (and their timeline links), comments and files at the target."""
	doctype = "Feedback Record"
	communication = frappe.qb.DocType("Communication")
	link = frappe.qb.DocType("Communication Link")
	comment = frappe.qb.DocType("Comment")
	file = frappe.qb.DocType("File")
	moves = {
		"Communication": (
			communication,
			communication.reference_name,
			(communication.reference_doctype == doctype) & (communication.reference_name == source),
		),
		"Comment": (
			comment,
			comment.reference_name,
			(comment.reference_doctype == doctype)
			& (comment.reference_name == source)
			& comment.comment_type.isin(["Comment", "Attachment"]),
		),
		"File": (
			file,
			file.attached_to_name,
			(file.attached_to_doctype == doctype) & (file.attached_to_name == source),
		),
	}
	moved = {}
	for name, (table, field, condition) in moves.items():
		moved[name] = len(frappe.qb.from_(table).select(table.name).where(condition).run())
		frappe.qb.update(table).set(field, target).where(condition).run()
	frappe.qb.update(link).set(link.link_name, target).where(
		(link.link_doctype == doctype) & (link.link_name == source)
	).run()
	return moved
