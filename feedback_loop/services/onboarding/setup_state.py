"""The setup steps marked done from what the site holds (core/onboarding/steps.py decides).

Frappe's onboarding panel marks a step done when its button is clicked; here every step is
re-read from the site whenever something it depends on changes, so "done" means configured, and a
step whose configuration is removed shows as open again.
"""

import frappe
from frappe.utils import getdate, nowdate

from feedback_loop.core.onboarding.steps import STEPS, SetupFacts, done_steps
from feedback_loop.services.triage.routing import AGENT_ROLE, RECORD

ONBOARDING = "Feedback Loop Setup"
REPORT_MODULE = "Feedback Loop"


def site_facts() -> SetupFacts:
	paused, anonymous = frappe.db.get_value(
		"Feedback Settings", None, ["revisits_paused", "allow_anonymous_web_feedback"]
	)
	return SetupFacts(
		outgoing_email_accounts=frappe.db.count("Email Account", {"enable_outgoing": 1}),
		sms_gateway_set=bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url")),
		wechat_sources_with_credentials=frappe.db.count(
			"Feedback Messaging Source", {"enabled": 1, "channel": "WeChat", "app_id": ("is", "set")}
		),
		calendar_covers_today=calendar_covers_today(),
		rules_with_agents=rules_with_agents(),
		enabled_triggers=frappe.db.count("Feedback Trigger", {"enabled": 1}),
		revisits_paused=bool(int(paused or 0)),
		portal_customers=portal_customers(),
		anonymous_web_feedback=bool(int(anonymous or 0)),
		digests_with_recipients=frappe.db.count(
			"Auto Email Report",
			{"enabled": 1, "email_to": ("is", "set"), "report": ("in", our_reports())},
		),
		feedback_records=len(frappe.get_all(RECORD, limit=1, pluck="name")),
	)


def calendar_covers_today() -> bool:
	policy = frappe.db.get_value(
		"Feedback SLA Policy", {"enabled": 1, "is_default": 1}, "holiday_list"
	) or frappe.db.get_value(
		"Feedback SLA Policy", {"enabled": 1, "holiday_list": ("is", "set")}, "holiday_list"
	)
	if not policy:
		return False
	bounds = frappe.db.get_value("Holiday List", policy, ["from_date", "to_date"], as_dict=True)
	return bool(bounds and bounds.from_date <= getdate(nowdate()) <= bounds.to_date)


def rules_with_agents() -> int:
	rule = frappe.qb.DocType("Assignment Rule")
	rule_user = frappe.qb.DocType("Assignment Rule User")
	has_role = frappe.qb.DocType("Has Role")
	return len(
		frappe.qb.from_(rule)
		.join(rule_user)
		.on(rule_user.parent == rule.name)
		.join(has_role)
		.on((has_role.parent == rule_user.user) & (has_role.parenttype == "User"))
		.select(rule.name)
		.distinct()
		.where((rule.document_type == RECORD) & (rule.disabled == 0) & (has_role.role == AGENT_ROLE))
		.run()
	)


def portal_customers() -> int:
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	return len(
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name)
		.where((user.enabled == 1) & (user.user_type == "Website User") & (has_role.role == "Customer"))
		.limit(1)
		.run()
	)


def our_reports() -> list[str]:
	return frappe.get_all("Report", filters={"module": REPORT_MODULE}, pluck="name")


def refresh_onboarding(*_args, **_kwargs) -> dict[str, bool]:
	"""Mark each step done or not from the site; the panel hides once all are done or skipped."""
	if not frappe.db.exists("Module Onboarding", ONBOARDING):
		return {}
	done = done_steps(site_facts())
	stored = {
		row.name: row
		for row in frappe.get_all(
			"Onboarding Step",
			filters={"name": ("in", [step.value for step in STEPS])},
			fields=["name", "is_complete", "is_skipped"],
		)
	}
	for step, is_done in done.items():
		row = stored.get(step.value)
		if row is not None and bool(row.is_complete) != is_done:
			frappe.db.set_value(
				"Onboarding Step", step.value, "is_complete", int(is_done), update_modified=False
			)
	finished = all(done[step] or (stored.get(step.value) and stored[step.value].is_skipped) for step in STEPS)
	if bool(frappe.db.get_value("Module Onboarding", ONBOARDING, "is_complete")) != finished:
		frappe.db.set_value(
			"Module Onboarding", ONBOARDING, "is_complete", int(finished), update_modified=False
		)
	return {step.value: is_done for step, is_done in done.items()}


def on_boot(bootinfo) -> None:
	"""Each desk load of a user who sees the setup panel: the steps as the site is now."""
	if {"System Manager", "Feedback Manager"} & set(frappe.get_roles()):
		refresh_onboarding()
