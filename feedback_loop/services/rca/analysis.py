"""Root Cause Analysis: rules from the core, links back to the feedback it explains."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from feedback_loop.core.rca.fishbone import Cause, FishboneProblem, check_fishbone, layout_fishbone
from feedback_loop.core.rca.fishbone_svg import render_svg
from feedback_loop.core.rca.five_whys import ChainProblem, WhyStep, check_chain, root_cause_statement
from feedback_loop.core.rca.lifecycle import COMPLETE_STATES, VALIDATED


def causes_of(doc) -> list[Cause]:
	return [
		Cause(
			key=row.cause_id,
			category=row.category,
			text=row.cause or "",
			parent=(row.parent_cause or "").strip() or None,
			is_root=bool(row.is_root_cause),
		)
		for row in doc.causes
	]


def steps_of(doc) -> list[WhyStep]:
	return [WhyStep(row.question or "", row.answer or "", bool(row.verified)) for row in doc.whys]


def assign_cause_ids(doc) -> None:
	"""Stable IDs (C1, C2, …) so that sub-causes can name their parent."""
	taken = {row.cause_id for row in doc.causes if row.cause_id}
	number = 0
	for row in doc.causes:
		if row.cause_id:
			continue
		number += 1
		while f"C{number}" in taken:
			number += 1
		row.cause_id = f"C{number}"
		taken.add(row.cause_id)


def validate_analysis(doc) -> None:
	complete = doc.workflow_state in COMPLETE_STATES
	messages = []
	uses_whys = doc.method in ("5 Whys", "Both")
	uses_fishbone = doc.method in ("Fishbone", "Both")
	if uses_fishbone or doc.causes:
		messages += [
			_fishbone_message(p, key)
			for p, key in check_fishbone(causes_of(doc), require_root=complete and uses_fishbone)
		]
	if complete and uses_whys:
		messages += [
			_chain_message(p, level) for p, level in check_chain(steps_of(doc), doc.chain_justification or "")
		]
	if complete and not (doc.root_cause_summary or "").strip():
		messages.append(_("Write the root cause summary before the analysis is reviewed."))
	if messages:
		frappe.throw("<br>".join(messages), title=_("The analysis is not complete"))


def suggest_summary(doc) -> None:
	"""The summary starts as the chain's last answer (where the asking stopped) and follows the
	chain as it grows, until somebody writes a summary of their own."""
	if doc.method not in ("5 Whys", "Both"):
		return
	before = doc.get_doc_before_save()
	earlier_suggestion = root_cause_statement(steps_of(before)) if before else ""
	current = (doc.root_cause_summary or "").strip()
	if not current or current == earlier_suggestion:
		doc.root_cause_summary = root_cause_statement(steps_of(doc)) or None


def stamp_validation(doc) -> None:
	if doc.workflow_state == VALIDATED and doc.has_value_changed("workflow_state"):
		doc.validated_by = frappe.session.user
		doc.validated_on = now_datetime()


def tell_feedback_records(doc) -> None:
	"""On validation each linked record gets the root cause category and a timeline entry."""
	if not (doc.workflow_state == VALIDATED and doc.has_value_changed("workflow_state")):
		return
	for row in doc.feedback_records:
		feedback = frappe.get_doc("Feedback Record", row.feedback_record)
		feedback.db_set(
			{"root_cause_analysis": doc.name, "root_cause_category": doc.root_cause_category},
			update_modified=False,
		)
		feedback.add_comment(
			"Info",
			_("Root cause validated in {0}: {1}").format(
				frappe.utils.get_link_to_form(doc.doctype, doc.name),
				frappe.utils.escape_html(doc.root_cause_summary),
			),
		)


def start_analysis(feedback_records: list[str]):
	"""A draft analysis of the given feedback records, titled and categorised from the first."""
	names = list(dict.fromkeys(feedback_records))
	if not names:
		frappe.throw(_("Select at least one feedback record."))
	first = frappe.db.get_value("Feedback Record", names[0], ["subject", "category", "item"], as_dict=True)
	if not first:
		frappe.throw(_("Feedback Record {0} not found.").format(names[0]))
	doc = frappe.get_doc(
		{
			"doctype": "Root Cause Analysis",
			"title": first.subject
			if len(names) == 1
			else _("{0} and {1} more").format(first.subject, len(names) - 1),
			"problem_statement": first.subject,
			"category": first.category,
			"item": first.item,
			"feedback_records": [{"feedback_record": name} for name in names],
		}
	)
	return doc.insert()


def fishbone_svg(doc, language: str | None = None, max_width: float | None = None) -> str:
	"""The analysis's fishbone as an SVG string, for the form and the print format alike.

	``max_width`` scales the drawing down to fit a page (the print format uses it)."""
	language = "zh" if (language or frappe.local.lang or "en").startswith("zh") else "en"
	diagram = layout_fishbone(doc.problem_statement or doc.title or "", causes_of(doc), language=language)
	return render_svg(diagram, max_width=max_width)


def analyses_of(feedback_record: str) -> list[dict]:
	rca = frappe.qb.DocType("Root Cause Analysis")
	link = frappe.qb.DocType("Root Cause Analysis Feedback")
	return (
		frappe.qb.from_(rca)
		.join(link)
		.on(link.parent == rca.name)
		.select(rca.name, rca.title, rca.workflow_state, rca.root_cause_category)
		.where((link.feedback_record == feedback_record) & (link.parenttype == "Root Cause Analysis"))
		.orderby(rca.creation, order=frappe.qb.desc)
	).run(as_dict=True)


def _fishbone_message(problem: FishboneProblem, key: str | None) -> str:
	match problem:
		case FishboneProblem.UNKNOWN_CATEGORY:
			return _("Cause {0}: the category must be one of the 6M.").format(key)
		case FishboneProblem.PARENT_NOT_FOUND:
			return _("Cause {0}: there is no cause with the ID it names as its parent.").format(key)
		case FishboneProblem.PARENT_IN_OTHER_CATEGORY:
			return _("Cause {0}: a sub-cause must be in the same 6M category as its parent.").format(key)
		case FishboneProblem.CYCLE:
			return _("Cause {0}: sub-causes go in a circle.").format(key)
		case FishboneProblem.EMPTY_CAUSE:
			return _("Cause {0}: describe the cause.").format(key)
		case FishboneProblem.NO_ROOT_CAUSE:
			return _("Mark at least one cause of the fishbone as a root cause.")
	return str(problem)


def _chain_message(problem: ChainProblem, level: int | None) -> str:
	match problem:
		case ChainProblem.EMPTY:
			return _("The 5 Whys chain is empty.")
		case ChainProblem.TOO_SHORT:
			return _("The 5 Whys chain needs at least 3 levels, or a justification for a shorter chain.")
		case ChainProblem.ANSWER_MISSING:
			return _("Why {0} has no answer.").format(level)
	return str(problem)
