"""The Satisfaction Trend report: CSAT (average, share satisfied, distribution), NPS and effort
(CES) of answered revisits by period, and the change against the period before. The answers are
counted with GROUP BY through `frappe.get_list` (permissions apply); the figures follow from
the distributions (core/reports/satisfaction.py)."""

from collections import defaultdict

from frappe import _
from frappe.utils import getdate
from pypika.terms import Term, ValueWrapper

from feedback_loop.core.reports.periods import Grouping, key_label, period_labels, previous_range
from feedback_loop.core.reports.satisfaction import csat_average, merged, net_promoter_score, satisfied_share
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import period_conditions, period_term
from feedback_loop.services.reports.score_levels import indicator

SCORES = ("csat", "nps", "ces")


def distributions(filters: dict, start, end, period: Term | None) -> dict:
	"""score → period → {value: count}, and "responses" → period → answered revisits (whatever
	they answered), from one GROUP BY."""
	conditions = [*answer_filters(filters), *period_conditions("responded_on", start, end)]
	slot = (period if period is not None else ValueWrapper("all")).as_("slot")
	# One scan: every combination of the three answers; each score keeps the rows it was given in.
	# Aliases unlike any column: MariaDB's GROUP BY would prefer the column.
	group = ("slot", "csat_answer", "nps_answer", "nps_given", "ces_answer")
	rows = aggregate_list(
		"Feedback Callback",
		[
			slot,
			"csat as csat_answer",
			"nps as nps_answer",
			"nps_answered as nps_given",
			"ces as ces_answer",
			count_all(),
		],
		filters=conditions,
		group_by=group,
		order_by=("slot",),
	)
	found: dict = {score: defaultdict(lambda: defaultdict(int)) for score in SCORES}
	responses: dict = defaultdict(int)
	for row in rows:
		responses[row.slot] += row.count
		answers = {"csat": row.csat_answer, "nps": row.nps_answer, "ces": row.ces_answer}
		for score in SCORES:
			if answered(score, row):
				found[score][row.slot][round(float(answers[score]))] += row.count
	return {
		**{
			score: {slot: dict(values) for slot, values in by_slot.items()}
			for score, by_slot in found.items()
		},
		"responses": dict(responses),
	}


def answered(score: str, row) -> bool:
	"""CSAT and CES 0 mean not asked; NPS says so itself, since 0 is a valid NPS."""
	if score == "nps":
		return bool(row.nps_given)
	return float(row.get(f"{score}_answer") or 0) > 0


def figures_of(dist: dict, slot: str) -> dict:
	csat, nps, ces = (dist[score].get(slot, {}) for score in SCORES)
	return {
		"responses": dist["responses"].get(slot, 0),
		"csat": csat_average(csat),
		"satisfied": round(satisfied_share(csat) * 100, 1) if csat else None,
		"nps": net_promoter_score(nps),
		"ces": csat_average(ces),
		**{f"csat_{score}": csat.get(score, 0) for score in range(1, 6)},
	}


def answer_filters(filters: dict) -> list:
	"""The revisits whose answers count: answered, with the report's filters."""
	conditions = [["status", "=", "Responded"]]
	for field in ("customer", "callback_type", "channel", "trigger"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	return conditions


def trend(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	grouping = Grouping(filters.get("group_by") or Grouping.MONTH.value)
	dist = distributions(filters, start, end, period_term(grouping, "responded_on", "Feedback Callback"))
	labelled = {
		key: {key_label(slot, grouping): values for slot, values in by_slot.items()}
		for key, by_slot in dist.items()
	}
	# The whole period is the sum of its periods' answers: no second pass over the same answers.
	whole = {
		**{score: {"all": merged(dist[score].values())} for score in SCORES},
		"responses": {"all": sum(dist["responses"].values())},
	}
	before = distributions(filters, *previous_range(start, end), None)
	return {
		# Every period of the range, one without answers too: its figures are None, not 0.
		"rows": [
			{"period": label, **figures_of(labelled, label)} for label in period_labels(start, end, grouping)
		],
		"now": figures_of(whole, "all"),
		"before": figures_of(before, "all"),
	}


def rows(figures: dict) -> list[dict]:
	"""The periods, then the Total row: the figures of all the period's answers together (the
	cards' figures), never an average of the periods' figures."""
	if not figures["now"]["responses"]:
		return []  # Frappe then says there is nothing to show, rather than a table of blanks
	return [*figures["rows"], {"period": _("Total"), **figures["now"], "bold": 1, "is_total": 1}]


def columns() -> list[dict]:
	return [
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 110},
		{"fieldname": "responses", "label": _("Responses"), "fieldtype": "Int", "width": 100},
		{"fieldname": "csat", "label": _("CSAT (1-5)"), "fieldtype": "Float", "precision": 2, "width": 100},
		{"fieldname": "satisfied", "label": _("Satisfied (%)"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "nps", "label": _("NPS"), "fieldtype": "Float", "precision": 1, "width": 90},
		{"fieldname": "ces", "label": _("CES (1-7)"), "fieldtype": "Float", "precision": 2, "width": 100},
		*(
			{
				"fieldname": f"csat_{score}",
				"label": _("CSAT {0}").format(score),
				"fieldtype": "Int",
				"width": 80,
			}
			for score in range(1, 6)
		),
	]


def chart(figures: dict) -> dict | None:
	"""CSAT as the share of satisfied answers (4 or 5, in per cent) beside the NPS (−100 to 100):
	both read in points of 100 on one axis, the average (1–5) would lie flat at its foot. A
	period without answers is a gap. Bars: Frappe draws a missing value of a line at 0."""
	periods = figures["rows"]
	if not figures["now"]["responses"]:
		return None
	return series_chart(
		[row["period"] for row in periods],
		{
			_("CSAT: Satisfied (%)"): [row["satisfied"] for row in periods],
			_("NPS"): [row["nps"] for row in periods],
		},
		"bar",
		translate=False,
		colors=["#5e64ff", "#ff8c00"],
	)


def summary(figures: dict) -> list[dict]:
	now, before = figures["now"], figures["before"]

	def delta(key):
		return round(now[key] - before[key], 2) if now[key] is not None and before[key] is not None else None

	# A score without answers in the period is a dash, not a 0; red, orange or green by the
	# thresholds of Feedback Settings, as on the workspace's cards.
	return [
		{"value": now["responses"], "label": _("Responses"), "datatype": "Int", "indicator": "Blue"},
		figure_card(now["csat"], _("CSAT (1-5)"), indicator("csat", now["csat"]) or "Grey"),
		figure_card(now["satisfied"], _("Satisfied (%)"), "Blue"),
		figure_card(delta("csat"), _("CSAT change vs previous period"), "Grey"),
		figure_card(now["nps"], _("NPS"), indicator("nps", now["nps"]) or "Grey"),
		figure_card(delta("nps"), _("NPS change vs previous period"), "Grey"),
		figure_card(now["ces"], _("CES (1-7)"), "Blue"),
	]


def message() -> str:
	return _(
		"CSAT = the average of the CSAT answers (1-5); Satisfied = the share of them that are 4 or 5. "
		"NPS = promoters (9-10) minus detractors (0-6), in per cent of the NPS answers (-100 to 100). "
		"Every period, the Total row and the cards are computed from their own answers, never as an "
		"average of other figures. A period without answers shows no figure and no bar, not 0. The "
		"chart shows CSAT as Satisfied (%) beside the NPS: both in points of 100. Answers count in "
		"the period they were given."
	)
