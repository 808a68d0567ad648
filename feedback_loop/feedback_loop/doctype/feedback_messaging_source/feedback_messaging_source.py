# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.messages.wechat_channel import forget_token
from feedback_loop.services.onboarding.setup_state import refresh_onboarding


class FeedbackMessagingSource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		api_base_url: DF.Data | None
		app_id: DF.Data | None
		app_secret: DF.Password | None
		channel: DF.Literal["WeChat", "SMS", "API"]
		enabled: DF.Check
		feedback_type: DF.Literal["Complaint", "Suggestion", "Praise", "Inquiry"]
		reply_en: DF.SmallText | None
		reply_zh: DF.SmallText | None
		secret: DF.Password
		source_name: DF.Data
		template_id: DF.Data | None

	# end: auto-generated types
	def validate(self):
		if self.api_base_url:
			self.api_base_url = self.api_base_url.strip().rstrip("/")

	def on_update(self):
		# A token fetched with the old AppID and AppSecret would be refused.
		forget_token(self.name)
		# The setup steps read this document (services/onboarding).
		refresh_onboarding()
