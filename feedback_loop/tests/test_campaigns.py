"""Collection campaigns on a real site: targets from a customer group, one revisit each through the
revisit machinery, a coupon (ERPNext Coupon Code for a coupon-based Pricing Rule) for each answer,
and the response rate and findings measured from the answers."""

import json

import frappe
from frappe.utils import add_days, today

from feedback_loop.api.campaigns import close_campaign, start_campaign
from feedback_loop.api.survey import submit_survey
from feedback_loop.services.callbacks.links import token_for
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import default_company, make_contact, make_customer, make_user


class TestCampaigns(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tag = frappe.generate_hash(length=5)
		cls.group = (
			frappe.get_doc(
				{
					"doctype": "Customer Group",
					"customer_group_name": f"FL Campaign {tag}",
					"parent_customer_group": "All Customer Groups",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.customers = []
		for i in range(2):
			customer = make_customer(f"Campaign Customer {i}", customer_group=cls.group)
			contact = make_contact(customer, email=f"campaign-{tag}-{i}@example.com")
			frappe.db.set_value("Customer", customer, "customer_primary_contact", contact)
			cls.customers.append(customer)
		# Reached by no channel: left out when the campaign starts.
		make_customer("Campaign Customer unreachable", customer_group=cls.group)
		company = default_company()
		cls.pricing_rule = (
			frappe.get_doc(
				{
					"doctype": "Pricing Rule",
					"title": f"FL answer thanks {tag}",
					"apply_on": "Transaction",
					"price_or_product_discount": "Price",
					"selling": 1,
					"rate_or_discount": "Discount Percentage",
					"discount_percentage": 10,
					"coupon_code_based": 1,
					"company": company,
					"currency": frappe.get_cached_value("Company", company, "default_currency"),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.manager = make_user("fl-campaign-manager@example.com", ["Feedback Manager"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def campaign(self, **values):
		frappe.set_user(self.manager)
		try:
			return frappe.get_doc(
				{
					"doctype": "Feedback Campaign",
					"campaign_name": f"Cup lids {frappe.generate_hash(length=5)}",
					"goal": "Feedback on the new cup lid: find the 3 most frequent problems",
					"start_date": today(),
					"end_date": add_days(today(), 14),
					"survey_template": "Post-order CSAT",
					"target_group": self.group,
					"pricing_rule": self.pricing_rule,
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def test_a_campaign_surveys_its_targets_rewards_answers_and_reports_what_it_found(self):
		campaign = self.campaign()
		frappe.set_user(self.manager)
		self.assertEqual(start_campaign(campaign.name), {"planned": 2, "unreachable": 1})
		frappe.set_user("Administrator")
		callbacks = frappe.get_all(
			"Feedback Callback",
			filters={"campaign": campaign.name},
			fields=["name", "customer", "status", "callback_type", "survey_template"],
			order_by="customer",
		)
		self.assertEqual(sorted(c.customer for c in callbacks), sorted(self.customers))
		self.assertEqual({(c.status, c.callback_type) for c in callbacks}, {("Scheduled", "Campaign")})
		# Started once: a second start is refused.
		frappe.set_user(self.manager)
		with self.assertRaises(frappe.ValidationError):
			start_campaign(campaign.name)
		frappe.set_user("Administrator")

		first = frappe.get_doc("Feedback Callback", callbacks[0].name)
		frappe.db.set_value("Feedback Callback", first.name, "status", "Sent")
		answer = submit_survey(token_for(first), json.dumps({"q1": "1", "q2": "Delivery", "q4": "杯盖漏水"}))
		self.assertTrue(answer["ok"], answer)
		first.reload()
		coupon = frappe.get_doc("Coupon Code", first.coupon_code)
		self.assertEqual(
			(
				coupon.coupon_type,
				coupon.customer,
				coupon.pricing_rule,
				coupon.maximum_use,
				coupon.coupon_code,
			),
			("Gift Card", first.customer, self.pricing_rule, 1, answer["coupon"]),
		)
		frappe.db.set_value("Feedback Callback", callbacks[1].name, "status", "Sent")
		frappe.db.set_value("Feedback Record", first.created_feedback, "category", "Damaged in Transit")

		figures = self.figures(campaign.name)
		self.assertEqual(
			(figures["targeted"], figures["sent"], figures["answered"], figures["response_rate"]),
			(2, 2, 1, 50.0),
		)
		self.assertEqual((figures["csat"], figures["coupons"], figures["feedback"]), (1.0, 1, 1))
		self.assertEqual(figures["findings"], [["Damaged in Transit", 1]])

		frappe.set_user(self.manager)
		self.assertEqual(close_campaign(campaign.name), 0)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Feedback Campaign", campaign.name, "status"), "Closed")

	def figures(self, name):
		doc = frappe.get_doc("Feedback Campaign", name)
		doc.run_method("onload")
		return doc.get_onload()["figures"]

	def test_a_period_in_order_and_an_incentive_that_works_with_a_coupon(self):
		with self.assertRaises(frappe.ValidationError):
			self.campaign(end_date=add_days(today(), -1))
		plain = frappe.get_doc(
			{
				"doctype": "Pricing Rule",
				"title": f"FL plain {frappe.generate_hash(length=5)}",
				"apply_on": "Transaction",
				"price_or_product_discount": "Price",
				"selling": 1,
				"rate_or_discount": "Discount Percentage",
				"discount_percentage": 5,
				"company": default_company(),
				"currency": frappe.get_cached_value("Company", default_company(), "default_currency"),
			}
		).insert(ignore_permissions=True)
		with self.assertRaisesRegex(frappe.ValidationError, "Coupon Code Based"):
			self.campaign(pricing_rule=plain.name)
		# Nobody chosen is nobody: never every customer unasked.
		unaimed = self.campaign(target_group=None)
		frappe.set_user(self.manager)
		with self.assertRaisesRegex(frappe.ValidationError, "no target customers"):
			start_campaign(unaimed.name)

	def test_a_named_list_of_customers_wins_over_the_group(self):
		campaign = self.campaign(customers=[{"customer": self.customers[0]}, {"customer": self.customers[0]}])
		self.assertEqual(len(campaign.customers), 1)
		frappe.set_user(self.manager)
		self.assertEqual(start_campaign(campaign.name)["planned"], 1)
		# Closed before it went out: the revisit is cancelled, not sent.
		self.assertEqual(close_campaign(campaign.name), 1)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.get_all("Feedback Callback", filters={"campaign": campaign.name}, pluck="status"),
			["Cancelled"],
		)
