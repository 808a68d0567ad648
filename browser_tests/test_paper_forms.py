"""8. An agent types in a stack of returned paper questionnaires from the feedback list: the
questionnaire and its language once, then each form's customer and ticked answers, Save and Next
for the next one; each form is feedback on the Paper Form channel, a low score a Negative complaint."""

from desk import current, dialog, open_desk, pick_link, t
from playwright.sync_api import expect


def test_agent_enters_paper_forms(open_page, data, lang, screenshot):
	page = open_page(data["users"]["agent"][lang], lang=lang)
	open_desk(page, "feedback-record")
	current(page, ".page-actions, .page-head").get_by_role(
		"button", name=t(page, "Enter Paper Forms")
	).click()
	choose = dialog(page)
	expect(choose).to_contain_text(t(page, "Questionnaire"))
	pick_link(page, choose, "template", "Post-order CSAT")
	choose.locator("select[data-fieldname='language']").select_option(lang)
	choose.locator(".btn-primary").click()

	words = f"{data['prefix']} paper {lang}: " + ("箱子压扁了" if lang == "zh" else "the box was crushed")
	for number, (score, text) in enumerate([("1", words), ("5", "")], start=1):
		form = dialog(page)
		expect(form.locator(".modal-title")).to_have_text(
			t(page, "Paper Form {0}").replace("{0}", str(number))
		)
		pick_link(page, form, "customer", data["customer"])
		form.locator("select[data-fieldname='q1']").select_option(score)
		if text:
			form.locator("textarea[data-fieldname='q4']").fill(text)
		form.locator("input[data-fieldname='consent']").check()
		if number == 1:
			screenshot(page, f"paper-forms-{lang}-desktop")
			form.locator(".btn-primary").click()
		else:
			form.locator(".btn-secondary").click()
		expect(current(page, ".alert-container, .desk-alert").filter(has_text="FB")).to_be_visible()
	expect(dialog(page)).to_be_hidden()

	stored = page.evaluate(
		"""(customer) => frappe.db.get_list('Feedback Record', {
			filters: {customer, channel: 'Paper Form'},
			fields: ['feedback_type', 'sentiment', 'survey_scores', 'subject'],
			order_by: 'creation asc', limit: 10})""",
		data["customer"],
	)
	mine = [r for r in stored if r["survey_scores"] in ("CSAT 1/5", "CSAT 5/5")][-2:]
	assert [(r["feedback_type"], r["survey_scores"]) for r in mine] == [
		("Complaint", "CSAT 1/5"),
		("Praise", "CSAT 5/5"),
	], stored
	assert mine[0]["sentiment"] == "Negative" and mine[0]["subject"] == words
