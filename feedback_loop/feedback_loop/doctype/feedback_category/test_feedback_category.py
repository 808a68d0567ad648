# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import NestedSetMultipleRootsError

from feedback_loop.tests.case import IntegrationTestCase


class TestFeedbackCategory(IntegrationTestCase):
	def test_keywords_are_one_per_line_without_duplicates(self):
		doc = frappe.get_doc(
			{
				"doctype": "Feedback Category",
				"category_name": "Packaging Smell",
				"category_name_zh": "包装异味",
				"parent_feedback_category": "Product Quality",
				"keywords_en": "smell, Smell,odour\nstinks",
				"keywords_zh": "异味，味道大、 异味",
			}
		).insert()
		self.assertEqual(doc.keywords_en.splitlines(), ["smell", "odour", "stinks"])
		self.assertEqual(doc.keywords_zh.splitlines(), ["异味", "味道大"])
		self.assertEqual(doc.lft > frappe.db.get_value("Feedback Category", "Product Quality", "lft"), True)

	def test_there_is_one_root(self):
		with self.assertRaises(NestedSetMultipleRootsError):
			frappe.get_doc(
				{"doctype": "Feedback Category", "category_name": "Second Root", "is_group": 1}
			).insert()


class TestCategoryNamesInChinese(IntegrationTestCase):
	def setUp(self):
		frappe.local.lang = "en"

	def tearDown(self):
		frappe.local.lang = "en"

	def category(self, name, name_zh):
		return frappe.get_doc(
			{
				"doctype": "Feedback Category",
				"category_name": name,
				"category_name_zh": name_zh,
				"parent_feedback_category": "Logistics and Delivery",
			}
		).insert()

	def chinese(self, text):
		return frappe._(text, lang="zh")

	def test_a_chinese_user_reads_and_finds_a_category_by_its_chinese_name(self):
		self.assertTrue(frappe.get_meta("Feedback Category").translated_doctype)
		self.category("Parcel Left Outside", "包裹放门外")
		self.assertEqual(self.chinese("Parcel Left Outside"), "包裹放门外")

		from frappe.desk.search import search_widget

		frappe.local.lang = "zh"
		found = search_widget("Feedback Category", txt="门外", as_dict=True, page_length=20)
		self.assertIn("Parcel Left Outside", [row["name"] for row in found])

	def test_a_link_search_shows_each_chinese_name_once(self):
		from frappe.desk.search import search_link

		self.category("Parcel Left At The Gate", "包裹放在大门口")
		disabled = self.category("Parcel Opened In Transit", "包裹途中被拆")
		disabled.enabled = 0
		disabled.save()

		def search(txt):
			return {row["value"]: row["description"] for row in search_link("Feedback Category", txt)}

		# A Chinese reader sees 包裹放在大门口 as the match itself; nothing under it repeats it.
		frappe.local.lang = "zh"
		self.assertEqual(search("大门口"), {"Parcel Left At The Gate": ""})
		found = search("parcel")
		self.assertEqual(found["Parcel Left At The Gate"], "")
		self.assertNotIn("Parcel Opened In Transit", found)
		# A name whose translation is not its own Chinese name (here one the administrator wrote):
		# the Chinese name is worth showing under it.
		frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "zh",
				"source_text": "Parcel Weighed Twice",
				"translated_text": "称重两次",
			}
		).insert()
		self.category("Parcel Weighed Twice", "包裹重复称重")
		self.assertEqual(self.chinese("Parcel Weighed Twice"), "称重两次")
		self.assertEqual(search("称重")["Parcel Weighed Twice"], "包裹重复称重")

		# Anyone else reads the English name, with the Chinese one under it, and finds it either way.
		frappe.local.lang = "en"
		self.assertEqual(search("Parcel")["Parcel Left At The Gate"], "包裹放在大门口")
		self.assertEqual(search("大门口"), {"Parcel Left At The Gate": "包裹放在大门口"})
		# A name that starts with the text comes first, though later in the tree.
		self.category("Left Behind At The Depot", "滞留网点")
		found = list(search("left"))
		self.assertLess(found.index("Left Behind At The Depot"), found.index("Parcel Left At The Gate"))

	def test_a_link_search_keeps_the_forms_filters(self):
		from frappe.desk.search import search_widget

		group = frappe.db.get_value(
			"Feedback Category", {"is_group": 1, "parent_feedback_category": ("is", "set")}
		)
		found = search_widget(
			"Feedback Category", txt="", filters={"is_group": 1}, page_length=50, as_dict=True
		)
		names = [row[0] if isinstance(row, (list, tuple)) else row["name"] for row in found]
		self.assertIn(group, names)
		self.assertTrue(all(frappe.db.get_value("Feedback Category", name, "is_group") for name in names))
		# A filter with an operator, as a form's query may give.
		found = search_widget(
			"Feedback Category", txt="", filters={"name": ["!=", group]}, page_length=50, as_dict=True
		)
		self.assertNotIn(group, [row["name"] for row in found])
		self.assertTrue(found)

	def test_the_translation_follows_the_chinese_name_the_name_and_the_category(self):
		doc = self.category("Courier Rude", "快递员态度差")
		doc.category_name_zh = "快递员不礼貌"
		doc.save()
		self.assertEqual(self.chinese("Courier Rude"), "快递员不礼貌")
		self.assertFalse(
			frappe.db.exists(
				"Translation", {"source_text": "Courier Rude", "translated_text": "快递员态度差"}
			)
		)

		frappe.rename_doc("Feedback Category", "Courier Rude", "Rude Courier")
		self.assertEqual(self.chinese("Rude Courier"), "快递员不礼貌")
		self.assertEqual(self.chinese("Courier Rude"), "Courier Rude")

		frappe.delete_doc("Feedback Category", "Rude Courier")
		self.assertEqual(self.chinese("Rude Courier"), "Rude Courier")

	def test_words_frappe_already_translates_keep_that_translation(self):
		# "Price" is a seeded category whose name Frappe's own zh.csv translates.
		self.assertEqual(self.chinese("Price"), "价格")
		self.assertFalse(frappe.db.exists("Translation", {"language": "zh", "source_text": "Price"}))

	def test_a_translation_the_administrator_wrote_is_left_alone(self):
		frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "zh",
				"source_text": "Lost Parcel",
				"translated_text": "包裹丢失",
			}
		).insert()
		doc = self.category("Lost Parcel", "丢件")
		self.assertEqual(self.chinese("Lost Parcel"), "包裹丢失")
		frappe.delete_doc("Feedback Category", doc.name)
		self.assertEqual(self.chinese("Lost Parcel"), "包裹丢失")
