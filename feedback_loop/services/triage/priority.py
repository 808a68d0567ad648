"""The priority of a record: the editable impact × urgency matrix, the priority rules of Feedback
Settings on top (core/triage/priority_rules.py), never below an escalation.

The facts the rules read come from the record (its analysed text, segment, category), its survey
(the scores) and its neighbours (the same customer's and other customers' reports of the same
category in the window). Each rule applied is kept on the record (`priority_basis`) and shown to
the reader in their language (`priority_reasons`).
"""

import json

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, now_datetime
from pypika.terms import ValueWrapper

from feedback_loop.core.triage.priority_matrix import matrix_from_rules, priority_for
from feedback_loop.core.triage.priority_rules import (
	DEFAULT_DEMAND_WORDS,
	DEFAULT_SAFETY_WORDS,
	PriorityDecision,
	PriorityFacts,
	PriorityRuleSettings,
	Rule,
	counted_up_to,
	decide_priority,
	parse_words,
)
from feedback_loop.core.triage.survey_evidence import scores_from_summary
from feedback_loop.integrations.frappe.after_commit_jobs import enqueue_after_commit
from feedback_loop.integrations.frappe.prepared_statements import param, run_prepared
from feedback_loop.integrations.frappe.site_cache import forget
from feedback_loop.integrations.frappe.tree_lineage import lineage
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.triage.record_text import analysis_text

#: Statuses whose records are not reports of a problem (a mistake, or merged into another).
_NOT_REPORTS = ("Invalid", "Duplicate")


def current_matrix():
	rules = [(r.impact, r.urgency, r.priority) for r in get_feedback_settings().priority_matrix]
	return matrix_from_rules(rules)[0]


def compute_priority(impact: str | None, urgency: str | None, safety_or_legal_risk: bool) -> str:
	"""The matrix alone, for records the rules do not read (demo data, a quick preview)."""
	return priority_for(
		impact, urgency, safety_or_legal_risk=safety_or_legal_risk, matrix=current_matrix()
	).value


def rule_settings() -> PriorityRuleSettings:
	s = get_feedback_settings()
	defaults = PriorityRuleSettings()

	def number(field, default):
		value = s.get(field)
		return default if value is None or value == "" else value

	return PriorityRuleSettings(
		enabled=bool(number("apply_priority_rules", 1)),
		raise_on_low_score=bool(number("raise_on_low_score", 1)),
		low_csat_at_most=s.get("low_csat_at_most") or defaults.low_csat_at_most,
		low_nps_at_most=s.get("low_nps_at_most") or defaults.low_nps_at_most,
		strongly_negative_at_most=float(
			number("strongly_negative_at_most", defaults.strongly_negative_at_most)
		),
		demand_words=parse_words(s.get("demand_words"), DEFAULT_DEMAND_WORDS),
		safety_words=parse_words(s.get("safety_words"), DEFAULT_SAFETY_WORDS),
		segment_steps={
			"Key Account": int(number("key_account_urgency_steps", 1)),
			"Returning": int(number("returning_urgency_steps", 0)),
			"New": int(number("new_urgency_steps", 0)),
		},
		several_customers_at=int(number("several_customers_at", defaults.several_customers_at)),
		many_customers_at=int(number("many_customers_at", defaults.many_customers_at)),
	)


def window_days() -> int:
	value = get_feedback_settings().get("same_problem_window_days")
	return 30 if value is None or value == "" else int(value)


def apply_priority(doc, neighbours: tuple[int, int] | None = None) -> PriorityDecision:
	"""Set the record's priority, the rules that made it and the safety suggestion.

	`neighbours`: the same party's earlier reports and the other customers reporting the category
	(`core/triage/neighbours.py`), when the caller counted them for a whole batch."""
	settings = rule_settings()
	decision = decide_priority(record_facts(doc, neighbours, settings), settings, current_matrix())
	doc.priority = decision.priority.value
	doc.priority_basis = json.dumps([_as_dict(rule) for rule in decision.applied], ensure_ascii=False)
	doc.safety_suggested = 1 if decision.safety_suggested else 0
	doc.safety_evidence = ", ".join(decision.safety_evidence) if decision.safety_suggested else None
	return decision


#: Statuses in which a record's priority still matters.
_OPEN = ("Open", "Acknowledged", "In Progress", "Waiting on Customer")


def raise_the_crowd(doc) -> None:
	"""This record made a category cross the several- or many-customers mark: the open records of
	the same category in the window are raised too (in a job, each saved on its own)."""
	crossing = next(
		(
			row
			for row in json.loads(doc.priority_basis or "[]")
			if row.get("rule") == Rule.MANY_CUSTOMERS.value
		),
		None,
	)
	# A count that stopped at its limit crossed no mark now: it was past it before.
	if not crossing or crossing.get("or_more"):
		return
	settings = rule_settings()
	if crossing["customers"] not in (settings.several_customers_at, settings.many_customers_at):
		return
	enqueue_after_commit(
		"feedback_loop.services.triage.priority.reprioritise_category",
		queue="short",
		job_id=f"feedback_loop:crowd:{doc.category}:{crossing['customers']}",
		category=doc.category,
		until=str(doc.received_on),
		exclude=doc.name,
	)


def reprioritise_category(category: str, until: str, exclude: str) -> int:
	since = add_days(get_datetime(until), -window_days())
	names = frappe.get_all(
		"Feedback Record",
		filters={
			"category": category,
			"status": ("in", _OPEN),
			"received_on": ("between", (since, get_datetime(until))),
			"name": ("!=", exclude),
		},
		pluck="name",
		limit=500,
	)
	for name in names:
		doc = frappe.get_doc("Feedback Record", name)
		doc.flags.ignore_permissions = True
		doc.save(ignore_version=True)
	return len(names)


def record_facts(
	doc, neighbours: tuple[int, int] | None = None, settings: PriorityRuleSettings | None = None
) -> PriorityFacts:
	days = window_days()
	up_to = counted_up_to(settings or rule_settings())
	csat, nps = survey_scores(doc)
	if neighbours is None:
		neighbours = neighbour_counts(doc, days, up_to)
	if neighbours is None:
		earlier = others = 0
		same_customer_reports, customers_reporting = own_reports(doc), 0
	else:
		earlier, others = neighbours
		same_customer_reports, customers_reporting = with_own_report(doc, earlier, others)
	analysed = doc.analysis_status == "Analysed" and bool(doc.text_language)
	return PriorityFacts(
		impact=doc.impact,
		urgency=doc.urgency,
		safety_confirmed=bool(doc.safety_or_legal_risk),
		safety_dismissed=bool(doc.safety_dismissed),
		floor=doc.priority_floor or None,
		text=analysis_text(doc),
		sentiment_score=doc.sentiment_score if analysed else None,
		csat=csat,
		nps=nps,
		customer_segment=doc.customer_segment,
		category=doc.category,
		category_is_safety=category_is_safety(doc.category),
		same_customer_reports=same_customer_reports,
		customers_reporting=customers_reporting,
		window_days=days,
		same_customer_reports_or_more=earlier >= up_to,
		customers_reporting_or_more=others >= up_to,
	)


def survey_scores(doc) -> tuple[float | None, int | None]:
	"""The scores the record carries: its score line, written by every channel that asks for scores
	(an answered revisit, a typed-in paper form), else its revisit's."""
	carried = scores_from_summary(doc.get("survey_scores"))
	if carried.csat is not None or carried.nps is not None:
		return carried.csat, carried.nps
	if not doc.survey_callback:
		return None, None
	row = frappe.db.get_value(
		"Feedback Callback", doc.survey_callback, ["csat", "nps", "nps_answered"], as_dict=True
	)
	if not row:
		return None, None
	# 0 is "not answered" for CSAT (1–5) but a real NPS when the NPS question was answered.
	return (row.csat or None), (row.nps if row.nps_answered else None)


_SAFETY_KEY = "feedback_loop:safety_categories"


def category_is_safety(category: str | None) -> bool:
	"""The category or one of its parents is marked as a safety category."""
	if not category:
		return False
	safety = set(frappe.cache.get_value(_SAFETY_KEY, _read_safety_categories))
	return any(node in safety for node in lineage("Feedback Category", category))


def _read_safety_categories() -> list[str]:
	return frappe.get_all("Feedback Category", filters={"is_safety": 1}, pluck="name")


def forget_safety_categories() -> None:
	forget(_SAFETY_KEY)


def _window(doc, days: int) -> tuple:
	received = get_datetime(doc.received_on or now_datetime())
	return add_days(received, -days), received


def neighbour_counts(doc, days: int, up_to: int) -> tuple[int, int] | None:
	"""(earlier reports of this problem by this party, other customers reporting it), each counted
	no further than `up_to`, from one statement; None when there is no category or window.

	Earlier reports: the same category from the same customer (or sender) before this record.
	Customers: those who reported the category within the window around this record, its own
	customer left out; before and after, so that an open record counts the customers who
	reported the problem since, too. Each count stops at `up_to` (the rules decide nothing more
	past it): in a category with thousands of reports in the window, reading them all cost a save
	ten milliseconds. The party's reports are found from the party's own records, the customers
	from the category's index.
	"""
	if not doc.category or not days:
		return None
	party = reporting_party(doc)
	since, received = _window(doc, days)
	values = {
		"category": doc.category,
		"since": since,
		"received": received,
		"until": min(add_days(received, days), now_datetime()),
		"name": doc.name or "",
		"party": party[1] if party else None,
		"customer": doc.customer,
	}
	shape = (party[0] if party else None, bool(doc.customer), up_to)
	earlier, others = run_prepared(("neighbour counts", *shape), lambda: _neighbours_query(*shape), values)[0]
	return int(earlier or 0), int(others or 0)


def _neighbours_query(party_field: str | None, has_customer: bool, up_to: int) -> str:
	fr = frappe.qb.DocType("Feedback Record")

	def reports():
		return (
			frappe.qb.from_(fr)
			.where(fr.category == param("category"))
			.where(fr.status.notin(_NOT_REPORTS))
			.where(fr.name != param("name"))
		)

	others = (
		reports()
		.select(fr.customer)
		.distinct()
		.where(fr.received_on.between(param("since"), param("until")))
		.where(fr.customer.isnotnull())
	)
	if has_customer:
		others = others.where(fr.customer != param("customer"))
	earlier = "0"
	if party_field:
		party_reports = (
			reports()
			.select(ValueWrapper(1))
			.where(fr[party_field] == param("party"))
			.where(fr.received_on.between(param("since"), param("received")))
		)
		earlier = f"(SELECT COUNT(*) FROM ({party_reports.limit(up_to).get_sql()}) `earlier`)"
	# A derived table with a LIMIT stops reading once it has that many rows (for DISTINCT, that
	# many different customers).
	return f"SELECT {earlier},(SELECT COUNT(*) FROM ({others.limit(up_to).get_sql()}) `others`)"


def reporting_party(doc) -> tuple[str, str] | None:
	"""Whose earlier reports count as the same party's: the customer's, else the sender's."""
	return next(((f, doc.get(f)) for f in ("customer", "sender") if doc.get(f)), None)


def own_reports(doc) -> int:
	"""Reports the record itself stands for: duplicates merged into it, or the one it repeats."""
	return max((doc.occurrence_count or 1) - 1, 1 if doc.possible_duplicate_of else 0, 0)


def with_own_report(doc, earlier: int, others: int) -> tuple[int, int]:
	"""The counts over the category's other records, with the record's own reports and its
	customer added."""
	return max(own_reports(doc), earlier), others + (1 if doc.customer else 0)


def _as_dict(rule) -> dict:
	return {"rule": rule.rule.value, "before": rule.before, "after": rule.after, **dict(rule.details)}


def priority_reasons(basis: str | list | None) -> list[str]:
	"""The rules applied, one plain sentence each, in the reader's language."""
	rows = json.loads(basis) if isinstance(basis, str) else (basis or [])
	return [line for line in (_reason(row) for row in rows) if line]


def _reason(row: dict) -> str | None:
	before, after = _(row.get("before") or ""), _(row.get("after") or "")
	match row.get("rule"):
		case Rule.MATRIX.value:
			return _("{0}: impact {1} × urgency {2}").format(after, _(row["impact"]), _(row["urgency"]))
		case Rule.URGENT_WORDS.value:
			why = []
			if "sentiment" in row:
				why.append(_("strongly negative ({0})").format(f"{row['sentiment']:+.2f}"))
			if row.get("words"):
				why.append(_("asks for: {0}").format(row["words"]))
			return _("Urgency {0} → {1}: {2}").format(before, after, _("; ").join(why))
		case Rule.SEGMENT.value:
			return _("Urgency {0} → {1}: {2} customer").format(before, after, _(row["segment"]))
		case Rule.REPEATED.value if row.get("or_more"):
			return _("Impact {0} → {1}: reported {2} times or more by this customer in {3} days").format(
				before, after, row["reports"], row["days"]
			)
		case Rule.REPEATED.value:
			return _("Impact {0} → {1}: reported {2} times by this customer in {3} days").format(
				before, after, row["reports"], row["days"]
			)
		case Rule.MANY_CUSTOMERS.value if row.get("or_more"):
			return _("Impact {0} → {1}: {2} or more customers reported {3} in {4} days").format(
				before, after, row["customers"], _(row["category"]), row["days"]
			)
		case Rule.MANY_CUSTOMERS.value:
			return _("Impact {0} → {1}: {2} customers reported {3} in {4} days").format(
				before, after, row["customers"], _(row["category"]), row["days"]
			)
		case Rule.LOW_SCORE.value:
			return _("{0}: survey score {1} {2} ≤ {3}").format(
				after, row["score"], f"{row['value']:g}", f"{row['limit']:g}"
			)
		case Rule.SAFETY.value:
			return _("{0}: safety or legal risk confirmed").format(after)
		case Rule.SAFETY_SUGGESTED.value:
			# The evidence names the category (translated like every category) and the words found.
			evidence = ", ".join(_(part) for part in row["evidence"].split(", "))
			return _("Possible safety or legal risk ({0}): confirm it to make this Urgent").format(evidence)
		case Rule.ESCALATION.value:
			return _(
				"{0}: raised earlier and kept (an SLA escalation, or the customer said it was not solved)"
			).format(after)
	return None


def validate_priority_matrix(settings) -> None:
	rules = [(r.impact, r.urgency, r.priority) for r in settings.priority_matrix]
	if not rules:
		return
	_matrix, repeated, missing = matrix_from_rules(rules)
	messages = [_("Impact {0} with urgency {1} is given more than once.").format(*pair) for pair in repeated]
	messages += [_("Impact {0} with urgency {1} has no priority.").format(*pair) for pair in missing]
	if messages:
		frappe.throw("<br>".join(messages), title=_("Priority matrix incomplete"))
