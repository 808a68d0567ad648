app_name = "feedback_loop"
app_title = "Feedback Loop"
app_publisher = "feedback_loop developers"
app_description = (
	"Closes the customer-feedback loop inside ERPNext: collect, triage, root cause, improve, "
	"tell the customer, verify"
)
app_email = "feedback-loop@example.com"
app_license = "mit"

required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Install / uninstall
# -------------------
before_install = "feedback_loop.setup.install.before_install"
after_install = "feedback_loop.setup.install.after_install"
after_migrate = "feedback_loop.setup.install.after_migrate"
before_uninstall = "feedback_loop.setup.uninstall.before_uninstall"
after_uninstall = "feedback_loop.setup.uninstall.after_uninstall"

# Desk
# ----
app_include_js = [
	"values_in_context.bundle.js",
	"new_feedback.bundle.js",
	"number_card_colours.bundle.js",
	"link_queries.bundle.js",
	"survey_questions.bundle.js",
	"paper_forms.bundle.js",
]

# ERPNext forms
# -------------
doctype_js = {
	"Customer": "public/js/customer.js",
	"Sales Order": "public/js/sales_order.js",
	"Delivery Note": "public/js/delivery_note.js",
	"Sales Invoice": "public/js/sales_invoice.js",
	"Issue": "public/js/issue.js",
}

override_doctype_dashboards = {
	"Customer": "feedback_loop.integrations.erpnext.dashboards.add_customer_feedback_group",
	"Sales Order": "feedback_loop.integrations.erpnext.dashboards.add_feedback_group",
	"Delivery Note": "feedback_loop.integrations.erpnext.dashboards.add_feedback_record_group",
	"Sales Invoice": "feedback_loop.integrations.erpnext.dashboards.add_feedback_record_group",
	"Issue": "feedback_loop.integrations.erpnext.dashboards.add_feedback_record_group",
}

# A record's and a revisit's messages go with them when they are deleted (their controllers).
ignore_links_on_delete = ["Feedback Message"]

# The setup panel's steps as the site is now, on each desk load (services/onboarding).
boot_session = [
	"feedback_loop.services.onboarding.setup_state.on_boot",
	"feedback_loop.integrations.frappe.link_rights.on_boot",
]

# Tests: the site's baseline before a run (feedback_loop/tests/site_baseline.py).
before_tests = ["feedback_loop.tests.site_baseline.prepare_site"]

# Permissions
# -----------
permission_query_conditions = {
	"Feedback Record": "feedback_loop.permissions.feedback_record_query_conditions",
}

has_permission = {
	"Feedback Record": "feedback_loop.permissions.has_feedback_record_permission",
}

# Every web and background worker: Frappe 15 lets adjacent restricted fields through list
# queries; see integrations/frappe/fieldlevel_permissions.py.
before_request = ["feedback_loop.integrations.frappe.fieldlevel_permissions.ensure_applied"]
before_job = ["feedback_loop.integrations.frappe.fieldlevel_permissions.ensure_applied"]

# The form's timeline masked like its fields for roles without the contact-details level.
override_whitelisted_methods = {
	"frappe.desk.form.load.getdoc": "feedback_loop.integrations.frappe.form_load.getdoc",
	"frappe.desk.form.load.get_communications": "feedback_loop.integrations.frappe.form_load.get_communications",
	# Our roles pick customers, orders, departments without rules on ERPNext's doctypes
	# (integrations/frappe/link_rights.py): Frappe 15's and Frappe 16's link checks.
	"frappe.client.validate_link": "feedback_loop.integrations.frappe.link_check.validate_link",
	"frappe.client.validate_link_and_fetch": "feedback_loop.integrations.frappe.link_check.validate_link_and_fetch",
	# Frappe 16's workflow buttons ask for the Workflow, which only System Managers may read.
	"frappe.client.get_value": "feedback_loop.integrations.frappe.workflow_action.get_value",
}

# Every link to a category: its Chinese name shown once (api/category_search.py).
standard_queries = {
	"Feedback Category": "feedback_loop.api.category_search.search_categories",
	"Feedback Messaging Source": "feedback_loop.api.link_search.search_messaging_sources",
}

# Documents of other apps
# -----------------------
# Events of our own doctypes live in their controllers; here only other apps' doctypes, each
# handled by one module of integrations/ named after it.
doc_events = {
	"Holiday List": {"on_update": "feedback_loop.integrations.erpnext.holiday_list.on_update"},
	# Lineages and the SLA policies' tree conditions are cached (integrations/frappe/tree_lineage.py).
	**{
		tree: {
			event: "feedback_loop.integrations.erpnext.customer_trees.forget"
			for event in ("on_update", "on_trash", "after_rename")
		}
		for tree in ("Customer Group", "Territory")
	},
	"Department": {"after_insert": "feedback_loop.integrations.erpnext.department.after_insert"},
	"Employee": {
		"on_update": "feedback_loop.integrations.erpnext.employee.on_update",
		"on_trash": "feedback_loop.integrations.erpnext.employee.on_trash",
	},
	"Leave Application": {
		"on_submit": "feedback_loop.integrations.hrms.leave_application.on_change",
		"on_cancel": "feedback_loop.integrations.hrms.leave_application.on_change",
	},
	"Assignment Rule": {
		"validate": "feedback_loop.integrations.frappe.assignment_rule.validate",
		"on_update": "feedback_loop.integrations.frappe.assignment_rule.on_update",
		"on_trash": "feedback_loop.integrations.frappe.assignment_rule.on_trash",
	},
	"User": {
		"on_update": "feedback_loop.integrations.frappe.user.on_update",
		"after_delete": "feedback_loop.integrations.frappe.user.after_delete",
	},
	"Email Account": {
		"on_update": "feedback_loop.integrations.frappe.email_account.on_update",
		"on_trash": "feedback_loop.integrations.frappe.email_account.on_trash",
	},
	"SMS Settings": {"on_update": "feedback_loop.integrations.frappe.sms_settings.on_update"},
	"System Settings": {"on_update": "feedback_loop.integrations.frappe.system_settings.on_update"},
	"Auto Email Report": {
		"on_update": "feedback_loop.integrations.frappe.auto_email_report.on_update",
		"on_trash": "feedback_loop.integrations.frappe.auto_email_report.on_trash",
	},
	"Communication": {"after_insert": "feedback_loop.integrations.frappe.communication.after_insert"},
	"ToDo": {
		"on_update": "feedback_loop.integrations.frappe.todo.on_change",
		"on_trash": "feedback_loop.integrations.frappe.todo.on_change",
	},
	# Every doctype: returns at once for doctypes no Feedback Trigger watches.
	"*": {
		"on_submit": "feedback_loop.integrations.frappe.any_document.on_submit",
		"on_change": "feedback_loop.integrations.frappe.any_document.on_change",
		"on_trash": "feedback_loop.integrations.frappe.any_document.on_trash",
	},
}

# Scheduled jobs
# --------------
scheduler_events = {
	"cron": {
		"*/5 * * * *": ["feedback_loop.tasks.sweep_sla", "feedback_loop.tasks.send_due_messages"],
		"*/10 * * * *": [
			"feedback_loop.tasks.retry_feedback_analysis",
			"feedback_loop.tasks.send_due_callbacks",
			"feedback_loop.tasks.raise_missed_follow_ups",
		],
	},
	"daily": [
		"feedback_loop.tasks.anonymise_expired_personal_data",
		"feedback_loop.tasks.schedule_periodic_checkins",
		"feedback_loop.tasks.send_overdue_action_alerts",
		"feedback_loop.tasks.verify_improvement_plans",
		"feedback_loop.tasks.sync_routing_rules",
	],
	"weekly": ["feedback_loop.tasks.send_improvement_digest"],
	"daily_long": ["feedback_loop.tasks.retrain_category_model"],
}

# Personal data (Personal Data Deletion / Download Request)
# ---------------------------------------------------------
_FEEDBACK_PERSONAL_FIELDS = [
	"contact_email",
	"contact_email_masked",
	"contact_phone",
	"contact_phone_masked",
	"sender",
	"sender_masked",
	"sender_name",
	"external_sender",
	"subject",
	"description",
	"expected_solution",
	"comparison_text",
]
user_data_fields = [
	{"doctype": "Feedback Record", "filter_by": "contact_email", "redact_fields": _FEEDBACK_PERSONAL_FIELDS},
	{"doctype": "Feedback Record", "filter_by": "sender", "redact_fields": _FEEDBACK_PERSONAL_FIELDS},
	{
		"doctype": "Feedback Callback",
		"filter_by": "contact_email",
		"redact_fields": ["contact_email", "contact_email_masked", "notes"],
	},
	{
		"doctype": "Feedback Callback Answer",
		"filter_by": "respondent_email",
		"redact_fields": ["answer", "respondent_email"],
	},
	{
		"doctype": "Feedback Message",
		"filter_by": "email",
		"redact_fields": [
			"email",
			"mobile_no",
			"wechat_openid",
			"subject",
			"email_message",
			"text",
			"sms_text",
		],
	},
]

# Website: the survey page and the customer portal
# -------------------------------------------------
website_route_rules = [
	{"from_route": "/feedback/survey/<token>", "to_route": "feedback/survey"},
	{"from_route": "/feedback/solved/<token>", "to_route": "feedback/solved"},
	{"from_route": "/my-feedback/<name>", "to_route": "my-feedback/detail"},
]

# The address a customer would guess (and a printed card may show) opens the form.
website_redirects = [{"source": "/feedback", "target": "/feedback/new", "match_with_query_string": False}]

standard_portal_menu_items = [
	{
		"title": "My Feedback",
		"route": "/my-feedback",
		"reference_doctype": "Feedback Record",
		"role": "Customer",
	},
]

# Print formats
# -------------
# The fishbone diagram in the Root Cause Analysis print format and PDF.
jinja = {
	"methods": [
		"feedback_loop.services.rca.analysis.fishbone_svg",
		"feedback_loop.services.intake.paper_forms.paper_form",
	],
}
