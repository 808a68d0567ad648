"""Install: small idempotent steps, each safe to run again (``bench migrate`` calls after_migrate too)."""

import frappe
from frappe.utils import get_system_timezone

from feedback_loop.core.triage.priority_matrix import default_rules
from feedback_loop.services.intake.topics import add_default_topics
from feedback_loop.services.messages.texts import shipped_texts, template_name
from feedback_loop.services.onboarding.setup_state import refresh_onboarding
from feedback_loop.setup.custom_fields import add_custom_fields
from feedback_loop.setup.default_categories import ROOT, TREE
from feedback_loop.setup.default_sla_policy import DEFAULT_POLICY
from feedback_loop.setup.default_surveys import add_default_surveys
from feedback_loop.setup.digests import add_digests
from feedback_loop.setup.roles import ROLES
from feedback_loop.setup.routing import add_routing_rules, mark_safety_categories
from feedback_loop.setup.workflows import add_plan_workflow, add_rca_workflow
from feedback_loop.setup.workspace_blocks import add_workspace_blocks


def before_install():
	# Doctype permissions name these roles, so they must exist before the doctypes sync.
	add_roles()


def after_install():
	add_roles()
	add_custom_fields()
	add_default_categories()
	mark_safety_categories()
	add_category_translations()
	add_default_settings()
	add_message_templates()
	add_default_sla_policy()
	add_rca_workflow()
	add_plan_workflow()
	add_default_surveys()
	add_default_topics()
	add_digests()
	add_routing_rules()
	add_workspace_blocks()
	refresh_onboarding()
	clear_route_cache()


def after_migrate():
	add_roles()
	add_custom_fields()
	add_message_templates()
	add_workspace_blocks()
	add_category_translations()
	refresh_onboarding()
	clear_route_cache()


def clear_route_cache():
	# The survey page lives on a route rule (hooks); a cached rule list from before would 404 it.
	frappe.cache.delete_value("website_route_rules")


def add_roles():
	for role_name, description in ROLES.items():
		if not frappe.db.exists("Role", role_name):
			frappe.get_doc(
				{"doctype": "Role", "role_name": role_name, "desk_access": 1, "description": description}
			).insert(ignore_permissions=True)


def add_default_categories():
	root_name, root_zh = ROOT
	_add_category(root_name, root_zh, parent=None, is_group=True)
	for name, name_zh, keywords_en, keywords_zh, children in TREE:
		_add_category(name, name_zh, root_name, bool(children), keywords_en, keywords_zh)
		for child in children:
			_add_category(*child[:2], parent=name, is_group=False, keywords_en=child[2], keywords_zh=child[3])


def _add_category(name, name_zh, parent, is_group, keywords_en="", keywords_zh=""):
	if frappe.db.exists("Feedback Category", name):
		return
	frappe.get_doc(
		{
			"doctype": "Feedback Category",
			"category_name": name,
			"category_name_zh": name_zh,
			"parent_feedback_category": parent,
			"is_group": int(is_group),
			"keywords_en": keywords_en,
			"keywords_zh": keywords_zh,
		}
	).insert(ignore_permissions=True)


def add_category_translations():
	# While an app installs, Frappe does not yet run its doc_events, so the default categories
	# were inserted without their Translation; a migrate also repairs sites installed that way.
	from feedback_loop.services.triage.category_translations import sync_all

	sync_all()


#: Settings added after sites were installed: a migrate leaves a new field of a single empty.
MESSAGE_SETTINGS = ("channel_order", "sms_max_segments", "sms_opt_out_zh", "sms_opt_out_en")
LOOP_SETTINGS = ("tell_customer_on_resolution", "second_verification_working_days", "max_call_attempts")
#: The thresholds by which the workspace's cards and Satisfaction Trend colour CSAT and NPS.
SATISFACTION_FIGURE_SETTINGS = (
	"low_csat_average_at_most",
	"good_csat_average_at_least",
	"low_nps_score_at_most",
	"good_nps_score_at_least",
)
PRIORITY_RULE_SETTINGS = (
	"apply_priority_rules",
	"raise_on_low_score",
	"strongly_negative_at_most",
	"demand_words",
	"safety_words",
	"key_account_urgency_steps",
	"same_problem_window_days",
	"several_customers_at",
	"many_customers_at",
)


def add_default_settings():
	settings = frappe.get_single("Feedback Settings")
	fill_defaults(
		settings, (*MESSAGE_SETTINGS, *LOOP_SETTINGS, *PRIORITY_RULE_SETTINGS, *SATISFACTION_FIGURE_SETTINGS)
	)
	if not settings.priority_matrix:
		for impact, urgency, priority in default_rules():
			settings.append("priority_matrix", {"impact": impact, "urgency": urgency, "priority": priority})
	settings.flags.ignore_permissions = True
	settings.save()


def fill_defaults(settings, fieldnames) -> None:
	"""Each empty field takes its doctype default."""
	for fieldname in fieldnames:
		default = settings.meta.get_field(fieldname).default
		if default and not settings.get(fieldname):
			settings.set(fieldname, default)


def add_message_templates():
	"""Every message text as shipped, for each channel and language; an edited one is kept."""
	for (kind, channel, language), (subject, text) in shipped_texts().items():
		name = template_name(kind, channel, language)
		if frappe.db.exists("Feedback Message Template", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Feedback Message Template",
				"message_kind": kind,
				"channel": channel,
				"language": language,
				"subject": subject,
				"text": text,
			}
		).insert(ignore_permissions=True)


def add_default_sla_policy():
	if frappe.db.exists("Feedback SLA Policy", DEFAULT_POLICY["policy_name"]):
		return
	policy = frappe.get_doc({"doctype": "Feedback SLA Policy", **DEFAULT_POLICY})
	policy.timezone = get_system_timezone()
	company = frappe.defaults.get_global_default("company")
	if company:
		policy.holiday_list = frappe.db.get_value("Company", company, "default_holiday_list")
	policy.insert(ignore_permissions=True)
