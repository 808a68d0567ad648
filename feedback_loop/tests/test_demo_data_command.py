"""The demo-data command on a real site: bulk-inserted records a user can open, removed exactly."""

import frappe

from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tools.demo_data.site import make_demo_data, remove_demo_data


class TestDemoData(IntegrationTestCase):
	def setUp(self):
		remove_demo_data()

	def tearDown(self):
		remove_demo_data()  # commits: the command commits its batches too

	def test_make_then_remove(self):
		others = frappe.db.count("Feedback Record")
		made = make_demo_data(600, customers=5)
		self.assertEqual(made["feedback"], 600)
		self.assertEqual(frappe.db.count("Feedback Record", {"name": ("like", "FBDEMO%")}), 600)
		self.assertEqual(
			frappe.db.count("Feedback Callback", {"name": ("like", "CBDEMO%")}), made["callbacks"]
		)
		self.assertGreater(made["callbacks"], 0)
		doc = frappe.get_doc(
			"Feedback Record",
			frappe.get_all("Feedback Record", filters={"name": ("like", "FBDEMO%")}, pluck="name", limit=1)[
				0
			],
		)
		self.assertTrue(doc.customer_name.startswith("Demo Customer"))
		self.assertTrue(frappe.db.exists("Feedback Category", doc.category))
		# Worked by demo agents under an SLA policy, with improvement plans beside.
		worked = frappe.get_all(
			"Feedback Record",
			filters={"name": ("like", "FBDEMO%"), "status": ("!=", "Open")},
			fields=["assignee", "sla_policy", "response_working_hours"],
			limit=50,
		)
		self.assertTrue(worked and all(r.assignee.startswith("demo.agent") and r.sla_policy for r in worked))
		self.assertEqual(made["plans"], 5)
		self.assertEqual(frappe.db.count("Improvement Plan", {"name": ("like", "IPDEMO%")}), 5)
		# A plan opens with its actions, owners and due dates, as an agent would have made it.
		plan = frappe.get_doc("Improvement Plan", "IPDEMO00001")
		self.assertIn(len(plan.actions), (2, 3))
		self.assertTrue(all(a.owner_user.startswith("demo.agent") and a.due_date for a in plan.actions))
		self.assertEqual(plan.progress, round(sum(a.progress for a in plan.actions) / len(plan.actions)))

		# A second run continues the numbering instead of colliding with the first.
		self.assertEqual(make_demo_data(100, customers=5)["feedback"], 100)
		removed = remove_demo_data()
		self.assertEqual(removed["Feedback Record"], 700)
		self.assertEqual((removed["Improvement Plan"], removed["User"]), (5, 8))
		self.assertGreaterEqual(removed["Improvement Plan Action"], 10)
		self.assertFalse(frappe.db.exists("Improvement Plan Action", {"parent": ("like", "IPDEMO%")}))
		self.assertEqual(frappe.db.count("Feedback Record"), others)
		self.assertFalse(frappe.db.exists("Customer", {"customer_name": ("like", "Demo Customer %")}))
