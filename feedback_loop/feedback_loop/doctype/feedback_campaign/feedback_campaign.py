# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.campaigns.campaign import figures_of, validate_campaign


class FeedbackCampaign(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_campaign_customer.feedback_campaign_customer import (
			FeedbackCampaignCustomer,
		)

		campaign_name: DF.Data
		channel: DF.Literal["E-mail", "SMS", "WeChat", "Phone"]
		coupon_valid_days: DF.Int
		customers: DF.Table[FeedbackCampaignCustomer]
		end_date: DF.Date
		goal: DF.SmallText
		pricing_rule: DF.Link | None
		results_html: DF.HTML | None
		start_date: DF.Date
		status: DF.Literal["Draft", "Running", "Closed"]
		survey_template: DF.Link
		target_group: DF.Link | None
		target_territory: DF.Link | None
	# end: auto-generated types

	def validate(self):
		validate_campaign(self)

	def onload(self):
		if not self.is_new():
			self.set_onload("figures", figures_of(self.name))
