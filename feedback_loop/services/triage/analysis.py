"""Analyse a Feedback Record's text on insert and on every edit of its text.

Analysis never blocks or loses feedback: when it fails the record is saved as it is, marked
Pending Re-analysis with the error logged, and `retry_pending_analysis` runs it again.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from feedback_loop.core.triage.survey_evidence import with_survey_evidence
from feedback_loop.core.triage.text.triage import CategorySource, Triage
from feedback_loop.core.triage.type_evidence import with_type_evidence
from feedback_loop.services.triage.duplicates import flag_possible_duplicate
from feedback_loop.services.triage.engine import get_triager
from feedback_loop.services.triage.record_text import analysis_text

ANALYSED = "Analysed"
PENDING = "Pending Re-analysis"
MAX_ATTEMPTS = 5
TEXT_FIELDS = ("subject", "description", "expected_solution")
#: Read with the words: a complaint that reads neither way is shown Negative (type_evidence.py).
EVIDENCE_FIELDS = ("feedback_type",)


def note_manual_category(doc) -> None:
	"""A category the user chose is Manual: analysis never overwrites it, and it trains the model.

	Runs before this save's analysis, so any change of the category seen here is the user's.
	"""
	if doc.is_new():
		if doc.category:
			doc.category_source = CategorySource.MANUAL
	elif doc.has_value_changed("category"):
		doc.category_source = CategorySource.MANUAL if doc.category else None
	if doc.category_source == CategorySource.MANUAL:
		doc.suggested_category = None


def needs_analysis(doc) -> bool:
	return (
		doc.is_new()
		or doc.flags.reanalyse
		or doc.analysis_status != ANALYSED
		or any(doc.has_value_changed(field) for field in (*TEXT_FIELDS, *EVIDENCE_FIELDS))
	)


def apply_triage(doc) -> None:
	note_manual_category(doc)
	if not needs_analysis(doc):
		return
	if frappe.flags.in_import and doc.is_new():
		# A file of history is stored first and analysed afterwards in the background, so
		# that an import of a hundred thousand rows is not slowed by the analysis.
		doc.analysis_status = PENDING
		doc.analysis_attempts = 0
		queue_imported_analysis()
		return
	text = analysis_text(doc)
	if not text:
		# A survey's low score without a word: nothing to read, the score spoke (initial sentiment).
		mark_analysed(doc)
		return
	try:
		result = get_triager().triage(text)
		apply_result(doc, result)
		flag_possible_duplicate(doc, result.normalised)
	except Exception:
		doc.analysis_status = PENDING
		doc.analysis_attempts = (doc.analysis_attempts or 0) + 1
		frappe.log_error(
			title=_("Feedback analysis failed; it will be retried"),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
		return
	mark_analysed(doc)


def mark_analysed(doc) -> None:
	doc.analysis_status = ANALYSED
	doc.analysis_attempts = 0
	doc.analysed_on = now_datetime()


def apply_result(doc, result: Triage) -> None:
	doc.text_language = result.language if result.language in ("zh", "en", "mixed") else None
	if result.language:
		sentiment = with_survey_evidence(result.sentiment, doc.get("survey_scores"))
		sentiment = with_type_evidence(
			sentiment, doc.feedback_type, doc.channel, cue=_(doc.feedback_type, context="Feedback Record")
		)
		doc.sentiment = sentiment.label.value
		doc.sentiment_score = sentiment.score
		doc.sentiment_cues = ", ".join(f"{cue} ({weight:+g})" for cue, weight in sentiment.cues)
	doc.keywords = ", ".join(result.keywords)
	doc.needs_clarification = 1 if result.vagueness else 0
	doc.clarifying_question = result.clarifying_question
	apply_category(doc, result)


def apply_category(doc, result: Triage) -> None:
	if doc.category_source == CategorySource.MANUAL:
		return
	guess = result.category
	if guess and guess.confident:
		doc.category = guess.category
		doc.category_source = guess.source
		doc.category_confidence = guess.confidence * 100
		doc.category_evidence = ", ".join(guess.evidence)
		doc.suggested_category = None
		return
	# A category the analysis set from the old text no longer holds for the new one.
	if doc.category_source in (CategorySource.RULE, CategorySource.MODEL):
		doc.category = None
		doc.category_source = None
	doc.category_evidence = ", ".join(guess.evidence) if guess else None
	doc.suggested_category = guess.category if guess else None
	doc.category_confidence = guess.confidence * 100 if guess else 0


def pending_analysis(limit: int, order_by: str) -> list[str]:
	"""Records waiting for analysis that have not failed too often."""
	return frappe.get_all(
		"Feedback Record",
		# Not those stored first and waiting for their triage job (arrival.py): it saves them.
		filters={"analysis_status": PENDING, "analysis_attempts": ("<", MAX_ATTEMPTS), "triage_due": 0},
		pluck="name",
		order_by=order_by,
		limit=limit,
	)


def retry_pending_analysis(limit: int = 200) -> int:
	"""Re-run analysis of records whose analysis failed, a few times at most."""
	return _reanalyse(pending_analysis(limit, "modified asc"))


def queue_imported_analysis() -> None:
	frappe.enqueue(
		"feedback_loop.services.triage.analysis.analyse_pending_records",
		queue="long",
		job_id="feedback_loop:analyse-pending",
		deduplicate=True,
		# 100,000 imported rows take about half an hour; the long queue's default is 25 min.
		timeout=4 * 60 * 60,
		enqueue_after_commit=True,
	)


def analyse_pending_records(batch: int = 500) -> int:
	"""Every record waiting for analysis, in batches, each batch committed (imports end here)."""
	# Imported here: the backlog's steps are this module's.
	from feedback_loop.services.triage.backlog import Neighbourhood

	done = 0
	# One job reads each party's and category's neighbours once, for all its batches.
	neighbourhood = Neighbourhood()
	while True:
		names = pending_analysis(batch, "creation asc")
		if not names:
			return done
		analysed = _analyse_batch(names, neighbourhood)
		done += analysed
		if not analysed:
			# Every one of them failed again; their attempts grew, the retry job has them.
			return done


def _analyse_batch(names: list[str], neighbourhood) -> int:
	"""A batch together (services/triage/backlog.py); what fails there, one record at a time."""
	from feedback_loop.services.triage.backlog import analyse_batch

	savepoint = "feedback_backlog_batch"
	frappe.db.savepoint(savepoint)
	try:
		analysed, left = analyse_batch(names, neighbourhood)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		neighbourhood.forget()
		analysed, left = [], names
	if not frappe.flags.in_test:
		frappe.db.commit()
	return len(analysed) + (_reanalyse(left) if left else 0)


def reanalyse_records(everything: bool = False) -> int:
	"""Analyse again: every record, or those pending re-analysis (whatever their attempts)."""
	filters = {} if everything else {"analysis_status": ("!=", ANALYSED)}
	return _reanalyse(
		frappe.get_all("Feedback Record", filters=filters, pluck="name", order_by="creation asc")
	)


def _reanalyse(names: list[str]) -> int:
	"""Each record saved on its own, so one that cannot be saved does not hold up the others."""
	done = 0
	for name in names:
		try:
			doc = frappe.get_doc("Feedback Record", name)
			doc.flags.ignore_permissions = True
			doc.flags.reanalyse = True
			# The record's history shows what people changed; a re-analysis is not one of them,
			# and after an import it would add a Version for every record (about a quarter of the
			# job's time, docs/benchmarks.md).
			doc.save(ignore_version=True)
			done += 1
		except Exception:
			frappe.log_error(
				title=_("Feedback analysis retry failed"),
				reference_doctype="Feedback Record",
				reference_name=name,
			)
			continue
		if not frappe.flags.in_test:
			frappe.db.commit()
	return done
