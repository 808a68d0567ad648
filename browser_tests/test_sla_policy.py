"""5. An administrator edits an SLA policy: the High priority's first response target goes from 4
to 6 working hours in the targets table, the preview follows, and the policy saves."""

from desk import current, doc_value, open_form, save, set_grid_cell
from playwright.sync_api import expect


def test_admin_changes_sla_target(open_page, data, lang, screenshot):
	policy = data["sla_policies"][lang]
	page = open_page(data["users"]["admin"][lang], lang=lang)
	open_form(page, "Feedback SLA Policy", policy)
	current(page, ".form-section[data-fieldname='preview_section'] .section-head").click()
	preview = current(page, ".frappe-control[data-fieldname='preview_html'] .fl-preview-table")
	expect(preview.locator("tr").first).to_be_visible()

	targets = doc_value(page, "targets")
	high = next(i for i, row in enumerate(targets) if row["priority"] == "High")
	assert targets[high]["response_time"] == 4
	grid = current(page, ".form-layout .frappe-control[data-fieldname='targets']")
	row = grid.locator(".grid-body .rows > .grid-row").nth(high)
	with page.expect_response(lambda r: "feedback_loop.api.sla.preview_due_moments" in r.url) as answer:
		set_grid_cell(page, "targets", row, high, "response_time", 6)
	assert answer.value.ok
	save(page)

	# Read back from the server, not from the form's memory.
	page.reload()
	open_form(page, "Feedback SLA Policy", policy)
	current(page, ".form-section[data-fieldname='preview_section'] .section-head").click()
	assert next(row for row in doc_value(page, "targets") if row["priority"] == "High")["response_time"] == 6
	expect(preview.locator("tr").first).to_be_visible()
	current(page, ".form-section[data-fieldname='targets_section']").evaluate("(e) => e.scrollIntoView()")
	screenshot(page, f"sla-policy-{lang}-desktop")
