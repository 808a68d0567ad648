"""3. An analyst starts a Root Cause Analysis from a feedback record, writes a 5 Whys chain and a
fishbone, sends it for review; a manager (not its author: authors may not validate alone)
validates it, and its print view and PDF open with the fishbone."""

from desk import (
	current,
	doc_value,
	form_status,
	grid_add_row,
	menu_item,
	open_form,
	save,
	t,
	wait_for_form,
	workflow_action,
)
from playwright.sync_api import expect

WHYS = {
	"en": [
		("Why did the cups break?", "The box was crushed in transit."),
		("Why was the box crushed?", "It was packed without padding."),
		("Why was there no padding?", "The packing guide does not ask for it."),
	],
	"zh": [
		("为什么杯子碎了？", "运输途中纸箱被压坏。"),
		("为什么纸箱被压坏？", "包装时没有缓冲材料。"),
		("为什么没有缓冲材料？", "包装规范没有要求。"),
	],
}
CAUSES = {
	"en": [("Method", "Packing guide without padding", True), ("Material", "Thin boxes", False)],
	"zh": [("Method", "包装规范没有缓冲要求", True), ("Material", "纸箱太薄", False)],
}

#: Candidate solutions for the root cause (C1): (solution, cost, effect, difficulty, chosen).
SOLUTIONS = {
	"en": [
		("Padding in every box", "300", "High", "Low", True),
		("New box supplier", "20000", "High", "High", False),
	],
	"zh": [
		("每箱加缓冲材料", "300", "High", "Low", True),
		("更换纸箱供应商", "20000", "High", "High", False),
	],
}


def test_analyst_validates_and_prints_analysis(open_page, data, lang, screenshot):
	page = open_page(data["users"]["analyst"][lang], lang=lang)
	open_form(page, "Feedback Record", data["analysis_feedback"][lang])
	menu_item(page, "Create", "Root Cause Analysis")
	wait_for_form(page, "Root Cause Analysis")
	analysis = doc_value(page, "name")
	assert doc_value(page, "workflow_state") == "Draft"
	assert [row["feedback_record"] for row in doc_value(page, "feedback_records")] == [
		data["analysis_feedback"][lang]
	]

	workflow_action(page, "Start Analysis", "In Analysis")
	current(page, ".frappe-control[data-fieldname='method'] select").select_option("Both")
	for question, answer in WHYS[lang]:
		grid_add_row(page, "whys", {"question": question, "answer": answer})
	for category, cause, is_root in CAUSES[lang]:
		grid_add_row(page, "causes", {"category": category, "cause": cause, "is_root_cause": is_root})
	for solution, cost, effect, difficulty, chosen in SOLUTIONS[lang]:
		grid_add_row(
			page,
			"solutions",
			{
				"cause_id": "C1",
				"solution": solution,
				"estimated_cost": cost,
				"expected_effect": effect,
				"difficulty": difficulty,
				"chosen": chosen,
			},
		)
	current(page, ".frappe-control[data-fieldname='root_cause_category'] select").select_option("Method")
	save(page)
	# Compared on cost, effect and difficulty: the cheap, easy padding is the best return.
	assert [row["recommended"] for row in doc_value(page, "solutions")] == [1, 0]
	current(page, ".frappe-control[data-fieldname='solutions']").scroll_into_view_if_needed()
	screenshot(page, f"root-cause-analysis-solutions-{lang}-desktop")
	# The summary follows the chain until somebody writes one: here the last answer.
	assert doc_value(page, "root_cause_summary") == WHYS[lang][-1][1]
	fishbone = current(page, ".frappe-control[data-fieldname='fishbone_html'] svg")
	expect(fishbone).to_be_visible()
	# Long causes wrap onto several lines of the drawing: look for the short one.
	expect(fishbone).to_contain_text(CAUSES[lang][1][1])
	workflow_action(page, "Submit for Review", "Under Review")
	# The author may not validate alone: the action is not offered.
	current(page, ".page-actions .actions-btn-group > button").click()
	expect(current(page, ".page-actions .actions-btn-group .dropdown-menu")).not_to_contain_text(
		t(page, "Validate")
	)

	reviewer = open_page(data["users"]["manager"][lang], lang=lang)
	open_form(reviewer, "Root Cause Analysis", analysis)
	workflow_action(reviewer, "Validate", "Validated")
	assert doc_value(reviewer, "validated_by") == data["users"]["manager"][lang]
	expect(form_status(reviewer)).to_contain_text(t(reviewer, "Validated"))
	current(reviewer, ".frappe-control[data-fieldname='fishbone_html']").scroll_into_view_if_needed()
	screenshot(reviewer, f"root-cause-analysis-{lang}-desktop")

	# Print: the desk's print view shows the analysis with its fishbone, and the PDF is made.
	reviewer.goto(f"/app/print/Root Cause Analysis/{analysis}")
	expect(current(reviewer, ".print-preview-wrapper")).to_be_visible()
	preview = reviewer.frame_locator(".page-container:visible iframe.print-format-container")
	expect(preview.locator("svg").first).to_be_visible()
	expect(preview.locator("body")).to_contain_text(WHYS[lang][-1][1])
	screenshot(reviewer, f"root-cause-analysis-print-{lang}-desktop")
	pdf = reviewer.evaluate(
		"""async (name) => {
			const url = "/api/method/frappe.utils.print_format.download_pdf?doctype=Root%20Cause%20Analysis"
				+ "&format=Root%20Cause%20Analysis&name=" + encodeURIComponent(name);
			const response = await fetch(url);
			const body = await response.arrayBuffer();
			return [response.status, response.headers.get("content-type"), body.byteLength];
		}""",
		analysis,
	)
	assert pdf[0] == 200 and pdf[1] == "application/pdf" and pdf[2] > 1000, pdf
