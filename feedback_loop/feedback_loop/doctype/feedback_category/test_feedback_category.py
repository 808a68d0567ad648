# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.nestedset import NestedSetMultipleRootsError


class TestFeedbackCategory(FrappeTestCase):
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
