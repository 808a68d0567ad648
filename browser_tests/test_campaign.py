"""9. A manager starts a collection campaign: one revisit per target customer, and the form's
results (targets, sent, answered, response rate, findings) as the revisits go out."""

from desk import current, dialog, doc_value, open_form, t
from playwright.sync_api import expect


def test_manager_starts_campaign(open_page, data, lang, screenshot):
	campaign = data["campaigns"][lang]
	page = open_page(data["users"]["manager"][lang], lang=lang)
	open_form(page, "Feedback Campaign", campaign)
	assert doc_value(page, "status") == "Draft"
	results = current(page, ".frappe-control[data-fieldname='results_html']")
	expect(results).to_contain_text(t(page, "No results yet: start the campaign."))

	current(page, ".page-actions").get_by_role("button", name=t(page, "Start Campaign")).click()
	confirm = dialog(page)
	expect(confirm).to_contain_text(t(page, "Send the survey to every target customer now?"))
	confirm.locator(".btn-primary").click()
	planned = t(page, "{0} revisits planned; {1} customers could not be reached.")
	expect(dialog(page)).to_contain_text(planned.replace("{0}", "1").replace("{1}", "0"))
	dialog(page).locator(".btn-modal-close, .modal-header .btn-close, button.close").first.click()
	expect(dialog(page)).to_be_hidden()
	expect(page.locator(".modal-backdrop")).to_have_count(0)
	page.wait_for_function("() => cur_frm.doc.status === 'Running' && !cur_frm.is_dirty()")
	expect(results).to_contain_text(t(page, "Target Customers"))
	expect(results).to_contain_text(t(page, "Response Rate"))
	results.scroll_into_view_if_needed()
	screenshot(page, f"campaign-{lang}-desktop")
