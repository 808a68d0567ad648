import frappe
from frappe.permissions import add_user_permission

from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback, make_user


class TestFeedbackVisibility(IntegrationTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.allowed = make_customer("Allowed Customer")
		self.forbidden = make_customer("Forbidden Customer")
		self.allowed_feedback = make_feedback(self.allowed).name
		self.forbidden_feedback = make_feedback(self.forbidden).name
		self.names = [self.allowed_feedback, self.forbidden_feedback]

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible_to(self, user):
		frappe.set_user(user)
		try:
			return frappe.get_list("Feedback Record", filters={"name": ("in", self.names)}, pluck="name")
		finally:
			frappe.set_user("Administrator")

	def test_sales_user_reads_only_feedback_of_customers_they_may_read(self):
		user = make_user("fl-sales-user@example.com", ["Sales User"])
		add_user_permission("Customer", self.allowed, user)

		self.assertEqual(self.visible_to(user), [self.allowed_feedback])
		self.assertTrue(frappe.has_permission("Feedback Record", "read", self.allowed_feedback, user=user))
		self.assertFalse(frappe.has_permission("Feedback Record", "read", self.forbidden_feedback, user=user))

	def test_sales_user_cannot_record_feedback_for_a_customer_they_may_not_read(self):
		user = make_user("fl-sales-user2@example.com", ["Sales User"])
		add_user_permission("Customer", self.allowed, user)
		frappe.set_user(user)
		self.assertTrue(make_feedback(self.allowed).name)
		with self.assertRaises(frappe.PermissionError):
			make_feedback(self.forbidden)

	def test_support_team_sees_only_what_it_recorded(self):
		user = make_user("fl-support@example.com", ["Support Team"])
		frappe.set_user(user)
		own = make_feedback(self.allowed).name
		frappe.set_user("Administrator")

		self.names.append(own)
		self.assertEqual(self.visible_to(user), [own])
		self.assertFalse(frappe.has_permission("Feedback Record", "read", self.allowed_feedback, user=user))

	def test_feedback_team_sees_everything_but_analysts_do_not_edit(self):
		agent = make_user("fl-agent@example.com", ["Feedback Agent"])
		analyst = make_user("fl-analyst@example.com", ["Quality Analyst"])
		self.assertCountEqual(self.visible_to(agent), self.names)
		self.assertCountEqual(self.visible_to(analyst), self.names)
		self.assertTrue(
			frappe.has_permission("Feedback Record", "write", self.forbidden_feedback, user=agent)
		)
		self.assertFalse(
			frappe.has_permission("Feedback Record", "write", self.forbidden_feedback, user=analyst)
		)
		self.assertFalse(
			frappe.has_permission("Feedback Record", "delete", self.forbidden_feedback, user=agent)
		)

	def test_users_without_a_feedback_role_see_nothing(self):
		user = make_user("fl-stock@example.com", ["Stock User"])
		self.assertFalse(frappe.has_permission("Feedback Record", "read", user=user))
