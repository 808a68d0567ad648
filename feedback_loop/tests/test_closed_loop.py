"""Closing every loop, on a real site: the customer told when their feedback is resolved (one tap
closes or reopens it), verification revisits that the throttle never swallows, a second one for
urgent feedback, phone revisits recorded by the agent, and a revisit plan that waits rather than
sends into the void."""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime, set_request
from frappe.website.serve import get_response_content

from feedback_loop.api.feedback import preview_resolution_notice
from feedback_loop.api.survey import confirm_solved
from feedback_loop.services.callbacks import phone
from feedback_loop.services.callbacks import sender as callback_sender
from feedback_loop.services.callbacks.links import token_for
from feedback_loop.services.callbacks.triggers import (
	customers_due_for_checkin,
	schedule_callback,
)
from feedback_loop.tests.factories import make_feedback, make_item, make_sales_order, make_user
from feedback_loop.tests.test_callbacks_and_surveys import VERIFY_TRIGGER, CallbackTestCase

NOTICE = "Resolution Notice"
VERIFICATION = "Resolution Verification"


class ClosedLoopTestCase(CallbackTestCase):
	def resolve(self, feedback, summary="<p>我们已为您补发了新的杯子。</p>", **values):
		feedback.reload()
		feedback.update({"status": "Resolved", "resolution_summary": summary, **values})
		feedback.save()
		return feedback

	def callback_of(self, feedback, kind):
		names = frappe.get_all(
			"Feedback Callback",
			filters={"feedback_record": feedback.name, "callback_type": kind},
			pluck="name",
			order_by="creation asc",
		)
		return [frappe.get_doc("Feedback Callback", name) for name in names]

	def chinese_complaint(self):
		customer, contact, email = self.customer_with_email("闭环 客户")
		feedback = make_feedback(
			customer, contact=contact, subject="杯子碎了", description="<p>收到的杯子碎了，要求换货。</p>"
		)
		return feedback, email


class TestResolutionNotice(ClosedLoopTestCase):
	def test_resolving_tells_the_customer_and_one_tap_closes_the_loop(self):
		feedback, email = self.chinese_complaint()
		feedback = self.resolve(feedback)

		(notice,) = self.callback_of(feedback, NOTICE)
		self.assertEqual((notice.status, notice.channel, notice.language), ("Sent", "E-mail", "zh"))
		message = frappe.get_doc("Feedback Message", {"reference_name": notice.name, "message_kind": NOTICE})
		self.assertEqual((message.status, message.channel, message.email), ("Sent", "Email", email))
		self.assertIn("已处理完毕", message.subject)
		self.assertIn("我们已为您补发了新的杯子", message.email_message)
		self.assertIn("/feedback/solved/", message.email_message)
		# The notice is on the record's timeline.
		self.assertTrue(
			frappe.db.exists(
				"Communication Link",
				{
					"link_doctype": "Feedback Record",
					"link_name": feedback.name,
					"parent": message.communication,
				},
			)
		)

		token = token_for(notice)
		set_request(method="GET", path=f"/feedback/solved/{token}")
		page = get_response_content(f"/feedback/solved/{token}")
		self.assertIn("您的问题解决了吗", page)
		self.assertIn("我们已为您补发了新的杯子", page)
		# Opening the page answers nothing: a link preview must not close the loop.
		self.assertEqual(frappe.db.get_value("Feedback Record", feedback.name, "status"), "Resolved")

		self.assertEqual(confirm_solved(token, "yes"), {"ok": True})
		feedback.reload()
		self.assertEqual(feedback.status, "Closed")
		self.assertTrue(feedback.closed_on)
		self.assertEqual(frappe.db.get_value("Feedback Callback", notice.name, "solved"), "Yes")
		# Single use; the page of an answered link still speaks the customer's language, whatever
		# the language of the phone that opens it.
		self.assertFalse(confirm_solved(token, "no")["ok"])
		set_request(method="GET", path=f"/feedback/solved/{token}")
		frappe.local.lang = "en"
		self.assertIn("您已经告诉过我们了", get_response_content(f"/feedback/solved/{token}"))

	def test_not_solved_reopens_one_priority_higher_and_tells_the_assignee(self):
		agent = make_user("loop-agent@example.com", ["Feedback Agent"])
		feedback, _email = self.chinese_complaint()
		frappe.desk.form.assign_to.add(
			{"assign_to": [agent], "doctype": "Feedback Record", "name": feedback.name}
		)
		before = frappe.db.get_value("Feedback Record", feedback.name, "priority")
		feedback = self.resolve(feedback)
		(notice,) = self.callback_of(feedback, NOTICE)

		self.assertEqual(confirm_solved(token_for(notice), "no"), {"ok": True})
		feedback.reload()
		self.assertEqual(feedback.status, "In Progress")
		self.assertNotEqual(feedback.priority, before)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": agent, "document_name": feedback.name, "subject": ("like", "%not solved%")},
			)
		)

	def test_the_answer_makes_the_waiting_verification_moot(self):
		self.enable(VERIFY_TRIGGER)
		feedback, _email = self.chinese_complaint()
		feedback = self.resolve(feedback)
		(verification,) = self.callback_of(feedback, VERIFICATION)
		self.assertEqual(verification.status, "Scheduled")
		(notice,) = self.callback_of(feedback, NOTICE)
		confirm_solved(token_for(notice), "yes")
		self.assertEqual(frappe.db.get_value("Feedback Callback", verification.name, "status"), "Cancelled")

	def test_the_agent_previews_the_notice_and_may_switch_it_off_with_a_reason(self):
		feedback, _email = self.chinese_complaint()
		feedback.reload()
		feedback.resolution_notice = "我们已重新发货，明天送达。"
		(preview,) = preview_resolution_notice(feedback.as_json())
		self.assertEqual((preview["channel"], preview["language"]), ("Email", "zh"))
		self.assertIn("我们已重新发货，明天送达。", preview["text"])

		feedback.reload()
		feedback.notify_on_resolution = 0
		with self.assertRaises(frappe.ValidationError):
			self.resolve(feedback, notify_on_resolution=0)
		feedback = self.resolve(feedback, notify_on_resolution=0, no_notice_reason="客户已当面确认")
		self.assertEqual(self.callback_of(feedback, NOTICE), [])
		notes = frappe.get_all(
			"Comment", filters={"reference_name": feedback.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("客户已当面确认" in note for note in notes))


class TestVerificationRevisits(ClosedLoopTestCase):
	def test_the_verification_is_never_held_back_by_the_survey_that_raised_the_complaint(self):
		self.enable(VERIFY_TRIGGER)
		self.enable("Sales Invoice submitted")
		customer, contact, _email = self.customer_with_email("Throttled Customer")
		survey = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "After Order",
				"customer": customer,
				"contact": contact,
				"channel": "E-mail",
				"status": "Responded",
				"survey_template": "Post-order CSAT",
				"due_on": now_datetime(),
			}
		).insert(ignore_permissions=True)
		complaint = make_feedback(customer, contact=contact, channel="Survey")
		complaint = self.resolve(complaint)
		(verification,) = self.callback_of(complaint, VERIFICATION)
		self.assertEqual(verification.status, "Scheduled")

		# Any other revisit of the customer is held back, and the revisit holding it back says so.
		invoice = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
		self.assertIsNone(
			schedule_callback(frappe.get_doc("Feedback Trigger", "Sales Invoice submitted"), invoice)
		)
		notes = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Feedback Callback", "comment_type": "Info"},
			fields=["reference_name", "content"],
		)
		self.assertTrue(
			any(
				n.reference_name in (survey.name, verification.name) and "Held back" in n.content
				for n in notes
			)
		)

	def test_deleting_a_resolved_record_schedules_no_verification_of_it(self):
		self.enable(VERIFY_TRIGGER)
		customer, contact, _email = self.customer_with_email("Deleted Record Customer")
		feedback = self.resolve(make_feedback(customer, contact=contact))
		for callback in self.callback_of(feedback, VERIFICATION):
			frappe.delete_doc("Feedback Callback", callback.name, force=True)
		# Frappe runs on_change on deletion, with no earlier version: every status reads as new.
		frappe.delete_doc("Feedback Record", feedback.name, force=True)
		self.assertEqual(self.callback_of(feedback, VERIFICATION), [])

	def test_an_unanswered_verification_of_a_high_record_gets_a_second_one_within_a_week(self):
		self.enable(VERIFY_TRIGGER)
		customer, contact, _email = self.customer_with_email("Urgent Customer")
		urgent = make_feedback(customer, contact=contact, impact="Many Customers", urgency="High")
		self.assertIn(urgent.priority, ("High", "Urgent"))
		calm = make_feedback(customer, contact=contact)
		for feedback in (urgent, calm):
			self.resolve(feedback)
			(first,) = self.callback_of(feedback, VERIFICATION)
			self.send(first.name)
		# Nobody answered for three days: the urgent one is verified again now, inside the week,
		# not after the week-long wait for an answer.
		three_days = add_days(now_datetime(), 3)
		callback_sender.run(three_days)
		first, second = self.callback_of(urgent, VERIFICATION)
		self.assertEqual((first.status, second.status), ("Sent", "Scheduled"))
		self.assertLessEqual(get_datetime(second.due_on), three_days)
		self.assertEqual([c.status for c in self.callback_of(calm, VERIFICATION)], ["Sent"])
		# Never a third, when the first and then the second go unanswered too.
		frappe.db.set_value("Feedback Callback", second.name, {"status": "Sent", "sent_on": three_days})
		callback_sender.run(add_days(now_datetime(), 14))
		self.assertEqual(
			[c.status for c in self.callback_of(urgent, VERIFICATION)], ["No Response", "No Response"]
		)

	def test_a_fix_that_did_not_hold_is_verified_again_after_the_next_resolution(self):
		self.enable(VERIFY_TRIGGER)
		feedback, _email = self.chinese_complaint()
		feedback = self.resolve(feedback, resolution_notice="新杯子今天发出。")
		(notice,) = self.callback_of(feedback, NOTICE)
		confirm_solved(token_for(notice), "no")
		feedback.reload()
		self.assertEqual(feedback.status, "In Progress")
		# The notice told of the fix that did not hold: the next one needs its own words.
		self.assertFalse(feedback.resolution_notice)
		self.assertIn("Resolution Notice", feedback.status_reason)
		feedback = self.resolve(feedback, summary="<p>我们换了供应商，重新补发。</p>")
		# The reopening's reason does not read as the reason of the new resolution.
		self.assertFalse(feedback.status_reason)
		self.assertEqual(
			[c.status for c in self.callback_of(feedback, VERIFICATION)], ["Cancelled", "Scheduled"]
		)
		self.assertEqual(len(self.callback_of(feedback, NOTICE)), 2)

	def test_solved_on_the_phone_makes_the_waiting_verification_moot(self):
		self.enable(VERIFY_TRIGGER)
		feedback, _email = self.chinese_complaint()
		feedback = self.resolve(feedback)
		(waiting,) = self.callback_of(feedback, VERIFICATION)
		call = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": VERIFICATION,
				"customer": feedback.customer,
				"contact": feedback.contact,
				"feedback_record": feedback.name,
				"channel": "Phone",
				"status": "Sent",
				"survey_template": "Resolution verification",
				"due_on": now_datetime(),
			}
		).insert(ignore_permissions=True)
		solved = next(
			q for q in phone.call_sheet(call)["questions"] if q["type"] == "Problem Solved (Yes/No)"
		)
		answers = {q["key"]: "5" for q in phone.call_sheet(call)["questions"] if q["type"] == "CSAT (1-5)"}
		answers[solved["key"]] = "yes"
		self.assertEqual(phone.record_call(call, answers), {"ok": True})
		self.assertEqual(frappe.db.get_value("Feedback Record", feedback.name, "status"), "Closed")
		self.assertEqual(frappe.db.get_value("Feedback Callback", waiting.name, "status"), "Cancelled")
		self.assertEqual(frappe.db.get_value("Feedback Callback", call.name, "calls_made"), 1)


class TestPhoneRevisits(ClosedLoopTestCase):
	def phone_revisit(self, customer, contact, template="Onboarding call"):
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "Onboarding",
				"customer": customer,
				"contact": contact,
				"channel": "Phone",
				"status": "Scheduled",
				"survey_template": template,
				"assigned_to": "fl-caller@example.com",
				"call_script": "1. 自我介绍。",
				"due_on": add_days(now_datetime(), -1),
			}
		).insert(ignore_permissions=True)
		callback_sender.run()
		callback.reload()
		self.assertEqual(callback.status, "Sent")
		return callback

	def test_a_low_score_on_the_phone_becomes_feedback_as_online(self):
		customer, contact, _email = self.customer_with_email("电话 回访", language="zh")
		callback = self.phone_revisit(customer, contact)
		sheet = phone.call_sheet(callback)
		self.assertEqual(sheet["language"], "zh")
		self.assertEqual(sheet["questions"][0]["text"], "您对首次订购满意吗？")
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": callback.name, "status": "Open"}))

		refused = phone.record_call(callback, {"q1": "9"})
		self.assertFalse(refused["ok"])
		self.assertEqual(set(refused["problems"]), {"q1", "q2"})

		answers = {"q1": "1", "q2": "No, something was missing or damaged", "q3": "少了一个盖子"}
		self.assertEqual(phone.record_call(callback, answers, notes="客户很不满意"), {"ok": True})
		callback.reload()
		self.assertEqual((callback.status, callback.csat), ("Responded", 1))
		feedback = frappe.get_doc("Feedback Record", callback.created_feedback)
		self.assertEqual(
			(feedback.channel, feedback.urgency, feedback.survey_callback), ("Phone", "High", callback.name)
		)
		self.assertIn("少了一个盖子", feedback.description)
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": callback.name, "status": "Open"}))

	def test_not_solved_on_the_phone_reopens_the_record_instead_of_making_another(self):
		feedback, _email = self.chinese_complaint()
		feedback = self.resolve(feedback)
		call = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": VERIFICATION,
				"customer": feedback.customer,
				"contact": feedback.contact,
				"feedback_record": feedback.name,
				"channel": "Phone",
				"status": "Sent",
				"survey_template": "Resolution verification",
				"due_on": now_datetime(),
			}
		).insert(ignore_permissions=True)
		answers = {}
		for q in phone.call_sheet(call)["questions"]:
			answers[q["key"]] = {"CSAT (1-5)": "1", "Problem Solved (Yes/No)": "no"}.get(
				q["type"], "还是没解决"
			)
		self.assertEqual(phone.record_call(call, answers), {"ok": True})
		call.reload()
		self.assertFalse(call.created_feedback)
		self.assertEqual(frappe.db.get_value("Feedback Record", feedback.name, "status"), "In Progress")
		notes = frappe.get_all(
			"Comment", filters={"reference_name": feedback.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("还是没解决" in note for note in notes), notes)

	def test_the_call_sheet_speaks_the_customers_language(self):
		trigger = frappe.get_doc("Feedback Trigger", "New customer onboarding call")
		self.assertTrue(trigger.call_script_zh)
		customer, contact, _email = self.customer_with_email("电话 脚本", language="zh")
		callback = self.phone_revisit(customer, contact)
		callback.db_set("trigger", trigger.name)
		self.assertEqual(phone.call_sheet(callback)["script"], trigger.call_script_zh)

	def test_without_a_feedback_agent_the_managers_get_the_call(self):
		frappe.db.delete("Has Role", {"role": "Feedback Agent", "parenttype": "User"})
		manager = make_user("loop-manager@example.com", ["Feedback Manager"])
		customer, contact, _email = self.customer_with_email("Managers Only")
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "Onboarding",
				"customer": customer,
				"contact": contact,
				"channel": "Phone",
				"status": "Scheduled",
				"survey_template": "Onboarding call",
				"due_on": add_days(now_datetime(), -1),
			}
		).insert(ignore_permissions=True)
		callback_sender.run()
		callback.reload()
		self.assertEqual(callback.status, "Sent")
		self.assertIn(
			callback.assigned_to,
			frappe.get_all(
				"Has Role", filters={"role": "Feedback Manager", "parenttype": "User"}, pluck="parent"
			),
		)
		self.assertTrue(manager)

	def test_no_answer_calls_again_later_then_stops(self):
		frappe.db.set_single_value("Feedback Settings", "max_call_attempts", 2)
		customer, contact, _email = self.customer_with_email("No Answer Customer")
		callback = self.phone_revisit(customer, contact)
		with self.assertRaises(frappe.ValidationError):
			phone.record_no_answer(callback, add_to_date(now_datetime(), hours=-1))
		later = add_to_date(now_datetime(), days=1)
		self.assertEqual(phone.record_no_answer(callback, later)["status"], "Scheduled")
		callback.reload()
		self.assertEqual((callback.calls_made, get_datetime(callback.due_on)), (1, get_datetime(later)))
		callback_sender.run(add_to_date(later, minutes=1))
		callback.reload()
		self.assertEqual(callback.status, "Sent")
		self.assertEqual(phone.record_no_answer(callback)["status"], "No Response")


class TestRevisitPlan(ClosedLoopTestCase):
	def test_a_paused_plan_schedules_nothing_and_a_notice_still_goes(self):
		trigger = self.enable("Sales Invoice submitted")
		frappe.db.set_single_value("Feedback Settings", "revisits_paused", 1)
		try:
			customer, contact, _email = self.customer_with_email("Paused Customer")
			order = frappe.get_doc("Sales Order", make_sales_order(customer, [make_item()]))
			self.assertIsNone(schedule_callback(trigger, order))
			feedback = self.resolve(make_feedback(customer, contact=contact))
			(notice,) = self.callback_of(feedback, NOTICE)
			self.assertEqual(notice.status, "Sent")
		finally:
			frappe.db.set_single_value("Feedback Settings", "revisits_paused", 0)

	def test_without_a_channel_set_up_the_revisit_waits_and_says_why(self):
		customer, contact, _email = self.customer_with_email("Mobile Only")
		frappe.db.set_value("Contact", contact, "email_id", None)
		frappe.db.delete("Contact Email", {"parent": contact})
		frappe.db.set_value("Contact", contact, "mobile_no", "13700137000")
		callback = frappe.get_doc(
			{
				"doctype": "Feedback Callback",
				"callback_type": "Periodic Check-in",
				"customer": customer,
				"contact": contact,
				"channel": "E-mail",
				"status": "Scheduled",
				"survey_template": "NPS",
				"due_on": add_days(now_datetime(), -1),
			}
		).insert(ignore_permissions=True)
		callback_sender.run()
		callback.reload()
		self.assertEqual(callback.status, "Scheduled")
		self.assertIn("SMS", callback.last_error)
		self.assertGreater(get_datetime(callback.next_attempt_on), now_datetime())

	def test_quarterly_check_ins_count_from_the_first_order_not_the_customer_record(self):
		new_record_old_customer, _c, _e = self.customer_with_email("Old Buyer")
		order = make_sales_order(new_record_old_customer, [make_item()], submit=False)
		frappe.db.set_value("Sales Order", order, "transaction_date", add_days(now_datetime(), -120))
		frappe.get_doc("Sales Order", order).submit()
		old_record_no_order, _c, _e = self.customer_with_email("Never Bought")
		frappe.db.set_value("Customer", old_record_no_order, "creation", add_days(now_datetime(), -400))
		due = customers_due_for_checkin("Quarterly check-in", 90, 1)
		self.assertIn(new_record_old_customer, due)
		self.assertNotIn(old_record_no_order, due)
