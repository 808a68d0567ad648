"""Received on: history keeps its date. Numbered on entry, timed and counted from when the customer
gave it — from the API, the mail's date, or the agent typing in a letter or a call."""

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, get_datetime, getdate, now_datetime, nowdate

from feedback_loop.services.intake.create import create_feedback, received_moment
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import deliver_mail, make_customer, make_feedback, make_feedback_inbox


class TestReceivedOn(IntegrationTestCase):
	def test_a_month_old_letter_is_numbered_today_and_already_breached(self):
		customer = make_customer("Letter Customer")
		received = add_days(now_datetime(), -30).replace(microsecond=0)
		doc = make_feedback(customer, channel="Paper Form", received_on=received)
		self.assertTrue(doc.name.startswith("FB" + nowdate().replace("-", "")))
		self.assertEqual(get_datetime(doc.sla_started_on), received)
		self.assertLess(get_datetime(doc.resolution_due), now_datetime())
		self.assertEqual((doc.response_sla_status, doc.resolution_sla_status), ("Breached", "Breached"))
		notes = frappe.get_all(
			"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("had already passed" in note for note in notes), notes)

	def test_without_a_date_it_was_received_now(self):
		doc = make_feedback(make_customer("Now Customer"))
		self.assertLess(abs((get_datetime(doc.received_on) - now_datetime()).total_seconds()), 60)
		self.assertEqual(get_datetime(doc.sla_started_on), get_datetime(doc.received_on))

	def test_the_future_and_before_the_problem_are_refused_with_a_clear_message(self):
		customer = make_customer("Future Customer")
		with self.assertRaisesRegex(frappe.ValidationError, "is in the future"):
			make_feedback(customer, received_on=add_days(now_datetime(), 1))
		with self.assertRaisesRegex(frappe.ValidationError, "before the problem occurred"):
			make_feedback(customer, occurred_on=nowdate(), received_on=add_days(now_datetime(), -2))
		self.assertFalse(frappe.db.exists("Feedback Record", {"customer": customer}))

	def test_correcting_the_date_moves_the_clock(self):
		doc = make_feedback(make_customer("Correction Customer"), impact="One Customer", urgency="Low")
		due = get_datetime(doc.resolution_due)
		doc.received_on = add_days(get_datetime(doc.received_on), -7)
		doc.save()
		self.assertEqual(get_datetime(doc.sla_started_on), get_datetime(doc.received_on))
		self.assertLess(get_datetime(doc.resolution_due), due)

	def test_an_integration_sends_the_moment_with_its_offset(self):
		customer = make_customer("Call Centre Customer")
		sent = "2026-11-30T09:00:00+08:00"
		result = create_feedback(
			{
				"customer": customer,
				"feedback_type": "Complaint",
				"description": "Called about a late parcel.",
				"received_on": sent,
			},
			channel="Phone",
			external_id=frappe.generate_hash(length=10),
		)
		stored = frappe.db.get_value("Feedback Record", result.name, "received_on")
		self.assertEqual(get_datetime(stored), received_moment(sent))
		self.assertNotEqual(get_datetime(stored).hour, 9, "converted to the site's time zone")

	def test_a_mail_is_received_when_it_was_sent(self):
		account = make_feedback_inbox("Dated Inbox")
		communication = deliver_mail(
			account, "wang.fang@dated.example", "杯子破损", "收到的杯子破损了。", sender_name="Wang Fang"
		)
		doc = frappe.get_doc("Feedback Record", communication.reference_name)
		self.assertEqual(get_datetime(doc.received_on), received_moment("2026-11-24T10:00:00+08:00"))
		self.assertEqual(get_datetime(doc.sla_started_on), get_datetime(doc.received_on))

	def test_reports_count_by_when_it_was_received(self):
		customer = make_customer("History Customer")
		make_feedback(customer, channel="Import", received_on="2019-03-15 10:00:00")
		make_feedback(customer, channel="Desk")
		march = run(
			"Feedback Overview",
			filters={
				"from_date": "2019-03-01",
				"to_date": "2019-03-31",
				"group_by": "Month",
				"customer": customer,
			},
		)
		self.assertEqual(march["result"][0]["period"], "2019-03")
		self.assertEqual(self.total(march), 1)
		today = getdate()
		this_month = run(
			"Feedback Overview",
			filters={
				"from_date": today.replace(day=1),
				"to_date": today,
				"group_by": "Month",
				"customer": customer,
			},
		)
		self.assertEqual(self.total(this_month), 1)

	def total(self, result) -> int:
		return next(card["value"] for card in result["report_summary"] if card["label"] == "Feedback")
