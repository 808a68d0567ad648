# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.intake.party_matching import customer_of_contact
from feedback_loop.services.intake.sender_identity import identity_key


class FeedbackSenderIdentity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact: DF.Link
		customer: DF.Link | None
		deleted_documents: DF.SmallText | None
		external_id: DF.Data
		identity_key: DF.Data | None
		source: DF.Link

	# end: auto-generated types
	def validate(self):
		self.identity_key = identity_key(self.source, self.external_id.strip())
		self.customer = customer_of_contact(self.contact) or self.customer
