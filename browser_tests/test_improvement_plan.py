"""4. A manager runs an Improvement Plan through its workflow to Completed: asks for approval,
approves it (the first level: the plan's approver role, its department naming no head), a senior
leader approves it second, and the manager starts the work, marks its action done and completes
it."""

from desk import (
	current,
	dialog,
	doc_value,
	form_status,
	menu_item,
	open_form,
	t,
	wait_for_form,
	workflow_action,
)
from playwright.sync_api import expect


def test_manager_completes_improvement_plan(open_page, data, lang, screenshot):
	plan = data["plans"][lang]
	page = open_page(data["users"]["manager"][lang], lang=lang)
	open_form(page, "Improvement Plan", plan)
	assert doc_value(page, "workflow_state") == "Draft"

	workflow_action(page, "Submit for Approval", "Pending Approval")
	assert doc_value(page, "approver_role") == "Feedback Manager"
	workflow_action(page, "Approve", "Pending Senior Approval")
	assert doc_value(page, "first_approved_by") == data["users"]["manager"][lang]
	screenshot(page, f"improvement-plan-senior-approval-{lang}-desktop")
	# The senior leader (Feedback Settings: System Manager) approves second, in their own session.
	senior = open_page(data["users"]["admin"][lang], lang=lang)
	open_form(senior, "Improvement Plan", plan)
	workflow_action(senior, "Approve", "Approved")
	assert doc_value(senior, "approved_by") == data["users"]["admin"][lang]
	senior.close()
	page.reload()
	wait_for_form(page, "Improvement Plan", plan)
	assert doc_value(page, "workflow_state") == "Approved"
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
