"""The seeded surveys' intros no longer count the questions ("Three quick questions" stood above
four, "One question" above three); only intros still as seeded are changed."""

import frappe

from feedback_loop.setup.default_surveys import OLD_INTROS, TEMPLATES


def execute():
	seeded = {spec["template_name"]: spec for spec in TEMPLATES}
	for (template, field), old in OLD_INTROS.items():
		if frappe.db.get_value("Feedback Survey Template", template, field) == old:
			frappe.db.set_value("Feedback Survey Template", template, field, seeded[template][field])
