"""The Satisfaction Trend report: CSAT (average, share satisfied, distribution), NPS and effort
(CES) of answered revisits by period, and the change against the period before. The answers are
counted with GROUP BY through `frappe.get_list` (permissions apply); the figures follow from
the distributions (core/reports/satisfaction.py)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from feedback_loop.core.reports.periods import Grouping, key_label, previous_range
from feedback_loop.core.reports.satisfaction import csat_average, net_promoter_score, satisfied_share
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import period_conditions, period_sql

SCORES = ("csat", "nps", "ces")


def distributions(filters: dict, start, end, period_sql: str | None) -> dict:
	"""score → period → {value: count}, from one GROUP BY."""
	conditions = [["status", "=", "Responded"], *period_conditions("responded_on", start, end)]
	for field in ("customer", "callback_type", "channel", "trigger"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	period = f"{period_sql} as slot" if period_sql else "'all' as slot"
	# One scan: every combination of the three answers; each score keeps the rows it was given in.
	rows = frappe.get_list(
		"Feedback Callback",
		filters=conditions,
		# Aliases unlike any column: MariaDB's GROUP BY would prefer the column.
		fields=[
			period,
			"csat as csat_answer",
			"nps as nps_answer",
			"nps_answered as nps_given",
			"ces as ces_answer",
			"count(*) as count",
		],
		group_by="slot, csat_answer, nps_answer, nps_given, ces_answer",
		order_by="slot",
	)
	found: dict = {score: defaultdict(lambda: defaultdict(int)) for score in SCORES}
	for row in rows:
		answers = {"csat": row.csat_answer, "nps": row.nps_answer, "ces": row.ces_answer}
		for score in SCORES:
			if answered(score, row):
				found[score][row.slot][round(float(answers[score]))] += row.count
	return {
		score: {slot: dict(values) for slot, values in by_slot.items()} for score, by_slot in found.items()
	}


def answered(score: str, row) -> bool:
	"""CSAT and CES 0 mean not asked; NPS says so itself, since 0 is a valid NPS."""
	if score == "nps":
		return bool(row.nps_given)
	return float(row.get(f"{score}_answer") or 0) > 0


def merged(distributions) -> dict[int, int]:
	total: dict[int, int] = defaultdict(int)
	for values in distributions:
		for value, count in values.items():
			total[value] += count
	return dict(total)


def figures_of(dist: dict, slot: str) -> dict:
	csat, nps, ces = (dist[score].get(slot, {}) for score in ("csat", "nps", "ces"))
	return {
		"responses": max(sum(csat.values()), sum(nps.values()), sum(ces.values())),
		"csat": csat_average(csat),
		"satisfied": round(satisfied_share(csat) * 100, 1) if csat else None,
		"nps": net_promoter_score(nps),
		"ces": csat_average(ces),
		**{f"csat_{score}": csat.get(score, 0) for score in range(1, 6)},
	}


def trend(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	grouping = Grouping(filters.get("group_by") or Grouping.MONTH.value)
	dist = distributions(filters, start, end, period_sql(grouping, "responded_on"))
	slots = sorted({slot for score in dist.values() for slot in score})
	# The whole period is the sum of its slots: no second pass over the same answers.
	whole = {score: {"all": merged(by_slot.values())} for score, by_slot in dist.items()}
	before = distributions(filters, *previous_range(start, end), None)
	return {
		"rows": [{"period": key_label(slot, grouping), **figures_of(dist, slot)} for slot in slots],
		"now": figures_of(whole, "all"),
		"before": figures_of(before, "all"),
	}


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


def chart(figures: dict) -> dict:
	labels = [row["period"] for row in figures["rows"]]
	return series_chart(labels, {"NPS": [row["nps"] or 0 for row in figures["rows"]]}, "line")


def summary(figures: dict) -> list[dict]:
	now, before = figures["now"], figures["before"]

	def delta(key):
		return round(now[key] - before[key], 2) if now[key] is not None and before[key] is not None else None

	# A score without answers in the period is a dash, not a 0.
	return [
		figure_card(now["csat"], _("CSAT (1-5)"), "Blue"),
		figure_card(delta("csat"), _("CSAT change vs previous period"), "Grey"),
		figure_card(now["nps"], _("NPS"), "Blue"),
		figure_card(delta("nps"), _("NPS change vs previous period"), "Grey"),
		figure_card(now["ces"], _("CES (1-7)"), "Blue"),
	]
