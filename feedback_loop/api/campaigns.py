"""Starting and closing a collection campaign from its form (services/campaigns/campaign.py)."""

import frappe

from feedback_loop.services.campaigns import campaign


def _campaign(name: str):
	frappe.has_permission("Feedback Campaign", "write", throw=True)
	doc = frappe.get_doc("Feedback Campaign", name)
	doc.check_permission("write")
	return doc


@frappe.whitelist(methods=["POST"])
def start_campaign(name: str) -> dict:
	"""One revisit per reachable target customer; {'planned': n, 'unreachable': m}."""
	return campaign.start_campaign(_campaign(name))


@frappe.whitelist(methods=["POST"])
def close_campaign(name: str) -> int:
	"""Closes the campaign; returns how many revisits not sent yet were cancelled."""
	return campaign.close_campaign(_campaign(name))
