"""Priority from what the customer said, on a real site: each rule of Feedback Settings raises the
matrix's priority on every channel, the record says why in plain words, and a safety risk is
suggested, never applied until an agent confirms it.

The test site's baseline has the rules off (site_baseline.py): each test here switches them on in
its own transaction, and uses a category of its own where a rule counts other records.
"""

import frappe

from feedback_loop.api.feedback import preview_priority
from feedback_loop.core.triage.priority_rules import COUNTED_AT_LEAST
from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.triage.duplicates import merge_feedback
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import make_customer, make_feedback, make_item, make_sales_order

RULES_ON = {"apply_priority_rules": 1}
CHINESE_COMPLAINT = "包裹破损，等了三天才到，客服电话一直打不通，要求退款"
#: Words that raise nothing by themselves, so only the rule under test moves the priority.
NEUTRAL = {
	"feedback_type": "Inquiry",
	"subject": "Lid size",
	"description": "<p>Which lid size fits this cup?</p>",
}


def own_category(prefix: str) -> str:
	name = f"{prefix} {frappe.generate_hash(length=6)}"
	frappe.get_doc(
		{
			"doctype": "Feedback Category",
			"category_name": name,
			"parent_feedback_category": "Product Quality",
		}
	).insert(ignore_permissions=True)
	return name


def reasons(doc) -> list[str]:
	doc.run_method("onload")
	return doc.get_onload().priority_reasons


class TestPriorityRules(IntegrationTestCase):
	@change_settings("Feedback Settings", RULES_ON)
	def test_a_strongly_negative_refund_demand_is_not_left_low(self):
		customer = make_customer("Refund Customer")
		result = create_feedback(
			{"customer": customer, "feedback_type": "Complaint", "description": CHINESE_COMPLAINT},
			channel="WeChat",
			external_id=frappe.generate_hash(length=10),
		)
		doc = frappe.get_doc("Feedback Record", result.name)
		# One customer × Medium is Low by the matrix alone; the words raise the urgency to High.
		self.assertEqual(doc.priority, "Medium", reasons(doc))
		lines = reasons(doc)
		self.assertEqual(lines[0], "Low: impact One Customer × urgency Medium")
		self.assertIn("Urgency Medium → High", lines[1])
		self.assertIn("退款", lines[1])
		self.assertIn("strongly negative", lines[1])

	def test_with_the_rules_off_the_same_words_leave_the_matrix(self):
		doc = make_feedback(make_customer("Rules Off"), description=f"<p>{CHINESE_COMPLAINT}</p>")
		self.assertEqual(doc.priority, "Low")
		self.assertEqual(len(reasons(doc)), 1)

	@change_settings("Feedback Settings", RULES_ON)
	def test_a_low_survey_score_is_at_least_high(self):
		customer = make_customer("Low Score Customer")
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "After Order",
				"customer": customer,
				"channel": "E-mail",
				"status": "Responded",
				"due_on": frappe.utils.now_datetime(),
				"csat": 1,
			}
		).insert(ignore_permissions=True)
		doc = make_feedback(customer, survey_callback=callback.name, impact="One Customer", urgency="Low")
		self.assertEqual(doc.priority, "High")
		self.assertIn("High: survey score CSAT 1 ≤ 2", reasons(doc))

	@change_settings("Feedback Settings", RULES_ON)
	def test_safety_words_are_suggested_and_urgent_only_once_confirmed(self):
		customer = make_customer("Safety Customer")
		doc = make_feedback(customer, description="<p>充电器冒烟了，孩子的手被烫伤。</p>")
		self.assertTrue(doc.safety_suggested)
		self.assertIn("冒烟", doc.safety_evidence)
		self.assertNotEqual(doc.priority, "Urgent")
		self.assertTrue(any("confirm it to make this Urgent" in line for line in reasons(doc)))
		doc.safety_or_legal_risk = 1
		doc.save()
		self.assertEqual(doc.priority, "Urgent")
		self.assertFalse(doc.safety_suggested)
		self.assertIn("Urgent: safety or legal risk confirmed", reasons(doc))

	@change_settings("Feedback Settings", RULES_ON)
	def test_a_safety_category_is_suggested_and_a_dismissal_sticks(self):
		doc = make_feedback(
			make_customer("Hazard Customer"),
			subject="Question about the lid",
			description="<p>The lid is hard to open.</p>",
			category="Safety Hazard",
		)
		self.assertTrue(doc.safety_suggested)
		self.assertIn("Safety Hazard", doc.safety_evidence)
		previous = frappe.local.lang
		previous, frappe.local.lang = frappe.local.lang, "zh"
		try:
			# A Chinese reader sees the category's Chinese name in the reason.
			(suggestion,) = [line for line in reasons(doc) if "安全隐患" in line]
			self.assertNotIn("Safety Hazard", suggestion)
		finally:
			frappe.local.lang = previous
		doc.safety_dismissed = 1
		doc.save()
		self.assertFalse(doc.safety_suggested)
		self.assertNotEqual(doc.priority, "Urgent")

	@change_settings(
		"Feedback Settings", {**RULES_ON, "returning_min_purchases": 1, "returning_urgency_steps": 2}
	)
	def test_a_segment_raises_the_urgency_by_its_steps(self):
		customer = make_customer("Returning Customer")
		make_sales_order(customer, [make_item()])
		doc = make_feedback(customer, subject="A question", description="<p>When does it ship?</p>")
		self.assertEqual(doc.customer_segment, "Returning")
		# Medium + 2 steps = Critical; One Customer × Critical = High.
		self.assertEqual(doc.priority, "High")
		self.assertIn("Urgency Medium → Critical: Returning customer", reasons(doc))

	@change_settings("Feedback Settings", RULES_ON)
	def test_the_same_problem_again_raises_the_impact_and_merging_does_too(self):
		customer = make_customer("Again Customer")
		category = own_category("Again")
		first = make_feedback(customer, category=category, **NEUTRAL)
		self.assertEqual(first.impact, "One Customer")
		self.assertEqual(first.priority, "Low")
		second = make_feedback(customer, category=category, **NEUTRAL)
		self.assertEqual(second.priority, "Medium")
		self.assertIn(
			"Impact One Customer → Several Customers: reported 2 times by this customer in 30 days",
			reasons(second),
		)
		merge_feedback(second.name, first.name)
		first.reload()
		self.assertEqual(first.occurrence_count, 2)
		self.assertEqual(first.priority, "Medium")

	@change_settings("Feedback Settings", {**RULES_ON, "several_customers_at": 3})
	def test_several_customers_with_one_problem_raise_the_impact(self):
		category = own_category("Crowd")
		records = [make_feedback(make_customer(f"Crowd {i}"), category=category, **NEUTRAL) for i in range(3)]
		self.assertEqual([r.priority for r in records], ["Low", "Low", "Medium"])
		self.assertTrue(any("3 customers reported" in line for line in reasons(records[2])))
		# The third report raised the first two as well: it is one problem of several customers.
		for record in records[:2]:
			record.reload()
			self.assertEqual((record.impact, record.priority), ("One Customer", "Medium"))

	@change_settings("Feedback Settings", {**RULES_ON, "several_customers_at": 2, "many_customers_at": 3})
	def test_past_the_limit_the_counts_stop_and_say_or_more(self):
		# The marks are low, so the counts go to COUNTED_AT_LEAST: exact up to it, "or more" past it.
		category = own_category("Busy")
		records = [
			make_feedback(make_customer(f"Busy {i}"), category=category, **NEUTRAL)
			for i in range(COUNTED_AT_LEAST + 1)
		]
		self.assertIn(
			f"Impact One Customer → Many Customers: 10 customers reported {category} in 30 days",
			reasons(records[COUNTED_AT_LEAST - 1]),
		)
		self.assertIn(
			f"Impact One Customer → Many Customers: 11 or more customers reported {category} in 30 days",
			reasons(records[COUNTED_AT_LEAST]),
		)
		repeating = make_customer("Busy again")
		again = [make_feedback(repeating, category=category, **NEUTRAL) for _ in range(COUNTED_AT_LEAST + 1)]
		self.assertTrue(
			any(
				"reported 11 times or more by this customer in 30 days" in line for line in reasons(again[-1])
			),
			reasons(again[-1]),
		)
		self.assertTrue(
			any("reported 10 times by this customer in 30 days" in line for line in reasons(again[-2])),
			reasons(again[-2]),
		)
		previous, frappe.local.lang = frappe.local.lang, "zh"
		try:
			self.assertTrue(
				any("11 位或更多客户反映" in line for line in reasons(records[COUNTED_AT_LEAST])),
				reasons(records[COUNTED_AT_LEAST]),
			)
		finally:
			frappe.local.lang = previous

	@change_settings("Feedback Settings", RULES_ON)
	def test_the_form_previews_the_rules_before_saving(self):
		preview = preview_priority(
			{
				"doctype": "Feedback Record",
				"customer": make_customer("Preview Customer"),
				"impact": "One Customer",
				"urgency": "Medium",
				"subject": "Fire",
				"description": "<p>The heater caught fire, I want a refund.</p>",
			}
		)
		self.assertTrue(preview["safety_suggested"])
		self.assertIn("caught fire", preview["safety_evidence"])
		self.assertTrue(any("refund" in line for line in preview["reasons"]))
