"""1. An agent records a complaint from the Customer page: Create → Feedback, prefilled, saved Open
with a priority and SLA due moments."""

from desk import current, doc_value, fill_field, form_status, menu_item, open_form, save, t, wait_for_form
from playwright.sync_api import expect


def test_agent_records_feedback_from_customer(open_page, data, lang, screenshot):
	page = open_page(data["users"]["agent"][lang], lang=lang)
	open_form(page, "Customer", data["customer"])
	menu_item(page, "Create", "Feedback")
	wait_for_form(page, "Feedback Record", new=True)
	assert doc_value(page, "customer") == data["customer"]
	assert doc_value(page, "contact") == data["contact"], "the customer's contact is prefilled"

	subject = f"{data['prefix']} agent {lang}: the cup arrived broken"
	fill_field(page, "subject", subject)
	fill_field(
		page,
		"description",
		"杯子到货时已经碎了，客服电话一直打不通。"
		if lang == "zh"
		else "The cup arrived broken and nobody answered the phone.",
	)
	save(page)

	assert doc_value(page, "status") == "Open"
	assert doc_value(page, "priority") in ("Urgent", "High", "Medium", "Low")
	assert doc_value(page, "sla_policy"), "an SLA policy was chosen"
	assert doc_value(page, "first_response_due") and doc_value(page, "resolution_due")
	assert doc_value(page, "response_sla_status")
	expect(form_status(page)).to_contain_text(t(page, "Open", "Feedback Record"))
	# The priority and the SLA as the form shows them, in the user's language.
	priority = current(page, ".form-layout .frappe-control[data-fieldname='priority']")
	expect(priority).to_contain_text(t(page, doc_value(page, "priority"), "Feedback Record"))
	# The Service Level section opens on a click, as the agent would open it.
	current(page, ".form-section[data-fieldname='sla_section'] .section-head").click()
	sla_status = current(page, ".form-layout .frappe-control[data-fieldname='response_sla_status']")
	expect(sla_status).to_be_visible()
	expect(sla_status).to_contain_text(t(page, doc_value(page, "response_sla_status"), "Feedback Record"))
	expect(current(page, ".frappe-control[data-fieldname='first_response_due']")).to_be_visible()
	current(page, ".form-section[data-fieldname='status_section']").evaluate("(e) => e.scrollIntoView()")
	screenshot(page, f"agent-feedback-{lang}-desktop")
