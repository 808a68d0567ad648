import re

import frappe

from feedback_loop.setup.install import add_default_categories, add_roles
from feedback_loop.setup.roles import ROLES
from feedback_loop.tests.case import IntegrationTestCase


class TestInstall(IntegrationTestCase):
	def test_roles_exist(self):
		for role in ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)

	def test_default_category_tree_is_bilingual(self):
		root = frappe.get_doc("Feedback Category", "All Feedback Categories")
		top = frappe.get_all(
			"Feedback Category",
			filters={"parent_feedback_category": root.name},
			fields=["name", "category_name_zh", "is_group"],
		)
		self.assertEqual(len(top), 7)
		self.assertTrue(all(row.category_name_zh for row in top))
		logistics = frappe.get_doc("Feedback Category", "Late Delivery")
		self.assertEqual(logistics.parent_feedback_category, "Logistics and Delivery")
		self.assertIn("等了三天", logistics.keywords_zh.splitlines())

	def test_install_steps_are_idempotent(self):
		before = frappe.db.count("Feedback Category")
		add_roles()
		add_default_categories()
		self.assertEqual(frappe.db.count("Feedback Category"), before)

	def test_every_message_text_is_installed_in_both_languages(self):
		templates = frappe.get_all(
			"Feedback Message Template", fields=["message_kind", "channel", "language", "text"]
		)
		by_key = {(t.message_kind, t.channel, t.language): t.text for t in templates}
		self.assertIn("{{ number }}", by_key[("Acknowledgement", "Email", "zh")])
		self.assertIn("{{ reply_days }}", by_key[("Acknowledgement", "Email", "en")])
		for kind, channel in {(k, c) for k, c, _language in by_key}:
			self.assertIn((kind, channel, "zh"), by_key)
			self.assertIn((kind, channel, "en"), by_key)
		self.assertIn(("Acknowledgement", "SMS", "zh"), by_key)
		self.assertIn(("Acknowledgement", "WeChat", "en"), by_key)
		self.assertEqual(frappe.get_single("Feedback Settings").reply_within_working_days, 3)


class TestSeededSurveys(IntegrationTestCase):
	def test_no_intro_counts_the_questions_wrong(self):
		# "Three quick questions" stood above four questions, "One question" above three.
		counted = re.compile(
			r"\b(one|two|three|four|five|six)\b( \w+)? questions?\b|([一二两三四五六])个\S{0,4}问题", re.I
		)
		numbers = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six"), 1)}
		numbers |= {w: i for i, w in enumerate("一二三四五六", 1)} | {"两": 2}
		for name in frappe.get_all("Feedback Survey Template", pluck="name"):
			template = frappe.get_doc("Feedback Survey Template", name)
			for field in ("intro_en", "intro_zh"):
				for match in counted.finditer(template.get(field) or ""):
					said = numbers[(match.group(1) or match.group(3)).lower()]
					with self.subTest(template=name, field=field):
						self.assertEqual(said, len(template.questions), template.get(field))

	def test_the_patch_rewrites_only_intros_nobody_changed(self):
		from feedback_loop.patches import count_free_survey_intros
		from feedback_loop.setup.default_surveys import OLD_INTROS

		template = "Feedback Survey Template"
		kept = {name: frappe.db.get_value(template, name, "intro_en") for name in ("Post-order CSAT", "NPS")}
		try:
			frappe.db.set_value(
				template, "Post-order CSAT", "intro_en", OLD_INTROS[("Post-order CSAT", "intro_en")]
			)
			frappe.db.set_value(template, "NPS", "intro_en", "Our own words.")
			count_free_survey_intros.execute()
			self.assertEqual(
				frappe.db.get_value(template, "Post-order CSAT", "intro_en"),
				"Thank you for your order. A few quick questions help us serve you better.",
			)
			self.assertEqual(frappe.db.get_value(template, "NPS", "intro_en"), "Our own words.")
		finally:
			for name, intro in kept.items():
				frappe.db.set_value(template, name, "intro_en", intro)


class TestChineseTranslations(IntegrationTestCase):
	def test_default_categories_read_in_chinese(self):
		# Installed before the app's own hooks ran; Frappe's own words (Other) keep theirs.
		self.assertEqual(frappe._("Billing and Refund", lang="zh"), "账单与退款")
		self.assertEqual(frappe._("Late Delivery", lang="zh"), "配送延迟")

	def test_app_strings_translate_to_chinese(self):
		frappe.local.lang = "zh"
		frappe.translate.clear_cache()
		try:
			self.assertEqual(frappe._("Feedback Record"), "客户反馈")
			self.assertEqual(
				frappe._("Please select the customer this feedback comes from."), "请选择提出此反馈的客户。"
			)
			# Our status words apply in our context and leave Frappe's own "Duplicate" (copy) alone.
			self.assertEqual(frappe._("Duplicate", context="Feedback Record"), "重复反馈")
			self.assertEqual(frappe._("Duplicate"), "复制")
		finally:
			frappe.local.lang = "en"
			frappe.translate.clear_cache()
