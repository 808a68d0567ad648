"""4. A manager runs an Improvement Plan through its workflow to Completed: asks for approval,
approves it (the plan's approver role), starts the work, marks its action done and completes it."""

from desk import current, dialog, doc_value, form_status, menu_item, open_form, t, workflow_action
from playwright.sync_api import expect


def test_manager_completes_improvement_plan(open_page, data, lang, screenshot):
	plan = data["plans"][lang]
	page = open_page(data["users"]["manager"][lang], lang=lang)
	open_form(page, "Improvement Plan", plan)
	assert doc_value(page, "workflow_state") == "Draft"

	workflow_action(page, "Submit for Approval", "Pending Approval")
	assert doc_value(page, "approver_role") == "Feedback Manager"
	workflow_action(page, "Approve", "Approved")
	assert doc_value(page, "approved_by") == data["users"]["manager"][lang]
	workflow_action(page, "Start Work", "In Progress")

	# The action's owner (this manager) reports it done through My Actions: in this state only
	# a Quality Analyst may edit the plan itself.
	action = doc_value(page, "actions")[0]
	menu_item(page, "My Actions", f"1. {action['measure']}", translate=False)
	report = dialog(page)
	report.locator("select[data-fieldname='status']").select_option("Done")
	report.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.actions[0].action_status === 'Done' && !cur_frm.is_dirty()")
	expect(report).to_be_hidden()
	assert doc_value(page, "progress") == 100

	workflow_action(page, "Complete", "Completed")
	assert doc_value(page, "completed_on")
	expect(form_status(page)).to_contain_text(t(page, "Completed"))
	# Completion answers the plan's feedback: the record is Resolved with the plan as resolution.
	assert doc_value(page, "verification_due"), "the verification is planned"
	current(page, ".form-layout .frappe-control[data-fieldname='actions']").scroll_into_view_if_needed()
	screenshot(page, f"improvement-plan-{lang}-desktop")
	feedback = doc_value(page, "feedback_records")[0]["feedback_record"]
	open_form(page, "Feedback Record", feedback)
	assert doc_value(page, "status") == "Resolved"
