"""The workspace's number cards and charts, and the seeded report e-mails, on a real site."""

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.utils import add_days, now_datetime, nowdate

from feedback_loop.api import workspace
from feedback_loop.core.reports.satisfaction import net_promoter_score
from feedback_loop.setup.digests import DIGESTS
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback


class TestWorkspace(IntegrationTestCase):
	def test_the_workspace_shows_the_cards_and_charts(self):
		page = frappe.get_doc("Workspace", "Feedback Loop")
		cards = {row.number_card_name for row in page.number_cards}
		self.assertEqual(
			cards,
			{
				"Open Feedback",
				"SLA Breached Now",
				"CSAT (30 Days)",
				"NPS (90 Days)",
				"Overdue Improvement Actions",
			},
		)
		for name in cards:
			self.assertTrue(frappe.db.exists("Number Card", name))
		for row in page.charts:
			data = chart_data(chart_name=row.chart_name, refresh=1)
			self.assertIn("labels", data, row.chart_name)

	def test_open_and_breached_now_count_what_is_still_being_worked_on(self):
		customer = make_customer("Workspace Card Customer")
		card = frappe.get_doc("Number Card", "Open Feedback")
		open_before = get_result(card, card.filters_json)
		breached_before = workspace.breached_now()["value"]
		breached = make_feedback(customer).name
		frappe.db.set_value(
			"Feedback Record", breached, "response_sla_status", "Breached", update_modified=False
		)
		closed = make_feedback(customer).name
		frappe.db.set_value(
			"Feedback Record",
			closed,
			{"status": "Closed", "resolution_sla_status": "Breached"},
			update_modified=False,
		)
		self.assertEqual(get_result(card, card.filters_json), open_before + 1)
		# The closed one breached too, but it is no longer being worked on.
		self.assertEqual(workspace.breached_now()["value"], breached_before + 1)

	def test_csat_and_nps_cards(self):
		customer = make_customer("Workspace NPS Customer")

		def answered(nps, csat, days_ago):
			frappe.get_doc(
				{
					"doctype": "Feedback Callback",
					"callback_type": "After Order",
					"customer": customer,
					"channel": "E-mail",
					"status": "Responded",
					"due_on": add_days(now_datetime(), -days_ago - 1),
					"responded_on": add_days(now_datetime(), -days_ago),
					"csat": csat,
					"nps": nps,
					"nps_answered": 1,
				}
			).insert(ignore_permissions=True)

		def distribution():
			rows = frappe.get_all(
				"Feedback Callback",
				filters={"nps_answered": 1, "responded_on": (">=", add_days(nowdate(), -90))},
				pluck="nps",
			)
			counts = {}
			for score in rows:
				counts[score] = counts.get(score, 0) + 1
			return counts

		base = distribution()
		answered(10, 5, 1)
		answered(0, 1, 2)
		answered(9, 4, 100)  # older than 90 days: not counted
		expected = dict(base)
		for score in (10, 0):
			expected[score] = expected.get(score, 0) + 1
		self.assertEqual(workspace.nps_90_days()["value"], net_promoter_score(expected))
		csat = frappe.get_all(
			"Feedback Callback",
			filters={"csat": (">", 0), "responded_on": (">=", add_days(nowdate(), -30))},
			pluck="csat",
		)
		self.assertEqual(workspace.csat_30_days()["value"], round(sum(csat) / len(csat), 2))

	def test_overdue_actions_of_plans_being_worked_on(self):
		before = workspace.overdue_improvement_actions()["value"]
		plan = frappe.get_doc(
			{
				"doctype": "Improvement Plan",
				"title": "Workspace overdue plan",
				"target_type": "Reduce Feedback Volume",
				"target_value": 30,
				"workflow_state": "In Progress",
				"actions": [
					{"measure": "Late", "due_date": add_days(nowdate(), -3), "action_status": "Open"},
					{"measure": "Done", "due_date": add_days(nowdate(), -3), "action_status": "Done"},
					{"measure": "Later", "due_date": add_days(nowdate(), 5), "action_status": "Open"},
				],
			}
		)
		# Straight into the tables: the plan's workflow and rules are not what is tested here.
		plan.set_new_name()
		plan.db_insert()
		for row in plan.actions:
			row.update({"parent": plan.name, "parenttype": "Improvement Plan", "parentfield": "actions"})
			row.name = frappe.generate_hash(length=10)
			row.db_insert()
		try:
			self.assertEqual(workspace.overdue_improvement_actions()["value"], before + 1)
		finally:
			frappe.db.delete("Improvement Plan Action", {"parent": plan.name})
			frappe.db.delete("Improvement Plan", plan.name)


class TestDigests(IntegrationTestCase):
	def test_weekly_and_monthly_digests_are_seeded_off_and_render(self):
		for name, report, frequency, period, _filters in DIGESTS:
			digest = frappe.get_doc("Auto Email Report", name)
			self.assertEqual(
				(digest.report, digest.enabled, digest.frequency, digest.dynamic_date_period),
				(report, 0, frequency, period),
			)
			digest.send_if_data = 0
			html = digest.get_report_content()
			self.assertIn("<table", html, name)
