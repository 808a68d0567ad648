# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document


class FeedbackInboundMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		external_sender: DF.Data | None
		feedback_record: DF.Link | None
		message_id: DF.Data | None
		nonce: DF.Data | None
		nonce_key: DF.Data | None
		outcome: DF.Literal["Created", "Repeated", "Refused"]
		refusal: DF.SmallText | None
		source: DF.Link | None
	# end: auto-generated types
	pass
