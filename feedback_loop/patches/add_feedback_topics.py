"""Sites installed before structured intake: the seeded topics (service, product, after-sales)."""

import frappe

from feedback_loop.services.intake.topics import add_default_topics


def execute():
	frappe.reload_doc("feedback_loop", "doctype", "feedback_topic_aspect")
	frappe.reload_doc("feedback_loop", "doctype", "feedback_topic")
	frappe.reload_doc("feedback_loop", "doctype", "feedback_record")
	add_default_topics()
