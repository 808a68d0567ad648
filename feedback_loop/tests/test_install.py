import frappe
from frappe.tests.utils import FrappeTestCase

from feedback_loop.setup.install import add_default_categories, add_roles
from feedback_loop.setup.roles import ROLES


class TestInstall(FrappeTestCase):
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


class TestChineseTranslations(FrappeTestCase):
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
