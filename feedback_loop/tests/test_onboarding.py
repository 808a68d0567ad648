"""The administrator's first hour on a real site: Frappe's Module Onboarding on the workspace, each
step marked done by what the site holds (not by a click), and every setup doctype on the workspace."""

import json

import frappe
from frappe.utils import add_days, nowdate

from feedback_loop.core.onboarding.steps import STEPS, Step
from feedback_loop.services.onboarding.setup_state import ONBOARDING, refresh_onboarding
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback, make_outgoing_email_account


def step_done(step: Step) -> bool:
	return bool(frappe.db.get_value("Onboarding Step", step.value, "is_complete"))


class TestSetupSteps(IntegrationTestCase):
	def test_the_panel_lists_every_step_in_order_on_the_workspace(self):
		onboarding = frappe.get_doc("Module Onboarding", ONBOARDING)
		self.assertEqual([row.step for row in onboarding.steps], [step.value for step in STEPS])
		content = json.loads(frappe.db.get_value("Workspace", "Feedback Loop", "content"))
		self.assertIn(
			{"onboarding_name": ONBOARDING, "col": 12},
			[block["data"] for block in content if block["type"] == "onboarding"],
		)
		links = frappe.get_all(
			"Workspace Link", filters={"parent": "Feedback Loop", "type": "Link"}, pluck="link_to"
		)
		for doctype in (
			"Feedback Settings",
			"Feedback SLA Policy",
			"Feedback Trigger",
			"Feedback Survey Template",
			"Feedback Messaging Source",
			"Feedback Category",
			"Assignment Rule",
			"Feedback Callback",
		):
			self.assertIn(doctype, links)

	def test_a_click_does_not_complete_a_step_the_site_has_not_done(self):
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		frappe.db.set_value("Onboarding Step", Step.SMS_WECHAT.value, "is_complete", 1)
		refresh_onboarding()
		self.assertFalse(step_done(Step.SMS_WECHAT))

	def test_each_configuration_completes_its_step(self):
		settings = frappe.get_doc("SMS Settings")
		settings.sms_gateway_url = "http://127.0.0.1:8787/send"
		settings.message_parameter = "text"
		settings.receiver_parameter = "to"
		settings.save()
		self.assertTrue(step_done(Step.SMS_WECHAT))

		make_outgoing_email_account()
		refresh_onboarding()
		self.assertTrue(step_done(Step.EMAIL))

		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"Onboarding {frappe.generate_hash(length=5)}",
				"from_date": add_days(nowdate(), -30),
				"to_date": add_days(nowdate(), 300),
			}
		).insert()
		policy = frappe.get_doc("Feedback SLA Policy", {"is_default": 1})
		policy.holiday_list = holidays.name
		policy.save()
		self.assertTrue(step_done(Step.CALENDAR))

		make_feedback(make_customer("First Feedback"))
		refresh_onboarding()
		self.assertTrue(step_done(Step.FIRST_FEEDBACK))

	def test_pausing_the_revisits_reopens_their_step(self):
		settings = frappe.get_doc("Feedback Settings")
		settings.revisits_paused = 1
		settings.save()
		self.assertFalse(step_done(Step.REVISITS))
		settings.revisits_paused = 0
		settings.save()
		self.assertEqual(step_done(Step.REVISITS), bool(frappe.db.count("Feedback Trigger", {"enabled": 1})))

	def test_all_done_or_skipped_hides_the_panel(self):
		for step in STEPS:
			frappe.db.set_value("Onboarding Step", step.value, "is_skipped", 1)
		refresh_onboarding()
		self.assertTrue(frappe.db.get_value("Module Onboarding", ONBOARDING, "is_complete"))
		frappe.db.set_value("Onboarding Step", Step.ROUTING.value, "is_skipped", 0)
		refresh_onboarding()
		self.assertEqual(
			bool(frappe.db.get_value("Module Onboarding", ONBOARDING, "is_complete")), step_done(Step.ROUTING)
		)


class TestSetupFixes(IntegrationTestCase):
	def test_the_panel_is_corrected_when_a_click_ticked_an_undone_step(self):
		from feedback_loop.api.onboarding import refresh_setup_steps

		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		refresh_onboarding()
		self.assertFalse(refresh_setup_steps()["changed"])
		frappe.db.set_value("Onboarding Step", Step.SMS_WECHAT.value, "is_complete", 1)
		self.assertTrue(refresh_setup_steps()["changed"])
		self.assertFalse(step_done(Step.SMS_WECHAT))

	def test_a_seeded_digest_can_be_switched_on_as_the_form_sends_it(self):
		digest = frappe.get_doc("Auto Email Report", "Weekly Feedback Overview")
		# What the desk form sends along: the report's required filters.
		digest.filter_meta = json.dumps(
			[
				{"fieldname": "from_date", "label": "From Date", "reqd": 1},
				{"fieldname": "to_date", "label": "To Date", "reqd": 1},
			]
		)
		digest.enabled = 1
		digest.email_to = "manager@example.com"
		digest.save()
		self.assertTrue(step_done(Step.DIGESTS))

	def test_the_default_policy_follows_the_time_zone_the_setup_wizard_sets(self):
		from feedback_loop.services.sla.policy import follow_site_timezone

		policy = frappe.get_doc("Feedback SLA Policy", {"is_default": 1})
		own = frappe.copy_doc(policy)
		own.update(
			{"policy_name": f"Own zone {frappe.generate_hash(length=4)}", "is_default": 0, "enabled": 0}
		)
		own.timezone = "Europe/Berlin"
		own.insert()
		moved = follow_site_timezone(policy.timezone, "Asia/Shanghai")
		self.assertIn(policy.name, moved)
		self.assertEqual(frappe.db.get_value("Feedback SLA Policy", policy.name, "timezone"), "Asia/Shanghai")
		self.assertEqual(frappe.db.get_value("Feedback SLA Policy", own.name, "timezone"), "Europe/Berlin")
