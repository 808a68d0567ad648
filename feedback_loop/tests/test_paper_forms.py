"""Paper questionnaires on a real site: printed in both languages with a QR code to the web form,
and a returned stack typed in at the desk, each one feedback on the Paper Form channel."""

import frappe

from feedback_loop.api.paper_forms import paper_form_sheet, record_paper_form
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import make_customer, make_user

TEMPLATE = "Post-order CSAT"


class TestPaperForms(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.clerk = make_user("fl-paper-clerk@example.com", ["Feedback Agent"])
		cls.customer = make_customer("Paper Form Customer")

	def tearDown(self):
		frappe.set_user("Administrator")

	def enter(self, answers, **values):
		frappe.set_user(self.clerk)
		try:
			return record_paper_form(TEMPLATE, answers, customer=self.customer, language="zh", **values)
		finally:
			frappe.set_user("Administrator")

	def test_a_low_score_is_a_negative_complaint_with_its_answers_written_out(self):
		result = self.enter(
			{"q1": "1", "q2": "Delivery", "q4": "箱子压扁了"}, consent=1, form_id="stack-1-form-1"
		)
		self.assertTrue(result["ok"], result)
		doc = frappe.get_doc("Feedback Record", result["name"])
		self.assertEqual(
			(doc.channel, doc.feedback_type, doc.sentiment, doc.survey_scores, doc.subject),
			("Paper Form", "Complaint", "Negative", "CSAT 1/5", "箱子压扁了"),
		)
		# Written out as the customer read them: the Chinese questions and options.
		self.assertIn("您对本次订单满意吗？: 1", doc.description)
		self.assertIn("您最看重哪一方面？: 物流配送", doc.description)
		self.assertTrue(doc.consent_given)
		# The same form sent twice (a double click) is one record.
		again = self.enter(
			{"q1": "1", "q2": "Delivery", "q4": "箱子压扁了"}, consent=1, form_id="stack-1-form-1"
		)
		self.assertEqual((again["name"], again["created"]), (result["name"], False))

	@change_settings("Feedback Settings", {"apply_priority_rules": 1})
	def test_a_low_score_on_paper_raises_the_priority_as_a_survey_answer_does(self):
		# A paper form has no revisit: the priority rules read the scores the record carries.
		doc = frappe.get_doc("Feedback Record", self.enter({"q1": "1"})["name"])
		doc.run_method("onload")
		self.assertEqual(doc.priority, "High", doc.get_onload().priority_reasons)
		self.assertIn("High: survey score CSAT 1 ≤ 2", doc.get_onload().priority_reasons)

	def test_a_high_score_without_a_complaint_is_praise(self):
		doc = frappe.get_doc("Feedback Record", self.enter({"q1": "5"})["name"])
		self.assertEqual((doc.feedback_type, doc.subject), ("Praise", "纸质问卷：CSAT 5/5"))

	def test_bad_answers_store_nothing_and_say_which(self):
		before = frappe.db.count("Feedback Record", {"customer": self.customer})
		result = self.enter({"q1": "9", "q2": "Weather"})
		self.assertFalse(result["ok"])
		self.assertEqual(set(result["problems"]), {"q1", "q2"})
		self.assertEqual(frappe.db.count("Feedback Record", {"customer": self.customer}), before)

	def test_the_sheet_and_the_print_follow_the_language(self):
		frappe.set_user(self.clerk)
		zh = paper_form_sheet(TEMPLATE, "zh")
		en = paper_form_sheet(TEMPLATE, "en")
		frappe.set_user("Administrator")
		self.assertEqual(zh["questions"][0]["text"], "您对本次订单满意吗？")
		self.assertEqual(tuple(en["questions"][1]["options"][1]), ("Delivery", "Delivery"))
		for language, expected in (
			("zh", ("扫码在线填写", "物流配送")),
			("en", ("Scan to answer online", "Delivery")),
		):
			# The print view's language choice.
			with frappe.translate.print_language(language):
				html = frappe.get_print(
					"Feedback Survey Template", TEMPLATE, print_format="Paper Questionnaire"
				)
			for text in expected:
				self.assertIn(text, html)
			self.assertIn("<svg", html)
			self.assertIn("/feedback/new?channel=paper", html)
		# What a survey template is printed for: the desk's Print opens the questionnaire.
		self.assertEqual(
			frappe.get_meta("Feedback Survey Template").default_print_format, "Paper Questionnaire"
		)

	def test_only_who_may_create_feedback_enters_forms(self):
		outsider = make_user("fl-paper-outsider@example.com", [])
		frappe.set_user(outsider)
		try:
			with self.assertRaises(frappe.PermissionError):
				record_paper_form(TEMPLATE, {"q1": "1"}, customer=self.customer)
		finally:
			frappe.set_user("Administrator")
