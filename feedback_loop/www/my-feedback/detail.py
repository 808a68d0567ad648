import frappe
from frappe import _

from feedback_loop.services.intake.portal import my_feedback_record, require_login

no_cache = 1


def get_context(context):
	name = frappe.form_dict.get("name") or ""
	require_login(f"/my-feedback/{name}")
	# Another customer's record, or none: the same 404, so that numbers cannot be probed.
	context.record = my_feedback_record(frappe.session.user, name)
	context.title = frappe.utils.escape_html(context.record.subject or context.record.name)
	context.show_sidebar = True
	context.parents = [{"route": "my-feedback", "title": _("My Feedback")}]
	return context
