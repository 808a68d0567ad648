"""A collection campaign: checked on save, started once (a revisit per target customer, sent by
the revisit machinery on the customer's channel), closed, and measured from its revisits."""

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, today
from frappe.utils.nestedset import get_descendants_of

from feedback_loop.core.campaigns.campaign import (
	CLOSED,
	MAX_TARGETS,
	RUNNING,
	CampaignProblem,
	Revisit,
	campaign_figures,
	campaign_problems,
	start_problem,
)
from feedback_loop.services.callbacks.triggers import revisit_contact

CAMPAIGN = "Feedback Campaign"


def validate_campaign(doc) -> None:
	coupon_based = (
		bool(frappe.db.get_value("Pricing Rule", doc.pricing_rule, "coupon_code_based"))
		if doc.pricing_rule
		else None
	)
	problems = campaign_problems(
		getdate(doc.start_date), getdate(doc.end_date), pricing_rule_coupon_based=coupon_based
	)
	if problems:
		frappe.throw("<br>".join(_message(p) for p in problems), title=_("Campaign"))
	seen = set()
	for row in list(doc.customers):
		if row.customer in seen:
			doc.remove(row)
		seen.add(row.customer)


def target_customers(doc) -> list[str]:
	"""The customers named, else every active customer of the group and territory (with their
	sub-groups); one more than the limit at most, so that too many can be told."""
	if doc.customers:
		return [row.customer for row in doc.customers]
	if not (doc.target_group or doc.target_territory):
		# Nobody chosen is nobody: a campaign never surveys every customer unasked.
		return []
	filters: dict = {"disabled": 0}
	# Not named customer_group / territory on the campaign: Frappe would fill those with the user's
	# defaults (All Customer Groups), and a campaign would target everyone unasked.
	for column, field, tree in (
		("customer_group", "target_group", "Customer Group"),
		("territory", "target_territory", "Territory"),
	):
		if doc.get(field):
			# The group the campaign names, whoever starts it: a manager may hold no rights on the tree.
			descendants = get_descendants_of(tree, doc.get(field), ignore_permissions=True)
			filters[column] = ["in", [doc.get(field), *descendants]]
	return frappe.get_all("Customer", filters=filters, pluck="name", limit=MAX_TARGETS + 1, order_by="name")


def start_campaign(doc) -> dict:
	"""One revisit per target customer who can be reached; returns how many were planned and how
	many could not be reached (no address, consent withdrawn)."""
	customers = target_customers(doc)
	problem = start_problem(doc.status, getdate(doc.end_date), getdate(today()), len(customers))
	if problem:
		frappe.throw(_message(problem), title=_("Campaign"))
	due_on = max(now_datetime(), get_datetime(f"{doc.start_date} 09:00:00"))
	planned = unreachable = 0
	for customer in customers:
		if _plan_revisit(doc, customer, due_on):
			planned += 1
		else:
			unreachable += 1
	doc.status = RUNNING
	doc.save()
	return {"planned": planned, "unreachable": unreachable}


def _plan_revisit(doc, customer: str, due_on) -> bool:
	dedupe_key = f"campaign:{doc.name}:{customer}"
	if frappe.db.exists("Feedback Callback", {"dedupe_key": dedupe_key}):
		return True
	reached = revisit_contact(frappe._dict(), customer, needs_address=doc.channel != "Phone")
	if reached is None:
		return False
	contact, email = reached
	callback = frappe.get_doc(
		{
			"doctype": "Feedback Callback",
			"callback_type": "Campaign",
			"campaign": doc.name,
			"customer": customer,
			"contact": contact,
			"contact_email": email,
			"reference_doctype": CAMPAIGN,
			"reference_name": doc.name,
			"channel": doc.channel,
			"due_on": due_on,
			"survey_template": doc.survey_template,
			"dedupe_key": dedupe_key,
		}
	)
	callback.flags.ignore_permissions = True
	callback.insert()
	return True


def close_campaign(doc) -> int:
	"""Closed: revisits not sent yet are cancelled (one UPDATE); returns how many."""
	callback = frappe.qb.DocType("Feedback Callback")
	waiting = (callback.campaign == doc.name) & (callback.status == "Scheduled")
	count = frappe.db.count("Feedback Callback", {"campaign": doc.name, "status": "Scheduled"})
	frappe.qb.update(callback).set(callback.status, "Cancelled").where(waiting).run()
	doc.status = CLOSED
	doc.save()
	return count


def figures_of(name: str) -> dict:
	"""The campaign's response rate, CSAT, coupons and findings (the categories its feedback names
	most), from its revisits and the feedback their answers raised."""
	callback = frappe.qb.DocType("Feedback Callback")
	record = frappe.qb.DocType("Feedback Record")
	rows = (
		frappe.qb.from_(callback)
		.left_join(record)
		.on(record.name == callback.created_feedback)
		.select(
			callback.status, callback.csat, callback.coupon_code, callback.created_feedback, record.category
		)
		.where(callback.campaign == name)
	).run(as_dict=True)
	figures = campaign_figures(
		[Revisit(r.status, r.csat or None, r.coupon_code, bool(r.created_feedback), r.category) for r in rows]
	)
	return {
		"targeted": figures.targeted,
		"sent": figures.sent,
		"answered": figures.answered,
		"response_rate": None if figures.response_rate is None else round(figures.response_rate * 100, 1),
		"csat": figures.csat,
		"coupons": figures.coupons,
		"feedback": figures.feedback,
		"findings": [[_(category), count] for category, count in figures.findings],
	}


def _message(problem: CampaignProblem) -> str:
	return {
		CampaignProblem.ENDS_BEFORE_START: _("The campaign ends before it starts."),
		CampaignProblem.NOT_COUPON_BASED: _(
			"The Pricing Rule must be Coupon Code Based, or the coupon given would change no price."
		),
		CampaignProblem.NOT_DRAFT: _("Only a draft campaign can be started."),
		CampaignProblem.ALREADY_OVER: _("The campaign's period is over."),
		CampaignProblem.NO_TARGETS: _(
			"The campaign has no target customers: name some, or a customer group or territory with customers."
		),
		CampaignProblem.TOO_MANY_TARGETS: _(
			"More than {0} target customers: narrow the group or territory."
		).format(MAX_TARGETS),
	}[problem]
