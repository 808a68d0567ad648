"""The Callback Performance report: revisits due in the period by trigger and revisit type — not
sent yet, sent (answered, no response, still awaiting an answer), failed or cancelled — and the
response rate, answered ÷ sent (core/reports/revisits.py states why). One GROUP BY through
`frappe.get_list` (permissions apply); every row, the Total row, the cards and the chart take
their rate from counts by the same function."""

from collections import defaultdict

from frappe import _
from frappe.utils import getdate

from feedback_loop.core.reports.revisits import Outcomes, outcomes, total
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.queries import period_conditions

#: The chart's series: each outcome of the revisits sent, in per cent of them, and its colour.
CHART_SERIES = (("responded", "#29cd42"), ("no_response", "#e24c4c"), ("awaiting", "#a0a0a0"))


def performance(filters: dict) -> list[tuple[str, str, Outcomes]]:
	"""(trigger, revisit type, outcomes) per trigger and type with revisits due in the period."""
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	conditions = period_conditions("due_on", start, end)
	for field in ("customer", "trigger", "callback_type", "channel"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	counts = aggregate_list(
		"Feedback Callback",
		# Aliases unlike any column: MariaDB's GROUP BY would prefer the column.
		["`trigger` as rule", "callback_type as kind", "status as state", count_all()],
		filters=conditions,
		group_by=("rule", "kind", "state"),
		order_by=("rule", "kind"),
	)
	states: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
	for row in counts:
		states[(row.rule or "", row.kind or "")][row.state] += row.count
	return [(rule, kind, outcomes(found)) for (rule, kind), found in sorted(states.items())]


def figures(rule: str | None, kind: str | None, found: Outcomes, **extra) -> dict:
	return {
		"trigger": rule or None,
		"callback_type": kind,
		"revisits": found.revisits,
		"not_sent": found.not_sent,
		"sent": found.sent,
		"responded": found.responded,
		"no_response": found.no_response,
		"awaiting": found.awaiting,
		"failed_or_cancelled": found.failed_or_cancelled,
		"response_rate": found.response_rate,
		**extra,
	}


def rows(groups: list[tuple[str, str, Outcomes]]) -> list[dict]:
	"""A row per trigger and type, then the Total row: the summed counts and their own rate."""
	if not groups:
		return []
	whole = total(found for _rule, _kind, found in groups)
	return [
		*(figures(rule, kind, found) for rule, kind, found in groups),
		figures(None, _("Total"), whole, bold=1, is_total=1),
	]


def columns() -> list[dict]:
	def count(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{
			"fieldname": "trigger",
			"label": _("Trigger"),
			"fieldtype": "Link",
			"options": "Feedback Trigger",
			"width": 220,
		},
		{"fieldname": "callback_type", "label": _("Revisit Type"), "fieldtype": "Data", "width": 160},
		count("revisits", _("Revisits"), 90),
		count("not_sent", _("Not Sent Yet"), 110),
		count("sent", _("Sent"), 80),
		count("responded", _("Responded"), 100),
		count("no_response", _("No Response"), 110),
		count("awaiting", _("Awaiting Answer"), 130),
		count("failed_or_cancelled", _("Failed or Cancelled"), 140),
		{"fieldname": "response_rate", "label": _("Response Rate (%)"), "fieldtype": "Percent", "width": 130},
	]


def chart(table: list[dict]) -> dict | None:
	"""Per trigger and type, and for the Total: what became of the revisits sent, in per cent of
	them; the green part is the response rate of the row."""
	if not table:
		return None
	names = {
		"responded": _("Responded (%)"),
		"no_response": _("No Response (%)"),
		"awaiting": _("Awaiting Answer (%)"),
	}
	shares = [
		Outcomes(
			awaiting=row["awaiting"], responded=row["responded"], no_response=row["no_response"]
		).shares_of_sent()
		for row in table
	]
	return series_chart(
		[_label(row) for row in table],
		{names[key]: [share[key] for share in shares] for key, _colour in CHART_SERIES},
		"bar",
		translate=False,
		barOptions={"stacked": True},
		colors=[colour for _key, colour in CHART_SERIES],
	)


def _label(row: dict) -> str:
	if row.get("is_total"):
		return row["callback_type"]
	kind = _(row["callback_type"], context="Feedback Callback") if row["callback_type"] else ""
	return f"{row['trigger']} · {kind}" if row["trigger"] else kind


def summary(table: list[dict]) -> list[dict]:
	"""The Total row's figures as cards (no rows: nothing due in the period)."""
	whole = table[-1] if table else figures(None, None, Outcomes())
	return [
		{"value": whole["revisits"], "label": _("Revisits"), "datatype": "Int", "indicator": "Blue"},
		{"value": whole["sent"], "label": _("Sent"), "datatype": "Int", "indicator": "Blue"},
		{"value": whole["responded"], "label": _("Responded"), "datatype": "Int", "indicator": "Green"},
		{"value": whole["no_response"], "label": _("No Response"), "datatype": "Int", "indicator": "Red"},
		{"value": whole["awaiting"], "label": _("Awaiting Answer"), "datatype": "Int", "indicator": "Grey"},
		figure_card(whole["response_rate"], _("Response Rate (%)"), "Green"),
	]


def message() -> str:
	return _(
		"Response rate = revisits answered ÷ revisits sent. Sent counts every revisit that reached "
		"the customer: answered, closed without an answer (No Response) or still awaiting an answer. "
		"Those still awaiting count as not answered yet, so a recent period's rate can still rise; "
		"how many may still answer is Awaiting Answer. Every row, the Total row (from the summed "
		"counts), the cards and the chart use this one definition. Revisits count in the period they "
		"were due."
	)
