"""2. A customer opens the survey link of a revisit, on a 390 px phone (and on a desktop), in their
language: a low score with a few words. The answers are stored on the revisit and a Feedback
Record is made of them by the site's worker right after (checked in the desk by an agent)."""

import pytest
from desk import doc_value, open_form, value_set_in_background
from playwright.sync_api import expect

TEXTS = {
	"en": {"question": "How satisfied are you with your order?", "words": "The parcel came late and broken."},
	"zh": {"question": "您对本次订单满意吗？", "words": "送货太慢，包装破损，很失望。"},
}


@pytest.mark.viewports("phone", "desktop")
def test_customer_answers_survey(open_page, data, lang, viewport, screenshot):
	survey = data["surveys"][f"{lang}-{viewport}"]
	page = open_page(viewport=viewport, lang=lang)
	page.goto(survey["url"])
	expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if lang == "zh" else "en")
	first = page.locator(".card[data-key='q1']")
	expect(first.locator(".question")).to_contain_text(TEXTS[lang]["question"])
	if viewport == "phone":
		# Phone first: the form fits the screen's width, nothing to scroll sideways.
		assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

	first.locator("label").filter(has=page.locator("input[value='2']")).click()
	page.locator(".card[data-key='q2'] label").filter(has=page.locator("input[value='Delivery']")).click()
	page.locator(".card[data-key='q4'] textarea").fill(TEXTS[lang]["words"])
	screenshot(page, f"survey-{lang}-{viewport}", full_page=True)
	page.locator("#survey button[type=submit]").click()
	expect(page.locator("#thanks")).to_be_visible()
	expect(page.locator("#survey")).to_be_hidden()

	# An agent sees the answers on the revisit and the feedback made of them.
	desk = open_page(data["users"]["agent"][lang], lang=lang)
	open_form(desk, "Feedback Callback", survey["callback"])
	assert doc_value(desk, "status") == "Responded"
	assert doc_value(desk, "csat") == 2
	answers = [row["answer"] for row in doc_value(desk, "answers")]
	assert TEXTS[lang]["words"] in answers
	created = value_set_in_background(desk, "Feedback Callback", survey["callback"], "created_feedback")
	assert created, "a low score with words makes a Feedback Record"
	open_form(desk, "Feedback Record", created)
	assert doc_value(desk, "channel") == "Survey"
	assert doc_value(desk, "customer") == data["customer"]
	assert TEXTS[lang]["words"] in doc_value(desk, "description")
