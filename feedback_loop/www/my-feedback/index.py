import frappe
from frappe import _
from frappe.utils import cint

from feedback_loop.services.intake.portal import PAGE_SIZE, my_feedback, require_login

no_cache = 1


def get_context(context):
	require_login("/my-feedback")
	start = max(cint(frappe.form_dict.get("start")), 0)
	context.records = my_feedback(frappe.session.user, start=start)
	context.start = start
	context.page_size = PAGE_SIZE
	context.title = _("My Feedback")
	context.show_sidebar = True
	return context
