"""The SLA Compliance report: per priority, policy, department or assignee the records with an
SLA, the response and resolution clocks met and breached, and the median and 90th percentile of
the time taken in working hours.

Two GROUP BYs through `frappe.get_list` (the reader's permissions apply): the clock states with
a histogram of the response times, and a histogram of the resolution times, each to the nearest
0.1 working hour; the percentiles follow from the histograms (core/reports/sla_compliance.py) without a
record coming to Python.
"""

from collections import Counter, defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Round
from frappe.utils import getdate

from feedback_loop.core.reports.periods import previous_range
from feedback_loop.core.reports.sla_compliance import BASED_ON_COLUMN, BasedOn, clock_compliance, percentile
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.link_columns import link_column
from feedback_loop.services.reports.queries import counts_by

CLOCKS = ("response", "resolution")
#: Working hours are counted to the nearest tenth (6 minutes) for the percentiles.
HOURS_PRECISION = 1
_RECORD = frappe.qb.DocType("Feedback Record")


def compliance(filters: dict) -> dict:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	based_on = BasedOn(filters.get("based_on") or BasedOn.PRIORITY.value)
	column = BASED_ON_COLUMN[based_on]
	with_sla = [["sla_policy", "is", "set"]]
	# One pass for the clock states and the response times, one for the resolution times.
	counts = counts_by(
		filters,
		start,
		end,
		("grp", column),
		("response_state", "response_sla_status"),
		("resolution_state", "resolution_sla_status"),
		("answered", _RECORD.first_responded_on.isnotnull()),
		("taken", Round(_RECORD.response_working_hours, HOURS_PRECISION)),
		extra=with_sla,
	)
	groups: dict[str, dict] = defaultdict(
		lambda: {"total": 0, "response": defaultdict(int), "resolution": defaultdict(int)}
	)
	histograms: dict[str, dict[str, dict[float, int]]] = {
		clock: defaultdict(lambda: defaultdict(int)) for clock in CLOCKS
	}
	for row in counts:
		group = groups[row.grp or ""]
		group["total"] += row.count
		group["response"][row.response_state] += row.count
		group["resolution"][row.resolution_state] += row.count
		if row.answered:
			histograms["response"][row.grp or ""][float(row.taken)] += row.count
	for row in counts_by(
		filters,
		start,
		end,
		("grp", column),
		("taken", Round(_RECORD.resolution_working_hours, HOURS_PRECISION)),
		extra=[*with_sla, ["resolution_fulfilled_on", "is", "set"]],
	):
		histograms["resolution"][row.grp or ""][float(row.taken)] += row.count

	percentiles, overall = {}, {}
	for clock, by_group in histograms.items():
		percentiles[clock] = {group: _median_and_p90(h) for group, h in by_group.items()}
		overall[clock] = {"": _median_and_p90(sum(map(Counter, by_group.values()), Counter()))}
	return {
		"based_on": based_on,
		"groups": dict(groups),
		"percentiles": percentiles,
		"overall": overall,
		"previous": _previous_states(filters, start, end, with_sla),
	}


def _previous_states(filters: dict, start, end, with_sla: list) -> dict[str, dict[str, int]]:
	"""The clock states of the period of the same length just before: better or worse than then?
	One GROUP BY of a handful of rows."""
	before_start, before_end = previous_range(start, end)
	states: dict[str, dict[str, int]] = {clock: defaultdict(int) for clock in CLOCKS}
	for row in counts_by(
		filters,
		before_start,
		before_end,
		("response_state", "response_sla_status"),
		("resolution_state", "resolution_sla_status"),
		extra=with_sla,
	):
		states["response"][row.response_state] += row.count
		states["resolution"][row.resolution_state] += row.count
	return states


def _median_and_p90(histogram: dict[float, int]) -> tuple[float | None, float | None]:
	return _round(percentile(histogram, 0.5)), _round(percentile(histogram, 0.9))


def _round(value) -> float | None:
	return round(float(value), 2) if value is not None else None


def rows(figures: dict) -> list[dict]:
	"""A row per group, largest first, then the Total row: the summed counts, the breached share
	of the summed decided clocks and the percentiles of all the times together (the cards')."""
	out = [
		_row(group or _("Not Set"), values, figures["percentiles"], group)
		for group, values in sorted(figures["groups"].items(), key=lambda item: -item[1]["total"])
	]
	if out:
		out.append(_row(_("Total"), _totals(figures), figures["overall"], "", bold=1, is_total=1))
	return out


def _row(label: str, values: dict, percentiles: dict, key: str, **extra) -> dict:
	row = {"group": label, "total": values["total"]}
	for clock in CLOCKS:
		state = clock_compliance(values[clock])
		median, p90 = percentiles[clock].get(key, (None, None))
		row.update(
			{
				f"{clock}_met": state.met,
				f"{clock}_breached": state.breached,
				f"{clock}_breached_pct": _pct(state.breached_share),
				f"{clock}_median": median,
				f"{clock}_p90": p90,
			}
		)
	return {**row, **extra}


def _totals(figures: dict) -> dict:
	"""The groups' clock states summed: what the Total row and the cards are computed from."""
	totals: dict = {"total": 0, **{clock: defaultdict(int) for clock in CLOCKS}}
	for values in figures["groups"].values():
		totals["total"] += values["total"]
		for clock in CLOCKS:
			for state, count in values[clock].items():
				totals[clock][state] += count
	return totals


def _met_pct(states: dict[str, int]) -> float | None:
	"""The share of decided clocks that were met, in per cent; None when none was decided."""
	breached = clock_compliance(states).breached_share
	return _pct(1 - breached) if breached is not None else None


def _pct(share: float | None) -> float | None:
	return round(share * 100, 1) if share is not None else None


def columns(figures: dict) -> list[dict]:
	based_on = figures["based_on"]
	linked = {
		BasedOn.POLICY: "Feedback SLA Policy",
		BasedOn.DEPARTMENT: "Department",
		BasedOn.ASSIGNEE: "User",
	}
	group_column = (
		link_column("group", _(based_on.value), linked[based_on], 180)
		if based_on in linked
		else {"fieldname": "group", "label": _(based_on.value), "fieldtype": "Data", "width": 180}
	)
	out = [
		group_column,
		{"fieldname": "total", "label": _("Feedback with SLA"), "fieldtype": "Int", "width": 130},
	]
	for clock, label in (("response", _("First Response")), ("resolution", _("Resolution"))):
		out += [
			{
				"fieldname": f"{clock}_met",
				"label": _("{0} Met").format(label),
				"fieldtype": "Int",
				"width": 120,
			},
			{
				"fieldname": f"{clock}_breached",
				"label": _("{0} Breached").format(label),
				"fieldtype": "Int",
				"width": 140,
			},
			{
				"fieldname": f"{clock}_breached_pct",
				"label": _("{0} Breached (%)").format(label),
				"fieldtype": "Percent",
				"width": 150,
			},
			{
				"fieldname": f"{clock}_median",
				"label": _("{0} Median (Working Hours)").format(label),
				"fieldtype": "Float",
				"precision": 2,
				"width": 190,
			},
			{
				"fieldname": f"{clock}_p90",
				"label": _("{0} 90th Percentile (Working Hours)").format(label),
				"fieldtype": "Float",
				"precision": 2,
				"width": 220,
			},
		]
	return out


def chart(table: list[dict]) -> dict | None:
	"""The breached shares of the 15 largest groups and of the Total; a group none of whose
	clocks is decided yet has no bar (not a 0 %, which would read as perfect)."""
	if not table:
		return None
	shown = [*[row for row in table if not row.get("is_total")][:15], table[-1]]
	return series_chart(
		[row["group"] for row in shown],
		{
			_("First Response Breached (%)"): [row["response_breached_pct"] for row in shown],
			_("Resolution Breached (%)"): [row["resolution_breached_pct"] for row in shown],
		},
		"bar",
		translate=False,
	)


def summary(figures: dict) -> list[dict]:
	totals = _totals(figures)
	cards = [
		{"value": totals["total"], "label": _("Feedback with SLA"), "datatype": "Int", "indicator": "Blue"}
	]
	for clock, label in (("response", _("First Response")), ("resolution", _("Resolution"))):
		state = clock_compliance(totals[clock])
		median, p90 = figures["overall"][clock].get("", (None, None))
		cards += [
			figure_card(
				_met_pct(totals[clock]),
				_("{0} Met (%)").format(label),
				"Grey" if state.breached_share is None else "Green" if state.breached_share <= 0.1 else "Red",
			),
			figure_card(
				_met_pct(figures["previous"][clock]), _("{0} Met (%), Previous Period").format(label), "Grey"
			),
			figure_card(median, _("{0} Median (Working Hours)").format(label), "Blue"),
			figure_card(p90, _("{0} 90th Percentile (Working Hours)").format(label), "Blue"),
		]
	return cards


def message() -> str:
	return _(
		"A clock counts once it is decided: Met, or Breached (also while the feedback is still open). "
		"Breached (%) = breached clocks in per cent of the decided ones; Met (%) on the cards is the "
		"rest of them. Clocks still running or paused count in Feedback with SLA only. The Total row "
		"and the cards are computed from the summed counts and all the times together, not from the "
		"rows' percentages. Times are working hours of each record's SLA policy calendar."
	)
