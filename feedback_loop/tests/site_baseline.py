"""The test site's baseline, set once before a test run (hooks: before_tests).

The priority rules and the routing rules read the whole site (how many customers reported a
category this month, which agents exist), which on a test site is every earlier test's data:
tests of other behaviour would see priorities and assignees they did not ask for. Both are
switched off here and switched on, inside their own transaction, by the tests that exercise them
(test_priority_and_routing.py). Committed, because each test class rolls back to this state.
"""

import frappe

from feedback_loop.integrations.frappe.fieldlevel_permissions import ensure_applied


def prepare_site() -> None:
	# Test runs serve no request: the app's runtime patches are applied as a request would.
	ensure_applied()
	settings = frappe.get_single("Feedback Settings")
	settings.apply_priority_rules = 0
	settings.revisits_paused = 0
	settings.save(ignore_permissions=True)
	for name in frappe.get_all(
		"Assignment Rule", filters={"document_type": "Feedback Record", "disabled": 0}, pluck="name"
	):
		rule = frappe.get_doc("Assignment Rule", name)
		rule.disabled = 1
		rule.save(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep
