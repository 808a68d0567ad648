"""Reaching the customer, on a real site: their language, their channel (SMS through Frappe's SMS
Settings, WeChat Official Account messages, e-mail), fallback, retries, consent, and one
conversation on the record and the Customer page. The SMS gateway and WeChat's API are played
by servers on 127.0.0.1 (loopback_providers.py) that speak the providers' HTTP contracts."""

import json
import time

import frappe
from frappe.desk.form.load import get_communication_data
from frappe.utils import add_to_date, get_datetime, now_datetime

from feedback_loop.api.survey import submit_survey
from feedback_loop.core.intake.webhook_signature import signature
from feedback_loop.core.messages.sms import units
from feedback_loop.services.callbacks import sender as callback_sender
from feedback_loop.services.callbacks.links import token_for
from feedback_loop.services.intake.messaging import receive
from feedback_loop.services.messages import outbound
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_outgoing_email_account,
)
from feedback_loop.tests.loopback_providers import SmsGateway, WeChatApi

COMPLAINT = "包裹破损，等了三天才到，客服电话一直打不通，要求退款"


class OutboundTestCase(IntegrationTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_outgoing_email_account()
		# SMS Settings is a single that other tests' customers would reach: always left off.
		self.addCleanup(self.sms_gateway_off)
		settings = frappe.get_single("Feedback Settings")
		if not settings.send_acknowledgement:
			settings.send_acknowledgement = 1
			settings.save()
			self.addCleanup(frappe.db.set_single_value, "Feedback Settings", "send_acknowledgement", 0)

	def sms_gateway_at(self, gateway: SmsGateway) -> None:
		settings = frappe.get_single("SMS Settings")
		settings.update(
			{
				"sms_gateway_url": f"{gateway.url}/sms/send",
				"message_parameter": "text",
				"receiver_parameter": "to",
				"use_post": 1,
			}
		)
		settings.set("parameters", [{"parameter": "apikey", "value": "test-key"}])
		settings.save()

	def sms_gateway_off(self) -> None:
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		frappe.clear_document_cache("SMS Settings", "SMS Settings")

	def customer(self, *, email=None, mobile=None, channel=None, language="en"):
		"""A customer created the ERPNext way: the site's default language on the Customer."""
		customer = make_customer("消息 客户", language=language)
		contact = make_contact(customer, email=email, mobile=mobile)
		if channel:
			frappe.db.set_value("Contact", contact, "feedback_channel", channel)
		return customer, contact

	def message_of(self, reference, kind="Acknowledgement"):
		name = frappe.db.get_value("Feedback Message", {"reference_name": reference, "message_kind": kind})
		self.assertTrue(name, f"no {kind} message for {reference}")
		return frappe.get_doc("Feedback Message", name)

	def conversation(self, reference):
		return frappe.get_all(
			"Communication",
			filters={"reference_name": reference},
			fields=["name", "communication_medium", "sent_or_received", "delivery_status", "content"],
			order_by="creation asc",
		)


class TestSmsAndEmail(OutboundTestCase):
	def test_a_chinese_customer_created_the_erpnext_way_hears_back_in_chinese_by_sms(self):
		with SmsGateway() as gateway:
			self.sms_gateway_at(gateway)
			customer, contact = self.customer(
				email="wang.wei@example.com", mobile="138 0013 8000", channel="SMS"
			)
			doc = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)

			self.assertEqual(doc.reply_language, "zh")
			message = self.message_of(doc.name)
			self.assertEqual((message.status, message.channel, message.language), ("Sent", "SMS", "zh"))
			(request,) = gateway.requests
			self.assertEqual(request["form"]["to"], "13800138000")
			self.assertEqual(request["form"]["apikey"], "test-key")
			text = request["form"]["text"]
			self.assertIn(doc.name, text)
			self.assertIn("已收到", text)
			self.assertTrue(text.endswith("回复TD退订"))
			self.assertLessEqual(units(text), 70)
		self.assertFalse(frappe.get_all("Email Queue", filters={"reference_name": doc.name}))
		self.assertTrue(frappe.db.exists("SMS Log", {"sent_to": "13800138000", "message": text}))
		# The message keeps what the customer got, opt-out included; the record is acknowledged.
		self.assertEqual(message.sms_text, text)
		self.assertTrue(frappe.db.get_value("Feedback Record", doc.name, "acknowledged_on"))

		(sms,) = self.conversation(doc.name)
		self.assertEqual(message.communication, sms.name)
		self.assertEqual(
			(sms.communication_medium, sms.sent_or_received, sms.delivery_status), ("SMS", "Sent", "Sent")
		)
		self.assertTrue(
			frappe.db.exists(
				"Communication Link", {"parent": sms.name, "link_doctype": "Customer", "link_name": customer}
			)
		)
		# Sent by the app, not by a person: the SLA's first response is still owed.
		self.assertFalse(frappe.db.get_value("Feedback Record", doc.name, "first_responded_on"))

	def test_a_gateway_that_answers_200_with_an_error_hands_the_message_to_e_mail(self):
		with SmsGateway((200, {"code": 4085, "msg": "签名不合法"})) as gateway:
			self.sms_gateway_at(gateway)
			customer, contact = self.customer(email="li.na@example.com", mobile="13900139000", channel="SMS")
			doc = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)

		message = self.message_of(doc.name)
		self.assertEqual((message.status, message.channel), ("Sent", "Email"))
		self.assertEqual(
			[(a.channel, a.result) for a in message.attempts], [("SMS", "Next Channel"), ("Email", "Sent")]
		)
		self.assertIn("签名不合法", message.attempts[0].detail)
		(queued,) = frappe.get_all("Email Queue", filters={"reference_name": doc.name}, fields=["name"])
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued.name}, pluck="recipient"
		)
		self.assertEqual(recipients, ["li.na@example.com"])
		# The e-mail is the conversation's message; the refused SMS is not.
		self.assertEqual([c.communication_medium for c in self.conversation(doc.name)], ["Email"])

	def test_a_gateway_that_is_down_is_retried_with_backoff_then_the_record_says_why(self):
		gateway = SmsGateway()
		with gateway:
			self.sms_gateway_at(gateway)
		# Stopped: the port refuses every connection.
		customer, contact = self.customer(mobile="13700137000", channel="SMS")
		doc = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)
		self.assertTrue(frappe.db.exists("Feedback Record", doc.name))

		message = self.message_of(doc.name)
		self.assertEqual(message.status, "Retrying")
		self.assertIn("could not connect to 127.0.0.1", message.failure)
		self.assertFalse(frappe.db.get_value("Feedback Record", doc.name, "acknowledged_on"))
		first = get_datetime(message.attempts[0].attempted_on)
		self.assertEqual(get_datetime(message.next_attempt_on), add_to_date(first, minutes=10))
		self.assertEqual(outbound.send_due(add_to_date(first, minutes=5)), 0)
		for minutes in (10, 70, 430):
			outbound.send_due(add_to_date(first, minutes=minutes))
		message.reload()
		self.assertEqual(message.status, "Failed")
		self.assertEqual([a.result for a in message.attempts], ["Retry"] * 3)
		self.assertIn("could not connect", message.failure)
		notes = frappe.get_all(
			"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("could not connect" in note for note in notes), notes)

	def test_a_contact_who_unsubscribed_gets_nothing_on_any_channel(self):
		with SmsGateway() as gateway:
			self.sms_gateway_at(gateway)
			customer, contact = self.customer(email="quiet@example.com", mobile="13600136000")
			frappe.db.set_value("Contact", contact, "unsubscribed", 1)
			doc = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)
			self.assertEqual(gateway.requests, [])
		self.assertEqual(self.message_of(doc.name).status, "Skipped")
		self.assertFalse(frappe.get_all("Email Queue", filters={"reference_name": doc.name}))

	def test_an_explicit_choice_on_the_contact_wins_over_the_words(self):
		customer, contact = self.customer(email="expat@example.com")
		frappe.db.set_value("Contact", contact, "feedback_language", "en")
		doc = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)
		self.assertEqual(doc.reply_language, "en")
		self.assertIn("We received your feedback", self.message_of(doc.name).subject)

	def test_the_customer_page_shows_every_message_of_the_customer_s_feedback(self):
		with SmsGateway() as gateway:
			self.sms_gateway_at(gateway)
			customer, contact = self.customer(email="both@example.com", mobile="13500135000", channel="SMS")
			first = make_feedback(customer, contact=contact, subject="包裹破损", description=COMPLAINT)
			frappe.db.set_value("Contact", contact, "feedback_channel", "Email")
			second = make_feedback(
				customer, contact=contact, subject="又晚到了", description="这次又晚到了两天"
			)
		shown = get_communication_data("Customer", customer, limit=100)
		self.assertEqual(
			{(c.reference_name, c.communication_medium) for c in shown},
			{(first.name, "SMS"), (second.name, "Email")},
		)


class TestWeChat(OutboundTestCase):
	def setUp(self):
		super().setUp()
		self.api = WeChatApi()
		self.api.__enter__()
		self.addCleanup(self.api.stop)
		self.source = f"wechat-{frappe.generate_hash(length=6)}"
		self.secret = frappe.generate_hash(length=24)
		frappe.get_doc(
			{
				"doctype": "Feedback Messaging Source",
				"source_name": self.source,
				"channel": "WeChat",
				"secret": self.secret,
				"app_id": WeChatApi.APP_ID,
				"app_secret": WeChatApi.APP_SECRET,
				"api_base_url": self.api.url,
			}
		).insert(ignore_permissions=True)
		self.customer_name, self.contact = self.customer(email="wechat.fan@example.com")

	def message_from(self, openid: str, text: str = COMPLAINT) -> dict:
		payload = {"message_id": f"wx-{frappe.generate_hash(length=10)}", "sender": openid, "text": text}
		body = json.dumps(payload, ensure_ascii=False).encode()
		timestamp, nonce = str(int(time.time())), frappe.generate_hash(length=16)
		return receive(
			self.source,
			body=body,
			timestamp=timestamp,
			nonce=nonce,
			given_signature=signature(self.secret, timestamp, nonce, body),
			payload=payload,
		)

	def linked(self, openid: str) -> None:
		frappe.get_doc(
			{
				"doctype": "Feedback Sender Identity",
				"source": self.source,
				"external_id": openid,
				"contact": self.contact,
			}
		).insert(ignore_permissions=True)

	def revisit(self) -> str:
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "Periodic Check-in",
				"customer": self.customer_name,
				"contact": self.contact,
				"contact_email": "wechat.fan@example.com",
				"survey_template": "Post-order CSAT",
				"channel": "E-mail",
				"status": "Scheduled",
				"due_on": add_to_date(now_datetime(), days=-1),
			}
		).insert(ignore_permissions=True)
		callback_sender.run()
		return callback.name

	def test_a_wechat_message_gets_its_acknowledgement_in_the_same_conversation(self):
		answer = self.message_from("o-wechat-1")
		record = frappe.get_doc("Feedback Record", answer["feedback"])
		self.assertIn(record.name, answer["reply"])
		self.assertIn("感谢您的反馈", answer["reply"])
		self.assertTrue(record.acknowledged_on)
		received, replied = self.conversation(record.name)
		self.assertEqual((received.communication_medium, received.sent_or_received), ("Chat", "Received"))
		self.assertIn("包裹破损", received.content)
		self.assertEqual((replied.sent_or_received, replied.delivery_status), ("Sent", "Sent"))
		# The gateway relays the acknowledgement: no second one through the API.
		self.assertEqual(self.api.requests, [])

	def test_revisits_reach_a_wechat_follower_with_one_token_refreshed_once_when_expired(self):
		self.message_from("o-wechat-2")
		self.linked("o-wechat-2")
		first = self.message_of(self.revisit(), "Survey")
		self.assertEqual((first.status, first.channel), ("Sent", "WeChat"))
		(sent,) = self.api.sent("custom/send")
		self.assertEqual(sent["touser"], "o-wechat-2")
		self.assertIn("/feedback/survey/", sent["text"]["content"])

		self.message_of(self.revisit(), "Survey")
		self.assertEqual(
			self.api.tokens_issued,
			1,
			f"the token is fetched once and reused: {[r['path'] for r in self.api.requests]}",
		)

		self.api.expire_tokens()
		third = self.message_of(self.revisit(), "Survey")
		self.assertEqual((third.status, third.channel), ("Sent", "WeChat"))
		self.assertEqual(self.api.tokens_issued, 2, "an expired token is fetched again once")
		self.assertEqual(len(self.api.sent("custom/send")), 4)

	def test_an_unknown_wechat_user_hands_the_message_to_the_next_channel(self):
		self.message_from("o-wechat-3")
		self.linked("o-wechat-3")
		self.api.errors = [40003]
		message = self.message_of(self.revisit(), "Survey")
		self.assertEqual((message.status, message.channel), ("Sent", "Email"))
		self.assertIn("40003", message.attempts[0].detail)
		self.assertEqual(
			frappe.db.get_value("Feedback Callback", message.reference_name, "channel"), "WeChat"
		)

	def test_after_48_hours_the_template_message_is_used_or_the_next_channel(self):
		self.message_from("o-wechat-4")
		self.linked("o-wechat-4")
		frappe.db.set_value(
			"Feedback Inbound Message",
			{"source": self.source, "external_sender": "o-wechat-4"},
			"creation",
			add_to_date(now_datetime(), hours=-49),
		)
		self.assertEqual(self.message_of(self.revisit(), "Survey").channel, "Email")
		frappe.db.set_value("Feedback Messaging Source", self.source, "template_id", "TPL-progress")
		self.assertEqual(self.message_of(self.revisit(), "Survey").channel, "WeChat")
		(template,) = self.api.sent("template/send")
		self.assertEqual(template["template_id"], "TPL-progress")
		self.assertIn("/feedback/survey/", template["url"])

	def test_wrong_credentials_are_a_clear_outcome_not_a_lost_message(self):
		self.message_from("o-wechat-5")
		self.linked("o-wechat-5")
		source = frappe.get_doc("Feedback Messaging Source", self.source)
		source.app_secret = "not-the-secret"
		source.save()
		message = self.message_of(self.revisit(), "Survey")
		self.assertEqual(message.channel, "Email")
		self.assertIn("40125", message.attempts[0].detail)


class TestSurveyBornFeedback(OutboundTestCase):
	def test_a_low_score_becomes_feedback_in_the_customer_s_own_words(self):
		customer, contact = self.customer(email="survey.words@example.com", language="zh")
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "After Order",
				"customer": customer,
				"contact": contact,
				"contact_email": "survey.words@example.com",
				"survey_template": "Post-order CSAT",
				"channel": "E-mail",
				"status": "Sent",
				"sent_on": now_datetime(),
				"due_on": now_datetime(),
			}
		).insert(ignore_permissions=True)
		questions = frappe.get_doc("Feedback Survey Template", "Post-order CSAT").questions
		answers = {}
		for row in questions:
			key = f"q{row.idx}"
			if row.question_type == "CSAT (1-5)":
				answers[key] = "1"
			elif row.question_type == "Free Text":
				answers[key] = "非常失望"
			elif row.required:
				answers[key] = (row.options_en or "").splitlines()[0]
		self.assertEqual(submit_survey(token_for(callback), json.dumps(answers)), {"ok": True})

		feedback = frappe.get_doc(
			"Feedback Record", frappe.db.get_value("Feedback Callback", callback.name, "created_feedback")
		)
		self.assertEqual(frappe.utils.strip_html(feedback.description).strip(), "非常失望")
		self.assertEqual((feedback.survey_callback, feedback.survey_scores), (callback.name, "CSAT 1/5"))
		self.assertEqual((feedback.sentiment, feedback.text_language), ("Negative", "zh"))
		self.assertNotIn("satisfied", feedback.sentiment_cues or "")
