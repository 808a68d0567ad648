"""The analysis of a backlog — an import of history, or records whose analysis is pending — a
batch at a time, with the decisions of a single save and a fraction of its statements.

A batch of records is read in one statement; every text is analysed and every comparison text
computed first; the earlier feedback of the batch's customers, contacts and senders, and the
reports of its categories, are read once per job and kept in memory (`Neighbourhood`, over
core/triage/neighbours.py), so that a duplicate's candidates and the priority rules' counts are
answered there; then each record goes through the same steps as its controller's save (category
group, priority rules, status, SLA) and whatever changed is written back with one UPDATE per
hundred records. Open records are routed afterwards, through Frappe's Assignment Rules as a save
would.

Not done here, as for any write that is not a user's save: no Version (the analysis is not a
person's change), no Notification on a value change, no realtime refresh of an open form. A
record that fails any step is left to the single-record path (`analysis._reanalyse`), which logs
the failure and counts its attempts.
"""

from datetime import datetime, timedelta

import frappe
from frappe.automation.doctype.assignment_rule.assignment_rule import apply as apply_assignment_rules
from frappe.utils import get_datetime, now_datetime

from feedback_loop.core.triage.neighbours import PARTY_FIELDS, CategoryReports, Neighbour, PartyHistory
from feedback_loop.core.triage.priority_rules import counted_up_to
from feedback_loop.core.triage.routing import FINAL_STATUSES
from feedback_loop.core.triage.text.duplicates import comparable
from feedback_loop.services.callbacks.resolution import check_notice_choice
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.feedback_status import apply_status_change
from feedback_loop.services.sla.clocks import apply_sla
from feedback_loop.services.triage.analysis import apply_result, mark_analysed, note_manual_category
from feedback_loop.services.triage.duplicates import (
	MAX_CANDIDATES,
	flag_possible_duplicate,
	with_comparison_texts,
)
from feedback_loop.services.triage.engine import get_triager
from feedback_loop.services.triage.priority import (
	apply_priority,
	reporting_party,
	rule_settings,
	window_days,
)
from feedback_loop.services.triage.record_text import analysis_text
from feedback_loop.services.triage.routing import set_category_group

DOCTYPE = "Feedback Record"
_NEIGHBOUR_FIELDS = ("name", "creation", "received_on", "status", *PARTY_FIELDS, "category")


class Neighbourhood:
	"""The neighbours a backlog job has read so far: each party's and category's rows are read
	once (the party's from its first record's duplicate window on, the category's over the span of
	the windows asked for), then kept up to date with what the job itself changes."""

	def __init__(self) -> None:
		self.forget()

	def forget(self) -> None:
		"""Nothing read yet (after a batch was rolled back, what was kept may be ahead of it)."""
		self.window = timedelta(days=get_feedback_settings().duplicate_window_days or 7)
		self.days = window_days()
		self.counted_up_to = counted_up_to(rule_settings())
		self.parties = PartyHistory()
		self._parties_read: set[tuple[str, str]] = set()
		self.categories: dict[str, CategoryReports] = {}
		self._category_spans: dict[str, tuple[datetime, datetime]] = {}
		self.now = now_datetime()
		self._batch: set[str] = set()

	def read_for(self, docs: list) -> None:
		"""The earlier feedback of the batch's parties that the job has not read yet."""
		if not docs:
			return
		# The batch's own rows are the job's to keep: the database has them as they were.
		self._batch = {doc.name for doc in docs}
		since = min(get_datetime(doc.creation) for doc in docs) - self.window
		for field in PARTY_FIELDS:
			values = sorted({doc.get(field) for doc in docs if doc.get(field)} - self._known(field))
			if values:
				self._read_parties(field, values, since)

	def read_categories(self, docs: list) -> None:
		"""The reports of the batch's categories over the span of its records' windows."""
		if not self.days:
			return
		for category in sorted({doc.category for doc in docs if doc.category}):
			moments = [_received(doc) for doc in docs if doc.category == category]
			self._read_category(
				category,
				min(moments) - timedelta(days=self.days),
				max(moments) + timedelta(days=self.days),
			)

	def update(self, docs: list, categories_before: dict[str, str | None]) -> None:
		"""The batch's records as analysed: their comparison texts, their (new) categories."""
		self.parties.add(_as_neighbour(doc) for doc in docs)
		for doc in docs:
			before = categories_before.get(doc.name)
			if before and before != doc.category and before in self.categories:
				self.categories[before].remove(doc.name)
			if doc.category:
				self.categories.setdefault(doc.category, CategoryReports()).add(_as_neighbour(doc))

	def candidates(self, doc) -> dict[str, str]:
		created = get_datetime(doc.creation)
		parties = [(field, doc.get(field)) for field in PARTY_FIELDS if doc.get(field)]
		chosen = self.parties.latest(parties, created - self.window, created, doc.name, MAX_CANDIDATES)
		texts = with_comparison_texts({row.name: row.comparison_text for row in chosen})
		return {row.name: texts[row.name] for row in chosen}

	def counts(self, doc) -> tuple[int, int] | None:
		if not doc.category or not self.days:
			return None
		return self.categories[doc.category].counts(
			name=doc.name,
			customer=doc.customer,
			party=reporting_party(doc),
			received=_received(doc),
			days=self.days,
			now=self.now,
			up_to=self.counted_up_to,
		)

	def _known(self, field: str) -> set[str]:
		return {value for known_field, value in self._parties_read if known_field == field}

	def _read_parties(self, field: str, values: list[str], since: datetime) -> None:
		self.parties.add(
			_as_neighbour(row)
			for row in frappe.get_all(
				DOCTYPE,
				filters={field: ("in", values), "creation": (">=", since)},
				fields=[*_NEIGHBOUR_FIELDS, "comparison_text"],
				order_by="creation asc",
				ignore_permissions=True,
			)
			if row.name not in self.parties.rows
		)
		self._parties_read.update((field, value) for value in values)

	def _read_category(self, category: str, lo: datetime, hi: datetime) -> None:
		"""The category's rows received in [lo, hi] that the job has not read yet."""
		have = self._category_spans.get(category)
		missing = (
			[(lo, hi)]
			if have is None
			else [span for span in ((lo, have[0]), (have[1], hi)) if span[0] < span[1]]
		)
		reports = self.categories.setdefault(category, CategoryReports())
		for start, end in missing:
			for row in frappe.get_all(
				DOCTYPE,
				filters={"category": category, "received_on": ("between", (start, end))},
				fields=list(_NEIGHBOUR_FIELDS),
				ignore_permissions=True,
			):
				if row.name not in reports.rows and row.name not in self._batch:
					reports.add(_as_neighbour(row))
		self._category_spans[category] = (min(lo, have[0]), max(hi, have[1])) if have else (lo, hi)


def analyse_batch(
	names: list[str], neighbourhood: Neighbourhood | None = None
) -> tuple[list[str], list[str]]:
	"""Analyse the records named; returns (analysed, left to the single-record path)."""
	neighbourhood = neighbourhood or Neighbourhood()
	docs = _load(names)
	loaded = {doc.name for doc in docs}
	left = [name for name in names if name not in loaded]
	# The job may have read these records under the categories they had before this analysis.
	categories_before = {doc.name: doc.category for doc in docs}
	neighbourhood.read_for(docs)
	normalised = {}
	for doc in list(docs):
		try:
			note_manual_category(doc)
			text = analysis_text(doc)
			if text:
				result = get_triager().triage(text)
				apply_result(doc, result)
				normalised[doc.name] = result.normalised
				doc.comparison_text = comparable(result.normalised)
		except Exception:
			docs.remove(doc)
			left.append(doc.name)
	# Every comparison text and category of the batch first, then the comparisons and counts.
	neighbourhood.update(docs, categories_before)
	neighbourhood.read_categories(docs)

	done = []
	for doc in docs:
		try:
			if doc.name in normalised:
				candidates = neighbourhood.candidates(doc)
				flag_possible_duplicate(doc, normalised[doc.name], candidates=candidates)
			mark_analysed(doc)
			set_category_group(doc)
			apply_priority(doc, neighbourhood.counts(doc))
			apply_status_change(doc)
			check_notice_choice(doc)
			apply_sla(doc)
			done.append(doc)
		except Exception:
			left.append(doc.name)

	changes = {doc.name: _changes(doc) for doc in done}
	frappe.db.bulk_update(DOCTYPE, {name: values for name, values in changes.items() if values})
	_route(doc for doc in done if doc.status not in FINAL_STATUSES)
	return [doc.name for doc in done], left


def _load(names: list[str]) -> list:
	docs = []
	for row in frappe.get_all(
		DOCTYPE, filters={"name": ("in", names)}, fields=["*"], order_by="creation asc"
	):
		doc = frappe.get_doc({"doctype": DOCTYPE, **row})
		# What a save compares with: the priority, the SLA and the routing read what changed.
		doc._doc_before_save = frappe.get_doc({"doctype": DOCTYPE, **row})
		doc.flags.reanalyse = True
		docs.append(doc)
	return docs


def _changes(doc) -> dict:
	before = doc.get_doc_before_save()
	return {
		field: doc.get(field)
		for field in doc.meta.get_valid_columns()
		if field not in ("name", "modified", "modified_by") and doc.get(field) != before.get(field)
	}


def _received(doc) -> datetime:
	return get_datetime(doc.received_on or doc.creation)


def _as_neighbour(row) -> Neighbour:
	return Neighbour(
		name=row.name,
		creation=get_datetime(row.creation),
		received_on=_received(row),
		status=row.status,
		customer=row.customer,
		contact=row.contact,
		sender=row.sender,
		category=row.category,
		comparison_text=row.get("comparison_text"),
	)


def _route(docs) -> None:
	"""The routing a save would do: Frappe's Assignment Rules, now that the category is known."""
	for doc in docs:
		apply_assignment_rules(doc)
