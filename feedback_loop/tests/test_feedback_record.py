# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import email
import email.header

import frappe
from frappe import _
from frappe.desk.notifications import get_open_count
from frappe.utils import getdate, now_datetime

from feedback_loop.api.feedback import (
	get_customer_feedback_summary,
	get_new_feedback_values,
	preview_priority,
)
from feedback_loop.services.messages.acknowledgement import promised_reply_moment
from feedback_loop.services.sla.policy import forget_policies
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_issue,
	make_item,
	make_outgoing_email_account,
	make_sales_invoice,
	make_sales_order,
	make_user,
)


class TestFeedbackFromCustomerAndOrder(IntegrationTestCase):
	def setUp(self):
		self.customer = make_customer("Zhang Wei Trading", language="zh")
		self.contact = make_contact(self.customer, email="zhang.wei@example.com", mobile="13812345678")
		frappe.db.set_value("Customer", self.customer, "customer_primary_contact", self.contact)
		# The contact chose Chinese: an explicit choice, which the prefill carries.
		frappe.db.set_value("Contact", self.contact, "feedback_language", "zh")

	def test_new_feedback_from_a_customer_is_prefilled(self):
		values = get_new_feedback_values("Customer", self.customer)["values"]
		self.assertEqual(values["customer"], self.customer)
		self.assertEqual(values["contact"], self.contact)
		self.assertEqual(values["reply_language"], "zh")

		doc = make_feedback(**values)
		customer = frappe.get_doc("Customer", self.customer)
		self.assertEqual(doc.customer_name, customer.customer_name)
		self.assertEqual(doc.customer_group, customer.customer_group)
		self.assertEqual(doc.territory, customer.territory)
		self.assertEqual(doc.contact_email, "zhang.wei@example.com")
		self.assertEqual(doc.status, "Open")
		self.assertEqual(doc.reply_language, "zh")

	def test_new_feedback_from_a_sales_order_offers_its_items(self):
		cup, saucer = make_item(), make_item()
		order = make_sales_order(self.customer, [cup, saucer, cup])
		frappe.db.set_value("Sales Order", order, "contact_person", self.contact)

		prefill = get_new_feedback_values("Sales Order", order)
		self.assertEqual(prefill["values"]["sales_order"], order)
		self.assertEqual(prefill["values"]["customer"], self.customer)
		self.assertEqual(prefill["values"]["contact"], self.contact)
		self.assertEqual([i["item_code"] for i in prefill["items"]], [cup, saucer])
		self.assertNotIn("item", prefill["values"], "with two items the agent chooses")

		doc = make_feedback(**prefill["values"], item=saucer)
		self.assertEqual((doc.sales_order, doc.item), (order, saucer))

	def test_an_order_with_one_item_prefills_the_item(self):
		cup = make_item()
		order = make_sales_order(self.customer, [cup])
		values = get_new_feedback_values("Sales Order", order)["values"]
		self.assertEqual(values["item"], cup)
		# The order names no contact person: the customer's primary contact is used.
		self.assertEqual(values["contact"], self.contact)

	def test_new_feedback_from_an_issue_is_prefilled_for_the_support_team(self):
		issue = make_issue(self.customer, contact=self.contact)
		# Support Team may read issues but not customers: the issue's page is its way in.
		frappe.set_user(make_user("support-only@example.com", ["Support Team"]))
		try:
			values = get_new_feedback_values("Issue", issue)["values"]
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(values["issue"], issue)
		self.assertEqual(values["customer"], self.customer)
		self.assertEqual(values["contact"], self.contact)
		self.assertEqual(values["reply_language"], "zh")

	def test_feedback_cannot_be_started_from_an_unrelated_doctype(self):
		with self.assertRaises(frappe.ValidationError):
			get_new_feedback_values("User", "Administrator")


class TestFeedbackNumber(IntegrationTestCase):
	def test_number_is_fb_date_and_a_daily_counter(self):
		customer = make_customer("Counter Customer")
		with self.freeze_time("2026-03-01 10:00:00"):
			first = make_feedback(customer).name
			second = make_feedback(customer).name
		with self.freeze_time("2026-03-02 09:00:00"):
			next_day = make_feedback(customer).name

		self.assertRegex(first, r"^FB20260301\d{3}$")
		self.assertEqual(int(second[-3:]), int(first[-3:]) + 1)
		self.assertEqual(next_day, "FB20260302001", "the counter starts again every day")


class TestReferencesBelongToTheCustomer(IntegrationTestCase):
	def setUp(self):
		self.customer = make_customer("Li Na Foods")
		self.other = make_customer("Wang Fang Retail")
		self.item = make_item()

	def test_another_customers_order_is_refused_with_a_clear_message(self):
		foreign_order = make_sales_order(self.other, [self.item])
		with self.assertRaises(frappe.ValidationError) as raised:
			make_feedback(self.customer, sales_order=foreign_order)
		message = str(raised.exception)
		self.assertIn(foreign_order, message)
		self.assertIn(self.other, message)
		self.assertIn(self.customer, message)

	def test_another_customers_invoice_is_refused(self):
		invoice = make_sales_invoice(self.other, self.item, 50)
		with self.assertRaises(frappe.ValidationError):
			make_feedback(self.customer, sales_invoice=invoice)

	def test_own_order_and_its_item_are_accepted(self):
		order = make_sales_order(self.customer, [self.item])
		doc = make_feedback(self.customer, sales_order=order, item=self.item)
		self.assertEqual(doc.sales_order, order)

	def test_an_item_that_is_not_on_the_order_is_refused(self):
		order = make_sales_order(self.customer, [self.item])
		other_item = make_item()
		with self.assertRaises(frappe.ValidationError) as raised:
			make_feedback(self.customer, sales_order=order, item=other_item)
		self.assertIn(other_item, str(raised.exception))

	def test_a_contact_of_another_customer_is_refused(self):
		contact = make_contact(self.other, email="someone@example.com")
		with self.assertRaises(frappe.ValidationError) as raised:
			make_feedback(self.customer, contact=contact)
		self.assertIn(contact, str(raised.exception))


class TestCustomerSegment(IntegrationTestCase):
	def setUp(self):
		self.item = make_item()

	def test_segment_follows_real_submitted_sales(self):
		customer = make_customer("Segment Customer")
		self.assertEqual(make_feedback(customer).customer_segment, "New")

		make_sales_invoice(customer, self.item, 100)
		make_sales_invoice(customer, self.item, 100, submit=False)  # a draft is no purchase
		self.assertEqual(make_feedback(customer).customer_segment, "New")

		make_sales_invoice(customer, self.item, 100)
		self.assertEqual(make_feedback(customer).customer_segment, "Returning")

	@change_settings("Feedback Settings", {"key_account_min_revenue": 50000})
	def test_revenue_makes_a_key_account(self):
		customer = make_customer("Key Account Customer")
		make_sales_invoice(customer, self.item, 60000)
		self.assertEqual(make_feedback(customer).customer_segment, "Key Account")


class TestStatusLifecycle(IntegrationTestCase):
	def setUp(self):
		self.doc = make_feedback(make_customer("Lifecycle Customer"))

	def save_as(self, status, **values):
		self.doc.reload()
		self.doc.update({"status": status, **values})
		self.doc.save()

	def test_open_cannot_jump_to_closed(self):
		with self.assertRaises(frappe.ValidationError) as raised:
			self.save_as("Closed", resolution_summary="<p>Replaced the cup.</p>")
		self.assertIn("Closed", str(raised.exception))
		self.assertEqual(frappe.db.get_value("Feedback Record", self.doc.name, "status"), "Open")

	def test_resolving_needs_a_resolution_and_stamps_the_time(self):
		with self.assertRaises(frappe.ValidationError):
			self.save_as("Resolved")
		self.save_as("Resolved", resolution_summary="<p>Replaced the cup.</p>")
		self.assertIsNotNone(self.doc.resolved_on)
		self.save_as("Closed")
		self.assertIsNotNone(self.doc.closed_on)

	def test_reopening_needs_a_reason_and_clears_the_stamps(self):
		self.save_as("In Progress")
		self.save_as("Resolved", resolution_summary="<p>Replaced the cup.</p>")
		with self.assertRaises(frappe.ValidationError):
			self.save_as("In Progress")
		self.save_as("In Progress", status_reason="The new cup is broken too")
		self.assertIsNone(self.doc.resolved_on)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Feedback Record", "reference_name": self.doc.name},
			pluck="content",
		)
		self.assertTrue(any("The new cup is broken too" in c for c in comments))

	def test_duplicate_needs_the_original(self):
		original = make_feedback(self.doc.customer)
		with self.assertRaises(frappe.ValidationError):
			self.save_as("Duplicate")
		self.save_as("Duplicate", duplicate_of=original.name)
		self.assertEqual(self.doc.status, "Duplicate")

	def test_new_feedback_cannot_start_resolved(self):
		with self.assertRaises(frappe.ValidationError):
			make_feedback(self.doc.customer, status="Resolved", resolution_summary="<p>Done</p>")


class TestPriorityAndSentiment(IntegrationTestCase):
	def test_priority_from_the_matrix_and_safety_flag(self):
		customer = make_customer("Priority Customer")
		self.assertEqual(make_feedback(customer, impact="Many Customers", urgency="High").priority, "Urgent")
		self.assertEqual(make_feedback(customer, impact="One Customer", urgency="Low").priority, "Low")
		self.assertEqual(
			make_feedback(customer, impact="One Customer", urgency="Low", safety_or_legal_risk=1).priority,
			"Urgent",
		)

	def test_the_form_previews_the_same_priority_as_the_save(self):
		def preview(**values):
			return preview_priority({"doctype": "Feedback Record", **values})["priority"]

		self.assertEqual(preview(impact="Core Function Down", urgency="Low"), "High")
		self.assertEqual(preview(impact="One Customer", urgency="Low", safety_or_legal_risk=1), "Urgent")
		with self.assertRaises(frappe.ValidationError):
			preview(impact="Everyone", urgency="Low")

	def test_sentiment_from_the_text_else_from_the_type(self):
		customer = make_customer("Sentiment Customer")
		praise = make_feedback(
			customer, feedback_type="Praise", subject="Thanks", description="<p>Great service, thank you!</p>"
		)
		self.assertEqual(praise.sentiment, "Positive")
		self.assertEqual(make_feedback(customer).sentiment, "Negative")
		# Text without words (an order number, say) tells nothing: the type decides.
		numbers_only = make_feedback(
			customer, feedback_type="Praise", subject="#20261124", description="<p>1234</p>"
		)
		self.assertEqual(numbers_only.sentiment, "Positive")

	def test_a_complaint_that_reads_neither_way_is_shown_negative(self):
		customer = make_customer("Sentiment Customer")
		factual = {
			"subject": "Order SO-1234",
			"description": "<p>The parcel for order 1234 arrived on the 5th.</p>",
		}
		inquiry = make_feedback(customer, feedback_type="Inquiry", **factual)
		self.assertEqual(inquiry.sentiment, "Neutral")  # the words alone
		complaint = make_feedback(customer, feedback_type="Complaint", **factual)
		self.assertEqual(complaint.sentiment, "Negative")
		self.assertTrue(complaint.sentiment_cues.startswith(_("Complaint", context="Feedback Record")))
		# An e-mail's type is the inbox's default, not the customer's word: the words decide.
		self.assertEqual(make_feedback(customer, channel="Email", **factual).sentiment, "Neutral")
		# The agent corrects the type: read again.
		complaint.feedback_type = "Inquiry"
		complaint.save()
		self.assertEqual(complaint.sentiment, "Neutral")
		# Clear praise filed as a complaint keeps its words' label.
		praise = make_feedback(customer, subject="Thanks", description="<p>Great service, thank you!</p>")
		self.assertEqual(praise.sentiment, "Positive")

	def test_records_labelled_before_the_type_counted_are_labelled_alike(self):
		from feedback_loop.patches import label_complaints_by_type

		customer = make_customer("Sentiment Customer")
		factual = {
			"subject": "Order SO-1234",
			"description": "<p>The parcel for order 1234 arrived on the 5th.</p>",
		}
		desk = make_feedback(customer, **factual)
		mail = make_feedback(customer, channel="Email", **factual)
		inquiry = make_feedback(customer, feedback_type="Inquiry", **factual)
		# As the analysis stored them before: the words alone.
		frappe.db.set_value(
			"Feedback Record",
			desk.name,
			{"sentiment": "Neutral", "sentiment_score": 0.1, "sentiment_cues": ""},
		)
		label_complaints_by_type.execute()
		label_complaints_by_type.execute()  # again on a migrate: nothing more changes

		def stored(name):
			return frappe.db.get_value(
				"Feedback Record", name, ["sentiment", "sentiment_score", "sentiment_cues"], as_dict=True
			)

		self.assertEqual(stored(desk.name).sentiment, "Negative")
		self.assertEqual(stored(desk.name).sentiment_score, -0.3)
		self.assertRegex(stored(desk.name).sentiment_cues, r"^\S+ \(-1\)$")
		self.assertEqual(stored(mail.name).sentiment, "Neutral")
		self.assertEqual(stored(inquiry.name).sentiment, "Neutral")


class TestBadInput(IntegrationTestCase):
	def setUp(self):
		self.customer = make_customer("Bad Input Customer")

	def assert_refused(self, expected_text: str, **values):
		before = frappe.db.count("Feedback Record")
		with self.assertRaises(frappe.ValidationError) as raised:
			make_feedback(**values)
		self.assertIn(expected_text.lower(), str(raised.exception).lower())
		self.assertEqual(frappe.db.count("Feedback Record"), before, "nothing is half-saved")

	def test_missing_customer(self):
		self.assert_refused("Customer", customer=None)

	def test_unknown_channel(self):
		self.assert_refused("Pigeon", customer=self.customer, channel="Pigeon")

	def test_description_over_20000_characters(self):
		self.assert_refused("20000", customer=self.customer, description="很" * 20001)

	def test_anonymous_feedback_only_from_the_web_when_allowed(self):
		self.assert_refused("Anonymous", customer=None, anonymous=1, channel="Desk", sender="a@example.com")
		with change_settings("Feedback Settings", {"allow_anonymous_web_feedback": 1}):
			doc = make_feedback(None, anonymous=1, channel="Web", sender="a@example.com")
		self.assertFalse(doc.customer)

	def test_script_tags_are_removed(self):
		doc = make_feedback(
			self.customer,
			subject="Broken <script>alert(1)</script>",
			description='<p>Broken</p><script>alert("x")</script><img src=x onerror="alert(1)">',
		)
		doc.reload()
		self.assertNotIn("<script", doc.description)
		self.assertNotIn("onerror", doc.description)
		self.assertNotIn("<script", doc.subject)
		self.assertIn("Broken", doc.description)


class TestAcknowledgement(IntegrationTestCase):
	def setUp(self):
		make_outgoing_email_account()

	def queued_for(self, name):
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Feedback Record", "reference_name": name},
			fields=["name", "message"],
		)

	def decoded(self, raw: str) -> str:
		message = email.message_from_string(raw)
		subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
		bodies = [
			part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			for part in message.walk()
			if part.get_content_type() in ("text/plain", "text/html")
		]
		return subject + "\n" + "\n".join(bodies)

	@change_settings("Feedback Settings", {"send_acknowledgement": 1, "reply_within_working_days": 3})
	def test_chinese_customer_gets_a_chinese_acknowledgement(self):
		customer = make_customer("陈静 商贸", language="zh")
		contact = make_contact(customer, email="chen.jing@example.com")
		doc = make_feedback(
			customer, contact=contact, subject="杯子碎了", description="<p>杯子碎了，外包装也破了。</p>"
		)
		(queued,) = self.queued_for(doc.name)
		text = self.decoded(queued.message)
		self.assertIn("我们已收到您的反馈", text)
		self.assertIn(doc.name, text)
		# The promise is the SLA policy's first-response moment.
		self.assertIn(f"我们将于 {promised_reply_moment(doc)} 前回复您", text)
		self.assertIsNotNone(frappe.db.get_value("Feedback Record", doc.name, "acknowledged_on"))
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued.name}, pluck="recipient"
		)
		self.assertEqual(recipients, ["chen.jing@example.com"])

	@change_settings("Feedback Settings", {"send_acknowledgement": 1, "reply_within_working_days": 5})
	def test_english_customer_gets_an_english_acknowledgement(self):
		customer = make_customer("Oak Street Cafe", language="en", email_id=None)
		contact = make_contact(customer, email="owner@oakstreet.example.com")
		doc = make_feedback(customer, contact=contact)
		(queued,) = self.queued_for(doc.name)
		text = self.decoded(queued.message)
		self.assertIn("We received your feedback", text)
		self.assertIn(f"We will reply by {promised_reply_moment(doc)}", text)

	@change_settings("Feedback Settings", {"send_acknowledgement": 1, "reply_within_working_days": 5})
	def test_without_an_sla_policy_the_promise_comes_from_settings(self):
		frappe.db.set_value("Feedback SLA Policy", {"enabled": 1}, "enabled", 0)
		forget_policies()
		customer = make_customer("No Policy Cafe", language="en")
		doc = make_feedback(customer, contact=make_contact(customer, email="np@example.com"))
		self.assertFalse(doc.sla_policy)
		(queued,) = self.queued_for(doc.name)
		self.assertIn("within 5 working days", self.decoded(queued.message))

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_no_address_no_mail(self):
		doc = make_feedback(make_customer("No Mail Customer"))
		self.assertEqual(self.queued_for(doc.name), [])

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_without_an_outgoing_account_the_feedback_is_kept_and_the_reason_noted(self):
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "default_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		customer = make_customer("Offline Customer")
		doc = make_feedback(customer, contact=make_contact(customer, email="offline@example.com"))
		self.assertTrue(frappe.db.exists("Feedback Record", doc.name))
		self.assertEqual(self.queued_for(doc.name), [])
		notes = frappe.get_all(
			"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("outgoing e-mail account" in note for note in notes))

	@change_settings("Feedback Settings", {"send_acknowledgement": 0})
	def test_switched_off_in_settings(self):
		customer = make_customer("Quiet Customer")
		doc = make_feedback(customer, contact=make_contact(customer, email="quiet@example.com"))
		self.assertEqual(self.queued_for(doc.name), [])


class TestDashboardsAndSummary(IntegrationTestCase):
	def test_customer_and_order_dashboards_count_feedback(self):
		customer = make_customer("Dashboard Customer")
		order = make_sales_order(customer, [make_item()])
		make_feedback(customer, sales_order=order)
		make_feedback(customer)

		self.assertEqual(_dashboard_count("Customer", customer), 2)
		self.assertEqual(_dashboard_count("Sales Order", order), 1)

	def test_invoice_and_issue_dashboards_count_feedback(self):
		customer = make_customer("Dashboard Customer")
		invoice = make_sales_invoice(customer, make_item(), 100)
		issue = make_issue(customer)
		make_feedback(customer, sales_invoice=invoice)
		make_feedback(customer, issue=issue)
		make_feedback(customer, issue=issue)

		self.assertEqual(_dashboard_count("Sales Invoice", invoice), 1)
		self.assertEqual(_dashboard_count("Issue", issue), 2)

	def test_customer_summary(self):
		customer = make_customer("Summary Customer")
		make_feedback(customer, feedback_type="Complaint")
		make_feedback(
			customer, feedback_type="Praise", subject="Thanks", description="<p>Great, fast and friendly!</p>"
		)
		resolved = make_feedback(
			customer,
			feedback_type="Suggestion",
			subject="Idea",
			description="<p>Could the invoice list show the due date?</p>",
		)
		resolved.update({"status": "Resolved", "resolution_summary": "<p>Done</p>"})
		resolved.save()

		summary = get_customer_feedback_summary(customer)
		self.assertEqual(summary["total"], 3)
		self.assertEqual(summary["open"], 2)
		self.assertEqual(summary["negative_share"], 33.3)
		# The indicator says on hover what "negative" counts.
		self.assertIn("CSAT 2 or less", summary["sentiment_note"])
		self.assertEqual(getdate(summary["last_feedback_on"]), getdate(now_datetime()))


def _dashboard_count(doctype: str, name: str) -> int:
	counts = get_open_count(doctype, name)["count"]
	# get_open_count limits every statement of the connection to 1 s and leaves it so; a web
	# request gets a new connection, the test run keeps this one for every later test.
	frappe.db.set_execution_timeout(0)
	return next(row["count"] for row in counts["external_links_found"] if row["doctype"] == "Feedback Record")


class TestKeyFacts(IntegrationTestCase):
	def test_a_complaint_without_its_order_or_product_says_so_until_one_is_given(self):
		customer = make_customer("Key Facts")
		doc = make_feedback(customer)
		self.assertEqual((doc.facts_complete, doc.missing_facts), (0, "Order or product"))
		doc.item = make_item()
		doc.save()
		self.assertEqual((doc.facts_complete, doc.missing_facts), (1, None))

	@change_settings("Feedback Settings", {"allow_anonymous_web_feedback": 1})
	def test_a_vague_anonymous_complaint_misses_every_fact_and_a_suggestion_only_words(self):
		# A name is no way to answer.
		vague = make_feedback(
			None, channel="Web", anonymous=1, sender_name="王", subject="不好", description="<p>不好</p>"
		)
		self.assertTrue(vague.needs_clarification)
		self.assertEqual(
			vague.missing_facts.split("\n"), ["Who to answer", "Clear description", "Order or product"]
		)
		idea = make_feedback(
			None,
			channel="Web",
			anonymous=1,
			sender_name="王",
			feedback_type="Suggestion",
			subject="Invoices",
			description="<p>Could the invoice list show the due date next to the amount?</p>",
		)
		self.assertEqual((idea.facts_complete, idea.missing_facts), (1, None))
