# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from feedback_loop.api.root_cause_analysis import get_analyses, start_root_cause_analysis
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import make_customer, make_feedback, make_user

WHYS = [
	{"question": "为什么外卖送达超时？", "answer": "骑手在商圈里迷路了", "verified": 1},
	{"question": "为什么骑手会迷路？", "answer": "新骑手不熟悉路线"},
	{"question": "为什么新骑手不熟悉路线？", "answer": "入职培训没有包含商圈地图"},
]
CAUSES = [
	{"category": "Man", "cause": "骑手不熟悉路线", "is_root_cause": 1},
	{"category": "Method", "cause": "派单规则只看距离"},
	{"category": "Environment", "cause": "雨天路滑"},
]


@contextmanager
def static_site_server():
	"""wkhtmltopdf fetches the print stylesheet from the site's URL, and no web server runs during
	tests: serve the site's static files (/assets) on loopback, as nginx would in production."""
	handler = partial(SimpleHTTPRequestHandler, directory=frappe.utils.get_bench_path() + "/sites")
	handler.log_message = lambda *args: None
	server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		yield f"http://127.0.0.1:{server.server_address[1]}"
	finally:
		server.shutdown()


class TestRootCauseAnalysis(IntegrationTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.author = make_user("fl-rca-author@example.com", ["Quality Analyst"])
		self.reviewer = make_user("fl-rca-reviewer@example.com", ["Quality Analyst"])
		self.agent = make_user("fl-rca-agent@example.com", ["Feedback Agent"])
		customer = make_customer("RCA Customer")
		self.feedback = [make_feedback(customer, subject=f"外卖送达超时 {i}").name for i in range(3)]

	def tearDown(self):
		frappe.set_user("Administrator")

	def start(self, names, user=None):
		frappe.set_user(user or self.author)
		name = start_root_cause_analysis(names)
		return frappe.get_doc("Root Cause Analysis", name)

	def act(self, doc, action, user):
		frappe.set_user(user)
		try:
			return apply_workflow(doc.as_dict(), action)
		finally:
			frappe.set_user("Administrator")

	def fill(self, doc, **values):
		doc.reload()
		doc.update({"whys": WHYS, "causes": CAUSES, "root_cause_category": "Man", **values})
		frappe.set_user(self.author)
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def test_started_from_one_and_from_several_feedback_records(self):
		one = self.start(self.feedback[:1])
		self.assertEqual([r.feedback_record for r in one.feedback_records], self.feedback[:1])
		self.assertEqual(one.title, "外卖送达超时 0")
		self.assertEqual(one.workflow_state, "Draft")

		several = self.start([*self.feedback, self.feedback[0]])
		self.assertEqual([r.feedback_record for r in several.feedback_records], self.feedback)
		self.assertIn("2", several.title)
		self.assertEqual(several.feedback_records[0].summary, "外卖送达超时 0")
		frappe.set_user("Administrator")
		self.assertEqual([a.name for a in get_analyses(self.feedback[1])], [several.name])

	def test_only_analysts_move_the_workflow(self):
		doc = self.start(self.feedback[:1])
		with self.assertRaises(WorkflowTransitionError):
			self.act(doc, "Start Analysis", self.agent)
		self.assertEqual(self.act(doc, "Start Analysis", self.author).workflow_state, "In Analysis")

	def test_review_is_blocked_until_chain_summary_and_root_cause_are_there(self):
		doc = self.start(self.feedback[:1])
		self.act(doc, "Start Analysis", self.author)
		with self.assertRaises(frappe.ValidationError) as raised:
			self.act(doc, "Submit for Review", self.author)
		self.assertIn("5 Whys", str(raised.exception))

		self.fill(doc, whys=WHYS[:2])
		with self.assertRaises(frappe.ValidationError) as raised:
			self.act(doc, "Submit for Review", self.author)
		self.assertIn("at least 3 levels", str(raised.exception))

		self.fill(doc, causes=[{"category": "Man", "cause": "骑手不熟悉路线"}])
		with self.assertRaises(frappe.ValidationError) as raised:
			self.act(doc, "Submit for Review", self.author)
		self.assertIn("root cause", str(raised.exception))

		self.fill(doc)
		self.assertEqual(doc.root_cause_summary, "入职培训没有包含商圈地图")
		self.assertEqual(self.act(doc, "Submit for Review", self.author).workflow_state, "Under Review")

	def test_a_short_chain_passes_with_a_justification(self):
		doc = self.start(self.feedback[:1])
		self.act(doc, "Start Analysis", self.author)
		self.fill(doc, whys=WHYS[:2], method="5 Whys", chain_justification="第二层已由调度日志证实。")
		self.assertEqual(self.act(doc, "Submit for Review", self.author).workflow_state, "Under Review")

	def test_the_author_is_not_the_only_validator(self):
		doc = self.reviewed_analysis()
		with self.assertRaises(frappe.ValidationError) as raised:
			self.act(doc, "Validate", self.author)
		self.assertIn("Self approval", str(raised.exception))
		validated = self.act(doc, "Validate", self.reviewer)
		self.assertEqual(validated.workflow_state, "Validated")
		self.assertEqual(validated.validated_by, self.reviewer)

	@change_settings("Feedback Settings", {"allow_self_validation": 1})
	def test_settings_may_let_the_author_validate(self):
		doc = self.reviewed_analysis()
		self.assertEqual(self.act(doc, "Validate", self.author).workflow_state, "Validated")

	def test_validation_tells_every_linked_feedback_record(self):
		doc = self.reviewed_analysis(self.feedback[:2])
		self.act(doc, "Validate", self.reviewer)
		for name in self.feedback[:2]:
			record = frappe.get_doc("Feedback Record", name)
			self.assertEqual((record.root_cause_analysis, record.root_cause_category), (doc.name, "Man"))
			timeline = frappe.get_all(
				"Comment", filters={"reference_name": name, "comment_type": "Info"}, pluck="content"
			)
			self.assertTrue(any("入职培训没有包含商圈地图" in entry for entry in timeline))
		self.assertFalse(frappe.db.get_value("Feedback Record", self.feedback[2], "root_cause_analysis"))

	def test_sub_causes_in_a_circle_are_refused_even_in_a_draft(self):
		doc = self.start(self.feedback[:1])
		doc.reload()
		doc.update(
			{
				"causes": [
					{
						"cause_id": "C1",
						"category": "Method",
						"cause": "派单规则只看距离",
						"parent_cause": "C2",
					},
					{"cause_id": "C2", "category": "Method", "cause": "未考虑高峰时段", "parent_cause": "C1"},
				]
			}
		)
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_candidate_solutions_are_compared_and_the_best_return_marked(self):
		doc = self.start(self.feedback[:1])
		doc = self.fill(
			doc,
			solutions=[
				# C1 is the fishbone's root cause (骑手不熟悉路线); an empty cause is the summary's.
				{
					"cause_id": "c1",
					"solution": "新骑手带教一周",
					"estimated_cost": 3000,
					"expected_effect": "High",
					"difficulty": "Medium",
				},
				{
					"cause_id": "C1",
					"solution": "配送 App 加路线提示",
					"estimated_cost": 20000,
					"expected_effect": "High",
					"difficulty": "High",
				},
				{
					"solution": "高峰时段加派骑手",
					"estimated_cost": 0,
					"expected_effect": "Medium",
					"difficulty": "Low",
					"chosen": 1,
				},
			],
		)
		rows = [(r.cause_id, r.return_score, r.recommended) for r in doc.solutions]
		# 3 ÷ (2 + 2 × 3000/20000) = 1.304; 3 ÷ (3 + 2) = 0.6; 2 ÷ 1 = 2.
		self.assertEqual(rows, [("C1", 1.304, 1), ("C1", 0.6, 0), (None, 2.0, 1)])
		doc.reload()
		doc.append(
			"solutions",
			{"cause_id": "C3", "solution": "雨天提醒", "expected_effect": "Low", "difficulty": "Low"},
		)
		frappe.set_user(self.author)
		with self.assertRaisesRegex(frappe.ValidationError, "C3 is not a root cause"):
			doc.save()
		frappe.set_user("Administrator")

	def test_the_recommendations_report_lists_validated_analyses_with_what_to_do(self):
		from frappe.desk.query_report import run
		from frappe.utils import today

		chosen = self.reviewed_analysis(self.feedback[:2])
		chosen.reload()
		chosen.append(
			"solutions",
			{
				"cause_id": "C1",
				"solution": "新骑手带教一周",
				"expected_effect": "High",
				"difficulty": "Low",
				"chosen": 1,
			},
		)
		chosen.save()
		self.act(chosen, "Validate", self.reviewer)
		unchosen = self.reviewed_analysis(self.feedback[2:])
		unchosen.reload()
		unchosen.append(
			"solutions", {"solution": "高峰时段加派骑手", "expected_effect": "Medium", "difficulty": "Low"}
		)
		unchosen.save()
		self.act(unchosen, "Validate", self.reviewer)
		rows = {
			r["analysis"]: r
			for r in run("Improvement Recommendations", filters={"from_date": today(), "to_date": today()})[
				"result"
			]
		}
		self.assertEqual(
			(rows[chosen.name]["recommended"], rows[chosen.name]["feedback"]), ("新骑手带教一周", 2)
		)
		self.assertEqual(rows[unchosen.name]["recommended"], "Best return, not chosen yet: 高峰时段加派骑手")
		# Drafts are no recommendation.
		self.assertNotIn(self.start(self.feedback[:1]).name, rows)

	def test_print_format_renders_html_and_pdf_with_the_fishbone(self):
		doc = self.reviewed_analysis()
		html = frappe.get_print("Root Cause Analysis", doc.name, print_format="Root Cause Analysis")
		self.assertIn("<svg", html)
		self.assertIn("骑手不熟悉路线", html)
		with static_site_server() as url:
			frappe.local.conf.host_name = url
			try:
				pdf = frappe.get_print(
					"Root Cause Analysis", doc.name, print_format="Root Cause Analysis", as_pdf=True
				)
			finally:
				frappe.local.conf.host_name = None
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertGreater(len(pdf), 5000)

	def test_printing_without_choosing_a_format_draws_the_fishbone(self):
		# The desk's Print and the PDF button use the doctype's default print format; Frappe's
		# Standard one draws check boxes as small SVG icons, but no fishbone.
		doc = self.reviewed_analysis()
		html = frappe.get_print("Root Cause Analysis", doc.name)
		self.assertIn('<svg xmlns="http://www.w3.org/2000/svg" version="1.1"', html)
		self.assertIn("Measurement", html)

	def test_the_shipped_print_format_is_the_doctypes_default(self):
		# The desk's print view opens the doctype's default format (Frappe's Standard one without).
		meta = frappe.get_meta("Root Cause Analysis")
		self.assertEqual(meta.default_print_format, "Root Cause Analysis")
		print_format = frappe.get_doc("Print Format", meta.default_print_format)
		self.assertEqual((print_format.doc_type, print_format.disabled), ("Root Cause Analysis", 0))
		self.assertIn("fishbone_svg(doc", print_format.html)

	def test_the_author_learns_who_validates_instead_of_seeing_nothing(self):
		from feedback_loop.api.root_cause_analysis import next_step

		doc = self.reviewed_analysis()
		frappe.set_user(self.author)
		self.assertEqual(
			next_step(doc.name),
			"Another Quality Analyst or Feedback Manager validates this analysis: you wrote it.",
		)
		frappe.local.lang = "zh"
		try:
			self.assertEqual(next_step(doc.name), "本分析由您撰写，需由另一位质量分析员或反馈经理验证。")
		finally:
			frappe.local.lang = "en"
		# The reviewer sees Validate: nothing to explain.
		frappe.set_user(self.reviewer)
		self.assertIsNone(next_step(doc.name))
		# An agent reads the analysis but moves nothing.
		frappe.set_user(self.agent)
		self.assertEqual(
			next_step(doc.name),
			"The next step (Validate / Reject / Send Back) is for the role Quality Analyst or Feedback Manager.",
		)

	def reviewed_analysis(self, names=None):
		doc = self.start(names or self.feedback[:1])
		self.act(doc, "Start Analysis", self.author)
		self.fill(doc)
		self.act(doc, "Submit for Review", self.author)
		doc.reload()
		return doc
