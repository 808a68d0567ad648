"""The campaign's incentive: a customer who answers its survey gets their own coupon, an ERPNext
Coupon Code (Gift Card: this customer, one use) for the campaign's Pricing Rule."""

import frappe
from frappe.utils import add_days, cint, today


def give_incentive(callback) -> str | None:
	"""The coupon code for the answer of a campaign's revisit, made once; None without incentive."""
	if not callback.campaign or not callback.customer:
		return None
	if callback.coupon_code:
		return frappe.db.get_value("Coupon Code", callback.coupon_code, "coupon_code")
	campaign = frappe.db.get_value(
		"Feedback Campaign", callback.campaign, ["pricing_rule", "coupon_valid_days"], as_dict=True
	)
	if not campaign or not campaign.pricing_rule:
		return None
	coupon = frappe.get_doc(
		{
			"doctype": "Coupon Code",
			"coupon_name": f"{callback.campaign} {callback.name}",
			"coupon_type": "Gift Card",
			"customer": callback.customer,
			"pricing_rule": campaign.pricing_rule,
			"valid_from": today(),
			"valid_upto": add_days(today(), cint(campaign.coupon_valid_days) or 30),
			"maximum_use": 1,
		}
	)
	coupon.flags.ignore_permissions = True
	coupon.insert()
	callback.coupon_code = coupon.name
	return coupon.coupon_code
