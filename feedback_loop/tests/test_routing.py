"""Routing with Frappe's Assignment Rule on a real site: feedback from every channel goes to the
Feedback Agents of the department that takes its top-level category, in turn; nobody disabled or
gone; the catch-all hands it over once its category is known; an escalation reassigns through the
same rule; resolving closes the assignment.

The test site's baseline has the seeded rules off (site_baseline.py): each test class switches
them on in its own transaction. Assignment e-mails are muted: Frappe sends them at once in tests
and commits doing so, which would leak one test's data into the next.
"""

from itertools import pairwise

import frappe
from frappe.desk.form import assign_to
from frappe.utils import nowdate

from feedback_loop.core.sla.clock import EscalationLevel
from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.sla.sweep import run_escalation_action
from feedback_loop.services.triage.analysis import analyse_pending_records
from feedback_loop.services.triage.arrival import triage_record
from feedback_loop.services.triage.routing import on_department_added, sync_all_rules
from feedback_loop.setup.routing import CATCH_ALL, rule_name
from feedback_loop.tests.case import IntegrationTestCase, jobs_queued_not_run
from feedback_loop.tests.factories import (
	deliver_mail,
	make_customer,
	make_employee,
	make_feedback,
	make_feedback_inbox,
	make_outgoing_email_account,
	make_user,
)

LOGISTICS = rule_name("Logistics and Delivery")
QUALITY = rule_name("Product Quality")


def assignment(name: str) -> tuple[str | None, str | None]:
	rows = frappe.get_all(
		"ToDo",
		filters={"reference_type": "Feedback Record", "reference_name": name, "status": ("!=", "Cancelled")},
		fields=["allocated_to", "assignment_rule", "status"],
		order_by="creation desc",
		limit=1,
	)
	return (rows[0].allocated_to, rows[0].assignment_rule) if rows else (None, None)


class RoutingTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.muted = frappe.flags.mute_emails
		frappe.flags.mute_emails = True
		# An assignment notifies the agent by mail: Frappe 16 fails to queue it without an account.
		make_outgoing_email_account()
		tag = frappe.generate_hash(length=5)
		cls.dispatch = frappe.db.get_value("Assignment Rule", LOGISTICS, "feedback_department")
		cls.quality = frappe.db.get_value("Assignment Rule", QUALITY, "feedback_department")
		assert cls.dispatch and cls.quality, "the seeded rules name the default company's departments"
		cls.dispatch_agents = [
			make_user(f"dispatch-{i}-{tag}@example.com", ["Feedback Agent"]) for i in (1, 2)
		]
		cls.quality_agent = make_user(f"quality-{tag}@example.com", ["Feedback Agent"])
		cls.employees = {user: make_employee(user, cls.dispatch) for user in cls.dispatch_agents}
		cls.employees[cls.quality_agent] = make_employee(cls.quality_agent, cls.quality)
		for name in frappe.get_all(
			"Assignment Rule", filters={"document_type": "Feedback Record"}, pluck="name"
		):
			rule = frappe.get_doc("Assignment Rule", name)
			rule.disabled = 0
			rule.save(ignore_permissions=True)
		cls.customer = make_customer("Routing Customer")

	@classmethod
	def tearDownClass(cls):
		frappe.flags.mute_emails = cls.muted
		super().tearDownClass()

	def setUp(self):
		# Tests change the rules and the people: each starts from the class's state.
		frappe.db.savepoint("routing_test")

	def tearDown(self):
		frappe.db.rollback(save_point="routing_test")
		frappe.clear_cache(doctype="Assignment Rule")

	def rule_users(self, name):
		return [row.user for row in frappe.get_doc("Assignment Rule", name).users]


class TestRoutingOnEveryChannel(RoutingTestCase):
	def test_the_department_rule_has_the_departments_agents(self):
		self.assertEqual(self.rule_users(LOGISTICS), sorted(self.dispatch_agents))
		self.assertEqual(self.rule_users(QUALITY), [self.quality_agent])

	def test_every_channel_routes_a_delivery_complaint_to_dispatch_in_turn(self):
		names = [make_feedback(self.customer, category="Late Delivery").name]
		for channel in ("API", "WeChat", "SMS", "Portal", "Survey"):
			names.append(
				create_feedback(
					{
						"customer": self.customer,
						"feedback_type": "Complaint",
						"category": "Late Delivery",
						"description": f"The parcel is late ({channel}).",
					},
					channel=channel,
					external_id=frappe.generate_hash(length=10),
				).name
			)
		names.append(self.mailed("快递等了三天才到，物流慢，送得慢。"))
		assignments = [assignment(name) for name in names]
		self.assertEqual({rule for _user, rule in assignments}, {LOGISTICS})
		users = [user for user, _rule in assignments]
		self.assertEqual(set(users), set(self.dispatch_agents))
		# Round robin: never the same agent twice in a row.
		self.assertTrue(all(a != b for a, b in pairwise(users)))

	def mailed(self, body: str) -> str:
		account = make_feedback_inbox("Routing Inbox")
		communication = deliver_mail(account, "li.na@routing.example", "快递太慢", body)
		self.assertEqual(
			frappe.db.get_value("Feedback Record", communication.reference_name, "category_group"),
			"Logistics and Delivery",
		)
		return communication.reference_name

	def test_uncategorised_feedback_waits_with_everyone_then_moves_to_its_department(self):
		doc = make_feedback(
			self.customer, feedback_type="Inquiry", subject="Hello", description="<p>Hello there.</p>"
		)
		self.assertFalse(doc.category_group)
		user, rule = assignment(doc.name)
		self.assertEqual(rule, CATCH_ALL)
		self.assertIn(user, self.rule_users(CATCH_ALL))
		doc.reload()
		doc.category = "Product Defect"
		doc.save()
		self.assertEqual(doc.category_group, "Product Quality")
		self.assertEqual(assignment(doc.name), (self.quality_agent, QUALITY))

	def test_imported_history_is_routed_once_its_analysis_knows_the_department(self):
		# As Data Import stores a row: the doctype's defaults, then the file's values.
		doc = frappe.new_doc("Feedback Record")
		doc.update(
			{
				"customer": self.customer,
				"feedback_type": "Complaint",
				"subject": "快递太慢",
				"description": "快递等了三天才到，物流慢，送得慢。",
			}
		)
		frappe.flags.in_import = True
		try:
			doc.insert()
		finally:
			frappe.flags.in_import = False
		self.assertEqual(assignment(doc.name), (None, None))
		analyse_pending_records()
		doc.reload()
		self.assertEqual(doc.category_group, "Logistics and Delivery")
		user, rule = assignment(doc.name)
		self.assertEqual(rule, LOGISTICS)
		self.assertIn(user, self.dispatch_agents)
		# Never with the catch-all first: one assignment, one notification.
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": doc.name}), 1)

	def test_api_feedback_is_routed_once_its_triage_knows_the_department(self):
		with jobs_queued_not_run():  # the triage is a job, queued, not run
			name = create_feedback(
				{
					"customer": self.customer,
					"feedback_type": "Complaint",
					"description": "快递等了三天才到，物流慢。",
				},
				channel="API",
				external_id=frappe.generate_hash(length=10),
				triage_after_commit=True,
			).name
		self.assertEqual(assignment(name), (None, None))
		triage_record(name)
		self.assertEqual(
			frappe.db.get_value("Feedback Record", name, "category_group"), "Logistics and Delivery"
		)
		user, rule = assignment(name)
		self.assertEqual(rule, LOGISTICS)
		self.assertIn(user, self.dispatch_agents)
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": name}), 1)

	def test_resolving_closes_the_assignment_and_reopening_opens_it_again(self):
		doc = make_feedback(self.customer, category="Late Delivery")
		doc.reload()
		doc.update(
			{
				"status": "Resolved",
				"resolution_summary": "<p>Sent again.</p>",
				"notify_on_resolution": 0,
				"no_notice_reason": "Test",
			}
		)
		doc.save()
		self.assertEqual(
			frappe.db.get_value(
				"ToDo", {"reference_name": doc.name, "status": ("!=", "Cancelled")}, "status"
			),
			"Closed",
		)
		doc.reload()
		doc.update({"status": "In Progress", "status_reason": "The customer wrote again."})
		doc.save()
		self.assertEqual(
			frappe.db.get_value(
				"ToDo", {"reference_name": doc.name, "status": ("!=", "Cancelled")}, "status"
			),
			"Open",
		)

	def test_the_form_saves_again_after_the_rule_assigned_it(self):
		doc = make_feedback(self.customer, category="Late Delivery")
		user, _rule = assignment(doc.name)
		self.assertTrue(user)
		# The agent's form holds the record as the insert returned it; the assignment must not
		# have moved it underneath (TimestampMismatchError on the next save).
		doc.status = "In Progress"
		doc.save()
		self.assertEqual(frappe.db.get_value("Feedback Record", doc.name, "assignee"), user)

	def test_a_manual_assignment_is_left_alone(self):
		doc = make_feedback(self.customer, category="Late Delivery")
		assign_to.clear("Feedback Record", doc.name, ignore_permissions=True)
		assign_to.add(
			{"assign_to": [self.quality_agent], "doctype": "Feedback Record", "name": doc.name},
			ignore_permissions=True,
		)
		doc.reload()
		doc.subject = "Edited"
		doc.save()
		self.assertEqual(assignment(doc.name), (self.quality_agent, None))


class TestWhoIsThere(RoutingTestCase):
	def test_disabled_users_and_former_employees_are_skipped_and_nobody_left_means_everyone(self):
		first, second = sorted(self.dispatch_agents)
		user = frappe.get_doc("User", second)
		user.enabled = 0
		user.save(ignore_permissions=True)
		self.assertEqual(self.rule_users(LOGISTICS), [first])
		employee = frappe.get_doc("Employee", self.employees[first])
		employee.status = "Left"
		employee.relieving_date = nowdate()
		employee.save(ignore_permissions=True)
		# Nobody of Dispatch is in: every Feedback Agent takes it rather than nobody.
		users = self.rule_users(LOGISTICS)
		self.assertIn(self.quality_agent, users)
		self.assertNotIn(first, users)
		self.assertNotIn(second, users)

	def test_changing_the_department_on_the_rule_changes_its_users(self):
		rule = frappe.get_doc("Assignment Rule", LOGISTICS)
		rule.feedback_department = self.quality
		rule.save(ignore_permissions=True)
		self.assertEqual(self.rule_users(LOGISTICS), [self.quality_agent])

	def test_a_rule_whose_users_are_chosen_by_hand_keeps_them(self):
		rule = frappe.get_doc("Assignment Rule", LOGISTICS)
		rule.feedback_routing = 0
		rule.set("users", [{"user": self.quality_agent}])
		rule.save(ignore_permissions=True)
		sync_all_rules()
		self.assertEqual(self.rule_users(LOGISTICS), [self.quality_agent])

	def test_an_escalation_reassigns_to_the_next_agent_of_the_department(self):
		doc = make_feedback(self.customer, category="Late Delivery")
		before, _rule = assignment(doc.name)
		doc.reload()
		run_escalation_action(doc, EscalationLevel(trigger="At Breach", action="Reassign"), 1)
		after, rule = assignment(doc.name)
		self.assertEqual(rule, LOGISTICS)
		self.assertEqual({before, after}, set(self.dispatch_agents))

	def test_a_department_made_after_install_is_given_to_its_rule(self):
		# ERPNext's setup wizard makes the departments after the app's install seeded the rules.
		frappe.db.set_value("Assignment Rule", LOGISTICS, "feedback_department", None)
		on_department_added(frappe.get_doc("Department", self.dispatch))
		self.assertEqual(
			frappe.db.get_value("Assignment Rule", LOGISTICS, "feedback_department"), self.dispatch
		)
		self.assertEqual(self.rule_users(LOGISTICS), sorted(self.dispatch_agents))


class TestDeletedUser(RoutingTestCase):
	def test_a_deleted_agent_leaves_the_routing_rules(self):
		user = make_user(f"leaving-{frappe.generate_hash(length=5)}@example.com", ["Feedback Agent"])
		sync_all_rules()
		rule = frappe.get_doc("Assignment Rule", CATCH_ALL)
		self.assertIn(user, [row.user for row in rule.users])
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		rule = frappe.get_doc("Assignment Rule", CATCH_ALL)
		self.assertNotIn(user, [row.user for row in rule.users])
		rule.save(ignore_permissions=True)  # still valid: no row points at a missing user
