"""The Top Issues report: the categories or items with the most feedback in a period."""

import frappe
from frappe import _
from frappe.query_builder import functions as fn
from frappe.utils import escape_html, getdate

from feedback_loop.core.reports.periods import previous_range
from feedback_loop.core.reports.top_issues import examples, rank, terms_label, top_terms
from feedback_loop.integrations.frappe.aggregate_list import aggregate_list, count_all
from feedback_loop.services.reports.cards import figure_card
from feedback_loop.services.reports.charts import series_chart
from feedback_loop.services.reports.link_columns import link_column
from feedback_loop.services.reports.queries import counts_by, record_count, record_filters
from feedback_loop.services.reports.sentiment_counting import how_sentiment_is_counted

KEYS = {"Category": ("category", "Feedback Category"), "Item": ("item", "Item")}
#: Keywords are counted over the latest records of the issues shown, not all of them: a fixed
#: cost at any size, and the latest records say what the issue is about now.
KEYWORD_SAMPLE = 5000


def top_issues(filters: dict) -> list:
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	field, _doctype = KEYS[filters.get("issue_by") or "Category"]
	# Not "issue": the record has an Issue link column of that name, which GROUP BY would prefer.
	group = (("issue_key", field),)
	present = [[field, "is", "set"]]
	# One scan for the count and the negative count of each issue.
	record = frappe.qb.DocType("Feedback Record")
	rows = aggregate_list(
		"Feedback Record",
		[f"{field} as issue_key", count_all(), fn.Sum(record.sentiment == "Negative").as_("negative")],
		filters=record_filters(filters, start, end) + present,
		group_by=("issue_key",),
		order_by=("issue_key",),
	)
	counts = {r.issue_key: r.count for r in rows}
	negatives = {r.issue_key: int(r.negative or 0) for r in rows if r.negative}
	before_start, before_end = previous_range(start, end)
	previous = {
		r.issue_key: r.count for r in counts_by(filters, before_start, before_end, *group, extra=present)
	}
	return rank(
		counts,
		negatives=negatives,
		previous=previous,
		top=int(filters.get("top") or 10),
		all_feedback=record_count(filters, start, end),
	)


def columns(filters: dict) -> list[dict]:
	_field, doctype = KEYS[filters.get("issue_by") or "Category"]
	return [
		link_column("issue", _(filters.get("issue_by") or "Category"), doctype, 200),
		{"fieldname": "count", "label": _("Feedback"), "fieldtype": "Int", "width": 100},
		{"fieldname": "share", "label": _("Share (%)"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "share_of_all", "label": _("Share of All (%)"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "high_frequency", "label": _("10 % or more"), "fieldtype": "Check", "width": 110},
		{"fieldname": "negative_share", "label": _("Negative (%)"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "previous", "label": _("Previous Period"), "fieldtype": "Int", "width": 120},
		{"fieldname": "change", "label": _("Change (%)"), "fieldtype": "Float", "precision": 1, "width": 100},
		{"fieldname": "top_keywords", "label": _("Top Keywords"), "fieldtype": "Data", "width": 320},
		{"fieldname": "examples", "label": _("Example Cases"), "fieldtype": "Data", "width": 300},
	]


def issue_keywords(issues: list, filters: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
	"""Per issue shown, the keywords its latest records share most, with how many records, and
	the records that carry most of them (its example cases)."""
	if not issues:
		return {}, {}
	field, _doctype = KEYS[filters.get("issue_by") or "Category"]
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	records = frappe.get_list(
		"Feedback Record",
		filters=[*record_filters(filters, start, end), [field, "in", [i.key for i in issues]]],
		fields=["name", f"{field} as issue_key", "keywords"],
		order_by="received_on desc",
		limit=KEYWORD_SAMPLE,
	)
	terms = top_terms((r.issue_key, r.keywords) for r in records)
	cases = examples(((r.issue_key, r.name, r.keywords) for r in records), terms)
	return {issue: terms_label(found) for issue, found in terms.items()}, cases


def rows(
	issues: list, keywords: dict[str, str] | None = None, cases: dict[str, list[str]] | None = None
) -> list[dict]:
	keywords, cases = keywords or {}, cases or {}
	return [
		{
			"issue": issue.key,
			"count": issue.count,
			"share": round(issue.share * 100, 1),
			"high_frequency": 1 if issue.high_frequency else 0,
			"negative_share": round(issue.negative_share * 100, 1),
			"previous": issue.previous,
			"change": round(issue.change * 100, 1) if issue.change is not None else None,
			"share_of_all": round(issue.share_of_all * 100, 1) if issue.share_of_all is not None else None,
			"top_keywords": keywords.get(issue.key, ""),
			"examples": ", ".join(_record_link(name) for name in cases.get(issue.key, [])),
		}
		for issue in issues
	]


def _record_link(name: str) -> str:
	name = escape_html(name)
	return f'<a href="/app/feedback-record/{name}">{name}</a>'


def chart(issues: list) -> dict | None:
	"""The issues shown, each with its feedback in this period beside the period before."""
	if not issues:
		return None
	return series_chart(
		# Category names are translated (Feedback Category is a translated doctype).
		[_(i.key) for i in issues],
		{
			_("Feedback"): [i.count for i in issues],
			_("Previous Period"): [i.previous for i in issues],
		},
		"bar",
		translate=False,
		colors=["#5e64ff", "#c0c6cc"],
	)


def summary(issues: list) -> list[dict]:
	flagged = [i for i in issues if i.high_frequency]
	return [
		{
			"value": len(flagged),
			"label": _("Issues with 10 % or more"),
			"datatype": "Int",
			"indicator": "Red" if flagged else "Green",
		},
		*(
			[
				figure_card(
					round(issues[0].share * 100, 1),
					_("Top issue: {0} (%)").format(_(issues[0].key)),
					"Blue",
				)
			]
			if issues
			else []
		),
	]


def feedback_of(issue: str, filters: dict, limit: int = 50) -> list[str]:
	"""The most recent records of one issue in the period, for a Root Cause Analysis."""
	from feedback_loop.services.reports.queries import record_filters

	field, _doctype = KEYS[filters.get("issue_by") or "Category"]
	start, end = getdate(filters["from_date"]), getdate(filters["to_date"])
	return frappe.get_list(
		"Feedback Record",
		filters=[*record_filters(filters, start, end), [field, "=", issue]],
		pluck="name",
		order_by="received_on desc",
		limit=limit,
	)


def message() -> str:
	return (
		_(
			"Share = an issue's feedback in per cent of all feedback of the period with a category (or "
			"item), not only of the issues shown; 10 % or more is flagged. Share of All = the same of all "
			"feedback of the period, with a category or not. Negative = the issue's negative feedback in "
			"per cent of its own. Change = against the period of the same length just before. Example "
			"Cases = the issue's records that carry most of its top keywords."
		)
		+ " "
		+ how_sentiment_is_counted()
	)
