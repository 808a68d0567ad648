"""7. A portal customer logs in, sends feedback through the website's form (a topic and the points
that apply ticked), finds it in My Feedback, and gets "not found" for another customer's record."""

import pytest
from playwright.sync_api import expect

TEXTS = {
	"en": {
		"my_feedback": "My Feedback",
		"thanks": "Thank you, we have received your feedback.",
		"description": "The lid of the thermos does not close and the tea leaks in my bag.",
	},
	"zh": {
		"my_feedback": "我的反馈",
		"thanks": "感谢您，我们已收到您的反馈。",
		"description": "保温杯的盖子关不紧，茶水漏到包里了。",
	},
}


@pytest.mark.viewports("desktop", "phone")
def test_portal_customer_sends_feedback(open_page, data, lang, viewport, watch, screenshot):
	texts = TEXTS[lang]
	page = open_page(viewport=viewport, lang=lang)
	page.goto("/login?redirect-to=/my-feedback")
	login = page.locator("form.form-login")
	login.locator("#login_email").fill(data["users"]["portal"][lang])
	login.locator("#login_password").fill(data["password"])
	login.locator(".btn-login").click()
	page.wait_for_url("**/my-feedback")
	expect(page.locator(".my-feedback h1")).to_have_text(texts["my_feedback"])

	page.locator(".my-feedback a[href='/feedback/new']").click()
	page.wait_for_url("**/feedback/new")
	subject = f"{data['prefix']} portal {lang} {viewport}: the thermos leaks"
	page.locator("label").filter(has=page.locator("input[name='feedback_type'][value='Complaint']")).click()
	# What it is about, and the points that apply: the chosen topic's aspects appear.
	page.locator("label").filter(has=page.locator("input[name='topic'][value='Service']")).click()
	aspect = page.locator(".fb-aspects[data-topic='Service'] .fb-aspect[value='Attitude']")
	expect(aspect).to_be_visible()
	aspect.check()
	page.locator("#fb-subject").fill(subject)
	page.locator("#fb-description").fill(texts["description"])
	page.locator("#fb-consent").check()
	page.locator("#fb-form button[type=submit]").click()
	confirmation = page.locator("#fb-confirmation")
	expect(confirmation).to_be_visible()
	expect(confirmation).to_contain_text(texts["thanks"])
	number = page.locator("#fb-number").inner_text().strip()
	assert number.startswith("FB"), number
	screenshot(page, f"portal-{lang}-{viewport}", full_page=True)

	confirmation.locator("a[href='/my-feedback']").click()
	page.wait_for_url("**/my-feedback")
	entry = page.locator(f".my-feedback a[href='/my-feedback/{number}']")
	expect(entry).to_contain_text(subject)
	entry.click()
	page.wait_for_url(f"**/my-feedback/{number}")
	expect(page.locator(".my-feedback-record")).to_contain_text(texts["description"])

	# Another customer's record does not exist for this customer: the same 404 as a wrong number.
	other = data["other_feedback"]
	watch.allow(f"/my-feedback/{other}")
	response = page.goto(f"/my-feedback/{other}")
	assert response.status == 404
	expect(page.locator("body")).not_to_contain_text(f"{data['prefix']} another customer's complaint")
