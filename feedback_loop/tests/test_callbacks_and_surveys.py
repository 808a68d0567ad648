"""Revisits on a real site: triggers from ERPNext documents, the send job, the public survey page,
answers that become feedback, verification revisits that close or reopen the loop."""

import json
import time

import frappe
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime, set_request
from frappe.website.serve import get_response_content

from feedback_loop.api.survey import opt_out, submit_survey
from feedback_loop.core.callbacks.survey_token import make_token
from feedback_loop.services.callbacks import sender as callback_sender
from feedback_loop.services.callbacks.follow_up import raise_due_follow_up, raise_missed_follow_ups
from feedback_loop.services.callbacks.links import secret as _secret
from feedback_loop.services.callbacks.links import survey_url, token_for
from feedback_loop.services.callbacks.triggers import clear_watched_cache, schedule_callback
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_item,
	make_outgoing_email_account,
	make_sales_order,
	make_user,
	take_a_number,
)

ORDER_TRIGGER = "Sales Order completed"
INVOICE_TRIGGER = "Sales Invoice submitted"
VERIFY_TRIGGER = "Feedback resolved: verification revisit"
CALL_TRIGGER = "New customer onboarding call"


class CallbackTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		make_user("fl-caller@example.com", ["Feedback Agent"])

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.request_ip = "127.0.0.1"
		# The survey page switches the request's language; each test starts as a fresh request.
		frappe.local.lang = "en"

	def tearDown(self):
		frappe.db.set_value("Feedback Trigger", {"enabled": 1}, "enabled", 0)
		clear_watched_cache()

	def enable(self, name, **values):
		trigger = frappe.get_doc("Feedback Trigger", name)
		trigger.update({"enabled": 1, **values})
		trigger.save()
		return trigger

	def customer_with_email(self, label="Revisit", language="en"):
		customer = make_customer(label, language=language)
		email = f"{frappe.generate_hash(length=8)}@example.com"
		contact = make_contact(customer, email=email)
		frappe.db.set_value("Customer", customer, "customer_primary_contact", contact)
		return customer, contact, email

	def completed_order(self, customer):
		order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		note = make_delivery_note(order.name)
		note.insert(ignore_permissions=True)
		note.submit()
		invoice = make_sales_invoice(order.name)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
		order.reload()
		self.assertEqual(order.status, "Completed")
		return order

	def callbacks_of(self, **filters):
		return frappe.get_all("Feedback Callback", filters=filters, fields=["*"], order_by="creation")

	def queued_for(self, callback):
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Feedback Callback", "reference_name": callback},
			fields=["name", "message"],
		)

	def send(self, callback):
		"""Run the send job as it would run once the callback is due."""
		frappe.db.set_value("Feedback Callback", callback, "due_on", add_days(now_datetime(), -1))
		return callback_sender.run()

	def page(self, token):
		set_request(method="GET", path=f"/feedback/survey/{token}")
		return get_response_content(f"/feedback/survey/{token}")


class TestTriggersAndSending(CallbackTestCase):
	def test_completed_order_to_survey_to_feedback(self):
		self.enable(ORDER_TRIGGER)
		self.enable(INVOICE_TRIGGER)
		customer, _contact, email = self.customer_with_email()
		order = self.completed_order(customer)

		callbacks = self.callbacks_of(reference_doctype="Sales Order", reference_name=order.name)
		self.assertEqual(len(callbacks), 1)
		callback = callbacks[0]
		self.assertEqual(
			(callback.status, callback.contact_email, callback.survey_template),
			("Scheduled", email, "Post-order CSAT"),
		)
		# Three working days of the default policy (Monday to Friday) after now.
		self.assertGreater(get_datetime(callback.due_on), add_days(now_datetime(), 2))
		self.assertLess(get_datetime(callback.due_on), add_days(now_datetime(), 6))
		# The invoice's own trigger fired in the same minute: throttled (one revisit per 30 days).
		self.assertEqual(self.callbacks_of(customer=customer, trigger=INVOICE_TRIGGER), [])

		self.assertEqual(self.send(callback.name)["sent"], 1)
		self.assertEqual(callback_sender.run()["sent"], 0)
		queued = self.queued_for(callback.name)
		self.assertEqual(len(queued), 1)
		doc = frappe.get_doc("Feedback Callback", callback.name)
		self.assertEqual(doc.status, "Sent")
		self.assertIn("/feedback/survey/", queued[0].message.replace("=\r\n", ""))

		token = token_for(doc)
		html = self.page(token)
		self.assertIn("How satisfied are you with your order?", html)
		result = submit_survey(
			token, json.dumps({"q1": "1", "q2": "Delivery", "q4": "The box was crushed and late"})
		)
		self.assertEqual(result, {"ok": True})
		doc.reload()
		self.assertEqual((doc.status, doc.csat), ("Responded", 1))
		self.assertEqual((doc.nps, doc.nps_answered), (0, 0))  # this template asks no NPS
		feedback = frappe.get_doc("Feedback Record", doc.created_feedback)
		self.assertEqual(
			(feedback.channel, feedback.urgency, feedback.sales_order), ("Survey", "High", order.name)
		)
		self.assertEqual(feedback.analysis_status, "Analysed")
		self.assertTrue(feedback.sla_policy)

		self.assertIn("already been answered", self.page(token))
		self.assertFalse(submit_survey(token, json.dumps({"q1": "5"}))["ok"])

	def test_a_low_score_is_negative_feedback_whatever_the_words(self):
		# Only this revisit: the onboarding call, on by default, would take the new customer's slot.
		frappe.db.set_value("Feedback Trigger", {"enabled": 1}, "enabled", 0)
		clear_watched_cache()
		self.enable(ORDER_TRIGGER)
		customer, _contact, _email = self.customer_with_email()
		order = self.completed_order(customer)
		callback = self.callbacks_of(reference_doctype="Sales Order", reference_name=order.name)[0]
		self.send(callback.name)
		doc = frappe.get_doc("Feedback Callback", callback.name)
		answers = {"q1": "1", "q2": "Delivery", "q4": "Thank you, nothing else to add"}
		self.assertEqual(submit_survey(token_for(doc), json.dumps(answers)), {"ok": True})
		doc.reload()
		feedback = frappe.get_doc("Feedback Record", doc.created_feedback)
		# The polite words alone read Positive; the score of 1 out of 5 decides, and says so first.
		self.assertEqual(feedback.sentiment, "Negative")
		self.assertTrue(feedback.sentiment_cues.startswith("CSAT 1/5 (-1)"), feedback.sentiment_cues)
		self.assertLessEqual(feedback.sentiment_score, -0.3)

	def test_a_trigger_firing_twice_schedules_once(self):
		trigger = self.enable(INVOICE_TRIGGER)
		customer, _contact, _email = self.customer_with_email()
		order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		self.assertTrue(schedule_callback(trigger, order))
		self.assertIsNone(schedule_callback(trigger, order))
		self.assertEqual(len(self.callbacks_of(reference_name=order.name)), 1)

	def test_documents_no_trigger_watches_cost_nothing(self):
		clear_watched_cache()
		customer, _contact, _email = self.customer_with_email()
		make_sales_order(customer, [make_item()])
		self.assertEqual(self.callbacks_of(customer=customer), [])

	def test_opted_out_customers_get_no_survey(self):
		trigger = self.enable(INVOICE_TRIGGER, throttle_days=0)
		customer, _contact, email = self.customer_with_email()
		first = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		name = schedule_callback(trigger, first)
		opt_out(email, "Feedback Callback", name)
		self.assertEqual(frappe.db.get_value("Feedback Callback", name, "status"), "Cancelled")
		second = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		self.assertIsNone(schedule_callback(trigger, second))

	def test_phone_callbacks_create_a_todo_with_the_script(self):
		trigger = self.enable(CALL_TRIGGER, assign_to_role="Feedback Agent")
		customer, _contact, _email = self.customer_with_email()
		order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		note = make_delivery_note(order.name)
		note.insert(ignore_permissions=True)
		note.submit()
		callback = self.callbacks_of(reference_doctype="Delivery Note", reference_name=note.name)[0]
		self.assertEqual((callback.channel, callback.trigger), ("Phone", trigger.name))
		self.send(callback.name)
		todo = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Feedback Callback", "reference_name": callback.name},
			fields=["allocated_to", "description"],
		)
		self.assertEqual(len(todo), 1)
		self.assertIn("first order", todo[0].description)
		self.assertEqual(frappe.db.get_value("Feedback Callback", callback.name, "status"), "Sent")


class TestRevisitNumbers(CallbackTestCase):
	"""Its own class, so its transaction holds no revisit's number yet: test classes share one
	transaction, and a revisit another test scheduled would hold the series row."""

	def test_a_revisit_is_scheduled_while_other_requests_take_numbers(self):
		# MariaDB 11.8 (Frappe 16's) refused the revisit's number when another request had taken
		# one since this transaction's first read: the trigger logged it and the revisit was lost.
		trigger = self.enable(INVOICE_TRIGGER)
		customer, _contact, _email = self.customer_with_email()
		order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		series = f"CB-{now_datetime().year}-"
		frappe.db.sql("select current from `tabSeries` where name = %s", (series,))
		take_a_number(series)
		self.assertTrue(schedule_callback(trigger, order))


class TestSurveyPage(CallbackTestCase):
	def sent_callback(self, language="en"):
		trigger = self.enable(INVOICE_TRIGGER, throttle_days=0)
		customer, _contact, _email = self.customer_with_email(language=language)
		order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		name = schedule_callback(trigger, order)
		self.send(name)
		return frappe.get_doc("Feedback Callback", name)

	def test_tampered_and_expired_links_are_refused_with_a_clear_page(self):
		callback = self.sent_callback()
		token = token_for(callback)
		payload, signature = token.split(".")
		self.assertIn("not valid", self.page(f"{payload}.{signature[:-2]}xx"))
		expired = make_token(_secret(), callback.name, int(time.time()) - 10)
		self.assertIn("expired", self.page(expired))
		self.assertFalse(submit_survey(expired, "{}")["ok"])

	def test_chinese_customers_get_the_chinese_survey(self):
		callback = self.sent_callback(language="zh")
		html = self.page(token_for(callback))
		self.assertIn("您有多大可能向朋友或同事推荐我们", html)

	def test_bad_answers_store_nothing(self):
		callback = self.sent_callback()
		token = token_for(callback)
		for answers in (
			{"q2": "fine"},
			{"q1": "11"},
			{"q1": "8", "q2": "x" * 10_000},
		):
			result = submit_survey(token, json.dumps(answers))
			self.assertFalse(result["ok"])
			self.assertTrue(result["problems"])
		script = submit_survey(token, json.dumps({"q1": "9", "q2": "<script>alert(1)</script>Great"}))
		self.assertTrue(script["ok"])
		callback.reload()
		self.assertNotIn("<script", json.dumps([a.answer for a in callback.answers]))
		self.assertEqual((callback.nps, callback.nps_answered), (9, 1))
		self.assertFalse(callback.created_feedback)

	def answered_as_on_a_live_site(self, callback, answers):
		"""The answer as the customer's request leaves it: its after-commit jobs queued, not run
		(tests otherwise run them at once), and dropped, as a lost job would be."""
		frappe.flags.in_test = False
		try:
			result = submit_survey(token_for(callback), json.dumps(answers))
		finally:
			frappe.flags.in_test = True
			frappe.db.after_commit.reset()
		self.assertEqual(result, {"ok": True})
		callback.reload()
		return callback

	def records_raised_by(self, callback):
		return frappe.get_all("Feedback Record", filters={"survey_callback": callback.name}, pluck="name")

	def test_an_unhappy_answer_is_stored_at_once_and_its_feedback_raised_after(self):
		callback = self.sent_callback()
		callback = self.answered_as_on_a_live_site(
			callback, {"q1": "2", "q2": "包装破损，送货太慢", "q3": "1"}
		)
		self.assertEqual((callback.status, callback.csat, callback.follow_up_due), ("Responded", 1, 1))
		self.assertFalse(callback.created_feedback)
		self.assertEqual(self.records_raised_by(callback), [])

		record = raise_due_follow_up(callback.name)
		self.assertEqual(raise_due_follow_up(callback.name), record)  # a repeated job
		callback.reload()
		self.assertEqual((callback.created_feedback, callback.follow_up_due), (record, 0))
		self.assertEqual(self.records_raised_by(callback), [record])
		feedback = frappe.get_doc("Feedback Record", record)
		# Decided from what the revisit stored: the words, the scores, the customer.
		self.assertEqual((feedback.channel, feedback.urgency), ("Survey", "High"))
		self.assertEqual(feedback.survey_scores, "CSAT 1/5 · NPS 2/10")
		self.assertIn("包装破损", feedback.description)
		self.assertEqual(feedback.customer, callback.customer)
		self.assertEqual(feedback.analysis_status, "Analysed")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_the_job_acknowledges_the_feedback_it_raised_once(self):
		callback = self.answered_as_on_a_live_site(self.sent_callback(), {"q1": "1", "q2": "送错了"})
		record = raise_due_follow_up(callback.name)
		raise_due_follow_up(callback.name)  # a repeated job
		self.assertEqual(
			frappe.db.count(
				"Feedback Message", {"feedback_record": record, "message_kind": "Acknowledgement"}
			),
			1,
		)

	def test_a_lost_follow_up_job_is_swept_up_once(self):
		callback = self.answered_as_on_a_live_site(self.sent_callback(), {"q1": "3"})
		# The sweep takes every answer of the site still waiting: only this one's state is asserted.
		raise_missed_follow_ups()
		self.assertEqual(self.records_raised_by(callback), [], "its job may still be on its way")
		frappe.db.set_value(
			"Feedback Callback", callback.name, "responded_on", add_to_date(now_datetime(), minutes=-30)
		)
		raise_missed_follow_ups()
		raise_missed_follow_ups()
		raised = self.records_raised_by(callback)
		self.assertEqual(len(raised), 1)
		callback.reload()
		self.assertEqual((callback.created_feedback, callback.follow_up_due), (raised[0], 0))
		# Nothing written: the customer's low score is the whole complaint, said in their language.
		self.assertIn("low score", frappe.db.get_value("Feedback Record", raised[0], "description"))

	def test_surveys_link_to_the_page(self):
		callback = self.sent_callback()
		self.assertIn("/feedback/survey/", survey_url(callback))


class TestVerificationRevisit(CallbackTestCase):
	def resolved_feedback(self):
		customer, contact, _email = self.customer_with_email()
		feedback = make_feedback(customer, contact=contact)
		feedback.reload()
		feedback.update({"status": "Resolved", "resolution_summary": "<p>Replaced the cup</p>"})
		feedback.save()
		callback = self.callbacks_of(
			reference_doctype="Feedback Record",
			reference_name=feedback.name,
			callback_type="Resolution Verification",
		)[0]
		self.send(callback.name)
		return feedback, frappe.get_doc("Feedback Callback", callback.name)

	def test_confirmed_solution_closes_the_loop(self):
		self.enable(VERIFY_TRIGGER)
		feedback, callback = self.resolved_feedback()
		self.assertTrue(submit_survey(token_for(callback), json.dumps({"q1": "yes", "q2": "5"}))["ok"])
		self.assertEqual(frappe.db.get_value("Feedback Record", feedback.name, "status"), "Closed")

	def test_not_solved_reopens_with_a_higher_priority(self):
		self.enable(VERIFY_TRIGGER)
		feedback, callback = self.resolved_feedback()
		before = feedback.priority
		self.assertTrue(submit_survey(token_for(callback), json.dumps({"q1": "no", "q2": "2"}))["ok"])
		feedback.reload()
		self.assertEqual(feedback.status, "In Progress")
		self.assertNotEqual(feedback.priority, before)

	def test_a_customers_own_answers_are_not_copied_into_the_history(self):
		self.enable(VERIFY_TRIGGER)
		_feedback, callback = self.resolved_feedback()
		versions = frappe.db.count("Version", {"ref_doctype": "Feedback Callback", "docname": callback.name})
		frappe.set_user("Guest")
		try:
			answered = submit_survey(token_for(callback), json.dumps({"q1": "yes", "q2": "5"}))
		finally:
			frappe.set_user("Administrator")
		self.assertTrue(answered["ok"])
		self.assertEqual(frappe.db.get_value("Feedback Callback", callback.name, "status"), "Responded")
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": "Feedback Callback", "docname": callback.name}),
			versions,
		)
