"""Every channel in, end to end on a real site: the REST API (with idempotency, errors and fuzzed
payloads, over HTTP), inbound e-mail through Frappe's own mail intake, the customer portal and
the public form (over HTTP, logged in and not), the signed messaging webhook, and Data Import."""

import json
import time

import frappe
from frappe.utils import set_request
from frappe.utils.password import update_password
from frappe.website.serve import get_response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback_loop.core.intake.payload import FieldProblem, Problem
from feedback_loop.core.intake.webhook_signature import signature
from feedback_loop.services.intake.errors import problem_message
from feedback_loop.services.intake.messaging import ReplayedMessage, WebhookRefused, receive
from feedback_loop.services.triage import analysis as triage
from feedback_loop.services.triage.arrival import triage_waiting_records
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import (
	deliver_mail,
	make_api_user,
	make_contact,
	make_customer,
	make_feedback_inbox,
	make_item,
	make_sales_order,
)
from feedback_loop.tests.http_client import Client, clear_rate_limits

API = "/api/method/feedback_loop.api.intake.submit_feedback"
PORTAL = "/api/method/feedback_loop.api.portal.submit_feedback"
WEBHOOK = "/api/method/feedback_loop.api.messaging.receive_message"


def feedback_count(**filters) -> int:
	return frappe.db.count("Feedback Record", filters)


def delete_feedback(filters: dict) -> None:
	"""Committed records and what they left behind: deleting the last record of a naming series
	hands its number out again, and a queued acknowledgement of the old record must not be
	mistaken for the new one's by a later test."""
	names = frappe.get_all("Feedback Record", filters=filters, pluck="name")
	if not names:
		return
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Feedback Record", "reference_name": ("in", names)},
		pluck="name",
	)
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
		frappe.db.delete("Email Queue", {"name": ("in", queued)})
	for doctype, field in (
		("Communication", "reference_name"),
		("Comment", "reference_name"),
		("Version", "docname"),
	):
		frappe.db.delete(doctype, {field: ("in", names)})
	for name in names:
		frappe.delete_doc("Feedback Record", name, force=True, ignore_permissions=True)


#: A real image: Frappe 16 checks that an uploaded file is what its name says.
ONE_PIXEL_PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
	"0000000c49444154789c63382127070002b6010534a675aa0000000049454e44ae426082"
)


class CommittedTestCase(IntegrationTestCase):
	"""Requests run in their own transaction: their fixtures are committed and removed afterwards."""

	marker = ""

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		delete_feedback({"external_id": ("like", f"{cls.marker}%")})
		delete_feedback({"subject": ("like", f"%{cls.marker}%")})
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		clear_rate_limits()


class TestRestApi(CommittedTestCase):
	marker = "api-test-"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("API Customer")
		cls.email = f"{frappe.generate_hash(length=8)}@api-customer.example"
		make_contact(cls.customer, email=cls.email)
		cls.user, authorization = make_api_user("integration", ["Feedback Agent"])
		cls.outsider, cls.outsider_token = make_api_user("outsider", ["Stock User"])
		frappe.db.commit()
		cls.client = Client({"Authorization": authorization})

	def payload(self, **overrides):
		return {
			"external_id": f"{self.marker}{frappe.generate_hash(length=10)}",
			"feedback_type": "Complaint",
			"description": "包裹破损，等了三天才到，要求退款",
			"contact_email": self.email,
			**overrides,
		}

	def test_create_then_repeat_returns_the_same_record(self):
		payload = self.payload()
		first = self.client.post(API, json=payload)
		self.assertEqual(first.status_code, 201, first.text)
		receipt = first.json["message"]
		self.assertTrue(receipt["created"])
		# Stored at once; its triage follows from a job (no worker runs in the tests).
		self.assertEqual(
			(receipt["triaged"], receipt["priority"], receipt["first_response_due"]), (False, None, None)
		)
		self.assertEqual(receipt["customer"], self.customer)  # found through the contact's address
		triage_waiting_records()
		again = self.client.post(API, json=payload)
		self.assertEqual(again.status_code, 200, again.text)
		repeated = again.json["message"]
		self.assertEqual(repeated["name"], receipt["name"])
		self.assertFalse(repeated["created"])
		self.assertEqual(feedback_count(external_id=payload["external_id"]), 1)

		doc = frappe.get_doc("Feedback Record", receipt["name"])
		self.assertEqual(doc.channel, "API")
		self.assertEqual(doc.analysis_status, "Analysed")
		self.assertEqual(doc.sentiment, "Negative")
		self.assertTrue(doc.first_response_due)
		self.assertTrue(repeated["triaged"])
		self.assertEqual(repeated["first_response_due"], str(doc.first_response_due))
		self.assertEqual(repeated["priority"], doc.priority)

	def test_waiting_for_the_triage_answers_with_it(self):
		response = self.client.post(API, json=self.payload(wait_for_triage=True))
		self.assertEqual(response.status_code, 201, response.text)
		receipt = response.json["message"]
		doc = frappe.get_doc("Feedback Record", receipt["name"])
		self.assertEqual((doc.triage_due, doc.analysis_status), (0, "Analysed"))
		self.assertTrue(receipt["triaged"])
		self.assertEqual(
			(receipt["priority"], receipt["first_response_due"]), (doc.priority, str(doc.first_response_due))
		)

	def test_a_cancelled_order_is_refused(self):
		order = make_sales_order(self.customer, [make_item()])
		frappe.get_doc("Sales Order", order).cancel()
		response = self.client.post(API, json=self.payload(sales_order=order))
		self.assertEqual(response.status_code, 422, response.text)
		self.assertEqual(
			{(e["field"], e["problem"]) for e in response.json["errors"]}, {("sales_order", "not_found")}
		)

	def test_the_same_id_on_another_channel_is_another_message(self):
		payload = self.payload()
		self.assertEqual(self.client.post(API, json=payload).status_code, 201)
		self.assertEqual(self.client.post(API, json={**payload, "channel": "SMS"}).status_code, 201)
		self.assertEqual(feedback_count(external_id=payload["external_id"]), 2)

	def test_simultaneous_repeats_create_one_record(self):
		payload = self.payload()
		responses = self.client.concurrently(6, "post", API, json=payload)
		self.assertEqual(sorted(r.status_code for r in responses), [200] * 5 + [201])
		self.assertEqual(len({r.json["message"]["name"] for r in responses}), 1)
		self.assertEqual(feedback_count(external_id=payload["external_id"]), 1)

	def test_field_errors_are_named_with_status_422_and_store_nothing(self):
		response = self.client.post(
			API,
			json={
				"external_id": f"{self.marker}bad",
				"description": 42,
				"urgency": "Whenever",
				"priority": "Urgent",
				"contact_email": "nobody",
			},
		)
		self.assertEqual(response.status_code, 422, response.text)
		problems = {(e["field"], e["problem"]) for e in response.json["errors"]}
		self.assertEqual(
			problems,
			{
				("feedback_type", "required"),
				("description", "not_text"),
				("urgency", "not_allowed"),
				("priority", "unknown_field"),
				("contact_email", "bad_email"),
			},
		)
		self.assertIn("Urgency", json.loads(json.loads(response.json["_server_messages"])[0])["message"])
		self.assertEqual(feedback_count(external_id=f"{self.marker}bad"), 0)

	def test_unknown_linked_records_are_refused(self):
		response = self.client.post(API, json=self.payload(customer="No Such Customer", category="Nope"))
		self.assertEqual(response.status_code, 422)
		self.assertEqual(
			{(e["field"], e["problem"]) for e in response.json["errors"]},
			{("customer", "not_found"), ("category", "not_found")},
		)

	def test_who_may_call(self):
		anonymous = Client().post(API, json=self.payload())
		self.assertEqual(anonymous.status_code, 403)
		outsider = Client({"Authorization": self.outsider_token}).post(API, json=self.payload())
		self.assertEqual(outsider.status_code, 403)
		self.assertEqual(feedback_count(owner=self.outsider), 0)

	def test_broken_json_stores_nothing_and_says_why(self):
		before = feedback_count(owner=self.user)
		response = self.client.post(API, data='{"external_id": "x", ', content_type="application/json")
		self.assertGreaterEqual(response.status_code, 400)
		# Frappe 15 names the parser's error; Frappe 16 parses the body itself and says so.
		self.assertRegex(response.text, "JSONDecodeError|Invalid request body")
		self.assertEqual(feedback_count(owner=self.user), before)

	def test_the_rate_limit_answers_429(self):
		settings = frappe.get_single("Feedback Settings")
		previous = settings.api_requests_per_minute
		settings.api_requests_per_minute = 2
		settings.save()
		frappe.db.commit()
		try:
			statuses = [self.client.post(API, json=self.payload()).status_code for _ in range(3)]
		finally:
			settings.api_requests_per_minute = previous
			settings.save()
			frappe.db.commit()
		self.assertEqual(statuses, [201, 201, 429])

	@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
	@given(
		st.dictionaries(
			st.sampled_from(
				["external_id", "feedback_type", "description", "urgency", "occurred_on", "x", ""]
			),
			st.none()
			| st.booleans()
			| st.integers()
			| st.text(max_size=30)
			# Over the 20,000-character limit; built from a short text, since newer hypothesis
			# refuses a min_size this large.
			| st.text(max_size=2).map(lambda tail: "x" * 20_000 + tail + "y")
			| st.lists(st.integers(), max_size=2)
			| st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
			max_size=6,
		)
	)
	def test_fuzzed_payloads_never_fail_the_server_or_store_half(self, payload):
		clear_rate_limits()
		before = feedback_count(owner=self.user)
		response = self.client.post(API, json=payload)
		self.assertIn(response.status_code, (200, 201, 422), response.text[:500])
		created = 1 if response.status_code == 201 else 0
		self.assertEqual(feedback_count(owner=self.user), before + created)
		if created:
			frappe.delete_doc("Feedback Record", response.json["message"]["name"], force=True)
			frappe.db.commit()


class TestInboundEmail(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.account = make_feedback_inbox("Feedback Inbox")
		cls.customer = make_customer("Mail Customer")
		cls.address = f"{frappe.generate_hash(length=8)}@mail-customer.example"
		make_contact(cls.customer, email=cls.address)

	def receive(self, sender, subject, body, message_id, in_reply_to=None):
		return deliver_mail(self.account, sender, subject, body, message_id, in_reply_to)

	def acknowledgements_to(self, address):
		return frappe.get_all("Email Queue Recipient", filters={"recipient": address}, pluck="parent")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_mail_creates_triaged_feedback_and_its_reply_threads_onto_it(self):
		first_id = f"{frappe.generate_hash(length=10)}@mail.example"
		communication = self.receive(
			self.address, "杯子破损", "收到的杯子破损了，包装很差，要求退款。", first_id
		)
		self.assertEqual(communication.reference_doctype, "Feedback Record")
		doc = frappe.get_doc("Feedback Record", communication.reference_name)
		self.assertEqual(doc.channel, "Email")
		self.assertEqual(doc.customer, self.customer)
		self.assertIn("包装很差", doc.description)
		self.assertEqual(doc.analysis_status, "Analysed")
		self.assertEqual(doc.sentiment, "Negative")
		self.assertTrue(doc.first_response_due)
		self.assertTrue(doc.acknowledged_on)
		self.assertTrue(self.acknowledgements_to(self.address))

		doc.db_set("status", "Waiting on Customer")
		reply = self.receive(
			self.address,
			"Re: 杯子破损",
			"补充：订单号 SO-123。",
			f"{frappe.generate_hash(length=10)}@mail.example",
			first_id,
		)
		self.assertEqual((reply.reference_doctype, reply.reference_name), ("Feedback Record", doc.name))
		self.assertEqual(feedback_count(sender=self.address), 1)
		self.assertEqual(frappe.db.get_value("Feedback Record", doc.name, "status"), "In Progress")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_stranger_is_kept_and_robots_are_not_answered(self):
		stranger = f"{frappe.generate_hash(length=8)}@stranger.example"
		communication = self.receive(
			stranger, "Question", "Do you ship to Hangzhou?", f"{frappe.generate_hash()}@x"
		)
		doc = frappe.get_doc("Feedback Record", communication.reference_name)
		self.assertFalse(doc.customer)
		self.assertEqual(doc.contact_email, stranger)
		self.assertTrue(self.acknowledgements_to(stranger))

		robot = f"noreply-{frappe.generate_hash(length=6)}@shop.example"
		communication = self.receive(
			robot, "Your order shipped", "Tracking 123", f"{frappe.generate_hash()}@x"
		)
		self.assertFalse(
			frappe.db.get_value("Feedback Record", communication.reference_name, "acknowledged_on")
		)
		self.assertFalse(self.acknowledgements_to(robot))

		out_of_office = f"{frappe.generate_hash(length=8)}@person.example"
		communication = self.receive(
			out_of_office, "自动回复：我正在休假", "我将于下周回来。", f"{frappe.generate_hash()}@x"
		)
		self.assertFalse(self.acknowledgements_to(out_of_office))


class TestPortal(CommittedTestCase):
	marker = "portal-test-"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Portal Customer")
		cls.other_customer = make_customer("Other Customer")
		# One portal user, reused by later runs (Frappe throttles new users), linked afresh to
		# this run's customer only.
		cls.user = "portal-customer@example.com"
		if not frappe.db.exists("User", cls.user):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": cls.user,
					"first_name": "Portal",
					"user_type": "Website User",
					"send_welcome_email": 0,
					"roles": [{"role": "Customer"}],
				}
			).insert(ignore_permissions=True)
		for contact in frappe.get_all("Contact", filters={"user": cls.user}, pluck="name"):
			frappe.db.set_value("Contact", contact, "user", None)
		update_password(cls.user, "Portal-pass-2026!")
		contact = frappe.get_doc("Contact", make_contact(cls.customer, email=cls.user))
		contact.user = cls.user
		contact.save(ignore_permissions=True)
		cls.own = cls.make_record(cls.customer, f"{cls.marker}own record")
		cls.foreign = cls.make_record(cls.other_customer, f"{cls.marker}someone else's record")
		frappe.db.commit()

	@staticmethod
	def make_record(customer, subject):
		doc = frappe.get_doc(
			{
				"doctype": "Feedback Record",
				"customer": customer,
				"feedback_type": "Complaint",
				"channel": "Desk",
				"subject": subject,
				"description": "破损",
			}
		).insert(ignore_permissions=True)
		return doc.name

	def page(self, path, user):
		frappe.set_user(user)
		try:
			set_request(method="GET", path=path)
			return get_response(path)
		finally:
			frappe.set_user("Administrator")

	def test_the_list_follows_the_dates_it_shows(self):
		from feedback_loop.services.intake.portal import my_feedback

		# Typed in after the others, from a call of last month: listed after them.
		phoned = self.make_record(self.customer, f"{self.marker}phoned last month")
		self.addCleanup(frappe.delete_doc, "Feedback Record", phoned, force=True, ignore_permissions=True)
		frappe.db.set_value("Feedback Record", phoned, "received_on", frappe.utils.add_days(None, -30))
		listed = [row.name for row in my_feedback(self.user)]
		self.assertLess(listed.index(self.own), listed.index(phoned))

	def test_the_guessed_address_opens_the_form(self):
		response = self.page("/feedback", self.user)
		self.assertEqual((response.status_code, response.headers["Location"]), (301, "/feedback/new"))

	def test_a_customer_sees_only_their_own_feedback(self):
		listing = self.page("/my-feedback", self.user)
		self.assertEqual(listing.status_code, 200)
		html = listing.get_data(as_text=True)
		self.assertIn(self.own, html)
		self.assertNotIn(self.foreign, html)
		self.assertEqual(self.page(f"/my-feedback/{self.own}", self.user).status_code, 200)
		foreign = self.page(f"/my-feedback/{self.foreign}", self.user)
		self.assertEqual(foreign.status_code, 404)
		# The page an unknown address gets, not an error page with a trace to show.
		missing = self.page("/my-feedback/FB-NO-SUCH-RECORD", self.user)
		self.assertEqual(missing.status_code, 404)
		for response in (foreign, missing):
			html = response.get_data(as_text=True)
			self.assertNotIn("Traceback", html)
			self.assertNotIn("Uncaught Server Exception", html)
		self.assertEqual(self.page("/my-feedback", "Guest").status_code, 302)

	def test_a_merged_record_points_to_the_one_followed_up(self):
		from feedback_loop.services.triage.duplicates import merge_feedback

		duplicate = self.make_record(self.customer, f"{self.marker}said twice")
		merge_feedback(duplicate, self.own)
		frappe.db.commit()
		html = self.page(f"/my-feedback/{duplicate}", self.user).get_data(as_text=True)
		self.assertIn(f'href="/my-feedback/{self.own}"', html)
		# Nothing is owed on the merged record; the original keeps its promise until answered.
		self.assertNotIn("We will reply by", html)
		self.assertIn(
			"We will reply by", self.page(f"/my-feedback/{self.own}", self.user).get_data(as_text=True)
		)
		frappe.db.set_value("Feedback Record", self.own, "first_responded_on", frappe.utils.now_datetime())
		frappe.db.commit()
		answered = self.page(f"/my-feedback/{self.own}", self.user).get_data(as_text=True)
		self.assertNotIn("We will reply by", answered)

	def portal_form(self):
		"""The form as the logged-in customer opens it: the page, and a post of data as the form sends it."""
		client = Client()
		client.login(self.user, "Portal-pass-2026!")
		form = client.get("/feedback/new")
		csrf = form.get_data(as_text=True).split('"X-Frappe-CSRF-Token": "')[1].split('"')[0]

		def post(data):
			return client.post(
				PORTAL, data=data, headers={"X-Frappe-CSRF-Token": csrf, "Accept": "application/json"}
			)

		return form, post

	def test_submit_through_the_form_with_an_attachment(self):
		form, post = self.portal_form()
		self.assertEqual(form.status_code, 200)
		from io import BytesIO

		response = post(
			{
				"feedback_type": "Complaint",
				"subject": f"{self.marker}crushed box",
				"description": "盒子被压坏了，杯子碎了。<script>alert(1)</script>",
				"expected_solution": "换货",
				"consent": "1",
				"attachments": (BytesIO(ONE_PIXEL_PNG), "photo.png"),
			}
		)
		self.assertEqual(response.status_code, 200, response.text)
		name = response.json["message"]["name"]
		self.assertTrue(response.json["message"]["reply_by"])
		doc = frappe.get_doc("Feedback Record", name)
		self.assertEqual((doc.channel, doc.customer), ("Portal", self.customer))
		self.assertNotIn("<script>", doc.description)
		self.assertEqual(
			frappe.get_all("File", filters={"attached_to_name": name}, pluck="file_name"), ["photo.png"]
		)

		# A field the portal does not offer, such as another customer, is refused.
		refused = post(
			{
				"feedback_type": "Complaint",
				"description": "x",
				"customer": self.other_customer,
				"consent": "1",
			}
		)
		self.assertEqual(refused.status_code, 422)

	def test_a_topic_its_ticked_aspects_and_the_order_picked_from_the_customers_own(self):
		item = make_item()
		order = frappe.get_doc("Sales Order", make_sales_order(self.customer, [item]))
		frappe.db.commit()
		try:
			form, post_form = self.portal_form()
			page = form.get_data(as_text=True)
			# The seeded topics with their aspects, and the customer's own order and its product.
			for text in ("After-sales", "Repair speed", order.name, f'value="{item}"'):
				self.assertIn(text, page)

			def post(**values):
				data = {
					"feedback_type": "Complaint",
					"subject": f"{self.marker}topic",
					"description": "修了三次还没修好",
					"consent": "1",
					**values,
				}
				return post_form(data)

			missing_order = post(topic="After-sales", aspects="Repair speed")
			self.assertEqual(missing_order.status_code, 422)
			self.assertEqual([e["field"] for e in missing_order.json["errors"]], ["sales_order"])
			foreign_aspect = post(topic="Service", aspects="Fees")
			self.assertEqual([e["field"] for e in foreign_aspect.json["errors"]], ["aspects"])
			self.assertEqual(feedback_count(subject=f"{self.marker}topic"), 0)

			stored = post(topic="After-sales", aspects="Repair speed\nFees", sales_order=order.name)
			self.assertEqual(stored.status_code, 200, stored.text)
			doc = frappe.get_doc("Feedback Record", stored.json["message"]["name"])
			self.assertEqual(
				(doc.topic, doc.aspects, doc.sales_order, doc.facts_complete),
				("After-sales", "Repair speed\nFees", order.name, 1),
			)
		finally:
			delete_feedback({"subject": f"{self.marker}topic"})
			order.reload()
			order.cancel()
			frappe.delete_doc("Sales Order", order.name, force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_a_customer_without_orders_sends_a_product_topic_without_a_product(self):
		# Nothing to pick from (no pickers on the form): the feedback is taken, lacking that fact.
		self.assertEqual(frappe.db.count("Sales Order", {"customer": self.customer, "docstatus": 1}), 0)
		form, post = self.portal_form()
		self.assertNotIn('id="fb-item"', form.get_data(as_text=True))
		try:
			stored = post(
				{
					"feedback_type": "Complaint",
					"subject": f"{self.marker}no orders",
					"description": "杯盖漏水",
					"consent": "1",
					"topic": "Product",
					"aspects": "Quality",
				}
			)
			self.assertEqual(stored.status_code, 200, stored.text)
			doc = frappe.get_doc("Feedback Record", stored.json["message"]["name"])
			self.assertEqual((doc.topic, doc.item, doc.facts_complete), ("Product", None, 0))
		finally:
			delete_feedback({"subject": f"{self.marker}no orders"})
			frappe.db.commit()

	def test_anonymous_web_feedback_only_when_allowed_and_never_from_robots(self):
		guest = Client()
		data = {
			"feedback_type": "Suggestion",
			"description": f"{self.marker}请增加夜间配送",
			"subject": f"{self.marker}夜间配送",
			"sender_name": "王伟",
			"sender": "wang.wei@example.com",
			"consent": "1",
		}
		self.assertEqual(guest.post(PORTAL, data=data).status_code, 403)
		frappe.db.set_single_value("Feedback Settings", "allow_anonymous_web_feedback", 1)
		frappe.db.commit()
		try:
			robot = guest.post(PORTAL, data={**data, "website": "http://spam.example"})
			person = guest.post(PORTAL, data=data)
			# Opened from a printed questionnaire's QR code (/feedback/new?channel=paper).
			paper = guest.post(PORTAL, data={**data, "subject": f"{self.marker}二维码", "source": "paper"})
		finally:
			frappe.db.set_single_value("Feedback Settings", "allow_anonymous_web_feedback", 0)
			frappe.db.commit()
		self.assertEqual(robot.status_code, 422)
		self.assertEqual(person.status_code, 200, person.text)
		doc = frappe.get_doc("Feedback Record", person.json["message"]["name"])
		self.assertEqual((doc.channel, doc.anonymous, doc.sender), ("Web", 1, "wang.wei@example.com"))
		self.assertEqual(feedback_count(subject=f"{self.marker}夜间配送"), 1)
		self.assertEqual(paper.status_code, 200, paper.text)
		self.assertEqual(
			frappe.db.get_value("Feedback Record", paper.json["message"]["name"], "channel"), "Paper Form"
		)


class TestMessagingWebhook(CommittedTestCase):
	marker = "webhook-test-"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.source = f"wechat-{frappe.generate_hash(length=6)}"
		cls.secret = frappe.generate_hash(length=24)
		frappe.get_doc(
			{
				"doctype": "Feedback Messaging Source",
				"source_name": cls.source,
				"channel": "WeChat",
				"secret": cls.secret,
			}
		).insert(ignore_permissions=True)
		cls.customer = make_customer("WeChat Customer")
		cls.contact = make_contact(cls.customer)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for doctype in ("Feedback Inbound Message", "Feedback Sender Identity"):
			frappe.db.delete(doctype, {"source": cls.source})
		delete_feedback({"messaging_source": cls.source})
		frappe.delete_doc("Feedback Messaging Source", cls.source, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def signed(self, message: dict, nonce=None, timestamp=None, secret=None):
		body = json.dumps(message).encode()
		timestamp = timestamp or str(int(time.time()))
		nonce = nonce or frappe.generate_hash(length=16)
		return body, {
			"X-Feedback-Timestamp": timestamp,
			"X-Feedback-Nonce": nonce,
			"X-Feedback-Signature": signature(secret or self.secret, timestamp, nonce, body),
			"Content-Type": "application/json",
		}

	def message(self, sender="openid-1", **extra):
		return {
			"message_id": f"{self.marker}{frappe.generate_hash(length=8)}",
			"sender": sender,
			"text": "快递太慢了，等了五天",
			**extra,
		}

	def test_a_signed_message_creates_feedback_and_answers_with_its_number(self):
		body, headers = self.signed(self.message(sender="openid-http"))
		response = Client().post(f"{WEBHOOK}?source={self.source}", data=body, headers=headers)
		self.assertEqual(response.status_code, 200, response.text)
		answer = response.json["message"]
		self.assertIn(answer["feedback"], answer["reply"])
		doc = frappe.get_doc("Feedback Record", answer["feedback"])
		self.assertEqual(
			(doc.channel, doc.external_sender, doc.analysis_status), ("WeChat", "openid-http", "Analysed")
		)

		replay = Client().post(f"{WEBHOOK}?source={self.source}", data=body, headers=headers)
		self.assertEqual(replay.status_code, 409)

		forged = dict(headers, **{"X-Feedback-Signature": "0" * 64})
		forged["X-Feedback-Nonce"] = "another-nonce"
		self.assertEqual(
			Client().post(f"{WEBHOOK}?source={self.source}", data=body, headers=forged).status_code, 401
		)
		self.assertEqual(feedback_count(messaging_source=self.source, external_sender="openid-http"), 1)

	def test_refusals_in_process(self):
		message = self.message()
		body, headers = self.signed(message, timestamp=str(int(time.time()) - 3600))
		with self.assertRaises(WebhookRefused):
			self.receive(body, headers, message)
		body, headers = self.signed(message, secret="wrong")
		with self.assertRaises(WebhookRefused):
			self.receive(body, headers, message)
		body, headers = self.signed(message)
		with self.assertRaises(WebhookRefused):
			self.receive(body, headers, message, source="no-such-source")
		self.receive(body, headers, message)
		with self.assertRaises(ReplayedMessage):
			self.receive(body, headers, message)

	def receive(self, body, headers, payload, source=None):
		return receive(
			source or self.source,
			body=body,
			timestamp=headers["X-Feedback-Timestamp"],
			nonce=headers["X-Feedback-Nonce"],
			given_signature=headers["X-Feedback-Signature"],
			payload=payload,
		)

	def test_a_sender_linked_once_is_known_next_time(self):
		message = self.message(sender="openid-linked")
		body, headers = self.signed(message)
		first = frappe.get_doc("Feedback Record", self.receive(body, headers, message)["feedback"])
		self.assertFalse(first.customer)
		first.contact = self.contact
		first.customer = self.customer
		first.save()
		message = self.message(sender="openid-linked")
		body, headers = self.signed(message)
		second = frappe.get_doc("Feedback Record", self.receive(body, headers, message)["feedback"])
		self.assertEqual((second.contact, second.customer), (self.contact, self.customer))


class TestDataImport(CommittedTestCase):
	marker = "import-test-"

	def test_an_imported_file_is_stored_then_triaged_in_the_background(self):
		customer = make_customer("Import Customer")
		rows = [
			"Customer,Feedback Type,Channel,Subject,Description,Impact,Urgency,Received On",
			f'{customer},Complaint,Phone,{self.marker}破损,"收到的杯子破损了，要求退款",One Customer,Medium,2026-03-01 09:30:00',
			f'{customer},Praise,Paper Form,{self.marker}很好,"送货很快，服务态度很好",One Customer,Low,',
		]
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.marker}feedback.csv",
				"content": "\n".join(rows).encode(),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Feedback Record",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert(ignore_permissions=True)
		data_import.start_import()
		self.assertEqual(frappe.db.get_value("Data Import", data_import.name, "status"), "Success")

		imported = frappe.get_all(
			"Feedback Record",
			filters={"subject": ("like", f"{self.marker}%")},
			fields=["name", "channel", "analysis_status", "acknowledged_on", "received_on", "creation"],
		)
		self.assertEqual(len(imported), 2)
		# History keeps its date; a row without one was received when it was entered.
		received = {r.channel: r.received_on for r in imported}
		self.assertEqual(str(received["Phone"]), "2026-03-01 09:30:00")
		paper = next(r for r in imported if r.channel == "Paper Form")
		self.assertLess(abs((paper.received_on - paper.creation).total_seconds()), 60)
		self.assertEqual({r.analysis_status for r in imported}, {"Pending Re-analysis"})
		self.assertEqual({r.channel for r in imported}, {"Phone", "Paper Form"})
		self.assertFalse(any(r.acknowledged_on for r in imported))

		triage.analyse_pending_records()
		sentiments = {
			r.subject: r.sentiment
			for r in frappe.get_all(
				"Feedback Record",
				filters={"subject": ("like", f"{self.marker}%")},
				fields=["subject", "sentiment", "analysis_status"],
			)
		}
		self.assertEqual(sentiments, {f"{self.marker}破损": "Negative", f"{self.marker}很好": "Positive"})


class TestRefusalWording(IntegrationTestCase):
	def test_a_request_field_is_named_by_its_label_in_the_callers_language(self):
		missing = Problem("consent", FieldProblem.REQUIRED)
		self.assertEqual(problem_message(missing), "Consent: is required")
		previous = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			self.assertTrue(problem_message(missing).startswith("同意隐私声明:"))
		finally:
			frappe.local.lang = previous
