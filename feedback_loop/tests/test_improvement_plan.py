"""Improvement Plans on a real site: from an analysis, ToDos, approval by role and budget,
customers told once, tracking mails sent once, verification from real records, new cycles."""

import email

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, get_datetime, today

from feedback_loop.api.root_cause_analysis import start_root_cause_analysis
from feedback_loop.services.plans.tracking import send_overdue_alerts, send_weekly_digest
from feedback_loop.services.plans.verification import verify_due_plans
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_department,
	make_employee,
	make_feedback,
	make_outgoing_email_account,
	make_user,
)


def _text_of(raw: str) -> str:
	"""The decoded text parts of a queued MIME message."""
	message = email.message_from_string(raw)
	return " ".join(
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in message.walk()
		if part.get_content_maintype() == "text"
	)


CATEGORY = "Damaged in Transit"


class PlanTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		cls.analyst = make_user("fl-plan-analyst@example.com", ["Quality Analyst"])
		cls.manager = make_user("fl-plan-manager@example.com", ["Feedback Manager"])
		cls.director = make_user("fl-plan-director@example.com", ["System Manager"])
		cls.owner_a = make_user("fl-plan-owner-a@example.com", ["Feedback Agent"])
		cls.owner_b = make_user("fl-plan-owner-b@example.com", ["Feedback Agent"])
		settings = frappe.get_single("Feedback Settings")
		cls.saved = {
			f: settings.get(f) for f in ("plan_budget_limit", "plan_digest_week", "plan_senior_approval")
		}

	def setUp(self):
		# One level unless a test asks for two: most tests are about what follows approval.
		self.senior_approval("Above Budget Limit")

	def senior_approval(self, when: str, budget_limit: float = 0):
		frappe.db.set_single_value(
			"Feedback Settings", {"plan_senior_approval": when, "plan_budget_limit": budget_limit}
		)
		frappe.clear_document_cache("Feedback Settings", "Feedback Settings")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_single_value("Feedback Settings", self.saved)
		frappe.clear_document_cache("Feedback Settings", "Feedback Settings")

	def make_plan(self, feedback=(), **values):
		frappe.set_user(self.analyst)
		doc = frappe.get_doc(
			{
				"doctype": "Improvement Plan",
				"title": "Stronger packaging for cups",
				"category": CATEGORY,
				"target_type": "Reduce Feedback Volume",
				"target_value": 70,
				"baseline_days": 30,
				"measurement_days": 30,
				"feedback_records": [{"feedback_record": name} for name in feedback],
				"actions": [
					{
						"measure": "Double-wall boxes",
						"owner_user": self.owner_a,
						"due_date": add_days(today(), 10),
						"budget": 500,
					},
					{
						"measure": "Train packers",
						"owner_user": self.owner_b,
						"due_date": add_days(today(), 20),
						"budget": 200,
					},
				],
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def act(self, doc, action, user):
		frappe.set_user(user)
		try:
			return apply_workflow(doc.as_dict(), action)
		finally:
			frappe.set_user("Administrator")

	def approved(self, doc):
		self.act(doc, "Submit for Approval", self.analyst)
		return self.act(frappe.get_doc("Improvement Plan", doc.name), "Approve", self.manager)

	def finish_actions(self, doc):
		doc = frappe.get_doc("Improvement Plan", doc.name)
		for row in doc.actions:
			row.action_status = "Done"
		doc.save()
		return doc

	def completed(self, doc):
		doc = self.approved(doc)
		doc = self.act(doc, "Start Work", self.analyst)
		self.finish_actions(doc)
		return self.act(frappe.get_doc("Improvement Plan", doc.name), "Complete", self.analyst)


class TestPlanBasics(PlanTestCase):
	def test_plan_from_an_analysis_takes_its_feedback_and_category(self):
		customer = make_customer("Plan")
		feedback = [
			make_feedback(customer, subject=f"杯子碎了 {i}", description="外包装破损，杯子碎了").name
			for i in range(2)
		]
		frappe.set_user(self.analyst)
		analysis = start_root_cause_analysis(feedback)
		frappe.set_user("Administrator")
		frappe.db.set_value("Root Cause Analysis", analysis, "category", CATEGORY)
		plan = self.make_plan(source_analysis=analysis, title="", category=None)
		self.assertEqual([r.feedback_record for r in plan.feedback_records], feedback)
		self.assertEqual(plan.category, CATEGORY)
		self.assertTrue(plan.title)
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertEqual(plan.total_budget, 700)
		self.assertEqual(plan.progress, 0)
		self.assertEqual(str(plan.expected_completion), add_days(today(), 20))

	def test_each_owner_gets_a_todo_that_closes_with_the_action(self):
		plan = self.make_plan()
		todos = {r.owner_user: r.todo for r in plan.actions}
		self.assertEqual(
			frappe.db.get_value("ToDo", todos[self.owner_a], ["allocated_to", "status", "reference_name"]),
			(self.owner_a, "Open", plan.name),
		)
		plan.reload()
		plan.actions[0].action_status = "Done"
		plan.save()
		self.assertEqual(frappe.db.get_value("ToDo", todos[self.owner_a], "status"), "Closed")
		self.assertEqual(frappe.db.get_value("ToDo", todos[self.owner_b], "status"), "Open")
		self.assertEqual(plan.progress, 50)

	def test_a_due_date_already_past_is_saved_with_a_warning(self):
		frappe.local.message_log = []
		doc = self.make_plan()
		self.assertEqual(frappe.local.message_log, [])
		doc.actions[0].due_date = add_days(today(), -300)
		doc.save()
		warnings = [m["message"] for m in frappe.local.message_log]
		self.assertEqual(len(warnings), 1, warnings)
		self.assertIn("Row 1: the due date", warnings[0])
		# Saved once, warned once: the next save of the same date says nothing more.
		frappe.local.message_log = []
		doc.save()
		self.assertEqual(frappe.local.message_log, [])

	def test_targets_are_validated(self):
		with self.assertRaises(frappe.ValidationError):
			self.make_plan(target_type="Reach CSAT", target_value=7)
		with self.assertRaises(frappe.ValidationError):
			self.make_plan(target_value=150)


class TestApproval(PlanTestCase):
	def test_analyst_submits_manager_approves(self):
		plan = self.make_plan()
		plan = self.act(plan, "Submit for Approval", self.analyst)
		self.assertEqual(plan.approver_role, "Feedback Manager")
		with self.assertRaises(WorkflowTransitionError):
			self.act(plan, "Approve", self.analyst)
		plan = self.act(plan, "Approve", self.manager)
		self.assertEqual(plan.workflow_state, "Approved")
		self.assertEqual(plan.approved_by, self.manager)
		self.assertEqual(str(plan.started_on), today())

	def test_above_the_budget_limit_the_senior_leader_approves_second(self):
		self.senior_approval("Above Budget Limit", budget_limit=600)
		plan = self.act(self.make_plan(), "Submit for Approval", self.analyst)
		self.assertEqual((plan.approver_role, plan.needs_senior_approval), ("Feedback Manager", 1))
		with self.assertRaises(WorkflowTransitionError):
			self.act(plan, "Approve", self.director)
		plan = self.act(plan, "Approve", self.manager)
		self.assertEqual(
			(plan.workflow_state, plan.first_approved_by), ("Pending Senior Approval", self.manager)
		)
		self.assertFalse(plan.approved_by)
		with self.assertRaises(WorkflowTransitionError):
			self.act(plan, "Approve", self.manager)
		plan = self.act(plan, "Approve", self.director)
		self.assertEqual((plan.workflow_state, plan.approved_by), ("Approved", self.director))

	def test_completion_needs_every_action_finished(self):
		plan = self.approved(self.make_plan())
		plan = self.act(plan, "Start Work", self.analyst)
		with self.assertRaises(frappe.ValidationError):
			self.act(plan, "Complete", self.analyst)

	def test_the_verdict_cannot_be_set_by_hand(self):
		plan = self.completed(self.make_plan())
		plan = self.act(plan, "Start Verification", self.analyst)
		plan.workflow_state = "Verified Effective"
		frappe.set_user(self.manager)
		with self.assertRaises((WorkflowPermissionError, frappe.ValidationError)):
			plan.save()
		frappe.set_user("Administrator")


class TestDepartmentHeadApproval(PlanTestCase):
	"""The seeds' two levels: the head of the plan's department, then a senior leader."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# In tests Frappe sends the share's notification mail at once, which commits: queued only.
		cls.muted = frappe.flags.mute_emails
		frappe.flags.mute_emails = True
		tag = frappe.generate_hash(length=5)
		# The head holds no role on plans: the plan is shared with them when it is submitted.
		cls.head = make_user(f"fl-plan-head-{tag}@example.com", [])
		cls.department = make_department(f"Packing {tag}", head_user=cls.head)
		make_employee(cls.analyst, cls.department)

	@classmethod
	def tearDownClass(cls):
		frappe.flags.mute_emails = cls.muted
		super().tearDownClass()

	def test_the_head_approves_then_the_senior_leader(self):
		from feedback_loop.api.improvement_plan import next_step

		self.senior_approval("Always")
		plan = self.make_plan()
		self.assertEqual(
			(plan.department, plan.department_head, plan.needs_senior_approval),
			(self.department, self.head, 1),
		)
		plan = self.act(plan, "Submit for Approval", self.analyst)
		self.assertTrue(frappe.has_permission("Improvement Plan", "write", plan.name, user=self.head))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": self.head, "document_type": "Improvement Plan", "document_name": plan.name},
			)
		)
		# Not the manager's step while the department names a head, and the form says whose it is.
		with self.assertRaises(WorkflowTransitionError):
			self.act(plan, "Approve", self.manager)
		frappe.set_user(self.manager)
		try:
			self.assertEqual(
				next_step(plan.name),
				f"{frappe.utils.get_fullname(self.head)}, head of {self.department}, approves this plan first.",
			)
		finally:
			frappe.set_user("Administrator")
		plan = self.act(plan, "Approve", self.head)
		self.assertEqual(
			(plan.workflow_state, plan.first_approved_by), ("Pending Senior Approval", self.head)
		)
		with self.assertRaises(WorkflowTransitionError):
			self.act(plan, "Approve", self.head)
		plan = self.act(plan, "Approve", self.director)
		self.assertEqual((plan.workflow_state, plan.approved_by), ("Approved", self.director))
		self.assertEqual(str(plan.started_on), today())

	def test_without_senior_approval_the_head_decides_alone(self):
		self.senior_approval("Never")
		plan = self.act(self.make_plan(), "Submit for Approval", self.analyst)
		plan = self.act(plan, "Approve", self.head)
		self.assertEqual(
			(plan.workflow_state, plan.approved_by, plan.first_approved_by),
			("Approved", self.head, self.head),
		)

	def test_the_head_may_send_back_or_reject(self):
		plan = self.act(self.make_plan(), "Submit for Approval", self.analyst)
		self.assertEqual(self.act(plan, "Send Back", self.head).workflow_state, "Draft")
		plan = self.act(frappe.get_doc("Improvement Plan", plan.name), "Submit for Approval", self.analyst)
		self.assertEqual(self.act(plan, "Reject", self.head).workflow_state, "Rejected")

	def test_a_plan_of_another_department_goes_to_the_approver_role(self):
		plan = self.make_plan(department=make_department(f"No Head {frappe.generate_hash(length=5)}"))
		self.assertFalse(plan.department_head)
		plan = self.act(plan, "Submit for Approval", self.analyst)
		# Not shared with another department's head: they may not even open it.
		with self.assertRaises(frappe.PermissionError):
			self.act(plan, "Approve", self.head)
		self.assertEqual(self.act(plan, "Approve", self.manager).workflow_state, "Approved")


class TestActionOwners(PlanTestCase):
	"""Whoever owns an action reports on it, whatever their role; the plan stays the planners'."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.storekeeper = make_user("fl-plan-storekeeper@example.com", ["Stock User"])

	def in_progress(self, **values):
		plan = self.approved(self.make_plan(**values))
		return self.act(plan, "Start Work", self.analyst)

	def report(self, user, plan, row, **values):
		from feedback_loop.api.improvement_plan import update_action

		frappe.set_user(user)
		try:
			return update_action(plan.name, row.name, **values)
		finally:
			frappe.set_user("Administrator")

	def test_an_agent_who_owns_an_action_marks_it_done_and_the_plan_follows(self):
		plan = self.in_progress()
		row = next(r for r in plan.actions if r.owner_user == self.owner_a)
		# A Feedback Agent may not edit the plan itself.
		self.assertFalse(frappe.has_permission("Improvement Plan", "write", plan.name, user=self.owner_a))
		self.report(self.owner_a, plan, row, progress=40, note="Samples ordered")
		plan.reload()
		self.assertEqual((plan.actions[0].action_status, plan.actions[0].progress), ("In Progress", 40))
		self.report(self.owner_a, plan, row, status="Done")
		plan.reload()
		self.assertEqual(plan.get("actions", {"name": row.name})[0].action_status, "Done")
		self.assertEqual(plan.progress, 50)
		self.assertEqual(frappe.db.get_value("ToDo", row.todo, "status"), "Closed")
		self.assertIn("Double-wall boxes: Samples ordered", [log.note for log in plan.progress_log])
		self.assertEqual(plan.progress_log[-1].logged_by, self.owner_a)

	def test_a_manager_or_any_desk_user_who_owns_one_too(self):
		plan = self.in_progress(
			actions=[
				{
					"measure": "Renegotiate the carrier",
					"owner_user": self.manager,
					"due_date": add_days(today(), 5),
				},
				{
					"measure": "Pad the shelves",
					"owner_user": self.storekeeper,
					"due_date": add_days(today(), 5),
				},
			]
		)
		self.report(self.manager, plan, plan.actions[0], status="Done")
		# Not a role of the app: the plan is shared with them, so their ToDo opens it.
		self.assertTrue(frappe.has_permission("Improvement Plan", "read", plan.name, user=self.storekeeper))
		self.report(self.storekeeper, plan, plan.actions[1], status="Done")
		plan.reload()
		self.assertEqual([r.action_status for r in plan.actions], ["Done", "Done"])
		self.assertEqual(plan.progress, 100)

	def test_nobody_else_and_no_cancelling_and_not_once_the_work_is_over(self):
		plan = self.in_progress()
		row_a, row_b = plan.actions
		with self.assertRaises(frappe.PermissionError):
			self.report(self.owner_b, plan, row_a, status="Done")
		with self.assertRaises(frappe.PermissionError):
			self.report(self.owner_a, plan, row_a, status="Cancelled")
		# A planner reports on any action, and may cancel one.
		self.report(self.analyst, plan, row_b, status="Cancelled")
		self.report(self.owner_a, plan, row_a, status="Done")
		plan = self.act(frappe.get_doc("Improvement Plan", plan.name), "Complete", self.analyst)
		with self.assertRaises(frappe.PermissionError):
			self.report(self.owner_a, plan, row_a, status="Open")

	def test_closing_the_todo_marks_the_action_done(self):
		plan = self.in_progress()
		row = next(r for r in plan.actions if r.owner_user == self.owner_b)
		frappe.set_user(self.owner_b)
		todo = frappe.get_doc("ToDo", row.todo)
		todo.status = "Closed"
		todo.save()
		frappe.set_user("Administrator")
		plan.reload()
		self.assertEqual(plan.get("actions", {"name": row.name})[0].action_status, "Done")
		self.assertEqual(plan.progress, 50)
		# Cancelling the ToDo (removing the assignment) is not doing the work.
		other = next(r for r in plan.actions if r.owner_user == self.owner_a)
		frappe.get_doc("ToDo", other.todo).update({"status": "Cancelled"}).save()
		plan.reload()
		self.assertEqual(plan.get("actions", {"name": other.name})[0].action_status, "Open")

	def test_the_form_says_who_moves_the_plan_and_points_an_owner_to_my_actions(self):
		from feedback_loop.api.improvement_plan import next_step

		plan = self.in_progress()
		frappe.set_user(self.owner_a)
		try:
			self.assertEqual(
				next_step(plan.name),
				"The next step (Complete) is for the role Quality Analyst or Feedback Manager. "
				"You own actions of this plan: report on them with My Actions.",
			)
			frappe.set_user(self.analyst)
			self.assertIsNone(next_step(plan.name))
			# Waiting for approval: who approves it.
			frappe.set_user(self.analyst)
			pending = self.make_plan()
			pending = self.act(pending, "Submit for Approval", self.analyst)
			frappe.set_user(self.analyst)
			self.assertEqual(
				next_step(pending.name),
				"The next step (Approve / Reject / Send Back) is for the role Feedback Manager.",
			)
		finally:
			frappe.set_user("Administrator")


class TestCustomersTold(PlanTestCase):
	def queued(self, names):
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Feedback Record", "reference_name": ("in", names)},
			fields=["name", "message"],
		)

	def test_once_per_contact_and_event_in_their_language(self):
		chinese = make_customer("陈静 商贸", language="zh")
		chinese_contact = make_contact(chinese, email="chen.jing.plan@example.com")
		english = make_customer("Harbor Foods", language="en")
		english_contact = make_contact(english, email="buyer.plan@example.com")
		first = make_feedback(chinese, contact=chinese_contact, subject="杯子碎了", description="外包装破损")
		second = make_feedback(chinese, contact=chinese_contact, subject="又碎了", description="杯子又碎了")
		third = make_feedback(
			english, contact=english_contact, subject="Cups broken", description="Box crushed"
		)
		names = [first.name, second.name, third.name]
		before = {q.name for q in self.queued(names)}

		plan = self.approved(self.make_plan(feedback=names))
		approved_mails = [q for q in self.queued(names) if q.name not in before]
		self.assertEqual(len(approved_mails), 2)
		messages = " ".join(_text_of(q.message) for q in approved_mails)
		self.assertIn("我们正在处理您的反馈", messages)
		self.assertIn("We are working on your feedback", messages)
		self.assertEqual(
			sorted((n.event, n.recipient) for n in plan.notices),
			[
				("Approved", "buyer.plan@example.com"),
				("Approved", "chen.jing.plan@example.com"),
			],
		)

		plan.reload()
		plan.objective = "edited after approval"
		plan.save()
		self.assertEqual(len([q for q in self.queued(names) if q.name not in before]), 2)

		plan = self.act(plan, "Start Work", self.analyst)
		self.finish_actions(plan)
		plan = self.act(frappe.get_doc("Improvement Plan", plan.name), "Complete", self.analyst)
		self.assertEqual(len([q for q in self.queued(names) if q.name not in before]), 4)
		for name in names:
			self.assertEqual(frappe.db.get_value("Feedback Record", name, "status"), "Resolved")


class TestTracking(PlanTestCase):
	def test_overdue_alert_once_per_action(self):
		plan = self.approved(self.make_plan())
		frappe.db.set_value(
			"Improvement Plan Action", plan.actions[0].name, "due_date", add_days(today(), -1)
		)
		self.assertEqual(send_overdue_alerts(), 1)
		self.assertEqual(send_overdue_alerts(), 0)
		self.assertEqual(
			frappe.db.get_value(
				"Improvement Plan Action", plan.actions[0].name, "overdue_alert_sent_on"
			).isoformat(),
			today(),
		)

	def test_a_disabled_owner_gets_no_mail_and_the_approver_still_does(self):
		plan = self.approved(self.make_plan())
		owner = plan.actions[0].owner_user
		frappe.db.set_value("User", owner, "enabled", 0)
		self.addCleanup(frappe.db.set_value, "User", owner, "enabled", 1)
		action = plan.actions[0].name
		frappe.db.set_value("Improvement Plan Action", action, "due_date", add_days(today(), -1))
		# The other tests of the class count overdue actions too.
		self.addCleanup(
			frappe.db.set_value, "Improvement Plan Action", action, "due_date", add_days(today(), 30)
		)
		self.assertEqual(send_overdue_alerts(), 0)
		frappe.db.set_single_value("Feedback Settings", "plan_digest_week", None)
		# Only the approver of the plan: the owner has left.
		self.assertEqual(send_weekly_digest(), 1)

	def test_weekly_digest_once_a_week(self):
		plan = self.approved(self.make_plan())
		frappe.db.set_value("Improvement Plan Action", plan.actions[0].name, "due_date", add_days(today(), 3))
		frappe.db.set_single_value("Feedback Settings", "plan_digest_week", None)
		# The owner of the due action and the approver of its plan.
		self.assertEqual(send_weekly_digest(), 2)
		self.assertEqual(send_weekly_digest(), 0)


class TestVerification(PlanTestCase):
	def own_category(self, name):
		own = f"FL Verify {name}"
		if not frappe.db.exists("Feedback Category", own):
			parent = frappe.db.get_value("Feedback Category", name, "parent_feedback_category")
			frappe.get_doc(
				{
					"doctype": "Feedback Category",
					"category_name": own,
					"parent_feedback_category": parent,
					"is_group": 0,
				}
			).insert(ignore_permissions=True)
		return own

	def feedback_on(self, customer, category, days_ago, count):
		for i in range(count):
			doc = make_feedback(
				customer, subject=f"包装问题 {days_ago}-{i}", description="包装问题", category=category
			)
			moment = get_datetime(add_days(today(), -days_ago))
			frappe.db.set_value("Feedback Record", doc.name, {"creation": moment, "received_on": moment})

	def verified(self, category, after_count):
		# A category of the test's own: the plan measures the whole site's feedback about it, and
		# demo or earlier records in a shared category would count too.
		category = self.own_category(category)
		customer = make_customer("Verification")
		# Baseline: the 30 days before the plan started 60 days ago. The site's first record opens
		# it, so the whole window counts.
		self.feedback_on(customer, category, 89, 1)
		self.feedback_on(customer, category, 70, 9)
		# Measurement: the 30 days after completion 31 days ago.
		self.feedback_on(customer, category, 20, after_count)
		plan = self.completed(self.make_plan(category=category))
		frappe.db.set_value(
			"Improvement Plan",
			plan.name,
			{
				"started_on": add_days(today(), -60),
				"completed_on": add_days(today(), -31),
				"verification_due": add_days(today(), -1),
			},
		)
		self.assertIn(plan.name, verify_due_plans())
		return frappe.get_doc("Improvement Plan", plan.name)

	def test_a_seventy_percent_drop_is_effective(self):
		plan = self.verified("Damaged in Transit", after_count=2)
		self.assertEqual(plan.workflow_state, "Verified Effective")
		self.assertEqual(plan.verification_result, "Verified Effective")
		self.assertEqual(plan.baseline_count, 10)
		self.assertEqual(plan.after_count, 2)
		self.assertLessEqual(plan.change_percent, -70)

	def test_not_effective_reopens_for_a_new_cycle(self):
		plan = self.verified("Late Delivery", after_count=8)
		self.assertEqual(plan.workflow_state, "Not Effective")
		plan = self.act(plan, "Start New Cycle", self.analyst)
		self.assertEqual(plan.workflow_state, "In Progress")
		self.assertEqual(plan.cycle, 2)
		self.assertFalse(plan.verification_result)
		self.assertIn("Cycle 1", plan.progress_log[-1].note)

	def test_not_yet_due_is_not_verified(self):
		plan = self.completed(self.make_plan())
		self.assertNotIn(plan.name, verify_due_plans())
